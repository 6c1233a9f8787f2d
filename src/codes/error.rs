//! Errors loading and saving the codes' files: trust lists, issuer tables, pass keys and registers.
//! Verifying a code never fails: a bad code becomes a verdict with reasons, not an error.

use std::path::PathBuf;

use thiserror::Error;

/// `Display` is the English; the Chinese is `text::errors::codes` (joined by `app::bilingual`:
/// `codes` may not name `text`).
#[derive(Debug, Error)]
pub enum CodesError {
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the trust list is not a PEM bundle of X.509 certificates ({detail}); export the signer certificates as PEM and try again"
    )]
    BadTrustPem { detail: String },
    #[error(
        "certificate {subject} has a key that is neither P-256 nor RSA; only ES256 and PS256 signers are supported"
    )]
    UnsupportedSignerKey { subject: String },
    #[error("the issuer table {path} is not valid TOML ({detail}); fix or delete it")]
    BadIssuerTable { path: PathBuf, detail: String },
    #[error("no pass-signing key at {path}; create one with `checkpoint-kiosk keys init`")]
    NoSigningKey { path: PathBuf },
    #[error(
        "a pass-signing key already exists at {path}; it was left untouched (delete it yourself only if you mean to replace it)"
    )]
    SigningKeyExists { path: PathBuf },
    #[error(
        "the key file {path} is not an Ed25519 key (raw 32 bytes, PKCS#8 or a .pub file from `keys export`)"
    )]
    BadKeyFile { path: PathBuf },
    #[error("the pass register {path} is damaged ({detail}); restore it from a backup")]
    BadRegister { path: PathBuf, detail: String },
    #[error("pass details not accepted: {0}")]
    BadPassDetails(String),
    #[error(transparent)]
    DataFolder(#[from] crate::config::ConfigError),
    #[error("cannot draw the pass image: {0}")]
    Render(String),
}

impl CodesError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| Self::Io { path, source }
    }
}
