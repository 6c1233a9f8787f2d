//! JSON export, schema `checkpoint-kiosk.export/1` (documented in the `report` module docs).
//! Written as a stream: the header fields, then one record per line inside `entries`.

use std::io::Write;

use serde::{Deserialize, Serialize};

use super::record::ExportRecord;
use crate::model::pass_share::SharedPassWire;

pub const SCHEMA: &str = "checkpoint-kiosk.export/1";

/// What every export says about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportMetadata {
    pub schema: String,
    pub app_version: String,
    pub exported_at: String,
    pub exported_by: String,
    pub scope: String,
    pub from: String,
    pub to: String,
    /// `null` for a district export across every checkpoint.
    pub checkpoint_id: Option<String>,
    pub personal_data: String,
    /// Which hashing secret made the records' `code_hash`/`document_hash` (only in exports for
    /// neighbouring kiosks): an importer keeps the hashes only when this is its own key id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_key_id: Option<String>,
    /// The checkpoint's name from the exporting kiosk's kiosk.toml (only for a one-checkpoint
    /// export with a name). Added after schema `/1` was first written: older files lack it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkpoint_name: Option<String>,
    /// The shift a shift export covers. Added after schema `/1` was first written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<ShiftMetadata>,
    /// Only in exports for neighbouring kiosks: the pass keys and revocations the exporting kiosk
    /// knows (its own and those the district shared), each signed by its issuing key, so a
    /// district without a server shares them by file (issue 25). Added after schema `/1`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pass_share: Vec<SharedPassWire>,
    /// The district's seal over `pass_share` (`model::pass_share::SealedItems`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_share_seal: Option<String>,
}

/// The shift of a shift export: its number, leader, times and handover note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftMetadata {
    /// The shift's number at its checkpoint (numbers belong to the kiosk that made them).
    pub shift_id: i64,
    pub leader: String,
    /// RFC 3339 UTC with milliseconds.
    pub opened_at: String,
    /// `null` while the shift is still open.
    pub closed_at: Option<String>,
    pub handover_note: Option<String>,
}

/// The statement every export carries about personal data.
pub const PERSONAL_DATA_NOTE: &str = "masked: ID numbers, phones, names and code payloads appear only in masked form \
     (110105********002X, 138****5678, 张*); the kiosk never stores plain values, and its keyed hashes are not exported";

/// The statement of an export made for neighbouring kiosks, which carries keyed hashes.
pub const PERSONAL_DATA_WITH_HASHES_NOTE: &str = "masked, plus keyed hashes of code payloads and ID numbers \
     made with the district's shared hashing secret (hash_key_id), only so that neighbouring kiosks recognise \
     repeats; without that secret they reveal nothing: keep this file within the district";

/// A whole export file as read back (imports, tests).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ExportFile {
    #[serde(flatten)]
    pub metadata: ExportMetadata,
    pub entry_count: u64,
    pub entries: Vec<ExportRecord>,
}

/// Only the schema name, read first so a newer file is refused with a clear message.
#[derive(Debug, Deserialize)]
pub struct SchemaProbe {
    pub schema: String,
}

pub struct JsonWriter<W: Write> {
    out: W,
    written: u64,
}

impl<W: Write> JsonWriter<W> {
    pub fn start(mut out: W, metadata: &ExportMetadata) -> std::io::Result<Self> {
        let header = serde_json::to_string(metadata).map_err(std::io::Error::other)?;
        // Re-open the metadata object to append the entries array to it.
        let open = header.strip_suffix('}').unwrap_or(&header);
        write!(out, "{open},\"entries\":[")?;
        Ok(Self { out, written: 0 })
    }

    pub fn record(&mut self, record: &ExportRecord) -> std::io::Result<()> {
        let separator = if self.written == 0 { "\n" } else { ",\n" };
        self.out.write_all(separator.as_bytes())?;
        serde_json::to_writer(&mut self.out, record).map_err(std::io::Error::other)?;
        self.written += 1;
        Ok(())
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        write!(self.out, "\n],\"entry_count\":{}}}\n", self.written)?;
        Ok(self.out)
    }
}
