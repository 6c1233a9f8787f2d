//! The one INSERT every entry goes through: common facts, a person's or a vehicle's columns,
//! extra temperature readings, repeat tags and (for imports) the void.

use rusqlite::{Connection, params};

use super::codec;
use super::intern::Interner;
use super::row::{Details, EntryRecord};
use super::save::{mark_void, next_entry_key, sqlite};
use super::{EntryKind, StoreError};
use crate::model::entry::{NewPersonEntry, NewVehicleEntry};
use crate::model::pii::Protected;

/// A protected identifier split into columns: 32-byte hash and masked text.
type HashColumns = (Option<Vec<u8>>, Option<String>);

fn protected_columns(value: Option<&Protected>) -> Result<HashColumns, StoreError> {
    match value {
        None => Ok((None, None)),
        Some(protected) => Ok((
            Some(codec::hash_blob(&protected.hash)?),
            Some(protected.masked.clone()),
        )),
    }
}

/// Inserts one entry and everything that hangs off it. Returns its key.
pub(crate) fn insert_entry(
    conn: &Connection,
    interner: &mut Interner,
    record: &EntryRecord<'_>,
) -> Result<i64, StoreError> {
    let key = next_entry_key(conn, record.at)?;
    match record.details {
        Details::Person { entry, .. } => insert_person(conn, interner, key, record, entry)?,
        Details::Vehicle(vehicle) => insert_vehicle(conn, interner, key, record, vehicle)
            .map_err(|error| sqlite(error, conn))?,
    }
    if let Some(voided) = record.voided {
        mark_void(conn, key, &voided.reason, &voided.operator, voided.at)?;
    }
    Ok(key)
}

/// Interned keys of the columns every entry has.
struct Common {
    checkpoint_key: i64,
    gate_key: i64,
    operator_key: i64,
}

fn common(
    conn: &Connection,
    interner: &mut Interner,
    record: &EntryRecord<'_>,
) -> rusqlite::Result<Common> {
    let prov = record.provenance;
    Ok(Common {
        checkpoint_key: interner.checkpoint(conn, &prov.checkpoint_id)?,
        gate_key: interner.word(conn, &prov.gate)?,
        operator_key: interner.word(conn, &prov.operator)?,
    })
}

fn insert_person(
    conn: &Connection,
    interner: &mut Interner,
    key: i64,
    record: &EntryRecord<'_>,
    person: &NewPersonEntry,
) -> Result<(), StoreError> {
    let (code_hash, code_masked) = protected_columns(person.code.as_ref())?;
    let (document_hash, document_masked) = protected_columns(person.document.as_ref())?;
    let (name_hash, name_masked) = protected_columns(person.name.as_ref())?;
    let (phone_hash, phone_masked) = protected_columns(person.phone.as_ref())?;
    let readings: Vec<i64> = person
        .temperatures
        .iter()
        .map(|reading| codec::reading_code(*reading))
        .collect();
    let (temp_first, temp_last) = match readings.as_slice() {
        [] => (None, None),
        [only] => (Some(*only), None),
        [first, .., last] => (Some(*first), Some(*last)),
    };
    let result = (|| {
        let common = common(conn, interner, record)?;
        let origin_key = interner.optional_word(conn, person.origin.as_deref())?;
        let destination_key = interner.optional_word(conn, person.destination.as_deref())?;
        let code_format_key = interner.optional_word(conn, person.code_format.as_deref())?;
        let document_kind_key = interner.optional_word(conn, person.document_kind.as_deref())?;
        conn.prepare_cached(
            "INSERT INTO entry (entry_key, entry_uuid, kind, checkpoint_key, gate_key, operator_key, shift_id,
                direction, colour, decision, fever, temp_first, temp_last, origin_key, destination_key,
                colour_source, code_format_key, code_hash, code_masked, document_kind_key, document_hash,
                document_masked, name_hash, name_masked, phone_hash, phone_masked, travel_star, vehicle_uuid,
                repeat_of, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)",
        )?
        .execute(params![
            key,
            &codec::uuid_blob(record.entry_id)[..],
            EntryKind::Person.code(),
            common.checkpoint_key,
            common.gate_key,
            common.operator_key,
            record.provenance.shift_id,
            codec::direction_code(person.direction),
            codec::colour_code(person.colour),
            codec::decision_code(person.decision),
            record.fever(),
            temp_first,
            temp_last,
            origin_key,
            destination_key,
            codec::colour_source_code(person.colour_source),
            code_format_key,
            code_hash,
            code_masked,
            document_kind_key,
            document_hash,
            document_masked,
            name_hash,
            name_masked,
            phone_hash,
            phone_masked,
            person.travel_star,
            person.vehicle_id.map(|id| codec::uuid_blob(id).to_vec()),
            person.repeat_of.map(|id| codec::uuid_blob(id).to_vec()),
            person.note,
        ])?;
        insert_middle_readings(conn, key, &readings)?;
        if let Some(hash) = &code_hash {
            insert_tag(conn, codec::hash_tag(hash, codec::CODE_TAG_SALT), key)?;
        }
        if let Some(hash) = &document_hash {
            insert_tag(conn, codec::hash_tag(hash, codec::DOCUMENT_TAG_SALT), key)?;
        }
        Ok(())
    })();
    result.map_err(|error| sqlite(error, conn))
}

/// Readings between the first and the final one (a third measurement and beyond).
fn insert_middle_readings(conn: &Connection, key: i64, readings: &[i64]) -> rusqlite::Result<()> {
    if readings.len() <= 2 {
        return Ok(());
    }
    let mut statement = conn.prepare_cached(
        "INSERT INTO extra_reading (entry_key, position, reading) VALUES (?1, ?2, ?3)",
    )?;
    for (position, reading) in readings.iter().enumerate().take(readings.len() - 1).skip(1) {
        statement.execute(params![key, position as i64, reading])?;
    }
    Ok(())
}

fn insert_tag(conn: &Connection, tag: i64, key: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO repeat_key (tag, entry_key) VALUES (?1, ?2)")?
        .execute([tag, key])
        .map(drop)
}

fn insert_vehicle(
    conn: &Connection,
    interner: &mut Interner,
    key: i64,
    record: &EntryRecord<'_>,
    vehicle: &NewVehicleEntry,
) -> rusqlite::Result<()> {
    let common = common(conn, interner, record)?;
    let origin_key = interner.optional_word(conn, vehicle.origin.as_deref())?;
    let destination_key = interner.optional_word(conn, vehicle.destination.as_deref())?;
    let plate_kind_key = interner.word(conn, &vehicle.plate_kind)?;
    let vehicle_type_key = interner.word(conn, &vehicle.vehicle_type)?;
    conn.prepare_cached(
        "INSERT INTO entry (entry_key, entry_uuid, kind, checkpoint_key, gate_key, operator_key, shift_id,
            direction, colour, decision, fever, origin_key, destination_key, plate, plate_kind_key,
            vehicle_type_key, passengers, cargo, repeat_of, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        key,
        &codec::uuid_blob(record.entry_id)[..],
        EntryKind::Vehicle.code(),
        common.checkpoint_key,
        common.gate_key,
        common.operator_key,
        record.provenance.shift_id,
        codec::direction_code(vehicle.direction),
        codec::colour_code(record.colour()),
        codec::decision_code(vehicle.decision),
        origin_key,
        destination_key,
        vehicle.plate,
        plate_kind_key,
        vehicle_type_key,
        vehicle.passengers,
        vehicle.cargo,
        vehicle.repeat_of.map(|id| codec::uuid_blob(id).to_vec()),
        vehicle.note,
    ])?;
    if !vehicle.plate.is_empty() {
        insert_tag(conn, codec::plate_tag(&vehicle.plate), key)?;
    }
    Ok(())
}
