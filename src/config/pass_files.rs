//! The keys folder's files of shared pass items (issue 25), one JSON list each:
//! `pass-share-own.json` (this checkpoint's own key and revocations, signed here, for the sync to
//! push and the neighbour export to carry) and `pass-share-district.json` (the other checkpoints'
//! keys and revocations, each checked before it was written here).

use std::path::{Path, PathBuf};

use super::ConfigError;
use crate::model::pass_share::{SharedPassItem, SharedPassWire};

pub fn own_path(keys_dir: &Path) -> PathBuf {
    keys_dir.join("pass-share-own.json")
}

pub fn district_path(keys_dir: &Path) -> PathBuf {
    keys_dir.join("pass-share-district.json")
}

/// The items of one file; a missing file has none, an unreadable item is left out (it is checked
/// again by whoever uses the list).
pub fn read(path: &Path) -> Result<Vec<SharedPassItem>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(ConfigError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let wires: Vec<SharedPassWire> = serde_json::from_str(&text).unwrap_or_default();
    Ok(wires
        .iter()
        .filter_map(|wire| SharedPassItem::from_wire(wire).ok())
        .collect())
}

/// Writes the list (0600, atomically), without duplicates, in a stable order.
pub fn write(path: &Path, items: &[SharedPassItem]) -> Result<(), ConfigError> {
    let mut wires: Vec<SharedPassWire> = items.iter().map(SharedPassItem::to_wire).collect();
    wires.sort_by(|a, b| {
        (&a.public_key, &a.kind, &a.pass_id).cmp(&(&b.public_key, &b.kind, &b.pass_id))
    });
    wires.dedup_by(|a, b| {
        a.public_key == b.public_key && a.kind == b.kind && a.pass_id == b.pass_id
    });
    if let Some(dir) = path.parent() {
        super::private::create_private_dir(dir)?;
    }
    let text = serde_json::to_string_pretty(&wires).unwrap_or_default();
    super::write_atomically(path, text.as_bytes())
}

/// Adds `items` to the file; true when the file changed.
pub fn add(path: &Path, items: &[SharedPassItem]) -> Result<bool, ConfigError> {
    let mut all = read(path)?;
    let before = all.len();
    for item in items {
        if !all.iter().any(|known| known.same_fact(item)) {
            all.push(item.clone());
        }
    }
    if all.len() == before {
        return Ok(false);
    }
    write(path, &all)?;
    Ok(true)
}
