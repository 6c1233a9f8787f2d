//! The capture thread: owns the frame source, publishes the newest frame into a one-slot mailbox,
//! keeps the status current and wakes the UI. Requests (show a still, go live, stop) arrive through
//! a small shared slot, so nothing queues up.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use image::RgbImage;

use super::capture_loop::CaptureLoop;
use super::{CaptureSettings, CaptureStatus, Frame};

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
    preview_wanted: AtomicBool,
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

    fn request(&self, change: ModeChange) {
        lock(&self.request).mode_change = Some(change);
        self.request_changed.notify_all();
    }
}

/// The running capture thread. Dropping it stops and joins the thread.
pub struct CaptureWorker {
    shared: Arc<CaptureShared>,
    thread: Option<JoinHandle<()>>,
}

impl CaptureWorker {
    /// Starts the capture thread, which opens the camera (or the demo feed) itself.
    pub fn start(settings: CaptureSettings, timing: DemoTiming, wake: Wake) -> Self {
        let shared = Arc::new(CaptureShared {
            latest: Mutex::new(None),
            frame_ready: Condvar::new(),
            status: Mutex::new(CaptureStatus::Starting),
            request: Mutex::new(Request::default()),
            request_changed: Condvar::new(),
            preview_wanted: AtomicBool::new(true),
        });
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("checkpoint-capture".to_owned())
            .spawn(move || {
                CaptureLoop::new(thread_shared, settings, timing, wake).run();
            })
            .ok();
        if thread.is_none() {
            *lock(&shared.status) = CaptureStatus::CameraLost {
                message: "the system refused to start the capture thread; restart the kiosk"
                    .to_owned(),
                retrying: false,
            };
        }
        Self { shared, thread }
    }

    pub fn shared(&self) -> &Arc<CaptureShared> {
        &self.shared
    }

    /// Shows a still picture (an opened or dropped file) instead of the live feed.
    pub fn show_still(&self, image: RgbImage, label: String) {
        self.shared.request(ModeChange::Still {
            image: Arc::new(image),
            label,
        });
    }

    /// Back to the camera or demo feed after a still.
    pub fn resume_live(&self) {
        self.shared.request(ModeChange::Live);
    }
}

impl Drop for CaptureWorker {
    fn drop(&mut self) {
        lock(&self.shared.request).stop = true;
        self.shared.request_changed.notify_all();
        if let Some(thread) = self.thread.take() {
            // A panicked capture thread has nothing left to clean up; dropping must not panic.
            let _ = thread.join();
        }
    }
}
