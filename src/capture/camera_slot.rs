//! The webcam side of the capture thread: open the camera when it appears, read frames, and turn
//! a missing or lost camera into a status plus a retry, never an error the UI has to handle.

use std::sync::Arc;
use std::time::{Duration, Instant};

use image::RgbImage;

use super::webcam::LiveCamera;
use super::{CaptureSettings, CaptureStatus, SourceKind};

/// How long to wait before looking for a missing camera again.
const CAMERA_RETRY: Duration = Duration::from_secs(2);

/// The camera, if open, and when to try again if not.
#[derive(Default)]
pub(super) struct CameraSlot {
    camera: Option<LiveCamera>,
    next_attempt: Option<Instant>,
    /// A camera worked earlier in this run: its absence is a loss, not a reason for the demo.
    was_running: bool,
}

pub(super) enum CameraOutcome {
    Delivered,
    Waiting(Duration),
    UseDemo,
}

/// What one camera step did: the frame read (to publish), the thread's status now, and what the
/// capture loop does next.
pub(super) struct CameraStep {
    pub(super) frame: Option<(Arc<RgbImage>, SourceKind)>,
    pub(super) status: Option<CaptureStatus>,
    /// A camera was just opened: the demo feed (if it ran) stops.
    pub(super) opened: bool,
    pub(super) outcome: CameraOutcome,
}

impl CameraStep {
    fn just(outcome: CameraOutcome) -> Self {
        Self {
            frame: None,
            status: None,
            opened: false,
            outcome,
        }
    }

    fn status(status: CaptureStatus, outcome: CameraOutcome) -> Self {
        Self {
            status: Some(status),
            ..Self::just(outcome)
        }
    }
}

impl CameraSlot {
    /// Reads a frame from the open camera, or opens it when it is time to try again.
    pub(super) fn step(&mut self, settings: &CaptureSettings) -> CameraStep {
        if let Some(camera) = self.camera.as_mut() {
            match camera.next_frame() {
                Ok(image) => {
                    let name = camera.name.clone();
                    return CameraStep {
                        frame: Some((Arc::new(image), SourceKind::Webcam { name: name.clone() })),
                        status: Some(CaptureStatus::Running(SourceKind::Webcam { name })),
                        opened: false,
                        outcome: CameraOutcome::Delivered,
                    };
                }
                Err(error) => {
                    self.camera = None;
                    self.next_attempt = Some(Instant::now() + CAMERA_RETRY);
                    return CameraStep::status(
                        CaptureStatus::CameraLost {
                            message: error.to_string(),
                            retrying: true,
                        },
                        CameraOutcome::Waiting(CAMERA_RETRY),
                    );
                }
            }
        }
        let now = Instant::now();
        if self.next_attempt.is_some_and(|at| now < at) {
            return CameraStep::just(self.while_camera_missing(now));
        }
        match LiveCamera::open(settings) {
            Ok(camera) => {
                let status = CaptureStatus::Running(SourceKind::Webcam {
                    name: camera.name.clone(),
                });
                self.camera = Some(camera);
                self.was_running = true;
                CameraStep {
                    opened: true,
                    ..CameraStep::status(status, CameraOutcome::Waiting(Duration::ZERO))
                }
            }
            Err(error) => {
                self.next_attempt = Some(now + CAMERA_RETRY);
                let status = if self.was_running {
                    CaptureStatus::CameraLost {
                        message: error.to_string(),
                        retrying: true,
                    }
                } else {
                    CaptureStatus::DemoFallback {
                        reason: error.to_string(),
                    }
                };
                CameraStep::status(status, self.while_camera_missing(now))
            }
        }
    }

    /// After a loss the preview stays empty (demo codes must not pass for people mid-shift);
    /// before any camera worked, the demo feed runs.
    fn while_camera_missing(&self, now: Instant) -> CameraOutcome {
        if self.was_running {
            let until_retry = self
                .next_attempt
                .map_or(Duration::ZERO, |at| at.saturating_duration_since(now));
            CameraOutcome::Waiting(until_retry)
        } else {
            CameraOutcome::UseDemo
        }
    }
}
