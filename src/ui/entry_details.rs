//! One entry opened from the log, in full: every recorded fact, personal data still masked.

use egui::RichText;

use super::form_ui::decision_label;
use super::time;
use crate::config::Language;
use crate::model::{PersonEntry, VehicleEntry};
use crate::text::screens::entry_details as words;
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
        close = ui.button(words::CLOSE.say(lang)).clicked();
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
            crate::text::office::TIME.say(lang),
            time::log_time_text(entry.recorded_at),
        ),
        (words::CODE.say(lang), masked(&d.code)),
        (words::DOCUMENT.say(lang), masked(&d.document)),
        (crate::text::report::NAME.say(lang), masked(&d.name)),
        (words::PHONE.say(lang), masked(&d.phone)),
        (
            crate::text::screens::common::COLOUR.say(lang),
            format!(
                "{} ({})",
                crate::text::gate::colour_word(d.colour, lang),
                terms::colour_source(d.colour_source).say(lang)
            ),
        ),
        (crate::text::office::TEMPERATURE.say(lang), readings),
        (words::FROM.say(lang), d.origin.clone().unwrap_or_default()),
        (
            crate::text::screens::common::DECISION.say(lang),
            decision_label(d.decision, lang).to_owned(),
        ),
        (
            words::OPERATOR.say(lang),
            operator_and_gate(&entry.provenance, lang),
        ),
    ];
    if let Some(voided) = &entry.voided {
        lines.push((
            crate::text::terms::VOIDED.say(lang),
            format!("{} ({})", voided.reason, voided.operator),
        ));
    }
    lines
}

fn vehicle_lines(entry: &VehicleEntry, lang: Language) -> Lines {
    let d = &entry.details;
    let mut lines = vec![
        (
            crate::text::office::TIME.say(lang),
            time::log_time_text(entry.recorded_at),
        ),
        (
            crate::text::screens::common::PLATE.say(lang),
            format!("{} ({})", d.plate, terms::plate_kind(d.plate_kind, lang)),
        ),
        (
            crate::text::screens::common::VEHICLE_TYPE.say(lang),
            d.vehicle_type.clone(),
        ),
        (words::FROM.say(lang), d.origin.clone().unwrap_or_default()),
        (words::PEOPLE.say(lang), d.passengers.to_string()),
        (
            crate::text::screens::common::CARGO.say(lang),
            d.cargo.clone().unwrap_or_default(),
        ),
        (
            crate::text::screens::common::DECISION.say(lang),
            decision_label(d.decision, lang).to_owned(),
        ),
        (
            words::OPERATOR.say(lang),
            operator_and_gate(&entry.provenance, lang),
        ),
    ];
    if let Some(voided) = &entry.voided {
        lines.push((
            crate::text::terms::VOIDED.say(lang),
            format!("{} ({})", voided.reason, voided.operator),
        ));
    }
    lines
}

/// "王五 · 1号岗", default names in the reader's language.
fn operator_and_gate(provenance: &crate::model::entry::Provenance, lang: Language) -> String {
    let name = |stored| crate::text::terms::default_name(stored, lang);
    format!(
        "{} · {}",
        name(&provenance.operator),
        name(&provenance.gate)
    )
}
