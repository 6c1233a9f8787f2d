//! The district's PostgreSQL server (issue 12): its schema and roles (`migrations`, `roles`),
//! connecting to it (`connect`), and the district's day report as SQL (`report`).
//!
//! Kiosks never depend on it: they push and pull from the `sync` thread, and the gate works the
//! same with the server down. Nothing plain crosses the network: entries travel as the export
//! schema's masked records plus keyed hashes made with the district's shared hashing secret.
//! This module knows nothing about egui.

mod connect;
mod error;
mod migrations;
pub mod report;
mod roles;

pub use connect::{ServerAddress, connect};
pub use error::DistrictError;
pub use migrations::{DISTRICT_SCHEMA_VERSION, PUSH_LOCK, migrate, migrate_to, server_version};
pub use roles::{RoleKind, add_role};
