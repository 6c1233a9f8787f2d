//! The words of `ui::log_screen`.

use crate::text::{Phrase, p};

pub const ALL_COLOURS: Phrase = p("全部颜色", "All colours");
pub const GREEN: Phrase = p("绿", "Green");
pub const YELLOW: Phrase = p("黄", "Yellow");
pub const RED: Phrase = p("红", "Red");
pub const FEVER_ONLY: Phrase = p("只看发热", "Fever only");
pub const INCLUDE_VOIDED: Phrase = p("含已作废", "Include voided");
pub const REFRESH: Phrase = p("刷新", "Refresh");
pub const ALL_DECISIONS: Phrase = p("全部处理", "All decisions");
pub const TODAY: Phrase = p("今天", "Today");
pub const LAST_HOUR: Phrase = p("近1小时", "Last hour");
pub const ANY_TIME: Phrase = p("全部时间", "Any time");
pub const PLATE_CONTAINS: Phrase = p("车牌包含", "Plate contains");
pub const NO_ENTRIES_YET: Phrase = p("还没有登记记录", "No entries yet");
pub const TEMPERATURE_SHORT: Phrase = p("体温", "Temp.");
pub const REPEAT: Phrase = p(" · 重复", " · repeat");
pub const PRACTICE_MARK: Phrase = p(" · 练习", " · practice");
pub const VOIDED: Phrase = p("已作废", "voided");
pub const VOID: Phrase = p("作废…", "Void…");
pub const VOID_ENTRY: Phrase = p("作废记录", "Void entry");
pub const REASON: Phrase = p("原因", "Reason");
pub const CONFIRM_VOID: Phrase = p("确认作废", "Confirm void");
pub const KEEP: Phrase = p("不作废", "Keep it");
