//! Words more than one screen shows: the same label in the setup wizard and in Settings, the
//! same column in the log and in an entry's details.

use crate::config::Language;
use crate::text::{Phrase, p};

pub const CHECKPOINT_NAME: Phrase = p("检查点名称", "Checkpoint name");
pub const GATE_LANE: Phrase = p("岗位 / 通道", "Gate / lane");
pub const CAMERA: Phrase = p("摄像头", "Camera");
pub const RESOLUTION: Phrase = p("分辨率", "Resolution");
pub const LEADER_NAME: Phrase = p("班长姓名", "Leader's name");
pub const COMING_FROM: Phrase = p("从哪里来", "Coming from");
pub const COLOUR: Phrase = p("颜色", "Colour");
pub const DECISION: Phrase = p("处理", "Decision");
pub const PLATE: Phrase = p("车牌", "Plate");
pub const VEHICLE_TYPE: Phrase = p("车型", "Type");
pub const CARGO: Phrase = p("货物", "Cargo");
pub const PIN: Phrase = p("密码（PIN）", "PIN");
pub const UNLOCK: Phrase = p("解锁", "Unlock");
pub const IMPORT: Phrase = p("导入", "Import");
pub const KIOSK_MODE: Phrase = p("值守模式", "Kiosk mode");
pub const TEMPERATURE: Phrase = p("体温 °C", "Temperature °C");

/// Each language named in its own words, whatever the screen's language (the language buttons
/// of the setup and Settings, the top bar's switch).
pub const CHINESE: &str = "中文";
pub const ENGLISH: &str = "English";

/// The top bar's switch: the other language's name and its key.
pub fn other_language(lang: Language) -> &'static str {
    match lang {
        Language::ZhCn => "English F9",
        Language::En => "中文 F9",
    }
}
