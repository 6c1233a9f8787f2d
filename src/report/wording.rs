//! How a human report (CSV, Excel, HTML, print, the report view) words what it says: titles,
//! periods and reasons, made from the text catalogue's phrases (`text`). The JSON export never
//! uses these: it keeps its machine schema.

use chrono::{DateTime, FixedOffset, Utc};

use super::ExceptionRow;
use super::scope::ReportScope;
use crate::config::Language;
use crate::model::EntryKind;
pub use crate::text::Phrase;
pub use crate::text::report::*;
pub use crate::text::terms::{
    FEVER, NO, PERSON, VEHICLE, VOIDED, YES, colour, colour_source, decision, direction,
    document_kind, kind, method, plate_kind, yes_no,
};

pub fn column_titles(lang: Language) -> Vec<&'static str> {
    COLUMN_TITLES.iter().map(|title| title.say(lang)).collect()
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

/// What an import did, in the volunteer's words, in both languages (shown in the one of the
/// moment it is drawn).
pub fn import_message(summary: &super::ImportSummary) -> crate::text::Said {
    crate::text::Said::in_both(|lang| import_words(lang, summary))
}

/// What an import did, in one language.
fn import_words(lang: Language, summary: &super::ImportSummary) -> String {
    let counts = match lang {
        Language::ZhCn => format!(
            "✓ 已导入 {} 条（已有 {} 条，内容冲突 {} 条未导入，无法读取 {} 条）",
            summary.added,
            summary.unchanged,
            summary.conflicts.len(),
            summary.rejected.len()
        ),
        Language::En => format!(
            "✓ Imported {} entries ({} already here, {} conflicting not imported, {} unreadable)",
            summary.added,
            summary.unchanged,
            summary.conflicts.len(),
            summary.rejected.len()
        ),
    };
    let hashes = match &summary.hashes {
        super::ImportedHashes::Kept => lang
            .pick(
                "其人员再来本卡口时会识别为重复登记。",
                "Their people are recognised here as repeats.",
            )
            .to_owned(),
        super::ImportedHashes::NoneInFile => lang
            .pick(
                "文件不含哈希：其人员无法识别为重复登记，请对方用“导出给邻近卡口”。",
                "The file has no hashes: its people are not recognised as repeats; ask for an export for neighbours.",
            )
            .to_owned(),
        super::ImportedHashes::OtherSecret { theirs, .. } => format!(
            "{} {theirs}{}",
            lang.pick("对方哈希密钥编号为", "Their hashing secret is"),
            lang.pick(
                "，与本机不同，哈希已忽略：请两台设备共用同一密钥。",
                ", not ours, so their hashes were ignored: share one secret between the kiosks.",
            )
        ),
    };
    format!("{counts} {hashes}")
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
