//! The detector's nearest-neighbour upsamplings, rewritten before tract loads the model.
//!
//! PP-OCRv4's detector enlarges its feature maps 2×, 4× and 8× with ONNX `Resize` (nearest,
//! asymmetric, floor). tract evaluates `Resize` element by element through dynamic indexing:
//! 12 of them took 343 ms of an 870 ms pass at 640×384, more than every convolution together.
//! With an integer scale those resizes only repeat each value, which the same graph can say with
//! ops tract runs as plain copies: `Unsqueeze` → `Expand` (broadcast) → `Reshape`.
//!
//! tract's own broadcast (`MultiBroadcastTo`) still walks the output value by value (54 ms
//! a pass); [`use_our_broadcast`] swaps it for [`Broadcast`], which fills each repeated value's
//! run and copies each repeated row or plane whole.

use std::collections::HashMap;

use super::graph::float_constants;
use super::ours::FloatKernel;
use tract_onnx::prelude::*;
use tract_onnx::tract_core::ops::array::MultiBroadcastTo;

use tract_onnx::pb::attribute_proto::AttributeType;
use tract_onnx::pb::tensor_proto::DataType;
use tract_onnx::pb::{AttributeProto, GraphProto, NodeProto, TensorProto};

/// Replaces every integer-scale nearest `Resize` of `graph` by a repeat; returns how many.
pub(super) fn resizes_as_repeats(graph: &mut GraphProto) -> usize {
    let constants = float_constants(graph);
    let mut replaced = 0;
    let mut nodes = Vec::with_capacity(graph.node.len());
    for node in std::mem::take(&mut graph.node) {
        match integer_scales(&node, &constants) {
            Some((rows, columns)) => {
                let (repeat, tensors) = repeat_nodes(&node, rows, columns);
                nodes.extend(repeat);
                graph.initializer.extend(tensors);
                replaced += 1;
            }
            None => nodes.push(node),
        }
    }
    graph.node = nodes;
    replaced
}

/// `Some((rows, columns))` for a `Resize` that only repeats values: nearest, asymmetric, floor,
/// scales `[1, 1, rows, columns]` with whole numbers from a constant.
fn integer_scales(node: &NodeProto, constants: &HashMap<String, Vec<f32>>) -> Option<(i64, i64)> {
    if node.op_type != "Resize" || node.output.len() != 1 {
        return None;
    }
    let text = |name: &str| {
        node.attribute
            .iter()
            .find(|attribute| attribute.name == name)
            .map(|attribute| String::from_utf8_lossy(&attribute.s).into_owned())
    };
    // Other modes (the ONNX defaults among them) interpolate or round: not a plain repeat.
    if text("mode").as_deref() != Some("nearest")
        || text("coordinate_transformation_mode").as_deref() != Some("asymmetric")
        || text("nearest_mode").as_deref() != Some("floor")
    {
        return None;
    }
    let scales = constants.get(node.input.get(2)?)?;
    let whole = |value: f32| {
        ((1.0..=64.0).contains(&value) && value.fract() == 0.0).then_some(value as i64)
    };
    match scales.as_slice() {
        [batch, channels, rows, columns] if *batch == 1.0 && *channels == 1.0 => {
            Some((whole(*rows)?, whole(*columns)?))
        }
        _ => None,
    }
}

/// X [n, c, h, w] → Unsqueeze [n, c, h, 1, w, 1] → Expand [n, c, h, rows, w, columns] →
/// Reshape to Shape(X) × [1, 1, rows, columns]: the resize's output, by the resize's name.
fn repeat_nodes(resize: &NodeProto, rows: i64, columns: i64) -> (Vec<NodeProto>, [TensorProto; 2]) {
    let name = |part: &str| format!("{}.repeat.{part}", resize.name);
    let input = resize.input[0].clone();
    let node =
        |op: &str, inputs: Vec<String>, output: String, attribute: Vec<AttributeProto>| NodeProto {
            input: inputs,
            output: vec![output],
            name: name(&format!("{op}-node")),
            op_type: op.to_owned(),
            attribute,
            ..NodeProto::default()
        };
    let axes = AttributeProto {
        name: "axes".to_owned(),
        r#type: AttributeType::Ints as i32,
        ints: vec![3, 5],
        ..AttributeProto::default()
    };
    let nodes = vec![
        node(
            "Unsqueeze",
            vec![input.clone()],
            name("unsqueezed"),
            vec![axes],
        ),
        node(
            "Expand",
            vec![name("unsqueezed"), name("tile")],
            name("expanded"),
            Vec::new(),
        ),
        node("Shape", vec![input], name("shape"), Vec::new()),
        node(
            "Mul",
            vec![name("shape"), name("factor")],
            name("target"),
            Vec::new(),
        ),
        node(
            "Reshape",
            vec![name("expanded"), name("target")],
            resize.output[0].clone(),
            Vec::new(),
        ),
    ];
    let int64s = |part: &str, values: Vec<i64>| TensorProto {
        dims: vec![values.len() as i64],
        data_type: DataType::Int64 as i32,
        int64_data: values,
        name: name(part),
        ..TensorProto::default()
    };
    (
        nodes,
        [
            int64s("tile", vec![1, 1, 1, rows, 1, columns]),
            int64s("factor", vec![1, 1, rows, columns]),
        ],
    )
}

/// Replaces every float broadcast of `model` whose shapes are known by [`Broadcast`].
pub(super) fn use_our_broadcast(model: &mut TypedModel) -> TractResult<()> {
    super::ours::swap_ops(model, Broadcast::for_node)
}

/// A float tensor repeated along its axes of length 1 (ONNX `Expand` of the same rank).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Broadcast {
    from: TVec<usize>,
    to: TVec<usize>,
}

impl Broadcast {
    fn for_node(
        model: &TypedModel,
        node: &TypedNode,
        theirs: &MultiBroadcastTo,
    ) -> TractResult<Option<Self>> {
        let fact = model.outlet_fact(node.inputs[0])?;
        let (Some(from), Some(to)) = (fact.shape.as_concrete(), theirs.shape.as_concrete()) else {
            return Ok(None);
        };
        let broadcast = Self {
            from: from.into(),
            to: to.into(),
        };
        let ours = fact.datum_type == f32::datum_type() && broadcast.is_valid();
        Ok(ours.then_some(broadcast))
    }

    /// Same rank, and every axis either kept or grown from 1.
    fn is_valid(&self) -> bool {
        self.from.len() == self.to.len()
            && self
                .from
                .iter()
                .zip(&self.to)
                .all(|(from, to)| from == to || *from == 1)
    }
}

impl FloatKernel for Broadcast {
    const NAME: &'static str = "KioskBroadcast";

    fn input_len(&self) -> usize {
        self.from.iter().product()
    }

    fn output_shape(&self) -> TVec<usize> {
        self.to.clone()
    }

    fn run(&self, input: &[f32], output: &mut [f32]) {
        repeat(input, &self.from, &self.to, output);
    }
}

/// Writes `input` (shape `from`) repeated to shape `to` into `output`, outermost axis first:
/// a kept axis recurses block by block; a grown one fills its first block and copies it.
pub(super) fn repeat(input: &[f32], from: &[usize], to: &[usize], output: &mut [f32]) {
    let (Some((&from_len, from_rest)), Some((&to_len, to_rest))) =
        (from.split_first(), to.split_first())
    else {
        if let (Some(out), Some(value)) = (output.first_mut(), input.first()) {
            *out = *value;
        }
        return;
    };
    let in_block: usize = from_rest.iter().product();
    let out_block: usize = to_rest.iter().product();
    if from_rest == to_rest {
        if from_len == to_len {
            output.copy_from_slice(input);
        } else {
            for block in output.chunks_exact_mut(out_block.max(1)) {
                block.copy_from_slice(input);
            }
        }
    } else if to_rest.iter().all(|len| *len == 1) || out_block == 0 {
        output.fill(input.first().copied().unwrap_or(0.0));
    } else if from_len == to_len && in_block == 1 {
        // Each value fills its own block (the innermost repeat of an upsampling): one fill per
        // value rather than a recursion per value.
        for (block, value) in output.chunks_exact_mut(out_block).zip(input) {
            block.fill(*value);
        }
    } else if from_len == to_len {
        let blocks = input.chunks_exact(in_block.max(1));
        for (input, output) in blocks.zip(output.chunks_exact_mut(out_block)) {
            repeat(input, from_rest, to_rest, output);
        }
    } else {
        repeat(input, from_rest, to_rest, &mut output[..out_block]);
        for copy in 1..to_len {
            output.copy_within(..out_block, copy * out_block);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::repeat;

    #[test]
    fn a_broadcast_repeats_along_each_grown_axis() {
        // [2, 1, 3, 1] → [2, 2, 3, 2]: rows repeated, each value repeated.
        let input = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let mut output = [0.0; 24];
        repeat(&input, &[2, 1, 3, 1], &[2, 2, 3, 2], &mut output);
        let row_a = [1.0, 1.0, 2.0, 2.0, 3.0, 3.0];
        let row_b = [4.0, 4.0, 5.0, 5.0, 6.0, 6.0];
        let expected: Vec<f32> = [row_a, row_a, row_b, row_b].concat();
        assert_eq!(output.to_vec(), expected);
        // A kept tensor is copied; a scalar fills.
        let mut same = [0.0; 6];
        repeat(&input, &[2, 3], &[2, 3], &mut same);
        assert_eq!(same, input);
        let mut filled = [0.0; 4];
        repeat(&[7.0], &[1, 1], &[2, 2], &mut filled);
        assert_eq!(filled, [7.0; 4]);
    }
}
