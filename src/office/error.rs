//! What can go wrong starting or running the office's web server. Worded in
//! `text::errors::office`; `Display` says it in both languages (the command line's reader may
//! read either).

use crate::district::DistrictError;
use crate::text::Said;
use crate::text::errors::office as words;

#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
    #[error(transparent)]
    District(#[from] DistrictError),
    #[error("{}", both(&words::listen(listen, detail)))]
    Listen { listen: String, detail: String },
    #[error("{}", both(&words::runtime(.0)))]
    Runtime(String),
    #[error("{}", both(&words::bad_viewer_name(.0)))]
    BadViewerName(String),
    #[error("{}", both(&words::WEAK_PASSWORD.into()))]
    WeakPassword,
    #[error("{}", both(&words::hash(.0)))]
    Hash(String),
}

/// "English / 中文", as the command line prints an office error.
fn both(said: &Said) -> String {
    format!("{} / {}", said.en, said.zh)
}
