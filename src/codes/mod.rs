//! What a scanned code says: an EU Digital COVID Certificate, a checkpoint pass, an opaque
//! provincial health code, or something unrecognised — turned into a verdict the volunteer
//! can trust, offline. Verifying never fails and never panics: bad input becomes reasons.
//!
//! Not here: decoding the QR image (`scan`), storing entries (`store`), drawing (`ui`).

pub mod base45;
pub mod cbor;
pub mod cose;
pub mod dcc;
mod error;
pub mod hcert;
pub mod health_code;
pub mod pass;
pub mod trust;
pub mod unknown;
mod verdict;

use std::path::Path;

use chrono::{DateTime, Utc};

pub use crate::model::code_reason::Reason;
pub use error::CodesError;
pub use hcert::RulePreset;
pub use pass::{PassTrust, ReuseConflict, pass_reuse_conflict};
pub use verdict::{Checks, CodeVerdict};

use crate::config::DataDir;
use crate::model::HealthColour;
use crate::model::pii::{HashKind, PiiKey};
use health_code::IssuerTable;
use trust::TrustList;

/// Longest payload accepted; real codes are a few hundred bytes.
pub const MAX_PAYLOAD_BYTES: usize = 8 * 1024;

/// The DCC trust bundle inside the keys folder.
pub fn dcc_trust_path(data_dir: &DataDir) -> std::path::PathBuf {
    data_dir.keys_dir().join("dcc-trust.pem")
}

/// Adds the certificates in `pem` to the installation's DCC trust list (Settings page);
/// returns how many were added. The file is only changed when the whole bundle parses.
pub fn import_trust_pem(data_dir: &DataDir, pem: &str) -> Result<usize, CodesError> {
    let added = TrustList::default().add_pem(pem)?;
    let path = dcc_trust_path(data_dir);
    let mut bundle = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(CodesError::Io { path, source }),
    };
    if !bundle.is_empty() && !bundle.ends_with('\n') {
        bundle.push('\n');
    }
    bundle.push_str(pem.trim());
    bundle.push('\n');
    std::fs::create_dir_all(data_dir.keys_dir()).map_err(CodesError::io(data_dir.keys_dir()))?;
    crate::config::write_atomically(&path, bundle.as_bytes())?;
    Ok(added)
}

/// Everything needed to judge a code offline: trust lists, pass keys, issuer table, rules.
#[derive(Debug, Clone)]
pub struct Verifier {
    trust: TrustList,
    passes: PassTrust,
    issuers: IssuerTable,
    rules: RulePreset,
    pii_key: PiiKey,
}

impl Verifier {
    /// Loads the installation's trust list, pass keys, revocations and issuer table. Missing
    /// files mean empty lists; damaged files are errors that name the file.
    pub fn load(data_dir: &DataDir) -> Result<Self, CodesError> {
        let pii_key = data_dir.pii_key()?;
        let mut trust = TrustList::default();
        trust.add_pem_file_if_present(&dcc_trust_path(data_dir))?;
        Ok(Self {
            trust,
            passes: PassTrust::load(&data_dir.keys_dir())?,
            issuers: IssuerTable::load(&data_dir.root().join("issuers.toml"))?,
            rules: RulePreset::default(),
            pii_key,
        })
    }

    /// A verifier from parts, for callers that do not use a data folder (tests, tools).
    pub fn from_parts(
        trust: TrustList,
        passes: PassTrust,
        issuers: IssuerTable,
        pii_key: PiiKey,
    ) -> Self {
        Self {
            trust,
            passes,
            issuers,
            rules: RulePreset::default(),
            pii_key,
        }
    }

    /// Trusts the signer certificates in `pem` for this verifier only; returns how many.
    pub fn add_trust_pem(&mut self, pem: &str) -> Result<usize, CodesError> {
        self.trust.add_pem(pem)
    }

    /// Loads an extra trust bundle file for this verifier only (`verify --trust FILE`).
    pub fn add_trust_file(&mut self, path: &Path) -> Result<usize, CodesError> {
        let pem = std::fs::read_to_string(path).map_err(CodesError::io(path))?;
        self.add_trust_pem(&pem)
    }

    pub fn set_rules(&mut self, rules: RulePreset) {
        self.rules = rules;
    }

    pub fn rules(&self) -> RulePreset {
        self.rules
    }

    /// Judges a payload at time `now`. Total: any input gives a verdict.
    pub fn verify(&self, payload: &str, now: DateTime<Utc>) -> CodeVerdict {
        let payload = payload.trim();
        let mut verdict = if payload.len() > MAX_PAYLOAD_BYTES {
            verdict::unknown(
                payload,
                Reason::PayloadTooLong {
                    max_bytes: MAX_PAYLOAD_BYTES,
                },
            )
        } else if payload.starts_with(dcc::PREFIX) {
            dcc::verify(payload, &self.trust, self.rules, now)
        } else if payload.starts_with(pass::payload::PREFIX) {
            pass::verify(payload, &self.passes, now)
        } else if let Some(issuer) = self.issuers.find(payload) {
            verdict::health_code(issuer, payload)
        } else {
            verdict::unknown(payload, Reason::Unrecognised)
        };
        verdict.payload_hash = Some(self.pii_key.hash(HashKind::CodePayload, payload));
        verdict
    }

    /// Judges a payload read from an image, keeping the colour the scanner saw.
    pub fn verify_scanned(
        &self,
        payload: &str,
        scanned_colour: HealthColour,
        now: DateTime<Utc>,
    ) -> CodeVerdict {
        let mut verdict = self.verify(payload, now);
        verdict.scanned_colour = Some(scanned_colour);
        verdict
    }
}
