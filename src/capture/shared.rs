//! What the capture thread and its readers share: the newest frame, the status and the requests
//! (show a still, go live, stop), each behind a lock; the demo feed's pace; the wake callback.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use image::RgbImage;

use super::{CaptureStatus, Frame};

/// Called whenever a frame, status or event is ready (the UI passes `ctx.request_repaint`).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// How the demo feed is paced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoTiming {
    /// Between published frames: the preview looks live.
    pub frame_interval: Duration,
    /// How long each demo picture stays in view before the next one.
    pub per_image: Duration,
}

impl Default for DemoTiming {
    fn default() -> Self {
        Self {
            frame_interval: Duration::from_millis(80),
            per_image: Duration::from_millis(2500),
        }
    }
}

/// State shared by the capture thread and its readers.
pub struct CaptureShared {
    pub(super) latest: Mutex<Option<Frame>>,
    pub(super) frame_ready: Condvar,
    pub(super) status: Mutex<CaptureStatus>,
    pub(super) request: Mutex<Request>,
    pub(super) request_changed: Condvar,
    /// The window shows the live picture now: only then does a changed scene wake it.
    pub(super) preview_wanted: AtomicBool,
}

#[derive(Default)]
pub(super) struct Request {
    pub(super) stop: bool,
    pub(super) mode_change: Option<ModeChange>,
}

pub(super) enum ModeChange {
    Still { image: Arc<RgbImage>, label: String },
    Live,
}

/// A poisoned lock only means another thread panicked mid-update of plain data; the data is still
/// usable, and the kiosk must keep running.
pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl CaptureShared {
    pub fn latest_frame(&self) -> Option<Frame> {
        lock(&self.latest).clone()
    }

    pub fn status(&self) -> CaptureStatus {
        lock(&self.status).clone()
    }

    /// Whether a new scene should wake the window (its preview is on screen).
    pub fn preview_wanted(&self) -> bool {
        self.preview_wanted.load(Ordering::Relaxed)
    }

    /// The window shows the live picture (true) or a screen without it (false): frames then
    /// stop waking it. Scan events and status changes wake it either way.
    pub fn set_preview_wanted(&self, wanted: bool) {
        self.preview_wanted.store(wanted, Ordering::Relaxed);
    }

    /// Waits up to `timeout` for a frame newer than `after_sequence`.
    pub fn frame_after(&self, after_sequence: Option<u64>, timeout: Duration) -> Option<Frame> {
        let is_newer = |frame: &Option<Frame>| {
            frame
                .as_ref()
                .is_some_and(|frame| after_sequence.is_none_or(|seen| frame.sequence > seen))
        };
        let guard = lock(&self.latest);
        let (guard, _) = self
            .frame_ready
            .wait_timeout_while(guard, timeout, |frame| !is_newer(frame))
            .unwrap_or_else(PoisonError::into_inner);
        guard.as_ref().filter(|_| is_newer(&guard)).cloned()
    }

    pub(super) fn request(&self, change: ModeChange) {
        lock(&self.request).mode_change = Some(change);
        self.request_changed.notify_all();
    }
}
