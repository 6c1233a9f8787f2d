//! The two QR decoders behind one small interface: rqrr (fast, tolerant of perspective) and
//! rxing (a ZXing port, better on blur and low contrast). Each returns codes with their outer
//! corners in source-frame coordinates and their size in modules, which the colour step needs.

use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::qrcode::QRCodeReader;
use rxing::{Binarizer, BinaryBitmap, DecodeHints, Luma8Source, Reader};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// The code rxing finds in the plane, if any (rxing's QR reader returns one code per call).
pub fn decode_rxing(plane: &Plane, binariser: RxingBinariser, try_harder: bool) -> Option<RawCode> {
    let (width, height) = plane.pixels.dimensions();
    let source = Luma8Source::new_with_slice(plane.pixels.as_raw(), width, height).ok()?;
    let hints = DecodeHints {
        TryHarder: Some(try_harder),
        ..DecodeHints::default()
    };
    let result = match binariser {
        RxingBinariser::Hybrid => read(HybridBinarizer::new(source), &hints),
        RxingBinariser::GlobalHistogram => read(GlobalHistogramBinarizer::new(source), &hints),
    }?;
    // QR results list the finder centres as bottom-left, top-left, top-right.
    let [bottom_left, top_left, top_right] = match result.getPoints() {
        [a, b, c, ..] => [[a.x, a.y], [b.x, b.y], [c.x, c.y]],
        _ => return None,
    };
    let (corners, modules) = corners_from_finders(&plane.pixels, bottom_left, top_left, top_right)?;
    Some(RawCode {
        text: result.getText().to_owned(),
        corners: corners.map(|corner| plane.to_source(corner)),
        modules,
    })
}

fn read<B: Binarizer>(binariser: B, hints: &DecodeHints) -> Option<rxing::RXingResult> {
    let mut bitmap = BinaryBitmap::new(binariser);
    QRCodeReader::new()
        .decode_with_hints(&mut bitmap, hints)
        .ok()
}
