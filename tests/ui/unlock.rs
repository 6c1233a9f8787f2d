//! The window of an encrypted database starts on the unlock screen: a shift leader types the
//! passphrase; a wrong one is refused in Chinese and the gate's screens stay closed.

use std::sync::Arc;

use checkpoint_kiosk::config::{DataDir, Passphrase};
use checkpoint_kiosk::store::Store;
use checkpoint_kiosk::ui::KioskStart;
use checkpoint_kiosk::ui::app::KioskApp;
use checkpoint_kiosk::ui::services::FrameSourceChoice;
use checkpoint_kiosk::ui::unlock_screen::{Unlock, unlock_ui};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const PASSPHRASE: &str = "night shift gate 3";

type State = (Unlock, Option<KioskApp>);

fn unlock_harness(data: DataDir) -> Harness<'static, State> {
    let start = KioskStart {
        source: FrameSourceChoice::None,
        feed: Vec::new(),
        wake: Arc::new(|| {}),
        fullscreen: false,
    };
    let unlock = Unlock::new(data, start);
    Harness::builder()
        .with_size([1366.0, 768.0])
        .with_context_setup(|ctx| {
            checkpoint_kiosk::ui::fonts::install(ctx);
        })
        .build_ui_state(
            |ui, state: &mut State| {
                if state.1.is_none() {
                    state.1 = unlock_ui(ui, &mut state.0);
                }
            },
            (unlock, None),
        )
}

fn type_and_enter(harness: &mut Harness<'static, State>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

#[test]
fn an_encrypted_database_opens_the_gate_only_after_a_leader_types_its_passphrase() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = DataDir::open(folder.path().join("data")).expect("data dir");
    let key = Passphrase::new(PASSPHRASE.to_owned()).expect("long enough");
    drop(Store::open_keyed(&data.database_path(), Some(&key)).expect("encrypted"));

    let mut harness = unlock_harness(data);
    harness.run();
    harness.get_by_label_contains("数据库已加密");

    type_and_enter(&mut harness, "the wrong words");
    harness.get_by_label_contains("口令不对");
    assert!(harness.state().1.is_none(), "the gate stays closed");

    type_and_enter(&mut harness, "short");
    harness.get_by_label_contains("口令太短");

    type_and_enter(&mut harness, PASSPHRASE);
    assert!(harness.state().1.is_some(), "the gate's screens start");
}
