//! The words of the district office's web pages (`district serve`).

use super::{Phrase, p};
use crate::config::Language;

pub const OFFICE: Phrase = p(
    "街道办 · 各卡口实时情况",
    "District office · every gate live",
);
pub const TODAY: Phrase = p("今日", "Today");
pub const HOURS: Phrase = p("每小时", "Hours");
pub const EXCEPTIONS: Phrase = p("异常", "Exceptions");
pub const DAY_REPORT: Phrase = p("日报", "Day report");
pub const OTHER_LANGUAGE: Phrase = p("English", "中文");
pub const LOG_OUT: Phrase = p("退出", "Log out");
pub const LOG_IN: Phrase = p("登录", "Log in");
pub const VIEWER: Phrase = p("账号", "Account");
pub const PASSWORD: Phrase = p("密码", "Password");
pub const LOGIN_REFUSED: Phrase = p(
    "账号或密码不对，请重新输入",
    "The account or the password is wrong: type them again",
);
pub const LOCKED: Phrase = p(
    "密码错误次数过多，此账号已锁定 15 分钟；请稍后再试，或请管理员重设密码",
    "Too many wrong passwords: this account is locked for 15 minutes; try again later or ask \
     the administrator to set a new password",
);
pub const SERVER_TROUBLE: Phrase = p(
    "暂时无法读取区数据库，请稍后刷新；如持续出现，请检查 district serve 的输出",
    "The district's database cannot be read just now: reload in a moment; if it persists, look \
     at the output of district serve",
);
pub const TOTALS: Phrase = p("全区合计", "District totals");
pub const GATES: Phrase = p("各卡口", "Gates");
pub const GATE: Phrase = p("卡口", "Gate");
pub const PEOPLE_IN: Phrase = p("人员进", "People in");
pub const PEOPLE_OUT: Phrase = p("人员出", "People out");
pub const VEHICLES: Phrase = p("车辆", "Vehicles");
pub const FEVERS: Phrase = p("发热", "Fevers");
pub const RED: Phrase = p("红码", "Red");
pub const YELLOW: Phrase = p("黄码", "Yellow");
pub const REFERRED: Phrase = p("移交", "Handed over");
pub const DIVERTED: Phrase = p("分流", "Diverted");
pub const REPEATS: Phrase = p("重复", "Repeats");
pub const VOIDED: Phrase = p("作废", "Voided");
pub const ENTRIES: Phrase = p("登记", "Entries");
pub const LAST_SYNC: Phrase = p("最后同步", "Last sync");
pub const SHIFT: Phrase = p("班次", "Shift");
pub const SHIFT_OPEN: Phrase = p("在岗", "open");
pub const SHIFT_CLOSED: Phrase = p("未开班", "closed");
pub const NEVER: Phrase = p("从未同步", "never synced");
pub const ALL_SYNCING: Phrase = p("所有在岗卡口都在同步", "Every gate on shift is syncing");
pub const UPDATED: Phrase = p("更新于", "Updated at");
pub const DATE: Phrase = p("日期", "Date");
pub const SHOW: Phrase = p("查看", "Show");
pub const HOUR: Phrase = p("时段", "Hour");
pub const PEOPLE: Phrase = p("人员", "People");
pub const TOTAL: Phrase = p("合计", "Total");
pub const TIME: Phrase = p("时间", "Time");
pub const WHAT: Phrase = p("情况", "What");
pub const WHO: Phrase = p("对象（已脱敏）", "Who (masked)");
pub const TEMPERATURE: Phrase = p("体温", "Temperature");
pub const NO_EXCEPTIONS: Phrase = p("当日无异常", "No exceptions that day");
pub const FEVER: Phrase = p("发热", "fever");
pub const RED_CODE: Phrase = p("红码", "red code");
pub const YELLOW_CODE: Phrase = p("黄码", "yellow code");
pub const TURNED_BACK: Phrase = p("劝返", "turned back");
pub const HANDED_OVER: Phrase = p("移交", "handed over");
pub const DIVERT: Phrase = p("分流", "diverted");
pub const REPEAT: Phrase = p("重复", "repeat");
pub const DOWNLOAD_XLSX: Phrase = p("下载 Excel", "Download Excel");
pub const PRINT: Phrase = p("打印", "Print");
pub const FIRST_500: Phrase = p("只显示最新的 500 条", "Only the newest 500 are shown");

/// "东门 1号岗 12 分钟未同步" / "East gate 1: no sync for 12 min".
pub fn no_sync_for(label: &str, whole_seconds: u64, lang: Language) -> String {
    match (lang, whole_seconds >= 60) {
        (Language::ZhCn, true) => format!("{label} {} 分钟未同步", whole_seconds / 60),
        (Language::ZhCn, false) => format!("{label} {whole_seconds} 秒未同步"),
        (Language::En, true) => format!("{label}: no sync for {} min", whole_seconds / 60),
        (Language::En, false) => format!("{label}: no sync for {whole_seconds} s"),
    }
}

/// How long ago a gate was last heard from: seconds under two minutes, then minutes.
pub fn ago(whole_seconds: u64, lang: Language) -> String {
    match (lang, whole_seconds >= 120) {
        (Language::ZhCn, true) => format!("{} 分钟前", whole_seconds / 60),
        (Language::ZhCn, false) => format!("{whole_seconds} 秒前"),
        (Language::En, true) => format!("{} min ago", whole_seconds / 60),
        (Language::En, false) => format!("{whole_seconds} s ago"),
    }
}
