//! The store's own values: repeat keys and hits, the log filter, purge summaries. Log rows,
//! counters, roles and shifts are model types (`model::records`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::pii::KeyedHash;

/// What identifies "the same person or car again" within the repeat window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepeatKey {
    Code(KeyedHash),
    Document(KeyedHash),
    /// A normalised plate.
    Plate(String),
}

/// What a retention purge removed (counts only: the audit log holds no personal data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PurgeSummary {
    pub persons: u64,
    pub vehicles: u64,
    pub cutoff: Option<DateTime<Utc>>,
}

/// Who records entries while nobody has signed in: a placeholder, never a person on duty.
pub const UNNAMED_OPERATOR: &str = crate::model::stored_words::UNNAMED_OPERATOR;
