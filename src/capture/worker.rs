//! The capture thread: owns the frame source, publishes the newest frame into a one-slot mailbox,
//! keeps the status current and wakes the UI. Requests (show a still, go live, stop) arrive through
//! a small shared slot, so nothing queues up.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use image::RgbImage;

use super::capture_loop::CaptureLoop;
pub use super::shared::{CaptureShared, DemoTiming, Wake};
use super::shared::{ModeChange, Request, lock};
use super::{CaptureSettings, CaptureStatus};

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
