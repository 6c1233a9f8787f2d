//! When the database is damaged at start (its integrity check failed), the window says so and
//! offers the latest backup in one press, instead of not opening at all. The damaged file is
//! kept aside by the restore, so nothing is lost by trying. The screen only asks; the app
//! (`app::recovery`) restores the backup.

use crate::config::Language;
use crate::text::screens::recovery_screen as words;

/// What the recovery screen shows.
#[derive(Debug, Clone, Default)]
pub struct RecoveryView {
    /// What is wrong with the database, in the screen's language.
    pub damage: String,
    /// The newest backup's file name, if there is one.
    pub latest_backup: Option<String>,
    /// What went wrong with the last restore, if it failed.
    pub problem: Option<String>,
}

/// Draws the recovery screen; true when the leader asked to restore the latest backup.
pub fn recovery_ui(ui: &mut egui::Ui, view: &RecoveryView, lang: Language) -> bool {
    let mut restore = false;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.15);
        ui.heading(words::DATABASE_DAMAGED.say(lang));
        ui.add_space(12.0);
        ui.add(egui::Label::new(view.damage.as_str()).wrap());
        ui.add_space(16.0);
        match &view.latest_backup {
            Some(name) => {
                ui.label(format!("{} {name}", words::LATEST_BACKUP.say(lang)));
                ui.add_space(8.0);
                restore = ui
                    .add(
                        egui::Button::new(words::RESTORE_LATEST_BACKUP.say(lang))
                            .min_size(egui::vec2(320.0, 48.0)),
                    )
                    .clicked();
            }
            None => {
                ui.label(no_backup_text(lang));
            }
        }
        ui.add_space(12.0);
        let message = view.problem.clone().unwrap_or_default();
        ui.add_sized(
            [ui.available_width().min(720.0), 48.0],
            egui::Label::new(egui::RichText::new(message).color(ui.visuals().error_fg_color))
                .wrap(),
        );
    });
    restore
}

/// Said when there is no backup to restore (on the screen, and by the app if asked anyway).
pub fn no_backup_text(lang: Language) -> &'static str {
    words::NO_BACKUP_FOUND.say(lang)
}
