//! The Shift screen: sign in, open a shift (leaders), hand over and close it, export the report.

use egui::{RichText, TextEdit};

use chrono::Local;

use super::command::Command;
use super::exchange_view::ExchangeView;
use super::report_view::ReportPanel;
use super::view_ctx::ViewCtx;
use super::{exchange_view, report_view, theme, time};
use crate::config::Language;
use crate::model::roster::{parse_roster, slot_at};
use crate::model::{Operator, Role, Shift};
use crate::text::screens::shift_screen as words;

/// Sign-in and handover fields.
#[derive(Debug, Clone, Default)]
pub struct ShiftView {
    pub name: String,
    pub leader: bool,
    pub pin: String,
    /// The PIN again: a new leader is created only when both match.
    pub pin_again: String,
    /// An existing leader vouching for a new one: their name and PIN.
    pub sponsor_name: String,
    pub sponsor_pin: String,
    /// A refused PIN: the next frame puts the keyboard back into the PIN field.
    pub focus_pin: bool,
    pub handover_note: String,
    pub message: Option<crate::text::Said>,
    /// "交班并结束班次" was pressed once: the confirm and cancel buttons show.
    pub confirm_close: bool,
}

/// What the Shift screen draws and edits.
pub struct ShiftScreen<'a> {
    pub view: &'a mut ShiftView,
    /// Who is working the gate.
    pub signed_in: Option<&'a Operator>,
    /// The open shift at this checkpoint.
    pub shift: Option<&'a Shift>,
    /// The shift closed last at this checkpoint: the incoming leader reads its handover note.
    pub previous: Option<&'a Shift>,
    pub report: ReportPanel<'a>,
    pub exchange: ExchangeView<'a>,
}

pub fn shift_screen_ui(
    ui: &mut egui::Ui,
    screen: &mut ShiftScreen,
    ctx: &ViewCtx,
    commands: &mut Vec<Command>,
) {
    let lang = ctx.lang;
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(crate::text::office::SHIFT.say(lang));
            super::layout::message_slot(
                ui,
                2.0,
                screen
                    .view
                    .message
                    .as_ref()
                    .map(|message| RichText::new(message.text(lang)).strong()),
            );
            sign_in_ui(ui, screen, lang, commands);
            ui.separator();
            previous_note_ui(ui, screen.previous, lang);
            roster_ui(ui, screen.shift, ctx);
            shift_ui(ui, screen, lang, commands);
            ui.separator();
            report_view::report_ui(ui, &mut screen.report, lang, commands);
            ui.separator();
            exchange_view::exchange_ui(ui, &mut screen.exchange, lang, commands);
        });
    });
}

fn sign_in_ui(
    ui: &mut egui::Ui,
    screen: &mut ShiftScreen,
    lang: Language,
    commands: &mut Vec<Command>,
) {
    if let Some(operator) = screen.signed_in {
        let role = match operator.role {
            Role::Leader => words::SHIFT_LEADER.say(lang),
            Role::Volunteer => words::VOLUNTEER.say(lang),
        };
        ui.label(format!(
            "{} {} ({role})",
            words::ON_DUTY.say(lang),
            operator.name
        ));
    }
    let view = &mut *screen.view;
    let mut entered = false;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(crate::text::report::NAME.say(lang));
        let name = ui
            .add(
                TextEdit::singleline(&mut view.name)
                    .char_limit(super::form_ui::FIELD_CHARS)
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
        entered |= submitted(ui, &name);
        ui.checkbox(&mut view.leader, words::SHIFT_LEADER_TITLE.say(lang));
        if view.leader {
            let pin = pin_field(
                ui,
                crate::text::screens::common::PIN.say(lang),
                &mut view.pin,
            );
            if std::mem::take(&mut view.focus_pin) {
                pin.request_focus();
            }
            entered |= submitted(ui, &pin);
            let again = pin_field(ui, words::PIN_AGAIN.say(lang), &mut view.pin_again);
            entered |= submitted(ui, &again);
        }
        let sign_in = egui::Button::new(words::SIGN_IN.say(lang)).min_size(egui::vec2(96.0, 48.0));
        if ui.add(sign_in).clicked() {
            entered = true;
        }
    });
    if view.leader {
        ui.label(words::KNOWN_LEADER_TYPES.say(lang));
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(words::CONFIRMING_LEADER.say(lang));
            let sponsor = ui
                .add(
                    TextEdit::singleline(&mut view.sponsor_name)
                        .char_limit(super::form_ui::FIELD_CHARS)
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
            entered |= submitted(ui, &sponsor);
            let pin = pin_field(ui, words::THEIR_PIN.say(lang), &mut view.sponsor_pin);
            entered |= submitted(ui, &pin);
        });
    }
    if entered {
        commands.push(Command::SignIn);
    }
}

/// A PIN field wide enough for six digits at arm's length, named for screen readers.
fn pin_field(ui: &mut egui::Ui, label: &str, pin: &mut String) -> egui::Response {
    let label = ui.label(label);
    ui.add(
        TextEdit::singleline(pin)
            .char_limit(super::form_ui::FIELD_CHARS)
            .password(true)
            .desired_width(140.0),
    )
    .labelled_by(label.id)
}

/// Enter pressed in this field (it gave the keyboard up on Enter).
fn submitted(ui: &egui::Ui, field: &egui::Response) -> bool {
    field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter))
}

/// The last handover note at this checkpoint, for the leader taking over.
fn previous_note_ui(ui: &mut egui::Ui, previous: Option<&Shift>, lang: Language) {
    let Some(previous) = previous else {
        return;
    };
    let note = previous
        .handover_note
        .as_deref()
        .map(str::trim)
        .filter(|note| !note.is_empty())
        .unwrap_or_else(|| words::NO_HANDOVER_NOTE.say(lang));
    let closed = previous
        .closed_at
        .map(time::log_time_text)
        .unwrap_or_default();
    ui.label(
        RichText::new(format!(
            "{} {} {closed}：",
            words::LAST_HANDOVER_NOTE.say(lang),
            previous.leader
        ))
        .strong(),
    );
    ui.label(RichText::new(note).size(super::theme::scaled(ui, 20.0)));
    ui.separator();
}

fn shift_ui(
    ui: &mut egui::Ui,
    screen: &mut ShiftScreen,
    lang: Language,
    commands: &mut Vec<Command>,
) {
    let is_leader = screen
        .signed_in
        .is_some_and(|operator| operator.role == Role::Leader);
    match screen.shift {
        None => {
            ui.label(words::NO_SHIFT_OPEN.say(lang));
            if is_leader
                && ui
                    .button(
                        RichText::new(words::OPEN_SHIFT.say(lang))
                            .size(super::theme::scaled(ui, 22.0)),
                    )
                    .clicked()
            {
                commands.push(Command::OpenShift);
            }
        }
        Some(shift) => {
            ui.label(format!(
                "{} #{} · {} {} · {} {}",
                crate::text::office::SHIFT.say(lang),
                shift.shift_id,
                words::LEADER.say(lang),
                shift.leader,
                words::OPENED.say(lang),
                time::log_time_text(shift.opened_at)
            ));
            let label = ui.label(words::HANDOVER_NOTE_PEOPLE.say(lang));
            ui.add(
                TextEdit::multiline(&mut screen.view.handover_note)
                    .char_limit(super::form_ui::NOTE_CHARS)
                    .desired_rows(3)
                    .desired_width(600.0),
            )
            .labelled_by(label.id);
            if is_leader {
                close_buttons_ui(ui, screen, lang, commands);
            }
        }
    }
}

/// "交班并结束班次" asks first; a second, different button (red "确认交班") closes the shift.
fn close_buttons_ui(
    ui: &mut egui::Ui,
    screen: &mut ShiftScreen,
    lang: Language,
    commands: &mut Vec<Command>,
) {
    if !screen.view.confirm_close {
        let close = egui::Button::new(
            RichText::new(words::HAND_OVER_CLOSE.say(lang)).size(super::theme::scaled(ui, 22.0)),
        )
        .min_size(egui::vec2(48.0, 48.0));
        if ui.add(close).clicked() {
            screen.view.confirm_close = true;
        }
        return;
    }
    ui.label(
        RichText::new(words::CLOSE_SHIFT_NOTHING.say(lang))
            .size(super::theme::scaled(ui, 20.0))
            .strong()
            .color(theme::FEVER),
    );
    ui.horizontal(|ui| {
        let confirm = egui::Button::new(
            RichText::new(words::YES_HAND_OVER.say(lang))
                .size(super::theme::scaled(ui, 22.0))
                .color(egui::Color32::WHITE),
        )
        .fill(theme::RED)
        .min_size(egui::vec2(48.0, 48.0));
        if ui.add(confirm).clicked() {
            commands.push(Command::CloseShift);
        }
        let cancel = egui::Button::new(
            RichText::new(words::CANCEL_KEEP_SHIFT.say(lang)).size(super::theme::scaled(ui, 22.0)),
        )
        .min_size(egui::vec2(48.0, 48.0));
        if ui.add(cancel).clicked() {
            screen.view.confirm_close = false;
        }
    });
}

/// Which rostered shift it is now, and a reminder once the open shift's time is over.
fn roster_ui(ui: &mut egui::Ui, shift: Option<&Shift>, ctx: &ViewCtx) {
    let lang = ctx.lang;
    let roster = match parse_roster(&ctx.config.shift_roster) {
        Ok(roster) => roster,
        Err(error) => {
            let said = crate::text::Bilingual::said(&error);
            let text = said.text(lang);
            let hint = words::FIX_ROSTER_KIOSK.say(lang);
            ui.colored_label(theme::RED, format!("{text}{hint}"));
            return;
        }
    };
    let now = ctx.now.with_timezone(&Local);
    let current = slot_at(&roster, now.time());
    if let Some(slot) = current {
        let name = crate::text::terms::default_name(&slot.name, lang);
        ui.label(format!(
            "{} {}",
            words::ROSTER.say(lang),
            slot.label_named(&name)
        ));
    }
    let Some(shift) = shift else {
        return;
    };
    // Leaders open a little early: the shift belongs to the slot half an hour after it opened.
    let grace = chrono::Duration::minutes(30);
    let opened_in = slot_at(
        &roster,
        (shift.opened_at + grace).with_timezone(&Local).time(),
    );
    let running = ctx.now - shift.opened_at;
    let over = running > chrono::Duration::hours(24)
        || (running > grace && opened_in.is_some_and(|opened| Some(opened) != current));
    if over {
        let slot = opened_in
            .map(crate::model::roster::RosterSlot::label)
            .unwrap_or_default();
        let text = words::handover_due(&slot, lang);
        ui.label(
            RichText::new(text)
                .size(super::theme::scaled(ui, 20.0))
                .strong()
                .color(theme::FEVER),
        );
    }
}
