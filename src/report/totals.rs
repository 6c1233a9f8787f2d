//! Counts by direction, colour, fever, decision and repeat, from one GROUP BY over the scope.

use std::collections::{BTreeMap, HashMap};

use rusqlite::params;
use serde::Serialize;

use super::scope::ReportScope;
use crate::store::codec::{self, KEYS_PER_MS};
use crate::store::tally::{FACTS_SQL, Facts, MS_PER_DAY};
use crate::store::{Store, StoreError};

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
}

impl Totals {
    pub fn persons(&self) -> u64 {
        self.persons_in + self.persons_out
    }

    pub fn vehicles(&self) -> u64 {
        self.vehicles_in + self.vehicles_out
    }

    /// Adds `count` entries sharing one combination of the grouped columns.
    fn add(&mut self, group: &Facts, count: u64) {
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
            match group.colour {
                0 => self.green += count,
                1 => self.yellow += count,
                2 => self.red += count,
                _ => self.colour_unknown += count,
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
pub(crate) struct KeyRange {
    pub from_key: i64,
    pub to_key: i64,
    pub checkpoint_key: Option<i64>,
    /// The scope names a checkpoint this database has never seen: nothing to count.
    pub empty: bool,
}

impl KeyRange {
    pub fn of(store: &Store, scope: &ReportScope) -> Result<Self, StoreError> {
        let (checkpoint_key, empty) = match scope.checkpoint_id() {
            None => (None, false),
            Some(checkpoint_id) => {
                let key = crate::store::checkpoint_key(store, checkpoint_id)?;
                (key, key.is_none())
            }
        };
        Ok(Self {
            from_key: codec::key_floor(scope.from()),
            to_key: codec::key_floor(scope.to()).saturating_add(if scope.shift().is_some() {
                KEYS_PER_MS
            } else {
                0
            }),
            checkpoint_key,
            empty,
        })
    }
}

/// Totals for the whole scope and for each checkpoint in it, sorted by checkpoint id.
///
/// Whole UTC days inside the scope are read from the store's running `tally`; the partial days
/// at either end are counted from the entries themselves. Both are GROUP BY aggregates.
pub fn totals_by_checkpoint(
    store: &Store,
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
            store,
            first_full_day,
            end_full_day,
            range.checkpoint_key,
        )?);
        groups.extend(entry_groups(
            store,
            range.from_key,
            day_key(first_full_day),
            range.checkpoint_key,
        )?);
        groups.extend(entry_groups(
            store,
            day_key(end_full_day),
            range.to_key,
            range.checkpoint_key,
        )?);
    } else {
        groups.extend(entry_groups(
            store,
            range.from_key,
            range.to_key,
            range.checkpoint_key,
        )?);
    }
    let names = checkpoint_names(store)?;
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
