//! The district's day report on the server equals the sum of the kiosks' local reports.

use std::collections::BTreeMap;

use checkpoint_kiosk::district::report::{DistrictReport, Figures, day_bounds};
use checkpoint_kiosk::model::LogFilter;
use checkpoint_kiosk::report::{ReportScope, ShiftReport, Totals};
use checkpoint_kiosk::store::Store;
use chrono::{Duration, FixedOffset, NaiveDate};

use crate::cli_support::{kiosk, stdout_of};
use crate::district::{DB, District, fill};

fn figures_of(totals: &Totals) -> Figures {
    Figures {
        entries: totals.persons() + totals.vehicles(),
        people: totals.persons(),
        people_in: totals.persons_in,
        people_out: totals.persons_out,
        vehicles: totals.vehicles(),
        vehicles_in: totals.vehicles_in,
        vehicles_out: totals.vehicles_out,
        fevers: totals.fevers,
        green: totals.green,
        yellow: totals.yellow,
        red: totals.red,
        colour_unknown: totals.colour_unknown,
        passed: totals.passed,
        denied: totals.denied,
        referred: totals.referred,
        diverted: totals.diverted,
        repeats: totals.repeats,
        voided: totals.voided,
    }
}

fn add(sum: &mut Figures, more: &Figures) {
    sum.entries += more.entries;
    sum.people += more.people;
    sum.people_in += more.people_in;
    sum.people_out += more.people_out;
    sum.vehicles += more.vehicles;
    sum.vehicles_in += more.vehicles_in;
    sum.vehicles_out += more.vehicles_out;
    sum.fevers += more.fevers;
    sum.green += more.green;
    sum.yellow += more.yellow;
    sum.red += more.red;
    sum.colour_unknown += more.colour_unknown;
    sum.passed += more.passed;
    sum.denied += more.denied;
    sum.referred += more.referred;
    sum.diverted += more.diverted;
    sum.repeats += more.repeats;
    sum.voided += more.voided;
}

/// Voids every 50th entry of the kiosk's log (as a leader correcting mistakes would).
fn void_some(store: &mut Store) {
    let filter = LogFilter {
        limit: 100_000,
        ..LogFilter::default()
    };
    let rows = store.entries(&filter).expect("log");
    for row in rows.iter().step_by(50) {
        store
            .void_entry(row.entry_id, "entered twice", "王队长", chrono::Utc::now())
            .expect("void");
    }
}

#[test]
fn the_district_report_equals_the_sum_of_the_kiosks_local_reports() {
    let Some(district) = District::start() else {
        return;
    };
    let tz = FixedOffset::east_opt(8 * 3600).expect("+08:00");
    let date = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    let (from, to) = day_bounds(date, tz).expect("bounds");
    let kiosks = [
        district.kiosk("kiosk_east", "cp-east"),
        district.kiosk("kiosk_west", "cp-west"),
    ];
    let mut expected_total = Figures::default();
    let mut expected_checkpoints = BTreeMap::new();
    let mut expected_hours: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (index, kiosk) in kiosks.iter().enumerate() {
        let mut store = kiosk.store();
        // Entries from 6 hours before the day to 18 hours into it: both edges are crossed.
        fill(
            &mut store,
            &kiosk.checkpoint_id,
            4_000 + 1_000 * index as u64,
            from - Duration::hours(6),
        );
        void_some(&mut store);
        kiosk.sync(&mut store);
        let scope = ReportScope::Range {
            from,
            to,
            checkpoint_id: None,
        };
        let local = ShiftReport::build(&store, &scope, tz).expect("local report");
        let figures = figures_of(&local.totals);
        add(&mut expected_total, &figures);
        expected_checkpoints.insert(kiosk.checkpoint_id.clone(), figures);
        for hour in &local.per_hour {
            let slot = expected_hours
                .entry(hour.hour_start.to_rfc3339())
                .or_default();
            slot.0 += hour.persons;
            slot.1 += hour.vehicles;
        }
    }
    assert!(expected_total.voided > 0 && expected_total.fevers > 0);

    let report = DistrictReport::build(&mut district.reader(), date, tz).expect("district report");
    assert_eq!(report.total, expected_total);
    let checkpoints: BTreeMap<String, Figures> = report
        .checkpoints
        .iter()
        .map(|line| (line.checkpoint_id.clone(), line.figures))
        .collect();
    assert_eq!(checkpoints, expected_checkpoints);
    let hours: BTreeMap<String, (u64, u64)> = report
        .hours
        .iter()
        .map(|hour| (hour.hour_start.to_rfc3339(), (hour.people, hour.vehicles)))
        .collect();
    assert_eq!(hours, expected_hours);

    // The command line gives the same JSON.
    let folder = tempfile::tempdir().expect("dir");
    let output = kiosk(
        folder.path(),
        &[
            "district",
            "report",
            "--postgres",
            &district.cluster.admin_url(DB),
            "--date",
            "2026-11-20",
            "--utc-offset",
            "+08:00",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&output)).expect("json");
    assert_eq!(json["date"], "2026-11-20");
    assert_eq!(json["total"]["entries"], expected_total.entries);
    assert_eq!(json["total"]["people"], expected_total.people);
    assert_eq!(json["checkpoints"][0]["checkpoint_id"], "cp-east");
    assert_eq!(
        json["checkpoints"][1]["entries"],
        expected_checkpoints["cp-west"].entries
    );
    assert_eq!(
        json["hours"].as_array().map(Vec::len),
        Some(expected_hours.len())
    );

    let xlsx = folder.path().join("day.xlsx");
    let csv = folder.path().join("day.csv");
    for (format, path) in [("xlsx", &xlsx), ("csv", &csv)] {
        stdout_of(&kiosk(
            folder.path(),
            &[
                "district",
                "report",
                "--postgres",
                &district.cluster.admin_url(DB),
                "--date",
                "2026-11-20",
                "--utc-offset",
                "+08:00",
                "--format",
                format,
                "--out",
                path.to_str().expect("utf-8"),
            ],
        ));
    }
    let csv_text = std::fs::read_to_string(&csv).expect("csv");
    assert!(
        csv_text.contains(&format!("合计,,,{}", expected_total.entries)),
        "Chinese by default: {csv_text}"
    );
    assert!(
        csv_text.contains("检查点编号,检查点,岗位,登记,人员"),
        "{csv_text}"
    );
    assert!(
        csv_text.contains("作废的登记不计入"),
        "says how voids count: {csv_text}"
    );
    use calamine::Reader as _;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("xlsx");
    let sheet = workbook.worksheet_range("全区日报").expect("sheet");
    assert_eq!(
        sheet.get((1, 0)).map(ToString::to_string).as_deref(),
        Some("检查点编号")
    );
    assert_eq!(
        sheet.get((4, 0)).map(ToString::to_string).as_deref(),
        Some("合计"),
        "title, header, two checkpoints, total"
    );
    assert_eq!(
        sheet.get((4, 3)).map(ToString::to_string),
        Some(expected_total.entries.to_string())
    );

    // English on request, and `--date today` is a date.
    let english = stdout_of(&kiosk(
        folder.path(),
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
            "csv",
            "--lang",
            "en",
        ],
    ));
    assert!(
        english.contains("Checkpoint ID,Checkpoint,Gates,Entries"),
        "{english}"
    );
    assert!(english.contains("Voided entries are left out"), "{english}");
}
