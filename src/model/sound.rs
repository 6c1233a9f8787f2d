//! What Settings is told about the sound output; `alert` produces it.

/// Whether cues are heard, for the settings screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AudioStatus {
    /// Cues play on this output device.
    Ready { device: String },
    /// Cues are dropped; `reason` says what went wrong and what to do.
    Silent { reason: String },
}
