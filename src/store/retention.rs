//! Retention (PIPL art. 19/47): entries older than the limit are deleted, and an audit line with
//! counts only (no personal data) is kept in `audit`, which outlives the entries.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::codec;
use super::{PurgeSummary, Store, StoreError, tally};

/// Used when `kiosk.toml` has no `retention_days`: two 14-day observation periods.
pub const DEFAULT_RETENTION_DAYS: u32 = 28;

/// The purge cutoff `days` before `now`, or `None` when that is before the calendar's start
/// (a hand-typed four billion days): checked, never a panic.
pub fn retention_cutoff(now: DateTime<Utc>, days: u32) -> Option<DateTime<Utc>> {
    chrono::Duration::try_days(i64::from(days)).and_then(|span| now.checked_sub_signed(span))
}

impl Store {
    /// Deletes every entry recorded before `cutoff` (with its voids, readings and repeat tags) in
    /// one transaction, and writes an audit line stamped with the time of the purge.
    pub fn purge_older_than(&mut self, cutoff: DateTime<Utc>) -> Result<PurgeSummary, StoreError> {
        let cutoff_key = codec::key_floor(cutoff);
        let now = Utc::now();
        let summary = self.write(|transaction, _| {
            let sqlite = |error: rusqlite::Error| {
                StoreError::from_sqlite(&error, transaction.path().unwrap_or_default())
            };
            let count = |kind: i64| -> Result<u64, StoreError> {
                transaction
                    .query_row(
                        "SELECT count(*) FROM entry WHERE entry_key < ?1 AND kind = ?2",
                        [cutoff_key, kind],
                        |row| row.get::<_, i64>(0),
                    )
                    .map(|count| count.max(0) as u64)
                    .map_err(sqlite)
            };
            let summary = PurgeSummary {
                persons: count(0)?,
                vehicles: count(1)?,
                cutoff: Some(cutoff),
            };
            tally::subtract_before(transaction, cutoff_key).map_err(sqlite)?;
            super::outbox::queue_purge(transaction, cutoff).map_err(sqlite)?;
            transaction
                .execute("DELETE FROM repeat_key WHERE entry_key < ?1", [cutoff_key])
                .map_err(sqlite)?;
            transaction
                .execute("DELETE FROM entry WHERE entry_key < ?1", [cutoff_key])
                .map_err(sqlite)?;
            let detail = format!(
                "deleted {} person and {} vehicle entries recorded before {}",
                summary.persons,
                summary.vehicles,
                cutoff.to_rfc3339()
            );
            transaction
                .execute(
                    "INSERT INTO audit (at_ms, action, detail) VALUES (?1, 'purge', ?2)",
                    params![now.timestamp_millis(), detail],
                )
                .map_err(sqlite)?;
            Ok(summary)
        })?;
        // secure_delete zeroed the rows in the pages; moving them into the main file and
        // truncating the WAL leaves no copy of a purged entry in the WAL either.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|error| self.sqlite_error(&error))?;
        Ok(summary)
    }

    /// Writes one audit line (a backup, a restore, encryption): what was done, never whose data.
    pub fn record_audit(
        &mut self,
        action: &str,
        detail: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(|transaction, _| {
            insert_audit(transaction, action, detail, at).map_err(|error| {
                StoreError::from_sqlite(&error, transaction.path().unwrap_or_default())
            })
        })
    }

    /// Audit lines, newest first: (time, action, detail).
    pub fn audit_log(
        &self,
        limit: usize,
    ) -> Result<Vec<(DateTime<Utc>, String, String)>, StoreError> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT at_ms, action, detail FROM audit ORDER BY audit_id DESC LIMIT ?1",
            )
            .map_err(|error| self.sqlite_error(&error))?;
        let rows = statement
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |row| {
                Ok((row.get::<_, i64>(0)?, row.get(1)?, row.get(2)?))
            })
            .map_err(|error| self.sqlite_error(&error))?;
        rows.map(|row| {
            let (at_ms, action, detail) = row.map_err(|error| self.sqlite_error(&error))?;
            Ok((codec::time_from_ms(at_ms)?, action, detail))
        })
        .collect()
    }
}

/// An audit line inside the caller's transaction.
pub(super) fn insert_audit(
    conn: &rusqlite::Connection,
    action: &str,
    detail: &str,
    at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO audit (at_ms, action, detail) VALUES (?1, ?2, ?3)",
        params![at.timestamp_millis(), action, detail],
    )
    .map(drop)
}
