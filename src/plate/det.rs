//! Text lines in a frame: PP-OCRv4's DB detector on the frame scaled into a fixed 640×384
//! input, its probability map thresholded into connected regions, each region turned into an
//! oriented box (principal axes) and grown back to the text's edge ("unclip", as PaddleOCR does).

use std::path::Path;

use image::RgbImage;
use tract_onnx::prelude::*;

use super::models::{DETECTOR_SHA256, DETECTOR_SIZE, ModelError, read_checked};

/// The detector's input: a 1280×720 frame is halved into it; other shapes are fitted and padded.
const INPUT_W: usize = 640;
const INPUT_H: usize = 384;
/// The sweep's smaller input (multiples of 32, as the model needs).
const SWEEP_W: usize = 448;
const SWEEP_H: usize = 256;
/// A pixel is text when the map says so with this probability (PaddleOCR's default).
const PIXEL_THRESHOLD: f32 = 0.3;
/// A region is a text line when its mean probability reaches this (PaddleOCR's default).
const BOX_THRESHOLD: f32 = 0.5;
/// How far a region is grown back to the text's edge (PaddleOCR's default).
const UNCLIP_RATIO: f32 = 1.6;
/// Regions smaller than this many map pixels are specks.
const MIN_REGION: usize = 12;

pub(crate) type Plan = TypedRunnableModel<TypedModel>;

pub(crate) struct Detector {
    /// One plan per input size, optimised for it once at load: [`Input::Full`] first.
    plans: [Plan; 2],
    file: String,
}

/// The detector's input size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    /// 640×384: a 1280×720 frame halved, for frames the colour stage could not read.
    Full,
    /// 448×256: a 1280×720 frame at 0.35, for the live thread's sweep beside plates already
    /// read surely (a white or black plate beside a blue one), with less than half the pixels.
    Sweep,
}

impl Input {
    const fn size(self) -> (usize, usize) {
        match self {
            Self::Full => (INPUT_W, INPUT_H),
            Self::Sweep => (SWEEP_W, SWEEP_H),
        }
    }
}

/// One text line: its corners in picture pixels (top-left, top-right, bottom-right,
/// bottom-left) and its size along and across the line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextLine {
    pub corners: [[f32; 2]; 4],
    pub length: f32,
    pub thickness: f32,
}

impl TextLine {
    /// Plates are 440×140 mm (single-row): their text line is 2–8 times as long as it is tall,
    /// and too few pixels tall lines cannot be read.
    pub fn could_be_plate(&self) -> bool {
        let ratio = self.length / self.thickness.max(1.0);
        (1.8..=9.0).contains(&ratio) && self.thickness >= 8.0
    }
}

impl Detector {
    pub fn load(path: &Path) -> Result<Self, ModelError> {
        let bytes = read_checked(path, DETECTOR_SIZE, DETECTOR_SHA256)?;
        let file = path.display().to_string();
        let plan_for = |input: Input| {
            let (width, height) = input.size();
            plan(&bytes, [1, 3, height, width]).map_err(|error| ModelError::Runtime {
                file: file.clone(),
                why: format!("{error:#}"),
            })
        };
        let plans = [plan_for(Input::Full)?, plan_for(Input::Sweep)?];
        Ok(Self { plans, file })
    }

    /// The text lines in `image`, largest first, found at the detector's `input` size.
    pub fn detect(&self, image: &RgbImage, input: Input) -> Result<Vec<TextLine>, ModelError> {
        let plan = match input {
            Input::Full => &self.plans[0],
            Input::Sweep => &self.plans[1],
        };
        let (input_w, input_h) = input.size();
        let (input, scale) =
            input_tensor(image, input_w, input_h).map_err(|error| self.runtime(&error))?;
        let outputs = plan
            .run(tvec!(input.into()))
            .map_err(|error| self.runtime(&error))?;
        let map = outputs[0]
            .to_array_view::<f32>()
            .map_err(|error| self.runtime(&error))?;
        let probabilities: Vec<f32> = map.iter().copied().collect();
        if probabilities.len() != input_w * input_h {
            return Err(ModelError::Runtime {
                file: self.file.clone(),
                why: format!("the map has {} values", probabilities.len()),
            });
        }
        let mut lines = lines_in_map(&probabilities, input_w, input_h);
        for line in &mut lines {
            line.corners = line.corners.map(|[x, y]| [x / scale, y / scale]);
            line.length /= scale;
            line.thickness /= scale;
        }
        Ok(lines)
    }

    fn runtime(&self, error: &impl std::fmt::Display) -> ModelError {
        ModelError::Runtime {
            file: self.file.clone(),
            why: error.to_string(),
        }
    }
}

/// Loads an ONNX model for one fixed input shape and optimises it for that shape. The models'
/// symbolic dimensions are named like `p2o.DynamicDimension.0` or `?`, which tract cannot parse:
/// they are renamed to plain identifiers first.
pub(crate) fn plan(bytes: &[u8], shape: [usize; 4]) -> TractResult<Plan> {
    plan_with(bytes, shape, Kernels::Ours, Output::AsExported)
}

/// What the plan gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Output {
    AsExported,
    /// The scores before a final softmax over the last axis, for a reader that needs the
    /// probability of only a few classes (`plate::rec`).
    BeforeSoftmax,
}

/// Who runs the ops tract is slow at: upsamplings, depthwise, ordinary 3×3 and transposed
/// convolutions, pads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kernels {
    /// tract, as exported: `Resize` and pads through array views, depthwise convolutions point
    /// by point (slow); the tests compare.
    #[cfg(test)]
    Tract,
    /// The upsamplings rewritten as repeats with our broadcast (`plate::upsample`), our
    /// kernels for depthwise (`plate::depthwise`), ordinary 3×3 (`plate::dense`) and
    /// transposed (`plate::deconv`) convolutions and our pads (`plate::pad`): the same values,
    /// in well under half the time of a pass.
    Ours,
}

pub(crate) fn plan_with(
    bytes: &[u8],
    shape: [usize; 4],
    kernels: Kernels,
    output: Output,
) -> TractResult<Plan> {
    use tract_onnx::pb::tensor_shape_proto::dimension::Value as Dim;
    use tract_onnx::pb::type_proto::Value as Type;
    let onnx = tract_onnx::onnx();
    let mut proto = onnx.proto_model_for_read(&mut &bytes[..])?;
    if let Some(graph) = proto.graph.as_mut() {
        let infos = graph
            .input
            .iter_mut()
            .chain(graph.output.iter_mut())
            .chain(graph.value_info.iter_mut());
        for info in infos {
            let Some(Type::TensorType(tensor)) =
                info.r#type.as_mut().and_then(|t| t.value.as_mut())
            else {
                continue;
            };
            for dim in tensor
                .shape
                .iter_mut()
                .flat_map(|shape| shape.dim.iter_mut())
            {
                if let Some(Dim::DimParam(name)) = dim.value.as_mut() {
                    let plain: String = name
                        .chars()
                        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                        .collect();
                    *name = format!("d{plain}");
                }
            }
        }
    }
    if let Some(graph) = proto.graph.as_mut()
        && kernels == Kernels::Ours
    {
        super::upsample::resizes_as_repeats(graph);
        super::graph::hard_swishes_as_one_op(graph);
    }
    let mut model = onnx
        .model_for_proto_model(&proto)?
        .with_input_fact(0, f32::fact(shape).into())?
        .into_typed()?
        .into_decluttered()?;
    if kernels == Kernels::Ours {
        super::depthwise::use_our_depthwise(&mut model)?;
        super::dense::use_our_dense(&mut model)?;
        super::upsample::use_our_broadcast(&mut model)?;
        super::deconv::use_our_upconv(&mut model)?;
    }
    if output == Output::BeforeSoftmax {
        end_before_the_softmax(&mut model)?;
    }
    let mut model = model.into_optimized()?;
    // tract adds its pads while optimising: they are swapped afterwards.
    if kernels == Kernels::Ours {
        super::pad::use_our_pad(&mut model)?;
        model = model.into_compact()?;
    }
    model.into_runnable()
}

/// Makes the input of `model`'s final softmax its output; a model that does not end in a
/// softmax over its last axis is refused.
fn end_before_the_softmax(model: &mut TypedModel) -> TractResult<()> {
    use tract_onnx::tract_core::ops::nn::Softmax;
    let outputs = model.output_outlets()?.to_vec();
    let [output] = outputs[..] else {
        anyhow::bail!("{} outputs, not one", outputs.len());
    };
    let node = model.node(output.node);
    let last_axis = model.outlet_fact(output)?.rank().checked_sub(1);
    let ends_in_softmax = node
        .op_as::<Softmax>()
        .is_some_and(|softmax| softmax.axes.len() == 1 && Some(softmax.axes[0]) == last_axis);
    anyhow::ensure!(ends_in_softmax, "the model does not end in a softmax");
    let scores = node.inputs[0];
    model.set_output_outlets(&[scores])
}

/// The frame fitted into the input (aspect kept, the rest grey), BGR, scaled to −1..1 as the
/// model was trained; and the scale from picture to input pixels.
pub(super) fn input_tensor(
    image: &RgbImage,
    input_w: usize,
    input_h: usize,
) -> TractResult<(Tensor, f32)> {
    let scale = (input_w as f32 / image.width().max(1) as f32)
        .min(input_h as f32 / image.height().max(1) as f32);
    let width = ((image.width() as f32 * scale).round() as usize).clamp(1, input_w);
    let height = ((image.height() as f32 * scale).round() as usize).clamp(1, input_h);
    if (width * 2, height * 2) == (image.width() as usize, image.height() as usize) {
        return Ok((halved_bgr_tensor(image, input_w, input_h)?, scale));
    }
    let resized = image::imageops::resize(
        image,
        width as u32,
        height as u32,
        image::imageops::FilterType::Triangle,
    );
    Ok((padded_bgr_tensor(&resized, input_w, input_h)?, scale))
}

/// As [`padded_bgr_tensor`] of the picture halved by `image`'s triangle filter (weights 1, 3, 3,
/// 1 over each pixel pair and its neighbours, renormalised at the edges; down the columns,
/// then along the rows, rounded to whole levels as `image` does), without `image`'s generic
/// per-pixel path: a 1280×720 frame took about 20 ms there and a second pass to convert.
fn halved_bgr_tensor(image: &RgbImage, width: usize, height: usize) -> TractResult<Tensor> {
    let (frame_w, frame_h) = (image.width() as usize, image.height() as usize);
    let (half_w, half_h) = ((frame_w / 2).min(width), (frame_h / 2).min(height));
    let row_len = frame_w * 3;
    let mut columns = vec![0.0f32; half_h * row_len];
    for (y, out) in columns.chunks_exact_mut(row_len).enumerate() {
        let (first, weights) = triangle_taps(y, frame_h);
        for (k, weight) in weights.into_iter().enumerate().filter(|(_, w)| *w > 0.0) {
            let start = (first + k) * row_len;
            let row = &image.as_raw()[start..start + row_len];
            for (sum, value) in out.iter_mut().zip(row) {
                *sum += weight * f32::from(*value);
            }
        }
    }
    let plane = width * height;
    let mut data = vec![0.0f32; 3 * plane];
    let taps: Vec<(usize, [f32; 4])> = (0..half_w).map(|x| triangle_taps(x, frame_w)).collect();
    for (y, row) in columns.chunks_exact(row_len).enumerate() {
        for (x, (first, weights)) in taps.iter().enumerate() {
            let at = y * width + x;
            // RGB in, BGR planes out, scaled to −1..1.
            for (plane_index, rgb) in [2, 1, 0].into_iter().enumerate() {
                let sum: f32 = weights
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| **w > 0.0)
                    .map(|(k, w)| w * row[(first + k) * 3 + rgb])
                    .sum();
                data[plane_index * plane + at] = model_level(sum.round().clamp(0.0, 255.0));
            }
        }
    }
    Ok(tract_ndarray::Array4::from_shape_vec((1, 3, height, width), data)?.into())
}

/// The triangle filter's taps for output pixel `at` of a line of `len` pixels halved: from the
/// first pixel on, up to four weights (zero past the line's ends), summing to 1.
fn triangle_taps(at: usize, len: usize) -> (usize, [f32; 4]) {
    let first = (2 * at).saturating_sub(1);
    let last = (2 * at + 2).min(len.saturating_sub(1));
    let mut weights = [0.0f32; 4];
    for (slot, pixel) in (first..=last).enumerate().take(4) {
        weights[slot] = if pixel / 2 == at { 3.0 } else { 1.0 };
    }
    let sum: f32 = weights.iter().sum();
    (first, weights.map(|w| w / sum.max(1.0)))
}

/// A picture no larger than `width` × `height` as the models' input: BGR planes scaled to
/// −1..1 as PaddleOCR trained them, the picture at the top left and zeros around it.
pub(super) fn padded_bgr_tensor(
    resized: &RgbImage,
    width: usize,
    height: usize,
) -> TractResult<Tensor> {
    let plane = width * height;
    let mut data = vec![0.0f32; 3 * plane];
    for (x, y, pixel) in resized.enumerate_pixels() {
        let at = y as usize * width + x as usize;
        for (channel, value) in [pixel.0[2], pixel.0[1], pixel.0[0]].into_iter().enumerate() {
            data[channel * plane + at] = model_level(f32::from(value));
        }
    }
    Ok(tract_ndarray::Array4::from_shape_vec((1, 3, height, width), data)?.into())
}

/// A colour level 0..255 as the models take it: −1..1, as PaddleOCR trained them.
fn model_level(level: f32) -> f32 {
    level / 127.5 - 1.0
}

/// Connected regions of the thresholded map as oriented, unclipped boxes, largest first; lines
/// split at a plate's middle dot are also offered joined.
pub(crate) fn lines_in_map(map: &[f32], width: usize, height: usize) -> Vec<TextLine> {
    let mut seen = vec![false; map.len()];
    let mut lines = Vec::new();
    let mut stack = Vec::new();
    for start in 0..map.len() {
        if seen[start] || map[start] < PIXEL_THRESHOLD {
            continue;
        }
        let mut pixels: Vec<(f32, f32)> = Vec::new();
        let mut sum = 0.0f32;
        super::axis::grow_region(
            start,
            (width, height),
            &mut seen,
            &mut stack,
            |at| map[at] >= PIXEL_THRESHOLD,
            |at| {
                pixels.push(((at % width) as f32 + 0.5, (at / width) as f32 + 0.5));
                sum += map[at];
            },
        );
        if pixels.len() < MIN_REGION || sum / (pixels.len() as f32) < BOX_THRESHOLD {
            continue;
        }
        lines.extend(oriented_box(&pixels));
    }
    lines.sort_by(|a, b| (b.length * b.thickness).total_cmp(&(a.length * a.thickness)));
    let joined = joined_lines(&lines);
    lines.extend(joined);
    lines
}

/// The region's box along its principal axis, grown by PaddleOCR's unclip distance.
fn oriented_box(pixels: &[(f32, f32)]) -> Option<TextLine> {
    let axis = super::axis::AxisBox::of(pixels)?;
    let ([mx, my], [ux, uy], [vx, vy]) = (axis.mean, axis.u, axis.v);
    let [u0, u1, v0, v1] = axis.extent;
    let (length, thickness) = axis.size();
    let grow = length * thickness * UNCLIP_RATIO / (2.0 * (length + thickness));
    let (u0, u1, v0, v1) = (u0 - grow, u1 + grow, v0 - grow, v1 + grow);
    let point = |u: f32, v: f32| [mx + u * ux + v * vx, my + u * uy + v * vy];
    // Along the line left to right, across it top to bottom.
    let (u0, u1) = if ux < 0.0 { (u1, u0) } else { (u0, u1) };
    let (v0, v1) = if vy < 0.0 { (v1, v0) } else { (v0, v1) };
    Some(TextLine {
        corners: [point(u0, v0), point(u1, v0), point(u1, v1), point(u0, v1)],
        length: length + 2.0 * grow,
        thickness: thickness + 2.0 * grow,
    })
}

/// Neighbouring near-level lines of about the same height that a small gap separates (the
/// province and letter, the dot, the five characters) joined into one box.
fn joined_lines(lines: &[TextLine]) -> Vec<TextLine> {
    let bounds = |line: &TextLine| {
        let xs = line.corners.map(|c| c[0]);
        let ys = line.corners.map(|c| c[1]);
        (
            xs.iter().copied().fold(f32::MAX, f32::min),
            xs.iter().copied().fold(f32::MIN, f32::max),
            ys.iter().copied().fold(f32::MAX, f32::min),
            ys.iter().copied().fold(f32::MIN, f32::max),
        )
    };
    let mut joined = Vec::new();
    for (index, left) in lines.iter().enumerate() {
        let (l0, l1, lt, lb) = bounds(left);
        for right in lines.iter().skip(index + 1).chain(lines.iter().take(index)) {
            let (r0, r1, rt, rb) = bounds(right);
            let (lh, rh) = (lb - lt, rb - rt);
            let overlap = lb.min(rb) - lt.max(rt);
            let gap = r0 - l1;
            if r0 <= l0 || overlap < 0.6 * lh.min(rh) || lh.max(rh) > 1.6 * lh.min(rh) {
                continue;
            }
            // Both boxes were grown by about half their height, so the halves of a plate split
            // at its dot overlap by up to that much.
            if !(-0.6 * lh.max(rh)..=1.2 * lh.max(rh)).contains(&gap) {
                continue;
            }
            let (top, bottom, end) = (lt.min(rt), lb.max(rb), l1.max(r1));
            joined.push(TextLine {
                corners: [[l0, top], [end, top], [end, bottom], [l0, bottom]],
                length: end - l0,
                thickness: bottom - top,
            });
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_with(rects: &[(usize, usize, usize, usize)]) -> Vec<f32> {
        let mut map = vec![0.0; 200 * 100];
        for &(x0, y0, x1, y1) in rects {
            for y in y0..y1 {
                for x in x0..x1 {
                    map[y * 200 + x] = 0.9;
                }
            }
        }
        map
    }

    #[test]
    fn a_region_becomes_a_grown_level_box() {
        let lines = lines_in_map(&map_with(&[(40, 40, 120, 56)]), 200, 100);
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert!(line.length > 80.0 && line.thickness > 16.0, "{line:?}");
        let [top_left, top_right, bottom_right, _] = line.corners;
        assert!(
            top_left[0] < top_right[0] && top_right[1] < bottom_right[1],
            "{line:?}"
        );
        assert!(line.could_be_plate());
    }

    #[test]
    fn a_line_split_at_the_dot_is_also_offered_joined() {
        let lines = lines_in_map(&map_with(&[(30, 40, 55, 56), (62, 40, 140, 56)]), 200, 100);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[2].length > 105.0, "{:?}", lines[2]);
    }

    #[test]
    fn specks_and_faint_regions_are_no_lines() {
        let mut map = map_with(&[(10, 10, 12, 12)]);
        for value in &mut map[50 * 200 + 50..50 * 200 + 90] {
            *value = 0.35;
        }
        assert!(lines_in_map(&map, 200, 100).is_empty());
    }

    /// A frame twice the input's size is halved exactly as `image`'s triangle filter halves it,
    /// into BGR planes scaled to −1..1, with the input's rows below it left at zero.
    #[test]
    fn a_frame_twice_the_size_is_halved_as_the_triangle_filter_does() {
        let frame = RgbImage::from_fn(16, 8, |x, y| {
            let v = ((x * 37 + y * 91) % 256) as u8;
            image::Rgb([v, v.wrapping_mul(7), 255 - v])
        });
        let (ours, scale) = input_tensor(&frame, 8, 5).expect("a tensor");
        assert_eq!(scale, 0.5);
        let resized = image::imageops::resize(&frame, 8, 4, image::imageops::FilterType::Triangle);
        let theirs = padded_bgr_tensor(&resized, 8, 5).expect("a tensor");
        let (ours, theirs) = (
            ours.as_slice::<f32>().expect("floats"),
            theirs.as_slice::<f32>().expect("floats"),
        );
        assert_eq!(ours.len(), 3 * 8 * 5);
        assert_eq!(ours, theirs);
        assert!(ours[32..40].iter().all(|v| *v == 0.0), "the padding row");
    }
}
