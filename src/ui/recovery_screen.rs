//! When the database is damaged at start (its integrity check failed), the window says so and
//! offers the latest backup in one press, instead of not opening at all. The damaged file is
//! kept aside by the restore, so nothing is lost by trying.

use anyhow::Context;
use chrono::Utc;

use crate::app::KioskStart;
use crate::app::state::KioskApp;
use crate::config::{DataDir, Language};
use crate::store::StoreError;
use crate::store::backup::{default_backup_dir, latest_backup, restore_backup};

/// The damaged database and what the window needs to start once it is restored.
pub struct Recovery {
    data_dir: DataDir,
    start: KioskStart,
    language: Language,
    damage: String,
    /// The newest backup, looked up once (not on every frame).
    latest: Option<std::path::PathBuf>,
    problem: Option<String>,
}

impl Recovery {
    pub fn new(data_dir: DataDir, start: KioskStart, damage: &StoreError) -> Self {
        let language = data_dir
            .load_config()
            .map(|config| config.language)
            .unwrap_or_default();
        let damage = language.pick(&damage.zh(), &damage.to_string()).to_owned();
        let latest = latest_backup(&default_backup_dir(&data_dir.database_path()));
        Self {
            data_dir,
            start,
            language,
            damage,
            latest,
            problem: None,
        }
    }

    /// What went wrong with the last restore, if it failed.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    fn restore_latest(&mut self) -> Option<KioskApp> {
        let database = self.data_dir.database_path();
        let restored =
            self.latest
                .clone()
                .context(self.language.pick(
                    "没有找到备份：请联系区里的技术人员",
                    "No backup was found: call the district's IT helper",
                ))
                .and_then(|backup| {
                    restore_backup(&backup, &database, Utc::now(), self.data_dir.passphrase())
                        .map_err(|error| {
                            anyhow::anyhow!(
                                self.language
                                    .pick(&error.zh(), &error.to_string())
                                    .to_owned()
                            )
                        })
                })
                .and_then(|_aside| self.start.run(self.data_dir.clone()));
        match restored {
            Ok(app) => Some(app),
            Err(error) => {
                self.problem = Some(format!("{error:#}"));
                None
            }
        }
    }
}

/// Draws the recovery screen; returns the gate's app once a backup was put back.
pub fn recovery_ui(ui: &mut egui::Ui, recovery: &mut Recovery) -> Option<KioskApp> {
    let lang = recovery.language;
    let backup = recovery.latest.clone();
    let mut restore = false;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.15);
        ui.heading(lang.pick("数据库已损坏", "The database is damaged"));
        ui.add_space(12.0);
        ui.add(egui::Label::new(recovery.damage.as_str()).wrap());
        ui.add_space(16.0);
        match &backup {
            Some(path) => {
                let name = path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ui.label(format!(
                    "{} {name}",
                    lang.pick("最近的备份：", "Latest backup:")
                ));
                ui.add_space(8.0);
                restore = ui
                    .add(
                        egui::Button::new(lang.pick(
                            "恢复最近的备份（损坏的文件会保留）",
                            "Restore the latest backup (the damaged file is kept)",
                        ))
                        .min_size(egui::vec2(320.0, 48.0)),
                    )
                    .clicked();
            }
            None => {
                ui.label(lang.pick(
                    "没有找到备份：请联系区里的技术人员",
                    "No backup was found: call the district's IT helper",
                ));
            }
        }
        ui.add_space(12.0);
        let message = recovery.problem.clone().unwrap_or_default();
        ui.add_sized(
            [ui.available_width().min(720.0), 48.0],
            egui::Label::new(egui::RichText::new(message).color(ui.visuals().error_fg_color))
                .wrap(),
        );
    });
    if restore {
        return recovery.restore_latest();
    }
    None
}
