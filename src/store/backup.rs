//! Backups through SQLite's online backup API (consistent while the kiosk keeps saving), kept
//! in a folder of their own (a USB stick, say), the newest N kept; restoring one; and the full
//! integrity check behind `db check`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use super::{SCHEMA_VERSION, Store, StoreError};
use crate::config::Passphrase;
use crate::config::private::{self, Place};

/// Backups kept when the caller does not say.
pub const DEFAULT_BACKUPS_KEPT: usize = 10;
/// Backup files are named `kiosk-YYYYMMDD-HHMMSS.sqlite3`, so their names sort by time.
const PREFIX: &str = "kiosk-";
const SUFFIX: &str = ".sqlite3";

/// The folder used at shift close when nothing else is chosen: beside the database.
pub fn default_backup_dir(database: &Path) -> PathBuf {
    database
        .parent()
        .map_or_else(|| PathBuf::from("backups"), |folder| folder.join("backups"))
}

/// The backups in `folder`, oldest first.
pub fn list_backups(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with(PREFIX) && name.ends_with(SUFFIX))
        })
        .collect();
    found.sort();
    found
}

/// The newest backup in `folder`, if any.
pub fn latest_backup(folder: &Path) -> Option<PathBuf> {
    list_backups(folder).pop()
}

fn file_error(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |error| StoreError::file(path, &error)
}

impl Store {
    /// Copies the database into `folder` as a new, checked, private file while the kiosk keeps
    /// working, then deletes all but the newest `keep` backups there. Returns the new file.
    pub fn backup_into(
        &self,
        folder: &Path,
        keep: usize,
        now: DateTime<Utc>,
    ) -> Result<PathBuf, StoreError> {
        private::create_private_dir(folder).map_err(|error| StoreError::File {
            path: folder.display().to_string(),
            detail: error.to_string(),
        })?;
        let mut target = folder.join(format!("{PREFIX}{}{SUFFIX}", now.format("%Y%m%d-%H%M%S")));
        let mut extra = 1;
        while target.exists() {
            extra += 1;
            target = folder.join(format!(
                "{PREFIX}{}-{extra}{SUFFIX}",
                now.format("%Y%m%d-%H%M%S")
            ));
        }
        let temporary = private::temporary_sibling(&target);
        let copied = self.copy_to(&temporary);
        if let Err(error) = copied {
            let _ = std::fs::remove_file(&temporary);
            return Err(error);
        }
        private::place(&temporary, &target, Place::NoReplace).map_err(file_error(&target))?;
        private::sync_parent(&target);
        prune(folder, keep.max(1));
        Ok(target)
    }

    /// The online backup into a new private file at `temporary`, checked and synced.
    fn copy_to(&self, temporary: &Path) -> Result<(), StoreError> {
        private::create_private_file(temporary).map_err(file_error(temporary))?;
        let shown = temporary.display().to_string();
        let sqlite = |error: rusqlite::Error| StoreError::from_sqlite(&error, &shown);
        {
            let mut copy = Connection::open(temporary).map_err(sqlite)?;
            // An encrypted database's backups are encrypted with the same passphrase.
            super::encryption::key_new_file(&copy, &shown, self.passphrase.as_ref())?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy).map_err(sqlite)?;
            backup
                .run_to_completion(1024, std::time::Duration::ZERO, None)
                .map_err(sqlite)?;
            drop(backup);
            // The copy is a standalone file: no WAL beside it on the stick.
            let _mode: String = copy
                .pragma_update_and_check(None, "journal_mode", "DELETE", |row| row.get(0))
                .map_err(sqlite)?;
            let problems = integrity_problems(&copy, &shown)?;
            if !problems.is_empty() {
                return Err(StoreError::Damaged {
                    path: shown.clone(),
                    detail: problems.join("; "),
                });
            }
        }
        std::fs::File::open(temporary)
            .and_then(|file| file.sync_all())
            .map_err(file_error(temporary))
    }
}

/// Deletes all but the newest `keep` backups in `folder` (best effort).
fn prune(folder: &Path, keep: usize) {
    let backups = list_backups(folder);
    let surplus = backups.len().saturating_sub(keep);
    for old in &backups[..surplus] {
        let _ = std::fs::remove_file(old);
    }
}

/// `PRAGMA integrity_check` and `foreign_key_check`: every problem found, none when healthy.
pub fn integrity_problems(conn: &Connection, path: &str) -> Result<Vec<String>, StoreError> {
    let sqlite = |error: rusqlite::Error| StoreError::from_sqlite(&error, path);
    let mut problems = Vec::new();
    let mut statement = conn
        .prepare("PRAGMA integrity_check(100)")
        .map_err(sqlite)?;
    let rows = statement
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(sqlite)?;
    for row in rows {
        let line = row.map_err(sqlite)?;
        if line != "ok" {
            problems.push(line);
        }
    }
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
            row.get(0)
        })
        .map_err(sqlite)?;
    if orphans > 0 {
        problems.push(format!("{orphans} rows refer to missing rows"));
    }
    Ok(problems)
}

/// Checks the database file at `path` without changing it: the full integrity check and the
/// schema version. Returns the problems found (none when healthy). An encrypted file needs its
/// passphrase.
pub fn check_file(path: &Path, passphrase: Option<&Passphrase>) -> Result<Vec<String>, StoreError> {
    let shown = path.display().to_string();
    if !path.exists() {
        return Err(StoreError::CannotOpen {
            path: shown,
            detail: "no such file".to_owned(),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|error| StoreError::from_sqlite(&error, &shown))?;
    super::encryption::unlock(
        &conn,
        &shown,
        super::encryption::file_state(path)?,
        passphrase,
    )?;
    let _ = conn.busy_timeout(std::time::Duration::from_secs(5));
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|error| StoreError::from_sqlite(&error, &shown))?;
    let mut problems = integrity_problems(&conn, &shown)?;
    if version > SCHEMA_VERSION {
        problems.push(format!(
            "schema {version} is newer than this app's {SCHEMA_VERSION}: update the app"
        ));
    }
    Ok(problems)
}

/// Replaces the database at `database` with the backup `backup` (the app must be closed: the
/// caller holds the data folder's lock). The backup is checked first; the current files are
/// kept beside it as `NAME.before-restore-TIME` (nothing is deleted). Returns that name. An
/// encrypted backup needs its passphrase.
pub fn restore_backup(
    backup: &Path,
    database: &Path,
    now: DateTime<Utc>,
    passphrase: Option<&Passphrase>,
) -> Result<PathBuf, StoreError> {
    let problems = check_file(backup, passphrase)?;
    if !problems.is_empty() {
        return Err(StoreError::Damaged {
            path: backup.display().to_string(),
            detail: problems.join("; "),
        });
    }
    let aside = with_suffix(
        database,
        &format!(".before-restore-{}", now.format("%Y%m%d-%H%M%S")),
    );
    let mut moved = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let from = with_suffix(database, suffix);
        if from.exists() {
            let to = with_suffix(&aside, suffix);
            if let Err(error) = std::fs::rename(&from, &to) {
                put_back(&moved);
                return Err(StoreError::file(&from, &error));
            }
            moved.push((from, to));
        }
    }
    let temporary = private::temporary_sibling(database);
    let copied = private::create_private_file(&temporary)
        .and_then(|mut file| {
            let mut source = std::fs::File::open(backup)?;
            std::io::copy(&mut source, &mut file)?;
            file.sync_all()
        })
        .and_then(|()| private::place(&temporary, database, Place::NoReplace));
    if let Err(error) = copied {
        let _ = std::fs::remove_file(&temporary);
        put_back(&moved);
        return Err(StoreError::file(database, &error));
    }
    private::sync_parent(database);
    Ok(aside)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Undoes the moves of a restore that failed half-way: the database is as it was.
fn put_back(moved: &[(PathBuf, PathBuf)]) {
    for (original, aside) in moved {
        let _ = std::fs::rename(aside, original);
    }
}
