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
    /// One of the district's passes refused (issue 25), each reason its own sound, none the
    /// red-code alarm: revoked (two long low buzzes).
    PassRevoked,
    /// A genuine pass past its dates (a falling two-note chime).
    PassExpired,
    /// A pass from a key this gate does not know (four short mid buzzes).
    PassUnknownIssuer,
    /// A pass whose signature does not check (a long high-low siren).
    PassForged,
}

impl Cue {
    pub const ALL: [Self; 6] = [
        Self::Pass,
        Self::Alarm,
        Self::PassRevoked,
        Self::PassExpired,
        Self::PassUnknownIssuer,
        Self::PassForged,
    ];
}
