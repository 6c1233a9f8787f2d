//! `checkpoint-kiosk doctor`: what a helper on the phone with support needs, one line per check
//! with ✓ (fine), ! (works, but look at it) or ✗ (blocks scanning), each saying what to do, in
//! the kiosk's language. Read-only: it creates no data folder and migrates no database.
//!
//! Exit codes: 0 when the kiosk can scan (warnings allowed), 3 when something blocks scanning
//! (no display or OpenGL, no camera, an unusable data folder, database or kiosk.toml), 2 for a
//! wrong command line (clap), 1 when doctor itself fails.

use std::fs;
use std::io::{IsTerminal as _, Write as _};
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike as _, Local, Offset as _};
use serde::Serialize;

use crate::alert::{AlertPlayer, AudioStatus};
use crate::config::Passphrase;
use crate::config::{KioskConfig, Language};
use crate::desktop::{DisplayProbe, GlProbe, probe_display, probe_gl};
use crate::store::{DatabaseHealth, FileState, StoreError, file_state, inspect_database};
use crate::text::doctor as words;
use crate::text::{Phrase, Said};

/// The exit code when something blocks scanning.
pub const EXIT_BLOCKED: i32 = 3;
/// Below this much free space saves start failing soon.
const LOW_SPACE_BYTES: u64 = 200 * 1024 * 1024;
/// Below this, a day's entries may not fit: scanning is blocked.
const NO_SPACE_BYTES: u64 = 20 * 1024 * 1024;
/// A clock before this year has lost its time (dead RTC battery: 2000-01-01).
const EARLIEST_SANE_YEAR: i32 = 2020;
/// China Standard Time, UTC+8, in seconds.
const CHINA_OFFSET_SECONDS: i32 = 8 * 3600;

#[derive(Debug, Clone, clap::Args)]
#[command(
    after_help = "Exit codes: 0 ready to scan (warnings allowed); 3 something blocks scanning; 2 wrong command line; 1 doctor itself failed."
)]
pub struct DoctorArgs {
    /// Print one JSON object instead of lines
    #[arg(long)]
    pub json: bool,
    /// Language of the report (default: the language in kiosk.toml, else Chinese)
    #[arg(long, value_enum)]
    pub lang: Option<ReportLanguage>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportLanguage {
    Zh,
    En,
}

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Ok,
    Warn,
    /// Scanning cannot work until this is fixed.
    Blocker,
}

/// One line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub id: &'static str,
    pub level: Level,
    pub title: String,
    pub message: String,
    /// What to do; empty when nothing needs doing.
    pub advice: String,
}

/// The whole report, as `--json` prints it.
#[derive(Debug, Serialize)]
struct Report<'a> {
    version: &'static str,
    data_dir: String,
    ready_to_scan: bool,
    exit_code: i32,
    checks: &'a [Check],
}

pub fn run(explicit_dir: Option<PathBuf>, args: &DoctorArgs) -> anyhow::Result<()> {
    let data_dir = match explicit_dir {
        Some(dir) => dir,
        None => directories::ProjectDirs::from("org", "checkpoint-kiosk", "checkpoint-kiosk")
            .map(|dirs| dirs.data_dir().to_path_buf())
            .ok_or_else(|| {
                anyhow::anyhow!("cannot find a data folder for this user; pass --data-dir DIR")
            })?,
    };
    let (config, config_check) = read_config(&data_dir);
    let lang = match args.lang {
        Some(ReportLanguage::Zh) => Language::ZhCn,
        Some(ReportLanguage::En) => Language::En,
        None => config.as_ref().map_or(Language::ZhCn, |c| c.language),
    };
    let checks = run_checks(&data_dir, lang, config_check);
    let exit_code = exit_code(&checks);
    let mut out = std::io::stdout().lock();
    if args.json {
        let report = Report {
            version: env!("CARGO_PKG_VERSION"),
            data_dir: data_dir.display().to_string(),
            ready_to_scan: exit_code == 0,
            exit_code,
            checks: &checks,
        };
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        write_lines(&mut out, &data_dir, lang, &checks, exit_code)?;
    }
    out.flush()?;
    drop(out);
    if exit_code != 0 {
        std::process::exit(exit_code);
    }
    Ok(())
}

/// 0 when nothing blocks scanning, [`EXIT_BLOCKED`] otherwise.
pub fn exit_code(checks: &[Check]) -> i32 {
    if checks.iter().any(|check| check.level == Level::Blocker) {
        EXIT_BLOCKED
    } else {
        0
    }
}

fn write_lines(
    out: &mut impl std::io::Write,
    data_dir: &Path,
    lang: Language,
    checks: &[Check],
    exit_code: i32,
) -> std::io::Result<()> {
    writeln!(
        out,
        "checkpoint-kiosk doctor {} {}",
        env!("CARGO_PKG_VERSION"),
        data_dir.display()
    )?;
    for check in checks {
        let mark = match check.level {
            Level::Ok => "✓",
            Level::Warn => "!",
            Level::Blocker => "✗",
        };
        let colon = words::COLON.say(lang);
        if check.advice.is_empty() {
            writeln!(out, "{mark} {}{colon}{}", check.title, check.message)?;
        } else {
            let arrow = words::ARROW.say(lang);
            writeln!(
                out,
                "{mark} {}{colon}{}{arrow}{}",
                check.title, check.message, check.advice
            )?;
        }
    }
    let blockers = checks
        .iter()
        .filter(|check| check.level == Level::Blocker)
        .count();
    let summary = match blockers {
        0 => words::READY.into(),
        n => words::blocked(n, exit_code),
    };
    writeln!(out, "{}", summary.text(lang))
}

/// Every check, in the order a helper reads them out.
pub fn run_checks(data_dir: &Path, lang: Language, config_check: ConfigCheck) -> Vec<Check> {
    let mut checks = vec![version_check(lang), data_folder_check(data_dir, lang)];
    checks.push(free_space_check(data_dir, lang));
    let database = data_dir.join("kiosk.sqlite3");
    let passphrase = doctor_passphrase(&database);
    checks.push(database_check(&database, passphrase.as_ref(), lang));
    checks.push(backup_check(data_dir, lang));
    checks.push(config_check.into_check(lang));
    checks.push(camera_check(lang));
    checks.push(font_check(lang));
    checks.push(audio_check(lang));
    checks.push(display_check(lang));
    checks.push(gl_check(lang));
    checks.push(clock_check(lang));
    checks
}

fn check(
    id: &'static str,
    level: Level,
    lang: Language,
    title: Phrase,
    message: impl Into<Said>,
    advice: impl Into<Said>,
) -> Check {
    Check {
        id,
        level,
        title: title.say(lang).to_owned(),
        message: message.into().text(lang).to_owned(),
        advice: advice.into().text(lang).to_owned(),
    }
}

/// An error's words, as a check's message.
fn said_of(error: &StoreError) -> Said {
    Said::new(crate::text::store_errors::zh(error), error.to_string())
}

fn version_check(lang: Language) -> Check {
    let version = env!("CARGO_PKG_VERSION");
    let schema = crate::store::SCHEMA_VERSION;
    check(
        "version",
        Level::Ok,
        lang,
        words::titles::VERSION,
        words::version(version, schema),
        Said::default(),
    )
}

fn data_folder_check(dir: &Path, lang: Language) -> Check {
    let title = words::titles::DATA_FOLDER;
    let shown = dir.display();
    let metadata = match fs::metadata(dir) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return check(
                "data_folder",
                Level::Ok,
                lang,
                title,
                words::folder_not_yet(&shown),
                Said::default(),
            );
        }
        Err(error) => {
            return check(
                "data_folder",
                Level::Blocker,
                lang,
                title,
                words::folder_unreachable(&shown, error),
                words::FOLDER_UNREACHABLE_DO,
            );
        }
    };
    if !metadata.is_dir() {
        return check(
            "data_folder",
            Level::Blocker,
            lang,
            title,
            words::folder_is_a_file(&shown),
            words::FOLDER_IS_A_FILE_DO,
        );
    }
    let probe = dir.join(".doctor-write-test");
    let writable = fs::write(&probe, b"ok").and_then(|()| fs::remove_file(&probe));
    if let Err(error) = writable {
        return check(
            "data_folder",
            Level::Blocker,
            lang,
            title,
            words::folder_not_writable(&shown, error),
            words::folder_not_writable_do(&shown),
        );
    }
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return check(
            "data_folder",
            Level::Warn,
            lang,
            title,
            words::folder_readable_by_others(&shown, mode),
            words::folder_readable_by_others_do(&shown),
        );
    }
    check(
        "data_folder",
        Level::Ok,
        lang,
        title,
        words::folder_fine(&shown, mode),
        Said::default(),
    )
}

/// The nearest existing folder at or above `dir` (the data folder may not exist yet).
fn existing_ancestor(dir: &Path) -> Option<&Path> {
    dir.ancestors().find(|candidate| candidate.is_dir())
}

fn free_space_check(dir: &Path, lang: Language) -> Check {
    let title = words::titles::FREE_SPACE;
    let Some(folder) = existing_ancestor(dir) else {
        return check(
            "free_space",
            Level::Warn,
            lang,
            title,
            words::SPACE_UNKNOWN,
            Said::default(),
        );
    };
    match free_bytes(folder) {
        Ok(free) => {
            let megabytes = free / (1024 * 1024);
            let (level, advice): (Level, Said) = if free < NO_SPACE_BYTES {
                (Level::Blocker, words::NO_SPACE_DO.into())
            } else if free < LOW_SPACE_BYTES {
                (Level::Warn, words::LOW_SPACE_DO.into())
            } else {
                (Level::Ok, Said::default())
            };
            check(
                "free_space",
                level,
                lang,
                title,
                words::free_space(megabytes, folder.display()),
                advice,
            )
        }
        Err(error) => check(
            "free_space",
            Level::Warn,
            lang,
            title,
            words::space_unreadable(error),
            Said::default(),
        ),
    }
}

fn free_bytes(folder: &Path) -> std::io::Result<u64> {
    use std::os::unix::ffi::OsStrExt as _;
    let path = std::ffi::CString::new(folder.as_os_str().as_bytes())
        .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidInput, error))?;
    let mut stats = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `path` is a valid NUL-terminated string and `stats` points to writable memory of
    // the right size; statvfs only writes it.
    let result = unsafe { libc::statvfs(path.as_ptr(), stats.as_mut_ptr()) };
    if result != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: statvfs returned 0, so it filled `stats`.
    let stats = unsafe { stats.assume_init() };
    Ok(stats.f_bavail.saturating_mul(stats.f_frsize))
}

/// The database passphrase for doctor: `CHECKPOINT_KIOSK_PASSPHRASE`, else asked on a
/// terminal when the file is encrypted; `None` when neither can give it (a pipe, a script).
fn doctor_passphrase(path: &Path) -> Option<Passphrase> {
    if let Ok(Some(passphrase)) = Passphrase::from_environment() {
        return Some(passphrase);
    }
    let encrypted = file_state(path).is_ok_and(|state| state == FileState::Encrypted);
    if !encrypted || !std::io::stdin().is_terminal() {
        return None;
    }
    super::unlock::ask(crate::text::terminal::ASK_PASSPHRASE_TO_CHECK).ok()
}

fn database_check(path: &Path, passphrase: Option<&Passphrase>, lang: Language) -> Check {
    let title = words::titles::DATABASE;
    if !path.exists() {
        return check(
            "database",
            Level::Ok,
            lang,
            title,
            words::NO_DATABASE_YET,
            Said::default(),
        );
    }
    match inspect_database(path, passphrase) {
        Ok(health) => database_health_check(&health, lang),
        Err(StoreError::NeedsPassphrase { .. }) => check(
            "database",
            Level::Warn,
            lang,
            title,
            words::DATABASE_LOCKED,
            words::DATABASE_LOCKED_DO,
        ),
        Err(wrong @ StoreError::WrongPassphrase { .. }) => check(
            "database",
            Level::Warn,
            lang,
            title,
            said_of(&wrong),
            words::WRONG_PASSPHRASE_DO,
        ),
        Err(error) => check(
            "database",
            Level::Blocker,
            lang,
            title,
            said_of(&error),
            words::RESTORE_DO,
        ),
    }
}

fn database_health_check(health: &DatabaseHealth, lang: Language) -> Check {
    let title = words::titles::DATABASE;
    let (version, supported) = (health.schema_version, health.supported_version);
    if health.is_too_new() {
        return check(
            "database",
            Level::Blocker,
            lang,
            title,
            words::schema_too_new(version, supported),
            words::SCHEMA_TOO_NEW_DO,
        );
    }
    if !health.is_intact() {
        return check(
            "database",
            Level::Blocker,
            lang,
            title,
            words::database_damaged(&health.integrity),
            words::RESTORE_DO,
        );
    }
    let (entries, leaders) = (health.entries, health.leaders);
    let migrate: Said = if version < supported {
        words::UPGRADED_NEXT_START.into()
    } else {
        Said::default()
    };
    let message = words::database_fine(version, entries, leaders, &migrate);
    if leaders == 0 {
        return check(
            "database",
            Level::Warn,
            lang,
            title,
            message,
            words::NO_LEADER_DO,
        );
    }
    check("database", Level::Ok, lang, title, message, Said::default())
}

/// The newest file in the data folder's `backups/`, if any.
fn backup_check(dir: &Path, lang: Language) -> Check {
    let title = words::titles::BACKUP;
    let newest = fs::read_dir(dir.join("backups"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.file_name())))
        .max();
    match newest {
        Some((modified, name)) => {
            let at: chrono::DateTime<Local> = modified.into();
            check(
                "backup",
                Level::Ok,
                lang,
                title,
                words::latest_backup(at.format("%Y-%m-%d %H:%M"), name.to_string_lossy()),
                Said::default(),
            )
        }
        None => check(
            "backup",
            Level::Warn,
            lang,
            title,
            words::no_backup(dir.join("backups").display()),
            words::NO_BACKUP_DO,
        ),
    }
}

/// The settings file as doctor found it: read before the language is known.
pub enum ConfigCheck {
    Missing(PathBuf),
    Invalid {
        english: String,
        chinese: String,
    },
    Loaded {
        path: PathBuf,
        problems: Vec<(String, String)>,
    },
}

fn read_config(dir: &Path) -> (Option<KioskConfig>, ConfigCheck) {
    let path = dir.join("kiosk.toml");
    // The kiosk's own reading and rules: doctor passes exactly the files the kiosk accepts.
    match crate::config::read_config_file(&path) {
        Ok(None) => (None, ConfigCheck::Missing(path)),
        Ok(Some((config, _))) => {
            let problems = config_problems(&config);
            (Some(config), ConfigCheck::Loaded { path, problems })
        }
        Err(error) => (
            None,
            ConfigCheck::Invalid {
                english: error.to_string(),
                chinese: crate::text::Bilingual::zh(&error),
            },
        ),
    }
}

/// Values that load but would mislead at the gate: (Chinese, English).
pub fn config_problems(config: &KioskConfig) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    // Out-of-range values are refused by `KioskConfig::check` when the file is read; what is
    // left are values the kiosk accepts that would still mislead at the gate.
    let fever = config.fever_threshold_celsius;
    if !(37.0..=38.5).contains(&fever.value()) {
        let said = words::fever_threshold_unusual(fever);
        problems.push((said.zh, said.en));
    }
    if config.checkpoint_name.trim().is_empty() || config.gate.trim().is_empty() {
        let said = words::NAME_OR_GATE_EMPTY;
        problems.push((said.zh.to_owned(), said.en.to_owned()));
    }
    if config.shift_roster.is_empty() {
        let said = words::NO_ROSTER;
        problems.push((said.zh.to_owned(), said.en.to_owned()));
    }
    problems
}

impl ConfigCheck {
    fn into_check(self, lang: Language) -> Check {
        let title = words::titles::CONFIG;
        match self {
            Self::Missing(path) => check(
                "config",
                Level::Ok,
                lang,
                title,
                words::config_not_yet(path.display()),
                Said::default(),
            ),
            Self::Invalid { english, chinese } => check(
                "config",
                Level::Blocker,
                lang,
                title,
                Said::new(chinese, english),
                words::CONFIG_INVALID_DO,
            ),
            Self::Loaded { path, problems } if problems.is_empty() => check(
                "config",
                Level::Ok,
                lang,
                title,
                words::config_fine(path.display()),
                Said::default(),
            ),
            Self::Loaded { problems, .. } => {
                let (zh, en): (Vec<_>, Vec<_>) = problems.into_iter().unzip();
                check(
                    "config",
                    Level::Warn,
                    lang,
                    title,
                    Said::new(
                        zh.join(words::PROBLEMS_JOINT.zh),
                        en.join(words::PROBLEMS_JOINT.en),
                    ),
                    words::CONFIG_PROBLEMS_DO,
                )
            }
        }
    }
}

fn camera_check(lang: Language) -> Check {
    let title = words::titles::CAMERA;
    let devices: Vec<PathBuf> = fs::read_dir("/dev")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("video"))
        })
        .collect();
    if devices.is_empty() {
        return check(
            "camera",
            Level::Blocker,
            lang,
            title,
            words::NO_CAMERA,
            words::NO_CAMERA_DO,
        );
    }
    let unreadable: Vec<String> = devices
        .iter()
        .filter(|path| fs::File::open(path).is_err())
        .map(|path| path.display().to_string())
        .collect();
    if unreadable.len() == devices.len() {
        return check(
            "camera",
            Level::Blocker,
            lang,
            title,
            words::camera_no_permission(&unreadable.join(", ")),
            words::CAMERA_NO_PERMISSION_DO,
        );
    }
    let cameras = crate::capture::list_cameras();
    let opened: Vec<String> = cameras
        .iter()
        .filter(|camera| !camera.resolutions.is_empty())
        .map(|camera| match camera.resolutions.first() {
            Some([width, height]) => words::camera_with_size(&camera.name, width, height),
            None => camera.name.clone(),
        })
        .collect();
    if !opened.is_empty() {
        return check(
            "camera",
            Level::Ok,
            lang,
            title,
            words::cameras_open(&opened),
            Said::default(),
        );
    }
    check(
        "camera",
        Level::Blocker,
        lang,
        title,
        words::cameras_none_open(devices.len()),
        words::CAMERA_BUSY_DO,
    )
}

fn font_check(lang: Language) -> Check {
    let title = words::titles::FONTS;
    let bundled_ok = crate::assets::CJK_FONT.starts_with(b"OTTO");
    let (_, report) = crate::ui::fonts::cjk_font_definitions();
    match (bundled_ok, report.system_fallback) {
        (false, _) => check(
            "fonts",
            Level::Blocker,
            lang,
            title,
            words::FONT_DAMAGED,
            words::FONT_DAMAGED_DO,
        ),
        (true, Some(system)) => check(
            "fonts",
            Level::Ok,
            lang,
            title,
            words::fonts_fine(system),
            Said::default(),
        ),
        (true, None) => check(
            "fonts",
            Level::Warn,
            lang,
            title,
            words::ONLY_BUNDLED_FONT,
            words::ONLY_BUNDLED_FONT_DO,
        ),
    }
}

/// Runs `probe` with the process's standard error sent to /dev/null, then puts it back.
fn with_stderr_silenced<T>(probe: impl FnOnce() -> T) -> T {
    // SAFETY: plain descriptor calls; the saved descriptor is restored and closed below, and a
    // failure at any step leaves standard error as it was.
    let saved = unsafe { libc::dup(libc::STDERR_FILENO) };
    let null = fs::OpenOptions::new().write(true).open("/dev/null");
    let silenced = match (&null, saved >= 0) {
        (Ok(null), true) => {
            use std::os::fd::AsRawFd as _;
            // SAFETY: both descriptors are open.
            unsafe { libc::dup2(null.as_raw_fd(), libc::STDERR_FILENO) >= 0 }
        }
        _ => false,
    };
    let result = probe();
    if silenced {
        // SAFETY: `saved` is the original standard error, open since the dup above.
        unsafe { libc::dup2(saved, libc::STDERR_FILENO) };
    }
    if saved >= 0 {
        // SAFETY: `saved` was opened by dup above and is not used after this.
        unsafe { libc::close(saved) };
    }
    result
}

fn audio_check(lang: Language) -> Check {
    let title = words::titles::SOUND;
    // ALSA writes its own complaints ("cannot find card '0'") straight to the terminal while the
    // device is probed; the check below says the same in the helper's words.
    let status = with_stderr_silenced(|| AlertPlayer::start().status());
    match status {
        AudioStatus::Ready { device } => check(
            "audio",
            Level::Ok,
            lang,
            title,
            words::sound_fine(device),
            Said::default(),
        ),
        AudioStatus::Silent { reason } => check(
            "audio",
            Level::Warn,
            lang,
            title,
            words::silent(reason),
            words::SILENT_DO,
        ),
    }
}

fn display_check(lang: Language) -> Check {
    let title = words::titles::DISPLAY;
    match probe_display() {
        DisplayProbe::Reachable { address } => check(
            "display",
            Level::Ok,
            lang,
            title,
            words::display_fine(address),
            Said::default(),
        ),
        DisplayProbe::NotSet => check(
            "display",
            Level::Blocker,
            lang,
            title,
            words::NO_DESKTOP,
            words::NO_DESKTOP_DO,
        ),
        DisplayProbe::Unreachable { address, problem } => check(
            "display",
            Level::Blocker,
            lang,
            title,
            words::display_unreachable(address, problem),
            words::DISPLAY_UNREACHABLE_DO,
        ),
    }
}

fn gl_check(lang: Language) -> Check {
    let title = words::titles::OPENGL;
    match probe_gl() {
        GlProbe::Loaded { libraries } => check(
            "gl",
            Level::Ok,
            lang,
            title,
            words::gl_fine(&libraries),
            Said::default(),
        ),
        GlProbe::Missing { problem } => check(
            "gl",
            Level::Blocker,
            lang,
            title,
            words::gl_missing(problem),
            words::GL_MISSING_DO,
        ),
    }
}

fn clock_check(lang: Language) -> Check {
    clock_check_at(Local::now().fixed_offset(), lang)
}

/// The clock check at a given local time (tests pass a dead-battery date).
pub fn clock_check_at(now: chrono::DateTime<chrono::FixedOffset>, lang: Language) -> Check {
    let title = words::titles::CLOCK;
    let shown = now.format("%Y-%m-%d %H:%M %:z").to_string();
    if now.year() < EARLIEST_SANE_YEAR {
        return check(
            "clock",
            Level::Warn,
            lang,
            title,
            words::clock_wrong(&shown),
            words::CLOCK_WRONG_DO,
        );
    }
    if now.offset().fix().local_minus_utc() != CHINA_OFFSET_SECONDS {
        return check(
            "clock",
            Level::Warn,
            lang,
            title,
            words::not_beijing_time(&shown),
            words::NOT_BEIJING_TIME_DO,
        );
    }
    check(
        "clock",
        Level::Ok,
        lang,
        title,
        Said::same(shown),
        Said::default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn a_dead_rtc_battery_date_is_a_warning_that_says_what_to_do() {
        let beijing = chrono::FixedOffset::east_opt(CHINA_OFFSET_SECONDS).expect("offset");
        let dead = beijing
            .with_ymd_and_hms(2000, 1, 1, 0, 3, 0)
            .single()
            .expect("date");
        let check = clock_check_at(dead, Language::ZhCn);
        assert_eq!(check.level, Level::Warn);
        assert!(check.message.contains("2000-01-01"));
        assert!(check.advice.contains("date"));
        let fine = beijing
            .with_ymd_and_hms(2026, 11, 30, 8, 0, 0)
            .single()
            .expect("date");
        assert_eq!(clock_check_at(fine, Language::En).level, Level::Ok);
    }

    #[test]
    fn a_utc_laptop_is_told_to_switch_to_beijing_time() {
        let utc = chrono::FixedOffset::east_opt(0).expect("offset");
        let now = utc
            .with_ymd_and_hms(2026, 11, 30, 8, 0, 0)
            .single()
            .expect("date");
        let check = clock_check_at(now, Language::En);
        assert_eq!(check.level, Level::Warn);
        assert!(check.advice.contains("Asia/Shanghai"));
    }

    #[test]
    fn kiosk_toml_is_read_with_the_kiosks_own_rules() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |text: &str| fs::write(dir.path().join("kiosk.toml"), text).expect("write");
        // The kiosk keeps entries up to ten years: doctor must not warn about 400 days.
        write("retention_days = 400\n");
        let (config, outcome) = read_config(dir.path());
        assert!(config.is_some());
        assert!(matches!(outcome, ConfigCheck::Loaded { ref problems, .. } if problems.is_empty()));
        // A file the kiosk refuses, doctor refuses, naming the field in both languages.
        write("retention_days = 0\n");
        let (config, outcome) = read_config(dir.path());
        assert!(config.is_none());
        let ConfigCheck::Invalid { english, chinese } = outcome else {
            panic!("retention 0 must be refused as the kiosk refuses it");
        };
        assert!(english.contains("retention_days") && chinese.contains("retention_days"));
        // Accepted but unusual: said, not refused.
        write("fever_threshold_celsius = 39.5\n");
        let (_, outcome) = read_config(dir.path());
        assert!(matches!(outcome, ConfigCheck::Loaded { ref problems, .. } if problems.len() == 1));
        assert!(config_problems(&KioskConfig::default()).is_empty());
    }

    #[test]
    fn an_encrypted_database_without_its_passphrase_is_not_called_damaged() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kiosk.sqlite3");
        let passphrase = Passphrase::new("doctor test passphrase".to_owned()).expect("long");
        drop(crate::store::Store::open_keyed(&path, Some(&passphrase)).expect("create"));
        let check = database_check(&path, None, Language::En);
        assert_eq!(check.level, Level::Warn);
        assert!(check.message.contains("encrypted"), "{}", check.message);
        assert!(!check.advice.contains("restore"), "{}", check.advice);
        let check = database_check(&path, Some(&passphrase), Language::En);
        assert_eq!(check.level, Level::Warn, "no leader yet: {}", check.message);
        assert!(check.message.contains("intact"), "{}", check.message);
    }

    #[test]
    fn any_blocker_gives_the_documented_exit_code() {
        let ok = clock_check_at(Local::now().fixed_offset(), Language::En);
        assert_eq!(exit_code(std::slice::from_ref(&ok)), 0);
        let blocker = Check {
            level: Level::Blocker,
            ..ok.clone()
        };
        assert_eq!(exit_code(&[ok, blocker]), EXIT_BLOCKED);
    }
}
