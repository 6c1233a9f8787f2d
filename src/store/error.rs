//! What can go wrong with the database, in words a volunteer can act on.
//!
//! Errors are `Clone` (they travel from the store thread to the UI in replies), so the SQLite
//! error is kept as text, after its code has been turned into one of these cases. `Display` is
//! English (logs, the command line); [`StoreError::zh`] says the same in Chinese for the UI.

use std::path::Path;

use rusqlite::ErrorCode;
use thiserror::Error;

use crate::model::EntryId;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    #[error(
        "the disk is full: free space or move the data folder ({path}); the change was NOT saved"
    )]
    DiskFull { path: String },
    #[error(
        "the database {path} is read-only: check the folder permissions or move the data folder; the change was NOT saved"
    )]
    ReadOnly { path: String },
    #[error(
        "the database {path} is locked by another program: close the other checkpoint-kiosk window and try again"
    )]
    Locked { path: String },
    #[error(
        "cannot open the database {path} ({detail}): check that the folder exists and can be written"
    )]
    CannotOpen { path: String, detail: String },
    #[error(
        "the database {path} is damaged ({detail}): close the app and restore the latest backup (`checkpoint-kiosk restore --latest`; the damaged file is kept aside)"
    )]
    Damaged { path: String, detail: String },
    #[error(
        "the database {path} was written by a newer checkpoint-kiosk (schema {found}, this app knows {supported}): update the app"
    )]
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error(
        "the database {path} is encrypted: give the passphrase (set CHECKPOINT_KIOSK_PASSPHRASE, or type it when asked)"
    )]
    NeedsPassphrase { path: String },
    #[error("wrong passphrase for the database {path}: try again, or ask the leader who set it")]
    WrongPassphrase { path: String },
    #[error(
        "the database {path} is not encrypted yet: encrypt it first with `checkpoint-kiosk db encrypt` (window closed)"
    )]
    NotEncrypted { path: String },
    #[error("the database {path} is already encrypted: nothing to do")]
    AlreadyEncrypted { path: String },
    #[error("no entry {0}: refresh the log and try again")]
    EntryNotFound(EntryId),
    #[error("entry {0} is already voided: nothing to do")]
    AlreadyVoided(EntryId),
    #[error("a void needs a reason and an operator: fill both in")]
    VoidIncomplete,
    #[error("shift leaders need a PIN: type the PIN")]
    PinRequired,
    #[error("wrong PIN for {0}: try again, or ask another leader")]
    WrongPin(String),
    #[error("too many wrong PINs: wait {seconds} s, then type the PIN again")]
    PinWait { seconds: i64 },
    #[error(
        "{0} is a new shift leader: an existing leader must confirm with their name and PIN (nothing was created)"
    )]
    NewLeaderNeedsLeader(String),
    #[error("{0} is a new shift leader: type the new PIN twice (nothing was created)")]
    NewLeaderPinTwice(String),
    #[error("the two PINs differ: type the same PIN twice (nothing was created)")]
    PinsDiffer,
    #[error("the name is empty: type your name")]
    EmptyName,
    #[error("{0} is not a shift leader: a leader must open and close shifts")]
    NotALeader(String),
    #[error("a shift is already open at {checkpoint_id} (shift {shift_id}): close it first")]
    ShiftAlreadyOpen {
        checkpoint_id: String,
        shift_id: i64,
    },
    #[error("no shift {0}: refresh and try again")]
    ShiftNotFound(i64),
    #[error("shift {0} is already closed")]
    ShiftAlreadyClosed(i64),
    #[error(
        "an entry does not fit the database ({0}); it was NOT saved: report this to the district"
    )]
    InvalidEntry(String),
    #[error(
        "the database holds a value this app cannot read ({0}): restore the latest backup or report this"
    )]
    BadValue(String),
    #[error(
        "the database holds a {column} this app does not know (“{value}”), perhaps written by a newer checkpoint-kiosk: update the app, or restore the latest backup"
    )]
    UnknownName { column: NamedColumn, value: String },
    #[error("the database is busy with earlier work: wait a moment and try again")]
    Busy,
    #[error("the database thread stopped: restart the app")]
    WorkerGone,
    #[error("cannot write {path} ({detail}): choose another folder")]
    File { path: String, detail: String },
    #[error(
        "database error on {path} ({detail}): restart the app; if it repeats, restore the latest backup"
    )]
    Sqlite { path: String, detail: String },
}

/// A column that holds a kind or a format by its stable name (interned in the `word` table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedColumn {
    CodeFormat,
    DocumentKind,
    PlateKind,
}

impl NamedColumn {
    pub fn zh(self) -> &'static str {
        match self {
            Self::CodeFormat => "码格式",
            Self::DocumentKind => "证件类型",
            Self::PlateKind => "车牌类型",
        }
    }
}

impl std::fmt::Display for NamedColumn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::CodeFormat => "code format",
            Self::DocumentKind => "document kind",
            Self::PlateKind => "plate kind",
        })
    }
}

impl StoreError {
    /// Turns a SQLite failure into the case the user can act on. `path` names the file.
    pub fn from_sqlite(error: &rusqlite::Error, path: &str) -> Self {
        let path = path.to_owned();
        let detail = error.to_string();
        match error.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Self::DiskFull { path },
            Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => Self::ReadOnly { path },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Locked { path },
            Some(ErrorCode::CannotOpen) => Self::CannotOpen { path, detail },
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                Self::Damaged { path, detail }
            }
            _ => Self::Sqlite { path, detail },
        }
    }

    pub fn file(path: &Path, error: &std::io::Error) -> Self {
        Self::File {
            path: path.display().to_string(),
            detail: error.to_string(),
        }
    }
}
