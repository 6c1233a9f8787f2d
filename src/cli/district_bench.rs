//! `district bench --kiosks 200 --rate 1 --duration 300`: a city on loopback. Each simulated
//! kiosk is a real SQLite store and a real sync session as its own kiosk role; it saves `rate`
//! entries a second and syncs every `--sync-every` seconds. Printed: push and pull p50/p99, the
//! time until a probe visitor saved at one gate is known as a repeat at another (p50/p99), and
//! the PostgreSQL server's CPU (its processes in /proc, so the server must run on this machine).
//!
//! Run it against a throwaway database: it creates roles `bench_kiosk_N` and leaves their rows.

use std::path::{Path, PathBuf};
use std::str::FromStr as _;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::Utc;
use rand::RngCore as _;

use crate::district::{self, RoleKind, ServerAddress};
use crate::model::pii::{HashKind, PiiKey, Protected};
use crate::store::synthetic::Synthetic;
use crate::store::{EntryRecordOwned, RepeatKey, Store};
use crate::sync::{Session, SyncSettings, sync_once_timed};

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// The database owner's address (creates the kiosk roles): a throwaway database
    #[command(flatten)]
    pub server: super::server_args::ServerArgs,
    /// Simulated kiosks, each its own role, SQLite store and connection
    #[arg(long, default_value_t = 200)]
    pub kiosks: usize,
    /// Entries each kiosk saves per second
    #[arg(long, default_value_t = 1.0)]
    pub rate: f64,
    /// Seconds to run
    #[arg(long, default_value_t = 300)]
    pub duration: u64,
    /// Seconds between a kiosk's syncs
    #[arg(long, default_value_t = 2.0)]
    pub sync_every: f64,
}

/// A visitor saved at gate 0, waited for at gate 1.
struct Probe {
    hash: RepeatKey,
    saved: Instant,
    found: Option<Duration>,
}

#[derive(Default)]
struct Figures {
    push_ms: Vec<f64>,
    pull_ms: Vec<f64>,
}

struct Shared {
    key: PiiKey,
    stop: AtomicBool,
    saved: AtomicU64,
    errors: AtomicU64,
    figures: Mutex<Figures>,
    probes: Mutex<Vec<Probe>>,
}

pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        (1..=2000).contains(&args.kiosks),
        "--kiosks is between 1 and 2000"
    );
    anyhow::ensure!(
        args.rate.is_finite() && args.rate > 0.0 && args.rate <= 100.0,
        "--rate is between 0 and 100 entries a second"
    );
    anyhow::ensure!(
        args.sync_every.is_finite() && args.sync_every >= 0.2,
        "--sync-every is at least 0.2 s"
    );
    anyhow::ensure!(args.duration <= 3600, "--duration is at most 3600 s");
    let owner = ServerAddress::parse(
        &args.server.postgres,
        args.server.password_file.as_deref(),
        None,
        Duration::from_secs(10),
    )?;
    let mut admin = district::connect(&owner)?;
    district::migrate(&mut admin)?;
    let max_connections: i64 = admin
        .query_one("SELECT current_setting('max_connections')::bigint", &[])?
        .get(0);
    anyhow::ensure!(
        max_connections >= args.kiosks as i64 + 10,
        "the server allows {max_connections} connections; {} kiosks need {} (max_connections)",
        args.kiosks,
        args.kiosks + 10
    );
    let config = postgres::Config::from_str(&args.server.postgres)?;
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(host)) => host.clone(),
        _ => "127.0.0.1".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let database = config.get_dbname().unwrap_or("postgres").to_owned();
    // The kiosks connect as the office did: TLS unless the address said `sslmode=disable`.
    let query = args
        .server
        .postgres
        .split_once('?')
        .map(|(_, query)| format!("?{query}"))
        .unwrap_or_default();
    let root = std::env::temp_dir().join(format!("ck-district-bench-{}", std::process::id()));
    std::fs::create_dir_all(&root).with_context(|| format!("cannot create {}", root.display()))?;

    eprintln!("district bench: registering {} kiosk roles…", args.kiosks);
    let shared = Arc::new(Shared {
        key: PiiKey::generate(),
        stop: AtomicBool::new(false),
        saved: AtomicU64::new(0),
        errors: AtomicU64::new(0),
        figures: Mutex::new(Figures::default()),
        probes: Mutex::new(Vec::new()),
    });
    let mut urls = Vec::with_capacity(args.kiosks);
    for index in 0..args.kiosks {
        let role = format!("bench_kiosk_{index}");
        let mut secret = [0u8; 12];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        let password = hex::encode(secret);
        district::add_role(
            &mut admin,
            RoleKind::Kiosk,
            &role,
            &password,
            Some(&format!("bench-{index}")),
        )?;
        urls.push(format!(
            "postgresql://{role}:{password}@{host}:{port}/{database}{query}"
        ));
    }
    let cpu_before = postgres_cpu_seconds();
    let started = Instant::now();
    let mut threads = Vec::with_capacity(args.kiosks);
    for (index, url) in urls.into_iter().enumerate() {
        let shared = Arc::clone(&shared);
        let path = root.join(format!("kiosk-{index}.db"));
        let (rate, every) = (args.rate, args.sync_every);
        threads.push(
            std::thread::Builder::new()
                .name(format!("bench-kiosk-{index}"))
                .stack_size(512 * 1024)
                .spawn(move || {
                    if let Err(error) = kiosk(index, &url, &path, rate, every, &shared) {
                        eprintln!("kiosk {index}: {error:#}");
                        shared.errors.fetch_add(1, Ordering::Relaxed);
                    }
                })?,
        );
        // Spread the kiosks' phases over one sync interval.
        std::thread::sleep(Duration::from_secs_f64(
            args.sync_every / args.kiosks as f64,
        ));
    }
    let end = started + Duration::from_secs(args.duration);
    while Instant::now() < end {
        std::thread::sleep(Duration::from_millis(200));
    }
    // Read while the kiosks' backends still live: an ended backend's CPU leaves /proc with it.
    let cpu_after = postgres_cpu_seconds();
    let seconds = started.elapsed().as_secs_f64();
    shared.stop.store(true, Ordering::SeqCst);
    for thread in threads {
        let _ = thread.join();
    }
    let cpu = cpu_after
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    let _ = std::fs::remove_dir_all(&root);
    report(args, &shared, seconds, cpu);
    Ok(())
}

fn kiosk(
    index: usize,
    url: &str,
    path: &Path,
    rate: f64,
    every: f64,
    shared: &Shared,
) -> anyhow::Result<()> {
    let checkpoint_id = format!("bench-{index}");
    let mut store = Store::open(path)?;
    let mut session = Session::open(SyncSettings {
        address: ServerAddress::parse(url, None, None, Duration::from_secs(10))?,
        checkpoint_id: checkpoint_id.clone(),
        checkpoint_name: format!("bench {index}"),
        gate: "1".to_owned(),
        key_id: shared.key.key_id(),
        repeat_window_minutes: 30,
        interval: Duration::from_secs_f64(every),
        keys_dir: None,
    })?;
    let mut synthetic = Synthetic::new(1_000_000, 500_000, Utc::now(), 1_000);
    let entry_every = Duration::from_secs_f64(1.0 / rate);
    let sync_every = Duration::from_secs_f64(every);
    let mut next_entry = Instant::now();
    let mut next_sync = Instant::now() + sync_every;
    let mut next_probe = Instant::now() + Duration::from_secs(3);
    let mut probes = 0u64;
    while !shared.stop.load(Ordering::SeqCst) {
        let now = Instant::now();
        if now >= next_entry {
            let mut batch = synthetic.batch(1);
            for record in &mut batch {
                stamp(record, &checkpoint_id);
                if index == 0
                    && now >= next_probe
                    && let EntryRecordOwned::Person(person) = record
                {
                    probes += 1;
                    let code = Protected::new(
                        &shared.key,
                        HashKind::CodePayload,
                        &format!("BENCH:PROBE:{}:{probes}", std::process::id()),
                        "****".to_owned(),
                    );
                    let hash = RepeatKey::Code(code.hash.clone());
                    person.details.code = Some(code);
                    next_probe = now + Duration::from_secs(5);
                    shared
                        .probes
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(Probe {
                            hash,
                            saved: now,
                            found: None,
                        });
                }
            }
            store.save_batch(&batch)?;
            shared
                .saved
                .fetch_add(batch.len() as u64, Ordering::Relaxed);
            next_entry += entry_every;
        }
        if now >= next_sync {
            let timing = sync_once_timed(&mut store, &mut session, Utc::now())?;
            {
                let mut figures = shared
                    .figures
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                figures.push_ms.push(timing.push.as_secs_f64() * 1000.0);
                figures.pull_ms.push(timing.pull.as_secs_f64() * 1000.0);
            }
            if index == 1 {
                look_for_probes(&store, shared)?;
            }
            next_sync += sync_every;
        }
        let wake = next_entry.min(next_sync);
        if let Some(wait) = wake.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait.min(Duration::from_millis(100)));
        }
    }
    Ok(())
}

fn stamp(record: &mut EntryRecordOwned, checkpoint_id: &str) {
    match record {
        EntryRecordOwned::Person(person) => {
            person.recorded_at = Utc::now();
            checkpoint_id.clone_into(&mut person.provenance.checkpoint_id);
        }
        EntryRecordOwned::Vehicle(vehicle) => {
            vehicle.recorded_at = Utc::now();
            checkpoint_id.clone_into(&mut vehicle.provenance.checkpoint_id);
        }
    }
}

/// At gate 1, after a sync: which of gate 0's probes does this store now know as a visit?
fn look_for_probes(store: &Store, shared: &Shared) -> anyhow::Result<()> {
    let since = Utc::now() - chrono::Duration::minutes(30);
    let mut probes = shared.probes.lock().unwrap_or_else(PoisonError::into_inner);
    for probe in probes.iter_mut().filter(|probe| probe.found.is_none()) {
        if store.find_repeat(&probe.hash, since)?.is_some() {
            probe.found = Some(probe.saved.elapsed());
        }
    }
    Ok(())
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn report(args: &BenchArgs, shared: &Shared, seconds: f64, cpu: Option<f64>) {
    let mut figures = shared
        .figures
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    figures.push_ms.sort_by(f64::total_cmp);
    figures.pull_ms.sort_by(f64::total_cmp);
    let probes = shared.probes.lock().unwrap_or_else(PoisonError::into_inner);
    let mut found: Vec<f64> = probes
        .iter()
        .filter_map(|probe| probe.found.map(|delay| delay.as_secs_f64()))
        .collect();
    found.sort_by(f64::total_cmp);
    println!(
        "district bench: {} kiosks × {} entries/s, sync every {} s, {seconds:.0} s on loopback",
        args.kiosks, args.rate, args.sync_every
    );
    println!(
        "saved {} entries ({:.0}/s), {} syncs, {} kiosk errors",
        shared.saved.load(Ordering::Relaxed),
        shared.saved.load(Ordering::Relaxed) as f64 / seconds,
        figures.push_ms.len(),
        shared.errors.load(Ordering::Relaxed)
    );
    println!(
        "push: p50 {:.1} ms, p99 {:.1} ms; pull: p50 {:.1} ms, p99 {:.1} ms",
        quantile(&figures.push_ms, 0.5),
        quantile(&figures.push_ms, 0.99),
        quantile(&figures.pull_ms, 0.5),
        quantile(&figures.pull_ms, 0.99)
    );
    println!(
        "repeat known at another gate: p50 {:.2} s, p99 {:.2} s ({} of {} probes found; goal p99 ≤ 5 s)",
        quantile(&found, 0.5),
        quantile(&found, 0.99),
        found.len(),
        probes.len()
    );
    match cpu {
        Some(cpu) => println!(
            "server CPU: {cpu:.1} s over {seconds:.0} s = {:.0}% of one core (postgres processes)",
            cpu / seconds * 100.0
        ),
        None => println!("server CPU: not measured (no postgres process visible in /proc)"),
    }
}

/// CPU seconds (user + system) of every process named `postgres` on this machine.
fn postgres_cpu_seconds() -> Option<f64> {
    // SAFETY: sysconf has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if ticks <= 0 {
        return None;
    }
    let mut total = 0u64;
    let mut seen = false;
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let dir: PathBuf = entry.path();
        let Ok(stat) = std::fs::read_to_string(dir.join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid … utime stime …": fields after the closing parenthesis.
        let Some((name_part, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        if !name_part.ends_with("(postgres") {
            continue;
        }
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let utime: u64 = fields
            .get(11)
            .and_then(|value| value.parse().ok())
            .unwrap_or(0);
        let stime: u64 = fields
            .get(12)
            .and_then(|value| value.parse().ok())
            .unwrap_or(0);
        total += utime + stime;
        seen = true;
    }
    seen.then(|| total as f64 / ticks as f64)
}
