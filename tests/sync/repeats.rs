//! Repeats across gates through the server: keyed hashes and plates only.

use checkpoint_kiosk::model::{Decision, HealthColour};
use checkpoint_kiosk::store::RepeatKey;
use chrono::{Duration, Utc};

use crate::district::District;
use crate::store_support::*;

#[test]
fn a_person_seen_at_the_east_gate_is_a_repeat_at_the_west_gate() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    let mut east_store = east.store();
    let mut west_store = west.store();
    let now = Utc::now();
    let person = east_store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-east"),
            now - Duration::minutes(2),
        )
        .expect("person");
    let vehicle = east_store
        .save_vehicle(
            &car("粤B12345", Decision::Pass),
            &prov("cp-east"),
            now - Duration::minutes(1),
        )
        .expect("car");
    let code = RepeatKey::Code(person.details.code.clone().expect("code").hash);
    let plate = RepeatKey::Plate("粤B12345".to_owned());
    let window = now - Duration::minutes(30);
    assert_eq!(
        west_store.find_repeat(&code, window).expect("look-up"),
        None
    );

    let pushed = east.sync(&mut east_store);
    assert_eq!(pushed.pulled, 0, "a kiosk never pulls its own keys back");
    let pulled = west.sync(&mut west_store);
    assert_eq!(pulled.pulled, 2, "{pulled:?}");

    let hit = west_store
        .find_repeat(&code, window)
        .expect("look-up")
        .expect("the east gate's visit");
    assert_eq!(hit.entry_id, person.entry_id);
    assert_eq!(hit.checkpoint_id, "cp-east");
    assert_eq!(hit.gate, "north");
    let car_hit = west_store
        .find_repeat(&plate, window)
        .expect("look-up")
        .expect("the car");
    assert_eq!(car_hit.entry_id, vehicle.entry_id);
    // Pulling again brings nothing new and nothing twice.
    assert_eq!(west.sync(&mut west_store).pulled, 0);

    // A void at the east gate: that visit no longer counts at the west gate either.
    east_store
        .void_entry(person.entry_id, "scanned twice", "李*", now)
        .expect("void");
    east.sync(&mut east_store);
    west.sync(&mut west_store);
    assert_eq!(
        west_store.find_repeat(&code, window).expect("look-up"),
        None
    );
    assert!(
        west_store
            .find_repeat(&plate, window)
            .expect("look-up")
            .is_some()
    );
}

#[test]
fn keys_older_than_the_repeat_window_are_not_pulled() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    let mut east_store = east.store();
    east_store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-east"),
            Utc::now() - Duration::hours(3),
        )
        .expect("old visit");
    east.sync(&mut east_store);
    let mut west_store = west.store();
    assert_eq!(west.sync(&mut west_store).pulled, 0);
}
