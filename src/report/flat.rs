//! An export record as one row of text cells, shared by CSV, Excel and HTML detail tables.

use chrono::{DateTime, FixedOffset, Utc};

use super::cell::Cell;
use super::record::{ExportRecord, RecordDetails};
use super::wording::{self, OwnCheckpoint};
use crate::config::Language;
use crate::model::EntryId;
use crate::store::StoredEntry;

pub const COLUMNS: [&str; 29] = [
    "entry_id",
    "checkpoint_id",
    "gate",
    "operator",
    "recorded_at",
    "kind",
    "direction",
    "colour",
    "colour_source",
    "name",
    "code",
    "document_kind",
    "document",
    "phone",
    "temperatures",
    "final_celsius",
    "fever",
    "travel_star",
    "origin",
    "destination",
    "plate",
    "plate_kind",
    "vehicle_type",
    "passengers",
    "came_with",
    "decision",
    "repeat_of",
    "voided",
    "note",
];

/// How the rows of one export are worded: the reader's language, the report's time zone, and
/// the name of the exporting kiosk's own checkpoint.
#[derive(Debug, Clone, Copy)]
pub struct RowWords<'a> {
    pub lang: Language,
    pub tz: FixedOffset,
    pub own: Option<OwnCheckpoint<'a>>,
}

/// The earlier entry a repeat refers to, as far as this kiosk holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    pub at: DateTime<Utc>,
    pub checkpoint_id: String,
    pub gate: String,
}

impl Earlier {
    pub fn of(entry: &StoredEntry) -> Self {
        let (at, provenance) = match entry {
            StoredEntry::Person(person) => (person.recorded_at, &person.provenance),
            StoredEntry::Vehicle(vehicle) => (vehicle.recorded_at, &vehicle.provenance),
        };
        Self {
            at,
            checkpoint_id: provenance.checkpoint_id.clone(),
            gate: provenance.gate.clone(),
        }
    }
}

/// The entry a companion or a passenger came with (the group's first person, or the vehicle),
/// as far as this kiosk holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CameWith {
    pub at: DateTime<Utc>,
    /// The masked name (or code, or document) of a person; the plate of a vehicle.
    pub label: String,
}

impl CameWith {
    pub fn of(entry: &StoredEntry) -> Self {
        match entry {
            StoredEntry::Person(person) => {
                let details = &person.details;
                let label = [&details.name, &details.code, &details.document]
                    .into_iter()
                    .flatten()
                    .map(|protected| protected.masked.clone())
                    .next()
                    .unwrap_or_default();
                Self {
                    at: person.recorded_at,
                    label,
                }
            }
            StoredEntry::Vehicle(vehicle) => Self {
                at: vehicle.recorded_at,
                label: vehicle.details.plate.clone(),
            },
        }
    }
}

/// Whatever else in the store one row refers to, looked up for people reading the export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// The entry a repeat repeats.
    pub earlier: Option<Earlier>,
    /// The group's first person or the vehicle a person came with.
    pub came_with: Option<CameWith>,
}

/// What the 同行于 column says: "乘车 粤B12345" for a passenger, "同行 08:37 张*" for a
/// companion; "记录 1a2b3c4d" for an entry this kiosk does not hold.
fn came_with(record: &ExportRecord, found: Option<&CameWith>, words: &RowWords<'_>) -> Cell {
    let RecordDetails::Person(person) = &record.details else {
        return Cell::Blank;
    };
    let (phrase, id) = match (person.vehicle_id, person.group_id) {
        (Some(vehicle), _) => (wording::IN_VEHICLE, vehicle),
        (None, Some(group)) => (wording::WITH_PERSON, group),
        (None, None) => return Cell::Blank,
    };
    let whom = found.map_or_else(
        || format!("{} {}", wording::ENTRY_SHORT.say(words.lang), short_id(id)),
        |found| match person.vehicle_id {
            Some(_) => found.label.clone(),
            None => format!(
                "{} {}",
                found.at.with_timezone(&words.tz).format("%H:%M"),
                found.label
            ),
        },
    );
    Cell::text(format!("{} {whom}", phrase.say(words.lang)))
}

/// An entry id's first eight hex digits, as the 记录 references show it.
fn short_id(id: EntryId) -> String {
    id.to_string()
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(8)
        .collect()
}

/// What the 重复于 column says: the earlier entry's time, checkpoint and gate when this kiosk
/// holds it, else "记录 1a2b3c4d" (a neighbour's entry, or one already purged).
fn repeat_of(repeat: EntryId, earlier: Option<&Earlier>, words: &RowWords<'_>) -> String {
    let Some(earlier) = earlier else {
        return format!(
            "{} {}",
            wording::ENTRY_SHORT.say(words.lang),
            short_id(repeat)
        );
    };
    format!(
        "{} {} {}",
        earlier
            .at
            .with_timezone(&words.tz)
            .format("%Y-%m-%d %H:%M:%S"),
        wording::place_name(
            OwnCheckpoint::call(words.own, &earlier.checkpoint_id),
            words.lang
        ),
        wording::place_name(&earlier.gate, words.lang)
    )
}

/// A note as the reader reads it: a practice entry (only in an export that asked for practice)
/// says so first, in the kiosk's words; what a volunteer typed is kept as typed.
fn note(note: Option<&str>, practice: bool, lang: Language) -> Cell {
    let typed = note.filter(|text| *text != "demo feed");
    let practice = practice || note == Some("demo feed");
    match (practice, typed) {
        (true, Some(text)) => Cell::text(format!("{}；{text}", wording::DEMO_FEED_NOTE.say(lang))),
        (true, None) => Cell::text(wording::DEMO_FEED_NOTE.say(lang)),
        (false, Some(text)) => Cell::text(text),
        (false, None) => Cell::Blank,
    }
}

/// A code's masked label; a code whose issuer the kiosk does not know is stored as "? …1234",
/// and said here in the reader's words.
pub fn code_label(label: Option<&str>, lang: Language) -> Cell {
    label.map_or(Cell::Blank, |label| {
        Cell::text(crate::text::gate::code_label(label, lang))
    })
}

/// A stored vehicle type in the reader's words ("truck" → 货车); an unknown one as stored.
pub fn vehicle_type(stored: &str, lang: Language) -> String {
    if stored.trim().is_empty() {
        return wording::NOT_GIVEN.say(lang).to_owned();
    }
    wording::vehicle_type(stored)
        .map_or_else(|| stored.to_owned(), |phrase| phrase.say(lang).to_owned())
}

/// Cells in [`COLUMNS`] order, worded for the reader; times in the report's time zone, typed
/// (Excel writes numbers and times as such, CSV and HTML print them).
pub fn cells(record: &ExportRecord, links: &Links, words: &RowWords<'_>) -> Vec<Cell> {
    let lang = words.lang;
    let say = |phrase: wording::Phrase| Cell::text(phrase.say(lang));
    let text = |value: &Option<String>| Cell::text(value.clone().unwrap_or_default());
    let recorded_at = DateTime::parse_from_rfc3339(&record.recorded_at).map_or_else(
        |_| Cell::text(record.recorded_at.as_str()),
        |at| Cell::time(at.with_timezone(&words.tz).naive_local()),
    );
    let voided = record
        .voided
        .as_ref()
        .map(|voided| format!("{} ({})", voided.reason, voided.operator))
        .unwrap_or_default();
    let mut row = vec![
        Cell::text(record.entry_id.to_string()),
        Cell::text(wording::place_name(
            OwnCheckpoint::call(words.own, &record.checkpoint_id),
            lang,
        )),
        Cell::text(wording::place_name(&record.gate, lang)),
        Cell::text(wording::operator(&record.operator, lang)),
        recorded_at,
    ];
    match &record.details {
        RecordDetails::Person(person) => {
            let readings: Vec<String> = person
                .temperatures
                .iter()
                .map(|reading| {
                    format!(
                        "{:.1} {}",
                        reading.celsius.value(),
                        wording::method(reading.method).say(lang)
                    )
                })
                .collect();
            let final_celsius = person.temperatures.last().map_or(Cell::Blank, |reading| {
                Cell::celsius(reading.celsius.value())
            });
            row.extend([
                say(wording::PERSON),
                say(wording::direction(record.direction)),
                say(wording::colour(person.colour)),
                say(wording::colour_source(person.colour_source)),
                text(&person.name_masked),
                code_label(person.code_masked.as_deref(), lang),
                document_kind(person, lang),
                text(&person.document_masked),
                text(&person.phone_masked),
                Cell::text(readings.join(wording::list_separator(lang))),
                final_celsius,
                say(wording::yes_no(person.fever)),
                person
                    .travel_star
                    .map_or(Cell::Blank, |star| say(wording::yes_no(star))),
                text(&person.origin),
                text(&person.destination),
                Cell::Blank,
                Cell::Blank,
                Cell::Blank,
                Cell::Blank,
                came_with(record, links.came_with.as_ref(), words),
            ]);
        }
        RecordDetails::Vehicle(vehicle) => {
            row.extend([
                say(wording::VEHICLE),
                say(wording::direction(record.direction)),
            ]);
            row.extend(std::iter::repeat_n(Cell::Blank, 9));
            row.extend([
                say(wording::NO),
                Cell::Blank,
                text(&vehicle.origin),
                text(&vehicle.destination),
                Cell::text(vehicle.plate.as_str()),
                Cell::text(wording::plate_kind(vehicle.plate_kind, lang)),
                Cell::text(vehicle_type(&vehicle.vehicle_type, lang)),
                Cell::count(vehicle.passengers),
                Cell::Blank,
            ]);
        }
    }
    row.extend([
        say(wording::decision(record.decision)),
        record.repeat_of.map_or(Cell::Blank, |id| {
            Cell::text(repeat_of(id, links.earlier.as_ref(), words))
        }),
        Cell::text(voided),
        note(record.note.as_deref(), record.practice, lang),
    ]);
    row
}

/// The document's kind, or "无证件儿童（6–11岁）" for a child registered without one.
fn document_kind(person: &super::record::PersonFields, lang: Language) -> Cell {
    match (person.age_band, person.document_kind) {
        (Some(band), _) => Cell::text(crate::text::terms::child_without_id(band, lang)),
        (None, Some(kind)) => Cell::text(wording::document_kind(kind, lang)),
        (None, None) => Cell::Blank,
    }
}

/// Whether the row is a fever (highlighted in Excel and HTML).
pub fn is_fever(record: &ExportRecord) -> bool {
    matches!(&record.details, RecordDetails::Person(person) if person.fever)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::entry::{NewPersonEntry, NewVehicleEntry, Provenance};
    use crate::model::{PersonEntry, VehicleEntry};

    fn at() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp_millis(1_763_625_600_000).expect("valid")
    }

    #[test]
    fn every_column_has_a_title() {
        assert_eq!(wording::COLUMN_TITLES.len(), COLUMNS.len());
    }

    #[test]
    fn people_and_vehicles_fill_every_column() {
        let person = StoredEntry::Person(PersonEntry {
            entry_id: EntryId::new_random(),
            recorded_at: at(),
            provenance: Provenance::default(),
            fever: true,
            details: NewPersonEntry::default(),
            voided: None,
        });
        let vehicle = StoredEntry::Vehicle(VehicleEntry {
            entry_id: EntryId::new_random(),
            recorded_at: at(),
            provenance: Provenance::default(),
            details: NewVehicleEntry {
                plate: "粤B1C2D3".to_owned(),
                ..NewVehicleEntry::default()
            },
            voided: None,
        });
        let utc = chrono::FixedOffset::east_opt(0).expect("UTC");
        let words = |lang| RowWords {
            lang,
            tz: utc,
            own: None,
        };
        let shown = |entry: &StoredEntry, lang| -> Vec<String> {
            cells(
                &ExportRecord::from_stored(entry),
                &Links::default(),
                &words(lang),
            )
            .iter()
            .map(Cell::shown)
            .collect()
        };
        let person_cells = shown(&person, Language::En);
        let vehicle_cells = shown(&vehicle, Language::En);
        let chinese = shown(&person, Language::ZhCn);
        assert_eq!(
            (person_cells.len(), vehicle_cells.len()),
            (COLUMNS.len(), COLUMNS.len())
        );
        let fever_column = COLUMNS
            .iter()
            .position(|name| *name == "fever")
            .expect("fever column");
        assert_eq!(
            (
                person_cells[fever_column].as_str(),
                vehicle_cells[fever_column].as_str()
            ),
            ("Yes", "No")
        );
        assert_eq!(chinese[fever_column], "是");
        assert_eq!(chinese[5], "人员");
        let plate_column = COLUMNS
            .iter()
            .position(|name| *name == "plate")
            .expect("plate column");
        assert_eq!(vehicle_cells[plate_column], "粤B1C2D3");
    }

    #[test]
    fn a_repeat_of_an_entry_this_kiosk_does_not_hold_is_said_in_short() {
        let earlier_id = EntryId::new_random();
        let person = StoredEntry::Person(PersonEntry {
            entry_id: EntryId::new_random(),
            recorded_at: at(),
            provenance: Provenance::default(),
            fever: false,
            details: NewPersonEntry {
                repeat_of: Some(earlier_id),
                ..NewPersonEntry::default()
            },
            voided: None,
        });
        let words = RowWords {
            lang: Language::ZhCn,
            tz: chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"),
            own: Some(OwnCheckpoint {
                id: "cp-1",
                name: "东门",
            }),
        };
        let column = COLUMNS
            .iter()
            .position(|name| *name == "repeat_of")
            .expect("repeat_of column");
        let record = ExportRecord::from_stored(&person);
        let short = cells(&record, &Links::default(), &words)[column].shown();
        let hex: String = earlier_id.to_string().chars().take(8).collect();
        assert_eq!(short, format!("记录 {hex}"));
        let earlier = Earlier {
            at: at(),
            checkpoint_id: "cp-1".to_owned(),
            gate: "1号岗".to_owned(),
        };
        let links = Links {
            earlier: Some(earlier),
            came_with: None,
        };
        let known = cells(&record, &links, &words)[column].shown();
        assert_eq!(known, "2025-11-20 16:00:00 东门 1号岗");
    }

    #[test]
    fn a_child_without_id_names_its_age_band_and_the_guardian_it_came_with() {
        let guardian = EntryId::new_random();
        let child = StoredEntry::Person(PersonEntry {
            entry_id: EntryId::new_random(),
            recorded_at: at(),
            provenance: Provenance::default(),
            fever: false,
            details: NewPersonEntry {
                group_id: Some(guardian),
                age_band: Some(crate::model::age_band::AgeBand::SixToEleven),
                ..NewPersonEntry::default()
            },
            voided: None,
        });
        let column = |name: &str| {
            COLUMNS
                .iter()
                .position(|column| *column == name)
                .expect("column")
        };
        let words = |lang| RowWords {
            lang,
            tz: chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8"),
            own: None,
        };
        let record = ExportRecord::from_stored(&child);
        let held = Links {
            earlier: None,
            came_with: Some(CameWith {
                at: at(),
                label: "王*".to_owned(),
            }),
        };
        let chinese = cells(&record, &held, &words(Language::ZhCn));
        assert_eq!(
            chinese[column("document_kind")].shown(),
            "无证件儿童（6–11岁）"
        );
        assert_eq!(chinese[column("came_with")].shown(), "同行 16:00 王*");
        let english = cells(&record, &Links::default(), &words(Language::En));
        assert_eq!(
            english[column("document_kind")].shown(),
            "Child without ID (aged 6–11)"
        );
        let hex: String = guardian.to_string().chars().take(8).collect();
        assert_eq!(
            english[column("came_with")].shown(),
            format!("With Entry {hex}")
        );
    }

    #[test]
    fn a_code_of_an_unknown_issuer_is_worded_not_a_question_mark() {
        assert_eq!(
            code_label(Some("? …9f3a"), Language::ZhCn).shown(),
            "未知来源的码 …9f3a"
        );
        assert_eq!(
            code_label(Some("? …9f3a"), Language::En).shown(),
            "Code of unknown issuer …9f3a"
        );
        assert_eq!(
            code_label(Some("粤康码 ****0014"), Language::En).shown(),
            "粤康码 ****0014"
        );
    }
}
