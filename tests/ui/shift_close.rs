//! The shift leader's paper in the window: closing asks first, the handover note is in the
//! report, the report after closing covers exactly that shift, a new leader types the PIN
//! twice, and the report view and exports speak the UI's language.

use crate::ui_support;

use checkpoint_kiosk::app::{GateStatus, KioskApp};
use chrono::{DateTime, Local, TimeZone, Utc};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use ui_support::{KioskHarness, type_into, wait_until};

fn local(hour: u32, minute: u32) -> DateTime<Utc> {
    Local
        .with_ymd_and_hms(2026, 11, 20, hour, minute, 0)
        .single()
        .expect("local time")
        .with_timezone(&Utc)
}

fn set_clock(harness: &mut Harness<'static, KioskApp>, at: DateTime<Utc>) {
    harness.state_mut().services.clock = Box::new(move || at);
}

/// A yellow person checked at the gate (two taps and the confirm button).
fn save_yellow_person(harness: &mut Harness<'static, KioskApp>, code: &str) {
    harness.get_by_label("扫码登记 F1").click();
    harness.run();
    harness.state_mut().handle_keyboard_scan(code);
    harness.run();
    harness.get_by_label("黄码").click();
    harness.get_by_label("5").click();
    harness.get_by_label("确认登记 Enter").click();
    wait_until(harness, |app| {
        matches!(app.status, GateStatus::Saved { .. })
    });
}

fn sign_in_leader(harness: &mut Harness<'static, KioskApp>, name: &str, pin: &str, again: &str) {
    harness.get_by_label("班次报表 F5").click();
    harness.run();
    let view = &mut harness.state_mut().shift_view;
    view.name.clear();
    view.pin.clear();
    view.pin_again.clear();
    view.message = None;
    // The message line goes: let the layout settle before clicking into a field.
    harness.run();
    type_into(harness, "姓名", name);
    if !harness.state().shift_view.leader {
        harness.get_by_label("班长").click();
        harness.run();
    }
    type_into(harness, "密码（PIN）", pin);
    if !again.is_empty() {
        type_into(harness, "再输一遍", again);
    }
    harness.get_by_label("签到").click();
}

fn wait_for_shift_message(harness: &mut Harness<'static, KioskApp>) -> String {
    wait_until(harness, |app| app.shift_view.message.is_some());
    let app = harness.state();
    app.shift_view
        .message
        .as_ref()
        .map(|said| said.text(app.lang).to_owned())
        .unwrap_or_default()
}

#[test]
fn closing_asks_first_and_the_report_covers_exactly_that_shift_with_its_handover_note() {
    let mut kiosk = KioskHarness::new();
    let harness = &mut kiosk.harness;
    set_clock(harness, local(7, 59));
    save_yellow_person(harness, "https://jkm.demo.invalid/v?t=EARLY0001");

    set_clock(harness, local(8, 0));
    sign_in_leader(harness, "周班长", "2468", "2468");
    wait_until(harness, |app| app.signed_in.is_some());
    harness.get_by_label("开班").click();
    wait_until(harness, |app| app.shift.is_some());
    set_clock(harness, local(8, 30));
    save_yellow_person(harness, "https://jkm.demo.invalid/v?t=INSHIFT02");

    set_clock(harness, local(9, 0));
    harness.get_by_label("班次报表 F5").click();
    harness.run();
    let note = "交班说明（移交人员、引导车辆、待办）";
    harness
        .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, note)
        .click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, note)
        .type_text("黄码一人已移交社区");
    harness.run();
    harness.get_by_label("交班并结束班次").click();
    harness.run();
    assert!(harness.state().shift.is_some(), "one press does not close");
    harness.get_by_label_contains("确认结束本班次？");
    harness.get_by_label("取消，继续值班").click();
    harness.run();
    assert!(harness.query_by_label("确认交班").is_none(), "cancelled");
    harness.get_by_label("交班并结束班次").click();
    harness.run();
    harness.get_by_label("确认交班").click();
    wait_until(harness, |app| app.shift.is_none());

    // Hours later the report still covers that shift, 08:00 to 09:00: not the 07:59 person.
    set_clock(harness, local(12, 0));
    harness.get_by_label("生成本班报表").click();
    wait_until(harness, |app| app.report.report.is_some());
    let report = harness.state().report.report.clone().expect("report");
    assert_eq!(
        report.totals.persons(),
        1,
        "only the person checked in the shift"
    );
    assert_eq!(report.from.to_utc(), local(8, 0));
    assert_eq!(report.to.map(|to| to.to_utc()), Some(local(9, 0)));
    harness.run();
    harness.get_by_label("交班说明");
    harness.get_by_label("黄码一人已移交社区");
    harness.get_by_label_contains("第1班");
    harness.get_by_label("黄码，移交");
}

#[test]
fn a_new_leader_types_the_pin_twice_and_a_mismatch_creates_nobody() {
    let mut kiosk = KioskHarness::new();
    let harness = &mut kiosk.harness;
    sign_in_leader(harness, "吴班长", "2468", "");
    harness.run();
    harness.get_by_label_contains("新班长：请把新密码输入两遍");
    let message = wait_for_shift_message(harness);
    assert!(message.contains("请把新密码（PIN）输入两遍"), "{message}");
    assert!(harness.state().signed_in.is_none());

    sign_in_leader(harness, "吴班长", "2468", "2469");
    let message = wait_for_shift_message(harness);
    assert!(message.contains("两次输入的密码（PIN）不一致"), "{message}");
    assert!(harness.state().signed_in.is_none());

    // Nobody was created: 1357 is not refused as a wrong PIN for 吴班长.
    sign_in_leader(harness, "吴班长", "1357", "1357");
    wait_until(harness, |app| app.signed_in.is_some());

    // Known now: the first box alone signs in, and a wrong PIN is refused.
    harness.state_mut().signed_in = None;
    sign_in_leader(harness, "吴班长", "1357", "");
    wait_until(harness, |app| app.signed_in.is_some());
}

#[test]
fn an_export_made_after_f9_is_in_english_and_before_it_in_chinese() {
    let mut kiosk = KioskHarness::new();
    save_yellow_person(&mut kiosk.harness, "https://jkm.demo.invalid/v?t=LANG00001");
    let harness = &mut kiosk.harness;
    harness.get_by_label("班次报表 F5").click();
    harness.run();
    harness.get_by_label_contains("导出到：");
    harness.get_by_label_contains("本机数据文件夹");
    harness.get_by_label_contains("查找U盘");
    harness.get_by_label("导出 CSV").click();
    wait_until(harness, |app| {
        app.report
            .message
            .as_ref()
            .map(|said| said.text(app.lang))
            .is_some_and(|m| m.contains("已导出到"))
    });
    harness.key_press(egui::Key::F9);
    harness.run();
    // The same minute's file is replaced: wait for the English message. The Chinese one, kept
    // in both languages, already reads in English after F9: clear it to wait for the new one.
    harness.state_mut().report.message = None;
    harness.get_by_label("Export CSV").click();
    wait_until(harness, |app| {
        app.report
            .message
            .as_ref()
            .map(|said| said.text(app.lang))
            .is_some_and(|m| m.contains("Exported to"))
    });
    let folder = kiosk.data_path().join("exports");
    let file = std::fs::read_dir(&folder)
        .expect("exports")
        .filter_map(Result::ok)
        .find(|entry| entry.file_name().to_string_lossy().ends_with(".csv"))
        .expect("a CSV file");
    let text = std::fs::read_to_string(file.path()).expect("CSV text");
    assert!(text.contains("Entry ID,Checkpoint"), "{text}");
    assert!(text.contains(",Person,In,Yellow,"), "{text}");
}

/// A message kept in both languages follows F9: the sign-in line already on screen turns from
/// Chinese to English, as the volunteer sees it, without signing in again.
#[test]
fn a_message_on_screen_changes_language_with_f9() {
    let mut kiosk = KioskHarness::new();
    let harness = &mut kiosk.harness;
    harness.get_by_label("班次报表 F5").click();
    harness.run();
    type_into(harness, "姓名", "赵志愿");
    harness.get_by_label("签到").click();
    wait_until(harness, |app| app.signed_in.is_some());
    harness.get_by_label("✓ 已签到 赵志愿");
    harness.key_press(egui::Key::F9);
    harness.run();
    harness.get_by_label("✓ Signed in 赵志愿");
    assert!(harness.query_by_label("✓ 已签到 赵志愿").is_none());
}
