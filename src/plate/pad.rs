//! The zero borders tract adds before the detector's 3×3 convolutions, copied row by row.
//!
//! tract pads a convolution's input explicitly before its lazy im2col (five of the detector's
//! convolutions, up to 96×96×160 values each). Its `Pad` assigns through array views: 24 ms a
//! pass in the per-op profile for what is a few copies of memory. [`use_our_pad`] swaps it, in
//! the optimised model, for [`ZeroPad`], which copies each input row whole between its borders.

use tract_onnx::prelude::*;

use super::ours::FloatKernel;
use tract_onnx::tract_core::ops::array::{Pad, PadMode};

/// Replaces every float constant pad of `model` whose input shape is known by [`ZeroPad`]
/// (with its constant).
pub(crate) fn use_our_pad(model: &mut TypedModel) -> TractResult<()> {
    super::ours::swap_ops(model, ZeroPad::for_node)
}

/// A float tensor of `shape` with `pads` (before, after) values of `value` around each axis.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ZeroPad {
    shape: TVec<usize>,
    pads: TVec<(usize, usize)>,
    value: f32,
}

impl ZeroPad {
    fn for_node(model: &TypedModel, node: &TypedNode, theirs: &Pad) -> TractResult<Option<Self>> {
        let fact = model.outlet_fact(node.inputs[0])?;
        let (Some(shape), PadMode::Constant(value)) = (fact.shape.as_concrete(), &theirs.mode)
        else {
            return Ok(None);
        };
        let float = fact.datum_type == f32::datum_type() && value.datum_type() == f32::datum_type();
        if !float || theirs.pads.len() != shape.len() {
            return Ok(None);
        }
        Ok(Some(Self {
            shape: shape.into(),
            pads: theirs.pads.iter().copied().collect(),
            value: *value.to_scalar::<f32>()?,
        }))
    }
}

impl FloatKernel for ZeroPad {
    const NAME: &'static str = "KioskPad";

    fn input_len(&self) -> usize {
        self.shape.iter().product()
    }

    fn run(&self, input: &[f32], output: &mut [f32]) {
        pad(input, &self.shape, &self.pads, self.value, output);
    }

    fn output_shape(&self) -> TVec<usize> {
        self.shape
            .iter()
            .zip(&self.pads)
            .map(|(len, (before, after))| before + len + after)
            .collect()
    }
}

/// Writes `input` (shape `shape`) into `output` with `pads` of `value` around each axis,
/// outermost axis first: the borders are filled, each inner block recursed into or copied.
pub(crate) fn pad(
    input: &[f32],
    shape: &[usize],
    pads: &[(usize, usize)],
    value: f32,
    output: &mut [f32],
) {
    let (Some((&len, inner_shape)), Some((&(before, after), inner_pads))) =
        (shape.split_first(), pads.split_first())
    else {
        output.copy_from_slice(input);
        return;
    };
    let in_block: usize = inner_shape.iter().product();
    let out_block: usize = inner_shape
        .iter()
        .zip(inner_pads)
        .map(|(len, (b, a))| b + len + a)
        .product();
    let (head, rest) = output.split_at_mut(before * out_block);
    let (middle, tail) = rest.split_at_mut(len * out_block);
    head.fill(value);
    tail[..after * out_block].fill(value);
    if inner_pads.iter().all(|(b, a)| *b == 0 && *a == 0) {
        middle.copy_from_slice(input);
        return;
    }
    let blocks = input.chunks_exact(in_block.max(1));
    for (input, output) in blocks.zip(middle.chunks_exact_mut(out_block.max(1))) {
        pad(input, inner_shape, inner_pads, value, output);
    }
}

#[cfg(test)]
mod tests {
    use super::pad;

    #[test]
    fn the_borders_surround_the_input_on_every_padded_axis() {
        // 1×2×3 padded by one row above and below and one column on the left.
        let input = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let mut output = [9.0; 16];
        pad(
            &input,
            &[1, 2, 3],
            &[(0, 0), (1, 1), (1, 0)],
            0.0,
            &mut output,
        );
        #[rustfmt::skip]
        let expected = [
            0.0, 0.0, 0.0, 0.0,
            0.0, 1.0, 2.0, 3.0,
            0.0, 4.0, 5.0, 6.0,
            0.0, 0.0, 0.0, 0.0,
        ];
        assert_eq!(output, expected);
    }
}
