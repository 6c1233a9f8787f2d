//! The words of `ui::setup_form`.

use crate::text::{Phrase, p};

pub const LANGUAGE: Phrase = p("界面语言 Language", "Language 界面语言");
pub const CHECKPOINT_GATE: Phrase = p("检查点和岗位", "Checkpoint and gate");
pub const SHIFT_ROSTER: Phrase = p("排班", "Shift roster");
pub const FEVER_THRESHOLD: Phrase = p("发热线", "Fever threshold");
pub const CAMERA_TEST: Phrase = p("摄像头测试", "Camera test");
pub const FIRST_SHIFT_LEADER: Phrase = p("第一位班长", "First shift leader");
pub const PASS_STAMP: Phrase = p("出入证印章", "Pass stamp");
pub const DISTRICT_REGISTRATION_KEY: Phrase =
    p("辖区共用的登记密钥", "The district's registration key");
pub const RETENTION_PERIOD: Phrase = p("数据保留期限", "Retention period");
pub const TYPE_SHIFT_LEADER: Phrase = p("请填写班长的姓名", "Type the shift leader's name");
pub const PIN_MUST_4: Phrase = p("PIN 应为 4 到 6 位数字", "The PIN must be 4 to 6 digits");
pub const TWO_PINS_DIFFER: Phrase = p(
    "两次输入的 PIN 不一致，请重新输入",
    "The two PINs differ; type them again",
);
pub const NAME_NEEDED: Phrase = p(
    "请填写检查点名称，例如“幸福里小区东门”",
    "Type the checkpoint's name, e.g. \"Xingfuli east gate\"",
);
pub const GATE_NEEDED: Phrase = p(
    "请填写岗位或通道，例如“1号岗”",
    "Type the gate or lane, e.g. \"Gate 1\"",
);
pub const SHIFT_NEEDED: Phrase = p("至少需要一个班次", "Add at least one shift");
pub const FEVER_RANGE: Phrase = p(
    "发热线应在 37.0 到 38.5 °C 之间",
    "The fever threshold must be between 37.0 and 38.5 °C",
);
pub const STAMP_FILE_NEEDED: Phrase = p(
    "请在U盘的文件中选出邻近卡口的印章文件（.pem）",
    "Pick the neighbouring gate's stamp file (.pem) among the USB stick's files",
);
pub const KEY_FILE_NEEDED: Phrase = p(
    "请在U盘的文件中选出辖区的登记密钥文件",
    "Pick the district's registration key file among the USB stick's files",
);
pub const RETENTION_RANGE: Phrase = p(
    "保留天数应在 1 到 365 之间",
    "Keep entries between 1 and 365 days",
);
