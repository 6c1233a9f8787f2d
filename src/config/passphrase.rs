//! The database passphrase (SQLCipher's key), which a shift leader sets: held in memory only,
//! wiped when dropped, never printed, never written to the data folder.

use std::fmt;

use thiserror::Error;
use zeroize::Zeroizing;

/// Where headless commands (backup, export, sync, `load`) read the passphrase.
pub const PASSPHRASE_VARIABLE: &str = "CHECKPOINT_KIOSK_PASSPHRASE";

/// Shorter passphrases are refused: eight characters is the least a leader should choose.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the passphrase is too short: use at least {least} characters")]
pub struct PassphraseTooShort {
    pub least: usize,
}

/// The database passphrase.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// A passphrase a leader chose; too short ones are refused.
    pub fn new(text: String) -> Result<Self, PassphraseTooShort> {
        let text = Zeroizing::new(text);
        if text.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(PassphraseTooShort {
                least: MIN_PASSPHRASE_CHARS,
            });
        }
        Ok(Self(text))
    }

    /// From [`PASSPHRASE_VARIABLE`], when it is set and not empty.
    pub fn from_environment() -> Result<Option<Self>, PassphraseTooShort> {
        match std::env::var(PASSPHRASE_VARIABLE) {
            Ok(text) if !text.is_empty() => Self::new(text).map(Some),
            _ => Ok(None),
        }
    }

    /// The text, for SQLCipher's `PRAGMA key` only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("Passphrase(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_passphrase_is_refused_and_none_is_ever_printed() {
        assert!(Passphrase::new("short".to_owned()).is_err());
        let passphrase = Passphrase::new("long enough words".to_owned()).expect("ok");
        assert_eq!(format!("{passphrase:?}"), "Passphrase(…)");
    }
}
