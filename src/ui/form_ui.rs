//! The person's form beside the picture: code, colour, temperature, direction, decision.

use egui::{RichText, TextEdit};

use super::command::Command;
use super::view_ctx::ViewCtx;
use super::widgets::big_button;
use super::{theme, time};
use crate::config::Language;
use crate::gate::{Banner, FormMessage, GateStatus, PersonForm};
use crate::text::gate as text;
use crate::text::screens::form_ui as words;

use crate::model::records::ReuseConflict;
use crate::model::risk::RiskList;
use crate::model::{Decision, Direction, FeverThreshold, HealthColour, MeasureMethod, RepeatHit};

/// Heights of the fixed slots above the keypad: a line that appears or goes never moves the
/// keypad or the confirm button under a finger.
const STATUS_SLOT: f32 = 32.0;
const QUEUE_SLOT: f32 = 52.0;
/// The form's message ("re-measure", "pick the colour", an error): up to three lines.
const MESSAGE_SLOT: f32 = 96.0;
/// Gloved fingers: no target on the gate screens is smaller than this.
pub const MIN_TARGET: f32 = 48.0;
pub use super::widgets::FIELD_CHARS;
/// Folder and file paths.
pub const PATH_CHARS: usize = 1024;
/// The handover note.
pub const NOTE_CHARS: usize = 2000;
/// Rows of body text the form's details need to show their first lines in place; with less
/// room they open from "More".
const DETAILS_ROWS: f32 = 8.0;
const KEYPAD_KEY: egui::Vec2 = egui::vec2(72.0, 54.0);

/// The person's check as the form column shows it, prepared by the app each frame.
pub struct GateView<'a> {
    /// The person being checked; `None` while waiting for the next code.
    pub form: Option<&'a mut PersonForm>,
    /// What the form still needs ("type the temperature", "re-measure").
    pub message: Option<&'a FormMessage>,
    pub status: GateStatus,
    /// The banner of the last person saved, in their outcome's colour.
    pub saved_outcome: Option<Banner>,
    /// Seen within the repeat window.
    pub repeat: Option<&'a RepeatHit>,
    /// A checkpoint pass just used at another gate: lent out or copied.
    pub pass_reuse: Option<&'a ReuseConflict>,
    /// The vehicle whose passengers are scanned one by one.
    pub boarding: Option<Boarding<'a>>,
    /// The next code waiting (its label) and how many wait.
    pub queue: Option<(&'a str, usize)>,
    /// The imported list of risk areas, for the origin field.
    pub risks: &'a RiskList,
}

/// A vehicle whose passengers are being registered.
#[derive(Debug, Clone, Copy)]
pub struct Boarding<'a> {
    pub plate: &'a str,
    /// Passengers saved so far.
    pub saved: u32,
    pub on_board: u32,
}

pub fn form_ui(ui: &mut egui::Ui, gate: &mut GateView, ctx: &ViewCtx, commands: &mut Vec<Command>) {
    let lang = ctx.lang;
    slot(ui, STATUS_SLOT, |ui| status_line(ui, gate, lang));
    slot(ui, QUEUE_SLOT, |ui| queue_line(ui, gate, lang, commands));
    let repeat = gate.repeat;
    let pass_reuse = gate.pass_reuse;
    let message = gate.message.map(|message| message.text(lang));
    let threshold = ctx.config.fever_threshold_celsius;
    let own_checkpoint = ctx.config.checkpoint_id.clone();
    let risks = gate.risks;
    let Some(form) = gate.form.as_deref_mut() else {
        idle_ui(ui, lang);
        return;
    };
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            keypad_ui(ui, &mut form.temperature_text);
            // Confirm sits right under the keypad: it is what the volunteer presses next.
            ui.horizontal(|ui| {
                if big_button(ui, words::CONFIRM_ENTER.say(lang)).clicked() {
                    commands.push(Command::ConfirmPerson);
                }
                if ui
                    .add(
                        egui::Button::new(words::CANCEL_ESC.say(lang))
                            .min_size(egui::vec2(MIN_TARGET, MIN_TARGET)),
                    )
                    .clicked()
                {
                    commands.push(Command::CancelPerson);
                }
            });
        });
        ui.vertical(|ui| {
            temperature_ui(ui, form, lang);
            colour_ui(ui, form, lang, commands);
            // What stops or marks this person stands in the slot kept under the colour, never
            // behind "More" (at 1366×768 the details fold away) and without pushing anything
            // down: what the form still needs first, then a repeat, then the practice mark.
            slot(ui, MESSAGE_SLOT, |ui| {
                if let Some(message) = message {
                    slot_line(ui, message, theme::FEVER_INK);
                }
                warnings_ui(ui, repeat, pass_reuse, &own_checkpoint, lang);
                practice_mark_ui(ui, form, lang);
            });
        });
    });
    let mut details = |ui: &mut egui::Ui| {
        egui::ScrollArea::vertical()
            .id_salt("form-details")
            .show(ui, |ui| {
                code_ui(ui, form, lang);
                direction_ui(ui, form, lang, commands);
                super::origin_ui::travel_ui(ui, &mut form.travel_star, lang);
                let risky = super::origin_ui::origin_ui(ui, &mut form.origin, risks, lang);
                form.origin_risky = risky;
                decision_ui(ui, form, lang, threshold);
            });
    };
    // A short window (1280×720 under a title bar, the largest font): what is left waits behind
    // a visible "More", so the temperature, colour and confirm are never pushed out of sight.
    let row = ui.text_style_height(&egui::TextStyle::Body);
    if ui.available_height() >= row * DETAILS_ROWS {
        details(ui);
    } else {
        egui::CollapsingHeader::new(
            RichText::new(crate::text::layout::MORE.say(lang))
                .size(theme::scaled(ui, 22.0))
                .strong(),
        )
        .id_salt("form-more")
        .show(ui, details);
    }
}

/// A strip of fixed height: what `add` draws is clipped to it, and when it draws nothing the
/// space stays, so whatever follows keeps its place.
pub fn slot(ui: &mut egui::Ui, height: f32, add: impl FnOnce(&mut egui::Ui)) {
    let size = egui::vec2(ui.available_width(), height);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    child.set_clip_rect(rect.intersect(ui.clip_rect()));
    add(&mut child);
}

/// While a vehicle's passengers are scanned, each saved person is linked to it; otherwise the
/// codes waiting behind the current person.
fn queue_line(ui: &mut egui::Ui, gate: &GateView, lang: Language, commands: &mut Vec<Command>) {
    if let Some(Boarding {
        plate,
        saved,
        on_board,
    }) = gate.boarding
    {
        let current = saved.saturating_add(1).min(on_board.max(1));
        let text = words::boarding(plate, current, on_board, lang);
        let mut finish = false;
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(text)
                    .size(22.0)
                    .color(theme::DIVERT_INK.on(ui.visuals()))
                    .strong(),
            );
            finish = ui
                .add(
                    egui::Button::new(words::ALL_PASSENGERS_DONE.say(lang))
                        .min_size(egui::vec2(MIN_TARGET, MIN_TARGET)),
                )
                .clicked();
        });
        if finish {
            commands.push(Command::FinishBoarding);
        }
        return;
    }
    if let Some((next, waiting)) = gate.queue {
        let text = words::next_waiting(next, waiting, lang);
        ui.add(egui::Label::new(RichText::new(text).size(20.0)).truncate());
    }
}

fn idle_ui(ui: &mut egui::Ui, lang: Language) {
    ui.add_space(24.0);
    ui.label(RichText::new(words::HOLD_HEALTH_CODE.say(lang)).size(28.0));
    ui.label(words::HARDWARE_SCANNER_SCREENSHOT.say(lang));
}

fn status_line(ui: &mut egui::Ui, gate: &GateView, lang: Language) {
    let saved = gate
        .saved_outcome
        .as_ref()
        .map(|saved| saved_line(saved, lang));
    let (text, colour) = match (&gate.status, saved) {
        (GateStatus::Saving, _) => (text::SAVING.say(lang).to_owned(), theme::GREY_INK),
        (GateStatus::Failed { message }, _) => (message.text(lang).to_owned(), theme::RED_INK),
        // The saved line says what happened to the person, in their outcome's colour.
        (GateStatus::Saved { .. }, Some(saved)) => saved,
        (GateStatus::Idle | GateStatus::Checking, Some((text, colour))) => {
            (format!("{} {text}", text::PREVIOUS.say(lang)), colour)
        }
        (_, None) => return,
    };
    let colour = colour.on(ui.visuals());
    ui.add(egui::Label::new(RichText::new(text).size(22.0).color(colour).strong()).truncate());
}

/// "▲ 已保存 20:48 …ZC1H · 黄码 移交" in the colour of that person's outcome, behind its shape
/// (√ passed, × stopped…), never a tick before a stop.
fn saved_line(banner: &Banner, lang: Language) -> (String, theme::Ink) {
    let symbol = theme::tone_symbol(banner.tone);
    let text = format!("{symbol} {}", banner.headline.text(lang))
        .trim_start()
        .to_owned();
    (text, theme::tone_ink(banner.tone))
}

/// A repeat (where and when this person was seen) and a pass used at another gate a moment ago:
/// what stops the person, so beside the temperature and never behind "More".
fn warnings_ui(
    ui: &mut egui::Ui,
    repeat: Option<&crate::model::RepeatHit>,
    pass_reuse: Option<&crate::model::records::ReuseConflict>,
    own_checkpoint: &str,
    lang: Language,
) {
    if let Some(hit) = repeat {
        let place = crate::text::gate::repeat_place(hit, own_checkpoint);
        let text = words::repeat(&time::clock_text(hit.at), place.text(lang), lang);
        slot_line(ui, text, theme::DIVERT_INK);
    }
    if let Some(conflict) = pass_reuse {
        let said =
            crate::text::passes::reuse_warning(conflict.minutes_apart, &conflict.previous_gate);
        slot_line(ui, said.text(lang), theme::RED_INK);
    }
}

/// One line of the message slot: large, strong, in its ink, wrapped (the slot clips it).
fn slot_line(ui: &mut egui::Ui, text: impl Into<String>, ink: theme::Ink) {
    ui.add(
        egui::Label::new(
            RichText::new(text.into())
                .size(22.0)
                .color(ink.on(ui.visuals()))
                .strong(),
        )
        .wrap(),
    );
}

/// "练习画面：…不是真人" on a code read from the demo feed or `run --feed` pictures.
fn practice_mark_ui(ui: &mut egui::Ui, form: &PersonForm, lang: Language) {
    let Some(source) = form.scan.as_ref().and_then(|scan| scan.practice) else {
        return;
    };
    ui.add(
        egui::Label::new(
            RichText::new(words::practice_code(source).say(lang))
                .color(theme::DIVERT_INK.on(ui.visuals()))
                .strong(),
        )
        .wrap(),
    );
}

fn code_ui(ui: &mut egui::Ui, form: &PersonForm, lang: Language) {
    let Some(scan) = &form.scan else { return };
    let label = crate::text::gate::code_label(&scan.label, lang);
    ui.label(RichText::new(label).size(22.0).monospace());
    let verified = match scan.valid {
        Some(true) => words::VERIFIED_OFFLINE_VALID.say(lang),
        Some(false) => words::VERIFIED_OFFLINE_INVALID.say(lang),
        None => words::CANNOT_VERIFIED_OFFLINE.say(lang),
    };
    ui.label(format!(
        "{} · {verified}",
        crate::text::gate::format_name(scan.format, lang)
    ));
    // Reasons are alarming only when a signed code failed its checks.
    let reason_colour = if scan.valid == Some(false) {
        theme::RED_INK.on(ui.visuals())
    } else {
        ui.visuals().text_color()
    };
    for reason in &scan.reasons {
        ui.label(RichText::new(format!("• {}", reason.text(lang))).color(reason_colour));
    }
}

/// The colours a volunteer can confirm by hand, in the order of their buttons.
pub const COLOUR_CHOICES: [HealthColour; 3] =
    [HealthColour::Green, HealthColour::Yellow, HealthColour::Red];

fn colour_ui(ui: &mut egui::Ui, form: &PersonForm, lang: Language, commands: &mut Vec<Command>) {
    // Wrapped: at a large font or in English the third colour goes to the next line rather
    // than past the window's edge.
    ui.horizontal_wrapped(|ui| {
        ui.label(words::CODE_COLOUR.say(lang));
        for colour in COLOUR_CHOICES {
            let label = crate::text::terms::colour(colour).say(lang);
            if big_choice(ui, form.colour == colour, label).clicked() {
                commands.push(Command::ConfirmColour(colour));
            }
        }
    });
}

fn temperature_ui(ui: &mut egui::Ui, form: &mut PersonForm, lang: Language) {
    ui.horizontal(|ui| {
        let label =
            ui.label(RichText::new(crate::text::screens::common::TEMPERATURE.say(lang)).size(22.0));
        // Shown, not focused: the keys reach it whatever has focus (see `keys`), so a click on
        // a radio or a colour can never swallow the next person's digits.
        let edit = TextEdit::singleline(&mut form.temperature_text)
            .char_limit(FIELD_CHARS)
            .desired_width(120.0)
            .font(egui::TextStyle::Heading)
            .hint_text("36.5")
            .interactive(false);
        ui.add(edit).labelled_by(label.id);
    });
    ui.horizontal_wrapped(|ui| {
        for method in MeasureMethod::ALL {
            let label = crate::text::terms::method(method).say(lang);
            if big_choice(ui, form.method == method, label).clicked() {
                form.method = method;
            }
        }
    });
    for reading in &form.readings {
        ui.label(format!(
            "{} {}",
            words::FIRST_READING.say(lang),
            reading.celsius
        ));
    }
}

/// Large on-screen keys for gloves and touch screens.
fn keypad_ui(ui: &mut egui::Ui, text: &mut String) {
    egui::Grid::new("keypad")
        .spacing([6.0, 6.0])
        .show(ui, |ui| {
            for row in [
                ["7", "8", "9"],
                ["4", "5", "6"],
                ["1", "2", "3"],
                [".", "0", "←"],
            ] {
                for key in row {
                    let button =
                        egui::Button::new(RichText::new(key).size(26.0)).min_size(KEYPAD_KEY);
                    if ui.add(button).clicked() {
                        if key == "←" {
                            text.pop();
                        } else if text.len() < 5 {
                            text.push_str(key);
                        }
                    }
                }
                ui.end_row();
            }
        });
}

fn direction_ui(ui: &mut egui::Ui, form: &PersonForm, lang: Language, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        for (direction, label) in [
            (
                Direction::In,
                crate::text::terms::direction(Direction::In).say(lang),
            ),
            (
                Direction::Out,
                crate::text::terms::direction(Direction::Out).say(lang),
            ),
        ] {
            if big_choice(ui, form.direction == direction, label).clicked() {
                commands.push(Command::SetDirection(direction));
            }
        }
    });
}

fn decision_ui(
    ui: &mut egui::Ui,
    form: &mut PersonForm,
    lang: Language,
    threshold: FeverThreshold,
) {
    let fever = crate::model::Celsius::parse_shorthand(&form.temperature_text)
        .is_ok_and(|c| c.is_fever(threshold));
    let current = form.decision(fever);
    ui.horizontal_wrapped(|ui| {
        ui.label(crate::text::screens::common::DECISION.say(lang));
        for decision in [
            Decision::Pass,
            Decision::Deny,
            Decision::Refer,
            Decision::Divert,
        ] {
            if big_choice(ui, current == decision, decision_label(decision, lang)).clicked() {
                form.decision_override = Some(decision);
            }
        }
    });
}

/// One word per decision, the same as the log and the exports (`text::terms`).
pub fn decision_label(decision: Decision, lang: Language) -> &'static str {
    crate::text::terms::decision(decision).say(lang)
}

/// A choice (colour, method, direction, decision) as a button big enough for gloves.
pub fn big_choice(ui: &mut egui::Ui, selected: bool, label: &str) -> egui::Response {
    ui.add(
        egui::Button::selectable(selected, RichText::new(label).size(22.0))
            .min_size(egui::vec2(MIN_TARGET, MIN_TARGET)),
    )
}
