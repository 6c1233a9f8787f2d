//! The words of `ui::top_bar`: the screens' names on their tabs.

use crate::text::{Phrase, p};

pub const SCAN: Phrase = p("扫码登记", "Scan");
pub const NO_PHONE: Phrase = p("无手机登记", "No phone");
pub const LOG: Phrase = p("登记记录", "Log");
pub const SHIFT: Phrase = p("班次报表", "Shift");
