//! The gate screen's queries: the log (newest first), live counters and repeat look-ups.
//! All of them are range scans over the time-ordered `entry_key` (see `schema`).

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

use super::codec::{self, KEYS_PER_MS};
use super::{RepeatKey, Store, StoreError};
use crate::model::{Counters, EntryKind, LogRow};
use crate::model::{LogFilter, RepeatHit};

const SELECT_LOG_ROW: &str = "SELECT e.entry_uuid, e.kind, e.entry_key, e.direction, e.colour,
        coalesce(e.name_masked, e.code_masked, e.document_masked, e.plate, ''),
        coalesce(e.temp_last, e.temp_first), e.fever, e.decision, e.repeat_of IS NOT NULL, e.voided,
        o.text, g.text, e.practice
    FROM entry e
    JOIN word o ON o.word_key = e.operator_key
    JOIN word g ON g.word_key = e.gate_key";

/// How far ahead of this computer's clock an entry may be dated and still count as an earlier
/// visit (the clocks of a district's kiosks differ by a little).
const REPEAT_CLOCK_SKEW_MINUTES: i64 = 5;

impl Store {
    /// Log rows matching `filter`, newest first, at most `filter.limit`.
    pub fn entries(&self, filter: &LogFilter) -> Result<Vec<LogRow>, StoreError> {
        let (conditions, values) = log_conditions(filter);
        let sql = format!(
            "{SELECT_LOG_ROW} WHERE {} ORDER BY e.entry_key DESC LIMIT ?",
            conditions.join(" AND ")
        );
        let mut values = values;
        values.push(Value::Integer(
            i64::try_from(filter.limit).unwrap_or(i64::MAX),
        ));
        let mut statement = self
            .conn
            .prepare_cached(&sql)
            .map_err(|error| self.sqlite_error(&error))?;
        let rows = statement
            .query_map(params_from_iter(values), |row| Ok(log_row(row)))
            .map_err(|error| self.sqlite_error(&error))?;
        rows.map(|row| row.map_err(|error| self.sqlite_error(&error))?)
            .collect()
    }

    /// The latest entry with the same key since `since`, at any checkpoint, not voided.
    pub fn find_repeat(
        &self,
        key: &RepeatKey,
        since: DateTime<Utc>,
    ) -> Result<Option<RepeatHit>, StoreError> {
        let (tag, confirm, value): (i64, &str, Value) = match key {
            RepeatKey::Code(hash) => {
                let blob = codec::hash_blob(hash)?;
                (
                    codec::hash_tag(&blob, codec::CODE_TAG_SALT),
                    "e.code_hash = ?3",
                    Value::Blob(blob),
                )
            }
            RepeatKey::Document(hash) => {
                let blob = codec::hash_blob(hash)?;
                (
                    codec::hash_tag(&blob, codec::DOCUMENT_TAG_SALT),
                    "e.document_hash = ?3",
                    Value::Blob(blob),
                )
            }
            RepeatKey::Plate(plate) => (
                codec::plate_tag(plate),
                "e.plate = ?3",
                Value::Text(plate.clone()),
            ),
        };
        // The tag narrows to a handful of rows; the full value confirms (tags may collide).
        let sql = format!(
            "SELECT e.entry_uuid, e.entry_key, c.checkpoint_id, g.text
             FROM repeat_key r
             JOIN entry e ON e.entry_key = r.entry_key
             JOIN checkpoint c ON c.checkpoint_key = e.checkpoint_key
             JOIN word g ON g.word_key = e.gate_key
             WHERE r.tag = ?1 AND r.entry_key >= ?2 AND r.entry_key < ?4 AND e.voided = 0
               AND {confirm}
             ORDER BY r.entry_key DESC LIMIT 1"
        );
        // An entry dated in the future (an imported file from a kiosk whose clock runs ahead)
        // is nobody's earlier visit (issue 24): a few minutes of clock difference are allowed.
        let until = Utc::now() + chrono::Duration::minutes(REPEAT_CLOCK_SKEW_MINUTES);
        let found = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut statement| {
                statement
                    .query_row(
                        params![tag, codec::key_floor(since), value, codec::key_floor(until)],
                        |row| {
                            Ok((
                                row.get::<_, Vec<u8>>(0)?,
                                row.get::<_, i64>(1)?,
                                row.get(2)?,
                                row.get(3)?,
                            ))
                        },
                    )
                    .optional()
            })
            .map_err(|error| self.sqlite_error(&error))?;
        let local = found
            .map(|(uuid, key, checkpoint_id, gate)| {
                Ok(RepeatHit {
                    entry_id: codec::entry_id_from_blob(&uuid)?,
                    at: codec::time_from_key(key)?,
                    checkpoint_id,
                    gate,
                })
            })
            .transpose()?;
        // Other kiosks' keys pulled from the district's server (issue 12): the latest visit wins.
        let remote = super::outbox::latest_remote(
            &self.conn,
            tag,
            (since.timestamp_millis(), until.timestamp_millis()),
            &value,
        )?;
        Ok(match (local, remote) {
            (Some(local), Some(remote)) if remote.at > local.at => Some(remote),
            (local, remote) => local.or(remote),
        })
    }

    /// Counts since `since` over every checkpoint in this database; voided entries excluded.
    /// In and out count the people let through; those turned back, handed over or diverted are
    /// counted apart, so "进 12" never includes the two red codes sent home.
    pub fn counters(&self, since: DateTime<Utc>) -> Result<Counters, StoreError> {
        // Practice entries (demo feed, `run --feed`) count only as practice.
        let sql = "SELECT
                count(*) FILTER (WHERE kind = 0 AND direction = 0 AND decision = 0 AND NOT practice),
                count(*) FILTER (WHERE kind = 0 AND direction = 1 AND decision = 0 AND NOT practice),
                count(*) FILTER (WHERE kind = 1 AND NOT practice),
                count(*) FILTER (WHERE fever AND NOT practice),
                count(*) FILTER (WHERE kind = 0 AND colour = 2 AND NOT practice),
                count(*) FILTER (WHERE kind = 0 AND colour = 1 AND NOT practice),
                count(*) FILTER (WHERE repeat_of IS NOT NULL AND NOT practice),
                count(*) FILTER (WHERE decision = 3 AND NOT practice),
                count(*) FILTER (WHERE kind = 0 AND pass_outcome = 1 AND NOT practice),
                count(*) FILTER (WHERE kind = 0 AND pass_outcome > 1 AND NOT practice),
                count(*) FILTER (WHERE decision = 1 AND NOT practice),
                count(*) FILTER (WHERE decision = 2 AND NOT practice),
                count(*) FILTER (WHERE practice)
            FROM entry WHERE entry_key >= ?1 AND voided = 0";
        self.conn
            .prepare_cached(sql)
            .and_then(|mut statement| {
                statement.query_row([codec::key_floor(since)], |row| {
                    let count = |index: usize| row.get::<_, i64>(index).map(|n| n.max(0) as u64);
                    Ok(Counters {
                        persons_in: count(0)?,
                        persons_out: count(1)?,
                        vehicles: count(2)?,
                        fevers: count(3)?,
                        red: count(4)?,
                        yellow: count(5)?,
                        repeats: count(6)?,
                        diverted: count(7)?,
                        passes_valid: count(8)?,
                        passes_refused: count(9)?,
                        turned_back: count(10)?,
                        handed_over: count(11)?,
                        practice: count(12)?,
                    })
                })
            })
            .map_err(|error| self.sqlite_error(&error))
    }
}

/// WHERE clauses for only the filters that are set, so the planner sees a plain range scan.
fn log_conditions(filter: &LogFilter) -> (Vec<&'static str>, Vec<Value>) {
    let mut conditions = vec!["e.entry_key >= ?", "e.entry_key < ?"];
    let from_key = filter.since.map_or(i64::MIN, codec::key_floor);
    let to_key = filter.until.map_or(i64::MAX, |until| {
        codec::key_floor(until).saturating_add(KEYS_PER_MS)
    });
    let mut values = vec![Value::Integer(from_key), Value::Integer(to_key)];
    if let Some(colour) = filter.colour {
        conditions.push("e.colour = ?");
        values.push(Value::Integer(codec::colour_code(colour)));
    }
    if filter.fever_only {
        conditions.push("e.fever = 1");
    }
    if let Some(decision) = filter.decision {
        conditions.push("e.decision = ?");
        values.push(Value::Integer(codec::decision_code(decision)));
    }
    if let Some(text) = &filter.plate_contains {
        conditions.push("instr(e.plate, ?) > 0");
        values.push(Value::Text(text.clone()));
    }
    if !filter.include_voided {
        conditions.push("e.voided = 0");
    }
    (conditions, values)
}

fn bad(error: rusqlite::Error) -> StoreError {
    StoreError::BadValue(error.to_string())
}

fn log_row(row: &Row<'_>) -> Result<LogRow, StoreError> {
    let kind = EntryKind::from_code(row.get(1).map_err(bad)?)
        .ok_or_else(|| StoreError::BadValue("entry kind".to_owned()))?;
    let reading: Option<i64> = row.get(6).map_err(bad)?;
    Ok(LogRow {
        entry_id: codec::entry_id_from_blob(&row.get::<_, Vec<u8>>(0).map_err(bad)?)?,
        kind,
        at: codec::time_from_key(row.get(2).map_err(bad)?)?,
        direction: codec::direction_from_code(row.get(3).map_err(bad)?)?,
        colour: codec::colour_from_code(row.get(4).map_err(bad)?)?,
        label: row.get(5).map_err(bad)?,
        temperature: reading
            .map(codec::reading_from_code)
            .transpose()?
            .map(|reading| reading.celsius.value()),
        fever: row.get(7).map_err(bad)?,
        decision: codec::decision_from_code(row.get(8).map_err(bad)?)?,
        repeat: row.get(9).map_err(bad)?,
        voided: row.get(10).map_err(bad)?,
        operator: row.get(11).map_err(bad)?,
        gate: row.get(12).map_err(bad)?,
        practice: row.get(13).map_err(bad)?,
    })
}
