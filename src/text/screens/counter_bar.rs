//! The words of `ui::counter_bar`.

use crate::config::Language;
use crate::text::{Phrase, p};

/// Practice entries today (demo feed, training pictures), counted apart from the real ones.
pub const PRACTICE: Phrase = p("练习", "Practice");

pub const NO_SHIFT_OPEN: Phrase = p(
    "▲ 未开班：请班长按 F5 开班",
    "▲ No shift open: a leader opens one on F5",
);

/// What the people at the gate are told (PIPL: a stated retention): how long their entry is kept.
pub fn retention(days: impl std::fmt::Display, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("登记信息保存 {days} 天后删除"),
        Language::En => format!("Entries are deleted after {days} days"),
    }
}
