//! Entries built from known plain values, shared by the store and report tests.
#![allow(dead_code)]

use checkpoint_kiosk::model::document::DocumentKind;
use checkpoint_kiosk::model::entry::{ColourSource, NewPersonEntry, NewVehicleEntry, Provenance};
use checkpoint_kiosk::model::pii::{
    HashKind, PiiKey, Protected, mask_document, mask_name, mask_phone,
};
use checkpoint_kiosk::model::plate::{PlateKind, RecordedPlateKind};
use checkpoint_kiosk::model::{
    Celsius, CodeFormat, Decision, Direction, FeverThreshold, HealthColour, MeasureMethod,
    ScreenedPerson, TemperatureReading,
};
use chrono::{DateTime, TimeZone, Utc};

/// The usual fever line, 37.3 °C.
pub fn fever_line() -> FeverThreshold {
    FeverThreshold::new(37.3).expect("a body temperature")
}

/// A person ready to save, the fever decided against [`fever_line`].
pub fn screen(person: &NewPersonEntry) -> ScreenedPerson {
    person.clone().screened(fever_line())
}

pub fn screen_all(people: &[NewPersonEntry]) -> Vec<ScreenedPerson> {
    people.iter().map(screen).collect()
}
pub const PLAIN_ID: &str = "11010519491231002X";
pub const PLAIN_PHONE: &str = "13812345678";
pub const PLAIN_NAME: &str = "张三丰";
pub const PLAIN_CODE: &str = "HC:GD:440524188001010014:GREEN";

pub fn key() -> PiiKey {
    PiiKey::from_bytes(&[42u8; 32]).expect("32 bytes")
}

pub fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, hour, minute, 0)
        .single()
        .expect("valid time")
}

pub fn prov(checkpoint_id: &str) -> Provenance {
    Provenance {
        checkpoint_id: checkpoint_id.to_owned(),
        gate: "north".to_owned(),
        operator: "李*".to_owned(),
        shift_id: None,
    }
}

pub fn reading(celsius: f32, method: MeasureMethod) -> TemperatureReading {
    TemperatureReading {
        celsius: Celsius::new(celsius).expect("plausible"),
        method,
    }
}

/// A person who scanned a code, with one forehead reading.
pub fn scanned(colour: HealthColour, celsius: f32) -> NewPersonEntry {
    let key = key();
    NewPersonEntry {
        colour,
        code_format: Some(CodeFormat::HealthCode),
        code: Some(Protected::new(
            &key,
            HashKind::CodePayload,
            PLAIN_CODE,
            "粤康码 ****0014".to_owned(),
        )),
        temperatures: vec![reading(celsius, MeasureMethod::Forehead)],
        ..NewPersonEntry::default()
    }
}

/// A person without a phone, registered by ID card, name and phone, re-measured twice.
pub fn registered() -> NewPersonEntry {
    let key = key();
    NewPersonEntry {
        direction: Direction::Out,
        colour: HealthColour::Yellow,
        colour_source: ColourSource::Confirmed,
        document_kind: Some(DocumentKind::ResidentId),
        document: Some(Protected::new(
            &key,
            HashKind::Document,
            PLAIN_ID,
            mask_document(PLAIN_ID),
        )),
        name: Some(Protected::new(
            &key,
            HashKind::Name,
            PLAIN_NAME,
            mask_name(PLAIN_NAME),
        )),
        phone: Some(Protected::new(
            &key,
            HashKind::Phone,
            PLAIN_PHONE,
            mask_phone(PLAIN_PHONE),
        )),
        temperatures: vec![
            reading(36.1, MeasureMethod::Forehead),
            reading(37.0, MeasureMethod::Wrist),
            reading(37.5, MeasureMethod::Armpit),
        ],
        travel_star: Some(true),
        origin: Some("广州".to_owned()),
        destination: Some("3号楼".to_owned()),
        decision: Decision::Refer,
        note: Some("sent to the fever clinic".to_owned()),
        ..NewPersonEntry::default()
    }
}

pub fn car(plate: &str, decision: Decision) -> NewVehicleEntry {
    NewVehicleEntry {
        plate: plate.to_owned(),
        plate_kind: RecordedPlateKind::Ga36(PlateKind::Ordinary),
        vehicle_type: "car".to_owned(),
        origin: Some("深圳".to_owned()),
        passengers: 2,
        decision,
        ..NewVehicleEntry::default()
    }
}
