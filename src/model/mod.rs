//! Domain types and validation. Depends on nothing else in the crate.
//!
//! Parse, don't validate: an [`id_number::ResidentId`], [`plate::Plate`], [`phone::Phone`] or
//! [`temperature::Celsius`] can only exist valid.

pub mod age_band;
pub mod camera;
pub mod code_format;
pub mod code_reason;
pub mod colour;
pub mod document;
pub mod entry;
pub mod export_format;
pub mod id_number;
pub mod name;
pub mod origin;
pub mod pass_card;
pub mod pass_share;
pub mod pass_verdict;
pub mod phone;
pub mod pii;
pub mod pin_guard;
pub mod plain_text;
pub mod plate;
pub mod plate_read;
pub mod records;
pub mod region;
pub mod risk;
pub mod risk_import;
pub mod risk_origin;
pub mod roster;
pub mod sound;
pub mod stored_words;
pub mod sync_status;
pub mod temperature;

pub use code_format::CodeFormat;
pub use colour::HealthColour;
pub use entry::{
    Decision, Direction, EntryId, NewPersonEntry, NewVehicleEntry, PersonEntry, ScreenedPerson,
    VehicleEntry,
};
pub use export_format::ExportFormat;
pub use pass_verdict::PassVerdict;
pub use records::{Counters, EntryKind, LogFilter, LogRow, Operator, RepeatHit, Role, Shift};
pub use sync_status::SyncStatus;
pub use temperature::{Celsius, FeverThreshold, MeasureMethod, TemperatureReading};
