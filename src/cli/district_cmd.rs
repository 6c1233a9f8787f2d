//! `checkpoint-kiosk district …`: the district administrator's commands on the district's
//! PostgreSQL: create or upgrade its schema, register kiosk and reader roles, and the day report.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::NaiveDate;

use crate::district::report::DistrictReport;
use crate::district::{self, RoleKind, ServerAddress};

#[derive(Debug, clap::Subcommand)]
pub enum DistrictCommand {
    /// Create or upgrade the district's schema, roles and row-level security (run as the owner)
    Init(ServerArgs),
    /// Register a kiosk's login role for its checkpoint (creates the role or changes its password)
    AddKiosk(AddRoleArgs),
    /// A login role that reads the district's counts (never a record), for the day report and dashboard
    AddReader(AddRoleArgs),
    /// The district's day report, computed on the server
    Report(ReportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServerArgs {
    /// postgresql://USER@HOST:PORT/DB[?sslmode=require]
    #[arg(long, value_name = "URL")]
    pub postgres: String,
    /// A file holding the password of the URL's user (else PGPASSFILE / ~/.pgpass)
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct AddRoleArgs {
    #[command(flatten)]
    pub server: ServerArgs,
    /// The new role's name: lowercase letters, digits and _
    #[arg(long)]
    pub role: String,
    /// The kiosk's checkpoint_id (as in its kiosk.toml); kiosks only
    #[arg(long)]
    pub checkpoint: Option<String>,
    /// A file holding the new role's password (at least 12 characters)
    #[arg(long, value_name = "FILE")]
    pub role_password_file: PathBuf,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    Json,
    Csv,
    Xlsx,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub server: ServerArgs,
    /// The local day, YYYY-MM-DD
    #[arg(long)]
    pub date: String,
    #[arg(long, value_enum, default_value = "json")]
    pub format: ReportFormat,
    /// File to write (default: standard output; required for xlsx)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Time zone of the day and its hours, like +08:00; defaults to this computer's
    #[arg(long, value_name = "OFFSET")]
    pub utc_offset: Option<String>,
    /// Print how long the server took, on standard error
    #[arg(long)]
    pub timing: bool,
}

pub fn run(command: DistrictCommand) -> anyhow::Result<()> {
    match command {
        DistrictCommand::Init(server) => {
            let mut client = district::connect(&address(&server)?)?;
            let (before, after) = district::migrate(&mut client)?;
            if before == after {
                println!("district schema is up to date (version {after})");
            } else {
                println!("district schema upgraded from version {before} to {after}");
            }
            Ok(())
        }
        DistrictCommand::AddKiosk(args) => {
            let checkpoint = args
                .checkpoint
                .as_deref()
                .context("a kiosk needs --checkpoint ID (its checkpoint_id in kiosk.toml)")?;
            add_role(&args, RoleKind::Kiosk, Some(checkpoint))?;
            println!(
                "kiosk role {} registered for checkpoint {checkpoint}",
                args.role
            );
            Ok(())
        }
        DistrictCommand::AddReader(args) => {
            add_role(&args, RoleKind::Reader, None)?;
            println!(
                "reader role {} can read the district's counts (district_counts, checkpoint_list)",
                args.role
            );
            Ok(())
        }
        DistrictCommand::Report(args) => report(&args),
    }
}

fn address(server: &ServerArgs) -> anyhow::Result<ServerAddress> {
    Ok(ServerAddress::parse(
        &server.postgres,
        server.password_file.as_deref(),
        None,
        Duration::from_secs(10),
    )?)
}

fn add_role(args: &AddRoleArgs, kind: RoleKind, checkpoint: Option<&str>) -> anyhow::Result<()> {
    let password = std::fs::read_to_string(&args.role_password_file)
        .with_context(|| format!("cannot read {}", args.role_password_file.display()))?;
    let password = password.trim_end_matches(['\r', '\n']);
    let mut client = district::connect(&address(&args.server)?)?;
    district::add_role(&mut client, kind, &args.role, password, checkpoint)?;
    Ok(())
}

fn report(args: &ReportArgs) -> anyhow::Result<()> {
    let date = NaiveDate::parse_from_str(&args.date, "%Y-%m-%d")
        .with_context(|| format!("“{}” is not a date: write it like 2026-11-20", args.date))?;
    let tz = super::export_cmd::time_zone(args.utc_offset.as_deref())?;
    let mut client = district::connect(&address(&args.server)?)?;
    let started = Instant::now();
    let report = DistrictReport::build(&mut client, date, tz)?;
    if args.timing {
        eprintln!(
            "district report: {} ms on the server",
            started.elapsed().as_millis()
        );
    }
    match (args.format, args.out.as_deref()) {
        (ReportFormat::Xlsx, None) => anyhow::bail!("an Excel report needs --out FILE.xlsx"),
        (ReportFormat::Xlsx, Some(path)) => report
            .write_xlsx(path)
            .with_context(|| format!("cannot write {}", path.display())),
        (format, Some(path)) => write_to(path, |out| write_text(&report, format, out)),
        (format, None) => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            write_text(&report, format, &mut out)?;
            out.flush()?;
            Ok(())
        }
    }
}

fn write_text(
    report: &DistrictReport,
    format: ReportFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut out = out;
    match format {
        ReportFormat::Json | ReportFormat::Xlsx => report.write_json(&mut out),
        ReportFormat::Csv => report.write_csv(&mut out),
        ReportFormat::Html => report.write_html(&mut out),
    }
}

fn write_to(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = BufWriter::new(file);
    write(&mut out).with_context(|| format!("cannot write {}", path.display()))?;
    out.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}
