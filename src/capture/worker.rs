//! The capture thread: owns the frame source, publishes the newest frame into a one-slot mailbox,
//! keeps the status current and wakes the UI. Requests (show a still, go live, stop) arrive through
//! a small shared slot, so nothing queues up.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use image::RgbImage;

use super::{CaptureSettings, CaptureStatus, Frame, SourceKind, demo_images};

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

/// How long to wait before looking for a missing camera again.
#[cfg(feature = "webcam")]
const CAMERA_RETRY: Duration = Duration::from_secs(2);

/// State shared by the capture thread and its readers.
pub struct CaptureShared {
    latest: Mutex<Option<Frame>>,
    frame_ready: Condvar,
    status: Mutex<CaptureStatus>,
    request: Mutex<Request>,
    request_changed: Condvar,
}

#[derive(Default)]
struct Request {
    stop: bool,
    mode_change: Option<ModeChange>,
}

enum ModeChange {
    Still { image: Arc<RgbImage>, label: String },
    Live,
}

/// A poisoned lock only means another thread panicked mid-update of plain data; the data is still
/// usable, and the kiosk must keep running.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl CaptureShared {
    pub fn latest_frame(&self) -> Option<Frame> {
        lock(&self.latest).clone()
    }

    pub fn status(&self) -> CaptureStatus {
        lock(&self.status).clone()
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

/// The body of the capture thread.
struct CaptureLoop {
    shared: Arc<CaptureShared>,
    settings: CaptureSettings,
    timing: DemoTiming,
    wake: Wake,
    next_sequence: u64,
    showing_still: bool,
    demo: Option<DemoFeed>,
    #[cfg(feature = "webcam")]
    camera: CameraSlot,
}

struct DemoFeed {
    images: Vec<Arc<RgbImage>>,
    started: Instant,
}

#[cfg(feature = "webcam")]
#[derive(Default)]
struct CameraSlot {
    camera: Option<super::webcam::LiveCamera>,
    next_attempt: Option<Instant>,
    /// A camera worked earlier in this run: its absence is a loss, not a reason for the demo.
    was_running: bool,
}

impl CaptureLoop {
    fn new(
        shared: Arc<CaptureShared>,
        settings: CaptureSettings,
        timing: DemoTiming,
        wake: Wake,
    ) -> Self {
        Self {
            shared,
            settings,
            timing,
            wake,
            next_sequence: 0,
            showing_still: false,
            demo: None,
            #[cfg(feature = "webcam")]
            camera: CameraSlot::default(),
        }
    }

    fn run(mut self) {
        loop {
            let pause = if self.showing_still {
                Duration::from_millis(500)
            } else {
                self.live_step()
            };
            if !self.handle_requests(pause) {
                break;
            }
        }
        self.set_status(CaptureStatus::Stopped);
    }

    /// Waits up to `pause` for a request and applies it; false when the thread must stop.
    fn handle_requests(&mut self, pause: Duration) -> bool {
        let change = {
            let guard = lock(&self.shared.request);
            let (mut guard, _) = self
                .shared
                .request_changed
                .wait_timeout_while(guard, pause, |request| {
                    !request.stop && request.mode_change.is_none()
                })
                .unwrap_or_else(PoisonError::into_inner);
            if guard.stop {
                return false;
            }
            guard.mode_change.take()
        };
        match change {
            Some(ModeChange::Still { image, label }) => {
                self.showing_still = true;
                self.publish(
                    image,
                    SourceKind::Still {
                        label: label.clone(),
                    },
                );
                self.set_status(CaptureStatus::ShowingStill { label });
            }
            Some(ModeChange::Live) => self.showing_still = false,
            None => {}
        }
        true
    }

    /// Delivers the next live frame; returns how long to wait before the next step.
    fn live_step(&mut self) -> Duration {
        #[cfg(feature = "webcam")]
        if !self.settings.force_demo {
            match self.camera_step() {
                CameraOutcome::Delivered => return Duration::ZERO,
                CameraOutcome::Waiting(pause) => return pause,
                CameraOutcome::UseDemo => {}
            }
        }
        #[cfg(not(feature = "webcam"))]
        if !self.settings.force_demo {
            self.set_status(CaptureStatus::DemoFallback {
                reason: "this build has no webcam support (built without the webcam feature)"
                    .to_owned(),
            });
        }
        if self.settings.force_demo {
            self.set_status(CaptureStatus::Running(SourceKind::Demo));
        }
        self.demo_step();
        self.timing.frame_interval
    }

    fn demo_step(&mut self) {
        let demo = self.demo.get_or_insert_with(|| DemoFeed {
            images: demo_images().into_iter().map(Arc::new).collect(),
            started: Instant::now(),
        });
        if demo.images.is_empty() {
            return;
        }
        let shown_for = demo.started.elapsed().as_millis();
        let per_image = self.timing.per_image.as_millis().max(1);
        let index = usize::try_from(shown_for / per_image).unwrap_or(0) % demo.images.len();
        let image = Arc::clone(&demo.images[index]);
        self.publish(image, SourceKind::Demo);
    }

    fn publish(&mut self, image: Arc<RgbImage>, source: SourceKind) {
        let frame = Frame {
            image,
            sequence: self.next_sequence,
            source,
        };
        self.next_sequence += 1;
        *lock(&self.shared.latest) = Some(frame);
        self.shared.frame_ready.notify_all();
        (self.wake)();
    }

    fn set_status(&self, status: CaptureStatus) {
        let mut current = lock(&self.shared.status);
        if *current != status {
            *current = status;
            drop(current);
            (self.wake)();
        }
    }
}

#[cfg(feature = "webcam")]
enum CameraOutcome {
    Delivered,
    Waiting(Duration),
    UseDemo,
}

#[cfg(feature = "webcam")]
impl CaptureLoop {
    fn camera_step(&mut self) -> CameraOutcome {
        use super::webcam::LiveCamera;

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
