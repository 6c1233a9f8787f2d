//! The decoding cascade: which decoder looks at which plane, in what order.
//!
//! One cheap stage runs on every frame; the expensive fallbacks take turns, one per frame, so a
//! frame without a code costs little while a hard code is still read within a few frames. A still
//! image runs the whole list at once.

use std::collections::HashMap;

use image::RgbImage;

use super::charset::repaired;
use rxing::common::BitMatrix;

use super::decoders::{
    Look, RawCode, RqrrInput, RxingBinariser, black_matrix, decode_rqrr, decode_rxing,
    decode_zxing_cpp, decode_zxing_cpp_patterns, finder_patterns, look_rxing,
};
use super::planes::{
    Channel, Plane, channel_plane, global_binarised, inverted, locally_binarised, shrink_factor,
    shrunk, upscaled_centre,
};

/// The per-frame stage works on planes whose longer side is about this many pixels.
use Channel::{Luma, MinRgb};
use Preprocess::{GlobalThreshold, Inverted, LocalThreshold};

const SHRUNK_LONG_SIDE: u32 = 640;
/// Pictures up to this long side are enlarged whole for tiny codes; larger ones their centre.
const UPSCALE_WHOLE_UP_TO: u32 = 2048;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// Box-filtered down to about `SHRUNK_LONG_SIDE`: fast, enough for a phone held up close.
    Shrunk,
    /// Box-filtered down to about half of `SHRUNK_LONG_SIDE`: the first, cheapest look at a
    /// frame; a phone held up to the camera still has modules two pixels wide.
    Half,
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
    /// rxing's port of ZXing's QR reader: one code per call.
    Rxing(RxingBinariser),
    /// rxing's port of zxing-cpp's QR reader: every code in the plane, 45° and Model 1 too.
    ZxingCpp(RxingBinariser),
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
const CPP: Decoder = Decoder::ZxingCpp(RxingBinariser::Hybrid);
const CPP_GLOBAL: Decoder = Decoder::ZxingCpp(RxingBinariser::GlobalHistogram);

/// The first look at a live frame: one global threshold on the shrunk plane, the zxing-cpp port's
/// finder search and reader on those bits ([`PlaneCache::port_glance`]), and rxing's ZXing reader
/// on them ([`PlaneCache::glance`]) when the port found candidates but read nothing. When neither
/// sees finder patterns, the zxing-cpp port is not run on the hybrid bits on that frame (the
/// fallbacks still take their turn).
pub const GLANCE_STAGE: Stage = stage(
    Decoder::Rxing(RxingBinariser::GlobalHistogram),
    Channel::MinRgb,
    Resolution::Shrunk,
    Preprocess::None,
);

/// Runs on every frame: zxing-cpp's finder search on a shrunk plane is the cheapest reader, and
/// it returns every code in view (a family holding up their phones together).
pub const FAST_STAGE: Stage = stage(CPP, Channel::MinRgb, Resolution::Shrunk, Preprocess::None);

const RQRR: Decoder = Decoder::Rqrr;
const GLOBAL_HISTOGRAM: Decoder = Decoder::Rxing(RxingBinariser::GlobalHistogram);

/// Taken in turn, one per frame without a code; all of them for a still image. Cheap ones first;
/// each reads codes the others miss on the hard corpus (tests/support_scene/cases.rs).
pub const FALLBACK_STAGES: [Stage; 12] = [
    stage(CPP, MinRgb, Resolution::Full, Preprocess::None),
    stage(RQRR, MinRgb, Resolution::Shrunk, Preprocess::None),
    stage(HYBRID, MinRgb, Resolution::Shrunk, Preprocess::None),
    stage(CPP_GLOBAL, MinRgb, Resolution::Full, Preprocess::None),
    stage(HYBRID, MinRgb, Resolution::Full, Preprocess::None),
    stage(CPP, MinRgb, Resolution::Shrunk, Inverted),
    stage(RQRR, MinRgb, Resolution::Full, LocalThreshold),
    stage(CPP, Luma, Resolution::Full, Preprocess::None),
    stage(GLOBAL_HISTOGRAM, MinRgb, Resolution::Full, Preprocess::None),
    stage(CPP, MinRgb, Resolution::UpscaledCentre, Preprocess::None),
    stage(RQRR, MinRgb, Resolution::Full, GlobalThreshold),
    stage(CPP, MinRgb, Resolution::Full, Inverted),
];

/// Only for stills, after all the others: small codes anywhere in a large picture.
pub const STILL_ONLY_STAGES: [Stage; 3] = [
    stage(CPP, MinRgb, Resolution::Upscaled, Preprocess::None),
    stage(HYBRID, MinRgb, Resolution::Upscaled, Preprocess::None),
    stage(RQRR, MinRgb, Resolution::Upscaled, Preprocess::None),
];

/// After a still's first hit, this stage looks once more for further codes in the picture.
pub const SECOND_LOOK_STAGE: Stage = stage(CPP, MinRgb, Resolution::Full, Preprocess::None);

/// The stage as it runs on `image`: the shrunk plane of a picture already near
/// `SHRUNK_LONG_SIDE` (a 640×480 webcam frame) is the full one, so the two stages are one and
/// the cascades run it once.
pub fn effective_stage(stage: Stage, image: &RgbImage) -> Stage {
    if stage.resolution == Resolution::Shrunk && shrink_factor(image, SHRUNK_LONG_SIDE) == 1 {
        Stage {
            resolution: Resolution::Full,
            ..stage
        }
    } else {
        stage
    }
}

/// Planes of one image and their binarised bits, computed on first use and shared by the stages
/// that need them (rxing's reader and the zxing-cpp port read the same bits of a plane).
pub struct PlaneCache<'a> {
    image: &'a RgbImage,
    planes: HashMap<(Channel, Resolution), Plane>,
    matrices: HashMap<(Channel, Resolution, RxingBinariser), Option<BitMatrix>>,
}

impl<'a> PlaneCache<'a> {
    pub fn new(image: &'a RgbImage) -> Self {
        Self {
            image,
            planes: HashMap::new(),
            matrices: HashMap::new(),
        }
    }

    /// A plane and its bits under `binariser`.
    fn binarised(
        &mut self,
        channel: Channel,
        resolution: Resolution,
        binariser: RxingBinariser,
    ) -> (&Plane, Option<&BitMatrix>) {
        self.plane(channel, resolution);
        let plane = &self.planes[&(channel, resolution)];
        let matrix = self
            .matrices
            .entry((channel, resolution, binariser))
            .or_insert_with(|| black_matrix(plane, binariser));
        (plane, matrix.as_ref())
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
            Resolution::Half => shrunk(
                self.plane(channel, Resolution::Full),
                shrink_factor(image, SHRUNK_LONG_SIDE / 2),
            ),
            Resolution::Full => channel_plane(image, channel),
            Resolution::UpscaledCentre => {
                let full = self.plane(channel, Resolution::Full);
                let small = full.pixels.width().max(full.pixels.height()) < 900;
                upscaled_centre(full, if small { 1.0 } else { 0.5 }, 2)
            }
            Resolution::Upscaled => {
                // Enlarging a whole large photo costs more than it finds: its centre only.
                let full = self.plane(channel, Resolution::Full);
                let large = full.pixels.width().max(full.pixels.height()) > UPSCALE_WHOLE_UP_TO;
                upscaled_centre(full, if large { 0.5 } else { 1.0 }, 2)
            }
        }
    }

    /// The first half of [`GLANCE_STAGE`]'s look: the zxing-cpp port's finder search on the
    /// glance's bits, and its reader on the candidates found. The port's search costs about a
    /// third of rxing's, and where it finds no candidate rxing's finds no three patterns either
    /// (on every frame of the bench's 640×480 table): [`Glance::finder_seen`] is false then, and
    /// rxing's reader ([`Self::glance`]) need not run.
    pub fn port_glance(&mut self, glance: Stage) -> Glance {
        let port = glance_port(glance);
        let Decoder::ZxingCpp(binariser) = port.decoder else {
            let codes = self.run(port, false);
            return Glance {
                codes,
                finder_seen: true,
            };
        };
        let (plane, matrix) = self.binarised(port.channel, port.resolution, binariser);
        let Some(matrix) = matrix else {
            return Glance::new(Vec::new(), false);
        };
        let patterns = finder_patterns(matrix, false);
        if patterns.is_empty() {
            return Glance::new(Vec::new(), false);
        }
        Glance::new(decode_zxing_cpp_patterns(matrix, patterns, plane), true)
    }

    /// [`GLANCE_STAGE`]'s rxing reader: the codes read, and whether it saw finder patterns at all.
    pub fn glance(&mut self, stage: Stage) -> Glance {
        let Decoder::Rxing(binariser) = stage.decoder else {
            let codes = self.run(stage, false);
            return Glance {
                codes,
                finder_seen: true,
            };
        };
        let (plane, matrix) = self.binarised(stage.channel, stage.resolution, binariser);
        match look_rxing(matrix, plane, false) {
            Look::Nothing => Glance::new(Vec::new(), false),
            Look::FinderOnly => Glance::new(Vec::new(), true),
            Look::Code(code) => Glance::new(vec![code], true),
        }
    }

    /// Runs one stage; `thorough` lets rxing search harder (stills, not frames). Payloads in a
    /// Chinese charset without ECI, which the decoders misguess, are read again.
    pub fn run(&mut self, stage: Stage, thorough: bool) -> Vec<RawCode> {
        let mut codes = self.decode(stage, thorough);
        for code in &mut codes {
            code.text = repaired(std::mem::take(&mut code.text));
        }
        codes
    }

    fn decode(&mut self, stage: Stage, thorough: bool) -> Vec<RawCode> {
        match (stage.preprocess, stage.decoder) {
            (Preprocess::None, Decoder::Rxing(binariser)) => {
                let (plane, matrix) = self.binarised(stage.channel, stage.resolution, binariser);
                decode_rxing(matrix, plane, thorough).into_iter().collect()
            }
            (Preprocess::None, Decoder::ZxingCpp(binariser)) => {
                let (plane, matrix) = self.binarised(stage.channel, stage.resolution, binariser);
                decode_zxing_cpp(matrix, plane, thorough)
            }
            (Preprocess::Inverted, Decoder::Rxing(binariser)) => {
                let plane = inverted(self.plane(stage.channel, stage.resolution));
                let matrix = black_matrix(&plane, binariser);
                decode_rxing(matrix.as_ref(), &plane, thorough)
                    .into_iter()
                    .collect()
            }
            (Preprocess::Inverted, Decoder::ZxingCpp(binariser)) => {
                let plane = inverted(self.plane(stage.channel, stage.resolution));
                let matrix = black_matrix(&plane, binariser);
                decode_zxing_cpp(matrix.as_ref(), &plane, thorough)
            }
            (Preprocess::None, Decoder::Rqrr) => decode_rqrr(
                self.plane(stage.channel, stage.resolution),
                RqrrInput::Greyscale,
            ),
            (Preprocess::Inverted, Decoder::Rqrr) => decode_rqrr(
                &inverted(self.plane(stage.channel, stage.resolution)),
                RqrrInput::Greyscale,
            ),
            (Preprocess::GlobalThreshold, _) => {
                let plane = self.plane(stage.channel, stage.resolution);
                decode_rqrr(plane, RqrrInput::Bitmap(&global_binarised(&plane.pixels)))
            }
            (Preprocess::LocalThreshold, _) => {
                let plane = self.plane(stage.channel, stage.resolution);
                let long_side = plane.pixels.width().max(plane.pixels.height());
                let window = (long_side / 16).clamp(15, 101);
                let dark = locally_binarised(&plane.pixels, window);
                decode_rqrr(plane, RqrrInput::Bitmap(&dark))
            }
        }
    }
}

/// The zxing-cpp port on the glance's plane and bits ([`PlaneCache::port_glance`]).
pub fn glance_port(glance: Stage) -> Stage {
    match glance.decoder {
        Decoder::Rxing(binariser) => Stage {
            decoder: Decoder::ZxingCpp(binariser),
            ..glance
        },
        _ => glance,
    }
}

/// What a glance saw: the codes it read (charset repaired), and whether finder patterns were seen
/// at all.
pub struct Glance {
    pub codes: Vec<RawCode>,
    pub finder_seen: bool,
}

impl Glance {
    /// Decoders' codes, their charset repaired as [`PlaneCache::run`] repairs them.
    fn new(mut codes: Vec<RawCode>, finder_seen: bool) -> Self {
        for code in &mut codes {
            code.text = repaired(std::mem::take(&mut code.text));
        }
        Self { codes, finder_seen }
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
