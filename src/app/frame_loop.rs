//! The window's once-per-frame loop: poll the threads, draw the screens, then handle the
//! commands the widgets emitted. The kiosk's state is `state`; this file only runs it, calling
//! the files that handle keys, commands, passes and the kiosk mode (none of which name it).

use super::kiosk_mode;
use super::state::{KioskApp, Screen, view_ctx};
use crate::ui::counter_bar::CounterBarView;
use crate::ui::{theme, top_bar};

impl KioskApp {
    /// The frame's work without drawing: the scanner's events, the store's replies, the
    /// background results and the daily purge. eframe calls it before every frame and also
    /// while the window is hidden or minimised (whenever a thread wakes it), so nothing waits
    /// for somebody to look at the window; the kittest harness calls it before [`Self::ui_root`].
    pub fn logic(&mut self, ctx: &egui::Context) {
        if self.first_run.is_some() {
            self.poll_setup(ctx);
            return;
        }
        self.poll(ctx);
        self.poll_export_places(ctx);
        self.poll_risk_files(ctx);
        self.purge_once_a_day();
        kiosk_mode::kiosk_mode_logic(ctx, self);
    }

    /// Draws one frame, after [`Self::logic`]. Called by eframe and by the kittest harness alike.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        if !self.frame.styled {
            let config = &self.services.config;
            theme::apply(ui.ctx(), config.night_theme, config.font_scale);
            self.frame.styled = true;
        }
        if self.first_run.is_some() {
            self.draw_setup(ui);
            return;
        }
        super::keys::route_keys(ui.ctx(), self);
        let ctx = view_ctx(&self.services, self.lang);
        top_bar::top_bar_ui(ui, self.screen, &ctx, &mut self.frame.commands);
        // Kiosk mode: F11 fills the screen (or leaves it), like every browser.
        if ui.input(|input| input.key_pressed(egui::Key::F11)) {
            kiosk_mode::toggle_fullscreen(ui, self);
        }
        let counters = self.counter_bar_view();
        let ctx = view_ctx(&self.services, self.lang);
        crate::ui::counter_bar::counter_bar_ui(ui, &counters, &ctx);
        self.draw_screen(ui);
        for command in std::mem::take(&mut self.frame.commands) {
            self.handle(command);
        }
        if !self.frame.commands.is_empty() {
            // Commands raised while handling (a replayed Enter) run on the next frame: now.
            ui.ctx().request_repaint();
        }
        kiosk_mode::kiosk_mode_ui(ui, self);
    }

    /// The counter bar's numbers and the district sync's status, as of now.
    fn counter_bar_view(&self) -> CounterBarView {
        CounterBarView {
            counters: self.counters,
            sync: self
                .services
                .sync
                .as_ref()
                .map(crate::sync::SyncWorker::status),
            no_shift_open: self.duty.shift.is_none(),
            warning: self.kiosk.awake_warning(self.lang),
        }
    }

    fn poll(&mut self, ctx: &egui::Context) {
        let events = match &self.services.scanner {
            Some(scanner) => {
                // New pictures wake the window only while the Scan screen shows them.
                scanner.set_preview_wanted(matches!(self.screen, Screen::Scan | Screen::Vehicle));
                self.preview.update(ctx, scanner);
                scanner.try_events()
            }
            None => Vec::new(),
        };
        for event in &events {
            self.accept_scan_event(event);
        }
        self.poll_plates();
        if !self.gate.is_busy() {
            self.preview.thaw();
        }
        // An outcome's hold ending lets the next person in line come up.
        let (effects, wake) = self.gate.tick(self.services.now());
        self.run_gate_effects(effects);
        if let Some(wake) = wake.and_then(|wake| wake.to_std().ok()) {
            ctx.request_repaint_after(wake);
        }
        if self.devices.cameras.is_empty()
            && let Ok(mut found) = self.services.camera_list.try_lock()
            && let Some(cameras) = found.take()
        {
            self.devices.cameras = cameras;
        }
        if let Some(result) = self.jobs.trust.take() {
            self.accept_trust_result(result);
        }
        if let Some(result) = self.passes.job.take() {
            self.accept_pass_result(result);
        }
        self.reload_passes_after_sync();
        self.look_again_after_sync();
        for outcome in self.services.stills.try_outcomes() {
            self.accept_still(outcome);
        }
        self.apply_store_replies();
    }
}
