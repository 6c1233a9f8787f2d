//! The store's own values: repeat keys and hits, the log filter, purge summaries. Log rows,
//! counters, roles and shifts are model types (`model::records`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::pii::KeyedHash;
use crate::model::{Decision, EntryId, HealthColour};

/// What identifies "the same person or car again" within the repeat window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepeatKey {
    Code(KeyedHash),
    Document(KeyedHash),
    /// A normalised plate.
    Plate(String),
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

/// What a retention purge removed (counts only: the audit log holds no personal data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PurgeSummary {
    pub persons: u64,
    pub vehicles: u64,
    pub cutoff: Option<DateTime<Utc>>,
}

/// Who records entries while nobody has signed in: a placeholder, never a person on duty.
pub const UNNAMED_OPERATOR: &str = "值守员";
