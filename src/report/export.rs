//! Writing an export file in any format, atomically, and recording it in the `export` table.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};

use super::json::{
    ExportMetadata, JsonWriter, PERSONAL_DATA_NOTE, PERSONAL_DATA_WITH_HASHES_NOTE, SCHEMA,
};
use super::record::{ExportRecord, timestamp};
use super::scope::ReportScope;
use super::shift_report::ShiftReport;
use super::{ReportError, csv, html, xlsx};
use crate::store::{ExportRecordLine, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
    Xlsx,
    Html,
}

impl ExportFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::Html => "html",
        }
    }
}

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
}

impl ExportRequest<'_> {
    fn shares_hashes(&self) -> bool {
        self.format == ExportFormat::Json && self.hash_key_id.is_some()
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
        }
    }
}

/// Writes the file (to a temporary name, renamed when complete), then records the export.
/// Returns how many entries were written.
pub fn export(store: &mut Store, request: &ExportRequest<'_>) -> Result<u64, ReportError> {
    let partial = partial_path(request.path);
    let written = write_file(store, request, &partial).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })?;
    std::fs::rename(&partial, request.path)
        .map_err(|error| ReportError::write(request.path, &error))?;
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

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|name| name.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

fn write_file(store: &Store, request: &ExportRequest<'_>, path: &Path) -> Result<u64, ReportError> {
    let file = File::create(path).map_err(|error| ReportError::write(path, &error))?;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    let io = |error: std::io::Error| ReportError::write(path, &error);
    let scope = request.scope;
    let written = match request.format {
        ExportFormat::Json => {
            let mut writer = JsonWriter::start(&mut out, &request.metadata()).map_err(io)?;
            let hashes = request.shares_hashes();
            let count = each_record(store, scope, path, hashes, |record| writer.record(record))?;
            writer.finish().map_err(io)?;
            count
        }
        ExportFormat::Csv => {
            csv::write_header(&mut out).map_err(io)?;
            each_record(store, scope, path, false, |record| {
                csv::write_record(&mut out, record, request.tz)
            })?
        }
        ExportFormat::Xlsx | ExportFormat::Html => {
            let report = ShiftReport::build(store, scope, request.tz)?;
            let mut records = Vec::new();
            each_record(store, scope, path, false, |record| {
                records.push(record.clone());
                Ok(())
            })?;
            if request.format == ExportFormat::Xlsx {
                xlsx::write(&mut out, &request.metadata(), &report, &records, request.tz)?;
            } else {
                html::write(&mut out, &request.metadata(), &report, &records, request.tz)
                    .map_err(io)?;
            }
            records.len() as u64
        }
    };
    let file = out
        .into_inner()
        .map_err(|error| ReportError::write(path, error.error()))?;
    file.sync_all().map_err(io)?;
    Ok(written)
}

/// Streams every entry of the scope as an export record, with its hashes when `hashes`.
fn each_record(
    store: &Store,
    scope: &ReportScope,
    path: &Path,
    hashes: bool,
    mut visit: impl FnMut(&ExportRecord) -> std::io::Result<()>,
) -> Result<u64, ReportError> {
    let mut failure = None;
    let to = scope
        .shift()
        .and_then(|shift| shift.closed_at)
        .map_or(scope.to(), |closed| {
            closed + chrono::Duration::milliseconds(1)
        });
    let result = store.for_each_entry(scope.from(), to, scope.checkpoint_id(), |entry| {
        let record = ExportRecord::from_stored(&entry);
        let record = if hashes {
            record.with_hashes(&entry)
        } else {
            record
        };
        visit(&record).map_err(|error| {
            let message = error.to_string();
            failure = Some(error);
            crate::store::StoreError::file(path, &std::io::Error::other(message))
        })
    });
    match (result, failure) {
        (_, Some(error)) => Err(ReportError::write(path, &error)),
        (Ok(count), None) => Ok(count),
        (Err(error), None) => Err(error.into()),
    }
}
