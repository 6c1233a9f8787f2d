//! What a report or export covers: one shift, or a time range at one or all checkpoints.

use chrono::{DateTime, Utc};

use crate::model::Shift;
use crate::store::aggregates::KeyRange;
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportScope {
    /// A shift at its checkpoint, from opening to closing (to now while it is open).
    Shift(Shift),
    /// `[from, to)` at one checkpoint, or at every checkpoint in the database (`None`).
    Range {
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        checkpoint_id: Option<String>,
    },
}

impl ReportScope {
    pub fn from(&self) -> DateTime<Utc> {
        match self {
            Self::Shift(shift) => shift.opened_at,
            Self::Range { from, .. } => *from,
        }
    }

    /// End of the scope (exclusive). An open shift runs to the end of time: nothing is later.
    pub fn to(&self) -> DateTime<Utc> {
        match self {
            Self::Shift(shift) => shift.closed_at.unwrap_or(DateTime::<Utc>::MAX_UTC),
            Self::Range { to, .. } => *to,
        }
    }

    pub fn checkpoint_id(&self) -> Option<&str> {
        match self {
            Self::Shift(shift) => Some(&shift.checkpoint_id),
            Self::Range { checkpoint_id, .. } => checkpoint_id.as_deref(),
        }
    }

    pub fn shift(&self) -> Option<&Shift> {
        match self {
            Self::Shift(shift) => Some(shift),
            Self::Range { .. } => None,
        }
    }

    /// The store's key range for this scope; a shift includes its closing millisecond.
    pub fn key_range(&self, store: &Store) -> Result<KeyRange, StoreError> {
        KeyRange::new(
            store,
            self.from(),
            self.to(),
            self.shift().is_some(),
            self.checkpoint_id(),
        )
    }

    /// A one-line description for file metadata and the exports table.
    pub fn describe(&self) -> String {
        let place = self.checkpoint_id().unwrap_or("all checkpoints");
        match self {
            Self::Shift(shift) => format!("shift {} at {place}", shift.shift_id),
            Self::Range { from, to, .. } => {
                format!("{} to {} at {place}", from.to_rfc3339(), to.to_rfc3339())
            }
        }
    }
}
