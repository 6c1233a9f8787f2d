//! The kiosk's SQLite database: entries, corrections, shifts, retention and the audit log.
//!
//! One [`Store`] owns the connection; the UI talks to it through [`worker::StoreWorker`] on a
//! named thread so drawing never waits on the disk. Personal identifiers arrive already hashed
//! and masked (`model::pii::Protected`) and only those forms are stored. This module knows
//! nothing about egui; reports and exports are in `report`.

mod codec;
mod error;
mod insert;
mod intern;
mod log;
mod read;
mod retention;
mod row;
mod save;
mod schema;
mod shift;
mod types;
pub mod worker;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use error::StoreError;
pub use read::StoredEntry;
pub use retention::DEFAULT_RETENTION_DAYS;
pub use save::EntryRecordOwned;
pub use schema::SCHEMA_VERSION;
pub use types::{
    Counters, EntryKind, LogFilter, LogRow, Operator, PurgeSummary, RepeatHit, RepeatKey, Role,
    Shift,
};
pub use worker::{ReplyPayload, StoreReply, StoreRequest, StoreWorker};

use intern::Interner;

/// How long a write waits for another connection (a CLI export, say) before `Locked`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The database. One owner; not shared across threads.
pub struct Store {
    conn: Connection,
    /// The file, for error messages ("" in memory).
    path: String,
    interner: Interner,
}

impl Store {
    /// Opens (creating if needed), checks and migrates the database file at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|error| StoreError::from_sqlite(&error, &shown))?;
        Self::prepare(conn, shown)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()
            .map_err(|error| StoreError::from_sqlite(&error, ":memory:"))?;
        Self::prepare(conn, ":memory:".to_owned())
    }

    fn prepare(conn: Connection, path: String) -> Result<Store, StoreError> {
        configure(&conn).map_err(|error| StoreError::from_sqlite(&error, &path))?;
        check_integrity(&conn, &path)?;
        let mut store = Store {
            conn,
            path,
            interner: Interner::default(),
        };
        schema::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// Where the database lives, for messages.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Caps the file at `pages` pages (kiosks on a small SD card); past it saves fail exactly
    /// as on a full disk, which is how the tests check that path.
    pub fn cap_file_pages(&mut self, pages: i64) -> Result<(), StoreError> {
        self.conn
            .pragma_update(None, "max_page_count", pages)
            .map_err(|error| self.sqlite_error(&error))
    }

    pub(crate) fn sqlite_error(&self, error: &rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(error, &self.path)
    }

    /// Runs `work` in one transaction committed before returning. On failure nothing is kept,
    /// and interned keys learned inside the rolled-back transaction are forgotten.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction<'_>, &mut Interner) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let path = self.path.clone();
        let sqlite = |error: rusqlite::Error| StoreError::from_sqlite(&error, &path);
        let transaction = self.conn.transaction().map_err(sqlite)?;
        let result = work(&transaction, &mut self.interner).and_then(|value| {
            transaction.commit().map_err(sqlite)?;
            Ok(value)
        });
        if result.is_err() {
            self.interner.forget();
        }
        result
    }
}

/// WAL with synchronous=NORMAL: a commit has reached the operating system (the WAL file) before
/// it returns, so a killed or crashed app loses nothing that was committed; only an OS crash or
/// power cut can drop the last few commits, and even then the file stays consistent. FULL would
/// add an fsync per entry for that case only, which the laptop's battery already covers.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let _mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
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
