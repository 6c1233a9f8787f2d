//! Widgets shared by several screens.

use egui::{RichText, Vec2};

use super::theme;

/// The most a one-line field takes: a pasted 10 MB string must not freeze the window or reach
/// the database. Names, plates, places and ids are far shorter.
pub const FIELD_CHARS: usize = 100;

/// A big button that is easy to hit with gloves.
pub fn big_button(ui: &mut egui::Ui, label: &str) -> egui::Response {
    ui.add_sized(
        Vec2::new(ui.available_width().min(260.0), theme::BIG_BUTTON_HEIGHT),
        egui::Button::new(RichText::new(label).size(theme::scaled(ui, 24.0))),
    )
}
