//! The words for an origin as typed and for the risk list itself: the match shown under the
//! field ("深圳 → 深圳市 · 高风险 · 分流"), an unknown origin, and a list that is out of date.

use chrono::NaiveDate;

use super::{Phrase, Said, p};
use crate::config::Language;
use crate::model::risk::RiskLevel;
use crate::model::risk_origin::{KnownOrigin, OriginCheck};

pub const NOT_LISTED: Phrase = p("不在风险列表", "not on the risk list");
pub const ALSO: Phrase = p("也可能是", "or perhaps");
pub const HINT: Phrase = p("深圳 / sz / shenzhen", "深圳 / sz / shenzhen");
pub const RISK_LIST: Phrase = p("风险地区列表", "Risk-area list");
pub const IMPORT_RISK_LIST: Phrase = p(
    "导入新的风险地区列表（U盘上的CSV或JSON文件路径）",
    "Import a new risk-area list (CSV or JSON file path on the USB drive)",
);
pub const IMPORT: Phrase = p("导入列表", "Import list");
pub const MAX_AGE: Phrase = p("风险列表过期天数", "Risk list out of date after (days)");
pub const FILES_ON_STICK: Phrase = p("U盘上的列表文件：", "List files on the USB drive:");

pub fn level(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::High => "高风险",
        RiskLevel::Medium => "中风险",
    }
}

fn level_in(level: RiskLevel, lang: Language) -> &'static str {
    match lang {
        Language::ZhCn => self::level(level),
        Language::En => level.label_en(),
    }
}

/// The line under an origin field; `None` when nothing is typed.
pub fn origin_line(check: &OriginCheck, lang: Language) -> Option<String> {
    match check {
        OriginCheck::Empty => None,
        OriginCheck::Unknown { typed } => Some(match lang {
            Language::ZhCn => format!("“{typed}”不是已知地区：风险未知，请输入城市名或点选建议"),
            Language::En => format!(
                "“{typed}” is no region we know: risk UNKNOWN; type the city or pick a suggestion"
            ),
        }),
        OriginCheck::Known(known) => Some(known_line(known, lang)),
    }
}

fn known_line(known: &KnownOrigin, lang: Language) -> String {
    let district = known.district.as_deref().unwrap_or_default();
    let place = match lang {
        Language::ZhCn => format!("{}{district}", known.name),
        Language::En if district.is_empty() => format!("{} ({})", known.name_en, known.name),
        Language::En => format!("{} {district} ({})", known.name_en, known.name),
    };
    let verdict = match (known.deciding_level(), known.within) {
        (Some(level), _) => format!(
            "{} · {}",
            level_in(level, lang),
            super::terms::DIVERT.say(lang)
        ),
        (None, Some(inside)) => match lang {
            Language::ZhCn => format!("市内有{}区县，请问清具体区县", self::level(inside)),
            Language::En => format!(
                "has a {} district inside: ask which district",
                inside.label_en().to_lowercase()
            ),
        },
        (None, None) => NOT_LISTED.say(lang).to_owned(),
    };
    let mut line = format!("{} → {place} · {verdict}", known.typed);
    if !known.others.is_empty() {
        let separator = match lang {
            Language::ZhCn => "、",
            Language::En => ", ",
        };
        line.push_str(&format!(
            " ({}: {})",
            ALSO.say(lang),
            known.others.join(separator)
        ));
    }
    line
}

/// The risk list's date and source, for Settings and the Scan screen.
pub fn list_summary(updated: NaiveDate, source: &str, areas: usize) -> Said {
    Said::new(
        format!(
            "{RISK}：{updated}更新，共{areas}个地区；来源：{source}",
            RISK = RISK_LIST.zh
        ),
        format!(
            "{}: updated {updated}, {areas} areas; source: {source}",
            RISK_LIST.en
        ),
    )
}

/// The Scan screen's warning for a list older than the configured days.
pub fn stale_warning(updated: NaiveDate, age_days: i64) -> Said {
    Said::new(
        format!("风险地区列表已过期：{updated}更新，已{age_days}天；请在设置中导入最新列表"),
        format!(
            "The risk-area list is out of date: updated {updated}, {age_days} days ago; import the current list in Settings"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::risk::RiskList;

    #[test]
    fn the_match_is_said_as_the_volunteer_types() {
        let sample = RiskList::bundled_sample().expect("sample");
        let zh = origin_line(&sample.check_origin("深圳", None), Language::ZhCn);
        assert_eq!(zh.as_deref(), Some("深圳 → 深圳市 · 高风险 · 分流"));
        let en = origin_line(&sample.check_origin("shenzhen", None), Language::En);
        assert_eq!(
            en.as_deref(),
            Some("shenzhen → Shenzhen (深圳市) · High risk · Diverted")
        );
        let unknown = origin_line(&sample.check_origin("火星", None), Language::ZhCn);
        assert!(unknown.is_some_and(|line| line.contains("风险未知")));
        let plain = origin_line(&sample.check_origin("广州", None), Language::ZhCn);
        assert_eq!(plain.as_deref(), Some("广州 → 广州市 · 不在风险列表"));
    }
}
