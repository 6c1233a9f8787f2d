//! The Scan screen: the verdict banner across the full width, the live picture on the left and
//! the person's form on the right.

use egui::{Align, Key, Layout, RichText, Vec2};

use super::app::{GateStatus, KioskApp};
use super::commands::Command;
use super::{form_ui, source_status, theme};
use crate::model::HealthColour;

pub fn scan_screen_ui(ui: &mut egui::Ui, app: &mut KioskApp) {
    keyboard(ui, app);
    dropped_files(ui, app);
    egui::Panel::top("verdict-banner").show(ui, |ui| banner_ui(ui, app));
    egui::CentralPanel::default().show(ui, |ui| {
        ui.columns(2, |columns| {
            source_status::preview_ui(&mut columns[0], app);
            form_ui::form_ui(&mut columns[1], app);
        });
    });
}

/// Enter confirms, Esc cancels; a hardware scanner's keystroke burst becomes a scan.
fn keyboard(ui: &egui::Ui, app: &mut KioskApp) {
    let now = std::time::Instant::now();
    let mut burst = None;
    for event in ui.input(|input| input.events.clone()) {
        match event {
            egui::Event::Text(text) => text.chars().for_each(|c| app.wedge.push_char(c, now)),
            egui::Event::Key {
                key: Key::Enter,
                pressed: true,
                ..
            } => burst = burst.or(app.wedge.push_enter(now)),
            _ => {}
        }
    }
    if let Some(payload) = burst {
        // The burst's Enter belongs to the scanner, not to the form.
        ui.input_mut(|input| input.consume_key(egui::Modifiers::NONE, Key::Enter));
        app.commands.push(Command::KeyboardScan(payload));
        return;
    }
    if app.form.is_some()
        && ui.input_mut(|input| input.consume_key(egui::Modifiers::NONE, Key::Enter))
    {
        app.commands.push(Command::ConfirmPerson);
    }
    if app.form.is_some()
        && ui.input_mut(|input| input.consume_key(egui::Modifiers::NONE, Key::Escape))
    {
        app.commands.push(Command::CancelPerson);
    }
}

/// People send screenshots of their codes: an image dropped on the window is scanned.
fn dropped_files(ui: &egui::Ui, app: &mut KioskApp) {
    let dropped = ui.input(|input| input.raw.dropped_files.clone());
    for file in dropped {
        app.commands
            .push(Command::OpenImage(file.path().to_path_buf()));
    }
}

fn banner_ui(ui: &mut egui::Ui, app: &KioskApp) {
    let lang = app.lang;
    let (colour, headline) = match (&app.form, &app.status) {
        (Some(form), _) => (form.colour, headline_for(form.colour, lang)),
        (None, GateStatus::Saved { label, at }) => (
            HealthColour::Green,
            format!(
                "{} {} {}",
                lang.pick("已保存", "Saved"),
                super::time::clock_text(*at),
                label
            ),
        ),
        _ => (
            HealthColour::Unknown,
            lang.pick("请出示健康码", "Show your health code")
                .to_owned(),
        ),
    };
    let (fill, text) = theme::verdict_colours(colour);
    egui::Frame::new()
        .fill(fill)
        .inner_margin(16.0)
        .show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            ui.with_layout(Layout::top_down(Align::Center), |ui| {
                ui.label(
                    RichText::new(headline)
                        .size(theme::BANNER_TEXT_SIZE)
                        .color(text)
                        .strong(),
                );
            });
        });
}

/// 绿码通行 / 黄码限制 / 红码禁止: the checkpoint's policy in three words.
pub fn headline_for(colour: HealthColour, lang: crate::config::Language) -> String {
    match colour {
        HealthColour::Green => lang.pick("绿码 通行", "GREEN — pass"),
        HealthColour::Yellow => lang.pick("黄码 限制通行", "YELLOW — restricted"),
        HealthColour::Red => lang.pick("红码 禁止通行", "RED — no entry"),
        HealthColour::Unknown => lang.pick("颜色未识别 请确认", "Colour unclear — confirm it"),
    }
    .to_owned()
}

/// A big button that is easy to hit with gloves.
pub fn big_button(ui: &mut egui::Ui, label: &str) -> egui::Response {
    ui.add_sized(
        Vec2::new(ui.available_width().min(260.0), theme::BIG_BUTTON_HEIGHT),
        egui::Button::new(RichText::new(label).size(24.0)),
    )
}
