//! The detector's upscaling transposed convolutions, run by our own kernel instead of tract's.
//!
//! PP-OCRv4's detector ends by enlarging its map twice with a transposed convolution whose
//! filter is as large as its step (2×2, step 2): each input pixel alone makes a 2×2 block of
//! the output, nothing overlaps. tract runs it as a matrix product followed by a scatter that
//! walks every value through an index view (20 ms a pass in the per-op profile). Here each
//! output row of a block is summed over the input channels a whole row at a time, which the
//! compiler vectorises, and written to its place.
#![allow(
    clippy::inline_always,
    reason = "the loops are inlined into their AVX2 copy, or they stay SSE2"
)]

use std::sync::Arc;

use tract_onnx::prelude::*;

use super::ours::{ConvNode, FloatKernel};
use tract_onnx::tract_core::ops::cnn::{Deconv, KernelFormat};

/// Replaces every float transposed convolution of `model` whose filter is as large as its
/// step (no overlap, no padding, one group) by [`Upconv`].
pub(crate) fn use_our_upconv(model: &mut TypedModel) -> TractResult<()> {
    super::ours::swap_ops(model, Upconv::for_node)
}

/// A transposed convolution whose `factor.0 × factor.1` filter equals its step: input and
/// output channels first (NCHW, or CHW for one picture).
#[derive(Debug, Clone)]
pub(crate) struct Upconv {
    geometry: Geometry,
    /// `[output channel][input channel][dy][dx]`.
    weights: Arc<Vec<f32>>,
    /// Per output channel.
    bias: Arc<Vec<f32>>,
    keeps_batch_axis: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Geometry {
    pub batch: usize,
    pub channels_in: usize,
    pub channels_out: usize,
    pub input: (usize, usize),
    pub factor: (usize, usize),
}

impl Geometry {
    fn output(&self) -> (usize, usize) {
        (self.input.0 * self.factor.0, self.input.1 * self.factor.1)
    }
}

impl Upconv {
    fn for_node(
        model: &TypedModel,
        node: &TypedNode,
        deconv: &Deconv,
    ) -> TractResult<Option<Self>> {
        let spec = &deconv.pool_spec;
        let Some(conv_node) = ConvNode::of(model, node, spec.data_format)? else {
            return Ok(None);
        };
        let ConvNode {
            batch,
            channels: channels_in,
            height,
            width,
            ref kernel,
            ..
        } = conv_node;
        let &[factor_h, factor_w] = &spec.kernel_shape[..] else {
            return Ok(None);
        };
        let channels_out = kernel.shape().first().copied().unwrap_or(0);
        let geometry = Geometry {
            batch,
            channels_in,
            channels_out,
            input: (height, width),
            factor: (factor_h, factor_w),
        };
        let output_fact = model.outlet_fact(OutletId::new(node.id, 0))?;
        let (out_h, out_w) = geometry.output();
        let expected_output = super::ours::channels_first(
            conv_node.keeps_batch_axis,
            batch,
            [channels_out, out_h, out_w],
        );
        let Some(bias) = conv_node.bias(channels_out)? else {
            return Ok(None);
        };
        let plain = ![height, width, factor_h, factor_w].contains(&0)
            && deconv.group == 1
            && deconv.kernel_format == KernelFormat::OIHW
            && spec.strides().as_ref() == spec.kernel_shape.as_slice()
            && spec.dilations().iter().all(|d| *d == 1)
            && deconv.adjustments.iter().all(|a| *a == 0)
            && kernel.shape() == [channels_out, channels_in, factor_h, factor_w]
            // No padding: the output is exactly the input times the step.
            && output_fact.shape.as_concrete() == Some(&expected_output[..]);
        if !plain {
            return Ok(None);
        }
        Ok(Some(Self {
            geometry,
            weights: Arc::new(kernel.as_slice::<f32>()?.to_vec()),
            bias: Arc::new(bias),
            keeps_batch_axis: conv_node.keeps_batch_axis,
        }))
    }
}

impl FloatKernel for Upconv {
    const NAME: &'static str = "KioskUpconv";

    fn input_len(&self) -> usize {
        let g = self.geometry;
        g.batch * g.channels_in * g.input.0 * g.input.1
    }

    fn run(&self, input: &[f32], output: &mut [f32]) {
        upconvolve(&self.geometry, input, &self.weights, &self.bias, output);
    }

    fn output_shape(&self) -> TVec<usize> {
        let g = self.geometry;
        let (out_h, out_w) = g.output();
        let chw = [g.channels_out, out_h, out_w];
        super::ours::channels_first(self.keeps_batch_axis, g.batch, chw)
    }
}

/// The transposed convolution of `input` into `output` (both channels first, sized by `g`).
pub(crate) fn upconvolve(
    g: &Geometry,
    input: &[f32],
    weights: &[f32],
    bias: &[f32],
    output: &mut [f32],
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has just been seen to support AVX2.
        unsafe { upconvolve_avx2(g, input, weights, bias, output) };
        return;
    }
    upconvolve_portable(g, input, weights, bias, output);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn upconvolve_avx2(g: &Geometry, input: &[f32], weights: &[f32], bias: &[f32], output: &mut [f32]) {
    upconvolve_portable(g, input, weights, bias, output);
}

/// Row by row of the input: every input channel's row is read once per output channel and
/// filter tap while it is still in the cache, summed into `sums`, then spread to its columns.
#[inline(always)]
fn upconvolve_portable(
    g: &Geometry,
    input: &[f32],
    weights: &[f32],
    bias: &[f32],
    output: &mut [f32],
) {
    let (in_h, in_w) = g.input;
    let (factor_h, factor_w) = g.factor;
    let (out_h, out_w) = g.output();
    let in_picture = g.channels_in * in_h * in_w;
    let out_picture = g.channels_out * out_h * out_w;
    let taps = factor_h * factor_w;
    let mut sums = vec![0.0f32; in_w];
    let pictures = input
        .chunks_exact(in_picture.max(1))
        .zip(output.chunks_exact_mut(out_picture.max(1)));
    for (input, output) in pictures {
        for y in 0..in_h {
            for out_channel in 0..g.channels_out {
                for dy in 0..factor_h {
                    let out_y = y * factor_h + dy;
                    let row_start = (out_channel * out_h + out_y) * out_w;
                    let out_row = &mut output[row_start..row_start + out_w];
                    for dx in 0..factor_w {
                        sums.fill(bias[out_channel]);
                        for in_channel in 0..g.channels_in {
                            let weight = weights[(out_channel * g.channels_in + in_channel) * taps
                                + dy * factor_w
                                + dx];
                            let at = (in_channel * in_h + y) * in_w;
                            for (sum, value) in sums.iter_mut().zip(&input[at..at + in_w]) {
                                *sum += weight * value;
                            }
                        }
                        for (out, sum) in out_row.iter_mut().skip(dx).step_by(factor_w).zip(&sums) {
                            *out = *sum;
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Geometry, upconvolve};

    #[test]
    fn each_input_pixel_makes_its_own_block() {
        // 2 input channels of 2×3, 3 output channels, 2×2 blocks.
        let g = Geometry {
            batch: 1,
            channels_in: 2,
            channels_out: 3,
            input: (2, 3),
            factor: (2, 2),
        };
        let input: Vec<f32> = (0..12).map(|v| v as f32 * 0.5 - 2.0).collect();
        let weights: Vec<f32> = (0..24).map(|v| (v % 7) as f32 * 0.25 - 0.5).collect();
        let bias = [0.1, -0.2, 0.3];
        let mut ours = vec![0.0; 3 * 4 * 6];
        upconvolve(&g, &input, &weights, &bias, &mut ours);
        for co in 0..3 {
            for oy in 0..4 {
                for ox in 0..6 {
                    let (y, x, dy, dx) = (oy / 2, ox / 2, oy % 2, ox % 2);
                    let expected: f32 = bias[co]
                        + (0..2)
                            .map(|ci| {
                                weights[((co * 2 + ci) * 2 + dy) * 2 + dx]
                                    * input[(ci * 2 + y) * 3 + x]
                            })
                            .sum::<f32>();
                    let got = ours[(co * 4 + oy) * 6 + ox];
                    assert!(
                        (got - expected).abs() < 1e-6,
                        "({co}, {oy}, {ox}): {got} ≠ {expected}"
                    );
                }
            }
        }
    }
}
