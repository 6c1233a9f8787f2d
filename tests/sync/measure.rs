//! Measurements for the targets; not run by default (they take minutes and their figures
//! depend on the machine). Run with
//! `cargo test --test sync measure -- --ignored --nocapture`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use checkpoint_kiosk::district::report::DistrictReport;
use checkpoint_kiosk::model::HealthColour;
use checkpoint_kiosk::store::RepeatKey;
use checkpoint_kiosk::sync::SyncWorker;
use chrono::{FixedOffset, NaiveDate, Utc};

use crate::district::{District, fill};
use crate::store_support::*;

#[test]
#[ignore = "measurement: cargo test --test sync measure -- --ignored --nocapture"]
fn measure_push_rate_for_a_busy_districts_day() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let mut store = east.store();
    fill(&mut store, "cp-east", 30_000, at(0, 0));
    let started = Instant::now();
    let counts = east.sync(&mut store);
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(counts.pushed, 30_000);
    println!(
        "push: 30000 entries in {seconds:.2} s = {:.0} entries/s",
        30_000.0 / seconds
    );
}

#[test]
#[ignore = "measurement: cargo test --test sync measure -- --ignored --nocapture"]
fn measure_delay_from_a_save_at_one_gate_to_the_repeat_at_another() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    let mut east_settings = east.settings();
    east_settings.interval = Duration::from_secs(2);
    let mut west_settings = west.settings();
    west_settings.interval = Duration::from_secs(2);
    let _east_sync =
        SyncWorker::spawn(east.database(), None, east_settings, Arc::new(|| {})).expect("east");
    let _west_sync =
        SyncWorker::spawn(west.database(), None, west_settings, Arc::new(|| {})).expect("west");
    let mut east_store = east.store();
    let west_store = west.store();
    let mut delays = Vec::new();
    for round in 0..8u32 {
        // Each round a different person (another code payload), saved at a random phase.
        std::thread::sleep(Duration::from_millis(700 + 311 * u64::from(round)));
        let mut person = scanned(HealthColour::Green, 36.5);
        let key = key();
        person.code = Some(checkpoint_kiosk::model::pii::Protected::new(
            &key,
            checkpoint_kiosk::model::pii::HashKind::CodePayload,
            &format!("HC:ROUND:{round}"),
            "****".to_owned(),
        ));
        let code = RepeatKey::Code(person.code.clone().expect("code").hash);
        let saved_at = Instant::now();
        east_store
            .save_person(&screen(&person), &prov("cp-east"), Utc::now())
            .expect("save");
        let window = Utc::now() - chrono::Duration::minutes(30);
        while west_store
            .find_repeat(&code, window)
            .expect("look-up")
            .is_none()
        {
            assert!(
                saved_at.elapsed() < Duration::from_secs(30),
                "never arrived"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        delays.push(saved_at.elapsed().as_secs_f64());
    }
    delays.sort_by(f64::total_cmp);
    println!(
        "save→repeat at another gate, 2 s interval: median {:.2} s, max {:.2} s over {} saves",
        delays[delays.len() / 2],
        delays[delays.len() - 1],
        delays.len()
    );
}

#[test]
#[ignore = "measurement: cargo test --test sync measure -- --ignored --nocapture"]
fn measure_the_district_report_at_1_83_million_entries() {
    let Some(district) = District::start() else {
        return;
    };
    let started = Instant::now();
    // 1,834,541 entries over 90 days at 8 checkpoints, records shaped like real ones.
    district
        .admin()
        .batch_execute(
            "INSERT INTO entry (entry_uuid, checkpoint_id, pushed_by, gate, recorded_at, kind,
                direction, colour, decision, fever, is_repeat, code_hash, plate, record)
             SELECT gen_random_uuid(), 'cp-0' || (i % 8 + 1), 'kiosk_' || (i % 8 + 1), 'gate-1',
                timestamptz '2026-09-01 00:00+08' + i * interval '90 days' / 1834541,
                (i % 3 = 0)::int, i % 2, CASE WHEN i % 3 = 0 THEN 3 ELSE (i % 40 = 0)::int END,
                (i % 97 = 0)::int, i % 101 = 0, i % 13 = 0,
                CASE WHEN i % 3 <> 0 THEN sha256(i::text::bytea) END,
                CASE WHEN i % 3 = 0 THEN '粤B' || (i % 12000) END,
                jsonb_build_object('entry_id', gen_random_uuid(), 'gate', 'gate-1',
                    'operator', '志愿者01', 'direction', 'in', 'decision', 'pass',
                    'code_masked', '健康码 ****0014', 'name_masked', '王*',
                    'document_masked', '440524********002X', 'temperatures',
                    jsonb_build_array(jsonb_build_object('celsius', 36.5, 'method', 'forehead')))
             FROM generate_series(1, 1834541) AS i;
             INSERT INTO void (entry_uuid, checkpoint_id, reason, operator, voided_at)
             SELECT entry_uuid, checkpoint_id, 'twice', 'x', recorded_at FROM entry
             WHERE seq % 500 = 0;
             ANALYZE;",
        )
        .expect("server rows");
    println!(
        "generated 1,834,541 server rows in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    let tz = FixedOffset::east_opt(8 * 3600).expect("+08:00");
    let date = NaiveDate::from_ymd_opt(2026, 10, 15).expect("date");
    let mut reader = district.reader();
    let mut times = Vec::new();
    let mut entries = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let report = DistrictReport::build(&mut reader, date, tz).expect("report");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        entries = report.total.entries;
    }
    times.sort_by(f64::total_cmp);
    println!(
        "district day report at 1.83 M entries: median {:.0} ms, max {:.0} ms ({} entries that day)",
        times[2], times[4], entries
    );
}

/// Issue 24: west syncs beside an east that pushed 200 rows with a 2 MB gate and a 2 MB plate
/// and 150 rows dated `infinity`, in 9999 or with a short hash, through a server whose checks
/// were taken off (the worst a kiosk can meet). Prints west's peak memory, its database's growth
/// and what it refused.
#[test]
#[ignore = "measurement: cargo test --test sync measure -- --ignored --nocapture"]
fn measure_a_kiosk_beside_a_hostile_neighbour() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    crate::hostile::open_the_gates(&district);
    east.client()
        .batch_execute(
            "INSERT INTO entry (entry_uuid, checkpoint_id, gate, recorded_at, kind, direction,
                 colour, decision, fever, is_repeat, code_hash, plate, record)
             SELECT gen_random_uuid(), 'cp-east', repeat('门', 700000) || i, now(), 1, 0, 3, 0,
                 false, false, NULL, repeat('粤', 700000) || i, '{}'
             FROM generate_series(1, 200) AS i;
             INSERT INTO entry (entry_uuid, checkpoint_id, gate, recorded_at, kind, direction,
                 colour, decision, fever, is_repeat, code_hash, plate, record)
             SELECT gen_random_uuid(), 'cp-east', 'north',
                 CASE i % 3 WHEN 0 THEN 'infinity'::timestamptz
                            WHEN 1 THEN '9999-01-01'::timestamptz ELSE now() END,
                 0, 0, 0, 0, false, false,
                 CASE WHEN i % 3 = 2 THEN '\\x0102'::bytea ELSE sha256(i::text::bytea) END,
                 NULL, '{}'
             FROM generate_series(1, 150) AS i;",
        )
        .expect("hostile rows");
    fill(
        &mut west.store(),
        "cp-west",
        5_000,
        Utc::now() - chrono::Duration::hours(20),
    );
    let database = west.database();
    let size = |path: &std::path::Path| {
        ["", "-wal"]
            .iter()
            .map(|suffix| {
                std::fs::metadata(format!("{}{suffix}", path.display())).map_or(0, |m| m.len())
            })
            .sum::<u64>()
    };
    let before = size(&database);
    let started = Instant::now();
    // Reaped by `wait4` below, which also gives its peak memory.
    #[allow(clippy::zombie_processes)]
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_checkpoint-kiosk"))
        .arg("--data-dir")
        .arg(west.path())
        .args(["sync", "--once", "--json"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("sync starts");
    let pid = child.id() as libc::pid_t;
    let mut stdout = child.stdout.expect("stdout");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut text).expect("output");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; the pointers are to live locals.
    let waited = unsafe { libc::wait4(pid, &raw mut status, 0, &raw mut usage) };
    assert_eq!(waited, pid);
    let seconds = started.elapsed().as_secs_f64();
    let counts: serde_json::Value = serde_json::from_str(text.trim()).expect("json");
    let peak_mb = usage.ru_maxrss as f64 / 1024.0;
    println!(
        "beside a hostile neighbour: sync --once took {seconds:.1} s, peak RSS {peak_mb:.0} MB, \
         database {:.1} MB -> {:.1} MB, pushed {}, pulled {}, refused {}, exit status {status}",
        before as f64 / 1e6,
        size(&database) as f64 / 1e6,
        counts["pushed"],
        counts["pulled"],
        counts["rejected"]
    );
    assert_eq!(counts["pending"], 0);
    assert_eq!(counts["rejected"], 350);
    assert!(peak_mb < 300.0, "{peak_mb} MB");
}

#[test]
#[ignore = "measurement: cargo test --test sync measure -- --ignored --nocapture"]
fn measure_the_office_today_page_at_1_83_million_entries_and_100_viewers() {
    use crate::office_support::{Office, add_viewer, request};
    let Some(district) = District::start() else {
        return;
    };
    let started = Instant::now();
    // 1,834,541 entries over 90 days ending today at 50 gates, and each gate's last contact.
    district
        .admin()
        .batch_execute(
            "INSERT INTO kiosk (role_name, checkpoint_id)
             SELECT 'kiosk_' || g, 'cp-' || g FROM generate_series(1, 50) AS g;
             INSERT INTO kiosk_contact (role_name, checkpoint_id, checkpoint_name, gate, seen_at)
             SELECT 'kiosk_' || g, 'cp-' || g, '卡口' || g, '1号岗', now()
             FROM generate_series(1, 50) AS g;
             INSERT INTO shift (checkpoint_id, pushed_by, shift_id, leader, opened_at)
             SELECT 'cp-' || g, 'kiosk_' || g, 1, '王*', now() - interval '2 hours'
             FROM generate_series(1, 50) AS g;
             INSERT INTO entry (entry_uuid, checkpoint_id, pushed_by, gate, recorded_at, kind,
                direction, colour, decision, fever, is_repeat, code_hash, plate, record)
             SELECT gen_random_uuid(), 'cp-' || (i % 50 + 1), 'kiosk_' || (i % 50 + 1), '1号岗',
                now() - interval '90 days' + i * interval '90 days' / 1834541,
                (i % 3 = 0)::int, i % 2, CASE WHEN i % 3 = 0 THEN 3 ELSE (i % 40 = 0)::int END,
                (i % 97 = 0)::int, i % 101 = 0, i % 13 = 0,
                CASE WHEN i % 3 <> 0 THEN sha256(i::text::bytea) END,
                CASE WHEN i % 3 = 0 THEN '粤B' || (i % 12000) END,
                jsonb_build_object('entry_id', gen_random_uuid(), 'gate', '1号岗',
                    'operator', '志愿者01', 'direction', 'in', 'decision', 'pass',
                    'code_masked', '健康码 ****0014', 'name_masked', '王*',
                    'document_masked', '440524********002X', 'temperatures',
                    jsonb_build_array(jsonb_build_object('celsius', 36.5, 'method', 'forehead')))
             FROM generate_series(1, 1834541) AS i;
             INSERT INTO void (entry_uuid, checkpoint_id, reason, operator, voided_at)
             SELECT entry_uuid, checkpoint_id, 'twice', 'x', recorded_at FROM entry
             WHERE seq % 500 = 0;
             ANALYZE;",
        )
        .expect("server rows");
    println!(
        "generated 1,834,541 server rows at 50 gates in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    let folder = tempfile::tempdir().expect("dir");
    add_viewer(&district, folder.path());
    let office = Office::start(&district, folder.path(), "5m");
    let cookie = office.session();

    // The Today page's own work, uncached: one request each time the shared snapshot is older
    // than a second.
    let mut times = Vec::new();
    for _ in 0..7 {
        std::thread::sleep(Duration::from_millis(1_100));
        let started = Instant::now();
        let reply = office.get("/today", Some(&cookie));
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(reply.status, 200);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "Today page, fresh snapshot, 1.83 M entries, 50 gates: median {:.0} ms, max {:.0} ms",
        times[3], times[6]
    );

    // 100 viewers polling at once on loopback: 20 requests each, no pause.
    let address = Arc::new(office.address.clone());
    let cookie = Arc::new(cookie);
    let started = Instant::now();
    let viewers: Vec<_> = (0..100)
        .map(|viewer| {
            let (address, cookie) = (Arc::clone(&address), Arc::clone(&cookie));
            std::thread::Builder::new()
                .name(format!("viewer-{viewer}"))
                .spawn(move || {
                    (0..20)
                        .map(|_| {
                            let started = Instant::now();
                            let reply =
                                request(&address, "GET", "/today/live", Some(&cookie), None);
                            (reply.status, started.elapsed().as_secs_f64() * 1000.0)
                        })
                        .collect::<Vec<_>>()
                })
                .expect("viewer thread")
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for viewer in viewers {
        for (status, ms) in viewer.join().expect("viewer") {
            if status != 200 {
                errors += 1;
            }
            latencies.push(ms);
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q) as usize];
    println!(
        "100 viewers × 20 polls of /today/live: {} requests in {seconds:.1} s, {errors} errors, \
         p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
    assert_eq!(errors, 0);
}
