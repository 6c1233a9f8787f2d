//! The words of `ui::entry_details`.

use crate::text::{Phrase, p};

pub const CLOSE: Phrase = p("关闭", "Close");
pub const CODE: Phrase = p("码", "Code");
pub const DOCUMENT: Phrase = p("证件", "Document");
pub const PHONE: Phrase = p("手机", "Phone");
pub const FROM: Phrase = p("来自", "From");
pub const OPERATOR: Phrase = p("值守", "Operator");
pub const PEOPLE: Phrase = p("人数", "People");
