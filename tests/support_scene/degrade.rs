//! What a cheap webcam does to a picture: glare on the screen, white balance and exposure, lens
//! blur, sensor noise and JPEG compression, each drawn from the difficulty's ranges.

use image::RgbImage;
use image::codecs::jpeg::JpegEncoder;
use rand::Rng;
use rand::rngs::StdRng;

use super::Difficulty;

pub fn apply(frame: &mut RgbImage, code: [[f32; 2]; 4], difficulty: &Difficulty, rng: &mut StdRng) {
    glare(frame, code, rng.gen_range(0.0..=difficulty.max_glare), rng);
    let exposure = rng.gen_range(difficulty.exposure.0..=difficulty.exposure.1);
    let gains: [f32; 3] = [0, 1, 2]
        .map(|_| exposure * rng.gen_range(difficulty.channel_gain.0..=difficulty.channel_gain.1));
    for pixel in frame.pixels_mut() {
        for (value, gain) in pixel.0.iter_mut().zip(gains) {
            *value = (f32::from(*value) * gain).clamp(0.0, 255.0) as u8;
        }
    }
    let radius = rng.gen_range(0..=difficulty.max_blur_radius);
    for _ in 0..2 {
        box_blur(frame, radius);
    }
    noise(frame, rng.gen_range(0.0..=difficulty.max_noise_sigma), rng);
    if let Some((low, high)) = difficulty.jpeg_quality {
        jpeg(frame, rng.gen_range(low..=high));
    }
}

/// A soft bright spot near the code: a lamp reflected in the phone's glass.
fn glare(frame: &mut RgbImage, code: [[f32; 2]; 4], strength: f32, rng: &mut StdRng) {
    if strength <= 0.0 {
        return;
    }
    let side = (code[1][0] - code[0][0]).hypot(code[1][1] - code[0][1]);
    let centre = [
        code[0][0] + rng.gen_range(0.0..1.0) * (code[2][0] - code[0][0]),
        code[0][1] + rng.gen_range(0.0..1.0) * (code[2][1] - code[0][1]),
    ];
    let radius = side * rng.gen_range(0.2..0.5);
    let reach = (radius * 2.5) as i64;
    let (cx, cy) = (centre[0] as i64, centre[1] as i64);
    for y in (cy - reach).max(0)..(cy + reach).min(i64::from(frame.height())) {
        for x in (cx - reach).max(0)..(cx + reach).min(i64::from(frame.width())) {
            let d2 = ((x - cx).pow(2) + (y - cy).pow(2)) as f32;
            let amount = strength * (-d2 / (radius * radius)).exp();
            let pixel = frame.get_pixel_mut(x as u32, y as u32);
            for value in &mut pixel.0 {
                *value = (f32::from(*value) + (255.0 - f32::from(*value)) * amount) as u8;
            }
        }
    }
}

fn box_blur(frame: &mut RgbImage, radius: u32) {
    if radius == 0 {
        return;
    }
    for horizontal in [true, false] {
        let source = frame.clone();
        let (width, height) = frame.dimensions();
        for (x, y, pixel) in frame.enumerate_pixels_mut() {
            let mut sum = [0u32; 3];
            let mut count = 0;
            for offset in -(radius as i64)..=radius as i64 {
                let (sx, sy) = if horizontal {
                    (i64::from(x) + offset, i64::from(y))
                } else {
                    (i64::from(x), i64::from(y) + offset)
                };
                if sx < 0 || sy < 0 || sx >= i64::from(width) || sy >= i64::from(height) {
                    continue;
                }
                let value = source.get_pixel(sx as u32, sy as u32).0;
                for (total, channel) in sum.iter_mut().zip(value) {
                    *total += u32::from(channel);
                }
                count += 1;
            }
            pixel.0 = sum.map(|total| (total / count) as u8);
        }
    }
}

/// Roughly Gaussian noise (sum of uniforms) with standard deviation `sigma`.
fn noise(frame: &mut RgbImage, sigma: f32, rng: &mut StdRng) {
    if sigma <= 0.0 {
        return;
    }
    for pixel in frame.pixels_mut() {
        for value in &mut pixel.0 {
            let gaussian: f32 = (0..4).map(|_| rng.gen_range(-1.0..1.0f32)).sum::<f32>() * 0.866;
            *value = (f32::from(*value) + gaussian * sigma).clamp(0.0, 255.0) as u8;
        }
    }
}

fn jpeg(frame: &mut RgbImage, quality: u8) {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality)
        .encode_image(frame)
        .expect("JPEG encoding of an RGB frame");
    *frame = image::load_from_memory(&bytes)
        .expect("our own JPEG decodes")
        .to_rgb8();
}
