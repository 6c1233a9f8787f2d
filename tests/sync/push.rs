//! Pushing: idempotence, resuming after SIGKILL, the server down and back, two kiosks at once,
//! retention purges.

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use checkpoint_kiosk::model::{Decision, HealthColour, Role};
use checkpoint_kiosk::sync::SyncWorker;
use chrono::Utc;

use crate::district::{District, fill};
use crate::store_support::*;

#[test]
fn syncing_twice_pushes_each_change_once_and_doubles_nothing() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let mut store = east.store();
    let person = store
        .save_person(&screen(&registered()), &prov("cp-east"), at(8, 0))
        .expect("person");
    store
        .save_vehicle(&car("粤B12345", Decision::Pass), &prov("cp-east"), at(8, 1))
        .expect("car");
    store
        .void_entry(person.entry_id, "wrong gate", "李*", at(8, 2))
        .expect("void");
    let leader = store
        .sign_in("王队长", Role::Leader, Some("1234"), at(7, 55))
        .expect("leader");
    let shift = store
        .open_shift(&leader, "cp-east", at(7, 56))
        .expect("shift");
    store
        .close_shift(shift.shift_id, "all quiet", at(9, 0))
        .expect("closed");

    let first = east.sync(&mut store);
    assert_eq!((first.pushed, first.pending), (5, 0), "{first:?}");
    let second = east.sync(&mut store);
    assert_eq!((second.pushed, second.pending), (0, 0), "{second:?}");

    // The acknowledgement lost (a crash after the server's commit): everything is sent again.
    let connection = rusqlite::Connection::open(east.database()).expect("sqlite");
    connection
        .execute_batch(
            "INSERT INTO sync_outbox (item, ref) SELECT 'entry', entry_key FROM entry;
             INSERT INTO sync_outbox (item, ref) SELECT 'void', entry_key FROM void;",
        )
        .expect("requeue");
    let third = east.sync(&mut store);
    assert_eq!(third.pushed, 3, "sent again: {third:?}");

    assert_eq!(district.count("SELECT count(*) FROM entry"), 2);
    assert_eq!(district.count("SELECT count(*) FROM void"), 1);
    assert_eq!(
        district.count("SELECT count(*) FROM shift WHERE closed_at IS NOT NULL"),
        1
    );
    let records: String = district
        .admin()
        .query_one("SELECT string_agg(record::text, ' ') FROM entry", &[])
        .expect("records")
        .get(0);
    for plain in [PLAIN_ID, PLAIN_PHONE, PLAIN_NAME, PLAIN_CODE] {
        assert!(!records.contains(plain), "{plain} crossed the network");
    }
    assert!(
        records.contains("138****5678"),
        "masked forms travel: {records}"
    );
}

#[test]
fn a_sync_killed_mid_push_resumes_without_loss_or_duplicates() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    const ENTRIES: i64 = 60_000;
    fill(&mut east.store(), "cp-east", ENTRIES as u64, at(0, 0));

    let mut child = Command::new(env!("CARGO_BIN_EXE_checkpoint-kiosk"))
        .arg("--data-dir")
        .arg(east.path())
        .args(["sync", "--once", "--json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sync starts");
    let mut admin = district.admin();
    let deadline = Instant::now() + Duration::from_mins(2);
    let mut on_server = 0;
    while on_server == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
        on_server = admin
            .query_one("SELECT count(*) FROM entry", &[])
            .expect("count")
            .get::<_, i64>(0);
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let at_kill: i64 = admin
        .query_one("SELECT count(*) FROM entry", &[])
        .expect("count")
        .get(0);
    assert!(
        at_kill > 0 && at_kill < ENTRIES,
        "killed mid-push: {at_kill} of {ENTRIES} on the server"
    );

    let output = crate::cli_support::kiosk(east.path(), &["sync", "--once", "--json"]);
    let counts: serde_json::Value =
        serde_json::from_str(crate::cli_support::stdout_of(&output).trim()).expect("json");
    assert_eq!(counts["pending"], 0, "{counts}");
    assert_eq!(
        admin
            .query_one("SELECT count(DISTINCT entry_uuid) FROM entry", &[])
            .expect("count")
            .get::<_, i64>(0),
        ENTRIES
    );
    assert_eq!(east.store().sync_pending().expect("pending"), 0);
}

#[test]
fn the_gate_saves_while_the_server_is_down_and_everything_arrives_when_it_is_back() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let worker = SyncWorker::spawn(east.database(), None, east.settings(), Arc::new(|| {}))
        .expect("sync thread");
    wait_for("the first sync", || worker.status().last_success.is_some());

    district.cluster.stop();
    let mut store = east.store();
    for minute in 0..20 {
        let started = Instant::now();
        store
            .save_person(
                &screen(&scanned(HealthColour::Green, 36.4)),
                &prov("cp-east"),
                Utc::now() - chrono::Duration::minutes(minute),
            )
            .expect("saved with the server down");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "a save waited {:?} on the server",
            started.elapsed()
        );
    }
    wait_for("the error shown", || {
        let status = worker.status();
        status
            .last_error
            .as_ref()
            .is_some_and(|(_, zh)| zh.contains("连不上区数据库"))
            && status.pending.is_some_and(|pending| pending >= 20)
    });

    district.cluster.restart();
    wait_for("everything pushed", || {
        let status = worker.status();
        status.pending == Some(0) && status.last_error.is_none()
    });
    assert_eq!(district.count("SELECT count(*) FROM entry"), 20);
}

#[test]
fn two_kiosks_syncing_at_the_same_time_lose_nothing() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    fill(&mut east.store(), "cp-east", 8_000, at(0, 0));
    fill(&mut west.store(), "cp-west", 6_000, at(0, 0));
    std::thread::scope(|scope| {
        for kiosk in [&east, &west] {
            scope.spawn(move || {
                let mut store = kiosk.store();
                let counts = kiosk.sync(&mut store);
                assert_eq!(counts.pending, 0, "{counts:?}");
            });
        }
    });
    assert_eq!(
        district.count("SELECT count(*) FROM entry WHERE checkpoint_id = 'cp-east'"),
        8_000
    );
    assert_eq!(
        district.count("SELECT count(*) FROM entry WHERE checkpoint_id = 'cp-west'"),
        6_000
    );
    // The push lock makes `seq` order commit order: no gaps a puller could skip.
    assert_eq!(
        district.count("SELECT max(seq) - min(seq) + 1 - count(*) FROM entry"),
        0
    );
}

#[test]
fn a_retention_purge_at_a_kiosk_deletes_its_rows_on_the_server() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let mut store = east.store();
    store
        .save_person(&screen(&registered()), &prov("cp-east"), at(8, 0))
        .expect("old");
    store
        .save_vehicle(
            &car("粤B12345", Decision::Pass),
            &prov("cp-east"),
            Utc::now(),
        )
        .expect("recent");
    east.sync(&mut store);
    assert_eq!(district.count("SELECT count(*) FROM entry"), 2);

    store
        .purge_older_than(Utc::now() - chrono::Duration::days(1))
        .expect("purge");
    let counts = east.sync(&mut store);
    assert_eq!(counts.pending, 0);
    assert_eq!(district.count("SELECT count(*) FROM entry"), 1);
    assert_eq!(district.count("SELECT count(*) FROM purge"), 1);
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_mins(1);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
