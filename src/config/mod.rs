//! The data directory and the kiosk's settings file (`kiosk.toml`).
//!
//! The data directory holds everything one installation owns: the database, the settings, the
//! per-installation secret that keys personal-data hashes, and the pass-signing keys.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::FeverThreshold;
use crate::model::pii::PiiKey;

pub mod attempts;
pub mod pass_files;
mod passphrase;
pub mod private;
mod shared_secret;
mod validate;
pub use passphrase::{MIN_PASSPHRASE_CHARS, PASSPHRASE_VARIABLE, Passphrase, PassphraseTooShort};
pub use shared_secret::{check_outside_data_dir, read_shared_secret, write_shared_secret};
pub use validate::{
    FONT_SCALE_RANGE, MAX_LABEL_CHARS, MAX_REPEAT_WINDOW_MINUTES, MAX_RETENTION_DAYS, RangeProblem,
};

/// Errors reading or writing the data directory.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("cannot find a data folder for this user; pass --data-dir DIR")]
    NoDefaultDir,
    #[error("cannot use the data folder {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "kiosk.toml at {path} is not valid ({source}); fix or delete it to get the defaults back"
    )]
    BadConfig {
        path: PathBuf,
        source: toml::de::Error,
    },
    #[error(
        "the installation secret at {path} is damaged; restore it from a backup (hashes made with another secret no longer match)"
    )]
    BadSecret { path: PathBuf },
    #[error(
        "{path} is not a usable shared hashing secret: {detail}; copy the file again from the kiosk that made it (`keys share-secret`)"
    )]
    BadSharedSecret { path: PathBuf, detail: String },
    #[error("kiosk.toml at {path}: {field} {problem}; fix it in Settings or in the file")]
    OutOfRange {
        path: PathBuf,
        field: &'static str,
        problem: RangeProblem,
    },
    #[error("{path} already exists: choose another file name (nothing was overwritten)")]
    AlreadyExists { path: PathBuf },
    #[error("{0} (CHECKPOINT_KIOSK_PASSPHRASE)")]
    Passphrase(#[from] PassphraseTooShort),
    #[error(
        "another checkpoint-kiosk is already using the data folder {path}: switch to its window (or close it) instead of starting a second one"
    )]
    InUse { path: PathBuf },
}

/// The folder holding one installation's database, settings and keys.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
    /// The database passphrase when the database is encrypted (from the environment, or typed
    /// by a leader at the window's start).
    passphrase: Option<Passphrase>,
}

impl DataDir {
    /// Uses `explicit` when given, otherwise the platform's per-user data folder; creates it.
    pub fn resolve(explicit: Option<PathBuf>) -> Result<Self, ConfigError> {
        let root = match explicit {
            Some(dir) => dir,
            None => directories::ProjectDirs::from("org", "checkpoint-kiosk", "checkpoint-kiosk")
                .ok_or(ConfigError::NoDefaultDir)?
                .data_dir()
                .to_path_buf(),
        };
        Self::open(root)
    }

    /// Opens (creating if needed) the data folder at `root`.
    /// The folder is made private to this user (0700): it holds health data and the secret.
    pub fn open(root: PathBuf) -> Result<Self, ConfigError> {
        private::create_private_dir(&root)?;
        Ok(Self {
            root,
            passphrase: Passphrase::from_environment()?,
        })
    }

    /// The same folder, unlocked with `passphrase`.
    pub fn with_passphrase(mut self, passphrase: Passphrase) -> Self {
        self.passphrase = Some(passphrase);
        self
    }

    /// The database passphrase, when one was given.
    pub fn passphrase(&self) -> Option<&Passphrase> {
        self.passphrase.as_ref()
    }

    /// Takes the data folder's lock file for as long as the returned guard lives: a second
    /// window on the same folder is refused politely instead of racing the first one.
    pub fn lock_instance(&self) -> Result<private::InstanceLock, ConfigError> {
        private::InstanceLock::take(&self.root)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn database_path(&self) -> PathBuf {
        self.root.join("kiosk.sqlite3")
    }

    pub fn config_path(&self) -> PathBuf {
        self.root.join("kiosk.toml")
    }

    /// Folder for signing keys, trusted neighbour keys and the DCC trust list.
    pub fn keys_dir(&self) -> PathBuf {
        self.root.join("keys")
    }

    fn secret_path(&self) -> PathBuf {
        self.keys_dir().join("installation.secret")
    }

    /// The secret before the last `keys join-secret` (issue 24).
    pub fn previous_secret_path(&self) -> PathBuf {
        self.keys_dir().join("installation.secret.previous")
    }

    /// Reads `kiosk.toml` with the kiosk's own rules (the fever line, `KioskConfig::check`)
    /// without writing anything: `None` when there is no file yet. `doctor` reads it this way,
    /// so it passes exactly the files the kiosk accepts.
    pub fn read_config(&self) -> Result<Option<(KioskConfig, String)>, ConfigError> {
        read_config_file(&self.config_path())
    }

    /// Loads the settings. On the first start the file written holds only this checkpoint's
    /// made-up id and `setup_done = false`: every other value is the default in memory, never
    /// written as if somebody had answered it, so the first-run setup asks every question.
    pub fn load_config(&self) -> Result<KioskConfig, ConfigError> {
        let path = self.config_path();
        let Some((config, text)) = self.read_config()? else {
            let config = KioskConfig::default();
            let text = format!(
                "# Written at the first start; the setup in the window fills in the rest.\ncheckpoint_id = \"{}\"\nsetup_done = false\n",
                config.checkpoint_id
            );
            // Two first starts at once: whichever file lands first is everyone's.
            return match write_new_file(&path, text.as_bytes()) {
                Ok(()) => Ok(config),
                Err(ConfigError::AlreadyExists { .. }) => self.load_config(),
                Err(error) => Err(error),
            };
        };
        if !text_sets_key(&text, "checkpoint_id") {
            // A kiosk.toml prepared for many laptops names no checkpoint id: the one made up
            // here is kept, or every start (and every command) would use another. Put first,
            // where a key is top-level whatever tables follow; the rest of the file (the
            // helper's comments, the keys the setup looks for) stays as it was.
            let kept = format!("checkpoint_id = \"{}\"\n{text}", config.checkpoint_id);
            write_atomically(&path, kept.as_bytes())?;
        }
        Ok(config)
    }

    /// Writes the settings atomically (temp file + rename), so a crash never leaves half a file.
    pub fn save_config(&self, config: &KioskConfig) -> Result<(), ConfigError> {
        // An empty file would reset every setting at the next start: refuse rather than write it.
        config.check(&self.config_path())?;
        let text = toml::to_string_pretty(config).map_err(|error| ConfigError::Io {
            path: self.config_path(),
            source: io::Error::other(error.to_string()),
        })?;
        write_atomically(&self.config_path(), text.as_bytes())
    }

    /// The per-installation secret keying personal-data hashes; created on first use.
    pub fn pii_key(&self) -> Result<PiiKey, ConfigError> {
        let path = self.secret_path();
        match fs::read(&path) {
            Ok(bytes) => PiiKey::from_bytes(&bytes).ok_or(ConfigError::BadSecret { path }),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                let key = PiiKey::generate();
                private::create_private_dir(&self.keys_dir())?;
                // Never replace a secret another process has just made: hashes made with it
                // would stop matching. The loser of a race reads the winner's secret.
                match write_new_file(&path, key.as_bytes()) {
                    Ok(()) => Ok(key),
                    Err(ConfigError::AlreadyExists { .. }) => self.pii_key(),
                    Err(error) => Err(error),
                }
            }
            Err(source) => Err(ConfigError::Io { path, source }),
        }
    }
}

/// Reads and checks the `kiosk.toml` at `path` as the kiosk does, writing nothing: the settings
/// and the file's text, or `None` when there is no file.
pub fn read_config_file(path: &Path) -> Result<Option<(KioskConfig, String)>, ConfigError> {
    match fs::read_to_string(path) {
        Ok(text) => parse_config(&text, path).map(|config| Some((config, text))),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ConfigError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Parses and checks a `kiosk.toml`'s text as the kiosk does.
fn parse_config(text: &str, path: &Path) -> Result<KioskConfig, ConfigError> {
    validate::refuse_bad_fever_line(text, path)?;
    let config: KioskConfig = toml::from_str(text).map_err(|source| ConfigError::BadConfig {
        path: path.to_path_buf(),
        source,
    })?;
    config.check(path)?;
    Ok(config)
}

/// Writes `bytes` to `path` through a private temporary sibling (0600, created exclusively,
/// synced) and a rename, replacing any earlier file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ConfigError> {
    private::write_then_place(path, bytes, private::Place::Replace)
}

/// Like [`write_atomically`], but never replaces an existing file: `AlreadyExists` instead.
pub fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), ConfigError> {
    private::write_then_place(path, bytes, private::Place::NoReplace)
}

/// UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    /// Picks the text for this language; call sites keep both texts side by side.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Self::ZhCn => zh,
            Self::En => en,
        }
    }

    /// The other language, for the one-key language switch.
    pub fn toggled(self) -> Self {
        match self {
            Self::ZhCn => Self::En,
            Self::En => Self::ZhCn,
        }
    }
}

/// The settings in `kiosk.toml`. Every field has a default so older files keep loading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KioskConfig {
    /// Stable id of this checkpoint, written into every record so logs can be merged.
    pub checkpoint_id: String,
    /// Name shown on screen and in reports, e.g. "幸福里小区东门".
    pub checkpoint_name: String,
    /// Gate or lane at this checkpoint, e.g. "1号岗".
    pub gate: String,
    /// The direction each person starts with: `in`, or `out` at an exit gate. A volunteer's
    /// choice of the other for one person does not carry over to the next.
    pub gate_direction: crate::model::Direction,
    /// Temperatures at or above this (°C) are fever; a plain number in the file.
    pub fever_threshold_celsius: FeverThreshold,
    pub language: Language,
    /// Days entries are kept before the purge removes them.
    pub retention_days: u32,
    /// Minutes within which the same person or plate counts as a repeat.
    pub repeat_window_minutes: u32,
    /// Days after which the risk-area list is called out of date on the Scan screen.
    pub risk_list_max_age_days: u32,
    /// The shifts of the day, e.g. `{ name = "白班", from = "08:00", to = "16:00" }`.
    pub shift_roster: Vec<crate::model::roster::RosterEntry>,
    /// Camera chosen in Settings (index in nokhwa's list); None means the first one.
    pub camera_index: Option<u32>,
    /// Requested camera resolution, e.g. [1280, 720].
    pub camera_resolution: Option<[u32; 2]>,
    /// Scale applied to every font (elderly volunteers, gloves, rain).
    pub font_scale: f32,
    /// High-contrast dark theme for night shifts.
    pub night_theme: bool,
    /// The first-run setup was finished (or this file was prepared to skip it). Until then the
    /// window asks the setup questions this file does not answer.
    pub setup_done: bool,
    /// Start full screen (kiosk mode) when the kiosk's user logs in (an XDG autostart entry).
    pub kiosk_autostart: bool,
    /// Keep the screen from dimming or locking while a shift is open.
    pub keep_screen_awake: bool,
    /// Leaving kiosk mode (F11, closing the window) asks for a shift leader's PIN.
    pub kiosk_lock: bool,
    /// The district's PostgreSQL server (issue 12); absent: this kiosk does not sync.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<DistrictConfig>,
}

/// `[district]` in kiosk.toml: where the district's server is. The password is never here: it
/// comes from `password_file` (or libpq's `PGPASSFILE` / `~/.pgpass`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DistrictConfig {
    /// `postgresql://ROLE@HOST:PORT/DATABASE`, `?sslmode=require` for TLS.
    pub postgres: String,
    /// A file holding only this kiosk role's password (private to the kiosk's user).
    pub password_file: Option<PathBuf>,
    /// Extra CA certificates (PEM) for the server's TLS certificate.
    pub ca_file: Option<PathBuf>,
    /// Seconds between two syncs.
    pub sync_interval_seconds: f32,
    /// Seconds to wait for the server before calling it unreachable.
    pub connect_timeout_seconds: u32,
}

impl Default for DistrictConfig {
    fn default() -> Self {
        Self {
            postgres: String::new(),
            password_file: None,
            ca_file: None,
            sync_interval_seconds: 2.0,
            connect_timeout_seconds: 5,
        }
    }
}

/// Whether the TOML `text` gives `key` at its top level.
fn text_sets_key(text: &str, key: &str) -> bool {
    text.parse::<toml::Table>()
        .is_ok_and(|table| table.contains_key(key))
}

impl Default for KioskConfig {
    fn default() -> Self {
        Self {
            checkpoint_id: format!("ckp-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]),
            checkpoint_name: "检查点".to_owned(),
            gate: "1号岗".to_owned(),
            gate_direction: crate::model::Direction::In,
            fever_threshold_celsius: FeverThreshold::default(),
            language: Language::ZhCn,
            retention_days: 28,
            repeat_window_minutes: 30,
            risk_list_max_age_days: 7,
            shift_roster: crate::model::roster::default_roster(),
            camera_index: None,
            camera_resolution: Some([1280, 720]),
            font_scale: 1.0,
            night_theme: false,
            district: None,
            setup_done: false,
            kiosk_autostart: false,
            keep_screen_awake: true,
            kiosk_lock: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_start_writes_defaults_and_reloads_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = DataDir::open(dir.path().join("data")).expect("open");
        let first = data.load_config().expect("defaults");
        assert!(data.config_path().exists());
        assert_eq!(data.load_config().expect("reload"), first);
        assert_eq!(first.language, Language::ZhCn);
    }

    #[test]
    fn partial_config_keeps_defaults_for_missing_fields() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = DataDir::open(dir.path().to_path_buf()).expect("open");
        fs::write(
            data.config_path(),
            "checkpoint_name = \"东门\"\nlanguage = \"en\"\n",
        )
        .expect("write");
        let config = data.load_config().expect("load");
        assert_eq!(config.checkpoint_name, "东门");
        assert_eq!(config.language, Language::En);
        assert_eq!(config.retention_days, 28);
    }

    #[test]
    fn a_prepared_config_without_a_checkpoint_id_keeps_the_one_made_up_at_the_first_load() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = DataDir::open(dir.path().to_path_buf()).expect("open");
        fs::write(
            data.config_path(),
            "setup_done = true\ncheckpoint_name = \"东门\"\n",
        )
        .expect("write");
        let first = data.load_config().expect("load");
        let again = data.load_config().expect("reload");
        assert_eq!(first.checkpoint_id, again.checkpoint_id);
        assert_eq!(again.checkpoint_name, "东门");
        assert!(again.setup_done);
    }

    #[test]
    fn the_fever_line_loads_as_a_typed_threshold_and_is_written_back_as_a_number() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = DataDir::open(dir.path().to_path_buf()).expect("open");
        fs::write(data.config_path(), "fever_threshold_celsius = 37.5\n").expect("write");
        let config = data.load_config().expect("load");
        assert_eq!(
            config.fever_threshold_celsius,
            FeverThreshold::new(37.5).expect("in range")
        );
        data.save_config(&config).expect("save");
        let saved = fs::read_to_string(data.config_path()).expect("read");
        assert!(saved.contains("fever_threshold_celsius = 37.5"), "{saved}");
    }

    #[test]
    fn a_fever_line_that_is_no_body_temperature_is_named_in_both_languages() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = DataDir::open(dir.path().to_path_buf()).expect("open");
        for line in ["nan", "41.0", "35.5", "-37.3"] {
            fs::write(
                data.config_path(),
                format!("fever_threshold_celsius = {line}\n"),
            )
            .expect("write");
            let error = data.load_config().expect_err("refused");
            assert!(
                matches!(
                    error,
                    ConfigError::OutOfRange {
                        field: "fever_threshold_celsius",
                        ..
                    }
                ),
                "{error}"
            );
            assert!(error.to_string().contains("between 36 and 40"), "{error}");
        }
    }

    #[test]
    fn broken_config_is_reported_with_its_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = DataDir::open(dir.path().to_path_buf()).expect("open");
        fs::write(data.config_path(), "language = 5").expect("write");
        let error = data.load_config().expect_err("must fail");
        assert!(error.to_string().contains("kiosk.toml"));
    }

    #[test]
    fn installation_secret_is_created_once_and_reused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = DataDir::open(dir.path().to_path_buf()).expect("open");
        let first = data.pii_key().expect("create");
        let second = data.pii_key().expect("reuse");
        assert_eq!(first.as_bytes(), second.as_bytes());
    }
}
