//! What the kiosk has recorded, as the store hands it to the screens and reports: log rows,
//! counters, who is signed in and the shift. The store's schema codes for the enums live here
//! too, so that a kind or a role means the same number everywhere.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Decision, Direction, EntryId, HealthColour};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Person,
    Vehicle,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Vehicle => "vehicle",
        }
    }

    pub(crate) fn code(self) -> i64 {
        match self {
            Self::Person => 0,
            Self::Vehicle => 1,
        }
    }

    pub(crate) fn from_code(code: i64) -> Option<Self> {
        match code {
            0 => Some(Self::Person),
            1 => Some(Self::Vehicle),
            _ => None,
        }
    }
}

/// One line of the log: enough to draw it without loading the whole entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRow {
    pub entry_id: EntryId,
    pub kind: EntryKind,
    pub at: DateTime<Utc>,
    pub direction: Direction,
    /// Vehicles carry no colour of their own: `Unknown`.
    pub colour: HealthColour,
    /// Masked name, masked code or masked document for people; the plate for vehicles.
    pub label: String,
    /// The final reading (°C), if any.
    pub temperature: Option<f32>,
    pub fever: bool,
    pub decision: Decision,
    pub repeat: bool,
    pub voided: bool,
    pub operator: String,
    pub gate: String,
    /// Read from the demo feed or `run --feed` pictures: marked 练习 in the Log.
    pub practice: bool,
}

/// Live counts for the gate screen; voided entries are not counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counters {
    /// People let in (decision pass); the others are counted by their decision below.
    pub persons_in: u64,
    /// People let out (decision pass).
    pub persons_out: u64,
    pub vehicles: u64,
    pub fevers: u64,
    pub red: u64,
    pub yellow: u64,
    pub repeats: u64,
    pub diverted: u64,
    /// People and vehicles turned back (劝返) and handed over (移交), e.g. red codes and fevers.
    #[serde(default)]
    pub turned_back: u64,
    #[serde(default)]
    pub handed_over: u64,
    /// Practice entries (demo feed, `run --feed`), counted only here (issue 22).
    #[serde(default)]
    pub practice: u64,
    /// The district's own passes (issue 25), apart from colours: valid, and refused.
    #[serde(default)]
    pub passes_valid: u64,
    #[serde(default)]
    pub passes_refused: u64,
}

/// Volunteers record entries; leaders also open and close shifts and export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Volunteer,
    Leader,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Volunteer => "volunteer",
            Self::Leader => "leader",
        }
    }

    pub(crate) fn code(self) -> i64 {
        match self {
            Self::Volunteer => 0,
            Self::Leader => 1,
        }
    }

    pub(crate) fn from_code(code: i64) -> Option<Self> {
        match code {
            0 => Some(Self::Volunteer),
            1 => Some(Self::Leader),
            _ => None,
        }
    }
}

/// Someone signed in at the kiosk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    pub operator_id: i64,
    pub name: String,
    pub role: Role,
}

/// A leader's shift at one checkpoint; open while `closed_at` is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub shift_id: i64,
    pub checkpoint_id: String,
    pub leader: String,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub handover_note: Option<String>,
}

/// The latest earlier entry with the same key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatHit {
    pub entry_id: EntryId,
    pub at: DateTime<Utc>,
    pub checkpoint_id: String,
    pub gate: String,
}

/// Which entries the log shows. `Default` shows the newest 200, voided ones hidden.
#[derive(Debug, Clone, PartialEq)]
pub struct LogFilter {
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub colour: Option<HealthColour>,
    pub fever_only: bool,
    pub decision: Option<Decision>,
    /// Only vehicles whose plate contains this text.
    pub plate_contains: Option<String>,
    pub include_voided: bool,
    pub limit: usize,
}

impl Default for LogFilter {
    fn default() -> Self {
        Self {
            since: None,
            until: None,
            colour: None,
            fever_only: false,
            decision: None,
            plate_contains: None,
            include_voided: false,
            limit: 200,
        }
    }
}

/// A checkpoint pass used at another gate a moment ago: the earlier use that conflicts with
/// this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReuseConflict {
    pub previous_at: DateTime<Utc>,
    pub previous_gate: String,
    pub minutes_apart: i64,
}
