//! Shift, district-day and summary reports checked against a hand-counted fixture.

use crate::store_support;

use checkpoint_kiosk::model::{Decision, HealthColour, Role, Shift};
use checkpoint_kiosk::report::{ReportScope, ShiftReport, Summary, Totals};
use checkpoint_kiosk::store::Store;
use chrono::{Duration, FixedOffset};
use store_support::*;

fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8")
}

/// The fixture, counted by hand in the assertions below:
/// 08:10 green in 36.5 pass · 08:20 yellow out 37.5 refer (registered) · 09:05 red in deny ·
/// 09:30 car 深圳 divert · 09:45 truck pass · 10:00 green 38.2 refer repeat · 10:30 green voided ·
/// outside the shift: 07:59 at cp-1, 11:00 at cp-2.
fn fixture() -> (Store, Shift) {
    let mut store = Store::open_in_memory().expect("store");
    let leader = store
        .sign_in("陈队长", Role::Leader, Some("2468"), at(7, 55))
        .expect("leader");
    store
        .sign_in("小王", Role::Volunteer, None, at(8, 5))
        .expect("volunteer");
    let shift = store.open_shift(&leader, "cp-1", at(8, 0)).expect("shift");
    let cp1 = prov("cp-1");
    let first = store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &cp1,
            at(8, 10),
        )
        .expect("1");
    store
        .save_person(&screen(&registered()), &cp1, at(8, 20))
        .expect("2");
    let mut red = scanned(HealthColour::Red, 36.6);
    red.decision = Decision::Deny;
    store.save_person(&screen(&red), &cp1, at(9, 5)).expect("3");
    store
        .save_vehicle(&car("粤B1C2D3", Decision::Divert), &cp1, at(9, 30))
        .expect("4");
    let mut truck = car("京A12345", Decision::Pass);
    truck.vehicle_type = "truck".to_owned();
    truck.origin = None;
    store.save_vehicle(&truck, &cp1, at(9, 45)).expect("5");
    let mut repeat = scanned(HealthColour::Green, 38.2);
    repeat.decision = Decision::Refer;
    repeat.repeat_of = Some(first.entry_id);
    store
        .save_person(&screen(&repeat), &cp1, at(10, 0))
        .expect("6");
    let voided = store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.4)),
            &cp1,
            at(10, 30),
        )
        .expect("7");
    store
        .void_entry(voided.entry_id, "duplicate", "王*", at(10, 31))
        .expect("voided");
    store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &cp1,
            at(7, 59),
        )
        .expect("before");
    store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-2"),
            at(11, 0),
        )
        .expect("elsewhere");
    let shift = store
        .close_shift(shift.shift_id, "all quiet", at(16, 0))
        .expect("closed");
    (store, shift)
}

const SHIFT_TOTALS: Totals = Totals {
    persons_in: 3,
    persons_out: 1,
    vehicles_in: 2,
    vehicles_out: 0,
    green: 2,
    yellow: 1,
    red: 1,
    colour_unknown: 0,
    fevers: 2,
    passed: 2,
    denied: 1,
    referred: 2,
    diverted: 1,
    repeats: 1,
    voided: 1,
    passes_valid: 0,
    passes_expired: 0,
    passes_revoked: 0,
    passes_unknown_issuer: 0,
    passes_forged: 0,
    practice: 0,
};

#[test]
fn the_shift_report_counts_what_happened_during_the_shift() {
    let (store, shift) = fixture();
    let report = ShiftReport::build(&store, &ReportScope::Shift(shift), beijing()).expect("report");
    assert_eq!(report.totals, SHIFT_TOTALS);
    assert_eq!(
        report.by_checkpoint,
        vec![("cp-1".to_owned(), SHIFT_TOTALS)]
    );
    let hours: Vec<(String, u64, u64)> = report
        .per_hour
        .iter()
        .map(|hour| {
            (
                hour.hour_start.format("%H:%M%z").to_string(),
                hour.persons,
                hour.vehicles,
            )
        })
        .collect();
    assert_eq!(
        hours,
        [
            ("16:00+0800".to_owned(), 2, 0),
            ("17:00+0800".to_owned(), 1, 2),
            ("18:00+0800".to_owned(), 1, 0)
        ]
    );
    let types: Vec<(&str, u64, u64)> = report
        .vehicles_by_type
        .iter()
        .map(|g| (g.label.as_str(), g.vehicles, g.diverted))
        .collect();
    assert_eq!(types, [("car", 1, 1), ("truck", 1, 0)]);
    let origins: Vec<(&str, u64, u64)> = report
        .vehicles_by_origin
        .iter()
        .map(|g| (g.label.as_str(), g.vehicles, g.diverted))
        .collect();
    assert_eq!(origins, [("", 1, 0), ("深圳", 1, 1)]);
    assert_eq!(report.on_duty, ["陈队长", "小王", "李*"]);
    assert_eq!(
        report
            .shift
            .and_then(|shift| shift.handover_note)
            .as_deref(),
        Some("all quiet")
    );
}

#[test]
fn every_exception_is_listed_with_time_operator_and_reasons() {
    let (store, shift) = fixture();
    let report = ShiftReport::build(&store, &ReportScope::Shift(shift), beijing()).expect("report");
    let listed: Vec<(String, Vec<&str>, &str)> = report
        .exceptions
        .iter()
        .map(|row| {
            (
                row.at.format("%H:%M").to_string(),
                row.reasons(),
                row.operator.as_str(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("16:20".to_owned(), vec!["fever", "yellow", "refer"], "李*"),
            ("17:05".to_owned(), vec!["red", "deny"], "李*"),
            ("17:30".to_owned(), vec!["divert"], "李*"),
            ("18:00".to_owned(), vec!["fever", "refer"], "李*"),
            ("18:30".to_owned(), vec!["voided"], "李*"),
        ]
    );
    assert_eq!(
        report.exceptions[4].void_reason.as_deref(),
        Some("duplicate")
    );
    assert_eq!(report.exceptions[0].label, "张**");
}

#[test]
fn the_district_day_report_covers_every_checkpoint() {
    let (store, _) = fixture();
    let day_start = at(0, 0) - Duration::hours(8);
    let scope = ReportScope::Range {
        from: day_start,
        to: day_start + Duration::days(1),
        checkpoint_id: None,
    };
    let report = ShiftReport::build(&store, &scope, beijing()).expect("report");
    let checkpoints: Vec<(&str, u64)> = report
        .by_checkpoint
        .iter()
        .map(|(id, totals)| (id.as_str(), totals.persons()))
        .collect();
    assert_eq!(checkpoints, [("cp-1", 5), ("cp-2", 1)]);
    assert_eq!(report.totals.persons(), 6);
    assert_eq!(report.totals.voided, 1);
}

#[test]
fn long_summaries_read_the_running_tally_and_agree_with_the_entries() {
    let (mut store, _) = fixture();
    let month = ReportScope::Range {
        from: at(0, 0) - Duration::days(15),
        to: at(0, 0) + Duration::days(15),
        checkpoint_id: None,
    };
    let summary = Summary::build(&store, &month).expect("summary");
    let expected = Totals {
        persons_in: 5,
        green: 4,
        passed: 4,
        ..SHIFT_TOTALS
    };
    assert_eq!(summary.totals, expected);

    store
        .save_person(
            &screen(&scanned(HealthColour::Red, 36.5)),
            &prov("cp-2"),
            at(12, 0) - Duration::days(3),
        )
        .expect("older");
    let later = Summary::build(&store, &month).expect("summary");
    assert_eq!((later.totals.red, later.totals.persons()), (2, 7));
    store
        .purge_older_than(at(0, 0) - Duration::days(1))
        .expect("purged");
    let purged = Summary::build(&store, &month).expect("summary");
    assert_eq!(
        purged.totals, expected,
        "the purge takes its entries out of the tally too"
    );
}

#[test]
fn a_checkpoint_the_database_never_saw_has_an_empty_report() {
    let (store, _) = fixture();
    let scope = ReportScope::Range {
        from: at(0, 0),
        to: at(23, 0),
        checkpoint_id: Some("cp-9".to_owned()),
    };
    let report = ShiftReport::build(&store, &scope, beijing()).expect("report");
    assert_eq!(report.totals, Totals::default());
    assert!(report.exceptions.is_empty() && report.per_hour.is_empty());
}

#[test]
fn the_placeholder_operator_is_not_counted_as_on_duty() {
    let mut store = Store::open_in_memory().expect("store");
    let leader = store
        .sign_in("陈队长", Role::Leader, Some("2468"), at(7, 55))
        .expect("leader");
    let shift = store.open_shift(&leader, "cp-1", at(8, 0)).expect("shift");
    let mut unnamed = prov("cp-1");
    unnamed.operator = checkpoint_kiosk::store::UNNAMED_OPERATOR.to_owned();
    store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &unnamed,
            at(8, 10),
        )
        .expect("saved before anyone signed in");
    store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-1"),
            at(8, 20),
        )
        .expect("saved by a volunteer");
    let report = ShiftReport::build(&store, &ReportScope::Shift(shift), beijing()).expect("report");
    assert_eq!(report.totals.persons(), 2, "both entries still count");
    assert_eq!(report.on_duty, ["陈队长", "李*"]);
}

#[test]
fn the_shift_report_lists_reasons_in_the_readers_language() {
    use checkpoint_kiosk::config::Language;
    use checkpoint_kiosk::report::wording;
    let (store, shift) = fixture();
    let report = ShiftReport::build(&store, &ReportScope::Shift(shift), beijing()).expect("report");
    let reasons: Vec<String> = report
        .exceptions
        .iter()
        .map(|row| wording::reasons(row, Language::ZhCn))
        .collect();
    assert!(reasons.contains(&"发热，移交".to_owned()), "{reasons:?}");
    assert!(reasons.contains(&"红码，劝返".to_owned()), "{reasons:?}");
    let english: Vec<String> = report
        .exceptions
        .iter()
        .map(|row| wording::reasons(row, Language::En))
        .collect();
    assert!(
        english.contains(&"Fever, Handed over".to_owned()),
        "{english:?}"
    );
}
