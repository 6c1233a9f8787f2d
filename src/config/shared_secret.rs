//! Sharing the hashing secret between the kiosks of one district.
//!
//! Each installation makes its own secret, so the same ID number hashes differently at two kiosks.
//! Kiosks that must recognise each other's visitors (seen at the east gate, then at the west gate
//! ten minutes later) hash with one shared secret: a shift leader copies it from one kiosk
//! (`keys share-secret --out FILE`) to the others (`keys join-secret FILE`), then deletes the
//! file, because whoever holds it can test guesses against exported hashes.

use std::fs;
use std::path::Path;

use super::{ConfigError, DataDir, write_atomically, write_new_file};
use crate::model::pii::PiiKey;

const HEADER: &str = "checkpoint-kiosk shared hashing secret v1";

/// Writes `key` to `path` in the shared-secret format, readable by its owner only from the
/// moment it exists (never world-readable, even briefly); an existing file is not replaced.
pub fn write_shared_secret(path: &Path, key: &PiiKey) -> Result<(), ConfigError> {
    let text = format!(
        "{HEADER}\nkey-id {}\nsecret {}\n",
        key.key_id(),
        hex::encode(key.as_bytes())
    );
    write_new_file(path, text.as_bytes())
}

/// Reads a shared-secret file, checking that its key id matches its secret (a file cut short
/// or mistyped is refused rather than silently making hashes nobody else makes).
pub fn read_shared_secret(path: &Path) -> Result<PiiKey, ConfigError> {
    let bad = |detail: &str| ConfigError::BadSharedSecret {
        path: path.to_path_buf(),
        detail: detail.to_owned(),
    };
    let text = fs::read_to_string(path).map_err(|source| ConfigError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut lines = text.lines().map(str::trim);
    if lines.next() != Some(HEADER) {
        return Err(bad("it does not start with the shared-secret header"));
    }
    let key_id = field(&mut lines, "key-id").ok_or_else(|| bad("the key-id line is missing"))?;
    let secret = field(&mut lines, "secret").ok_or_else(|| bad("the secret line is missing"))?;
    let key = hex::decode(secret)
        .ok()
        .and_then(|bytes| PiiKey::from_bytes(&bytes))
        .ok_or_else(|| bad("the secret is not 64 hex digits"))?;
    if key.key_id() != key_id {
        return Err(bad(
            "the key id does not match the secret (copied wrongly?)",
        ));
    }
    Ok(key)
}

fn field<'a>(lines: &mut impl Iterator<Item = &'a str>, name: &str) -> Option<&'a str> {
    lines
        .next()
        .and_then(|line| line.strip_prefix(name))
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

#[cfg(unix)]
fn owner_only(path: &Path) -> Result<(), ConfigError> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600)).map_err(|source| ConfigError::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(not(unix))]
fn owner_only(_path: &Path) -> Result<(), ConfigError> {
    Ok(())
}

impl DataDir {
    /// Replaces this installation's hashing secret with a shared one. Returns the old key id.
    /// Entries already stored keep their old hashes: repeats against them are no longer found,
    /// which only matters for the few minutes of the repeat window.
    pub fn join_shared_secret(&self, key: &PiiKey) -> Result<String, ConfigError> {
        let old = self.pii_key()?.key_id();
        write_atomically(&self.secret_path(), key.as_bytes())?;
        owner_only(&self.secret_path())?;
        Ok(old)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_secret_makes_two_installations_hash_alike() {
        let folder = tempfile::tempdir().expect("temp dir");
        let east = DataDir::open(folder.path().join("east")).expect("east");
        let west = DataDir::open(folder.path().join("west")).expect("west");
        let east_key = east.pii_key().expect("east key");
        assert_ne!(
            east_key.key_id(),
            west.pii_key().expect("west key").key_id()
        );

        let file = folder.path().join("district.secret");
        write_shared_secret(&file, &east_key).expect("written");
        let shared = read_shared_secret(&file).expect("read back");
        let old = west.join_shared_secret(&shared).expect("joined");
        assert_ne!(old, east_key.key_id());
        assert_eq!(
            west.pii_key().expect("reloaded").key_id(),
            east_key.key_id()
        );
    }

    #[test]
    fn a_damaged_secret_file_is_refused_with_the_reason() {
        let folder = tempfile::tempdir().expect("temp dir");
        let file = folder.path().join("district.secret");
        write_shared_secret(&file, &PiiKey::generate()).expect("written");
        let text = fs::read_to_string(&file).expect("text");
        let cut = text.replace("\nsecret ", "\nsecret 00");
        fs::write(&file, cut).expect("damaged");
        let error = read_shared_secret(&file).expect_err("refused").to_string();
        assert!(error.contains("64 hex digits"), "{error}");

        let other = PiiKey::generate();
        let swapped = text
            .lines()
            .map(|line| match line.strip_prefix("secret ") {
                Some(_) => format!("secret {}", hex::encode(other.as_bytes())),
                None => line.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        fs::write(&file, swapped).expect("swapped");
        let error = read_shared_secret(&file).expect_err("refused").to_string();
        assert!(error.contains("does not match"), "{error}");

        fs::write(&file, "hello").expect("junk");
        assert!(read_shared_secret(&file).is_err());
    }
}
