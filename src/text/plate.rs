//! The words of the plate camera on the Vehicle screen (issue 26).

use super::{Phrase, p};

pub const CAMERA: Phrase = p("车牌摄像头", "Plate camera");
pub const LOADING: Phrase = p("正在加载车牌识别模型…", "Loading the plate reader…");
pub const WAITING: Phrase = p(
    "等待车辆：车牌读出后自动填入，手动输入始终优先",
    "Waiting for a car: a plate read fills the field; typing always wins",
);
pub const NO_LIVE_PICTURE: Phrase = p(
    "无摄像头画面：可拖入车辆照片，或手动输入车牌",
    "No camera picture: drop a photo of the car, or type the plate",
);
pub const FILLED: Phrase = p("已由摄像头读出", "Read by the camera");
pub const SUGGESTION: Phrase = p(
    "摄像头读出（把握不足），点此采用：",
    "The camera read (not sure enough); tap to use:",
);
pub const KIND: Phrase = p("号牌种类", "Plate type");
pub const REPEAT_CHECKING: Phrase = p("正在查重复…", "Checking for a repeat…");
pub const REPEAT_NONE: Phrase = p(
    "重复时间窗内未登记过此车",
    "Not registered within the repeat window",
);
pub const CAMERA_CHOICE: Phrase = p("车牌摄像头", "Plate camera");
pub const CAMERA_SHARED: Phrase = p("与扫码共用摄像头", "Share the scanning camera");
