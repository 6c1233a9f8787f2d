//! `checkpoint-kiosk bench`: fills a fresh database with district-scale synthetic entries through
//! the real store code, then times the reports and a full export.
//!
//! Targets (2 cores): shift report < 50 ms, day's district report < 200 ms, all-time summary
//! < 1 s, fill >= 100k entries/s, < 200 bytes per entry with indexes.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};

use crate::config::Passphrase;
use crate::model::{Role, Shift};
use crate::report::{ExportFormat, ExportRequest, ReportScope, ShiftReport, Summary};
use crate::store::Store;
use crate::store::synthetic::{Synthetic, checkpoint_id};

const DAYS: i64 = 90;
const BATCH: usize = 20_000;
/// Queries are timed this many times; the median is reported.
const QUERY_RUNS: usize = 5;

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// People to generate
    #[arg(long, default_value_t = 1_263_436)]
    pub persons: u64,
    /// Vehicles to generate
    #[arg(long, default_value_t = 571_105)]
    pub vehicles: u64,
    /// Print one JSON object instead of lines of text
    #[arg(long)]
    pub json: bool,
    /// Database file to fill (must not exist); a temporary file otherwise
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Encrypt the database (SQLCipher, a fixed bench passphrase) to measure what encryption costs
    #[arg(long)]
    pub encrypted: bool,
}

#[derive(Debug, serde::Serialize)]
struct Figures {
    entries: u64,
    /// Wall time inside the store's batched saves (generating the synthetic data excluded).
    fill_s: f64,
    /// CPU time of those saves (Linux; 0 elsewhere): the machine may be busy with other work.
    fill_cpu_s: f64,
    /// Wall time spent generating the synthetic entries, for reference.
    generate_s: f64,
    shift_report_ms: f64,
    day_report_ms: f64,
    summary_ms: f64,
    export_s: f64,
    db_bytes_per_entry: f64,
}

pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    let (path, temporary) = match &args.db {
        Some(path) if path.exists() => anyhow::bail!(
            "{} already exists: give a new file name for --db",
            path.display()
        ),
        Some(path) => (path.clone(), false),
        None => (
            std::env::temp_dir().join(format!(
                "checkpoint-kiosk-bench-{}.sqlite3",
                std::process::id()
            )),
            true,
        ),
    };
    let result = measure(args, &path);
    if temporary {
        remove_database(&path);
    }
    let figures = result?;
    if args.json {
        println!("{}", serde_json::to_string(&figures)?);
    } else {
        println!("entries             {}", figures.entries);
        println!(
            "fill                {:.1} s ({:.0} entries/s)",
            figures.fill_s,
            figures.entries as f64 / figures.fill_s
        );
        println!("shift report        {:.1} ms", figures.shift_report_ms);
        println!("day district report {:.1} ms", figures.day_report_ms);
        println!("all-time summary    {:.1} ms", figures.summary_ms);
        println!("full JSON export    {:.1} s", figures.export_s);
        println!(
            "database            {:.0} bytes per entry",
            figures.db_bytes_per_entry
        );
    }
    Ok(())
}

fn measure(args: &BenchArgs, path: &Path) -> anyhow::Result<Figures> {
    let start = Utc
        .with_ymd_and_hms(2022, 3, 1, 0, 0, 0)
        .single()
        .context("start date")?;
    let tz = FixedOffset::east_opt(8 * 3600).context("UTC+8")?;
    let passphrase = args
        .encrypted
        .then(|| Passphrase::new("checkpoint-kiosk bench".to_owned()))
        .transpose()?;
    let mut store = Store::open_keyed(path, passphrase.as_ref())?;
    let mut synthetic = Synthetic::new(args.persons, args.vehicles, start, DAYS);
    let (mut fill, mut fill_cpu, mut generate) = (0.0, 0.0, 0.0);
    loop {
        let generated = Instant::now();
        let batch = synthetic.batch(BATCH);
        generate += generated.elapsed().as_secs_f64();
        if batch.is_empty() {
            break;
        }
        let (cpu_before, saved) = (thread_cpu_s(), Instant::now());
        store.save_batch(&batch)?;
        fill += saved.elapsed().as_secs_f64();
        fill_cpu += thread_cpu_s() - cpu_before;
    }
    let entries = args.persons + args.vehicles;

    let shift_scope = ReportScope::Shift(sample_shift(&mut store, start)?);
    let shift_report_ms = median_ms(|| ShiftReport::build(&store, &shift_scope, tz).map(drop))?;
    let day = start + Duration::days(DAYS / 2);
    let day_scope = ReportScope::Range {
        from: day,
        to: day + Duration::days(1),
        checkpoint_id: None,
    };
    let day_report_ms = median_ms(|| ShiftReport::build(&store, &day_scope, tz).map(drop))?;
    let all_time = ReportScope::Range {
        from: DateTime::<Utc>::MIN_UTC,
        to: DateTime::<Utc>::MAX_UTC,
        checkpoint_id: None,
    };
    let summary_ms = median_ms(|| Summary::build(&store, &all_time).map(drop))?;

    let export_path = path.with_extension("export.json");
    let export_started = Instant::now();
    let request = ExportRequest {
        scope: &all_time,
        format: ExportFormat::Json,
        path: &export_path,
        exported_by: "bench",
        at: Utc::now(),
        tz,
        hash_key_id: None,
        lang: crate::config::Language::ZhCn,
        checkpoint_name: None,
        pass_share: None,
        include_practice: false,
    };
    let exported = crate::report::export(&mut store, &request);
    let export_s = export_started.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&export_path);
    anyhow::ensure!(exported? == entries, "the export did not hold every entry");

    let db_bytes = store.checkpointed_size_bytes()?;
    Ok(Figures {
        entries,
        fill_s: fill,
        fill_cpu_s: fill_cpu,
        generate_s: generate,
        shift_report_ms,
        day_report_ms,
        summary_ms,
        export_s,
        db_bytes_per_entry: db_bytes as f64 / entries.max(1) as f64,
    })
}

/// A closed 8-hour day shift in the middle of the period at the first checkpoint.
fn sample_shift(store: &mut Store, start: DateTime<Utc>) -> anyhow::Result<Shift> {
    let opened = start + Duration::days(DAYS / 2) + Duration::hours(8);
    let leader = store.sign_in("bench leader", Role::Leader, Some("0000"), opened)?;
    let shift = store.open_shift(&leader, &checkpoint_id(0), opened)?;
    Ok(store.close_shift(shift.shift_id, "bench", opened + Duration::hours(8))?)
}

fn median_ms<E: std::error::Error + Send + Sync + 'static>(
    mut run: impl FnMut() -> Result<(), E>,
) -> anyhow::Result<f64> {
    let mut times = Vec::with_capacity(QUERY_RUNS);
    for _ in 0..QUERY_RUNS {
        let started = Instant::now();
        run()?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times[QUERY_RUNS / 2])
}

/// CPU time of this thread in seconds, from Linux's scheduler statistics; 0 elsewhere.
fn thread_cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |nanos| nanos / 1e9)
}

fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}
