//! The window of an encrypted database starts on the unlock screen: a shift leader types the
//! passphrase; a wrong one is refused in Chinese and the gate's screens stay closed.

use std::sync::Arc;

use checkpoint_kiosk::app::KioskApp;
use checkpoint_kiosk::app::KioskStart;
use checkpoint_kiosk::app::recovery::Recovery;
use checkpoint_kiosk::app::services::FrameSourceChoice;
use checkpoint_kiosk::app::unlock::{Unlock, needs_new_passphrase};
use checkpoint_kiosk::config::{DataDir, Passphrase};
use checkpoint_kiosk::store::Store;
use checkpoint_kiosk::store::backup::default_backup_dir;
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
        opened_with: Default::default(),
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
                    state.1 = state.0.show(ui);
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

type RecoveryState = (Recovery, Option<KioskApp>);

#[test]
fn a_damaged_database_at_start_offers_the_latest_backup_and_the_gate_opens_on_it() {
    let folder = tempfile::tempdir().expect("temp dir");
    let data = DataDir::open(folder.path().join("data")).expect("data dir");
    let database = data.database_path();
    let store = Store::open(&database).expect("created");
    store
        .backup_into(&default_backup_dir(&database), 3, chrono::Utc::now())
        .expect("backed up");
    drop(store);
    std::fs::write(&database, vec![0u8; 16384]).expect("damaged");
    let damage = Store::open(&database).err().expect("refused");

    let start = KioskStart {
        source: FrameSourceChoice::None,
        feed: Vec::new(),
        wake: Arc::new(|| {}),
        fullscreen: false,
        opened_with: Default::default(),
    };
    let recovery = Recovery::new(data, start, &damage);
    let mut harness = Harness::builder()
        .with_size([1366.0, 768.0])
        .with_context_setup(|ctx| {
            checkpoint_kiosk::ui::fonts::install(ctx);
        })
        .build_ui_state(
            |ui, state: &mut RecoveryState| {
                if state.1.is_none() {
                    state.1 = state.0.show(ui);
                }
            },
            (recovery, None),
        );
    harness.run();
    harness.get_by_label_contains("数据库已损坏");
    harness
        .get_by_label("恢复最近的备份（损坏的文件会保留）")
        .click();
    harness.run();
    assert!(
        harness.state().1.is_some(),
        "the gate opens: {:?}",
        harness.state().0.problem()
    );
    assert!(Store::open(&database).is_ok(), "the backup is in place");
}

#[test]
fn a_new_data_folder_asks_a_leader_to_choose_a_passphrase_twice_and_creates_the_database_encrypted()
{
    let folder = tempfile::tempdir().expect("temp dir");
    let data = DataDir::open(folder.path().join("data")).expect("data dir");
    let database = data.database_path();
    assert!(needs_new_passphrase(&data));

    let mut harness = unlock_harness(data);
    harness.run();
    harness.get_by_label_contains("设置数据库口令");

    // Typed twice, differently: refused, nothing created.
    type_and_enter(&mut harness, PASSPHRASE);
    type_and_enter(&mut harness, "night shift gate 4");
    harness.get_by_label_contains("两次输入的口令不一致");
    assert!(harness.state().1.is_none());
    assert!(
        !database.exists(),
        "no database before a passphrase is chosen"
    );

    type_and_enter(&mut harness, "short");
    type_and_enter(&mut harness, "short");
    harness.get_by_label_contains("口令太短");
    assert!(harness.state().1.is_none());

    type_and_enter(&mut harness, PASSPHRASE);
    type_and_enter(&mut harness, PASSPHRASE);
    assert!(harness.state().1.is_some(), "the gate's screens start");
    assert_eq!(
        checkpoint_kiosk::store::file_state(&database).expect("state"),
        checkpoint_kiosk::store::FileState::Encrypted
    );
    let key = Passphrase::new(PASSPHRASE.to_owned()).expect("long enough");
    drop(harness);
    drop(Store::open_keyed(&database, Some(&key)).expect("opens with the chosen passphrase"));
}
