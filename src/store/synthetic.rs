//! Realistic synthetic entries at district scale, for the `bench` command and the criterion
//! benchmark: 8 checkpoints with two gates each, three shifts a day, more traffic by day than at
//! night, residents and cars that come back, about 1 % fevers and 3 % yellow or red codes.
//!
//! Personal values are made up and hashed with a throw-away key, exactly as the kiosk would.

use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::EntryRecordOwned;
use super::codec::new_entry_id;
use crate::model::document::DocumentKind;
use crate::model::entry::{ColourSource, NewPersonEntry, NewVehicleEntry, Provenance};
use crate::model::pii::{HashKind, PiiKey, Protected, mask_document, mask_name, mask_phone};
use crate::model::plate::{PlateKind, RecordedPlateKind};
use crate::model::{
    Celsius, CodeFormat, Decision, Direction, HealthColour, MeasureMethod, PersonEntry,
    TemperatureReading, VehicleEntry,
};

pub const CHECKPOINTS: usize = 8;
const RESIDENTS: usize = 60_000;
const CARS: usize = 12_000;
/// Relative traffic per hour of the day (local time): quiet nights, morning and evening peaks.
const HOURLY_WEIGHT: [u32; 24] = [
    1, 1, 1, 1, 1, 2, 5, 9, 10, 8, 7, 7, 8, 7, 7, 7, 8, 10, 9, 7, 5, 4, 3, 2,
];
const ORIGINS: [&str; 8] = [
    "本市", "广州", "深圳", "东莞", "佛山", "武汉", "上海", "北京",
];
const VEHICLE_TYPES: [&str; 5] = ["car", "car", "van", "truck", "motorcycle"];

pub fn checkpoint_id(index: usize) -> String {
    format!("cp-{:02}", index + 1)
}

/// Generates `persons` + `vehicles` entries spread over `days` days from `start`, oldest first.
pub struct Synthetic {
    rng: StdRng,
    codes: Vec<Protected>,
    documents: Vec<(Protected, Protected, Protected)>,
    plates: Vec<String>,
    start: DateTime<Utc>,
    days: i64,
    persons_left: u64,
    vehicles_left: u64,
    day: i64,
    day_times: Vec<i64>,
}

impl Synthetic {
    pub fn new(persons: u64, vehicles: u64, start: DateTime<Utc>, days: i64) -> Self {
        let key = PiiKey::from_bytes(&[9u8; 32]).unwrap_or_else(PiiKey::generate);
        let codes = (0..RESIDENTS)
            .map(|resident| {
                Protected::new(
                    &key,
                    HashKind::CodePayload,
                    &format!("HC:{resident:08}"),
                    format!("健康码 ****{:04}", resident % 10_000),
                )
            })
            .collect();
        let documents = (0..RESIDENTS / 10)
            .map(|person| {
                let id = format!("4405241980{:04}{:03}X", person % 1231, person % 1000);
                let phone = format!("138{person:08}");
                (
                    Protected::new(&key, HashKind::Document, &id, mask_document(&id)),
                    Protected::new(
                        &key,
                        HashKind::Name,
                        &format!("王{person}"),
                        mask_name("王小明"),
                    ),
                    Protected::new(&key, HashKind::Phone, &phone, mask_phone(&phone)),
                )
            })
            .collect();
        let plates = (0..CARS).map(|car| format!("粤B{car:05}")).collect();
        Self {
            rng: StdRng::seed_from_u64(2020),
            codes,
            documents,
            plates,
            start,
            days: days.max(1),
            persons_left: persons,
            vehicles_left: vehicles,
            day: -1,
            day_times: Vec::new(),
        }
    }

    /// The next `count` entries (fewer at the end).
    pub fn batch(&mut self, count: usize) -> Vec<EntryRecordOwned> {
        (0..count).map_while(|_| self.next_entry()).collect()
    }

    fn next_entry(&mut self) -> Option<EntryRecordOwned> {
        let left = self.persons_left + self.vehicles_left;
        if left == 0 {
            return None;
        }
        let at = self.next_time(left);
        let is_person = self.rng.gen_range(0..left) < self.persons_left;
        let checkpoint = self.rng.gen_range(0..CHECKPOINTS);
        let prov = Provenance {
            checkpoint_id: checkpoint_id(checkpoint),
            gate: format!("gate-{}", self.rng.gen_range(1..=2)),
            operator: format!("志愿者{:02}", checkpoint * 6 + self.rng.gen_range(0..6)),
            shift_id: None,
        };
        Some(if is_person {
            self.persons_left -= 1;
            EntryRecordOwned::Person(self.person(at, prov))
        } else {
            self.vehicles_left -= 1;
            EntryRecordOwned::Vehicle(self.vehicle(at, prov))
        })
    }

    /// Times come day by day, each day's share drawn by hourly weight and sorted.
    fn next_time(&mut self, left: u64) -> DateTime<Utc> {
        if self.day_times.is_empty() {
            self.day += 1;
            let days_left = (self.days - self.day).max(1) as u64;
            let today = left.div_ceil(days_left) as usize;
            let total: u32 = HOURLY_WEIGHT.iter().sum();
            let day_start = self.day.min(self.days - 1) * 86_400_000;
            let mut times: Vec<i64> = (0..today)
                .map(|_| {
                    let hour = weighted_hour(self.rng.gen_range(0..total));
                    day_start + hour as i64 * 3_600_000 + self.rng.gen_range(0..3_600_000)
                })
                .collect();
            times.sort_unstable_by(|a, b| b.cmp(a));
            self.day_times = times;
        }
        let offset_ms = self.day_times.pop().unwrap_or_default();
        self.start + Duration::milliseconds(offset_ms)
    }

    fn person(&mut self, at: DateTime<Utc>, provenance: Provenance) -> PersonEntry {
        let rng = &mut self.rng;
        let colour = match rng.gen_range(0..1000) {
            0..=19 => HealthColour::Yellow,
            20..=29 => HealthColour::Red,
            30..=34 => HealthColour::Unknown,
            _ => HealthColour::Green,
        };
        let fever_case = rng.gen_bool(0.01);
        let mut readings = vec![reading(
            if fever_case {
                rng.gen_range(37.3..39.5)
            } else {
                rng.gen_range(35.8..37.1)
            },
            MeasureMethod::Forehead,
        )];
        if fever_case || rng.gen_bool(0.02) {
            readings.push(reading(
                if fever_case {
                    rng.gen_range(37.3..39.0)
                } else {
                    36.5
                },
                MeasureMethod::Armpit,
            ));
        }
        let registered = rng.gen_bool(0.08);
        let mut entry = NewPersonEntry {
            direction: if rng.gen_bool(0.5) {
                Direction::In
            } else {
                Direction::Out
            },
            colour,
            colour_source: if registered {
                ColourSource::Confirmed
            } else {
                ColourSource::Scanned
            },
            travel_star: Some(rng.gen_bool(0.05)),
            origin: rng
                .gen_bool(0.2)
                .then(|| ORIGINS[rng.gen_range(0..ORIGINS.len())].to_owned()),
            decision: match (colour, fever_case) {
                (_, true) => Decision::Refer,
                (HealthColour::Red, _) => Decision::Deny,
                _ => Decision::Pass,
            },
            temperatures: readings.into_iter().flatten().collect(),
            ..NewPersonEntry::default()
        };
        if registered {
            let (document, name, phone) =
                self.documents[rng.gen_range(0..self.documents.len())].clone();
            entry.document_kind = Some(DocumentKind::ResidentId);
            entry.document = Some(document);
            entry.name = Some(name);
            entry.phone = Some(phone);
        } else {
            entry.code_format = Some(CodeFormat::HealthCode);
            entry.code = Some(self.codes[rng.gen_range(0..self.codes.len())].clone());
        }
        if rng.gen_bool(0.03) {
            entry.repeat_of = Some(new_entry_id(at - Duration::minutes(20)));
        }
        PersonEntry {
            entry_id: new_entry_id(at),
            recorded_at: at,
            provenance,
            fever: fever_case,
            details: entry,
            voided: None,
        }
    }

    fn vehicle(&mut self, at: DateTime<Utc>, provenance: Provenance) -> VehicleEntry {
        let rng = &mut self.rng;
        let from_away = rng.gen_bool(0.3);
        let details = NewVehicleEntry {
            direction: if rng.gen_bool(0.5) {
                Direction::In
            } else {
                Direction::Out
            },
            plate: self.plates[rng.gen_range(0..self.plates.len())].clone(),
            // The plates made up here are ordinary ones (粤B00042).
            plate_kind: RecordedPlateKind::Ga36(PlateKind::Ordinary),
            vehicle_type: VEHICLE_TYPES[rng.gen_range(0..VEHICLE_TYPES.len())].to_owned(),
            origin: from_away.then(|| ORIGINS[rng.gen_range(1..ORIGINS.len())].to_owned()),
            passengers: rng.gen_range(1..=4),
            decision: if from_away && rng.gen_bool(0.1) {
                Decision::Divert
            } else {
                Decision::Pass
            },
            ..NewVehicleEntry::default()
        };
        VehicleEntry {
            entry_id: new_entry_id(at),
            recorded_at: at,
            provenance,
            details,
            voided: None,
        }
    }
}

/// Readings are drawn inside the plausible range, so `None` never happens in practice.
fn reading(celsius: f64, method: MeasureMethod) -> Option<TemperatureReading> {
    Celsius::new(celsius as f32)
        .ok()
        .map(|celsius| TemperatureReading { celsius, method })
}

/// The hour whose cumulative weight first exceeds `pick`.
fn weighted_hour(mut pick: u32) -> usize {
    for (hour, weight) in HOURLY_WEIGHT.iter().enumerate() {
        if pick < *weight {
            return hour;
        }
        pick -= weight;
    }
    12
}
