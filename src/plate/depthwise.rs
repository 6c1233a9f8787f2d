//! The models' depthwise convolutions, run by our own kernel instead of tract's.
//!
//! Both PP-OCRv4 models are mostly depthwise convolutions (one 3×3 or 5×5 filter per channel).
//! tract 0.21 runs the inner part of such a convolution point by point through an iterator over
//! the kernel's offsets: the per-op profile (`plate::tests::profile_the_models_per_op`) put 223 of
//! the detector's ~500 ms and 147 of the recogniser's ~200 ms there. Here a channel is convolved
//! a row at a time: every tap of the filter adds its weight times a shifted input row to the
//! output row, which the compiler turns into wide vector code. Strided rows are first split into
//! their phases (even and odd pixels) so that every tap reads contiguous memory.
//!
//! The swap is made on the decluttered model (batch norms already folded into the filters), so
//! the op sees exactly the weights tract's own would.
#![allow(
    clippy::inline_always,
    reason = "the loops are inlined into their AVX2 copy, or they stay SSE2"
)]

use std::sync::Arc;

use tract_onnx::prelude::*;

use super::ours::{ConvNode, FloatKernel};
use tract_onnx::tract_core::ops::cnn::{Conv, KernelFormat};

/// Replaces every float channels-first depthwise convolution of `model` whose input shape is
/// known by [`Depthwise`].
pub(crate) fn use_our_depthwise(model: &mut TypedModel) -> TractResult<()> {
    super::ours::swap_ops(model, Depthwise::for_node)
}

/// One depthwise convolution with its filters and biases fixed: input and output channels
/// first (NCHW, or CHW for one picture).
#[derive(Debug, Clone)]
pub(crate) struct Depthwise {
    geometry: Geometry,
    /// Per channel, the filter's `kernel_h × kernel_w` weights, row by row.
    weights: Arc<Vec<f32>>,
    /// Per channel.
    bias: Arc<Vec<f32>>,
    /// NCHW rather than CHW.
    keeps_batch_axis: bool,
}

/// The shapes and steps of one depthwise convolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Geometry {
    pub batch: usize,
    pub channels: usize,
    pub input: (usize, usize),
    pub output: (usize, usize),
    pub kernel: (usize, usize),
    pub stride: (usize, usize),
    /// Zero rows above and columns left of the input.
    pub pad_before: (usize, usize),
}

impl Depthwise {
    /// The op for a tract `Conv` node, or None when it is not a float NCHW depthwise
    /// convolution with constant filters and no dilation (tract's own then stays).
    fn for_node(model: &TypedModel, node: &TypedNode, conv: &Conv) -> TractResult<Option<Self>> {
        let spec = &conv.pool_spec;
        let Some(conv_node) = ConvNode::of(model, node, spec.data_format)? else {
            return Ok(None);
        };
        let ConvNode {
            batch,
            channels,
            height,
            width,
            ref kernel,
            ..
        } = conv_node;
        let plain = conv.q_params.is_none()
            && conv.kernel_fmt == KernelFormat::OIHW
            && spec.kernel_shape.len() == 2
            && spec.dilations.iter().flatten().all(|d| *d == 1);
        let depthwise = conv.group == channels
            && channels > 1
            && conv.output_channels() == channels
            && kernel.shape() == [channels, 1, spec.kernel_shape[0], spec.kernel_shape[1]];
        let Some(bias) = conv_node.bias(channels)? else {
            return Ok(None);
        };
        if !plain || !depthwise {
            return Ok(None);
        }
        let strides = spec.strides.clone().unwrap_or_else(|| tvec!(1, 1));
        // The models' strides and filter widths; others stay with tract.
        let widths = [3, MAX_KERNEL_WIDTH];
        if strides.iter().any(|stride| !(1..=2).contains(stride))
            || !widths.contains(&spec.kernel_shape[1])
        {
            return Ok(None);
        }
        let padded = spec
            .padding
            .compute(&[height, width], &spec.kernel_shape, &[1, 1], &strides);
        let geometry = Geometry {
            batch,
            channels,
            input: (height, width),
            output: (padded[0].convoluted, padded[1].convoluted),
            kernel: (spec.kernel_shape[0], spec.kernel_shape[1]),
            stride: (strides[0], strides[1]),
            pad_before: (padded[0].pad_before, padded[1].pad_before),
        };
        let ours = Self {
            geometry,
            weights: Arc::new(kernel.as_slice::<f32>()?.to_vec()),
            bias: Arc::new(bias),
            keeps_batch_axis: conv_node.keeps_batch_axis,
        };
        let sides = [height, width, geometry.output.0, geometry.output.1];
        super::ours::where_it_fits(model, node, ours, sides)
    }
}

impl FloatKernel for Depthwise {
    const NAME: &'static str = "KioskDepthwise";

    fn input_len(&self) -> usize {
        let g = self.geometry;
        g.batch * g.channels * g.input.0 * g.input.1
    }

    fn run(&self, input: &[f32], output: &mut [f32]) {
        convolve(&self.geometry, input, &self.weights, &self.bias, output);
    }

    fn output_shape(&self) -> TVec<usize> {
        let g = self.geometry;
        let chw = [g.channels, g.output.0, g.output.1];
        super::ours::channels_first(self.keeps_batch_axis, g.batch, chw)
    }
}

/// The convolution of every channel of `input` into `output` (both NCHW, sized by `g`).
pub(crate) fn convolve(
    g: &Geometry,
    input: &[f32],
    weights: &[f32],
    bias: &[f32],
    output: &mut [f32],
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has just been seen to support AVX2.
        unsafe { convolve_avx2(g, input, weights, bias, output) };
        return;
    }
    convolve_portable(g, input, weights, bias, output);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn convolve_avx2(g: &Geometry, input: &[f32], weights: &[f32], bias: &[f32], output: &mut [f32]) {
    convolve_portable(g, input, weights, bias, output);
}

#[inline(always)]
fn convolve_portable(
    g: &Geometry,
    input: &[f32],
    weights: &[f32],
    bias: &[f32],
    output: &mut [f32],
) {
    let in_plane = g.input.0 * g.input.1;
    let out_plane = g.output.0 * g.output.1;
    let taps = g.kernel.0 * g.kernel.1;
    let row_plan = RowPlan::new(g);
    let mut phases = Phases::default();
    let planes = input
        .chunks_exact(in_plane)
        .zip(output.chunks_exact_mut(out_plane));
    for (index, (input, output)) in planes.enumerate() {
        let channel = index % g.channels.max(1);
        let filter = &weights[channel * taps..(channel + 1) * taps];
        let sources = if g.stride.1 == 1 {
            [input, &[][..]]
        } else {
            phases.split(input, g.input.1);
            [&phases.even[..], &phases.odd[..]]
        };
        match g.kernel.1 {
            3 => convolve_plane::<3>(g, &row_plan, sources, filter, bias[channel], output),
            _ => convolve_plane::<5>(g, &row_plan, sources, filter, bias[channel], output),
        }
    }
}

/// One channel of `K`-wide filters: every output row starts at the bias and gains each filter
/// row's taps, the middle (where every tap lies inside the row) in one pass the compiler
/// vectorises, the few edge pixels tap by tap.
#[inline(always)]
fn convolve_plane<const K: usize>(
    g: &Geometry,
    row_plan: &RowPlan,
    sources: [&[f32]; 2],
    filter: &[f32],
    bias: f32,
    output: &mut [f32],
) {
    let source_widths = row_plan.source_widths;
    for (out_y, out_row) in output.chunks_exact_mut(g.output.1).enumerate() {
        out_row.fill(bias);
        for ky in 0..g.kernel.0 {
            let Some(in_y) = (out_y * g.stride.0 + ky).checked_sub(g.pad_before.0) else {
                continue;
            };
            if in_y >= g.input.0 {
                continue;
            }
            let rows: [&[f32]; 2] = std::array::from_fn(|source| {
                let width = source_widths[source];
                sources[source]
                    .get(in_y * width..(in_y + 1) * width)
                    .unwrap_or(&[])
            });
            let weights: [f32; K] = std::array::from_fn(|k| filter[ky * K + k]);
            if !row_plan.middle.is_empty() {
                add_middle::<K>(
                    &mut out_row[row_plan.middle.clone()],
                    row_plan,
                    rows,
                    weights,
                );
            }
            for x in (0..row_plan.middle.start).chain(row_plan.middle.end..out_row.len()) {
                out_row[x] += row_plan.edge_sum(x, rows, &weights);
            }
        }
    }
}

/// The output pixels of the middle (`out`), every tap read from a slice as long as `out`.
#[inline(always)]
fn add_middle<const K: usize>(
    out: &mut [f32],
    row_plan: &RowPlan,
    rows: [&[f32]; 2],
    weights: [f32; K],
) {
    let from = row_plan.middle.start as isize;
    let reads: [&[f32]; K] = std::array::from_fn(|k| {
        let (source, shift) = row_plan.taps[k];
        let start = (from + shift) as usize;
        &rows[source][start..start + out.len()]
    });
    for (x, value) in out.iter_mut().enumerate() {
        let mut sum = *value;
        for k in 0..K {
            sum += weights[k] * reads[k][x];
        }
        *value = sum;
    }
}

/// Where each tap of a filter row reads, the same for every row and channel: tap `k` adds
/// `weight × source[x + shift]` to output pixel `x`, the source being the input row (stride 1)
/// or its even or odd pixels (stride 2).
struct RowPlan {
    /// Per tap: the source (0: the row or its even pixels, 1: its odd pixels) and shift.
    taps: [(usize, isize); MAX_KERNEL_WIDTH],
    /// Output pixels where every tap lies inside its source.
    middle: std::ops::Range<usize>,
    source_widths: [usize; 2],
}

const MAX_KERNEL_WIDTH: usize = 5;

impl RowPlan {
    fn new(g: &Geometry) -> Self {
        let stride = g.stride.1 as isize;
        let source_widths = if g.stride.1 == 1 {
            [g.input.1, 0]
        } else {
            [g.input.1.div_ceil(2), g.input.1 / 2]
        };
        let taps = std::array::from_fn(|k| {
            let offset = k as isize - g.pad_before.1 as isize;
            (
                offset.rem_euclid(stride) as usize,
                offset.div_euclid(stride),
            )
        });
        let width = g.output.1 as isize;
        let (mut first, mut end) = (0isize, width);
        for &(source, shift) in taps.iter().take(g.kernel.1) {
            first = first.max(-shift);
            end = end.min(source_widths[source] as isize - shift);
        }
        let first = first.clamp(0, width) as usize;
        let end = (end.clamp(0, width) as usize).max(first);
        Self {
            taps,
            middle: first..end,
            source_widths,
        }
    }

    /// The taps that lie inside their source for output pixel `x`, weighted and summed.
    #[inline(always)]
    fn edge_sum<const K: usize>(&self, x: usize, rows: [&[f32]; 2], weights: &[f32; K]) -> f32 {
        let mut sum = 0.0;
        for (k, weight) in weights.iter().enumerate() {
            let (source, shift) = self.taps[k];
            let at = usize::try_from(x as isize + shift).ok();
            if let Some(pixel) = at.and_then(|at| rows[source].get(at)) {
                sum += weight * pixel;
            }
        }
        sum
    }
}

/// A channel split into its even and odd columns, so that the pixels one output row takes
/// for one tap of a filter striding 2 across lie side by side.
#[derive(Default)]
struct Phases {
    even: Vec<f32>,
    odd: Vec<f32>,
}

impl Phases {
    #[inline(always)]
    fn split(&mut self, plane: &[f32], width: usize) {
        let width = width.max(1);
        let (even_width, odd_width) = (width.div_ceil(2), width / 2);
        let height = plane.len() / width;
        self.even.resize(height * even_width, 0.0);
        self.odd.resize(height * odd_width, 0.0);
        let evens = self.even.chunks_exact_mut(even_width);
        let odds = self.odd.chunks_mut(odd_width.max(1));
        for ((row, even), odd) in plane.chunks_exact(width).zip(evens).zip(odds) {
            // Pairs first (plain moves the compiler vectorises), then an odd width's last pixel.
            let pairs = row.chunks_exact(2);
            if let (Some(last), Some(slot)) = (pairs.remainder().first(), even.last_mut()) {
                *slot = *last;
            }
            for (pair, (even, odd)) in pairs.zip(even.iter_mut().zip(odd.iter_mut())) {
                *even = pair[0];
                *odd = pair[1];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Geometry, convolve};

    /// The convolution written out point by point, as the definition says.
    fn by_definition(g: &Geometry, input: &[f32], weights: &[f32], bias: &[f32]) -> Vec<f32> {
        let mut output = Vec::new();
        for n in 0..g.batch {
            for c in 0..g.channels {
                for oy in 0..g.output.0 {
                    for ox in 0..g.output.1 {
                        let mut sum = bias[c];
                        for ky in 0..g.kernel.0 {
                            for kx in 0..g.kernel.1 {
                                let iy = (oy * g.stride.0 + ky) as isize - g.pad_before.0 as isize;
                                let ix = (ox * g.stride.1 + kx) as isize - g.pad_before.1 as isize;
                                if iy < 0
                                    || ix < 0
                                    || iy >= g.input.0 as isize
                                    || ix >= g.input.1 as isize
                                {
                                    continue;
                                }
                                let at = ((n * g.channels + c) * g.input.0 + iy as usize)
                                    * g.input.1
                                    + ix as usize;
                                sum += weights[(c * g.kernel.0 + ky) * g.kernel.1 + kx] * input[at];
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
    fn every_shape_the_models_use_matches_the_definition() {
        // (input h, w, kernel, stride, padding before, output h, w): the models' 3×3 and 5×5
        // filters at strides 1 and 2, an odd width, no padding and a recogniser-like stride of 2
        // down and 1 across.
        let cases = [
            (7, 9, (3, 3), (1, 1), (1, 1), (7, 9)),
            (8, 11, (5, 5), (1, 1), (2, 2), (8, 11)),
            (9, 13, (3, 3), (2, 2), (1, 1), (5, 7)),
            (10, 12, (5, 5), (2, 2), (2, 2), (5, 6)),
            (6, 10, (3, 3), (2, 1), (1, 1), (3, 10)),
            (6, 10, (3, 3), (2, 2), (0, 0), (2, 4)),
            (5, 5, (3, 3), (1, 1), (0, 0), (3, 3)),
            // Rows narrower than the filter: no middle, edges only.
            (3, 1, (5, 5), (1, 1), (2, 2), (3, 1)),
            (4, 2, (3, 3), (2, 2), (1, 1), (2, 1)),
        ];
        for (seed, (in_h, in_w, kernel, stride, pad_before, output)) in
            cases.into_iter().enumerate()
        {
            let g = Geometry {
                batch: 2,
                channels: 3,
                input: (in_h, in_w),
                output,
                kernel,
                stride,
                pad_before,
            };
            let seed = seed as u32 + 1;
            let input = values(g.batch * g.channels * in_h * in_w, seed);
            let weights = values(g.channels * kernel.0 * kernel.1, seed + 100);
            let bias = values(g.channels, seed + 200);
            let mut ours = vec![0.0; g.batch * g.channels * output.0 * output.1];
            convolve(&g, &input, &weights, &bias, &mut ours);
            let expected = by_definition(&g, &input, &weights, &bias);
            let worst = ours
                .iter()
                .zip(&expected)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0f32, f32::max);
            assert!(worst < 1e-5, "{g:?}: off by up to {worst}");
        }
    }
}
