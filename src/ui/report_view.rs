//! The shift report on screen: totals, people and vehicles per hour (a bar chart), every
//! exception, and the export buttons. The report is built on the store thread.

use egui::RichText;
use egui_plot::{AxisHints, Bar, BarChart, GridMark, Legend, Plot};

use super::command::Command;
use super::log_screen::colour_name;
use super::theme;
use crate::app::export_place::ExportPlace;
use crate::app::state::KioskApp;
use crate::config::Language;
use crate::model::ExportFormat;
use crate::model::Shift;
use crate::report::wording;
use crate::report::{ShiftReport, clock_hours};

/// The report being shown and the export in progress.
#[derive(Debug, Clone, Default)]
pub struct ReportState {
    pub report: Option<ShiftReport>,
    pub message: Option<String>,
    /// Where the export in progress is written.
    pub pending_export: Option<std::path::PathBuf>,
    /// The export in progress is the printable page, to open or print once written.
    pub print_after_export: bool,
    /// The neighbour's export file to import, as typed.
    pub import_path: String,
    /// The shift this window closed last: its report covers exactly that shift.
    pub closed_shift: Option<Shift>,
    /// Where exports can go (USB drives first, then the data folder) and the leader's choice.
    pub places: Vec<ExportPlace>,
    pub chosen_place: usize,
}

pub fn report_ui(ui: &mut egui::Ui, app: &mut KioskApp) {
    let lang = app.lang;
    if app.report.places.is_empty() {
        // Once: the data folder is always a place, so the list is never empty again.
        app.refresh_export_places();
    }
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new(lang.pick("生成本班报表", "Build the shift report")).size(22.0))
            .clicked()
        {
            app.commands.push(Command::BuildReport);
        }
        for (format, label) in [
            (ExportFormat::Xlsx, "Excel"),
            (ExportFormat::Csv, "CSV"),
            (ExportFormat::Json, "JSON"),
            (ExportFormat::Html, lang.pick("打印页", "printable page")),
        ] {
            let text = format!("{} {label}", lang.pick("导出", "Export"));
            if ui.button(text).clicked() {
                app.commands.push(Command::Export(format));
            }
        }
        if ui
            .button(RichText::new(lang.pick("打印", "Print")).size(22.0))
            .clicked()
        {
            app.commands.push(Command::Print);
        }
    });
    places_ui(ui, app, lang);
    if let Some(message) = &app.report.message {
        ui.label(RichText::new(message).strong());
    }
    let Some(report) = &app.report.report else {
        return;
    };
    let scope = match &report.shift {
        Some(shift) => crate::report::ReportScope::Shift(shift.clone()),
        None => crate::report::ReportScope::Range {
            from: report.from.to_utc(),
            to: report
                .to
                .map_or(chrono::DateTime::<chrono::Utc>::MAX_UTC, |to| to.to_utc()),
            checkpoint_id: None,
        },
    };
    let name = &app.services.config.checkpoint_name;
    ui.label(
        RichText::new(wording::title(
            &scope,
            Some(name),
            report.from.timezone(),
            lang,
        ))
        .size(18.0)
        .strong(),
    );
    totals_ui(ui, report, lang);
    hourly_chart(ui, report, lang);
    exceptions_ui(ui, report, lang);
    if let Some(note) = crate::report::handover_note(report) {
        ui.label(RichText::new(wording::HANDOVER_NOTE.say(lang)).strong());
        ui.label(note);
    }
}

/// Where exports go: every plugged-in USB drive, then the data folder; said on screen.
fn places_ui(ui: &mut egui::Ui, app: &mut KioskApp, lang: Language) {
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.pick("导出到：", "Export to:"));
        if app.report.places.is_empty() {
            ui.label(lang.pick(
                "数据文件夹 exports/（插入U盘后点“查找U盘”）",
                "the data folder's exports/ (plug in a USB drive, then press “Find USB drives”)",
            ));
        }
        for (index, place) in app.report.places.iter().enumerate() {
            let kind = if place.removable {
                lang.pick("U盘", "USB drive")
            } else {
                lang.pick("本机数据文件夹", "this kiosk's data folder")
            };
            let text = format!("{kind} {}", place.folder.display());
            ui.radio_value(&mut app.report.chosen_place, index, text);
        }
        if ui.button(lang.pick("查找U盘", "Find USB drives")).clicked() {
            app.refresh_export_places_now();
        }
    });
}

fn totals_ui(ui: &mut egui::Ui, report: &ShiftReport, lang: Language) {
    let t = &report.totals;
    // The catalogue's words (as in the printed report), without "passed" and "colour not
    // known", which the volunteer's screen does not need.
    let labels = &wording::TOTAL_LABELS;
    let items = [
        (labels[0], t.persons_in),
        (labels[1], t.persons_out),
        (labels[2], t.vehicles_in),
        (labels[3], t.vehicles_out),
        (labels[4], t.green),
        (labels[5], t.yellow),
        (labels[6], t.red),
        (labels[8], t.fevers),
        (labels[10], t.denied),
        (labels[11], t.referred),
        (labels[12], t.diverted),
        (labels[13], t.repeats),
        (labels[14], t.voided),
    ];
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
    if !report.on_duty.is_empty() {
        ui.label(format!(
            "{} {}",
            lang.pick("值守人员：", "On duty:"),
            report.on_duty.join(lang.pick("、", ", "))
        ));
    }
}

/// People and vehicles per clock hour: 24 whole-hour slots 0–23, two bars each.
fn hourly_chart(ui: &mut egui::Ui, report: &ShiftReport, lang: Language) {
    let slots = clock_hours(&report.per_hour);
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
    let persons = BarChart::new(wording::PEOPLE.say(lang), bars(-0.2, |slot| slot.0))
        .width(0.4)
        .color(theme::GREEN);
    let vehicles = BarChart::new(wording::VEHICLES.say(lang), bars(0.2, |slot| slot.1))
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
                .label(wording::HOUR_AXIS.say(lang))
                .formatter(|mark, _| format!("{}", mark.value.round() as i64))
                .label_spacing(16.0..=24.0),
        ])
        .show(ui, |plot| {
            plot.bar_chart(persons);
            plot.bar_chart(vehicles);
        });
}

fn exceptions_ui(ui: &mut egui::Ui, report: &ShiftReport, lang: Language) {
    ui.label(RichText::new(lang.pick("异常情况", "Exceptions")).strong());
    if report.exceptions.is_empty() {
        ui.label(lang.pick("无", "None"));
        return;
    }
    egui::Grid::new("report-exceptions")
        .striped(true)
        .show(ui, |ui| {
            for row in &report.exceptions {
                ui.label(row.at.format("%H:%M").to_string());
                ui.label(&row.label);
                ui.label(colour_name(row.colour, lang));
                ui.label(
                    row.temperature
                        .map(|t| format!("{t:.1}"))
                        .unwrap_or_default(),
                );
                ui.label(wording::reasons(row, lang));
                ui.label(&row.operator);
                ui.end_row();
            }
        });
}
