//! The decoding cascade: which decoder looks at which plane, in what order.
//!
//! One cheap stage runs on every frame; the expensive fallbacks take turns, one per frame, so a
//! frame without a code costs little while a hard code is still read within a few frames. A still
//! image runs the whole list at once.

use std::collections::HashMap;

use image::RgbImage;

use super::decoders::{RawCode, RqrrInput, RxingBinariser, decode_rqrr, decode_rxing};
use super::planes::{
    Channel, Plane, channel_plane, global_binarised, inverted, locally_binarised, shrink_factor,
    shrunk, upscaled_centre,
};

/// The per-frame stage works on planes whose longer side is about this many pixels.
use Channel::{Luma, MinRgb};
use Preprocess::{GlobalThreshold, Inverted, LocalThreshold};

const SHRUNK_LONG_SIDE: u32 = 640;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// Box-filtered down to about `SHRUNK_LONG_SIDE`: fast, enough for a phone held up close.
    Shrunk,
    Full,
    /// The centre of the view enlarged twice (or the whole image, when it is small).
    UpscaledCentre,
    /// The whole image enlarged twice: too slow for every frame, fine for a still.
    Upscaled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preprocess {
    None,
    Inverted,
    GlobalThreshold,
    LocalThreshold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoder {
    Rqrr,
    Rxing(RxingBinariser),
}

/// One decoder on one prepared plane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stage {
    pub channel: Channel,
    pub resolution: Resolution,
    pub preprocess: Preprocess,
    pub decoder: Decoder,
}

const fn stage(
    decoder: Decoder,
    channel: Channel,
    resolution: Resolution,
    preprocess: Preprocess,
) -> Stage {
    Stage {
        channel,
        resolution,
        preprocess,
        decoder,
    }
}

const HYBRID: Decoder = Decoder::Rxing(RxingBinariser::Hybrid);

/// Runs on every frame: rxing's finder search on a shrunk plane is the cheapest reader.
pub const FAST_STAGE: Stage = stage(
    HYBRID,
    Channel::MinRgb,
    Resolution::Shrunk,
    Preprocess::None,
);

const RQRR: Decoder = Decoder::Rqrr;
const GLOBAL_HISTOGRAM: Decoder = Decoder::Rxing(RxingBinariser::GlobalHistogram);

/// Taken in turn, one per frame without a code; all of them for a still image. Cheap ones first.
pub const FALLBACK_STAGES: [Stage; 10] = [
    stage(RQRR, MinRgb, Resolution::Shrunk, Preprocess::None),
    stage(GLOBAL_HISTOGRAM, MinRgb, Resolution::Full, Preprocess::None),
    stage(HYBRID, MinRgb, Resolution::Full, Preprocess::None),
    stage(RQRR, MinRgb, Resolution::Full, Preprocess::None),
    stage(HYBRID, MinRgb, Resolution::Shrunk, Inverted),
    stage(RQRR, MinRgb, Resolution::Full, LocalThreshold),
    stage(RQRR, Luma, Resolution::Shrunk, Preprocess::None),
    stage(RQRR, MinRgb, Resolution::Full, GlobalThreshold),
    stage(HYBRID, MinRgb, Resolution::UpscaledCentre, Preprocess::None),
    stage(HYBRID, Luma, Resolution::Full, Preprocess::None),
];

/// Only for stills, after all the others: small codes anywhere in a large picture.
pub const STILL_ONLY_STAGES: [Stage; 2] = [
    stage(RQRR, MinRgb, Resolution::Upscaled, Preprocess::None),
    stage(HYBRID, MinRgb, Resolution::Upscaled, Preprocess::None),
];

/// Planes of one image, computed on first use and shared by the stages that need them.
pub struct PlaneCache<'a> {
    image: &'a RgbImage,
    planes: HashMap<(Channel, Resolution), Plane>,
}

impl<'a> PlaneCache<'a> {
    pub fn new(image: &'a RgbImage) -> Self {
        Self {
            image,
            planes: HashMap::new(),
        }
    }

    fn plane(&mut self, channel: Channel, resolution: Resolution) -> &Plane {
        let key = (channel, resolution);
        if !self.planes.contains_key(&key) {
            let plane = self.build_plane(channel, resolution);
            self.planes.insert(key, plane);
        }
        &self.planes[&key]
    }

    fn build_plane(&mut self, channel: Channel, resolution: Resolution) -> Plane {
        let image = self.image;
        match resolution {
            Resolution::Shrunk => shrunk(
                self.plane(channel, Resolution::Full),
                shrink_factor(image, SHRUNK_LONG_SIDE),
            ),
            Resolution::Full => channel_plane(image, channel),
            Resolution::UpscaledCentre => {
                let full = self.plane(channel, Resolution::Full);
                let small = full.pixels.width().max(full.pixels.height()) < 900;
                upscaled_centre(full, if small { 1.0 } else { 0.5 }, 2)
            }
            Resolution::Upscaled => upscaled_centre(self.plane(channel, Resolution::Full), 1.0, 2),
        }
    }

    /// Runs one stage; `thorough` lets rxing search harder (stills, not frames).
    pub fn run(&mut self, stage: Stage, thorough: bool) -> Vec<RawCode> {
        let plane = self.plane(stage.channel, stage.resolution);
        match (stage.preprocess, stage.decoder) {
            (Preprocess::None, Decoder::Rqrr) => decode_rqrr(plane, RqrrInput::Greyscale),
            (Preprocess::None, Decoder::Rxing(binariser)) => {
                decode_rxing(plane, binariser, thorough)
                    .into_iter()
                    .collect()
            }
            (Preprocess::Inverted, Decoder::Rqrr) => {
                decode_rqrr(&inverted(plane), RqrrInput::Greyscale)
            }
            (Preprocess::Inverted, Decoder::Rxing(binariser)) => {
                decode_rxing(&inverted(plane), binariser, thorough)
                    .into_iter()
                    .collect()
            }
            (Preprocess::GlobalThreshold, _) => {
                decode_rqrr(plane, RqrrInput::Bitmap(&global_binarised(&plane.pixels)))
            }
            (Preprocess::LocalThreshold, _) => {
                let long_side = plane.pixels.width().max(plane.pixels.height());
                let window = (long_side / 16).clamp(15, 101);
                let dark = locally_binarised(&plane.pixels, window);
                decode_rqrr(plane, RqrrInput::Bitmap(&dark))
            }
        }
    }
}

/// Adds codes whose text is not already in `found`.
pub fn merge_new(found: &mut Vec<RawCode>, codes: Vec<RawCode>) {
    for code in codes {
        if !found.iter().any(|known| known.text == code.text) {
            found.push(code);
        }
    }
}
