//! The words of `ui::pass_panel`.

use crate::text::{Phrase, p};

pub const RESIDENT_VEHICLE_PASSES: Phrase = p("出入证", "Resident and vehicle passes");
pub const PASS_STAMP_ID: Phrase = p("出入证印章编号：", "Pass stamp id:");
pub const EXPORT_STAMP_FILE: Phrase = p(
    "导出印章文件给邻近卡口",
    "Export the stamp file for neighbouring gates",
);
pub const NO_PASS_STAMP: Phrase = p("尚未创建出入证印章。", "No pass stamp yet.");
pub const CREATE_PASS_STAMP: Phrase = p("创建出入证印章", "Create the pass stamp");
pub const ACCEPT_NEIGHBOURING_GATE: Phrase = p(
    "认可邻近卡口的出入证印章（U盘上的印章文件）",
    "Accept a neighbouring gate's pass stamp (its stamp file on the USB stick)",
);
pub const ACCEPT: Phrase = p("认可", "Accept");
pub const HOLDER_NAME: Phrase = p("持证人姓名", "Holder's name");
pub const UNIT_BUILDING_UNIT: Phrase = p("住址（楼-单元-室）", "Unit (building-unit-room)");
pub const KIND: Phrase = p("类别", "Kind");
pub const RESIDENT: Phrase = p("居民", "Resident");
pub const WORKER: Phrase = p("工作人员", "Worker");
pub const VALID_DAYS: Phrase = p("有效天数", "Valid for (days)");
pub const ISSUE_DRAW_CARD: Phrase = p("签发并生成卡片 (PNG)", "Issue and draw the card (PNG)");
