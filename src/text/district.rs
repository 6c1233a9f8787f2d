//! The words of the district's day report (`district report` in CSV, HTML and Excel, and the
//! office's day report page) and of the district office's pages. JSON keeps its machine schema.

use super::{Phrase, p};

/// Column titles of the figures table, in `DistrictReport::table` order.
pub const FIGURE_COLUMNS: [Phrase; 21] = [
    p("检查点编号", "Checkpoint ID"),
    p("检查点", "Checkpoint"),
    p("岗位", "Gates"),
    p("登记", "Entries"),
    p("人员", "People"),
    p("人员进", "People in"),
    p("人员出", "People out"),
    p("车辆", "Vehicles"),
    p("车辆进", "Vehicles in"),
    p("车辆出", "Vehicles out"),
    p("发热", "Fevers"),
    p("绿码", "Green"),
    p("黄码", "Yellow"),
    p("红码", "Red"),
    p("颜色未知", "Colour not known"),
    super::terms::PASS,
    super::terms::DENY,
    super::terms::REFER,
    super::terms::DIVERT,
    p("重复", "Repeats"),
    p("作废", "Voided"),
];

pub const DISTRICT: Phrase = p("全区", "District");
pub const DAY_REPORT: Phrase = p("日报", "day report");
pub const TOTAL: Phrase = p("合计", "Total");
pub const PER_HOUR: Phrase = p("每小时", "Per hour");
pub const HOUR: Phrase = p("时段", "Hour");
pub const PEOPLE: Phrase = p("人员", "People");
pub const VEHICLES: Phrase = p("车辆", "Vehicles");
pub const TIME_ZONE: Phrase = p("时区", "Time zone");
pub const SHEET_FIGURES: Phrase = p("全区日报", "District report");
pub const SHEET_HOURS: Phrase = p("每小时", "Per hour");
/// How voided entries are counted, said under every human form of the report.
pub const VOIDED_NOTE: Phrase = p(
    "作废的登记不计入以上任何一项（人员、车辆、发热、码色、处置、重复），只计入“作废”一栏；\
     各检查点导出的明细也列出作废的条目（标“已作废”），所以明细的行数 = 登记 + 作废。",
    "Voided entries are left out of every figure above (people, vehicles, fevers, colours, \
     decisions, repeats) and counted only under “Voided”; a checkpoint's own detail export lists \
     voided entries too (marked voided), so its rows = entries + voided.",
);
