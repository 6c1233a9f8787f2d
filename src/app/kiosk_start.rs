//! How the gate's screens start once the data folder can be opened: the window, the unlock
//! screen and the recovery screen each hand a data folder to it.

use std::sync::Arc;

use super::services::{FrameSourceChoice, Services};
use super::state::KioskApp;
use crate::config::DataDir;

/// The passphrase the window opened the database with (typed by a leader, or from the
/// environment), so that a window lost in kiosk mode opens again straight on the gate instead
/// of waiting on the unlock screen for a leader.
pub type PassphraseSlot = Arc<std::sync::Mutex<Option<crate::config::Passphrase>>>;

/// How the gate's screens start once the data folder can be opened.
pub struct KioskStart {
    pub source: FrameSourceChoice,
    pub feed: Vec<std::path::PathBuf>,
    pub wake: Arc<dyn Fn() + Send + Sync>,
    pub fullscreen: bool,
    /// Keeps the passphrase the kiosk opened with (see [`PassphraseSlot`]).
    pub opened_with: PassphraseSlot,
}

impl KioskStart {
    /// The kiosk on `data_dir` (its first-run setup first when questions are left).
    pub fn run(&self, data_dir: DataDir) -> anyhow::Result<KioskApp> {
        if let Some(passphrase) = data_dir.passphrase() {
            *self
                .opened_with
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(passphrase.clone());
        }
        let (source, feed, wake) = (self.source, self.feed.clone(), self.wake.clone());
        let mut app = KioskApp::start_on(data_dir, |data_dir| {
            if feed.is_empty() {
                Services::start(data_dir, source, wake)
            } else {
                Services::start_with_feed(data_dir, feed, wake)
            }
        })?;
        if app.services.scanner.is_none() {
            eprintln!("checkpoint-kiosk: no frame source");
        }
        app.kiosk.active = self.fullscreen;
        Ok(app)
    }
}
