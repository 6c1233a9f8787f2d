//! Streaming whole entries out (exports) and the `export` table that records who exported what.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::read::{SELECT_ENTRY, StoredEntry, stored_entry};
use super::{Store, StoreError, codec, intern};

/// One line of the `export` table: who took data out, when, in which format, how much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRecordLine {
    pub at: DateTime<Utc>,
    pub operator: String,
    pub format: String,
    pub scope: String,
    pub entries: u64,
    pub file_name: String,
}

impl Store {
    /// Calls `visit` with every entry recorded in `[from, to)`, oldest first, optionally at one
    /// checkpoint; practice is left out unless `include_practice` (issue 22). Rows are streamed,
    /// never all in memory. Stops at the first error `visit` returns.
    pub fn for_each_entry(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        checkpoint_id: Option<&str>,
        include_practice: bool,
        mut visit: impl FnMut(StoredEntry) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError> {
        let checkpoint_key = match checkpoint_id {
            None => None,
            Some(checkpoint_id) => match intern::existing_checkpoint(&self.conn, checkpoint_id)
                .map_err(|error| self.sqlite_error(&error))?
            {
                Some(key) => Some(key),
                None => return Ok(0),
            },
        };
        let sql = format!(
            "{SELECT_ENTRY} WHERE e.entry_key >= ?1 AND e.entry_key < ?2
             AND (?3 IS NULL OR e.checkpoint_key = ?3) AND (?4 OR e.practice = 0)
             ORDER BY e.entry_key"
        );
        let mut statement = self
            .conn
            .prepare(&sql)
            .map_err(|error| self.sqlite_error(&error))?;
        let mut rows = statement
            .query(params![
                codec::key_floor(from),
                codec::key_floor(to),
                checkpoint_key,
                include_practice
            ])
            .map_err(|error| self.sqlite_error(&error))?;
        let mut count = 0;
        while let Some(row) = rows.next().map_err(|error| self.sqlite_error(&error))? {
            visit(stored_entry(row)?)?;
            count += 1;
        }
        Ok(count)
    }

    /// Writes who exported what into the `export` table (kept with the audit log).
    pub fn record_export(&mut self, line: &ExportRecordLine) -> Result<(), StoreError> {
        self.write(|transaction, _| {
            transaction
                .execute(
                    "INSERT INTO export (at_ms, operator, format, scope, entries, file_name)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        line.at.timestamp_millis(),
                        line.operator,
                        line.format,
                        line.scope,
                        i64::try_from(line.entries).unwrap_or(i64::MAX),
                        line.file_name
                    ],
                )
                .map(drop)
                .map_err(|error| {
                    StoreError::from_sqlite(&error, transaction.path().unwrap_or_default())
                })
        })
    }

    /// Export lines, newest first.
    pub fn exports(&self, limit: usize) -> Result<Vec<ExportRecordLine>, StoreError> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT at_ms, operator, format, scope, entries, file_name FROM export
                 ORDER BY export_id DESC LIMIT ?1",
            )
            .map_err(|error| self.sqlite_error(&error))?;
        let rows = statement
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get::<_, i64>(4)?,
                    row.get(5)?,
                ))
            })
            .map_err(|error| self.sqlite_error(&error))?;
        rows.map(|row| {
            let (at_ms, operator, format, scope, entries, file_name) =
                row.map_err(|error| self.sqlite_error(&error))?;
            Ok(ExportRecordLine {
                at: codec::time_from_ms(at_ms)?,
                operator,
                format,
                scope,
                entries: entries.max(0) as u64,
                file_name,
            })
        })
        .collect()
    }
}
