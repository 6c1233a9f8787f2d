//! The store's errors in English, one per case: the errors' `Display` (logs, the command line,
//! and the English the person reads). Their Chinese is `text::store_errors`, which may name the
//! store (the store may not name `text`).

use super::StoreError;

impl StoreError {
    /// The English words: `Display`.
    pub(super) fn english(&self) -> String {
        match self {
            Self::DiskFull { path } => format!(
                "the disk is full: free space or move the data folder ({path}); the change was NOT saved"
            ),
            Self::ReadOnly { path } => format!(
                "the database {path} is read-only: check the folder permissions or move the data folder; the change was NOT saved"
            ),
            Self::Locked { path } => format!(
                "the database {path} is locked by another program: close the other checkpoint-kiosk window and try again"
            ),
            Self::CannotOpen { path, detail } => format!(
                "cannot open the database {path} ({detail}): check that the folder exists and can be written"
            ),
            Self::Damaged { path, detail } => format!(
                "the database {path} is damaged ({detail}): close the app and restore the latest backup (`checkpoint-kiosk restore --latest`; the damaged file is kept aside)"
            ),
            Self::TooNew {
                path,
                found,
                supported,
            } => format!(
                "the database {path} was written by a newer checkpoint-kiosk (schema {found}, this app knows {supported}): update the app"
            ),
            Self::NeedsPassphrase { path } => format!(
                "the database {path} is encrypted: give the passphrase (set CHECKPOINT_KIOSK_PASSPHRASE, or type it when asked)"
            ),
            Self::WrongPassphrase { path } => format!(
                "wrong passphrase for the database {path}: try again, or ask the leader who set it"
            ),
            Self::NotEncrypted { path } => format!(
                "the database {path} is not encrypted yet: encrypt it first with `checkpoint-kiosk db encrypt` (window closed)"
            ),
            Self::AlreadyEncrypted { path } => {
                format!("the database {path} is already encrypted: nothing to do")
            }
            // A volunteer reads these: the record's UUID means nothing to them.
            Self::EntryNotFound(id) => format!("no entry {id}: refresh the log and try again"),
            Self::AlreadyVoided(id) => format!("entry {id} is already voided: nothing to do"),
            Self::VoidIncomplete => {
                "a void needs a reason and an operator: fill both in".to_owned()
            }
            Self::PinRequired => "shift leaders need a PIN: type the PIN".to_owned(),
            Self::WrongPin(name) => {
                format!("wrong PIN for {name}: try again, or ask another leader")
            }
            Self::PinWait { seconds } => {
                format!("too many wrong PINs: wait {seconds} s, then type the PIN again")
            }
            Self::NewLeaderNeedsLeader(name) => format!(
                "{name} is a new shift leader: an existing leader must confirm with their name and PIN (nothing was created)"
            ),
            Self::NewLeaderPinTwice(name) => format!(
                "{name} is a new shift leader: type the new PIN twice (nothing was created)"
            ),
            Self::PinsDiffer => {
                "the two PINs differ: type the same PIN twice (nothing was created)".to_owned()
            }
            Self::EmptyName => "the name is empty: type your name".to_owned(),
            Self::NotALeader(name) => {
                format!("{name} is not a shift leader: a leader must open and close shifts")
            }
            Self::ShiftAlreadyOpen {
                checkpoint_id,
                shift_id,
            } => format!(
                "a shift is already open at {checkpoint_id} (shift {shift_id}): close it first"
            ),
            Self::ShiftNotFound(id) => format!("no shift {id}: refresh and try again"),
            Self::ShiftAlreadyClosed(id) => format!("shift {id} is already closed"),
            Self::InvalidEntry(detail) => format!(
                "an entry does not fit the database ({detail}); it was NOT saved: report this to the district"
            ),
            Self::BadValue(detail) => format!(
                "the database holds a value this app cannot read ({detail}): restore the latest backup or report this"
            ),
            Self::UnknownName { column, value } => format!(
                "the database holds a {column} this app does not know (“{value}”), perhaps written by a newer checkpoint-kiosk: update the app, or restore the latest backup"
            ),
            Self::Busy => {
                "the database is busy with earlier work: wait a moment and try again".to_owned()
            }
            Self::WorkerGone => "the database thread stopped: restart the app".to_owned(),
            Self::File { path, detail } => {
                format!("cannot write {path} ({detail}): choose another folder")
            }
            Self::Sqlite { path, detail } => format!(
                "database error on {path} ({detail}): restart the app; if it repeats, restore the latest backup"
            ),
        }
    }
}
