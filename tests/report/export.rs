//! Export files read back: the JSON schema fields, the CSV byte-order mark, the Excel sheets
//! (through calamine), the HTML page, the export log, and masking in every format.

use crate::store_support;

use std::path::Path;

use calamine::{Reader, Xlsx, open_workbook};
use checkpoint_kiosk::model::{Decision, HealthColour};
use checkpoint_kiosk::report::{
    CSV_BOM, CSV_COLUMNS, ExportFormat, ExportRequest, ReportScope, SCHEMA, export, read_export,
};
use checkpoint_kiosk::store::Store;
use chrono::FixedOffset;
use store_support::*;

fn filled_store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    let cp1 = prov("cp-1");
    store
        .save_person(
            &scanned(HealthColour::Green, 36.5),
            &cp1,
            at(8, 10),
            FEVER_LINE,
        )
        .expect("saved");
    store
        .save_person(&registered(), &cp1, at(8, 20), FEVER_LINE)
        .expect("saved");
    store
        .save_vehicle(&car("粤B1C2D3", Decision::Divert), &cp1, at(9, 30))
        .expect("saved");
    store
}

fn day() -> ReportScope {
    ReportScope::Range {
        from: at(0, 0),
        to: at(23, 59),
        checkpoint_id: Some("cp-1".to_owned()),
    }
}

fn export_to(store: &mut Store, format: ExportFormat, path: &Path) -> u64 {
    let scope = day();
    let request = ExportRequest {
        scope: &scope,
        format,
        path,
        exported_by: "陈队长",
        at: at(17, 0),
        tz: FixedOffset::east_opt(8 * 3600).expect("UTC+8"),
        hash_key_id: None,
    };
    export(store, &request).expect("exported")
}

/// Plain personal values that must never leave the kiosk, and the keyed hashes that stay on it.
fn secrets() -> Vec<String> {
    let person = registered();
    let mut secrets: Vec<String> = [PLAIN_ID, PLAIN_PHONE, PLAIN_NAME, PLAIN_CODE]
        .map(str::to_owned)
        .to_vec();
    secrets.extend(
        [person.document, person.phone, person.name]
            .into_iter()
            .flatten()
            .map(|p| p.hash.as_str().to_owned()),
    );
    secrets
}

fn assert_masked(text: &str, format: &str) {
    for secret in secrets() {
        assert!(!text.contains(&secret), "{format} export leaks {secret}");
    }
    assert!(
        text.contains("110105********002X") && text.contains("138****5678"),
        "{format} export shows the masked forms"
    );
}

#[test]
fn json_export_follows_the_documented_schema() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("day.json");
    let mut store = filled_store();
    assert_eq!(export_to(&mut store, ExportFormat::Json, &path), 3);
    let file = read_export(&path).expect("read back");
    assert_eq!(file.metadata.schema, SCHEMA);
    assert_eq!(file.metadata.exported_by, "陈队长");
    assert_eq!(file.metadata.checkpoint_id.as_deref(), Some("cp-1"));
    assert!(file.metadata.personal_data.starts_with("masked"));
    assert_eq!((file.entry_count, file.entries.len()), (3, 3));
    let raw: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("text")).expect("json");
    let first = &raw["entries"][0];
    for field in [
        "entry_id",
        "checkpoint_id",
        "gate",
        "operator",
        "recorded_at",
        "kind",
        "direction",
        "decision",
        "colour",
        "temperatures",
    ] {
        assert!(first.get(field).is_some(), "record field {field}");
    }
    assert_eq!(first["kind"], "person");
    assert_eq!(raw["entries"][2]["plate"], "粤B1C2D3");
    assert_eq!(first["recorded_at"], "2026-11-20T08:10:00.000Z");
    assert_masked(&raw.to_string(), "JSON");
}

#[test]
fn csv_export_starts_with_a_bom_and_has_one_row_per_entry() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("day.csv");
    let mut store = filled_store();
    export_to(&mut store, ExportFormat::Csv, &path);
    let bytes = std::fs::read(&path).expect("bytes");
    assert!(bytes.starts_with(CSV_BOM));
    let text = String::from_utf8(bytes[CSV_BOM.len()..].to_vec()).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], CSV_COLUMNS.join(","));
    assert_eq!(lines.len(), 4);
    assert!(
        lines[1].contains("2026-11-20 16:10:00"),
        "local time: {}",
        lines[1]
    );
    assert_masked(&text, "CSV");
}

#[test]
fn excel_export_opens_with_a_summary_and_detail_sheets() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("day.xlsx");
    let mut store = filled_store();
    export_to(&mut store, ExportFormat::Xlsx, &path);
    let mut workbook: Xlsx<_> = open_workbook(&path).expect("opens");
    assert_eq!(workbook.sheet_names(), ["Summary", "People", "Vehicles"]);
    let people = workbook.worksheet_range("People").expect("people sheet");
    assert_eq!(people.get_size(), (3, CSV_COLUMNS.len()));
    let vehicles = workbook
        .worksheet_range("Vehicles")
        .expect("vehicles sheet");
    assert_eq!(vehicles.get_size().0, 2);
    let mut all_cells = String::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).expect("sheet");
        for row in range.rows() {
            for cell in row {
                all_cells.push_str(&cell.to_string());
                all_cells.push('\t');
            }
        }
    }
    assert!(all_cells.contains("People in") && all_cells.contains("Exceptions"));
    assert_masked(&all_cells, "Excel");
}

#[test]
fn html_export_is_a_self_contained_printable_page() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("day.html");
    let mut store = filled_store();
    export_to(&mut store, ExportFormat::Html, &path);
    let page = std::fs::read_to_string(&path).expect("text");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("@media print"));
    assert!(
        !page.contains("<script") && !page.contains("src=") && !page.contains("href="),
        "no external parts"
    );
    assert!(
        page.contains("class=\"fever\""),
        "the fever row is highlighted"
    );
    assert_masked(&page, "HTML");
}

#[test]
fn every_export_is_recorded_with_who_and_when() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut store = filled_store();
    export_to(&mut store, ExportFormat::Csv, &folder.path().join("a.csv"));
    export_to(
        &mut store,
        ExportFormat::Json,
        &folder.path().join("b.json"),
    );
    let log = store.exports(10).expect("export log");
    let lines: Vec<(&str, &str, &str, u64)> = log
        .iter()
        .map(|line| {
            (
                line.operator.as_str(),
                line.format.as_str(),
                line.file_name.as_str(),
                line.entries,
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("陈队长", "json", "b.json", 3),
            ("陈队长", "csv", "a.csv", 3)
        ]
    );
    assert_eq!(log[0].at, at(17, 0));
}
