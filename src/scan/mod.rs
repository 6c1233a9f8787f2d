//! Reading health codes from pictures: QR payload, where the code is, and the colour it is drawn
//! in (the verdict).
//!
//! [`scan_still`] runs the whole decoding cascade on one picture (an opened file, the `scan`
//! command). [`FrameScanner`] is for a live feed: a cheap stage on every frame plus one of the
//! expensive fallbacks in turn. [`pipeline`] runs capture and decoding on their own threads,
//! [`stability`] turns a code seen in many frames into one event, [`still_file`] opens picture
//! files off the UI thread, and [`wedge`] recognises USB scanners that type the payload as
//! keystrokes. No UI code lives here.

pub mod binarise;
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
use cascade::{PlaneCache, effective_stage, glance_port, merge_new};
use decoders::RawCode;

pub use cascade::{
    Decoder, FALLBACK_STAGES, FAST_STAGE, GLANCE_STAGE, Preprocess, Resolution, SECOND_LOOK_STAGE,
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
    let second_look = effective_stage(SECOND_LOOK_STAGE, image);
    let stages = std::iter::once(FAST_STAGE)
        .chain(FALLBACK_STAGES)
        .chain(STILL_ONLY_STAGES)
        .map(|stage| effective_stage(stage, image));
    let mut tried: Vec<Stage> = Vec::new();
    for stage in stages {
        if tried.contains(&stage) {
            continue;
        }
        tried.push(stage);
        merge_new(&mut found, planes.run(stage, true));
        if !found.is_empty() {
            if stage != second_look {
                merge_new(&mut found, planes.run(second_look, true));
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
    /// Frames after which every fallback stage has had its turn.
    pub const ROTATION: usize = FALLBACK_STAGES.len();

    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes one frame within the per-frame budget: the stage that read a code last time; the
    /// cheap glance: the zxing-cpp port's finder search and reader on one global threshold; where
    /// that found candidates but read nothing, the port on the hybrid bits ([`FAST_STAGE`], which
    /// reads most of those frames) and then rxing's reader on the glance's bits; then the next
    /// fallback in turn. A frame where neither finder search sees a candidate costs the two
    /// binarisations, the port's search and one fallback.
    pub fn scan(&mut self, image: &RgbImage) -> Vec<DetectedCode> {
        let mut planes = PlaneCache::new(image);
        let glance = effective_stage(GLANCE_STAGE, image);
        let fast = effective_stage(FAST_STAGE, image);
        let port = glance_port(glance);
        let mut tried: Vec<Stage> = Vec::with_capacity(5);
        let run = |stage: Stage, tried: &mut Vec<Stage>, planes: &mut PlaneCache<'_>| {
            tried.push(stage);
            let found = planes.run(stage, false);
            (!found.is_empty()).then_some(found)
        };
        // Whether the port's finder search saw candidates on the glance's bits, once it ran.
        let mut port_candidates = None;
        if let Some(preferred) = self.preferred {
            let found = if preferred == port {
                tried.push(port);
                let seen = planes.port_glance(glance);
                port_candidates = Some(seen.finder_seen);
                (!seen.codes.is_empty()).then_some(seen.codes)
            } else {
                run(preferred, &mut tried, &mut planes)
            };
            if let Some(found) = found {
                return with_colours(image, found);
            }
        }
        let mut finder_seen = true;
        if !tried.contains(&glance) {
            let candidates = if let Some(candidates) = port_candidates {
                candidates
            } else {
                tried.push(port);
                let seen = planes.port_glance(glance);
                if !seen.codes.is_empty() {
                    self.preferred = Some(port);
                    return with_colours(image, seen.codes);
                }
                seen.finder_seen
            };
            // Candidates the port could not read from: the port on the hybrid bits reads most of
            // these frames, and costs less than rxing's search, so it goes first.
            if candidates
                && !tried.contains(&fast)
                && let Some(found) = run(fast, &mut tried, &mut planes)
            {
                self.preferred = Some(fast);
                return with_colours(image, found);
            }
            finder_seen = false;
            if candidates {
                tried.push(glance);
                let seen = planes.glance(glance);
                if !seen.codes.is_empty() {
                    self.preferred = Some(glance);
                    return with_colours(image, seen.codes);
                }
                finder_seen = seen.finder_seen;
            }
        }
        // The next fallback that does not repeat this frame's stages (on a small frame the first
        // fallback, full resolution, is the same plane and reader as the fast stage; it keeps its
        // turn when rxing saw no finder patterns). A fallback already run on this frame (the
        // port on the glance's bits, or the fast stage) costs nothing more; its turn passes.
        let mut fallback = effective_stage(FALLBACK_STAGES[self.next_fallback], image);
        if fallback == glance || (fallback == fast && finder_seen) {
            self.next_fallback = (self.next_fallback + 1) % FALLBACK_STAGES.len();
            fallback = effective_stage(FALLBACK_STAGES[self.next_fallback], image);
        }
        // Finder patterns but nothing read: the port on the hybrid bits, unless it ran already.
        // Nothing that looks like a code: the port is not run now, but it keeps its turn among
        // the fallbacks, which catch what the glance misses (45°, several codes) a few frames
        // later at worst.
        if finder_seen
            && !tried.contains(&fast)
            && let Some(found) = run(fast, &mut tried, &mut planes)
        {
            self.preferred = Some(fast);
            return with_colours(image, found);
        }
        self.next_fallback = (self.next_fallback + 1) % FALLBACK_STAGES.len();
        if !tried.contains(&fallback)
            && let Some(found) = run(fallback, &mut tried, &mut planes)
        {
            self.preferred = Some(fallback);
            return with_colours(image, found);
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
