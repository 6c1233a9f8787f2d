//! The file formats a report or the entries can be exported in: chosen on screen and on the
//! command line, written by `report`.

/// One export file format.
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
