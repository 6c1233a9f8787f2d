//! The live camera picture, uploaded to the GPU only when the scene changed (frames of a still
//! scene are neither uploaded nor drawn again). While a person is being checked the picture holds
//! still on the frame their code was read from, so the volunteer compares the verdict with that
//! code, not with whatever the camera sees next.

use std::time::{Duration, Instant};

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::capture::Frame;
use crate::scan::pipeline::ScannerPipeline;
use crate::ui::source_status::PictureView;

/// The newest frame as a texture, plus the outline of the last code seen in it.
#[derive(Default)]
pub struct Preview {
    pub texture: Option<TextureHandle>,
    pub sequence: u64,
    /// The scene of the uploaded frame (see [`Frame::scene`]).
    scene: Option<u64>,
    pub size: [usize; 2],
    /// Corners of the last code seen and when, drawn for a moment over the picture.
    last_code: Option<([[f32; 2]; 4], Instant)>,
    /// The code being checked, when the picture is held still on it.
    frozen: Option<[[f32; 2]; 4]>,
    /// The frames of the codes waiting in line, in the order they queued (None where no frame
    /// was at hand), each held on screen when its turn comes (by then the camera shows someone
    /// else).
    waiting: std::collections::VecDeque<Option<(Frame, [[f32; 2]; 4])>>,
    /// A frame to show instead of the newest one, uploaded on the next update.
    held_frame: Option<Frame>,
}

/// How long the outline of a read code stays on screen.
const OUTLINE_FOR: Duration = Duration::from_millis(1500);

impl Preview {
    /// Uploads the pipeline's newest frame if its scene changed since the last call, and asks
    /// for the frame that takes a faded outline off the picture.
    pub fn update(&mut self, ctx: &egui::Context, scanner: &ScannerPipeline) {
        if self.frozen.is_none()
            && let Some((_, seen)) = self.last_code
            && let Some(left) = OUTLINE_FOR.checked_sub(seen.elapsed())
        {
            ctx.request_repaint_after(left);
        }
        if let Some(frame) = self.held_frame.take() {
            self.upload(ctx, &frame);
            return;
        }
        let Some(frame) = scanner.latest_frame() else {
            return;
        };
        let unchanged = self.scene == Some(frame.scene);
        if (unchanged || self.frozen.is_some()) && self.texture.is_some() {
            return;
        }
        self.upload(ctx, &frame);
    }

    fn upload(&mut self, ctx: &egui::Context, frame: &Frame) {
        let size = [frame.image.width() as usize, frame.image.height() as usize];
        let image = ColorImage::from_rgb(size, frame.image.as_raw());
        match &mut self.texture {
            Some(texture) => texture.set(image, TextureOptions::LINEAR),
            None => {
                self.texture =
                    Some(ctx.load_texture("camera-preview", image, TextureOptions::LINEAR));
            }
        }
        self.sequence = frame.sequence;
        self.scene = Some(frame.scene);
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
        self.waiting.clear();
        self.held_frame = None;
    }

    /// A code was put in line (behind any others): its frame, if one is kept, follows.
    pub fn person_queued(&mut self) {
        self.waiting.push_back(None);
    }

    /// Keeps `frame` for the code put in line last, outlined at `corners`.
    pub fn keep_for_last_queued(&mut self, frame: Option<Frame>, corners: [[f32; 2]; 4]) {
        if let Some(slot) = self.waiting.back_mut() {
            *slot = frame.map(|frame| (frame, corners));
        }
    }

    /// The next person's turn: hold their kept frame, or go live when there is none; the frames
    /// of those behind them stay kept.
    pub fn next_person(&mut self) {
        let next = self.waiting.pop_front().flatten();
        self.frozen = None;
        self.held_frame = None;
        if let Some((frame, corners)) = next {
            self.held_frame = Some(frame);
            self.frozen = Some(corners);
        }
    }

    /// What the Scan screen draws of the picture now.
    pub fn picture(&self) -> PictureView<'_> {
        PictureView {
            texture: self.texture.as_ref(),
            outline: self.outline(),
            frozen: self.is_frozen(),
        }
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
        preview.last_code = Some((
            [[0.0; 2]; 4],
            Instant::now().checked_sub(OUTLINE_FOR * 2).unwrap(),
        ));
        assert!(preview.is_frozen());
        assert_eq!(preview.outline(), Some(CORNERS));
        preview.thaw();
        assert!(!preview.is_frozen());
        assert_eq!(preview.outline(), None, "the old sighting has faded");
    }

    #[test]
    fn the_next_person_gets_the_frame_their_code_was_read_from() {
        let mut preview = Preview::default();
        preview.freeze(CORNERS);
        let frame = Frame {
            image: std::sync::Arc::new(image::RgbImage::new(4, 4)),
            sequence: 7,
            scene: 7,
            source: crate::model::camera::SourceKind::Demo,
        };
        let next = [[2.0, 2.0], [3.0, 2.0], [3.0, 3.0], [2.0, 3.0]];
        preview.person_queued();
        preview.keep_for_last_queued(Some(frame), next);
        assert_eq!(preview.outline(), Some(CORNERS), "still the current person");
        preview.next_person();
        assert_eq!(preview.outline(), Some(next));
        assert_eq!(preview.held_frame.as_ref().map(|f| f.sequence), Some(7));
        preview.next_person();
        assert!(!preview.is_frozen(), "nobody else waited: live again");
    }

    #[test]
    fn with_two_in_line_each_gets_their_own_frame_in_turn() {
        let frame = |sequence| Frame {
            image: std::sync::Arc::new(image::RgbImage::new(4, 4)),
            sequence,
            scene: sequence,
            source: crate::model::camera::SourceKind::Demo,
        };
        let mut preview = Preview::default();
        preview.freeze(CORNERS);
        preview.person_queued();
        preview.keep_for_last_queued(Some(frame(1)), CORNERS);
        // A scanner's code in between has no frame: live picture on its turn.
        preview.person_queued();
        preview.person_queued();
        preview.keep_for_last_queued(Some(frame(2)), CORNERS);
        preview.next_person();
        assert_eq!(preview.held_frame.as_ref().map(|f| f.sequence), Some(1));
        preview.next_person();
        assert!(!preview.is_frozen(), "the scanner's person: live picture");
        preview.next_person();
        assert_eq!(preview.held_frame.as_ref().map(|f| f.sequence), Some(2));
    }
}
