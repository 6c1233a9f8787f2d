//! Sharing the hashing secret between the kiosks of one district.
//!
//! Each installation makes its own secret, so the same ID number hashes differently at two kiosks.
//! Kiosks that must recognise each other's visitors (seen at the east gate, then at the west gate
//! ten minutes later) hash with one shared secret: a shift leader copies it from one kiosk
//! (`keys share-secret --out FILE`) to the others (`keys join-secret FILE`), then deletes the
//! file, because whoever holds it can test guesses against exported hashes.
//!
//! Issue 24: a secret file is read up to [`MAX_SECRET_FILE_BYTES`] only (never `/dev/zero`
//! until memory runs out); an all-zero or low-entropy secret is refused; joining keeps the
//! previous secret as `keys/installation.secret.previous`; sharing refuses a file inside the
//! data folder (it would sit beside the database it unlocks the hashes of, and in its backups).

use std::fs;
use std::path::Path;

use super::{ConfigError, DataDir, write_atomically, write_new_file};
use crate::model::pii::PiiKey;

const HEADER: &str = "checkpoint-kiosk shared hashing secret v1";

/// A shared-secret file is ~120 bytes: anything past this is not one.
pub const MAX_SECRET_FILE_BYTES: u64 = 4096;
/// A random 32-byte secret has ~30 distinct byte values; fewer than this is not random.
const MIN_DISTINCT_BYTES: usize = 16;

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
    let text = read_small(path)?.ok_or_else(|| {
        bad(&format!(
            "it is larger than {MAX_SECRET_FILE_BYTES} bytes, so it is not a shared-secret file"
        ))
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
    if !looks_random(key.as_bytes()) {
        return Err(bad(
            "the secret is all zeros or too regular to be random: make a new one with `keys share-secret` on a kiosk",
        ));
    }
    Ok(key)
}

/// The file's text when it is at most [`MAX_SECRET_FILE_BYTES`] long (`None` when longer);
/// never reads more than that.
fn read_small(path: &Path) -> Result<Option<String>, ConfigError> {
    use std::io::Read as _;
    let io = |source| ConfigError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MAX_SECRET_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_SECRET_FILE_BYTES {
        return Ok(None);
    }
    String::from_utf8(bytes).map(Some).map_err(|_| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "not UTF-8 text",
        ))
    })
}

/// A secret with enough distinct byte values to have come from a random source.
fn looks_random(bytes: &[u8]) -> bool {
    let distinct: std::collections::HashSet<u8> = bytes.iter().copied().collect();
    distinct.len() >= MIN_DISTINCT_BYTES
}

/// Refuses a place for a shared-secret file inside `data_dir` (its backups copy that folder).
pub fn check_outside_data_dir(path: &Path, data_dir: &DataDir) -> Result<(), ConfigError> {
    let resolved = |path: &Path| -> std::path::PathBuf {
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(path)
        };
        // The file does not exist yet: resolve its folder (symbolic links included).
        match (absolute.parent(), absolute.file_name()) {
            (Some(parent), Some(name)) => fs::canonicalize(parent)
                .map(|parent| parent.join(name))
                .unwrap_or(absolute),
            _ => absolute,
        }
    };
    let root = fs::canonicalize(data_dir.root()).unwrap_or_else(|_| data_dir.root().to_path_buf());
    if resolved(path).starts_with(&root) {
        return Err(ConfigError::BadSharedSecret {
            path: path.to_path_buf(),
            detail:
                "it is inside the kiosk's data folder; write it to a USB stick or another folder"
                    .to_owned(),
        });
    }
    Ok(())
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
    /// The previous secret is kept as `keys/installation.secret.previous` (owner only), so a
    /// wrong file can be undone.
    pub fn join_shared_secret(&self, key: &PiiKey) -> Result<String, ConfigError> {
        let previous = self.pii_key()?;
        let old = previous.key_id();
        if old == key.key_id() {
            return Ok(old);
        }
        write_atomically(&self.previous_secret_path(), previous.as_bytes())?;
        owner_only(&self.previous_secret_path())?;
        write_atomically(&self.secret_path(), key.as_bytes())?;
        owner_only(&self.secret_path())?;
        Ok(old)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_secret_a_huge_file_and_a_file_in_the_data_folder_are_refused() {
        let folder = tempfile::tempdir().expect("temp dir");
        let file = folder.path().join("zero.secret");
        let zero = PiiKey::from_bytes(&[0u8; 32]).expect("32 bytes");
        fs::write(
            &file,
            format!(
                "{HEADER}\nkey-id {}\nsecret {}\n",
                zero.key_id(),
                "00".repeat(32)
            ),
        )
        .expect("written");
        let error = read_shared_secret(&file).expect_err("refused").to_string();
        assert!(error.contains("all zeros"), "{error}");

        let huge = folder.path().join("huge.secret");
        fs::write(&huge, vec![b'0'; 1 << 20]).expect("written");
        let error = read_shared_secret(&huge).expect_err("refused").to_string();
        assert!(error.contains("larger than"), "{error}");

        let kiosk = DataDir::open(folder.path().join("kiosk")).expect("kiosk");
        let inside = kiosk.root().join("exports").join("x.secret");
        fs::create_dir_all(inside.parent().expect("parent")).expect("dir");
        assert!(check_outside_data_dir(&inside, &kiosk).is_err());
        assert!(check_outside_data_dir(&folder.path().join("x.secret"), &kiosk).is_ok());
    }

    #[test]
    fn joining_keeps_the_previous_secret() {
        let folder = tempfile::tempdir().expect("temp dir");
        let kiosk = DataDir::open(folder.path().join("kiosk")).expect("kiosk");
        let before = kiosk.pii_key().expect("key");
        kiosk
            .join_shared_secret(&PiiKey::generate())
            .expect("joined");
        let kept = fs::read(kiosk.previous_secret_path()).expect("backup");
        assert_eq!(kept, before.as_bytes());
    }

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
