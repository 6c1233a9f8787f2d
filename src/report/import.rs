//! District view: merging other kiosks' JSON exports. Entries are matched by UUID, so importing
//! the same file twice changes nothing; a UUID that arrives with different content is reported,
//! never overwritten. Keyed hashes in the file are kept only when the file says they were made
//! with our own hashing secret (a district's kiosks share one), so that a person checked at a
//! neighbouring gate is recognised here as a repeat.
//!
//! Issue 24: a record under the importer's own checkpoint is refused (it would be pushed to the
//! district as this kiosk's own and appear in its own exports), and control characters and
//! invisible direction marks are taken out of every text field.

mod stream;

use crate::text::errors::import_refusal as refusal;
use std::path::{Path, PathBuf};

use chrono::Utc;

use super::ReportError;
use super::json::{ExportFile, SCHEMA, SchemaProbe};
use super::record::ExportRecord;
use crate::model::EntryId;
use crate::model::pass_share::SharedPassWire;
use crate::store::{EntryRecordOwned, Store, StoredEntry};

/// What importing one file did.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSummary {
    pub file: PathBuf,
    pub added: u64,
    pub unchanged: u64,
    pub conflicts: Vec<ImportConflict>,
    /// Conflicts beyond the first [`LISTED_CONFLICTS`], only counted.
    pub conflicts_not_listed: u64,
    /// Records that could not be imported, with the reason.
    pub rejected: Vec<RejectedRecord>,
    pub hashes: ImportedHashes,
    /// The pass keys and revocations the file carried (issue 25), for the caller to check and
    /// keep in the keys folder, and what became of them.
    pub passes: SharedPasses,
}

/// Signed pass items in an imported file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SharedPasses {
    /// As read, not yet checked.
    pub in_file: Vec<SharedPassWire>,
    /// Newly kept by the caller after checking.
    pub kept: usize,
    /// Unreadable, beyond the limit, forged, or revoking for an unknown key.
    pub refused: u64,
    /// The district's seal over `in_file` (a key is kept only when it is ours).
    pub seal: Option<String>,
}

/// What became of the keyed hashes in an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportedHashes {
    /// The file has none (an ordinary export): its people are recognised by nothing.
    NoneInFile,
    /// Made with our secret: repeats with these people are found.
    Kept,
    /// Made with another secret, so they could never match ours: dropped.
    OtherSecret { theirs: String, ours: String },
}

impl ImportedHashes {
    fn decide(file_key_id: Option<&str>, our_key_id: &str) -> Self {
        match file_key_id {
            None => Self::NoneInFile,
            Some(theirs) if theirs == our_key_id => Self::Kept,
            Some(theirs) => Self::OtherSecret {
                theirs: theirs.to_owned(),
                ours: our_key_id.to_owned(),
            },
        }
    }
}

/// Same UUID, different content: ours is kept, theirs is shown to the user.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportConflict {
    pub entry_id: EntryId,
    pub ours: Box<ExportRecord>,
    pub theirs: Box<ExportRecord>,
}

/// A record that was not imported, and why (the reason quotes nothing from the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRecord {
    /// 1-based position in the file's `entries`.
    pub position: u64,
    pub entry_id: Option<EntryId>,
    pub reason: String,
    pub reason_zh: String,
}

/// Entries committed per transaction: large enough to be quick, small enough that a save from
/// the window waits at most a fraction of a second behind an import.
pub const IMPORT_CHUNK: usize = 2_000;
/// Conflicts listed in full; beyond this they are only counted (a hostile file cannot make the
/// summary as large as the file).
pub const LISTED_CONFLICTS: usize = 1_000;

/// Reads an export file whole, checking its schema first (small files and tests; imports stream).
pub fn read_export(path: &Path) -> Result<ExportFile, ReportError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|error| ReportError::Read {
        path: shown.clone(),
        detail: error.to_string(),
    })?;
    let not_export = |error: serde_json::Error| ReportError::NotAnExport {
        path: shown.clone(),
        detail: stream::describe_json_error(&error),
    };
    let probe: SchemaProbe = serde_json::from_str(&text).map_err(not_export)?;
    if probe.schema != SCHEMA {
        return Err(ReportError::UnknownSchema {
            path: shown,
            found: stream::shown_schema(&probe.schema),
            supported: SCHEMA.to_owned(),
        });
    }
    serde_json::from_str(&text).map_err(not_export)
}

/// Imports one file, streaming it: a first pass checks the whole file (a damaged or foreign
/// file is refused before anything is written), the second commits its entries in chunks of
/// [`IMPORT_CHUNK`]. Memory stays flat whatever the file's size. `our_key_id` is the key id of
/// this installation's hashing secret, `our_checkpoint_id` this kiosk's checkpoint (records
/// claiming it are refused).
pub fn import_file(
    store: &mut Store,
    path: &Path,
    our_key_id: &str,
    our_checkpoint_id: &str,
) -> Result<ImportSummary, ReportError> {
    let now = Utc::now();
    let header = stream::read_file(path, &mut |_| Ok(()))?;
    let hashes = ImportedHashes::decide(header.hash_key_id.as_deref(), our_key_id);
    let mut importer = Importer {
        store,
        keep_hashes: hashes == ImportedHashes::Kept,
        our_checkpoint_id,
        now,
        chunk: Vec::with_capacity(IMPORT_CHUNK),
        summary: ImportSummary {
            file: path.to_owned(),
            added: 0,
            unchanged: 0,
            conflicts: Vec::new(),
            conflicts_not_listed: 0,
            rejected: Vec::new(),
            hashes,
            passes: SharedPasses {
                in_file: header.pass_share,
                kept: 0,
                refused: header.pass_share_unread,
                seal: header.pass_share_seal,
            },
        },
    };
    stream::read_file(path, &mut |item| importer.take(item))?;
    importer.flush()?;
    Ok(importer.summary)
}

/// The second pass: sanitises each record and commits them in chunks.
struct Importer<'a> {
    store: &'a mut Store,
    keep_hashes: bool,
    our_checkpoint_id: &'a str,
    now: chrono::DateTime<Utc>,
    /// (record as people see it, entry to store)
    chunk: Vec<(ExportRecord, EntryRecordOwned)>,
    summary: ImportSummary,
}

impl Importer<'_> {
    fn take(&mut self, item: stream::Item) -> Result<(), ReportError> {
        let reject = |summary: &mut ImportSummary, entry_id, reason: String, reason_zh: String| {
            summary.rejected.push(RejectedRecord {
                position: item.position,
                entry_id,
                reason,
                reason_zh,
            });
        };
        let theirs = match item.record {
            Ok(record) => record.without_control_characters(),
            Err(refusal) => {
                reject(&mut self.summary, item.entry_id, refusal.en, refusal.zh);
                return Ok(());
            }
        };
        let clean = match theirs.sanitized(self.now) {
            Ok(clean) => clean,
            Err(refusal) => {
                reject(
                    &mut self.summary,
                    Some(theirs.entry_id),
                    refusal.en,
                    refusal.zh,
                );
                return Ok(());
            }
        };
        if clean.checkpoint_id.trim() == self.our_checkpoint_id.trim() {
            let refusal = refusal::own_checkpoint(self.our_checkpoint_id);
            reject(
                &mut self.summary,
                Some(clean.entry_id),
                refusal.en,
                refusal.zh,
            );
            return Ok(());
        }
        match clean.to_stored(self.keep_hashes) {
            Some(StoredEntry::Person(person)) => self
                .chunk
                .push((clean.without_hashes(), EntryRecordOwned::Person(person))),
            Some(StoredEntry::Vehicle(vehicle)) => self
                .chunk
                .push((clean.without_hashes(), EntryRecordOwned::Vehicle(vehicle))),
            None => reject(
                &mut self.summary,
                Some(clean.entry_id),
                refusal::NOT_RFC_3339.en.to_owned(),
                refusal::NOT_RFC_3339.zh.to_owned(),
            ),
        }
        if self.chunk.len() >= IMPORT_CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    /// Commits the chunk; entries already here are compared as people see them.
    fn flush(&mut self) -> Result<(), ReportError> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::take(&mut self.chunk);
        let records: Vec<EntryRecordOwned> =
            chunk.iter().map(|(_, record)| record.clone()).collect();
        let found = self.store.import_batch(&records)?;
        for ((seen, _), existing) in chunk.into_iter().zip(found) {
            let Some(existing) = existing else {
                self.summary.added += 1;
                continue;
            };
            let ours = ExportRecord::from_stored(&existing);
            if ours == seen {
                self.summary.unchanged += 1;
            } else if self.summary.conflicts.len() < LISTED_CONFLICTS {
                self.summary.conflicts.push(ImportConflict {
                    entry_id: seen.entry_id,
                    ours: Box::new(ours),
                    theirs: Box::new(seen),
                });
            } else {
                self.summary.conflicts_not_listed += 1;
            }
        }
        self.chunk = Vec::with_capacity(IMPORT_CHUNK);
        Ok(())
    }
}
