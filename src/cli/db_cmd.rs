//! `checkpoint-kiosk db check`: the full integrity check of the database; prints `ok` or
//! every problem found (and exits 1), without changing the file.

use crate::config::DataDir;
use anyhow::Context;

use crate::store::backup::check_file;
use crate::store::encryption::encrypt_in_place;

#[derive(Debug, clap::Subcommand)]
pub enum DbCommand {
    /// Check the database file; prints `ok` or what is wrong
    Check,
    /// Encrypt the plain database with a passphrase (asked twice, or CHECKPOINT_KIOSK_PASSPHRASE);
    /// close the window first. From then on the window and every command need the passphrase
    Encrypt,
}

pub fn run(data_dir: &DataDir, command: &DbCommand) -> anyhow::Result<()> {
    match command {
        DbCommand::Encrypt => encrypt(data_dir),
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
        None => {
            let first = super::unlock::ask("new database passphrase (新的数据库口令): ")?;
            let again = super::unlock::ask("the same passphrase again (再输入一次): ")?;
            anyhow::ensure!(
                first == again,
                "the two passphrases differ: nothing was changed; run it again"
            );
            first
        }
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
