//! What can go wrong with the database, in words a volunteer can act on.
//!
//! Errors are `Clone` (they travel from the store thread to the UI in replies), so the SQLite
//! error is kept as text, after its code has been turned into one of these cases. `Display` is
//! English (logs, the command line, the English the person reads), worded in `error_words.rs`;
//! `text::store_errors` says the same in Chinese for the UI.

use std::path::Path;

use rusqlite::ErrorCode;
use thiserror::Error;

use crate::model::EntryId;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.english())]
pub enum StoreError {
    DiskFull {
        path: String,
    },
    ReadOnly {
        path: String,
    },
    Locked {
        path: String,
    },
    CannotOpen {
        path: String,
        detail: String,
    },
    Damaged {
        path: String,
        detail: String,
    },
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    NeedsPassphrase {
        path: String,
    },
    WrongPassphrase {
        path: String,
    },
    NotEncrypted {
        path: String,
    },
    AlreadyEncrypted {
        path: String,
    },
    EntryNotFound(EntryId),
    AlreadyVoided(EntryId),
    VoidIncomplete,
    PinRequired,
    WrongPin(String),
    PinWait {
        seconds: i64,
    },
    NewLeaderNeedsLeader(String),
    NewLeaderPinTwice(String),
    PinsDiffer,
    EmptyName,
    NotALeader(String),
    ShiftAlreadyOpen {
        checkpoint_id: String,
        shift_id: i64,
    },
    ShiftNotFound(i64),
    ShiftAlreadyClosed(i64),
    InvalidEntry(String),
    BadValue(String),
    UnknownName {
        column: NamedColumn,
        value: String,
    },
    Busy,
    WorkerGone,
    File {
        path: String,
        detail: String,
    },
    Sqlite {
        path: String,
        detail: String,
    },
}

/// A column that holds a kind or a format by its stable name (interned in the `word` table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedColumn {
    CodeFormat,
    DocumentKind,
    PlateKind,
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
