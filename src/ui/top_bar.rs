//! The bar across the top: where we are, the screens and the language. Counters are at the
//! bottom (`counter_bar`).

use egui::Key;

use super::command::Command;
use super::command::Screen;
use crate::app::state::KioskApp;
use crate::config::Language;

/// Draws the top bar and turns F1/F2/F9 into commands.
pub fn top_bar_ui(ui: &mut egui::Ui, app: &mut KioskApp) {
    hotkeys(ui, app);
    egui::Panel::top("top-bar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let config = &app.services.config;
            ui.heading(format!("{} · {}", config.checkpoint_name, config.gate));
            ui.separator();
            for (screen, key, zh, en) in SCREENS {
                let label = match key {
                    Some(key) => format!("{} {}", app.lang.pick(zh, en), key.name()),
                    None => app.lang.pick(zh, en).to_owned(),
                };
                screen_button(ui, app, screen, &label);
            }
            ui.separator();
            let other = match app.lang {
                Language::ZhCn => "English F9",
                Language::En => "中文 F9",
            };
            if ui.button(other).clicked() {
                app.commands.push(Command::ToggleLanguage);
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

fn hotkeys(ui: &egui::Ui, app: &mut KioskApp) {
    for (screen, key, _, _) in SCREENS {
        if key.is_some_and(|key| ui.input(|input| input.key_pressed(key))) {
            app.commands.push(Command::ShowScreen(screen));
        }
    }
    if ui.input(|input| input.key_pressed(Key::F9)) {
        app.commands.push(Command::ToggleLanguage);
    }
    // Kiosk mode: F11 fills the screen (or leaves it), like every browser.
    if ui.input(|input| input.key_pressed(Key::F11)) {
        super::kiosk_mode::toggle_fullscreen(ui, app);
    }
}

fn screen_button(ui: &mut egui::Ui, app: &mut KioskApp, screen: Screen, label: &str) {
    if ui.selectable_label(app.screen == screen, label).clicked() {
        app.commands.push(Command::ShowScreen(screen));
    }
}
