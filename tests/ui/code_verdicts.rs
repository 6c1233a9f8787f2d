//! The Scan screen shows what a code says: a checkpoint pass verified offline, a forged one
//! turned red, and a screenshot opened from a file.

use crate::ui_support;

use checkpoint_kiosk::app::GateStatus;
use checkpoint_kiosk::capture::SourceKind;
use checkpoint_kiosk::codes::pass::{self, PassKind, PassRequest};
use checkpoint_kiosk::model::HealthColour;
use checkpoint_kiosk::scan::pipeline::ScanEvent;
use egui_kittest::kittest::Queryable;

use ui_support::{KioskHarness, coloured_qr, wait_until};

fn kiosk_with_a_pass() -> (KioskHarness, String) {
    let mut payload = String::new();
    let kiosk = KioskHarness::with_setup(|data| {
        let keys = data.keys_dir();
        pass::init_signing_key(&keys).expect("new signing key");
        let request = PassRequest {
            holder: "张三".into(),
            unit: "3-2-501".into(),
            kind: PassKind::Resident,
            valid_days: 30,
        };
        payload = pass::issue(&keys, &request, chrono::Utc::now())
            .expect("issued")
            .1;
    });
    (kiosk, payload)
}

#[test]
fn a_signed_pass_is_verified_offline() {
    let (mut kiosk, payload) = kiosk_with_a_pass();
    kiosk.harness.state_mut().handle_keyboard_scan(&payload);
    kiosk.harness.run();
    kiosk.harness.get_by_label_contains("离线验证：有效");
    // Valid, but nobody passes unmeasured: a pass (not a colour), and "measure".
    kiosk.harness.get_by_label("出入证有效 · 请测温");
    kiosk.harness.get_by_label("5").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label("√ 出入证有效 通行");
}

#[test]
fn a_tampered_pass_is_refused_as_forged_whatever_it_looks_like() {
    let (mut kiosk, payload) = kiosk_with_a_pass();
    let mut forged: Vec<char> = payload.chars().collect();
    let last = forged.len() - 3;
    forged[last] = if forged[last] == 'A' { 'B' } else { 'A' };
    let forged: String = forged.into_iter().collect();
    kiosk.harness.state_mut().handle_keyboard_scan(&forged);
    kiosk.harness.run();
    kiosk.harness.get_by_label_contains("离线验证：无效");
    // A pass of its own verdict, in its own words: forged, and refused (never "红码").
    kiosk
        .harness
        .get_by_label("× 出入证签名无效：可能伪造 禁止通行");
    assert_eq!(
        kiosk.harness.state().gate.form().map(|f| f.colour),
        Some(HealthColour::Red)
    );
}

#[test]
fn a_screenshot_opened_from_a_file_is_scanned() {
    let mut kiosk = KioskHarness::new();
    let path = kiosk.data_path().join("screenshot.png");
    coloured_qr(
        "https://jkm.demo.invalid/v?t=FILE000007",
        [0xE0, 0x20, 0x20],
    )
    .save(&path)
    .expect("png written");
    kiosk.harness.state_mut().open_image_file(&path);
    kiosk.harness.run();
    wait_until(&mut kiosk.harness, |app| {
        app.gate.status() == GateStatus::Checking
    });
    kiosk.harness.get_by_label("× 红码 禁止通行");
}

#[test]
fn an_unreadable_file_says_so_and_keeps_going() {
    let mut kiosk = KioskHarness::new();
    let path = kiosk.data_path().join("not-an-image.png");
    std::fs::write(&path, b"not a picture").expect("written");
    kiosk.harness.state_mut().open_image_file(&path);
    wait_until(&mut kiosk.harness, |app| {
        matches!(app.gate.status(), GateStatus::Failed { .. })
    });
    kiosk.harness.get_by_label_contains("无法打开图片");
}

#[test]
fn a_pass_used_at_another_gate_minutes_ago_is_flagged() {
    let (mut kiosk, payload) = kiosk_with_a_pass();
    kiosk.harness.state_mut().services.config.gate = "2号岗".into();
    kiosk.harness.state_mut().handle_keyboard_scan(&payload);
    kiosk.harness.run();
    kiosk.harness.get_by_label("5").click();
    kiosk.harness.get_by_label("确认登记 Enter").click();
    wait_until(&mut kiosk.harness, |app| {
        matches!(app.gate.status(), GateStatus::Saved { .. })
    });

    kiosk.harness.state_mut().services.config.gate = "1号岗".into();
    kiosk.harness.state_mut().handle_keyboard_scan(&payload);
    wait_until(&mut kiosk.harness, |app| app.gate.pass_reuse().is_some());
    kiosk.harness.get_by_label_contains("可能被转借或复制");
}

#[test]
fn why_a_code_gets_its_verdict_follows_the_language_switch() {
    let mut kiosk = KioskHarness::new();
    kiosk
        .harness
        .state_mut()
        .handle_keyboard_scan("PARKING-TICKET-0042");
    kiosk.harness.run();
    kiosk.harness.get_by_label("• 无法识别的码，请人工选择颜色");
    kiosk.harness.get_by_label("English F9").click();
    kiosk.harness.run();
    kiosk
        .harness
        .get_by_label("• unrecognised code; choose the colour yourself");
}

/// What the camera thread would report for `code`.
fn camera_event(code: &checkpoint_kiosk::scan::DetectedCode) -> ScanEvent {
    ScanEvent {
        code: code.clone(),
        frame_sequence: 1,
        source: SourceKind::Demo,
    }
}

#[test]
fn the_picture_holds_on_the_code_being_checked_and_not_on_the_next_one() {
    let mut kiosk = KioskHarness::new();
    let first = checkpoint_kiosk::scan::scan_still(&coloured_qr(
        "https://jkm.demo.checkpoint-kiosk.invalid/v?t=FIRST0009",
        [0x1A, 0xAD, 0x19],
    ))
    .remove(0);
    let second = checkpoint_kiosk::scan::scan_still(&coloured_qr(
        "https://jkm.demo.checkpoint-kiosk.invalid/v?t=NEXT00010",
        [0xD0, 0x1C, 0x1C],
    ))
    .remove(0);
    kiosk
        .harness
        .state_mut()
        .accept_scan_event(&camera_event(&first));
    kiosk.harness.run();
    assert!(kiosk.harness.state().preview.is_frozen());

    // The next person's red code is queued; the picture stays on the first person's code.
    kiosk
        .harness
        .state_mut()
        .accept_scan_event(&camera_event(&second));
    kiosk.harness.run();
    assert!(kiosk.harness.state().gate.next_in_line().is_some());

    kiosk.harness.get_by_label("5").click();
    kiosk.harness.get_by_label("确认登记 Enter").click();
    wait_until(&mut kiosk.harness, |app| {
        app.gate.status() == GateStatus::Checking && app.gate.next_in_line().is_none()
    });
    // The red code's form is open, but its picture was never held: live until it is seen again.
    assert!(!kiosk.harness.state().preview.is_frozen());
    kiosk
        .harness
        .state_mut()
        .accept_scan_event(&camera_event(&second));
    assert!(kiosk.harness.state().preview.is_frozen());
}
