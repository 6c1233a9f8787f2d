//! `checkpoint-kiosk sync [--postgres URL] [--once] [--json]`: pushes this kiosk's entries,
//! voids, shifts and purges to the district's PostgreSQL and pulls the other kiosks' repeat
//! keys. Without `--once` it keeps syncing at the interval in kiosk.toml (like the window's
//! background thread). `--once` exits 0 only when nothing is left to push.

use std::path::PathBuf;

use anyhow::Context as _;
use chrono::Utc;

use crate::config::DataDir;
use crate::sync::{Session, SyncSettings, sync_once};

#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// The district's server, postgresql://ROLE@HOST:PORT/DB[?sslmode=require]; defaults to
    /// [district] postgres in kiosk.toml
    #[arg(long, value_name = "URL")]
    pub postgres: Option<String>,
    /// A file holding the role's password; defaults to [district] password_file, then PGPASSFILE
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Sync once and exit (exit code 2 when changes are still waiting)
    #[arg(long)]
    pub once: bool,
    /// Print {"pushed", "pulled", "pending", "rejected", "set_aside", "set_aside_total",
    /// "set_aside_items": [...]} per sync
    #[arg(long)]
    pub json: bool,
}

/// Returns whether everything was pushed (only `--once` returns).
pub fn run(data_dir: &DataDir, args: &SyncArgs) -> anyhow::Result<bool> {
    let config = data_dir.load_config()?;
    let settings = SyncSettings::from_config(
        data_dir,
        &config,
        args.postgres.as_deref(),
        args.password_file.as_deref(),
    )?
    .context("no district server: pass --postgres URL or set [district] postgres in kiosk.toml")?;
    let mut store = super::unlock::open_store(data_dir)?;
    let interval = settings.interval;
    let shown = settings.address.shown.clone();
    let mut session = Session::open(settings)?;
    loop {
        let counts =
            sync_once(&mut store, &mut session, Utc::now()).map_err(|error| error.at(&shown))?;
        let set_aside = crate::sync::set_aside::list(&store)?;
        if args.json {
            let mut line = serde_json::to_value(counts)?;
            if let Some(object) = line.as_object_mut() {
                object.insert("set_aside_total".to_owned(), set_aside.total.into());
                object.insert(
                    "set_aside_items".to_owned(),
                    serde_json::to_value(&set_aside.items)?,
                );
            }
            println!("{line}");
        } else {
            println!(
                "pushed {}, pulled {}, waiting {}, pulled rows refused {}, set aside {} (in all {})",
                counts.pushed,
                counts.pulled,
                counts.pending,
                counts.rejected,
                counts.set_aside,
                set_aside.total
            );
            for item in set_aside.items.iter().rev().take(5) {
                println!(
                    "  set aside: {} {} — {}",
                    item.item,
                    item.entry_id.as_deref().unwrap_or(""),
                    item.reason
                );
            }
        }
        if args.once {
            return Ok(counts.pending == 0);
        }
        std::thread::sleep(interval);
    }
}
