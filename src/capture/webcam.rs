//! The webcam through nokhwa. `nokhwa::Camera` is not `Send`: it is created, used and dropped on
//! the capture thread only.

use image::RgbImage;
use nokhwa::Camera;
use nokhwa::pixel_format::RgbFormat;
use nokhwa::utils::{
    ApiBackend, CameraFormat, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType,
    Resolution,
};

use super::{CameraInfo, CaptureSettings};

/// Decoding works best near 720p: enough pixels for a phone at arm's length, cheap per frame.
const PREFERRED_RESOLUTION: [u32; 2] = [1280, 720];
const PREFERRED_FPS: u32 = 30;

/// Why the camera could not be used, worded for the status line.
#[derive(Debug, thiserror::Error)]
pub enum WebcamError {
    #[error("no camera found; plug one in (the kiosk keeps looking)")]
    NoCamera,
    #[error("camera {index} is not connected; pick another in Settings")]
    NoSuchCamera { index: u32 },
    #[error("could not open {name}: {reason}; close other programs using it")]
    Open { name: String, reason: String },
    #[error("{name} stopped sending pictures: {reason}")]
    Frame { name: String, reason: String },
}

/// An open, streaming camera.
pub struct LiveCamera {
    camera: Camera,
    pub name: String,
}

impl LiveCamera {
    /// Opens the camera the settings ask for and starts streaming.
    pub fn open(settings: &CaptureSettings) -> Result<Self, WebcamError> {
        let cameras = nokhwa::query(ApiBackend::Auto).unwrap_or_default();
        let info = match settings.camera_index {
            Some(index) => cameras
                .into_iter()
                .find(|camera| camera.index().as_index().ok() == Some(index))
                .ok_or(WebcamError::NoSuchCamera { index })?,
            None => cameras.into_iter().next().ok_or(WebcamError::NoCamera)?,
        };
        let name = info.human_name();
        let [width, height] = settings.resolution.unwrap_or(PREFERRED_RESOLUTION);
        let wanted = CameraFormat::new(
            Resolution::new(width, height),
            FrameFormat::MJPEG,
            PREFERRED_FPS,
        );
        let format = RequestedFormat::new::<RgbFormat>(RequestedFormatType::Closest(wanted));
        let open_error = |error: nokhwa::NokhwaError| WebcamError::Open {
            name: name.clone(),
            reason: error.to_string(),
        };
        let mut camera = Camera::new(info.index().clone(), format).map_err(open_error)?;
        camera.open_stream().map_err(open_error)?;
        Ok(Self { camera, name })
    }

    /// Blocks until the next frame arrives (the camera paces the thread).
    pub fn next_frame(&mut self) -> Result<RgbImage, WebcamError> {
        let frame_error = |error: nokhwa::NokhwaError| WebcamError::Frame {
            name: self.name.clone(),
            reason: error.to_string(),
        };
        let buffer = self.camera.frame().map_err(frame_error)?;
        buffer.decode_image::<RgbFormat>().map_err(frame_error)
    }
}

impl Drop for LiveCamera {
    fn drop(&mut self) {
        // Nothing to report to anyone at this point: the camera is being given up anyway.
        let _ = self.camera.stop_stream();
    }
}

/// Every camera nokhwa can see, with the resolutions it offers when it can be asked.
pub fn list_cameras() -> Vec<CameraInfo> {
    nokhwa::query(ApiBackend::Auto)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|info| {
            let index = info.index().as_index().ok()?;
            Some(CameraInfo {
                index,
                name: info.human_name(),
                resolutions: resolutions_of(info.index()),
            })
        })
        .collect()
}

fn resolutions_of(index: &CameraIndex) -> Vec<[u32; 2]> {
    let format = RequestedFormat::new::<RgbFormat>(RequestedFormatType::None);
    let Ok(mut camera) = Camera::new(index.clone(), format) else {
        return Vec::new();
    };
    let mut resolutions: Vec<[u32; 2]> = camera
        .compatible_camera_formats()
        .unwrap_or_default()
        .into_iter()
        .map(|format| [format.width(), format.height()])
        .collect();
    resolutions
        .sort_by_key(|[width, height]| std::cmp::Reverse(u64::from(*width) * u64::from(*height)));
    resolutions.dedup();
    resolutions
}
