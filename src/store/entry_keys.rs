//! The low-level steps on `entry` rows that saving, inserting, reading and the sync share: the
//! SQLite error in the store's words, an entry's key by its id, the next free key, and a void.
//! (Their own file, so that `save`, `insert` and `read` each name it and not one another.)

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use super::codec::{self, KEYS_PER_MS};
use super::intern::WriteCache;
use crate::model::EntryId;

pub(crate) fn sqlite(error: rusqlite::Error, conn: &Connection) -> StoreError {
    StoreError::from_sqlite(&error, conn.path().unwrap_or(":memory:"))
}

pub(crate) fn entry_key_of(conn: &Connection, id: EntryId) -> Result<Option<i64>, StoreError> {
    conn.prepare_cached("SELECT entry_key FROM entry WHERE entry_uuid = ?1")
        .and_then(|mut statement| {
            statement
                .query_row([&codec::uuid_blob(id)[..]], |row| row.get(0))
                .optional()
        })
        .map_err(|error| sqlite(error, conn))
}

pub(crate) fn mark_void(
    conn: &Connection,
    key: i64,
    reason: &str,
    operator: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO void (entry_key, reason, operator, at_ms) VALUES (?1, ?2, ?3, ?4)",
    )
    .and_then(|mut statement| {
        statement.execute(params![key, reason, operator, at.timestamp_millis()])
    })
    .and_then(|_| conn.prepare_cached("UPDATE entry SET voided = 1 WHERE entry_key = ?1"))
    .and_then(|mut statement| statement.execute([key]))
    .map(drop)
    .map_err(|error| sqlite(error, conn))
}

/// The next free key in the entry's millisecond: keys are time-ordered (see `schema`). Entries
/// later than every stored one (the usual case) need no look-up.
pub(crate) fn next_entry_key(
    conn: &Connection,
    cache: &WriteCache,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let floor = codec::key_floor(at);
    if cache.highest_key().is_none_or(|highest| highest < floor) {
        return Ok(floor);
    }
    let highest: Option<i64> = conn
        .prepare_cached("SELECT max(entry_key) FROM entry WHERE entry_key >= ?1 AND entry_key < ?2")
        .and_then(|mut statement| {
            statement.query_row([floor, floor + KEYS_PER_MS], |row| row.get(0))
        })
        .map_err(|error| sqlite(error, conn))?;
    let key = highest.map_or(floor, |highest| highest + 1);
    if key >= floor + KEYS_PER_MS {
        return Err(StoreError::InvalidEntry(format!(
            "more than {KEYS_PER_MS} entries in one millisecond"
        )));
    }
    Ok(key)
}
