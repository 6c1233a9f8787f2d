//! "Where are you coming from?": a region field with search (Chinese, pinyin, initials or code),
//! the match said as the volunteer types ("深圳 → 深圳市 · 高风险 · 分流"), an unknown origin said
//! as unknown, and the travel card's star. The same field on the Scan, Register and Vehicle
//! screens, so an origin is judged the same way on every path.

use egui::RichText;

use super::theme;
use crate::config::Language;
use crate::model::region::RegionTable;
use crate::model::risk::RiskList;
use crate::model::risk_origin::OriginCheck;
use crate::text::screens::origin_ui as words;

/// How many suggestions to offer under the field.
const SUGGESTIONS: usize = 6;

/// Draws the origin field with suggestions; returns whether the origin is to be diverted.
pub fn origin_ui(ui: &mut egui::Ui, origin: &mut String, risks: &RiskList, lang: Language) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label(crate::text::screens::common::COMING_FROM.say(lang));
        origin_field(ui, origin, 180.0, label.id);
    });
    origin_check_ui(ui, origin, None, risks, lang).divert()
}

/// The origin's text field alone (the Register screen puts it in its grid).
pub fn origin_field(ui: &mut egui::Ui, origin: &mut String, width: f32, label: egui::Id) {
    ui.add(
        egui::TextEdit::singleline(origin)
            .char_limit(super::widgets::FIELD_CHARS)
            .desired_width(width)
            .hint_text(crate::text::origin::HINT.zh),
    )
    .labelled_by(label);
}

/// Under the field: the match and its verdict, the other regions the text could mean and the
/// search's suggestions as buttons. `plate` hints at the province.
pub fn origin_check_ui(
    ui: &mut egui::Ui,
    origin: &mut String,
    plate: Option<&str>,
    risks: &RiskList,
    lang: Language,
) -> OriginCheck {
    let check = risks.check_origin(origin, plate);
    if let Some(line) = crate::text::origin::origin_line(&check, lang) {
        let ink = match &check {
            _ if check.divert() => theme::DIVERT_INK,
            OriginCheck::Unknown { .. } => theme::FEVER_INK,
            OriginCheck::Known(known) if known.within.is_some() => theme::FEVER_INK,
            _ => theme::GREEN_INK,
        };
        ui.add(
            egui::Label::new(
                RichText::new(line)
                    .size(super::theme::scaled(ui, 20.0))
                    .color(ink.on(ui.visuals()))
                    .strong(),
            )
            .wrap(),
        );
    }
    let choices: Vec<String> = match &check {
        OriginCheck::Known(known) => known.others.clone(),
        OriginCheck::Unknown { typed } => RegionTable::bundled()
            .search(typed)
            .into_iter()
            .take(SUGGESTIONS)
            .map(|region| region.name.clone())
            .collect(),
        OriginCheck::Empty => Vec::new(),
    };
    if !choices.is_empty() {
        ui.horizontal_wrapped(|ui| {
            for name in choices {
                if ui.small_button(&name).clicked() {
                    *origin = name;
                }
            }
        });
    }
    check
}

/// The travel card's star: the person was in a city with a mid/high-risk area.
pub fn travel_ui(ui: &mut egui::Ui, star: &mut Option<bool>, lang: Language) {
    ui.horizontal(|ui| {
        ui.label(words::TRAVEL_CARD.say(lang));
        ui.selectable_value(star, Some(false), words::NO_STAR.say(lang));
        ui.selectable_value(star, Some(true), words::STAR.say(lang));
    });
}
