//! `checkpoint-kiosk load --rate N --duration SECS [--checkpoint ID]`: synthetic gate traffic
//! (people, vehicles with passengers, fevers, repeats, passes) sent through the store thread
//! exactly as the window sends its saves. `saved <uuid>` is printed for every entry as soon as
//! the reply says its transaction has committed, so a test that kills this process knows what
//! must be in the database. Standard error gets memory and save-latency figures.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::Utc;

use crate::app::store_requests::{
    GateStore, RequestError, SavePerson, SaveVehicle, SaveVehicleWithPassengers,
};
use crate::config::DataDir;
use crate::model::entry::Provenance;
use crate::model::pii::{HashKind, Protected, mask_name};
use crate::model::{CodeFormat, FeverThreshold};
use crate::store::EntryRecordOwned;
use crate::store::synthetic::Synthetic;

#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// Entries per second (a busy gate sees about 2)
    #[arg(long, default_value_t = 2.0)]
    pub rate: f64,
    /// How long to run, in seconds
    #[arg(long, default_value_t = 60)]
    pub duration: u64,
    /// Checkpoint id written into the entries; defaults to kiosk.toml's
    #[arg(long)]
    pub checkpoint: Option<String>,
}

/// Latency and memory figures printed every this often (and at the end).
const REPORT_EVERY: Duration = Duration::from_secs(10);

pub fn run(data_dir: &DataDir, args: &LoadArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        args.rate.is_finite() && args.rate > 0.0 && args.rate <= 10_000.0,
        "--rate must be between 0 and 10000 entries per second"
    );
    anyhow::ensure!(
        args.duration <= 7 * 86_400,
        "--duration is at most a week of seconds"
    );
    let _lock = data_dir.lock_instance()?;
    let config = data_dir.load_config()?;
    let key = data_dir.pii_key()?;
    let prov = Provenance {
        checkpoint_id: args
            .checkpoint
            .clone()
            .unwrap_or_else(|| config.checkpoint_id.clone()),
        gate: config.gate.clone(),
        operator: "load".to_owned(),
        shift_id: None,
    };
    // One pending wake-up is enough: the loop reads every reply each time it wakes.
    let (woken, wakes) = mpsc::sync_channel::<()>(1);
    let worker = GateStore::<Progress>::spawn(
        data_dir.database_path(),
        super::unlock::passphrase_for(data_dir)?,
        Arc::new(move || {
            let _ = woken.try_send(());
        }),
    )?;
    let mut traffic = Traffic {
        // Spread over many days so each day's share of times stays small; only the details are
        // used, every entry is stamped with the real time it is sent.
        synthetic: Synthetic::new(70_000_000, 30_000_000, Utc::now(), 100_000),
        key,
        prov,
        fever_threshold: config.fever_threshold_celsius,
        sent: 0,
    };
    let mut progress = Progress {
        stats: Stats::new(),
        in_flight: 0,
    };
    let interval = Duration::from_secs_f64(1.0 / args.rate);
    let started = Instant::now();
    let deadline = started + Duration::from_secs(args.duration);
    let mut next_send = started;
    let mut next_report = started + REPORT_EVERY;
    progress.stats.report(started, "start");
    loop {
        let now = Instant::now();
        if now >= deadline && progress.in_flight == 0 {
            break;
        }
        if now < deadline && now >= next_send {
            progress.in_flight += 1;
            traffic.send_next(&worker);
            next_send += interval;
        }
        for reply in worker.try_replies() {
            reply(&mut progress);
        }
        if now >= next_report {
            progress.stats.report(started, "running");
            next_report += REPORT_EVERY;
        }
        let wait = if now < deadline {
            next_send.saturating_duration_since(Instant::now())
        } else {
            Duration::from_millis(50)
        };
        let _ = wakes.recv_timeout(wait.min(Duration::from_millis(50)));
    }
    drop(worker);
    let stats = progress.stats;
    stats.report(started, "done");
    anyhow::ensure!(
        stats.failed == 0,
        "{} saves failed (see above)",
        stats.failed
    );
    Ok(())
}

/// The saves still waiting for their reply, and the figures so far.
struct Progress {
    stats: Stats,
    in_flight: usize,
}

impl Progress {
    /// A save's reply: print the committed entries, or count the failure.
    fn answered(
        &mut self,
        sent_at: Instant,
        saved: Result<Vec<crate::model::EntryId>, RequestError>,
    ) {
        self.in_flight = self.in_flight.saturating_sub(1);
        match saved {
            Ok(ids) => {
                for id in ids {
                    println!("saved {id}");
                }
                self.stats.latency(sent_at.elapsed());
            }
            Err(error) => {
                self.stats.failed += 1;
                eprintln!("load: not saved: {error}");
            }
        }
    }
}

/// Synthetic traffic shaped like the district benchmark's, stamped with the real time.
struct Traffic {
    synthetic: Synthetic,
    key: crate::model::pii::PiiKey,
    prov: Provenance,
    fever_threshold: FeverThreshold,
    sent: u64,
}

impl Traffic {
    /// Sends the next save; its reply gives `Progress` the ids it committed.
    fn send_next(&mut self, worker: &GateStore<Progress>) {
        self.sent += 1;
        let sent_at = Instant::now();
        let at = Utc::now();
        let prov = self.prov.clone();
        let fever_threshold = self.fever_threshold;
        match self.synthetic.batch(1).pop() {
            Some(EntryRecordOwned::Vehicle(vehicle)) if self.sent.is_multiple_of(3) => {
                let passengers = (0..vehicle.details.passengers.min(3))
                    .filter_map(|_| match self.synthetic.batch(1).pop() {
                        Some(EntryRecordOwned::Person(person)) => {
                            Some(person.details.screened(fever_threshold))
                        }
                        _ => None,
                    })
                    .collect();
                let save = SaveVehicleWithPassengers {
                    vehicle: vehicle.details,
                    passengers,
                    prov,
                    at,
                };
                worker.ask(save, move |progress, saved| {
                    let ids = saved.map(|(vehicle, people)| {
                        std::iter::once(vehicle.entry_id)
                            .chain(people.iter().map(|person| person.entry_id))
                            .collect()
                    });
                    progress.answered(sent_at, ids);
                });
            }
            Some(EntryRecordOwned::Vehicle(vehicle)) => {
                let save = SaveVehicle {
                    entry: vehicle.details,
                    prov,
                    at,
                };
                worker.ask(save, move |progress, saved| {
                    progress.answered(sent_at, saved.map(|vehicle| vec![vehicle.entry_id]));
                });
            }
            Some(EntryRecordOwned::Person(person)) => {
                let mut entry = person.details;
                if self.sent.is_multiple_of(20) {
                    // A resident's pass instead of a health code.
                    let pass_id = format!("P{:010X}", self.sent);
                    entry.code_format = Some(CodeFormat::Pass);
                    entry.code = Some(Protected::new(
                        &self.key,
                        HashKind::CodePayload,
                        &format!("CKP1:{pass_id}"),
                        format!(
                            "{} {pass_id} {}",
                            crate::model::stored_words::PASS_LABEL,
                            mask_name("Li Si")
                        ),
                    ));
                }
                send_person(worker, entry, prov, at, fever_threshold, sent_at);
            }
            None => send_person(
                worker,
                Default::default(),
                prov,
                at,
                fever_threshold,
                sent_at,
            ),
        }
    }
}

fn send_person(
    worker: &GateStore<Progress>,
    entry: crate::model::NewPersonEntry,
    prov: Provenance,
    at: chrono::DateTime<Utc>,
    fever_threshold: FeverThreshold,
    sent_at: Instant,
) {
    let save = SavePerson {
        entry: entry.screened(fever_threshold),
        prov,
        at,
    };
    worker.ask(save, move |progress, saved| {
        progress.answered(sent_at, saved.map(|person| vec![person.entry_id]));
    });
}

/// Save latencies (send to committed reply) and failures.
struct Stats {
    latencies_us: Vec<u64>,
    failed: u64,
}

impl Stats {
    fn new() -> Self {
        Self {
            latencies_us: Vec::new(),
            failed: 0,
        }
    }

    fn latency(&mut self, elapsed: Duration) {
        self.latencies_us
            .push(u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX));
    }

    fn report(&self, started: Instant, stage: &str) {
        let mut sorted = self.latencies_us.clone();
        sorted.sort_unstable();
        let percentile = |p: usize| {
            sorted
                .get((sorted.len().saturating_sub(1)) * p / 100)
                .map_or(0.0, |us| *us as f64 / 1000.0)
        };
        eprintln!(
            "load: {stage} t={:.0}s saved={} failed={} p50={:.2}ms p99={:.2}ms max={:.2}ms rss={}KiB",
            started.elapsed().as_secs_f64(),
            sorted.len(),
            self.failed,
            percentile(50),
            percentile(99),
            sorted.last().map_or(0.0, |us| *us as f64 / 1000.0),
            resident_kib().unwrap_or(0)
        );
    }
}

/// The process's resident memory (Linux), for the soak figures.
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}
