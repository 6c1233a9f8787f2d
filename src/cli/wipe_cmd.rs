//! `checkpoint-kiosk wipe --confirm WIPE`: the end of the epidemic (PIPL: delete personal data
//! when its purpose ends). Removes the database with its backups and the hashing secret
//! (without it no stored hash can ever be tested again); settings and pass keys stay.
//! The window must be closed.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::config::DataDir;
use crate::store::backup::{default_backup_dir, list_backups};

/// What a leader types to confirm.
const CONFIRMATION: &str = "WIPE";

#[derive(Debug, clap::Args)]
pub struct WipeArgs {
    /// Type WIPE to confirm that every entry, backup and the hashing secret are deleted
    #[arg(long)]
    pub confirm: Option<String>,
    /// Another backup folder to empty too (a USB stick)
    #[arg(long, value_name = "DIR")]
    pub backups: Vec<PathBuf>,
}

pub fn run(data_dir: &DataDir, args: &WipeArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        args.confirm.as_deref() == Some(CONFIRMATION),
        "this deletes every entry, every backup and the hashing secret for good: \
         run it again with --confirm {CONFIRMATION}"
    );
    let _lock = data_dir
        .lock_instance()
        .context("close the kiosk window before wiping")?;
    let database = data_dir.database_path();
    let mut removed = 0;
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = database.as_os_str().to_owned();
        name.push(suffix);
        removed += usize::from(shred(Path::new(&name))?);
    }
    let mut folders = vec![default_backup_dir(&database)];
    folders.extend(args.backups.iter().cloned());
    for folder in &folders {
        for backup in list_backups(folder) {
            removed += usize::from(shred(&backup)?);
        }
    }
    removed += usize::from(shred(&data_dir.keys_dir().join("installation.secret"))?);
    println!("wiped: {removed} files (entries, backups, hashing secret) deleted");
    Ok(())
}

/// Overwrites a file with zeros, syncs it and deletes it; false when it did not exist.
fn shred(path: &Path) -> anyhow::Result<bool> {
    use std::io::Write;
    let length = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(error).with_context(|| format!("cannot wipe {}", path.display())),
    };
    let wiped = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|mut file| {
            let zeros = vec![0u8; 1 << 16];
            let mut left = length;
            while left > 0 {
                let step = left.min(zeros.len() as u64) as usize;
                file.write_all(&zeros[..step])?;
                left -= step as u64;
            }
            file.sync_all()
        })
        .and_then(|()| std::fs::remove_file(path));
    wiped.with_context(|| format!("cannot wipe {}", path.display()))?;
    Ok(true)
}
