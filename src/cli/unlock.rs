//! The database passphrase for a command: from `CHECKPOINT_KIOSK_PASSPHRASE`, else asked on the
//! terminal (without echo) when the database is encrypted; a plain database needs none.

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
    ask("database passphrase (数据库口令): ").map(Some)
}

/// Asks on the terminal without echo.
pub fn ask(prompt: &str) -> anyhow::Result<Passphrase> {
    let text = rpassword::prompt_password(prompt).context("cannot read the passphrase")?;
    Ok(Passphrase::new(text)?)
}

/// Opens the data folder's database with its passphrase.
pub fn open_store(data_dir: &DataDir) -> anyhow::Result<Store> {
    let passphrase = passphrase_for(data_dir)?;
    Ok(Store::open_keyed(
        &data_dir.database_path(),
        passphrase.as_ref(),
    )?)
}
