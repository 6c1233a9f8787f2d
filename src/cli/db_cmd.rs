//! `checkpoint-kiosk db check`: the full integrity check of the database; prints `ok` or
//! every problem found (and exits 1), without changing the file.

use crate::config::DataDir;
use anyhow::Context;

use crate::config::Passphrase;
use crate::store::backup::{check_file, default_backup_dir, list_backups};
use crate::store::encryption::{
    change_passphrase as change_passphrase_of, encrypt_in_place, rekey_file,
};

#[derive(Debug, clap::Subcommand)]
pub enum DbCommand {
    /// Check the database file; prints `ok` or what is wrong
    Check,
    /// Encrypt the plain database with a passphrase (asked twice, or CHECKPOINT_KIOSK_PASSPHRASE);
    /// close the window first. From then on the window and every command need the passphrase
    Encrypt,
    /// Give the encrypted database (and the backups beside it) a new passphrase: the old one
    /// from CHECKPOINT_KIOSK_PASSPHRASE or asked, the new one from
    /// CHECKPOINT_KIOSK_NEW_PASSPHRASE or asked twice; close the window first
    Passphrase,
}

/// Where `db passphrase` reads the new passphrase when it runs without a terminal.
const NEW_PASSPHRASE_VARIABLE: &str = "CHECKPOINT_KIOSK_NEW_PASSPHRASE";

pub fn run(data_dir: &DataDir, command: &DbCommand) -> anyhow::Result<()> {
    match command {
        DbCommand::Encrypt => encrypt(data_dir),
        DbCommand::Passphrase => change_passphrase(data_dir),
        DbCommand::Check => {
            let passphrase = super::unlock::passphrase_for(data_dir)?;
            let problems = check_file(&data_dir.database_path(), passphrase.as_ref())?;
            if problems.is_empty() {
                println!("ok");
                return Ok(());
            }
            for problem in &problems {
                println!("{problem}");
            }
            anyhow::bail!(
                "the database is damaged: restore the latest backup (`checkpoint-kiosk restore --latest`)"
            )
        }
    }
}

/// Encrypts the database in place; the passphrase comes from the environment or is typed twice.
fn encrypt(data_dir: &DataDir) -> anyhow::Result<()> {
    let _lock = data_dir
        .lock_instance()
        .context("close the kiosk window before encrypting the database")?;
    let passphrase = match data_dir.passphrase() {
        Some(passphrase) => passphrase.clone(),
        None => ask_new_passphrase()?,
    };
    let database = data_dir.database_path();
    encrypt_in_place(&database, &passphrase)?;
    crate::store::Store::open_keyed(&database, Some(&passphrase))?.record_audit(
        "encrypt",
        "database encrypted with a new passphrase",
        chrono::Utc::now(),
    )?;
    println!(
        "encrypted {}: the window and every command now need the passphrase \
         (keep it where the shift leaders can find it: without it the entries cannot be read)",
        database.display()
    );
    Ok(())
}

/// A new passphrase typed twice on the terminal.
fn ask_new_passphrase() -> anyhow::Result<Passphrase> {
    let first = super::unlock::ask(crate::text::terminal::ASK_NEW_PASSPHRASE)?;
    let again = super::unlock::ask(crate::text::terminal::ASK_PASSPHRASE_AGAIN)?;
    anyhow::ensure!(
        first == again,
        "the two passphrases differ: nothing was changed; run it again"
    );
    Ok(first)
}

/// Re-keys the database, then the backups in the data folder's backup folder (backups kept
/// elsewhere, such as on a USB stick, still need the old passphrase: the message says so).
fn change_passphrase(data_dir: &DataDir) -> anyhow::Result<()> {
    let _lock = data_dir
        .lock_instance()
        .context("close the kiosk window before changing the passphrase")?;
    let database = data_dir.database_path();
    let old = super::unlock::passphrase_for(data_dir)?.ok_or_else(|| {
        anyhow::anyhow!(
            "the database is not encrypted: encrypt it first (`checkpoint-kiosk db encrypt`)"
        )
    })?;
    let mut store = crate::store::Store::open_keyed(&database, Some(&old))?;
    let new = match std::env::var(NEW_PASSPHRASE_VARIABLE) {
        Ok(text) if !text.is_empty() => Passphrase::new(text)?,
        _ => ask_new_passphrase()?,
    };
    anyhow::ensure!(
        new != old,
        "the new passphrase is the old one: nothing was changed"
    );
    change_passphrase_of(&mut store, &new)?;
    drop(store);
    let backups = default_backup_dir(&database);
    let mut rekeyed = 0usize;
    for backup in list_backups(&backups) {
        match rekey_file(&backup, &old, &new) {
            Ok(()) => rekeyed += 1,
            Err(error) => eprintln!("{}: kept the old passphrase ({error})", backup.display()),
        }
    }
    println!(
        "the database and {rekeyed} backup(s) in {} now open with the new passphrase; \
         backups kept elsewhere (a USB stick) still need the old one",
        backups.display()
    );
    Ok(())
}
