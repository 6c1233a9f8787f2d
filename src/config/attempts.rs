//! Wrong passphrases, counted across restarts (issue 24 item 7): after [`FREE_ATTEMPTS`] wrong
//! tries each further try waits twice as long as the one before (2 s, 4 s, 8 s … at most
//! [`MAX_WAIT`]), so guessing a leader's passphrase at SQLCipher's ~0.2 s a try becomes
//! guessing at hours a try. The count lives in the data folder (`unlock.attempts`: the number of
//! failures and the time of the last), so quitting and starting again does not reset it; the
//! right passphrase does.

use std::fs;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{ConfigError, DataDir, write_atomically};

/// Wrong tries allowed without waiting.
pub const FREE_ATTEMPTS: u32 = 3;
/// The longest wait between tries.
pub const MAX_WAIT: Duration = Duration::from_mins(15);

/// The wait after `failures` wrong tries in a row, counted from the last one.
pub fn wait_after(failures: u32) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(20);
    Duration::from_secs(2u64 << doublings).min(MAX_WAIT)
}

/// The wrong-passphrase count of one data folder.
#[derive(Debug, Clone)]
pub struct Attempts {
    path: PathBuf,
}

/// What the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Failures {
    count: u32,
    last: Option<DateTime<Utc>>,
}

impl Attempts {
    /// How long to wait before the next try may be made (zero: now).
    pub fn required_wait(&self, now: DateTime<Utc>) -> Duration {
        let failures = self.read();
        let Some(last) = failures.last else {
            return Duration::ZERO;
        };
        let waited = (now - last).to_std().unwrap_or(Duration::ZERO);
        wait_after(failures.count).saturating_sub(waited)
    }

    /// Wrong tries in a row so far.
    pub fn failures(&self) -> u32 {
        self.read().count
    }

    /// A wrong passphrase was tried at `now`.
    pub fn record_failure(&self, now: DateTime<Utc>) -> Result<(), ConfigError> {
        let count = self.read().count.saturating_add(1);
        let text = format!("failures {count}\nlast {}\n", now.to_rfc3339());
        write_atomically(&self.path, text.as_bytes())
    }

    /// The right passphrase: the count starts again.
    pub fn record_success(&self) -> Result<(), ConfigError> {
        match fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(ConfigError::Io {
                path: self.path.clone(),
                source,
            }),
        }
    }

    /// A damaged or missing file counts as the most cautious readable state: a file that
    /// exists but cannot be read counts as many failures just now.
    fn read(&self) -> Failures {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Failures::default();
            }
            Err(_) => return damaged(),
        };
        let mut failures = Failures::default();
        for line in text.lines().take(4) {
            match line.split_once(' ') {
                Some(("failures", count)) => match count.trim().parse() {
                    Ok(count) => failures.count = count,
                    Err(_) => return damaged(),
                },
                Some(("last", at)) => match DateTime::parse_from_rfc3339(at.trim()) {
                    Ok(at) => failures.last = Some(at.with_timezone(&Utc)),
                    Err(_) => return damaged(),
                },
                _ => return damaged(),
            }
        }
        failures
    }
}

fn damaged() -> Failures {
    Failures {
        count: FREE_ATTEMPTS + 4,
        last: Some(Utc::now()),
    }
}

impl DataDir {
    /// This data folder's wrong-passphrase count.
    pub fn unlock_attempts(&self) -> Attempts {
        Attempts {
            path: self.root().join("unlock.attempts"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_wrong_tries_are_free_then_each_wait_doubles_and_a_restart_keeps_it() {
        assert_eq!(wait_after(2), Duration::ZERO);
        assert_eq!(wait_after(3), Duration::from_secs(2));
        assert_eq!(wait_after(4), Duration::from_secs(4));
        assert_eq!(wait_after(60), MAX_WAIT);

        let folder = tempfile::tempdir().expect("temp dir");
        let data_dir = DataDir::open(folder.path().join("kiosk")).expect("data dir");
        let now = Utc::now();
        for _ in 0..4 {
            data_dir
                .unlock_attempts()
                .record_failure(now)
                .expect("counted");
        }
        // Another process (a restart) reads the same count.
        let again = DataDir::open(folder.path().join("kiosk")).expect("data dir");
        assert_eq!(again.unlock_attempts().failures(), 4);
        assert_eq!(
            again.unlock_attempts().required_wait(now),
            Duration::from_secs(4)
        );
        assert_eq!(
            again
                .unlock_attempts()
                .required_wait(now + chrono::Duration::seconds(3)),
            Duration::from_secs(1)
        );
        again.unlock_attempts().record_success().expect("reset");
        assert_eq!(again.unlock_attempts().required_wait(now), Duration::ZERO);
    }

    #[test]
    fn a_damaged_count_file_means_waiting() {
        let folder = tempfile::tempdir().expect("temp dir");
        let data_dir = DataDir::open(folder.path().join("kiosk")).expect("data dir");
        fs::write(data_dir.root().join("unlock.attempts"), "junk").expect("written");
        assert!(data_dir.unlock_attempts().required_wait(Utc::now()) > Duration::ZERO);
    }
}
