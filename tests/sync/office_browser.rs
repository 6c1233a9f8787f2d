//! The district office in a real browser (issue 27): Debian's headless Chromium driven by
//! Selenium's Python client (`.ci/office_browser.py`), run by `bash .ci/office-test`. This test
//! sets the district up (two named gates with shifts open, a viewer, `district serve`), keeps
//! both kiosks syncing on a thread, and obeys the script through files in a control folder:
//! `add-east` saves and syncs new entries at the east gate, `stop-west` stops the west gate's
//! sync. Afterwards it reads the XLSX the browser downloaded.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use calamine::Reader as _;
use checkpoint_kiosk::district::report::{DistrictReport, day_bounds};

use crate::cli_support::{kiosk, stdout_of};
use crate::district::{DB, District, Kiosk, fill_between};
use crate::office_support::{Office, VIEWER, VIEWER_PASSWORD, add_viewer, today, two_gates, tz};

fn python() -> Option<PathBuf> {
    std::env::var_os("OFFICE_BROWSER_PYTHON").map(PathBuf::from)
}

/// Syncs both kiosks every 300 ms until told to stop; obeys `add-east` and `stop-west`.
fn keep_syncing(gates: Vec<Kiosk>, control: PathBuf, done: Arc<AtomicBool>) {
    let mut west_syncs = true;
    let mut stores: Vec<_> = gates.iter().map(Kiosk::store).collect();
    while !done.load(Ordering::SeqCst) {
        let add = control.join("add-east");
        if add.exists() {
            // Spread over today (local) so far, so all twelve count today and none is dated in
            // the future (the server refuses those).
            let (midnight, _) = day_bounds(today(), tz()).expect("bounds");
            let until = chrono::Utc::now() - chrono::Duration::minutes(1);
            let until = until.max(midnight + chrono::Duration::seconds(1));
            fill_between(&mut stores[0], &gates[0].checkpoint_id, 12, midnight, until);
            let _ = std::fs::remove_file(&add);
            let _ = std::fs::write(control.join("added-east"), "12");
        }
        if control.join("stop-west").exists() {
            west_syncs = false;
        }
        for (index, (gate, store)) in gates.iter().zip(stores.iter_mut()).enumerate() {
            if index == 1 && !west_syncs {
                continue;
            }
            gate.sync(store);
        }
        std::thread::sleep(Duration::from_millis(300));
    }
}

fn expected_json(district: &District, folder: &Path) -> String {
    stdout_of(&kiosk(
        folder,
        &[
            "district",
            "report",
            "--postgres",
            &district.cluster.admin_url(DB),
            "--date",
            "today",
            "--utc-offset",
            "+08:00",
            "--format",
            "json",
        ],
    ))
}

#[test]
#[ignore = "a real browser: bash .ci/office-test"]
fn the_office_in_a_real_browser() {
    let Some(python) = python() else {
        panic!("OFFICE_BROWSER_PYTHON is not set: run `bash .ci/office-test`");
    };
    let Some(district) = District::start() else {
        return;
    };
    let folder = tempfile::tempdir().expect("dir");
    let control = folder.path().join("control");
    let downloads = folder.path().join("downloads");
    std::fs::create_dir_all(&control).expect("control");
    std::fs::create_dir_all(&downloads).expect("downloads");
    let gates = two_gates(&district, 400);
    add_viewer(&district, folder.path());
    std::fs::write(
        control.join("expected.json"),
        expected_json(&district, folder.path()),
    )
    .expect("expected");
    let office = Office::start(&district, folder.path(), "6s");

    let done = Arc::new(AtomicBool::new(false));
    let syncing = {
        let (control, done) = (control.clone(), Arc::clone(&done));
        std::thread::Builder::new()
            .name("office-test-sync".to_owned())
            .spawn(move || keep_syncing(gates, control, done))
            .expect("sync thread")
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/office_browser.py");
    let started = Instant::now();
    let status = Command::new(&python)
        .arg(&script)
        .args([
            "--url",
            &office.url(),
            "--viewer",
            VIEWER,
            "--password",
            VIEWER_PASSWORD,
        ])
        .arg("--control")
        .arg(&control)
        .arg("--downloads")
        .arg(&downloads)
        .arg("--screenshot")
        .arg(
            std::env::var_os("OFFICE_SCREENSHOT")
                .map_or_else(|| folder.path().join("office-today.png"), PathBuf::from),
        )
        .status()
        .expect("run the browser script");
    done.store(true, Ordering::SeqCst);
    syncing.join().expect("sync thread");
    assert!(status.success(), "the browser script failed ({status})");
    println!("browser script: {:.1} s", started.elapsed().as_secs_f64());

    // The workbook the browser downloaded holds the figures the page showed at that moment.
    let xlsx = std::fs::read_dir(&downloads)
        .expect("downloads")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "xlsx"))
        .expect("a downloaded .xlsx");
    let shown: u64 = std::fs::read_to_string(control.join("downloaded-total"))
        .expect("the total the page showed")
        .trim()
        .parse()
        .expect("a number");
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("xlsx");
    let sheet = workbook.worksheet_range("全区日报").expect("sheet");
    let total_row = (0..sheet.height())
        .find(|row| sheet.get((*row, 0)).is_some_and(|cell| *cell == "合计"))
        .expect("a total row");
    assert_eq!(
        sheet.get((total_row, 3)).map(ToString::to_string),
        Some(shown.to_string()),
        "the workbook's entries equal the page's"
    );
    let report = DistrictReport::build(&mut district.reader(), today(), tz()).expect("report");
    assert_eq!(report.total.entries, shown, "and the district report's");
}
