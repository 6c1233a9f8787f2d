//! Reading one text line: the line is cut out upright at 48 pixels high, PP-OCRv4's recogniser
//! gives each of its 32 columns a probability per character, and CTC decoding keeps the best
//! character of the plate alphabet per column (the model's other 6,500 characters never win:
//! a 0 cannot be read as 〇, nor a 1 as 丨).

use std::path::Path;

use image::{Rgb, RgbImage};
use tract_onnx::prelude::*;

use super::det::{Kernels, Output, Plan, padded_bgr_tensor, plan_with};
use super::models::{ModelError, RECOGNISER_SHA256, RECOGNISER_SIZE, read_checked};
use crate::model::plate::PROVINCE_CHARS;

/// The recogniser's input: 48 pixels high (as trained), at most 256 wide (a plate line is
/// about 3 to 4.5 times as long as tall; longer ones are squeezed).
const INPUT_H: usize = 48;
const INPUT_W: usize = 256;
/// The widths a line is padded to, one plan each: the narrowest that holds the line. A pass
/// costs about its width, and a plate's own outline (3.1 times as long as tall) fits 160.
const INPUT_WIDTHS: [usize; 3] = [160, 192, INPUT_W];
/// Marks painted between characters that plates carry but the grammar drops.
const SEPARATORS: [char; 4] = ['·', '•', '.', '-'];
/// The last characters of suffixed plates, and the embassy plate's first character.
const SUFFIX_CHARS: [char; 9] = ['警', '学', '挂', '试', '超', '港', '澳', '领', '使'];

pub(crate) struct Recogniser {
    /// One plan per width of [`INPUT_WIDTHS`], in that order.
    plans: Vec<Plan>,
    file: String,
    /// Per class of the model's output: the character, or None for the CTC blank and for the
    /// characters no plate has.
    classes: Vec<Option<char>>,
    /// Classes that may win a column: the blank, the plate alphabet and the separators.
    allowed: Vec<usize>,
}

/// The text read from a line and how sure the recogniser is of its least sure character.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Recognised {
    pub text: String,
    pub confidence: f32,
}

impl Recogniser {
    pub fn load(path: &Path) -> Result<Self, ModelError> {
        let bytes = read_checked(path, RECOGNISER_SIZE, RECOGNISER_SHA256)?;
        let file = path.display().to_string();
        let runtime = |why: String| ModelError::Runtime {
            file: file.clone(),
            why,
        };
        let proto = tract_onnx::onnx()
            .proto_model_for_read(&mut &bytes[..])
            .map_err(|error| runtime(error.to_string()))?;
        let dictionary = proto
            .metadata_props
            .iter()
            .find(|entry| entry.key == "character")
            .map(|entry| entry.value.clone())
            .ok_or_else(|| runtime("its character dictionary is missing".to_owned()))?;
        let plans = INPUT_WIDTHS
            .iter()
            .map(|width| {
                plan_with(
                    &bytes,
                    [1, 3, INPUT_H, *width],
                    Kernels::Ours,
                    Output::BeforeSoftmax,
                )
                .map_err(|error| runtime(format!("{error:#}")))
            })
            .collect::<Result<Vec<Plan>, ModelError>>()?;
        let (classes, allowed) = plate_classes(&dictionary);
        Ok(Self {
            plans,
            file,
            classes,
            allowed,
        })
    }

    pub fn recognise(&self, line: &RgbImage) -> Result<Recognised, ModelError> {
        let (input, width_index) = input_tensor(line).map_err(|error| self.runtime(&error))?;
        let outputs = self.plans[width_index]
            .run(tvec!(input.into()))
            .map_err(|error| self.runtime(&error))?;
        let scores = outputs[0]
            .to_array_view::<f32>()
            .map_err(|error| self.runtime(&error))?;
        let shape = scores.shape().to_vec();
        let Some(&class_count) = shape.last() else {
            return Err(self.runtime(&"the model gave no scores"));
        };
        if class_count != self.classes.len() {
            return Err(self.runtime(&format!(
                "{class_count} classes, but the dictionary has {}",
                self.classes.len()
            )));
        }
        let scores: Vec<f32> = scores.iter().copied().collect();
        Ok(decode(&scores, &self.classes, &self.allowed))
    }

    fn runtime(&self, error: &impl std::fmt::Display) -> ModelError {
        ModelError::Runtime {
            file: self.file.clone(),
            why: error.to_string(),
        }
    }
}

/// The model's classes (blank, the dictionary's lines, a space) and those a plate may use.
fn plate_classes(dictionary: &str) -> (Vec<Option<char>>, Vec<usize>) {
    let mut classes = vec![None];
    classes.extend(dictionary.lines().map(|line| line.chars().next()));
    classes.push(Some(' '));
    let plate_char = |c: char| {
        c.is_ascii_digit()
            || (c.is_ascii_uppercase() && c != 'I')
            || PROVINCE_CHARS.contains(&c)
            || SUFFIX_CHARS.contains(&c)
            || SEPARATORS.contains(&c)
    };
    let allowed = classes
        .iter()
        .enumerate()
        .filter(|(index, class)| *index == 0 || class.is_some_and(plate_char))
        .map(|(index, _)| index)
        .collect();
    (classes, allowed)
}

/// Greedy CTC on the model's scores before its softmax: per column the best allowed class;
/// repeats merge, blanks and separators drop. A character's confidence is its probability
/// among all the model's classes.
fn decode(logits: &[f32], classes: &[Option<char>], allowed: &[usize]) -> Recognised {
    let mut text = String::new();
    let mut confidence = 1.0f32;
    let mut previous = 0;
    for column in logits.chunks_exact(classes.len()) {
        let best = allowed
            .iter()
            .copied()
            .max_by(|a, b| column[*a].total_cmp(&column[*b]))
            .unwrap_or(0);
        if best != previous
            && let Some(c) = classes[best]
            && !SEPARATORS.contains(&c)
        {
            text.push(c);
            confidence = confidence.min(probability(column, best));
        }
        previous = best;
    }
    if text.is_empty() {
        confidence = 0.0;
    }
    Recognised { text, confidence }
}

/// The softmax of `column` at `class`. The model's own softmax spent 30 ms a line on 6,625
/// exponentials per column; here only the scores within 30 of the column's best are raised
/// (each other one weighs under e⁻³⁰, all of them together under 10⁻⁹).
fn probability(column: &[f32], class: usize) -> f32 {
    let top = column.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let total: f32 = column
        .iter()
        .filter(|score| **score > top - 30.0)
        .map(|score| (score - top).exp())
        .sum();
    let score = column.get(class).copied().unwrap_or(f32::NEG_INFINITY);
    if total > 0.0 {
        (score - top).exp() / total
    } else {
        0.0
    }
}

/// The line scaled to 48 pixels high (aspect kept, at most the input's width), BGR, −1..1,
/// padded with zeros on the right as PaddleOCR does, to the narrowest of [`INPUT_WIDTHS`] that
/// holds it; with that width's index.
fn input_tensor(line: &RgbImage) -> TractResult<(Tensor, usize)> {
    let ratio = line.width() as f32 / line.height().max(1) as f32;
    let width = ((INPUT_H as f32 * ratio).ceil() as usize).clamp(8, INPUT_W);
    // The last width is INPUT_W, which holds every clamped width.
    let width_index = INPUT_WIDTHS
        .iter()
        .position(|padded| *padded >= width)
        .unwrap_or(INPUT_WIDTHS.len() - 1);
    let resized = image::imageops::resize(
        line,
        width as u32,
        INPUT_H as u32,
        image::imageops::FilterType::Triangle,
    );
    Ok((
        padded_bgr_tensor(&resized, INPUT_WIDTHS[width_index], INPUT_H)?,
        width_index,
    ))
}

/// Cuts the quadrilateral out upright: a box as long as its top and bottom edges and as tall
/// as its sides, sampled bilinearly.
pub(crate) fn cut_out(image: &RgbImage, corners: &[[f32; 2]; 4]) -> RgbImage {
    let distance =
        |a: [f32; 2], b: [f32; 2]| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
    let [tl, tr, br, bl] = *corners;
    let length = f32::midpoint(distance(tl, tr), distance(bl, br));
    let height = f32::midpoint(distance(tl, bl), distance(tr, br));
    // Never larger than the recogniser takes: a huge plate in a photo is shrunk here at once.
    let scale = (INPUT_H as f32 / height.max(1.0)).clamp(0.0, 1.0);
    let out_h = ((height * scale).round() as u32).max(1);
    let out_w = ((length * scale).round() as u32).max(1);
    RgbImage::from_fn(out_w, out_h, |x, y| {
        let u = (x as f32 + 0.5) / out_w as f32;
        let v = (y as f32 + 0.5) / out_h as f32;
        let px = (1.0 - u) * (1.0 - v) * tl[0]
            + u * (1.0 - v) * tr[0]
            + u * v * br[0]
            + (1.0 - u) * v * bl[0];
        let py = (1.0 - u) * (1.0 - v) * tl[1]
            + u * (1.0 - v) * tr[1]
            + u * v * br[1]
            + (1.0 - u) * v * bl[1];
        sample(image, px, py)
    })
}

fn sample(image: &RgbImage, x: f32, y: f32) -> Rgb<u8> {
    let max_x = image.width().saturating_sub(1) as f32;
    let max_y = image.height().saturating_sub(1) as f32;
    let x = (x - 0.5).clamp(0.0, max_x);
    let y = (y - 0.5).clamp(0.0, max_y);
    let (x0, y0) = (x.floor(), y.floor());
    let (x1, y1) = ((x0 + 1.0).min(max_x), (y0 + 1.0).min(max_y));
    let (fx, fy) = (x - x0, y - y0);
    let at = |x: f32, y: f32| image.get_pixel(x as u32, y as u32).0;
    let (a, b, c, d) = (at(x0, y0), at(x1, y0), at(x0, y1), at(x1, y1));
    Rgb(std::array::from_fn(|i| {
        let top = f32::from(a[i]) * (1.0 - fx) + f32::from(b[i]) * fx;
        let bottom = f32::from(c[i]) * (1.0 - fx) + f32::from(d[i]) * fx;
        (top * (1.0 - fy) + bottom * fy).round() as u8
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_keeps_plate_characters_and_merges_repeats() {
        // Classes: blank, 京, A, 1, 丨, ·
        let (classes, allowed) = plate_classes("京\nA\n1\n丨\n·");
        assert_eq!(classes.len(), 7);
        assert!(!allowed.contains(&4), "丨 is no plate character");
        // Scores as the model gives them before its softmax: the logarithms of the
        // probabilities, the rest shared by the other classes.
        let column_of = |probabilities: &[(usize, f32)]| {
            let given: f32 = probabilities.iter().map(|(_, p)| p).sum();
            let rest = (1.0 - given) / (7 - probabilities.len()) as f32;
            let mut scores = vec![rest.ln(); 7];
            for (class, p) in probabilities {
                scores[*class] = p.ln();
            }
            scores
        };
        let column = |class: usize, p: f32| column_of(&[(class, p)]);
        let mut scores = Vec::new();
        for (class, p) in [
            (1, 0.99),
            (1, 0.98),
            (0, 0.9),
            (2, 0.95),
            (5, 0.9),
            (3, 0.97),
            (0, 0.9),
            (3, 0.93),
        ] {
            scores.extend(column(class, p));
        }
        // 丨 scores higher than 1 in this column: the plate alphabet still reads 1 (after a
        // blank, so it is a third 1 and not the second one held longer).
        scores.extend(column(0, 0.9));
        scores.extend(column_of(&[(4, 0.8), (3, 0.15)]));
        let read = decode(&scores, &classes, &allowed);
        assert_eq!(read.text, "京A111");
        assert!((read.confidence - 0.15).abs() < 1e-5, "{}", read.confidence);
    }

    #[test]
    fn a_cut_out_is_upright_and_never_taller_than_the_input() {
        let image = RgbImage::from_fn(400, 200, |x, _| Rgb([(x / 2) as u8, 0, 0]));
        let crop = cut_out(
            &image,
            &[[100.0, 50.0], [300.0, 50.0], [300.0, 150.0], [100.0, 150.0]],
        );
        assert_eq!((crop.width(), crop.height()), (96, 48));
        assert!(crop.get_pixel(0, 0).0[0] < crop.get_pixel(95, 0).0[0]);
    }
}
