//! The words of `ui::origin_ui`.

use crate::text::{Phrase, p};

pub const TRAVEL_CARD: Phrase = p("行程卡", "Travel card");
pub const NO_STAR: Phrase = p("无星", "no star");
pub const STAR: Phrase = p("带星 *", "star *");
