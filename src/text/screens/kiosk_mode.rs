//! The words of `ui::kiosk_mode`.

use crate::text::{Phrase, p};

pub const LEAVING_KIOSK_MODE: Phrase = p(
    "退出值守模式需要班长密码（PIN）",
    "Leaving kiosk mode needs a shift leader's PIN",
);
pub const KIOSK_MODE_LOCKED: Phrase = p(
    "值守模式已锁定：请班长按 F11 输入密码（PIN）退出后再修改",
    "Kiosk mode is locked: a shift leader leaves it with F11 and the PIN before changing this",
);
pub const RUN_FIRST_RUN: Phrase = p("重新运行首次设置", "Run the first-run setup again");
pub const AUTOSTART: Phrase = p(
    "登录后自动全屏启动（值守模式）",
    "Start full screen at login (kiosk mode)",
);
pub const KEEP_AWAKE: Phrase = p(
    "值班期间屏幕保持常亮",
    "Keep the screen awake while a shift is open",
);
pub const LOCK: Phrase = p(
    "退出全屏或关闭窗口需班长密码（PIN）",
    "Leaving full screen or closing needs a leader's PIN",
);
