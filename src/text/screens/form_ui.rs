//! The words of `ui::form_ui`.

use std::fmt::Display;

use crate::config::Language;
use crate::text::{Phrase, p};

pub const CONFIRM_ENTER: Phrase = p("确认登记 Enter", "Confirm Enter");
pub const CANCEL_ESC: Phrase = p("取消 Esc", "Cancel Esc");
pub const ALL_PASSENGERS_DONE: Phrase = p("乘车人已登记完", "All passengers done");
pub const HOLD_HEALTH_CODE: Phrase = p(
    "请对准摄像头出示健康码",
    "Hold the health code up to the camera",
);
pub const HARDWARE_SCANNER_SCREENSHOT: Phrase = p(
    "扫码枪扫码、或把码的截图拖到窗口上也可以",
    "A hardware scanner, or a screenshot dropped on the window, works too",
);
/// The mark on a practice code: the bundled demo feed, or `run --feed` pictures (training).
pub fn practice_code(source: crate::model::camera::PracticeSource) -> Phrase {
    match source {
        crate::model::camera::PracticeSource::DemoFeed => p(
            "演示码：来自内置演示画面，不是真人（练习，不计入报表）",
            "Demo code: from the bundled demo feed, not a person (practice, not in reports)",
        ),
        crate::model::camera::PracticeSource::Pictures => p(
            "练习画面：来自练习图片，不是真人（不计入报表）",
            "Practice picture: not a person (not in reports)",
        ),
    }
}
pub const VERIFIED_OFFLINE_VALID: Phrase = p("离线验证：有效", "Verified offline: valid");
pub const VERIFIED_OFFLINE_INVALID: Phrase = p("离线验证：无效", "Verified offline: INVALID");
pub const CANNOT_VERIFIED_OFFLINE: Phrase = p(
    "无法离线验证，以码的颜色为准",
    "Cannot be verified offline: the colour counts",
);
pub const CODE_COLOUR: Phrase = p("码的颜色", "Code colour");
pub const FIRST_READING: Phrase = p("首次读数", "First reading");

/// The person's code was already checked (at `clock`, at `place`: checkpoint and gate).
pub fn repeat(clock: &str, place: &str, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("重复：已于 {clock} 在 {place} 查验过"),
        Language::En => format!("Repeat: already checked at {clock} at {place}"),
    }
}

/// Which passenger of a vehicle is being registered.
pub fn boarding(
    plate: &str,
    current: impl Display,
    on_board: impl Display,
    lang: Language,
) -> String {
    match lang {
        Language::ZhCn => format!("正在登记乘车人：{plate} · 乘车人 {current}/{on_board}"),
        Language::En => format!("Passengers of {plate}: {current}/{on_board}"),
    }
}

/// The next code, already read, waiting behind the person at the gate.
pub fn next_waiting(next: &str, waiting: impl Display, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("下一位已扫码（{waiting} 人等候）：{next}"),
        Language::En => format!("Next code waiting ({waiting} in line): {next}"),
    }
}
