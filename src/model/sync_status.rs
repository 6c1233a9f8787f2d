//! What the gate shows about the district sync: a copy of the sync thread's state, plain data
//! the screens can draw without knowing the sync.

use chrono::{DateTime, Utc};

/// What the gate shows about the sync.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncStatus {
    /// `user@host:port/db`.
    pub server: String,
    pub last_success: Option<DateTime<Utc>>,
    /// Changes waiting for the server (`None` until the first look).
    pub pending: Option<u64>,
    /// The last failure, (English, Chinese); cleared by the next success.
    pub last_error: Option<(String, String)>,
    pub pushed_total: u64,
    pub pulled_total: u64,
    /// Pulled rows refused since start (issue 24): another kiosk sent something unreadable,
    /// dated in the future, or otherwise not a repeat key.
    pub rejected_total: u64,
    /// This kiosk's changes the server refused, set aside (`sync --json` lists them).
    pub set_aside: u64,
    /// Other checkpoints' pass keys and revocations kept since start (issue 25): when it grows,
    /// the window reads its pass keys again.
    pub pass_items_total: u64,
    /// Pulled pass items refused since start: forged, altered or signed by an unknown key.
    pub pass_items_refused: u64,
}
