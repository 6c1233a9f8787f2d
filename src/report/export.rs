//! Writing an export file in any format, atomically, and recording it in the `export` table.

use std::io::BufWriter;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};

use super::flat::{self, CameWith, Earlier, Links, RowWords};
use super::json::{
    ExportMetadata, JsonWriter, PERSONAL_DATA_NOTE, PERSONAL_DATA_WITH_HASHES_NOTE, SCHEMA,
    ShiftMetadata,
};
use super::record::{ExportRecord, RecordDetails, timestamp};
use super::scope::ReportScope;
use super::shift_report::ShiftReport;
use super::wording::{Heading, OwnCheckpoint};
use super::{ReportError, csv, html, xlsx};
use crate::config::Language;
use crate::config::private::{self, Place};
use crate::model::pass_share::SealedItems;
use crate::store::{ExportRecordLine, Store};

pub use crate::model::ExportFormat;

/// What to export, where, and who asks.
#[derive(Debug, Clone)]
pub struct ExportRequest<'a> {
    pub scope: &'a ReportScope,
    pub format: ExportFormat,
    pub path: &'a Path,
    pub exported_by: &'a str,
    pub at: DateTime<Utc>,
    pub tz: FixedOffset,
    /// For neighbouring kiosks sharing our hashing secret: its key id. The JSON file then carries
    /// the keyed hashes of codes and ID numbers so they recognise repeats. Other formats are for
    /// people and never carry hashes.
    pub hash_key_id: Option<&'a str>,
    /// The reader's language for CSV, Excel and HTML (JSON keeps its machine schema).
    pub lang: Language,
    /// The name (from kiosk.toml) of the scope's checkpoint, which is the exporting kiosk's own:
    /// titles, the 检查点 column and JSON's `checkpoint_name`. Rows of other checkpoints keep
    /// their ids; a report over every checkpoint names none.
    pub checkpoint_name: Option<&'a str>,
    /// Signed pass keys and revocations for the neighbours, sealed with the district's secret
    /// (only with `hash_key_id`, JSON).
    pub pass_share: Option<&'a SealedItems>,
    /// Practice entries (demo feed, training pictures) too, each marked as practice; left out
    /// unless the leader asks (issue 22).
    pub include_practice: bool,
}

impl ExportRequest<'_> {
    fn shares_hashes(&self) -> bool {
        self.format == ExportFormat::Json && self.hash_key_id.is_some()
    }

    /// Practice never goes to neighbours: their counters would take it for people.
    fn includes_practice(&self) -> bool {
        self.include_practice && !self.shares_hashes()
    }

    fn neighbours_passes(&self) -> Option<&SealedItems> {
        self.pass_share.filter(|_| self.shares_hashes())
    }

    /// The title and facts the human formats print above their tables.
    pub fn heading(&self) -> Heading {
        Heading::new(
            self.scope,
            self.checkpoint_name,
            self.at,
            self.exported_by,
            self.tz,
            self.lang,
        )
    }

    /// How the human formats word their rows.
    pub fn row_words(&self) -> RowWords<'_> {
        RowWords {
            lang: self.lang,
            tz: self.tz,
            own: OwnCheckpoint::of(self.scope, self.checkpoint_name),
        }
    }

    pub fn metadata(&self) -> ExportMetadata {
        ExportMetadata {
            schema: SCHEMA.to_owned(),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            exported_at: timestamp(self.at),
            exported_by: self.exported_by.to_owned(),
            scope: self.scope.describe(),
            from: timestamp(self.scope.from()),
            // An open shift runs "to the end of time"; the file covers up to the export.
            to: timestamp(self.scope.to().min(self.at.max(self.scope.from()))),
            checkpoint_id: self.scope.checkpoint_id().map(str::to_owned),
            personal_data: if self.shares_hashes() {
                PERSONAL_DATA_WITH_HASHES_NOTE
            } else {
                PERSONAL_DATA_NOTE
            }
            .to_owned(),
            hash_key_id: self
                .hash_key_id
                .filter(|_| self.shares_hashes())
                .map(str::to_owned),
            checkpoint_name: OwnCheckpoint::of(self.scope, self.checkpoint_name)
                .map(|own| own.name.to_owned()),
            shift: self.scope.shift().map(|shift| ShiftMetadata {
                shift_id: shift.shift_id,
                leader: shift.leader.clone(),
                opened_at: timestamp(shift.opened_at),
                closed_at: shift.closed_at.map(timestamp),
                handover_note: shift
                    .handover_note
                    .clone()
                    .filter(|note| !note.trim().is_empty()),
            }),
            pass_share: self
                .neighbours_passes()
                .map(|sealed| sealed.items.clone())
                .unwrap_or_default(),
            pass_share_seal: self.neighbours_passes().map(|sealed| sealed.seal.clone()),
        }
    }
}

/// Writes the file (to a private temporary name, moved into place when complete, never over an
/// existing file), then records the export. Returns how many entries were written.
pub fn export(store: &mut Store, request: &ExportRequest<'_>) -> Result<u64, ReportError> {
    export_to(store, request, Place::NoReplace)
}

/// As [`export`], but replaces an existing file at the target (`export --force`). The
/// database's own files are never replaced.
pub fn export_replacing(
    store: &mut Store,
    request: &ExportRequest<'_>,
) -> Result<u64, ReportError> {
    export_to(store, request, Place::Replace)
}

fn export_to(
    store: &mut Store,
    request: &ExportRequest<'_>,
    how: Place,
) -> Result<u64, ReportError> {
    refuse_database_files(store, request.path)?;
    if how == Place::NoReplace && request.path.exists() {
        return Err(ReportError::TargetExists {
            path: request.path.display().to_string(),
        });
    }
    let partial = private::temporary_sibling(request.path);
    let written = write_file(store, request, &partial).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })?;
    private::place(&partial, request.path, how).map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            ReportError::TargetExists {
                path: request.path.display().to_string(),
            }
        } else {
            ReportError::write(request.path, &error)
        }
    })?;
    private::sync_parent(request.path);
    store.record_export(&ExportRecordLine {
        at: request.at,
        operator: request.exported_by.to_owned(),
        format: request.format.as_str().to_owned(),
        scope: request.scope.describe(),
        entries: written,
        file_name: request
            .path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
    })?;
    Ok(written)
}

/// Refuses a target inside the data folder `root` (the database, the secret, the keys): an
/// export must go elsewhere, such as a USB stick. The check resolves links and `..`.
pub fn refuse_inside_data_folder(root: &Path, target: &Path) -> Result<(), ReportError> {
    let Ok(root) = root.canonicalize() else {
        return Ok(());
    };
    if resolved(target).is_some_and(|target| target.starts_with(&root)) {
        return Err(ReportError::InsideDataFolder {
            path: target.display().to_string(),
            folder: root.display().to_string(),
        });
    }
    Ok(())
}

/// The target as an absolute path with links resolved as far as it exists: the file, and even
/// folders an export would create, may not exist yet (`DATA/keys/x.csv` before `keys/` does).
fn resolved(target: &Path) -> Option<PathBuf> {
    let absolute = if target.is_absolute() {
        target.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(target)
    };
    let mut lexical = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                lexical.pop();
            }
            std::path::Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut missing = Vec::new();
    let mut existing = lexical.as_path();
    let mut joined = loop {
        if let Ok(found) = existing.canonicalize() {
            break found;
        }
        missing.push(existing.file_name()?.to_owned());
        existing = existing.parent()?;
    };
    joined.extend(missing.iter().rev());
    Some(joined)
}

/// The database file, its WAL and shared memory are never an export's target.
fn refuse_database_files(store: &Store, target: &Path) -> Result<(), ReportError> {
    let database = Path::new(store.path());
    let Some(target) = resolved(target) else {
        return Ok(());
    };
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = database.as_os_str().to_owned();
        name.push(suffix);
        let own = Path::new(&name);
        let same = own.canonicalize().is_ok_and(|own| own == target)
            || database
                .parent()
                .and_then(|folder| folder.canonicalize().ok())
                .zip(own.file_name())
                .is_some_and(|(folder, file)| folder.join(file) == target);
        if same {
            return Err(ReportError::InsideDataFolder {
                path: target.display().to_string(),
                folder: database
                    .parent()
                    .map(|folder| folder.display().to_string())
                    .unwrap_or_default(),
            });
        }
    }
    Ok(())
}

fn write_file(store: &Store, request: &ExportRequest<'_>, path: &Path) -> Result<u64, ReportError> {
    let file =
        private::create_private_file(path).map_err(|error| ReportError::write(path, &error))?;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    let io = |error: std::io::Error| ReportError::write(path, &error);
    let scope = request.scope;
    let selection = Selection {
        scope,
        include_practice: request.includes_practice(),
    };
    let words = request.row_words();
    let written = match request.format {
        ExportFormat::Json => {
            let mut writer = JsonWriter::start(&mut out, &request.metadata()).map_err(io)?;
            let reading = Reading::Machine {
                hashes: request.shares_hashes(),
            };
            let count = each_record(store, selection, path, reading, |record, _| {
                writer.record(record)
            })?;
            writer.finish().map_err(io)?;
            count
        }
        ExportFormat::Csv => {
            csv::write_heading(&mut out, &request.heading()).map_err(io)?;
            each_record(store, selection, path, Reading::People, |record, links| {
                csv::write_record(&mut out, &flat::cells(record, links, &words))
            })?
        }
        ExportFormat::Xlsx => {
            let report = ShiftReport::build(store, scope, request.tz)?;
            xlsx::write(
                &mut out,
                &request.heading(),
                &report,
                &mut |visit: &mut dyn FnMut(&ExportRecord, &Links) -> std::io::Result<()>| {
                    each_record(store, selection, path, Reading::People, visit)
                },
                &words,
            )?
        }
        ExportFormat::Html => {
            let report = ShiftReport::build(store, scope, request.tz)?;
            let mut rows = Vec::new();
            let total = each_record(store, selection, path, Reading::People, |record, links| {
                // The page lists the first rows only: the rest are counted, not kept.
                if rows.len() < html::MAX_DETAIL_ROWS {
                    rows.push(html::DetailRow {
                        fever: flat::is_fever(record),
                        cells: flat::cells(record, links, &words),
                    });
                }
                Ok(())
            })?;
            html::write(&mut out, &request.heading(), &report, &rows, total, &words).map_err(io)?;
            total
        }
    };
    let file = out
        .into_inner()
        .map_err(|error| ReportError::write(path, error.error()))?;
    file.sync_all().map_err(io)?;
    Ok(written)
}

/// Which entries go into the file.
#[derive(Debug, Clone, Copy)]
struct Selection<'a> {
    scope: &'a ReportScope,
    include_practice: bool,
}

/// Who reads the records: a program (JSON, with the keyed hashes when `hashes`), or people, who
/// are also told which entries a row refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Machine { hashes: bool },
    People,
}

/// The entries a row refers to, for people reading it: the entry a repeat repeats, and the
/// group's first person or the vehicle a person came with.
fn links(store: &Store, record: &ExportRecord) -> Result<Links, crate::store::StoreError> {
    let earlier = match record.repeat_of {
        Some(repeat_of) => store.entry(repeat_of)?.as_ref().map(Earlier::of),
        None => None,
    };
    let came_with = match &record.details {
        RecordDetails::Person(person) => match person.vehicle_id.or(person.group_id) {
            Some(id) => store.entry(id)?.as_ref().map(CameWith::of),
            None => None,
        },
        RecordDetails::Vehicle(_) => None,
    };
    Ok(Links { earlier, came_with })
}

/// Streams every entry of the scope as an export record; for people, with the entries it refers
/// to (see [`links`]), when this kiosk holds them.
fn each_record(
    store: &Store,
    selection: Selection<'_>,
    path: &Path,
    reading: Reading,
    mut visit: impl FnMut(&ExportRecord, &Links) -> std::io::Result<()>,
) -> Result<u64, ReportError> {
    let Selection {
        scope,
        include_practice,
    } = selection;
    let mut failure = None;
    let to = scope
        .shift()
        .and_then(|shift| shift.closed_at)
        .map_or(scope.to(), |closed| {
            closed + chrono::Duration::milliseconds(1)
        });
    let result = store.for_each_entry(
        scope.from(),
        to,
        scope.checkpoint_id(),
        include_practice,
        |entry| {
            let record = ExportRecord::from_stored(&entry);
            let record = if reading == (Reading::Machine { hashes: true }) {
                record.with_hashes(&entry)
            } else {
                record
            };
            let links = match reading {
                Reading::People => links(store, &record)?,
                Reading::Machine { .. } => Links::default(),
            };
            visit(&record, &links).map_err(|error| {
                let message = error.to_string();
                failure = Some(error);
                crate::store::StoreError::file(path, &std::io::Error::other(message))
            })
        },
    );
    match (result, failure) {
        (_, Some(error)) => Err(ReportError::write(path, &error)),
        (Ok(count), None) => Ok(count),
        (Err(error), None) => Err(error.into()),
    }
}
