//! One entry as the `entry` table sees it: the common facts plus a person's or a vehicle's
//! details. Shared by live saves, the bulk fill and imports so they all run the same SQL.

use chrono::{DateTime, Utc};

use crate::model::entry::{NewPersonEntry, NewVehicleEntry, Provenance, Voided};
use crate::model::{EntryId, HealthColour};

/// What is being written.
#[derive(Debug, Clone, Copy)]
pub enum Details<'a> {
    Person {
        entry: &'a NewPersonEntry,
        fever: bool,
    },
    Vehicle(&'a NewVehicleEntry),
}

/// A complete entry ready for `save::insert_entry`.
#[derive(Debug, Clone, Copy)]
pub struct EntryRecord<'a> {
    pub entry_id: EntryId,
    pub at: DateTime<Utc>,
    pub provenance: &'a Provenance,
    pub details: Details<'a>,
    pub voided: Option<&'a Voided>,
}

impl EntryRecord<'_> {
    pub fn colour(&self) -> HealthColour {
        match self.details {
            Details::Person { entry, .. } => entry.colour,
            Details::Vehicle(_) => HealthColour::Unknown,
        }
    }

    pub fn fever(&self) -> bool {
        matches!(self.details, Details::Person { fever: true, .. })
    }
}
