//! Where frames come from: the webcam (through nokhwa, on its own thread), the bundled demo feed,
//! or a still image the volunteer opened. The capture thread owns the source and publishes only
//! its newest frame; it never decodes (that is `scan`) and never draws (that is `ui`).
//!
//! A missing, busy or unplugged camera is a status, not an error: the thread keeps retrying and
//! resumes by itself when the camera comes back.

#[cfg(feature = "webcam")]
mod camera_slot;
mod capture_loop;
mod demo;
pub mod scene;
mod shared;
#[cfg(feature = "webcam")]
mod webcam;
pub mod worker;

use std::sync::Arc;

use image::RgbImage;

pub use crate::model::camera::{CameraInfo, CaptureStatus, SourceKind};
pub use demo::{DEMO_FRAMES, DemoFrame, demo_images};
pub use worker::CaptureWorker;

/// One picture from a source. Cloning is cheap (the pixels are shared).
#[derive(Debug, Clone)]
pub struct Frame {
    pub image: Arc<RgbImage>,
    /// Increases by one for every published frame, across source switches.
    pub sequence: u64,
    /// Increases only when the picture differs visibly from the frame before (`scene`): frames
    /// of an unchanged scene are neither redrawn nor decoded again.
    pub scene: u64,
    pub source: SourceKind,
}

/// What the capture thread should open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaptureSettings {
    /// `None`: the first camera found.
    pub camera_index: Option<u32>,
    /// `None`: 1280x720 or the closest the camera offers.
    pub resolution: Option<[u32; 2]>,
    /// Run the demo feed even when a camera is present.
    pub force_demo: bool,
    /// Pictures played in a loop instead of the bundled demo feed (`run --feed`, for training,
    /// demos and tests); marked on screen like the demo feed.
    pub feed: Vec<std::path::PathBuf>,
}

/// The cameras attached now; empty without cameras or in a build without webcam support.
pub fn list_cameras() -> Vec<CameraInfo> {
    #[cfg(feature = "webcam")]
    {
        webcam::list_cameras()
    }
    #[cfg(not(feature = "webcam"))]
    {
        Vec::new()
    }
}
