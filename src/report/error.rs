//! Report and export failures, each saying what to do.

use thiserror::Error;

use crate::store::StoreError;
use crate::text::Said;
use crate::text::errors::report as words;

/// Worded in `text::errors::report`, both languages (`Display` is the English).
#[derive(Debug, Error)]
#[error("{}", self.words().en)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    Write {
        path: String,
        detail: String,
    },
    Read {
        path: String,
        detail: String,
    },
    NotAnExport {
        path: String,
        detail: String,
    },
    UnknownSchema {
        path: String,
        found: String,
        supported: String,
    },
    Xlsx(String),
    InsideDataFolder {
        path: String,
        folder: String,
    },
    TargetExists {
        path: String,
    },
    BadImport {
        path: String,
        detail: String,
        detail_zh: String,
    },
}

impl ReportError {
    /// The error in both languages.
    pub fn words(&self) -> Said {
        match self {
            Self::Store(error) => {
                Said::new(crate::text::store_errors::zh(error), error.to_string())
            }
            Self::Write { path, detail } => words::write(path, detail),
            Self::Read { path, detail } => words::read(path, detail),
            Self::NotAnExport { path, detail } => words::not_an_export(path, detail),
            Self::UnknownSchema {
                path,
                found,
                supported,
            } => words::unknown_schema(path, found, supported),
            Self::Xlsx(detail) => words::xlsx(detail),
            Self::InsideDataFolder { path, folder } => words::inside_data_folder(path, folder),
            Self::TargetExists { path } => words::target_exists(path),
            Self::BadImport {
                path,
                detail,
                detail_zh,
            } => words::bad_import(path, detail, detail_zh),
        }
    }

    pub fn write(path: &std::path::Path, error: &dyn std::fmt::Display) -> Self {
        Self::Write {
            path: path.display().to_string(),
            detail: error.to_string(),
        }
    }
}

impl crate::text::Bilingual for ReportError {
    fn zh(&self) -> String {
        self.words().zh
    }

    fn en(&self) -> String {
        self.words().en
    }
}
