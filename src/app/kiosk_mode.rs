//! Kiosk mode around the screens: start full screen at login (the autostart entry follows the
//! setting), keep the screen awake while a shift is open, and leave full screen or close the
//! window only with a shift leader's PIN when the lock is on. File and database work runs on
//! background threads; the idle inhibitor has its own. The prompt and the options are drawn by
//! `ui::kiosk_mode`.

use super::kiosk_mode_state::KioskMode;
use super::state::KioskApp;
use super::store_requests::CheckLeaderPin;
use crate::config::{KioskConfig, Language};
use crate::desktop::IdleInhibitor;
use crate::text::{Bilingual, Said};
use crate::ui::kiosk_mode::{Leave, PromptAnswer, UnlockPrompt, unlock_prompt_ui};

/// Once per frame and while the window is hidden, after polling: keep the autostart entry and
/// the idle inhibitor in line with the settings and the shift, and take the background results.
pub(crate) fn kiosk_mode_logic(ctx: &egui::Context, app: &mut KioskApp) {
    sync_autostart(app);
    let want_awake = app.services.config.keep_screen_awake && app.duty.shift.is_some();
    match (want_awake, app.kiosk.inhibitor.is_some()) {
        (true, false) => {
            let reason = "checkpoint-kiosk: a shift is open at the gate";
            app.kiosk.inhibitor = Some(IdleInhibitor::start(reason, app.services.wake()));
        }
        (false, true) => app.kiosk.inhibitor = None,
        _ => {}
    }
    if let Some(result) = app.kiosk.pin_answer.take() {
        accept_unlock(ctx, app, result);
    }
    if let Some(Err(message)) = app.kiosk.autostart_job.take() {
        app.kiosk.message = Some(message);
    }
}

/// Once per frame, after the screens: stop closes while locked, and draw the PIN prompt.
pub(crate) fn kiosk_mode_ui(ui: &mut egui::Ui, app: &mut KioskApp) {
    let close_requested = ui.input(|input| input.viewport().close_requested());
    if close_requested && !app.kiosk.close_allowed && app.kiosk.is_locked(&app.services.config) {
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::CancelClose);
        ask_for_pin(app, Leave::Close);
    }
    unlock_prompt(ui, app);
}

/// Draws the PIN prompt when it is up, and has the PIN checked on the store thread: the
/// database the window unlocked, with its passphrase, and the wait after wrong PINs.
fn unlock_prompt(ui: &mut egui::Ui, app: &mut KioskApp) {
    let lang = app.lang;
    let checking = app.kiosk.checking_pin;
    let Some(prompt) = &mut app.kiosk.unlock else {
        return;
    };
    match unlock_prompt_ui(ui, prompt, checking, lang) {
        PromptAnswer::Waiting => {}
        PromptAnswer::Cancel => app.kiosk.unlock = None,
        PromptAnswer::Check if checking => {}
        PromptAnswer::Check => {
            let check = CheckLeaderPin {
                name: prompt.name.clone(),
                pin: prompt.pin.clone(),
                at: app.services.now(),
            };
            app.kiosk.checking_pin = true;
            app.ask(check, |app, result| {
                app.kiosk.checking_pin = false;
                app.kiosk.pin_answer = Some(result.map_err(|error| error.said()));
                app.services.wake()();
            });
        }
    }
}

/// What the Settings screen's kiosk section shows of the kiosk mode.
pub(crate) fn kiosk_settings_view<'a>(
    kiosk: &'a KioskMode,
    config: &KioskConfig,
    lang: Language,
) -> crate::ui::kiosk_mode::KioskSettingsView<'a> {
    crate::ui::kiosk_mode::KioskSettingsView {
        locked: kiosk.is_locked(config),
        awake_status: kiosk.awake_status(lang),
        message: kiosk.message.as_ref(),
    }
}

/// F11: enter kiosk mode, or leave it (asking for a PIN when locked).
pub(crate) fn toggle_fullscreen(ui: &egui::Ui, app: &mut KioskApp) {
    let fullscreen = ui.input(|input| input.viewport().fullscreen.unwrap_or(false));
    if fullscreen || app.kiosk.active {
        if app.kiosk.is_locked(&app.services.config) {
            ask_for_pin(app, Leave::Fullscreen);
            return;
        }
        app.kiosk.active = false;
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
    } else {
        app.kiosk.active = true;
        ui.ctx()
            .send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }
}

fn ask_for_pin(app: &mut KioskApp, purpose: Leave) {
    if app.kiosk.unlock.is_none() {
        app.kiosk.unlock = Some(UnlockPrompt {
            purpose,
            name: String::new(),
            pin: String::new(),
            message: None,
            refocus: true,
        });
    }
}

fn sync_autostart(app: &mut KioskApp) {
    let wanted = app.services.config.kiosk_autostart;
    if wanted == app.kiosk.autostart_synced || app.kiosk.autostart_job.is_running() {
        return;
    }
    app.kiosk.autostart_synced = wanted;
    let place = app.kiosk.autostart.clone();
    let data_dir = app.services.data_dir.root().to_path_buf();
    let started = app
        .kiosk
        .autostart_job
        .start("autostart", app.services.wake(), move || {
            let entry = place.resolve().map_err(|error| error.said())?;
            let result = if wanted {
                // The system says why it cannot name this program in English only.
                let program =
                    std::env::current_exe().map_err(|error| Said::same(error.to_string()))?;
                entry.enable(&program, Some(&data_dir))
            } else {
                entry.disable()
            };
            result.map_err(|error| error.said())
        });
    if let Err(error) = started {
        app.kiosk.message = Some(Said::same(error.to_string()));
    }
}

fn accept_unlock(ctx: &egui::Context, app: &mut KioskApp, result: Result<bool, Said>) {
    let Some(prompt) = &mut app.kiosk.unlock else {
        return;
    };
    match result {
        Ok(true) => {
            let purpose = prompt.purpose;
            app.kiosk.unlock = None;
            app.kiosk.active = false;
            match purpose {
                Leave::Fullscreen => {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                }
                Leave::Close => {
                    app.kiosk.close_allowed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
        Ok(false) => {
            prompt.pin.clear();
            prompt.refocus = true;
            prompt.message = Some(crate::text::app::LEADER_PIN_WRONG.into());
        }
        Err(message) => {
            prompt.pin.clear();
            prompt.refocus = true;
            prompt.message = Some(message);
        }
    }
}
