//! The valid and invalid examples of shared/domain.md, each one a test: resident IDs, plates,
//! documents and phones.

use checkpoint_kiosk::model::document::{Document, DocumentError, DocumentKind};
use checkpoint_kiosk::model::id_number::{IdError, ResidentId};
use checkpoint_kiosk::model::phone::{Phone, PhoneKind};
use checkpoint_kiosk::model::plate::{PROVINCE_CHARS, Plate, PlateError, PlateKind};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn id(text: &str) -> Result<ResidentId, IdError> {
    ResidentId::parse_on(text, today())
}

#[test]
fn domain_valid_resident_ids_parse() {
    for number in [
        "11010519491231002X",
        "440524188001010014",
        "34052419800101001X",
    ] {
        assert_eq!(
            id(number).map(|id| id.as_str().to_owned()),
            Ok(number.to_owned())
        );
    }
}

#[test]
fn a_person_born_in_1880_is_still_valid() {
    let born_1880 = id("440524188001010014").expect("valid");
    assert_eq!(
        born_1880.birth_date(),
        NaiveDate::from_ymd_opt(1880, 1, 1).expect("date")
    );
    assert!(born_1880.is_male());
    assert_eq!(born_1880.province_code(), "44");
}

#[test]
fn a_wrong_check_character_is_named() {
    assert_eq!(
        id("110105194912310021"),
        Err(IdError::WrongCheckChar {
            expected: 'X',
            found: '1'
        })
    );
}

#[test]
fn february_31_does_not_exist() {
    let error = id("11010519490231002X").expect_err("no such date");
    assert_eq!(error, IdError::NoSuchDate("1949-02-31".to_owned()));
    assert!(
        error
            .to_string()
            .contains("the birth date 1949-02-31 does not exist")
    );
}

#[test]
fn month_13_does_not_exist() {
    assert_eq!(
        id("11010519491331002X"),
        Err(IdError::NoSuchDate("1949-13-31".to_owned()))
    );
}

#[test]
fn prefix_01_is_no_province() {
    assert_eq!(
        id("01010519491231002X"),
        Err(IdError::UnknownProvince("01".to_owned()))
    );
}

#[test]
fn legacy_fifteen_digit_number_is_upgraded() {
    assert_eq!(
        id("110105491231002").map(|id| id.to_string()),
        Ok("11010519491231002X".into())
    );
}

#[test]
fn births_before_1850_are_typing_mistakes() {
    assert!(matches!(
        id("110105184912310010"),
        Err(IdError::BornTooEarly(_))
    ));
}

#[test]
fn wrong_lengths_and_letters_are_refused() {
    assert_eq!(id(""), Err(IdError::Empty));
    assert_eq!(id("1101051949123100"), Err(IdError::WrongLength(16)));
    assert_eq!(
        id("1101051949123A002X"),
        Err(IdError::BadCharacter {
            position: 14,
            found: 'A'
        })
    );
}

const VALID_PLATES: [(&str, PlateKind); 17] = [
    ("京A12345", PlateKind::Ordinary),
    ("粤B1C2D3", PlateKind::Ordinary),
    ("沪AB1234", PlateKind::Ordinary),
    ("京A·12345", PlateKind::Ordinary),
    ("粤Z1234港", PlateKind::HongKong),
    ("京A0006警", PlateKind::Police),
    ("粤E1234学", PlateKind::Coach),
    ("鲁H1234挂", PlateKind::Trailer),
    ("沪A1234领", PlateKind::Consulate),
    ("粤ED12345", PlateKind::NewEnergySmall),
    ("粤EDA1234", PlateKind::NewEnergySmall),
    ("粤EA12345", PlateKind::NewEnergySmall),
    ("粤E12345D", PlateKind::NewEnergyLarge),
    ("粤E12345K", PlateKind::NewEnergyLarge),
    ("使224009", PlateKind::Embassy),
    ("京O12345", PlateKind::Ordinary),
    ("粤Z1234澳", PlateKind::Macau),
];

#[test]
fn domain_valid_plates_parse_with_their_kind() {
    for (text, kind) in VALID_PLATES {
        let plate = Plate::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"));
        assert_eq!(plate.kind(), kind, "{text}");
        assert_eq!(plate.as_str(), text.replace('·', ""), "{text}");
    }
}

#[test]
fn domain_invalid_plates_are_refused_for_the_right_reason() {
    let cases = [
        ("假E12345", PlateError::UnknownProvince('假')),
        ("粤I12345", PlateError::BadAuthorityLetter('I')),
        ("粤E1O234", PlateError::LetterIOrO),
        ("粤EABC12", PlateError::TooManyLetters(3)),
        ("粤ED1A234", PlateError::NotNewEnergy),
        ("粤E12345Z", PlateError::NotNewEnergy),
        ("京A1234港", PlateError::HongKongMacauOutsideGuangdong),
        ("京A123456", PlateError::NotNewEnergy),
        ("京A1234", PlateError::WrongLength(6)),
        ("京12345", PlateError::BadAuthorityLetter('1')),
        ("粤E12345学", PlateError::BadSuffixedPlate('学')),
    ];
    for (text, expected) in cases {
        assert_eq!(Plate::parse(text), Err(expected), "{text}");
    }
}

#[test]
fn plates_display_with_a_middle_dot_after_the_second_character() {
    let display = |text| Plate::parse(text).map(|plate| plate.display());
    assert_eq!(display("京a 12345"), Ok("京A·12345".to_owned()));
    assert_eq!(display("粤ED12345"), Ok("粤E·D12345".to_owned()));
    assert_eq!(display("224009使"), Ok("使224009".to_owned()));
}

#[test]
fn the_province_keyboard_has_31_distinct_characters_starting_with_beijing() {
    assert_eq!(PROVINCE_CHARS[0], '京');
    assert_eq!(PROVINCE_CHARS[30], '琼');
    let mut sorted = PROVINCE_CHARS.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), 31);
}

#[test]
fn each_document_kind_accepts_its_documented_shape() {
    let cases = [
        (DocumentKind::HkMacauPermit, "H12345678"),
        (DocumentKind::HkMacauPermit, "M1234567801"),
        (DocumentKind::TaiwanPermit, "12345678"),
        (DocumentKind::MainlandPermitToHkMacau, "C12345678"),
        (DocumentKind::MainlandPermitToHkMacau, "CA1234567"),
        (DocumentKind::ChinesePassport, "E12345678"),
        (DocumentKind::ChinesePassport, "EB1234567"),
        (DocumentKind::ForeignPassport, "X1234"),
        (DocumentKind::ForeignPassport, "AB12345678901234567Z"),
    ];
    for (kind, number) in cases {
        let document = Document::parse(kind, number).unwrap_or_else(|e| panic!("{number}: {e}"));
        assert_eq!((document.kind(), document.number()), (kind, number));
    }
}

#[test]
fn each_document_kind_refuses_other_shapes() {
    let cases = [
        (DocumentKind::HkMacauPermit, "C12345678"),
        (DocumentKind::HkMacauPermit, "H123456789"),
        (DocumentKind::TaiwanPermit, "1234567"),
        (DocumentKind::MainlandPermitToHkMacau, "CI1234567"),
        (DocumentKind::MainlandPermitToHkMacau, "CO1234567"),
        (DocumentKind::ChinesePassport, "G12345678"),
        (DocumentKind::ForeignPassport, "X123"),
        (DocumentKind::ForeignPassport, "AB12345678901234567ZQ"),
        (DocumentKind::ForeignPassport, "AB12_3456"),
    ];
    for (kind, number) in cases {
        assert!(
            matches!(
                Document::parse(kind, number),
                Err(DocumentError::WrongFormat { .. })
            ),
            "{number}"
        );
    }
}

#[test]
fn a_resident_id_document_carries_the_id_error() {
    assert!(matches!(
        Document::parse(DocumentKind::ResidentId, "110105194912310021"),
        Err(DocumentError::ResidentId(IdError::WrongCheckChar { .. }))
    ));
}

#[test]
fn phones_follow_the_domain_rules() {
    let parsed = |text| Phone::parse(text).map(|p| (p.as_str().to_owned(), p.kind()));
    assert_eq!(
        parsed("+86 138 1234 5678"),
        Ok(("13812345678".into(), PhoneKind::Mobile))
    );
    assert_eq!(
        parsed("0086-19912345678"),
        Ok(("19912345678".into(), PhoneKind::Mobile))
    );
    assert_eq!(
        parsed("010-12345678"),
        Ok(("01012345678".into(), PhoneKind::Landline))
    );
    assert_eq!(
        parsed("0755 1234567"),
        Ok(("07551234567".into(), PhoneKind::Landline))
    );
    assert!(parsed("12345678901").is_err());
    assert!(parsed("138123456789").is_err());
}
