//! `checkpoint-kiosk backup [--to DIR] [--keep N]` and `checkpoint-kiosk restore FILE|--latest`:
//! an online copy of the database (the window may stay open) and putting one back (the window
//! must be closed; the current file is kept aside, nothing is deleted).

use std::path::PathBuf;

use anyhow::Context;
use chrono::Utc;

use crate::config::DataDir;
use crate::store::Store;
use crate::store::backup::{
    DEFAULT_BACKUPS_KEPT, default_backup_dir, latest_backup, restore_backup,
};

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Folder for the backups, such as a USB stick (default: `backups` in the data folder)
    #[arg(long, value_name = "DIR")]
    pub to: Option<PathBuf>,
    /// How many backups to keep in that folder (the oldest beyond this are deleted)
    #[arg(long, default_value_t = DEFAULT_BACKUPS_KEPT)]
    pub keep: usize,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup file to put back
    #[arg(
        value_name = "FILE",
        required_unless_present = "latest",
        conflicts_with = "latest"
    )]
    pub file: Option<PathBuf>,
    /// Put back the newest backup in --from (default: `backups` in the data folder)
    #[arg(long)]
    pub latest: bool,
    /// Where --latest looks
    #[arg(long, value_name = "DIR")]
    pub from: Option<PathBuf>,
}

pub fn backup(data_dir: &DataDir, args: &BackupArgs) -> anyhow::Result<()> {
    anyhow::ensure!(args.keep >= 1, "--keep must be at least 1");
    let database = data_dir.database_path();
    let folder = args
        .to
        .clone()
        .unwrap_or_else(|| default_backup_dir(&database));
    let mut store = super::unlock::open_store(data_dir)?;
    let file = store.backup_into(&folder, args.keep, Utc::now())?;
    store.record_audit(
        "backup",
        &format!("backup written to {}", file.display()),
        Utc::now(),
    )?;
    println!("backed up to {}", file.display());
    Ok(())
}

pub fn restore(data_dir: &DataDir, args: &RestoreArgs) -> anyhow::Result<()> {
    let _lock = data_dir
        .lock_instance()
        .context("close the kiosk window before restoring a backup")?;
    let database = data_dir.database_path();
    let backup = if let Some(file) = &args.file {
        file.clone()
    } else {
        let folder = args
            .from
            .clone()
            .unwrap_or_else(|| default_backup_dir(&database));
        latest_backup(&folder)
            .with_context(|| format!("there is no backup in {}", folder.display()))?
    };
    let passphrase = super::unlock::passphrase_for_file(data_dir, &backup)?;
    let aside = restore_backup(&backup, &database, Utc::now(), passphrase.as_ref())?;
    // Opening it checks it again and brings its schema up to date.
    Store::open_keyed(&database, passphrase.as_ref())?.record_audit(
        "restore",
        &format!(
            "restored {}; previous file kept as {}",
            backup.display(),
            aside.display()
        ),
        Utc::now(),
    )?;
    println!(
        "restored {}; the previous database was kept as {}",
        backup.display(),
        aside.display()
    );
    Ok(())
}
