//! Loading one whole entry back: `person(id)` and `vehicle(id)`.

use rusqlite::{Connection, OptionalExtension, Row};

use super::codec;
use super::entry_keys::entry_key_of;
use super::{NamedColumn, Store, StoreError};
use crate::model::age_band::AgeBand;
use crate::model::document::DocumentKind;
use crate::model::entry::{NewPersonEntry, NewVehicleEntry, Provenance, Voided};
use crate::model::pii::Protected;
use crate::model::plate::RecordedPlateKind;
use crate::model::{CodeFormat, EntryId, EntryKind, PersonEntry, TemperatureReading, VehicleEntry};

/// Every column of an entry with interned texts resolved; `kind` is column 0.
pub(crate) const SELECT_ENTRY: &str = "SELECT e.kind, e.entry_key, e.entry_uuid, c.checkpoint_id, g.text, o.text, e.shift_id,
        e.direction, e.colour, e.decision, e.fever, e.temp_first, e.temp_last, orig.text, dest.text,
        e.colour_source, fmt.text, e.code_hash, e.code_masked, dk.text, e.document_hash, e.document_masked,
        e.name_hash, e.name_masked, e.phone_hash, e.phone_masked, e.travel_star, e.vehicle_uuid,
        e.plate, pk.text, vt.text, e.passengers, e.cargo, e.repeat_of, e.note,
        v.reason, v.operator, v.at_ms,
        (SELECT group_concat(x.reading, ',' ORDER BY x.position) FROM extra_reading x WHERE x.entry_key = e.entry_key),
        e.pass_outcome, e.practice, e.group_uuid, e.age_band
    FROM entry e
    JOIN checkpoint c ON c.checkpoint_key = e.checkpoint_key
    JOIN word g ON g.word_key = e.gate_key
    JOIN word o ON o.word_key = e.operator_key
    LEFT JOIN word orig ON orig.word_key = e.origin_key
    LEFT JOIN word dest ON dest.word_key = e.destination_key
    LEFT JOIN word fmt ON fmt.word_key = e.code_format_key
    LEFT JOIN word dk ON dk.word_key = e.document_kind_key
    LEFT JOIN word pk ON pk.word_key = e.plate_kind_key
    LEFT JOIN word vt ON vt.word_key = e.vehicle_type_key
    LEFT JOIN void v ON v.entry_key = e.entry_key";

/// A whole entry of either kind.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredEntry {
    Person(PersonEntry),
    Vehicle(VehicleEntry),
}

impl Store {
    pub fn person(&self, id: EntryId) -> Result<Option<PersonEntry>, StoreError> {
        Ok(match self.entry(id)? {
            Some(StoredEntry::Person(person)) => Some(person),
            _ => None,
        })
    }

    pub fn vehicle(&self, id: EntryId) -> Result<Option<VehicleEntry>, StoreError> {
        Ok(match self.entry(id)? {
            Some(StoredEntry::Vehicle(vehicle)) => Some(vehicle),
            _ => None,
        })
    }

    /// The entry with this id, whichever kind it is.
    pub fn entry(&self, id: EntryId) -> Result<Option<StoredEntry>, StoreError> {
        entry_on(&self.conn, id)
    }
}

/// The entry with this id, read on `conn` (inside a write transaction, for imports).
pub(crate) fn entry_on(conn: &Connection, id: EntryId) -> Result<Option<StoredEntry>, StoreError> {
    let Some(key) = entry_key_of(conn, id)? else {
        return Ok(None);
    };
    let sql = format!("{SELECT_ENTRY} WHERE e.entry_key = ?1");
    conn.prepare_cached(&sql)
        .and_then(|mut statement| {
            statement
                .query_row([key], |row| Ok(stored_entry(row)))
                .optional()
        })
        .map_err(|error| StoreError::from_sqlite(&error, conn.path().unwrap_or(":memory:")))?
        .transpose()
}

fn bad(error: rusqlite::Error) -> StoreError {
    StoreError::BadValue(error.to_string())
}

/// Decodes one row of [`SELECT_ENTRY`].
pub(crate) fn stored_entry(row: &Row<'_>) -> Result<StoredEntry, StoreError> {
    let kind = EntryKind::from_code(row.get(0).map_err(bad)?)
        .ok_or_else(|| StoreError::BadValue("entry kind".to_owned()))?;
    let key: i64 = row.get(1).map_err(bad)?;
    let entry_id = codec::entry_id_from_blob(&row.get::<_, Vec<u8>>(2).map_err(bad)?)?;
    let recorded_at = codec::time_from_key(key)?;
    let provenance = Provenance {
        checkpoint_id: row.get(3).map_err(bad)?,
        gate: row.get(4).map_err(bad)?,
        operator: row.get(5).map_err(bad)?,
        shift_id: row.get(6).map_err(bad)?,
    };
    let voided = voided(row)?;
    Ok(match kind {
        EntryKind::Person => StoredEntry::Person(PersonEntry {
            entry_id,
            recorded_at,
            provenance,
            fever: row.get(10).map_err(bad)?,
            details: person_details(row)?,
            voided,
        }),
        EntryKind::Vehicle => StoredEntry::Vehicle(VehicleEntry {
            entry_id,
            recorded_at,
            provenance,
            details: vehicle_details(row)?,
            voided,
        }),
    })
}

fn voided(row: &Row<'_>) -> Result<Option<Voided>, StoreError> {
    let reason: Option<String> = row.get(35).map_err(bad)?;
    let Some(reason) = reason else {
        return Ok(None);
    };
    Ok(Some(Voided {
        reason,
        operator: row.get(36).map_err(bad)?,
        at: codec::time_from_ms(row.get(37).map_err(bad)?)?,
    }))
}

fn protected(row: &Row<'_>, hash_column: usize) -> Result<Option<Protected>, StoreError> {
    let hash: Option<Vec<u8>> = row.get(hash_column).map_err(bad)?;
    let Some(hash) = hash else { return Ok(None) };
    Ok(Some(Protected {
        hash: codec::hash_from_blob(&hash),
        masked: row
            .get::<_, Option<String>>(hash_column + 1)
            .map_err(bad)?
            .unwrap_or_default(),
    }))
}

fn optional_id(row: &Row<'_>, column: usize) -> Result<Option<EntryId>, StoreError> {
    let blob: Option<Vec<u8>> = row.get(column).map_err(bad)?;
    blob.map(|blob| codec::entry_id_from_blob(&blob))
        .transpose()
}

/// A kind or format in a column that may be empty (a person registered without a code has no
/// code format).
fn optional_name<T>(
    row: &Row<'_>,
    column: usize,
    named: NamedColumn,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, StoreError> {
    let name: Option<String> = row.get(column).map_err(bad)?;
    name.map(|name| codec::known_name(named, &name, parse))
        .transpose()
}

fn person_details(row: &Row<'_>) -> Result<NewPersonEntry, StoreError> {
    Ok(NewPersonEntry {
        direction: codec::direction_from_code(row.get(7).map_err(bad)?)?,
        colour: codec::colour_from_code(row.get(8).map_err(bad)?)?,
        colour_source: codec::colour_source_from_code(
            row.get::<_, Option<i64>>(15).map_err(bad)?.unwrap_or(0),
        )?,
        code_format: optional_name(row, 16, NamedColumn::CodeFormat, CodeFormat::from_str_opt)?,
        code: protected(row, 17)?,
        document_kind: optional_name(
            row,
            19,
            NamedColumn::DocumentKind,
            DocumentKind::from_str_opt,
        )?,
        document: protected(row, 20)?,
        name: protected(row, 22)?,
        phone: protected(row, 24)?,
        temperatures: readings(row)?,
        travel_star: row.get(26).map_err(bad)?,
        origin: row.get(13).map_err(bad)?,
        destination: row.get(14).map_err(bad)?,
        decision: codec::decision_from_code(row.get(9).map_err(bad)?)?,
        vehicle_id: optional_id(row, 27)?,
        repeat_of: optional_id(row, 33)?,
        note: row.get(34).map_err(bad)?,
        pass_outcome: row
            .get::<_, Option<i64>>(39)
            .map_err(bad)?
            .and_then(super::tally::pass_outcome_from_code),
        practice: row.get(40).map_err(bad)?,
        group_id: optional_id(row, 41)?,
        age_band: row
            .get::<_, Option<u8>>(42)
            .map_err(bad)?
            .and_then(AgeBand::from_code),
    })
}

/// First reading, the middle ones from `extra_reading` (column 38), then the final one.
fn readings(row: &Row<'_>) -> Result<Vec<TemperatureReading>, StoreError> {
    let first: Option<i64> = row.get(11).map_err(bad)?;
    let last: Option<i64> = row.get(12).map_err(bad)?;
    let middle: Option<String> = row.get(38).map_err(bad)?;
    let mut codes: Vec<i64> = first.into_iter().collect();
    for text in middle.iter().flat_map(|middle| middle.split(',')) {
        codes.push(
            text.parse()
                .map_err(|_| StoreError::BadValue(format!("temperature {text}")))?,
        );
    }
    codes.extend(last);
    codes.into_iter().map(codec::reading_from_code).collect()
}

fn vehicle_details(row: &Row<'_>) -> Result<NewVehicleEntry, StoreError> {
    Ok(NewVehicleEntry {
        direction: codec::direction_from_code(row.get(7).map_err(bad)?)?,
        plate: row
            .get::<_, Option<String>>(28)
            .map_err(bad)?
            .unwrap_or_default(),
        plate_kind: codec::known_name(
            NamedColumn::PlateKind,
            &row.get::<_, Option<String>>(29)
                .map_err(bad)?
                .unwrap_or_default(),
            RecordedPlateKind::from_str_opt,
        )?,
        vehicle_type: row
            .get::<_, Option<String>>(30)
            .map_err(bad)?
            .unwrap_or_default(),
        origin: row.get(13).map_err(bad)?,
        destination: row.get(14).map_err(bad)?,
        passengers: row.get::<_, Option<u32>>(31).map_err(bad)?.unwrap_or(0),
        cargo: row.get(32).map_err(bad)?,
        decision: codec::decision_from_code(row.get(9).map_err(bad)?)?,
        repeat_of: optional_id(row, 33)?,
        note: row.get(34).map_err(bad)?,
        practice: row.get(40).map_err(bad)?,
    })
}
