//! Shift reports, the district's daily report, exports (JSON, CSV, Excel, HTML) and imports.
//!
//! Reports are computed with SQL aggregates over the store's time-ordered entries
//! ([`ShiftReport::build`], [`Summary::build`]); exports stream entries from the store and
//! record who exported what in the store's `export` table. This module knows nothing about egui.
//!
//! # Export schema `checkpoint-kiosk.export/1`
//!
//! A JSON object (UTF-8). Readers must ignore fields they do not know; a change that removes or
//! changes the meaning of a field gets a new schema name (`/2`).
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `schema` | string | always `"checkpoint-kiosk.export/1"` |
//! | `app_version` | string | version of checkpoint-kiosk that wrote the file |
//! | `exported_at` | RFC 3339 UTC string | when the file was written |
//! | `exported_by` | string | who exported (also kept in the kiosk's `export` table) |
//! | `scope` | string | what the file covers, in words |
//! | `from`, `to` | RFC 3339 UTC strings | time range covered, `to` exclusive |
//! | `checkpoint_id` | string or null | the checkpoint, or null for every checkpoint |
//! | `personal_data` | string | the statement that personal data is masked |
//! | `hash_key_id` | string, optional | only in exports for neighbouring kiosks: the key id of the hashing secret that made the records' hashes |
//! | `checkpoint_name` | string, optional | the checkpoint's name (kiosk.toml), when the file covers one checkpoint |
//! | `shift` | object, optional | only in a shift's export: `{shift_id, leader, opened_at, closed_at, handover_note}`, times RFC 3339 UTC, `closed_at` null while open, `handover_note` null when none was written |
//! | `pass_share` | array, optional | only in exports for neighbouring kiosks: the pass keys and revocations the exporting kiosk knows, `{kind: "key"/"revocation", pass_id?, public_key (hex), signed_at (seconds), signature (hex)}`, each signed by its issuing key; an importer checks each signature again and keeps the good ones |
//! | `entries` | array of records | oldest first |
//! | `entry_count` | integer | number of records in `entries` |
//!
//! Every record has `entry_id` (UUID, unique across kiosks), `checkpoint_id`, `gate`, `operator`,
//! `recorded_at` (RFC 3339 UTC with milliseconds), `kind` (`"person"` or `"vehicle"`),
//! `direction` (`in`/`out`), `decision` (`pass`/`deny`/`refer`/`divert`), `repeat_of` (UUID or
//! null), `note`, and `voided` (null or `{reason, operator, at}`).
//!
//! Person records add `colour` (`green`/`yellow`/`red`/`unknown`), `colour_source`
//! (`scanned`/`confirmed`), `code_format`, `code_masked`, `document_kind`, `document_masked`,
//! `name_masked`, `phone_masked`, `temperatures` (array of `{celsius, method}` in the order taken,
//! method `forehead`/`wrist`/`armpit`; the last one counts), `fever` (bool), `travel_star`,
//! `origin`, `destination`, `vehicle_id` (UUID of the vehicle the person came in, or null),
//! `group_id` (only on a companion registered with the person before: the entry id of the
//! group's first person), `age_band` (only on a child registered without an ID: `0-5`, `6-11`
//! or `12-17`; its `group_id` names the guardian's group), and, only in exports for neighbouring kiosks, `code_hash` and
//! `document_hash` (hex HMAC-SHA256).
//!
//! Vehicle records add `plate`, `plate_kind`, `vehicle_type`, `origin`, `destination`,
//! `passengers`, `cargo`.
//!
//! Personal data: only masked forms (`110105********002X`, `138****5678`, `张*`) appear. The
//! kiosk never stores plain ID numbers, phones or code payloads. Its keyed hashes leave it only in
//! a JSON export made for neighbouring kiosks (`export --for-neighbours`); an importer keeps them
//! when `hash_key_id` is its own (the district's kiosks share one hashing secret, see
//! `config::read_shared_secret`), so a person checked at the next gate is recognised as a repeat.
//! Otherwise it drops them, and imported people are recognised by nothing (vehicles by plate).
//!
//! `checkpoint_name`, `shift` and `pass_share` were added to `/1` without a new name: readers
//! ignore fields they do not know, and this kiosk's import reads files with and without them.
//!
//! CSV has the same fields flattened (one column per field, see `flat::COLUMNS`), UTF-8 with a
//! byte-order mark, below a title, the report's facts and a blank row (see `csv`). Excel and
//! HTML add the shift report above the entries. CSV, Excel and HTML are for people: their
//! titles, values and reasons are worded in the reader's language (Chinese unless `--lang en`,
//! see `wording`), with local times, the checkpoint's name, the shift, its leader and handover
//! note, and a repeat's earlier entry by time, checkpoint and gate; only JSON keeps the English
//! keys and enum values above. Excel's numbers and times are typed cells.

mod breakdown;
mod cell;
mod csv;
mod error;
mod export;
mod flat;
mod html;
mod html_chart;
mod import;
mod json;
mod record;
mod scope;
mod shift_report;
mod summary_rows;
pub mod wording;
mod xlsx;

pub use crate::store::aggregates::{ExceptionRow, HourCount, Totals, VehicleGroup};
pub use breakdown::clock_hours;
pub use csv::BOM as CSV_BOM;
pub use error::ReportError;
pub use export::{
    ExportFormat, ExportRequest, export, export_replacing, refuse_inside_data_folder,
};
pub use flat::COLUMNS as CSV_COLUMNS;
pub use import::{
    IMPORT_CHUNK, ImportConflict, ImportSummary, ImportedHashes, RejectedRecord, SharedPasses,
    import_file, read_export,
};
pub use json::{ExportFile, ExportMetadata, PERSONAL_DATA_NOTE, SCHEMA, ShiftMetadata};
pub use record::{
    ExportRecord, PersonFields, RecordDetails, Refusal, VehicleFields, mask_code_label,
};
pub use scope::ReportScope;
pub use shift_report::{ShiftReport, Summary};
pub use summary_rows::handover_note;
