//! The words of `ui::unlock_screen`.

use crate::text::{Phrase, p};

pub const TWO_PASSPHRASES_DIFFER: Phrase = p(
    "两次输入的口令不一致，请重新输入",
    "The two passphrases differ; type them again",
);
pub const DATABASE_ENCRYPTED: Phrase = p("数据库已加密", "The database is encrypted");
pub const SHIFT_LEADER_TYPES: Phrase = p(
    "请班长输入数据库口令，然后按回车或点“解锁”",
    "A shift leader types the database passphrase, then Enter or “Unlock”",
);
pub const CHOOSE_DATABASE_PASSPHRASE: Phrase =
    p("设置数据库口令", "Choose the database passphrase");
pub const ENTRIES_STORED_ENCRYPTED: Phrase = p(
    "登记内容将加密保存。请班长设置口令（至少 8 个字符）并输入两遍；每次开机解锁都要用，请交给各位班长",
    "Entries are stored encrypted. A shift leader chooses a passphrase (8 characters or more) and types it twice; it unlocks the kiosk at every start: give it to every shift leader",
);
pub const DATABASE_PASSPHRASE: Phrase = p("数据库口令", "Database passphrase");
pub const SAME_PASSPHRASE_AGAIN: Phrase = p("再输一遍口令", "The same passphrase again");
pub const SET_START: Phrase = p("设置并开始", "Set and start");
