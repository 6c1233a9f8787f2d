//! An export record as one row of text cells, shared by CSV, Excel and HTML detail tables.

use chrono::{DateTime, FixedOffset};

use super::record::{ExportRecord, RecordDetails};

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

/// Cells in [`COLUMNS`] order; times in the report's time zone.
pub fn cells(record: &ExportRecord, tz: FixedOffset) -> Vec<String> {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let recorded_at = DateTime::parse_from_rfc3339(&record.recorded_at)
        .map(|at| {
            at.with_timezone(&tz)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| record.recorded_at.clone());
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
                    format!("{:.1} {}", reading.celsius.value(), reading.method.as_str())
                })
                .collect();
            let final_celsius = person
                .temperatures
                .last()
                .map(|reading| format!("{:.1}", reading.celsius.value()));
            row.extend([
                "person".to_owned(),
                record.direction.as_str().to_owned(),
                person.colour.as_str().to_owned(),
                person.colour_source.as_str().to_owned(),
                text(&person.name_masked),
                text(&person.code_masked),
                text(&person.document_kind),
                text(&person.document_masked),
                text(&person.phone_masked),
                readings.join("; "),
                final_celsius.unwrap_or_default(),
                yes_no(person.fever),
                person.travel_star.map(yes_no).unwrap_or_default(),
                text(&person.origin),
                text(&person.destination),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        RecordDetails::Vehicle(vehicle) => {
            row.extend(["vehicle".to_owned(), record.direction.as_str().to_owned()]);
            row.extend(std::iter::repeat_n(String::new(), 9));
            row.extend([
                "no".to_owned(),
                String::new(),
                text(&vehicle.origin),
                text(&vehicle.destination),
                vehicle.plate.clone(),
                vehicle.plate_kind.clone(),
                vehicle.vehicle_type.clone(),
                vehicle.passengers.to_string(),
            ]);
        }
    }
    row.extend([
        record.decision.as_str().to_owned(),
        record
            .repeat_of
            .map(|id| id.to_string())
            .unwrap_or_default(),
        voided,
        text(&record.note),
    ]);
    row
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
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
        let person_cells = cells(&ExportRecord::from_stored(&person), utc);
        let vehicle_cells = cells(&ExportRecord::from_stored(&vehicle), utc);
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
        let plate_column = COLUMNS
            .iter()
            .position(|name| *name == "plate")
            .expect("plate column");
        assert_eq!(vehicle_cells[plate_column], "粤B1C2D3");
    }
}
