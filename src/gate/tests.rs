//! The gate's rules, event by event, without a window: what each state shows and does.

use super::*;
use crate::config::Language;
use crate::model::entry::Provenance;
use crate::model::pii::{HashKind, PiiKey, Protected};
use crate::model::{CodeFormat, Decision};
use chrono::TimeZone;

fn at(second: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 8, 0, 0)
        .single()
        .expect("a valid time")
        + Duration::seconds(second)
}

fn rules() -> Rules {
    Rules {
        fever_threshold: FeverThreshold::default(),
        default_direction: Direction::In,
    }
}

fn gate() -> Gate {
    Gate::new(rules())
}

/// Saves the open form and answers as the store would.
fn save(gate: &mut Gate) {
    let entry = saved_entry(&gate.confirm());
    gate.saved(Ok(committed(entry)), at(1));
}

fn code(payload: &str, colour: HealthColour) -> ScannedCode {
    let key = PiiKey::from_bytes(&[7; 32]).expect("32 bytes");
    ScannedCode {
        label: format!("…{}", &payload[payload.len().saturating_sub(4)..]),
        format: CodeFormat::HealthCode,
        colour_read: colour,
        confidence: 0.95,
        code: Protected::new(&key, HashKind::CodePayload, payload, "…".into()),
        valid: None,
        reasons: Vec::new(),
        expired: false,
        suggested_colour: None,
        practice: None,
        pass: None,
    }
}

fn lookup_id(effects: &[Effect]) -> u64 {
    effects
        .iter()
        .find_map(|effect| match effect {
            Effect::LookUpRepeat { id, .. } => Some(*id),
            _ => None,
        })
        .expect("a repeat look-up was asked")
}

fn saved_entry(effects: &[Effect]) -> NewPersonEntry {
    effects
        .iter()
        .find_map(|effect| match effect {
            Effect::Save(entry) => Some((**entry).clone()),
            _ => None,
        })
        .expect("a save was asked")
}

/// What the store would answer for `entry`: committed, with a fever flag by the threshold.
fn committed(entry: NewPersonEntry) -> (String, PersonEntry) {
    let fever = entry
        .final_temperature()
        .is_some_and(|reading| reading.celsius.is_fever(FeverThreshold::default()));
    (
        "…abcd".into(),
        PersonEntry {
            entry_id: EntryId::new_random(),
            recorded_at: at(0),
            provenance: Provenance {
                checkpoint_id: "east".into(),
                gate: "1号岗".into(),
                operator: "值守员".into(),
                shift_id: None,
            },
            fever,
            details: entry,
            voided: None,
        },
    )
}

fn type_text(gate: &mut Gate, text: &str) {
    for c in text.chars() {
        assert_eq!(gate.key(Key::Char(c), false, false), KeyUse::Taken);
    }
}

/// Opens a person, answers the look-up with no repeat and types the temperature.
fn open_and_measure(gate: &mut Gate, payload: &str, colour: HealthColour, celsius: &str) {
    let (read, effects) = gate.code_read(code(payload, colour), at(0));
    assert_eq!(read, Read::Current);
    let id = lookup_id(&effects);
    gate.repeat_answered(id, Ok(None), None);
    type_text(gate, celsius);
}

fn headline(gate: &Gate, now: DateTime<Utc>) -> String {
    gate.banner(now).headline.text(Language::ZhCn)
}

#[test]
fn a_green_code_says_measure_until_the_temperature_is_in_then_pass() {
    let mut gate = gate();
    let (_, effects) = gate.code_read(code("green-1", HealthColour::Green), at(0));
    assert_eq!(gate.status(), GateStatus::Checking);
    assert_eq!(gate.banner(at(0)).tone, Tone::Neutral);
    assert_eq!(headline(&gate, at(0)), "绿码 · 请测温");
    assert!(
        !effects.contains(&Effect::Play(Cue::Pass)),
        "no pass chime before the temperature"
    );
    gate.repeat_answered(lookup_id(&effects), Ok(None), None);
    type_text(&mut gate, "5");
    assert_eq!(gate.banner(at(1)).tone, Tone::Green);
    assert_eq!(headline(&gate, at(1)), "绿码 通行");
}

#[test]
fn enter_saves_and_the_green_outcome_shows_until_the_next_code() {
    let mut gate = gate();
    open_and_measure(&mut gate, "green-1", HealthColour::Green, "5");
    assert_eq!(gate.key(Key::Enter, false, false), KeyUse::Confirm);
    let effects = gate.confirm();
    assert_eq!(gate.status(), GateStatus::Saving);
    let entry = saved_entry(&effects);
    assert_eq!(entry.decision, Decision::Pass);
    let effects = gate.saved(Ok(committed(entry)), at(1));
    assert!(effects.contains(&Effect::Play(Cue::Pass)));
    assert!(effects.contains(&Effect::NextPerson));
    assert!(matches!(gate.status(), GateStatus::Saved { .. }));
    assert!(headline(&gate, at(2)).starts_with("已保存"));
    // The next code replaces the outcome at once: a pass holds nobody up.
    let (read, _) = gate.code_read(code("green-2", HealthColour::Green), at(2));
    assert_eq!(read, Read::Current);
    assert_eq!(gate.status(), GateStatus::Checking);
}

#[test]
fn a_fever_that_stays_high_is_referred_and_stays_on_the_banner() {
    let mut gate = gate();
    open_and_measure(&mut gate, "green-1", HealthColour::Green, "37.8");
    let effects = gate.confirm();
    assert!(
        effects.contains(&Effect::Play(Cue::Alarm)),
        "re-measure alarm"
    );
    assert_eq!(gate.status(), GateStatus::Checking);
    assert_eq!(gate.banner(at(1)).tone, Tone::Fever);
    assert!(matches!(
        gate.message(),
        Some(FormMessage::Block(ConfirmBlock::Remeasure { .. }))
    ));
    type_text(&mut gate, "38.1");
    let entry = saved_entry(&gate.confirm());
    assert_eq!(entry.decision, Decision::Refer);
    assert_eq!(entry.temperatures.len(), 2);
    gate.saved(Ok(committed(entry)), at(2));
    // Enter after the save does not wipe the referral: at least 3 s, until acknowledged.
    assert_eq!(gate.key(Key::Enter, false, false), KeyUse::Taken);
    assert_eq!(gate.banner(at(3)).tone, Tone::Fever);
    assert!(
        headline(&gate, at(3)).contains("发热"),
        "{}",
        headline(&gate, at(3))
    );
    assert!(headline(&gate, at(3)).contains("移交"));
    // Acknowledged and past the hold: the gate waits for the next code.
    assert_eq!(gate.banner(at(6)).tone, Tone::Neutral);
    assert_eq!(gate.state(at(6)), GateState::Waiting);
}

#[test]
fn an_unacknowledged_referral_stays_until_the_next_code() {
    let mut gate = gate();
    open_and_measure(&mut gate, "red-1", HealthColour::Red, "5");
    let entry = saved_entry(&gate.confirm());
    gate.saved(Ok(committed(entry)), at(1));
    assert_eq!(
        gate.banner(at(60)).tone,
        Tone::Red,
        "a minute later: still red"
    );
    gate.code_read(code("green-2", HealthColour::Green), at(61));
    assert_eq!(gate.status(), GateStatus::Checking);
}

#[test]
fn a_fever_that_re_measures_normal_passes() {
    let mut gate = gate();
    open_and_measure(&mut gate, "green-1", HealthColour::Green, "37.4");
    gate.confirm();
    type_text(&mut gate, "36.7");
    assert_eq!(gate.banner(at(1)).tone, Tone::Green);
    let entry = saved_entry(&gate.confirm());
    assert_eq!(entry.decision, Decision::Pass);
    assert_eq!(entry.temperatures.len(), 2);
}

#[test]
fn the_next_code_waits_behind_a_stopping_outcome_for_three_seconds() {
    let mut gate = gate();
    open_and_measure(&mut gate, "yellow-1", HealthColour::Yellow, "5");
    let entry = saved_entry(&gate.confirm());
    gate.saved(Ok(committed(entry)), at(10));
    let (read, effects) = gate.code_read(code("green-2", HealthColour::Green), at(11));
    assert_eq!(read, Read::Queued);
    assert_eq!(effects, vec![Effect::Queued]);
    assert_eq!(gate.banner(at(11)).tone, Tone::Yellow);
    // Keys typed meanwhile are the next person's.
    type_text(&mut gate, "6");
    let (effects, wake) = gate.tick(at(12));
    assert!(effects.is_empty());
    assert_eq!(wake, Some(Duration::seconds(1)));
    let (effects, wake) = gate.tick(at(13));
    assert_eq!(wake, None);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LookUpRepeat { .. }))
    );
    assert_eq!(gate.status(), GateStatus::Checking);
    assert_eq!(gate.form().map(|f| f.temperature_text.as_str()), Some("6"));
}

#[test]
fn a_scan_while_measuring_waits_in_line_once_and_opens_after_the_save() {
    let mut gate = gate();
    open_and_measure(&mut gate, "green-1", HealthColour::Green, "5");
    let (read, _) = gate.code_read(code("green-2", HealthColour::Green), at(1));
    assert_eq!(read, Read::Queued);
    let (read, effects) = gate.code_read(code("green-2", HealthColour::Green), at(1));
    assert_eq!(read, Read::AlreadyWaiting);
    assert!(effects.is_empty());
    let (read, _) = gate.code_read(code("green-1", HealthColour::Green), at(1));
    assert_eq!(
        read,
        Read::Current,
        "the camera sees the person being checked again"
    );
    assert_eq!(gate.in_line(), 1);
    assert_eq!(gate.form().map(|f| f.temperature_text.as_str()), Some("5"));
    let entry = saved_entry(&gate.confirm());
    let effects = gate.saved(Ok(committed(entry)), at(2));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LookUpRepeat { .. }))
    );
    assert_eq!(gate.in_line(), 0);
    assert_eq!(gate.status(), GateStatus::Checking);
}

#[test]
fn a_scanner_burst_during_a_save_and_the_keys_after_it_go_to_the_next_person() {
    let mut gate = gate();
    open_and_measure(&mut gate, "green-1", HealthColour::Green, "5");
    let entry = saved_entry(&gate.confirm());
    // The scanner reads the next phone while the first is being committed.
    let (read, _) = gate.code_read(code("green-2", HealthColour::Green), at(1));
    assert_eq!(read, Read::Queued);
    assert_eq!(gate.status(), GateStatus::Saving);
    assert_eq!(gate.key(Key::Char('6'), false, false), KeyUse::Taken);
    assert_eq!(gate.key(Key::Enter, false, false), KeyUse::Taken);
    assert_eq!(gate.key(Key::Char('7'), false, false), KeyUse::Taken);
    let effects = gate.saved(Ok(committed(entry)), at(2));
    let id = lookup_id(&effects);
    // "6 Enter" belongs to the second person: the save waits for their look-up.
    assert_eq!(gate.form().map(|f| f.temperature_text.as_str()), Some("6"));
    assert!(matches!(&gate.person, Person::Checking(check) if check.confirm_waiting));
    let effects = gate.repeat_answered(id, Ok(None), None);
    assert_eq!(saved_entry(&effects).temperatures[0].celsius.value(), 36.6);
    assert_eq!(
        gate.type_ahead,
        vec![Key::Char('7')],
        "the third person's key is kept"
    );
}

#[test]
fn a_repeat_reply_after_the_person_left_is_dropped() {
    let mut gate = gate();
    let (_, effects) = gate.code_read(code("green-1", HealthColour::Green), at(0));
    let first = lookup_id(&effects);
    gate.cancel(at(1));
    let (_, effects) = gate.code_read(code("green-2", HealthColour::Green), at(2));
    let second = lookup_id(&effects);
    let hit = RepeatHit {
        entry_id: EntryId::new_random(),
        at: at(-60),
        checkpoint_id: "east".into(),
        gate: "1号岗".into(),
    };
    assert!(
        gate.repeat_answered(first, Ok(Some(hit.clone())), None)
            .is_empty()
    );
    assert_eq!(gate.repeat(), None);
    let effects = gate.repeat_answered(second, Ok(Some(hit)), None);
    assert_eq!(effects, vec![Effect::Play(Cue::Alarm)]);
    assert_eq!(gate.banner(at(3)).tone, Tone::Repeat);
}

#[test]
fn a_repeat_stops_the_person_and_is_saved_marked() {
    let mut gate = gate();
    let (_, effects) = gate.code_read(code("green-1", HealthColour::Green), at(0));
    let hit = RepeatHit {
        entry_id: EntryId::new_random(),
        at: at(-60),
        checkpoint_id: "west".into(),
        gate: "2号岗".into(),
    };
    let earlier = hit.entry_id;
    gate.repeat_answered(lookup_id(&effects), Ok(Some(hit)), None);
    type_text(&mut gate, "5");
    let entry = saved_entry(&gate.confirm());
    assert_eq!(entry.repeat_of, Some(earlier));
    gate.saved(Ok(committed(entry)), at(1));
    assert_eq!(gate.key(Key::Enter, false, false), KeyUse::Taken);
    assert_eq!(gate.banner(at(2)).tone, Tone::Repeat, "held after Enter");
}

#[test]
fn enter_before_the_look_up_answers_saves_when_it_does() {
    let mut gate = gate();
    let (_, effects) = gate.code_read(code("green-1", HealthColour::Green), at(0));
    type_text(&mut gate, "5");
    assert!(gate.confirm().is_empty(), "waits for the look-up");
    let effects = gate.repeat_answered(lookup_id(&effects), Err(Said::same("busy")), None);
    assert_eq!(saved_entry(&effects).repeat_of, None);
}

#[test]
fn a_save_that_fails_keeps_the_form_and_can_be_saved_again() {
    let mut gate = gate();
    open_and_measure(&mut gate, "green-1", HealthColour::Green, "5");
    gate.confirm();
    gate.saved(Err(Said::new("磁盘已满", "disk full")), at(1));
    assert!(matches!(gate.status(), GateStatus::Failed { .. }));
    assert_eq!(gate.form().map(|f| f.temperature_text.as_str()), Some("5"));
    let effects = gate.confirm();
    assert_eq!(gate.status(), GateStatus::Saving);
    assert_eq!(saved_entry(&effects).decision, Decision::Pass);
}

#[test]
fn passengers_are_linked_and_the_boarding_ends_by_itself_at_n() {
    let mut gate = gate();
    let vehicle = EntryId::new_random();
    gate.board(vehicle, "粤B12345".into(), 2);
    for (n, payload) in ["p-1", "p-2"].into_iter().enumerate() {
        open_and_measure(&mut gate, payload, HealthColour::Green, "5");
        let entry = saved_entry(&gate.confirm());
        assert_eq!(entry.vehicle_id, Some(vehicle), "passenger {}", n + 1);
        gate.saved(Ok(committed(entry)), at(1));
        if n == 0 {
            assert_eq!(gate.boarding().map(|b| b.saved), Some(1));
        }
    }
    assert_eq!(gate.boarding(), None, "2/2: the boarding is over");
    open_and_measure(&mut gate, "p-3", HealthColour::Green, "5");
    assert_eq!(gate.form().and_then(|f| f.vehicle_id), None);
}

#[test]
fn out_is_for_one_person_and_the_gate_default_returns_after_the_save() {
    let mut gate = gate();
    gate.set_direction(Direction::Out);
    open_and_measure(&mut gate, "green-1", HealthColour::Green, "5");
    assert_eq!(gate.form().map(|f| f.direction), Some(Direction::Out));
    save(&mut gate);
    open_and_measure(&mut gate, "green-2", HealthColour::Green, "5");
    assert_eq!(gate.form().map(|f| f.direction), Some(Direction::In));
}

#[test]
fn an_exit_gate_pinned_to_out_keeps_out_for_everyone() {
    let mut gate = gate();
    gate.set_rules(Rules {
        default_direction: Direction::Out,
        ..rules()
    });
    for code in ["green-1", "green-2"] {
        open_and_measure(&mut gate, code, HealthColour::Green, "5");
        assert_eq!(gate.form().map(|f| f.direction), Some(Direction::Out));
        save(&mut gate);
    }
}

#[test]
fn keys_in_a_text_field_go_back_to_it_and_enter_still_saves() {
    let mut gate = gate();
    open_and_measure(&mut gate, "green-1", HealthColour::Green, "");
    assert_eq!(gate.key(Key::Char('深'), true, false), KeyUse::GiveBack);
    assert_eq!(gate.key(Key::Enter, true, false), KeyUse::Confirm);
}

#[test]
fn a_temperature_takes_digits_and_a_point_only_up_to_five_characters() {
    let mut text = String::new();
    for c in "3a6.55x9".chars() {
        edit_temperature(&mut text, Key::Char(c));
    }
    assert_eq!(text, "36.55");
    edit_temperature(&mut text, Key::Backspace);
    assert_eq!(text, "36.5");
}

#[test]
fn an_open_person_not_seen_before_is_looked_up_again_when_other_gates_entries_arrive() {
    let mut gate = gate();
    open_and_measure(&mut gate, "green-1", HealthColour::Green, "5");
    let effects = gate.look_again();
    let id = lookup_id(&effects);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LookUpRepeat { opened: false, .. })),
        "a second look, not a new person"
    );
    let hit = RepeatHit {
        entry_id: EntryId::new_random(),
        at: at(-60),
        checkpoint_id: "west".into(),
        gate: "2号岗".into(),
    };
    gate.repeat_answered(id, Ok(Some(hit)), None);
    assert!(gate.repeat().is_some());
    assert!(headline(&gate, at(1)).contains("重复"));
    assert!(
        gate.look_again().is_empty(),
        "a person flagged stays flagged"
    );
}

#[test]
fn a_held_no_phone_save_takes_no_second_save_until_its_look_up_answers() {
    let mut gate = gate();
    let person = |add_companion| HeldSave::Person {
        entry: Box::new(NewPersonEntry::default()),
        add_companion,
    };
    assert!(!gate.holds_save());
    assert!(
        gate.hold(person(true)),
        "the first save waits for its look-up"
    );
    assert!(gate.holds_save());
    assert!(
        !gate.hold(person(false)),
        "a double tap while the look-up runs is refused, not saved twice"
    );
    assert_eq!(
        gate.release_held(),
        Some(person(true)),
        "the first one is saved"
    );
    assert_eq!(
        gate.release_held(),
        None,
        "an answer comes once: a late one saves nothing"
    );
    let vehicle = HeldSave::Vehicle {
        entry: Box::new(crate::model::NewVehicleEntry::default()),
        board: true,
    };
    assert!(
        gate.hold(vehicle.clone()),
        "after the answer the next save is held again"
    );
    assert_eq!(gate.release_held(), Some(vehicle));
}
