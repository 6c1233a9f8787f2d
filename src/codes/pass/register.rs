//! The passes this checkpoint issued (`issued-passes.json`, for `pass list`) and the ones it
//! revoked (`revoked-passes.txt`, one pass id a line, `#` starts a comment). Both live in the
//! keys folder so they travel with the signing key.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::codes::CodesError;

pub fn register_path(keys_dir: &Path) -> PathBuf {
    keys_dir.join("issued-passes.json")
}

pub fn revocations_path(keys_dir: &Path) -> PathBuf {
    keys_dir.join("revoked-passes.txt")
}

/// One issued pass as remembered: the holder's name only masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedPass {
    pub pass_id: String,
    pub holder_masked: String,
    pub unit: String,
    pub kind: String,
    pub plate: Option<String>,
    pub valid_from: DateTime<Utc>,
    pub valid_to: DateTime<Utc>,
    pub issued_at: DateTime<Utc>,
}

/// Reads the register; a missing file is an empty register.
pub fn load_register(keys_dir: &Path) -> Result<Vec<IssuedPass>, CodesError> {
    let path = register_path(keys_dir);
    match fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map_err(|error| CodesError::BadRegister {
            path,
            detail: error.to_string(),
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(source) => Err(CodesError::Io { path, source }),
    }
}

/// Appends one pass to the register.
pub fn record_issued(keys_dir: &Path, pass: IssuedPass) -> Result<(), CodesError> {
    let mut register = load_register(keys_dir)?;
    register.push(pass);
    let path = register_path(keys_dir);
    let text = serde_json::to_string_pretty(&register).unwrap_or_default();
    fs::create_dir_all(keys_dir).map_err(CodesError::io(keys_dir))?;
    crate::config::write_atomically(&path, text.as_bytes())?;
    Ok(())
}

/// The revoked pass ids; a missing file revokes nothing.
pub fn load_revoked(keys_dir: &Path) -> Result<HashSet<String>, CodesError> {
    let path = revocations_path(keys_dir);
    match fs::read_to_string(&path) {
        Ok(text) => Ok(parse_revoked(&text)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(HashSet::new()),
        Err(source) => Err(CodesError::Io { path, source }),
    }
}

fn parse_revoked(text: &str) -> HashSet<String> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Revokes a pass id; returns false when it was already revoked.
pub fn revoke(keys_dir: &Path, pass_id: &str, now: DateTime<Utc>) -> Result<bool, CodesError> {
    let pass_id = pass_id.trim();
    if pass_id.is_empty() || pass_id.contains(['#', '\n', '\r']) {
        return Err(CodesError::BadPassDetails(format!(
            "{pass_id:?} is not a pass id"
        )));
    }
    if load_revoked(keys_dir)?.contains(pass_id) {
        return Ok(false);
    }
    let path = revocations_path(keys_dir);
    let mut text = fs::read_to_string(&path).unwrap_or_default();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!("{pass_id} # revoked {}\n", now.to_rfc3339()));
    fs::create_dir_all(keys_dir).map_err(CodesError::io(keys_dir))?;
    crate::config::write_atomically(&path, text.as_bytes())?;
    // Signed for the district, so every gate refuses it (issue 25).
    super::share::record_revocation(keys_dir, pass_id, now)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revocation_lines_ignore_comments_and_blanks() {
        let revoked = parse_revoked("# list\nP1\n\n  P2  # lost card\n");
        assert_eq!(revoked, HashSet::from(["P1".to_owned(), "P2".to_owned()]));
    }

    #[test]
    fn revoking_twice_reports_the_second_as_already_done() {
        let dir = tempfile::tempdir().expect("temp dir");
        let now = DateTime::from_timestamp(1_700_000_000, 0).expect("time");
        assert!(revoke(dir.path(), "P1", now).expect("revoke"));
        assert!(!revoke(dir.path(), "P1", now).expect("again"));
        assert!(load_revoked(dir.path()).expect("load").contains("P1"));
        assert!(revoke(dir.path(), "a#b", now).is_err());
    }
}
