//! rxing's hybrid binariser (ZXing's `HybridBinarizer`: the plane in 8×8 blocks, each block
//! thresholded at the mean black point of the 5×5 blocks around it) computed straight into a bit
//! matrix, eight pixels at a time: the same bits as rxing's own (a test holds it), without its
//! per-pixel, bounds-checked `set` calls. Stages that share a plane share its matrix.

use image::GrayImage;
use rxing::common::{BitArray, BitMatrix, HybridBinarizer};
use rxing::{Binarizer, Luma8Source};

const BLOCK: usize = 8;
/// Below this spread a block is taken as all light or all dark (rxing's `MIN_DYNAMIC_RANGE`).
const MIN_DYNAMIC_RANGE: u8 = 24;
const WORD_BITS: usize = usize::BITS as usize;

/// The hybrid binariser's black pixels of `plane`; `None` only for a plane rxing rejects too.
pub fn hybrid_matrix(plane: &GrayImage) -> Option<BitMatrix> {
    let (width, height) = (plane.width() as usize, plane.height() as usize);
    if width < BLOCK * 5 || height < BLOCK * 5 {
        // rxing's own fall-back (a global histogram) for planes too small for 5×5 blocks.
        let source =
            Luma8Source::new_with_slice(plane.as_raw(), plane.width(), plane.height()).ok()?;
        return HybridBinarizer::new(source)
            .get_black_matrix()
            .ok()
            .cloned();
    }
    let luminances = plane.as_raw();
    let (blocks_wide, blocks_high) = (width.div_ceil(BLOCK), height.div_ceil(BLOCK));
    let black = black_points(luminances, blocks_wide, blocks_high, width, height);
    let words_per_row = width.div_ceil(WORD_BITS);
    let mut words = vec![0usize; words_per_row * height];
    let (max_x, max_y) = (width - BLOCK, height - BLOCK);
    for block_y in 0..blocks_high {
        let top = (block_y * BLOCK).min(max_y);
        let centre_y = block_y.clamp(2, blocks_high - 3);
        for block_x in 0..blocks_wide {
            let left = (block_x * BLOCK).min(max_x);
            let centre_x = block_x.clamp(2, blocks_wide - 3);
            let sum: u32 = (centre_y - 2..=centre_y + 2)
                .map(|row| {
                    let start = row * blocks_wide + centre_x - 2;
                    black[start..start + 5].iter().sum::<u32>()
                })
                .sum();
            let threshold = sum / 25;
            for y in top..top + BLOCK {
                let pixels = &luminances[y * width + left..y * width + left + BLOCK];
                let mask = pixels.iter().enumerate().fold(0usize, |mask, (dx, value)| {
                    mask | (usize::from(u32::from(*value) <= threshold) << dx)
                });
                let row = &mut words[y * words_per_row..(y + 1) * words_per_row];
                let (word, shift) = (left / WORD_BITS, left % WORD_BITS);
                row[word] |= mask << shift;
                if shift > WORD_BITS - BLOCK {
                    row[word + 1] |= mask >> (WORD_BITS - shift);
                }
            }
        }
    }
    let mut matrix = BitMatrix::new(plane.width(), plane.height()).ok()?;
    let mut row = BitArray::with_size(width);
    for (y, line) in words.chunks_exact(words_per_row).enumerate() {
        for (index, word) in line.iter().enumerate() {
            row.setBulk(index * WORD_BITS, *word);
        }
        matrix.setRow(u32::try_from(y).ok()?, &row);
    }
    Some(matrix)
}

/// One black point per 8×8 block, exactly as rxing's `calculateBlackPoints` works it out: the
/// block's mean, or for a flat block half its minimum, raised to its neighbours' black point when
/// that is higher than the block's minimum.
fn black_points(
    luminances: &[u8],
    blocks_wide: usize,
    blocks_high: usize,
    width: usize,
    height: usize,
) -> Vec<u32> {
    let (max_x, max_y) = (width - BLOCK, height - BLOCK);
    let mut points = vec![0u32; blocks_wide * blocks_high];
    for block_y in 0..blocks_high {
        let top = (block_y * BLOCK).min(max_y);
        for block_x in 0..blocks_wide {
            let left = (block_x * BLOCK).min(max_x);
            let (mut sum, mut min, mut max) = (0u32, u8::MAX, u8::MIN);
            let mut y = 0;
            while y < BLOCK {
                let start = (top + y) * width + left;
                for &pixel in &luminances[start..start + BLOCK] {
                    sum += u32::from(pixel);
                    min = min.min(pixel);
                    max = max.max(pixel);
                }
                y += 1;
                if max - min > MIN_DYNAMIC_RANGE {
                    // Contrast found: the remaining rows only add to the sum.
                    for rest in y..BLOCK {
                        let start = (top + rest) * width + left;
                        sum += luminances[start..start + BLOCK]
                            .iter()
                            .map(|pixel| u32::from(*pixel))
                            .sum::<u32>();
                    }
                    break;
                }
            }
            let mut average = sum >> 6;
            if max - min <= MIN_DYNAMIC_RANGE {
                average = u32::from(min) / 2;
                if block_y > 0 && block_x > 0 {
                    let above = points[(block_y - 1) * blocks_wide + block_x];
                    let before = points[block_y * blocks_wide + block_x - 1];
                    let diagonal = points[(block_y - 1) * blocks_wide + block_x - 1];
                    let neighbours = (above + 2 * before + diagonal) / 4;
                    if u32::from(min) < neighbours {
                        average = neighbours;
                    }
                }
            }
            points[block_y * blocks_wide + block_x] = average;
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noise_plane(width: u32, height: u32, mut seed: u32) -> GrayImage {
        GrayImage::from_fn(width, height, |x, y| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            // Flat areas, gradients and noise: every branch of the black-point rule.
            let flat = if (x / 37 + y / 29) % 3 == 0 { 200 } else { 0 };
            let value = if flat > 0 {
                flat + (seed >> 30)
            } else {
                (x * 2 + y) % 256 / 2 + (seed >> 26)
            };
            image::Luma([u8::try_from(value.min(255)).unwrap_or(u8::MAX)])
        })
    }

    fn rxing_matrix(plane: &GrayImage) -> BitMatrix {
        let source = Luma8Source::new_with_slice(plane.as_raw(), plane.width(), plane.height())
            .expect("dimensions match");
        HybridBinarizer::new(source)
            .get_black_matrix()
            .expect("rxing binarises")
            .clone()
    }

    #[test]
    fn the_same_bits_as_rxings_hybrid_binariser() {
        // Sizes that are and are not multiples of the block and of the word, and one too small
        // for blocks.
        for (width, height, seed) in [
            (640, 480, 1),
            (641, 483, 2),
            (130, 67, 3),
            (1279, 719, 4),
            (40, 40, 5),
            (39, 200, 6),
            (71, 45, 7),
        ] {
            let plane = noise_plane(width, height, seed);
            let ours = hybrid_matrix(&plane).expect("binarised");
            assert_eq!(ours, rxing_matrix(&plane), "{width}×{height}");
        }
    }
}
