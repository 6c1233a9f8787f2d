//! The store thread: requests answered in order, errors returned, open failures reported.

use crate::store_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use checkpoint_kiosk::app::store_requests::{
    GateStore as StoreWorker, ReplyPayload, StoreReply, StoreRequest,
};
use checkpoint_kiosk::model::HealthColour;
use checkpoint_kiosk::store::{LogFilter, StoreError};
use store_support::*;

fn wait_for(worker: &StoreWorker, count: usize) -> Vec<StoreReply> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut replies = Vec::new();
    while replies.len() < count && Instant::now() < deadline {
        replies.extend(worker.try_replies());
        std::thread::sleep(Duration::from_millis(5));
    }
    replies
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
    worker.send(StoreRequest::SavePerson {
        request_id: 1,
        entry: Box::new(screen(&scanned(HealthColour::Green, 36.5))),
        prov: prov("cp-1"),
        at: at(8, 0),
    });
    worker.send(StoreRequest::Entries {
        request_id: 2,
        filter: LogFilter::default(),
    });
    let unknown = checkpoint_kiosk::model::EntryId::new_random();
    worker.send(StoreRequest::Void {
        request_id: 3,
        entry_id: unknown,
        reason: "x".to_owned(),
        operator: "王*".to_owned(),
        at: at(8, 1),
    });

    let replies = wait_for(&worker, 3);
    let ids: Vec<u64> = replies.iter().map(|reply| reply.request_id).collect();
    assert_eq!(ids, [1, 2, 3]);
    let Ok(ReplyPayload::Person(saved)) = &replies[0].result else {
        panic!("saved person expected: {:?}", replies[0])
    };
    let Ok(ReplyPayload::Entries(rows)) = &replies[1].result else {
        panic!("log expected: {:?}", replies[1])
    };
    assert_eq!(rows[0].entry_id, saved.entry_id);
    assert_eq!(
        replies[2].result,
        Err(StoreError::EntryNotFound(unknown).into())
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
    for request_id in 0..20 {
        worker.send(StoreRequest::SavePerson {
            request_id,
            entry: Box::new(screen(&scanned(HealthColour::Green, 36.5))),
            prov: prov("cp-1"),
            at: at(8, 0),
        });
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
    worker.send(StoreRequest::SavePerson {
        request_id: 1,
        entry: Box::new(screen(&scanned(HealthColour::Red, 38.0))),
        prov: prov("cp-1"),
        at: at(8, 0),
    });
    let scope = checkpoint_kiosk::report::ReportScope::Range {
        from: at(0, 0),
        to: at(23, 0),
        checkpoint_id: None,
    };
    let tz = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8");
    worker.send(StoreRequest::ShiftReport {
        request_id: 2,
        scope: Box::new(scope.clone()),
        tz,
    });
    let out = folder.path().join("day.csv");
    worker.send(StoreRequest::Export {
        request_id: 3,
        scope: Box::new(scope),
        format: checkpoint_kiosk::report::ExportFormat::Csv,
        path: out.clone(),
        exported_by: "陈队长".to_owned(),
        at: at(9, 0),
        tz,
        hash_key_id: None,
        lang: checkpoint_kiosk::config::Language::ZhCn,
        checkpoint_name: None,
    });
    let replies = wait_for(&worker, 3);
    let Ok(ReplyPayload::ShiftReport(report)) = &replies[1].result else {
        panic!("report expected: {:?}", replies[1])
    };
    assert_eq!((report.totals.red, report.totals.fevers), (1, 1));
    assert_eq!(replies[2].result, Ok(ReplyPayload::Exported(1)));
    assert!(out.exists());
}
