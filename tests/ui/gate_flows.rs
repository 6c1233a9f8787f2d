//! The other gate flows, driven by widget labels: registering without a phone, a vehicle from a
//! risk area, a repeat, voiding an entry, and a shift from sign-in to export.

use crate::ui_support;

use checkpoint_kiosk::app::{GateStatus, Screen};
use checkpoint_kiosk::model::{Decision, HealthColour};
use checkpoint_kiosk::store::Store;
use egui_kittest::kittest::Queryable;

use ui_support::{KioskHarness, coloured_qr, type_into, wait_until};

#[test]
fn elderly_person_without_phone_is_registered_by_id_card() {
    let mut kiosk = KioskHarness::new();
    kiosk.harness.get_by_label("无手机登记 F2").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label("无手机登记：请录入证件号并测温");
    assert!(kiosk.harness.query_by_label("请出示健康码").is_none());
    type_into(&mut kiosk.harness, "证件号码", "11010519491231002X");
    type_into(&mut kiosk.harness, "姓名", "王喆");
    type_into(&mut kiosk.harness, "手机号", "13812345678");
    type_into(&mut kiosk.harness, "体温 °C", "36.4");
    kiosk.harness.get_by_label("绿码").click();
    kiosk.harness.get_by_label("保存").click();
    wait_until(&mut kiosk.harness, |app| {
        app.register
            .message
            .as_ref()
            .map(|said| said.text(app.lang))
            .is_some_and(|m| m.contains("已保存"))
    });
    let rows = kiosk.saved_rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].colour, HealthColour::Green);
    assert!(
        !rows[0].label.contains("11010519491231002X"),
        "no plain ID number in the log"
    );
}

#[test]
fn wrong_id_number_is_explained_and_nothing_is_saved() {
    let mut kiosk = KioskHarness::new();
    kiosk.harness.get_by_label("无手机登记 F2").click();
    kiosk.harness.run();
    type_into(&mut kiosk.harness, "证件号码", "110105194912310021");
    type_into(&mut kiosk.harness, "姓名", "张三");
    type_into(&mut kiosk.harness, "体温 °C", "5");
    kiosk.harness.get_by_label("绿码").click();
    kiosk.harness.get_by_label("保存").click();
    kiosk.harness.run();
    assert!(!kiosk.harness.state().register.problems.is_empty());
    assert!(kiosk.saved_rows().is_empty());
}

#[test]
fn vehicle_from_a_risk_area_is_diverted() {
    let mut kiosk = KioskHarness::new();
    kiosk.harness.get_by_label("车辆 F3").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label("粤").click();
    kiosk.harness.run();
    kiosk
        .harness
        .state_mut()
        .vehicle
        .form
        .plate_text
        .push_str("B12345");
    let risky = kiosk.harness.state().services.risks.areas()[0]
        .region
        .clone();
    kiosk.harness.state_mut().vehicle.form.origin = risky;
    kiosk.harness.run();
    kiosk.harness.get_by_label_contains("· 分流");
    kiosk.harness.get_by_label("保存车辆").click();
    wait_until(&mut kiosk.harness, |app| {
        app.vehicle
            .message
            .as_ref()
            .map(|said| said.text(app.lang))
            .is_some_and(|m| m.contains("已保存"))
    });
    let rows = kiosk.saved_rows();
    assert_eq!(rows[0].label, "粤B12345");
    assert_eq!(rows[0].decision, Decision::Divert);
}

#[test]
fn same_code_again_within_the_window_is_a_repeat() {
    let mut kiosk = KioskHarness::new();
    let image = coloured_qr(
        "https://jkm.demo.invalid/v?t=REPEAT0004",
        [0x1A, 0xAD, 0x19],
    );
    let code = checkpoint_kiosk::scan::scan_still(&image).remove(0);
    for _ in 0..2 {
        kiosk.harness.state_mut().accept_detected(&code);
        wait_until(&mut kiosk.harness, |app| {
            app.gate.status() == GateStatus::Checking
        });
        kiosk.harness.get_by_label("5").click();
        kiosk.harness.get_by_label("确认登记 Enter").click();
        wait_until(&mut kiosk.harness, |app| {
            matches!(app.gate.status(), GateStatus::Saved { .. })
        });
    }
    kiosk.harness.state_mut().accept_detected(&code);
    wait_until(&mut kiosk.harness, |app| app.gate.repeat().is_some());
    kiosk.harness.get_by_label_contains("重复：已于");
    let rows = kiosk.saved_rows();
    assert!(rows[0].repeat, "the second entry is logged as a repeat");
    assert!(!rows[1].repeat);
}

#[test]
fn an_entry_is_voided_with_a_reason_never_deleted() {
    let mut kiosk = KioskHarness::new();
    kiosk
        .harness
        .state_mut()
        .handle_keyboard_scan("https://jkm.demo.invalid/v?t=VOID00005");
    kiosk.harness.run();
    kiosk.harness.get_by_label("红码").click();
    kiosk.harness.get_by_label("5").click();
    kiosk.harness.get_by_label("确认登记 Enter").click();
    wait_until(&mut kiosk.harness, |app| {
        matches!(app.gate.status(), GateStatus::Saved { .. })
    });
    kiosk.harness.get_by_label("登记记录 F4").click();
    wait_until(&mut kiosk.harness, |app| {
        app.screen == Screen::Log && !app.log.rows.is_empty()
    });
    kiosk.harness.get_by_label("作废…").click();
    kiosk.harness.run();
    let row = kiosk.harness.state().log.rows[0].clone();
    let named = format!(
        "作废记录 {} {}",
        checkpoint_kiosk::ui::time::clock_text(row.at),
        row.label
    );
    kiosk.harness.get_by_label(&named);
    assert!(
        kiosk
            .harness
            .query_by_label_contains(&row.entry_id.to_string())
            .is_none(),
        "the volunteer is never shown a UUID"
    );
    type_into(&mut kiosk.harness, "原因", "扫错了人");
    kiosk.harness.get_by_label("确认作废").click();
    wait_until(&mut kiosk.harness, |app| {
        app.log.message.as_ref().map(|said| said.text(app.lang)) == Some("已作废")
    });
    let rows = kiosk.saved_rows();
    assert_eq!(rows.len(), 1, "voided, still there");
    assert!(rows[0].voided);
    // Back at the gate, nothing says the voided person was saved (issue 22).
    kiosk.harness.get_by_label("扫码登记 F1").click();
    kiosk.harness.run();
    assert!(
        kiosk.harness.query_by_label_contains("已保存").is_none(),
        "a voided entry leaves no saved line"
    );
    assert!(kiosk.harness.query_by_label_contains("红码 劝返").is_none());
}

#[test]
fn an_entry_gone_before_it_is_opened_is_said_on_the_log() {
    let mut kiosk = KioskHarness::new();
    kiosk.harness.get_by_label("登记记录 F4").click();
    kiosk.harness.run();
    // As if purged between the log query and the click.
    kiosk.harness.state_mut().frame.commands.push(
        checkpoint_kiosk::app::commands::Command::OpenEntry {
            entry_id: checkpoint_kiosk::model::EntryId::new_random(),
            kind: checkpoint_kiosk::model::EntryKind::Person,
        },
    );
    wait_until(&mut kiosk.harness, |app| {
        app.log
            .message
            .as_ref()
            .map(|said| said.text(app.lang))
            .is_some_and(|m| m.contains("该记录已不存在"))
    });
    assert!(kiosk.harness.state().log.opened.is_none());
}

#[test]
fn leader_opens_a_shift_reports_and_exports_it() {
    let mut kiosk = KioskHarness::new();
    kiosk.harness.get_by_label("班次报表 F5").click();
    kiosk.harness.run();
    type_into(&mut kiosk.harness, "姓名", "李班长");
    kiosk.harness.get_by_label("班长").click();
    kiosk.harness.run();
    type_into(&mut kiosk.harness, "密码（PIN）", "2468");
    type_into(&mut kiosk.harness, "再输一遍", "2468");
    kiosk.harness.get_by_label("签到").click();
    wait_until(&mut kiosk.harness, |app| app.duty.signed_in.is_some());
    kiosk.harness.get_by_label("开班").click();
    wait_until(&mut kiosk.harness, |app| app.duty.shift.is_some());

    kiosk
        .harness
        .state_mut()
        .handle_keyboard_scan("https://jkm.demo.invalid/v?t=SHIFT0006");
    kiosk.harness.run();
    kiosk.harness.get_by_label("黄码").click();
    kiosk.harness.get_by_label("5").click();
    kiosk.harness.get_by_label("确认登记 Enter").click();
    wait_until(&mut kiosk.harness, |app| {
        matches!(app.gate.status(), GateStatus::Saved { .. })
    });

    kiosk.harness.get_by_label("班次报表 F5").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label("生成本班报表").click();
    wait_until(&mut kiosk.harness, |app| app.report.report.is_some());
    let report = kiosk.harness.state().report.report.clone().expect("report");
    assert_eq!(report.totals.yellow, 1);
    assert_eq!(report.exceptions.len(), 1);
    kiosk.harness.get_by_label("导出 Excel").click();
    wait_until(&mut kiosk.harness, |app| {
        app.report
            .message
            .as_ref()
            .map(|said| said.text(app.lang))
            .is_some_and(|m| m.contains("已导出"))
    });
    let exports = std::fs::read_dir(kiosk.data_path().join("exports")).expect("export folder");
    assert_eq!(exports.count(), 1);
    kiosk.harness.get_by_label("交班并结束班次").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label("确认交班并导出").click();
    wait_until(&mut kiosk.harness, |app| app.duty.shift.is_none());
}

#[test]
fn person_from_a_risk_area_picked_by_pinyin_is_diverted() {
    let mut kiosk = KioskHarness::new();
    let risky = kiosk.harness.state().services.risks.areas()[0]
        .region
        .clone();
    let region = checkpoint_kiosk::model::region::RegionTable::bundled()
        .find(&risky)
        .expect("the sample list names real regions")
        .clone();
    kiosk
        .harness
        .state_mut()
        .handle_keyboard_scan("https://jkm.demo.invalid/v?t=ORIGIN008");
    kiosk.harness.run();
    kiosk.harness.get_by_label("绿码").click();
    kiosk.harness.get_by_label("无星").click();
    type_into(&mut kiosk.harness, "从哪里来", &region.initials);
    kiosk.harness.run();
    // The initials already mean the riskiest city they can stand for, said as typed.
    kiosk
        .harness
        .get_by_label_contains(&format!("{} → {} · ", region.initials, region.name));
    kiosk.harness.get_by_label_contains("· 分流");
    kiosk.harness.get_by_label("5").click();
    kiosk.harness.get_by_label("确认登记 Enter").click();
    wait_until(&mut kiosk.harness, |app| {
        matches!(app.gate.status(), GateStatus::Saved { .. })
    });
    assert_eq!(kiosk.saved_rows()[0].decision, Decision::Divert);
}

#[test]
fn passengers_scanned_after_their_vehicle_are_linked_to_it() {
    let mut kiosk = KioskHarness::new();
    kiosk.harness.get_by_label("车辆 F3").click();
    kiosk.harness.run();
    kiosk.harness.state_mut().vehicle.form.plate_text = "京A12345".into();
    // Two on board: after the first, the volunteer says the second stayed in the car.
    kiosk.harness.state_mut().vehicle.form.passengers = 2;
    kiosk.harness.get_by_label("保存并逐个扫乘车人").click();
    wait_until(&mut kiosk.harness, |app| app.gate.boarding().is_some());
    assert_eq!(kiosk.harness.state().screen, Screen::Scan);
    kiosk.harness.get_by_label_contains("正在登记乘车人");
    kiosk
        .harness
        .state_mut()
        .handle_keyboard_scan("https://jkm.demo.invalid/v?t=PASSENGER9");
    kiosk.harness.run();
    kiosk.harness.get_by_label("绿码").click();
    kiosk.harness.get_by_label("5").click();
    kiosk.harness.get_by_label("确认登记 Enter").click();
    wait_until(&mut kiosk.harness, |app| {
        matches!(app.gate.status(), GateStatus::Saved { .. })
    });
    kiosk.harness.get_by_label("乘车人已登记完").click();
    kiosk.harness.run();
    assert!(kiosk.harness.state().gate.boarding().is_none());

    let rows = kiosk.saved_rows();
    let (person, vehicle) = (&rows[0], &rows[1]);
    let store = Store::open(&kiosk.database_path()).expect("open");
    let saved = store
        .person(person.entry_id)
        .expect("query")
        .expect("person saved");
    assert_eq!(saved.details.vehicle_id, Some(vehicle.entry_id));
}

#[test]
fn log_filters_by_colour_and_decision() {
    let mut kiosk = KioskHarness::new();
    for (payload, colour) in [
        ("https://jkm.demo.invalid/v?t=LOGRED0010", "红码"),
        ("https://jkm.demo.invalid/v?t=LOGGRN0011", "绿码"),
    ] {
        kiosk.harness.state_mut().handle_keyboard_scan(payload);
        // After a red person the next code waits until the red outcome had its 3 s.
        wait_until(&mut kiosk.harness, |app| app.gate.form().is_some());
        kiosk.harness.get_by_label(colour).click();
        kiosk.harness.get_by_label("5").click();
        kiosk.harness.get_by_label("确认登记 Enter").click();
        wait_until(&mut kiosk.harness, |app| {
            matches!(app.gate.status(), GateStatus::Saved { .. }) && app.gate.form().is_none()
        });
    }
    kiosk.harness.get_by_label("登记记录 F4").click();
    wait_until(&mut kiosk.harness, |app| app.log.rows.len() == 2);
    kiosk.harness.get_by_label("红").click();
    wait_until(&mut kiosk.harness, |app| app.log.rows.len() == 1);
    assert_eq!(kiosk.harness.state().log.rows[0].colour, HealthColour::Red);
    kiosk.harness.get_by_label("全部颜色").click();
    // The filter button comes first; rows below also say 劝返.
    let deny_filter = kiosk.harness.get_all_by_label("劝返").next();
    deny_filter.expect("decision filter").click();
    wait_until(&mut kiosk.harness, |app| {
        app.log.rows.len() == 1 && app.log.rows[0].decision == Decision::Deny
    });
}

#[test]
fn an_entry_opens_from_the_log_with_its_readings() {
    let mut kiosk = KioskHarness::new();
    kiosk
        .harness
        .state_mut()
        .handle_keyboard_scan("https://jkm.demo.invalid/v?t=OPEN000012");
    kiosk.harness.run();
    kiosk.harness.get_by_label("绿码").click();
    kiosk.harness.get_by_label("7").click();
    kiosk.harness.get_by_label("确认登记 Enter").click();
    wait_until(&mut kiosk.harness, |app| {
        matches!(app.gate.status(), GateStatus::Saved { .. })
    });
    kiosk.harness.get_by_label("登记记录 F4").click();
    wait_until(&mut kiosk.harness, |app| !app.log.rows.is_empty());
    // The Log says a code of an unknown issuer in words ("未知来源的码 …"), not as stored.
    let stored = kiosk.harness.state().log.rows[0].label.clone();
    let label =
        checkpoint_kiosk::text::gate::code_label(&stored, checkpoint_kiosk::config::Language::ZhCn);
    kiosk.harness.get_by_label(&label).click();
    wait_until(&mut kiosk.harness, |app| app.log.opened.is_some());
    kiosk.harness.get_by_label_contains("36.7 °C (额温)");
    for english in ["forehead", "scanned", "confirmed"] {
        assert!(
            kiosk.harness.query_by_label_contains(english).is_none(),
            "no English “{english}” in the Chinese entry details"
        );
    }
    kiosk.harness.get_by_label("关闭").click();
    kiosk.harness.run();
    assert!(kiosk.harness.state().log.opened.is_none());
}

#[test]
fn the_shift_screen_names_the_rostered_shift_and_says_when_handover_is_due() {
    use chrono::{Local, TimeZone, Utc};
    let local = |h: u32, m: u32| {
        Local
            .with_ymd_and_hms(2026, 11, 20, h, m, 0)
            .single()
            .expect("local time")
            .with_timezone(&Utc)
    };
    let mut kiosk = KioskHarness::new();
    let ten = local(10, 0);
    kiosk.harness.state_mut().services.clock = Box::new(move || ten);
    kiosk.harness.get_by_label("班次报表 F5").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label("排班： 白班 08:00–16:00");
    type_into(&mut kiosk.harness, "姓名", "孙班长");
    kiosk.harness.get_by_label("班长").click();
    kiosk.harness.run();
    type_into(&mut kiosk.harness, "密码（PIN）", "8642");
    type_into(&mut kiosk.harness, "再输一遍", "8642");
    kiosk.harness.get_by_label("签到").click();
    wait_until(&mut kiosk.harness, |app| app.duty.signed_in.is_some());
    kiosk.harness.get_by_label("开班").click();
    wait_until(&mut kiosk.harness, |app| app.duty.shift.is_some());
    assert!(
        kiosk
            .harness
            .query_by_label_contains("已到交班时间")
            .is_none()
    );

    let evening = local(16, 45);
    kiosk.harness.state_mut().services.clock = Box::new(move || evening);
    kiosk.harness.run();
    kiosk.harness.get_by_label("排班： 中班 16:00–24:00");
    kiosk
        .harness
        .get_by_label_contains("已到交班时间：白班 08:00–16:00 已结束");
}
