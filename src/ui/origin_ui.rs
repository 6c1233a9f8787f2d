//! "Where are you coming from?": a region field with search (Chinese, pinyin initials or code),
//! the risk-area warning, and the travel card's star.

use egui::RichText;

use super::theme;
use crate::config::Language;
use crate::model::region::RegionTable;
use crate::model::risk::RiskList;

/// How many suggestions to offer under the field.
const SUGGESTIONS: usize = 6;

/// Draws the origin field with suggestions; returns whether the origin is on the risk list.
pub fn origin_ui(ui: &mut egui::Ui, origin: &mut String, risks: &RiskList, lang: Language) -> bool {
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("从哪里来", "Coming from"));
        ui.add(
            egui::TextEdit::singleline(origin)
                .char_limit(super::form_ui::FIELD_CHARS)
                .desired_width(180.0)
                .hint_text("深圳 / sz"),
        )
        .labelled_by(label.id);
    });
    let query = origin.trim().to_owned();
    if !query.is_empty() && RegionTable::bundled().find(&query).is_none() {
        ui.horizontal_wrapped(|ui| {
            for region in RegionTable::bundled()
                .search(&query)
                .into_iter()
                .take(SUGGESTIONS)
            {
                if ui.small_button(&region.name).clicked() {
                    *origin = region.name.clone();
                }
            }
        });
    }
    let level = (!query.is_empty())
        .then(|| risks.level_for(&query))
        .flatten();
    if let Some(level) = level {
        let text = match lang {
            Language::ZhCn => format!("来自中高风险地区（{}）：请引导至检查区", level.label_zh()),
            Language::En => format!(
                "From a risk area ({}): send to the inspection area",
                level.label_en()
            ),
        };
        ui.label(
            RichText::new(text)
                .color(theme::DIVERT_INK.on(ui.visuals()))
                .strong(),
        );
    }
    level.is_some()
}

/// The travel card's star: the person was in a city with a mid/high-risk area.
pub fn travel_ui(ui: &mut egui::Ui, star: &mut Option<bool>, lang: Language) {
    ui.horizontal(|ui| {
        ui.label(lang.pick("行程卡", "Travel card"));
        ui.selectable_value(star, Some(false), lang.pick("无星", "no star"));
        ui.selectable_value(star, Some(true), lang.pick("带星 *", "star *"));
    });
}
