//! Shift leaders for the first-run setup, the Shift screen and the kiosk lock: how many there
//! are, and whether a typed name and PIN belong to one. Unlike `sign_in`, checking never creates
//! anyone, so a volunteer cannot make themselves a leader by typing a new name at the lock.
//!
//! Every PIN check is audited (`pin-right` / `pin-wrong`), and the audit log is also where the
//! wrong tries in a row are counted: after [`FREE_WRONG_PINS`] every further try waits
//! ([`crate::model::pin_guard`]), and a restart does not reset the count.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::pin::pin_hash;
use super::retention::insert_audit;
use super::{Store, StoreError};
use crate::model::pin_guard::{FREE_WRONG_PINS, seconds_to_wait};

/// Audit actions of PIN checks.
const PIN_RIGHT: &str = "pin-right";
const PIN_WRONG: &str = "pin-wrong";
/// Enough history to reach the longest wait; older wrong tries no longer change it.
const PIN_HISTORY: u32 = FREE_WRONG_PINS + 16;

/// What a leader's PIN was typed for, as the audit log names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinPurpose {
    SignIn,
    /// Leaving kiosk mode (full screen, closing the window).
    KioskLock,
    /// An existing leader vouching for a new one.
    NewLeader,
    /// Trusting a pass key, issuing or revoking a pass (issue 25).
    PassTask,
}

impl PinPurpose {
    fn audit_detail(self) -> &'static str {
        match self {
            Self::SignIn => "leader sign-in",
            Self::KioskLock => "leaving kiosk mode",
            Self::NewLeader => "vouching for a new leader",
            Self::PassTask => "a pass task",
        }
    }
}

impl Store {
    /// Leaders who have a PIN.
    pub fn leader_count(&self) -> Result<i64, StoreError> {
        self.connection()
            .query_row(
                "SELECT count(*) FROM operator WHERE role = 1 AND pin_hash IS NOT NULL",
                [],
                |row| row.get(0),
            )
            .map_err(|error| self.sqlite_error(&error))
    }

    /// Whether `name` is a leader whose PIN is `pin`. Unknown names are simply `false`.
    pub fn leader_pin_matches(&self, name: &str, pin: &str) -> Result<bool, StoreError> {
        let known: Option<(Vec<u8>, Vec<u8>)> = self
            .connection()
            .query_row(
                "SELECT pin_salt, pin_hash FROM operator
                 WHERE name = ?1 AND role = 1 AND pin_hash IS NOT NULL",
                [name.trim()],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|error| self.sqlite_error(&error))?;
        Ok(known.is_some_and(|(salt, hash)| pin_hash(&salt, pin.trim()) == hash))
    }

    /// Checks a leader's PIN under the wait rule and audits the try: `Ok(true)` when right,
    /// `Ok(false)` when wrong (counted), [`StoreError::PinWait`] while wrong tries make it wait
    /// (not counted: nothing was tried).
    pub fn check_leader_pin(
        &mut self,
        name: &str,
        pin: &str,
        purpose: PinPurpose,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let (wrong, last_wrong) = self.wrong_pins_in_a_row()?;
        if let Some(seconds) = seconds_to_wait(wrong, last_wrong, at) {
            return Err(StoreError::PinWait { seconds });
        }
        let right = self.leader_pin_matches(name, pin)?;
        let action = if right { PIN_RIGHT } else { PIN_WRONG };
        self.write(|transaction, _| {
            insert_audit(transaction, action, purpose.audit_detail(), at).map_err(|error| {
                StoreError::from_sqlite(&error, transaction.path().unwrap_or_default())
            })
        })?;
        Ok(right)
    }

    /// Wrong leader PINs since the last right one, and when the last wrong one was typed.
    fn wrong_pins_in_a_row(&self) -> Result<(u32, Option<DateTime<Utc>>), StoreError> {
        let sqlite = |error: rusqlite::Error| self.sqlite_error(&error);
        let mut statement = self
            .connection()
            .prepare(
                "SELECT action, at_ms FROM audit WHERE action IN (?1, ?2)
                 ORDER BY audit_id DESC LIMIT ?3",
            )
            .map_err(sqlite)?;
        let rows = statement
            .query_map(
                rusqlite::params![PIN_RIGHT, PIN_WRONG, PIN_HISTORY],
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)),
            )
            .map_err(sqlite)?;
        let (mut wrong, mut last_wrong) = (0_u32, None);
        for row in rows {
            let (action, at_ms) = row.map_err(sqlite)?;
            if action != PIN_WRONG {
                break;
            }
            if last_wrong.is_none() {
                last_wrong = DateTime::from_timestamp_millis(at_ms);
            }
            wrong = wrong.saturating_add(1);
        }
        Ok((wrong, last_wrong))
    }
}

#[cfg(test)]
mod tests {
    use super::PinPurpose;
    use crate::model::Role;
    use crate::store::Store;

    #[test]
    fn only_a_leaders_own_pin_unlocks_and_unknown_names_are_not_created() {
        let mut store = Store::open_in_memory().expect("store");
        assert_eq!(store.leader_count().expect("count"), 0);
        store
            .sign_in("王组长", Role::Leader, Some("2468"), chrono::Utc::now())
            .expect("leader");
        store
            .sign_in("小李", Role::Volunteer, None, chrono::Utc::now())
            .expect("volunteer");
        assert!(store.leader_pin_matches("王组长", "2468").expect("check"));
        assert!(!store.leader_pin_matches("王组长", "1357").expect("check"));
        assert!(!store.leader_pin_matches("小李", "2468").expect("check"));
        assert!(!store.leader_pin_matches("新来的", "0000").expect("check"));
        assert_eq!(store.leader_count().expect("count"), 1);
    }

    #[test]
    fn wrong_pins_make_every_further_try_wait_even_the_right_one_and_the_count_survives_a_restart()
    {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kiosk.sqlite3");
        let start = chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        let mut store = Store::open(&path).expect("store");
        store
            .sign_in("王班长", Role::Leader, Some("2468"), start)
            .expect("leader");
        for attempt in 0..5 {
            let at = start + chrono::Duration::seconds(attempt);
            let right = store
                .check_leader_pin("王班长", "0000", PinPurpose::KioskLock, at)
                .expect("a try");
            assert!(!right);
        }
        drop(store);
        // A restart does not reset the count: the right PIN waits too.
        let mut store = Store::open(&path).expect("reopen");
        let soon = start + chrono::Duration::seconds(10);
        let refused = store.check_leader_pin("王班长", "2468", PinPurpose::KioskLock, soon);
        assert!(
            matches!(refused, Err(crate::store::StoreError::PinWait { seconds }) if seconds == 24),
            "{refused:?}"
        );
        let after = start + chrono::Duration::seconds(35);
        assert!(
            store
                .check_leader_pin("王班长", "2468", PinPurpose::KioskLock, after)
                .expect("waited")
        );
        // The right PIN clears the count: the next wrong one is free again.
        let next = after + chrono::Duration::seconds(1);
        assert!(
            !store
                .check_leader_pin("王班长", "1111", PinPurpose::KioskLock, next)
                .expect("free try")
        );
        let audited: i64 = store
            .connection()
            .query_row(
                "SELECT count(*) FROM audit WHERE action LIKE 'pin-%'",
                [],
                |row| row.get(0),
            )
            .expect("audit");
        assert_eq!(audited, 7);
    }
}
