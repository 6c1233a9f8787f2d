//! Saving entries (each in its own transaction), voiding them, and the batched fill used by the
//! benchmark and imports; all go through [`insert_entry`], so there is one INSERT.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::codec;
use super::entry_keys::{entry_key_of, mark_void, sqlite};
use super::insert::{EntryStatements, insert_entry};
use super::row::{Details, EntryRecord};
use super::{Store, StoreError, tally};
use crate::model::entry::{NewPersonEntry, NewVehicleEntry, Provenance};
use crate::model::{EntryId, PersonEntry, ScreenedPerson, VehicleEntry};

impl Store {
    /// Saves one person; committed before this returns.
    pub fn save_person(
        &mut self,
        entry: &ScreenedPerson,
        prov: &Provenance,
        at: DateTime<Utc>,
    ) -> Result<PersonEntry, StoreError> {
        let saved = person_entry(entry.details().clone(), entry.fever(), prov, at);
        self.write(|transaction, cache| {
            let mut statements = EntryStatements::prepare(transaction)?;
            insert_entry(transaction, &mut statements, cache, &person_record(&saved))
        })?;
        Ok(saved)
    }

    /// Saves one vehicle; committed before this returns.
    pub fn save_vehicle(
        &mut self,
        entry: &NewVehicleEntry,
        prov: &Provenance,
        at: DateTime<Utc>,
    ) -> Result<VehicleEntry, StoreError> {
        let saved = vehicle_entry(entry, prov, at);
        self.write(|transaction, cache| {
            let mut statements = EntryStatements::prepare(transaction)?;
            insert_entry(transaction, &mut statements, cache, &vehicle_record(&saved))
        })?;
        Ok(saved)
    }

    /// Saves a vehicle and the people in it in one transaction: all or nothing. Each passenger's
    /// `vehicle_id` is set to the new vehicle.
    pub fn save_vehicle_with_passengers(
        &mut self,
        vehicle: &NewVehicleEntry,
        passengers: &[ScreenedPerson],
        prov: &Provenance,
        at: DateTime<Utc>,
    ) -> Result<(VehicleEntry, Vec<PersonEntry>), StoreError> {
        let saved_vehicle = vehicle_entry(vehicle, prov, at);
        let saved_people: Vec<PersonEntry> = passengers
            .iter()
            .map(|passenger| {
                let mut details = passenger.details().clone();
                details.vehicle_id = Some(saved_vehicle.entry_id);
                person_entry(details, passenger.fever(), prov, at)
            })
            .collect();
        self.write(|transaction, cache| {
            let mut statements = EntryStatements::prepare(transaction)?;
            insert_entry(
                transaction,
                &mut statements,
                cache,
                &vehicle_record(&saved_vehicle),
            )?;
            for person in &saved_people {
                insert_entry(transaction, &mut statements, cache, &person_record(person))?;
            }
            Ok(())
        })?;
        Ok((saved_vehicle, saved_people))
    }

    /// Many entries in one transaction: the benchmark's fill and imports. Same SQL as a save.
    pub fn save_batch(&mut self, records: &[EntryRecordOwned]) -> Result<(), StoreError> {
        self.write(|transaction, cache| {
            let mut statements = EntryStatements::prepare(transaction)?;
            for record in records {
                insert_entry(transaction, &mut statements, cache, &record.as_record())?;
            }
            Ok(())
        })
    }

    /// Imports one chunk in one transaction: each record whose UUID is not stored yet is
    /// inserted; for the others the stored entry is returned (in order) so the caller can tell
    /// "unchanged" from "conflict". The look-ups run inside the write transaction, so two
    /// imports of one file at once cannot both insert the same UUID.
    pub fn import_batch(
        &mut self,
        records: &[EntryRecordOwned],
    ) -> Result<Vec<Option<super::StoredEntry>>, StoreError> {
        self.write(|transaction, cache| {
            let mut statements = EntryStatements::prepare(transaction)?;
            let mut found = Vec::with_capacity(records.len());
            for record in records {
                let existing = super::read::entry_on(transaction, record.entry_id())?;
                if existing.is_none() {
                    insert_entry(transaction, &mut statements, cache, &record.as_record())?;
                }
                found.push(existing);
            }
            Ok(found)
        })
    }

    /// Marks an entry void. Entries are never deleted by corrections.
    pub fn void_entry(
        &mut self,
        id: EntryId,
        reason: &str,
        operator: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if reason.trim().is_empty() || operator.trim().is_empty() {
            return Err(StoreError::VoidIncomplete);
        }
        self.write(|transaction, _| {
            let key = entry_key_of(transaction, id)?.ok_or(StoreError::EntryNotFound(id))?;
            if already_voided(transaction, key) {
                return Err(StoreError::AlreadyVoided(id));
            }
            // The entry moves from its "not voided" tally to its "voided" one.
            tally::add_row(transaction, key, -1).map_err(|error| sqlite(error, transaction))?;
            mark_void(transaction, key, reason.trim(), operator.trim(), at)?;
            tally::add_row(transaction, key, 1).map_err(|error| sqlite(error, transaction))?;
            // The entry's id only: the reason may name the person.
            super::retention::insert_audit(transaction, "void", &format!("entry {id} voided"), at)
                .map_err(|error| sqlite(error, transaction))
        })
    }
}

/// An entry owned by the caller of [`Store::save_batch`].
#[derive(Debug, Clone, PartialEq)]
pub enum EntryRecordOwned {
    Person(PersonEntry),
    Vehicle(VehicleEntry),
}

impl EntryRecordOwned {
    pub fn entry_id(&self) -> EntryId {
        match self {
            Self::Person(person) => person.entry_id,
            Self::Vehicle(vehicle) => vehicle.entry_id,
        }
    }

    fn as_record(&self) -> EntryRecord<'_> {
        match self {
            Self::Person(person) => person_record(person),
            Self::Vehicle(vehicle) => vehicle_record(vehicle),
        }
    }
}

/// The fever was decided before the store saw the person (`NewPersonEntry::screened`).
fn person_entry(
    details: NewPersonEntry,
    fever: bool,
    prov: &Provenance,
    at: DateTime<Utc>,
) -> PersonEntry {
    PersonEntry {
        entry_id: codec::new_entry_id(at),
        recorded_at: at,
        provenance: prov.clone(),
        fever,
        details,
        voided: None,
    }
}

fn vehicle_entry(entry: &NewVehicleEntry, prov: &Provenance, at: DateTime<Utc>) -> VehicleEntry {
    VehicleEntry {
        entry_id: codec::new_entry_id(at),
        recorded_at: at,
        provenance: prov.clone(),
        details: entry.clone(),
        voided: None,
    }
}

pub(crate) fn person_record(person: &PersonEntry) -> EntryRecord<'_> {
    EntryRecord {
        entry_id: person.entry_id,
        at: person.recorded_at,
        provenance: &person.provenance,
        details: Details::Person {
            entry: &person.details,
            fever: person.fever,
        },
        voided: person.voided.as_ref(),
    }
}

pub(crate) fn vehicle_record(vehicle: &VehicleEntry) -> EntryRecord<'_> {
    EntryRecord {
        entry_id: vehicle.entry_id,
        at: vehicle.recorded_at,
        provenance: &vehicle.provenance,
        details: Details::Vehicle(&vehicle.details),
        voided: vehicle.voided.as_ref(),
    }
}

fn already_voided(conn: &Connection, key: i64) -> bool {
    conn.query_row(
        "SELECT voided FROM entry WHERE entry_key = ?1",
        [key],
        |row| row.get::<_, i64>(0),
    )
    .is_ok_and(|voided| voided != 0)
}
