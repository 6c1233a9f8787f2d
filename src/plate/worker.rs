//! The plate thread: loads the models once, then reads the newest frame it was offered (older
//! ones are replaced, never queued) and hands the plates to the window. Every call the window
//! makes returns at once; a slow read only makes the thread skip frames.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use super::{ModelError, PlateReader, ReadPlate};
use crate::capture::Frame;
use crate::capture::worker::Wake;

/// Reads the window has not collected are capped: only the newest few matter.
const MAX_PENDING: usize = 8;

/// The plates read from one frame.
#[derive(Debug, Clone, PartialEq)]
pub struct PlateRead {
    pub plates: Vec<ReadPlate>,
    pub frame_sequence: u64,
    pub scene: u64,
    pub ms: f64,
}

/// Whether the thread can read plates.
#[derive(Debug, Clone, Default)]
pub enum PlateStatus {
    /// The models are being loaded (a second or two).
    #[default]
    Loading,
    Ready,
    /// No models, damaged models or a model that does not run: plates are typed by hand.
    Unavailable(Arc<ModelError>),
}

struct Shared {
    offered: Mutex<Option<Frame>>,
    offer_ready: Condvar,
    reads: Mutex<Vec<PlateRead>>,
    status: Mutex<PlateStatus>,
    stop: AtomicBool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The plate thread. Dropping it stops and joins the thread.
pub struct PlateWorker {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
    /// The scene offered last: an unchanged scene is not read again.
    last_scene: Mutex<Option<(u64, u64)>>,
}

impl std::fmt::Debug for PlateWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlateWorker").finish_non_exhaustive()
    }
}

impl PlateWorker {
    /// Starts the thread with the installed models (loaded on the thread, not here).
    pub fn start(wake: Wake) -> Self {
        Self::start_with(PlateReader::load_installed, wake)
    }

    /// Starts the thread with the reader `load` makes (tests point it at other models).
    pub fn start_with(
        load: impl FnOnce() -> Result<PlateReader, ModelError> + Send + 'static,
        wake: Wake,
    ) -> Self {
        let shared = Arc::new(Shared {
            offered: Mutex::new(None),
            offer_ready: Condvar::new(),
            reads: Mutex::new(Vec::new()),
            status: Mutex::new(PlateStatus::Loading),
            stop: AtomicBool::new(false),
        });
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("checkpoint-plates".to_owned())
            .spawn(move || read_loop(load, &thread_shared, &wake))
            .ok();
        if thread.is_none() {
            *lock(&shared.status) = PlateStatus::Unavailable(Arc::new(ModelError::Runtime {
                file: "checkpoint-plates".to_owned(),
                why: "the system refused to start the plate thread".to_owned(),
            }));
        }
        Self {
            shared,
            thread,
            last_scene: Mutex::new(None),
        }
    }

    /// Offers a frame; it replaces one not yet read. A frame of the scene offered last is
    /// ignored (nothing moved: the plates read from it stand).
    pub fn offer(&self, frame: Frame) {
        let key = (frame.scene, frame.sequence);
        {
            let mut last = lock(&self.last_scene);
            if last.is_some_and(|(scene, _)| scene == key.0) {
                return;
            }
            *last = Some(key);
        }
        *lock(&self.shared.offered) = Some(frame);
        self.shared.offer_ready.notify_one();
    }

    /// Reads the same scene again when it is next offered (the vehicle was saved: the same car
    /// standing there may be read again for the next entry).
    pub fn rearm(&self) {
        *lock(&self.last_scene) = None;
    }

    /// The reads that arrived since the last call, oldest first.
    pub fn try_reads(&self) -> Vec<PlateRead> {
        std::mem::take(&mut *lock(&self.shared.reads))
    }

    pub fn status(&self) -> PlateStatus {
        lock(&self.shared.status).clone()
    }
}

impl Drop for PlateWorker {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        self.shared.offer_ready.notify_all();
        if let Some(thread) = self.thread.take() {
            // A panicked plate thread has nothing left to clean up; dropping must not panic.
            let _ = thread.join();
        }
    }
}

/// One frame in this many is swept whole by the detector, whatever the colour stage found.
const WHOLE_FRAME_EVERY: u64 = 4;

fn read_loop(load: impl FnOnce() -> Result<PlateReader, ModelError>, shared: &Shared, wake: &Wake) {
    let reader = match load() {
        Ok(reader) => {
            *lock(&shared.status) = PlateStatus::Ready;
            reader
        }
        Err(error) => {
            *lock(&shared.status) = PlateStatus::Unavailable(Arc::new(error));
            wake();
            return;
        }
    };
    wake();
    let mut frames_read: u64 = 0;
    while !shared.stop.load(Ordering::Relaxed) {
        let frame = {
            let mut offered = lock(&shared.offered);
            if offered.is_none() {
                offered = shared
                    .offer_ready
                    .wait_timeout(offered, Duration::from_millis(200))
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
            offered.take()
        };
        let Some(frame) = frame else {
            continue;
        };
        // Most frames take the colour candidates' fast path; every few the detector also
        // sweeps the whole frame for the plates colour cannot find beside them.
        let sweep = if frames_read.is_multiple_of(WHOLE_FRAME_EVERY) {
            super::Sweep::Always
        } else {
            super::Sweep::WhenNeeded
        };
        frames_read = frames_read.wrapping_add(1);
        match reader.read_timed_swept(&frame.image, sweep) {
            Ok((plates, ms)) => {
                let mut reads = lock(&shared.reads);
                reads.push(PlateRead {
                    plates,
                    frame_sequence: frame.sequence,
                    scene: frame.scene,
                    ms,
                });
                let excess = reads.len().saturating_sub(MAX_PENDING);
                reads.drain(..excess);
                drop(reads);
                wake();
            }
            Err(error) => {
                *lock(&shared.status) = PlateStatus::Unavailable(Arc::new(error));
                wake();
                return;
            }
        }
    }
}
