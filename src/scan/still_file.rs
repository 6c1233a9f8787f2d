//! Opening a picture file (people send screenshots of their codes) off the UI thread: the file is
//! read, decoded and, when no live pipeline will do it, scanned on a named thread. The window
//! polls for what came of it, so a large screenshot never freezes the gate screen.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use image::RgbImage;

use super::picture::open_picture;
use super::{DetectedCode, scan_still};

/// What opening one file gave.
#[derive(Debug, Clone, PartialEq)]
pub enum StillOutcome {
    /// The picture, and the codes in it when it was scanned here.
    Opened {
        image: RgbImage,
        label: String,
        codes: Option<Vec<DetectedCode>>,
    },
    /// The file could not be read as a picture; `message` says why and what to do.
    Failed { path: PathBuf, message: String },
}

/// Opens picture files on their own threads and keeps the outcomes until polled.
#[derive(Clone)]
pub struct StillOpener {
    done: Arc<Mutex<Vec<StillOutcome>>>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl StillOpener {
    /// `wake` is called when an outcome is ready (the window repaints and polls).
    pub fn new(wake: Arc<dyn Fn() + Send + Sync>) -> Self {
        Self {
            done: Arc::new(Mutex::new(Vec::new())),
            wake,
        }
    }

    /// Starts opening `path`; with `scan`, also looks for codes in it.
    pub fn open(&self, path: PathBuf, scan: bool) -> std::io::Result<()> {
        let opener = self.clone();
        std::thread::Builder::new()
            .name("open-image".to_owned())
            .spawn(move || {
                let outcome = open_still(path, scan);
                opener
                    .done
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(outcome);
                (opener.wake)();
            })
            .map(drop)
    }

    /// The outcomes that arrived since the last call.
    pub fn try_outcomes(&self) -> Vec<StillOutcome> {
        std::mem::take(&mut *self.done.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

fn open_still(path: PathBuf, scan: bool) -> StillOutcome {
    match open_picture(&path) {
        Ok(image) => StillOutcome::Opened {
            codes: scan.then(|| scan_still(&image)),
            label: path.display().to_string(),
            image,
        },
        Err(error) => StillOutcome::Failed {
            path,
            message: error.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn wait_for_outcome(opener: &StillOpener) -> StillOutcome {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(outcome) = opener.try_outcomes().pop() {
                return outcome;
            }
            assert!(Instant::now() < deadline, "no outcome");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_file_that_is_not_a_picture_is_reported_with_its_path() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("not-a-picture.png");
        std::fs::write(&path, b"hello").expect("written");
        let opener = StillOpener::new(Arc::new(|| {}));
        opener.open(path.clone(), true).expect("thread");
        match wait_for_outcome(&opener) {
            StillOutcome::Failed { path: failed, .. } => assert_eq!(failed, path),
            other @ StillOutcome::Opened { .. } => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn a_picture_comes_back_scanned_only_when_asked() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("blank.png");
        RgbImage::from_pixel(40, 30, image::Rgb([255, 255, 255]))
            .save(&path)
            .expect("written");
        let opener = StillOpener::new(Arc::new(|| {}));
        opener.open(path.clone(), false).expect("thread");
        let StillOutcome::Opened { image, codes, .. } = wait_for_outcome(&opener) else {
            panic!("opened");
        };
        assert_eq!((image.width(), codes), (40, None));
        opener.open(path, true).expect("thread");
        let StillOutcome::Opened { codes, .. } = wait_for_outcome(&opener) else {
            panic!("opened");
        };
        assert_eq!(codes, Some(Vec::new()), "a blank picture holds no code");
    }
}
