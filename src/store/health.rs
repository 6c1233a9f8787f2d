//! A read-only look at a database file for `doctor` and the first-run setup: schema version,
//! integrity, how many entries and leaders it holds. Never migrates or writes, so a helper can
//! run it against a kiosk's file without changing anything.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::StoreError;
use super::encryption::{FileState, file_state, unlock};
use super::schema::SCHEMA_VERSION;
use crate::config::Passphrase;

/// What the database file says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseHealth {
    /// `PRAGMA user_version`: the schema the file was last migrated to.
    pub schema_version: i64,
    /// The version this build writes; the file is migrated to it at the next start.
    pub supported_version: i64,
    /// `"ok"` or SQLite's first complaint from `PRAGMA quick_check`.
    pub integrity: String,
    /// Entries kept (0 before the first migration).
    pub entries: i64,
    /// Shift leaders who have a PIN.
    pub leaders: i64,
}

impl DatabaseHealth {
    pub fn is_intact(&self) -> bool {
        self.integrity == "ok"
    }

    pub fn is_too_new(&self) -> bool {
        self.schema_version > self.supported_version
    }
}

/// Opens `path` read-only and inspects it; a missing file is an error of its own (`Io`). An
/// encrypted file needs its passphrase: without one it is [`StoreError::NeedsPassphrase`], with a
/// wrong one [`StoreError::WrongPassphrase`] — never "damaged", which only a file that opened
/// with the right key can be.
pub fn inspect_database(
    path: &Path,
    passphrase: Option<&Passphrase>,
) -> Result<DatabaseHealth, StoreError> {
    let shown = path.display().to_string();
    let sqlite = |error: rusqlite::Error| StoreError::from_sqlite(&error, &shown);
    let state = file_state(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sqlite)?;
    // A plain file inspected with a passphrase at hand (the environment's) is still inspected.
    let key = passphrase.filter(|_| state == FileState::Encrypted);
    unlock(&conn, &shown, state, key)?;
    let schema_version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(sqlite)?;
    let integrity: String = conn
        .query_row("PRAGMA quick_check", [], |row| row.get(0))
        .map_err(sqlite)?;
    let (entries, leaders) = if schema_version >= 1 && integrity == "ok" {
        (
            count(&conn, "SELECT count(*) FROM entry").map_err(sqlite)?,
            count(
                &conn,
                "SELECT count(*) FROM operator WHERE role = 1 AND pin_hash IS NOT NULL",
            )
            .map_err(sqlite)?,
        )
    } else {
        (0, 0)
    };
    Ok(DatabaseHealth {
        schema_version,
        supported_version: SCHEMA_VERSION,
        integrity,
        entries,
        leaders,
    })
}

fn count(conn: &Connection, sql: &str) -> rusqlite::Result<i64> {
    conn.query_row(sql, [], |row| row.get(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;
    use crate::store::Store;

    #[test]
    fn a_fresh_database_reports_its_schema_and_no_entries_or_leaders() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kiosk.sqlite3");
        let mut store = Store::open(&path).expect("open");
        let health = inspect_database(&path, None).expect("inspect");
        assert_eq!(health.schema_version, SCHEMA_VERSION);
        assert!(health.is_intact());
        assert_eq!((health.entries, health.leaders), (0, 0));
        store
            .sign_in("王组长", Role::Leader, Some("2468"), chrono::Utc::now())
            .expect("leader");
        assert_eq!(inspect_database(&path, None).expect("inspect").leaders, 1);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kiosk.sqlite3");
        std::fs::write(&path, b"this is not sqlite at all, just some text").expect("write");
        assert!(inspect_database(&path, None).is_err());
    }

    #[test]
    fn an_encrypted_database_needs_its_passphrase_and_is_never_called_damaged_without_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kiosk.sqlite3");
        let passphrase = Passphrase::new("gate one passphrase".to_owned()).expect("long enough");
        let mut store = Store::open_keyed(&path, Some(&passphrase)).expect("create encrypted");
        store
            .sign_in("王班长", Role::Leader, Some("2468"), chrono::Utc::now())
            .expect("leader");
        drop(store);
        assert!(matches!(
            inspect_database(&path, None),
            Err(StoreError::NeedsPassphrase { .. })
        ));
        let wrong = Passphrase::new("not the passphrase".to_owned()).expect("long enough");
        assert!(matches!(
            inspect_database(&path, Some(&wrong)),
            Err(StoreError::WrongPassphrase { .. })
        ));
        let health = inspect_database(&path, Some(&passphrase)).expect("inspect");
        assert!(health.is_intact());
        assert_eq!(health.leaders, 1);
    }
}
