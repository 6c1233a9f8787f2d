//! The store thread: requests answered in order, errors returned, open failures reported.

use crate::store_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use checkpoint_kiosk::app::store_requests::{
    BuildShiftReport, Entries, Export, GateStore, RequestError, SavePerson, Void,
};
use checkpoint_kiosk::model::{HealthColour, PersonEntry};
use checkpoint_kiosk::model::{LogFilter, LogRow};
use checkpoint_kiosk::report::ShiftReport;
use checkpoint_kiosk::store::StoreError;
use store_support::*;

/// What the replies brought, in the order they came (each request's own result type).
#[derive(Default)]
struct Answers {
    order: Vec<u64>,
    saved: Option<Result<PersonEntry, RequestError>>,
    rows: Option<Result<Vec<LogRow>, RequestError>>,
    voided: Option<Result<(), RequestError>>,
    report: Option<Result<ShiftReport, RequestError>>,
    exported: Option<Result<u64, RequestError>>,
}

type StoreWorker = GateStore<Answers>;

fn wait_for(worker: &StoreWorker, count: usize) -> Answers {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut answers = Answers::default();
    while answers.order.len() < count && Instant::now() < deadline {
        for reply in worker.try_replies() {
            reply(&mut answers);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    answers
}

fn save(colour: HealthColour, temperature: f32) -> SavePerson {
    SavePerson {
        entry: screen(&scanned(colour, temperature)),
        prov: prov("cp-1"),
        at: at(8, 0),
    }
}

fn saved(answers: &mut Answers, result: Result<PersonEntry, RequestError>) {
    answers.order.push(1);
    answers.saved = Some(result);
}

#[test]
fn saves_and_queries_come_back_in_order_and_wake_the_ui() {
    let folder = tempfile::tempdir().expect("temp dir");
    let wakes = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&wakes);
    let worker = StoreWorker::spawn(
        folder.path().join("kiosk.sqlite"),
        None,
        Arc::new(move || {
            counter.fetch_add(1, Ordering::SeqCst);
        }),
    )
    .expect("spawned");
    worker.ask(save(HealthColour::Green, 36.5), saved);
    worker.ask(
        Entries {
            filter: LogFilter::default(),
        },
        |answers, rows| {
            answers.order.push(2);
            answers.rows = Some(rows);
        },
    );
    let unknown = checkpoint_kiosk::model::EntryId::new_random();
    let void = Void {
        entry_id: unknown,
        reason: "x".to_owned(),
        operator: "王*".to_owned(),
        at: at(8, 1),
    };
    worker.ask(void, |answers, voided| {
        answers.order.push(3);
        answers.voided = Some(voided);
    });

    let answers = wait_for(&worker, 3);
    assert_eq!(answers.order, [1, 2, 3]);
    let Some(Ok(saved)) = &answers.saved else {
        panic!("saved person expected: {:?}", answers.saved)
    };
    let Some(Ok(rows)) = &answers.rows else {
        panic!("log expected: {:?}", answers.rows)
    };
    assert_eq!(rows[0].entry_id, saved.entry_id);
    assert_eq!(
        answers.voided,
        Some(Err(StoreError::EntryNotFound(unknown).into()))
    );
    assert!(wakes.load(Ordering::SeqCst) >= 3);
}

#[test]
fn an_open_failure_is_returned_by_spawn() {
    let folder = tempfile::tempdir().expect("temp dir");
    let not_a_folder = folder.path().join("file");
    std::fs::write(&not_a_folder, b"x").expect("file");
    let result = StoreWorker::spawn(not_a_folder.join("kiosk.sqlite"), None, Arc::new(|| {}));
    assert!(matches!(result, Err(StoreError::CannotOpen { .. })));
}

#[test]
fn saves_queued_before_the_worker_is_dropped_are_committed() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("kiosk.sqlite");
    let worker = StoreWorker::spawn(path.clone(), None, Arc::new(|| {})).expect("spawned");
    for _ in 0..20 {
        worker.ask(save(HealthColour::Green, 36.5), saved);
    }
    drop(worker);
    let store = checkpoint_kiosk::store::Store::open(&path).expect("reopened");
    let saved = store.entries(&LogFilter::default()).expect("log").len();
    assert_eq!(saved, 20);
}

#[test]
fn reports_and_exports_run_on_the_store_thread() {
    let folder = tempfile::tempdir().expect("temp dir");
    let worker = StoreWorker::spawn(folder.path().join("kiosk.sqlite"), None, Arc::new(|| {}))
        .expect("spawned");
    worker.ask(save(HealthColour::Red, 38.0), saved);
    let scope = checkpoint_kiosk::report::ReportScope::Range {
        from: at(0, 0),
        to: at(23, 0),
        checkpoint_id: None,
    };
    let tz = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8");
    let build = BuildShiftReport {
        scope: scope.clone(),
        tz,
    };
    worker.ask(build, |answers, report| {
        answers.order.push(2);
        answers.report = Some(report);
    });
    let out = folder.path().join("day.csv");
    let export = Export {
        scope,
        format: checkpoint_kiosk::report::ExportFormat::Csv,
        path: out.clone(),
        exported_by: "陈队长".to_owned(),
        at: at(9, 0),
        tz,
        hash_key_id: None,
        lang: checkpoint_kiosk::config::Language::ZhCn,
        checkpoint_name: None,
        passes_for_neighbours: None,
        include_practice: false,
    };
    worker.ask(export, |answers, exported| {
        answers.order.push(3);
        answers.exported = Some(exported);
    });
    let answers = wait_for(&worker, 3);
    let Some(Ok(report)) = &answers.report else {
        panic!("report expected: {:?}", answers.report)
    };
    assert_eq!((report.totals.red, report.totals.fevers), (1, 1));
    assert_eq!(answers.exported, Some(Ok(1)));
    assert!(out.exists());
}

/// Keeps the store thread busy until the test lets it go.
struct Hold(std::sync::mpsc::Receiver<()>);

impl checkpoint_kiosk::app::store_requests::StoreOperation for Hold {
    type Output = ();
    fn run(self, _store: &mut checkpoint_kiosk::store::Store) -> Result<(), RequestError> {
        let _ = self.0.recv();
        Ok(())
    }
}

#[test]
fn a_full_queue_answers_the_asker_with_busy_at_once() {
    let folder = tempfile::tempdir().expect("temp dir");
    let worker: GateStore<Vec<Result<(), RequestError>>> =
        GateStore::spawn(folder.path().join("kiosk.sqlite"), None, Arc::new(|| {}))
            .expect("spawned");
    let (release, held) = std::sync::mpsc::sync_channel(1);
    let record = |answers: &mut Vec<Result<(), RequestError>>, result| answers.push(result);
    worker.ask(Hold(held), record);
    // The thread may not have taken the first job off the queue yet: one more than the queue
    // holds is sure to be refused.
    let mut refused = Vec::new();
    for _ in 0..=64 {
        let (_, never) = std::sync::mpsc::sync_channel(1);
        worker.ask(Hold(never), record);
        for reply in worker.try_replies() {
            reply(&mut refused);
        }
    }
    assert_eq!(refused.first(), Some(&Err(StoreError::Busy.into())));
    let _ = release.send(());
}
