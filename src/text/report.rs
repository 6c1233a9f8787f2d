//! The words of human reports (CSV, Excel, HTML, print) and of the report on screen: column
//! titles, section headings and totals' labels. The JSON export never uses these: it keeps its
//! machine schema.

use super::terms::{DENY, DIVERT, PASS, REFER};
use super::{Phrase, p};
use crate::config::Language;

/// Titles of the detail columns, in `flat::COLUMNS` order.
pub const COLUMN_TITLES: [Phrase; 29] = [
    p("记录编号", "Entry ID"),
    p("检查点", "Checkpoint"),
    p("岗位", "Gate"),
    p("登记人", "Operator"),
    p("时间", "Time"),
    p("类别", "Kind"),
    p("方向", "Direction"),
    p("健康码", "Health code"),
    p("颜色来源", "Colour from"),
    p("姓名", "Name"),
    p("码号", "Code"),
    p("证件类型", "Document"),
    p("证件号", "Document number"),
    p("电话", "Phone"),
    p("体温记录", "Temperatures"),
    p("最终体温（°C）", "Final °C"),
    p("发热", "Fever"),
    p("行程卡带星", "Travel star"),
    p("来源地", "From"),
    p("目的地", "To"),
    p("车牌", "Plate"),
    p("号牌种类", "Plate kind"),
    p("车辆类型", "Vehicle type"),
    p("车上人数", "Passengers"),
    p("同行于", "Came with"),
    p("处置", "Decision"),
    p("重复于", "Repeat of"),
    p("作废", "Voided"),
    p("备注", "Note"),
];

/// The totals table's labels, in the order `summary_rows::totals_lines` lists them.
pub const TOTAL_LABELS: [Phrase; 15] = [
    p("人员进", "People in"),
    p("人员出", "People out"),
    p("车辆进", "Vehicles in"),
    p("车辆出", "Vehicles out"),
    p("绿码", "Green"),
    p("黄码", "Yellow"),
    p("红码", "Red"),
    p("颜色未知", "Colour not known"),
    p("发热", "Fever"),
    PASS,
    DENY,
    REFER,
    DIVERT,
    p("重复", "Repeats"),
    p("作废", "Voided"),
];

pub const PEOPLE: Phrase = p("人员", "People");
pub const VEHICLES: Phrase = p("车辆", "Vehicles");
pub const SHEET_SUMMARY: Phrase = p("汇总", "Summary");
pub const SHEET_PEOPLE: Phrase = p("人员", "People");
pub const SHEET_VEHICLES: Phrase = p("车辆", "Vehicles");
pub const REPORT: Phrase = p("检查点报表", "Checkpoint report");
/// Between the report's name and its title: a full-width colon in Chinese only.
pub const TITLE_SEPARATOR: Phrase = p("：", ": ");
pub const CHECKPOINT_ID: Phrase = p("检查点编号", "Checkpoint ID");
pub const SHIFT: Phrase = p("班次", "Shift");
pub const SHIFT_OPENED: Phrase = p("开班时间", "Shift opened");
pub const SHIFT_CLOSED: Phrase = p("交班时间", "Shift closed");
pub const SHIFT_STILL_OPEN: Phrase = p("班次未结束", "still open");
pub const LEADER: Phrase = p("班长", "Leader");
/// Who exported, when the kiosk could not tell (a command line without `--by` or `$USER`).
pub const UNKNOWN_EXPORTER: Phrase = p("未登记", "Not recorded");
pub use super::terms::UNNAMED_OPERATOR;
/// An origin or a type left empty at the gate.
pub const NOT_GIVEN: Phrase = p("未填写", "Not given");
/// An earlier entry this kiosk does not hold (a neighbour's, or purged): its short id.
pub const ENTRY_SHORT: Phrase = p("记录", "Entry");
/// A passenger's 同行于 cell: "乘车 粤B12345".
pub const IN_VEHICLE: Phrase = p("乘车", "In vehicle");
/// A companion's 同行于 cell: "同行 08:37 张*" (the group's first person).
pub const WITH_PERSON: Phrase = p("同行", "With");
/// A code whose issuer the kiosk does not know (stored as "? …1234").
pub const UNKNOWN_ISSUER: Phrase = p("未知来源的码", "Code of unknown issuer");
/// A checkpoint pass's code label ("出入证 P0123456789 张*", stored so) before its number.
pub const PASS_CODE: Phrase = p("出入证", "Pass");
/// The note the kiosk itself puts on entries read from the demo or practice pictures.
pub const DEMO_FEED_NOTE: Phrase = p(
    "演示/练习画面，非真人",
    "Demo/practice pictures, not a person",
);
pub const EXPORTED_AT: Phrase = p("导出时间", "Exported at");
pub const EXPORTED_BY: Phrase = p("导出人", "Exported by");
/// Between a period's start and end ("08:00 至 16:00").
pub const PERIOD_TO: Phrase = p("至", "to");
/// Between the reasons an exception is listed for, and a person's readings.
pub const REASON_SEPARATOR: Phrase = p("，", ", ");
pub const PERIOD: Phrase = p("时段", "Period");
pub const STILL_OPEN: Phrase = p("至今（班次未结束）", "now (shift still open)");
pub const PERSONAL_DATA: Phrase = p("个人信息", "Personal data");
pub const PERSONAL_DATA_NOTE: Phrase = p(
    "证件号、电话、姓名和码号仅以脱敏形式出现（如 110105********002X、138****5678、张*）",
    "ID numbers, phones, names and codes appear only masked (110105********002X, 138****5678, 张*)",
);
pub const PER_HOUR_CHART: Phrase = p("每小时人员与车辆", "People and vehicles per hour");
/// Before the highest count in the chart's legend ("最多 12").
pub const CHART_MAX: Phrase = p("最多", "max");
pub const HOUR_AXIS: Phrase = p("时（0–23）", "hour (0–23)");
pub const ENTRIES: Phrase = p("登记明细", "Entries");
pub const COUNT: Phrase = p("数量", "Count");
pub const TOTALS: Phrase = p("合计", "Totals");
pub const BY_CHECKPOINT: Phrase = p("各检查点", "By checkpoint");
pub const PER_HOUR: Phrase = p("每小时", "Per hour");
pub const HOUR: Phrase = p("时段", "Hour");
pub const VEHICLES_BY_TYPE: Phrase = p("车辆按类型", "Vehicles by type");
pub const VEHICLES_BY_ORIGIN: Phrase = p("车辆按来源地", "Vehicles by origin");
pub const VEHICLE_TYPE: Phrase = p("车辆类型", "Vehicle type");
pub const ORIGIN: Phrase = p("来源地", "From");
pub const SENT_TO_INSPECTION: Phrase = DIVERT;
pub const EXCEPTIONS: Phrase = p("异常情况", "Exceptions");
pub const NONE: Phrase = p("无", "None");
pub const ON_DUTY: Phrase = p("值班人员", "On duty");
pub const NAME: Phrase = p("姓名", "Name");
pub const HANDOVER_NOTE: Phrase = p("交班说明", "Handover note");
pub const TIME: Phrase = p("时间", "Time");
pub const WHY: Phrase = p("原因", "Why");
pub const WHO: Phrase = p("对象", "Who");
pub const OPERATOR: Phrase = p("登记人", "Operator");
pub const CHECKPOINT: Phrase = p("检查点", "Checkpoint");
pub const GATE: Phrase = p("岗位", "Gate");
pub const VOID_REASON: Phrase = p("作废原因", "Void reason");
pub const ALL_CHECKPOINTS: Phrase = p("全部检查点", "all checkpoints");
pub const TOO_MANY_ROWS: Phrase = p(
    "仅列出前 {n} 条；全部记录请导出 CSV 或 Excel。",
    "The first {n} entries are listed; export CSV or Excel for all of them.",
);

/// A shift report's title: "东门 第3班 …" / "East gate, shift 3, …".
pub fn shift_title(place: &str, shift_id: i64, period: &str, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("{place} 第{shift_id}班 {period}"),
        Language::En => format!("{place}, shift {shift_id}, {period}"),
    }
}

/// The shift's number as the facts print it under "班次" / "Shift": "第3班" / "3".
pub fn shift_number(shift_id: i64, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("第{shift_id}班"),
        Language::En => shift_id.to_string(),
    }
}

/// What an import counted: added, already here, conflicting (not imported), unreadable.
pub fn imported_counts(
    lang: Language,
    [added, unchanged, conflicts, rejected]: [u64; 4],
) -> String {
    match lang {
        Language::ZhCn => format!(
            "✓ 已导入 {added} 条（已有 {unchanged} 条，内容冲突 {conflicts} 条未导入，无法读取 {rejected} 条）"
        ),
        Language::En => format!(
            "✓ Imported {added} entries ({unchanged} already here, {conflicts} conflicting not imported, {rejected} unreadable)"
        ),
    }
}

pub const HASHES_KEPT: Phrase = p(
    "其人员再来本卡口时会识别为重复登记。",
    "Their people are recognised here as repeats.",
);
pub const NO_HASHES_IN_FILE: Phrase = p(
    "文件不含哈希：其人员无法识别为重复登记，请对方用“导出给邻近卡口”。",
    "The file has no hashes: its people are not recognised as repeats; ask for an export for neighbours.",
);

/// An imported file hashed with another kiosk's secret.
pub fn other_secret(theirs: &str, lang: Language) -> String {
    match lang {
        Language::ZhCn => {
            format!("对方哈希密钥编号为 {theirs}，与本机不同，哈希已忽略：请两台设备共用同一密钥。")
        }
        Language::En => format!(
            "Their hashing secret is {theirs}, not ours, so their hashes were ignored: share one secret between the kiosks."
        ),
    }
}
