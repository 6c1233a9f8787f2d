//! The webcam side of the capture thread: open the camera when it appears, read frames, and turn
//! a missing or lost camera into a status plus a retry, never an error the UI has to handle.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::capture_loop::CaptureLoop;
use super::webcam::LiveCamera;
use super::{CaptureStatus, SourceKind};

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

impl CaptureLoop {
    pub(super) fn camera_step(&mut self) -> CameraOutcome {
        if let Some(camera) = self.camera.camera.as_mut() {
            match camera.next_frame() {
                Ok(image) => {
                    let name = camera.name.clone();
                    self.publish(Arc::new(image), SourceKind::Webcam { name: name.clone() });
                    self.set_status(CaptureStatus::Running(SourceKind::Webcam { name }));
                    return CameraOutcome::Delivered;
                }
                Err(error) => {
                    self.camera.camera = None;
                    self.camera.next_attempt = Some(Instant::now() + CAMERA_RETRY);
                    self.set_status(CaptureStatus::CameraLost {
                        message: error.to_string(),
                        retrying: true,
                    });
                    return CameraOutcome::Waiting(CAMERA_RETRY);
                }
            }
        }
        let now = Instant::now();
        if self.camera.next_attempt.is_some_and(|at| now < at) {
            return self.while_camera_missing(now);
        }
        match LiveCamera::open(&self.settings) {
            Ok(camera) => {
                self.set_status(CaptureStatus::Running(SourceKind::Webcam {
                    name: camera.name.clone(),
                }));
                self.camera.camera = Some(camera);
                self.camera.was_running = true;
                self.demo = None;
                CameraOutcome::Waiting(Duration::ZERO)
            }
            Err(error) => {
                self.camera.next_attempt = Some(now + CAMERA_RETRY);
                if self.camera.was_running {
                    self.set_status(CaptureStatus::CameraLost {
                        message: error.to_string(),
                        retrying: true,
                    });
                } else {
                    self.set_status(CaptureStatus::DemoFallback {
                        reason: error.to_string(),
                    });
                }
                self.while_camera_missing(now)
            }
        }
    }

    /// After a loss the preview stays empty (demo codes must not pass for people mid-shift);
    /// before any camera worked, the demo feed runs.
    fn while_camera_missing(&self, now: Instant) -> CameraOutcome {
        if self.camera.was_running {
            let until_retry = self
                .camera
                .next_attempt
                .map_or(Duration::ZERO, |at| at.saturating_duration_since(now));
            CameraOutcome::Waiting(until_retry)
        } else {
            CameraOutcome::UseDemo
        }
    }
}
