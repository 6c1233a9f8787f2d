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

impl SyncStatus {
    /// Whether the gate would show `self` differently from `before`, or judge passes
    /// differently: the window is woken only then (issue 23: an idle kiosk costs nothing). A
    /// sync that only moved the time of the last success within the same minute (the line shows
    /// hours and minutes) or only pushed entries (not on the line) changes nothing on screen. New pass keys or revocations wake it at once, so the gate reads them before the
    /// next pass is shown, not after it (issue 25); so do other gates' entries, so the person
    /// open now is looked up again for a visit just registered elsewhere (issue 22).
    pub fn shows_differently(&self, before: &SyncStatus) -> bool {
        let minute = |at: Option<DateTime<Utc>>| at.map(|at| at.timestamp().div_euclid(60));
        self.server != before.server
            || self.pending != before.pending
            || self.last_error != before.last_error
            || self.rejected_total != before.rejected_total
            || self.set_aside != before.set_aside
            || minute(self.last_success) != minute(before.last_success)
            || self.pass_items_total != before.pass_items_total
            || self.pulled_total != before.pulled_total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn a_quiet_sync_within_the_minute_shows_nothing_new() {
        let at = |seconds: i64| Utc.timestamp_opt(1_800_000_000 + seconds, 0).single();
        let before = SyncStatus {
            server: "kiosk@db:5432/district".to_owned(),
            last_success: at(0),
            pending: Some(0),
            ..SyncStatus::default()
        };
        let quiet = SyncStatus {
            last_success: at(2),
            pushed_total: 3,
            ..before.clone()
        };
        assert!(!quiet.shows_differently(&before));
        let others_entries = SyncStatus {
            pulled_total: 7,
            ..quiet.clone()
        };
        assert!(others_entries.shows_differently(&before));
        let next_minute = SyncStatus {
            last_success: at(60),
            ..before.clone()
        };
        assert!(next_minute.shows_differently(&before));
        let waiting = SyncStatus {
            pending: Some(1),
            ..quiet.clone()
        };
        assert!(waiting.shows_differently(&before));
        let failed = SyncStatus {
            last_error: Some(("unreachable".to_owned(), "连不上".to_owned())),
            ..quiet.clone()
        };
        assert!(failed.shows_differently(&before));
        let revoked_elsewhere = SyncStatus {
            pass_items_total: 1,
            ..quiet.clone()
        };
        assert!(revoked_elsewhere.shows_differently(&before));
        let first = SyncStatus {
            last_success: None,
            ..before.clone()
        };
        assert!(before.shows_differently(&first));
    }
}
