//! The non-UI parts the window talks to: the scanner pipeline, the store thread, the code
//! verifier and the personal-data key. Built once at start-up; every call from a frame is
//! non-blocking (the scanner and the store run on their own threads).

use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use chrono::{DateTime, Utc};

use super::store_requests::GateStore;
use crate::capture::{CameraInfo, CaptureSettings};
use crate::codes::Verifier;
use crate::config::{DataDir, KioskConfig};
use crate::model::pii::PiiKey;
use crate::model::risk::RiskList;
use crate::scan::pipeline::ScannerPipeline;

/// A clock that tests can replace.
pub type Clock = Box<dyn Fn() -> DateTime<Utc>>;

/// Everything the window needs from the rest of the app. `App` is what the store thread's
/// replies run on: the window's state, which holds these services (so this file need not name it).
pub struct Services<App: 'static> {
    pub data_dir: DataDir,
    pub config: KioskConfig,
    /// None when the window runs without a live source (tests feed scans directly).
    pub scanner: Option<ScannerPipeline>,
    /// Cameras found by a background thread (listing opens each camera and can be slow).
    pub camera_list: Arc<Mutex<Option<Vec<CameraInfo>>>>,
    /// Chime on pass, alarm on red, yellow, fever and divert; silent without an audio device.
    pub alert: crate::alert::AlertPlayer,
    /// Opens screenshots dropped on the window, off the UI thread.
    pub stills: crate::scan::still_file::StillOpener,
    source: FrameSourceChoice,
    /// Pictures played instead of the camera (`run --feed`); empty for the camera or demo.
    feed: Vec<std::path::PathBuf>,
    wake: Arc<dyn Fn() + Send + Sync>,
    pub store: GateStore<App>,
    pub verifier: Verifier,
    pub pii: PiiKey,
    /// Mid/high-risk regions: `risk_areas.json` in the data folder, else the bundled sample.
    pub risks: RiskList,
    pub clock: Clock,
    /// The district sync thread, when kiosk.toml names a server (issue 12).
    pub sync: Option<crate::sync::SyncWorker>,
    /// The plate camera's thread (issue 26), started when the Vehicle screen is first shown.
    pub plates: Option<crate::plate::worker::PlateWorker>,
}

/// How the window should get its frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameSourceChoice {
    /// The webcam, falling back to the demo feed when there is none.
    Camera,
    /// The bundled demo feed even if a webcam is present.
    Demo,
    /// No live source: scans arrive from opened images or a hardware scanner only.
    None,
}

impl<App: 'static> Services<App> {
    /// Whether the pictures given to `run --feed` play instead of a camera.
    pub fn plays_feed(&self) -> bool {
        !self.feed.is_empty()
    }

    /// Opens the data folder's settings, key, database and trust lists and starts the threads.
    pub fn start(
        data_dir: DataDir,
        source: FrameSourceChoice,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> anyhow::Result<Self> {
        Self::start_fed(data_dir, source, Vec::new(), wake)
    }

    /// Like [`Self::start`], playing `feed` (picture files, in a loop) as if it were the
    /// camera. Every picture is read once first, so a wrong path is said at start-up.
    pub fn start_with_feed(
        data_dir: DataDir,
        feed: Vec<std::path::PathBuf>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> anyhow::Result<Self> {
        for path in &feed {
            image::open(path).with_context(|| {
                format!(
                    "cannot read the feed picture {} (give PNG or JPEG files)",
                    path.display()
                )
            })?;
        }
        Self::start_fed(data_dir, FrameSourceChoice::Demo, feed, wake)
    }

    fn start_fed(
        data_dir: DataDir,
        source: FrameSourceChoice,
        feed: Vec<std::path::PathBuf>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> anyhow::Result<Self> {
        let config = data_dir.load_config()?;
        let pii = data_dir.pii_key()?;
        let store = GateStore::spawn(
            data_dir.database_path(),
            data_dir.passphrase().cloned(),
            wake.clone(),
        )
        .with_context(|| format!("cannot open the database in {}", data_dir.root().display()))?;
        let verifier = Verifier::load(&data_dir)?;
        let risks = load_risks(&data_dir)?;
        let scanner = match source {
            FrameSourceChoice::None => None,
            FrameSourceChoice::Camera | FrameSourceChoice::Demo => {
                let settings = CaptureSettings {
                    camera_index: config.camera_index,
                    resolution: config.camera_resolution,
                    force_demo: source == FrameSourceChoice::Demo,
                    feed: feed.clone(),
                };
                Some(ScannerPipeline::start(settings, wake.clone()))
            }
        };
        let sync = start_sync(&data_dir, &config, wake.clone());
        Ok(Self {
            data_dir,
            config,
            scanner,
            camera_list: list_cameras_in_background(source),
            alert: crate::alert::AlertPlayer::start(),
            stills: crate::scan::still_file::StillOpener::new(wake.clone()),
            source,
            feed,
            wake,
            store,
            verifier,
            pii,
            risks,
            clock: Box::new(Utc::now),
            sync,
            plates: None,
        })
    }

    /// Repaints the window from another thread (a result is ready).
    pub fn wake(&self) -> Arc<dyn Fn() + Send + Sync> {
        self.wake.clone()
    }

    /// Restarts the scanner with the camera and resolution now in the settings.
    pub fn restart_scanner(&mut self) {
        if self.scanner.is_none() {
            return;
        }
        // Dropping the old pipeline releases the camera before the new one opens it.
        self.scanner = None;
        let settings = CaptureSettings {
            camera_index: self.config.camera_index,
            resolution: self.config.camera_resolution,
            force_demo: self.source == FrameSourceChoice::Demo,
            feed: self.feed.clone(),
        };
        self.scanner = Some(ScannerPipeline::start(settings, self.wake.clone()));
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }
}

/// The risk list the checkpoint imported (`risk_areas.json` in the data folder), else the sample
/// bundled with the app.
fn load_risks(data_dir: &DataDir) -> anyhow::Result<RiskList> {
    let path = data_dir.root().join("risk_areas.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => RiskList::from_json(&text)
            .with_context(|| format!("{} is not a valid risk list", path.display())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            RiskList::bundled_sample().context("the bundled sample risk list is damaged")
        }
        Err(error) => Err(error).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Lists cameras on a named thread when a camera is wanted; tests and the demo skip it.
fn list_cameras_in_background(source: FrameSourceChoice) -> Arc<Mutex<Option<Vec<CameraInfo>>>> {
    let slot = Arc::new(Mutex::new(None));
    if source != FrameSourceChoice::Camera {
        return slot;
    }
    let filled = slot.clone();
    let spawned = std::thread::Builder::new()
        .name("camera-list".to_owned())
        .spawn(move || {
            let cameras = crate::capture::list_cameras();
            if let Ok(mut slot) = filled.lock() {
                *slot = Some(cameras);
            }
        });
    if let Err(error) = spawned {
        eprintln!("checkpoint-kiosk: cannot list cameras: {error}");
    }
    slot
}

/// Starts the district sync thread when kiosk.toml has a `[district]` server; a bad address is
/// reported and the gate runs without sync (it never depends on the server).
fn start_sync(
    data_dir: &DataDir,
    config: &KioskConfig,
    wake: Arc<dyn Fn() + Send + Sync>,
) -> Option<crate::sync::SyncWorker> {
    let settings = crate::sync::SyncSettings::from_config(data_dir, config, None, None)
        .map_err(|error| eprintln!("checkpoint-kiosk: district sync is off: {error}"))
        .ok()??;
    crate::sync::SyncWorker::spawn(
        data_dir.database_path(),
        data_dir.passphrase().cloned(),
        settings,
        wake,
    )
    .map_err(|error| eprintln!("checkpoint-kiosk: cannot start the district sync: {error}"))
    .ok()
}
