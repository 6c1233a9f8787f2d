//! The words of `ui::settings_screen`.

use crate::text::{Phrase, p};

pub const SETTINGS: Phrase = p("设置", "Settings");
pub const SAVE_SETTINGS: Phrase = p("保存设置", "Save settings");
pub const LANGUAGE: Phrase = p("界面语言", "Language");
/// The direction each person starts with at this gate (an exit gate says 出).
pub const GATE_DIRECTION: Phrase = p("本岗默认方向", "This gate's direction");
pub const FONT_SIZE: Phrase = p("字体大小", "Font size");
pub const NIGHT_HIGH_CONTRAST: Phrase = p("夜间高对比度", "Night, high contrast");
pub const FEVER_LINE_C: Phrase = p("发热线 °C", "Fever line °C");
pub const REPEAT_WINDOW_MINUTES: Phrase = p("重复查验时间窗（分钟）", "Repeat window (minutes)");
pub const KEEP_ENTRIES_DAYS: Phrase = p("数据保留天数", "Keep entries (days)");
pub const SOUND: Phrase = p("声音：", "Sound:");
pub const SOUND_SILENT_NO: Phrase = p(
    "声音：静音（找不到音频设备，提示音不会响；接上音箱或耳机后重启程序）",
    "Sound: silent (no audio device; cues will not sound; plug in a speaker and restart)",
);
pub const CAMERA_NOT_FOUND: Phrase = p(
    "摄像头：未找到，正在用演示画面",
    "Camera: not found, showing the demo feed",
);
pub const TECHNICAL_DETAILS: Phrase = p("技术细节（供维修人员）", "Technical details");
pub const IMPORT_EU_DCC: Phrase = p(
    "导入欧盟数字新冠证书签发者证书（PEM 文件路径）",
    "Import EU DCC signer certificates (PEM file path)",
);
pub const NO_CAMERA_FOUND: Phrase = p(
    "未检测到摄像头（使用演示画面）",
    "No camera found (demo feed in use)",
);
