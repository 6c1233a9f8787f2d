//! Issue 22: an origin is judged the same way on every path. A truck typed 深圳, sz or shenzhen
//! is diverted (分流); a person without a phone from 深圳 too; the risk list is dated, shown and
//! imported in Settings, and an out-of-date list is warned about on the Scan screen.

use crate::ui_support;

use checkpoint_kiosk::app::Screen;
use checkpoint_kiosk::model::Decision;
use egui_kittest::kittest::Queryable;

use ui_support::{KioskHarness, type_into, wait_until};

fn save_vehicle(kiosk: &mut KioskHarness, origin: &str) {
    kiosk.harness.get_by_label("车辆 F3").click();
    kiosk.harness.run();
    type_into(&mut kiosk.harness, "车牌", "粤B12345");
    type_into(&mut kiosk.harness, "从哪里来", origin);
    kiosk
        .harness
        .get_by_label_contains(&format!("{origin} → 深圳市 · 高风险 · 分流"));
    kiosk.harness.get_by_label("保存车辆").click();
    wait_until(&mut kiosk.harness, |app| {
        app.vehicle
            .message
            .as_ref()
            .is_some_and(|said| said.zh.contains("已保存"))
    });
}

#[test]
fn a_truck_from_shenzhen_is_diverted_however_the_origin_is_typed() {
    for origin in ["深圳", "sz", "shenzhen"] {
        let mut kiosk = KioskHarness::new();
        save_vehicle(&mut kiosk, origin);
        let rows = kiosk.saved_rows();
        assert_eq!(rows[0].decision, Decision::Divert, "{origin}");
    }
}

#[test]
fn a_person_without_a_phone_from_shenzhen_is_diverted() {
    let mut kiosk = KioskHarness::new();
    kiosk.harness.get_by_label("无手机登记 F2").click();
    kiosk.harness.run();
    type_into(&mut kiosk.harness, "证件号码", "11010519491231002X");
    type_into(&mut kiosk.harness, "姓名", "张三");
    type_into(&mut kiosk.harness, "体温 °C", "366");
    type_into(&mut kiosk.harness, "从哪里来", "shenzhen");
    kiosk.harness.get_by_label("绿码").click();
    kiosk.harness.run();
    kiosk
        .harness
        .get_by_label_contains("shenzhen → 深圳市 · 高风险 · 分流");
    kiosk.harness.get_by_label("保存").click();
    wait_until(&mut kiosk.harness, |app| {
        app.register
            .message
            .as_ref()
            .is_some_and(|said| said.zh.contains("已保存"))
    });
    assert_eq!(kiosk.saved_rows()[0].decision, Decision::Divert);
}

#[test]
fn an_unknown_origin_is_said_to_be_unknown() {
    let mut kiosk = KioskHarness::new();
    kiosk.harness.get_by_label("车辆 F3").click();
    kiosk.harness.run();
    type_into(&mut kiosk.harness, "从哪里来", "火星");
    kiosk.harness.get_by_label_contains("风险未知");
}

#[test]
fn settings_imports_a_new_list_and_refuses_a_hostile_one() {
    // Tall enough that the Settings column shows the risk-list section without scrolling.
    let mut kiosk = KioskHarness::sized([1366.0, 2400.0], 1.0 / 60.0);
    // The bundled sample is weeks old: the Scan screen says so.
    kiosk.harness.get_by_label_contains("风险地区列表已过期");
    let stick = tempfile::tempdir().expect("stick");
    let today = chrono::Utc::now().date_naive();
    let good = stick.path().join("risk.csv");
    std::fs::write(
        &good,
        format!("updated,{today}\nsource,测试通告\nregion,level,note\n4401,high,\n"),
    )
    .expect("csv");
    let hostile = stick.path().join("evil.csv");
    std::fs::write(&hostile, "updated,2026-12-01\nregion,level\n深圳,high\n").expect("csv");
    kiosk.harness.state_mut().screen = Screen::Settings;
    kiosk.harness.run();
    kiosk
        .harness
        .get_by_label_contains("2026-11-20更新，共4个地区");
    let path_label = "导入新的风险地区列表（U盘上的CSV或JSON文件路径）";
    type_into(
        &mut kiosk.harness,
        path_label,
        &hostile.display().to_string(),
    );
    kiosk.harness.get_by_label("导入列表").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label_contains("风险列表未导入");
    assert!(
        kiosk
            .harness
            .state()
            .services
            .risks
            .source()
            .contains("SAMPLE")
    );
    kiosk.harness.state_mut().settings.risk_import.path = good.display().to_string();
    kiosk.harness.get_by_label("导入列表").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label_contains("✓ 已导入");
    assert_eq!(kiosk.harness.state().services.risks.source(), "测试通告");
    // Kept in the data folder for the next start, and current: no warning on the Scan screen.
    let kept = std::fs::read_to_string(kiosk.data_path().join("risk_areas.json")).expect("kept");
    assert!(kept.contains("测试通告"));
    kiosk.harness.state_mut().screen = Screen::Scan;
    kiosk.harness.run();
    assert!(
        kiosk
            .harness
            .query_by_label_contains("风险地区列表已过期")
            .is_none()
    );
}
