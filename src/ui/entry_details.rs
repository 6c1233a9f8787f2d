//! One entry opened from the log, in full: every recorded fact, personal data still masked.

use egui::RichText;

use super::form_ui::decision_label;
use super::time;
use crate::config::Language;
use crate::model::{PersonEntry, VehicleEntry};
use crate::text::terms;

/// The entry the log opened.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenedEntry {
    Person(Box<PersonEntry>),
    Vehicle(Box<VehicleEntry>),
}

/// The opened entry, with a button that closes it.
pub fn details_ui(ui: &mut egui::Ui, opened_entry: &mut Option<OpenedEntry>, lang: Language) {
    let Some(opened) = opened_entry else {
        return;
    };
    let mut close = false;
    ui.group(|ui| {
        let lines = match opened {
            OpenedEntry::Person(entry) => person_lines(entry, lang),
            OpenedEntry::Vehicle(entry) => vehicle_lines(entry, lang),
        };
        for (label, value) in lines {
            ui.horizontal(|ui| {
                ui.label(RichText::new(label).strong());
                ui.label(value);
            });
        }
        close = ui.button(lang.pick("关闭", "Close")).clicked();
    });
    if close {
        *opened_entry = None;
    }
}

type Lines = Vec<(&'static str, String)>;

fn person_lines(entry: &PersonEntry, lang: Language) -> Lines {
    let d = &entry.details;
    let masked = |p: &Option<crate::model::pii::Protected>| {
        p.as_ref().map(|p| p.masked.clone()).unwrap_or_default()
    };
    let readings = d
        .temperatures
        .iter()
        .map(|r| format!("{} ({})", r.celsius, terms::method(r.method).say(lang)))
        .collect::<Vec<_>>()
        .join(" → ");
    let mut lines = vec![
        (
            lang.pick("时间", "Time"),
            time::log_time_text(entry.recorded_at),
        ),
        (lang.pick("码", "Code"), masked(&d.code)),
        (lang.pick("证件", "Document"), masked(&d.document)),
        (lang.pick("姓名", "Name"), masked(&d.name)),
        (lang.pick("手机", "Phone"), masked(&d.phone)),
        (
            lang.pick("颜色", "Colour"),
            format!(
                "{} ({})",
                crate::text::gate::colour_word(d.colour, lang),
                terms::colour_source(d.colour_source).say(lang)
            ),
        ),
        (lang.pick("体温", "Temperature"), readings),
        (
            lang.pick("来自", "From"),
            d.origin.clone().unwrap_or_default(),
        ),
        (
            lang.pick("处理", "Decision"),
            decision_label(d.decision, lang).to_owned(),
        ),
        (
            lang.pick("值守", "Operator"),
            format!("{} · {}", entry.provenance.operator, entry.provenance.gate),
        ),
    ];
    if let Some(voided) = &entry.voided {
        lines.push((
            lang.pick("已作废", "Voided"),
            format!("{} ({})", voided.reason, voided.operator),
        ));
    }
    lines
}

fn vehicle_lines(entry: &VehicleEntry, lang: Language) -> Lines {
    let d = &entry.details;
    let mut lines = vec![
        (
            lang.pick("时间", "Time"),
            time::log_time_text(entry.recorded_at),
        ),
        (
            lang.pick("车牌", "Plate"),
            format!("{} ({})", d.plate, terms::plate_kind(d.plate_kind, lang)),
        ),
        (lang.pick("车型", "Type"), d.vehicle_type.clone()),
        (
            lang.pick("来自", "From"),
            d.origin.clone().unwrap_or_default(),
        ),
        (lang.pick("人数", "People"), d.passengers.to_string()),
        (
            lang.pick("货物", "Cargo"),
            d.cargo.clone().unwrap_or_default(),
        ),
        (
            lang.pick("处理", "Decision"),
            decision_label(d.decision, lang).to_owned(),
        ),
        (
            lang.pick("值守", "Operator"),
            format!("{} · {}", entry.provenance.operator, entry.provenance.gate),
        ),
    ];
    if let Some(voided) = &entry.voided {
        lines.push((
            lang.pick("已作废", "Voided"),
            format!("{} ({})", voided.reason, voided.operator),
        ));
    }
    lines
}
