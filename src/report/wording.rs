//! Every word a human report says (CSV, Excel, HTML, print, the report view), in Chinese and
//! English, kept in one place. The JSON export never uses these: it keeps its machine schema.

use chrono::{DateTime, FixedOffset, Utc};

use super::ExceptionRow;
use super::scope::ReportScope;
use crate::config::Language;
use crate::model::entry::ColourSource;
use crate::model::{
    Decision, Direction, EntryKind, HealthColour, MeasureMethod, document::DocumentKind,
    plate::RecordedPlateKind,
};

/// One phrase in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Phrase {
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Self { zh, en }
    }

    pub fn say(self, lang: Language) -> &'static str {
        match lang {
            Language::ZhCn => self.zh,
            Language::En => self.en,
        }
    }
}

const fn p(zh: &'static str, en: &'static str) -> Phrase {
    Phrase::new(zh, en)
}

/// Titles of the detail columns, in `flat::COLUMNS` order.
pub const COLUMN_TITLES: [Phrase; 28] = [
    p("记录编号", "Entry ID"),
    p("检查点", "Checkpoint"),
    p("岗位", "Gate"),
    p("登记人", "Operator"),
    p("时间", "Time"),
    p("类别", "Kind"),
    p("方向", "Direction"),
    p("健康码", "Health code"),
    p("颜色来源", "Colour from"),
    p("姓名", "Name"),
    p("码号", "Code"),
    p("证件类型", "Document"),
    p("证件号", "Document number"),
    p("电话", "Phone"),
    p("体温记录", "Temperatures"),
    p("最终体温（°C）", "Final °C"),
    p("发热", "Fever"),
    p("行程卡带星", "Travel star"),
    p("来源地", "From"),
    p("目的地", "To"),
    p("车牌", "Plate"),
    p("号牌种类", "Plate kind"),
    p("车辆类型", "Vehicle type"),
    p("车上人数", "Passengers"),
    p("处置", "Decision"),
    p("重复于", "Repeat of"),
    p("作废", "Voided"),
    p("备注", "Note"),
];

pub fn column_titles(lang: Language) -> Vec<&'static str> {
    COLUMN_TITLES.iter().map(|title| title.say(lang)).collect()
}

pub const PERSON: Phrase = p("人员", "Person");
pub const VEHICLE: Phrase = p("车辆", "Vehicle");
pub const PEOPLE: Phrase = p("人员", "People");
pub const VEHICLES: Phrase = p("车辆", "Vehicles");
pub const YES: Phrase = p("是", "yes");
pub const NO: Phrase = p("否", "no");
pub const FEVER: Phrase = p("发热", "fever");
pub const VOIDED: Phrase = p("已作废", "voided");
pub const SHEET_SUMMARY: Phrase = p("汇总", "Summary");
pub const SHEET_PEOPLE: Phrase = p("人员", "People");
pub const SHEET_VEHICLES: Phrase = p("车辆", "Vehicles");
pub const REPORT: Phrase = p("检查点报表", "Checkpoint report");
pub const EXPORTED_AT: Phrase = p("导出时间", "Exported at");
pub const EXPORTED_BY: Phrase = p("导出人", "Exported by");
pub const PERIOD: Phrase = p("时段", "Period");
pub const STILL_OPEN: Phrase = p("至今（班次未结束）", "now (shift still open)");
pub const PERSONAL_DATA: Phrase = p("个人信息", "Personal data");
pub const PERSONAL_DATA_NOTE: Phrase = p(
    "证件号、电话、姓名和码号仅以脱敏形式出现（如 110105********002X、138****5678、张*）",
    "ID numbers, phones, names and codes appear only masked (110105********002X, 138****5678, 张*)",
);
pub const PER_HOUR_CHART: Phrase = p("每小时人员与车辆", "People and vehicles per hour");
pub const HOUR_AXIS: Phrase = p("时（0–23）", "hour (0–23)");
pub const ENTRIES: Phrase = p("登记明细", "Entries");
pub const COUNT: Phrase = p("数量", "Count");
pub const TOTALS: Phrase = p("合计", "Totals");
pub const BY_CHECKPOINT: Phrase = p("各检查点", "By checkpoint");
pub const PER_HOUR: Phrase = p("每小时", "Per hour");
pub const HOUR: Phrase = p("时段", "Hour");
pub const VEHICLES_BY_TYPE: Phrase = p("车辆按类型", "Vehicles by type");
pub const VEHICLES_BY_ORIGIN: Phrase = p("车辆按来源地", "Vehicles by origin");
pub const SENT_TO_INSPECTION: Phrase = p("分流检查", "Sent to inspection");
pub const EXCEPTIONS: Phrase = p("异常情况", "Exceptions");
pub const NONE: Phrase = p("无", "None");
pub const ON_DUTY: Phrase = p("值班人员", "On duty");
pub const NAME: Phrase = p("姓名", "Name");
pub const HANDOVER_NOTE: Phrase = p("交班说明", "Handover note");
pub const TIME: Phrase = p("时间", "Time");
pub const WHY: Phrase = p("原因", "Why");
pub const WHO: Phrase = p("对象", "Who");
pub const OPERATOR: Phrase = p("登记人", "Operator");
pub const CHECKPOINT: Phrase = p("检查点", "Checkpoint");
pub const GATE: Phrase = p("岗位", "Gate");
pub const VOID_REASON: Phrase = p("作废原因", "Void reason");
pub const ALL_CHECKPOINTS: Phrase = p("全部检查点", "all checkpoints");
pub const TOO_MANY_ROWS: Phrase = p(
    "仅列出前 {n} 条；全部记录请导出 CSV 或 Excel。",
    "The first {n} entries are listed; export CSV or Excel for all of them.",
);

/// The totals table's labels, in the order `summary_rows::totals_lines` lists them.
pub const TOTAL_LABELS: [Phrase; 15] = [
    p("人员进", "People in"),
    p("人员出", "People out"),
    p("车辆进", "Vehicles in"),
    p("车辆出", "Vehicles out"),
    p("绿码", "Green"),
    p("黄码", "Yellow"),
    p("红码", "Red"),
    p("颜色未知", "Colour not known"),
    p("发热", "Fever"),
    p("通行", "Passed"),
    p("劝返", "Turned back"),
    p("移交", "Handed over"),
    p("分流", "Diverted"),
    p("重复", "Repeats"),
    p("作废", "Voided"),
];

pub fn kind(kind: EntryKind) -> Phrase {
    match kind {
        EntryKind::Person => PERSON,
        EntryKind::Vehicle => VEHICLE,
    }
}

pub fn direction(direction: Direction) -> Phrase {
    match direction {
        Direction::In => p("进", "in"),
        Direction::Out => p("出", "out"),
    }
}

pub fn colour(colour: HealthColour) -> Phrase {
    match colour {
        HealthColour::Green => p("绿码", "green"),
        HealthColour::Yellow => p("黄码", "yellow"),
        HealthColour::Red => p("红码", "red"),
        HealthColour::Unknown => p("未知", "unknown"),
    }
}

pub fn colour_source(source: ColourSource) -> Phrase {
    match source {
        ColourSource::Scanned => p("扫码识别", "scanned"),
        ColourSource::Confirmed => p("人工确认", "confirmed by hand"),
    }
}

pub fn decision(decision: Decision) -> Phrase {
    match decision {
        Decision::Pass => p("通行", "pass"),
        Decision::Deny => p("劝返", "turned back"),
        Decision::Refer => p("移交", "handed over"),
        Decision::Divert => p("分流", "diverted"),
    }
}

pub fn method(method: MeasureMethod) -> Phrase {
    match method {
        MeasureMethod::Forehead => p("额温", "forehead"),
        MeasureMethod::Wrist => p("腕温", "wrist"),
        MeasureMethod::Armpit => p("腋温", "armpit"),
    }
}

pub fn yes_no(value: bool) -> Phrase {
    if value { YES } else { NO }
}

/// A document kind as the reader calls it.
pub fn document_kind(kind: DocumentKind, lang: Language) -> &'static str {
    match lang {
        Language::ZhCn => kind.label_zh(),
        Language::En => kind.label_en(),
    }
}

/// A plate kind as the reader calls it; a free-text plate's kind is shown by its stored name,
/// "other", as reports always showed it.
pub fn plate_kind(kind: RecordedPlateKind, lang: Language) -> &'static str {
    match (kind, lang) {
        (RecordedPlateKind::Ga36(kind), Language::ZhCn) => kind.label_zh(),
        (RecordedPlateKind::Ga36(kind), Language::En) => kind.label_en(),
        (RecordedPlateKind::Other, _) => kind.as_str(),
    }
}

/// Why an exception is listed ("发热，移交" / "fever, handed over"), in the fixed order fever,
/// colour, decision, voided.
pub fn reasons(row: &ExceptionRow, lang: Language) -> String {
    let mut phrases = Vec::new();
    if row.fever {
        phrases.push(FEVER);
    }
    if row.kind == EntryKind::Person && row.colour.is_exception() {
        phrases.push(colour(row.colour));
    }
    if row.decision.is_exception() {
        phrases.push(decision(row.decision));
    }
    if row.void_reason.is_some() {
        phrases.push(VOIDED);
    }
    let said: Vec<&str> = phrases.iter().map(|phrase| phrase.say(lang)).collect();
    said.join(list_separator(lang))
}

pub fn list_separator(lang: Language) -> &'static str {
    Language::pick(lang, "，", ", ")
}

/// A local date and time as reports print it.
pub fn local_time(at: DateTime<Utc>, tz: FixedOffset) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// A report's title: the checkpoint's name, the shift and the period in local time, e.g.
/// "东门 第3班 2026-11-20 08:00 至 16:00".
pub fn title(
    scope: &ReportScope,
    checkpoint_name: Option<&str>,
    tz: FixedOffset,
    lang: Language,
) -> String {
    let place = checkpoint_name
        .filter(|name| !name.trim().is_empty())
        .map(str::to_owned)
        .or_else(|| scope.checkpoint_id().map(str::to_owned))
        .unwrap_or_else(|| ALL_CHECKPOINTS.say(lang).to_owned());
    let shift = scope.shift().map(|shift| match lang {
        Language::ZhCn => format!(" 第{}班", shift.shift_id),
        Language::En => format!(", shift {}", shift.shift_id),
    });
    format!(
        "{place}{} {}",
        shift.unwrap_or_default(),
        period(scope, tz, lang)
    )
}

/// The period a scope covers, in local time; an open shift runs "to now".
pub fn period(scope: &ReportScope, tz: FixedOffset, lang: Language) -> String {
    let from = local_time(scope.from(), tz);
    let open = scope.to() == DateTime::<Utc>::MAX_UTC;
    let to = if open {
        STILL_OPEN.say(lang).to_owned()
    } else {
        local_time(scope.to(), tz)
    };
    format!("{from} {} {to}", lang.pick("至", "to"))
}

/// What a human report says about itself above its tables: title, period, who and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub lang: Language,
    pub title: String,
    /// Label and value, in print order.
    pub facts: Vec<(&'static str, String)>,
}

impl Heading {
    pub fn new(
        scope: &ReportScope,
        checkpoint_name: Option<&str>,
        exported_at: DateTime<Utc>,
        exported_by: &str,
        tz: FixedOffset,
        lang: Language,
    ) -> Self {
        Self {
            lang,
            title: format!(
                "{}：{}",
                REPORT.say(lang),
                title(scope, checkpoint_name, tz, lang)
            ),
            facts: vec![
                (PERIOD.say(lang), period(scope, tz, lang)),
                (EXPORTED_AT.say(lang), local_time(exported_at, tz)),
                (EXPORTED_BY.say(lang), exported_by.to_owned()),
                (
                    PERSONAL_DATA.say(lang),
                    PERSONAL_DATA_NOTE.say(lang).to_owned(),
                ),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_chinese_and_an_english_title() {
        assert_eq!(COLUMN_TITLES.len(), super::super::flat::COLUMNS.len());
        for title in COLUMN_TITLES {
            assert!(!title.zh.is_ascii(), "{} has no Chinese title", title.en);
            let chinese = title
                .en
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(!chinese, "{} is not English", title.en);
        }
    }
}
