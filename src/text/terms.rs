//! The gate's domain words: kinds, directions, colours, decisions and methods, as people read
//! them in the log, the entry details and every human report.

use super::{Phrase, p};
use crate::config::Language;
use crate::model::entry::ColourSource;
use crate::model::{
    Decision, Direction, EntryKind, HealthColour, MeasureMethod, document::DocumentKind,
    plate::RecordedPlateKind,
};

pub const PERSON: Phrase = p("人员", "Person");
pub const VEHICLE: Phrase = p("车辆", "Vehicle");
pub const YES: Phrase = p("是", "yes");
pub const NO: Phrase = p("否", "no");
pub const FEVER: Phrase = p("发热", "fever");
pub const VOIDED: Phrase = p("已作废", "voided");

pub fn kind(kind: EntryKind) -> Phrase {
    match kind {
        EntryKind::Person => PERSON,
        EntryKind::Vehicle => VEHICLE,
    }
}

pub fn direction(direction: Direction) -> Phrase {
    match direction {
        Direction::In => p("进", "in"),
        Direction::Out => p("出", "out"),
    }
}

pub fn colour(colour: HealthColour) -> Phrase {
    match colour {
        HealthColour::Green => p("绿码", "green"),
        HealthColour::Yellow => p("黄码", "yellow"),
        HealthColour::Red => p("红码", "red"),
        HealthColour::Unknown => p("未知", "unknown"),
    }
}

pub fn colour_source(source: ColourSource) -> Phrase {
    match source {
        ColourSource::Scanned => p("扫码识别", "scanned"),
        ColourSource::Confirmed => p("人工确认", "confirmed by hand"),
    }
}

pub fn decision(decision: Decision) -> Phrase {
    match decision {
        Decision::Pass => p("通行", "pass"),
        Decision::Deny => p("劝返", "turned back"),
        Decision::Refer => p("移交", "handed over"),
        Decision::Divert => p("分流", "diverted"),
    }
}

pub fn method(method: MeasureMethod) -> Phrase {
    match method {
        MeasureMethod::Forehead => p("额温", "forehead"),
        MeasureMethod::Wrist => p("腕温", "wrist"),
        MeasureMethod::Armpit => p("腋温", "armpit"),
    }
}

pub fn yes_no(value: bool) -> Phrase {
    if value { YES } else { NO }
}

/// A document kind as the reader calls it.
pub fn document_kind(kind: DocumentKind, lang: Language) -> &'static str {
    match lang {
        Language::ZhCn => kind.label_zh(),
        Language::En => kind.label_en(),
    }
}

/// A plate kind as the reader calls it; a free-text plate's kind is shown by its stored name,
/// "other", as reports always showed it.
pub fn plate_kind(kind: RecordedPlateKind, lang: Language) -> &'static str {
    match (kind, lang) {
        (RecordedPlateKind::Ga36(kind), Language::ZhCn) => kind.label_zh(),
        (RecordedPlateKind::Ga36(kind), Language::En) => kind.label_en(),
        (RecordedPlateKind::Other, _) => kind.as_str(),
    }
}
