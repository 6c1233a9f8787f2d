//! The kiosk mode's state in the window: full screen or not, the autostart entry, the idle
//! inhibitor, the PIN prompt and its answer. What runs it each frame is `kiosk_mode`.

use super::background::Background;
use crate::config::{KioskConfig, Language};
use crate::desktop::{IdleInhibitor, InhibitStatus};
use crate::text::Said;
use crate::ui::kiosk_mode::UnlockPrompt;
use crate::ui::setup_form::AutostartPlace;

/// Kiosk-mode state of the window.
#[derive(Default)]
pub struct KioskMode {
    /// The window is in kiosk mode (started with `run --fullscreen`, or F11 pressed).
    pub active: bool,
    /// The autostart setting the entry on disk was last made to match.
    pub autostart_synced: bool,
    pub autostart: AutostartPlace,
    pub unlock: Option<UnlockPrompt>,
    pub message: Option<Said>,
    pub(super) inhibitor: Option<IdleInhibitor>,
    pub(super) autostart_job: Background<Result<(), Said>>,
    /// The PIN typed at the prompt is being checked on the store thread.
    pub(super) checking_pin: bool,
    /// The store thread's answer, taken once per frame (it needs the viewport to act on).
    pub(super) pin_answer: Option<Result<bool, Said>>,
    /// Set once a leader unlocked closing, so the next close request goes through.
    pub(super) close_allowed: bool,
}

impl KioskMode {
    /// Kiosk mode as the window starts (`run --fullscreen` sets `active` after): the autostart
    /// entry is taken to match the settings it was last made from.
    pub fn for_config(config: &KioskConfig) -> Self {
        Self {
            autostart_synced: config.kiosk_autostart,
            ..Self::default()
        }
    }

    /// Whether leaving needs a leader's PIN now.
    pub fn is_locked(&self, config: &KioskConfig) -> bool {
        self.active && config.kiosk_lock
    }

    /// What keeping the screen awake is doing, for Settings.
    pub fn awake_status(&self, lang: Language) -> String {
        match &self.inhibitor {
            Some(inhibitor) => match inhibitor.status() {
                InhibitStatus::Starting => {
                    crate::text::app::SCREEN_AWAKE_ASKING.say(lang).to_owned()
                }
                InhibitStatus::Active { through } => crate::text::app::screen_awake(&through, lang),
                InhibitStatus::Cannot { reason } => {
                    crate::text::app::screen_cannot_stay_awake(&reason, lang)
                }
            },
            None => crate::text::app::SCREEN_DIMS_NO_SHIFT.say(lang).to_owned(),
        }
    }
}

impl KioskMode {
    /// While a shift is open and the desktop refused to keep the screen awake: what the gate
    /// must know (the reason is in Settings).
    pub fn awake_warning(&self, lang: Language) -> Option<&'static str> {
        let refused = self
            .inhibitor
            .as_ref()
            .is_some_and(|inhibitor| matches!(inhibitor.status(), InhibitStatus::Cannot { .. }));
        refused.then(|| crate::text::app::SCREEN_MAY_LOCK.say(lang))
    }
}
