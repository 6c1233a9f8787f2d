//! Issue 10's table, report side: hostile import files (plain values in masked fields, huge
//! fields, absurd times, broken JSON quoting personal data, the same file twice at once) and
//! exports that could destroy the database, overwrite a file or leave a part behind.

use crate::cli_support::{kiosk, stderr_of, stdout_of};
use crate::store_support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use checkpoint_kiosk::model::LogFilter;
use checkpoint_kiosk::model::pii::{mask_document, mask_name, mask_phone};
use checkpoint_kiosk::model::{Decision, HealthColour};
use checkpoint_kiosk::report::{
    ExportFormat, ExportRequest, ReportError, ReportScope, export, import_file,
};
use checkpoint_kiosk::store::Store;
use chrono::FixedOffset;
use serde_json::Value;
use store_support::*;

const HC1_PAYLOAD: &str = "HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOOK.IR9B+9D-5KE$/J:5";

fn day() -> ReportScope {
    ReportScope::Range {
        from: at(0, 0),
        to: at(23, 0),
        checkpoint_id: None,
    }
}

fn request<'a>(scope: &'a ReportScope, format: ExportFormat, path: &'a Path) -> ExportRequest<'a> {
    ExportRequest {
        scope,
        format,
        path,
        exported_by: "leader",
        at: at(20, 0),
        tz: FixedOffset::east_opt(8 * 3600).expect("UTC+8"),
        hash_key_id: None,
        lang: checkpoint_kiosk::config::Language::ZhCn,
        checkpoint_name: None,
        pass_share: None,
        include_practice: false,
    }
}

/// A neighbouring kiosk's ordinary JSON export of three entries, as a JSON value to tamper with.
fn neighbour_export(folder: &Path) -> Value {
    let mut kiosk = Store::open_in_memory().expect("store");
    let here = prov("cp-east");
    kiosk
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &here,
            at(8, 0),
        )
        .expect("saved");
    kiosk
        .save_person(&screen(&registered()), &here, at(8, 30))
        .expect("saved");
    kiosk
        .save_vehicle(&car("粤B1C2D3", Decision::Pass), &here, at(9, 0))
        .expect("saved");
    let path = folder.join("east.json");
    let scope = day();
    export(&mut kiosk, &request(&scope, ExportFormat::Json, &path)).expect("exported");
    serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json")
}

fn write_json(folder: &Path, name: &str, value: &Value) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, serde_json::to_string(value).expect("json")).expect("written");
    path
}

fn person_record(file: &mut Value, index: usize) -> &mut serde_json::Map<String, Value> {
    file["entries"][index].as_object_mut().expect("record")
}

fn file_bytes_contain(path: &Path, needle: &str) -> bool {
    let mut found = false;
    for suffix in ["", "-wal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let bytes = std::fs::read(&name).unwrap_or_default();
        found |= bytes
            .windows(needle.len())
            .any(|window| window == needle.as_bytes());
    }
    found
}

#[test]
fn an_import_whose_masked_fields_hold_plain_values_stores_and_exports_them_masked() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut file = neighbour_export(folder.path());
    let registered = person_record(&mut file, 1);
    registered.insert("document_masked".into(), PLAIN_ID.into());
    registered.insert("phone_masked".into(), PLAIN_PHONE.into());
    registered.insert("name_masked".into(), PLAIN_NAME.into());
    registered.insert("code_masked".into(), HC1_PAYLOAD.into());
    let path = write_json(folder.path(), "hostile.json", &file);

    let database = folder.path().join("district.sqlite3");
    let mut district = Store::open(&database).expect("district");
    let summary = import_file(&mut district, &path, "ours", "cp-importer").expect("imported");
    assert_eq!(summary.added, 3);
    district.checkpointed_size_bytes().expect("checkpoint");

    let csv = folder.path().join("district.csv");
    let scope = day();
    export(&mut district, &request(&scope, ExportFormat::Csv, &csv)).expect("exported");
    let exported = std::fs::read_to_string(&csv).expect("csv");
    for plain in [PLAIN_ID, PLAIN_PHONE, PLAIN_NAME, "HC1:"] {
        assert!(!file_bytes_contain(&database, plain), "{plain} in SQLite");
        assert!(!exported.contains(plain), "{plain} in the export");
    }
    assert!(exported.contains(&mask_document(PLAIN_ID)));
    assert!(exported.contains(&mask_phone(PLAIN_PHONE)));
    assert!(exported.contains(&mask_name(PLAIN_NAME)));
}

#[test]
fn an_imported_field_of_100000_characters_is_refused_and_excel_exports_still_work() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut file = neighbour_export(folder.path());
    person_record(&mut file, 0).insert("note".into(), "长".repeat(100_000).into());
    let path = write_json(folder.path(), "long.json", &file);
    let mut district = Store::open_in_memory().expect("district");
    let summary = import_file(&mut district, &path, "ours", "cp-importer").expect("imported");
    assert_eq!((summary.added, summary.rejected.len()), (2, 1));
    let rejected = &summary.rejected[0];
    assert_eq!(rejected.position, 1);
    assert!(rejected.reason.contains("note"), "{}", rejected.reason);
    assert!(rejected.reason.contains("100000"), "{}", rejected.reason);
    let xlsx = folder.path().join("district.xlsx");
    let scope = day();
    let written = export(&mut district, &request(&scope, ExportFormat::Xlsx, &xlsx));
    assert_eq!(written.expect("excel written"), 2);
}

#[test]
fn imported_times_in_year_0000_or_9999_are_refused() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut file = neighbour_export(folder.path());
    person_record(&mut file, 0).insert("recorded_at".into(), "0000-01-01T00:00:00.000Z".into());
    person_record(&mut file, 1).insert("recorded_at".into(), "9999-12-31T23:59:59.000Z".into());
    let path = write_json(folder.path(), "times.json", &file);
    let mut district = Store::open_in_memory().expect("district");
    let summary = import_file(&mut district, &path, "ours", "cp-importer").expect("imported");
    assert_eq!((summary.added, summary.rejected.len()), (1, 2));
    assert!(summary.rejected[0].reason.contains("between"));
}

#[test]
fn import_errors_never_echo_the_file_content() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut file = neighbour_export(folder.path());
    // A wrong type holding an ID number: serde would quote it.
    person_record(&mut file, 1).insert("direction".into(), PLAIN_ID.into());
    let path = write_json(folder.path(), "typed.json", &file);
    let mut district = Store::open_in_memory().expect("district");
    let summary = import_file(&mut district, &path, "ours", "cp-importer").expect("read");
    assert_eq!(summary.rejected.len(), 1);
    let reason = &summary.rejected[0];
    assert!(!reason.reason.contains(PLAIN_ID) && !reason.reason_zh.contains(PLAIN_ID));

    // Broken JSON right after an ID number.
    let text = format!("{{\"schema\":\"checkpoint-kiosk.export/1\",\"x\":\"{PLAIN_ID}\" oops");
    let broken = folder.path().join("broken.json");
    std::fs::write(&broken, text).expect("written");
    let error = import_file(&mut district, &broken, "ours", "cp-importer").expect_err("refused");
    assert!(matches!(error, ReportError::NotAnExport { .. }), "{error}");
    assert!(!error.to_string().contains(PLAIN_ID), "{error}");
    assert!(!checkpoint_kiosk::text::Bilingual::zh(&error).contains(PLAIN_ID));
    let output = kiosk(
        &folder.path().join("data"),
        &["import", broken.to_str().expect("utf-8")],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !stderr_of(&output).contains(PLAIN_ID),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn an_import_file_cut_short_is_refused_before_anything_is_written() {
    let folder = tempfile::tempdir().expect("temp dir");
    let file = neighbour_export(folder.path());
    let text = serde_json::to_string(&file).expect("json");
    let cut = folder.path().join("cut.json");
    std::fs::write(&cut, &text[..text.len() * 2 / 3]).expect("written");
    let mut district = Store::open_in_memory().expect("district");
    let error = import_file(&mut district, &cut, "ours", "cp-importer").expect_err("refused");
    assert!(error.to_string().contains("ends too early"), "{error}");
    let log = district.entries(&LogFilter::default()).expect("log");
    assert!(log.is_empty(), "nothing imported from a damaged file");
}

#[test]
fn two_identical_imports_at_once_both_succeed_and_add_each_entry_once() {
    let folder = tempfile::tempdir().expect("temp dir");
    let file = neighbour_export(folder.path());
    let path = write_json(folder.path(), "east.json", &file);
    let database = folder.path().join("district.sqlite3");
    drop(Store::open(&database).expect("created"));
    let imports: Vec<_> = (0..8)
        .map(|number| {
            let (path, database) = (path.clone(), database.clone());
            let importer = std::thread::Builder::new().name(format!("import-{number}"));
            importer
                .spawn(move || {
                    let mut store = Store::open(&database).map_err(|e| e.to_string())?;
                    import_file(&mut store, &path, "ours", "cp-importer")
                        .map(|summary| summary.added)
                        .map_err(|e| e.to_string())
                })
                .expect("thread started")
        })
        .collect();
    let added: Vec<_> = imports
        .into_iter()
        .map(|import| import.join().expect("no panic"))
        .collect();
    let total: u64 = added
        .iter()
        .map(|one| *one.as_ref().expect("succeeded"))
        .sum();
    assert_eq!(total, 3, "{added:?}");
    let store = Store::open(&database).expect("open");
    let all = LogFilter {
        include_voided: true,
        ..LogFilter::default()
    };
    assert_eq!(store.entries(&all).expect("log").len(), 3);
}

#[test]
fn export_into_the_data_folder_is_refused_and_the_database_survives() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = folder.path().join("data");
    stdout_of(&kiosk(&data, &["backup"]));
    let database = data.join("kiosk.sqlite3");
    let before = std::fs::read(&database).expect("db");
    for target in [
        database.clone(),
        data.join("report.csv"),
        data.join("keys/x.csv"),
    ] {
        let output = kiosk(
            &data,
            &[
                "export",
                "--date",
                "2026-11-20",
                "--all-checkpoints",
                "--format",
                "csv",
                "--force",
                "--out",
                target.to_str().expect("utf-8"),
            ],
        );
        assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
        assert!(
            stderr_of(&output).contains("data folder"),
            "{}",
            stderr_of(&output)
        );
    }
    assert_eq!(std::fs::read(&database).expect("db"), before);
    // The library refuses the database's own files whatever the caller.
    let mut store = Store::open(&database).expect("store");
    let scope = day();
    let error = checkpoint_kiosk::report::export_replacing(
        &mut store,
        &request(&scope, ExportFormat::Csv, &database),
    )
    .expect_err("refused");
    assert!(
        matches!(error, ReportError::InsideDataFolder { .. }),
        "{error}"
    );
}

#[test]
fn export_never_overwrites_a_file_without_force_and_its_files_are_0600() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in_memory().expect("store");
    store
        .save_person(&screen(&registered()), &prov("cp-1"), at(8, 0))
        .expect("saved");
    let target = folder.path().join("report.csv");
    std::fs::write(&target, "precious").expect("existing");
    let scope = day();
    let error = export(&mut store, &request(&scope, ExportFormat::Csv, &target)).expect_err("kept");
    assert!(matches!(error, ReportError::TargetExists { .. }), "{error}");
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "precious");
    let fresh = folder.path().join("fresh.csv");
    export(&mut store, &request(&scope, ExportFormat::Csv, &fresh)).expect("written");
    assert_eq!(
        std::fs::metadata(&fresh)
            .expect("meta")
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    checkpoint_kiosk::report::export_replacing(
        &mut store,
        &request(&scope, ExportFormat::Csv, &target),
    )
    .expect("replaced when asked");
    assert_ne!(std::fs::read_to_string(&target).expect("read"), "precious");
}

#[test]
fn a_failed_rename_leaves_no_partial_file_beside_the_target() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in_memory().expect("store");
    store
        .save_person(&screen(&registered()), &prov("cp-1"), at(8, 0))
        .expect("saved");
    // The target is a folder that is not empty: the final rename fails.
    let target = folder.path().join("report.csv");
    std::fs::create_dir(&target).expect("folder");
    std::fs::write(target.join("inside"), "x").expect("inside");
    let scope = day();
    let result = checkpoint_kiosk::report::export_replacing(
        &mut store,
        &request(&scope, ExportFormat::Csv, &target),
    );
    assert!(result.is_err());
    let names: Vec<String> = std::fs::read_dir(folder.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["report.csv"], "nothing left behind");
}

#[test]
fn export_date_far_in_the_future_is_refused_without_a_panic() {
    let folder = tempfile::tempdir().expect("temp dir");
    let out = folder.path().join("far.csv");
    let output = kiosk(
        &folder.path().join("data"),
        &[
            "export",
            "--date",
            "+262142-12-31",
            "--format",
            "csv",
            "--all-checkpoints",
            "--out",
            out.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    assert!(
        !stderr_of(&output).contains("panicked"),
        "{}",
        stderr_of(&output)
    );
}
