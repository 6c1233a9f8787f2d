//! The words of `ui::vehicle_screen`.

use crate::text::{Phrase, p};

pub const VEHICLE: Phrase = p("车辆登记", "Vehicle");
pub const OTHER_PLATE_TEMPORARY: Phrase = p(
    "其他号牌（临时、军警等）",
    "Other plate (temporary, military …)",
);
pub const PEOPLE_BOARD: Phrase = p("车上人数", "People on board");
pub const SAVE_VEHICLE: Phrase = p("保存车辆", "Save vehicle");
pub const SAVE_THEN_SCAN: Phrase = p("保存并逐个扫乘车人", "Save, then scan each passenger");

/// The plate field's hint: a plate as it is typed, the same in both languages.
pub const PLATE_EXAMPLE: &str = "粤B12345";
