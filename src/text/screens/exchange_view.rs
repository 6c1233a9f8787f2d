//! The words of `ui::exchange_view`.

use crate::text::{Phrase, p};

pub const EXCHANGE_NEIGHBOURING_GATES: Phrase =
    p("与邻近卡口互通", "Exchange with neighbouring gates");
pub const REGISTRATION_KEY_ID: Phrase = p("登记密钥编号：", "Registration key id:");
pub const GATES_SAME_KEY: Phrase = p(
    "编号相同的卡口共用辖区的登记密钥，能认出刚在邻近卡口登记过的人；编号不同时请辖区的 IT 管理员协助统一。",
    "Gates with the same key id share the district's registration key and recognise someone just registered next door; if the ids differ, ask the district's IT helper to make them one.",
);
pub const EXPORT_LAST_12: Phrase = p(
    "导出近 12 小时给邻近卡口 (JSON)",
    "Export the last 12 hours for neighbours (JSON)",
);
pub const NEIGHBOUR_EXPORT_FILE: Phrase = p("邻近卡口的导出文件", "Neighbour's export file");
