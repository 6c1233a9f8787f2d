//! Encryption at rest (SQLCipher): a laptop left at the gate or stolen gives away nothing without
//! the passphrase a shift leader set. Without a passphrase the database stays a plain SQLite file
//! (a kiosk that never turned encryption on); once encrypted, every connection, backup and
//! restore needs it.
//!
//! SQLCipher derives the page key from the passphrase (PBKDF2, 256,000 rounds by default), so
//! opening takes a fraction of a second, once per connection.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::{Store, StoreError};
use crate::config::Passphrase;
use rusqlite::{Connection, OpenFlags};

/// The first bytes of every plain SQLite file; an encrypted file's first page is ciphertext.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What is on disk at a database path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// No file yet (or an empty one): it takes the passphrase it is first given.
    New,
    Plain,
    /// Starts with what looks like SQLCipher's random salt.
    Encrypted,
    /// Neither SQLite's header nor a random salt (zeros, repeated bytes): a damaged file, which
    /// opening then reports as damaged with the backup advice.
    Damaged,
}

/// Looks at the first 16 bytes only.
pub fn file_state(path: &Path) -> Result<FileState, StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::New),
        Err(error) => return Err(StoreError::file(path, &error)),
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(count) => read += count,
            Err(error) => return Err(StoreError::file(path, &error)),
        }
    }
    Ok(match read {
        0 => FileState::New,
        _ if &header == PLAIN_HEADER => FileState::Plain,
        _ if read == header.len() && looks_random(&header) => FileState::Encrypted,
        _ => FileState::Damaged,
    })
}

/// SQLCipher begins a file with 16 random bytes: sixteen random bytes have about 15 different
/// values, and fewer than 8 practically never (the chance is below 1 in 10^9).
fn looks_random(header: &[u8; 16]) -> bool {
    let mut seen = [false; 256];
    for byte in header {
        seen[usize::from(*byte)] = true;
    }
    seen.iter().filter(|seen| **seen).count() >= 8
}

/// Sets the key on a fresh connection (before anything is read) and proves it opens the file.
pub(super) fn unlock(
    conn: &Connection,
    path: &str,
    state: FileState,
    passphrase: Option<&Passphrase>,
) -> Result<(), StoreError> {
    match (state, passphrase) {
        (FileState::Plain, Some(_)) => Err(StoreError::NotEncrypted {
            path: path.to_owned(),
        }),
        (FileState::Encrypted, None) => Err(StoreError::NeedsPassphrase {
            path: path.to_owned(),
        }),
        (_, None) | (FileState::Damaged, _) => Ok(()),
        (_, Some(passphrase)) => {
            // SQLCipher logs a wrong key's failed page check to stderr itself ("ERROR CORE
            // hmac check failed"); the refusal below already says it, in the user's words.
            let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
            set_key(conn, "key", passphrase)
                .map_err(|error| StoreError::from_sqlite(&error, path))?;
            let readable = conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
                row.get::<_, i64>(0)
            });
            match readable {
                Ok(_) => Ok(()),
                Err(error) if is_not_a_database(&error) => Err(StoreError::WrongPassphrase {
                    path: path.to_owned(),
                }),
                Err(error) => Err(StoreError::from_sqlite(&error, path)),
            }
        }
    }
}

/// `PRAGMA key` / `PRAGMA rekey` from a statement that is wiped after use: rusqlite's
/// `pragma_update` would leave a quoted copy of the passphrase in freed memory (a core dump held
/// it, issue 24). SQLite reads the statement in place; SQLCipher wipes its own copy of the key.
fn set_key(conn: &Connection, pragma: &str, passphrase: &Passphrase) -> rusqlite::Result<()> {
    let mut statement = zeroize::Zeroizing::new(String::with_capacity(
        pragma.len() + passphrase.expose().len() * 2 + 16,
    ));
    statement.push_str("PRAGMA ");
    statement.push_str(pragma);
    statement.push_str(" = '");
    for c in passphrase.expose().chars() {
        if c == '\'' {
            statement.push('\'');
        }
        statement.push(c);
    }
    statement.push('\'');
    conn.execute_batch(&statement)
}

fn is_not_a_database(error: &rusqlite::Error) -> bool {
    error.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase)
}

/// Keys a connection to a new file (a backup's copy) like the store's own.
pub(super) fn key_new_file(
    conn: &Connection,
    path: &str,
    passphrase: Option<&Passphrase>,
) -> Result<(), StoreError> {
    if let Some(passphrase) = passphrase {
        set_key(conn, "key", passphrase).map_err(|error| StoreError::from_sqlite(&error, path))?;
    }
    Ok(())
}

/// Turns the plain database at `path` into an encrypted one, in place: everything is copied
/// into a new encrypted file (`sqlcipher_export`), which replaces the plain one; the plain
/// file's bytes are then overwritten through a handle kept open across the rename, so no
/// readable copy is left on the disk. The window must be closed (the caller holds the lock).
pub fn encrypt_in_place(path: &Path, passphrase: &Passphrase) -> Result<(), StoreError> {
    let shown = path.display().to_string();
    if file_state(path)? != FileState::Plain {
        return Err(StoreError::AlreadyEncrypted { path: shown });
    }
    // Opening migrates and checks it; the checkpoint empties the WAL into the main file.
    let store = Store::open(path)?;
    let sqlite = |error: rusqlite::Error| StoreError::from_sqlite(&error, &shown);
    store
        .conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .map_err(sqlite)?;
    let encrypted = with_suffix(path, ".encrypting");
    remove_if_present(&encrypted)?;
    store
        .conn
        .execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            (encrypted.to_string_lossy(), passphrase.expose()),
        )
        .map_err(sqlite)?;
    let exported = store
        .conn
        .query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
        .and_then(|()| {
            let version: i64 = store
                .conn
                .query_row("PRAGMA main.user_version", [], |row| row.get(0))?;
            store
                .conn
                .pragma_update(Some("encrypted"), "user_version", version)
        });
    let detached = store.conn.execute("DETACH DATABASE encrypted", []);
    exported.map_err(sqlite)?;
    detached.map_err(sqlite)?;
    drop(store);
    sync_file(&encrypted)?;
    let mut plain = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|error| StoreError::file(path, &error))?;
    std::fs::rename(&encrypted, path).map_err(|error| StoreError::file(path, &error))?;
    overwrite_with_zeros(&mut plain).map_err(|error| StoreError::file(path, &error))?;
    for suffix in ["-wal", "-shm"] {
        remove_if_present(&with_suffix(path, suffix))?;
    }
    Ok(())
}

/// Gives the open, encrypted database a new passphrase (SQLCipher's `rekey`, which re-encrypts
/// every page in one transaction) and writes an audit line without the passphrases. Backups made
/// before keep the old one: [`rekey_file`] brings them along.
pub fn change_passphrase(store: &mut Store, new: &Passphrase) -> Result<(), StoreError> {
    if store.passphrase.is_none() {
        return Err(StoreError::NotEncrypted {
            path: store.path.clone(),
        });
    }
    rekey_connection(&store.conn, &store.path, new)?;
    store.passphrase = Some(new.clone());
    store.record_audit(
        "passphrase",
        "database passphrase changed",
        chrono::Utc::now(),
    )
}

/// Re-encrypts a closed database file (a backup) from `old` to `new`. A file that does not open
/// with `old` is left as it is and reported.
pub fn rekey_file(path: &Path, old: &Passphrase, new: &Passphrase) -> Result<(), StoreError> {
    let shown = path.display().to_string();
    if file_state(path)? != FileState::Encrypted {
        return Err(StoreError::NotEncrypted { path: shown });
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|error| StoreError::from_sqlite(&error, &shown))?;
    unlock(&conn, &shown, FileState::Encrypted, Some(old))?;
    rekey_connection(&conn, &shown, new)
}

/// SQLCipher re-keys a rollback-journal database: the WAL is emptied into the file and the
/// journal switched for the duration, then WAL again, so no page under the old key stays behind
/// in a WAL file.
fn rekey_connection(conn: &Connection, path: &str, new: &Passphrase) -> Result<(), StoreError> {
    let sqlite = |error: rusqlite::Error| StoreError::from_sqlite(&error, path);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .map_err(sqlite)?;
    let was_wal = mode.eq_ignore_ascii_case("wal");
    if was_wal {
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(sqlite)?;
        conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))
            .map_err(sqlite)?;
    }
    let rekeyed = set_key(conn, "rekey", new);
    if was_wal {
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(sqlite)?;
    }
    rekeyed.map_err(sqlite)
}

fn overwrite_with_zeros(file: &mut std::fs::File) -> std::io::Result<()> {
    let length = file.metadata()?.len();
    let zeros = vec![0u8; 1 << 16];
    let mut left = length;
    while left > 0 {
        let step = usize::try_from(left.min(zeros.len() as u64)).unwrap_or(zeros.len());
        file.write_all(&zeros[..step])?;
        left = left.saturating_sub(step as u64);
    }
    file.sync_all()
}

fn sync_file(path: &Path) -> Result<(), StoreError> {
    std::fs::File::open(path)
        .and_then(|file| file.sync_all())
        .map_err(|error| StoreError::file(path, &error))
}

fn remove_if_present(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(StoreError::file(path, &error)),
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zeros_or_repeated_bytes_are_damage_not_encryption() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("x.sqlite3");
        for (bytes, state) in [
            (vec![0u8; 4096], FileState::Damaged),
            (vec![0x5A; 4096], FileState::Damaged),
            (
                (0u8..=255).cycle().step_by(7).take(4096).collect(),
                FileState::Encrypted,
            ),
        ] {
            std::fs::write(&path, bytes).expect("written");
            assert_eq!(file_state(&path).expect("state"), state);
        }
    }

    #[test]
    fn a_missing_or_empty_file_is_new() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("x.sqlite3");
        assert_eq!(file_state(&path).expect("state"), FileState::New);
        std::fs::write(&path, b"").expect("empty");
        assert_eq!(file_state(&path).expect("state"), FileState::New);
    }

    #[test]
    fn a_passphrase_with_quotes_and_backslashes_keys_and_reopens_the_database() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kiosk.sqlite3");
        let passphrase =
            Passphrase::new("it's a \"gate\" \\ 门 ''".to_owned()).expect("long enough");
        drop(Store::open_keyed(&path, Some(&passphrase)).expect("created"));
        assert_eq!(file_state(&path).expect("state"), FileState::Encrypted);
        assert!(Store::open_keyed(&path, Some(&passphrase)).is_ok());
        let other = Passphrase::new("it's a \"gate\" \\ 门 '".to_owned()).expect("long enough");
        assert!(matches!(
            Store::open_keyed(&path, Some(&other)),
            Err(StoreError::WrongPassphrase { .. })
        ));
    }
}
