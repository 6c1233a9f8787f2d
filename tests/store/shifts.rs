//! Sign-in, leader PINs, shifts with handover notes, and retention.

use crate::store_support;

use checkpoint_kiosk::model::LogFilter;
use checkpoint_kiosk::model::{Decision, HealthColour, Role};
use checkpoint_kiosk::store::{Store, StoreError};
use chrono::Duration;
use store_support::*;

fn store() -> Store {
    Store::open_in_memory().expect("in-memory store")
}

#[test]
fn a_leader_sets_a_pin_on_first_sign_in_and_must_repeat_it() {
    let mut store = store();
    assert_eq!(
        store.sign_in("陈队长", Role::Leader, None, at(8, 0)),
        Err(StoreError::PinRequired)
    );
    let leader = store
        .sign_in("陈队长", Role::Leader, Some("2468"), at(8, 0))
        .expect("first sign-in");
    assert_eq!(leader.role, Role::Leader);
    assert_eq!(
        store.sign_in("陈队长", Role::Leader, Some("1111"), at(8, 1)),
        Err(StoreError::WrongPin("陈队长".to_owned()))
    );
    let again = store
        .sign_in("陈队长", Role::Leader, Some("2468"), at(8, 2))
        .expect("right PIN");
    assert_eq!(again.operator_id, leader.operator_id);
    assert!(
        store
            .sign_in("小王", Role::Volunteer, None, at(8, 3))
            .is_ok(),
        "volunteers need no PIN"
    );
    assert_eq!(
        store.sign_in("  ", Role::Volunteer, None, at(8, 3)),
        Err(StoreError::EmptyName)
    );
}

#[test]
fn a_shift_opens_once_per_checkpoint_and_closes_with_a_handover_note() {
    let mut store = store();
    let leader = store
        .sign_in("陈队长", Role::Leader, Some("2468"), at(8, 0))
        .expect("leader");
    let volunteer = store
        .sign_in("小王", Role::Volunteer, None, at(8, 1))
        .expect("volunteer");
    assert_eq!(
        store.open_shift(&volunteer, "cp-1", at(8, 0)),
        Err(StoreError::NotALeader("小王".to_owned()))
    );
    assert_eq!(store.current_shift("cp-1").expect("query"), None);

    let shift = store.open_shift(&leader, "cp-1", at(8, 0)).expect("opened");
    assert_eq!(
        (
            shift.checkpoint_id.as_str(),
            shift.leader.as_str(),
            shift.opened_at
        ),
        ("cp-1", "陈队长", at(8, 0))
    );
    assert_eq!(
        store.current_shift("cp-1").expect("query"),
        Some(shift.clone())
    );
    assert!(matches!(
        store.open_shift(&leader, "cp-1", at(9, 0)),
        Err(StoreError::ShiftAlreadyOpen { .. })
    ));
    assert!(
        store.open_shift(&leader, "cp-2", at(9, 0)).is_ok(),
        "another checkpoint has its own shift"
    );

    let closed = store
        .close_shift(
            shift.shift_id,
            "two fevers referred; thermometer battery low",
            at(16, 0),
        )
        .expect("closed");
    assert_eq!(closed.closed_at, Some(at(16, 0)));
    assert_eq!(
        closed.handover_note.as_deref(),
        Some("two fevers referred; thermometer battery low")
    );
    assert_eq!(store.current_shift("cp-1").expect("query"), None);
    assert_eq!(
        store.last_closed_shift("cp-1").expect("query"),
        Some(closed)
    );
    assert_eq!(
        store.close_shift(shift.shift_id, "", at(16, 1)),
        Err(StoreError::ShiftAlreadyClosed(shift.shift_id))
    );
    assert_eq!(
        store.close_shift(999, "", at(16, 1)),
        Err(StoreError::ShiftNotFound(999))
    );
    let on_duty: Vec<String> = store
        .signed_in_between(at(7, 0), at(16, 0))
        .expect("query")
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(on_duty, ["陈队长", "小王"]);
}

#[test]
fn purging_deletes_old_entries_and_keeps_a_count_only_audit_line() {
    let mut store = store();
    let old = store
        .save_person(
            &screen(&registered()),
            &prov("cp-1"),
            at(8, 0) - Duration::days(30),
        )
        .expect("saved");
    store
        .void_entry(old.entry_id, "typo", "王*", at(8, 0) - Duration::days(30))
        .expect("voided");
    store
        .save_vehicle(
            &car("粤B1C2D3", Decision::Pass),
            &prov("cp-1"),
            at(8, 0) - Duration::days(29),
        )
        .expect("saved");
    let recent = store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-1"),
            at(8, 0),
        )
        .expect("saved");

    let summary = store
        .purge_older_than(at(8, 0) - Duration::days(28))
        .expect("purged");
    assert_eq!((summary.persons, summary.vehicles), (1, 1));
    assert_eq!(store.person(old.entry_id).expect("read"), None);
    assert!(store.person(recent.entry_id).expect("read").is_some());
    let all = LogFilter {
        include_voided: true,
        ..LogFilter::default()
    };
    assert_eq!(store.entries(&all).expect("log").len(), 1);

    let audit = store.audit_log(10).expect("audit");
    let purges: Vec<_> = audit.iter().filter(|line| line.1 == "purge").collect();
    assert_eq!(purges.len(), 1, "{audit:?}");
    assert!(audit[0].2.contains("1 person and 1 vehicle"));
    assert!(
        !audit[0].2.contains("张") && !audit[0].2.contains("粤B"),
        "no personal data in the audit log"
    );
}

/// Issue 15: people registered before the leader opened the shift belonged to no shift report.
/// The next shift opened that day takes them (and covers them from the first one); people
/// registered before the previous shift closed, or on an earlier day, stay where they were.
#[test]
fn a_shift_opened_later_that_day_takes_the_entries_made_while_no_shift_was_open() {
    let mut store = store();
    let leader = store
        .sign_in("陈队长", Role::Leader, Some("2468"), at(0, 30))
        .expect("leader");
    let person = screen(&scanned(HealthColour::Green, 36.5));
    store
        .save_person(&person, &prov("cp-1"), at(1, 0))
        .expect("night, before the first shift");
    let night = store
        .open_shift(&leader, "cp-1", at(2, 0))
        .expect("night shift");
    store
        .close_shift(night.shift_id, "quiet night", at(6, 0))
        .expect("closed");
    store
        .save_person(&person, &prov("cp-1"), at(7, 40))
        .expect("before the day shift");
    store
        .save_person(&person, &prov("cp-2"), at(7, 45))
        .expect("another checkpoint");
    let day = store
        .open_shift_adopting(&leader, "cp-1", at(8, 0), at(0, 0))
        .expect("day shift");
    // From 07:40, not 01:00: the night person was before the night shift closed.
    assert_eq!(
        day.opened_at,
        at(7, 40),
        "the shift covers the 07:40 person"
    );
    let rows = store
        .entries(&LogFilter {
            limit: 10,
            ..LogFilter::default()
        })
        .expect("entries");
    assert_eq!(rows.len(), 3, "nothing was lost or copied");
    // Nothing to take: a shift opened right after covers only itself.
    store
        .close_shift(day.shift_id, "", at(16, 0))
        .expect("closed");
    let evening = store
        .open_shift_adopting(&leader, "cp-1", at(16, 5), at(0, 0))
        .expect("evening shift");
    assert_eq!(evening.opened_at, at(16, 5));
}
