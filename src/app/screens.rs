//! The app turns its state into each screen's view, draws the screen, and keeps the commands
//! the screen asked for: the screens never see the app, the store or the threads.

use super::state::{KioskApp, view_ctx};
use crate::ui::command::Screen;
use crate::ui::exchange_view::ExchangeView;
use crate::ui::report_view::ReportPanel;
use crate::ui::shift_screen::{ShiftScreen, shift_screen_ui};
use crate::ui::{log_screen, register_screen, scan_screen, settings_screen, vehicle_screen};

impl KioskApp {
    /// Draws the screen on show.
    pub(crate) fn draw_screen(&mut self, ui: &mut egui::Ui) {
        match self.screen {
            Screen::Scan => scan_screen::scan_screen_ui(ui, self),
            Screen::Register => {
                let banner = super::banner::register_banner(&self.register_gate_state());
                let ctx = view_ctx(&self.services, self.lang);
                register_screen::register_screen_ui(
                    ui,
                    &mut self.register,
                    &banner,
                    &ctx,
                    &mut self.commands,
                );
            }
            Screen::Vehicle => {
                let ctx = view_ctx(&self.services, self.lang);
                vehicle_screen::vehicle_screen_ui(
                    ui,
                    &mut self.vehicle,
                    &self.services.risks,
                    &ctx,
                    &mut self.commands,
                );
            }
            Screen::Log => {
                let ctx = view_ctx(&self.services, self.lang);
                log_screen::log_screen_ui(ui, &mut self.log, &ctx, &mut self.commands);
            }
            Screen::Shift => self.draw_shift(ui),
            Screen::Settings => settings_screen::settings_screen_ui(ui, self),
        }
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
            signed_in: self.signed_in.as_ref(),
            shift: self.shift.as_ref(),
            report: ReportPanel {
                sheet: self.report.sheet.as_ref(),
                message: self.report.message.as_deref(),
                places: &self.report.places,
                chosen_place: &mut self.report.chosen_place,
            },
            exchange: ExchangeView {
                key_id: &key_id,
                import_path: &mut self.report.import_path,
            },
        };
        shift_screen_ui(ui, &mut screen, &ctx, &mut self.commands);
    }
}
