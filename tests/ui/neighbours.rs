//! Two gates sharing a hashing secret: a person checked at the east gate, whose export the west
//! gate imports, is shown at the west gate as a repeat.

use crate::ui_support;

use checkpoint_kiosk::app::GateStatus;
use checkpoint_kiosk::model::pii::PiiKey;
use egui_kittest::kittest::Queryable;

use ui_support::{KioskHarness, coloured_qr, type_into, wait_until};

fn gate_sharing_the_district_secret() -> KioskHarness {
    KioskHarness::with_setup(|data_dir| {
        let district = PiiKey::from_bytes(&[9u8; 32]).expect("32 bytes");
        data_dir.join_shared_secret(&district).expect("joined");
    })
}

fn report_message(kiosk: &KioskHarness) -> String {
    let app = kiosk.harness.state();
    app.report
        .message
        .as_ref()
        .map(|said| said.text(app.lang).to_owned())
        .unwrap_or_default()
}

#[test]
fn a_person_checked_at_the_east_gate_is_a_repeat_at_the_west_gate() {
    let image = coloured_qr(
        "https://jkm.demo.invalid/v?t=NEIGHBOUR7",
        [0x1A, 0xAD, 0x19],
    );
    let code = checkpoint_kiosk::scan::scan_still(&image).remove(0);

    let mut east = gate_sharing_the_district_secret();
    east.harness.state_mut().accept_detected(&code);
    wait_until(&mut east.harness, |app| {
        app.gate.status() == GateStatus::Checking
    });
    east.harness.get_by_label("5").click();
    east.harness.get_by_label("确认登记 Enter").click();
    wait_until(&mut east.harness, |app| {
        matches!(app.gate.status(), GateStatus::Saved { .. })
    });
    east.harness.get_by_label("班次报表 F5").click();
    east.harness.run();
    east.harness
        .get_by_label("导出近 12 小时给邻近卡口 (JSON)")
        .click();
    wait_until(&mut east.harness, |app| {
        app.report
            .message
            .as_ref()
            .map(|said| said.text(app.lang))
            .is_some_and(|m| m.contains("已导出"))
    });
    let export = std::fs::read_dir(east.data_path().join("exports"))
        .expect("export folder")
        .next()
        .expect("one file")
        .expect("entry")
        .path();

    let mut west = gate_sharing_the_district_secret();
    west.harness.get_by_label("班次报表 F5").click();
    west.harness.run();
    type_into(
        &mut west.harness,
        "邻近卡口的导出文件",
        export.to_str().expect("utf-8 path"),
    );
    west.harness.get_by_label("导入").click();
    wait_until(&mut west.harness, |app| {
        app.report
            .message
            .as_ref()
            .map(|said| said.text(app.lang))
            .is_some_and(|m| m.contains("已导入"))
    });
    let message = report_message(&west);
    assert!(message.contains("已导入 1 条"), "{message}");
    assert!(message.contains("识别为重复登记"), "{message}");

    west.harness.get_by_label("扫码登记 F1").click();
    west.harness.run();
    west.harness.state_mut().accept_detected(&code);
    wait_until(&mut west.harness, |app| app.gate.repeat().is_some());
    west.harness.get_by_label_contains("重复：已于");
}

#[test]
fn an_export_made_with_another_secret_is_imported_without_its_hashes() {
    let mut stranger = KioskHarness::new();
    let folder = tempfile::tempdir().expect("temp dir");
    let file = folder.path().join("east.json");
    std::fs::write(
        &file,
        r#"{"schema":"checkpoint-kiosk.export/1","app_version":"0","exported_at":"2026-11-20T08:00:00.000Z",
"exported_by":"x","scope":"x","from":"2026-11-20T00:00:00.000Z","to":"2026-11-21T00:00:00.000Z",
"checkpoint_id":"cp-east","personal_data":"masked","hash_key_id":"0123456789abcdef","entries":[],"entry_count":0}"#,
    )
    .expect("written");
    stranger.harness.get_by_label("班次报表 F5").click();
    stranger.harness.run();
    type_into(
        &mut stranger.harness,
        "邻近卡口的导出文件",
        file.to_str().expect("utf-8"),
    );
    stranger.harness.get_by_label("导入").click();
    wait_until(&mut stranger.harness, |app| {
        app.report
            .message
            .as_ref()
            .map(|said| said.text(app.lang))
            .is_some_and(|m| m.contains("已导入"))
    });
    let message = report_message(&stranger);
    assert!(
        message.contains("0123456789abcdef") && message.contains("哈希已忽略"),
        "{message}"
    );

    // A file that is not there is explained, and nothing changes.
    stranger.harness.state_mut().report.import_path = "/nonexistent/east.json".to_owned();
    stranger.harness.run();
    stranger.harness.get_by_label("导入").click();
    wait_until(&mut stranger.harness, |app| {
        app.report
            .message
            .as_ref()
            .map(|said| said.text(app.lang))
            .is_some_and(|m| !m.contains("正在导入") && !m.contains("已导入"))
    });
    let message = report_message(&stranger);
    assert!(message.contains("/nonexistent/east.json"), "{message}");
}
