//! Drawn test pictures: plates as painted (GA 36 colours, the dot after the letter) on cars in a
//! 1280×720 lane, under the conditions a gate camera meets: night, rain, a tilted plate, motion
//! blur, a dirty plate, two cars at once. Deterministic (a seed per case), so the corpus, the
//! benchmark and the window check all see the same pictures without shipping them.

use image::{GrayImage, Luma, Rgb, RgbImage};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::PlateColour;
use crate::assets::text_line::TextLine;

/// The frame size a gate camera gives.
pub const FRAME_W: u32 = 1280;
pub const FRAME_H: u32 = 720;

/// What the camera has to cope with in one picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    Clear,
    Night,
    Rain,
    Tilt,
    MotionBlur,
    Dirt,
    TwoCars,
    Far,
}

impl Condition {
    pub const ALL: [Condition; 8] = [
        Self::Clear,
        Self::Night,
        Self::Rain,
        Self::Tilt,
        Self::MotionBlur,
        Self::Dirt,
        Self::TwoCars,
        Self::Far,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Clear => "clear",
            Self::Night => "night",
            Self::Rain => "rain",
            Self::Tilt => "tilt",
            Self::MotionBlur => "motion-blur",
            Self::Dirt => "dirt",
            Self::TwoCars => "two-cars",
            Self::Far => "far",
        }
    }
}

/// Plates of every kind the camera meets, each valid under GA 36.
pub const PLATES: [(&str, PlateColour); 16] = [
    ("京A12345", PlateColour::Blue),
    ("沪B7K290", PlateColour::Blue),
    ("粤B3X8Z7", PlateColour::Blue),
    ("苏E05EV8", PlateColour::Blue),
    ("浙A6F2B8", PlateColour::Blue),
    ("川A0123警", PlateColour::White),
    ("鲁Q02599", PlateColour::Yellow),
    ("豫A1234学", PlateColour::Yellow),
    ("粤BD12345", PlateColour::Green),
    ("陕A06725D", PlateColour::Green),
    ("粤Z1234港", PlateColour::Black),
    ("湘C5M8N3", PlateColour::Blue),
    ("辽B86T31", PlateColour::Blue),
    ("冀F00911", PlateColour::Yellow),
    ("闽D20P8L", PlateColour::Blue),
    ("皖K66666", PlateColour::Blue),
];

/// One drawn picture and the plates in it.
#[derive(Debug, Clone)]
pub struct Case {
    pub condition: Condition,
    pub plates: Vec<(String, PlateColour)>,
    pub image: RgbImage,
}

impl Case {
    /// A file name that carries what is in the picture: `night-03_京A12345.jpg`, plates joined
    /// by `+`.
    pub fn file_name(&self, index: usize) -> String {
        let plates: Vec<&str> = self.plates.iter().map(|(text, _)| text.as_str()).collect();
        format!(
            "{}-{index:02}_{}.jpg",
            self.condition.name(),
            plates.join("+")
        )
    }
}

/// `per_condition` pictures of each condition, plates taken in turn from [`PLATES`].
pub fn corpus(per_condition: usize) -> Vec<Case> {
    let mut cases = Vec::new();
    for (c, condition) in Condition::ALL.into_iter().enumerate() {
        for i in 0..per_condition {
            let first = (c * 3 + i * 5) % PLATES.len();
            cases.push(case(condition, first, (c * 1000 + i) as u64));
        }
    }
    cases
}

/// One picture of `condition` with the plate `PLATES[first]` (and the next one for two cars).
pub fn case(condition: Condition, first: usize, seed: u64) -> Case {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut image = lane(&mut rng);
    let pick = |index: usize| {
        let (text, colour) = PLATES[index % PLATES.len()];
        (text.to_owned(), colour)
    };
    let plates = if condition == Condition::TwoCars {
        vec![pick(first), pick(first + 7)]
    } else {
        vec![pick(first)]
    };
    let cars: Vec<(f32, f32, f32)> = match condition {
        // (centre x, plate centre y, plate width)
        Condition::TwoCars => vec![(330.0, 520.0, 170.0), (950.0, 500.0, 160.0)],
        Condition::Far => vec![(rng.gen_range(500.0..780.0), 430.0, 120.0)],
        _ => vec![(
            rng.gen_range(560.0..720.0),
            rng.gen_range(480.0..560.0),
            rng.gen_range(190.0..250.0),
        )],
    };
    for ((x, y, width), (text, colour)) in cars.iter().zip(&plates) {
        car(&mut image, *x, *y, *width, &mut rng);
        let mut plate = plate_picture(text, *colour);
        if condition == Condition::Dirt {
            dirty(&mut plate, &mut rng);
        }
        let angle = if condition == Condition::Tilt {
            rng.gen_range(8.0f32..14.0) * if rng.r#gen::<bool>() { 1.0 } else { -1.0 }
        } else {
            rng.gen_range(-1.5f32..1.5)
        };
        let shear = if condition == Condition::Tilt {
            rng.gen_range(-0.25f32..0.25)
        } else {
            0.0
        };
        paste(
            &mut image,
            &plate,
            *x,
            *y,
            *width,
            angle.to_radians(),
            shear,
        );
    }
    sign(&mut image, &mut rng);
    match condition {
        Condition::Night => night(&mut image, &mut rng),
        Condition::Rain => rain(&mut image, &mut rng),
        Condition::MotionBlur => blur(&mut image, rng.gen_range(9..15)),
        _ => {}
    }
    Case {
        condition,
        plates,
        image,
    }
}

/// A plate as painted, 440×140 mm at 1 px per mm: background, frame, the characters with the
/// dot after the second one.
pub fn plate_picture(text: &str, colour: PlateColour) -> RgbImage {
    let (w, h) = (440u32, 140u32);
    let (background, ink): (Shade, [u8; 3]) = match colour {
        PlateColour::Blue => (Box::new(|_| [18, 72, 190]), [245, 245, 245]),
        PlateColour::Yellow => (Box::new(|_| [240, 190, 30]), [20, 20, 20]),
        PlateColour::Green => (
            Box::new(|y| {
                let t = y as f32 / 140.0;
                [
                    (235.0 - 140.0 * t) as u8,
                    (245.0 - 35.0 * t) as u8,
                    (235.0 - 120.0 * t) as u8,
                ]
            }),
            [20, 20, 20],
        ),
        PlateColour::White => (Box::new(|_| [238, 238, 238]), [20, 20, 20]),
        PlateColour::Black => (Box::new(|_| [18, 18, 18]), [245, 245, 245]),
    };
    let mut plate = RgbImage::from_fn(w, h, |_, y| Rgb(background(y)));
    // The frame line 5 mm inside the edge.
    for y in 0..h {
        for x in 0..w {
            let edge = x.min(w - 1 - x).min(y).min(h - 1 - y);
            if (5..8).contains(&edge) {
                plate.put_pixel(x, y, Rgb(ink));
            }
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut shown: String = chars.iter().take(2).collect();
    shown.push('·');
    shown.extend(chars.iter().skip(2));
    let mut mask = GrayImage::from_pixel(w, h, Luma([255]));
    if let Ok(line) = TextLine::new(crate::assets::CJK_FONT, 100.0) {
        let width = line.line_width(&shown).max(1);
        let height = line.line_height().max(1);
        let mut big = GrayImage::from_pixel(width, height, Luma([255]));
        line.draw(&mut big, &shown, 0, 0);
        // Plate characters are condensed: the line is squeezed to the plate's width.
        let target_w = if chars.len() > 7 { 400 } else { 380 };
        let squeezed =
            image::imageops::resize(&big, target_w, 118, image::imageops::FilterType::Triangle);
        image::imageops::overlay(&mut mask, &squeezed, i64::from((w - target_w) / 2), 14);
    }
    for (x, y, coverage) in mask.enumerate_pixels() {
        let ink_share = 1.0 - f32::from(coverage.0[0]) / 255.0;
        if ink_share > 0.0 {
            let base = plate.get_pixel(x, y).0;
            let mut colour = ink;
            // A police plate's 警 is red.
            if colour == [20, 20, 20] && text.ends_with('警') && x > 350 {
                colour = [200, 20, 20];
            }
            plate.put_pixel(x, y, Rgb(mix(base, colour, ink_share)));
        }
    }
    plate
}

/// A plate's background colour at a given row (a gradient for the green plates).
type Shade = Box<dyn Fn(u32) -> [u8; 3]>;

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    std::array::from_fn(|i| (f32::from(a[i]) * (1.0 - t) + f32::from(b[i]) * t).round() as u8)
}

/// Road, kerb and sky with some texture.
fn lane(rng: &mut StdRng) -> RgbImage {
    let sky = [
        rng.gen_range(150..200),
        rng.gen_range(170..210),
        rng.gen_range(190..230),
    ];
    let road = rng.gen_range(70u8..110);
    RgbImage::from_fn(FRAME_W, FRAME_H, |x, y| {
        let grain = ((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 17) as u8;
        if y < 260 {
            Rgb(sky.map(|c: u8| c.saturating_sub(grain)))
        } else {
            let v = road.saturating_add(grain);
            Rgb([v, v, v.saturating_add(4)])
        }
    })
}

/// A car seen from the front: body, windscreen, grille, headlights; its plate goes at `plate_y`.
fn car(image: &mut RgbImage, x: f32, plate_y: f32, plate_w: f32, rng: &mut StdRng) {
    let bodies = [
        [190, 192, 198],
        [150, 20, 25],
        [30, 32, 38],
        [235, 235, 230],
        [40, 70, 140],
    ];
    let body = bodies[rng.gen_range(0..bodies.len())];
    let half = plate_w * 2.4;
    let top = plate_y - plate_w * 1.9;
    let bottom = plate_y + plate_w * 0.45;
    fill(image, x - half, top + plate_w * 0.7, x + half, bottom, body);
    fill(
        image,
        x - half * 0.75,
        top,
        x + half * 0.75,
        top + plate_w * 0.7,
        [60, 75, 90],
    );
    fill(
        image,
        x - half * 0.6,
        plate_y - plate_w * 0.75,
        x + half * 0.6,
        plate_y - plate_w * 0.3,
        [25, 25, 28],
    );
    for side in [-1.0, 1.0] {
        let cx = x + side * half * 0.78;
        fill(
            image,
            cx - plate_w * 0.35,
            plate_y - plate_w * 0.8,
            cx + plate_w * 0.35,
            plate_y - plate_w * 0.55,
            [235, 235, 220],
        );
    }
}

fn fill(image: &mut RgbImage, x0: f32, y0: f32, x1: f32, y1: f32, colour: [u8; 3]) {
    let clamp_x = |v: f32| v.clamp(0.0, FRAME_W as f32) as u32;
    let clamp_y = |v: f32| v.clamp(0.0, FRAME_H as f32) as u32;
    for y in clamp_y(y0)..clamp_y(y1) {
        for x in clamp_x(x0)..clamp_x(x1) {
            image.put_pixel(x, y, Rgb(colour));
        }
    }
}

/// A road sign with text that is no plate ("出口 EXIT 2KM"): the grammar must drop it.
fn sign(image: &mut RgbImage, rng: &mut StdRng) {
    let x = rng.gen_range(40..200);
    let y = rng.gen_range(40..120);
    let Ok(line) = TextLine::new(crate::assets::CJK_FONT, 34.0) else {
        return;
    };
    let text = "出口 EXIT 2KM";
    let (w, h) = (line.line_width(text) + 20, line.line_height() + 12);
    let mut mask = GrayImage::from_pixel(w, h, Luma([255]));
    line.draw(&mut mask, text, 10, 6);
    for (mx, my, coverage) in mask.enumerate_pixels() {
        let ink = 1.0 - f32::from(coverage.0[0]) / 255.0;
        let (px, py) = (x + mx, y + my);
        if px < FRAME_W && py < FRAME_H {
            image.put_pixel(px, py, Rgb(mix([20, 110, 60], [250, 250, 250], ink)));
        }
    }
}

/// Pastes the plate centred at (x, y), `width` pixels wide, turned by `angle` and sheared
/// (a plate seen from the side), sampling it backwards.
fn paste(
    image: &mut RgbImage,
    plate: &RgbImage,
    x: f32,
    y: f32,
    width: f32,
    angle: f32,
    shear: f32,
) {
    let scale = plate.width() as f32 / width;
    let (sin, cos) = angle.sin_cos();
    let reach = width * 0.75;
    let (x0, x1) = (
        (x - reach).max(0.0) as u32,
        ((x + reach) as u32).min(FRAME_W),
    );
    let (y0, y1) = (
        (y - reach).max(0.0) as u32,
        ((y + reach) as u32).min(FRAME_H),
    );
    for py in y0..y1 {
        for px in x0..x1 {
            let (dx, dy) = (px as f32 + 0.5 - x, py as f32 + 0.5 - y);
            let u = cos * dx + sin * dy;
            let v = -sin * dx + cos * dy - shear * u;
            let (sx, sy) = (
                u * scale + plate.width() as f32 / 2.0,
                v * scale + plate.height() as f32 / 2.0,
            );
            if sx < 0.0 || sy < 0.0 || sx >= plate.width() as f32 || sy >= plate.height() as f32 {
                continue;
            }
            // Average the plate pixels this screen pixel covers (the plate is larger).
            let step = scale.max(1.0) as u32;
            let mut sum = [0u32; 3];
            let mut n = 0;
            for oy in 0..step {
                for ox in 0..step {
                    let (qx, qy) = (
                        (sx as u32 + ox).min(plate.width() - 1),
                        (sy as u32 + oy).min(plate.height() - 1),
                    );
                    let p = plate.get_pixel(qx, qy).0;
                    for i in 0..3 {
                        sum[i] += u32::from(p[i]);
                    }
                    n += 1;
                }
            }
            image.put_pixel(px, py, Rgb(sum.map(|s| (s / n.max(1)) as u8)));
        }
    }
}

fn dirty(plate: &mut RgbImage, rng: &mut StdRng) {
    for _ in 0..rng.gen_range(10..16) {
        let (cx, cy) = (rng.gen_range(0.0..440.0f32), rng.gen_range(0.0..140.0f32));
        let (rx, ry) = (rng.gen_range(8.0..30.0f32), rng.gen_range(5.0..16.0f32));
        let strength = rng.gen_range(0.25..0.55f32);
        for (x, y, pixel) in plate.enumerate_pixels_mut() {
            let d = ((x as f32 - cx) / rx).powi(2) + ((y as f32 - cy) / ry).powi(2);
            if d < 1.0 {
                pixel.0 = mix(pixel.0, [95, 75, 50], strength * (1.0 - d));
            }
        }
    }
}

fn night(image: &mut RgbImage, rng: &mut StdRng) {
    for (x, y, pixel) in image.enumerate_pixels_mut() {
        let noise: i16 = rng.gen_range(-9..=9);
        // Headlights light the lower middle, the plate reflects.
        let lit = if y > 380 && (300..980).contains(&x) {
            0.45
        } else {
            0.16
        };
        pixel.0 = pixel
            .0
            .map(|c| (f32::from(c) * lit + f32::from(noise)).clamp(0.0, 255.0) as u8);
    }
}

fn rain(image: &mut RgbImage, rng: &mut StdRng) {
    for _ in 0..900 {
        let (x, y) = (
            rng.gen_range(0.0..FRAME_W as f32),
            rng.gen_range(0.0..FRAME_H as f32),
        );
        let length = rng.gen_range(12.0..40.0f32);
        for step in 0..length as u32 {
            let (px, py) = ((x + step as f32 * 0.25) as u32, (y + step as f32) as u32);
            if px < FRAME_W && py < FRAME_H {
                let pixel = image.get_pixel_mut(px, py);
                pixel.0 = mix(pixel.0, [215, 220, 230], 0.45);
            }
        }
    }
    for pixel in image.pixels_mut() {
        pixel.0 = pixel.0.map(|c| (f32::from(c) * 0.85 + 20.0) as u8);
    }
}

/// Horizontal motion blur over `length` pixels.
fn blur(image: &mut RgbImage, length: u32) {
    let source = image.clone();
    let half = length / 2;
    for (x, y, pixel) in image.enumerate_pixels_mut() {
        let mut sum = [0u32; 3];
        let mut n = 0;
        for sx in x.saturating_sub(half)..(x + half + 1).min(FRAME_W) {
            let p = source.get_pixel(sx, y).0;
            for i in 0..3 {
                sum[i] += u32::from(p[i]);
            }
            n += 1;
        }
        pixel.0 = sum.map(|s| (s / n) as u8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plate::Plate;

    #[test]
    fn every_drawn_plate_is_valid() {
        for (text, _) in PLATES {
            assert!(Plate::parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn cases_are_deterministic_and_named_by_their_plates() {
        let a = case(Condition::Rain, 2, 7);
        let b = case(Condition::Rain, 2, 7);
        assert_eq!(a.image, b.image);
        assert_eq!(a.file_name(3), "rain-03_粤B3X8Z7.jpg");
        assert_eq!(case(Condition::TwoCars, 0, 1).plates.len(), 2);
    }
}
