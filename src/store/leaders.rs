//! Shift leaders for the first-run setup and the kiosk lock: how many there are, and whether a
//! typed name and PIN belong to one. Unlike `sign_in`, checking never creates anyone, so a
//! volunteer cannot make themselves a leader by typing a new name at the lock.

use rusqlite::OptionalExtension;

use super::shift::pin_hash;
use super::{Store, StoreError};

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
}

#[cfg(test)]
mod tests {
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
}
