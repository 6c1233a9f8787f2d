//! Capture and decoding together: the capture thread publishes frames, the decode thread takes the
//! newest one (older frames are skipped, never queued), scans it and turns new appearances into
//! [`ScanEvent`]s. Every accessor the UI calls returns at once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use image::RgbImage;

use super::stability::Debouncer;
use super::{DetectedCode, FrameScanner, scan_still};
use crate::capture::worker::{CaptureShared, DemoTiming, Wake};
use crate::capture::{CaptureSettings, CaptureStatus, CaptureWorker, Frame, SourceKind};

/// Events the UI has not collected yet are capped: a UI that stops polling must not grow memory.
const MAX_PENDING_EVENTS: usize = 64;

/// A code that just appeared.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanEvent {
    pub code: DetectedCode,
    pub frame_sequence: u64,
    pub source: SourceKind,
}

/// The capture thread and the decode thread. Dropping it stops and joins both.
pub struct ScannerPipeline {
    capture: Option<CaptureWorker>,
    decode: DecodeShared,
    decode_thread: Option<JoinHandle<()>>,
}

#[derive(Clone)]
struct DecodeShared {
    events: Arc<Mutex<Vec<ScanEvent>>>,
    debouncer: Arc<Mutex<Debouncer>>,
    stop: Arc<AtomicBool>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl ScannerPipeline {
    /// Starts capturing and decoding; `wake` is called when a frame, status or event is ready.
    pub fn start(settings: CaptureSettings, wake: Arc<dyn Fn() + Send + Sync>) -> Self {
        Self::start_with_demo_timing(settings, DemoTiming::default(), wake)
    }

    /// As [`Self::start`], with the demo feed paced as given (tests run it faster).
    pub fn start_with_demo_timing(
        settings: CaptureSettings,
        timing: DemoTiming,
        wake: Wake,
    ) -> Self {
        let capture = CaptureWorker::start(settings, timing, Arc::clone(&wake));
        let decode = DecodeShared {
            events: Arc::new(Mutex::new(Vec::new())),
            debouncer: Arc::new(Mutex::new(Debouncer::new())),
            stop: Arc::new(AtomicBool::new(false)),
        };
        let frames = Arc::clone(capture.shared());
        let thread_decode = decode.clone();
        let decode_thread = std::thread::Builder::new()
            .name("checkpoint-decode".to_owned())
            .spawn(move || decode_loop(&frames, &thread_decode, &wake))
            .ok();
        Self {
            capture: Some(capture),
            decode,
            decode_thread,
        }
    }

    /// The newest frame, for the preview.
    pub fn latest_frame(&self) -> Option<Frame> {
        self.capture.as_ref()?.shared().latest_frame()
    }

    pub fn status(&self) -> CaptureStatus {
        match (&self.capture, &self.decode_thread) {
            (Some(capture), Some(_)) => capture.shared().status(),
            _ => CaptureStatus::CameraLost {
                message: "the system refused to start the decoder thread; restart the kiosk"
                    .to_owned(),
                retrying: false,
            },
        }
    }

    /// Whether the window shows the live picture: a changed scene wakes it only then (scan
    /// events and status changes always do).
    pub fn set_preview_wanted(&self, wanted: bool) {
        if let Some(capture) = &self.capture {
            capture.shared().set_preview_wanted(wanted);
        }
    }

    /// Takes the events that arrived since the last call.
    pub fn try_events(&self) -> Vec<ScanEvent> {
        std::mem::take(&mut *lock(&self.decode.events))
    }

    /// Shows and scans a picture file (opened or dropped) instead of the live feed.
    pub fn show_still(&self, image: RgbImage, label: String) {
        if let Some(capture) = &self.capture {
            capture.show_still(image, label);
        }
    }

    /// Back to the camera or demo feed after a still.
    pub fn resume_live(&self) {
        if let Some(capture) = &self.capture {
            capture.resume_live();
        }
    }

    /// The code in view may scan again (the previous person was saved; the next may share it).
    pub fn rearm(&self) {
        lock(&self.decode.debouncer).rearm();
    }
}

impl Drop for ScannerPipeline {
    fn drop(&mut self) {
        self.decode.stop.store(true, Ordering::Relaxed);
        // Stop capture first: its thread holds the other clone of `wake`.
        drop(self.capture.take());
        if let Some(thread) = self.decode_thread.take() {
            // A panicked decode thread has nothing left to clean up; dropping must not panic.
            let _ = thread.join();
        }
    }
}

/// The body of the decode thread: newest frame in, events out. A frame of an unchanged scene is
/// not decoded again once every stage of the cascade has had its turn on that scene: the codes
/// read from it (or none) stand, and still count as seen, so a code held still fires once and
/// again after [`ScannerPipeline::rearm`].
fn decode_loop(frames: &CaptureShared, decode: &DecodeShared, wake: &Wake) {
    let mut scanner = FrameScanner::new();
    let mut last_sequence = None;
    let mut known = KnownScene::default();
    while !decode.stop.load(Ordering::Relaxed) {
        let Some(frame) = frames.frame_after(last_sequence, Duration::from_millis(100)) else {
            continue;
        };
        last_sequence = Some(frame.sequence);
        let is_still = matches!(frame.source, SourceKind::Still { .. });
        let codes = if is_still {
            scan_still(&frame.image)
        } else if let Some(codes) = known.codes_of(&frame) {
            codes
        } else {
            let codes = scanner.scan(&frame.image);
            known.scanned(&frame, &codes);
            codes
        };
        let new_events = appearances(decode, &frame, codes, is_still);
        if !new_events.is_empty() {
            let mut events = lock(&decode.events);
            events.extend(new_events);
            let excess = events.len().saturating_sub(MAX_PENDING_EVENTS);
            events.drain(..excess);
            drop(events);
            wake();
        }
    }
}

/// What the decoder already knows of the scene in view.
#[derive(Default)]
struct KnownScene {
    scene: Option<u64>,
    /// Frames of this scene decoded so far.
    scans: usize,
    codes: Vec<DetectedCode>,
}

impl KnownScene {
    /// A frame of the scene being decoded needs no decoding once a code was read from it or
    /// every stage had its turn on it; then these are its codes.
    fn codes_of(&self, frame: &Frame) -> Option<Vec<DetectedCode>> {
        let settled = !self.codes.is_empty() || self.scans > FrameScanner::ROTATION;
        (self.scene == Some(frame.scene) && settled).then(|| self.codes.clone())
    }

    fn scanned(&mut self, frame: &Frame, codes: &[DetectedCode]) {
        if self.scene != Some(frame.scene) {
            self.scene = Some(frame.scene);
            self.scans = 0;
        }
        self.scans += 1;
        self.codes = codes.to_vec();
    }
}

/// Codes that count as new appearances; a still is an explicit request, so it always counts.
fn appearances(
    decode: &DecodeShared,
    frame: &Frame,
    codes: Vec<DetectedCode>,
    is_still: bool,
) -> Vec<ScanEvent> {
    let now = Instant::now();
    let mut debouncer = lock(&decode.debouncer);
    codes
        .into_iter()
        .filter(|code| debouncer.is_new_appearance(&code.text, now) || is_still)
        .map(|code| ScanEvent {
            code,
            frame_sequence: frame.sequence,
            source: frame.source.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
