//! Reading number plates from pictures (issue 26): where plates are, their text, their colour.
//!
//! The pipeline runs offline on the CPU. Patches of a plate's background colour shaped like
//! plates are found first, in a few milliseconds ([`locate`]); each is cut out upright and read
//! by PaddleOCR's PP-OCRv4 recogniser restricted to the characters plates use ([`rec`]). Only
//! when none of them reads as a plate (white and black plates, night, heavy blur), or a large
//! patch of plate colour may hide one (a blue car), does the PP-OCRv4 text detector look for
//! lines of text in the whole downscaled frame ([`det`]), each line that could be a plate being
//! read the same way. Every text must pass the kiosk's plate grammar ([`crate::model::plate`]),
//! and the plate's background colour gives its kind ([`colour`]). [`worker`] runs it on its own thread on the newest frame only; [`synth`]
//! draws plates and cars for tests, the benchmark and the window check. No UI code lives here.
//!
//! The models are files ([`models`]): a kiosk without them reads no plates and says so; the
//! volunteer types plates as before.

mod axis;
pub mod colour;
mod deconv;
mod dense;
mod depthwise;
mod det;
mod graph;
mod locate;
pub mod models;
mod ours;
mod pad;
mod rec;
pub mod synth;
mod upsample;
pub mod worker;

use std::path::Path;
use std::time::Instant;

use image::RgbImage;

use crate::model::plate::{Plate, PlateKind};
pub use colour::PlateColour;
pub use models::{ModelError, ModelFiles};

pub use crate::model::plate_read::{AUTO_FILL_CONFIDENCE, ReadPlate};

/// The detector and the recogniser, loaded once; reading a frame takes `&mut self` only for
/// the scratch buffers, so one reader serves one thread.
pub struct PlateReader {
    detector: det::Detector,
    recogniser: rec::Recogniser,
}

impl std::fmt::Debug for PlateReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlateReader").finish_non_exhaustive()
    }
}

impl PlateReader {
    /// Loads the models from the first place that has them (see [`ModelFiles::find`]).
    pub fn load_installed() -> Result<Self, ModelError> {
        Self::load(&ModelFiles::find()?)
    }

    /// Loads the models from `files` and checks that they are the ones recorded.
    pub fn load(files: &ModelFiles) -> Result<Self, ModelError> {
        Ok(Self {
            detector: det::Detector::load(&files.detector)?,
            recogniser: rec::Recogniser::load(&files.recogniser)?,
        })
    }

    /// Loads the models from a folder holding both files.
    pub fn load_dir(dir: &Path) -> Result<Self, ModelError> {
        Self::load(&ModelFiles::in_dir(dir))
    }

    /// Every plate in the picture, surest first. Text lines that are no plate (signs, logos,
    /// stickers) are dropped by the plate grammar.
    pub fn read(&self, image: &RgbImage) -> Result<Vec<ReadPlate>, ModelError> {
        Ok(self.read_profiled(image)?.0)
    }

    /// As [`Self::read`], with the time each stage took. Plate-coloured patches shaped like
    /// plates ([`locate`]) are read first; only when none of them reads as a plate does the
    /// text detector look at the whole frame (white and black plates, night), or when a large
    /// patch of plate colour may hide one (a blue plate on a blue car), or when a candidate's
    /// read is too doubtful to fill the field by itself (the detector's cut may read surer).
    pub fn read_profiled(&self, image: &RgbImage) -> Result<(Vec<ReadPlate>, Stages), ModelError> {
        self.read_swept(image, Sweep::WhenNeeded)
    }

    /// As [`Self::read_profiled`]; with [`Sweep::Always`] the detector also looks at the whole
    /// frame when the candidates were read (a white or black plate beside a blue one).
    pub fn read_swept(
        &self,
        image: &RgbImage,
        sweep: Sweep,
    ) -> Result<(Vec<ReadPlate>, Stages), ModelError> {
        let mut stages = Stages::default();
        let started = Instant::now();
        let located = locate::locate(image);
        stages.locate_ms = ms_since(started);
        let mut plates: Vec<ReadPlate> = Vec::new();
        for candidate in &located.candidates {
            self.read_line(image, &candidate.corners, &mut plates, &mut stages)?;
        }
        // A doubtful read of a candidate (blur, rain) is checked against the detector's lines:
        // kept only if they find nothing surer there.
        let (sure, doubtful): (Vec<ReadPlate>, Vec<ReadPlate>) =
            plates.into_iter().partition(ReadPlate::is_sure);
        let mut plates = sure;
        if sweep == Sweep::Always
            || plates.is_empty()
            || located.may_hide_plates
            || !doubtful.is_empty()
        {
            stages.full_frame = true;
            // A sweep beside sure reads only looks for what colour cannot find (a white or
            // black plate): the smaller input does, with less than half the pixels.
            let only_sweep = !plates.is_empty() && !located.may_hide_plates && doubtful.is_empty();
            let input = if only_sweep {
                det::Input::Sweep
            } else {
                det::Input::Full
            };
            let started = Instant::now();
            let lines = self.detector.detect(image, input)?;
            stages.detect_ms = ms_since(started);
            for line in lines.iter().take(MAX_LINES) {
                // A line on a plate already read from its colour is not read again.
                let [cx, cy] = centre(&line.corners);
                let known = plates
                    .iter()
                    .any(|plate| colour::inside(&plate.corners, cx, cy));
                if line.could_be_plate() && !known {
                    self.read_line(image, &line.corners, &mut plates, &mut stages)?;
                }
            }
        }
        for read in doubtful {
            let [cx, cy] = centre(&read.corners);
            if !plates
                .iter()
                .any(|plate| colour::inside(&plate.corners, cx, cy) || plate.text == read.text)
            {
                plates.push(read);
            }
        }
        plates.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        Ok((plates, stages))
    }

    /// Reads one line (a candidate or a detected text line) into `plates` when the grammar
    /// accepts it; the same plate found twice (a line and a piece of it) keeps its surer read.
    fn read_line(
        &self,
        image: &RgbImage,
        corners: &[[f32; 2]; 4],
        plates: &mut Vec<ReadPlate>,
        stages: &mut Stages,
    ) -> Result<(), ModelError> {
        let started = Instant::now();
        let crop = rec::cut_out(image, corners);
        stages.crop_ms += ms_since(started);
        let started = Instant::now();
        let read = self.recogniser.recognise(&crop)?;
        stages.recognise_ms += ms_since(started);
        stages.lines_read += 1;
        let Some(plate) = accept(&read, image, corners) else {
            return Ok(());
        };
        if let Some(twin) = plates.iter_mut().find(|known| known.text == plate.text) {
            if plate.confidence > twin.confidence {
                *twin = plate;
            }
            return Ok(());
        }
        plates.push(plate);
        Ok(())
    }

    /// As [`Self::read`], with the time it took in milliseconds.
    pub fn read_timed(&self, image: &RgbImage) -> Result<(Vec<ReadPlate>, f64), ModelError> {
        self.read_timed_swept(image, Sweep::WhenNeeded)
    }

    /// As [`Self::read_swept`], with the time it took in milliseconds.
    pub fn read_timed_swept(
        &self,
        image: &RgbImage,
        sweep: Sweep,
    ) -> Result<(Vec<ReadPlate>, f64), ModelError> {
        let started = Instant::now();
        let (plates, _) = self.read_swept(image, sweep)?;
        Ok((plates, ms_since(started)))
    }
}

/// Whether the whole-frame detector runs when plate-coloured candidates were already read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sweep {
    /// Only when the candidates are not enough (the fast path).
    WhenNeeded,
    /// Always: the live plate thread sweeps every few frames, so a white or black plate beside
    /// a coloured one is read within a second.
    Always,
}

/// Where the time of one read went, in milliseconds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stages {
    /// Finding plate-coloured candidates.
    pub locate_ms: f64,
    /// The text detector on the whole frame (0 when a candidate was read as a plate).
    pub detect_ms: f64,
    /// Cutting lines out of the frame upright, all of them.
    pub crop_ms: f64,
    /// Recognising the cut-out lines, all of them.
    pub recognise_ms: f64,
    /// Lines recognised (candidates and detected lines).
    pub lines_read: usize,
    /// Whether the text detector had to look at the whole frame.
    pub full_frame: bool,
}

fn centre(corners: &[[f32; 2]; 4]) -> [f32; 2] {
    let sum = corners
        .iter()
        .fold([0.0, 0.0], |[x, y], [cx, cy]| [x + cx, y + cy]);
    [sum[0] / 4.0, sum[1] / 4.0]
}

fn ms_since(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

/// Text lines read per frame at most (largest first): a frame full of signs stays in budget.
const MAX_LINES: usize = 8;

/// A recognised line becomes a plate when the grammar accepts its text; its kind is the
/// background colour, corrected by what the grammar knows (an 8-character plate is green, a
/// 警 plate white, a 港/澳/领/使 plate black).
fn accept(read: &rec::Recognised, image: &RgbImage, corners: &[[f32; 2]; 4]) -> Option<ReadPlate> {
    let plate = Plate::parse(&read.text).ok()?;
    let seen = colour::classify(image, corners);
    let kind = kind_for(plate.kind(), seen.colour);
    // A colour that contradicts the grammar (a blue 8-character plate) makes the read doubtful.
    let agreement = if kind == seen.colour { 1.0 } else { 0.9 };
    Some(ReadPlate {
        text: plate.as_str().to_owned(),
        kind,
        confidence: (read.confidence * agreement).clamp(0.0, 1.0),
        corners: corners.map(|[x, y]| [x.round(), y.round()]),
    })
}

/// The colour a plate of this grammar kind can have, the seen colour where it fits.
fn kind_for(kind: PlateKind, seen: PlateColour) -> PlateColour {
    match kind {
        PlateKind::NewEnergySmall | PlateKind::NewEnergyLarge => PlateColour::Green,
        PlateKind::Police => PlateColour::White,
        PlateKind::HongKong | PlateKind::Macau | PlateKind::Consulate | PlateKind::Embassy => {
            PlateColour::Black
        }
        PlateKind::Coach | PlateKind::Trailer | PlateKind::Super => PlateColour::Yellow,
        // Ordinary plates are blue (small) or yellow (large); a washed-out or dark read says
        // little, so it is taken for the common blue.
        PlateKind::Ordinary | PlateKind::Test => {
            if seen == PlateColour::Yellow {
                PlateColour::Yellow
            } else {
                PlateColour::Blue
            }
        }
    }
}

#[cfg(test)]
mod tests;
