//! The bar across the top: where we are, the screens and the language. Counters are at the
//! bottom (`counter_bar`).

use egui::Key;

use super::command::{Command, Screen};
use super::view_ctx::ViewCtx;
use crate::text::Phrase;
use crate::text::screens::top_bar as words;

/// Draws the top bar over the `current` screen and turns F1–F5 and F9 into commands (F11 is
/// kiosk mode's).
pub fn top_bar_ui(ui: &mut egui::Ui, current: Screen, ctx: &ViewCtx, commands: &mut Vec<Command>) {
    hotkeys(ui, commands);
    egui::Panel::top("top-bar").show(ui, |ui| {
        let config = ctx.config;
        let name = |stored| crate::text::terms::default_name(stored, ctx.lang);
        let place = format!("{} · {}", name(&config.checkpoint_name), name(&config.gate));
        let tabs: Vec<(Screen, String)> = SCREENS
            .into_iter()
            .map(|(screen, key, name)| {
                let label = match key {
                    Some(key) => format!("{} {}", name.say(ctx.lang), key.name()),
                    None => name.say(ctx.lang).to_owned(),
                };
                (screen, label)
            })
            .collect();
        let other = crate::text::screens::common::other_language(ctx.lang);
        // One line whatever the font scale (issue 23): the words shrink before the bar wraps
        // and pushes the screen below it down.
        let body = ui.text_style_height(&egui::TextStyle::Body);
        let mut line = format!("{place} {other}");
        for (_, label) in &tabs {
            line.push_str(&format!(" {label}"));
        }
        let padding = ui.spacing().button_padding.x * 2.0 + ui.spacing().item_spacing.x;
        let room = ui.available_width() - padding * (tabs.len() + 3) as f32;
        let size = super::layout::size_to_fit(ui, line, body, room, body.min(16.0));
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(place).size(size).strong());
            ui.separator();
            for (screen, label) in tabs {
                let text = egui::RichText::new(label).size(size);
                if ui.selectable_label(current == screen, text).clicked() {
                    commands.push(Command::ShowScreen(screen));
                }
            }
            ui.separator();
            if ui.button(egui::RichText::new(other).size(size)).clicked() {
                commands.push(Command::ToggleLanguage);
            }
        });
    });
}

/// The screens in tab order, with their function key and names.
const SCREENS: [(Screen, Option<Key>, Phrase); 6] = [
    (Screen::Scan, Some(Key::F1), words::SCAN),
    (Screen::Register, Some(Key::F2), words::NO_PHONE),
    (Screen::Vehicle, Some(Key::F3), crate::text::terms::VEHICLE),
    (Screen::Log, Some(Key::F4), words::LOG),
    (Screen::Shift, Some(Key::F5), words::SHIFT),
    (
        Screen::Settings,
        None,
        crate::text::screens::settings_screen::SETTINGS,
    ),
];

fn hotkeys(ui: &egui::Ui, commands: &mut Vec<Command>) {
    for (screen, key, _) in SCREENS {
        if key.is_some_and(|key| ui.input(|input| input.key_pressed(key))) {
            commands.push(Command::ShowScreen(screen));
        }
    }
    if ui.input(|input| input.key_pressed(Key::F9)) {
        commands.push(Command::ToggleLanguage);
    }
}
