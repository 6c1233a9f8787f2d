//! The bar across the top: where we are, the shift's counters, screens and language.

use egui::{Key, RichText};

use super::app::{KioskApp, Screen};
use super::commands::Command;
use crate::config::Language;

/// Draws the top bar and turns F1/F2/F9 into commands.
pub fn top_bar_ui(ui: &mut egui::Ui, app: &mut KioskApp) {
    hotkeys(ui, app);
    egui::Panel::top("top-bar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let config = &app.services.config;
            ui.heading(format!("{} · {}", config.checkpoint_name, config.gate));
            ui.separator();
            screen_button(
                ui,
                app,
                Screen::Scan,
                app.lang.pick("扫码登记 F1", "Scan F1"),
            );
            screen_button(
                ui,
                app,
                Screen::Register,
                app.lang.pick("无手机登记 F2", "No phone F2"),
            );
            screen_button(
                ui,
                app,
                Screen::Vehicle,
                app.lang.pick("车辆 F3", "Vehicle F3"),
            );
            screen_button(ui, app, Screen::Log, app.lang.pick("登记记录 F4", "Log F4"));
            screen_button(
                ui,
                app,
                Screen::Shift,
                app.lang.pick("班次报表 F5", "Shift F5"),
            );
            screen_button(ui, app, Screen::Settings, app.lang.pick("设置", "Settings"));
            ui.separator();
            counters_ui(ui, app);
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

fn hotkeys(ui: &egui::Ui, app: &mut KioskApp) {
    let pressed = |key| ui.input(|input| input.key_pressed(key));
    if pressed(Key::F1) {
        app.commands.push(Command::ShowScreen(Screen::Scan));
    }
    if pressed(Key::F2) {
        app.commands.push(Command::ShowScreen(Screen::Register));
    }
    if pressed(Key::F3) {
        app.commands.push(Command::ShowScreen(Screen::Vehicle));
    }
    if pressed(Key::F4) {
        app.commands.push(Command::ShowScreen(Screen::Log));
    }
    if pressed(Key::F5) {
        app.commands.push(Command::ShowScreen(Screen::Shift));
    }
    if pressed(Key::F9) {
        app.commands.push(Command::ToggleLanguage);
    }
}

fn screen_button(ui: &mut egui::Ui, app: &mut KioskApp, screen: Screen, label: &str) {
    if ui.selectable_label(app.screen == screen, label).clicked() {
        app.commands.push(Command::ShowScreen(screen));
    }
}

fn counters_ui(ui: &mut egui::Ui, app: &KioskApp) {
    let c = &app.counters;
    let lang = app.lang;
    let items = [
        (lang.pick("进", "In"), c.persons_in),
        (lang.pick("出", "Out"), c.persons_out),
        (lang.pick("车辆", "Vehicles"), c.vehicles),
        (lang.pick("发热", "Fever"), c.fevers),
        (lang.pick("红码", "Red"), c.red),
        (lang.pick("黄码", "Yellow"), c.yellow),
        (lang.pick("重复", "Repeats"), c.repeats),
    ];
    for (label, count) in items {
        ui.label(RichText::new(format!("{label} {count}")).strong());
    }
}
