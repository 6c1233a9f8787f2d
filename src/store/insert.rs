//! The one INSERT every entry goes through: common facts, a person's or a vehicle's columns,
//! extra temperature readings, repeat tags and (for imports) the void.

use rusqlite::{CachedStatement, Connection, params};

use super::StoreError;
use super::codec;
use super::entry_keys::{mark_void, next_entry_key, sqlite};
use super::intern::WriteCache;
use super::row::{Details, EntryRecord};
use super::tally::{self, Facts};
use crate::model::age_band::AgeBand;
use crate::model::document::DocumentKind;
use crate::model::entry::{NewPersonEntry, NewVehicleEntry};
use crate::model::pii::Protected;
use crate::model::{CodeFormat, EntryKind};

const INSERT_PERSON: &str = "\
    INSERT INTO entry (entry_key, entry_uuid, kind, checkpoint_key, gate_key, operator_key, \
    shift_id, direction, colour, decision, fever, temp_first, temp_last, origin_key, \
    destination_key, colour_source, code_format_key, code_hash, code_masked, \
    document_kind_key, document_hash, document_masked, name_hash, name_masked, phone_hash, \
    phone_masked, travel_star, vehicle_uuid, repeat_of, note, pass_outcome, practice, \
    group_uuid, age_band) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, \
    ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, \
    ?33, ?34)";
const INSERT_VEHICLE: &str = "\
    INSERT INTO entry (entry_key, entry_uuid, kind, checkpoint_key, gate_key, operator_key, \
    shift_id, direction, colour, decision, fever, origin_key, destination_key, plate, \
    plate_kind_key, vehicle_type_key, passengers, cargo, repeat_of, note, practice) VALUES (?1, \
    ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";
const INSERT_TAG: &str = "INSERT INTO repeat_key (tag, entry_key) VALUES (?1, ?2)";

/// The hot INSERTs, prepared once per transaction rather than looked up per entry.
pub(crate) struct EntryStatements<'conn> {
    person: CachedStatement<'conn>,
    vehicle: CachedStatement<'conn>,
    tag: CachedStatement<'conn>,
}

impl<'conn> EntryStatements<'conn> {
    pub fn prepare(conn: &'conn Connection) -> Result<Self, StoreError> {
        let prepare = |sql| {
            conn.prepare_cached(sql)
                .map_err(|error| sqlite(error, conn))
        };
        Ok(Self {
            person: prepare(INSERT_PERSON)?,
            vehicle: prepare(INSERT_VEHICLE)?,
            tag: prepare(INSERT_TAG)?,
        })
    }
}

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
    statements: &mut EntryStatements<'_>,
    cache: &mut WriteCache,
    record: &EntryRecord<'_>,
) -> Result<i64, StoreError> {
    let key = next_entry_key(conn, cache, record.at)?;
    let common_keys = common(conn, cache, record).map_err(|error| sqlite(error, conn))?;
    match record.details {
        Details::Person { entry, .. } => {
            insert_person(conn, statements, cache, key, &common_keys, record, entry)?;
        }
        Details::Vehicle(vehicle) => {
            insert_vehicle(conn, statements, cache, key, &common_keys, record, vehicle)
                .map_err(|error| sqlite(error, conn))?;
        }
    }
    if let Some(voided) = record.voided {
        mark_void(conn, key, &voided.reason, &voided.operator, voided.at)?;
    }
    // Written once per transaction by `Store::write`, not once per entry.
    cache.count_in_tally(
        (
            tally::day_of_key(key),
            common_keys.checkpoint_key,
            facts(record).pack(),
        ),
        1,
    );
    cache.saw_key(key);
    Ok(key)
}

/// The tally facts of a record about to be inserted (see `tally`).
fn facts(record: &EntryRecord<'_>) -> Facts {
    let (kind, direction, decision, repeat) = match record.details {
        Details::Person { entry, .. } => (
            EntryKind::Person,
            entry.direction,
            entry.decision,
            entry.repeat_of.is_some(),
        ),
        Details::Vehicle(vehicle) => (
            EntryKind::Vehicle,
            vehicle.direction,
            vehicle.decision,
            vehicle.repeat_of.is_some(),
        ),
    };
    Facts {
        kind: kind.code(),
        direction: codec::direction_code(direction),
        colour: codec::colour_code(record.colour()),
        fever: record.fever(),
        decision: codec::decision_code(decision),
        repeat,
        voided: record.voided.is_some(),
        pass: match record.details {
            Details::Person { entry, .. } => entry.pass_outcome.map_or(0, tally::pass_outcome_code),
            Details::Vehicle(_) => 0,
        },
        practice: match record.details {
            Details::Person { entry, .. } => entry.practice,
            Details::Vehicle(vehicle) => vehicle.practice,
        },
    }
}

/// Interned keys of the columns every entry has.
struct Common {
    checkpoint_key: i64,
    gate_key: i64,
    operator_key: i64,
}

fn common(
    conn: &Connection,
    cache: &mut WriteCache,
    record: &EntryRecord<'_>,
) -> rusqlite::Result<Common> {
    let prov = record.provenance;
    Ok(Common {
        checkpoint_key: cache.checkpoint(conn, &prov.checkpoint_id)?,
        gate_key: cache.word(conn, &prov.gate)?,
        operator_key: cache.word(conn, &prov.operator)?,
    })
}

fn insert_person(
    conn: &Connection,
    statements: &mut EntryStatements<'_>,
    cache: &mut WriteCache,
    key: i64,
    common: &Common,
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
        let origin_key = cache.optional_word(conn, person.origin.as_deref())?;
        let destination_key = cache.optional_word(conn, person.destination.as_deref())?;
        let code_format_key =
            cache.optional_word(conn, person.code_format.map(CodeFormat::as_str))?;
        let document_kind_key =
            cache.optional_word(conn, person.document_kind.map(DocumentKind::as_str))?;
        statements.person.execute(params![
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
            person.pass_outcome.map(tally::pass_outcome_code),
            person.practice,
            person.group_id.map(|id| codec::uuid_blob(id).to_vec()),
            person.age_band.map(AgeBand::code),
        ])?;
        insert_middle_readings(conn, key, &readings)?;
        // Imported entries carry masked forms only (empty hashes): nothing to recognise them by.
        if let Some(hash) = code_hash.as_ref().filter(|hash| !hash.is_empty()) {
            insert_tag(
                &mut statements.tag,
                codec::hash_tag(hash, codec::CODE_TAG_SALT),
                key,
            )?;
        }
        if let Some(hash) = document_hash.as_ref().filter(|hash| !hash.is_empty()) {
            insert_tag(
                &mut statements.tag,
                codec::hash_tag(hash, codec::DOCUMENT_TAG_SALT),
                key,
            )?;
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

fn insert_tag(statement: &mut CachedStatement<'_>, tag: i64, key: i64) -> rusqlite::Result<()> {
    statement.execute([tag, key]).map(drop)
}

fn insert_vehicle(
    conn: &Connection,
    statements: &mut EntryStatements<'_>,
    cache: &mut WriteCache,
    key: i64,
    common: &Common,
    record: &EntryRecord<'_>,
    vehicle: &NewVehicleEntry,
) -> rusqlite::Result<()> {
    let origin_key = cache.optional_word(conn, vehicle.origin.as_deref())?;
    let destination_key = cache.optional_word(conn, vehicle.destination.as_deref())?;
    let plate_kind_key = cache.word(conn, vehicle.plate_kind.as_str())?;
    let vehicle_type_key = cache.word(conn, &vehicle.vehicle_type)?;
    statements.vehicle.execute(params![
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
        vehicle.practice,
    ])?;
    if !vehicle.plate.is_empty() {
        insert_tag(&mut statements.tag, codec::plate_tag(&vehicle.plate), key)?;
    }
    Ok(())
}
