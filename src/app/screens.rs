//! The app turns its state into each screen's view, draws the screen, and keeps the commands
//! the screen asked for: the screens never see the app, the store or the threads.

use super::state::{KioskApp, view_ctx};
use crate::gate::GateState;
use crate::model::camera::CaptureStatus;
use crate::ui::command::{Command, PassAction, Screen};
use crate::ui::exchange_view::ExchangeView;
use crate::ui::form_ui::{Boarding, GateView};
use crate::ui::report_view::ReportPanel;
use crate::ui::scan_screen::ScanScreen;
use crate::ui::settings_screen::SettingsScreen;
use crate::ui::shift_screen::{ShiftScreen, shift_screen_ui};
use crate::ui::{log_screen, register_screen, scan_screen, settings_screen, vehicle_screen};

impl KioskApp {
    /// Draws the screen on show.
    pub(crate) fn draw_screen(&mut self, ui: &mut egui::Ui) {
        match self.screen {
            Screen::Scan => self.draw_scan(ui),
            Screen::Register => {
                self.check_document_repeat();
                let banner = crate::gate::register_banner(&self.register_gate_state());
                let ctx = view_ctx(&self.services, self.lang);
                register_screen::register_screen_ui(
                    ui,
                    &mut self.register,
                    &banner,
                    &ctx,
                    &mut self.frame.commands,
                );
            }
            Screen::Vehicle => {
                let banner = crate::gate::vehicle_banner(&self.vehicle_gate_state());
                let ctx = view_ctx(&self.services, self.lang);
                vehicle_screen::vehicle_screen_ui(
                    ui,
                    &mut self.vehicle,
                    &self.services.risks,
                    &banner,
                    &ctx,
                    &mut self.frame.commands,
                );
            }
            Screen::Log => {
                let ctx = view_ctx(&self.services, self.lang);
                log_screen::log_screen_ui(ui, &mut self.log, &ctx, &mut self.frame.commands);
            }
            Screen::Shift => self.draw_shift(ui),
            Screen::Settings => self.draw_settings(ui),
        }
    }

    fn draw_scan(&mut self, ui: &mut egui::Ui) {
        let now = self.services.now();
        let banner = self.gate.banner(now);
        let status = self.gate.status();
        let saved_outcome = self
            .gate
            .outcome()
            .map(|outcome| crate::gate::banner(&GateState::Saved(outcome.saved.clone())));
        let source = self.source_view();
        let ctx = view_ctx(&self.services, self.lang);
        let queue = self
            .gate
            .next_in_line()
            .map(|next| (next.label.clone(), self.gate.in_line()));
        let boarding = self.gate.boarding().cloned();
        let repeat = self.gate.repeat().cloned();
        let pass_reuse = self.gate.pass_reuse().cloned();
        let message = self.gate.message().cloned();
        let mut screen = ScanScreen {
            banner,
            picture: self.preview.picture(),
            source,
            gate: GateView {
                message: message.as_ref(),
                status,
                saved_outcome,
                repeat: repeat.as_ref(),
                pass_reuse: pass_reuse.as_ref(),
                boarding: boarding.as_ref().map(|boarding| Boarding {
                    plate: &boarding.plate,
                    saved: boarding.saved,
                    on_board: boarding.on_board,
                }),
                queue: queue
                    .as_ref()
                    .map(|(label, waiting)| (label.as_str(), *waiting)),
                risks: &self.services.risks,
                form: self.gate.form_mut(),
            },
        };
        scan_screen::scan_screen_ui(ui, &mut screen, &ctx, &mut self.frame.commands);
    }

    fn draw_settings(&mut self, ui: &mut egui::Ui) {
        if self.passes.needs_loading() {
            self.frame.commands.push(Command::Pass(PassAction::Load));
        }
        let camera_fallback =
            self.services
                .scanner
                .as_ref()
                .and_then(|scanner| match scanner.status() {
                    CaptureStatus::DemoFallback { reason } => Some(reason),
                    _ => None,
                });
        let exports_dir = self.services.data_dir.root().join("exports");
        let kiosk =
            super::kiosk_mode::kiosk_settings_view(&self.kiosk, &self.services.config, self.lang);
        let ctx = view_ctx(&self.services, self.lang);
        let mut screen = SettingsScreen {
            settings: &mut self.settings,
            cameras: &self.devices.cameras,
            audio: self.services.alert.status(),
            camera_fallback,
            passes: self.passes.view(self.duty.signed_in.as_ref(), &exports_dir),
            kiosk,
        };
        settings_screen::settings_screen_ui(ui, &mut screen, &ctx, &mut self.frame.commands);
    }

    fn draw_shift(&mut self, ui: &mut egui::Ui) {
        if self.report.places.is_empty() {
            // Once: the data folder is always a place, so the list is never empty again.
            self.refresh_export_places();
        }
        let key_id = self.services.pii.key_id();
        let ctx = view_ctx(&self.services, self.lang);
        let mut screen = ShiftScreen {
            view: &mut self.shift_view,
            signed_in: self.duty.signed_in.as_ref(),
            shift: self.duty.shift.as_ref(),
            previous: self.report.previous_shift.as_ref(),
            report: ReportPanel {
                sheet: self.report.sheet.as_ref(),
                message: self.report.message.as_ref(),
                places: &self.report.places,
                chosen_place: &mut self.report.chosen_place,
                include_practice: &mut self.report.include_practice,
            },
            exchange: ExchangeView {
                key_id: &key_id,
                import_path: &mut self.report.import_path,
            },
        };
        shift_screen_ui(ui, &mut screen, &ctx, &mut self.frame.commands);
    }
}
