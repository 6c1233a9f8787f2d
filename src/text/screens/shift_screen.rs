//! The words of `ui::shift_screen`.

use crate::config::Language;
use crate::text::{Phrase, p};

pub const SHIFT_LEADER: Phrase = p("班长", "shift leader");
pub const VOLUNTEER: Phrase = p("志愿者", "volunteer");
pub const ON_DUTY: Phrase = p("当前值守：", "On duty:");
pub const SHIFT_LEADER_TITLE: Phrase = p("班长", "Shift leader");
pub const PIN_AGAIN: Phrase = p("再输一遍", "PIN again");
pub const SIGN_IN: Phrase = p("签到", "Sign in");
pub const KNOWN_LEADER_TYPES: Phrase = p(
    "已有班长只填姓名和密码。新班长：密码输入两遍，并请一位现任班长在下面输入姓名和密码确认。",
    "A known leader types name and PIN only. A new leader types the PIN twice, and an existing leader confirms below with their name and PIN.",
);
pub const CONFIRMING_LEADER: Phrase = p("确认的现任班长", "Confirming leader");
pub const THEIR_PIN: Phrase = p("其密码（PIN）", "Their PIN");
pub const NO_HANDOVER_NOTE: Phrase = p("（没有写交班说明）", "(no handover note)");
pub const LAST_HANDOVER_NOTE: Phrase = p("上一班交班说明 · 班长", "Last handover note · leader");
pub const NO_SHIFT_OPEN: Phrase = p(
    "当前没有开班：现在登记的人和车，会归入今天下一个开的班次",
    "No shift is open: people and vehicles registered now go into the next shift opened today",
);
pub const OPEN_SHIFT: Phrase = p("开班", "Open shift");
pub const LEADER: Phrase = p("班长", "leader");
pub const OPENED: Phrase = p("开班时间", "opened");
pub const HANDOVER_NOTE_PEOPLE: Phrase = p(
    "交班说明（移交人员、引导车辆、待办）",
    "Handover note (people referred, vehicles diverted, open issues)",
);
pub const HAND_OVER_CLOSE: Phrase = p("交班并结束班次", "Hand over and close");
pub const CLOSE_SHIFT_NOTHING: Phrase = p(
    "确认结束本班次？结束后不能再登记到本班；交班说明写入本班报表，报表（Excel、CSV、JSON、打印页）随即导出到所选位置（插着U盘就导出到U盘）。",
    "Close this shift? Nothing more can be recorded in it; the handover note goes into its report, which is then exported (Excel, CSV, JSON, printable page) to the chosen place (the USB stick when one is plugged in).",
);
pub const YES_HAND_OVER: Phrase = p("确认交班并导出", "Yes, hand over and export");
pub const CANCEL_KEEP_SHIFT: Phrase = p("取消，继续值班", "Cancel, keep the shift open");
pub const FIX_ROSTER_KIOSK: Phrase = p(
    "（请在 kiosk.toml 中修正排班）",
    " (fix the roster in kiosk.toml)",
);
pub const ROSTER: Phrase = p("排班：", "Roster:");

/// The roster's slot the shift was opened in is over.
pub fn handover_due(slot: &str, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("已到交班时间：{slot} 已结束，请写好交班说明并交班。"),
        Language::En => {
            format!("Handover is due: {slot} is over; write the handover note and close.")
        }
    }
}
