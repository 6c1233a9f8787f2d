//! The words of `checkpoint-kiosk doctor`: each check's title, what it found and what to do.
//! `crate::cli::doctor_cmd` runs the checks and decides which of these is said.

use std::fmt::Display;

use super::{Phrase, Said, p};

/// Between a check's title and what it found: the report's full-width colon in Chinese.
pub const COLON: Phrase = super::report::TITLE_SEPARATOR;
/// Before what to do.
pub const ARROW: Phrase = p(" → 请", " → ");
pub const READY: Phrase = p(
    "结论：可以扫码（退出码 0）",
    "Result: ready to scan (exit code 0)",
);

/// "n problems block scanning", and the exit code.
pub fn blocked(problems: usize, exit_code: i32) -> Said {
    Said::new(
        format!("结论：有 {problems} 项问题妨碍扫码，请先处理标 ✗ 的行（退出码 {exit_code}）"),
        format!(
            "Result: {problems} problem(s) block scanning; fix the lines marked ✗ first (exit code {exit_code})"
        ),
    )
}

pub mod titles {
    use super::{Phrase, p};

    pub const VERSION: Phrase = p("版本", "Version");
    pub const DATA_FOLDER: Phrase = p("数据文件夹", "Data folder");
    pub const FREE_SPACE: Phrase = p("剩余空间", "Free space");
    pub const DATABASE: Phrase = p("数据库", "Database");
    pub const BACKUP: Phrase = p("备份", "Backup");
    pub const CONFIG: Phrase = p("设置 kiosk.toml", "Settings kiosk.toml");
    pub const CAMERA: Phrase = p("摄像头", "Camera");
    pub const FONTS: Phrase = p("字体", "Fonts");
    pub const SOUND: Phrase = p("声音", "Sound");
    pub const DISPLAY: Phrase = p("显示器", "Display");
    pub const OPENGL: Phrase = p("OpenGL", "OpenGL");
    pub const CLOCK: Phrase = p("时钟", "Clock");
}

pub fn version(version: &str, schema: impl Display) -> Said {
    Said::new(
        format!("checkpoint-kiosk {version}，数据库结构第 {schema} 版"),
        format!("checkpoint-kiosk {version}, database schema {schema}"),
    )
}

// The data folder.

pub fn folder_not_yet(shown: impl Display) -> Said {
    Said::new(
        format!("{shown} 还不存在（首次启动时创建）"),
        format!("{shown} does not exist yet (the first start creates it)"),
    )
}

pub fn folder_unreachable(shown: impl Display, error: impl Display) -> Said {
    Said::new(
        format!("无法访问 {shown}（{error}）"),
        format!("cannot reach {shown} ({error})"),
    )
}

pub const FOLDER_UNREACHABLE_DO: Phrase = p(
    "以本机值守用户运行，或用 --data-dir 指定可写的文件夹",
    "run as the kiosk's user, or pass --data-dir with a writable folder",
);

pub fn folder_is_a_file(shown: impl Display) -> Said {
    Said::new(
        format!("{shown} 不是文件夹"),
        format!("{shown} is not a folder"),
    )
}

pub const FOLDER_IS_A_FILE_DO: Phrase = p(
    "移走这个文件，或用 --data-dir 指定文件夹",
    "move that file away, or pass --data-dir",
);

pub fn folder_not_writable(shown: impl Display, error: impl Display) -> Said {
    Said::new(
        format!("{shown} 不可写（{error}）"),
        format!("{shown} is not writable ({error})"),
    )
}

pub fn folder_not_writable_do(shown: impl Display) -> Said {
    Said::new(
        format!("以文件夹的主人运行，或执行 sudo chown -R $USER {shown}"),
        format!("run as the folder's owner, or: sudo chown -R $USER {shown}"),
    )
}

pub fn folder_readable_by_others(shown: impl Display, mode: u32) -> Said {
    Said::new(
        format!("{shown} 可写，但其他用户也能读取（权限 {mode:o}）"),
        format!("{shown} is writable, but other users can read it (mode {mode:o})"),
    )
}

pub fn folder_readable_by_others_do(shown: impl Display) -> Said {
    Said::new(
        format!("执行 chmod 700 {shown}，登记数据只应本机值守用户可读"),
        format!("run chmod 700 {shown}: entries are for the kiosk's user only"),
    )
}

pub fn folder_fine(shown: impl Display, mode: u32) -> Said {
    Said::new(
        format!("{shown} 可写，仅本用户可读（权限 {mode:o}）"),
        format!("{shown} is writable and private (mode {mode:o})"),
    )
}

// Free space.

pub const SPACE_UNKNOWN: Phrase = p("无法确定", "cannot tell");
pub const NO_SPACE_DO: Phrase = p(
    "删除不用的文件或导出后清理旧记录（purge）",
    "delete unused files, or export and purge old entries",
);
pub const LOW_SPACE_DO: Phrase = p(
    "尽快清理磁盘，空间不足时登记会保存失败",
    "free some disk soon: saves fail when the disk is full",
);

pub fn free_space(megabytes: u64, folder: impl Display) -> Said {
    Said::new(
        format!("{megabytes} MB（{folder}）"),
        format!("{megabytes} MB ({folder})"),
    )
}

pub fn space_unreadable(error: impl Display) -> Said {
    Said::new(
        format!("无法读取（{error}）"),
        format!("cannot read it ({error})"),
    )
}

// The database.

pub const NO_DATABASE_YET: Phrase = p(
    "还没有（首次启动时创建）",
    "none yet (the first start creates it)",
);
pub const DATABASE_LOCKED: Phrase = p(
    "已加密：没有口令，无法检查内容",
    "encrypted: without the passphrase its contents cannot be checked",
);
pub const DATABASE_LOCKED_DO: Phrase = p(
    "在终端运行 doctor 并输入数据库口令，或设置 CHECKPOINT_KIOSK_PASSPHRASE 后再运行",
    "run doctor in a terminal and type the database passphrase, or set CHECKPOINT_KIOSK_PASSPHRASE",
);
pub const WRONG_PASSPHRASE_DO: Phrase = p(
    "用正确的数据库口令再运行一次（文件本身没有被改动）",
    "run it again with the right passphrase (the file itself was not touched)",
);
pub const RESTORE_DO: Phrase = p(
    "关闭程序，用最近的备份替换 kiosk.sqlite3",
    "close the app and restore kiosk.sqlite3 from the latest backup",
);

pub fn schema_too_new(version: impl Display, supported: impl Display) -> Said {
    Said::new(
        format!("结构第 {version} 版，比本程序（第 {supported} 版）新"),
        format!("schema {version} is newer than this app's ({supported})"),
    )
}

pub const SCHEMA_TOO_NEW_DO: Phrase = p(
    "安装新版 checkpoint-kiosk",
    "install the newer checkpoint-kiosk",
);

pub fn database_damaged(integrity: impl Display) -> Said {
    Said::new(
        format!("文件已损坏（{integrity}）"),
        format!("the file is damaged ({integrity})"),
    )
}

pub const UPGRADED_NEXT_START: Phrase = p("，下次启动时升级", "; upgraded at the next start");

/// A sound database; `migrate` is [`UPGRADED_NEXT_START`] or nothing.
pub fn database_fine(
    version: impl Display,
    entries: impl Display,
    leaders: impl Display,
    migrate: &Said,
) -> Said {
    Said::new(
        format!(
            "结构第 {version} 版，完整，{entries} 条登记，{leaders} 位班长{}",
            migrate.zh
        ),
        format!(
            "schema {version}, intact, {entries} entries, {leaders} leader(s){}",
            migrate.en
        ),
    )
}

pub const NO_LEADER_DO: Phrase = p(
    "在首次设置或“班次报表”里设置班长及其 PIN",
    "set up the first shift leader and PIN (first-run setup or the Shift screen)",
);

// Backups.

pub fn latest_backup(at: impl Display, name: impl Display) -> Said {
    Said::new(
        format!("最近一次 {at}（{name}）"),
        format!("latest {at} ({name})"),
    )
}

pub fn no_backup(folder: impl Display) -> Said {
    Said::new(
        format!("{folder} 中没有备份"),
        format!("no backup in {folder}"),
    )
}

pub const NO_BACKUP_DO: Phrase = p(
    "执行 checkpoint-kiosk backup --to U盘文件夹（交班时做一次）",
    "run checkpoint-kiosk backup --to a USB stick's folder (once per handover)",
);

// kiosk.toml.

pub fn fever_threshold_unusual(fever: impl Display) -> Said {
    Said::new(
        format!("发热线 {fever} °C 不在常用的 37.0–38.5 之间"),
        format!("fever threshold {fever} °C is outside the usual 37.0–38.5"),
    )
}

pub const NAME_OR_GATE_EMPTY: Phrase = p(
    "检查点名称或岗位为空",
    "the checkpoint name or gate is empty",
);
pub const NO_ROSTER: Phrase = p("没有排班", "the shift roster is empty");

/// Between two problems of the settings file.
pub const PROBLEMS_JOINT: Phrase = p("；", "; ");

pub fn config_not_yet(shown: impl Display) -> Said {
    Said::new(
        format!("{shown} 还不存在：首次启动会逐项询问"),
        format!("{shown} does not exist yet: the first start asks the setup questions"),
    )
}

pub const CONFIG_INVALID_DO: Phrase = p(
    "修正该文件，或删除它后重新设置",
    "fix the file, or delete it and run the setup again",
);

pub fn config_fine(shown: impl Display) -> Said {
    Said::new(
        format!("{shown} 无问题"),
        format!("{shown} has no problems"),
    )
}

pub const CONFIG_PROBLEMS_DO: Phrase =
    p("由班长在“设置”中改正", "a leader corrects it in Settings");

// The camera.

pub const NO_CAMERA: Phrase = p(
    "未找到摄像头（/dev 下没有 video 设备）",
    "no camera found (no video device in /dev)",
);
pub const NO_CAMERA_DO: Phrase = p(
    "插上 USB 摄像头；只用扫码枪时可忽略此项",
    "plug in a USB camera; ignore this when a USB code scanner is used instead",
);

pub fn camera_no_permission(devices: &str) -> Said {
    Said::new(
        format!("无权打开 {devices}"),
        format!("no permission to open {devices}"),
    )
}

pub const CAMERA_NO_PERMISSION_DO: Phrase = p(
    "执行 sudo usermod -aG video $USER，然后注销重新登录",
    "run sudo usermod -aG video $USER, then log out and in again",
);

/// A camera as the check lists it: name and first resolution.
pub fn camera_with_size(name: &str, width: impl Display, height: impl Display) -> String {
    format!("{name}（{width}×{height}）")
}

/// The cameras that open, listed.
pub fn cameras_open(cameras: &[String]) -> Said {
    Said::new(
        format!("可以打开：{}", cameras.join("，")),
        format!("opens: {}", cameras.join(", ")),
    )
}

pub fn cameras_none_open(devices: usize) -> Said {
    Said::new(
        format!("找到 {devices} 个视频设备，但没有一个能打开"),
        format!("found {devices} video device(s), but none opens"),
    )
}

pub const CAMERA_BUSY_DO: Phrase = p(
    "关闭正在使用摄像头的程序（视频会议等），或重新插拔摄像头",
    "close programs using the camera (video calls), or re-plug it",
);

// Fonts.

pub const FONT_DAMAGED: Phrase = p("内置中文字体已损坏", "the bundled Chinese font is damaged");
pub const FONT_DAMAGED_DO: Phrase = p("重新安装 checkpoint-kiosk", "reinstall checkpoint-kiosk");

pub fn fonts_fine(system: impl Display) -> Said {
    Said::new(
        format!("内置 GB2312 字体，系统中文字体 {system}"),
        format!("bundled GB2312 font, system CJK font {system}"),
    )
}

pub const ONLY_BUNDLED_FONT: Phrase = p(
    "只有内置 GB2312 字体：生僻字（喆、堃）会显示为方框",
    "only the bundled GB2312 font: rare name characters (喆, 堃) show as boxes",
);
pub const ONLY_BUNDLED_FONT_DO: Phrase = p(
    "执行 sudo apt install fonts-noto-cjk",
    "run sudo apt install fonts-noto-cjk",
);

// Sound.

pub fn sound_fine(device: impl Display) -> Said {
    Said::new(
        format!("提示音从 {device} 播放"),
        format!("cues play on {device}"),
    )
}

/// No sound device: the Chinese leaves out the system's reason.
pub fn silent(reason: impl Display) -> Said {
    Said::new(
        "没有可用的声音输出设备，提示音为静音",
        format!("no audio device, cues are silent ({reason})"),
    )
}

pub const SILENT_DO: Phrase = p(
    "接上音箱或耳机；没有声音也能扫码，请注意看屏幕",
    "connect speakers or headphones; scanning works silently, watch the screen",
);

// The display and OpenGL.

pub fn display_fine(address: impl Display) -> Said {
    Said::new(format!("{address} 可以连接"), format!("{address} answers"))
}

pub const NO_DESKTOP: Phrase = p(
    "没有图形桌面（未设置 DISPLAY 或 WAYLAND_DISPLAY），窗口无法打开",
    "no graphical desktop (neither DISPLAY nor WAYLAND_DISPLAY is set): the window cannot open",
);
pub const NO_DESKTOP_DO: Phrase = p(
    "在笔记本的桌面上运行（不要通过 ssh），或在桌面的终端里运行 doctor",
    "run it on the laptop's desktop (not over ssh), or run doctor in a terminal there",
);

pub fn display_unreachable(address: impl Display, problem: impl Display) -> Said {
    Said::new(
        format!("{address} 无法连接（{problem}）"),
        format!("{address} does not answer ({problem})"),
    )
}

pub const DISPLAY_UNREACHABLE_DO: Phrase = p(
    "登录桌面后再运行；或重启电脑",
    "log in to the desktop first, or restart the laptop",
);

pub fn gl_fine(libraries: &[String]) -> Said {
    Said::new(
        format!("可以加载 {}", libraries.join("、")),
        format!("loads {}", libraries.join(", ")),
    )
}

pub fn gl_missing(problem: impl Display) -> Said {
    Said::new(
        format!("无法加载（{problem}）"),
        format!("cannot load it ({problem})"),
    )
}

pub const GL_MISSING_DO: Phrase = p(
    "执行 sudo apt install libegl1 libgl1 libgl1-mesa-dri",
    "run sudo apt install libegl1 libgl1 libgl1-mesa-dri",
);

// The clock.

pub fn clock_wrong(shown: &str) -> Said {
    Said::new(
        format!("现在显示 {shown}，时间不对（主板电池没电？），每条登记的时间都会错"),
        format!("it says {shown}: wrong (dead clock battery?), every entry's time would be wrong"),
    )
}

pub const CLOCK_WRONG_DO: Phrase = p(
    "连上网络自动对时，或执行 sudo date -s \"2026-11-30 08:00\" 设为正确时间",
    "connect to a network to sync, or set it: sudo date -s \"2026-11-30 08:00\"",
);

pub fn not_beijing_time(shown: &str) -> Said {
    Said::new(
        format!("{shown}，时区不是北京时间"),
        format!("{shown}: the time zone is not China Standard Time"),
    )
}

pub const NOT_BEIJING_TIME_DO: Phrase = p(
    "执行 sudo timedatectl set-timezone Asia/Shanghai 改为北京时间",
    "in China run sudo timedatectl set-timezone Asia/Shanghai",
);
