//! The QR decoders behind one small interface: rqrr (fast, tolerant of perspective), rxing's
//! ZXing port (good on blur and low contrast) and rxing's port of zxing-cpp's QR reader (the best
//! finder search: several codes per picture, 45° rotation, mirrored codes, QR Model 1). Each
//! returns codes with their outer corners in source-frame coordinates and their size in modules,
//! which the colour step needs.

use rxing::DecodeHints;
use rxing::common::cpp_essentials::ConcentricPattern;
use rxing::common::{BitMatrix, DetectorRXingResult};
use rxing::qrcode::cpp_port::decoder::Decode as decode_cpp_bits;
use rxing::qrcode::cpp_port::detector::{
    FindFinderPatterns, FinderPatternSet, FinderPatterns, GenerateFinderPatternSets, SampleQR,
};
use rxing::qrcode::decoder::qrcode_decoder::decode_bitmatrix_with_hints;
use rxing::qrcode::detector::Detector;

/// More codes than this in one picture are not looked for: a family at the gate holds up a few
/// phones, and a cluttered picture must not cost unbounded time.
pub const MAX_CODES_PER_PICTURE: usize = 8;

use super::binarise::{global_histogram_matrix, hybrid_matrix};
use super::geometry::corners_from_finders;
use super::planes::Plane;

/// A decoded payload before its colour is known.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCode {
    pub text: String,
    /// Top-left, top-right, bottom-right, bottom-left, in source-frame pixels.
    pub corners: [[f32; 2]; 4],
    /// Side length in modules (21 for version 1).
    pub modules: u32,
}

/// How rqrr sees the plane: its own row-average threshold, or a bitmap we binarised.
pub enum RqrrInput<'a> {
    Greyscale,
    Bitmap(&'a [bool]),
}

/// Which rxing binariser to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RxingBinariser {
    /// Local blocks: the usual choice.
    Hybrid,
    /// One histogram threshold: sometimes wins on soft, evenly lit codes.
    GlobalHistogram,
}

/// Every code rqrr finds in the plane.
pub fn decode_rqrr(plane: &Plane, input: RqrrInput<'_>) -> Vec<RawCode> {
    let (width, height) = (
        plane.pixels.width() as usize,
        plane.pixels.height() as usize,
    );
    let raw = plane.pixels.as_raw();
    let mut prepared = match input {
        RqrrInput::Greyscale => {
            rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| raw[y * width + x])
        }
        RqrrInput::Bitmap(dark) if dark.len() == raw.len() => {
            rqrr::PreparedImage::prepare_from_bitmap(width, height, |x, y| dark[y * width + x])
        }
        RqrrInput::Bitmap(_) => return Vec::new(),
    };
    prepared
        .detect_grids()
        .into_iter()
        .filter_map(|grid| {
            let (_, text) = grid.decode().ok()?;
            let corners = grid
                .bounds
                .map(|point| plane.to_source([point.x as f32, point.y as f32]));
            let modules = u32::try_from(rqrr::BitGrid::size(&grid.grid)).ok()?;
            Some(RawCode {
                text,
                corners,
                modules,
            })
        })
        .collect()
}

/// The code rxing finds in the binarised plane, if any (rxing's QR detector returns one code per
/// call).
///
/// Detection and decoding are called separately (rather than through `QRCodeReader`) because the
/// detector knows the code's size in modules, which the colour step needs and the reader drops.
pub fn decode_rxing(
    matrix: Option<&BitMatrix>,
    plane: &Plane,
    try_harder: bool,
) -> Option<RawCode> {
    match look_rxing(matrix, plane, try_harder) {
        Look::Code(code) => Some(code),
        Look::Nothing | Look::FinderOnly => None,
    }
}

/// What a quick look with rxing's QR reader saw.
pub enum Look {
    /// No three finder patterns: most likely no code in view.
    Nothing,
    /// Finder patterns, but no code read from them: a harder reader may succeed.
    FinderOnly,
    Code(RawCode),
}

/// The black pixels of `plane` as `binariser` sees them (`None`: a plane rxing cannot binarise,
/// which holds no code either).
pub fn black_matrix(plane: &Plane, binariser: RxingBinariser) -> Option<BitMatrix> {
    match binariser {
        RxingBinariser::Hybrid => hybrid_matrix(&plane.pixels),
        RxingBinariser::GlobalHistogram => global_histogram_matrix(&plane.pixels),
    }
}

/// rxing's detector and decoder on a binarised plane, telling a plane without finder patterns
/// from one whose code could not be read.
pub fn look_rxing(matrix: Option<&BitMatrix>, plane: &Plane, try_harder: bool) -> Look {
    let Some(matrix) = matrix else {
        return Look::Nothing;
    };
    let hints = DecodeHints {
        TryHarder: Some(try_harder),
        ..DecodeHints::default()
    };
    let Ok(detected) = Detector::new(matrix).detect_with_hints(&hints) else {
        return Look::Nothing;
    };
    let Ok(decoded) = decode_bitmatrix_with_hints(detected.getBits(), &hints) else {
        return Look::FinderOnly;
    };
    let modules = detected.getBits().width();
    // QR detections list the finder centres as bottom-left, top-left, top-right. A mirrored code
    // swaps two of them; the colour step samples all three finders, so that does not matter.
    let [bottom_left, top_left, top_right] = match detected.getPoints() {
        [a, b, c, ..] => [[a.x, a.y], [b.x, b.y], [c.x, c.y]],
        _ => return Look::FinderOnly,
    };
    let corners = corners_from_finders(bottom_left, top_left, top_right, modules);
    Look::Code(RawCode {
        text: decoded.getText().to_owned(),
        corners: corners.map(|corner| plane.to_source(corner)),
        modules,
    })
}

/// Every code the zxing-cpp port finds in a binarised plane: all finder-pattern triples are
/// tried, and patterns used by a decoded code are not reused, so several codes come back as
/// several codes.
pub fn decode_zxing_cpp(
    matrix: Option<&BitMatrix>,
    plane: &Plane,
    try_harder: bool,
) -> Vec<RawCode> {
    let Some(matrix) = matrix else {
        return Vec::new();
    };
    decode_zxing_cpp_patterns(matrix, finder_patterns(matrix, try_harder), plane)
}

/// The zxing-cpp port's finder-pattern candidates in a binarised plane: a row scan that costs
/// about a third of rxing's own finder search, so it also tells cheaply whether a plane can hold
/// a code at all (no candidate, no code for either reader).
pub fn finder_patterns(matrix: &BitMatrix, try_harder: bool) -> FinderPatterns {
    FindFinderPatterns(matrix, try_harder, 0)
}

/// [`decode_zxing_cpp`] on candidates already found by [`finder_patterns`] in `matrix`.
pub fn decode_zxing_cpp_patterns(
    matrix: &BitMatrix,
    mut patterns: FinderPatterns,
    plane: &Plane,
) -> Vec<RawCode> {
    let mut used: Vec<ConcentricPattern> = Vec::new();
    let mut codes = Vec::new();
    for set in GenerateFinderPatternSets(&mut patterns) {
        if codes.len() >= MAX_CODES_PER_PICTURE {
            break;
        }
        let finders = [set.bl, set.tl, set.tr];
        if finders.iter().any(|finder| used.contains(finder)) {
            continue;
        }
        if let Some(code) = sample_and_decode(matrix, &set, plane) {
            used.extend(finders);
            codes.push(code);
        }
    }
    codes
}

fn sample_and_decode(matrix: &BitMatrix, set: &FinderPatternSet, plane: &Plane) -> Option<RawCode> {
    let detected = SampleQR(matrix, set).ok()?;
    let decoded = decode_cpp_bits(detected.getBits()).ok()?;
    if !decoded.isValid() {
        return None;
    }
    let modules = detected.getBits().width();
    // The sampler's own projection of the symbol's outer corners follows perspective; the
    // affine guess from the finder centres is only the fall-back.
    let corners = if let [top_left, top_right, bottom_left, bottom_right] = detected.getPoints() {
        [
            [top_left.x, top_left.y],
            [top_right.x, top_right.y],
            [bottom_right.x, bottom_right.y],
            [bottom_left.x, bottom_left.y],
        ]
    } else {
        let centre = |pattern: ConcentricPattern| [pattern.p.x, pattern.p.y];
        corners_from_finders(centre(set.bl), centre(set.tl), centre(set.tr), modules)
    };
    Some(RawCode {
        text: decoded.text(),
        corners: corners.map(|corner| plane.to_source(corner)),
        modules,
    })
}
