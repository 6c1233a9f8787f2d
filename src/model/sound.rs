//! The sounds the gate makes and what Settings is told about the sound output; `alert` plays
//! them.

/// Whether cues are heard, for the settings screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AudioStatus {
    /// Cues play on this output device.
    Ready { device: String },
    /// Cues are dropped; `reason` says what went wrong and what to do.
    Silent { reason: String },
}

/// Which sound to play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// Short pleasant chime: the person may pass.
    Pass,
    /// Urgent beeps: red or yellow code, fever, or a vehicle to divert.
    Alarm,
}
