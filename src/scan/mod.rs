//! Reading health codes from pictures: QR payload, where the code is, and the colour it is drawn
//! in (the verdict).
//!
//! [`scan_still`] runs the whole decoding cascade on one picture (an opened file, the `scan`
//! command). [`FrameScanner`] is for a live feed: a cheap stage on every frame plus one of the
//! expensive fallbacks in turn. [`pipeline`] runs capture and decoding on their own threads,
//! [`stability`] turns a code seen in many frames into one event, and [`wedge`] recognises USB
//! scanners that type the payload as keystrokes. No UI code lives here.

mod cascade;
pub mod colour;
mod decoders;
mod geometry;
pub mod pipeline;
pub mod planes;
pub mod stability;
pub mod wedge;

use image::RgbImage;

use crate::model::HealthColour;
use cascade::{FALLBACK_STAGES, FAST_STAGE, PlaneCache, merge_new};
use decoders::RawCode;

pub use cascade::{Decoder, Preprocess, Resolution, Stage};
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

/// Decodes every code in a still picture with the whole cascade, stopping at the first stage that
/// reads something.
pub fn scan_still(image: &RgbImage) -> Vec<DetectedCode> {
    let mut planes = PlaneCache::new(image);
    let mut found = Vec::new();
    for stage in std::iter::once(FAST_STAGE).chain(FALLBACK_STAGES) {
        merge_new(&mut found, planes.run(stage, true));
        if !found.is_empty() {
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

/// Decoder for a live feed with a per-frame budget: the cheap stage on every frame, and when it
/// finds nothing, the stage that worked last time or else the next fallback in turn.
#[derive(Debug, Default)]
pub struct FrameScanner {
    next_fallback: usize,
    last_successful_fallback: Option<usize>,
}

impl FrameScanner {
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes one frame within the per-frame budget.
    pub fn scan(&mut self, image: &RgbImage) -> Vec<DetectedCode> {
        let mut planes = PlaneCache::new(image);
        let mut found = planes.run(FAST_STAGE, false);
        if found.is_empty()
            && let Some(index) = self.last_successful_fallback
        {
            found = planes.run(FALLBACK_STAGES[index], false);
            if found.is_empty() {
                self.last_successful_fallback = None;
            }
        }
        if found.is_empty() {
            let index = self.next_fallback;
            self.next_fallback = (index + 1) % FALLBACK_STAGES.len();
            found = planes.run(FALLBACK_STAGES[index], false);
            if !found.is_empty() {
                self.last_successful_fallback = Some(index);
            }
        }
        with_colours(image, found)
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
