//! Report and export failures, each saying what to do.

use thiserror::Error;

use crate::store::StoreError;

#[derive(Debug, Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write {path} ({detail}): choose another folder or free disk space")]
    Write { path: String, detail: String },
    #[error("cannot read {path} ({detail}): check the file name")]
    Read { path: String, detail: String },
    #[error(
        "{path} is not a checkpoint-kiosk export ({detail}): import only files made by `export --format json`"
    )]
    NotAnExport { path: String, detail: String },
    #[error("{path} uses export schema {found}, this app reads {supported}: update the app")]
    UnknownSchema {
        path: String,
        found: String,
        supported: String,
    },
    #[error("cannot build the Excel file ({0}): try CSV instead and report this")]
    Xlsx(String),
}

impl ReportError {
    pub fn write(path: &std::path::Path, error: &dyn std::fmt::Display) -> Self {
        Self::Write {
            path: path.display().to_string(),
            detail: error.to_string(),
        }
    }
}
