//! Report aggregates: the counts, hours, vehicle groups, exception rows and operators of a
//! stretch of time, as plain rows. All of a report's SQL lives here, beside the schema it reads
//! (GROUP BY over `entry`, and the running `tally` for whole days); `report` builds its pages
//! and files from these rows and never sees a connection.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::params;
use serde::Serialize;

use super::codec::{self, KEYS_PER_MS};
use super::tally::{FACTS_SQL, Facts, MS_PER_DAY};
use super::{Store, StoreError};
use crate::model::{Decision, EntryId, EntryKind, HealthColour};

/// Totals of non-voided entries (voided ones are counted in `voided` only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    pub persons_in: u64,
    pub persons_out: u64,
    pub vehicles_in: u64,
    pub vehicles_out: u64,
    pub green: u64,
    pub yellow: u64,
    pub red: u64,
    pub colour_unknown: u64,
    pub fevers: u64,
    pub passed: u64,
    pub denied: u64,
    pub referred: u64,
    pub diverted: u64,
    pub repeats: u64,
    pub voided: u64,
    /// The district's own passes (issue 25), counted apart from colours: valid ones, and the
    /// refused ones by reason.
    pub passes_valid: u64,
    pub passes_expired: u64,
    pub passes_revoked: u64,
    pub passes_unknown_issuer: u64,
    pub passes_forged: u64,
    /// Practice entries (demo feed, `run --feed`): counted here only, never in the totals
    /// above (issue 22).
    pub practice: u64,
}

impl Totals {
    pub fn persons(&self) -> u64 {
        self.persons_in + self.persons_out
    }

    pub fn vehicles(&self) -> u64 {
        self.vehicles_in + self.vehicles_out
    }

    /// The count of passes with this verdict.
    pub fn passes(&self, verdict: crate::model::PassVerdict) -> u64 {
        let mut copy = *self;
        *copy.passes_mut(verdict)
    }

    /// Passes refused, whatever the reason.
    pub fn passes_refused(&self) -> u64 {
        self.passes_expired + self.passes_revoked + self.passes_unknown_issuer + self.passes_forged
    }

    fn passes_mut(&mut self, verdict: crate::model::PassVerdict) -> &mut u64 {
        use crate::model::PassVerdict;
        match verdict {
            PassVerdict::Valid => &mut self.passes_valid,
            PassVerdict::Expired => &mut self.passes_expired,
            PassVerdict::Revoked => &mut self.passes_revoked,
            PassVerdict::UnknownIssuer => &mut self.passes_unknown_issuer,
            PassVerdict::Forged => &mut self.passes_forged,
        }
    }

    /// Adds `count` entries sharing one combination of the grouped columns.
    fn add(&mut self, group: &Facts, count: u64) {
        if group.practice {
            if !group.voided {
                self.practice += count;
            }
            return;
        }
        if group.voided {
            self.voided += count;
            return;
        }
        let person = group.kind == 0;
        match (person, group.direction) {
            (true, 0) => self.persons_in += count,
            (true, _) => self.persons_out += count,
            (false, 0) => self.vehicles_in += count,
            (false, _) => self.vehicles_out += count,
        }
        if person {
            match (
                super::tally::pass_outcome_from_code(group.pass),
                group.colour,
            ) {
                (Some(verdict), _) => *self.passes_mut(verdict) += count,
                (None, 0) => self.green += count,
                (None, 1) => self.yellow += count,
                (None, 2) => self.red += count,
                (None, _) => self.colour_unknown += count,
            }
        }
        self.fevers += if group.fever { count } else { 0 };
        self.repeats += if group.repeat { count } else { 0 };
        match group.decision {
            0 => self.passed += count,
            1 => self.denied += count,
            2 => self.referred += count,
            _ => self.diverted += count,
        }
    }
}

/// `entry_key` bounds and the checkpoint key of a scope; `None` checkpoint key means all.
pub struct KeyRange {
    from_key: i64,
    to_key: i64,
    checkpoint_key: Option<i64>,
    /// The scope names a checkpoint this database has never seen: nothing to count.
    empty: bool,
}

impl KeyRange {
    /// Entries from `from` up to `to` (inclusive of `to`'s millisecond when `to_inclusive`, as a
    /// shift's end is), at one checkpoint or all.
    pub fn new(
        store: &Store,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        to_inclusive: bool,
        checkpoint_id: Option<&str>,
    ) -> Result<Self, StoreError> {
        let (checkpoint_key, empty) = match checkpoint_id {
            None => (None, false),
            Some(checkpoint_id) => {
                let key = super::checkpoint_key(store, checkpoint_id)?;
                (key, key.is_none())
            }
        };
        Ok(Self {
            from_key: codec::key_floor(from),
            to_key: codec::key_floor(to).saturating_add(if to_inclusive { KEYS_PER_MS } else { 0 }),
            checkpoint_key,
            empty,
        })
    }
}

impl Store {
    /// Totals for the whole scope and for each checkpoint in it, sorted by checkpoint id.
    ///
    /// Whole UTC days inside the scope are read from the store's running `tally`; the partial days
    /// at either end are counted from the entries themselves. Both are GROUP BY aggregates.
    pub fn totals_by_checkpoint(
        &self,
        range: &KeyRange,
    ) -> Result<(Totals, Vec<(String, Totals)>), StoreError> {
        if range.empty {
            return Ok((Totals::default(), Vec::new()));
        }
        let day_key = |day: i64| day.saturating_mul(MS_PER_DAY).saturating_mul(KEYS_PER_MS);
        let first_full_day = range
            .from_key
            .div_euclid(KEYS_PER_MS)
            .div_euclid(MS_PER_DAY)
            + i64::from(range.from_key.rem_euclid(KEYS_PER_MS * MS_PER_DAY) != 0);
        let end_full_day = range.to_key.div_euclid(KEYS_PER_MS).div_euclid(MS_PER_DAY);
        let mut groups = Vec::new();
        if first_full_day < end_full_day {
            groups.extend(tally_groups(
                self,
                first_full_day,
                end_full_day,
                range.checkpoint_key,
            )?);
            groups.extend(entry_groups(
                self,
                range.from_key,
                day_key(first_full_day),
                range.checkpoint_key,
            )?);
            groups.extend(entry_groups(
                self,
                day_key(end_full_day),
                range.to_key,
                range.checkpoint_key,
            )?);
        } else {
            groups.extend(entry_groups(
                self,
                range.from_key,
                range.to_key,
                range.checkpoint_key,
            )?);
        }
        let names = checkpoint_names(self)?;
        let mut per_checkpoint: BTreeMap<String, Totals> = BTreeMap::new();
        let mut overall = Totals::default();
        for (checkpoint_key, facts, count) in groups {
            let name = names
                .get(&checkpoint_key)
                .cloned()
                .unwrap_or_else(|| checkpoint_key.to_string());
            let facts = Facts::unpack(facts);
            let count = count.max(0) as u64;
            per_checkpoint.entry(name).or_default().add(&facts, count);
            overall.add(&facts, count);
        }
        Ok((overall, per_checkpoint.into_iter().collect()))
    }

    pub fn per_hour(
        &self,
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
                   WHERE entry_key >= ?1 AND entry_key < ?2 AND (?3 IS NULL OR checkpoint_key = ?3)
                     AND voided = 0 AND practice = 0
                   GROUP BY local_hour ORDER BY local_hour";
        let mut statement = self
            .connection()
            .prepare_cached(sql)
            .map_err(sqlite(self))?;
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
            .map_err(sqlite(self))?;
        rows.map(|row| {
            let (local_hour, persons, vehicles) = row.map_err(sqlite(self))?;
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
        &self,
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
                     AND kind = 1 AND voided = 0 AND practice = 0
                   GROUP BY {column}) g
             LEFT JOIN word w ON w.word_key = g.word_key
             ORDER BY g.n DESC, 1"
        );
        let mut statement = self
            .connection()
            .prepare_cached(&sql)
            .map_err(sqlite(self))?;
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
            .map_err(sqlite(self))?;
        rows.collect::<rusqlite::Result<_>>().map_err(sqlite(self))
    }

    pub fn exceptions(
        &self,
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
              AND e.practice = 0
              AND (e.fever OR (e.kind = 0 AND e.colour IN (1, 2)) OR e.decision <> 0 OR e.voided)
            ORDER BY e.entry_key";
        let mut statement = self
            .connection()
            .prepare_cached(sql)
            .map_err(sqlite(self))?;
        let mut rows = statement
            .query(params![range.from_key, range.to_key, range.checkpoint_key])
            .map_err(sqlite(self))?;
        let mut listed = Vec::new();
        while let Some(row) = rows.next().map_err(sqlite(self))? {
            listed.push(exception_row(row, tz)?);
        }
        Ok(listed)
    }

    /// Everyone who recorded an entry in the scope, by name.
    pub fn recording_operators(&self, range: &KeyRange) -> Result<Vec<String>, StoreError> {
        if range.empty {
            return Ok(Vec::new());
        }
        let sql = "SELECT w.text FROM (SELECT DISTINCT operator_key FROM entry
                       WHERE entry_key >= ?1 AND entry_key < ?2 AND (?3 IS NULL OR checkpoint_key = ?3)
                         AND practice = 0) o
                   JOIN word w ON w.word_key = o.operator_key ORDER BY w.text";
        let mut statement = self
            .connection()
            .prepare_cached(sql)
            .map_err(sqlite(self))?;
        let rows = statement
            .query_map(
                params![range.from_key, range.to_key, range.checkpoint_key],
                |row| row.get(0),
            )
            .map_err(sqlite(self))?;
        rows.collect::<rusqlite::Result<_>>().map_err(sqlite(self))
    }
}

type GroupRow = (i64, i64, i64);

fn collect_groups(
    store: &Store,
    sql: &str,
    values: [Option<i64>; 3],
) -> Result<Vec<GroupRow>, StoreError> {
    let mut statement = store
        .connection()
        .prepare_cached(sql)
        .map_err(|error| store.sqlite_error(&error))?;
    let rows = statement
        .query_map(params![values[0], values[1], values[2]], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })
        .map_err(|error| store.sqlite_error(&error))?;
    rows.collect::<rusqlite::Result<_>>()
        .map_err(|error| store.sqlite_error(&error))
}

fn tally_groups(
    store: &Store,
    first_day: i64,
    end_day: i64,
    checkpoint_key: Option<i64>,
) -> Result<Vec<GroupRow>, StoreError> {
    let sql = "SELECT checkpoint_key, facts, sum(entries) FROM tally
               WHERE day >= ?1 AND day < ?2 AND (?3 IS NULL OR checkpoint_key = ?3)
               GROUP BY checkpoint_key, facts";
    collect_groups(store, sql, [Some(first_day), Some(end_day), checkpoint_key])
}

fn entry_groups(
    store: &Store,
    from_key: i64,
    to_key: i64,
    checkpoint_key: Option<i64>,
) -> Result<Vec<GroupRow>, StoreError> {
    if from_key >= to_key {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT checkpoint_key, {FACTS_SQL} AS facts, count(*) FROM entry
         WHERE entry_key >= ?1 AND entry_key < ?2 AND (?3 IS NULL OR checkpoint_key = ?3)
         GROUP BY checkpoint_key, facts"
    );
    collect_groups(store, &sql, [Some(from_key), Some(to_key), checkpoint_key])
}

fn checkpoint_names(store: &Store) -> Result<HashMap<i64, String>, StoreError> {
    let mut statement = store
        .connection()
        .prepare_cached("SELECT checkpoint_key, checkpoint_id FROM checkpoint")
        .map_err(|error| store.sqlite_error(&error))?;
    let rows = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .map_err(|error| store.sqlite_error(&error))?;
    rows.collect::<rusqlite::Result<_>>()
        .map_err(|error| store.sqlite_error(&error))
}

const MS_PER_HOUR: i64 = 3_600_000;

/// Entries that started in one local clock hour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HourCount {
    pub hour_start: DateTime<FixedOffset>,
    pub persons: u64,
    pub vehicles: u64,
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

#[derive(Debug, Clone, Copy)]
pub enum VehicleColumn {
    Type,
    Origin,
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
