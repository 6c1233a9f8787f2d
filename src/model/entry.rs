//! Entries: one person or one vehicle checked at the gate, and the facts about the check.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::document::DocumentKind;
use super::pii::Protected;
use super::plate::RecordedPlateKind;
use super::{CodeFormat, FeverThreshold, HealthColour, TemperatureReading};

/// Globally unique id of an entry, so logs of several kiosks merge without clashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntryId(pub Uuid);

impl EntryId {
    pub fn new_random() -> Self {
        Self(Uuid::new_v4())
    }
}

impl std::fmt::Display for EntryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Entering or leaving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    In,
    Out,
}

impl Direction {
    pub const ALL: [Direction; 2] = [Self::In, Self::Out];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::In => "in",
            Self::Out => "out",
        }
    }

    pub fn from_str_opt(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == text)
    }
}

/// What the gate decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    #[default]
    Pass,
    /// Turned back.
    Deny,
    /// Handed over (fever clinic, community health worker).
    Refer,
    /// Sent to the inspection area (risk-area origin).
    Divert,
}

impl Decision {
    pub const ALL: [Decision; 4] = [Self::Pass, Self::Deny, Self::Refer, Self::Divert];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Deny => "deny",
            Self::Refer => "refer",
            Self::Divert => "divert",
        }
    }

    pub fn from_str_opt(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == text)
    }

    pub fn is_exception(self) -> bool {
        self != Self::Pass
    }
}

/// Where the colour came from: read from the code's image, or told by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ColourSource {
    /// Read from the QR modules in the camera image, accepted by the volunteer.
    #[default]
    Scanned,
    /// Chosen by the volunteer (scanner without colour, unreadable colour, paper code, verbal).
    Confirmed,
}

impl ColourSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Scanned => "scanned",
            Self::Confirmed => "confirmed",
        }
    }

    pub fn from_str_opt(text: &str) -> Option<Self> {
        [Self::Scanned, Self::Confirmed]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// A person about to be saved. Personal identifiers are already hashed and masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct NewPersonEntry {
    pub direction: Direction,
    pub colour: HealthColour,
    pub colour_source: ColourSource,
    /// Format of the scanned code, if scanned.
    pub code_format: Option<CodeFormat>,
    /// The scanned payload: hash for repeats, masked label for people.
    pub code: Option<Protected>,
    /// The document shown by people registered without a code.
    pub document_kind: Option<DocumentKind>,
    pub document: Option<Protected>,
    pub name: Option<Protected>,
    pub phone: Option<Protected>,
    /// First reading, then re-measures in order.
    pub temperatures: Vec<TemperatureReading>,
    /// Travel card shows a star (the person was in a city with a mid/high-risk area).
    pub travel_star: Option<bool>,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub decision: Decision,
    /// The vehicle this person arrived in, when registered with a car.
    pub vehicle_id: Option<EntryId>,
    /// The earlier entry this one repeats (seen within the repeat window).
    pub repeat_of: Option<EntryId>,
    pub note: Option<String>,
    /// One of the district's own passes: its verdict, stored instead of a colour (issue 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_outcome: Option<crate::model::PassVerdict>,
    /// Read from the demo feed or `run --feed` pictures, not from a person: counted apart and
    /// left out of the day's counters, reports, exports and the district sync (issue 22).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub practice: bool,
    /// A family or group registered together ("保存并登记同行人"): the entry id of the group's
    /// first person, on every companion after it (issue 22).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<EntryId>,
    /// A child registered without a document: the age band, with `group_id` naming the
    /// guardian the child came with (issue 22).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<crate::model::age_band::AgeBand>,
}

impl NewPersonEntry {
    /// The last reading counts: re-measures replace a cold-wind forehead screen.
    pub fn final_temperature(&self) -> Option<TemperatureReading> {
        self.temperatures.last().copied()
    }

    /// Fever is decided on the final reading against the configured line.
    pub fn has_fever(&self, threshold: FeverThreshold) -> bool {
        self.final_temperature()
            .is_some_and(|reading| reading.celsius.is_fever(threshold))
    }

    /// The person ready to save, with the fever decided here rather than by whoever stores it.
    pub fn screened(self, threshold: FeverThreshold) -> ScreenedPerson {
        ScreenedPerson {
            fever: self.has_fever(threshold),
            details: self,
        }
    }
}

/// A person about to be saved whose fever has been decided ([`NewPersonEntry::screened`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenedPerson {
    details: NewPersonEntry,
    fever: bool,
}

impl ScreenedPerson {
    pub fn details(&self) -> &NewPersonEntry {
        &self.details
    }

    pub fn fever(&self) -> bool {
        self.fever
    }
}

/// A vehicle about to be saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct NewVehicleEntry {
    pub direction: Direction,
    /// Normalised plate text (see `plate::Plate`), or free text for plates GA 36 does not cover.
    pub plate: String,
    pub plate_kind: RecordedPlateKind,
    pub vehicle_type: String,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub passengers: u32,
    pub cargo: Option<String>,
    pub decision: Decision,
    pub repeat_of: Option<EntryId>,
    pub note: Option<String>,
    /// The plate was read from the demo feed or `run --feed` pictures, not from a car: counted
    /// apart and left out like a practice person (issue 22).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub practice: bool,
}

/// Who recorded an entry, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Provenance {
    pub checkpoint_id: String,
    pub gate: String,
    pub operator: String,
    pub shift_id: Option<i64>,
}

/// A correction: entries are never deleted, only voided with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voided {
    pub reason: String,
    pub operator: String,
    pub at: DateTime<Utc>,
}

/// A saved person entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonEntry {
    pub entry_id: EntryId,
    pub recorded_at: DateTime<Utc>,
    pub provenance: Provenance,
    pub fever: bool,
    pub details: NewPersonEntry,
    pub voided: Option<Voided>,
}

/// A saved vehicle entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VehicleEntry {
    pub entry_id: EntryId,
    pub recorded_at: DateTime<Utc>,
    pub provenance: Provenance,
    pub details: NewVehicleEntry,
    pub voided: Option<Voided>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Celsius, MeasureMethod};

    fn person_reading(values: &[f32]) -> NewPersonEntry {
        NewPersonEntry {
            temperatures: values
                .iter()
                .map(|value| TemperatureReading {
                    celsius: Celsius::new(*value).expect("plausible"),
                    method: MeasureMethod::Wrist,
                })
                .collect(),
            ..NewPersonEntry::default()
        }
    }

    #[test]
    fn exactly_the_line_is_fever_and_just_below_is_not() {
        let line = FeverThreshold::default();
        assert!(person_reading(&[37.3]).screened(line).fever());
        assert!(!person_reading(&[37.2]).screened(line).fever());
    }

    #[test]
    fn the_final_reading_decides_against_the_configured_line() {
        let line = FeverThreshold::new(37.5).expect("in range");
        assert!(!person_reading(&[38.0, 37.4]).screened(line).fever());
        assert!(person_reading(&[36.8, 37.5]).screened(line).fever());
        assert!(
            !person_reading(&[]).screened(line).fever(),
            "no reading, no fever"
        );
        let screened = person_reading(&[37.5]).screened(line);
        assert_eq!(screened.details(), &person_reading(&[37.5]));
    }
}
