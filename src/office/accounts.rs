//! The office's viewers: names with argon2id password hashes in `office_viewer`, created by
//! `district add-viewer` as the database owner. Logging in checks the lockout (5 wrong passwords
//! within 15 minutes since the last good login), the password, and writes every attempt to
//! `office_login` (who, when, outcome, from where).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use postgres::Client;

use super::OfficeError;
use super::sql;
use crate::district::DistrictError;

/// Wrong passwords that lock a viewer out…
pub const LOCK_AFTER: i64 = 5;
/// …for this long since the last of them.
pub const LOCK_SECONDS: f64 = 15.0 * 60.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginOutcome {
    Ok,
    /// Unknown name or wrong password (the page says the same for both).
    Refused,
    Locked,
}

fn check_name(name: &str) -> Result<(), OfficeError> {
    let plain = (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if plain {
        Ok(())
    } else {
        Err(OfficeError::BadViewerName(name.to_owned()))
    }
}

pub fn hash_password(password: &str) -> Result<String, OfficeError> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| OfficeError::Hash(error.to_string()))
}

fn password_matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// Creates a viewer, or sets a new password for one (run as the database's owner).
pub fn add_viewer(client: &mut Client, name: &str, password: &str) -> Result<(), OfficeError> {
    check_name(name)?;
    if password.chars().count() < 12 {
        return Err(OfficeError::WeakPassword);
    }
    let hash = hash_password(password)?;
    client
        .execute(sql::UPSERT_VIEWER, &[&name, &hash])
        .map_err(DistrictError::from)?;
    Ok(())
}

/// Checks a login and audits it. `from` is the client's address.
pub fn log_in(
    client: &mut Client,
    name: &str,
    password: &str,
    from: &str,
) -> Result<LoginOutcome, DistrictError> {
    let failures: i64 = client
        .query_one(sql::RECENT_FAILURES, &[&name, &LOCK_SECONDS])?
        .get(0);
    let (outcome, audited) = if failures >= LOCK_AFTER {
        (LoginOutcome::Locked, "locked")
    } else {
        let stored: Option<String> = client
            .query_opt(sql::VIEWER_HASH, &[&name])?
            .map(|row| row.get(0));
        match stored {
            Some(stored) if password_matches(password, &stored) => (LoginOutcome::Ok, "ok"),
            Some(_) => (LoginOutcome::Refused, "wrong_password"),
            None => {
                // As slow as a real check, so a name's existence does not show in the timing.
                let _ = hash_password(password);
                (LoginOutcome::Refused, "unknown_viewer")
            }
        }
    };
    client.execute(sql::AUDIT, &[&name, &audited, &from])?;
    Ok(outcome)
}

pub fn log_out(client: &mut Client, name: &str, from: &str) -> Result<(), DistrictError> {
    client.execute(sql::AUDIT, &[&name, &"logout", &from])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_own_password_only() {
        let hash = hash_password("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(password_matches("correct horse battery", &hash));
        assert!(!password_matches("correct horse batterY", &hash));
        assert!(!password_matches("x", "not a hash"));
    }

    #[test]
    fn viewer_names_are_plain() {
        assert!(check_name("office_wang").is_ok());
        assert!(check_name("").is_err());
        assert!(check_name("a b").is_err());
        assert!(check_name("<script>").is_err());
    }
}
