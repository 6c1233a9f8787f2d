//! rxing's two binarisers computed straight into a bit matrix, 64 pixels at a time: the hybrid one
//! (ZXing's `HybridBinarizer`: the plane in 8×8 blocks, each block thresholded at the mean black
//! point of the 5×5 blocks around it) and the global histogram one (ZXing's
//! `GlobalHistogramBinarizer`: one black point from a histogram of four rows). The same bits as
//! rxing's own (tests hold it), without its per-pixel, bounds-checked `set` calls. Stages that
//! share a plane share its matrix.

use image::GrayImage;
use rxing::common::{BitArray, BitMatrix, HybridBinarizer};
use rxing::{Binarizer, Luma8Source};

const BLOCK: usize = 8;
/// Below this spread a block is taken as all light or all dark (rxing's `MIN_DYNAMIC_RANGE`).
const MIN_DYNAMIC_RANGE: u8 = 24;
const WORD_BITS: usize = usize::BITS as usize;
/// The global histogram's buckets: the top five bits of a pixel (rxing's `LUMINANCE_BITS`).
const LUMINANCE_SHIFT: u8 = 3;
const LUMINANCE_BUCKETS: usize = 32;

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
    let black = block_black_points(luminances, blocks_wide, blocks_high, width, height);
    let words_per_row = width.div_ceil(WORD_BITS);
    let mut words = vec![0usize; words_per_row * height];
    // Each pixel's threshold along one band of blocks; where the last block overlaps its
    // neighbour (a width that is not a multiple of 8) a pixel is black under either threshold,
    // that is under the higher one.
    let mut thresholds = vec![0u8; width];
    let (max_x, max_y) = (width - BLOCK, height - BLOCK);
    for block_y in 0..blocks_high {
        let top = (block_y * BLOCK).min(max_y);
        let centre_y = block_y.clamp(2, blocks_high - 3);
        thresholds.fill(0);
        for block_x in 0..blocks_wide {
            let left = (block_x * BLOCK).min(max_x);
            let centre_x = block_x.clamp(2, blocks_wide - 3);
            let sum: u32 = (centre_y - 2..=centre_y + 2)
                .map(|row| {
                    let start = row * blocks_wide + centre_x - 2;
                    black[start..start + 5].iter().sum::<u32>()
                })
                .sum();
            // A mean of black points, each at most 255.
            let threshold = u8::try_from(sum / 25).unwrap_or(u8::MAX);
            for pixel in &mut thresholds[left..left + BLOCK] {
                *pixel = (*pixel).max(threshold);
            }
        }
        // Rows the last band shares with the one before (a height that is not a multiple of 8)
        // are black under either band's thresholds: the bits are or-ed in.
        for y in top..top + BLOCK {
            dark_bits(
                &luminances[y * width..(y + 1) * width],
                &thresholds,
                &mut words[y * words_per_row..(y + 1) * words_per_row],
            );
        }
    }
    matrix_from_words(plane, &words, words_per_row)
}

/// The global histogram binariser's black pixels of `plane`, exactly as rxing's
/// `GlobalHistogramBinarizer::get_black_matrix` finds them; `None` where rxing fails too (a plane
/// with too little contrast for a black point, or an empty one).
pub fn global_histogram_matrix(plane: &GrayImage) -> Option<BitMatrix> {
    let (width, height) = (plane.width() as usize, plane.height() as usize);
    if width == 0 || height == 0 {
        return None;
    }
    let luminances = plane.as_raw();
    let mut buckets = [0u32; LUMINANCE_BUCKETS];
    for y in 1..5 {
        let row = height * y / 5;
        let line = &luminances[row * width..(row + 1) * width];
        for pixel in &line[width / 5..width * 4 / 5] {
            buckets[usize::from(pixel >> LUMINANCE_SHIFT)] += 1;
        }
    }
    let black_point = estimate_black_point(&buckets)?;
    // Black below the black point, which is at least one bucket (8) above zero.
    let thresholds = vec![u8::try_from(black_point - 1).unwrap_or(u8::MAX); width];
    let words_per_row = width.div_ceil(WORD_BITS);
    let mut words = vec![0usize; words_per_row * height];
    for (line, out) in luminances
        .chunks_exact(width)
        .zip(words.chunks_exact_mut(words_per_row))
    {
        dark_bits(line, &thresholds, out);
    }
    matrix_from_words(plane, &words, words_per_row)
}

/// rxing's `estimateBlackPoint`, step for step (its integer types included): the valley between
/// the histogram's two peaks, nearer the light one; `None` when the peaks are too close.
fn estimate_black_point(buckets: &[u32; LUMINANCE_BUCKETS]) -> Option<u32> {
    let (mut max_bucket_count, mut first_peak, mut first_peak_size) = (0u32, 0usize, 0u32);
    for (x, &bucket) in buckets.iter().enumerate() {
        if bucket > first_peak_size {
            first_peak = x;
            first_peak_size = bucket;
        }
        max_bucket_count = max_bucket_count.max(bucket);
    }
    let (mut second_peak, mut second_peak_score) = (0usize, 0u32);
    for (x, &bucket) in buckets.iter().enumerate() {
        let distance = (x as i32 - first_peak as i32).unsigned_abs();
        let score = bucket.wrapping_mul(distance).wrapping_mul(distance);
        if score > second_peak_score {
            second_peak = x;
            second_peak_score = score;
        }
    }
    if first_peak > second_peak {
        std::mem::swap(&mut first_peak, &mut second_peak);
    }
    if second_peak - first_peak <= LUMINANCE_BUCKETS / 16 {
        return None;
    }
    let mut best_valley = second_peak as isize - 1;
    let mut best_valley_score = -1i32;
    let mut x = second_peak as isize;
    while x > first_peak as isize {
        let from_first = x - first_peak as isize;
        let score = from_first
            .wrapping_mul(from_first)
            .wrapping_mul(second_peak as isize - x)
            .wrapping_mul(max_bucket_count.wrapping_sub(buckets[x as usize]) as isize);
        if score as i32 > best_valley_score {
            best_valley = x;
            best_valley_score = score as i32;
        }
        x -= 1;
    }
    Some((best_valley as u32) << LUMINANCE_SHIFT)
}

/// Ors into `out` one bit per pixel of `line` at or below its threshold in `thresholds` (the
/// lowest bit of a word is the leftmost pixel, as in rxing's bit matrix), eight pixels per step.
fn dark_bits(line: &[u8], thresholds: &[u8], out: &mut [usize]) {
    const BYTES_PER_WORD: usize = WORD_BITS / 8;
    let mut pixels = line.chunks_exact(8);
    let mut limits = thresholds.chunks_exact(8);
    for (index, (pixels, limits)) in (&mut pixels).zip(&mut limits).enumerate() {
        let eight = at_or_below(
            u64::from_le_bytes(pixels.try_into().unwrap_or([0; 8])),
            u64::from_le_bytes(limits.try_into().unwrap_or([0; 8])),
        );
        out[index / BYTES_PER_WORD] |= usize::from(eight) << (8 * (index % BYTES_PER_WORD));
    }
    let start = line.len() / 8 * 8;
    for (offset, (pixel, limit)) in pixels
        .remainder()
        .iter()
        .zip(limits.remainder())
        .enumerate()
    {
        let x = start + offset;
        out[x / WORD_BITS] |= usize::from(pixel <= limit) << (x % WORD_BITS);
    }
}

/// For eight bytes at once: bit i set where pixel byte i ≤ limit byte i (unsigned). Per byte, the
/// low seven bits are compared by a subtraction that cannot borrow across bytes, the high bits
/// decide where they differ; the eight verdicts are gathered into one byte by a multiplication.
fn at_or_below(pixels: u64, limits: u64) -> u8 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low_at_least = (limits | HIGH).wrapping_sub(pixels & !HIGH);
    let verdicts = ((limits & !pixels) | (!(limits ^ pixels) & low_at_least)) & HIGH;
    (verdicts.wrapping_mul(0x0002_0408_1020_4081) >> 56) as u8
}

fn matrix_from_words(
    plane: &GrayImage,
    words: &[usize],
    words_per_row: usize,
) -> Option<BitMatrix> {
    let mut matrix = BitMatrix::new(plane.width(), plane.height()).ok()?;
    let mut row = BitArray::with_size(plane.width() as usize);
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
///
/// rxing stops tracking a block's minimum and maximum once their spread exceeds the dynamic range;
/// the spread only grows, so the whole block's minimum and maximum give the same verdict (and the
/// same minimum where it is used), and a band of blocks is summed a row at a time.
/// [`black_points`], compiled a second time for AVX2 and taken when the CPU has it (the column
/// sums, minima and maxima run 32 pixels per step instead of 16; the same integers either way).
fn block_black_points(
    luminances: &[u8],
    blocks_wide: usize,
    blocks_high: usize,
    width: usize,
    height: usize,
) -> Vec<u32> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU was just seen to support AVX2, all `black_points_avx2` needs.
        return unsafe { black_points_avx2(luminances, blocks_wide, blocks_high, width, height) };
    }
    black_points(luminances, blocks_wide, blocks_high, width, height)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn black_points_avx2(
    luminances: &[u8],
    blocks_wide: usize,
    blocks_high: usize,
    width: usize,
    height: usize,
) -> Vec<u32> {
    black_points(luminances, blocks_wide, blocks_high, width, height)
}

#[allow(
    clippy::inline_always,
    reason = "inlined into its AVX2 copy, or the loop stays SSE2"
)]
#[inline(always)]
fn black_points(
    luminances: &[u8],
    blocks_wide: usize,
    blocks_high: usize,
    width: usize,
    height: usize,
) -> Vec<u32> {
    let (max_x, max_y) = (width - BLOCK, height - BLOCK);
    let mut points = vec![0u32; blocks_wide * blocks_high];
    // Per pixel column of a band of blocks: the sum, minimum and maximum of its eight pixels
    // (column by column over whole rows, which vectorises), then eight columns per block.
    let mut column_sums = vec![0u16; width];
    let mut column_mins = vec![u8::MAX; width];
    let mut column_maxes = vec![u8::MIN; width];
    let (mut sums, mut mins, mut maxes) = (
        vec![0u32; blocks_wide],
        vec![u8::MAX; blocks_wide],
        vec![u8::MIN; blocks_wide],
    );
    for block_y in 0..blocks_high {
        let top = (block_y * BLOCK).min(max_y);
        column_sums.fill(0);
        column_mins.fill(u8::MAX);
        column_maxes.fill(u8::MIN);
        for line in luminances[top * width..(top + BLOCK) * width].chunks_exact(width) {
            for (((sum, min), max), pixel) in column_sums
                .iter_mut()
                .zip(&mut column_mins)
                .zip(&mut column_maxes)
                .zip(line)
            {
                *sum += u16::from(*pixel);
                *min = (*min).min(*pixel);
                *max = (*max).max(*pixel);
            }
        }
        for block_x in 0..blocks_wide {
            let columns = (block_x * BLOCK).min(max_x)..(block_x * BLOCK).min(max_x) + BLOCK;
            sums[block_x] = column_sums[columns.clone()]
                .iter()
                .map(|sum| u32::from(*sum))
                .sum();
            mins[block_x] = column_mins[columns.clone()]
                .iter()
                .fold(u8::MAX, |low, v| low.min(*v));
            maxes[block_x] = column_maxes[columns]
                .iter()
                .fold(u8::MIN, |high, v| high.max(*v));
        }
        for block_x in 0..blocks_wide {
            let (min, max) = (mins[block_x], maxes[block_x]);
            let mut average = sums[block_x] >> 6;
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
    use rxing::common::GlobalHistogramBinarizer;

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

    fn rxing_global_matrix(plane: &GrayImage) -> Option<BitMatrix> {
        let source = Luma8Source::new_with_slice(plane.as_raw(), plane.width(), plane.height())
            .expect("dimensions match");
        GlobalHistogramBinarizer::new(source)
            .get_black_matrix()
            .ok()
            .cloned()
    }

    #[test]
    fn eight_comparisons_at_once_agree_with_one_at_a_time() {
        let values = [0u8, 1, 2, 63, 64, 127, 128, 129, 191, 200, 254, 255];
        for (index, &pixel) in values.iter().enumerate() {
            for &limit in &values {
                let mut pixels = [pixel; 8];
                let mut limits = [limit; 8];
                // Neighbouring bytes that differ, so a borrow across bytes would show.
                pixels[(index + 1) % 8] = 255 - pixel;
                limits[(index + 3) % 8] = 255 - limit;
                let want = (0..8).fold(0u8, |bits, i| {
                    bits | (u8::from(pixels[i] <= limits[i]) << i)
                });
                let got = at_or_below(u64::from_le_bytes(pixels), u64::from_le_bytes(limits));
                assert_eq!(got, want, "{pixels:?} ≤ {limits:?}");
            }
        }
    }

    #[test]
    fn the_same_bits_as_rxings_global_histogram_binariser() {
        // A flat plane and one of two close levels: rxing's peak rules decide, ours must agree.
        for level in [0, 128] {
            let flat = GrayImage::from_fn(64, 48, |x, _| image::Luma([level + u8::from(x > 30)]));
            assert_eq!(global_histogram_matrix(&flat), rxing_global_matrix(&flat));
        }
        for (width, height, seed) in [
            (640, 480, 1),
            (641, 483, 2),
            (130, 67, 3),
            (1279, 719, 4),
            (39, 200, 6),
            (3, 2, 8),
        ] {
            let plane = noise_plane(width, height, seed);
            let theirs = rxing_global_matrix(&plane);
            assert!(
                theirs.is_some() || width < 10,
                "{width}×{height} has contrast"
            );
            assert_eq!(global_histogram_matrix(&plane), theirs, "{width}×{height}");
        }
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
