//! `checkpoint-kiosk export`: a shift, a time range, or a day at every checkpoint, as JSON, CSV,
//! Excel or printable HTML. Who exported is recorded in the database.

use std::path::PathBuf;

use anyhow::Context;
use chrono::{
    DateTime, Duration, FixedOffset, Local, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc,
};

use crate::config::DataDir;
use crate::report::{ExportFormat, ExportRequest, ReportScope};
use crate::store::Store;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Json,
    Csv,
    Xlsx,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Which shift: current, last (the latest closed one) or a shift number
    #[arg(long, conflicts_with_all = ["from", "to", "date"])]
    pub shift: Option<String>,
    /// Start of a time range: 2026-11-20T08:00:00+08:00 or "2026-11-20 08:00" (local time)
    #[arg(long, requires = "to", conflicts_with = "date")]
    pub from: Option<String>,
    /// End of the time range (not included)
    #[arg(long, requires = "from")]
    pub to: Option<String>,
    /// One local day, YYYY-MM-DD
    #[arg(long)]
    pub date: Option<String>,
    /// Every checkpoint in this database (imported ones too), not only this kiosk's
    #[arg(long)]
    pub all_checkpoints: bool,
    #[arg(long, value_enum)]
    pub format: FormatArg,
    /// File to write
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Who exports (recorded in the database); defaults to the login name
    #[arg(long)]
    pub by: Option<String>,
    /// For neighbouring kiosks sharing this kiosk's hashing secret (`keys share-secret`): the JSON
    /// file also carries keyed hashes of codes and ID numbers, so they recognise repeats
    #[arg(long)]
    pub for_neighbours: bool,
    /// Time zone for hours and dates, like +08:00; defaults to this computer's
    #[arg(long, value_name = "OFFSET")]
    pub utc_offset: Option<String>,
    /// Replace the file at --out if it exists (otherwise an existing file is never touched)
    #[arg(long)]
    pub force: bool,
    /// Language of CSV, Excel and HTML headers, values and reasons: zh (default) or en. JSON
    /// keeps its machine schema whatever the language
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
    /// Also the practice entries (demo feed, `run --feed` pictures), each marked as practice;
    /// reports and exports leave them out unless asked
    #[arg(long)]
    pub include_practice: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

pub fn run(data_dir: &DataDir, args: &ExportArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        !args.for_neighbours || matches!(args.format, FormatArg::Json),
        "--for-neighbours needs --format json: the other formats are for people and never carry hashes"
    );
    crate::report::refuse_inside_data_folder(data_dir.root(), &args.out)?;
    let config = data_dir.load_config()?;
    let key_id = data_dir.pii_key()?.key_id();
    let tz = time_zone(args.utc_offset.as_deref())?;
    let mut store = super::unlock::open_store(data_dir)?;
    let checkpoint_id = (!args.all_checkpoints).then(|| config.checkpoint_id.clone());
    let scope = scope(&store, args, checkpoint_id, tz)?;
    let exported_by = args
        .by
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".to_owned());
    // The pass keys and revocations this kiosk knows travel with an export for neighbours.
    let pass_share = if args.for_neighbours {
        Some(crate::codes::pass::share::sealed_for_neighbours(
            &data_dir.keys_dir(),
            Utc::now(),
            &data_dir.pii_key()?,
        )?)
    } else {
        None
    };
    let request = ExportRequest {
        scope: &scope,
        format: match args.format {
            FormatArg::Json => ExportFormat::Json,
            FormatArg::Csv => ExportFormat::Csv,
            FormatArg::Xlsx => ExportFormat::Xlsx,
            FormatArg::Html => ExportFormat::Html,
        },
        path: &args.out,
        exported_by: &exported_by,
        at: Utc::now(),
        tz,
        hash_key_id: args.for_neighbours.then_some(key_id.as_str()),
        lang: match args.lang {
            LangArg::Zh => crate::config::Language::ZhCn,
            LangArg::En => crate::config::Language::En,
        },
        checkpoint_name: Some(config.checkpoint_name.as_str()),
        pass_share: pass_share.as_ref(),
        include_practice: args.include_practice,
    };
    let written = if args.force {
        crate::report::export_replacing(&mut store, &request)?
    } else {
        crate::report::export(&mut store, &request)?
    };
    println!(
        "wrote {written} entries ({}) to {}",
        scope.describe(),
        args.out.display()
    );
    Ok(())
}

fn scope(
    store: &Store,
    args: &ExportArgs,
    checkpoint_id: Option<String>,
    tz: FixedOffset,
) -> anyhow::Result<ReportScope> {
    if let (Some(from), Some(to)) = (&args.from, &args.to) {
        return Ok(ReportScope::Range {
            from: parse_time(from, tz)?,
            to: parse_time(to, tz)?,
            checkpoint_id,
        });
    }
    if let Some(date) = &args.date {
        let day = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .with_context(|| format!("“{date}” is not a date: write it like 2026-11-20"))?;
        let from = local_midnight(day, tz)?;
        let to = from
            .checked_add_signed(Duration::days(1))
            .with_context(|| format!("“{date}” is too far in the future: give a real day"))?;
        return Ok(ReportScope::Range {
            from,
            to,
            checkpoint_id,
        });
    }
    anyhow::ensure!(
        !args.all_checkpoints,
        "--all-checkpoints needs --date or --from/--to"
    );
    let checkpoint_id = checkpoint_id.unwrap_or_default();
    let shift = match args.shift.as_deref().unwrap_or("current") {
        "current" => store.current_shift(&checkpoint_id)?.with_context(|| {
            format!("no shift is open at {checkpoint_id}: use --shift last or a shift number")
        })?,
        "last" => store.last_closed_shift(&checkpoint_id)?.with_context(|| {
            format!("no closed shift at {checkpoint_id} yet: use --shift current")
        })?,
        number => {
            let shift_id: i64 = number.parse().with_context(|| {
                format!("“{number}” is not a shift: use current, last or a number")
            })?;
            store
                .shift(shift_id)?
                .with_context(|| format!("there is no shift {shift_id}"))?
        }
    };
    Ok(ReportScope::Shift(shift))
}

/// `--utc-offset` (like +08:00), else this computer's time zone.
pub(super) fn time_zone(offset: Option<&str>) -> anyhow::Result<FixedOffset> {
    match offset {
        None => Ok(Local::now().offset().fix()),
        Some(text) => {
            let probe = format!("2000-01-01T00:00:00{text}");
            DateTime::parse_from_rfc3339(&probe)
                .map(|time| *time.offset())
                .with_context(|| format!("“{text}” is not a UTC offset: write it like +08:00"))
        }
    }
}

fn parse_time(text: &str, tz: FixedOffset) -> anyhow::Result<DateTime<Utc>> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Ok(time.with_timezone(&Utc));
    }
    let local = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .with_context(|| format!("“{text}” is not a time: write it like \"2026-11-20 08:00\""))?;
    tz.from_local_datetime(&local)
        .single()
        .map(|time| time.with_timezone(&Utc))
        .context("that local time does not exist")
}

fn local_midnight(day: NaiveDate, tz: FixedOffset) -> anyhow::Result<DateTime<Utc>> {
    let midnight = day.and_hms_opt(0, 0, 0).context("midnight")?;
    tz.from_local_datetime(&midnight)
        .single()
        .map(|time| time.with_timezone(&Utc))
        .context("that local day does not exist")
}
