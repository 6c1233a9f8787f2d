//! District view: merging other kiosks' JSON exports. Entries are matched by UUID, so importing
//! the same file twice changes nothing; a UUID that arrives with different content is reported,
//! never overwritten. Keyed hashes in the file are kept only when the file says they were made
//! with our own hashing secret (a district's kiosks share one), so that a person checked at a
//! neighbouring gate is recognised here as a repeat.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::ReportError;
use super::json::{ExportFile, SCHEMA, SchemaProbe};
use super::record::ExportRecord;
use crate::model::EntryId;
use crate::store::{EntryRecordOwned, Store, StoredEntry};

/// What importing one file did.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSummary {
    pub file: PathBuf,
    pub added: u64,
    pub unchanged: u64,
    pub conflicts: Vec<ImportConflict>,
    /// Records that could not be read (bad time), by UUID.
    pub rejected: Vec<EntryId>,
    pub hashes: ImportedHashes,
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

/// Reads an export file, checking its schema first.
pub fn read_export(path: &Path) -> Result<ExportFile, ReportError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|error| ReportError::Read {
        path: shown.clone(),
        detail: error.to_string(),
    })?;
    let not_export = |error: serde_json::Error| ReportError::NotAnExport {
        path: shown.clone(),
        detail: error.to_string(),
    };
    let probe: SchemaProbe = serde_json::from_str(&text).map_err(not_export)?;
    if probe.schema != SCHEMA {
        return Err(ReportError::UnknownSchema {
            path: shown,
            found: probe.schema,
            supported: SCHEMA.to_owned(),
        });
    }
    serde_json::from_str(&text).map_err(not_export)
}

/// Imports one file in a single transaction. `our_key_id` is the key id of this installation's
/// hashing secret.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    our_key_id: &str,
) -> Result<ImportSummary, ReportError> {
    let file = read_export(path)?;
    let hashes = ImportedHashes::decide(file.metadata.hash_key_id.as_deref(), our_key_id);
    let keep_hashes = hashes == ImportedHashes::Kept;
    let mut summary = ImportSummary {
        file: path.to_owned(),
        added: 0,
        unchanged: 0,
        conflicts: Vec::new(),
        rejected: Vec::new(),
        hashes,
    };
    let mut fresh: HashMap<EntryId, ExportRecord> = HashMap::new();
    let mut batch = Vec::new();
    for theirs in file.entries {
        // Content is compared as people see it: hashes are not part of what an entry says.
        let seen = theirs.without_hashes();
        let ours = match fresh.get(&theirs.entry_id) {
            Some(earlier) => Some(earlier.clone()),
            None => store
                .entry(theirs.entry_id)?
                .map(|entry| ExportRecord::from_stored(&entry)),
        };
        match ours {
            Some(ours) if ours == seen => summary.unchanged += 1,
            Some(ours) => summary.conflicts.push(ImportConflict {
                entry_id: theirs.entry_id,
                ours: Box::new(ours),
                theirs: Box::new(seen),
            }),
            None => match theirs.to_stored(keep_hashes) {
                Some(entry) => {
                    batch.push(match entry {
                        StoredEntry::Person(person) => EntryRecordOwned::Person(person),
                        StoredEntry::Vehicle(vehicle) => EntryRecordOwned::Vehicle(vehicle),
                    });
                    fresh.insert(theirs.entry_id, seen);
                    summary.added += 1;
                }
                None => summary.rejected.push(theirs.entry_id),
            },
        }
    }
    store.save_batch(&batch)?;
    Ok(summary)
}
