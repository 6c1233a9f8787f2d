//! The words of `ui::register_screen`.

use crate::text::{Phrase, p};

pub const REGISTER_PERSON_WITHOUT: Phrase = p(
    "无智能手机人员登记",
    "Register a person without a smartphone",
);
pub const DOCUMENT: Phrase = p("证件类型", "Document");
pub const NUMBER: Phrase = p("证件号码", "Number");
/// The row of a companion's "child without ID" toggle.
pub const COMPANION: Phrase = p("同行人", "Companion");
pub const AGE_BAND: Phrase = p("年龄段", "Age");
pub const PHONE: Phrase = p("手机号", "Phone");
pub const COLOUR_PAPER_CODE: Phrase =
    p("码的颜色（纸质码或口述）", "Colour (paper code or as told)");
pub const SAVE: Phrase = p("保存", "Save");
pub const SAVE_ADD_COMPANION: Phrase = p("保存并登记同行人", "Save and add a companion");
