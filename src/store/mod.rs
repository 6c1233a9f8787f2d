//! The kiosk's SQLite database: entries, corrections, shifts, retention and the audit log.
//!
//! One [`Store`] owns the connection; the app talks to it through [`worker::StoreWorker`] on a
//! named thread so drawing never waits on the disk (the app defines the requests). Personal identifiers arrive already hashed
//! and masked (`model::pii::Protected`) and only those forms are stored. This module knows
//! nothing about egui; reports and exports are in `report`.

pub mod aggregates;
pub mod backup;
mod codec;
pub mod encryption;
mod entry_keys;
mod error;
mod error_words;
mod exports;
mod health;
mod insert;
mod intern;
mod leaders;
mod log;
mod outbox;
mod pin;
mod read;
mod retention;
mod row;
mod save;
mod schema;
mod shift;
pub mod synthetic;
mod tally;
mod types;
pub mod worker;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::config::Passphrase;

pub use codec::new_entry_id;
pub use encryption::{FileState, file_state};
pub use error::{NamedColumn, StoreError};
pub use exports::ExportRecordLine;
pub use health::{DatabaseHealth, inspect_database};
pub use leaders::PinPurpose;
pub use outbox::{EntryFacts, OutboxItem, Queued, RemoteRepeat};
pub use read::StoredEntry;
pub use retention::{DEFAULT_RETENTION_DAYS, retention_cutoff};
pub use save::EntryRecordOwned;
pub use schema::SCHEMA_VERSION;
pub use shift::LeaderPins;
pub use types::{PurgeSummary, RepeatKey, UNNAMED_OPERATOR};
pub use worker::{BoxedJob, LaterReply, StoreJob, StoreWorker};

use intern::WriteCache;

/// How long a write waits for another connection (a CLI export, say) before `Locked`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The database. One owner; not shared across threads.
pub struct Store {
    conn: Connection,
    /// The file, for error messages ("" in memory).
    path: String,
    cache: WriteCache,
    /// The key it was opened with, for the connections and backups made from it.
    passphrase: Option<Passphrase>,
}

impl Store {
    /// Opens (creating if needed), checks and migrates the plain database file at `path`; an
    /// encrypted one is refused with [`StoreError::NeedsPassphrase`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_keyed(path, None)
    }

    /// Opens the database at `path` with the leader's passphrase when it is encrypted (a new
    /// file given a passphrase is created encrypted). A wrong passphrase is refused before
    /// anything changes.
    pub fn open_keyed(path: &Path, passphrase: Option<&Passphrase>) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        // What cannot even be looked at (a path under a file, no permission), SQLite reports.
        let state = encryption::file_state(path).unwrap_or(FileState::New);
        make_private(path);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|error| StoreError::from_sqlite(&error, &shown))?;
        encryption::unlock(&conn, &shown, state, passphrase)?;
        let mut store = Self::prepare(conn, shown)?;
        store.passphrase = passphrase.cloned();
        Ok(store)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()
            .map_err(|error| StoreError::from_sqlite(&error, ":memory:"))?;
        Self::prepare(conn, ":memory:".to_owned())
    }

    fn prepare(conn: Connection, path: String) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|error| StoreError::from_sqlite(&error, &path))?;
        let mut conn = conn;
        when_not_busy(|| {
            // A file from a newer app is refused before anything (even the journal mode) changes.
            schema::refuse_newer(&conn, &path)?;
            configure(&conn).map_err(|error| StoreError::from_sqlite(&error, &path))
        })?;
        check_integrity(&conn, &path)?;
        when_not_busy(|| schema::migrate(&mut conn, &path))?;
        Ok(Store {
            conn,
            path,
            cache: WriteCache::default(),
            passphrase: None,
        })
    }

    /// The passphrase it was opened with (None: a plain file).
    pub fn passphrase(&self) -> Option<&Passphrase> {
        self.passphrase.as_ref()
    }

    /// Where the database lives, for messages.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Moves the WAL into the main file and returns its size: what the data really occupies.
    pub fn checkpointed_size_bytes(&self) -> Result<u64, StoreError> {
        let sqlite = |error: rusqlite::Error| self.sqlite_error(&error);
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(sqlite)?;
        let pages: i64 = self
            .conn
            .query_row("PRAGMA page_count", [], |row| row.get(0))
            .map_err(sqlite)?;
        // SQLCipher answers `page_size` of a keyed database as text (its cipher page size).
        let page_size: i64 = self
            .conn
            .query_row("PRAGMA page_size", [], |row| {
                Ok(match row.get::<_, rusqlite::types::Value>(0)? {
                    rusqlite::types::Value::Integer(size) => size,
                    rusqlite::types::Value::Text(size) => size.trim().parse().unwrap_or(0),
                    _ => 0,
                })
            })
            .map_err(sqlite)?;
        Ok(u64::try_from(pages.saturating_mul(page_size)).unwrap_or(0))
    }

    /// `PRAGMA synchronous` of the connection (2 = FULL: every commit is fsynced).
    pub fn synchronous_level(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "synchronous", |row| row.get(0))
            .map_err(|error| self.sqlite_error(&error))
    }

    /// Caps the file at `pages` pages (kiosks on a small SD card); past it saves fail exactly
    /// as on a full disk, which is how the tests check that path.
    pub fn cap_file_pages(&mut self, pages: i64) -> Result<(), StoreError> {
        self.conn
            .pragma_update(None, "max_page_count", pages)
            .map_err(|error| self.sqlite_error(&error))
    }

    /// The connection, for `report`'s read-only aggregate queries.
    fn connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn sqlite_error(&self, error: &rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(error, &self.path)
    }

    /// Runs `work` in one transaction committed before returning. On failure nothing is kept,
    /// and interned keys learned inside the rolled-back transaction are forgotten.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction<'_>, &mut WriteCache) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let path = self.path.clone();
        let sqlite = |error: rusqlite::Error| StoreError::from_sqlite(&error, &path);
        // IMMEDIATE takes the write lock at BEGIN, so a second writer (a CLI import, say) makes
        // this wait for the busy timeout; a deferred transaction upgrading later would fail at once.
        let transaction = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        let cache = &mut self.cache;
        let result = cache
            .begin(&transaction)
            .map_err(sqlite)
            .and_then(|()| work(&transaction, cache))
            .and_then(|value| {
                for ((day, checkpoint_key, facts), delta) in cache.take_tally() {
                    tally::add_to_day(&transaction, day, checkpoint_key, facts, delta)
                        .map_err(sqlite)?;
                }
                transaction.commit().map_err(sqlite)?;
                Ok(value)
            });
        if result.is_err() {
            self.cache.forget();
        }
        result
    }
}

/// The interned key of a checkpoint id, if the database has seen it (reports).
pub(crate) fn checkpoint_key(
    store: &Store,
    checkpoint_id: &str,
) -> Result<Option<i64>, StoreError> {
    intern::existing_checkpoint(&store.conn, checkpoint_id)
        .map_err(|error| store.sqlite_error(&error))
}

/// Runs `step` again while another process holds the file in a state SQLite answers "busy"
/// without waiting (switching a new file to WAL, recovering its WAL index): two kiosks or a
/// kiosk and a command starting together on a new data folder must both come up.
fn when_not_busy<T>(mut step: impl FnMut() -> Result<T, StoreError>) -> Result<T, StoreError> {
    let started = std::time::Instant::now();
    loop {
        match step() {
            Err(StoreError::Locked { .. }) if started.elapsed() < BUSY_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// WAL with synchronous=FULL: a commit has been fsynced to the WAL file before it returns, so
/// "saved" on the screen survives a power cut or an unplugged laptop, not only a killed app
/// (the fsync costs about a millisecond per entry; see `load`). secure_delete zeroes deleted
/// rows, so purged entries cannot be read back from free pages.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    let _mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "secure_delete", true)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // 128 MiB of page cache at most (SQLite's default is 2 MiB): the repeat tags take random
    // inserts, and at district scale they no longer fit a small cache. Allocated only as used.
    conn.pragma_update(None, "cache_size", -131_072)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Creates the database file private to this user (0600, exclusively) before SQLite opens it;
/// SQLite gives its WAL and shared-memory files the same mode. An older, wider file is narrowed.
/// Best effort: where this fails (a read-only folder), SQLite's own open says what is wrong.
fn make_private(path: &Path) {
    if crate::config::private::create_private_file(path).is_ok() {
        return;
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = crate::config::private::restrict(Path::new(&name), 0o600);
    }
}

/// `quick_check` at open: a damaged file is reported before anything is written to it.
fn check_integrity(conn: &Connection, path: &str) -> Result<(), StoreError> {
    let verdict: String = conn
        .query_row("PRAGMA quick_check", [], |row| row.get(0))
        .map_err(|error| StoreError::from_sqlite(&error, path))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(StoreError::Damaged {
            path: path.to_owned(),
            detail: verdict,
        })
    }
}
