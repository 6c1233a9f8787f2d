//! The body of the capture thread: alternates between delivering a live frame (camera or demo)
//! and waiting for requests (show a still, go live, stop), publishing into the shared mailbox.

use std::sync::{Arc, PoisonError};
use std::time::{Duration, Instant};

use image::RgbImage;

#[cfg(feature = "webcam")]
use super::camera_slot::{CameraOutcome, CameraSlot};
use super::scene::Signature;
use super::shared::{CaptureShared, DemoTiming, ModeChange, Wake, lock};
use super::{CaptureSettings, CaptureStatus, Frame, SourceKind, demo_images};

/// The body of the capture thread.
pub(super) struct CaptureLoop {
    shared: Arc<CaptureShared>,
    settings: CaptureSettings,
    timing: DemoTiming,
    wake: Wake,
    next_sequence: u64,
    /// The scene of the last published frame, its picture and its signature.
    scene: u64,
    last_picture: Option<(Arc<RgbImage>, Signature)>,
    showing_still: bool,
    demo: Option<DemoFeed>,
    #[cfg(feature = "webcam")]
    camera: CameraSlot,
}

struct DemoFeed {
    images: Vec<Arc<RgbImage>>,
    started: Instant,
}

impl CaptureLoop {
    pub(super) fn new(
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
            scene: 0,
            last_picture: None,
            showing_still: false,
            demo: None,
            #[cfg(feature = "webcam")]
            camera: CameraSlot::default(),
        }
    }

    pub(super) fn run(mut self) {
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
            let step = self.camera.step(&self.settings);
            if let Some((image, source)) = step.frame {
                self.publish(image, source);
            }
            if let Some(status) = step.status {
                self.set_status(status);
            }
            if step.opened {
                self.demo = None;
            }
            match step.outcome {
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
        let feed = &self.settings.feed;
        let demo = self.demo.get_or_insert_with(|| DemoFeed {
            images: if feed.is_empty() {
                demo_images().into_iter().map(Arc::new).collect()
            } else {
                feed_images(feed)
            },
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

    /// Publishes a frame for the decoder. The window is woken only when the scene changed (a
    /// still or a new source always counts as a change) and somebody looks at the preview.
    fn publish(&mut self, image: Arc<RgbImage>, source: SourceKind) {
        let same_source = lock(&self.shared.latest)
            .as_ref()
            .is_some_and(|frame| frame.source == source);
        let changed = !same_source
            || matches!(source, SourceKind::Still { .. })
            || self.scene_changed(&image);
        if changed {
            self.scene += 1;
        }
        let frame = Frame {
            image,
            sequence: self.next_sequence,
            scene: self.scene,
            source,
        };
        self.next_sequence += 1;
        *lock(&self.shared.latest) = Some(frame);
        self.shared.frame_ready.notify_all();
        if changed && self.shared.preview_wanted() {
            (self.wake)();
        }
    }

    /// Whether `image` shows something else than the last published picture (the demo feed
    /// republishes the very same picture: no need to look at its pixels).
    fn scene_changed(&mut self, image: &Arc<RgbImage>) -> bool {
        if let Some((last, _)) = &self.last_picture
            && Arc::ptr_eq(last, image)
        {
            return false;
        }
        let signature = Signature::of(image);
        let changed = self
            .last_picture
            .as_ref()
            .is_none_or(|(_, last)| !last.same_scene(&signature));
        self.last_picture = Some((Arc::clone(image), signature));
        changed
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

/// The pictures of a scripted feed (checked readable when the window started); one that cannot
/// be read now is skipped rather than stopping the feed.
fn feed_images(paths: &[std::path::PathBuf]) -> Vec<Arc<RgbImage>> {
    paths
        .iter()
        .filter_map(|path| image::open(path).ok())
        .map(|image| Arc::new(image.to_rgb8()))
        .collect()
}
