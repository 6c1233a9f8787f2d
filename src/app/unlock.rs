//! The window before the kiosk when the database is encrypted (or not created yet) and no
//! passphrase was given in the environment: the unlock screen collects the passphrase, this file
//! tries it on the database and starts the gate's screens once it opens.

use super::kiosk_start::KioskStart;
use super::state::KioskApp;
use crate::config::{DataDir, Language, Passphrase};
use crate::store::{FileState, Store, StoreError, file_state};
use crate::text::Bilingual as _;
use crate::ui::unlock_screen::{UnlockMode, UnlockView, unlock_ui};

/// An encrypted database whose passphrase was not given in the environment: the window asks.
pub(crate) fn needs_passphrase(data_dir: &DataDir) -> bool {
    data_dir.passphrase().is_none()
        && file_state(&data_dir.database_path()).is_ok_and(|state| state == FileState::Encrypted)
}

/// A new data folder (no database yet) without a passphrase in the environment: the window asks
/// the leader to choose one before anything is saved.
pub fn needs_new_passphrase(data_dir: &DataDir) -> bool {
    data_dir.passphrase().is_none()
        && file_state(&data_dir.database_path()).is_ok_and(|state| state == FileState::New)
}

/// The unlock screen's state and what the window needs to start once unlocked.
pub struct Unlock {
    data_dir: DataDir,
    start: KioskStart,
    language: Language,
    /// Night theme and font size from kiosk.toml (the defaults on a new laptop).
    look: (bool, f32),
    styled: bool,
    view: UnlockView,
}

impl Unlock {
    pub fn new(data_dir: DataDir, start: KioskStart) -> Self {
        // Read only: nothing is written as if it had been answered before the setup asks.
        let config = data_dir
            .read_config()
            .ok()
            .flatten()
            .map(|(config, _)| config)
            .unwrap_or_default();
        let (language, look) = (config.language, (config.night_theme, config.font_scale));
        let mode = if needs_new_passphrase(&data_dir) {
            UnlockMode::Choose
        } else {
            UnlockMode::Open
        };
        Self {
            data_dir,
            start,
            language,
            look,
            styled: false,
            view: UnlockView::new(mode),
        }
    }

    /// Applies the kiosk's theme once, before the first frame of the screen.
    pub fn style(&mut self, ctx: &egui::Context) {
        if !std::mem::replace(&mut self.styled, true) {
            crate::ui::theme::apply(ctx, self.look.0, self.look.1);
        }
    }

    pub fn mode(&self) -> UnlockMode {
        self.view.mode()
    }

    /// How many characters are typed so far (the field shows dots).
    pub fn typed_chars(&self) -> usize {
        self.view.typed_chars()
    }

    /// The message under the field, if the last try failed.
    pub fn problem(&self) -> Option<&str> {
        self.view.problem()
    }

    /// Draws the unlock screen (the window puts it in a central panel); returns the gate's app
    /// once the submitted passphrase opened the database.
    pub fn show(&mut self, ui: &mut egui::Ui) -> Option<KioskApp> {
        let submitted = unlock_ui(ui, &mut self.view, self.language)?;
        match self.try_unlock(submitted) {
            Ok(app) => Some(app),
            Err(problem) => {
                self.view.problem = Some(problem);
                None
            }
        }
    }

    /// Tries the typed passphrase: the gate's app when it opens the database (a new one is
    /// created encrypted with it); else what went wrong, in the screen's language.
    fn try_unlock(&self, text: String) -> Result<KioskApp, String> {
        let lang = self.language;
        // Wrong tries wait, doubling, across restarts (issue 24; `config::attempts`).
        let attempts = self.data_dir.unlock_attempts();
        let wait = attempts.required_wait(chrono::Utc::now());
        if !wait.is_zero() {
            let (seconds, failures) = (wait.as_secs().max(1), attempts.failures());
            return Err(crate::text::app::unlock_wait(failures, seconds)
                .text(lang)
                .to_owned());
        }
        let passphrase =
            Passphrase::new(text).map_err(|short| short.said().text(lang).to_owned())?;
        let data_dir = self.data_dir.clone().with_passphrase(passphrase);
        // The passphrase is checked first, so a wrong one keeps what the start needs.
        Store::open_keyed(&data_dir.database_path(), data_dir.passphrase())
            .map_err(anyhow::Error::from)
            .and_then(|store| {
                drop(store);
                let _ = attempts.record_success();
                self.start.run(data_dir)
            })
            .map_err(|error| match error.downcast_ref::<StoreError>() {
                Some(store_error @ StoreError::WrongPassphrase { .. }) => {
                    let _ = attempts.record_failure(chrono::Utc::now());
                    store_error.said().text(lang).to_owned()
                }
                Some(store_error) => store_error.said().text(lang).to_owned(),
                None => format!("{error:#}"),
            })
    }
}
