//! The words of `ui::sync_status`.

use crate::text::{Phrase, p};

pub const WAITING: Phrase = p("待上传", "waiting");
pub const REFUSED_ROWS: Phrase = p("拒收", "refused rows");
pub const SET_ASIDE: Phrase = p("被拒搁置", "set aside");
pub const LAST_SYNC: Phrase = p("上次同步", "last sync");
pub const DISTRICT: Phrase = p("区数据库：", "District:");
