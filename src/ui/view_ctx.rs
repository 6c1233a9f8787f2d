//! What every screen may read and never change: the language and the settings in force, and the
//! time of this frame. The app prepares it once per frame.

use chrono::{DateTime, Utc};

use crate::config::{KioskConfig, Language};

/// The read-only context a screen is drawn in.
#[derive(Debug, Clone, Copy)]
pub struct ViewCtx<'a> {
    pub lang: Language,
    pub config: &'a KioskConfig,
    /// The risk-area list in force, which judges every origin typed.
    pub risks: &'a crate::model::risk::RiskList,
    /// The time this frame shows (the app's clock, which tests can set).
    pub now: DateTime<Utc>,
}
