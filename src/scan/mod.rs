//! Reading health codes from pictures: QR payload, where the code is, and the colour it is drawn
//! in (the verdict).
//!
//! [`scan_still`] runs the whole decoding cascade on one picture (an opened file, the `scan`
//! command). [`FrameScanner`] is for a live feed: a cheap stage on every frame plus one of the
//! expensive fallbacks in turn. [`pipeline`] runs capture and decoding on their own threads,
//! [`stability`] turns a code seen in many frames into one event, [`still_file`] opens picture
//! files off the UI thread, and [`wedge`] recognises USB scanners that type the payload as
//! keystrokes. No UI code lives here.

mod cascade;
mod charset;
pub mod colour;
mod decoders;
mod geometry;
pub mod picture;
pub mod pipeline;
pub mod planes;
pub mod stability;
pub mod still_file;
pub mod wedge;

use image::RgbImage;

use crate::model::HealthColour;
use cascade::{PlaneCache, merge_new};
use decoders::RawCode;

pub use cascade::{
    Decoder, FALLBACK_STAGES, FAST_STAGE, Preprocess, Resolution, SECOND_LOOK_STAGE,
    STILL_ONLY_STAGES, Stage,
};
pub use decoders::RxingBinariser;

/// One code found in a picture.
#[derive(Debug, Clone, PartialEq)]
pub struct DetectedCode {
    pub text: String,
    pub colour: HealthColour,
    /// How sure the colour is, 0..1 (0 when `colour` is `Unknown`).
    pub confidence: f32,
    /// Top-left, top-right, bottom-right, bottom-left, in picture pixels: for drawing the outline.
    pub corners: [[f32; 2]; 4],
}

/// Decodes every code in a still picture with the whole cascade: stages run until one reads
/// something, then one more look with the multi-code reader at full resolution picks up the other
/// codes in the picture (several phones held up together).
pub fn scan_still(image: &RgbImage) -> Vec<DetectedCode> {
    let mut planes = PlaneCache::new(image);
    let mut found = Vec::new();
    let stages = std::iter::once(FAST_STAGE)
        .chain(FALLBACK_STAGES)
        .chain(STILL_ONLY_STAGES);
    for stage in stages {
        merge_new(&mut found, planes.run(stage, true));
        if !found.is_empty() {
            if stage != SECOND_LOOK_STAGE {
                merge_new(&mut found, planes.run(SECOND_LOOK_STAGE, true));
            }
            break;
        }
    }
    with_colours(image, found)
}

/// Runs a single cascade stage on a picture: for measuring what each decoder contributes.
pub fn scan_with_stage(image: &RgbImage, stage: Stage) -> Vec<DetectedCode> {
    let found = PlaneCache::new(image).run(stage, true);
    with_colours(image, found)
}

/// Decoder for a live feed with a per-frame budget. Each frame first tries the stage that read a
/// code last time (a phone held up stays under the same conditions for many frames), then the
/// cheap stage, then the next expensive fallback in turn.
#[derive(Debug, Default)]
pub struct FrameScanner {
    next_fallback: usize,
    preferred: Option<Stage>,
}

impl FrameScanner {
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes one frame within the per-frame budget.
    pub fn scan(&mut self, image: &RgbImage) -> Vec<DetectedCode> {
        let mut planes = PlaneCache::new(image);
        let fallback = FALLBACK_STAGES[self.next_fallback];
        let order = [self.preferred, Some(FAST_STAGE), Some(fallback)];
        let mut tried: Vec<Stage> = Vec::with_capacity(3);
        for stage in order.into_iter().flatten() {
            if tried.contains(&stage) {
                continue;
            }
            tried.push(stage);
            if stage == fallback {
                self.next_fallback = (self.next_fallback + 1) % FALLBACK_STAGES.len();
            }
            let found = planes.run(stage, false);
            if !found.is_empty() {
                self.preferred = Some(stage);
                return with_colours(image, found);
            }
        }
        self.preferred = None;
        Vec::new()
    }
}

fn with_colours(image: &RgbImage, codes: Vec<RawCode>) -> Vec<DetectedCode> {
    codes
        .into_iter()
        .map(|code| {
            let reading = colour::classify(image, code.corners, code.modules);
            DetectedCode {
                text: code.text,
                colour: reading.colour,
                confidence: reading.confidence,
                corners: code.corners,
            }
        })
        .collect()
}
