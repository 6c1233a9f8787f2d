//! The words of `ui::source_status`.

use crate::config::Language;
use crate::text::{Phrase, p};

pub const NO_LIVE_PICTURE: Phrase = p(
    "无实时画面：请用扫码枪，或把码的截图拖到窗口上",
    "No live picture: use a hardware scanner, or drop a screenshot of the code on the window",
);
pub const PICTURE_HELD_MOMENT: Phrase = p(
    "画面停在读码时：请核对码的颜色。本人登记完后恢复实时画面。",
    "Picture held at the moment the code was read: check its colour. Live again after this person.",
);
pub const SCRIPTED_FEED_GIVEN: Phrase = p(
    "脚本画面（指定的图片循环播放，不是摄像头）",
    "Scripted feed (the given pictures in a loop, not a camera)",
);
pub const OPENING_CAMERA: Phrase = p("正在打开摄像头…", "Opening the camera…");
pub const DEMO_FEED_NO: Phrase = p(
    "演示画面：未找到摄像头。插上摄像头后会自动切换。",
    "Demo feed: no camera found. Plug one in and it is used automatically.",
);
pub const RETRYING: Phrase = p("正在重试…", "retrying…");
pub const IMAGE: Phrase = p("图片", "Image");
pub const DEMO_FEED: Phrase = p("演示画面（内置样例）", "Demo feed (bundled samples)");

/// The camera was lost. The driver's words (`message`) are English: the Chinese line gives the
/// gist only (the Settings screen keeps the details for whoever fixes the camera).
pub fn camera_lost(message: &str, again: &str, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("摄像头断开，请检查连接线。{again}"),
        Language::En => format!("Camera lost: {message}. Check the cable. {again}"),
    }
}
