//! Where plates probably are, found in a few milliseconds before any model runs: the practice of
//! Chinese plate readers, by the plate's background colour. Blue, yellow and green plates are
//! solid patches of a saturated colour, about 3.1–3.4 times as long as tall, with characters of
//! the opposite lightness (white on blue, black on yellow and green). The frame is looked at in
//! 2×2 cells; each plate colour's connected patches become candidates when their shape, size,
//! fill and ink fit a plate, so a green road sign with white letters is never read. White and
//! black plates, and plates too dark or too washed out to show their colour, give no candidate:
//! then the text detector looks at the whole frame as before.

use image::RgbImage;

use super::PlateColour;

/// The frame is looked at in cells of this many pixels square.
const CELL: u32 = 2;
/// A plate's line of characters is 2–6 times as long as tall once tilted or sheared a little.
const RATIO: std::ops::RangeInclusive<f32> = 2.0..=6.0;
/// Plates narrower than this (in frame pixels) cannot be read; wider ones fill no gate camera.
const LENGTH: std::ops::RangeInclusive<f32> = 70.0..=760.0;
/// A plate is a solid patch: at least this share of its box has its colour (the characters
/// and the frame line are the rest).
const MIN_FILL: f32 = 0.45;
/// A plate's blue is saturated; grey and white are not.
const BLUE_SATURATION: f32 = 0.45;
/// A patch of plate colour this large (cells) that is no plate may be a car of that colour
/// with its plate inside the patch: then the candidates do not tell where all plates are. A
/// patch that reaches the top of the frame is sky or a wall, not a car.
const HIDING_PATCH: usize = 6000;
/// Candidates offered per frame at most, largest first.
pub(crate) const MAX_CANDIDATES: usize = 3;

/// A patch that looks like a plate: its corners in frame pixels (top-left, top-right,
/// bottom-right, bottom-left), grown a little past the patch, and its colour.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub corners: [[f32; 2]; 4],
    pub colour: PlateColour,
    pub length: f32,
}

/// What the colours say about a frame.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Located {
    /// The plate-coloured patches shaped like plates, largest first.
    pub candidates: Vec<Candidate>,
    /// A large patch of plate colour that is no plate (a blue car) may hide one.
    pub may_hide_plates: bool,
}

/// The plate-coloured patches of `image` shaped like plates, and whether others may hide one.
pub(crate) fn locate(image: &RgbImage) -> Located {
    let (width, height) = (
        (image.width() / CELL) as usize,
        (image.height() / CELL) as usize,
    );
    if width < 8 || height < 4 {
        return Located::default();
    }
    let cells = cell_colours(image, width, height);
    let mut found = Vec::new();
    let mut may_hide_plates = false;
    let mut seen = vec![false; cells.len()];
    let mut stack = Vec::new();
    for start in 0..cells.len() {
        let Some(colour) = cells[start].colour else {
            continue;
        };
        if seen[start] {
            continue;
        }
        let mut patch: Vec<(f32, f32)> = Vec::new();
        let mut touches_top = false;
        super::axis::grow_region(
            start,
            (width, height),
            &mut seen,
            &mut stack,
            |at| cells[at].colour == Some(colour),
            |at| {
                let (x, y) = (at % width, at / width);
                patch.push((x as f32 + 0.5, y as f32 + 0.5));
                touches_top |= y == 0;
            },
        );
        if let Some(candidate) = plate_shaped(&patch, colour, &cells, width) {
            found.push(candidate);
        } else if patch.len() >= HIDING_PATCH && !touches_top {
            may_hide_plates = true;
        }
    }
    found.sort_by(|a, b| b.length.total_cmp(&a.length));
    found.truncate(MAX_CANDIDATES);
    Located {
        candidates: found,
        may_hide_plates,
    }
}

#[derive(Debug, Clone, Copy)]
struct Cell {
    colour: Option<PlateColour>,
    /// Brightness 0..1 (the largest channel).
    value: f32,
}

/// Each cell's plate colour, if it has one, from the mean of its pixels.
fn cell_colours(image: &RgbImage, width: usize, height: usize) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(width * height);
    let raw = image.as_raw();
    let stride = image.width() as usize * 3;
    for cy in 0..height {
        let row = cy * CELL as usize * stride;
        for cx in 0..width {
            let mut sum = [0u32; 3];
            for dy in 0..CELL as usize {
                let at = row + dy * stride + cx * CELL as usize * 3;
                for pixel in raw[at..at + CELL as usize * 3].chunks_exact(3) {
                    for (total, value) in sum.iter_mut().zip(pixel) {
                        *total += u32::from(*value);
                    }
                }
            }
            let mean = sum.map(|total| total as f32 / (CELL * CELL * 255) as f32);
            cells.push(Cell {
                colour: plate_colour(mean),
                value: mean[0].max(mean[1]).max(mean[2]),
            });
        }
    }
    cells
}

/// Whether a cell has a plate's background colour (channels 0..1): saturated blue, yellow, or
/// the light green of new-energy plates.
fn plate_colour([r, g, b]: [f32; 3]) -> Option<PlateColour> {
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let delta = max - min;
    if max < 0.25 || delta < 0.06 {
        return None;
    }
    let saturation = delta / max;
    let hue = if max == r {
        60.0 * ((g - b) / delta).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / delta + 2.0)
    } else {
        60.0 * ((r - g) / delta + 4.0)
    };
    match hue {
        h if (195.0..=250.0).contains(&h) && saturation > BLUE_SATURATION => {
            Some(PlateColour::Blue)
        }
        h if (35.0..=65.0).contains(&h) && saturation > 0.5 && max > 0.45 => {
            Some(PlateColour::Yellow)
        }
        h if (90.0..=165.0).contains(&h) && saturation > 0.12 && max > 0.55 => {
            Some(PlateColour::Green)
        }
        _ => None,
    }
}

/// The patch's box along its principal axis when it is shaped and inked like a plate.
fn plate_shaped(
    patch: &[(f32, f32)],
    colour: PlateColour,
    cells: &[Cell],
    width: usize,
) -> Option<Candidate> {
    // Too small to be a readable plate (20 × 7 cells): dismissed before any arithmetic.
    if patch.len() < 140 {
        return None;
    }
    let n = patch.len() as f32;
    let axis = super::axis::AxisBox::of(patch)?;
    // Plates at a gate are near level: a patch turned more than 25° is no plate.
    if axis.angle.abs() > 25f32.to_radians() {
        return None;
    }
    let ([mx, my], [ux, uy], [vx, vy]) = (axis.mean, axis.u, axis.v);
    let [u0, u1, v0, v1] = axis.extent;
    let (length, thickness) = axis.size();
    let scale = CELL as f32;
    if !RATIO.contains(&(length / thickness.max(1.0))) || !LENGTH.contains(&(length * scale)) {
        return None;
    }
    if n / (length * thickness) < MIN_FILL {
        return None;
    }
    if !inked_like_a_plate(
        patch,
        colour,
        cells,
        width,
        [u0, u1, v0, v1],
        [mx, my, ux, uy],
    ) {
        return None;
    }
    // A green plate fades to white at its top: its height is known from its length. The
    // patch itself is the box: the recogniser reads a whole plate best without margins.
    let (v0, v1) = if colour == PlateColour::Green {
        (v0.min(v1 - length / 3.43), v1)
    } else {
        (v0, v1)
    };
    let point = |u: f32, v: f32| {
        [
            (mx + u * ux + v * vx) * scale,
            (my + u * uy + v * vy) * scale,
        ]
    };
    let (v0, v1) = if vy < 0.0 { (v1, v0) } else { (v0, v1) };
    Some(Candidate {
        corners: [point(u0, v0), point(u1, v0), point(u1, v1), point(u0, v1)],
        colour,
        length: length * scale,
    })
}

/// Whether the cells of the box that lack the patch's colour (the characters) are lighter than
/// it on a blue plate and darker on a yellow or green one: a sign with white letters on green,
/// or a blue patch with nothing written on it, is no plate.
fn inked_like_a_plate(
    patch: &[(f32, f32)],
    colour: PlateColour,
    cells: &[Cell],
    width: usize,
    [u0, u1, v0, v1]: [f32; 4],
    [mx, my, ux, uy]: [f32; 4],
) -> bool {
    let (vx, vy) = (-uy, ux);
    let height = cells.len() / width;
    let background: f32 = patch
        .iter()
        .map(|&(x, y)| cells[x as usize + y as usize * width].value)
        .sum::<f32>()
        / patch.len() as f32;
    let (mut ink, mut ink_cells) = (0.0f32, 0usize);
    // The inner part of the box, away from the patch's ragged edge.
    let (iu0, iu1) = (u0 + 0.1 * (u1 - u0), u1 - 0.1 * (u1 - u0));
    let (iv0, iv1) = (v0 + 0.2 * (v1 - v0), v1 - 0.2 * (v1 - v0));
    let mut u = iu0;
    while u < iu1 {
        let mut v = iv0;
        while v < iv1 {
            let (x, y) = (mx + u * ux + v * vx, my + u * uy + v * vy);
            if x >= 0.0 && y >= 0.0 && (x as usize) < width && (y as usize) < height {
                let cell = cells[x as usize + y as usize * width];
                if cell.colour != Some(colour) {
                    ink += cell.value;
                    ink_cells += 1;
                }
            }
            v += 1.0;
        }
        u += 1.0;
    }
    let inner = ((iu1 - iu0) * (iv1 - iv0)).max(1.0);
    // Characters cover a good part of a plate's middle; a bare patch has none.
    if (ink_cells as f32) < 0.08 * inner {
        return false;
    }
    let ink = ink / ink_cells as f32;
    match colour {
        PlateColour::Blue => ink > background + 0.15,
        _ => ink < background - 0.15,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plate::synth;
    use image::Rgb;

    fn lane_with(plate: &RgbImage, at: (u32, u32), width: u32) -> RgbImage {
        let mut frame = RgbImage::from_pixel(1280, 720, Rgb([90, 90, 94]));
        let height = width * plate.height() / plate.width();
        let small =
            image::imageops::resize(plate, width, height, image::imageops::FilterType::Triangle);
        image::imageops::overlay(&mut frame, &small, i64::from(at.0), i64::from(at.1));
        frame
    }

    #[test]
    fn blue_yellow_and_green_plates_are_found_where_they_are() {
        for (text, colour) in [
            ("京A12345", PlateColour::Blue),
            ("鲁Q02599", PlateColour::Yellow),
            ("粤BD12345", PlateColour::Green),
        ] {
            let frame = lane_with(&synth::plate_picture(text, colour), (500, 480), 220);
            let found = locate(&frame).candidates;
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].colour, colour, "{text}");
            let xs = found[0].corners.map(|c| c[0]);
            let ys = found[0].corners.map(|c| c[1]);
            assert!(
                xs.iter().all(|x| (480.0..=740.0).contains(x)),
                "{text}: {xs:?}"
            );
            assert!(
                ys.iter().all(|y| (465.0..=565.0).contains(y)),
                "{text}: {ys:?}"
            );
        }
    }

    #[test]
    fn a_green_sign_with_white_letters_and_bare_patches_are_no_candidates() {
        let mut sign = synth::plate_picture("粤BD12345", PlateColour::Green);
        // White letters on dark green: a road sign's colours.
        for pixel in sign.pixels_mut() {
            let dark = pixel.0[0] < 100;
            *pixel = if dark {
                Rgb([250, 250, 250])
            } else {
                Rgb([20, 110, 60])
            };
        }
        assert!(
            locate(&lane_with(&sign, (100, 60), 240))
                .candidates
                .is_empty()
        );
        let mut bare = RgbImage::from_pixel(1280, 720, Rgb([90, 90, 94]));
        for y in 300..370 {
            for x in 400..620 {
                bare.put_pixel(x, y, Rgb([18, 72, 190]));
            }
        }
        assert!(locate(&bare).candidates.is_empty());
    }

    #[test]
    fn a_blue_car_body_is_no_plate() {
        let mut frame = RgbImage::from_pixel(1280, 720, Rgb([90, 90, 94]));
        for y in 200..600 {
            for x in 200..1100 {
                frame.put_pixel(x, y, Rgb([40, 70, 140]));
            }
        }
        let located = locate(&frame);
        assert!(located.candidates.is_empty());
        assert!(located.may_hide_plates, "a blue car may carry a blue plate");
        let mut sky = RgbImage::from_pixel(1280, 720, Rgb([90, 90, 94]));
        for y in 0..250 {
            for x in 0..1280 {
                sky.put_pixel(x, y, Rgb([70, 120, 220]));
            }
        }
        assert!(!locate(&sky).may_hide_plates, "a blue sky hides no plate");
    }
}
