//! The window before the kiosk when the database failed its integrity check at start: the
//! recovery screen offers the latest backup, this file puts it back (the damaged file kept
//! aside) and starts the gate's screens on it.

use std::path::PathBuf;

use anyhow::Context;
use chrono::Utc;

use super::kiosk_start::KioskStart;
use super::state::KioskApp;
use crate::config::{DataDir, Language};
use crate::store::StoreError;
use crate::store::backup::{default_backup_dir, latest_backup, restore_backup};
use crate::text::Bilingual as _;
use crate::ui::recovery_screen::{RecoveryView, no_backup_text, recovery_ui};

/// The damaged database and what the window needs to start once it is restored.
pub struct Recovery {
    data_dir: DataDir,
    start: KioskStart,
    language: Language,
    /// The newest backup, looked up once (not on every frame).
    latest: Option<PathBuf>,
    view: RecoveryView,
}

impl Recovery {
    pub fn new(data_dir: DataDir, start: KioskStart, damage: &StoreError) -> Self {
        let language = data_dir
            .load_config()
            .map(|config| config.language)
            .unwrap_or_default();
        let latest = latest_backup(&default_backup_dir(&data_dir.database_path()));
        let view = RecoveryView {
            damage: damage.said().text(language).to_owned(),
            latest_backup: latest.as_deref().map(file_name),
            problem: None,
        };
        Self {
            data_dir,
            start,
            language,
            latest,
            view,
        }
    }

    /// What went wrong with the last restore, if it failed.
    pub fn problem(&self) -> Option<&str> {
        self.view.problem.as_deref()
    }

    /// Draws the recovery screen (the window puts it in a central panel); returns the gate's
    /// app once a backup was put back.
    pub fn show(&mut self, ui: &mut egui::Ui) -> Option<KioskApp> {
        if !recovery_ui(ui, &self.view, self.language) {
            return None;
        }
        match self.restore_latest() {
            Ok(app) => Some(app),
            Err(error) => {
                self.view.problem = Some(format!("{error:#}"));
                None
            }
        }
    }

    fn restore_latest(&self) -> anyhow::Result<KioskApp> {
        let lang = self.language;
        let backup = self.latest.as_deref().context(no_backup_text(lang))?;
        let database = self.data_dir.database_path();
        restore_backup(backup, &database, Utc::now(), self.data_dir.passphrase())
            .map_err(|error| anyhow::anyhow!(error.said().text(lang).to_owned()))?;
        self.start.run(self.data_dir.clone())
    }
}

/// A backup's file name as the screen shows it.
fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}
