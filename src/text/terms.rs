//! The gate's domain words: kinds, directions, colours, decisions and methods, as people read
//! them in the log, the entry details and every human report.

use super::{Phrase, p};
use crate::config::Language;
use crate::model::age_band::AgeBand;
use crate::model::entry::ColourSource;
use crate::model::{
    Decision, Direction, EntryKind, HealthColour, MeasureMethod,
    document::DocumentKind,
    plate::{PlateKind, RecordedPlateKind},
};

pub const PERSON: Phrase = p("人员", "Person");
pub const VEHICLE: Phrase = p("车辆", "Vehicle");
pub const YES: Phrase = p("是", "Yes");
pub const NO: Phrase = p("否", "No");
pub const FEVER: Phrase = p("发热", "Fever");
pub const VOIDED: Phrase = p("已作废", "Voided");
/// Who recorded or exported while nobody had signed in (stored as `store::UNNAMED_OPERATOR`).
pub const UNNAMED_OPERATOR: Phrase = p("值守员", "Volunteer on duty (not signed in)");

/// One word per decision, the same on the screens' buttons, in the log and in every report.
pub const PASS: Phrase = p("放行", "Pass");
pub const DENY: Phrase = p("劝返", "Turned back");
pub const REFER: Phrase = p("移交", "Handed over");
pub const DIVERT: Phrase = p("分流", "Diverted");

pub fn kind(kind: EntryKind) -> Phrase {
    match kind {
        EntryKind::Person => PERSON,
        EntryKind::Vehicle => VEHICLE,
    }
}

pub fn direction(direction: Direction) -> Phrase {
    match direction {
        Direction::In => p("进", "In"),
        Direction::Out => p("出", "Out"),
    }
}

pub fn colour(colour: HealthColour) -> Phrase {
    match colour {
        HealthColour::Green => p("绿码", "Green"),
        HealthColour::Yellow => p("黄码", "Yellow"),
        HealthColour::Red => p("红码", "Red"),
        HealthColour::Unknown => p("颜色未知", "Unknown"),
    }
}

pub fn colour_source(source: ColourSource) -> Phrase {
    match source {
        ColourSource::Scanned => p("扫码识别", "Scanned"),
        ColourSource::Confirmed => p("人工确认", "Confirmed by hand"),
    }
}

pub fn decision(decision: Decision) -> Phrase {
    match decision {
        Decision::Pass => PASS,
        Decision::Deny => DENY,
        Decision::Refer => REFER,
        Decision::Divert => DIVERT,
    }
}

pub fn method(method: MeasureMethod) -> Phrase {
    match method {
        MeasureMethod::Forehead => p("额温", "Forehead"),
        MeasureMethod::Wrist => p("腕温", "Wrist"),
        MeasureMethod::Armpit => p("腋温", "Armpit"),
    }
}

pub fn yes_no(value: bool) -> Phrase {
    if value { YES } else { NO }
}

/// A document kind's name in Chinese.
fn document_kind_zh(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::ResidentId => "居民身份证",
        DocumentKind::HkMacauPermit => "港澳居民来往内地通行证",
        DocumentKind::TaiwanPermit => "台湾居民来往大陆通行证",
        DocumentKind::MainlandPermitToHkMacau => "往来港澳通行证",
        DocumentKind::ChinesePassport => "中国护照",
        DocumentKind::ForeignPassport => "外国护照",
    }
}

/// A name the kiosk gave by default (the roster's 白班/中班/夜班, the checkpoint 检查点, a gate
/// "1号岗", the unnamed operator 值守员) in the reader's language; a name somebody typed, such
/// as "幸福里东门", as typed (issue 22).
pub fn default_name(stored: &str, lang: Language) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if lang == Language::ZhCn {
        return Cow::Borrowed(stored);
    }
    let named = match stored {
        "白班" => Some("Day shift"),
        "中班" => Some("Evening shift"),
        "夜班" => Some("Night shift"),
        "检查点" => Some("Checkpoint"),
        crate::model::stored_words::UNNAMED_OPERATOR => Some(UNNAMED_OPERATOR.en),
        _ => None,
    };
    if let Some(named) = named {
        return Cow::Borrowed(named);
    }
    match stored.strip_suffix("号岗") {
        Some(number) if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) => {
            Cow::Owned(format!("Gate {number}"))
        }
        _ => Cow::Borrowed(stored),
    }
}

/// A child registered without an ID, in place of a document kind.
pub const CHILD_WITHOUT_ID: Phrase = p("无证件儿童", "Child without ID");

/// An age band as the reader calls it.
pub fn age_band(band: AgeBand) -> Phrase {
    match band {
        AgeBand::UpToFive => p("0–5岁", "aged 0–5"),
        AgeBand::SixToEleven => p("6–11岁", "aged 6–11"),
        AgeBand::TwelveToSeventeen => p("12–17岁", "aged 12–17"),
    }
}

/// What the document column says for a child without an ID: "无证件儿童（6–11岁）".
pub fn child_without_id(band: AgeBand, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("{}（{}）", CHILD_WITHOUT_ID.zh, age_band(band).zh),
        Language::En => format!("{} ({})", CHILD_WITHOUT_ID.en, age_band(band).en),
    }
}

/// A document kind as the reader calls it.
pub fn document_kind(kind: DocumentKind, lang: Language) -> &'static str {
    match lang {
        Language::ZhCn => document_kind_zh(kind),
        Language::En => kind.label_en(),
    }
}

/// A plate kind as the reader calls it; a free-text plate (temporary, military…) is "other".
pub fn plate_kind(kind: RecordedPlateKind, lang: Language) -> &'static str {
    match kind {
        RecordedPlateKind::Ga36(kind) => ga36_plate_kind(kind).say(lang),
        RecordedPlateKind::Other => p("其他号牌", "Other plate").say(lang),
    }
}

/// A GA 36 plate kind's name.
fn ga36_plate_kind(kind: PlateKind) -> Phrase {
    match kind {
        PlateKind::Ordinary => p("普通号牌", "Ordinary"),
        PlateKind::NewEnergySmall => p("小型新能源", "New energy, small"),
        PlateKind::NewEnergyLarge => p("大型新能源", "New energy, large"),
        PlateKind::Police => p("警用", "Police"),
        PlateKind::Coach => p("教练", "Driving school"),
        PlateKind::Trailer => p("挂车", "Trailer"),
        PlateKind::Test => p("试验", "Test vehicle"),
        PlateKind::Super => p("超限", "Oversize"),
        PlateKind::HongKong => p("粤港两地", "Hong Kong cross-border"),
        PlateKind::Macau => p("粤澳两地", "Macau cross-border"),
        PlateKind::Consulate => p("领馆", "Consulate"),
        PlateKind::Embassy => p("使馆", "Embassy"),
    }
}

/// Vehicle types by their stored names (the gate's choices), as the reader calls them.
pub const VEHICLE_TYPES: [(&str, Phrase); 6] = [
    ("car", p("小客车", "Car")),
    ("truck", p("货车", "Truck")),
    ("bus", p("客车", "Bus")),
    ("van", p("面包车", "Van")),
    ("motorcycle", p("摩托车", "Motorcycle")),
    ("other", p("其他", "Other")),
];

/// A stored vehicle type in the reader's words; a type this kiosk does not know (an imported
/// one) is shown as it was stored.
pub fn vehicle_type(stored: &str) -> Option<Phrase> {
    VEHICLE_TYPES
        .iter()
        .find(|(name, _)| *name == stored)
        .map(|(_, phrase)| *phrase)
}

#[cfg(test)]
mod default_name_tests {
    use super::*;

    #[test]
    fn defaults_are_said_in_english_and_typed_names_kept() {
        let en = |stored| default_name(stored, Language::En).into_owned();
        assert_eq!(en("夜班"), "Night shift");
        assert_eq!(en("1号岗"), "Gate 1");
        assert_eq!(en("12号岗"), "Gate 12");
        assert_eq!(en("检查点"), "Checkpoint");
        assert_eq!(en("值守员"), "Volunteer on duty (not signed in)");
        assert_eq!(en("幸福里东门"), "幸福里东门");
        assert_eq!(en("东号岗"), "东号岗");
        assert_eq!(en("号岗"), "号岗");
        assert_eq!(default_name("1号岗", Language::ZhCn), "1号岗");
    }
}
