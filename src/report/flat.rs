//! An export record as one row of text cells, shared by CSV, Excel and HTML detail tables.

use chrono::{DateTime, FixedOffset};

use super::record::{ExportRecord, RecordDetails};
use super::wording;
use crate::config::Language;

pub const COLUMNS: [&str; 28] = [
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
    "decision",
    "repeat_of",
    "voided",
    "note",
];

/// Cells in [`COLUMNS`] order, worded for the reader (`lang`); times in the report's time zone.
pub fn cells(record: &ExportRecord, tz: FixedOffset, lang: Language) -> Vec<String> {
    let say = |phrase: wording::Phrase| phrase.say(lang).to_owned();
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let recorded_at = DateTime::parse_from_rfc3339(&record.recorded_at).map_or_else(
        |_| record.recorded_at.clone(),
        |at| {
            at.with_timezone(&tz)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        },
    );
    let voided = record
        .voided
        .as_ref()
        .map(|voided| format!("{} ({})", voided.reason, voided.operator))
        .unwrap_or_default();
    let mut row = vec![
        record.entry_id.to_string(),
        record.checkpoint_id.clone(),
        record.gate.clone(),
        record.operator.clone(),
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
            let final_celsius = person
                .temperatures
                .last()
                .map(|reading| format!("{:.1}", reading.celsius.value()));
            row.extend([
                say(wording::PERSON),
                say(wording::direction(record.direction)),
                say(wording::colour(person.colour)),
                say(wording::colour_source(person.colour_source)),
                text(&person.name_masked),
                text(&person.code_masked),
                person
                    .document_kind
                    .map(|kind| wording::document_kind(kind, lang).to_owned())
                    .unwrap_or_default(),
                text(&person.document_masked),
                text(&person.phone_masked),
                readings.join(wording::list_separator(lang)),
                final_celsius.unwrap_or_default(),
                say(wording::yes_no(person.fever)),
                person
                    .travel_star
                    .map(|star| say(wording::yes_no(star)))
                    .unwrap_or_default(),
                text(&person.origin),
                text(&person.destination),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        RecordDetails::Vehicle(vehicle) => {
            row.extend([
                say(wording::VEHICLE),
                say(wording::direction(record.direction)),
            ]);
            row.extend(std::iter::repeat_n(String::new(), 9));
            row.extend([
                say(wording::NO),
                String::new(),
                text(&vehicle.origin),
                text(&vehicle.destination),
                vehicle.plate.clone(),
                wording::plate_kind(vehicle.plate_kind, lang).to_owned(),
                vehicle.vehicle_type.clone(),
                vehicle.passengers.to_string(),
            ]);
        }
    }
    row.extend([
        say(wording::decision(record.decision)),
        record
            .repeat_of
            .map(|id| id.to_string())
            .unwrap_or_default(),
        voided,
        text(&record.note),
    ]);
    row
}

/// Whether the row is a fever (highlighted in Excel and HTML).
pub fn is_fever(record: &ExportRecord) -> bool {
    matches!(&record.details, RecordDetails::Person(person) if person.fever)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::entry::{NewPersonEntry, NewVehicleEntry, Provenance};
    use crate::model::{EntryId, PersonEntry, VehicleEntry};
    use crate::store::StoredEntry;

    fn at() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp_millis(1_763_625_600_000).expect("valid")
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
        let person_cells = cells(&ExportRecord::from_stored(&person), utc, Language::En);
        let vehicle_cells = cells(&ExportRecord::from_stored(&vehicle), utc, Language::En);
        let chinese = cells(&ExportRecord::from_stored(&person), utc, Language::ZhCn);
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
            ("yes", "no")
        );
        assert_eq!(chinese[fever_column], "是");
        assert_eq!(chinese[5], "人员");
        let plate_column = COLUMNS
            .iter()
            .position(|name| *name == "plate")
            .expect("plate column");
        assert_eq!(vehicle_cells[plate_column], "粤B1C2D3");
    }
}
