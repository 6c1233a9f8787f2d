//! The words the app says after a task is done or refused: settings saved, a save or an import
//! that failed, a shift opened, a pass task finished, the kiosk's lock and screen. `crate::app`
//! decides which is said; the words live only here.

use std::fmt::Display;

use super::{Phrase, Said, p};
use crate::config::Language;

/// The window's title (the same in both languages: window scripts look for it).
pub const WINDOW_TITLE: &str = "检查点登记 checkpoint-kiosk";

pub const SETTINGS_SAVED: Phrase = p("✓ 设置已保存", "✓ Settings saved");
pub const SETTINGS_NOT_SAVED: Phrase = p("设置未保存", "Settings NOT saved");
/// F9 switched the language but kiosk.toml could not be written; the reason follows.
pub const LANGUAGE_NOT_KEPT: Phrase = p(
    "界面语言已切换，但未能保存，下次启动仍用原语言",
    "Language switched, but not saved: the next start uses the old one",
);
pub const TYPE_YOUR_NAME: Phrase = p("请输入姓名", "Type your name");
pub const BUILDING: Phrase = p("正在生成…", "Building…");
pub const IMPORTING: Phrase = p("正在导入…", "Importing…");
pub const EXPORTING: Phrase = p("正在导出…", "Exporting…");
pub const EXPORTING_HANDOVER: Phrase = p("正在导出交班报表…", "Exporting the handover report…");
pub const NO_USB_DRIVE: Phrase = p(
    "未找到U盘：导出将保存在本机数据文件夹 exports/",
    "No USB drive found: exports go to this kiosk's data folder, exports/",
);
pub const NEIGHBOUR_FILE_NEEDED: Phrase = p(
    "请填写邻近卡口导出文件的路径",
    "Type the path of the neighbour's export file",
);
/// A trust bundle that could not be imported; the reason follows.
pub const IMPORT_FAILED: Phrase = p("导入失败", "Import failed");
pub const VOID_NEEDS_REASON: Phrase = p("请写明作废原因", "Write why the entry is voided");
/// A form kept on screen because its entry was not saved; the reason follows.
pub const NOT_SAVED: Phrase = p("未保存", "NOT saved");
pub const SHIFT_CLOSED: Phrase = p("✓ 已交班，班次结束", "✓ Handed over; the shift is closed");
pub const SHIFT_OPENED: Phrase = p("✓ 已开班", "✓ Shift opened");
pub const ENTRY_GONE: Phrase = p(
    "该记录已不存在（可能已过保存期限被清除）：请刷新日志",
    "This entry no longer exists (it may have been purged): refresh the log",
);
pub const COUNTERS_STALE: Phrase = p("计数未更新", "The counters are not up to date");
pub const PURGE_FAILED: Phrase = p("过期记录未清除", "Expired entries NOT purged");
pub const IMPORTED: Phrase = p("✓ 已导入", "✓ Imported");
pub const RISK_LIST_NOT_IMPORTED: Phrase = p("风险列表未导入", "Risk list NOT imported");
pub const PASS_TASK_BUSY: Phrase = p(
    "上一项出入证操作还在进行，请稍候",
    "The previous pass task is still running: wait a moment",
);
pub const PASS_TASK_CANNOT_START: Phrase = p("无法启动出入证操作", "Cannot start the pass task");
/// Settings, while no shift keeps the screen awake.
pub const SCREEN_DIMS_NO_SHIFT: Phrase = p(
    "没有开班：屏幕按系统设置变暗",
    "No shift open: the screen dims as the system says",
);
/// A shift is open and the desktop refused to keep the screen awake.
pub const SCREEN_MAY_LOCK: Phrase = p(
    "注意：本机无法保持屏幕常亮，值班中可能变暗或锁屏。请在系统电源设置中关闭自动锁屏（原因见“设置”）",
    "Note: this laptop cannot keep the screen awake; it may dim or lock during the shift. Turn off automatic screen lock in the system's power settings (reason in Settings)",
);
/// Leaving kiosk mode: the leader's name or PIN did not match.
pub const LEADER_PIN_WRONG: Phrase = p(
    "姓名或 PIN 不对，请班长本人输入（连错 5 次后需等待）",
    "Wrong name or PIN: the shift leader must type it (after 5 wrong tries it waits)",
);

pub fn certificates_imported(count: impl Display) -> Said {
    Said::new(
        format!("✓ 已导入证书数： {count}"),
        format!("✓ Certificates imported: {count}"),
    )
}

/// "Cannot open the image", the file and why (the reason as the system or decoder gave it).
pub fn cannot_open_image(shown: impl Display, why: &str) -> Said {
    Said::new(
        format!("无法打开图片 {shown}: {why}"),
        format!("Cannot open the image {shown}: {why}"),
    )
}

/// A person saved from the no-phone form: masked name, clock and what was decided
/// ("✓ 已保存 王* 08:37 · 放行").
pub fn person_saved(who: &str, at: &str, decision: crate::model::Decision, repeat: &Said) -> Said {
    let decided = super::terms::decision(decision);
    Said::new(
        format!("✓ 已保存 {who} {at} · {}{}", decided.zh, repeat.zh),
        format!("✓ Saved {who} {at} · {}{}", decided.en, repeat.en),
    )
}

/// A vehicle saved: plate, clock, what was decided ("✓ 已保存 粤B12345 08:37 · 分流") and, when
/// it was seen before, the [`repeat_note`].
pub fn vehicle_saved(
    plate: impl Display,
    at: &str,
    decision: crate::model::Decision,
    repeat: &Said,
) -> Said {
    let decided = super::terms::decision(decision);
    Said::new(
        format!("✓ 已保存 {plate} {at} · {}{}", decided.zh, repeat.zh),
        format!("✓ Saved {plate} {at} · {}{}", decided.en, repeat.en),
    )
}

/// " · repeat: already registered at … at …", said after a saved entry that was seen before
/// (`place`: the checkpoint and gate).
pub fn repeat_note(at: &str, place: &Said) -> Said {
    Said::new(
        format!(" · 重复：已于 {at} 在 {} 登记过", place.zh),
        format!(" · Repeat: already registered at {at} at {}", place.en),
    )
}

/// "⚠ repeat: already registered at … at …", said while a person seen before is registered.
pub fn repeat_seen(at: &str, place: &Said) -> Said {
    Said::new(
        format!("⚠ 重复：已于 {at} 在 {} 登记过", place.zh),
        format!("⚠ Repeat: already registered at {at} at {}", place.en),
    )
}

pub fn signed_in(name: &str) -> Said {
    Said::new(format!("✓ 已签到 {name}"), format!("✓ Signed in {name}"))
}

pub fn exported_to(shown: impl Display, count: impl Display) -> Said {
    Said::new(
        format!("✓ 已导出到 {shown} ({count} 条)"),
        format!("✓ Exported to {shown} ({count} entries)"),
    )
}

/// A risk list's file that did not open.
pub fn cannot_open_list(shown: impl Display, error: impl Display) -> Said {
    Said::new(
        format!("无法打开{shown}（{error}），请检查路径"),
        format!("cannot open {shown} ({error}); check the path"),
    )
}

/// A risk list's file that opened but could not be read to its end.
pub fn cannot_read_list(shown: impl Display, error: impl Display) -> Said {
    Said::new(
        format!("无法读取{shown}（{error}），请重新插入U盘"),
        format!("cannot read {shown} ({error}); plug the USB drive in again"),
    )
}

/// Too many wrong passphrases: the unlock screen waits.
pub fn unlock_wait(failures: impl Display, seconds: impl Display) -> Said {
    Said::new(
        format!("连续 {failures} 次口令错误：请等 {seconds} 秒后再试"),
        format!("{failures} wrong passphrases in a row: try again in {seconds} s"),
    )
}

/// A finished pass task: this gate's stamp was made.
pub fn pass_key_created(key_id: &str) -> Said {
    Said::new(
        format!("✓ 已创建出入证印章，编号 {key_id}。请备份数据文件夹中的 keys。"),
        format!("✓ Signing key {key_id} created. Back up the keys folder of the data folder."),
    )
}

/// A finished pass task: the stamp's public file written for the neighbours.
pub fn pass_public_key_written(shown: impl Display) -> Said {
    Said::new(
        format!("✓ 印章文件已写入 {shown}：拷给邻近卡口，在“认可邻近卡口的出入证印章”处导入。"),
        format!("✓ Stamp file written to {shown}: copy it to the neighbouring gates to accept."),
    )
}

/// A finished pass task: a neighbour's stamp accepted.
pub fn pass_neighbour_trusted(key_id: &str) -> Said {
    Said::new(
        format!("✓ 已信任密钥 {key_id} 签发的出入证。"),
        format!("✓ Passes signed by key {key_id} are now trusted."),
    )
}

/// A finished pass task: a pass issued, and its card to print.
pub fn pass_issued(pass_id: &str, card: impl Display) -> Said {
    Said::new(
        format!("✓ 已签发出入证 {pass_id}，卡片：{card}（请打印）"),
        format!("✓ Pass {pass_id} issued; card: {card} (print it)"),
    )
}

/// A finished pass task: a pass revoked (or found revoked already).
pub fn pass_revoked(pass_id: &str, already: bool) -> Said {
    if already {
        Said::new(
            format!("出入证 {pass_id} 早已注销"),
            format!("Pass {pass_id} was already revoked"),
        )
    } else {
        Said::new(
            format!("✓ 已注销出入证 {pass_id}"),
            format!("✓ Pass {pass_id} revoked"),
        )
    }
}

/// Setup: the leader's PIN is set.
pub fn leader_has_pin(name: &str) -> Said {
    Said::new(
        format!("班长 {name} 已设置密码（PIN）"),
        format!("leader {name} has a PIN"),
    )
}

/// Setup: this gate joined the district's shared registration key.
pub fn joined_shared_key(key_id: impl Display) -> Said {
    Said::new(
        format!("已加入辖区共用的登记密钥 {key_id}"),
        format!("joined the district's shared registration key {key_id}"),
    )
}

/// Setup: the autostart entry needs this program's path, and the system did not give it.
pub fn program_path_unknown(error: impl Display) -> Said {
    Said::new(
        format!("找不到本程序的路径（{error}）"),
        format!("cannot find this program's path ({error})"),
    )
}

/// Setup: this gate's pass stamp was made.
pub fn pass_stamp_created(id: &str) -> Said {
    Said::new(
        format!("已生成本卡口的出入证印章（编号 {id}），请备份 keys 文件夹"),
        format!("created this gate's pass stamp (id {id}); back up the keys folder"),
    )
}

/// Setup: the neighbour's stamp file on the stick could not be read.
pub fn cannot_read_stamp_file(shown: impl Display, error: impl Display) -> Said {
    Said::new(
        format!("无法读取 {shown}（{error}）：请重新选择 U 盘上的文件"),
        format!("cannot read {shown} ({error}): pick the file on the USB stick again"),
    )
}

/// Setup: a neighbour's pass stamp accepted.
pub fn neighbour_stamp_accepted(id: &str) -> Said {
    Said::new(
        format!("已认可邻近卡口的出入证印章 {id}"),
        format!("now accepting the neighbouring gate's pass stamp {id}"),
    )
}

/// A USB stick plugged in while the Shift screen is open.
pub fn usb_drive_found(folder: impl Display) -> Said {
    Said::new(
        format!("✓ 已找到U盘 {folder}：导出将保存到U盘"),
        format!("✓ USB drive found at {folder}: exports go to it"),
    )
}

/// The hand-over's files, written one after the other.
pub fn handover_written(count: usize, folder: impl Display, names: &str) -> Said {
    Said::new(
        format!("✓ 交班报表 {count} 个文件已写入 {folder}：{names}。"),
        format!("✓ The handover report's {count} files are in {folder}: {names}. "),
    )
}

/// What became of a printable page (a report or a hand-over).
pub enum PagePrinted<'a> {
    /// No browser and no printing service on this laptop.
    NoWay,
    /// Opening or printing it failed, for this reason.
    Failed(&'a dyn Display),
    ToPrinter,
    InBrowser,
}

/// What became of the printable page at `shown`, in one language.
pub fn page_printed(printed: &PagePrinted<'_>, shown: impl Display, lang: Language) -> String {
    match (printed, lang) {
        (PagePrinted::NoWay, Language::ZhCn) => format!(
            "本机没有浏览器（xdg-open）也没有打印服务（lp）：打印页已保存在 {shown}，请拷到能打印的电脑"
        ),
        (PagePrinted::NoWay, Language::En) => format!(
            "No browser (xdg-open) and no printing service (lp) here: the printable page is saved at {shown}; print it from another computer"
        ),
        (PagePrinted::Failed(error), Language::ZhCn) => {
            format!("无法打开打印页（{error}）：文件在 {shown}")
        }
        (PagePrinted::Failed(error), Language::En) => {
            format!("Could not open the printable page ({error}): it is at {shown}")
        }
        (PagePrinted::ToPrinter, Language::ZhCn) => format!("✓ 已发送到打印机：{shown}"),
        (PagePrinted::ToPrinter, Language::En) => format!("✓ Sent to the printer: {shown}"),
        (PagePrinted::InBrowser, Language::ZhCn) => {
            format!("✓ 已在浏览器中打开，请在浏览器中打印：{shown}")
        }
        (PagePrinted::InBrowser, Language::En) => {
            format!("✓ Opened in the browser; print from there: {shown}")
        }
    }
}

/// Keeping the screen awake during a shift (`desktop::InhibitStatus`), for Settings.
pub const SCREEN_AWAKE_ASKING: Phrase = p(
    "正在请求桌面保持屏幕常亮……",
    "Asking the desktop to keep the screen awake…",
);

pub fn screen_awake(through: &str, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("值班期间屏幕保持常亮（{through}）"),
        Language::En => format!("The screen stays awake during the shift ({through})"),
    }
}

pub fn screen_cannot_stay_awake(reason: &str, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!(
            "无法阻止屏幕变暗或锁屏（{reason}）：请在系统设置的“电源/屏幕保护”中关闭自动锁屏"
        ),
        Language::En => format!(
            "Cannot keep the screen awake ({reason}): turn off automatic screen lock and blanking in the system's power settings"
        ),
    }
}
