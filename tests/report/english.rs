//! Issue 22 item 6: a `--lang en` export is English in every value, and a Chinese one Chinese;
//! one word per decision, the same as the screens' decision buttons and saved line. Real SQLite
//! stores, real files read back.

use crate::store_support;

use std::path::Path;

use checkpoint_kiosk::config::Language;
use checkpoint_kiosk::model::entry::Provenance;
use checkpoint_kiosk::model::{Decision, HealthColour};
use checkpoint_kiosk::report::{CSV_BOM, ExportFormat, ExportRequest, ReportScope, export};
use checkpoint_kiosk::store::{Store, UNNAMED_OPERATOR};
use checkpoint_kiosk::text::terms;
use chrono::FixedOffset;
use store_support::*;

/// What an English export may still hold in Chinese: the values people gave (the checkpoint's
/// name, places, masked names, a province's plate letter, a code's issuer), never a word of ours.
const DATA: [&str; 10] = [
    "幸福里东门",
    "粤康码",
    "粤B1C2D3",
    "粤B7T890",
    "深圳",
    "广州",
    "3号楼",
    "张**",
    "张*",
    "李*",
];

/// A day at one gate: a green person recorded while nobody had signed in, a red one turned
/// back, a yellow one handed over, a car from Shenzhen passed, a truck of unknown origin
/// diverted, and a demo picture's entry.
fn day_store(folder: &Path) -> Store {
    let mut store = Store::open(&folder.join("kiosk.sqlite")).expect("a real SQLite file");
    let named = prov("cp-1");
    let unnamed = Provenance {
        operator: UNNAMED_OPERATOR.to_owned(),
        ..prov("cp-1")
    };
    let mut red = scanned(HealthColour::Red, 36.6);
    red.decision = Decision::Deny;
    let mut demo = scanned(HealthColour::Green, 36.4);
    demo.note = Some("demo feed".to_owned());
    let mut pass = scanned(HealthColour::Green, 36.3);
    if let Some(code) = pass.code.as_mut() {
        // As the kiosk stores a checkpoint pass's label.
        code.masked = "出入证 P0123456789 张*".to_owned();
    }
    let mut truck = car("粤B7T890", Decision::Divert);
    truck.vehicle_type = "truck".to_owned();
    truck.origin = None;
    for (person, provenance, minute) in [
        (scanned(HealthColour::Green, 36.5), &unnamed, 5),
        (red, &named, 10),
        (registered(), &named, 15),
        (demo, &named, 20),
        (pass, &named, 25),
    ] {
        store
            .save_person(&screen(&person), provenance, at(8, minute))
            .expect("saved");
    }
    store
        .save_vehicle(&car("粤B1C2D3", Decision::Pass), &named, at(9, 0))
        .expect("saved");
    store.save_vehicle(&truck, &named, at(9, 5)).expect("saved");
    store
}

/// Each export from a store of its own (in a folder of its own), so the entries are counted once.
fn exported(folder: &Path, format: ExportFormat, lang: Language, by: &str) -> std::path::PathBuf {
    static MADE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let made = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let folder = folder.join(made.to_string());
    std::fs::create_dir(&folder).expect("a folder");
    let mut store = day_store(&folder);
    let scope = ReportScope::Range {
        from: at(0, 0),
        to: at(23, 59),
        checkpoint_id: Some("cp-1".to_owned()),
    };
    let extension = match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Xlsx => "xlsx",
        _ => "html",
    };
    let path = folder.join(format!("day.{extension}"));
    let request = ExportRequest {
        scope: &scope,
        format,
        path: &path,
        exported_by: by,
        at: at(17, 0),
        tz: FixedOffset::east_opt(8 * 3600).expect("UTC+8"),
        hash_key_id: None,
        lang,
        checkpoint_name: Some("幸福里东门"),
        pass_share: None,
        include_practice: false,
    };
    export(&mut store, &request).expect("exported");
    path
}

fn csv_text(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("bytes");
    String::from_utf8(bytes[CSV_BOM.len()..].to_vec()).expect("UTF-8")
}

/// The Chinese left once the people's own values are taken out: our words, untranslated.
fn chinese_words_left(text: &str) -> Vec<String> {
    let mut rest = text.to_owned();
    for value in DATA {
        rest = rest.replace(value, "");
    }
    rest.lines()
        .filter(|line| line.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c)))
        .map(str::to_owned)
        .collect()
}

#[test]
fn an_english_export_is_english_in_every_value_in_each_format() {
    let folder = tempfile::tempdir().expect("temp dir");
    for format in [ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Html] {
        for by in ["unknown", UNNAMED_OPERATOR, "李*"] {
            let path = exported(folder.path(), format, Language::En, by);
            let text = match format {
                ExportFormat::Xlsx => super::export::workbook_text(&path).1,
                ExportFormat::Csv => csv_text(&path),
                _ => std::fs::read_to_string(&path).expect("the page"),
            };
            let left = chinese_words_left(&text);
            assert!(
                left.is_empty(),
                "{format:?} by {by}: Chinese words {left:#?}"
            );
            for english in ["unknown", "demo feed", "：", ",truck,", ",car,"] {
                assert!(!text.contains(english), "{format:?}: `{english}` in {text}");
            }
        }
    }
}

#[test]
fn the_english_report_has_an_english_title_exporter_and_origin_labels() {
    let folder = tempfile::tempdir().expect("temp dir");
    let page = std::fs::read_to_string(exported(
        folder.path(),
        ExportFormat::Html,
        Language::En,
        "unknown",
    ))
    .expect("page");
    assert!(
        page.contains(
            "<h1>Checkpoint report: 幸福里东门 2026-11-20 08:00 to 2026-11-21 07:59</h1>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<td>Exported by</td><td>Not recorded</td>"),
        "{page}"
    );
    assert!(
        !page.contains("<td></td><td>1</td>"),
        "an unlabelled row: {page}"
    );
    assert!(page.contains("<td>Not given</td>"), "{page}");
    let unnamed = std::fs::read_to_string(exported(
        folder.path(),
        ExportFormat::Html,
        Language::En,
        UNNAMED_OPERATOR,
    ))
    .expect("page");
    assert!(
        unnamed.contains("<td>Exported by</td><td>Volunteer on duty (not signed in)</td>"),
        "{unnamed}"
    );
}

#[test]
fn the_english_csv_says_each_decision_and_colour_as_the_screens_do() {
    let folder = tempfile::tempdir().expect("temp dir");
    let csv = csv_text(&exported(
        folder.path(),
        ExportFormat::Csv,
        Language::En,
        "李*",
    ));
    for (decision, line) in [
        (Decision::Deny, ",Red,"),
        (Decision::Refer, ",Yellow,"),
        (Decision::Pass, ",Green,"),
        (Decision::Divert, ",Truck,"),
    ] {
        // The words of the decision buttons (`terms::decision`) and of the saved line.
        let word = terms::decision(decision).en;
        assert_eq!(
            checkpoint_kiosk::text::gate::decision_word(decision, Language::En),
            word
        );
        assert!(
            csv.lines()
                .any(|row| row.contains(line) && row.contains(&format!(",{word},"))),
            "{word} on the row with {line}: {csv}"
        );
    }
    assert_eq!(
        [terms::DENY.en, terms::REFER.en, terms::DIVERT.en],
        ["Turned back", "Handed over", "Diverted"]
    );
    assert!(csv.contains(",Volunteer on duty (not signed in),"), "{csv}");
    assert!(
        csv.contains(",Pass P0123456789 张*,"),
        "a pass's label: {csv}"
    );
}

#[test]
fn the_chinese_csv_has_no_english_values() {
    let folder = tempfile::tempdir().expect("temp dir");
    let csv = csv_text(&exported(
        folder.path(),
        ExportFormat::Csv,
        Language::ZhCn,
        "unknown",
    ));
    for english in ["truck", ",car,", "demo feed", "unknown", "Green", "Pass"] {
        assert!(
            !csv.contains(english),
            "`{english}` in the Chinese CSV: {csv}"
        );
    }
    for chinese in [
        ",货车,",
        ",小客车,",
        "演示",
        "导出人,未登记",
        ",值守员,",
        ",劝返,",
        ",移交,",
        ",分流,",
        ",出入证 P0123456789 张*,",
    ] {
        assert!(csv.contains(chinese), "{chinese} missing: {csv}");
    }
    let page = std::fs::read_to_string(exported(
        folder.path(),
        ExportFormat::Html,
        Language::ZhCn,
        "unknown",
    ))
    .expect("page");
    assert!(
        page.contains("<td>未填写</td>"),
        "the truck's origin: {page}"
    );
    assert!(
        !page.contains("<td></td><td>1</td>"),
        "an unlabelled row: {page}"
    );
}
