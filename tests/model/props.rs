//! Properties of the model parsers: no input makes them panic, every ID built by the rules
//! parses and round-trips, a single changed digit is always caught, and every plate built from
//! the GA 36 grammar parses with its kind.

use checkpoint_kiosk::model::document::{Document, DocumentKind};
use checkpoint_kiosk::model::id_number::ResidentId;
use checkpoint_kiosk::model::name::PersonName;
use checkpoint_kiosk::model::phone::Phone;
use checkpoint_kiosk::model::plate::{PROVINCE_CHARS, Plate, PlateKind};
use checkpoint_kiosk::model::region::RegionTable;
use checkpoint_kiosk::model::risk::RiskList;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;

const PROVINCE_PREFIXES: [&str; 35] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82", "83",
];
/// Letters a plate serial may use: A–Z without I and O.
const SERIAL_LETTERS: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const ENERGY_LETTERS: &str = "DABCEFGHJK";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

/// The check character computed straight from the standard's weights and table.
fn check_char(first_17: &str) -> char {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first_17
        .chars()
        .zip(weights)
        .map(|(c, w)| c.to_digit(10).expect("digit") * w)
        .sum();
    "10X98765432"
        .chars()
        .nth((sum % 11) as usize)
        .expect("index below 11")
}

fn birth_date() -> impl Strategy<Value = NaiveDate> {
    let earliest = NaiveDate::from_ymd_opt(1850, 1, 1).expect("valid date");
    let span = (today() - earliest).num_days() as u64;
    (0..=span).prop_map(move |offset| earliest + Days::new(offset))
}

fn valid_id() -> impl Strategy<Value = (String, NaiveDate)> {
    (
        select(PROVINCE_PREFIXES.to_vec()),
        0..10_000u32,
        birth_date(),
        0..1000u32,
    )
        .prop_map(|(prefix, area, date, sequence)| {
            let first_17 = format!("{prefix}{area:04}{}{sequence:03}", date.format("%Y%m%d"));
            let number = format!("{first_17}{}", check_char(&first_17));
            (number, date)
        })
}

fn serial_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => proptest::char::range('0', '9'),
        1 => select(SERIAL_LETTERS.chars().collect::<Vec<_>>()),
    ]
}

/// Five serial characters with at most two letters.
fn ordinary_serial() -> impl Strategy<Value = String> {
    proptest::collection::vec(serial_char(), 5)
        .prop_filter("at most 2 letters", |chars| {
            chars.iter().filter(|c| c.is_ascii_alphabetic()).count() <= 2
        })
        .prop_map(|chars| chars.into_iter().collect())
}

fn digits(count: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::char::range('0', '9'), count)
        .prop_map(|chars| chars.into_iter().collect())
}

fn prefix() -> impl Strategy<Value = String> {
    let authority = SERIAL_LETTERS.chars().chain(['O']).collect::<Vec<_>>();
    (select(PROVINCE_CHARS.to_vec()), select(authority)).prop_map(|(p, a)| format!("{p}{a}"))
}

fn valid_plate() -> impl Strategy<Value = (String, PlateKind)> {
    let energy = || select(ENERGY_LETTERS.chars().collect::<Vec<_>>());
    let suffixes = vec![
        ('警', PlateKind::Police),
        ('学', PlateKind::Coach),
        ('挂', PlateKind::Trailer),
        ('试', PlateKind::Test),
        ('超', PlateKind::Super),
        ('领', PlateKind::Consulate),
    ];
    prop_oneof![
        (prefix(), ordinary_serial()).prop_map(|(p, s)| (format!("{p}{s}"), PlateKind::Ordinary)),
        (prefix(), energy(), serial_char(), digits(4))
            .prop_map(|(p, e, c, d)| (format!("{p}{e}{c}{d}"), PlateKind::NewEnergySmall)),
        (prefix(), digits(5), energy())
            .prop_map(|(p, d, e)| (format!("{p}{d}{e}"), PlateKind::NewEnergyLarge)),
        (prefix(), digits(4), select(suffixes))
            .prop_map(|(p, d, (s, kind))| (format!("{p}{d}{s}"), kind)),
        (
            digits(4),
            select(vec![('港', PlateKind::HongKong), ('澳', PlateKind::Macau)])
        )
            .prop_map(|(d, (s, kind))| (format!("粤Z{d}{s}"), kind)),
        digits(6).prop_map(|d| (format!("使{d}"), PlateKind::Embassy)),
    ]
}

/// Text built from the characters the parsers care about, to reach past the first check.
fn parser_alphabet() -> impl Strategy<Value = String> {
    "[0-9xXA-Z京粤使港学警·\\- +０-９ｘ\u{3000}]{0,24}"
}

proptest! {
    // Failures are reported with their minimal input; this crate keeps no regression files.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_input_panics_any_parser(text in prop_oneof![any::<String>(), parser_alphabet()]) {
        let _ = ResidentId::parse_on(&text, today());
        let _ = Plate::parse(&text);
        let _ = Phone::parse(&text);
        let _ = PersonName::parse(&text);
        for kind in DocumentKind::ALL {
            let _ = Document::parse(kind, &text);
        }
        let _ = RegionTable::bundled().search(&text);
        let _ = RiskList::from_json(&text);
        let sample = RiskList::bundled_sample().expect("valid sample");
        let _ = sample.level_for(&text);
    }

    #[test]
    fn every_id_built_by_the_rules_parses_and_round_trips((number, date) in valid_id()) {
        let id = ResidentId::parse_on(&number, today()).map_err(|e| e.to_string());
        prop_assert_eq!(id.as_ref().map(ResidentId::as_str), Ok(number.as_str()));
        let id = id.expect("checked above");
        prop_assert_eq!(id.birth_date(), date);
        let reparsed = ResidentId::parse_on(&id.to_string().to_lowercase(), today());
        prop_assert_eq!(reparsed.as_ref(), Ok(&id));
    }

    #[test]
    fn changing_any_one_character_makes_an_id_invalid(
        (number, _) in valid_id(),
        position in 0..18usize,
        shift in 1..10usize,
    ) {
        // Digits anywhere; the check position may also hold X.
        let alphabet: Vec<char> = if position == 17 { "0123456789X" } else { "0123456789" }
            .chars()
            .collect();
        let mut chars: Vec<char> = number.chars().collect();
        let original = alphabet.iter().position(|&c| c == chars[position]).expect("known");
        chars[position] = alphabet[(original + shift) % alphabet.len()];
        let changed: String = chars.into_iter().collect();
        prop_assert!(ResidentId::parse_on(&changed, today()).is_err(), "{} parsed", changed);
    }

    #[test]
    fn every_plate_built_from_the_grammar_parses((text, kind) in valid_plate()) {
        let plate = Plate::parse(&text).map_err(|e| e.to_string());
        prop_assert_eq!(plate.as_ref().map(Plate::kind), Ok(kind));
        prop_assert_eq!(plate.as_ref().map(Plate::as_str), Ok(text.as_str()));
        let spaced = plate.expect("checked above").display().to_lowercase();
        prop_assert_eq!(Plate::parse(&spaced).map(|p| p.kind()), Ok(kind));
    }
}
