//! Export files read back: the JSON schema fields, the CSV byte-order mark, the Excel sheets
//! (through calamine), the HTML page, the export log, and masking in every format.

use crate::store_support;

use std::path::Path;

use calamine::{Reader, Xlsx, open_workbook};
use checkpoint_kiosk::config::Language;
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
            &screen(&scanned(HealthColour::Green, 36.5)),
            &cp1,
            at(8, 10),
        )
        .expect("saved");
    store
        .save_person(&screen(&registered()), &cp1, at(8, 20))
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
    export_in(store, format, path, Language::ZhCn)
}

fn export_in(store: &mut Store, format: ExportFormat, path: &Path, lang: Language) -> u64 {
    export_with(store, format, path, lang, false)
}

fn export_with(
    store: &mut Store,
    format: ExportFormat,
    path: &Path,
    lang: Language,
    include_practice: bool,
) -> u64 {
    let scope = day();
    let request = ExportRequest {
        scope: &scope,
        format,
        path,
        exported_by: "陈队长",
        at: at(17, 0),
        tz: FixedOffset::east_opt(8 * 3600).expect("UTC+8"),
        hash_key_id: None,
        lang,
        checkpoint_name: Some("幸福里东门"),
        pass_share: None,
        include_practice,
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
    let lines = table(&text);
    assert_eq!(lines[0].split(',').count(), CSV_COLUMNS.len());
    assert_eq!(lines.len(), 4);
    assert!(
        lines[1].contains("2026-11-20 16:10:00"),
        "local time: {}",
        lines[1]
    );
    assert_masked(&text, "CSV");
}

/// The CSV's table: the lines after the title and facts and the blank row that ends them.
fn table(text: &str) -> Vec<&str> {
    text.lines()
        .skip_while(|line| !line.is_empty())
        .skip(1)
        .collect()
}

/// The CSV's header and rows, without the byte-order mark, the title and the facts.
fn csv_lines(lang: Language) -> Vec<String> {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("day.csv");
    let mut store = filled_store();
    export_in(&mut store, ExportFormat::Csv, &path, lang);
    let bytes = std::fs::read(&path).expect("bytes");
    let text = String::from_utf8(bytes[CSV_BOM.len()..].to_vec()).expect("UTF-8");
    table(&text).into_iter().map(str::to_owned).collect()
}

#[test]
fn csv_headers_and_values_are_chinese_by_default() {
    let lines = csv_lines(Language::ZhCn);
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(
        &header[..8],
        [
            "记录编号",
            "检查点",
            "岗位",
            "登记人",
            "时间",
            "类别",
            "方向",
            "健康码"
        ]
    );
    assert!(header.contains(&"处置") && header.contains(&"发热"));
    let green = &lines[1];
    for word in ["人员", "进", "绿码", "放行", "否", "额温"] {
        assert!(
            green.split(',').any(|cell| cell.contains(word)),
            "{word} in {green}"
        );
    }
    let vehicle = &lines[3];
    assert!(
        vehicle.contains(",车辆,") && vehicle.contains(",分流,"),
        "{vehicle}"
    );
    let all = lines.join("\n");
    for english in [
        ",person,", ",pass,", ",green,", ",yes,", ",no,", "forehead", ",divert,", ",car,",
    ] {
        assert!(
            !all.contains(english),
            "English {english} in the Chinese CSV: {all}"
        );
    }
}

#[test]
fn csv_is_english_with_lang_en() {
    let lines = csv_lines(Language::En);
    assert!(
        lines[0].starts_with("Entry ID,Checkpoint,Gate,Operator,Time,Kind,Direction,Health code")
    );
    assert!(
        lines[1].contains(",Person,In,Green,") && lines[1].contains(",Pass,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[3].contains(",Vehicle,")
            && lines[3].contains(",Diverted,")
            && lines[3].contains(",Car,"),
        "{}",
        lines[3]
    );
    assert!(!lines.join("\n").contains("绿码"));
}

#[test]
fn excel_export_opens_with_a_summary_and_detail_sheets() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("day.xlsx");
    let mut store = filled_store();
    export_to(&mut store, ExportFormat::Xlsx, &path);
    let mut workbook: Xlsx<_> = open_workbook(&path).expect("opens");
    assert_eq!(workbook.sheet_names(), ["汇总", "人员", "车辆"]);
    let people = workbook.worksheet_range("人员").expect("people sheet");
    assert_eq!(people.get_size(), (3, CSV_COLUMNS.len()));
    let vehicles = workbook.worksheet_range("车辆").expect("vehicles sheet");
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
    assert!(all_cells.contains("人员进") && all_cells.contains("异常情况"));
    assert_masked(&all_cells, "Excel");
}

/// The sheets' names, and every cell of every sheet, tab-separated, row by row.
pub(crate) fn workbook_text(path: &Path) -> (Vec<String>, String) {
    let mut workbook: Xlsx<_> = open_workbook(path).expect("opens");
    let names = workbook.sheet_names();
    let mut text = String::new();
    for name in &names {
        let range = workbook.worksheet_range(name).expect("sheet");
        for row in range.rows() {
            for cell in row {
                text.push_str(&cell.to_string());
                text.push('\t');
            }
            text.push('\n');
        }
    }
    (names, text)
}

#[test]
fn every_excel_sheet_speaks_chinese_by_default_and_english_with_lang_en() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut store = filled_store();
    let chinese = folder.path().join("zh.xlsx");
    export_in(&mut store, ExportFormat::Xlsx, &chinese, Language::ZhCn);
    let (names, text) = workbook_text(&chinese);
    assert_eq!(names, ["汇总", "人员", "车辆"]);
    let people_header = text
        .lines()
        .find(|line| line.starts_with("记录编号"))
        .expect("people header");
    assert!(people_header.contains("健康码\t") && people_header.contains("处置\t"));
    for word in [
        "检查点报表：幸福里东门",
        "2026-11-20 08:00 至 2026-11-21 07:59",
        "\t人员\t进\t绿码\t",
        "\t放行\t",
        "\t分流\t",
        "额温",
    ] {
        assert!(
            text.contains(word),
            "{word} missing from the Chinese workbook"
        );
    }
    for english in [
        "\tperson\t",
        "\tpass\t",
        "\tgreen\t",
        "People in",
        "2026-11-20T",
    ] {
        assert!(!text.contains(english), "{english} in the Chinese workbook");
    }
    let english = folder.path().join("en.xlsx");
    export_in(&mut store, ExportFormat::Xlsx, &english, Language::En);
    let (names, text) = workbook_text(&english);
    assert_eq!(names, ["Summary", "People", "Vehicles"]);
    for word in [
        "Checkpoint report",
        "People in",
        "\tPerson\tIn\tGreen\t",
        "Entry ID\t",
    ] {
        assert!(
            text.contains(word),
            "{word} missing from the English workbook"
        );
    }
    assert!(!text.contains("绿码"));
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
fn the_printed_page_is_titled_by_the_checkpoint_name_in_local_time_with_24_hour_slots() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("day.html");
    let mut store = filled_store();
    export_to(&mut store, ExportFormat::Html, &path);
    let page = std::fs::read_to_string(&path).expect("text");
    let title = page
        .split("<h1>")
        .nth(1)
        .and_then(|rest| rest.split("</h1>").next())
        .expect("title");
    assert_eq!(
        title,
        "检查点报表：幸福里东门 2026-11-20 08:00 至 2026-11-21 07:59"
    );
    assert!(page.contains("<html lang=\"zh-CN\">"));
    assert!(
        !page.contains("cp-1 ") && !page.contains("2026-11-20T"),
        "no id, no UTC"
    );
    let svg = page.split("<svg").nth(1).expect("chart");
    assert_eq!(
        svg.matches("<rect").count(),
        48,
        "24 hours, people and vehicles"
    );
    for hour in 0..24 {
        assert!(
            svg.contains(&format!(">{hour}</text>")),
            "hour {hour} on the axis"
        );
    }
    for word in [
        "<td>人员</td><td>进</td><td>绿码</td>",
        "<td>分流</td>",
        "发热",
    ] {
        assert!(page.contains(word), "{word}");
    }
    for english in [
        "<td>person</td>",
        "<td>pass</td>",
        "People in",
        "fever, refer",
    ] {
        assert!(!page.contains(english), "{english} on the Chinese page");
    }
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

/// Issue 22: practice (demo feed, training pictures) is left out of exports unless the leader
/// asks; then each practice row says so, and a neighbour importing the JSON keeps it practice.
#[test]
fn practice_is_exported_only_when_asked_and_then_marked_on_every_row() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut store = filled_store();
    let mut practice = scanned(HealthColour::Green, 36.6);
    practice.practice = true;
    store
        .save_person(&screen(&practice), &prov("cp-1"), at(10, 0))
        .expect("saved");

    let plain = folder.path().join("plain.csv");
    assert_eq!(export_to(&mut store, ExportFormat::Csv, &plain), 3);
    let text = std::fs::read_to_string(&plain).expect("csv");
    assert!(!text.contains("练习"), "practice is left out: {text}");

    let asked = folder.path().join("with-practice.csv");
    let written = export_with(&mut store, ExportFormat::Csv, &asked, Language::ZhCn, true);
    assert_eq!(written, 4, "the practice person too");
    let text = std::fs::read_to_string(&asked).expect("csv");
    let marked: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("演示/练习画面，非真人"))
        .collect();
    assert_eq!(
        marked.len(),
        1,
        "exactly the practice row is marked: {text}"
    );
    assert!(marked[0].contains("10:00") || marked[0].contains("18:00"));

    let json = folder.path().join("with-practice.json");
    export_with(&mut store, ExportFormat::Json, &json, Language::ZhCn, true);
    let file = read_export(&json).expect("read back");
    let flags: Vec<bool> = file.entries.iter().map(|record| record.practice).collect();
    assert_eq!(flags.iter().filter(|practice| **practice).count(), 1);
    let mut neighbour = Store::open_in_memory().expect("store");
    checkpoint_kiosk::report::import_file(&mut neighbour, &json, "no-shared-key", "cp-9")
        .expect("imported");
    let counters = neighbour.counters(at(0, 0)).expect("counters");
    assert_eq!(
        (counters.practice, counters.vehicles),
        (1, 1),
        "the neighbour counts the practice person as practice, never as a person"
    );
}
