//! The rest of a shift report: people and vehicles per local hour, vehicles by type and origin,
//! the exception list and who recorded entries. Aggregates run in SQL (GROUP BY).

use chrono::{DateTime, FixedOffset};
use rusqlite::params;
use serde::Serialize;

use super::totals::KeyRange;
use crate::model::{Decision, EntryId, HealthColour};
use crate::store::codec::{self, KEYS_PER_MS};
use crate::store::{EntryKind, Store, StoreError};

const MS_PER_HOUR: i64 = 3_600_000;

/// Entries that started in one local clock hour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HourCount {
    pub hour_start: DateTime<FixedOffset>,
    pub persons: u64,
    pub vehicles: u64,
}

/// People and vehicles per clock hour 0–23 (index = hour), summed over the report's days: the
/// hourly chart always has 24 whole-hour slots, whatever hours the report covers.
pub fn clock_hours(hours: &[HourCount]) -> [(u64, u64); 24] {
    let mut slots = [(0u64, 0u64); 24];
    for hour in hours {
        let index = chrono::Timelike::hour(&hour.hour_start) as usize;
        if let Some(slot) = slots.get_mut(index) {
            slot.0 = slot.0.saturating_add(hour.persons);
            slot.1 = slot.1.saturating_add(hour.vehicles);
        }
    }
    slots
}

/// Vehicles sharing a type or an origin; `diverted` were sent to the inspection area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VehicleGroup {
    pub label: String,
    pub vehicles: u64,
    pub diverted: u64,
}

/// One entry every report lists: fever, red, yellow, not passed, or voided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExceptionRow {
    pub entry_id: EntryId,
    pub at: DateTime<FixedOffset>,
    pub kind: EntryKind,
    pub label: String,
    pub colour: HealthColour,
    pub temperature: Option<f32>,
    pub fever: bool,
    pub decision: Decision,
    pub void_reason: Option<String>,
    pub operator: String,
    pub checkpoint_id: String,
    pub gate: String,
}

impl ExceptionRow {
    /// Why the row is listed, in the fixed order fever, red, yellow, decision, voided.
    pub fn reasons(&self) -> Vec<&'static str> {
        let mut reasons = Vec::new();
        if self.fever {
            reasons.push("fever");
        }
        if self.kind == EntryKind::Person && self.colour.is_exception() {
            reasons.push(self.colour.as_str());
        }
        if self.decision.is_exception() {
            reasons.push(self.decision.as_str());
        }
        if self.void_reason.is_some() {
            reasons.push("voided");
        }
        reasons
    }
}

fn sqlite(store: &Store) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |error| store.sqlite_error(&error)
}

pub fn per_hour(
    store: &Store,
    range: &KeyRange,
    tz: FixedOffset,
) -> Result<Vec<HourCount>, StoreError> {
    if range.empty {
        return Ok(Vec::new());
    }
    let offset_ms = i64::from(tz.local_minus_utc()) * 1000;
    let sql = "SELECT (entry_key / ?4 + ?5) / ?6 AS local_hour,
                      count(*) FILTER (WHERE kind = 0), count(*) FILTER (WHERE kind = 1)
               FROM entry
               WHERE entry_key >= ?1 AND entry_key < ?2 AND (?3 IS NULL OR checkpoint_key = ?3) AND voided = 0
               GROUP BY local_hour ORDER BY local_hour";
    let mut statement = store
        .connection()
        .prepare_cached(sql)
        .map_err(sqlite(store))?;
    let rows = statement
        .query_map(
            params![
                range.from_key,
                range.to_key,
                range.checkpoint_key,
                KEYS_PER_MS,
                offset_ms,
                MS_PER_HOUR
            ],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            },
        )
        .map_err(sqlite(store))?;
    rows.map(|row| {
        let (local_hour, persons, vehicles) = row.map_err(sqlite(store))?;
        let utc = codec::time_from_ms(local_hour * MS_PER_HOUR - offset_ms)?;
        Ok(HourCount {
            hour_start: utc.with_timezone(&tz),
            persons: persons.max(0) as u64,
            vehicles: vehicles.max(0) as u64,
        })
    })
    .collect()
}

/// Vehicles grouped by an interned column (`vehicle_type_key` or `origin_key`), largest first.
pub fn vehicles_by(
    store: &Store,
    range: &KeyRange,
    column: VehicleColumn,
) -> Result<Vec<VehicleGroup>, StoreError> {
    if range.empty {
        return Ok(Vec::new());
    }
    let column = match column {
        VehicleColumn::Type => "vehicle_type_key",
        VehicleColumn::Origin => "origin_key",
    };
    let sql = format!(
        "SELECT coalesce(w.text, ''), g.n, g.diverted
         FROM (SELECT {column} AS word_key, count(*) AS n, count(*) FILTER (WHERE decision = 3) AS diverted
               FROM entry
               WHERE entry_key >= ?1 AND entry_key < ?2 AND (?3 IS NULL OR checkpoint_key = ?3)
                 AND kind = 1 AND voided = 0
               GROUP BY {column}) g
         LEFT JOIN word w ON w.word_key = g.word_key
         ORDER BY g.n DESC, 1"
    );
    let mut statement = store
        .connection()
        .prepare_cached(&sql)
        .map_err(sqlite(store))?;
    let rows = statement
        .query_map(
            params![range.from_key, range.to_key, range.checkpoint_key],
            |row| {
                Ok(VehicleGroup {
                    label: row.get(0)?,
                    vehicles: row.get::<_, i64>(1)?.max(0) as u64,
                    diverted: row.get::<_, i64>(2)?.max(0) as u64,
                })
            },
        )
        .map_err(sqlite(store))?;
    rows.collect::<rusqlite::Result<_>>().map_err(sqlite(store))
}

#[derive(Debug, Clone, Copy)]
pub enum VehicleColumn {
    Type,
    Origin,
}

pub fn exceptions(
    store: &Store,
    range: &KeyRange,
    tz: FixedOffset,
) -> Result<Vec<ExceptionRow>, StoreError> {
    if range.empty {
        return Ok(Vec::new());
    }
    let sql = "SELECT e.entry_uuid, e.entry_key, e.kind,
            coalesce(e.name_masked, e.code_masked, e.document_masked, e.plate, ''), e.colour,
            coalesce(e.temp_last, e.temp_first), e.fever, e.decision, v.reason, o.text, c.checkpoint_id, g.text
        FROM entry e
        JOIN word o ON o.word_key = e.operator_key
        JOIN word g ON g.word_key = e.gate_key
        JOIN checkpoint c ON c.checkpoint_key = e.checkpoint_key
        LEFT JOIN void v ON v.entry_key = e.entry_key
        WHERE e.entry_key >= ?1 AND e.entry_key < ?2 AND (?3 IS NULL OR e.checkpoint_key = ?3)
          AND (e.fever OR (e.kind = 0 AND e.colour IN (1, 2)) OR e.decision <> 0 OR e.voided)
        ORDER BY e.entry_key";
    let mut statement = store
        .connection()
        .prepare_cached(sql)
        .map_err(sqlite(store))?;
    let mut rows = statement
        .query(params![range.from_key, range.to_key, range.checkpoint_key])
        .map_err(sqlite(store))?;
    let mut listed = Vec::new();
    while let Some(row) = rows.next().map_err(sqlite(store))? {
        listed.push(exception_row(row, tz)?);
    }
    Ok(listed)
}

fn exception_row(row: &rusqlite::Row<'_>, tz: FixedOffset) -> Result<ExceptionRow, StoreError> {
    let bad = |error: rusqlite::Error| StoreError::BadValue(error.to_string());
    let reading: Option<i64> = row.get(5).map_err(bad)?;
    Ok(ExceptionRow {
        entry_id: codec::entry_id_from_blob(&row.get::<_, Vec<u8>>(0).map_err(bad)?)?,
        at: codec::time_from_key(row.get(1).map_err(bad)?)?.with_timezone(&tz),
        kind: EntryKind::from_code(row.get(2).map_err(bad)?)
            .ok_or_else(|| StoreError::BadValue("entry kind".to_owned()))?,
        label: row.get(3).map_err(bad)?,
        colour: codec::colour_from_code(row.get(4).map_err(bad)?)?,
        temperature: reading
            .map(codec::reading_from_code)
            .transpose()?
            .map(|reading| reading.celsius.value()),
        fever: row.get(6).map_err(bad)?,
        decision: codec::decision_from_code(row.get(7).map_err(bad)?)?,
        void_reason: row.get(8).map_err(bad)?,
        operator: row.get(9).map_err(bad)?,
        checkpoint_id: row.get(10).map_err(bad)?,
        gate: row.get(11).map_err(bad)?,
    })
}

/// Everyone who recorded an entry in the scope, by name.
pub fn recording_operators(store: &Store, range: &KeyRange) -> Result<Vec<String>, StoreError> {
    if range.empty {
        return Ok(Vec::new());
    }
    let sql = "SELECT w.text FROM (SELECT DISTINCT operator_key FROM entry
                   WHERE entry_key >= ?1 AND entry_key < ?2 AND (?3 IS NULL OR checkpoint_key = ?3)) o
               JOIN word w ON w.word_key = o.operator_key ORDER BY w.text";
    let mut statement = store
        .connection()
        .prepare_cached(sql)
        .map_err(sqlite(store))?;
    let rows = statement
        .query_map(
            params![range.from_key, range.to_key, range.checkpoint_key],
            |row| row.get(0),
        )
        .map_err(sqlite(store))?;
    rows.collect::<rusqlite::Result<_>>().map_err(sqlite(store))
}
