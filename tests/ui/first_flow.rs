//! The first real flow, driven by widget labels: a code is read → its colour and text are shown →
//! the volunteer types the temperature and confirms → the entry is in SQLite and in the Log.

use crate::ui_support;

use checkpoint_kiosk::app::{GateStatus, Screen};
use checkpoint_kiosk::model::HealthColour;
use checkpoint_kiosk::model::LogFilter;
use checkpoint_kiosk::store::Store;
use egui_kittest::kittest::Queryable;

use ui_support::{KioskHarness, coloured_qr, wait_until};

#[test]
fn green_code_then_temperature_then_confirm_saves_the_entry() {
    let mut kiosk = KioskHarness::new();
    let codes = checkpoint_kiosk::scan::scan_still(&coloured_qr(
        "https://jkm.demo.invalid/v?t=GREEN0001",
        [0x1A, 0xAD, 0x19],
    ));
    assert_eq!(codes.len(), 1, "the generated code must be read");
    assert_eq!(
        codes[0].colour,
        HealthColour::Green,
        "confidence {}",
        codes[0].confidence
    );
    assert!(codes[0].confidence >= checkpoint_kiosk::gate::TRUSTED_COLOUR_CONFIDENCE);

    kiosk.harness.state_mut().accept_detected(&codes[0]);
    kiosk.harness.run();
    kiosk.harness.get_by_label("绿码 · 请测温");
    kiosk.harness.get_by_label("5").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label("√ 绿码 通行");
    kiosk.harness.get_by_label("确认登记 Enter").click();
    wait_until(&mut kiosk.harness, |app| {
        matches!(app.gate.status(), GateStatus::Saved { .. })
    });
    assert!(kiosk.harness.get_all_by_label_contains("已保存").count() >= 1);

    let store = Store::open(&kiosk.database_path()).expect("database opens beside the app");
    let rows = store
        .entries(&LogFilter {
            limit: 10,
            ..LogFilter::default()
        })
        .expect("query");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].colour, HealthColour::Green);
    assert_eq!(rows[0].temperature, Some(36.5));

    kiosk.harness.get_by_label("登记记录 F4").click();
    wait_until(&mut kiosk.harness, |app| {
        app.screen == Screen::Log && !app.log.rows.is_empty()
    });
    kiosk.harness.get_by_label("36.5");
}

#[test]
fn fever_asks_to_remeasure_before_saving() {
    let mut kiosk = KioskHarness::new();
    let codes = checkpoint_kiosk::scan::scan_still(&coloured_qr(
        "https://jkm.demo.invalid/v?t=FEVER0002",
        [0x1A, 0xAD, 0x19],
    ));
    kiosk.harness.state_mut().accept_detected(&codes[0]);
    kiosk.harness.run();
    for key in ["3", "8", ".", "2"] {
        kiosk.harness.get_by_label(key).click();
        kiosk.harness.run();
    }
    kiosk.harness.get_by_label("确认登记 Enter").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label_contains("请用腕温或腋温复测");
    assert_eq!(
        kiosk.harness.state().gate.status(),
        GateStatus::Checking,
        "nothing is saved yet"
    );
    for key in ["3", "8", ".", "0"] {
        kiosk.harness.get_by_label(key).click();
        kiosk.harness.run();
    }
    kiosk.harness.get_by_label("确认登记 Enter").click();
    wait_until(&mut kiosk.harness, |app| {
        matches!(app.gate.status(), GateStatus::Saved { .. })
    });
    let store = Store::open(&kiosk.database_path()).expect("open");
    let rows = store
        .entries(&LogFilter {
            limit: 10,
            ..LogFilter::default()
        })
        .expect("query");
    assert!(rows[0].fever);
    assert_eq!(rows[0].temperature, Some(38.0));
}

#[test]
fn unsure_colour_must_be_picked_by_the_volunteer() {
    let mut kiosk = KioskHarness::new();
    kiosk
        .harness
        .state_mut()
        .handle_keyboard_scan("https://jkm.demo.invalid/v?t=SCANNER03");
    kiosk.harness.run();
    kiosk.harness.get_by_label("？ 颜色未识别 请确认");
    kiosk.harness.get_by_label("5").click();
    kiosk.harness.get_by_label("确认登记 Enter").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label_contains("点选 绿 / 黄 / 红");
    kiosk.harness.get_by_label("黄码").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label("▲ 黄码 限制通行");
    kiosk.harness.get_by_label("确认登记 Enter").click();
    wait_until(&mut kiosk.harness, |app| {
        matches!(app.gate.status(), GateStatus::Saved { .. })
    });
}

#[test]
fn english_switch_changes_the_labels() {
    let mut kiosk = KioskHarness::new();
    kiosk.harness.get_by_label("English F9").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label("Show your health code");
    kiosk.harness.get_by_label("中文 F9");

    // Kept (issue 22): saving Settings afterwards stays in English, and so does the next start.
    kiosk.harness.get_by_label("Settings").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label("Save settings").click();
    kiosk.harness.run();
    assert_eq!(
        kiosk.harness.state().lang,
        checkpoint_kiosk::config::Language::En
    );
    kiosk.harness.get_by_label_contains("Settings saved");
    let saved = std::fs::read_to_string(kiosk.data_path().join("kiosk.toml")).expect("kiosk.toml");
    assert!(saved.contains("language = \"en\""), "{saved}");
}

#[test]
fn function_keys_switch_screens() {
    let mut kiosk = KioskHarness::new();
    for (key, screen) in [
        (egui::Key::F2, Screen::Register),
        (egui::Key::F3, Screen::Vehicle),
        (egui::Key::F4, Screen::Log),
        (egui::Key::F5, Screen::Shift),
        (egui::Key::F1, Screen::Scan),
    ] {
        kiosk.harness.key_press(key);
        kiosk.harness.run();
        assert_eq!(kiosk.harness.state().screen, screen, "{key:?}");
    }
}
