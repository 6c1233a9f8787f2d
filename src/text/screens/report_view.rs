//! The words of `ui::report_view`.

use crate::text::{Phrase, p};

pub const BUILD_SHIFT_REPORT: Phrase = p("生成本班报表", "Build the shift report");
pub const PRINTABLE_PAGE: Phrase = p("打印页", "printable page");
pub const EXPORT: Phrase = p("导出", "Export");
pub const EXPORT_TO: Phrase = p("导出到：", "Export to:");
pub const DATA_FOLDER_EXPORTS: Phrase = p(
    "数据文件夹 exports/（插入U盘后点“查找U盘”）",
    "the data folder's exports/ (plug in a USB drive, then press “Find USB drives”)",
);
pub const USB_DRIVE: Phrase = p("U盘", "USB drive");
pub const KIOSK_DATA_FOLDER: Phrase = p("本机数据文件夹", "this kiosk's data folder");
pub const FIND_USB_DRIVES: Phrase = p("查找U盘", "Find USB drives");
pub const ON_DUTY: Phrase = p("值守人员：", "On duty:");
pub const LIST_SEPARATOR: Phrase = p("、", ", ");
/// Beside the export buttons: practice entries (demo feed, training pictures) are left out of
/// exports unless the leader ticks this.
pub const INCLUDE_PRACTICE: Phrase = p(
    "导出时包括练习记录（逐条标为练习）",
    "Include practice entries in exports (each marked as practice)",
);
