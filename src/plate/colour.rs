//! A plate's kind from its background colour: blue (small ordinary), yellow (large, coach,
//! trailer), green (new energy), white (police), black (Hong Kong/Macau, consulate, embassy).

pub use crate::model::plate_read::PlateColour;
use image::RgbImage;

/// The colour seen and the share of the plate's pixels that have it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColourReading {
    pub colour: PlateColour,
    pub share: f32,
}

/// Classifies the pixels inside the quadrilateral (the text line, slightly grown so that the
/// plate's margin counts): the background is the colour most of them have; the characters
/// (white on blue and black plates, black on the others) are the rest.
pub fn classify(image: &RgbImage, corners: &[[f32; 2]; 4]) -> ColourReading {
    let (cx, cy) = centre(corners);
    let grown = corners.map(|[x, y]| [cx + (x - cx) * 1.1, cy + (y - cy) * 1.3]);
    let (min_x, max_x, min_y, max_y) = bounds(&grown, image);
    let mut counts = [0u32; 5];
    let mut total = 0u32;
    for y in (min_y..max_y).step_by(2) {
        for x in (min_x..max_x).step_by(2) {
            if !inside(&grown, x as f32 + 0.5, y as f32 + 0.5) {
                continue;
            }
            total += 1;
            if let Some(colour) = pixel_colour(image.get_pixel(x, y).0) {
                counts[colour as usize] += 1;
            }
        }
    }
    // Light and dark pixels are also the characters of the other kinds: they count as white or
    // black only when no plate colour is there (a white plate with black characters).
    let coloured = [PlateColour::Blue, PlateColour::Yellow, PlateColour::Green]
        .into_iter()
        .max_by_key(|colour| counts[*colour as usize])
        .unwrap_or(PlateColour::Blue);
    let total = total.max(1) as f32;
    let share = |colour: PlateColour| counts[colour as usize] as f32 / total;
    if share(coloured) >= 0.25 {
        return ColourReading {
            colour: coloured,
            share: share(coloured),
        };
    }
    let light_or_dark = if share(PlateColour::White) >= share(PlateColour::Black) {
        PlateColour::White
    } else {
        PlateColour::Black
    };
    ColourReading {
        colour: light_or_dark,
        share: share(light_or_dark),
    }
}

/// Which plate colour one pixel has, if any (hue in degrees, saturation and value 0..1).
fn pixel_colour([r, g, b]: [u8; 3]) -> Option<PlateColour> {
    let (h, s, v) = hsv(r, g, b);
    if v < 0.28 {
        return Some(PlateColour::Black);
    }
    if s < 0.22 {
        return (v > 0.6).then_some(PlateColour::White);
    }
    match h {
        h if (190.0..=255.0).contains(&h) && s > 0.35 => Some(PlateColour::Blue),
        h if (30.0..=70.0).contains(&h) && s > 0.35 => Some(PlateColour::Yellow),
        h if (75.0..=170.0).contains(&h) => Some(PlateColour::Green),
        _ => None,
    }
}

fn hsv(r: u8, g: u8, b: u8) -> (f32, f32, f32) {
    let [r, g, b] = [r, g, b].map(|c| f32::from(c) / 255.0);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let delta = max - min;
    let h = if delta <= f32::EPSILON {
        0.0
    } else if max == r {
        60.0 * ((g - b) / delta).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / delta + 2.0)
    } else {
        60.0 * ((r - g) / delta + 4.0)
    };
    let s = if max <= f32::EPSILON {
        0.0
    } else {
        delta / max
    };
    (h, s, max)
}

fn centre(corners: &[[f32; 2]; 4]) -> (f32, f32) {
    let x = corners.iter().map(|c| c[0]).sum::<f32>() / 4.0;
    let y = corners.iter().map(|c| c[1]).sum::<f32>() / 4.0;
    (x, y)
}

fn bounds(corners: &[[f32; 2]; 4], image: &RgbImage) -> (u32, u32, u32, u32) {
    let clamp = |value: f32, limit: u32| value.max(0.0).min(limit as f32) as u32;
    let min_x = corners.iter().map(|c| c[0]).fold(f32::MAX, f32::min);
    let max_x = corners.iter().map(|c| c[0]).fold(f32::MIN, f32::max);
    let min_y = corners.iter().map(|c| c[1]).fold(f32::MAX, f32::min);
    let max_y = corners.iter().map(|c| c[1]).fold(f32::MIN, f32::max);
    (
        clamp(min_x, image.width()),
        clamp(max_x.ceil(), image.width()),
        clamp(min_y, image.height()),
        clamp(max_y.ceil(), image.height()),
    )
}

/// Whether (x, y) lies inside the convex quadrilateral (corners in order, either direction).
pub(crate) fn inside(corners: &[[f32; 2]; 4], x: f32, y: f32) -> bool {
    let mut sign = 0.0f32;
    for index in 0..4 {
        let [ax, ay] = corners[index];
        let [bx, by] = corners[(index + 1) % 4];
        let cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
        if cross.abs() < f32::EPSILON {
            continue;
        }
        if sign == 0.0 {
            sign = cross.signum();
        } else if cross.signum() != sign {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plate(background: [u8; 3], ink: [u8; 3]) -> RgbImage {
        RgbImage::from_fn(200, 60, |x, _| {
            if x % 20 < 6 {
                image::Rgb(ink)
            } else {
                image::Rgb(background)
            }
        })
    }

    const WHOLE: [[f32; 2]; 4] = [[10.0, 10.0], [190.0, 10.0], [190.0, 50.0], [10.0, 50.0]];

    #[test]
    fn each_plate_colour_is_told_apart() {
        let cases = [
            ([20, 70, 190], [240, 240, 240], PlateColour::Blue),
            ([230, 180, 20], [15, 15, 15], PlateColour::Yellow),
            ([120, 210, 140], [15, 15, 15], PlateColour::Green),
            ([235, 235, 235], [15, 15, 15], PlateColour::White),
            ([15, 15, 15], [240, 240, 240], PlateColour::Black),
        ];
        for (background, ink, expected) in cases {
            let seen = classify(&plate(background, ink), &WHOLE);
            assert_eq!(seen.colour, expected, "{background:?}");
        }
    }

    #[test]
    fn inside_follows_the_quadrilateral() {
        assert!(inside(&WHOLE, 100.0, 30.0));
        assert!(!inside(&WHOLE, 5.0, 30.0));
        let reversed = [WHOLE[3], WHOLE[2], WHOLE[1], WHOLE[0]];
        assert!(inside(&reversed, 100.0, 30.0));
    }
}
