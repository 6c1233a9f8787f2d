//! The live camera picture, uploaded to the GPU only when a new frame arrived.

use std::time::{Duration, Instant};

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::scan::pipeline::ScannerPipeline;

/// The newest frame as a texture, plus the outline of the last code seen in it.
#[derive(Default)]
pub struct Preview {
    pub texture: Option<TextureHandle>,
    pub sequence: u64,
    pub size: [usize; 2],
    /// Corners of the last code seen and when, drawn for a moment over the picture.
    last_code: Option<([[f32; 2]; 4], Instant)>,
}

/// How long the outline of a read code stays on screen.
const OUTLINE_FOR: Duration = Duration::from_millis(1500);

impl Preview {
    /// Uploads the pipeline's newest frame if it changed since the last call.
    pub fn update(&mut self, ctx: &egui::Context, scanner: &ScannerPipeline) {
        let Some(frame) = scanner.latest_frame() else {
            return;
        };
        if frame.sequence == self.sequence && self.texture.is_some() {
            return;
        }
        let size = [frame.image.width() as usize, frame.image.height() as usize];
        let image = ColorImage::from_rgb(size, frame.image.as_raw());
        match &mut self.texture {
            Some(texture) => texture.set(image, TextureOptions::LINEAR),
            None => {
                self.texture =
                    Some(ctx.load_texture("camera-preview", image, TextureOptions::LINEAR))
            }
        }
        self.sequence = frame.sequence;
        self.size = size;
    }

    /// Remembers where a code was seen, to outline it.
    pub fn mark_code(&mut self, corners: [[f32; 2]; 4]) {
        self.last_code = Some((corners, Instant::now()));
    }

    /// The outline to draw now, if a code was seen recently.
    pub fn outline(&self) -> Option<[[f32; 2]; 4]> {
        self.last_code
            .filter(|(_, seen)| seen.elapsed() < OUTLINE_FOR)
            .map(|(corners, _)| corners)
    }
}
