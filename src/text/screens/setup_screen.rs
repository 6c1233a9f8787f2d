//! The words of `ui::setup_screen`.

use crate::text::{Phrase, p};

pub const FIRST_RUN_SETUP: Phrase = p("首次设置 · 第", "First-run setup · step");
pub const PRINTED_REPORTS_EXPORTS: Phrase = p(
    "印在报表和导出文件上，辖区汇总时用来区分各卡口：请改成本卡口的真实名称，例如“幸福里小区东门”",
    "Printed on reports and exports; tells the district's gates apart: type this gate's real name, e.g. \"Xingfuli east gate\"",
);
pub const EACH_SHIFT: Phrase = p(
    "每班的名称和起止时间（时:分，24:00 表示午夜）",
    "Each shift's name, start and end (HH:MM; 24:00 is midnight)",
);
pub const REMOVE: Phrase = p("删除", "Remove");
pub const ADD_SHIFT: Phrase = p("＋ 添加班次", "+ Add a shift");
pub const ABOVE_TEMPERATURE_FEVER: Phrase = p(
    "体温达到或超过此值即为发热，需复测（通常 37.3 °C）",
    "At or above this temperature is fever and asks for a re-measure (usually 37.3 °C)",
);
pub const CODE_READ_COLOUR: Phrase = p("✓ 读到二维码，颜色：", "✓ Code read, colour: ");
pub const NO_CODE_READ: Phrase = p("画面中没有读到二维码", "No code read in the picture");
pub const HOLD_QR_CODE: Phrase = p(
    "把一个二维码（手机上的健康码）对准摄像头：读到后下方会显示",
    "Hold a QR code (a health code on a phone) up to the camera: it shows below when read",
);
pub const NO_CAMERA_FOUND: Phrase = p(
    "未检测到摄像头：只用扫码枪也完全可以登记（按“下一步”继续）；插上摄像头后可在“设置”中选择",
    "No camera found: a USB code scanner alone works (press Next); pick a camera in Settings once one is plugged in",
);
pub const CAMERA_REPORTS_NO: Phrase = p(
    "这个摄像头没有报告可选的分辨率：将使用它的默认分辨率",
    "This camera reports no resolutions to choose from: its default is used",
);
pub const SHIFT_LEADERS_OPEN: Phrase = p(
    "班长凭密码（PIN）开班、交班、导出报表和退出值守模式；以后新增班长也要现任班长确认",
    "Shift leaders open and close shifts, export reports and leave kiosk mode with their PIN; a new leader later needs an existing leader to confirm",
);
pub const PIN_4_6: Phrase = p("密码 PIN（4–6 位数字）", "PIN (4–6 digits)");
pub const PIN_AGAIN: Phrase = p("再输一次密码", "PIN again");
pub const FILES_USB_STICK: Phrase = p("U盘上的文件", "Files on the USB stick");
pub const LOOKING_USB_STICKS: Phrase = p("正在查找U盘……", "Looking for USB sticks…");
pub const NO_FILES_FOUND: Phrase = p(
    "没有找到U盘上的文件：请插入U盘（几秒内会自动出现）",
    "No files found on a USB stick: plug one in (it shows within seconds)",
);
pub const LOOK_USB_STICKS: Phrase = p("重新查找U盘", "Look for USB sticks again");
pub const PASSES_CARRY_ISSUING: Phrase = p(
    "出入证上有本卡口的电子印章，各卡口不联网也能核验真伪。签发出入证的卡口在本机生成印章；其他卡口从U盘导入它的印章文件（.pem）。",
    "Passes carry the issuing gate's electronic stamp, which any gate checks offline. The gate that issues passes creates the stamp here; other gates take its stamp file (.pem) from a USB stick.",
);
pub const ID_PHONE_NUMBERS: Phrase = p(
    "身份证号、手机号只以加密后的“指纹”保存，谁也看不出原号码。同一辖区的卡口用同一把登记密钥，才能认出刚在邻近卡口登记过的人。辖区第一个卡口用本机新密钥；其他卡口从U盘加入它。",
    "ID and phone numbers are kept only as scrambled fingerprints nobody can read back. A district's gates share one registration key so they recognise someone just registered at a neighbouring gate. The first gate uses a new key; the others join it from a USB stick.",
);
pub const PERSONAL_ENTRIES_OLDER: Phrase = p(
    "超过期限的个人登记自动删除，只留下计数（默认 28 天）",
    "Personal entries older than this are deleted; only counts stay (28 days by default)",
);
pub const DAYS: Phrase = p("天", "days");
pub const OTHER_DAYS: Phrase = p("其他天数", "Other (days)");
pub const SETUP_NOT_SAVED: Phrase = p("设置未保存：", "Setup NOT saved: ");
pub const SAVING_SETUP: Phrase = p("正在保存设置……", "Saving the setup…");
pub const BACK: Phrase = p("上一步", "Back");
pub const FINISH_SCAN: Phrase = p("完成，开始扫码", "Finish and scan");
pub const NEXT: Phrase = p("下一步", "Next");

/// The first step asks in both languages at once: nobody has chosen one yet.
pub const CHOOSE_LANGUAGE: &str =
    "请选择界面语言（随时可按 F9 切换） · Choose the language (F9 switches at any time)";
pub const FROM: Phrase = p("开始", "From");
pub const TO: Phrase = p("结束", "To");
pub const STAMP_CREATE: Phrase = p("在本机生成印章", "Create the stamp here");
pub const STAMP_IMPORT: Phrase = p(
    "从U盘导入邻近卡口的印章",
    "Take a neighbouring gate's stamp from a USB stick",
);
pub const KEY_CREATE: Phrase = p(
    "使用本机新密钥（辖区第一个卡口）",
    "Use a new key (the district's first gate)",
);
pub const KEY_JOIN: Phrase = p(
    "从U盘加入辖区的密钥",
    "Join the district's key from a USB stick",
);
