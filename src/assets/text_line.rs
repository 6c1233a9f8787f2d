//! Draws one line of text into a grey image with an OpenType font. `ab_glyph` loads the font,
//! scales and positions the glyphs and rasterises their outlines with anti-aliasing; this module
//! only lays characters out along the line and draws a box for characters the font lacks.
//!
//! The pass card needs single horizontal lines of Chinese, digits and Latin letters, none of which
//! need shaping, so characters follow one another by their advance widths (plus kerning where
//! the font has it). A missing character is drawn as a hollow box (tofu) rather than dropped, so
//! that a volunteer comparing the card with an ID sees that something is missing.

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont, point};
use image::GrayImage;

/// Advance of a space the font lacks, in em.
const SPACE_EM: f32 = 0.3;

/// The font could not be read.
#[derive(Debug, thiserror::Error)]
#[error("the font is unreadable: {0}")]
pub struct FontError(String);

/// A font at one pixel size, ready to draw lines of text.
pub struct TextLine<'a> {
    font: FontRef<'a>,
    scale: PxScale,
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

impl<'a> TextLine<'a> {
    /// Opens `font_data` (TrueType or CFF OpenType) at `px` pixels per em.
    pub fn new(font_data: &'a [u8], px: f32) -> Result<Self, FontError> {
        let font =
            FontRef::try_from_slice(font_data).map_err(|error| FontError(error.to_string()))?;
        // ab_glyph's PxScale is the height of ascent − descent; the card is laid out in ems.
        let scale = font
            .pt_to_px_scale(px * 72.0 / 96.0)
            .unwrap_or(PxScale::from(px));
        let scaled = font.as_scaled(scale);
        Ok(Self {
            // The floors keep a font with missing line metrics from clipping its own glyphs.
            ascent: scaled.ascent().max(px * 0.8),
            descent: scaled.descent().abs().max(px * 0.2),
            font,
            scale,
            px,
        })
    }

    /// Height of a line box in pixels.
    pub fn line_height(&self) -> u32 {
        whole_pixels(self.ascent + self.descent)
    }

    /// Width of `text` in pixels.
    pub fn line_width(&self, text: &str) -> u32 {
        whole_pixels(self.layout(text).width)
    }

    /// Darkens `image` with `text`, the line box's top-left corner at (`left`, `top`). Ink
    /// outside the image is dropped.
    pub fn draw(&self, image: &mut GrayImage, text: &str, left: i64, top: i64) {
        let baseline = top as f32 + self.ascent;
        for (x, mark) in self.layout(text).marks {
            let pen_x = left as f32 + x;
            match mark {
                Mark::Glyph(id) => self.draw_glyph(image, id, pen_x, baseline),
                Mark::Tofu => self.draw_tofu(image, pen_x, baseline),
            }
        }
    }

    /// The glyph for `c`; None when the font lacks it (it maps to .notdef).
    fn glyph(&self, c: char) -> Option<GlyphId> {
        Some(self.font.glyph_id(c)).filter(|id| id.0 != 0)
    }

    fn layout(&self, text: &str) -> Layout {
        let scaled = self.font.as_scaled(self.scale);
        let mut marks = Vec::new();
        let mut x = 0.0;
        let mut previous: Option<GlyphId> = None;
        for c in text.chars() {
            let (mark, advance) = match self.glyph(c) {
                Some(id) => {
                    x += previous.map_or(0.0, |before| scaled.kern(before, id));
                    previous = Some(id);
                    (Some(Mark::Glyph(id)), scaled.h_advance(id))
                }
                // Odd whitespace (tabs, ideographic spaces outside the subset) is still a gap.
                None if c.is_whitespace() => (None, self.px * SPACE_EM),
                None => (Some(Mark::Tofu), self.px),
            };
            if mark.is_none() || matches!(mark, Some(Mark::Tofu)) {
                previous = None;
            }
            marks.extend(mark.map(|mark| (x, mark)));
            x += advance;
        }
        Layout { marks, width: x }
    }

    fn draw_glyph(&self, image: &mut GrayImage, id: GlyphId, pen_x: f32, baseline: f32) {
        let glyph = id.with_scale_and_position(self.scale, point(pen_x, baseline));
        let Some(outline) = self.font.outline_glyph(glyph) else {
            return; // a blank glyph (a space) has no outline
        };
        let bounds = outline.px_bounds();
        outline.draw(|x, y, coverage| {
            let column = i64::from(x) + bounds.min.x as i64;
            let row = i64::from(y) + bounds.min.y as i64;
            darken(image, column, row, coverage);
        });
    }

    /// A hollow box one em wide, its stroke about 7 % of an em.
    fn draw_tofu(&self, image: &mut GrayImage, pen_x: f32, baseline: f32) {
        let stroke = (self.px * 0.07).max(1.5);
        let (left, right) = (pen_x + self.px * 0.1, pen_x + self.px * 0.9);
        let (top, bottom) = (baseline - self.px * 0.8, baseline + self.px * 0.05);
        let inside = |x: f32, y: f32| x >= left && x < right && y >= top && y < bottom;
        let in_hole = |x: f32, y: f32| {
            x >= left + stroke && x < right - stroke && y >= top + stroke && y < bottom - stroke
        };
        for row in top.floor() as i64..=bottom.ceil() as i64 {
            for column in left.floor() as i64..=right.ceil() as i64 {
                let (x, y) = (column as f32 + 0.5, row as f32 + 0.5);
                if inside(x, y) && !in_hole(x, y) {
                    darken(image, column, row, 1.0);
                }
            }
        }
    }
}

/// Ink `coverage` (0–1) onto the pixel at (`column`, `row`), if it lies inside the image.
fn darken(image: &mut GrayImage, column: i64, row: i64, coverage: f32) {
    let (Ok(x), Ok(y)) = (u32::try_from(column), u32::try_from(row)) else {
        return;
    };
    if let Some(pixel) = image.get_pixel_mut_checked(x, y) {
        let paper = f32::from(pixel.0[0]);
        let ink = paper * (1.0 - coverage.clamp(0.0, 1.0));
        pixel.0[0] = ink.round().clamp(0.0, 255.0) as u8;
    }
}

/// Rounds a non-negative pixel length up to whole pixels (a negative or absurd one to 0).
fn whole_pixels(length: f32) -> u32 {
    if length.is_finite() && length > 0.0 {
        length.ceil().min(u32::MAX as f32) as u32
    } else {
        0
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

    fn painter() -> TextLine<'static> {
        TextLine::new(CJK_FONT, PX).expect("bundled font opens")
    }

    /// Draws `text` at (10, 10) on a white canvas big enough for it.
    fn draw(text: &str) -> GrayImage {
        let painter = painter();
        let width = painter.line_width(text) + 20;
        let mut image = GrayImage::from_pixel(width, painter.line_height() + 20, Luma([255]));
        painter.draw(&mut image, text, 10, 10);
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
        let (mid_x, mid_y) = (u32::midpoint(left, right), u32::midpoint(top, bottom));
        assert!(image.get_pixel(mid_x, top).0[0] < INK);
        assert!(image.get_pixel(left, mid_y).0[0] < INK);
        assert_eq!(image.get_pixel(mid_x, mid_y).0[0], 255);
    }

    #[test]
    fn ink_off_the_image_is_clipped() {
        let painter = painter();
        let mut image = GrayImage::from_pixel(30, 30, Luma([255]));
        painter.draw(&mut image, "张三", -20, -20);
        painter.draw(&mut image, "张三", 25, 25);
        assert!(
            image.pixels().any(|pixel| pixel.0[0] < 255),
            "some ink lands inside"
        );
    }

    #[test]
    fn a_pixel_size_makes_an_em_that_many_pixels() {
        // A CJK ideograph's advance is one em: 40 px at 40 px per em.
        let width = painter().line_width("中");
        assert!((38..=42).contains(&width), "advance {width}");
    }
}
