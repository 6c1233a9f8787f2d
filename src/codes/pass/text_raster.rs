//! Draws one line of text into a grey image from an OpenType font's glyph outlines: skrifa reads
//! the outlines, and the small scanline rasteriser here fills them with anti-aliasing.
//!
//! The pass card needs only single horizontal lines of Chinese, digits and Latin letters, none of
//! which need shaping, so characters are laid out one after another by their advance widths.
//! Characters the font lacks are drawn as a hollow box (tofu) rather than dropped, so that a
//! volunteer comparing the card with an ID sees that something is missing.

use image::GrayImage;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, GlyphId, MetadataProvider, OutlineGlyphCollection};

use crate::codes::CodesError;

/// Sub-scanlines per pixel row. Coverage along a scanline is exact, so only the vertical
/// direction is sampled; 5 levels are plenty for print.
const SUBSAMPLES: usize = 5;
/// Longest straight piece a curve is cut into, in pixels: short enough that curves look round.
const CURVE_STEP_PX: f32 = 1.0;
/// Upper bound on pieces per curve, so a corrupt outline with huge control points stays cheap.
const MAX_CURVE_STEPS: f32 = 256.0;
/// Blank border around the rasterised line, so that glyphs overhanging their advance box (a
/// negative left side bearing) are not clipped.
const PAD: usize = 2;
/// Advance of a space the font lacks, in em.
const SPACE_EM: f32 = 0.3;

/// A font at one pixel size, ready to draw lines of text.
pub struct TextPainter<'a> {
    charmap: Charmap<'a>,
    outlines: OutlineGlyphCollection<'a>,
    advances: GlyphMetrics<'a>,
    px: f32,
    /// Pixels from the top of the line box to the baseline.
    ascent: f32,
    /// Pixels from the baseline to the bottom of the line box.
    descent: f32,
}

/// What stands at one position on the line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    Glyph(GlyphId),
    /// Placeholder box for a character the font cannot draw.
    Tofu,
}

/// A laid-out line: marks with their pen positions (pixels from the line's left edge).
struct Layout {
    marks: Vec<(f32, Mark)>,
    width: f32,
}

impl<'a> TextPainter<'a> {
    /// Opens `font_data` (TrueType or CFF OpenType) at `px` pixels per em.
    pub fn new(font_data: &'a [u8], px: f32) -> Result<Self, CodesError> {
        let font = FontRef::new(font_data)
            .map_err(|error| CodesError::Render(format!("the card font is unreadable: {error}")))?;
        let size = Size::new(px);
        let metrics = font.metrics(size, LocationRef::default());
        Ok(Self {
            charmap: font.charmap(),
            outlines: font.outline_glyphs(),
            advances: font.glyph_metrics(size, LocationRef::default()),
            px,
            // The floors keep a font with missing line metrics from clipping its own glyphs;
            // fonts store the descent as a negative offset below the baseline.
            ascent: metrics.ascent.max(px * 0.8),
            descent: metrics.descent.abs().max(px * 0.2),
        })
    }

    /// Height of a line box in pixels.
    pub fn line_height(&self) -> u32 {
        (self.ascent + self.descent).ceil() as u32
    }

    /// Width of `text` in pixels.
    pub fn line_width(&self, text: &str) -> u32 {
        self.layout(text).width.ceil() as u32
    }

    /// Draws `text` darkening `image`, with the line box's top-left corner at (`left`, `top`).
    /// Ink outside the image is dropped.
    pub fn draw_line(
        &self,
        image: &mut GrayImage,
        text: &str,
        left: i64,
        top: i64,
    ) -> Result<(), CodesError> {
        let layout = self.layout(text);
        let baseline = PAD as f32 + self.ascent;
        let mut path = Path::default();
        for &(x, mark) in &layout.marks {
            let origin = Point {
                x: PAD as f32 + x,
                y: baseline,
            };
            match mark {
                Mark::Glyph(id) => self.add_glyph(&mut path, id, origin)?,
                Mark::Tofu => add_tofu(&mut path, origin, self.px),
            }
        }
        let width = layout.width.ceil() as usize + 2 * PAD;
        let height = self.line_height() as usize + 2 * PAD;
        let cover = coverage(&path, width, height);
        darken(image, &cover, width, left - PAD as i64, top - PAD as i64);
        Ok(())
    }

    /// The glyph for `c`; None when the font lacks it (charmap misses or maps to .notdef).
    fn glyph(&self, c: char) -> Option<GlyphId> {
        self.charmap
            .map(c)
            .filter(|id| *id != GlyphId::NOTDEF && self.outlines.get(*id).is_some())
    }

    fn layout(&self, text: &str) -> Layout {
        let mut marks = Vec::new();
        let mut x = 0.0;
        for c in text.chars() {
            let (mark, advance) = match self.glyph(c) {
                Some(id) => {
                    let advance = self.advances.advance_width(id).unwrap_or(self.px);
                    (Some(Mark::Glyph(id)), advance)
                }
                // Odd whitespace (tabs, ideographic spaces outside the subset) is still a gap.
                None if c.is_whitespace() => (None, self.px * SPACE_EM),
                None => (Some(Mark::Tofu), self.px),
            };
            marks.extend(mark.map(|mark| (x, mark)));
            x += advance;
        }
        Layout { marks, width: x }
    }

    fn add_glyph(&self, path: &mut Path, id: GlyphId, origin: Point) -> Result<(), CodesError> {
        // `glyph` already checked the outline exists; a miss here just leaves a gap.
        let Some(outline) = self.outlines.get(id) else {
            return Ok(());
        };
        let mut pen = FlatteningPen::new(path, origin);
        outline
            .draw(
                DrawSettings::unhinted(Size::new(self.px), LocationRef::default()),
                &mut pen,
            )
            .map_err(|error| CodesError::Render(format!("glyph {id}: {error}")))?;
        pen.close();
        Ok(())
    }
}

/// A hollow box one em wide: an outer rectangle and an inner one wound the other way, which the
/// non-zero rule leaves unfilled.
fn add_tofu(path: &mut Path, origin: Point, px: f32) {
    let stroke = (px * 0.07).max(1.5);
    let (left, right) = (origin.x + px * 0.1, origin.x + px * 0.9);
    let (top, bottom) = (origin.y - px * 0.8, origin.y + px * 0.05);
    path.rectangle(left, top, right, bottom, true);
    path.rectangle(
        left + stroke,
        top + stroke,
        right - stroke,
        bottom - stroke,
        false,
    );
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: f32,
    y: f32,
}

impl Point {
    fn distance(self, other: Point) -> f32 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// A straight piece of outline in image pixels (y down), stored top to bottom.
#[derive(Debug, Clone, Copy)]
struct Edge {
    top: Point,
    bottom: Point,
    /// +1 when the outline runs downwards here, -1 upwards.
    winding: i32,
}

/// Closed outlines as straight edges, in image pixels.
#[derive(Default)]
struct Path {
    edges: Vec<Edge>,
}

impl Path {
    fn line(&mut self, from: Point, to: Point) {
        // Horizontal edges cross no scanline, so they never change the winding number.
        if from.y == to.y || !(from.y.is_finite() && to.y.is_finite()) {
            return;
        }
        let (top, bottom, winding) = if from.y < to.y {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        self.edges.push(Edge {
            top,
            bottom,
            winding,
        });
    }

    /// Adds a closed rectangle, clockwise on screen or the other way round.
    fn rectangle(&mut self, left: f32, top: f32, right: f32, bottom: f32, clockwise: bool) {
        let mut corners = [
            Point { x: left, y: top },
            Point { x: right, y: top },
            Point {
                x: right,
                y: bottom,
            },
            Point { x: left, y: bottom },
        ];
        if !clockwise {
            corners.reverse();
        }
        for (index, &corner) in corners.iter().enumerate() {
            self.line(corner, corners[(index + 1) % corners.len()]);
        }
    }
}

/// Receives a glyph's outline in font pixels (y up, origin on the baseline) and adds it to a
/// [`Path`] in image pixels, cutting curves into short straight edges.
struct FlatteningPen<'p> {
    path: &'p mut Path,
    origin: Point,
    start: Point,
    current: Point,
}

impl<'p> FlatteningPen<'p> {
    fn new(path: &'p mut Path, origin: Point) -> Self {
        Self {
            path,
            origin,
            start: origin,
            current: origin,
        }
    }

    fn to_image(&self, x: f32, y: f32) -> Point {
        Point {
            x: self.origin.x + x,
            y: self.origin.y - y,
        }
    }

    fn line_to_point(&mut self, to: Point) {
        self.path.line(self.current, to);
        self.current = to;
    }

    /// Follows a curve given by `at(t)` for t in 0..=1 in pieces no longer than about
    /// [`CURVE_STEP_PX`], judged by the length of its control polygon (never shorter than the
    /// curve).
    fn flatten(&mut self, control: &[Point], at: impl Fn(f32) -> Point) {
        let length: f32 = control
            .windows(2)
            .map(|pair| pair[0].distance(pair[1]))
            .sum();
        let steps = (length / CURVE_STEP_PX).ceil().clamp(1.0, MAX_CURVE_STEPS) as u32;
        for step in 1..=steps {
            self.line_to_point(at(step as f32 / steps as f32));
        }
    }
}

impl OutlinePen for FlatteningPen<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        // Fonts may leave contours implicitly closed; close the previous one before moving.
        self.close();
        self.start = self.to_image(x, y);
        self.current = self.start;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let to = self.to_image(x, y);
        self.line_to_point(to);
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        let p0 = self.current;
        let (p1, p2) = (self.to_image(cx0, cy0), self.to_image(x, y));
        self.flatten(&[p0, p1, p2], |t| {
            let u = 1.0 - t;
            let (a, b, c) = (u * u, 2.0 * u * t, t * t);
            Point {
                x: a * p0.x + b * p1.x + c * p2.x,
                y: a * p0.y + b * p1.y + c * p2.y,
            }
        });
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let p0 = self.current;
        let (p1, p2, p3) = (
            self.to_image(cx0, cy0),
            self.to_image(cx1, cy1),
            self.to_image(x, y),
        );
        self.flatten(&[p0, p1, p2, p3], |t| {
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            Point {
                x: a * p0.x + b * p1.x + c * p2.x + d * p3.x,
                y: a * p0.y + b * p1.y + c * p2.y + d * p3.y,
            }
        });
    }

    fn close(&mut self) {
        if self.current != self.start {
            self.line_to_point(self.start);
        }
    }
}

/// Ink coverage (0..1) of each pixel in a `width` × `height` box, by the non-zero winding rule:
/// each sub-scanline finds where edges cross it, and the runs where the winding number is not
/// zero are added with exact fractional coverage at their ends.
fn coverage(path: &Path, width: usize, height: usize) -> Vec<f32> {
    let mut cover = vec![0.0; width * height];
    let mut crossings = Vec::new();
    let weight = 1.0 / SUBSAMPLES as f32;
    for (row, line) in cover.chunks_exact_mut(width.max(1)).enumerate() {
        for sub in 0..SUBSAMPLES {
            let y = row as f32 + (sub as f32 + 0.5) * weight;
            crossings_at(path, y, &mut crossings);
            fill_runs(&crossings, line, weight);
        }
    }
    cover
}

/// Where the edges cross the horizontal line at `y`, sorted left to right, with their winding.
fn crossings_at(path: &Path, y: f32, crossings: &mut Vec<(f32, i32)>) {
    crossings.clear();
    // Half-open in y, so a vertex shared by two edges is counted once.
    for edge in path
        .edges
        .iter()
        .filter(|edge| edge.top.y <= y && y < edge.bottom.y)
    {
        let t = (y - edge.top.y) / (edge.bottom.y - edge.top.y);
        let x = edge.top.x + t * (edge.bottom.x - edge.top.x);
        crossings.push((x, edge.winding));
    }
    crossings.sort_by(|a, b| a.0.total_cmp(&b.0));
}

fn fill_runs(crossings: &[(f32, i32)], line: &mut [f32], weight: f32) {
    let mut winding = 0;
    let mut run_start = 0.0;
    for &(x, step) in crossings {
        let was_inside = winding != 0;
        winding += step;
        match (was_inside, winding != 0) {
            (false, true) => run_start = x,
            (true, false) => add_run(line, run_start, x, weight),
            _ => {}
        }
    }
}

/// Adds `weight` × the covered fraction of each pixel between `from` and `to`.
fn add_run(line: &mut [f32], from: f32, to: f32, weight: f32) {
    let end = line.len() as f32;
    let (from, to) = (from.clamp(0.0, end), to.clamp(0.0, end));
    if to <= from {
        return;
    }
    let (first, last) = (from.floor() as usize, to.floor() as usize);
    if first == last {
        line[first] += (to - from) * weight;
        return;
    }
    line[first] += (first as f32 + 1.0 - from) * weight;
    for pixel in &mut line[first + 1..last] {
        *pixel += weight;
    }
    if let Some(pixel) = line.get_mut(last) {
        *pixel += (to - last as f32) * weight;
    }
}

/// Darkens `image` by the coverage box placed with its top-left corner at (`left`, `top`).
fn darken(image: &mut GrayImage, cover: &[f32], width: usize, left: i64, top: i64) {
    for (index, &ink) in cover.iter().enumerate() {
        let x = left + (index % width) as i64;
        let y = top + (index / width) as i64;
        let (Ok(x), Ok(y)) = (u32::try_from(x), u32::try_from(y)) else {
            continue;
        };
        if ink <= 0.0 || x >= image.width() || y >= image.height() {
            continue;
        }
        let pixel = image.get_pixel_mut(x, y);
        pixel.0[0] = (f32::from(pixel.0[0]) * (1.0 - ink.min(1.0))).round() as u8;
    }
}

#[cfg(test)]
mod tests {
    use image::Luma;

    use super::*;
    use crate::assets::CJK_FONT;

    const PX: f32 = 40.0;
    /// Darker than this counts as ink.
    const INK: u8 = 128;

    fn painter() -> TextPainter<'static> {
        TextPainter::new(CJK_FONT, PX).expect("bundled font opens")
    }

    /// Draws `text` at (10, 10) on a white canvas big enough for it.
    fn draw(text: &str) -> GrayImage {
        let painter = painter();
        let width = painter.line_width(text) + 20;
        let mut image = GrayImage::from_pixel(width, painter.line_height() + 20, Luma([255]));
        painter.draw_line(&mut image, text, 10, 10).expect("draws");
        image
    }

    /// Bounding box (left, top, right, bottom) of the ink, or None for a blank image.
    fn ink_box(image: &GrayImage) -> Option<(u32, u32, u32, u32)> {
        image
            .enumerate_pixels()
            .filter(|(_, _, pixel)| pixel.0[0] < INK)
            .fold(None, |bounds, (x, y, _)| {
                let (l, t, r, b) = bounds.unwrap_or((x, y, x, y));
                Some((l.min(x), t.min(y), r.max(x), b.max(y)))
            })
    }

    #[test]
    fn a_chinese_name_inks_pixels_inside_its_line_box() {
        let painter = painter();
        let image = draw("张三");
        let (left, top, right, bottom) = ink_box(&image).expect("the name has ink");
        assert!(left >= 10 && right < 10 + painter.line_width("张三"));
        assert!(top >= 10 && bottom < 10 + painter.line_height());
        // Two CJK characters fill most of two ems.
        assert!(right - left > (1.5 * PX) as u32, "ink {left}..{right}");
        assert!(painter.glyph('张').is_some() && painter.glyph('粤').is_some());
    }

    #[test]
    fn a_blank_line_inks_nothing() {
        assert_eq!(ink_box(&draw("")), None);
        assert_eq!(ink_box(&draw("   ")), None);
    }

    #[test]
    fn a_longer_line_is_wider() {
        let painter = painter();
        assert!(painter.line_width("粤B12345") > painter.line_width("粤B"));
        let short = ink_box(&draw("粤B")).expect("ink");
        let long = ink_box(&draw("粤B12345")).expect("ink");
        assert!(long.2 - long.0 > short.2 - short.0);
    }

    #[test]
    fn anti_aliased_edges_have_grey_pixels() {
        let image = draw("3-2-501");
        let greys = image
            .pixels()
            .filter(|pixel| (40..215).contains(&pixel.0[0]))
            .count();
        assert!(greys > 20, "only {greys} grey pixels");
    }

    #[test]
    fn a_character_missing_from_the_font_draws_a_hollow_box() {
        let painter = painter();
        // 𠮷 (U+20BB7, a variant of 吉 found in names) lies outside the bundled subset.
        assert_eq!(painter.glyph('𠮷'), None);
        let image = draw("𠮷");
        let (left, top, right, bottom) = ink_box(&image).expect("the placeholder has ink");
        assert!(right - left > (0.6 * PX) as u32 && bottom - top > (0.6 * PX) as u32);
        // Ink on the border, paper in the middle.
        let (mid_x, mid_y) = ((left + right) / 2, (top + bottom) / 2);
        assert!(image.get_pixel(mid_x, top).0[0] < INK);
        assert!(image.get_pixel(left, mid_y).0[0] < INK);
        assert_eq!(image.get_pixel(mid_x, mid_y).0[0], 255);
    }

    #[test]
    fn ink_off_the_image_is_clipped() {
        let painter = painter();
        let mut image = GrayImage::from_pixel(30, 30, Luma([255]));
        painter
            .draw_line(&mut image, "张三", -20, -20)
            .expect("draws");
        painter
            .draw_line(&mut image, "张三", 25, 25)
            .expect("draws");
    }

    #[test]
    fn runs_cover_partial_pixels_exactly() {
        let mut line = [0.0; 4];
        add_run(&mut line, 0.5, 2.25, 1.0);
        assert_eq!(line, [0.5, 1.0, 0.25, 0.0]);
        let mut line = [0.0; 2];
        add_run(&mut line, -3.0, 9.0, 0.5);
        assert_eq!(line, [0.5, 0.5]);
    }
}
