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
            ui.heading(lang.pick("班次", "Shift"));
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
            Role::Leader => lang.pick("班长", "shift leader"),
            Role::Volunteer => lang.pick("志愿者", "volunteer"),
        };
        ui.label(format!(
            "{} {} ({role})",
            lang.pick("当前值守：", "On duty:"),
            operator.name
        ));
    }
    let view = &mut *screen.view;
    let mut entered = false;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(lang.pick("姓名", "Name"));
        let name = ui
            .add(
                TextEdit::singleline(&mut view.name)
                    .char_limit(super::form_ui::FIELD_CHARS)
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
        entered |= submitted(ui, &name);
        ui.checkbox(&mut view.leader, lang.pick("班长", "Shift leader"));
        if view.leader {
            let pin = pin_field(ui, lang.pick("密码（PIN）", "PIN"), &mut view.pin);
            if std::mem::take(&mut view.focus_pin) {
                pin.request_focus();
            }
            entered |= submitted(ui, &pin);
            let again = pin_field(ui, lang.pick("再输一遍", "PIN again"), &mut view.pin_again);
            entered |= submitted(ui, &again);
        }
        let sign_in =
            egui::Button::new(lang.pick("签到", "Sign in")).min_size(egui::vec2(96.0, 48.0));
        if ui.add(sign_in).clicked() {
            entered = true;
        }
    });
    if view.leader {
        ui.label(lang.pick(
            "已有班长只填姓名和密码。新班长：密码输入两遍，并请一位现任班长在下面输入姓名和密码确认。",
            "A known leader types name and PIN only. A new leader types the PIN twice, and an existing leader confirms below with their name and PIN.",
        ));
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(lang.pick("确认的现任班长", "Confirming leader"));
            let sponsor = ui
                .add(
                    TextEdit::singleline(&mut view.sponsor_name)
                        .char_limit(super::form_ui::FIELD_CHARS)
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
            entered |= submitted(ui, &sponsor);
            let pin = pin_field(
                ui,
                lang.pick("其密码（PIN）", "Their PIN"),
                &mut view.sponsor_pin,
            );
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
        .unwrap_or_else(|| lang.pick("（没有写交班说明）", "(no handover note)"));
    let closed = previous
        .closed_at
        .map(time::log_time_text)
        .unwrap_or_default();
    ui.label(
        RichText::new(format!(
            "{} {} {closed}：",
            lang.pick("上一班交班说明 · 班长", "Last handover note · leader"),
            previous.leader
        ))
        .strong(),
    );
    ui.label(RichText::new(note).size(20.0));
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
            ui.label(lang.pick(
                "当前没有开班：现在登记的人和车，会归入今天下一个开的班次",
                "No shift is open: people and vehicles registered now go into the next shift opened today",
            ));
            if is_leader
                && ui
                    .button(RichText::new(lang.pick("开班", "Open shift")).size(22.0))
                    .clicked()
            {
                commands.push(Command::OpenShift);
            }
        }
        Some(shift) => {
            ui.label(format!(
                "{} #{} · {} {} · {} {}",
                lang.pick("班次", "Shift"),
                shift.shift_id,
                lang.pick("班长", "leader"),
                shift.leader,
                lang.pick("开班时间", "opened"),
                time::log_time_text(shift.opened_at)
            ));
            let label = ui.label(lang.pick(
                "交班说明（移交人员、引导车辆、待办）",
                "Handover note (people referred, vehicles diverted, open issues)",
            ));
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
            RichText::new(lang.pick("交班并结束班次", "Hand over and close")).size(22.0),
        )
        .min_size(egui::vec2(48.0, 48.0));
        if ui.add(close).clicked() {
            screen.view.confirm_close = true;
        }
        return;
    }
    ui.label(
        RichText::new(lang.pick(
            "确认结束本班次？结束后不能再登记到本班；交班说明写入本班报表，报表（Excel、CSV、JSON、打印页）随即导出到所选位置（插着U盘就导出到U盘）。",
            "Close this shift? Nothing more can be recorded in it; the handover note goes into its report, which is then exported (Excel, CSV, JSON, printable page) to the chosen place (the USB stick when one is plugged in).",
        ))
        .size(20.0)
        .strong()
        .color(theme::FEVER),
    );
    ui.horizontal(|ui| {
        let confirm = egui::Button::new(
            RichText::new(lang.pick("确认交班并导出", "Yes, hand over and export"))
                .size(22.0)
                .color(egui::Color32::WHITE),
        )
        .fill(theme::RED)
        .min_size(egui::vec2(48.0, 48.0));
        if ui.add(confirm).clicked() {
            commands.push(Command::CloseShift);
        }
        let cancel = egui::Button::new(
            RichText::new(lang.pick("取消，继续值班", "Cancel, keep the shift open")).size(22.0),
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
            let text = match lang {
                Language::ZhCn => error.zh(),
                Language::En => error.to_string(),
            };
            let hint = lang.pick(
                "（请在 kiosk.toml 中修正排班）",
                " (fix the roster in kiosk.toml)",
            );
            ui.colored_label(theme::RED, format!("{text}{hint}"));
            return;
        }
    };
    let now = ctx.now.with_timezone(&Local);
    let current = slot_at(&roster, now.time());
    if let Some(slot) = current {
        ui.label(format!(
            "{} {}",
            lang.pick("排班：", "Roster:"),
            slot.label()
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
        let text = match lang {
            Language::ZhCn => format!("已到交班时间：{slot} 已结束，请写好交班说明并交班。"),
            Language::En => {
                format!("Handover is due: {slot} is over; write the handover note and close.")
            }
        };
        ui.label(RichText::new(text).size(20.0).strong().color(theme::FEVER));
    }
}
