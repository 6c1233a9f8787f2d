//! Saving, reading back, voiding, listing and counting entries.

use crate::store_support;

use checkpoint_kiosk::model::LogFilter;
use checkpoint_kiosk::model::{
    Counters, Decision, Direction, EntryKind, HealthColour, NewVehicleEntry,
};
use checkpoint_kiosk::store::{RepeatKey, Store, StoreError};
use store_support::*;

fn store() -> Store {
    Store::open_in_memory().expect("in-memory store")
}

#[test]
fn a_saved_person_reads_back_exactly() {
    let mut store = store();
    let saved = store
        .save_person(&screen(&registered()), &prov("cp-1"), at(9, 0))
        .expect("saved");
    assert!(saved.fever, "the final armpit reading 37.5 is a fever");
    assert_eq!(
        store.person(saved.entry_id).expect("read"),
        Some(saved.clone())
    );
    assert_eq!(
        store.vehicle(saved.entry_id).expect("read"),
        None,
        "a person is not a vehicle"
    );
}

#[test]
fn the_final_reading_decides_fever() {
    let mut store = store();
    let mut cold_wind = scanned(HealthColour::Green, 37.6);
    cold_wind
        .temperatures
        .push(reading(36.6, checkpoint_kiosk::model::MeasureMethod::Wrist));
    let saved = store
        .save_person(&screen(&cold_wind), &prov("cp-1"), at(9, 0))
        .expect("saved");
    assert!(!saved.fever);
    let rows = store.entries(&LogFilter::default()).expect("log");
    assert_eq!(rows[0].temperature, Some(36.6));
    assert_eq!(
        store
            .person(saved.entry_id)
            .expect("read")
            .expect("found")
            .details
            .temperatures
            .len(),
        2
    );
}

#[test]
fn the_store_keeps_the_fever_decided_against_the_configured_line() {
    let mut store = store();
    let at_the_line = scanned(HealthColour::Green, 37.3);
    let usual = store
        .save_person(&screen(&at_the_line), &prov("cp-1"), at(9, 0))
        .expect("saved");
    assert!(usual.fever, "37.3 is fever at the usual line");
    let higher_line = checkpoint_kiosk::model::FeverThreshold::new(37.5).expect("in range");
    let raised = store
        .save_person(
            &at_the_line.clone().screened(higher_line),
            &prov("cp-1"),
            at(9, 1),
        )
        .expect("saved");
    assert!(!raised.fever, "37.3 is below a 37.5 line");
    let stored = store.person(raised.entry_id).expect("read").expect("found");
    assert!(!stored.fever);
}

#[test]
fn a_vehicle_and_its_passengers_are_saved_together() {
    let mut store = store();
    let passengers = [scanned(HealthColour::Green, 36.5), registered()];
    let (vehicle, people) = store
        .save_vehicle_with_passengers(
            &car("粤B1C2D3", Decision::Divert),
            &screen_all(&passengers),
            &prov("cp-1"),
            at(10, 0),
        )
        .expect("saved");
    assert_eq!(people.len(), 2);
    assert!(
        people
            .iter()
            .all(|person| person.details.vehicle_id == Some(vehicle.entry_id))
    );
    assert_eq!(
        store.vehicle(vehicle.entry_id).expect("read"),
        Some(vehicle)
    );
    assert_eq!(
        store.person(people[1].entry_id).expect("read"),
        Some(people[1].clone())
    );
}

#[test]
fn voiding_keeps_the_entry_and_records_who_and_why() {
    let mut store = store();
    let saved = store
        .save_person(
            &screen(&scanned(HealthColour::Red, 36.5)),
            &prov("cp-1"),
            at(9, 0),
        )
        .expect("saved");
    store
        .void_entry(saved.entry_id, "wrong colour chosen", "王*", at(9, 5))
        .expect("voided");
    let voided = store
        .person(saved.entry_id)
        .expect("read")
        .expect("still there")
        .voided
        .expect("void recorded");
    assert_eq!(
        (voided.reason.as_str(), voided.operator.as_str(), voided.at),
        ("wrong colour chosen", "王*", at(9, 5))
    );
    assert_eq!(
        store.void_entry(saved.entry_id, "again", "王*", at(9, 6)),
        Err(StoreError::AlreadyVoided(saved.entry_id))
    );
    let unknown = checkpoint_kiosk::model::EntryId::new_random();
    assert_eq!(
        store.void_entry(unknown, "x", "王*", at(9, 6)),
        Err(StoreError::EntryNotFound(unknown))
    );
    assert_eq!(
        store.void_entry(saved.entry_id, " ", "王*", at(9, 6)),
        Err(StoreError::VoidIncomplete)
    );
    assert!(
        store
            .entries(&LogFilter::default())
            .expect("log")
            .is_empty(),
        "voided rows are hidden by default"
    );
    let all = LogFilter {
        include_voided: true,
        ..LogFilter::default()
    };
    assert!(store.entries(&all).expect("log")[0].voided);
}

#[test]
fn the_log_is_newest_first_and_filters() {
    let mut store = store();
    store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-1"),
            at(8, 0),
        )
        .expect("saved");
    store
        .save_person(&screen(&registered()), &prov("cp-1"), at(8, 30))
        .expect("saved");
    store
        .save_vehicle(&car("粤B1C2D3", Decision::Divert), &prov("cp-1"), at(9, 0))
        .expect("saved");
    store
        .save_vehicle(&car("京A12345", Decision::Pass), &prov("cp-1"), at(9, 30))
        .expect("saved");

    let rows = store.entries(&LogFilter::default()).expect("log");
    let labels: Vec<&str> = rows.iter().map(|row| row.label.as_str()).collect();
    assert_eq!(labels, ["京A12345", "粤B1C2D3", "张**", "粤康码 ****0014"]);
    assert_eq!(rows[2].kind, EntryKind::Person);
    assert_eq!(
        (rows[2].direction, rows[2].decision, rows[2].fever),
        (Direction::Out, Decision::Refer, true)
    );

    let filtered = |filter: LogFilter| store.entries(&filter).expect("log").len();
    assert_eq!(
        filtered(LogFilter {
            fever_only: true,
            ..LogFilter::default()
        }),
        1
    );
    assert_eq!(
        filtered(LogFilter {
            colour: Some(HealthColour::Yellow),
            ..LogFilter::default()
        }),
        1
    );
    assert_eq!(
        filtered(LogFilter {
            decision: Some(Decision::Divert),
            ..LogFilter::default()
        }),
        1
    );
    assert_eq!(
        filtered(LogFilter {
            plate_contains: Some("B1C".to_owned()),
            ..LogFilter::default()
        }),
        1
    );
    assert_eq!(
        filtered(LogFilter {
            since: Some(at(8, 30)),
            until: Some(at(9, 0)),
            ..LogFilter::default()
        }),
        2
    );
    assert_eq!(
        filtered(LogFilter {
            limit: 3,
            ..LogFilter::default()
        }),
        3
    );
}

#[test]
fn repeats_are_found_at_any_checkpoint_within_the_window() {
    let mut store = store();
    let first = store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-east"),
            at(8, 0),
        )
        .expect("saved");
    let code_hash = first.details.code.clone().expect("code").hash;
    let hit = store
        .find_repeat(&RepeatKey::Code(code_hash.clone()), at(7, 0))
        .expect("look-up")
        .expect("a repeat");
    assert_eq!(
        (
            hit.entry_id,
            hit.at,
            hit.checkpoint_id.as_str(),
            hit.gate.as_str()
        ),
        (first.entry_id, at(8, 0), "cp-east", "north")
    );
    assert_eq!(
        store
            .find_repeat(&RepeatKey::Code(code_hash.clone()), at(8, 1))
            .expect("look-up"),
        None,
        "outside the window"
    );
    let document = registered().document.expect("document").hash;
    assert_eq!(
        store
            .find_repeat(&RepeatKey::Document(document.clone()), at(7, 0))
            .expect("look-up"),
        None
    );
    let second = store
        .save_person(&screen(&registered()), &prov("cp-west"), at(8, 10))
        .expect("saved");
    assert_eq!(
        store
            .find_repeat(&RepeatKey::Document(document), at(7, 0))
            .expect("look-up")
            .map(|hit| hit.entry_id),
        Some(second.entry_id)
    );

    let vehicle = store
        .save_vehicle(
            &car("粤B1C2D3", Decision::Pass),
            &prov("cp-east"),
            at(8, 20),
        )
        .expect("saved");
    let plate = RepeatKey::Plate("粤B1C2D3".to_owned());
    assert_eq!(
        store
            .find_repeat(&plate, at(7, 0))
            .expect("look-up")
            .map(|hit| hit.entry_id),
        Some(vehicle.entry_id)
    );
    store
        .void_entry(vehicle.entry_id, "test entry", "王*", at(8, 21))
        .expect("voided");
    assert_eq!(
        store.find_repeat(&plate, at(7, 0)).expect("look-up"),
        None,
        "voided entries are not repeats"
    );
}

#[test]
fn counters_count_what_the_gate_screen_shows() {
    let mut store = store();
    let mut repeat = scanned(HealthColour::Red, 38.0);
    repeat.decision = Decision::Deny;
    let first = store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-1"),
            at(8, 0),
        )
        .expect("saved");
    repeat.repeat_of = Some(first.entry_id);
    store
        .save_person(&screen(&repeat), &prov("cp-1"), at(8, 5))
        .expect("saved");
    store
        .save_person(&screen(&registered()), &prov("cp-1"), at(8, 10))
        .expect("saved");
    store
        .save_vehicle(&car("粤B1C2D3", Decision::Divert), &prov("cp-1"), at(8, 15))
        .expect("saved");
    let voided = store
        .save_vehicle(&car("京A12345", Decision::Divert), &prov("cp-1"), at(8, 20))
        .expect("saved");
    store
        .void_entry(voided.entry_id, "duplicate", "王*", at(8, 21))
        .expect("voided");
    store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-1"),
            at(6, 0),
        )
        .expect("saved before the window");

    // In and out count only the people let through: the red code turned back and the
    // yellow code handed over (going out) are counted by their decision instead (issue 22).
    let expected = Counters {
        persons_in: 1,
        persons_out: 0,
        vehicles: 1,
        fevers: 2,
        red: 1,
        yellow: 1,
        repeats: 1,
        diverted: 1,
        turned_back: 1,
        handed_over: 1,
        ..Counters::default()
    };
    assert_eq!(store.counters(at(7, 0)).expect("counters"), expected);
}

#[test]
fn entries_saved_in_the_same_millisecond_keep_their_order() {
    let mut store = store();
    let ids: Vec<_> = (0..5)
        .map(|_| {
            store
                .save_person(
                    &screen(&scanned(HealthColour::Green, 36.5)),
                    &prov("cp-1"),
                    at(8, 0),
                )
                .expect("saved")
                .entry_id
        })
        .collect();
    let listed: Vec<_> = store
        .entries(&LogFilter::default())
        .expect("log")
        .into_iter()
        .rev()
        .map(|row| row.entry_id)
        .collect();
    assert_eq!(listed, ids);
}

/// Issue 22: practice (demo feed, `run --feed`) is stored marked and counted apart: not in the
/// day's counters, the report's totals, the exports or the district's outbox.
#[test]
fn practice_is_counted_apart_and_left_out_of_reports_exports_and_the_sync() {
    let mut store = store();
    let pending_before = store.sync_pending().expect("pending");
    let mut practice = scanned(HealthColour::Green, 36.5);
    practice.practice = true;
    let saved = store
        .save_person(&screen(&practice), &prov("cp-1"), at(8, 0))
        .expect("saved");
    store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.4)),
            &prov("cp-1"),
            at(8, 1),
        )
        .expect("saved");
    // A plate read from a practice picture is a practice car.
    let practice_car = NewVehicleEntry {
        practice: true,
        ..car("粤B12345", Decision::Pass)
    };
    let saved_car = store
        .save_vehicle(&practice_car, &prov("cp-1"), at(8, 2))
        .expect("saved");

    let counters = store.counters(at(7, 0)).expect("counters");
    assert_eq!(
        (counters.persons_in, counters.vehicles, counters.practice),
        (1, 0, 2)
    );
    let rows = store.entries(&LogFilter::default()).expect("log");
    assert_eq!(rows.len(), 3, "the Log shows practice, marked");
    assert!(
        rows.iter()
            .any(|row| row.practice && row.entry_id == saved_car.entry_id)
    );
    assert!(
        rows.iter()
            .any(|row| row.practice && row.entry_id == saved.entry_id)
    );

    let range = checkpoint_kiosk::store::aggregates::KeyRange::new(
        &store,
        at(0, 0),
        at(23, 0),
        false,
        None,
    )
    .expect("range");
    let (totals, _) = store.totals_by_checkpoint(&range).expect("totals");
    assert_eq!((totals.persons(), totals.practice), (1, 2));
    let exported = store
        .for_each_entry(at(0, 0), at(23, 0), None, false, |_| Ok(()))
        .expect("export");
    assert_eq!(exported, 1, "exports leave practice out");
    let asked = store
        .for_each_entry(at(0, 0), at(23, 0), None, true, |_| Ok(()))
        .expect("export");
    assert_eq!(asked, 3, "unless the leader asks for practice");
    assert_eq!(
        store.sync_pending().expect("pending") - pending_before,
        1,
        "only the real person goes to the district"
    );
    let stored = store.person(saved.entry_id).expect("read").expect("found");
    assert!(stored.details.practice);
    assert_eq!(stored.details.note, None);
    let stored_car = store
        .vehicle(saved_car.entry_id)
        .expect("read")
        .expect("found");
    assert!(stored_car.details.practice);
}
