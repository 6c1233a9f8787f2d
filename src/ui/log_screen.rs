//! The Log screen: today's entries newest first, filters, and voiding with a reason.

use egui::{RichText, ScrollArea};

use super::command::Command;
use super::form_ui::decision_label;
use super::view_ctx::ViewCtx;
use super::{theme, time};
use crate::config::Language;
use crate::model::{Decision, HealthColour};
use crate::model::{EntryId, LogFilter, LogRow};
use crate::text::screens::log_screen as words;

/// Which stretch of time the log shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogPeriod {
    #[default]
    Today,
    LastHour,
    Any,
}

/// The log screen's state.
#[derive(Debug, Default)]
pub struct LogView {
    pub rows: Vec<LogRow>,
    pub filter: LogFilter,
    pub period: LogPeriod,
    pub selected: Option<EntryId>,
    pub void_reason: String,
    pub message: Option<crate::text::Said>,
    /// The entry opened from the log, shown in full (masked).
    pub opened: Option<super::entry_details::OpenedEntry>,
}

pub fn log_screen_ui(
    ui: &mut egui::Ui,
    log: &mut LogView,
    ctx: &ViewCtx,
    commands: &mut Vec<Command>,
) {
    egui::CentralPanel::default().show(ui, |ui| {
        filters_ui(ui, log, ctx.lang, commands);
        super::layout::message_slot(
            ui,
            2.0,
            log.message
                .as_ref()
                .map(|message| RichText::new(message.text(ctx.lang)).strong()),
        );
        void_ui(ui, log, ctx.lang, commands);
        super::entry_details::details_ui(ui, &mut log.opened, ctx.lang);
        ui.separator();
        rows_ui(ui, log, ctx.lang, commands);
    });
}

fn filters_ui(ui: &mut egui::Ui, log: &mut LogView, lang: Language, commands: &mut Vec<Command>) {
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        let filter = &mut log.filter;
        for (colour, label) in [
            (None, words::ALL_COLOURS.say(lang)),
            (Some(HealthColour::Green), words::GREEN.say(lang)),
            (Some(HealthColour::Yellow), words::YELLOW.say(lang)),
            (Some(HealthColour::Red), words::RED.say(lang)),
        ] {
            changed |= ui
                .selectable_value(&mut filter.colour, colour, label)
                .changed();
        }
        changed |= ui
            .checkbox(&mut filter.fever_only, words::FEVER_ONLY.say(lang))
            .changed();
        changed |= ui
            .checkbox(&mut filter.include_voided, words::INCLUDE_VOIDED.say(lang))
            .changed();
        if ui.button(words::REFRESH.say(lang)).clicked() {
            changed = true;
        }
    });
    ui.horizontal_wrapped(|ui| {
        for (decision, label) in [
            (None, words::ALL_DECISIONS.say(lang)),
            (Some(Decision::Deny), decision_label(Decision::Deny, lang)),
            (Some(Decision::Refer), decision_label(Decision::Refer, lang)),
            (
                Some(Decision::Divert),
                decision_label(Decision::Divert, lang),
            ),
        ] {
            changed |= ui
                .selectable_value(&mut log.filter.decision, decision, label)
                .changed();
        }
        ui.separator();
        for (period, label) in [
            (LogPeriod::Today, words::TODAY.say(lang)),
            (LogPeriod::LastHour, words::LAST_HOUR.say(lang)),
            (LogPeriod::Any, words::ANY_TIME.say(lang)),
        ] {
            if ui
                .selectable_value(&mut log.period, period, label)
                .changed()
            {
                changed = true;
            }
        }
        ui.separator();
        let label = ui.label(words::PLATE_CONTAINS.say(lang));
        let filter = &mut log.filter;
        let mut plate = filter.plate_contains.clone().unwrap_or_default();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut plate)
                    .char_limit(super::form_ui::FIELD_CHARS)
                    .desired_width(120.0),
            )
            .labelled_by(label.id);
        if edit.changed() {
            let plate = plate.trim().to_uppercase();
            filter.plate_contains = (!plate.is_empty()).then_some(plate);
            changed = true;
        }
    });
    if changed {
        commands.push(Command::RefreshLog);
    }
}

fn rows_ui(ui: &mut egui::Ui, log: &mut LogView, lang: Language, commands: &mut Vec<Command>) {
    if log.rows.is_empty() {
        ui.label(words::NO_ENTRIES_YET.say(lang));
        return;
    }
    let mut selected = log.selected;
    let mut opened = None;
    ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("log-rows")
            .striped(true)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for header in [
                    crate::text::office::TIME.say(lang),
                    crate::text::report::WHO.say(lang),
                    crate::text::screens::common::COLOUR.say(lang),
                    words::TEMPERATURE_SHORT.say(lang),
                    crate::text::screens::common::DECISION.say(lang),
                    crate::text::report::GATE.say(lang),
                    "",
                ] {
                    ui.label(RichText::new(header).strong());
                }
                ui.end_row();
                for row in &log.rows {
                    row_ui(ui, row, lang, &mut selected, &mut opened);
                    ui.end_row();
                }
            });
    });
    log.selected = selected;
    if let Some((entry_id, kind)) = opened {
        commands.push(Command::OpenEntry { entry_id, kind });
    }
}

fn row_ui(
    ui: &mut egui::Ui,
    row: &LogRow,
    lang: Language,
    selected: &mut Option<crate::model::EntryId>,
    opened: &mut Option<(crate::model::EntryId, crate::model::EntryKind)>,
) {
    let strike = |text: String| {
        let rich = RichText::new(text);
        if row.voided {
            rich.strikethrough()
        } else {
            rich
        }
    };
    ui.label(strike(time::log_time_text(row.at)));
    // The label opens the whole entry (still masked).
    let label = crate::text::gate::code_label(&row.label, lang).into_owned();
    if ui.link(strike(label)).clicked() {
        *opened = Some((row.entry_id, row.kind));
    }
    let ink = theme::verdict_ink(row.colour).on(ui.visuals());
    ui.label(
        strike(crate::text::gate::colour_word(row.colour, lang).to_owned())
            .color(ink)
            .strong(),
    );
    let temperature = row
        .temperature
        .map(|t| format!("{t:.1}"))
        .unwrap_or_default();
    ui.label(strike(temperature).color(if row.fever {
        theme::FEVER_INK.on(ui.visuals())
    } else {
        ui.visuals().text_color()
    }));
    let mut decision = decision_label(row.decision, lang).to_owned();
    if row.repeat {
        decision.push_str(words::REPEAT.say(lang));
    }
    if row.practice {
        // Not a person: counted apart and left out of the reports (issue 22).
        decision.push_str(words::PRACTICE_MARK.say(lang));
    }
    ui.label(strike(decision));
    ui.label(strike(
        crate::text::terms::default_name(&row.gate, lang).into_owned(),
    ));
    if row.voided {
        ui.label(words::VOIDED.say(lang));
    } else if ui.button(words::VOID.say(lang)).clicked() {
        *selected = Some(row.entry_id);
    }
}

fn void_ui(ui: &mut egui::Ui, log: &mut LogView, lang: Language, commands: &mut Vec<Command>) {
    let Some(entry_id) = log.selected else {
        return;
    };
    // A volunteer knows an entry by its time and masked name or plate, never by its UUID.
    let named = log
        .rows
        .iter()
        .find(|row| row.entry_id == entry_id)
        .map(|row| format!("{} {}", super::time::clock_text(row.at), row.label))
        .unwrap_or_default();
    ui.group(|ui| {
        ui.label(format!("{} {named}", words::VOID_ENTRY.say(lang)));
        ui.horizontal(|ui| {
            let label = ui.label(words::REASON.say(lang));
            ui.text_edit_singleline(&mut log.void_reason)
                .labelled_by(label.id);
            if ui.button(words::CONFIRM_VOID.say(lang)).clicked() {
                commands.push(Command::VoidEntry {
                    entry_id,
                    reason: log.void_reason.clone(),
                });
            }
            if ui.button(words::KEEP.say(lang)).clicked() {
                log.selected = None;
            }
        });
    });
}
