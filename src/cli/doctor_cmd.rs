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
        let colon = lang.pick("：", ": ");
        if check.advice.is_empty() {
            writeln!(out, "{mark} {}{colon}{}", check.title, check.message)?;
        } else {
            let arrow = lang.pick(" → 请", " → ");
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
    let summary = match (lang, blockers) {
        (Language::ZhCn, 0) => "结论：可以扫码（退出码 0）".to_owned(),
        (Language::En, 0) => "Result: ready to scan (exit code 0)".to_owned(),
        (Language::ZhCn, n) => {
            format!("结论：有 {n} 项问题妨碍扫码，请先处理标 ✗ 的行（退出码 {exit_code}）")
        }
        (Language::En, n) => format!(
            "Result: {n} problem(s) block scanning; fix the lines marked ✗ first (exit code {exit_code})"
        ),
    };
    writeln!(out, "{summary}")
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
    title: (&str, &str),
    message: String,
    advice: String,
) -> Check {
    Check {
        id,
        level,
        title: lang.pick(title.0, title.1).to_owned(),
        message,
        advice,
    }
}

fn pick(lang: Language, zh: String, en: String) -> String {
    match lang {
        Language::ZhCn => zh,
        Language::En => en,
    }
}

fn version_check(lang: Language) -> Check {
    let version = env!("CARGO_PKG_VERSION");
    let schema = crate::store::SCHEMA_VERSION;
    check(
        "version",
        Level::Ok,
        lang,
        ("版本", "Version"),
        pick(
            lang,
            format!("checkpoint-kiosk {version}，数据库结构第 {schema} 版"),
            format!("checkpoint-kiosk {version}, database schema {schema}"),
        ),
        String::new(),
    )
}

fn data_folder_check(dir: &Path, lang: Language) -> Check {
    let title = ("数据文件夹", "Data folder");
    let shown = dir.display();
    let metadata = match fs::metadata(dir) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return check(
                "data_folder",
                Level::Ok,
                lang,
                title,
                pick(
                    lang,
                    format!("{shown} 还不存在（首次启动时创建）"),
                    format!("{shown} does not exist yet (the first start creates it)"),
                ),
                String::new(),
            );
        }
        Err(error) => {
            return check(
                "data_folder",
                Level::Blocker,
                lang,
                title,
                pick(
                    lang,
                    format!("无法访问 {shown}（{error}）"),
                    format!("cannot reach {shown} ({error})"),
                ),
                pick(
                    lang,
                    "以本机值守用户运行，或用 --data-dir 指定可写的文件夹".to_owned(),
                    "run as the kiosk's user, or pass --data-dir with a writable folder".to_owned(),
                ),
            );
        }
    };
    if !metadata.is_dir() {
        return check(
            "data_folder",
            Level::Blocker,
            lang,
            title,
            pick(
                lang,
                format!("{shown} 不是文件夹"),
                format!("{shown} is not a folder"),
            ),
            pick(
                lang,
                "移走这个文件，或用 --data-dir 指定文件夹".to_owned(),
                "move that file away, or pass --data-dir".to_owned(),
            ),
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
            pick(
                lang,
                format!("{shown} 不可写（{error}）"),
                format!("{shown} is not writable ({error})"),
            ),
            pick(
                lang,
                format!("以文件夹的主人运行，或执行 sudo chown -R $USER {shown}"),
                format!("run as the folder's owner, or: sudo chown -R $USER {shown}"),
            ),
        );
    }
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return check(
            "data_folder",
            Level::Warn,
            lang,
            title,
            pick(
                lang,
                format!("{shown} 可写，但其他用户也能读取（权限 {mode:o}）"),
                format!("{shown} is writable, but other users can read it (mode {mode:o})"),
            ),
            pick(
                lang,
                format!("执行 chmod 700 {shown}，登记数据只应本机值守用户可读"),
                format!("run chmod 700 {shown}: entries are for the kiosk's user only"),
            ),
        );
    }
    check(
        "data_folder",
        Level::Ok,
        lang,
        title,
        pick(
            lang,
            format!("{shown} 可写，仅本用户可读（权限 {mode:o}）"),
            format!("{shown} is writable and private (mode {mode:o})"),
        ),
        String::new(),
    )
}

/// The nearest existing folder at or above `dir` (the data folder may not exist yet).
fn existing_ancestor(dir: &Path) -> Option<&Path> {
    dir.ancestors().find(|candidate| candidate.is_dir())
}

fn free_space_check(dir: &Path, lang: Language) -> Check {
    let title = ("剩余空间", "Free space");
    let Some(folder) = existing_ancestor(dir) else {
        return check(
            "free_space",
            Level::Warn,
            lang,
            title,
            pick(lang, "无法确定".to_owned(), "cannot tell".to_owned()),
            String::new(),
        );
    };
    match free_bytes(folder) {
        Ok(free) => {
            let megabytes = free / (1024 * 1024);
            let (level, advice) = if free < NO_SPACE_BYTES {
                (
                    Level::Blocker,
                    pick(
                        lang,
                        "删除不用的文件或导出后清理旧记录（purge）".to_owned(),
                        "delete unused files, or export and purge old entries".to_owned(),
                    ),
                )
            } else if free < LOW_SPACE_BYTES {
                (
                    Level::Warn,
                    pick(
                        lang,
                        "尽快清理磁盘，空间不足时登记会保存失败".to_owned(),
                        "free some disk soon: saves fail when the disk is full".to_owned(),
                    ),
                )
            } else {
                (Level::Ok, String::new())
            };
            check(
                "free_space",
                level,
                lang,
                title,
                pick(
                    lang,
                    format!("{megabytes} MB（{}）", folder.display()),
                    format!("{megabytes} MB ({})", folder.display()),
                ),
                advice,
            )
        }
        Err(error) => check(
            "free_space",
            Level::Warn,
            lang,
            title,
            pick(
                lang,
                format!("无法读取（{error}）"),
                format!("cannot read it ({error})"),
            ),
            String::new(),
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
    super::unlock::ask("database passphrase to check it (数据库口令，用于检查): ").ok()
}

fn database_check(path: &Path, passphrase: Option<&Passphrase>, lang: Language) -> Check {
    let title = ("数据库", "Database");
    if !path.exists() {
        return check(
            "database",
            Level::Ok,
            lang,
            title,
            pick(
                lang,
                "还没有（首次启动时创建）".to_owned(),
                "none yet (the first start creates it)".to_owned(),
            ),
            String::new(),
        );
    }
    match inspect_database(path, passphrase) {
        Ok(health) => database_health_check(&health, lang),
        Err(StoreError::NeedsPassphrase { .. }) => check(
            "database",
            Level::Warn,
            lang,
            title,
            pick(
                lang,
                "已加密：没有口令，无法检查内容".to_owned(),
                "encrypted: without the passphrase its contents cannot be checked".to_owned(),
            ),
            pick(
                lang,
                "在终端运行 doctor 并输入数据库口令，或设置 CHECKPOINT_KIOSK_PASSPHRASE 后再运行"
                    .to_owned(),
                "run doctor in a terminal and type the database passphrase, or set CHECKPOINT_KIOSK_PASSPHRASE"
                    .to_owned(),
            ),
        ),
        Err(wrong @ StoreError::WrongPassphrase { .. }) => check(
            "database",
            Level::Warn,
            lang,
            title,
            pick(lang, wrong.zh(), wrong.to_string()),
            pick(
                lang,
                "用正确的数据库口令再运行一次（文件本身没有被改动）".to_owned(),
                "run it again with the right passphrase (the file itself was not touched)"
                    .to_owned(),
            ),
        ),
        Err(error) => check(
            "database",
            Level::Blocker,
            lang,
            title,
            pick(lang, error.zh(), error.to_string()),
            pick(
                lang,
                "关闭程序，用最近的备份替换 kiosk.sqlite3".to_owned(),
                "close the app and restore kiosk.sqlite3 from the latest backup".to_owned(),
            ),
        ),
    }
}

fn database_health_check(health: &DatabaseHealth, lang: Language) -> Check {
    let title = ("数据库", "Database");
    let (version, supported) = (health.schema_version, health.supported_version);
    if health.is_too_new() {
        return check(
            "database",
            Level::Blocker,
            lang,
            title,
            pick(
                lang,
                format!("结构第 {version} 版，比本程序（第 {supported} 版）新"),
                format!("schema {version} is newer than this app's ({supported})"),
            ),
            pick(
                lang,
                "安装新版 checkpoint-kiosk".to_owned(),
                "install the newer checkpoint-kiosk".to_owned(),
            ),
        );
    }
    if !health.is_intact() {
        return check(
            "database",
            Level::Blocker,
            lang,
            title,
            pick(
                lang,
                format!("文件已损坏（{}）", health.integrity),
                format!("the file is damaged ({})", health.integrity),
            ),
            pick(
                lang,
                "关闭程序，用最近的备份替换 kiosk.sqlite3".to_owned(),
                "close the app and restore kiosk.sqlite3 from the latest backup".to_owned(),
            ),
        );
    }
    let (entries, leaders) = (health.entries, health.leaders);
    let migrate = if version < supported {
        pick(
            lang,
            "，下次启动时升级".to_owned(),
            "; upgraded at the next start".to_owned(),
        )
    } else {
        String::new()
    };
    let message = pick(
        lang,
        format!("结构第 {version} 版，完整，{entries} 条登记，{leaders} 位班长{migrate}"),
        format!("schema {version}, intact, {entries} entries, {leaders} leader(s){migrate}"),
    );
    if leaders == 0 {
        return check(
            "database",
            Level::Warn,
            lang,
            title,
            message,
            pick(
                lang,
                "在首次设置或“班次报表”里设置班长及其 PIN".to_owned(),
                "set up the first shift leader and PIN (first-run setup or the Shift screen)"
                    .to_owned(),
            ),
        );
    }
    check("database", Level::Ok, lang, title, message, String::new())
}

/// The newest file in the data folder's `backups/`, if any.
fn backup_check(dir: &Path, lang: Language) -> Check {
    let title = ("备份", "Backup");
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
                pick(
                    lang,
                    format!(
                        "最近一次 {}（{}）",
                        at.format("%Y-%m-%d %H:%M"),
                        name.to_string_lossy()
                    ),
                    format!(
                        "latest {} ({})",
                        at.format("%Y-%m-%d %H:%M"),
                        name.to_string_lossy()
                    ),
                ),
                String::new(),
            )
        }
        None => check(
            "backup",
            Level::Warn,
            lang,
            title,
            pick(
                lang,
                format!("{} 中没有备份", dir.join("backups").display()),
                format!("no backup in {}", dir.join("backups").display()),
            ),
            pick(
                lang,
                "执行 checkpoint-kiosk backup --to U盘文件夹（交班时做一次）".to_owned(),
                "run checkpoint-kiosk backup --to a USB stick's folder (once per handover)"
                    .to_owned(),
            ),
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
                chinese: error.zh(),
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
        problems.push((
            format!("发热线 {fever} °C 不在常用的 37.0–38.5 之间"),
            format!("fever threshold {fever} °C is outside the usual 37.0–38.5"),
        ));
    }
    if config.checkpoint_name.trim().is_empty() || config.gate.trim().is_empty() {
        problems.push((
            "检查点名称或岗位为空".to_owned(),
            "the checkpoint name or gate is empty".to_owned(),
        ));
    }
    if config.shift_roster.is_empty() {
        problems.push((
            "没有排班".to_owned(),
            "the shift roster is empty".to_owned(),
        ));
    }
    problems
}

impl ConfigCheck {
    fn into_check(self, lang: Language) -> Check {
        let title = ("设置 kiosk.toml", "Settings kiosk.toml");
        match self {
            Self::Missing(path) => check(
                "config",
                Level::Ok,
                lang,
                title,
                pick(
                    lang,
                    format!("{} 还不存在：首次启动会逐项询问", path.display()),
                    format!(
                        "{} does not exist yet: the first start asks the setup questions",
                        path.display()
                    ),
                ),
                String::new(),
            ),
            Self::Invalid { english, chinese } => check(
                "config",
                Level::Blocker,
                lang,
                title,
                pick(lang, chinese, english),
                pick(
                    lang,
                    "修正该文件，或删除它后重新设置".to_owned(),
                    "fix the file, or delete it and run the setup again".to_owned(),
                ),
            ),
            Self::Loaded { path, problems } if problems.is_empty() => check(
                "config",
                Level::Ok,
                lang,
                title,
                pick(
                    lang,
                    format!("{} 无问题", path.display()),
                    format!("{} has no problems", path.display()),
                ),
                String::new(),
            ),
            Self::Loaded { problems, .. } => {
                let (zh, en): (Vec<_>, Vec<_>) = problems.into_iter().unzip();
                check(
                    "config",
                    Level::Warn,
                    lang,
                    title,
                    pick(lang, zh.join("；"), en.join("; ")),
                    pick(
                        lang,
                        "由班长在“设置”中改正".to_owned(),
                        "a leader corrects it in Settings".to_owned(),
                    ),
                )
            }
        }
    }
}

fn camera_check(lang: Language) -> Check {
    let title = ("摄像头", "Camera");
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
            pick(
                lang,
                "未找到摄像头（/dev 下没有 video 设备）".to_owned(),
                "no camera found (no video device in /dev)".to_owned(),
            ),
            pick(
                lang,
                "插上 USB 摄像头；只用扫码枪时可忽略此项".to_owned(),
                "plug in a USB camera; ignore this when a USB code scanner is used instead"
                    .to_owned(),
            ),
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
            pick(
                lang,
                format!("无权打开 {}", unreadable.join(", ")),
                format!("no permission to open {}", unreadable.join(", ")),
            ),
            pick(
                lang,
                "执行 sudo usermod -aG video $USER，然后注销重新登录".to_owned(),
                "run sudo usermod -aG video $USER, then log out and in again".to_owned(),
            ),
        );
    }
    let cameras = crate::capture::list_cameras();
    let opened: Vec<String> = cameras
        .iter()
        .filter(|camera| !camera.resolutions.is_empty())
        .map(|camera| match camera.resolutions.first() {
            Some([width, height]) => format!("{}（{width}×{height}）", camera.name),
            None => camera.name.clone(),
        })
        .collect();
    if !opened.is_empty() {
        return check(
            "camera",
            Level::Ok,
            lang,
            title,
            pick(
                lang,
                format!("可以打开：{}", opened.join("，")),
                format!("opens: {}", opened.join(", ")),
            ),
            String::new(),
        );
    }
    check(
        "camera",
        Level::Blocker,
        lang,
        title,
        pick(
            lang,
            format!("找到 {} 个视频设备，但没有一个能打开", devices.len()),
            format!("found {} video device(s), but none opens", devices.len()),
        ),
        pick(
            lang,
            "关闭正在使用摄像头的程序（视频会议等），或重新插拔摄像头".to_owned(),
            "close programs using the camera (video calls), or re-plug it".to_owned(),
        ),
    )
}

fn font_check(lang: Language) -> Check {
    let title = ("字体", "Fonts");
    let bundled_ok = crate::assets::CJK_FONT.starts_with(b"OTTO");
    let (_, report) = crate::ui::fonts::cjk_font_definitions();
    match (bundled_ok, report.system_fallback) {
        (false, _) => check(
            "fonts",
            Level::Blocker,
            lang,
            title,
            pick(
                lang,
                "内置中文字体已损坏".to_owned(),
                "the bundled Chinese font is damaged".to_owned(),
            ),
            pick(
                lang,
                "重新安装 checkpoint-kiosk".to_owned(),
                "reinstall checkpoint-kiosk".to_owned(),
            ),
        ),
        (true, Some(system)) => check(
            "fonts",
            Level::Ok,
            lang,
            title,
            pick(
                lang,
                format!("内置 GB2312 字体，系统中文字体 {system}"),
                format!("bundled GB2312 font, system CJK font {system}"),
            ),
            String::new(),
        ),
        (true, None) => check(
            "fonts",
            Level::Warn,
            lang,
            title,
            pick(
                lang,
                "只有内置 GB2312 字体：生僻字（喆、堃）会显示为方框".to_owned(),
                "only the bundled GB2312 font: rare name characters (喆, 堃) show as boxes"
                    .to_owned(),
            ),
            pick(
                lang,
                "执行 sudo apt install fonts-noto-cjk".to_owned(),
                "run sudo apt install fonts-noto-cjk".to_owned(),
            ),
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
    let title = ("声音", "Sound");
    // ALSA writes its own complaints ("cannot find card '0'") straight to the terminal while the
    // device is probed; the check below says the same in the helper's words.
    let status = with_stderr_silenced(|| AlertPlayer::start().status());
    match status {
        AudioStatus::Ready { device } => check(
            "audio",
            Level::Ok,
            lang,
            title,
            pick(
                lang,
                format!("提示音从 {device} 播放"),
                format!("cues play on {device}"),
            ),
            String::new(),
        ),
        AudioStatus::Silent { reason } => check(
            "audio",
            Level::Warn,
            lang,
            title,
            pick(
                lang,
                "没有可用的声音输出设备，提示音为静音".to_owned(),
                format!("no audio device, cues are silent ({reason})"),
            ),
            pick(
                lang,
                "接上音箱或耳机；没有声音也能扫码，请注意看屏幕".to_owned(),
                "connect speakers or headphones; scanning works silently, watch the screen"
                    .to_owned(),
            ),
        ),
    }
}

fn display_check(lang: Language) -> Check {
    let title = ("显示器", "Display");
    match probe_display() {
        DisplayProbe::Reachable { address } => check(
            "display",
            Level::Ok,
            lang,
            title,
            pick(lang, format!("{address} 可以连接"), format!("{address} answers")),
            String::new(),
        ),
        DisplayProbe::NotSet => check(
            "display",
            Level::Blocker,
            lang,
            title,
            pick(
                lang,
                "没有图形桌面（未设置 DISPLAY 或 WAYLAND_DISPLAY），窗口无法打开".to_owned(),
                "no graphical desktop (neither DISPLAY nor WAYLAND_DISPLAY is set): the window cannot open".to_owned(),
            ),
            pick(
                lang,
                "在笔记本的桌面上运行（不要通过 ssh），或在桌面的终端里运行 doctor".to_owned(),
                "run it on the laptop's desktop (not over ssh), or run doctor in a terminal there".to_owned(),
            ),
        ),
        DisplayProbe::Unreachable { address, problem } => check(
            "display",
            Level::Blocker,
            lang,
            title,
            pick(
                lang,
                format!("{address} 无法连接（{problem}）"),
                format!("{address} does not answer ({problem})"),
            ),
            pick(
                lang,
                "登录桌面后再运行；或重启电脑".to_owned(),
                "log in to the desktop first, or restart the laptop".to_owned(),
            ),
        ),
    }
}

fn gl_check(lang: Language) -> Check {
    let title = ("OpenGL", "OpenGL");
    match probe_gl() {
        GlProbe::Loaded { libraries } => check(
            "gl",
            Level::Ok,
            lang,
            title,
            pick(
                lang,
                format!("可以加载 {}", libraries.join("、")),
                format!("loads {}", libraries.join(", ")),
            ),
            String::new(),
        ),
        GlProbe::Missing { problem } => check(
            "gl",
            Level::Blocker,
            lang,
            title,
            pick(
                lang,
                format!("无法加载（{problem}）"),
                format!("cannot load it ({problem})"),
            ),
            pick(
                lang,
                "执行 sudo apt install libegl1 libgl1 libgl1-mesa-dri".to_owned(),
                "run sudo apt install libegl1 libgl1 libgl1-mesa-dri".to_owned(),
            ),
        ),
    }
}

fn clock_check(lang: Language) -> Check {
    clock_check_at(Local::now().fixed_offset(), lang)
}

/// The clock check at a given local time (tests pass a dead-battery date).
pub fn clock_check_at(now: chrono::DateTime<chrono::FixedOffset>, lang: Language) -> Check {
    let title = ("时钟", "Clock");
    let shown = now.format("%Y-%m-%d %H:%M %:z").to_string();
    if now.year() < EARLIEST_SANE_YEAR {
        return check(
            "clock",
            Level::Warn,
            lang,
            title,
            pick(
                lang,
                format!("现在显示 {shown}，时间不对（主板电池没电？），每条登记的时间都会错"),
                format!(
                    "it says {shown}: wrong (dead clock battery?), every entry's time would be wrong"
                ),
            ),
            pick(
                lang,
                "连上网络自动对时，或执行 sudo date -s \"2026-11-30 08:00\" 设为正确时间"
                    .to_owned(),
                "connect to a network to sync, or set it: sudo date -s \"2026-11-30 08:00\""
                    .to_owned(),
            ),
        );
    }
    if now.offset().fix().local_minus_utc() != CHINA_OFFSET_SECONDS {
        return check(
            "clock",
            Level::Warn,
            lang,
            title,
            pick(
                lang,
                format!("{shown}，时区不是北京时间"),
                format!("{shown}: the time zone is not China Standard Time"),
            ),
            pick(
                lang,
                "执行 sudo timedatectl set-timezone Asia/Shanghai 改为北京时间".to_owned(),
                "in China run sudo timedatectl set-timezone Asia/Shanghai".to_owned(),
            ),
        );
    }
    check("clock", Level::Ok, lang, title, shown, String::new())
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
