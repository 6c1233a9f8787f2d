//! The live camera picture, uploaded to the GPU only when a new frame arrived. While a person is
//! being checked the picture holds still on the frame their code was read from, so the volunteer
//! compares the verdict with that code, not with whatever the camera sees next.

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
    /// The code being checked, when the picture is held still on it.
    frozen: Option<[[f32; 2]; 4]>,
}

/// How long the outline of a read code stays on screen.
const OUTLINE_FOR: Duration = Duration::from_millis(1500);

impl Preview {
    /// Uploads the pipeline's newest frame if it changed since the last call.
    pub fn update(&mut self, ctx: &egui::Context, scanner: &ScannerPipeline) {
        let Some(frame) = scanner.latest_frame() else {
            return;
        };
        let unchanged = frame.sequence == self.sequence;
        if (unchanged || self.frozen.is_some()) && self.texture.is_some() {
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

    /// Holds the picture still, outlining the code at `corners`, until [`Self::thaw`].
    pub fn freeze(&mut self, corners: [[f32; 2]; 4]) {
        self.frozen = Some(corners);
    }

    /// Back to the live picture.
    pub fn thaw(&mut self) {
        self.frozen = None;
    }

    pub fn is_frozen(&self) -> bool {
        self.frozen.is_some()
    }

    /// The outline to draw now: the code being checked, or a code seen a moment ago.
    pub fn outline(&self) -> Option<[[f32; 2]; 4]> {
        self.frozen.or_else(|| {
            self.last_code
                .filter(|(_, seen)| seen.elapsed() < OUTLINE_FOR)
                .map(|(corners, _)| corners)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CORNERS: [[f32; 2]; 4] = [[1.0, 1.0], [9.0, 1.0], [9.0, 9.0], [1.0, 9.0]];

    #[test]
    fn a_frozen_code_stays_outlined_until_thawed() {
        let mut preview = Preview::default();
        assert_eq!(preview.outline(), None);
        preview.freeze(CORNERS);
        preview.last_code = Some(([[0.0; 2]; 4], Instant::now() - OUTLINE_FOR * 2));
        assert!(preview.is_frozen());
        assert_eq!(preview.outline(), Some(CORNERS));
        preview.thaw();
        assert!(!preview.is_frozen());
        assert_eq!(preview.outline(), None, "the old sighting has faded");
    }
}
