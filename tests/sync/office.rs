//! The district office's web pages (issue 27) against a real PostgreSQL and the real binary:
//! nothing without a session, login audited and locked after wrong passwords, Today's totals
//! equal the day report, the silent-gate alarm, the XLSX download read back.

use std::time::{Duration, Instant};

use calamine::Reader as _;
use checkpoint_kiosk::district::report::DistrictReport;

use crate::district::District;
use crate::office_support::{Office, VIEWER, add_viewer, cell, today, two_gates, tz};

#[test]
fn no_page_or_download_without_a_session_and_every_login_is_audited() {
    let Some(district) = District::start() else {
        return;
    };
    let folder = tempfile::tempdir().expect("dir");
    two_gates(&district, 60);
    add_viewer(&district, folder.path());
    let office = Office::start(&district, folder.path(), "5m");

    for path in [
        "/today",
        "/today/live",
        "/hours",
        "/exceptions",
        "/report",
        "/report.xlsx",
        "/assets/echarts.min.js",
    ] {
        let reply = office.get(path, None);
        assert_eq!(reply.status, 303, "{path} without a session");
        assert_eq!(reply.header("location"), Some("/login"), "{path}");
        assert!(!reply.text().contains("total-entries"), "{path}");
    }
    let forged = office.get("/today", Some("ck_office=00ff00ff"));
    assert_eq!(forged.status, 303, "a made-up token is no session");

    let login_page = office.get("/login", None);
    assert_eq!(login_page.status, 200);
    assert!(login_page.text().contains("登录"), "Chinese first");

    let wrong = office.log_in("not-the-password-at-all");
    assert_eq!(wrong.status, 401);
    assert!(wrong.header("set-cookie").is_none());
    assert!(wrong.text().contains("账号或密码不对"));

    let cookie = office.session();
    let set = office.log_in(crate::office_support::VIEWER_PASSWORD);
    let set_cookie = set.header("set-cookie").expect("cookie");
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"));
    let today_page = office.get("/today", Some(&cookie));
    assert_eq!(today_page.status, 200);
    assert_eq!(today_page.header("x-frame-options"), Some("DENY"));
    assert!(today_page.text().contains("/today/live"), "the page polls");

    let logged_out = office.post_form("/logout", Some(&cookie), "");
    assert_eq!(logged_out.status, 303);
    assert_eq!(
        office.get("/today", Some(&cookie)).status,
        303,
        "the session ended"
    );

    // Five wrong passwords lock the account: even the right one is refused then.
    for _ in 0..5 {
        assert_eq!(office.log_in("wrong-password-again").status, 401);
    }
    let locked = office.log_in(crate::office_support::VIEWER_PASSWORD);
    assert_eq!(locked.status, 429, "{}", locked.text());
    assert!(locked.text().contains("锁定"));

    let audit = |outcome: &str| {
        district.count(&format!(
            "SELECT count(*) FROM office_login WHERE viewer_name = '{VIEWER}' AND outcome = '{outcome}'"
        ))
    };
    assert_eq!(audit("ok"), 2);
    assert_eq!(audit("wrong_password"), 6);
    assert_eq!(audit("locked"), 1);
    assert_eq!(audit("logout"), 1);
}

#[test]
fn today_shows_the_day_reports_totals_every_gate_and_the_silent_one_in_red() {
    let Some(district) = District::start() else {
        return;
    };
    let folder = tempfile::tempdir().expect("dir");
    let gates = two_gates(&district, 300);
    add_viewer(&district, folder.path());
    let office = Office::start(&district, folder.path(), "3s");
    let cookie = office.session();
    for gate in &gates {
        gate.sync(&mut gate.store());
    }
    let report = DistrictReport::build(&mut district.reader(), today(), tz()).expect("report");
    assert!(report.total.entries > 600 && report.total.voided == 2);

    let live = office.get("/today/live", Some(&cookie)).text();
    for (id, expected) in [
        ("total-entries", report.total.entries),
        ("total-people_in", report.total.people_in),
        ("total-people_out", report.total.people_out),
        ("total-vehicles", report.total.vehicles),
        ("total-fevers", report.total.fevers),
        ("total-red", report.total.red),
        ("total-repeats", report.total.repeats),
        ("total-voided", report.total.voided),
    ] {
        assert_eq!(cell(&live, id), Some(expected), "{id}");
    }
    assert!(
        live.contains("东门 1号岗") && live.contains("西门 2号岗"),
        "{live}"
    );
    assert!(
        !live.contains("class=\"alarm\""),
        "both synced just now: {live}"
    );

    // East keeps syncing, west stops: after the threshold only west is red.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut east_store = gates[0].store();
    let live = loop {
        gates[0].sync(&mut east_store);
        let live = office.get("/today/live", Some(&cookie)).text();
        if live.contains("id=\"alarm-kiosk_west\"") {
            break live;
        }
        assert!(Instant::now() < deadline, "west never turned red: {live}");
        std::thread::sleep(Duration::from_millis(300));
    };
    assert!(
        live.contains("西门 2号岗") && live.contains("秒未同步"),
        "{live}"
    );
    assert!(
        !live.contains("id=\"alarm-kiosk_east\""),
        "east syncs: {live}"
    );
    assert!(live.contains("<tr id=\"gate-kiosk_west\" class=\"gate silent\">"));

    let english = office.get("/today/live?lang=en", Some(&cookie)).text();
    assert!(english.contains("no sync for"), "{english}");

    // The exceptions show masked values only.
    let exceptions = office.get("/exceptions", Some(&cookie)).text();
    assert!(exceptions.contains("id=\"exceptions\""), "{exceptions}");
    assert!(exceptions.contains("****"), "masked values: {exceptions}");
    let longest = exceptions
        .split(|c: char| !c.is_ascii_digit())
        .max_by_key(|run| run.len())
        .unwrap_or("");
    assert!(longest.len() < 11, "no full ID number or phone: {longest}");

    let hours = office
        .get(&format!("/hours?date={}", today()), Some(&cookie))
        .text();
    let people: u64 = (0..24)
        .filter_map(|slot| cell(&hours, &format!("hour-{slot}-people")))
        .sum();
    assert_eq!(people, report.total.people);

    // The day report's XLSX equals the report.
    let download = office.get(&format!("/report.xlsx?date={}", today()), Some(&cookie));
    assert_eq!(download.status, 200);
    assert!(
        download
            .header("content-disposition")
            .is_some_and(|value| value.contains(".xlsx"))
    );
    let path = folder.path().join("day.xlsx");
    std::fs::write(&path, &download.body).expect("save");
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("xlsx");
    let sheet = workbook.worksheet_range("全区日报").expect("sheet");
    let title = sheet
        .get((0, 0))
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        title.contains("幸福街道") && title.contains(&today().to_string()),
        "{title}"
    );
    let total_row = (0..sheet.height())
        .find(|row| sheet.get((*row, 0)).is_some_and(|cell| *cell == "合计"))
        .expect("a total row");
    let entries = sheet.get((total_row, 3)).map(ToString::to_string);
    assert_eq!(entries, Some(report.total.entries.to_string()));
    assert_eq!(
        sheet.get((2, 1)).map(ToString::to_string).as_deref(),
        Some("东门"),
        "named checkpoints"
    );
}
