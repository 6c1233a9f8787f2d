//! USB sticks plugged into the kiosk: where they are mounted (the system's removable mounts, or
//! folders a test names), and the files on them that a leader may pick (a neighbour's pass
//! stamp, the district's registration key). Listing reads the stick, so it runs on a thread of
//! its own and is repeated every few seconds while a page offers the files: a stick plugged in
//! while the window is open shows up by itself.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::background::Background;

/// How often the files are listed again while a page offers them.
const RELIST_EVERY: Duration = Duration::from_secs(3);
/// How often the Shift screen looks for sticks to export to (reading `/proc/mounts` only).
pub const PLACES_EVERY: Duration = Duration::from_secs(2);
/// Folders below a stick's top that are looked into (a key in `keys/` on the stick is found).
const DEPTH: usize = 2;
/// Key files are small; a film or a photo on the stick is not one.
const LARGEST_KEY_FILE: u64 = 64 * 1024;
/// A stick full of files lists its first ones; the leader sees there are more to tidy.
const MOST_FILES: usize = 100;

/// Where USB sticks are found.
#[derive(Debug, Clone, Default)]
pub enum DriveRoots {
    /// Removable drives the system mounted (`/media/…`, `/run/media/…`).
    #[default]
    System,
    /// These folders stand for plugged-in sticks (tests).
    Folders(Vec<PathBuf>),
}

impl DriveRoots {
    /// The sticks plugged in now, in mount order.
    pub fn mounted(&self) -> Vec<PathBuf> {
        match self {
            Self::System => {
                let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
                super::export_place::removable_mounts(&mounts)
            }
            Self::Folders(folders) => folders.clone(),
        }
    }
}

/// The sticks, and the listing of their files in progress.
#[derive(Default)]
pub struct UsbDrives {
    pub roots: DriveRoots,
    listing: Background<Vec<PathBuf>>,
    listed_at: Option<Instant>,
    places_at: Option<Instant>,
}

impl UsbDrives {
    /// Starts listing the sticks' files when none is running and the last is older than a few
    /// seconds (or `now_please`).
    pub fn relist(&mut self, wake: std::sync::Arc<dyn Fn() + Send + Sync>, now_please: bool) {
        let due = self
            .listed_at
            .is_none_or(|listed| listed.elapsed() >= RELIST_EVERY);
        if self.listing.is_running() || !(due || now_please) {
            return;
        }
        self.listed_at = Some(Instant::now());
        let roots = self.roots.mounted();
        // A thread that cannot start leaves the list as it was; the next try comes soon.
        let _ = self
            .listing
            .start("usb-files", wake, move || key_files_on(&roots));
    }

    /// Whether the export places are due to be looked at again (and marks them looked at).
    pub fn places_due(&mut self) -> bool {
        let due = self
            .places_at
            .is_none_or(|checked| checked.elapsed() >= PLACES_EVERY);
        if due {
            self.places_at = Some(Instant::now());
        }
        due
    }

    pub fn is_listing(&self) -> bool {
        self.listing.is_running()
    }

    /// The files found by the last listing, once, when it is done.
    pub fn take_files(&mut self) -> Option<Vec<PathBuf>> {
        self.listing.take()
    }
}

/// Small regular files on the sticks, up to two folders deep, sorted by path.
pub fn key_files_on(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for root in roots {
        collect(root, DEPTH, &mut found);
    }
    found.sort();
    found.truncate(MOST_FILES);
    found
}

fn collect(folder: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        if found.len() >= MOST_FILES * 4 {
            return;
        }
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if hidden || kind.is_symlink() {
            continue;
        }
        let path = entry.path();
        if kind.is_dir() && depth > 0 {
            collect(&path, depth - 1, found);
        } else if kind.is_file()
            && entry
                .metadata()
                .is_ok_and(|meta| meta.len() <= LARGEST_KEY_FILE)
        {
            found.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_files_two_folders_deep_are_offered_big_hidden_and_deeper_ones_are_not() {
        let stick = tempfile::tempdir().expect("stick");
        let root = stick.path();
        std::fs::create_dir_all(root.join("keys/old/older")).expect("folders");
        std::fs::write(root.join("east-gate.pem"), "key").expect("pem");
        std::fs::write(root.join("keys/district.secret"), "secret").expect("secret");
        std::fs::write(root.join("keys/old/older/too-deep.pem"), "deep").expect("deep");
        std::fs::write(root.join(".hidden.pem"), "hidden").expect("hidden");
        std::fs::write(root.join("film.mp4"), vec![0_u8; 100 * 1024]).expect("film");
        let files = key_files_on(&[root.to_path_buf()]);
        assert_eq!(
            files,
            vec![
                root.join("east-gate.pem"),
                root.join("keys/district.secret")
            ]
        );
    }
}
