//! The models' ordinary 3×3 convolutions (every input channel to every output channel, step 1),
//! run by our own kernel instead of tract's matrix product.
//!
//! The detector's neck and head end in 3×3 convolutions from 96 channels to 24 at a quarter of
//! the input's size: about 320 million multiply-adds each at 640×384. tract 0.21 runs them as a
//! matrix product over an im2col view gathered anew for every 8 output pixels, and with only 24
//! output channels that gathering outweighs the arithmetic: the per-op profile
//! (`plate::tests::profile_the_models_per_op`, a dev build at opt-level 3) put 110 of the
//! detector's ~290 ms in two of them; ours runs all four in about 23 ms (release).
//!
//! Here each picture is copied once into rows with a zero border wide enough for whole vectors.
//! An output row is then the sum, over input channels and the nine taps, of a weight times a
//! shifted input row: [`BLOCK`] output channels × 16 pixels are held in 12 AVX2 registers, and
//! each input vector, loaded once, serves all of them.
#![allow(
    clippy::inline_always,
    reason = "the loops are inlined into their AVX2 copy, or they stay SSE2"
)]

use std::sync::Arc;

use tract_onnx::prelude::*;
use tract_onnx::tract_core::ops::cnn::{Conv, KernelFormat};

use super::ours::{ConvNode, FloatKernel};

/// Output channels computed together: 6 × 2 accumulator vectors, 2 input vectors and a weight
/// fill 15 of the 16 AVX2 registers.
const BLOCK: usize = 6;
/// Output pixels computed together: two 8-float vectors.
const SPAN: usize = 16;
/// The filter's height and width.
const SIDE: usize = 3;
const TAPS: usize = SIDE * SIDE;

/// Replaces every float channels-first 3×3 convolution of `model` with step 1, one group and
/// a known input shape by [`Dense`].
pub(crate) fn use_our_dense(model: &mut TypedModel) -> TractResult<()> {
    super::ours::swap_ops(model, Dense::for_node)
}

/// One 3×3 convolution with its filters and biases fixed: input and output channels first
/// (NCHW, or CHW for one picture).
#[derive(Debug, Clone)]
pub(crate) struct Dense {
    geometry: Geometry,
    /// The filters regrouped for the kernel (see [`pack`]).
    packed: Arc<Vec<f32>>,
    /// Per output channel.
    bias: Arc<Vec<f32>>,
    /// NCHW rather than CHW.
    keeps_batch_axis: bool,
}

/// The shapes of one 3×3 convolution with step 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Geometry {
    pub batch: usize,
    pub in_channels: usize,
    pub out_channels: usize,
    pub input: (usize, usize),
    pub output: (usize, usize),
    /// Zero rows above and columns left of the input.
    pub pad_before: (usize, usize),
}

impl Geometry {
    /// Output channel blocks, the last one filled up with zero filters.
    fn blocks(&self) -> usize {
        self.out_channels.div_ceil(BLOCK)
    }
}

impl Dense {
    /// The op for a tract `Conv` node, or None when it is not a float channels-first 3×3
    /// convolution with step 1, one group, constant filters and no dilation.
    fn for_node(model: &TypedModel, node: &TypedNode, conv: &Conv) -> TractResult<Option<Self>> {
        let spec = &conv.pool_spec;
        let Some(conv_node) = ConvNode::of(model, node, spec.data_format)? else {
            return Ok(None);
        };
        let (in_channels, height, width) = (conv_node.channels, conv_node.height, conv_node.width);
        let out_channels = conv.output_channels();
        let plain = conv.q_params.is_none()
            && conv.kernel_fmt == KernelFormat::OIHW
            && conv.group == 1
            && spec.kernel_shape[..] == [SIDE, SIDE]
            && conv_node.kernel.shape() == [out_channels, in_channels, SIDE, SIDE]
            && spec.dilations.iter().flatten().all(|d| *d == 1)
            && spec.strides.iter().flatten().all(|s| *s == 1);
        let Some(bias) = conv_node.bias(out_channels)? else {
            return Ok(None);
        };
        if !plain {
            return Ok(None);
        }
        let padded = spec
            .padding
            .compute(&[height, width], &spec.kernel_shape, &[1, 1], &[1, 1]);
        let geometry = Geometry {
            batch: conv_node.batch,
            in_channels,
            out_channels,
            input: (height, width),
            output: (padded[0].convoluted, padded[1].convoluted),
            pad_before: (padded[0].pad_before, padded[1].pad_before),
        };
        let ours = Self {
            geometry,
            packed: Arc::new(pack(&geometry, conv_node.kernel.as_slice::<f32>()?)),
            bias: Arc::new(bias),
            keeps_batch_axis: conv_node.keeps_batch_axis,
        };
        let sides = [height, width, geometry.output.0, geometry.output.1];
        super::ours::where_it_fits(model, node, ours, sides)
    }
}

impl FloatKernel for Dense {
    const NAME: &'static str = "KioskDense";

    fn input_len(&self) -> usize {
        let g = self.geometry;
        g.batch * g.in_channels * g.input.0 * g.input.1
    }

    fn run(&self, input: &[f32], output: &mut [f32]) {
        convolve(&self.geometry, input, &self.packed, &self.bias, output);
    }

    fn output_shape(&self) -> TVec<usize> {
        let g = self.geometry;
        let chw = [g.out_channels, g.output.0, g.output.1];
        super::ours::channels_first(self.keeps_batch_axis, g.batch, chw)
    }
}

/// OIHW filters regrouped as the kernel reads them: per block of [`BLOCK`] output channels, per
/// input channel, per tap, the block's weights side by side (zeros past the last channel).
pub(crate) fn pack(g: &Geometry, oihw: &[f32]) -> Vec<f32> {
    let per_in_channel = TAPS * BLOCK;
    let mut packed = vec![0.0; g.blocks() * g.in_channels * per_in_channel];
    for (out_channel, filters) in oihw.chunks_exact(g.in_channels * TAPS).enumerate() {
        let (block, lane) = (out_channel / BLOCK, out_channel % BLOCK);
        for (in_channel, filter) in filters.chunks_exact(TAPS).enumerate() {
            let start = (block * g.in_channels + in_channel) * per_in_channel;
            for (tap, weight) in filter.iter().enumerate() {
                packed[start + tap * BLOCK + lane] = *weight;
            }
        }
    }
    packed
}

/// The convolution of every picture of `input` into `output` (both channels first, sized by
/// `g`), with the filters as [`pack`] gives them.
pub(crate) fn convolve(
    g: &Geometry,
    input: &[f32],
    packed: &[f32],
    bias: &[f32],
    output: &mut [f32],
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
        // The CPU has just been seen to support AVX2 and FMA, as `avx2::Fma` needs.
        convolve_with::<avx2::Fma>(g, input, packed, bias, output);
        return;
    }
    convolve_with::<Portable>(g, input, packed, bias, output);
}

/// One block of output channels over one span of an output row: the sums before the bias.
trait SpanKernel {
    /// `rows` holds, per input channel, the three padded input rows from the span's left edge
    /// (`row_stride` apart, each at least `SPAN + 2` long); `weights` the block's weights per
    /// input channel and tap.
    fn sums(
        rows: &[f32],
        channel_stride: usize,
        row_stride: usize,
        weights: &[f32],
    ) -> [[f32; SPAN]; BLOCK];
}

#[inline(always)]
fn convolve_with<K: SpanKernel>(
    g: &Geometry,
    input: &[f32],
    packed: &[f32],
    bias: &[f32],
    output: &mut [f32],
) {
    let (out_h, out_w) = g.output;
    let mut padded = Padded::new(g);
    let in_picture = g.in_channels * g.input.0 * g.input.1;
    let out_plane = out_h * out_w;
    let per_block = g.in_channels * TAPS * BLOCK;
    let pictures = input
        .chunks_exact(in_picture)
        .zip(output.chunks_exact_mut(g.out_channels * out_plane));
    for (picture, output) in pictures {
        padded.fill(g, picture);
        for y in 0..out_h {
            // Each span's input rows, read once from memory, serve every block of channels.
            for x in (0..out_w).step_by(SPAN) {
                for block in 0..g.blocks() {
                    let weights = &packed[block * per_block..(block + 1) * per_block];
                    let sums = K::sums(
                        &padded.values[y * padded.row_stride + x..],
                        padded.channel_stride,
                        padded.row_stride,
                        weights,
                    );
                    let width = SPAN.min(out_w - x);
                    for (lane, sums) in sums.iter().enumerate() {
                        let channel = block * BLOCK + lane;
                        if channel >= g.out_channels {
                            break;
                        }
                        let start = channel * out_plane + y * out_w + x;
                        for (out, sum) in output[start..start + width].iter_mut().zip(sums) {
                            *out = sum + bias[channel];
                        }
                    }
                }
            }
        }
    }
}

/// One picture with a zero border, row by row and within a row channel by channel (so that the
/// rows one span reads lie close together): enough rows for every output row's three, each
/// long enough for whole spans of output pixels plus the filter's reach.
struct Padded {
    values: Vec<f32>,
    /// From one row of a channel to the same row of the next channel.
    channel_stride: usize,
    /// From one row to the next.
    row_stride: usize,
    rows: usize,
}

impl Padded {
    fn new(g: &Geometry) -> Self {
        let width = g.output.1.div_ceil(SPAN) * SPAN + SIDE - 1;
        let rows = g.output.0 + SIDE - 1;
        Self {
            values: vec![0.0; rows * g.in_channels * width],
            channel_stride: width,
            row_stride: g.in_channels * width,
            rows,
        }
    }

    /// Copies `picture` (CHW) in, its first row and column `pad_before` in from the border;
    /// what lies past the border stays zero.
    fn fill(&mut self, g: &Geometry, picture: &[f32]) {
        let (top, left) = g.pad_before;
        let (in_h, in_w) = g.input;
        let columns = in_w.min(self.channel_stride.saturating_sub(left));
        for (channel, plane) in picture.chunks_exact(in_h * in_w).enumerate() {
            let rows = plane.chunks_exact(in_w).take(self.rows.saturating_sub(top));
            for (y, row) in rows.enumerate() {
                let start = (top + y) * self.row_stride + channel * self.channel_stride + left;
                self.values[start..start + columns].copy_from_slice(&row[..columns]);
            }
        }
    }
}

/// The kernel in plain Rust, for CPUs without AVX2.
struct Portable;

impl SpanKernel for Portable {
    #[inline(always)]
    fn sums(
        rows: &[f32],
        channel_stride: usize,
        row_stride: usize,
        weights: &[f32],
    ) -> [[f32; SPAN]; BLOCK] {
        let mut sums = [[0.0; SPAN]; BLOCK];
        for (channel, weights) in weights.chunks_exact(TAPS * BLOCK).enumerate() {
            for tap in 0..TAPS {
                let (dy, dx) = (tap / SIDE, tap % SIDE);
                let start = channel * channel_stride + dy * row_stride + dx;
                let pixels = &rows[start..start + SPAN];
                let taps = &weights[tap * BLOCK..(tap + 1) * BLOCK];
                for (sums, weight) in sums.iter_mut().zip(taps) {
                    for (sum, pixel) in sums.iter_mut().zip(pixels) {
                        *sum += weight * pixel;
                    }
                }
            }
        }
        sums
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::{
        __m256, _mm256_broadcast_ss, _mm256_fmadd_ps, _mm256_loadu_ps, _mm256_setzero_ps,
        _mm256_storeu_ps,
    };

    use super::{BLOCK, SIDE, SPAN, SpanKernel, TAPS};

    /// The kernel with AVX2 vectors and fused multiply-adds.
    pub(super) struct Fma;

    impl SpanKernel for Fma {
        #[inline(always)]
        fn sums(
            rows: &[f32],
            channel_stride: usize,
            row_stride: usize,
            weights: &[f32],
        ) -> [[f32; SPAN]; BLOCK] {
            // SAFETY: only reached through `convolve`'s AVX2 and FMA check.
            unsafe { sums_fma(rows, channel_stride, row_stride, weights) }
        }
    }

    #[target_feature(enable = "avx2,fma")]
    fn sums_fma(
        rows: &[f32],
        channel_stride: usize,
        row_stride: usize,
        weights: &[f32],
    ) -> [[f32; SPAN]; BLOCK] {
        let mut low = [_mm256_setzero_ps(); BLOCK];
        let mut high = [_mm256_setzero_ps(); BLOCK];
        for (channel, weights) in weights.chunks_exact(TAPS * BLOCK).enumerate() {
            let Ok(weights) = <&[f32; TAPS * BLOCK]>::try_from(weights) else {
                continue;
            };
            for dy in 0..SIDE {
                let start = channel * channel_stride + dy * row_stride;
                // One bounds check per row: the three taps read SPAN + 2 values from here.
                let pixels = &rows[start..start + SPAN + SIDE - 1];
                for dx in 0..SIDE {
                    let (left, right) = load_span(&pixels[dx..dx + SPAN]);
                    let taps = &weights[(dy * SIDE + dx) * BLOCK..][..BLOCK];
                    for ((low, high), weight) in low.iter_mut().zip(high.iter_mut()).zip(taps) {
                        let weight = _mm256_broadcast_ss(weight);
                        *low = _mm256_fmadd_ps(weight, left, *low);
                        *high = _mm256_fmadd_ps(weight, right, *high);
                    }
                }
            }
        }
        let mut sums = [[0.0; SPAN]; BLOCK];
        for ((sums, low), high) in sums.iter_mut().zip(low).zip(high) {
            let (left, right) = sums.split_at_mut(SPAN / 2);
            store(left, low);
            store(right, high);
        }
        sums
    }

    /// The span's two vectors.
    #[target_feature(enable = "avx2,fma")]
    fn load_span(span: &[f32]) -> (__m256, __m256) {
        assert!(span.len() >= SPAN);
        // SAFETY: both loads read 8 values within `span`, checked above to hold 16.
        unsafe {
            (
                _mm256_loadu_ps(span.as_ptr()),
                _mm256_loadu_ps(span.as_ptr().add(SPAN / 2)),
            )
        }
    }

    #[target_feature(enable = "avx2,fma")]
    fn store(into: &mut [f32], vector: __m256) {
        assert!(into.len() >= 8);
        // SAFETY: the store writes 8 values within `into`, checked above to hold them.
        unsafe { _mm256_storeu_ps(into.as_mut_ptr(), vector) }
    }
}

#[cfg(test)]
mod tests {
    use super::{Geometry, Portable, convolve, convolve_with, pack};

    /// The convolution written out point by point, as the definition says.
    fn by_definition(g: &Geometry, input: &[f32], oihw: &[f32], bias: &[f32]) -> Vec<f32> {
        let (in_h, in_w) = g.input;
        let mut output = Vec::new();
        for n in 0..g.batch {
            for o in 0..g.out_channels {
                for oy in 0..g.output.0 {
                    for ox in 0..g.output.1 {
                        let mut sum = bias[o];
                        for i in 0..g.in_channels {
                            for ky in 0..3 {
                                for kx in 0..3 {
                                    let iy = (oy + ky) as isize - g.pad_before.0 as isize;
                                    let ix = (ox + kx) as isize - g.pad_before.1 as isize;
                                    if iy < 0
                                        || ix < 0
                                        || iy >= in_h as isize
                                        || ix >= in_w as isize
                                    {
                                        continue;
                                    }
                                    let at = ((n * g.in_channels + i) * in_h + iy as usize) * in_w
                                        + ix as usize;
                                    let weight = oihw[((o * g.in_channels + i) * 3 + ky) * 3 + kx];
                                    sum += weight * input[at];
                                }
                            }
                        }
                        output.push(sum);
                    }
                }
            }
        }
        output
    }

    /// Pseudo-random values in −1..1, the same on every run.
    fn values(count: usize, seed: u32) -> Vec<f32> {
        let mut state = seed.wrapping_mul(2_654_435_761).max(1);
        (0..count)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                (state % 2001) as f32 / 1000.0 - 1.0
            })
            .collect()
    }

    #[test]
    fn every_shape_matches_the_definition_with_and_without_avx2() {
        // (in channels, out channels, input h, w, padding before, output h, w): the detector's
        // 96 → 24 with a border of one, channels that fill no whole block, a row narrower than
        // a span and one a span and a bit wide, no padding, and more padding than the filter.
        let cases = [
            (96, 24, (6, 20), (1, 1), (6, 20)),
            (5, 7, (9, 17), (1, 1), (9, 17)),
            (3, 13, (4, 5), (1, 1), (4, 5)),
            (4, 6, (7, 33), (0, 0), (5, 31)),
            (2, 1, (1, 1), (1, 1), (1, 1)),
            (3, 2, (3, 4), (2, 2), (5, 6)),
        ];
        for (seed, (in_channels, out_channels, input, pad_before, output)) in
            cases.into_iter().enumerate()
        {
            let g = Geometry {
                batch: 2,
                in_channels,
                out_channels,
                input,
                output,
                pad_before,
            };
            let seed = seed as u32 + 1;
            let pictures = values(g.batch * in_channels * input.0 * input.1, seed);
            let oihw = values(out_channels * in_channels * 9, seed + 100);
            let bias = values(out_channels, seed + 200);
            let expected = by_definition(&g, &pictures, &oihw, &bias);
            let packed = pack(&g, &oihw);
            let out_len = g.batch * out_channels * output.0 * output.1;
            let (mut fastest, mut portable) = (vec![0.0; out_len], vec![0.0; out_len]);
            convolve(&g, &pictures, &packed, &bias, &mut fastest);
            convolve_with::<Portable>(&g, &pictures, &packed, &bias, &mut portable);
            for (who, ours) in [("fastest", &fastest), ("portable", &portable)] {
                let worst = ours
                    .iter()
                    .zip(&expected)
                    .map(|(a, b)| (a - b).abs())
                    .fold(0.0f32, f32::max);
                assert!(worst < 1e-4, "{who} {g:?}: off by up to {worst}");
            }
        }
    }
}
