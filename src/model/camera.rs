//! What the screens are told about the camera: which source the picture comes from, what the
//! capture thread is doing, and the cameras Settings can offer. `capture` produces these.

/// Which kind of source produced a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    Webcam {
        name: String,
    },
    /// The bundled demo frames: scans from it are not real people.
    Demo,
    /// A picture file opened or dropped on the window.
    Still {
        label: String,
    },
}

/// Where a practice code came from (issue 22): it is saved marked, counted apart and left out
/// of the day's counters, reports and the district sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PracticeSource {
    /// The bundled demo feed (no camera, or `run --demo`).
    DemoFeed,
    /// Pictures played instead of the camera (`run --feed`), for training and tests.
    Pictures,
}

/// What the capture thread is doing, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptureStatus {
    Starting,
    Running(SourceKind),
    /// No usable camera, so the demo feed runs; the thread keeps looking for a camera.
    DemoFallback {
        reason: String,
    },
    /// The camera stopped delivering (unplugged, taken by another program).
    CameraLost {
        message: String,
        retrying: bool,
    },
    /// Shown until `resume_live`.
    ShowingStill {
        label: String,
    },
    Stopped,
}

impl CaptureStatus {
    /// One short line for the status bar.
    pub fn describe(&self) -> String {
        match self {
            Self::Starting => "Starting the camera".to_owned(),
            Self::Running(SourceKind::Webcam { name }) => format!("Camera: {name}"),
            Self::Running(SourceKind::Demo) => "Demo feed (not a camera)".to_owned(),
            Self::Running(SourceKind::Still { label }) | Self::ShowingStill { label } => {
                format!("Picture: {label}")
            }
            Self::DemoFallback { reason } => format!("Demo feed: {reason}"),
            Self::CameraLost { message, retrying } => {
                let retry = if *retrying { "; retrying" } else { "" };
                format!("Camera lost: {message}{retry}")
            }
            Self::Stopped => "Capture stopped".to_owned(),
        }
    }
}

/// A camera the Settings screen can offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CameraInfo {
    pub index: u32,
    pub name: String,
    /// Width and height pairs the camera offers, largest first; empty when it could not be asked
    /// (for instance because it is in use).
    pub resolutions: Vec<[u32; 2]>,
}
