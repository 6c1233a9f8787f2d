//! `checkpoint-kiosk purge [--days N]`: deletes entries older than the retention limit (PIPL:
//! keep personal data no longer than needed) and leaves a count-only audit line.

use anyhow::Context;
use chrono::Utc;

use crate::config::DataDir;
use crate::store::retention_cutoff;

#[derive(Debug, clap::Args)]
pub struct PurgeArgs {
    /// Keep this many days; defaults to retention_days in kiosk.toml (28)
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,
}

pub fn run(data_dir: &DataDir, args: &PurgeArgs) -> anyhow::Result<()> {
    let days = match args.days {
        Some(days) => days,
        None => data_dir.load_config()?.retention_days,
    };
    anyhow::ensure!(
        days > 0,
        "--days 0 would delete today's entries too: give at least 1"
    );
    let cutoff = retention_cutoff(Utc::now(), days).with_context(|| {
        format!("--days {days} reaches back before the calendar starts: give a number of days such as 28")
    })?;
    let mut store = super::unlock::open_store(data_dir)?;
    let summary = store.purge_older_than(cutoff)?;
    println!(
        "deleted {} person and {} vehicle entries older than {days} days",
        summary.persons, summary.vehicles
    );
    Ok(())
}
