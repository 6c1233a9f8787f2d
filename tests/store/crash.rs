//! The crash test: `load` killed with SIGKILL at random moments, several times over one data
//! folder. Every entry it printed as saved must be in the database afterwards, and the file
//! must pass SQLite's full integrity check.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use checkpoint_kiosk::model::EntryId;
use checkpoint_kiosk::store::Store;
use checkpoint_kiosk::store::backup::check_file;
use rand::Rng;

const KILLS: usize = 6;

/// Starts `load`, kills it after a random delay, and returns the uuids it printed as saved.
fn run_and_kill(data: &std::path::Path, delay: Duration) -> Vec<EntryId> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_checkpoint-kiosk"))
        .arg("--data-dir")
        .arg(data)
        .args(["load", "--rate", "150", "--duration", "60"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("load starts");
    let stdout = child.stdout.take().expect("stdout piped");
    let reader = std::thread::Builder::new()
        .name("load-output".to_owned())
        .spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| {
                    line.strip_prefix("saved ")
                        .and_then(|id| uuid::Uuid::parse_str(id.trim()).ok())
                        .map(EntryId)
                })
                .collect::<Vec<_>>()
        })
        .expect("reader thread");
    let started = Instant::now();
    while started.elapsed() < delay {
        std::thread::sleep(Duration::from_millis(10));
        if child.try_wait().expect("status").is_some() {
            break;
        }
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    reader.join().expect("reader")
}

#[test]
fn load_killed_with_sigkill_at_random_moments_loses_no_entry_it_printed_as_saved() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = folder.path().join("data");
    let mut rng = rand::thread_rng();
    let mut printed = Vec::new();
    for _ in 0..KILLS {
        let delay = Duration::from_millis(rng.gen_range(400..2_500));
        printed.extend(run_and_kill(&data, delay));
    }
    assert!(
        printed.len() > 50,
        "load printed only {} saves: it did not run",
        printed.len()
    );
    let database = data.join("kiosk.sqlite3");
    let store = Store::open(&database).expect("opens after the kills");
    let missing: Vec<_> = printed
        .iter()
        .filter(|id| store.entry(**id).expect("read").is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} printed entries are missing, e.g. {:?}",
        missing.len(),
        printed.len(),
        missing.first()
    );
    drop(store);
    assert_eq!(
        check_file(&database, None).expect("checked"),
        Vec::<String>::new()
    );
    eprintln!(
        "crash test: {KILLS} SIGKILLs survived, all {} printed entries found, integrity ok",
        printed.len()
    );
}
