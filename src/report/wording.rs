//! How a human report (CSV, Excel, HTML, print, the report view) words what it says: titles,
//! periods and reasons, made from the text catalogue's phrases (`text`). The JSON export never
//! uses these: it keeps its machine schema.

use chrono::{DateTime, FixedOffset, Utc};

use super::ExceptionRow;
use super::cell::Cell;
use super::scope::ReportScope;
use crate::config::Language;
use crate::model::EntryKind;
pub use crate::text::Phrase;
pub use crate::text::report::*;
pub use crate::text::terms::{
    FEVER, NO, PERSON, VEHICLE, VOIDED, YES, colour, colour_source, decision, direction,
    document_kind, kind, method, plate_kind, vehicle_type, yes_no,
};

pub fn column_titles(lang: Language) -> Vec<&'static str> {
    COLUMN_TITLES.iter().map(|title| title.say(lang)).collect()
}

/// Why an exception is listed ("发热，移交" / "Fever, Refer"), in the fixed order fever,
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
    REASON_SEPARATOR.say(lang)
}

/// A local date and time as reports print it.
pub fn local_time(at: DateTime<Utc>, tz: FixedOffset) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// A time as a report's typed cell (an Excel date-time), in the report's time zone.
pub fn local_cell(at: DateTime<Utc>, tz: FixedOffset, seconds: bool) -> Cell {
    let local = at.with_timezone(&tz).naive_local();
    if seconds {
        Cell::time(local)
    } else {
        Cell::minute(local)
    }
}

/// The exporting kiosk's own checkpoint: its id and its name from kiosk.toml. Rows from other
/// checkpoints (imported from neighbours) keep their ids: this kiosk does not know their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnCheckpoint<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

impl<'a> OwnCheckpoint<'a> {
    /// The name applies to the scope's one checkpoint; a report over every checkpoint, or a
    /// blank name, names none.
    pub fn of(scope: &'a ReportScope, name: Option<&'a str>) -> Option<Self> {
        let id = scope.checkpoint_id()?;
        let name = name.map(str::trim).filter(|name| !name.is_empty())?;
        Some(Self { id, name })
    }

    /// How a checkpoint is called in a report: our name for our id, any other by its id.
    pub fn call<'s>(own: Option<Self>, checkpoint_id: &'s str) -> &'s str
    where
        'a: 's,
    {
        match own {
            Some(own) if own.id == checkpoint_id => own.name,
            _ => checkpoint_id,
        }
    }
}

/// A report's title: the checkpoint's name, the shift and the period in local time, e.g.
/// "东门 第3班 2026-11-20 08:00 至 16:00". The name applies only to a report of one checkpoint.
pub fn title(
    scope: &ReportScope,
    checkpoint_name: Option<&str>,
    tz: FixedOffset,
    lang: Language,
) -> String {
    let place = match scope.checkpoint_id() {
        Some(id) => place_name(
            OwnCheckpoint::call(OwnCheckpoint::of(scope, checkpoint_name), id),
            lang,
        ),
        None => ALL_CHECKPOINTS.say(lang).to_owned(),
    };
    let period = period(scope, tz, lang);
    match scope.shift() {
        Some(shift) => shift_title(&place, shift.shift_id, &period, lang),
        None => format!("{place} {period}"),
    }
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
    format!("{from} {} {to}", PERIOD_TO.say(lang))
}

/// Who exported, as the reader reads it: the command line's "unknown" (no `--by`, no `$USER`),
/// nothing at all, or the window's "nobody signed in" become the reader's own words.
pub fn exporter(exported_by: &str, lang: Language) -> String {
    let name = exported_by.trim();
    if name.is_empty() || name == "unknown" {
        UNKNOWN_EXPORTER.say(lang).to_owned()
    } else {
        operator(name, lang).to_owned()
    }
}

/// Who recorded an entry, as the reader reads it: the kiosk's placeholder for "nobody signed
/// in" in the reader's words, a volunteer's name as it was recorded.
pub fn operator(recorded: &str, lang: Language) -> &str {
    if recorded == crate::store::UNNAMED_OPERATOR {
        UNNAMED_OPERATOR.say(lang)
    } else {
        recorded
    }
}

/// A checkpoint, gate or shift name in the reader's words: the kiosk's default names (检查点,
/// 1号岗, 夜班) are translated, typed names kept.
pub fn place_name(stored: &str, lang: Language) -> String {
    crate::text::terms::default_name(stored, lang).into_owned()
}

/// What a human report says about itself above its tables: title, checkpoint, shift, leader,
/// handover note, period, who and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub lang: Language,
    pub title: String,
    /// Label and value, in print order; times are typed cells.
    pub facts: Vec<(&'static str, Cell)>,
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
        let own = OwnCheckpoint::of(scope, checkpoint_name);
        let mut facts = Vec::new();
        match scope.checkpoint_id() {
            Some(id) => {
                facts.push((
                    CHECKPOINT.say(lang),
                    Cell::text(place_name(OwnCheckpoint::call(own, id), lang)),
                ));
                if own.is_some() {
                    facts.push((CHECKPOINT_ID.say(lang), Cell::text(id)));
                }
            }
            None => facts.push((CHECKPOINT.say(lang), Cell::text(ALL_CHECKPOINTS.say(lang)))),
        }
        if let Some(shift) = scope.shift() {
            let note = shift
                .handover_note
                .as_deref()
                .map(str::trim)
                .filter(|note| !note.is_empty())
                .unwrap_or(NONE.say(lang));
            facts.extend([
                (
                    SHIFT.say(lang),
                    Cell::text(shift_number(shift.shift_id, lang)),
                ),
                (
                    SHIFT_OPENED.say(lang),
                    local_cell(shift.opened_at, tz, false),
                ),
                (
                    SHIFT_CLOSED.say(lang),
                    shift.closed_at.map_or_else(
                        || Cell::text(SHIFT_STILL_OPEN.say(lang)),
                        |closed| local_cell(closed, tz, false),
                    ),
                ),
                (LEADER.say(lang), Cell::text(shift.leader.as_str())),
                (HANDOVER_NOTE.say(lang), Cell::text(note)),
            ]);
        }
        if scope.shift().is_none() {
            // A shift's period is its opening and closing, said above.
            facts.push((PERIOD.say(lang), Cell::text(period(scope, tz, lang))));
        }
        facts.extend([
            (EXPORTED_AT.say(lang), local_cell(exported_at, tz, false)),
            (
                EXPORTED_BY.say(lang),
                Cell::text(exporter(exported_by, lang)),
            ),
            (
                PERSONAL_DATA.say(lang),
                Cell::text(PERSONAL_DATA_NOTE.say(lang)),
            ),
        ]);
        Self {
            lang,
            title: format!(
                "{}{}{}",
                REPORT.say(lang),
                TITLE_SEPARATOR.say(lang),
                title(scope, checkpoint_name, tz, lang)
            ),
            facts,
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
    let counts = imported_counts(
        lang,
        [
            summary.added,
            summary.unchanged,
            summary.conflicts.len() as u64,
            summary.rejected.len() as u64,
        ],
    );
    let hashes = match &summary.hashes {
        super::ImportedHashes::Kept => HASHES_KEPT.say(lang).to_owned(),
        super::ImportedHashes::NoneInFile => NO_HASHES_IN_FILE.say(lang).to_owned(),
        super::ImportedHashes::OtherSecret { theirs, .. } => other_secret(theirs, lang),
    };
    let passes = &summary.passes;
    if passes.in_file.is_empty() && passes.refused == 0 {
        return format!("{counts} {hashes}");
    }
    let passes = crate::text::passes::neighbour_file_items(lang, passes.kept, passes.refused);
    format!("{counts} {hashes} {passes}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_chinese_and_an_english_title() {
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
