//! One entry as it appears in exports (schema `checkpoint-kiosk.export/1`, see the module docs of
//! `report`): masked personal data, never plain values. Keyed hashes of the code and the ID number
//! appear only in exports made for neighbouring kiosks that share the hashing secret.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::model::entry::{ColourSource, NewPersonEntry, NewVehicleEntry, Provenance, Voided};
use crate::model::pii::{KeyedHash, Protected};
use crate::model::{
    Decision, Direction, EntryId, HealthColour, PersonEntry, TemperatureReading, VehicleEntry,
};
use crate::store::StoredEntry;

/// An entry in an export file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRecord {
    pub entry_id: EntryId,
    pub checkpoint_id: String,
    pub gate: String,
    pub operator: String,
    /// RFC 3339, UTC, milliseconds.
    pub recorded_at: String,
    pub direction: Direction,
    pub decision: Decision,
    pub repeat_of: Option<EntryId>,
    pub note: Option<String>,
    pub voided: Option<Voided>,
    #[serde(flatten)]
    pub details: RecordDetails,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RecordDetails {
    Person(PersonFields),
    Vehicle(VehicleFields),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonFields {
    pub colour: HealthColour,
    pub colour_source: ColourSource,
    pub code_format: Option<String>,
    pub code_masked: Option<String>,
    pub document_kind: Option<String>,
    pub document_masked: Option<String>,
    pub name_masked: Option<String>,
    pub phone_masked: Option<String>,
    /// Keyed hash of the code payload, only in exports for kiosks sharing the hashing secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_hash: Option<String>,
    /// Keyed hash of the document number, as `code_hash`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_hash: Option<String>,
    pub temperatures: Vec<TemperatureReading>,
    pub fever: bool,
    pub travel_star: Option<bool>,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub vehicle_id: Option<EntryId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VehicleFields {
    pub plate: String,
    pub plate_kind: String,
    pub vehicle_type: String,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub passengers: u32,
    pub cargo: Option<String>,
}

pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn masked(value: Option<&Protected>) -> Option<String> {
    value.map(|protected| protected.masked.clone())
}

/// A stored hash worth exporting (imported entries may carry an empty one).
fn hash_of(value: Option<&Protected>) -> Option<String> {
    value
        .map(|protected| protected.hash.as_str())
        .filter(|hash| !hash.is_empty())
        .map(str::to_owned)
}

/// An imported value: its masked form, and its hash when it was made with our secret (an empty
/// hash otherwise, which the store treats as "nothing to recognise it by").
fn imported(masked: Option<&String>, hash: Option<&String>) -> Option<Protected> {
    let hash = hash
        .filter(|hash| hash.len() == 64 && hash.bytes().all(|byte| byte.is_ascii_hexdigit()))
        .map(|hash| hash.to_ascii_lowercase())
        .unwrap_or_default();
    masked.map(|masked| Protected {
        hash: KeyedHash::from_hex(hash),
        masked: masked.clone(),
    })
}

impl ExportRecord {
    pub fn from_stored(entry: &StoredEntry) -> Self {
        match entry {
            StoredEntry::Person(person) => Self::from_person(person),
            StoredEntry::Vehicle(vehicle) => Self::from_vehicle(vehicle),
        }
    }

    fn from_person(person: &PersonEntry) -> Self {
        let details = &person.details;
        Self {
            entry_id: person.entry_id,
            checkpoint_id: person.provenance.checkpoint_id.clone(),
            gate: person.provenance.gate.clone(),
            operator: person.provenance.operator.clone(),
            recorded_at: timestamp(person.recorded_at),
            direction: details.direction,
            decision: details.decision,
            repeat_of: details.repeat_of,
            note: details.note.clone(),
            voided: person.voided.clone(),
            details: RecordDetails::Person(PersonFields {
                colour: details.colour,
                colour_source: details.colour_source,
                code_format: details.code_format.clone(),
                code_masked: masked(details.code.as_ref()),
                document_kind: details.document_kind.clone(),
                document_masked: masked(details.document.as_ref()),
                name_masked: masked(details.name.as_ref()),
                phone_masked: masked(details.phone.as_ref()),
                code_hash: None,
                document_hash: None,
                temperatures: details.temperatures.clone(),
                fever: person.fever,
                travel_star: details.travel_star,
                origin: details.origin.clone(),
                destination: details.destination.clone(),
                vehicle_id: details.vehicle_id,
            }),
        }
    }

    fn from_vehicle(vehicle: &VehicleEntry) -> Self {
        let details = &vehicle.details;
        Self {
            entry_id: vehicle.entry_id,
            checkpoint_id: vehicle.provenance.checkpoint_id.clone(),
            gate: vehicle.provenance.gate.clone(),
            operator: vehicle.provenance.operator.clone(),
            recorded_at: timestamp(vehicle.recorded_at),
            direction: details.direction,
            decision: details.decision,
            repeat_of: details.repeat_of,
            note: details.note.clone(),
            voided: vehicle.voided.clone(),
            details: RecordDetails::Vehicle(VehicleFields {
                plate: details.plate.clone(),
                plate_kind: details.plate_kind.clone(),
                vehicle_type: details.vehicle_type.clone(),
                origin: details.origin.clone(),
                destination: details.destination.clone(),
                passengers: details.passengers,
                cargo: details.cargo.clone(),
            }),
        }
    }

    /// Adds the keyed hashes of the code and the document, for kiosks sharing our secret.
    pub fn with_hashes(mut self, entry: &StoredEntry) -> Self {
        if let (RecordDetails::Person(fields), StoredEntry::Person(person)) =
            (&mut self.details, entry)
        {
            fields.code_hash = hash_of(person.details.code.as_ref());
            fields.document_hash = hash_of(person.details.document.as_ref());
        }
        self
    }

    /// The record as a kiosk without our secret sees it: hashes removed.
    pub fn without_hashes(&self) -> Self {
        let mut record = self.clone();
        if let RecordDetails::Person(fields) = &mut record.details {
            fields.code_hash = None;
            fields.document_hash = None;
        }
        record
    }

    /// The entry to store for an imported record; `None` if `recorded_at` is not a time.
    /// `keep_hashes` only when the file's hashes were made with our secret.
    pub fn to_stored(&self, keep_hashes: bool) -> Option<StoredEntry> {
        let recorded_at = DateTime::parse_from_rfc3339(&self.recorded_at)
            .ok()?
            .with_timezone(&Utc);
        let provenance = Provenance {
            checkpoint_id: self.checkpoint_id.clone(),
            gate: self.gate.clone(),
            operator: self.operator.clone(),
            // Shift numbers belong to the kiosk that made them.
            shift_id: None,
        };
        Some(match &self.details {
            RecordDetails::Person(fields) => StoredEntry::Person(PersonEntry {
                entry_id: self.entry_id,
                recorded_at,
                provenance,
                fever: fields.fever,
                details: self.person_details(fields, keep_hashes),
                voided: self.voided.clone(),
            }),
            RecordDetails::Vehicle(fields) => StoredEntry::Vehicle(VehicleEntry {
                entry_id: self.entry_id,
                recorded_at,
                provenance,
                details: self.vehicle_details(fields),
                voided: self.voided.clone(),
            }),
        })
    }

    fn person_details(&self, fields: &PersonFields, keep_hashes: bool) -> NewPersonEntry {
        let hash = |hash: &Option<String>| if keep_hashes { hash.clone() } else { None };
        NewPersonEntry {
            direction: self.direction,
            colour: fields.colour,
            colour_source: fields.colour_source,
            code_format: fields.code_format.clone(),
            code: imported(
                fields.code_masked.as_ref(),
                hash(&fields.code_hash).as_ref(),
            ),
            document_kind: fields.document_kind.clone(),
            document: imported(
                fields.document_masked.as_ref(),
                hash(&fields.document_hash).as_ref(),
            ),
            name: imported(fields.name_masked.as_ref(), None),
            phone: imported(fields.phone_masked.as_ref(), None),
            temperatures: fields.temperatures.clone(),
            travel_star: fields.travel_star,
            origin: fields.origin.clone(),
            destination: fields.destination.clone(),
            decision: self.decision,
            vehicle_id: fields.vehicle_id,
            repeat_of: self.repeat_of,
            note: self.note.clone(),
        }
    }

    fn vehicle_details(&self, fields: &VehicleFields) -> NewVehicleEntry {
        NewVehicleEntry {
            direction: self.direction,
            plate: fields.plate.clone(),
            plate_kind: fields.plate_kind.clone(),
            vehicle_type: fields.vehicle_type.clone(),
            origin: fields.origin.clone(),
            destination: fields.destination.clone(),
            passengers: fields.passengers,
            cargo: fields.cargo.clone(),
            decision: self.decision,
            repeat_of: self.repeat_of,
            note: self.note.clone(),
        }
    }
}
