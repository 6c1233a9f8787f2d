//! Single-channel planes the decoders work on, and the cheap preprocessing steps of the cascade:
//! channel choice, resampling, inversion, global and local binarisation.
//!
//! Everything here is plain pixel arithmetic on `image::GrayImage`; no decoder knowledge.

use image::{GrayImage, RgbImage};

/// Which single channel of a colour frame a decoder sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    /// min(R, G, B): any coloured ink on white turns dark, including yellow, whose luminance is
    /// nearly white. This is the primary channel.
    MinRgb,
    /// Rec. 601 luminance: what a monochrome camera would see; a fallback for odd lighting.
    Luma,
}

/// A plane and how its pixel coordinates map back to the source frame.
#[derive(Debug, Clone)]
pub struct Plane {
    pub pixels: GrayImage,
    /// Source x = offset_x + plane x * scale (same for y).
    pub scale: f32,
    pub offset: [f32; 2],
}

impl Plane {
    /// Maps a point from plane coordinates back to source-frame coordinates.
    pub fn to_source(&self, point: [f32; 2]) -> [f32; 2] {
        [
            self.offset[0] + point[0] * self.scale,
            self.offset[1] + point[1] * self.scale,
        ]
    }
}

/// Extracts one channel at full resolution. Runs on every frame: one pass, no division, the
/// channel chosen once (not per pixel) and sixteen pixels at a time, so the loop vectorises.
pub fn channel_plane(image: &RgbImage, channel: Channel) -> Plane {
    Plane {
        pixels: GrayImage::from_raw(
            image.width(),
            image.height(),
            channel_pixels(image.as_raw(), channel),
        )
        .unwrap_or_else(|| GrayImage::new(1, 1)),
        scale: 1.0,
        offset: [0.0, 0.0],
    }
}

/// The loop compiled a second time for AVX2, taken when the CPU has it: the crate is built for
/// baseline x86-64 (SSE2), where pulling R, G and B apart takes a dozen shuffles per sixteen
/// pixels. Integer arithmetic only: the same bytes either way.
fn channel_pixels(rgb: &[u8], channel: Channel) -> Vec<u8> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU was just seen to support AVX2, all `channel_pixels_avx2` needs.
        return unsafe { channel_pixels_avx2(rgb, channel) };
    }
    channel_pixels_inline(rgb, channel)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn channel_pixels_avx2(rgb: &[u8], channel: Channel) -> Vec<u8> {
    channel_pixels_inline(rgb, channel)
}

#[allow(
    clippy::inline_always,
    reason = "inlined into its AVX2 copy, or the loop stays SSE2"
)]
#[inline(always)]
fn channel_pixels_inline(rgb: &[u8], channel: Channel) -> Vec<u8> {
    match channel {
        Channel::MinRgb => converted(rgb, min_rgb),
        Channel::Luma => converted(rgb, luma),
    }
}

#[allow(
    clippy::inline_always,
    reason = "inlined into its AVX2 copy, or the loop stays SSE2"
)]
#[inline(always)]
fn min_rgb([r, g, b]: [u8; 3]) -> u8 {
    r.min(g).min(b)
}

#[allow(
    clippy::inline_always,
    reason = "inlined into its AVX2 copy, or the loop stays SSE2"
)]
#[inline(always)]
fn luma(rgb: [u8; 3]) -> u8 {
    channel_value(rgb, Channel::Luma)
}

/// One value per RGB pixel, sixteen pixels per step (no closures: everything inlines into the
/// AVX2 copy).
#[allow(
    clippy::inline_always,
    reason = "inlined into its AVX2 copy, or the loop stays SSE2"
)]
#[inline(always)]
fn converted(rgb: &[u8], value: impl Fn([u8; 3]) -> u8 + Copy) -> Vec<u8> {
    const LANES: usize = 16;
    let mut pixels = vec![0u8; rgb.len() / 3];
    let mut outs = pixels.chunks_exact_mut(LANES);
    let mut ins = rgb.chunks_exact(3 * LANES);
    for (out, rgb) in (&mut outs).zip(&mut ins) {
        convert_run(out, rgb, value);
    }
    convert_run(outs.into_remainder(), ins.remainder(), value);
    pixels
}

#[allow(
    clippy::inline_always,
    reason = "inlined into its AVX2 copy, or the loop stays SSE2"
)]
#[inline(always)]
fn convert_run(out: &mut [u8], rgb: &[u8], value: impl Fn([u8; 3]) -> u8) {
    for (pixel, rgb) in out.iter_mut().zip(rgb.chunks_exact(3)) {
        *pixel = value([rgb[0], rgb[1], rgb[2]]);
    }
}

/// Shrinks a plane by an integer `factor` with a box filter: fewer pixels for the decoders and
/// less sensor noise.
pub fn shrunk(plane: &Plane, factor: u32) -> Plane {
    let factor = factor.max(1) as usize;
    let source = &plane.pixels;
    let source_width = source.width() as usize;
    let width = (source_width / factor).max(1);
    let height = (source.height() as usize / factor).max(1);
    let area = (factor * factor) as u32;
    let mut sums = vec![0u32; width];
    let mut pixels = Vec::with_capacity(width * height);
    for y in 0..height {
        sums.fill(0);
        for source_y in y * factor..(y + 1) * factor {
            let start = source_y * source_width;
            let Some(row) = source.as_raw().get(start..start + width * factor) else {
                continue;
            };
            for (sum, block) in sums.iter_mut().zip(row.chunks_exact(factor)) {
                *sum += block.iter().map(|value| u32::from(*value)).sum::<u32>();
            }
        }
        pixels.extend(sums.iter().map(|sum| (sum / area) as u8));
    }
    Plane {
        pixels: GrayImage::from_raw(width as u32, height as u32, pixels)
            .unwrap_or_else(|| GrayImage::new(1, 1)),
        scale: plane.scale * factor as f32,
        offset: plane.offset,
    }
}

#[allow(
    clippy::inline_always,
    reason = "inlined into its AVX2 copy, or the loop stays SSE2"
)]
#[inline(always)]
fn channel_value([r, g, b]: [u8; 3], channel: Channel) -> u8 {
    match channel {
        Channel::MinRgb => r.min(g).min(b),
        Channel::Luma => {
            let weighted = 299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b);
            u8::try_from(weighted / 1000).unwrap_or(u8::MAX)
        }
    }
}

/// The shrink factor that brings the longer side near `target_long_side` pixels.
pub fn shrink_factor(image: &RgbImage, target_long_side: u32) -> u32 {
    let long_side = image.width().max(image.height());
    (long_side / target_long_side.max(1)).max(1)
}

/// Light-on-dark codes (dark-mode screens) become dark-on-light.
pub fn inverted(plane: &Plane) -> Plane {
    let mut out = plane.clone();
    for pixel in out.pixels.pixels_mut() {
        pixel.0[0] = u8::MAX - pixel.0[0];
    }
    out
}

/// Crops the central `keep_fraction` of the plane and enlarges it `factor` times (bilinear), so a small
/// code in the middle of the view gets modules wide enough for the finder-pattern search.
///
/// The source position, neighbours and weights of each output column and row are worked out
/// once, not per pixel; the arithmetic per pixel is that of a plain bilinear sample at clamped
/// coordinates (the same result to the bit, which a test holds).
pub fn upscaled_centre(plane: &Plane, keep_fraction: f32, factor: u32) -> Plane {
    let source = &plane.pixels;
    let crop_w = ((source.width() as f32 * keep_fraction) as u32).max(1);
    let crop_h = ((source.height() as f32 * keep_fraction) as u32).max(1);
    let left = (source.width() - crop_w) / 2;
    let top = (source.height() - crop_h) / 2;
    let factor = factor.max(1);
    let inverse = 1.0 / factor as f32;
    let columns: Vec<Tap> = (0..crop_w * factor)
        .map(|x| {
            Tap::new(
                left as f32 + (x as f32 + 0.5) * inverse - 0.5,
                source.width(),
            )
        })
        .collect();
    let stride = source.width() as usize;
    let raw = source.as_raw();
    let mut pixels = Vec::with_capacity(columns.len() * (crop_h * factor) as usize);
    for y in 0..crop_h * factor {
        let row = Tap::new(
            top as f32 + (y as f32 + 0.5) * inverse - 0.5,
            source.height(),
        );
        let upper = &raw[row.low * stride..(row.low + 1) * stride];
        let lower = &raw[row.high * stride..(row.high + 1) * stride];
        pixels.extend(columns.iter().map(|column| {
            let at = |line: &[u8], x: usize| f32::from(line[x]);
            let top = at(upper, column.low) * (1.0 - column.weight)
                + at(upper, column.high) * column.weight;
            let bottom = at(lower, column.low) * (1.0 - column.weight)
                + at(lower, column.high) * column.weight;
            (top * (1.0 - row.weight) + bottom * row.weight).round() as u8
        }));
    }
    Plane {
        pixels: GrayImage::from_raw(crop_w * factor, crop_h * factor, pixels)
            .unwrap_or_else(|| GrayImage::new(1, 1)),
        scale: plane.scale * inverse,
        offset: plane.to_source([left as f32, top as f32]),
    }
}

/// The two neighbouring source pixels of a resampled position along one axis, and the weight of
/// the second, as a plain bilinear sample computes them.
struct Tap {
    low: usize,
    high: usize,
    weight: f32,
}

impl Tap {
    fn new(position: f32, length: u32) -> Self {
        let max = length.saturating_sub(1) as f32;
        let position = position.clamp(0.0, max);
        let low = position.floor();
        let high = (low + 1.0).min(max);
        Self {
            low: low as usize,
            high: high as usize,
            weight: position - low,
        }
    }
}

/// Bilinear sample of `image` at (x, y), clamped to its edges: the reference `upscaled_centre`
/// must match.
#[cfg(test)]
fn bilinear(image: &GrayImage, x: f32, y: f32) -> u8 {
    let max_x = image.width().saturating_sub(1) as f32;
    let max_y = image.height().saturating_sub(1) as f32;
    let x = x.clamp(0.0, max_x);
    let y = y.clamp(0.0, max_y);
    let (x0, y0) = (x.floor(), y.floor());
    let (x1, y1) = ((x0 + 1.0).min(max_x), (y0 + 1.0).min(max_y));
    let (fx, fy) = (x - x0, y - y0);
    let at = |px: f32, py: f32| f32::from(image.get_pixel(px as u32, py as u32).0[0]);
    let top = at(x0, y0) * (1.0 - fx) + at(x1, y0) * fx;
    let bottom = at(x0, y1) * (1.0 - fx) + at(x1, y1) * fx;
    (top * (1.0 - fy) + bottom * fy).round() as u8
}

/// One threshold for the whole plane (Otsu): good when lighting is even, as on a phone screen.
pub fn otsu_threshold(plane: &GrayImage) -> u8 {
    let mut histogram = [0u64; 256];
    for pixel in plane.pixels() {
        histogram[usize::from(pixel.0[0])] += 1;
    }
    let total: u64 = histogram.iter().sum();
    let weighted_total: f64 = histogram
        .iter()
        .enumerate()
        .map(|(value, count)| value as f64 * *count as f64)
        .sum();
    let (mut best, mut best_variance) = (128u8, -1.0f64);
    let (mut below_count, mut below_sum) = (0u64, 0.0f64);
    for (value, count) in histogram.iter().enumerate() {
        below_count += count;
        below_sum += value as f64 * *count as f64;
        let above_count = total - below_count;
        if below_count == 0 || above_count == 0 {
            continue;
        }
        let mean_below = below_sum / below_count as f64;
        let mean_above = (weighted_total - below_sum) / above_count as f64;
        let variance = below_count as f64 * above_count as f64 * (mean_below - mean_above).powi(2);
        if variance > best_variance {
            best_variance = variance;
            best = u8::try_from(value).unwrap_or(u8::MAX);
        }
    }
    best
}

/// Dark pixels (true) under one global threshold.
pub fn global_binarised(plane: &GrayImage) -> Vec<bool> {
    let threshold = otsu_threshold(plane);
    plane
        .pixels()
        .map(|pixel| pixel.0[0] <= threshold)
        .collect()
}

/// Dark pixels (true) against the mean of a square window around each pixel (integral image):
/// survives glare and shading gradients that defeat a global threshold.
pub fn locally_binarised(plane: &GrayImage, window: u32) -> Vec<bool> {
    let (width, height) = (plane.width() as usize, plane.height() as usize);
    let integral = integral_image(plane);
    let radius = (window / 2).max(1) as usize;
    let mut dark = Vec::with_capacity(width * height);
    for y in 0..height {
        let (y0, y1) = (y.saturating_sub(radius), (y + radius + 1).min(height));
        for x in 0..width {
            let (x0, x1) = (x.saturating_sub(radius), (x + radius + 1).min(width));
            let sum = integral[y1 * (width + 1) + x1] + integral[y0 * (width + 1) + x0]
                - integral[y0 * (width + 1) + x1]
                - integral[y1 * (width + 1) + x0];
            let count = ((x1 - x0) * (y1 - y0)) as u64;
            let value = u64::from(plane.as_raw()[y * width + x]);
            // A small margin keeps flat areas (sensor noise around the mean) white.
            dark.push(value * 100 * count < sum * 92);
        }
    }
    dark
}

fn integral_image(plane: &GrayImage) -> Vec<u64> {
    let (width, height) = (plane.width() as usize, plane.height() as usize);
    let mut integral = vec![0u64; (width + 1) * (height + 1)];
    for y in 0..height {
        let mut row_sum = 0u64;
        for x in 0..width {
            row_sum += u64::from(plane.as_raw()[y * width + x]);
            integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1] + row_sum;
        }
    }
    integral
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yellow_ink_is_dark_in_the_min_channel_but_not_in_luma() {
        let yellow = [255, 215, 0];
        assert_eq!(channel_value(yellow, Channel::MinRgb), 0);
        assert!(channel_value(yellow, Channel::Luma) > 190);
    }

    #[test]
    fn otsu_splits_a_two_level_plane_between_the_levels() {
        let plane = GrayImage::from_fn(10, 10, |x, _| image::Luma([if x < 5 { 40 } else { 220 }]));
        let threshold = otsu_threshold(&plane);
        assert!((40..220).contains(&threshold));
    }

    #[test]
    fn upscaled_centre_gives_each_pixel_the_bilinear_sample_of_its_source_position() {
        let mut seed = 0x9e37_79b9_u32;
        let plane = Plane {
            pixels: GrayImage::from_fn(131, 97, |_, _| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                image::Luma([(seed >> 24) as u8])
            }),
            scale: 1.0,
            offset: [0.0, 0.0],
        };
        for (keep, factor) in [(1.0, 2), (0.5, 2), (0.5, 3), (1.0, 1)] {
            let up = upscaled_centre(&plane, keep, factor);
            let crop_w = (131.0 * keep) as u32;
            let crop_h = (97.0 * keep) as u32;
            let (left, top) = ((131 - crop_w) / 2, (97 - crop_h) / 2);
            let inverse = 1.0 / factor as f32;
            for (x, y, pixel) in up.pixels.enumerate_pixels() {
                let sx = left as f32 + (x as f32 + 0.5) * inverse - 0.5;
                let sy = top as f32 + (y as f32 + 0.5) * inverse - 0.5;
                assert_eq!(
                    pixel.0[0],
                    bilinear(&plane.pixels, sx, sy),
                    "({x}, {y}) ×{factor}"
                );
            }
        }
    }

    #[test]
    fn upscaled_centre_maps_back_to_source_coordinates() {
        let plane = Plane {
            pixels: GrayImage::new(100, 80),
            scale: 2.0,
            offset: [0.0, 0.0],
        };
        let up = upscaled_centre(&plane, 0.5, 2);
        assert_eq!(up.pixels.dimensions(), (100, 80));
        // Plane pixel (25, 20) is the crop's corner: source (50, 40).
        assert_eq!(up.to_source([0.0, 0.0]), [50.0, 40.0]);
        assert_eq!(up.to_source([100.0, 80.0]), [150.0, 120.0]);
    }
}
