//! Our own ops inside tract's plans, for the few tract runs value by value or through gathered
//! views (`plate::depthwise`, `plate::dense`, `plate::deconv`, `plate::upsample`'s broadcast,
//! `plate::pad`).
//!
//! Each is a [`FloatKernel`]: one float input, one float output, both of shapes fixed when the
//! model is planned. [`Ours`] makes any of them a tract op, and [`swap_ops`] puts them in place of
//! tract's own.

use std::fmt::Debug;
use std::sync::Arc;

use tract_onnx::prelude::*;
use tract_onnx::tract_core::internal::{EvalOp, Op, TypedModelPatch, TypedOp};
use tract_onnx::tract_core::ops::nn::DataFormat;

/// A computation from one float tensor of a known size to one of a known shape.
pub(super) trait FloatKernel: Debug + Clone + Send + Sync + 'static {
    /// The op's name in tract's plans and profiles.
    const NAME: &'static str;
    fn input_len(&self) -> usize;
    fn output_shape(&self) -> TVec<usize>;
    /// Writes the whole of `output` (zeroed, of [`Self::output_shape`]) from `input`.
    fn run(&self, input: &[f32], output: &mut [f32]);
}

/// A [`FloatKernel`] as a tract op.
#[derive(Debug, Clone)]
pub(super) struct Ours<K>(pub K);

impl<K: FloatKernel> Op for Ours<K> {
    fn name(&self) -> std::borrow::Cow<'_, str> {
        K::NAME.into()
    }

    fn as_typed(&self) -> Option<&dyn TypedOp> {
        Some(self)
    }
}

impl<K: FloatKernel> EvalOp for Ours<K> {
    fn is_stateless(&self) -> bool {
        true
    }

    fn eval(&self, inputs: TVec<TValue>) -> TractResult<TVec<TValue>> {
        let input = inputs
            .first()
            .ok_or_else(|| anyhow::anyhow!("{}: no input", K::NAME))?
            .as_slice::<f32>()?;
        let expected = self.0.input_len();
        anyhow::ensure!(
            input.len() == expected,
            "{}: {} values, not {expected}",
            K::NAME,
            input.len()
        );
        let mut output = Tensor::zero::<f32>(&self.0.output_shape())?;
        self.0.run(input, output.as_slice_mut::<f32>()?);
        Ok(tvec!(output.into_tvalue()))
    }
}

impl<K: FloatKernel> TypedOp for Ours<K> {
    fn as_op(&self) -> &dyn Op {
        self
    }

    fn as_op_mut(&mut self) -> &mut dyn Op {
        self
    }

    fn output_facts(&self, _inputs: &[&TypedFact]) -> TractResult<TVec<TypedFact>> {
        Ok(tvec!(f32::fact(self.0.output_shape())))
    }
}

/// What a convolution node (plain or transposed) gives our kernels: a float channels-first
/// input of a known shape, and constant float filters and biases.
pub(super) struct ConvNode {
    pub batch: usize,
    pub channels: usize,
    pub height: usize,
    pub width: usize,
    /// NCHW rather than CHW.
    pub keeps_batch_axis: bool,
    pub kernel: Arc<Tensor>,
    bias: Arc<Tensor>,
}

impl ConvNode {
    /// None where the node is not such a convolution (tract's own op then stays).
    pub fn of(
        model: &TypedModel,
        node: &TypedNode,
        format: DataFormat,
    ) -> TractResult<Option<Self>> {
        let [input, kernel, bias] = node.inputs[..] else {
            return Ok(None);
        };
        let input_fact = model.outlet_fact(input)?;
        let Some(shape) = input_fact.shape.as_concrete() else {
            return Ok(None);
        };
        let (kernel, bias) = (model.outlet_fact(kernel)?, model.outlet_fact(bias)?);
        let (Some(kernel), Some(bias)) = (kernel.konst.clone(), bias.konst.clone()) else {
            return Ok(None);
        };
        // tract drops the batch axis of a one-picture model while decluttering: CHW is NCHW
        // with a batch of one.
        let (batch, chw) = match (format, shape) {
            (DataFormat::NCHW, [batch, chw @ ..]) => (*batch, chw),
            (DataFormat::CHW, chw) => (1, chw),
            _ => return Ok(None),
        };
        let &[channels, height, width] = chw else {
            return Ok(None);
        };
        let floats = [
            input_fact.datum_type,
            kernel.datum_type(),
            bias.datum_type(),
        ]
        .iter()
        .all(|datum_type| *datum_type == f32::datum_type());
        Ok(floats.then_some(Self {
            batch,
            channels,
            height,
            width,
            keeps_batch_axis: format.has_n(),
            kernel,
            bias,
        }))
    }

    /// The bias per output channel: one per channel, or one for all; None otherwise.
    pub fn bias(&self, channels: usize) -> TractResult<Option<Vec<f32>>> {
        Ok(match self.bias.as_slice::<f32>()? {
            [one] => Some(vec![*one; channels]),
            per_channel if per_channel.len() == channels => Some(per_channel.to_vec()),
            _ => None,
        })
    }
}

/// `ours` where it gives exactly the shape tract's op gives at `node` and none of `sides` (the
/// input's and output's heights and widths) is zero; None where tract's op should stay.
pub(super) fn where_it_fits<K: FloatKernel>(
    model: &TypedModel,
    node: &TypedNode,
    ours: K,
    sides: [usize; 4],
) -> TractResult<Option<K>> {
    let theirs = model.outlet_fact(OutletId::new(node.id, 0))?;
    let same_shape = theirs.shape.as_concrete() == Some(&ours.output_shape()[..]);
    Ok((same_shape && !sides.contains(&0)).then_some(ours))
}

/// The shape `[channels, height, width]` with the batch axis in front where the plan keeps it
/// (NCHW), without it where tract dropped it for one picture (CHW).
pub(super) fn channels_first(keeps_batch_axis: bool, batch: usize, chw: [usize; 3]) -> TVec<usize> {
    if keeps_batch_axis {
        std::iter::once(batch).chain(chw).collect()
    } else {
        chw.into_iter().collect()
    }
}

/// Swaps each node of `model` running tract's op `T` for the kernel `ours` makes of it, fed the
/// node's first input only, where `ours` makes one.
pub(super) fn swap_ops<T: Op, K: FloatKernel>(
    model: &mut TypedModel,
    ours: impl Fn(&TypedModel, &TypedNode, &T) -> TractResult<Option<K>>,
) -> TractResult<()> {
    let candidates: Vec<usize> = model
        .nodes()
        .iter()
        .filter(|node| node.op_is::<T>())
        .map(|node| node.id)
        .collect();
    for id in candidates {
        let node = model.node(id);
        let (Some(theirs), Some(input)) = (node.op_as::<T>(), node.inputs.first()) else {
            continue;
        };
        let Some(kernel) = ours(model, node, theirs)? else {
            continue;
        };
        let patch = TypedModelPatch::replace_single_op(model, node, &[*input], Ours(kernel))?;
        patch.apply(model)?;
    }
    Ok(())
}
