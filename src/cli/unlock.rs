//! The database passphrase for a command: from `CHECKPOINT_KIOSK_PASSPHRASE`, else asked on the
//! terminal (without echo) when the database is encrypted; a plain database needs none.
//!
//! Wrong passphrases are counted in the data folder (`config::attempts`, issue 24): after three,
//! each try waits twice as long as the one before, said on the terminal, across restarts.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Context;

use crate::config::{DataDir, Passphrase};
use crate::store::{FileState, Store, StoreError, file_state};

/// The passphrase the data folder's database needs, if any.
pub fn passphrase_for(data_dir: &DataDir) -> anyhow::Result<Option<Passphrase>> {
    passphrase_for_file(data_dir, &data_dir.database_path())
}

/// The passphrase `database` (the data folder's, or one of its backups) needs, if any.
pub fn passphrase_for_file(
    data_dir: &DataDir,
    database: &Path,
) -> anyhow::Result<Option<Passphrase>> {
    if let Some(passphrase) = data_dir.passphrase() {
        return Ok(Some(passphrase.clone()));
    }
    if file_state(database)? != FileState::Encrypted {
        return Ok(None);
    }
    if !std::io::stdin().is_terminal() {
        return Err(StoreError::NeedsPassphrase {
            path: database.display().to_string(),
        }
        .into());
    }
    ask(crate::text::terminal::ASK_PASSPHRASE).map(Some)
}

/// Asks on the terminal without echo.
pub fn ask(prompt: &str) -> anyhow::Result<Passphrase> {
    let text = rpassword::prompt_password(prompt).context("cannot read the passphrase")?;
    Ok(Passphrase::new(text)?)
}

/// Opens the data folder's database with its passphrase; a wrong passphrase is counted, and
/// the try waits first when earlier ones were wrong.
pub fn open_store(data_dir: &DataDir) -> anyhow::Result<Store> {
    let passphrase = passphrase_for(data_dir)?;
    if passphrase.is_none() {
        return Ok(Store::open_keyed(&data_dir.database_path(), None)?);
    }
    let attempts = data_dir.unlock_attempts();
    wait_for_next_try(&attempts);
    match Store::open_keyed(&data_dir.database_path(), passphrase.as_ref()) {
        Ok(store) => {
            attempts.record_success()?;
            Ok(store)
        }
        Err(error) => {
            if matches!(error, StoreError::WrongPassphrase { .. }) {
                attempts.record_failure(chrono::Utc::now())?;
            }
            Err(error.into())
        }
    }
}

/// Sleeps the wait earlier wrong passphrases imposed, saying so on the terminal.
fn wait_for_next_try(attempts: &crate::config::attempts::Attempts) {
    let wait = attempts.required_wait(chrono::Utc::now());
    if wait.is_zero() {
        return;
    }
    eprintln!(
        "{}",
        crate::text::terminal::waiting_after_wrong(attempts.failures(), wait.as_secs().max(1))
    );
    std::thread::sleep(wait);
}
