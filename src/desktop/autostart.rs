//! Starting the kiosk at login: an XDG autostart entry (`~/.config/autostart/*.desktop`), which
//! GNOME, KDE, Xfce, UKUI (Kylin) and DDE (UOS) all honour. It is per user, so the kiosk's own
//! account starts it and nobody else's.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// The file name of the entry, shared with the installed desktop entry.
pub const ENTRY_FILE_NAME: &str = "checkpoint-kiosk.desktop";

/// `Display` is the English; the Chinese is `text::errors::autostart` (joined by
/// `app::bilingual`: `desktop` may not name `text`).
#[derive(Debug, Error)]
pub enum AutostartError {
    #[error("cannot find the user's config folder (neither XDG_CONFIG_HOME nor HOME is set)")]
    NoConfigHome,
    #[error("cannot write the autostart entry {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// The autostart entry of one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autostart {
    path: PathBuf,
}

impl Autostart {
    /// The entry under `$XDG_CONFIG_HOME/autostart`, or `~/.config/autostart`.
    pub fn for_current_user() -> Result<Self, AutostartError> {
        let config_home = user_config_home(
            std::env::var_os("XDG_CONFIG_HOME"),
            std::env::var_os("HOME"),
        )
        .ok_or(AutostartError::NoConfigHome)?;
        Ok(Self::in_config_home(&config_home))
    }

    /// The entry under `config_home/autostart` (tests use a temporary folder).
    pub fn in_config_home(config_home: &Path) -> Self {
        Self {
            path: config_home.join("autostart").join(ENTRY_FILE_NAME),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the kiosk starts at login now.
    pub fn is_enabled(&self) -> bool {
        fs::read_to_string(&self.path)
            .is_ok_and(|text| !text.lines().any(|line| line.trim() == "Hidden=true"))
    }

    /// Writes the entry so that `program` starts in kiosk mode (full screen) at login, on the
    /// data folder `data_dir` when one was given on the command line.
    pub fn enable(&self, program: &Path, data_dir: Option<&Path>) -> Result<(), AutostartError> {
        let io_error = |source| AutostartError::Io {
            path: self.path.clone(),
            source,
        };
        if let Some(folder) = self.path.parent() {
            fs::create_dir_all(folder).map_err(io_error)?;
        }
        let text = entry_text(program, data_dir);
        let temporary = self.path.with_extension("tmp");
        fs::write(&temporary, text).map_err(io_error)?;
        fs::rename(&temporary, &self.path).map_err(io_error)
    }

    /// Removes the entry; nothing to do when there is none.
    pub fn disable(&self) -> Result<(), AutostartError> {
        match fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(AutostartError::Io {
                path: self.path.clone(),
                source,
            }),
        }
    }
}

/// `$XDG_CONFIG_HOME`, else `$HOME/.config` (XDG Base Directory Specification; empty counts
/// as unset).
fn user_config_home(
    xdg_config_home: Option<std::ffi::OsString>,
    home: Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    let set = |value: &std::ffi::OsString| !value.is_empty();
    xdg_config_home.filter(set).map(PathBuf::from).or_else(|| {
        home.filter(set)
            .map(|home| PathBuf::from(home).join(".config"))
    })
}

/// The desktop entry text. Paths are quoted as the Desktop Entry Specification asks, so a data
/// folder with spaces survives.
pub fn entry_text(program: &Path, data_dir: Option<&Path>) -> String {
    let mut exec = quote_exec_argument(&program.display().to_string());
    if let Some(dir) = data_dir {
        exec.push_str(" --data-dir ");
        exec.push_str(&quote_exec_argument(&dir.display().to_string()));
    }
    exec.push_str(" run --fullscreen");
    ENTRY_TEMPLATE.replace("{exec}", &exec)
}

/// The entry with its name and comment in both languages, as the packaged desktop entries
/// beside it carry theirs.
const ENTRY_TEMPLATE: &str =
    include_str!("../../assets/packaging/checkpoint-kiosk-autostart.desktop.in");

/// Quotes one argument of an `Exec=` line when it needs it (Desktop Entry Specification,
/// "The Exec key"): inside double quotes, `"`, `` ` ``, `$` and `\` are escaped.
fn quote_exec_argument(argument: &str) -> String {
    let plain = argument
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+=:@,".contains(c));
    if plain && !argument.is_empty() {
        return argument.to_owned();
    }
    let mut quoted = String::with_capacity(argument.len() + 2);
    quoted.push('"');
    for c in argument.chars() {
        if matches!(c, '"' | '`' | '$' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enabling_writes_a_fullscreen_entry_and_disabling_removes_it() {
        let home = tempfile::tempdir().expect("temp dir");
        let autostart = Autostart::in_config_home(home.path());
        assert!(!autostart.is_enabled());
        autostart
            .enable(Path::new("/usr/bin/checkpoint-kiosk"), None)
            .expect("enable");
        assert!(autostart.is_enabled());
        let text = fs::read_to_string(autostart.path()).expect("read");
        assert!(text.contains("Exec=/usr/bin/checkpoint-kiosk run --fullscreen\n"));
        assert!(text.contains("Name[zh_CN]=检查点登记"));
        autostart.disable().expect("disable");
        assert!(!autostart.is_enabled());
        autostart.disable().expect("disabling twice is fine");
    }

    #[test]
    fn the_entry_goes_under_xdg_config_home_else_under_home_dot_config() {
        let entry = |xdg: &str, home: &str| {
            user_config_home(Some(xdg.into()), Some(home.into()))
                .map(|dir| Autostart::in_config_home(&dir).path().to_path_buf())
        };
        assert_eq!(
            entry("/tmp/xdg", "/home/gate"),
            Some(PathBuf::from("/tmp/xdg/autostart/checkpoint-kiosk.desktop"))
        );
        assert_eq!(
            entry("", "/home/gate"),
            Some(PathBuf::from(
                "/home/gate/.config/autostart/checkpoint-kiosk.desktop"
            ))
        );
        assert_eq!(entry("", ""), None);
    }

    #[test]
    fn a_data_folder_with_spaces_is_quoted_in_the_exec_line() {
        let text = entry_text(
            Path::new("/usr/bin/checkpoint-kiosk"),
            Some(Path::new("/home/gate one/$data")),
        );
        assert!(text.contains(
            "Exec=/usr/bin/checkpoint-kiosk --data-dir \"/home/gate one/\\$data\" run --fullscreen"
        ));
    }
}
