//! `checkpoint-kiosk district …`: the district administrator's commands on the district's
//! PostgreSQL: create or upgrade its schema, register kiosk and reader roles, the day report,
//! and the district office's web pages (`serve`, `add-viewer`).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::NaiveDate;

use super::server_args::ServerArgs;
use crate::config::Language;
use crate::district::report::{DistrictReport, Wording};
use crate::district::{self, RoleKind, ServerAddress};
use crate::office::{self, OfficeSettings};

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
    /// The district office's web pages: every gate live, hours, exceptions, the day report
    Serve(ServeArgs),
    /// Create a district office account for the web pages (or set its new password)
    AddViewer(AddViewerArgs),
    /// A city on loopback: N kiosks saving and syncing; prints push/pull and repeat latencies
    Bench(super::district_bench::BenchArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The reader role's address (`add-reader`), postgresql://USER@HOST:PORT/DB
    #[command(flatten)]
    pub server: ServerArgs,
    /// Address and port to listen on; keep it on 127.0.0.1 behind a TLS reverse proxy
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// A gate on an open shift without a sync for longer than this is red: 300, 5m, 30s
    #[arg(long, value_name = "DURATION", default_value = "5m")]
    pub silent_after: String,
    /// The district's time zone, like +08:00; defaults to this computer's
    #[arg(long, value_name = "OFFSET")]
    pub utc_offset: Option<String>,
    /// The district's name in the day report's title, e.g. 幸福街道
    #[arg(long, default_value = "")]
    pub district_name: String,
    /// Mark the session cookie Secure: the office is reached over HTTPS (a reverse proxy)
    #[arg(long)]
    pub secure_cookies: bool,
    /// PostgreSQL connections at most
    #[arg(long, default_value_t = 8)]
    pub connections: usize,
}

#[derive(Debug, clap::Args)]
pub struct AddViewerArgs {
    /// The database owner's address (as for `init`)
    #[command(flatten)]
    pub server: ServerArgs,
    /// The account's name: letters, digits, '.', '_' or '-'
    #[arg(long)]
    pub viewer: String,
    /// A file holding the account's password (at least 12 characters)
    #[arg(long, value_name = "FILE")]
    pub viewer_password_file: PathBuf,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LangArg {
    Zh,
    En,
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
    /// The local day, YYYY-MM-DD or `today`
    #[arg(long)]
    pub date: String,
    /// Language of CSV, HTML and Excel (JSON keeps its machine schema)
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
    /// The district's name in the report's title, e.g. 幸福街道
    #[arg(long, default_value = "")]
    pub district_name: String,
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
        DistrictCommand::Serve(args) => serve(&args),
        DistrictCommand::Bench(args) => super::district_bench::run(&args),
        DistrictCommand::AddViewer(args) => {
            let password = std::fs::read_to_string(&args.viewer_password_file)
                .with_context(|| format!("cannot read {}", args.viewer_password_file.display()))?;
            let password = password.trim_end_matches(['\r', '\n']);
            let mut client = district::connect(&address(&args.server)?)?;
            office::add_viewer(&mut client, &args.viewer, password)?;
            println!(
                "district office account {} can log in to `district serve`",
                args.viewer
            );
            Ok(())
        }
    }
}

fn serve(args: &ServeArgs) -> anyhow::Result<()> {
    let silent_after = parse_duration(&args.silent_after)?;
    let tz = super::export_cmd::time_zone(args.utc_offset.as_deref())?;
    let settings = OfficeSettings {
        address: address(&args.server)?,
        listen: args.listen.clone(),
        silent_after,
        tz,
        district_name: args.district_name.clone(),
        secure_cookies: args.secure_cookies,
        connections: args.connections.clamp(1, 64),
    };
    // Fail now, not on the first page, when the reader cannot log in.
    district::connect(&settings.address)?;
    office::serve(settings, |listening| {
        println!("district office: listening on http://{listening}/ (Ctrl-C stops)");
    })?;
    Ok(())
}

/// `300`, `300s`, `5m`, `1h`.
fn parse_duration(text: &str) -> anyhow::Result<Duration> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((at, _)) => (&text[..at], &text[at..]),
        None => (text, "s"),
    };
    let value: f64 = number
        .trim()
        .parse()
        .ok()
        .filter(|value: &f64| value.is_finite() && *value >= 0.0)
        .with_context(|| format!("“{text}” is not a duration: write it like 300, 30s or 5m"))?;
    let seconds = match unit {
        "s" => value,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        _ => anyhow::bail!("“{text}” is not a duration: write it like 300, 30s or 5m"),
    };
    anyhow::ensure!(
        seconds <= 86_400.0,
        "“{text}” is longer than a day: give at most 24h"
    );
    Ok(Duration::from_secs_f64(seconds))
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
    let tz = super::export_cmd::time_zone(args.utc_offset.as_deref())?;
    let date = if args.date.trim().eq_ignore_ascii_case("today") {
        chrono::Utc::now().with_timezone(&tz).date_naive()
    } else {
        NaiveDate::parse_from_str(args.date.trim(), "%Y-%m-%d").with_context(|| {
            format!(
                "“{}” is not a date: write it like 2026-11-20, or today",
                args.date
            )
        })?
    };
    let wording = Wording {
        lang: match args.lang {
            LangArg::Zh => Language::ZhCn,
            LangArg::En => Language::En,
        },
        district_name: args.district_name.clone(),
    };
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
            .write_xlsx(&wording, path)
            .with_context(|| format!("cannot write {}", path.display())),
        (format, Some(path)) => write_to(path, |out| write_text(&report, &wording, format, out)),
        (format, None) => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            write_text(&report, &wording, format, &mut out)?;
            out.flush()?;
            Ok(())
        }
    }
}

fn write_text(
    report: &DistrictReport,
    wording: &Wording,
    format: ReportFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut out = out;
    match format {
        ReportFormat::Json | ReportFormat::Xlsx => report.write_json(&mut out),
        ReportFormat::Csv => report.write_csv(wording, &mut out),
        ReportFormat::Html => report.write_html(wording, &mut out),
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
