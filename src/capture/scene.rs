//! Whether a frame shows anything new: a coarse signature of the picture (the mean brightness of
//! each cell of a grid), compared with the previous frame's. A camera's sensor noise averages out
//! within a cell, so a still scene keeps its signature; a hand, a phone or a change of light moves
//! some cell by more than [`CELL_TOLERANCE`]. The preview repaints and the decoder works only when
//! the scene changed, so a kiosk watching an empty gate costs next to nothing.

use image::RgbImage;

/// Cells across and down.
const GRID: [usize; 2] = [32, 24];
/// Pixels sampled per cell along each side (every other pixel or sparser): enough to average out
/// sensor noise, cheap enough for every frame.
const SAMPLES_PER_CELL_SIDE: usize = 8;
/// A cell whose mean moved by more than this (of 255) is a change.
const CELL_TOLERANCE: u8 = 3;

/// The picture's coarse signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    size: [u32; 2],
    cells: Vec<u8>,
}

impl Signature {
    /// The mean green value (close to brightness, one channel is enough) of each cell, sampled.
    pub fn of(image: &RgbImage) -> Self {
        let (width, height) = (image.width() as usize, image.height() as usize);
        let mut cells = Vec::with_capacity(GRID[0] * GRID[1]);
        let raw = image.as_raw();
        for cell_y in 0..GRID[1] {
            let (top, bottom) = (cell_y * height / GRID[1], (cell_y + 1) * height / GRID[1]);
            for cell_x in 0..GRID[0] {
                let (left, right) = (cell_x * width / GRID[0], (cell_x + 1) * width / GRID[0]);
                let step_x = ((right - left) / SAMPLES_PER_CELL_SIDE).max(1);
                let step_y = ((bottom - top) / SAMPLES_PER_CELL_SIDE).max(1);
                let (mut sum, mut count) = (0u32, 0u32);
                for y in (top..bottom).step_by(step_y) {
                    for x in (left..right).step_by(step_x) {
                        sum += u32::from(raw[(y * width + x) * 3 + 1]);
                        count += 1;
                    }
                }
                cells.push(u8::try_from(sum / count.max(1)).unwrap_or(u8::MAX));
            }
        }
        Self {
            size: [image.width(), image.height()],
            cells,
        }
    }

    /// Whether `other` shows the same scene (same size, every cell within the tolerance).
    pub fn same_scene(&self, other: &Self) -> bool {
        self.size == other.size
            && self
                .cells
                .iter()
                .zip(&other.cells)
                .all(|(a, b)| a.abs_diff(*b) <= CELL_TOLERANCE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    fn scene(seed: u64, noise: u8, with_phone: bool) -> RgbImage {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        RgbImage::from_fn(640, 480, |x, y| {
            let base = if with_phone && (200..360).contains(&x) && (150..400).contains(&y) {
                40u8
            } else {
                (100 + x / 8) as u8
            };
            let jitter = rng.gen_range(0..=noise);
            image::Rgb([base, base.saturating_add(jitter), base])
        })
    }

    #[test]
    fn sensor_noise_is_the_same_scene_and_a_phone_is_not() {
        let still = Signature::of(&scene(1, 12, false));
        assert!(still.same_scene(&Signature::of(&scene(2, 12, false))));
        assert!(!still.same_scene(&Signature::of(&scene(3, 12, true))));
    }

    #[test]
    fn a_small_code_moving_in_one_cell_is_a_change() {
        let mut before = RgbImage::from_pixel(640, 480, image::Rgb([230, 230, 230]));
        let after = before.clone();
        for y in 100..112 {
            for x in 100..112 {
                before.put_pixel(x, y, image::Rgb([0, 0, 0]));
            }
        }
        assert!(!Signature::of(&before).same_scene(&Signature::of(&after)));
    }

    #[test]
    fn tiny_pictures_have_a_signature_too() {
        let tiny = RgbImage::new(3, 2);
        assert!(Signature::of(&tiny).same_scene(&Signature::of(&tiny)));
        assert!(!Signature::of(&tiny).same_scene(&Signature::of(&RgbImage::new(2, 3))));
    }
}
