//! The words of `ui::recovery_screen`.

use crate::text::{Phrase, p};

pub const DATABASE_DAMAGED: Phrase = p("数据库已损坏", "The database is damaged");
pub const LATEST_BACKUP: Phrase = p("最近的备份：", "Latest backup:");
pub const RESTORE_LATEST_BACKUP: Phrase = p(
    "恢复最近的备份（损坏的文件会保留）",
    "Restore the latest backup (the damaged file is kept)",
);
pub const NO_BACKUP_FOUND: Phrase = p(
    "没有找到备份：请联系区里的技术人员",
    "No backup was found: call the district's IT helper",
);
