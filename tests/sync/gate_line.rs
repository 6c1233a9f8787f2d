//! The sync line the volunteer sees in the counter bar, in the real window (egui_kittest).

use checkpoint_kiosk::config::DistrictConfig;
use checkpoint_kiosk::district::{self, RoleKind};
use egui_kittest::kittest::{NodeT, Queryable};

use crate::district::{DB, District};
use crate::store_support;
use crate::ui_support::{KioskHarness, wait_until};

fn line_text(kiosk: &KioskHarness) -> Option<String> {
    kiosk
        .harness
        .query_by_label_contains("区数据库：")
        .and_then(|node| node.value().or_else(|| node.accesskit_node().label()))
}

#[test]
fn the_counter_bar_shows_the_last_sync_and_then_the_server_down_in_chinese() {
    let Some(district) = District::start() else {
        return;
    };
    let password = "gate-password-123";
    district::add_role(
        &mut district.admin(),
        RoleKind::Kiosk,
        "kiosk_gate",
        password,
        Some("cp-gate"),
    )
    .expect("role");
    let url = district.cluster.url_for("kiosk_gate", DB);
    let mut kiosk = KioskHarness::with_setup(|data_dir| {
        let password_file = data_dir.root().join("district.password");
        std::fs::write(&password_file, password).expect("password");
        let mut config = data_dir.load_config().expect("config");
        config.checkpoint_id = "cp-gate".to_owned();
        config.district = Some(DistrictConfig {
            postgres: url,
            password_file: Some(password_file),
            sync_interval_seconds: 0.2,
            ..DistrictConfig::default()
        });
        data_dir.save_config(&config).expect("save");
        data_dir
            .join_shared_secret(&store_support::key())
            .expect("secret");
    });
    wait_until(&mut kiosk.harness, |app| {
        app.services
            .sync
            .as_ref()
            .is_some_and(|sync| sync.status().last_success.is_some())
    });
    let shown = line_text(&kiosk).expect("the sync line");
    assert!(
        shown.contains("上次同步") && shown.contains("待上传 0"),
        "{shown}"
    );

    district.cluster.stop();
    wait_until(&mut kiosk.harness, |app| {
        app.services
            .sync
            .as_ref()
            .is_some_and(|sync| sync.status().last_error.is_some())
    });
    let shown = line_text(&kiosk).expect("the sync line");
    assert!(shown.contains("连不上区数据库"), "{shown}");
    assert!(
        shown.contains("本机照常登记"),
        "the gate keeps working: {shown}"
    );
}
