//! The shift report on screen: totals, people and vehicles per hour (a bar chart), every
//! exception, and the export buttons. The report is built on the store thread.

use egui::RichText;
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::app::KioskApp;
use super::commands::Command;
use super::log_screen::colour_name;
use super::theme;
use crate::config::Language;
use crate::report::ExportFormat;
use crate::report::{HourCount, ShiftReport};

/// The report being shown and the export in progress.
#[derive(Debug, Clone, Default)]
pub struct ReportState {
    pub report: Option<ShiftReport>,
    pub message: Option<String>,
    /// Where the export in progress is written.
    pub pending_export: Option<std::path::PathBuf>,
    /// The neighbour's export file to import, as typed.
    pub import_path: String,
}

pub fn report_ui(ui: &mut egui::Ui, app: &mut KioskApp) {
    let lang = app.lang;
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
            (
                ExportFormat::Html,
                lang.pick("打印页 HTML", "Printable HTML"),
            ),
        ] {
            let text = format!("{} {label}", lang.pick("导出", "Export"));
            if ui.button(text).clicked() {
                app.commands.push(Command::Export(format));
            }
        }
    });
    if let Some(message) = &app.report.message {
        ui.label(RichText::new(message).strong());
    }
    let Some(report) = &app.report.report else {
        return;
    };
    totals_ui(ui, report, lang);
    hourly_chart(ui, report, lang);
    exceptions_ui(ui, report, lang);
}

fn totals_ui(ui: &mut egui::Ui, report: &ShiftReport, lang: Language) {
    let t = &report.totals;
    let items = [
        (lang.pick("人员进", "People in"), t.persons_in),
        (lang.pick("人员出", "People out"), t.persons_out),
        (lang.pick("车辆进", "Vehicles in"), t.vehicles_in),
        (lang.pick("车辆出", "Vehicles out"), t.vehicles_out),
        (lang.pick("绿码", "Green"), t.green),
        (lang.pick("黄码", "Yellow"), t.yellow),
        (lang.pick("红码", "Red"), t.red),
        (lang.pick("发热", "Fever"), t.fevers),
        (lang.pick("劝返", "Denied"), t.denied),
        (lang.pick("移交", "Referred"), t.referred),
        (lang.pick("引导检查", "Diverted"), t.diverted),
        (lang.pick("重复", "Repeats"), t.repeats),
        (lang.pick("作废", "Voided"), t.voided),
    ];
    egui::Grid::new("report-totals")
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            for (index, (label, count)) in items.iter().enumerate() {
                ui.label(format!("{label} {count}"));
                if index % 7 == 6 {
                    ui.end_row();
                }
            }
        });
    if !report.on_duty.is_empty() {
        ui.label(format!(
            "{} {}",
            lang.pick("值守人员：", "On duty:"),
            report.on_duty.join("、")
        ));
    }
}

fn hourly_chart(ui: &mut egui::Ui, report: &ShiftReport, lang: Language) {
    let hour = |h: &HourCount| f64::from(chrono::Timelike::hour(&h.hour_start));
    let persons: Vec<Bar> = report
        .per_hour
        .iter()
        .map(|h| Bar::new(hour(h), h.persons as f64))
        .collect();
    let vehicles: Vec<Bar> = report
        .per_hour
        .iter()
        .map(|h| Bar::new(hour(h) + 0.4, h.vehicles as f64))
        .collect();
    let persons = BarChart::new(lang.pick("人员", "People"), persons)
        .width(0.4)
        .color(theme::GREEN);
    let vehicles = BarChart::new(lang.pick("车辆", "Vehicles"), vehicles)
        .width(0.4)
        .color(theme::DIVERT);
    Plot::new("per-hour")
        .height(180.0)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_label(lang.pick("小时", "hour"))
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
                ui.label(row.reasons().join(", "));
                ui.label(&row.operator);
                ui.end_row();
            }
        });
}
