//! The Scan screen: the verdict banner across the full width, the live picture on the left and
//! the person's form on the right.

use egui::{Align, Key, Layout, RichText};

use super::command::Command;
use super::form_ui::GateView;
use super::source_status::{PictureView, SourceView};
use super::view_ctx::ViewCtx;
use super::{form_ui, source_status, theme};
use crate::config::Language;
use crate::gate::Banner;

/// What the Scan screen shows, prepared by the app each frame.
pub struct ScanScreen<'a> {
    /// The verdict for the person being checked (the app's rule).
    pub banner: Banner,
    pub picture: PictureView<'a>,
    /// Where the picture comes from; `None` when no frame source runs.
    pub source: Option<SourceView>,
    pub gate: GateView<'a>,
}

pub fn scan_screen_ui(
    ui: &mut egui::Ui,
    screen: &mut ScanScreen,
    ctx: &ViewCtx,
    commands: &mut Vec<Command>,
) {
    keyboard(ui, screen.gate.form.is_some(), commands);
    dropped_files(ui, commands);
    egui::Panel::top("verdict-banner").show(ui, |ui| banner_ui(ui, &screen.banner, ctx.lang));
    egui::CentralPanel::default().show(ui, |ui| {
        // Each column scrolls on its own when the window is small or the font large: every
        // control stays reachable, and the picture never pushes the form away.
        // A short window gives the form more of the width (issue 23): the methods and colours
        // then lie on one row each, and the confirm button and "More" stay in sight.
        let [picture, form] = super::layout::split(ui, super::layout::picture_share(ui));
        ui.scope_builder(egui::UiBuilder::new().max_rect(picture), |ui| {
            egui::ScrollArea::vertical()
                .id_salt("scan-picture")
                .show(ui, |ui| {
                    super::risk_list_ui::stale_line(ui, ctx);
                    source_status::preview_ui(ui, screen.picture, screen.source.as_ref(), ctx);
                });
        });
        ui.scope_builder(egui::UiBuilder::new().max_rect(form), |ui| {
            egui::ScrollArea::vertical()
                .id_salt("scan-form")
                .show(ui, |ui| {
                    form_ui::form_ui(ui, &mut screen.gate, ctx, commands);
                });
        });
    });
}

/// Esc cancels (digits, Enter and a scanner's bursts are routed before drawing: `app::keys`).
fn keyboard(ui: &egui::Ui, checking: bool, commands: &mut Vec<Command>) {
    if checking && ui.input_mut(|input| input.consume_key(egui::Modifiers::NONE, Key::Escape)) {
        commands.push(Command::CancelPerson);
    }
}

/// People send screenshots of their codes: an image dropped on the window is scanned.
fn dropped_files(ui: &egui::Ui, commands: &mut Vec<Command>) {
    let dropped = ui.input(|input| input.raw.dropped_files.clone());
    for file in dropped {
        commands.push(Command::OpenImage(file.path().to_path_buf()));
    }
}

/// The full-width verdict banner; its words and colour come from `gate::banner` alone.
pub fn banner_ui(ui: &mut egui::Ui, banner: &Banner, lang: Language) {
    let (fill, text) = theme::tone_colours(banner.tone);
    // A shape beside the words: the outcome never rests on colour alone.
    let headline = match theme::tone_symbol(banner.tone) {
        "" => banner.headline.text(lang),
        symbol => format!("{symbol} {}", banner.headline.text(lang)),
    };
    let detail = banner.detail.as_ref().map(|detail| detail.text(lang));
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(16, 8))
        .show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            ui.with_layout(Layout::top_down(Align::Center), |ui| {
                ui.add(
                    egui::Label::new(
                        RichText::new(headline)
                            .size(theme::BANNER_TEXT_SIZE)
                            .color(text)
                            .strong(),
                    )
                    .truncate(),
                );
                // The second line is always there (blank when unused): the banner's height,
                // and so everything under it, never changes.
                let detail = detail.unwrap_or_else(|| " ".to_owned());
                ui.add(
                    egui::Label::new(RichText::new(detail).size(22.0).color(text).strong())
                        .truncate(),
                );
            });
        });
}
