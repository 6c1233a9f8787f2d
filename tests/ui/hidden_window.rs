//! eframe calls `App::logic` before every frame and also while the window is hidden or
//! minimised; the kiosk's polling lives there, so codes read and the store's answers are taken
//! in although no frame is drawn.

use std::time::{Duration, Instant};

use checkpoint_kiosk::app::{GateStatus, KioskApp};
use checkpoint_kiosk::model::Role;
use checkpoint_kiosk::store::Store;

use crate::ui_support::{KioskHarness, coloured_qr};

/// Runs only the kiosk's `logic`, as eframe does while nobody looks at the window, until
/// `done` holds.
#[track_caller]
fn run_logic_until(app: &mut KioskApp, done: impl Fn(&KioskApp) -> bool) {
    let ctx = egui::Context::default();
    let deadline = Instant::now() + Duration::from_mins(1);
    while !done(app) {
        assert!(Instant::now() < deadline, "timed out waiting for the app");
        app.logic(&ctx);
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_code_read_while_the_window_is_hidden_opens_its_form_without_a_drawn_frame() {
    let mut kiosk = KioskHarness::new();
    let path = kiosk.data_path().join("held-up.png");
    coloured_qr(
        "https://jkm.demo.invalid/v?t=HIDDEN0001",
        [0x1A, 0xAD, 0x19],
    )
    .save(&path)
    .expect("png written");
    let app = kiosk.harness.state_mut();
    app.open_image_file(&path);

    run_logic_until(app, |app| app.gate.status() == GateStatus::Checking);

    assert!(
        app.gate.form().is_some(),
        "the person's form is open for the next frame"
    );
}

#[test]
fn the_stores_answer_arrives_while_the_window_is_hidden() {
    let mut kiosk = KioskHarness::new();
    // A shift opened beside the window (the harness's first frame already asked for the shift).
    let checkpoint_id = kiosk.harness.state().services.config.checkpoint_id.clone();
    let mut store = Store::open(&kiosk.database_path()).expect("store");
    let now = chrono::Utc::now();
    let leader = store
        .sign_in("王组长", Role::Leader, Some("2468"), now)
        .expect("leader");
    store
        .open_shift(&leader, &checkpoint_id, now)
        .expect("shift opens");
    let app = kiosk.harness.state_mut();
    app.request_current_shift();

    run_logic_until(app, |app| app.duty.shift.is_some());

    assert_eq!(
        app.duty.shift.as_ref().map(|shift| shift.leader.as_str()),
        Some("王组长")
    );
}
