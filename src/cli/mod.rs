//! The command line: global flags, subcommands, and the mapping of errors to exit codes.
//!
//! This is an edge: errors are `anyhow` here, typed everywhere below.

mod backup_cmd;
mod bench_cmd;
mod db_cmd;
mod district_bench;
mod district_cmd;
mod doctor_cmd;
mod export_cmd;
mod import_cmd;
mod keys_cmd;
mod load_cmd;
mod package_cmd;
mod pass_cmd;
mod plate_cmd;
mod purge_cmd;
mod scan_cmd;
mod server_args;
mod sync_cmd;
mod unlock;
mod verify_cmd;
mod wipe_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::DataDir;

/// checkpoint-kiosk: scan health codes, take temperatures, register people and vehicles.
#[derive(Debug, Parser)]
#[command(name = "checkpoint-kiosk", version, about)]
pub struct Cli {
    /// Folder holding the database, kiosk.toml and keys (default: the platform's data folder)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the kiosk window (the default)
    Run(crate::app::RunArgs),
    /// Decode health codes in image files and print one JSON line per image
    Scan(scan_cmd::ScanArgs),
    /// Read number plates in image files and print one JSON line per image (issue 26)
    Plate(plate_cmd::PlateArgs),
    /// Check what a code says: EU DCC signature, a checkpoint pass, or a provincial health code
    Verify(verify_cmd::VerifyArgs),
    /// The district signing key for checkpoint passes
    #[command(subcommand)]
    Keys(keys_cmd::KeysCommand),
    /// Issue, revoke and list checkpoint passes
    #[command(subcommand)]
    Pass(pass_cmd::PassCommand),
    /// Export entries as JSON, CSV, Excel or HTML
    Export(export_cmd::ExportArgs),
    /// Merge other kiosks' JSON exports into this database (district view)
    Import(import_cmd::ImportArgs),
    /// Delete entries older than the retention limit, keeping a count-only audit line
    Purge(purge_cmd::PurgeArgs),
    /// Measure the store and reports at district scale on a fresh database
    Bench(bench_cmd::BenchArgs),
    /// Drive synthetic gate traffic through the store, printing `saved <uuid>` per commit
    Load(load_cmd::LoadArgs),
    /// Copy the database (online) into a backup folder, keeping the newest N
    Backup(backup_cmd::BackupArgs),
    /// Put a backup back (close the window first); the current file is kept aside
    Restore(backup_cmd::RestoreArgs),
    /// Database maintenance: `db check`
    #[command(subcommand)]
    Db(db_cmd::DbCommand),
    /// End of the epidemic: delete every entry, backup and the hashing secret (--confirm WIPE)
    Wipe(wipe_cmd::WipeArgs),
    /// Push this kiosk's entries to the district's PostgreSQL and pull other gates' repeat keys
    Sync(sync_cmd::SyncArgs),
    /// The district administrator's commands: init the server, add kiosk roles, the day report
    #[command(subcommand)]
    District(district_cmd::DistrictCommand),
    /// Check this laptop for the kiosk: data folder, database, settings, camera, fonts, sound,
    /// display, clock; exit code 3 when something blocks scanning
    Doctor(doctor_cmd::DoctorArgs),
    /// Write the man pages and shell completions (used when building the Debian package)
    #[command(hide = true)]
    PackageFiles(package_cmd::PackageFilesArgs),
}

/// Parses the process arguments, runs the command and turns failure into exit code 1.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("checkpoint-kiosk: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    // Commands that read only their arguments must not create a data folder as a side effect.
    match &cli.command {
        Some(Command::Scan(args)) => return scan_cmd::run(args),
        Some(Command::Plate(args)) => return plate_cmd::run(args),
        Some(Command::Bench(args)) => return bench_cmd::run(args),
        Some(Command::Doctor(args)) => return doctor_cmd::run(cli.data_dir.clone(), args),
        Some(Command::PackageFiles(args)) => return package_cmd::run(args),
        _ => {}
    }
    let cli = match cli.command {
        Some(Command::District(command)) => return district_cmd::run(command),
        _ => cli,
    };
    let data_dir = DataDir::resolve(cli.data_dir)?;
    let _window_lock = matches!(cli.command, None | Some(Command::Run(_)))
        .then(|| data_dir.lock_instance())
        .transpose()?;
    match cli.command {
        None => crate::app::run_app(&data_dir, &crate::app::RunArgs::default()),
        Some(Command::Run(args)) => crate::app::run_app(&data_dir, &args),
        Some(
            Command::Scan(_)
            | Command::Plate(_)
            | Command::Bench(_)
            | Command::Doctor(_)
            | Command::PackageFiles(_),
        ) => Ok(()),
        Some(Command::Verify(args)) => verify_cmd::run(&data_dir, &args),
        Some(Command::Keys(command)) => keys_cmd::run(&data_dir, command),
        Some(Command::Pass(command)) => pass_cmd::run(&data_dir, command),
        Some(Command::Export(args)) => export_cmd::run(&data_dir, &args),
        Some(Command::Import(args)) => import_cmd::run(&data_dir, &args),
        Some(Command::Purge(args)) => purge_cmd::run(&data_dir, &args),
        Some(Command::Load(args)) => load_cmd::run(&data_dir, &args),
        Some(Command::Backup(args)) => backup_cmd::backup(&data_dir, &args),
        Some(Command::Restore(args)) => backup_cmd::restore(&data_dir, &args),
        Some(Command::Db(command)) => db_cmd::run(&data_dir, &command),
        Some(Command::Wipe(args)) => wipe_cmd::run(&data_dir, &args),
        Some(Command::Sync(args)) => sync_exit(sync_cmd::run(&data_dir, &args)?),
        Some(Command::District(_)) => Ok(()),
    }
}

/// `sync --once` exits 2 when changes are still waiting (the server refused nothing, but more
/// arrived meanwhile or the batch limit stopped it); everything else is success or an error.
fn sync_exit(all_pushed: bool) -> anyhow::Result<()> {
    if all_pushed {
        Ok(())
    } else {
        std::process::exit(2)
    }
}
