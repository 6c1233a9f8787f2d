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
    box_blur(frame, radius);
    box_blur(frame, radius);
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

/// Box blur with running sums on the raw buffer (two passes approximate a Gaussian). Written
/// for speed in unoptimised test builds.
fn box_blur(frame: &mut RgbImage, radius: u32) {
    if radius == 0 {
        return;
    }
    let (width, height) = (frame.width() as usize, frame.height() as usize);
    let radius = radius as usize;
    let raw: &mut [u8] = frame;
    // Horizontal: each row is a line of `width` pixels with stride 3.
    for y in 0..height {
        blur_line(raw, y * width * 3, 3, width, radius);
    }
    // Vertical: each column is a line of `height` pixels with stride width * 3.
    for x in 0..width {
        blur_line(raw, x * 3, width * 3, height, radius);
    }
}

fn blur_line(raw: &mut [u8], start: usize, stride: usize, length: usize, radius: usize) {
    let mut line = vec![[0u32; 3]; length];
    for (index, pixel) in line.iter_mut().enumerate() {
        let at = start + index * stride;
        *pixel = [
            u32::from(raw[at]),
            u32::from(raw[at + 1]),
            u32::from(raw[at + 2]),
        ];
    }
    let mut sum = [0u32; 3];
    let mut count = 0u32;
    for pixel in line.iter().take(radius) {
        sum = [sum[0] + pixel[0], sum[1] + pixel[1], sum[2] + pixel[2]];
        count += 1;
    }
    for index in 0..length {
        if let Some(entering) = line.get(index + radius) {
            sum = [
                sum[0] + entering[0],
                sum[1] + entering[1],
                sum[2] + entering[2],
            ];
            count += 1;
        }
        if index > radius {
            let leaving = line[index - radius - 1];
            sum = [
                sum[0] - leaving[0],
                sum[1] - leaving[1],
                sum[2] - leaving[2],
            ];
            count -= 1;
        }
        let at = start + index * stride;
        raw[at] = (sum[0] / count) as u8;
        raw[at + 1] = (sum[1] / count) as u8;
        raw[at + 2] = (sum[2] / count) as u8;
    }
}

/// Triangular noise (sum of two uniforms, close enough to Gaussian for a sensor) with standard
/// deviation `sigma`; one random draw per pixel keeps it quick.
fn noise(frame: &mut RgbImage, sigma: f32, rng: &mut StdRng) {
    if sigma <= 0.0 {
        return;
    }
    // The sum of two uniform bytes, centred, has standard deviation 255 / sqrt(6).
    let scale = sigma * 6f32.sqrt() / 255.0;
    for pixel in frame.pixels_mut() {
        let bits: u64 = rng.r#gen();
        for (channel, value) in pixel.0.iter_mut().enumerate() {
            let a = ((bits >> (channel * 16)) & 0xff) as f32;
            let b = ((bits >> (channel * 16 + 8)) & 0xff) as f32;
            let offset = (a - b) * scale;
            *value = (f32::from(*value) + offset).clamp(0.0, 255.0) as u8;
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
