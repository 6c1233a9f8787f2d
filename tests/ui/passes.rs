//! Settings: EU DCC signer certificates imported; a shift leader creates the checkpoint's signing
//! key, issues a resident's pass and revokes it; the printed card scans valid, then revoked.

use crate::ui_support;

use checkpoint_kiosk::app::KioskApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use ui_support::{KioskHarness, type_into, wait_until};

fn pass_message(app: &KioskApp) -> String {
    app.passes
        .message
        .as_ref()
        .map(|said| said.text(app.lang).to_owned())
        .unwrap_or_default()
}

fn sign_in(harness: &mut Harness<'static, KioskApp>, leader: bool) {
    harness.get_by_label("班次报表 F5").click();
    harness.run();
    type_into(harness, "姓名", "赵班长");
    if leader {
        harness.get_by_label("班长").click();
        harness.run();
        type_into(harness, "密码（PIN）", "1357");
        type_into(harness, "再输一遍", "1357");
    }
    harness.get_by_label("签到").click();
    wait_until(harness, |app| app.duty.signed_in.is_some());
    harness.get_by_label("设置").click();
    wait_until(harness, |app| app.passes.book.is_some());
}

/// A leader's PIN in the pass panel: each key, issue and revoke asks for it (the name, typed
/// once, stays in its field).
fn leader_pin(harness: &mut Harness<'static, KioskApp>) {
    if harness.state().passes.form.leader_name.is_empty() {
        type_into(harness, "核准班长姓名", "赵班长");
    }
    type_into(harness, "核准班长密码（PIN）", "1357");
}

/// The payload printed on the card, read back with the app's own scanner.
fn payload_on_card(card: &std::path::Path) -> String {
    let picture = image::open(card).expect("card PNG").to_rgb8();
    checkpoint_kiosk::scan::scan_still(&picture)
        .pop()
        .expect("the card's QR code reads")
        .text
}

#[test]
fn a_leader_issues_a_pass_that_scans_valid_until_revoked() {
    let mut kiosk = KioskHarness::new();
    sign_in(&mut kiosk.harness, true);
    leader_pin(&mut kiosk.harness);
    kiosk.harness.get_by_label("创建出入证印章").click();
    wait_until(&mut kiosk.harness, |app| {
        pass_message(app).contains("已创建出入证印章")
    });

    type_into(&mut kiosk.harness, "持证人姓名", "王五");
    type_into(&mut kiosk.harness, "住址（楼-单元-室）", "2-1-101");
    leader_pin(&mut kiosk.harness);
    kiosk.harness.get_by_label("签发并生成卡片 (PNG)").click();
    wait_until(&mut kiosk.harness, |app| {
        pass_message(app).contains("已签发出入证")
    });
    let book = kiosk.harness.state().passes.book.clone().expect("book");
    let pass_id = book.issued[0].pass.pass_id.clone();
    let card = kiosk
        .data_path()
        .join("passes")
        .join(format!("pass-{pass_id}.png"));
    let payload = payload_on_card(&card);

    kiosk.harness.get_by_label("扫码登记 F1").click();
    kiosk.harness.state_mut().handle_keyboard_scan(&payload);
    kiosk.harness.run();
    kiosk.harness.get_by_label_contains("离线验证：有效");
    kiosk.harness.get_by_label("取消 Esc").click();
    kiosk.harness.run();

    kiosk.harness.get_by_label("设置").click();
    kiosk.harness.run();
    type_into(&mut kiosk.harness, "按编号注销出入证", &pass_id);
    // The one beside the number (the list has one beside each pass too).
    kiosk
        .harness
        .get_all_by_label("注销…")
        .next()
        .expect("a revoke button")
        .click();
    kiosk.harness.run();
    type_into(&mut kiosk.harness, "注销原因", "丢失");
    leader_pin(&mut kiosk.harness);
    kiosk.harness.get_by_label("确认注销").click();
    wait_until(&mut kiosk.harness, |app| {
        pass_message(app).contains("已注销出入证")
    });
    kiosk.harness.get_by_label("扫码登记 F1").click();
    kiosk.harness.state_mut().handle_keyboard_scan(&payload);
    kiosk.harness.run();
    // Revoked, said as revoked: never "forged", never a red code.
    kiosk.harness.get_by_label_contains("出入证已注销");
    assert!(kiosk.harness.query_by_label_contains("可能伪造").is_none());
    assert!(
        kiosk
            .harness
            .query_by_label_contains("红码 禁止通行")
            .is_none()
    );
}

#[test]
fn a_volunteer_cannot_issue_passes_and_a_bad_plate_is_explained() {
    let mut volunteer = KioskHarness::new();
    sign_in(&mut volunteer.harness, false);
    assert!(volunteer.harness.query_by_label("创建出入证印章").is_none());
    // Issuing is on view, but without a leader's name and PIN nothing is issued.
    type_into(&mut volunteer.harness, "持证人姓名", "孙七");
    type_into(&mut volunteer.harness, "住址（楼-单元-室）", "1-1-101");
    volunteer
        .harness
        .get_by_label("签发并生成卡片 (PNG)")
        .click();
    volunteer.harness.run();
    assert!(pass_message(volunteer.harness.state()).contains("请先填写核准班长"));
    assert!(!volunteer.data_path().join("passes").exists());

    let mut leader = KioskHarness::new();
    sign_in(&mut leader.harness, true);
    leader_pin(&mut leader.harness);
    leader.harness.get_by_label("创建出入证印章").click();
    wait_until(&mut leader.harness, |app| {
        pass_message(app).contains("已创建出入证印章")
    });
    type_into(&mut leader.harness, "持证人姓名", "钱六");
    type_into(&mut leader.harness, "住址（楼-单元-室）", "货运");
    leader.harness.get_by_label("车辆").click();
    leader.harness.run();
    type_into(&mut leader.harness, "车牌", "粤B1234");
    leader_pin(&mut leader.harness);
    leader.harness.get_by_label("签发并生成卡片 (PNG)").click();
    leader.harness.run();
    let message = pass_message(leader.harness.state());
    assert!(
        !message.is_empty() && !message.contains("已签发"),
        "{message}"
    );
    assert!(
        !leader.data_path().join("passes").exists(),
        "nothing issued"
    );
}

#[test]
fn eu_dcc_signer_certificates_are_imported_from_settings() {
    let mut kiosk = KioskHarness::new();
    kiosk.harness.get_by_label("设置").click();
    kiosk.harness.run();
    let settings_message = |app: &KioskApp| {
        app.settings
            .message
            .as_ref()
            .map(|said| said.text(app.lang).to_owned())
            .unwrap_or_default()
    };
    let certificate = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/dcc-es256.cert.pem");
    type_into(
        &mut kiosk.harness,
        "导入欧盟数字新冠证书签发者证书（PEM 文件路径）",
        certificate,
    );
    kiosk.harness.get_by_label("导入").click();
    wait_until(&mut kiosk.harness, |app| !settings_message(app).is_empty());
    let message = settings_message(kiosk.harness.state());
    assert!(message.contains("✓ 已导入证书数： 1"), "{message}");

    kiosk.harness.state_mut().settings.trust_path = "/nonexistent/signers.pem".to_owned();
    kiosk.harness.state_mut().settings.message = None;
    kiosk.harness.run();
    kiosk.harness.get_by_label("导入").click();
    wait_until(&mut kiosk.harness, |app| !settings_message(app).is_empty());
    let message = settings_message(kiosk.harness.state());
    assert!(
        message.contains("导入失败") && message.contains("无法读写"),
        "{message}"
    );
}

#[test]
fn the_camera_and_its_resolution_are_chosen_in_settings_and_remembered() {
    let mut kiosk = KioskHarness::new();
    // What the camera-listing thread reports on a laptop with a webcam.
    kiosk.harness.state_mut().devices.cameras = vec![checkpoint_kiosk::capture::CameraInfo {
        index: 0,
        name: "USB2.0 HD UVC WebCam".to_owned(),
        resolutions: vec![[1920, 1080], [1280, 720], [640, 480]],
    }];
    kiosk.harness.get_by_label("设置").click();
    kiosk.harness.run();
    kiosk
        .harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "分辨率")
        .click();
    kiosk.harness.run();
    kiosk.harness.get_by_label("1920×1080").click();
    kiosk.harness.run();
    kiosk.harness.get_by_label("保存设置").click();
    kiosk.harness.run();
    let saved = std::fs::read_to_string(kiosk.data_path().join("kiosk.toml")).expect("settings");
    assert!(saved.contains("1920,\n    1080"), "{saved}");
}
