//! Files private to the kiosk's user: the data folder is 0700, secrets, databases and exports
//! are created 0600 and exclusively (O_EXCL), and a finished file is moved into place either
//! replacing the old one (settings, the pass register) or never (secrets, exports).
//! Also the data folder's lock file, so a second window on the same folder is refused.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::ConfigError;

/// Whether moving a finished file into place may replace an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Replace,
    NoReplace,
}

fn io_error(path: &Path) -> impl Fn(io::Error) -> ConfigError + '_ {
    move |source| ConfigError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Creates `dir` (and its parents) and makes it readable by its owner only.
pub fn create_private_dir(dir: &Path) -> Result<(), ConfigError> {
    fs::create_dir_all(dir).map_err(io_error(dir))?;
    restrict(dir, 0o700).map_err(io_error(dir))
}

/// Sets the mode of `path` to `mode` when it allows more (never widens it).
#[cfg(unix)]
pub fn restrict(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let current = fs::metadata(path)?.permissions().mode() & 0o777;
    if current & !mode != 0 {
        fs::set_permissions(path, fs::Permissions::from_mode(current & mode))?;
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn restrict(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

/// Creates `path` for writing, readable by its owner only; fails if it exists (O_EXCL).
pub fn create_private_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// A sibling of `path` no other process picks: `NAME.PID.RANDOM.tmp`.
pub fn temporary_sibling(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(format!(
        ".{}.{:08x}.tmp",
        std::process::id(),
        rand::random::<u32>()
    ));
    path.with_file_name(name)
}

/// Moves the finished file `from` to `to`. `NoReplace` links it (which fails when `to` exists,
/// atomically) and removes `from`; on file systems without links (FAT USB sticks) it checks
/// and renames. On failure `from` is removed: nothing is left behind.
pub fn place(from: &Path, to: &Path, how: Place) -> io::Result<()> {
    let result = match how {
        Place::Replace => fs::rename(from, to),
        Place::NoReplace => match fs::hard_link(from, to) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
            Err(_) if to.exists() => Err(io::Error::from(io::ErrorKind::AlreadyExists)),
            Err(_) => fs::rename(from, to),
        },
    };
    // After a link (or any failure) the temporary name must go; after a rename it is gone.
    let _ = fs::remove_file(from);
    result
}

/// Writes `bytes` to a private temporary sibling, syncs it and places it at `path`.
pub fn write_then_place(path: &Path, bytes: &[u8], how: Place) -> Result<(), ConfigError> {
    let temporary = temporary_sibling(path);
    let written = create_private_file(&temporary).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(source) = written {
        let _ = fs::remove_file(&temporary);
        return Err(ConfigError::Io {
            path: path.to_path_buf(),
            source,
        });
    }
    place(&temporary, path, how).map_err(|source| {
        if source.kind() == io::ErrorKind::AlreadyExists {
            ConfigError::AlreadyExists {
                path: path.to_path_buf(),
            }
        } else {
            ConfigError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    })?;
    sync_parent(path);
    Ok(())
}

/// Makes the new directory entry itself durable (best effort: not every system can).
pub fn sync_parent(path: &Path) {
    if let Some(parent) = path.parent()
        && let Ok(dir) = File::open(parent)
    {
        let _ = dir.sync_all();
    }
}

/// The data folder's lock (`kiosk.lock`), held while the guard lives; the operating system
/// releases it when the process ends, even when killed, so a crash never leaves it stuck.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
}

impl InstanceLock {
    pub const FILE_NAME: &'static str = "kiosk.lock";

    /// Takes the lock without waiting; `InUse` when another process holds it.
    pub fn take(root: &Path) -> Result<Self, ConfigError> {
        let path = root.join(Self::FILE_NAME);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&path).map_err(io_error(&path))?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(ConfigError::InUse {
                path: root.to_path_buf(),
            }),
            Err(fs::TryLockError::Error(source)) => Err(ConfigError::Io { path, source }),
        }
    }
}
