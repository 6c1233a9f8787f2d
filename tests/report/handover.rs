//! The hand-over export (issue 20 item 9, issue 22 item 6): a closed shift exported in every
//! format from a real SQLite file, each file read back. Every format names the checkpoint, the
//! shift, its leader and the handover note; the 检查点 column shows the name; Excel's numbers
//! and times are typed; a repeat says when and where the earlier entry was; the Chinese files
//! hold no English word and the English files no Chinese one beyond what people typed.

use crate::store_support;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use checkpoint_kiosk::config::Language;
use checkpoint_kiosk::model::entry::Provenance;
use checkpoint_kiosk::model::{Decision, HealthColour, Role, Shift};
use checkpoint_kiosk::report::{
    CSV_BOM, CSV_COLUMNS, ExportFormat, ExportRequest, ReportScope, export, import_file,
    read_export,
};
use checkpoint_kiosk::store::Store;
use chrono::{FixedOffset, NaiveDate};
use store_support::*;

const NAME: &str = "幸福里东门";
const LEADER: &str = "陈班长";
const NOTE: &str = "东侧栏杆松动已报修，夜班请留意3号楼方向";

fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8")
}

fn gate(checkpoint_id: &str, gate: &str) -> Provenance {
    Provenance {
        checkpoint_id: checkpoint_id.to_owned(),
        gate: gate.to_owned(),
        operator: "李*".to_owned(),
        shift_id: None,
    }
}

/// A closed shift at cp-1 in a database file: a green person at 08:10 and her repeat at 10:00,
/// a neighbour's entry (cp-2, 08:30, outside the shift's checkpoint) and its repeat here at
/// 09:00, a fever at 37.3, a truck with no origin, a car from 深圳市 diverted, a person read from
/// the demo pictures: 7 entries in the shift, 8 in the day. Times are UTC; the report's are
/// Beijing time (+8).
fn handover(folder: &Path) -> (Store, Shift) {
    let mut store = Store::open(&folder.join("kiosk.sqlite3")).expect("store");
    let leader = store
        .sign_in(LEADER, Role::Leader, Some("2468"), at(7, 55))
        .expect("leader");
    let shift = store.open_shift(&leader, "cp-1", at(8, 0)).expect("shift");
    let here = gate("cp-1", "1号岗");
    let first = store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &here,
            at(8, 10),
        )
        .expect("first");
    let theirs = store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.4)),
            &gate("cp-2", "2号岗"),
            at(8, 30),
        )
        .expect("neighbour's");
    let mut again_from_there = scanned(HealthColour::Green, 36.6);
    again_from_there.repeat_of = Some(theirs.entry_id);
    store
        .save_person(&screen(&again_from_there), &here, at(9, 0))
        .expect("repeat of the neighbour's");
    let mut fever = scanned(HealthColour::Green, 37.3);
    fever.decision = Decision::Refer;
    store
        .save_person(&screen(&fever), &here, at(9, 10))
        .expect("fever");
    let mut truck = car("京A12345", Decision::Pass);
    truck.vehicle_type = "truck".to_owned();
    truck.origin = None;
    store.save_vehicle(&truck, &here, at(9, 20)).expect("truck");
    let mut from_shenzhen = car("粤B1C2D3", Decision::Divert);
    from_shenzhen.origin = Some("深圳市".to_owned());
    store
        .save_vehicle(&from_shenzhen, &here, at(9, 30))
        .expect("car");
    let mut demo = scanned(HealthColour::Yellow, 36.5);
    demo.decision = Decision::Refer;
    demo.note = Some("demo feed".to_owned());
    store
        .save_person(&screen(&demo), &here, at(9, 40))
        .expect("demo");
    let mut repeat = scanned(HealthColour::Green, 36.7);
    repeat.repeat_of = Some(first.entry_id);
    store
        .save_person(&screen(&repeat), &here, at(10, 0))
        .expect("repeat");
    let shift = store
        .close_shift(shift.shift_id, NOTE, at(16, 0))
        .expect("closed");
    (store, shift)
}

fn export_shift(
    store: &mut Store,
    shift: &Shift,
    format: ExportFormat,
    path: &Path,
    lang: Language,
) {
    let scope = ReportScope::Shift(shift.clone());
    let request = ExportRequest {
        scope: &scope,
        format,
        path,
        exported_by: "unknown",
        at: at(16, 5),
        tz: beijing(),
        hash_key_id: None,
        lang,
        checkpoint_name: Some(NAME),
        pass_share: None,
        include_practice: false,
    };
    assert_eq!(export(store, &request).expect("exported"), 7);
}

/// Each format's file for the shift, in both languages.
struct Files {
    _folder: tempfile::TempDir,
    shift: Shift,
    store: Store,
    dir: PathBuf,
}

impl Files {
    fn new() -> Self {
        let folder = tempfile::tempdir().expect("temp dir");
        let (store, shift) = handover(folder.path());
        let dir = folder.path().to_path_buf();
        Self {
            _folder: folder,
            shift,
            store,
            dir,
        }
    }

    fn write(&mut self, format: ExportFormat, lang: Language) -> PathBuf {
        let extension = match format {
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Html => "html",
        };
        let path = self.dir.join(format!("shift-{lang:?}.{extension}"));
        export_shift(&mut self.store, &self.shift, format, &path, lang);
        path
    }
}

/// The CSV as rows of cells (no cell of the fixture holds a comma or a quote).
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).expect("bytes");
    assert!(
        bytes.starts_with(CSV_BOM),
        "the CSV keeps its byte-order mark"
    );
    let text = String::from_utf8(bytes[CSV_BOM.len()..].to_vec()).expect("UTF-8");
    text.split("\r\n")
        .map(|line| line.split(',').map(str::to_owned).collect())
        .collect()
}

/// Every sheet's cells, typed, by sheet name.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut workbook: Xlsx<_> = open_workbook(path).expect("opens");
    workbook
        .sheet_names()
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).expect("sheet");
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

/// The text between `<td>`, `<th>`, `<h1>` and `<h2>` tags: what the page says, not its markup.
fn page_texts(page: &str) -> Vec<String> {
    let mut texts = Vec::new();
    for tag in ["td", "th", "h1", "h2", "title"] {
        for piece in page.split(&format!("<{tag}>")).skip(1) {
            if let Some(text) = piece.split(&format!("</{tag}>")).next() {
                texts.push(text.replace("&quot;", "\""));
            }
        }
    }
    texts
}

/// Excel's serial number of a local time on 2026-11-20.
fn serial(hour: u32, minute: u32) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .expect("epoch");
    let local = NaiveDate::from_ymd_opt(2026, 11, 20)
        .and_then(|day| day.and_hms_opt(hour, minute, 0))
        .expect("time");
    (local - epoch).num_seconds() as f64 / 86_400.0
}

fn fact<'a>(rows: &'a [Vec<String>], label: &str) -> &'a str {
    rows.iter()
        .find(|row| row.first().is_some_and(|cell| cell == label))
        .and_then(|row| row.get(1))
        .map_or("", String::as_str)
}

#[test]
fn the_csv_opens_with_the_title_the_shift_its_leader_and_note_then_a_blank_row_and_the_table() {
    let mut files = Files::new();
    let rows = csv_rows(&files.write(ExportFormat::Csv, Language::ZhCn));
    assert_eq!(
        rows[0],
        ["检查点报表：幸福里东门 第1班 2026-11-20 16:00 至 2026-11-21 00:00"]
    );
    assert_eq!(fact(&rows, "检查点"), NAME);
    assert_eq!(fact(&rows, "检查点编号"), "cp-1");
    assert_eq!(fact(&rows, "班次"), "第1班");
    assert_eq!(fact(&rows, "开班时间"), "2026-11-20 16:00");
    assert_eq!(fact(&rows, "交班时间"), "2026-11-21 00:00");
    assert_eq!(fact(&rows, "班长"), LEADER);
    assert_eq!(fact(&rows, "交班说明"), NOTE);
    assert_eq!(fact(&rows, "导出人"), "未登记", "not the English “unknown”");
    let blank = rows
        .iter()
        .position(|row| row.len() == 1 && row[0].is_empty())
        .expect("a blank row");
    let header = &rows[blank + 1];
    assert_eq!(header.len(), CSV_COLUMNS.len());
    assert_eq!(&header[..3], ["记录编号", "检查点", "岗位"]);
    let entries: Vec<&Vec<String>> = rows[blank + 2..]
        .iter()
        .filter(|row| row.len() > 1)
        .collect();
    assert_eq!(entries.len(), 7);
    for entry in &entries {
        assert_eq!(entry[1], NAME, "the 检查点 column names the checkpoint");
    }
}

#[test]
fn the_csv_says_who_a_repeat_repeats_by_time_checkpoint_and_gate_never_by_uuid() {
    let mut files = Files::new();
    let rows = csv_rows(&files.write(ExportFormat::Csv, Language::ZhCn));
    let column = CSV_COLUMNS
        .iter()
        .position(|name| *name == "repeat_of")
        .expect("repeat_of column");
    let repeats: Vec<&str> = rows
        .iter()
        .filter(|row| row.len() == CSV_COLUMNS.len())
        .map(|row| row[column].as_str())
        .filter(|cell| !cell.is_empty() && *cell != "重复于")
        .collect();
    assert_eq!(
        repeats,
        [
            "2026-11-20 16:30:00 cp-2 2号岗",
            "2026-11-20 16:10:00 幸福里东门 1号岗"
        ]
    );
}

#[test]
fn json_carries_the_checkpoint_name_and_the_shift_and_still_imports() {
    let mut files = Files::new();
    let path = files.write(ExportFormat::Json, Language::ZhCn);
    let file = read_export(&path).expect("read back");
    assert_eq!(file.metadata.checkpoint_id.as_deref(), Some("cp-1"));
    assert_eq!(file.metadata.checkpoint_name.as_deref(), Some(NAME));
    let shift = file.metadata.shift.expect("the shift");
    assert_eq!(shift.shift_id, files.shift.shift_id);
    assert_eq!(shift.leader, LEADER);
    assert_eq!(shift.opened_at, "2026-11-20T08:00:00.000Z");
    assert_eq!(shift.closed_at.as_deref(), Some("2026-11-20T16:00:00.000Z"));
    assert_eq!(shift.handover_note.as_deref(), Some(NOTE));
    assert_eq!(
        file.metadata.exported_by, "unknown",
        "JSON keeps the machine value"
    );
    assert_eq!(file.entries.len(), 7);

    let elsewhere = tempfile::tempdir().expect("temp dir");
    let mut district = Store::open(&elsewhere.path().join("district.sqlite3")).expect("store");
    let summary =
        import_file(&mut district, &path, "ours", "cp-district-office").expect("imported");
    assert_eq!(summary.added, 7);

    // A file written before these keys existed still imports.
    let mut raw: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("text")).expect("JSON");
    let object = raw.as_object_mut().expect("an object");
    assert!(object.remove("checkpoint_name").is_some() && object.remove("shift").is_some());
    let older = elsewhere.path().join("older.json");
    std::fs::write(&older, raw.to_string()).expect("written");
    assert!(read_export(&older).expect("read").metadata.shift.is_none());
    let again = import_file(&mut district, &older, "ours", "cp-district-office").expect("imported");
    assert_eq!((again.added, again.unchanged), (0, 7));
}

#[test]
fn a_range_over_every_checkpoint_names_no_checkpoint_and_keeps_the_ids() {
    let mut files = Files::new();
    let scope = ReportScope::Range {
        from: at(0, 0),
        to: at(23, 0),
        checkpoint_id: None,
    };
    let path = files.dir.join("all.csv");
    let request = ExportRequest {
        scope: &scope,
        format: ExportFormat::Csv,
        path: &path,
        exported_by: "陈班长",
        at: at(16, 5),
        tz: beijing(),
        hash_key_id: None,
        lang: Language::ZhCn,
        checkpoint_name: Some(NAME),
        pass_share: None,
        include_practice: false,
    };
    assert_eq!(export(&mut files.store, &request).expect("exported"), 8);
    let rows = csv_rows(&path);
    assert!(
        rows[0][0].starts_with("检查点报表：全部检查点 "),
        "{:?}",
        rows[0]
    );
    let ids: Vec<&str> = rows
        .iter()
        .filter(|row| row.len() == CSV_COLUMNS.len() && row[0] != "记录编号")
        .map(|row| row[1].as_str())
        .collect();
    assert_eq!(ids.len(), 8);
    assert!(
        ids.iter().all(|id| *id == "cp-1" || *id == "cp-2"),
        "{ids:?}"
    );
    let json = files.dir.join("all.json");
    let request = ExportRequest {
        format: ExportFormat::Json,
        path: &json,
        ..request
    };
    export(&mut files.store, &request).expect("exported");
    let file = read_export(&json).expect("read");
    assert!(file.metadata.checkpoint_name.is_none() && file.metadata.shift.is_none());
}

#[test]
fn excel_numbers_and_times_are_typed_cells_and_the_summary_names_the_shift() {
    let mut files = Files::new();
    let path = files.write(ExportFormat::Xlsx, Language::ZhCn);
    let sheets = sheets(&path);
    let names: Vec<&str> = sheets.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["汇总", "人员", "车辆"]);
    let column = |name: &str| {
        CSV_COLUMNS
            .iter()
            .position(|column| *column == name)
            .expect("column")
    };
    let people = &sheets[1].1;
    let first = &people[1];
    match &first[column("recorded_at")] {
        Data::DateTime(time) => assert!(
            (time.as_f64() - serial(16, 10)).abs() < 1e-6,
            "16:10 local, as an Excel date-time: {}",
            time.as_f64()
        ),
        other => panic!("the time is not a date-time: {other:?}"),
    }
    assert_eq!(
        first[column("checkpoint_id")],
        Data::String(NAME.to_owned())
    );
    let fever_row = people
        .iter()
        .find(|row| row[column("fever")] == Data::String("是".to_owned()))
        .expect("the fever row");
    assert_eq!(fever_row[column("final_celsius")], Data::Float(37.3));
    let vehicles = &sheets[2].1;
    assert_eq!(vehicles[1][column("passengers")], Data::Float(2.0));
    assert_eq!(
        vehicles[1][column("vehicle_type")],
        Data::String("货车".to_owned())
    );

    let summary = &sheets[0].1;
    let value = |label: &str| {
        summary
            .iter()
            .find(|row| row.first() == Some(&Data::String(label.to_owned())))
            .and_then(|row| row.get(1).cloned())
            .unwrap_or(Data::Empty)
    };
    assert_eq!(value("检查点"), Data::String(NAME.to_owned()));
    assert_eq!(value("班长"), Data::String(LEADER.to_owned()));
    assert_eq!(value("交班说明"), Data::String(NOTE.to_owned()));
    match value("开班时间") {
        Data::DateTime(time) => assert!((time.as_f64() - serial(16, 0)).abs() < 1e-6),
        other => panic!("the opening time is not a date-time: {other:?}"),
    }
    assert_eq!(value("人员进"), Data::Float(5.0), "counts are numbers");
}

#[test]
fn the_printed_page_names_the_shift_its_leader_and_its_note() {
    let mut files = Files::new();
    let page =
        std::fs::read_to_string(files.write(ExportFormat::Html, Language::ZhCn)).expect("page");
    for fact in [
        "<tr><td>检查点</td><td>幸福里东门</td></tr>",
        "<tr><td>班次</td><td>第1班</td></tr>",
        "<tr><td>班长</td><td>陈班长</td></tr>",
        &format!("<tr><td>交班说明</td><td>{NOTE}</td></tr>"),
        "<td>2026-11-20 16:10:00 幸福里东门 1号岗</td>",
    ] {
        assert!(page.contains(fact), "{fact} on the page");
    }
    assert_eq!(
        page.matches("<td>cp-1</td>").count(),
        1,
        "the id only as 检查点编号, every row and exception by name"
    );
    let named = page.matches("<td>幸福里东门</td>").count();
    assert!(named >= 8, "the fact and the 7 rows: {named}");
}

/// Words people typed or that name things (and so stay as they are in either language).
const TYPED: [&str; 10] = [
    NAME,
    LEADER,
    NOTE,
    "1号岗",
    "2号岗",
    "李*",
    "粤康码",
    "深圳市",
    "粤B1C2D3",
    "京A12345",
];

/// ASCII words of two letters or more, once the entry ids and the known ids are removed.
fn english_words(cells: &[String]) -> Vec<String> {
    let mut words = Vec::new();
    for cell in cells {
        let cell = cell.replace("cp-1", "").replace("cp-2", "");
        for word in cell.split(|c: char| !c.is_ascii_alphabetic()) {
            if word.len() >= 2 {
                words.push(format!("{word} (in “{cell}”)"));
            }
        }
    }
    words
}

/// Chinese characters left once the typed words and names are removed.
fn chinese_left(cells: &[String]) -> Vec<String> {
    cells
        .iter()
        .map(|cell| {
            TYPED.iter().fold(cell.replace("张*", ""), |cell, typed| {
                cell.replace(typed, "")
            })
        })
        .filter(|cell| cell.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .collect()
}

/// Every cell of every format, without the machine's entry ids (UUIDs are hex).
fn every_cell(files: &mut Files, lang: Language) -> Vec<String> {
    let mut cells = Vec::new();
    let entry_id = |row: &[String], index: usize| {
        index == 0 && row.len() == CSV_COLUMNS.len() && row[0].len() == 36
    };
    for row in csv_rows(&files.write(ExportFormat::Csv, lang)) {
        for (index, cell) in row.iter().enumerate() {
            if !entry_id(&row, index) {
                cells.push(cell.clone());
            }
        }
    }
    for (_, rows) in sheets(&files.write(ExportFormat::Xlsx, lang)) {
        for row in rows {
            let row: Vec<String> = row.iter().map(ToString::to_string).collect();
            for (index, cell) in row.iter().enumerate() {
                if !entry_id(&row, index) {
                    cells.push(cell.clone());
                }
            }
        }
    }
    let page = std::fs::read_to_string(files.write(ExportFormat::Html, lang)).expect("page");
    cells.extend(page_texts(&page));
    cells
}

#[test]
fn every_value_in_the_chinese_files_is_chinese() {
    let mut files = Files::new();
    let cells = every_cell(&mut files, Language::ZhCn);
    let joined = cells.join("\t");
    for word in [
        "演示/练习画面",
        "货车",
        "小客车",
        "未填写",
        "未登记",
        "移交",
        "放行",
    ] {
        assert!(joined.contains(word), "{word} in the Chinese files");
    }
    assert_eq!(english_words(&cells), Vec::<String>::new());
}

#[test]
fn every_value_in_the_english_files_is_english() {
    let mut files = Files::new();
    let cells = every_cell(&mut files, Language::En);
    let joined = cells.join("\t");
    for word in [
        "Checkpoint report: 幸福里东门, shift 1, 2026-11-20 16:00 to 2026-11-21 00:00",
        "Demo/practice pictures",
        "Truck",
        "Not given",
        "Not recorded",
        "\tGreen\t",
        "\tYellow\t",
        "\tHanded over\t",
        "\tDiverted\t",
    ] {
        assert!(joined.contains(word), "{word} in the English files");
    }
    assert!(!joined.contains('：'), "no full-width colon in English");
    assert_eq!(chinese_left(&cells), Vec::<String>::new());
}

#[test]
fn one_word_per_decision_and_capitalised_colours_in_english() {
    let mut files = Files::new();
    let cells = every_cell(&mut files, Language::En);
    for lower in ["green", "yellow", "red", "pass", "refer", "divert", "deny"] {
        assert!(
            !cells.iter().any(|cell| cell == lower),
            "“{lower}” written in lower case"
        );
    }
    // One word per decision, the district's: Turned back, Handed over, Diverted (issue 22).
    for other_word in ["Deny", "Refer", "Divert", "Passed", "Sent to inspection"] {
        assert!(
            !cells.iter().any(|cell| cell == other_word),
            "“{other_word}” is a second word for a decision"
        );
    }
    let chinese = every_cell(&mut files, Language::ZhCn);
    for other_word in ["引导至检查区", "通行"] {
        assert!(
            !chinese.iter().any(|cell| cell.contains(other_word)),
            "“{other_word}” is a second word for a decision"
        );
    }
}

#[test]
fn a_shift_still_open_says_so_and_has_no_note_yet() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&folder.path().join("kiosk.sqlite3")).expect("store");
    let leader = store
        .sign_in(LEADER, Role::Leader, Some("2468"), at(7, 55))
        .expect("leader");
    let shift = store.open_shift(&leader, "cp-1", at(8, 0)).expect("shift");
    store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &gate("cp-1", "1号岗"),
            at(8, 10),
        )
        .expect("saved");
    let csv = folder.path().join("open.csv");
    let scope = ReportScope::Shift(shift);
    let request = ExportRequest {
        scope: &scope,
        format: ExportFormat::Csv,
        path: &csv,
        exported_by: LEADER,
        at: at(9, 0),
        tz: beijing(),
        hash_key_id: None,
        lang: Language::ZhCn,
        checkpoint_name: Some(NAME),
        pass_share: None,
        include_practice: false,
    };
    assert_eq!(export(&mut store, &request).expect("exported"), 1);
    let rows = csv_rows(&csv);
    assert_eq!(fact(&rows, "交班时间"), "班次未结束");
    assert_eq!(fact(&rows, "交班说明"), "无");
    assert_eq!(fact(&rows, "导出人"), LEADER);
    let json = folder.path().join("open.json");
    let request = ExportRequest {
        format: ExportFormat::Json,
        path: &json,
        ..request
    };
    export(&mut store, &request).expect("exported");
    let shift = read_export(&json)
        .expect("read")
        .metadata
        .shift
        .expect("the shift");
    assert_eq!((shift.closed_at, shift.handover_note), (None, None));
    assert_eq!(shift.leader, LEADER);
}
