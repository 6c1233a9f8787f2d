//! The bar across the top: where we are, the screens and the language. Counters are at the
//! bottom (`counter_bar`).

use egui::Key;

use super::command::{Command, Screen};
use super::view_ctx::ViewCtx;
use crate::config::Language;

/// Draws the top bar over the `current` screen and turns F1–F5 and F9 into commands (F11 is
/// kiosk mode's).
pub fn top_bar_ui(ui: &mut egui::Ui, current: Screen, ctx: &ViewCtx, commands: &mut Vec<Command>) {
    hotkeys(ui, commands);
    egui::Panel::top("top-bar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let config = ctx.config;
            ui.heading(format!("{} · {}", config.checkpoint_name, config.gate));
            ui.separator();
            for (screen, key, zh, en) in SCREENS {
                let label = match key {
                    Some(key) => format!("{} {}", ctx.lang.pick(zh, en), key.name()),
                    None => ctx.lang.pick(zh, en).to_owned(),
                };
                if ui.selectable_label(current == screen, label).clicked() {
                    commands.push(Command::ShowScreen(screen));
                }
            }
            ui.separator();
            let other = match ctx.lang {
                Language::ZhCn => "English F9",
                Language::En => "中文 F9",
            };
            if ui.button(other).clicked() {
                commands.push(Command::ToggleLanguage);
            }
        });
    });
}

/// The screens in tab order, with their function key and names.
const SCREENS: [(Screen, Option<Key>, &str, &str); 6] = [
    (Screen::Scan, Some(Key::F1), "扫码登记", "Scan"),
    (Screen::Register, Some(Key::F2), "无手机登记", "No phone"),
    (Screen::Vehicle, Some(Key::F3), "车辆", "Vehicle"),
    (Screen::Log, Some(Key::F4), "登记记录", "Log"),
    (Screen::Shift, Some(Key::F5), "班次报表", "Shift"),
    (Screen::Settings, None, "设置", "Settings"),
];

fn hotkeys(ui: &egui::Ui, commands: &mut Vec<Command>) {
    for (screen, key, _, _) in SCREENS {
        if key.is_some_and(|key| ui.input(|input| input.key_pressed(key))) {
            commands.push(Command::ShowScreen(screen));
        }
    }
    if ui.input(|input| input.key_pressed(Key::F9)) {
        commands.push(Command::ToggleLanguage);
    }
}
