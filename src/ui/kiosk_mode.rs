//! Kiosk mode's words on screen: the leader's PIN prompt that covers every screen, the warning
//! that the screen cannot be kept awake, and the kiosk options in the setup and Settings. What
//! they do (the lock, the autostart entry, the idle inhibitor) is the app's (`app::kiosk_mode`).

use egui::{RichText, TextEdit};

use super::command::Command;
use crate::config::{KioskConfig, Language};
use crate::text::screens::kiosk_mode as words;

/// What the leader's PIN is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    /// Leave full screen (F11).
    Fullscreen,
    /// Close the window.
    Close,
}

/// The PIN prompt's fields.
#[derive(Debug, Clone)]
pub struct UnlockPrompt {
    pub purpose: Leave,
    pub name: String,
    pub pin: String,
    pub message: Option<crate::text::Said>,
    /// The keyboard goes to the first field to fill (the name when empty, else the PIN): when
    /// the prompt opens and after a refused PIN.
    pub refocus: bool,
}

/// What the volunteer did with the PIN prompt this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptAnswer {
    Waiting,
    /// Unlock pressed (or Enter in the PIN field).
    Check,
    Cancel,
}

/// What the Settings screen's kiosk section shows.
#[derive(Debug, Clone)]
pub struct KioskSettingsView<'a> {
    /// Kiosk mode is on and locked: the options cannot be changed here.
    pub locked: bool,
    /// What keeping the screen awake is doing.
    pub awake_status: String,
    /// The last autostart error.
    pub message: Option<&'a crate::text::Said>,
}

/// The leader's PIN prompt over every screen; `checking`: the PIN is being checked.
pub fn unlock_prompt_ui(
    ui: &mut egui::Ui,
    prompt: &mut UnlockPrompt,
    checking: bool,
    lang: Language,
) -> PromptAnswer {
    let mut check = false;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("kiosk-unlock")).show(ui.ctx(), |ui| {
        ui.heading(
            RichText::new(words::LEAVING_KIOSK_MODE.say(lang)).size(super::theme::scaled(ui, 26.0)),
        );
        // Full-size fields for gloves; Enter in either field checks, as on every other screen.
        let field_size = egui::vec2(360.0, 48.0);
        egui::Grid::new("kiosk-unlock-grid")
            .spacing([12.0, 10.0])
            .show(ui, |ui| {
                let label = ui.label(
                    RichText::new(crate::text::screens::common::LEADER_NAME.say(lang))
                        .size(super::theme::scaled(ui, 22.0)),
                );
                let name = ui
                    .add_sized(
                        field_size,
                        TextEdit::singleline(&mut prompt.name)
                            .char_limit(super::form_ui::FIELD_CHARS)
                            .font(egui::FontId::proportional(super::theme::scaled(ui, 22.0))),
                    )
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(
                    RichText::new(crate::text::screens::common::PIN.say(lang))
                        .size(super::theme::scaled(ui, 22.0)),
                );
                let pin = ui
                    .add_sized(
                        field_size,
                        TextEdit::singleline(&mut prompt.pin)
                            .char_limit(super::form_ui::FIELD_CHARS)
                            .password(true)
                            .font(egui::FontId::proportional(super::theme::scaled(ui, 22.0))),
                    )
                    .labelled_by(label.id);
                ui.end_row();
                if std::mem::take(&mut prompt.refocus) {
                    if prompt.name.trim().is_empty() {
                        name.request_focus();
                    } else {
                        pin.request_focus();
                    }
                }
                let entered = ui.input(|input| input.key_pressed(egui::Key::Enter));
                check |= entered && (pin.lost_focus() || name.lost_focus());
            });
        if let Some(message) = &prompt.message {
            ui.label(
                RichText::new(message.text(lang))
                    .color(super::theme::RED)
                    .size(super::theme::scaled(ui, 20.0)),
            );
        }
        ui.horizontal(|ui| {
            let size = egui::vec2(180.0, 56.0);
            check |= ui
                .add_enabled(
                    !checking,
                    egui::Button::new(
                        RichText::new(crate::text::screens::common::UNLOCK.say(lang))
                            .size(super::theme::scaled(ui, 22.0)),
                    )
                    .min_size(size),
                )
                .clicked();
            cancel = ui
                .add(
                    egui::Button::new(
                        RichText::new(crate::text::passes::REVOKE_NO.say(lang))
                            .size(super::theme::scaled(ui, 22.0)),
                    )
                    .min_size(size),
                )
                .clicked();
        });
    });
    if cancel {
        PromptAnswer::Cancel
    } else if check {
        PromptAnswer::Check
    } else {
        PromptAnswer::Waiting
    }
}

/// The three kiosk options, shared by the setup and Settings. `size` is the text size.
pub fn kiosk_options_ui(ui: &mut egui::Ui, config: &mut KioskConfig, lang: Language, size: f32) {
    for (value, phrase) in [
        (&mut config.kiosk_autostart, words::AUTOSTART),
        (&mut config.keep_screen_awake, words::KEEP_AWAKE),
        (&mut config.kiosk_lock, words::LOCK),
    ] {
        ui.checkbox(value, RichText::new(phrase.say(lang)).size(size));
    }
}

/// The kiosk section of the Settings screen: the options (saved with the other settings), what
/// keeping the screen awake is doing, and the setup again.
pub fn kiosk_settings_ui(
    ui: &mut egui::Ui,
    view: &KioskSettingsView,
    draft: Option<&mut KioskConfig>,
    lang: Language,
    commands: &mut Vec<Command>,
) {
    ui.separator();
    ui.label(RichText::new(crate::text::screens::common::KIOSK_MODE.say(lang)).strong());
    // Settings are open to everyone at the gate: while locked, the lock cannot be switched off
    // here, only left with a leader's PIN.
    let locked = view.locked;
    if locked {
        ui.label(words::KIOSK_MODE_LOCKED.say(lang));
    }
    ui.add_enabled_ui(!locked, |ui| {
        if let Some(draft) = draft {
            let size = super::theme::scaled(ui, 18.0);
            kiosk_options_ui(ui, draft, lang, size);
        }
        if ui.button(words::RUN_FIRST_RUN.say(lang)).clicked() {
            commands.push(Command::RunSetupAgain);
        }
    });
    ui.label(&view.awake_status);
    if let Some(message) = view.message {
        ui.label(RichText::new(message.text(lang)).color(super::theme::RED));
    }
}
