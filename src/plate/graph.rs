//! Rewrites of the models' ONNX graphs before tract loads them, where the graph spells out in
//! several ops what one op says (`plate::upsample` rewrites the detector's resizes).
//!
//! Both PP-OCRv4 models write every hard swish activation out as `x · clip(x + 3, 0, 6) / 6`:
//! `Add`, `Clip`, `Mul` and `Div`, which tract runs as five passes over the feature map (the
//! clip as a max and a min). [`hard_swishes_as_one_op`] puts ONNX's own `HardSwish` in their
//! place, `x · max(0, min(1, x/6 + 1/2))`: the same values in one pass.

use std::collections::HashMap;

use tract_onnx::pb::tensor_proto::DataType;
use tract_onnx::pb::{GraphProto, NodeProto, TensorProto};

/// Replaces every hard swish spelt `Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6)`, whose steps feed
/// nothing else, by one `HardSwish` node; returns how many.
pub(super) fn hard_swishes_as_one_op(graph: &mut GraphProto) -> usize {
    let constants = float_constants(graph);
    let uses = uses(graph);
    let producers: HashMap<&str, usize> = graph
        .node
        .iter()
        .enumerate()
        .flat_map(|(index, node)| node.output.iter().map(move |name| (name.as_str(), index)))
        .collect();
    let mut spelt_out = Vec::new();
    let mut replacements = HashMap::new();
    for (index, node) in graph.node.iter().enumerate() {
        let Some((input, steps)) =
            hard_swish_ending_at(graph, index, &producers, &constants, &uses)
        else {
            continue;
        };
        spelt_out.extend(steps);
        replacements.insert(
            index,
            NodeProto {
                input: vec![input],
                output: node.output.clone(),
                name: format!("{}.hard_swish", node.name),
                op_type: "HardSwish".to_owned(),
                ..NodeProto::default()
            },
        );
    }
    let replaced = replacements.len();
    let nodes = std::mem::take(&mut graph.node);
    graph.node = nodes
        .into_iter()
        .enumerate()
        .filter(|(index, _)| !spelt_out.contains(index))
        .map(|(index, node)| replacements.remove(&index).unwrap_or(node))
        .collect();
    replaced
}

/// For a `Div` node ending a hard swish spelt out: the swish's input and the indices of the
/// `Add`, `Clip` and `Mul` before it.
fn hard_swish_ending_at(
    graph: &GraphProto,
    div_index: usize,
    producers: &HashMap<&str, usize>,
    constants: &HashMap<String, Vec<f32>>,
    uses: &HashMap<&str, usize>,
) -> Option<(String, [usize; 3])> {
    let is = |name: &str, value: f32| constants.get(name).is_some_and(|v| v[..] == [value]);
    // A step's output must feed only the next step, or the rewrite would lose it.
    let step = |name: &str, op: &str| {
        let index = *producers.get(name)?;
        let node = &graph.node[index];
        (node.op_type == op && uses.get(name) == Some(&1) && node.output.len() == 1)
            .then_some((index, node))
    };
    let div = &graph.node[div_index];
    let [product, six] = &div.input[..] else {
        return None;
    };
    if div.op_type != "Div" || !is(six, 6.0) {
        return None;
    }
    let (mul_index, mul) = step(product, "Mul")?;
    let [a, b] = &mul.input[..] else {
        return None;
    };
    // x · clip(…) or clip(…) · x.
    let ((clip_index, clip), x) = step(b, "Clip")
        .map(|c| (c, a))
        .or_else(|| Some((step(a, "Clip")?, b)))?;
    let [sum, low, high] = &clip.input[..] else {
        return None;
    };
    if !is(low, 0.0) || !is(high, 6.0) {
        return None;
    }
    let (add_index, add) = step(sum, "Add")?;
    let three_added_to_x =
        matches!(&add.input[..], [p, q] if (p == x && is(q, 3.0)) || (q == x && is(p, 3.0)));
    three_added_to_x.then(|| (x.clone(), [add_index, clip_index, mul_index]))
}

/// How many times each value is used: as a node's input or as the graph's output.
fn uses(graph: &GraphProto) -> HashMap<&str, usize> {
    let mut uses = HashMap::new();
    let inputs = graph.node.iter().flat_map(|node| node.input.iter());
    let outputs = graph.output.iter().map(|output| &output.name);
    for name in inputs.chain(outputs) {
        *uses.entry(name.as_str()).or_default() += 1;
    }
    uses
}

/// The float values of the graph's `Constant` nodes and initializers, by output name.
pub(super) fn float_constants(graph: &GraphProto) -> HashMap<String, Vec<f32>> {
    let mut constants: HashMap<String, Vec<f32>> = graph
        .initializer
        .iter()
        .filter_map(|tensor| Some((tensor.name.clone(), floats(tensor)?)))
        .collect();
    for node in graph.node.iter().filter(|node| node.op_type == "Constant") {
        let value = node
            .attribute
            .iter()
            .find(|attribute| attribute.name == "value")
            .and_then(|attribute| attribute.t.as_ref())
            .and_then(floats);
        if let (Some(values), Some(output)) = (value, node.output.first()) {
            constants.insert(output.clone(), values);
        }
    }
    constants
}

fn floats(tensor: &TensorProto) -> Option<Vec<f32>> {
    if tensor.data_type != DataType::Float as i32 {
        return None;
    }
    if !tensor.float_data.is_empty() {
        return Some(tensor.float_data.clone());
    }
    let chunks = tensor.raw_data.chunks_exact(4);
    if !chunks.remainder().is_empty() {
        return None;
    }
    Some(
        chunks
            .map(|bytes| f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::hard_swishes_as_one_op;
    use tract_onnx::pb::{GraphProto, NodeProto, TensorProto, ValueInfoProto};
    use tract_onnx::prelude::Framework;

    fn model_graph(file: &str) -> GraphProto {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/models/ppocr-v4")
            .join(file);
        let bytes = std::fs::read(path).expect("the model");
        let proto = tract_onnx::onnx()
            .proto_model_for_read(&mut &bytes[..])
            .expect("a model");
        proto.graph.expect("a graph")
    }

    fn count(graph: &GraphProto, op: &str) -> usize {
        graph.node.iter().filter(|node| node.op_type == op).count()
    }

    #[test]
    fn every_spelt_out_hard_swish_of_the_models_becomes_one_op() {
        for (file, swishes) in [
            (crate::plate::models::DETECTOR_FILE, 24),
            (crate::plate::models::RECOGNISER_FILE, 28),
        ] {
            let mut graph = model_graph(file);
            let (nodes, clips) = (graph.node.len(), count(&graph, "Clip"));
            assert_eq!(hard_swishes_as_one_op(&mut graph), swishes, "{file}");
            assert_eq!(count(&graph, "HardSwish"), swishes);
            assert_eq!(count(&graph, "Clip"), clips - swishes, "{file}");
            assert_eq!(graph.node.len(), nodes - 3 * swishes);
        }
    }

    /// x · clip(x + 3, 0, 6) / 6 on a graph of its own, once with the clip's output also read
    /// by another node: only the first becomes a `HardSwish`.
    #[test]
    fn a_swish_whose_steps_feed_other_nodes_stays_spelt_out() {
        let node = |op: &str, inputs: &[&str], output: &str| NodeProto {
            input: inputs.iter().map(|name| (*name).to_owned()).collect(),
            output: vec![output.to_owned()],
            name: output.to_owned(),
            op_type: op.to_owned(),
            ..NodeProto::default()
        };
        let constant = |name: &str, value: f32| TensorProto {
            name: name.to_owned(),
            data_type: tract_onnx::pb::tensor_proto::DataType::Float as i32,
            float_data: vec![value],
            ..TensorProto::default()
        };
        let swish = |x: &str, tag: &str| {
            let name = |step: &str| format!("{tag}.{step}");
            vec![
                node("Add", &[x, "three"], &name("sum")),
                node("Clip", &[&name("sum"), "zero", "six"], &name("clip")),
                node("Mul", &[x, &name("clip")], &name("product")),
                node("Div", &[&name("product"), "six"], &name("out")),
            ]
        };
        let mut nodes = swish("x", "a");
        nodes.extend(swish("x", "b"));
        nodes.push(node("Relu", &["b.clip"], "b.other"));
        let output = |name: &str| ValueInfoProto {
            name: name.to_owned(),
            ..ValueInfoProto::default()
        };
        let mut graph = GraphProto {
            node: nodes,
            initializer: vec![
                constant("three", 3.0),
                constant("zero", 0.0),
                constant("six", 6.0),
            ],
            output: vec![output("a.out"), output("b.out"), output("b.other")],
            ..GraphProto::default()
        };
        assert_eq!(hard_swishes_as_one_op(&mut graph), 1);
        let ops: Vec<(&str, &str)> = graph
            .node
            .iter()
            .map(|node| (node.op_type.as_str(), node.output[0].as_str()))
            .collect();
        assert_eq!(
            ops,
            [
                ("HardSwish", "a.out"),
                ("Add", "b.sum"),
                ("Clip", "b.clip"),
                ("Mul", "b.product"),
                ("Div", "b.out"),
                ("Relu", "b.other")
            ]
        );
        assert_eq!(graph.node[0].input, ["x"]);
    }
}
