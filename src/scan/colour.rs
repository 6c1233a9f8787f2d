//! The health code's colour, read from the code's own modules.
//!
//! Only the finder patterns are sampled: their dark and light modules are known without decoding,
//! so the code's ink and its own white (the reference that cancels white balance and exposure)
//! come from inside the quadrilateral, never from the background. The ink is divided by the white
//! per channel, then judged by hue and chroma; anything doubtful is `Unknown`, and the green band
//! is kept far from yellow and red so that neither can drift into it.

use image::RgbImage;

use super::geometry::SquareToQuad;
use crate::model::HealthColour;

/// A colour verdict and how sure it is (0..1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColourReading {
    pub colour: HealthColour,
    pub confidence: f32,
}

impl ColourReading {
    const UNKNOWN: Self = Self {
        colour: HealthColour::Unknown,
        confidence: 0.0,
    };
}

/// Hue bands in degrees (inclusive); everything between them is unknown. They are as wide as the
/// colours health-code apps really draw (an orange-ish "warning" yellow at 31°, a UI-kit green
/// at 96–100°) and no wider: a yellow-green (80°) between yellow and green stays unknown, so
/// neither drifts into the other.
const RED_BAND: (f32, f32) = (-25.0, 20.0);
const YELLOW_BAND: (f32, f32) = (28.0, 76.0);
const GREEN_BAND: (f32, f32) = (86.0, 170.0);
/// Below this chroma (on the white-normalised ink) the ink is black or grey, whatever its hue.
const MIN_CHROMA: f32 = 0.1;
/// The share of the ink's darkness that is colour: a pale code (faded print, a bright screen)
/// is mostly colour; a black or grey ink with a tint (a dark-mode screen's blue cast) is not.
const MIN_SATURATION: f32 = 0.3;
/// The ink must be at least this much darker than the white in its darkest channel.
const MIN_CONTRAST: f32 = 0.15;

/// Classifies the colour of the code with outer `corners` and `modules` modules per side.
pub fn classify(image: &RgbImage, corners: [[f32; 2]; 4], modules: u32) -> ColourReading {
    let Some((ink, white)) = sample_finders(image, corners, modules) else {
        return ColourReading::UNKNOWN;
    };
    classify_ink(ink, white)
}

/// Classifies an ink colour given the white it is printed on (both linear 0..255 RGB means).
pub fn classify_ink(ink: [f32; 3], white: [f32; 3]) -> ColourReading {
    if white.iter().any(|channel| *channel < 8.0) {
        return ColourReading::UNKNOWN;
    }
    let normalised = [0, 1, 2].map(|i| (ink[i] / white[i]).clamp(0.0, 1.0));
    let darkest = normalised.iter().copied().fold(1.0, f32::min);
    let brightest = normalised.iter().copied().fold(0.0, f32::max);
    let chroma = brightest - darkest;
    let darkness = 1.0 - darkest;
    if darkness < MIN_CONTRAST || chroma < MIN_CHROMA {
        return ColourReading::UNKNOWN;
    }
    let saturation = chroma / darkness;
    if saturation < MIN_SATURATION {
        return ColourReading::UNKNOWN;
    }
    let hue = hue_degrees(normalised, chroma);
    // A strong ink, or a pale one that is clearly coloured, is as sure as its hue's place.
    let chroma_certainty = ((chroma - 0.2) / 0.3)
        .max((saturation - MIN_SATURATION) / 0.4)
        .clamp(0.0, 1.0);
    [
        (HealthColour::Red, RED_BAND),
        (HealthColour::Yellow, YELLOW_BAND),
        (HealthColour::Green, GREEN_BAND),
    ]
    .into_iter()
    .find_map(|(colour, band)| {
        let centrality = band_centrality(hue, band)?;
        Some(ColourReading {
            colour,
            confidence: (0.5 + 0.5 * chroma_certainty) * (0.6 + 0.4 * centrality),
        })
    })
    .unwrap_or(ColourReading::UNKNOWN)
}

/// 1 at the centre of the band, 0 at its edges, `None` outside. Handles the red wrap-around.
fn band_centrality(hue: f32, (low, high): (f32, f32)) -> Option<f32> {
    let hue = if low < 0.0 && hue > 180.0 {
        hue - 360.0
    } else {
        hue
    };
    if !(low..=high).contains(&hue) {
        return None;
    }
    let half_width = (high - low) / 2.0;
    Some(1.0 - ((hue - (low + half_width)).abs() / half_width))
}

fn hue_degrees([r, g, b]: [f32; 3], chroma: f32) -> f32 {
    let max = r.max(g).max(b);
    let sector = if max == r {
        ((g - b) / chroma).rem_euclid(6.0)
    } else if max == g {
        (b - r) / chroma + 2.0
    } else {
        (r - g) / chroma + 4.0
    };
    sector * 60.0
}

/// Median ink and white colours of the three finder patterns.
fn sample_finders(
    image: &RgbImage,
    corners: [[f32; 2]; 4],
    modules: u32,
) -> Option<([f32; 3], [f32; 3])> {
    if modules < 21 {
        return None;
    }
    let map = SquareToQuad::new(corners);
    let size = modules as f32;
    let last = modules - 7;
    let mut ink = Vec::new();
    let mut white = Vec::new();
    for (origin_x, origin_y) in [(0, 0), (last, 0), (0, last)] {
        for dy in 0..7u32 {
            for dx in 0..7u32 {
                let centre = map.map(
                    (origin_x + dx) as f32 / size + 0.5 / size,
                    (origin_y + dy) as f32 / size + 0.5 / size,
                );
                let Some(colour) = mean_around(image, centre, module_radius(&map, size)) else {
                    continue;
                };
                if finder_module_is_dark(dx, dy) {
                    ink.push(colour);
                } else {
                    white.push(colour);
                }
            }
        }
    }
    // Most modules must be in the picture for the medians to mean anything.
    if ink.len() < 40 || white.len() < 20 {
        return None;
    }
    Some((channel_medians(&mut ink), channel_medians(&mut white)))
}

/// Finder pattern: dark outer ring, light ring, dark 3x3 core.
fn finder_module_is_dark(dx: u32, dy: u32) -> bool {
    let ring = dx.min(dy).min(6 - dx).min(6 - dy);
    ring != 1
}

/// A third of a module, in pixels: samples stay clear of the neighbouring modules' blur.
fn module_radius(map: &SquareToQuad, size: f32) -> f32 {
    let a = map.map(0.0, 0.0);
    let b = map.map(1.0, 0.0);
    let side = (b[0] - a[0]).hypot(b[1] - a[1]);
    (side / size / 3.0).clamp(0.0, 6.0)
}

fn mean_around(image: &RgbImage, centre: [f32; 2], radius: f32) -> Option<[f32; 3]> {
    let reach = radius.floor() as i64;
    let (cx, cy) = (centre[0].round() as i64, centre[1].round() as i64);
    let mut sum = [0.0f32; 3];
    let mut count = 0.0f32;
    for y in cy - reach..=cy + reach {
        for x in cx - reach..=cx + reach {
            let (Ok(px), Ok(py)) = (u32::try_from(x), u32::try_from(y)) else {
                continue;
            };
            let Some(pixel) = image.get_pixel_checked(px, py) else {
                continue;
            };
            for (total, value) in sum.iter_mut().zip(pixel.0) {
                *total += f32::from(value);
            }
            count += 1.0;
        }
    }
    (count > 0.0).then(|| sum.map(|total| total / count))
}

fn channel_medians(samples: &mut [[f32; 3]]) -> [f32; 3] {
    [0, 1, 2].map(|channel| {
        let mut values: Vec<f32> = samples.iter().map(|sample| sample[channel]).collect();
        values.sort_by(f32::total_cmp);
        values[values.len() / 2]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: [f32; 3] = [250.0, 250.0, 250.0];

    fn reading_of(hex: u32) -> ColourReading {
        let ink = [(hex >> 16) & 0xff, (hex >> 8) & 0xff, hex & 0xff].map(|v| v as f32);
        classify_ink(ink, WHITE)
    }

    fn colour_of(hex: u32) -> HealthColour {
        reading_of(hex).colour
    }

    #[test]
    fn reference_shades_land_in_their_bands() {
        for hex in [0x00A050, 0x1AAD19, 0x2E8B57] {
            assert_eq!(colour_of(hex), HealthColour::Green, "{hex:06x}");
        }
        for hex in [0xF5C400, 0xFFD700, 0xE6B800] {
            assert_eq!(colour_of(hex), HealthColour::Yellow, "{hex:06x}");
        }
        for hex in [0xE02020, 0xD0021B, 0xFF3B30] {
            assert_eq!(colour_of(hex), HealthColour::Red, "{hex:06x}");
        }
    }

    /// What health-code apps and the UI kits they are built with draw (issue 22: two ordinary
    /// codes in a walk came up "颜色未识别"), bright and pale.
    #[test]
    fn the_shades_real_apps_draw_are_read_pale_ones_too() {
        let trusted = |hex: u32| {
            let reading = reading_of(hex);
            assert!(reading.confidence >= 0.6, "{hex:06x}: {reading:?}");
            reading.colour
        };
        // WeChat, Ant Design, Element, Bootstrap, 粤康码-like greens; a faded one; a pale one.
        for hex in [
            0x07C160, 0x52C41A, 0x67C23A, 0x28A745, 0x16B264, 0x95DE64, 0xA8D8A8,
        ] {
            assert_eq!(trusted(hex), HealthColour::Green, "{hex:06x}");
        }
        // Gold, orange-ish warning yellows, amber; a pale one.
        for hex in [0xFAAD14, 0xFA8C16, 0xE6A23C, 0xFFC107, 0xFF9900, 0xFFE58F] {
            assert_eq!(trusted(hex), HealthColour::Yellow, "{hex:06x}");
        }
        for hex in [0xF5222D, 0xF56C6C, 0xFF4D4F, 0xDC3545, 0xFFA39E] {
            assert_eq!(trusted(hex), HealthColour::Red, "{hex:06x}");
        }
    }

    #[test]
    fn black_and_grey_ink_is_unknown_never_green() {
        assert_eq!(colour_of(0x000000), HealthColour::Unknown);
        assert_eq!(colour_of(0x606060), HealthColour::Unknown);
        // Tinted blacks and greys: a dark-mode screen, a cold or a greenish cast.
        for hex in [0x26303D, 0x2B3A2B, 0x66706A, 0x808A80, 0x3A4A3A] {
            assert_eq!(colour_of(hex), HealthColour::Unknown, "{hex:06x}");
        }
    }

    #[test]
    fn a_yellow_green_between_the_bands_is_asked_never_guessed() {
        assert_eq!(colour_of(0x9ACD32), HealthColour::Unknown);
        assert_eq!(colour_of(0xA0D911), HealthColour::Unknown);
    }

    #[test]
    fn a_warm_white_balance_is_cancelled_by_the_codes_own_white() {
        // Yellow light: blue is weak everywhere, so green ink looks olive in raw RGB.
        let warm_white = [250.0, 235.0, 160.0];
        let green_ink = [0.0, 160.0 * 0.94, 80.0 * 0.64];
        assert_eq!(
            classify_ink(green_ink, warm_white).colour,
            HealthColour::Green
        );
    }

    #[test]
    fn ink_as_light_as_the_white_is_unknown() {
        assert_eq!(classify_ink(WHITE, WHITE).colour, HealthColour::Unknown);
    }
}
