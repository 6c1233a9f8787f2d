//! `checkpoint-kiosk db check`: the full integrity check of the database; prints `ok` or
//! every problem found (and exits 1), without changing the file.

use crate::config::DataDir;
use crate::store::backup::check_file;

#[derive(Debug, clap::Subcommand)]
pub enum DbCommand {
    /// Check the database file; prints `ok` or what is wrong
    Check,
}

pub fn run(data_dir: &DataDir, command: &DbCommand) -> anyhow::Result<()> {
    match command {
        DbCommand::Check => {
            let problems = check_file(&data_dir.database_path())?;
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
