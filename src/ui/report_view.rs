//! The shift report on screen: totals, people and vehicles per hour (a bar chart), every
//! exception, and the export buttons. The report is built on the store thread.

use egui::RichText;
use egui_plot::{AxisHints, Bar, BarChart, GridMark, Legend, Plot};

use super::command::Command;
use super::theme;
use crate::config::Language;
use crate::model::{ExportFormat, HealthColour};
use crate::text::report::{HANDOVER_NOTE, HOUR_AXIS, PEOPLE, VEHICLES};
use crate::text::screens::report_view as words;
use crate::text::{Phrase, Said};

/// One place an export can be written to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPlace {
    pub folder: std::path::PathBuf,
    /// A removable drive (USB stick), as opposed to the kiosk's own data folder.
    pub removable: bool,
}

/// The shift report as the screen shows it: built by the app from the report when it arrives,
/// worded here at draw time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportSheet {
    /// Checkpoint, shift and period, in both languages.
    pub title: Said,
    /// The totals the volunteer's screen shows, labelled from the catalogue.
    pub totals: Vec<(Phrase, u64)>,
    pub on_duty: Vec<String>,
    /// People and vehicles per clock hour 0–23.
    pub per_hour: Vec<(u64, u64)>,
    pub exceptions: Vec<ExceptionLine>,
    pub handover_note: Option<String>,
}

/// One exception of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionLine {
    /// Local clock time, `HH:MM`.
    pub clock: String,
    /// Masked.
    pub label: String,
    pub colour: HealthColour,
    pub temperature: Option<f32>,
    pub reasons: Said,
    pub operator: String,
}

/// What the report panel draws and edits.
pub struct ReportPanel<'a> {
    pub sheet: Option<&'a ReportSheet>,
    pub message: Option<&'a Said>,
    /// Where exports can go (USB drives first, then the data folder) and the leader's choice.
    pub places: &'a [ExportPlace],
    pub chosen_place: &'a mut usize,
    /// The leader asked for the practice entries in the exports too.
    pub include_practice: &'a mut bool,
}

pub fn report_ui(
    ui: &mut egui::Ui,
    panel: &mut ReportPanel,
    lang: Language,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(
                RichText::new(words::BUILD_SHIFT_REPORT.say(lang))
                    .size(super::theme::scaled(ui, 22.0)),
            )
            .clicked()
        {
            commands.push(Command::BuildReport);
        }
        for (format, label) in [
            (ExportFormat::Xlsx, "Excel"),
            (ExportFormat::Csv, "CSV"),
            (ExportFormat::Json, "JSON"),
            (ExportFormat::Html, words::PRINTABLE_PAGE.say(lang)),
        ] {
            let text = format!("{} {label}", words::EXPORT.say(lang));
            if ui.button(text).clicked() {
                commands.push(Command::Export(format));
            }
        }
        if ui
            .button(
                RichText::new(crate::text::office::PRINT.say(lang))
                    .size(super::theme::scaled(ui, 22.0)),
            )
            .clicked()
        {
            commands.push(Command::Print);
        }
    });
    ui.checkbox(panel.include_practice, words::INCLUDE_PRACTICE.say(lang));
    places_ui(ui, panel, lang, commands);
    super::layout::message_slot(
        ui,
        2.0,
        panel
            .message
            .map(|message| RichText::new(message.text(lang)).strong()),
    );
    let Some(sheet) = panel.sheet else {
        return;
    };
    ui.label(
        RichText::new(sheet.title.text(lang))
            .size(super::theme::scaled(ui, 18.0))
            .strong(),
    );
    totals_ui(ui, sheet, lang);
    hourly_chart(ui, sheet, lang);
    exceptions_ui(ui, sheet, lang);
    if let Some(note) = &sheet.handover_note {
        ui.label(RichText::new(HANDOVER_NOTE.say(lang)).strong());
        ui.label(note);
    }
}

/// Where exports go: every plugged-in USB drive, then the data folder; said on screen.
fn places_ui(
    ui: &mut egui::Ui,
    panel: &mut ReportPanel,
    lang: Language,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(words::EXPORT_TO.say(lang));
        if panel.places.is_empty() {
            ui.label(words::DATA_FOLDER_EXPORTS.say(lang));
        }
        for (index, place) in panel.places.iter().enumerate() {
            let kind = if place.removable {
                words::USB_DRIVE.say(lang)
            } else {
                words::KIOSK_DATA_FOLDER.say(lang)
            };
            let text = format!("{kind} {}", place.folder.display());
            ui.radio_value(panel.chosen_place, index, text);
        }
        if ui.button(words::FIND_USB_DRIVES.say(lang)).clicked() {
            commands.push(Command::FindUsbDrives);
        }
    });
}

fn totals_ui(ui: &mut egui::Ui, sheet: &ReportSheet, lang: Language) {
    let items = &sheet.totals;
    egui::Grid::new("report-totals")
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            for (index, (label, count)) in items.iter().enumerate() {
                ui.label(format!("{} {count}", label.say(lang)));
                if index % 7 == 6 {
                    ui.end_row();
                }
            }
        });
    if !sheet.on_duty.is_empty() {
        ui.label(format!(
            "{} {}",
            words::ON_DUTY.say(lang),
            sheet.on_duty.join(words::LIST_SEPARATOR.say(lang))
        ));
    }
}

/// People and vehicles per clock hour: 24 whole-hour slots 0–23, two bars each.
fn hourly_chart(ui: &mut egui::Ui, sheet: &ReportSheet, lang: Language) {
    let slots = &sheet.per_hour;
    let highest = slots
        .iter()
        .map(|(people, vehicles)| *people.max(vehicles))
        .max()
        .unwrap_or(0);
    let bars = |offset: f64, count: fn(&(u64, u64)) -> u64| -> Vec<Bar> {
        slots
            .iter()
            .enumerate()
            .map(|(hour, slot)| Bar::new(hour as f64 + offset, count(slot) as f64))
            .collect()
    };
    let persons = BarChart::new(PEOPLE.say(lang), bars(-0.2, |slot| slot.0))
        .width(0.4)
        .color(theme::GREEN);
    let vehicles = BarChart::new(VEHICLES.say(lang), bars(0.2, |slot| slot.1))
        .width(0.4)
        .color(theme::DIVERT);
    Plot::new("per-hour")
        .height(180.0)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_x(-0.6)
        .include_x(23.6)
        // An empty shift still shows a 0-based axis, never −10…10.
        .default_y_bounds(0.0, highest.max(1) as f64 * 1.15)
        .x_grid_spacer(|_| {
            (0..24)
                .map(|hour| GridMark {
                    value: f64::from(hour),
                    step_size: if hour % 6 == 0 { 6.0 } else { 1.0 },
                })
                .collect()
        })
        // Every hour labelled: the default spacing (60 px) hid all but 0, 6, 12 and 18.
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label(HOUR_AXIS.say(lang))
                .formatter(|mark, _| format!("{}", mark.value.round() as i64))
                .label_spacing(16.0..=24.0),
        ])
        .show(ui, |plot| {
            plot.bar_chart(persons);
            plot.bar_chart(vehicles);
        });
}

fn exceptions_ui(ui: &mut egui::Ui, sheet: &ReportSheet, lang: Language) {
    ui.label(RichText::new(crate::text::report::EXCEPTIONS.say(lang)).strong());
    if sheet.exceptions.is_empty() {
        ui.label(crate::text::report::NONE.say(lang));
        return;
    }
    egui::Grid::new("report-exceptions")
        .striped(true)
        .show(ui, |ui| {
            for row in &sheet.exceptions {
                ui.label(&row.clock);
                ui.label(&row.label);
                ui.label(crate::text::gate::colour_word(row.colour, lang));
                ui.label(
                    row.temperature
                        .map(|t| format!("{t:.1}"))
                        .unwrap_or_default(),
                );
                ui.label(row.reasons.text(lang));
                ui.label(crate::text::terms::default_name(&row.operator, lang));
                ui.end_row();
            }
        });
}
