//! The shift leader's paper in the window: closing asks first, the handover note is in the
//! report, the report after closing covers exactly that shift, a new leader types the PIN
//! twice, and the report view and exports speak the UI's language.

use crate::ui_support;

use checkpoint_kiosk::app::usb_drives::DriveRoots;
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
        matches!(app.gate.status(), GateStatus::Saved { .. })
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

/// A new leader vouched for by an existing one (their name and PIN).
fn sign_in_vouched(
    harness: &mut Harness<'static, KioskApp>,
    name: &str,
    pin: &str,
    sponsor: (&str, &str),
) {
    harness.get_by_label("班次报表 F5").click();
    harness.run();
    let view = &mut harness.state_mut().shift_view;
    view.message = None;
    view.name = name.to_owned();
    view.leader = true;
    view.pin = pin.to_owned();
    view.pin_again = pin.to_owned();
    view.sponsor_name.clear();
    view.sponsor_pin.clear();
    harness.run();
    type_into(harness, "确认的现任班长", sponsor.0);
    type_into(harness, "其密码（PIN）", sponsor.1);
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
    wait_until(harness, |app| app.duty.signed_in.is_some());
    harness.get_by_label("开班").click();
    wait_until(harness, |app| app.duty.shift.is_some());
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
    assert!(
        harness.state().duty.shift.is_some(),
        "one press does not close"
    );
    harness.get_by_label_contains("确认结束本班次？");
    harness.get_by_label("取消，继续值班").click();
    harness.run();
    assert!(
        harness.query_by_label("确认交班并导出").is_none(),
        "cancelled"
    );
    harness.get_by_label("交班并结束班次").click();
    harness.run();
    harness.get_by_label("确认交班并导出").click();
    wait_until(harness, |app| app.duty.shift.is_none());

    // A person checked after the hand-over, while no shift is open, belongs to no shift yet.
    set_clock(harness, local(9, 5));
    save_yellow_person(harness, "https://jkm.demo.invalid/v?t=LATE00003");

    // Hours later the report still covers that shift: the 07:59 person, checked before the
    // leader opened it that morning, went into it; the 09:05 person did not.
    set_clock(harness, local(12, 0));
    harness.get_by_label("班次报表 F5").click();
    harness.run();
    harness.get_by_label("生成本班报表").click();
    wait_until(harness, |app| app.report.report.is_some());
    let report = harness.state().report.report.clone().expect("report");
    assert_eq!(
        report.totals.persons(),
        2,
        "the person checked in the shift and the one before it opened"
    );
    assert_eq!(report.from.to_utc(), local(7, 59));
    assert_eq!(report.to.map(|to| to.to_utc()), Some(local(9, 0)));
    harness.run();
    harness.get_by_label("交班说明");
    // Twice: in the report, and as the last handover note the next leader reads.
    assert_eq!(harness.query_all_by_label("黄码一人已移交社区").count(), 2);
    harness.get_by_label_contains("第1班");
    // Both yellow people are in the shift's list of exceptions.
    assert_eq!(harness.query_all_by_label("黄码，移交").count(), 2);
}

#[test]
fn a_new_leader_types_the_pin_twice_and_a_mismatch_creates_nobody() {
    let mut kiosk = KioskHarness::new();
    let harness = &mut kiosk.harness;
    sign_in_leader(harness, "吴班长", "2468", "");
    harness.run();
    harness.get_by_label_contains("新班长：密码输入两遍");
    let message = wait_for_shift_message(harness);
    assert!(message.contains("请把新密码（PIN）输入两遍"), "{message}");
    assert!(harness.state().duty.signed_in.is_none());

    sign_in_leader(harness, "吴班长", "2468", "2469");
    let message = wait_for_shift_message(harness);
    assert!(message.contains("两次输入的密码（PIN）不一致"), "{message}");
    assert!(harness.state().duty.signed_in.is_none());

    // Nobody was created: 1357 is not refused as a wrong PIN for 吴班长.
    sign_in_leader(harness, "吴班长", "1357", "1357");
    wait_until(harness, |app| app.duty.signed_in.is_some());

    // Known now: the first box alone signs in, and a wrong PIN is refused.
    harness.state_mut().duty.signed_in = None;
    sign_in_leader(harness, "吴班长", "1357", "");
    wait_until(harness, |app| app.duty.signed_in.is_some());
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
    wait_until(harness, |app| app.duty.signed_in.is_some());
    harness.get_by_label("✓ 已签到 赵志愿");
    harness.key_press(egui::Key::F9);
    harness.run();
    harness.get_by_label("✓ Signed in 赵志愿");
    assert!(harness.query_by_label("✓ 已签到 赵志愿").is_none());
}

/// Issue 15: anyone could make themselves a leader by typing a new name and a PIN twice.
#[test]
fn a_new_leader_needs_an_existing_leaders_name_and_pin() {
    let mut kiosk = KioskHarness::new();
    let harness = &mut kiosk.harness;
    // The first leader (the setup's) has nobody to vouch for them.
    sign_in_leader(harness, "吴班长", "2468", "2468");
    wait_until(harness, |app| app.duty.signed_in.is_some());
    harness.state_mut().duty.signed_in = None;

    sign_in_leader(harness, "冒充者", "1111", "1111");
    let message = wait_for_shift_message(harness);
    assert!(message.contains("需要一位现任班长"), "{message}");
    assert!(harness.state().duty.signed_in.is_none());

    sign_in_vouched(harness, "郑班长", "1357", ("吴班长", "0000"));
    let message = wait_for_shift_message(harness);
    assert!(message.contains("吴班长 的密码不对"), "{message}");
    assert!(harness.state().duty.signed_in.is_none());

    // Enter in the last PIN field signs in, as on every other screen.
    sign_in_vouched(harness, "郑班长", "1357", ("吴班长", ""));
    let _ = wait_for_shift_message(harness);
    // A refused sign-in clears every PIN, to be typed again.
    let view = &mut harness.state_mut().shift_view;
    assert!(view.pin.is_empty() && view.sponsor_pin.is_empty());
    view.message = None;
    view.pin = "1357".to_owned();
    view.pin_again = "1357".to_owned();
    harness.run();
    type_into(harness, "其密码（PIN）", "2468");
    harness.key_press(egui::Key::Enter);
    wait_until(harness, |app| app.duty.signed_in.is_some());
    assert_eq!(
        harness
            .state()
            .duty
            .signed_in
            .as_ref()
            .map(|leader| leader.name.clone()),
        Some("郑班长".to_owned())
    );
}

/// The hand-over as a leader lives it: people saved, the shift closed with a note, the report
/// in every format on a USB stick plugged in while the window ran, and the next leader reads
/// the note.
#[test]
fn a_handover_writes_every_format_to_a_stick_plugged_in_meanwhile_and_the_next_leader_reads_the_note()
 {
    let mut kiosk = KioskHarness::new();
    let stick = tempfile::tempdir().expect("stick");
    let harness = &mut kiosk.harness;
    set_clock(harness, local(8, 0));
    // Until a leader opens a shift, every screen says so.
    harness.get_by_label("▲ 未开班：请班长按 F5 开班");
    sign_in_leader(harness, "周班长", "2468", "2468");
    wait_until(harness, |app| app.duty.signed_in.is_some());
    harness.get_by_label("开班").click();
    wait_until(harness, |app| app.duty.shift.is_some());
    assert!(
        harness
            .query_by_label("▲ 未开班：请班长按 F5 开班")
            .is_none()
    );
    set_clock(harness, local(8, 30));
    save_yellow_person(harness, "https://jkm.demo.invalid/v?t=HANDOVER1");

    harness.get_by_label("班次报表 F5").click();
    harness.run();
    assert!(
        harness
            .state()
            .report
            .places
            .iter()
            .all(|place| !place.removable),
        "no stick yet"
    );
    // The stick is plugged in while the window runs: offered (and chosen) within seconds.
    harness.state_mut().devices.usb.roots = DriveRoots::Folders(vec![stick.path().to_path_buf()]);
    wait_until(harness, |app| {
        app.report
            .places
            .first()
            .is_some_and(|place| place.removable)
    });
    assert_eq!(harness.state().report.chosen_place, 0);
    let found = harness
        .state()
        .report
        .message
        .as_ref()
        .map(|said| {
            said.text(checkpoint_kiosk::config::Language::ZhCn)
                .to_owned()
        })
        .unwrap_or_default();
    assert!(found.contains("已找到U盘"), "{found}");

    set_clock(harness, local(9, 0));
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
    harness.get_by_label("确认交班并导出").click();
    wait_until(harness, |app| {
        app.report
            .message
            .as_ref()
            .is_some_and(|said| said.text(app.lang).contains("交班报表 4 个文件已写入"))
    });
    let mut written: Vec<String> = std::fs::read_dir(stick.path())
        .expect("stick")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let extensions: Vec<&str> = written
        .iter()
        .filter_map(|name| name.rsplit('.').next())
        .collect();
    assert_eq!(extensions, ["csv", "html", "json", "xlsx"], "{written:?}");
    let html = written
        .iter()
        .find(|name| {
            std::path::Path::new(name)
                .extension()
                .is_some_and(|extension| extension == "html")
        })
        .map(|name| std::fs::read_to_string(stick.path().join(name)).expect("html"))
        .expect("the printable page");
    assert!(
        html.contains("黄码一人已移交社区"),
        "the note is in the report"
    );
    assert!(html.contains("周班长"), "the leader is in the report");

    // The next leader, at the same kiosk, reads the note on the Shift screen.
    harness.state_mut().duty.signed_in = None;
    harness.run();
    harness.get_by_label_contains("上一班交班说明");
    harness.get_by_label("黄码一人已移交社区");
}
