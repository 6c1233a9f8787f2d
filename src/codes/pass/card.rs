//! The printable pass card: the QR code drawn big, with the pass id, unit, kind and expiry in
//! ASCII underneath (the holder's name is not drawn: no CJK font rasteriser is available).

use std::path::Path;

use image::{GrayImage, Luma};
use qrcode::{EcLevel, QrCode};

use super::font::{GLYPH_HEIGHT, GLYPH_WIDTH, glyph};
use super::payload::{PassBody, PassKind};
use crate::codes::CodesError;

/// Pixels per QR module: big enough for a webcam at arm's length once printed.
const MODULE_PIXELS: u32 = 10;
/// Pixels per font dot.
const TEXT_SCALE: u32 = 4;
const MARGIN: u32 = 40;
const LINE_GAP: u32 = 12;

/// Draws the card for a signed pass.
pub fn render(body: &PassBody, payload: &str) -> Result<GrayImage, CodesError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|error| CodesError::Render(error.to_string()))?;
    let qr = code
        .render::<Luma<u8>>()
        .module_dimensions(MODULE_PIXELS, MODULE_PIXELS)
        .quiet_zone(true)
        .build();
    let lines = text_lines(body);
    let text_width = lines.iter().map(|line| line_width(line)).max().unwrap_or(0);
    let line_height = GLYPH_HEIGHT * TEXT_SCALE + LINE_GAP;
    let width = qr.width().max(text_width) + 2 * MARGIN;
    let height = qr.height() + 2 * MARGIN + line_height * lines.len() as u32;
    let mut card = GrayImage::from_pixel(width, height, Luma([255]));
    image::imageops::replace(
        &mut card,
        &qr,
        i64::from((width - qr.width()) / 2),
        i64::from(MARGIN),
    );
    for (index, line) in lines.iter().enumerate() {
        let top = MARGIN + qr.height() + line_height * index as u32;
        draw_text(&mut card, line, (width - line_width(line)) / 2, top);
    }
    Ok(card)
}

/// Draws and saves the card as PNG.
pub fn save_png(body: &PassBody, payload: &str, path: &Path) -> Result<(), CodesError> {
    render(body, payload)?
        .save_with_format(path, image::ImageFormat::Png)
        .map_err(|error| CodesError::Render(format!("{}: {error}", path.display())))
}

/// The lines printed under the QR code; characters the font lacks (Chinese) print as `?`.
pub fn text_lines(body: &PassBody) -> Vec<String> {
    let kind = match &body.kind {
        PassKind::Vehicle { plate } => format!("VEHICLE {}", printable(plate)),
        other => other.as_str().to_uppercase(),
    };
    vec![
        format!("PASS {}", body.pass_id),
        format!("UNIT {}", printable(&body.unit)),
        kind,
        format!("VALID TO {}", body.valid_to.format("%Y-%m-%d")),
    ]
}

fn printable(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| if glyph(c).is_some() { c } else { '?' })
        .collect()
}

fn line_width(line: &str) -> u32 {
    line.chars().count() as u32 * (GLYPH_WIDTH + 1) * TEXT_SCALE
}

fn draw_text(card: &mut GrayImage, line: &str, left: u32, top: u32) {
    for (index, c) in line.chars().enumerate() {
        let Some(rows) = glyph(c) else { continue };
        let glyph_left = left + index as u32 * (GLYPH_WIDTH + 1) * TEXT_SCALE;
        for (row, bits) in rows.iter().enumerate() {
            for column in 0..GLYPH_WIDTH {
                if bits & (1 << (GLYPH_WIDTH - 1 - column)) != 0 {
                    fill_dot(
                        card,
                        glyph_left + column * TEXT_SCALE,
                        top + row as u32 * TEXT_SCALE,
                    );
                }
            }
        }
    }
}

fn fill_dot(card: &mut GrayImage, left: u32, top: u32) {
    for y in top..(top + TEXT_SCALE).min(card.height()) {
        for x in left..(left + TEXT_SCALE).min(card.width()) {
            card.put_pixel(x, y, Luma([0]));
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;

    fn body() -> PassBody {
        PassBody {
            pass_id: "P0A1B2C3D4E".to_owned(),
            holder: "张三".to_owned(),
            unit: "3-2-501".to_owned(),
            kind: PassKind::Vehicle {
                plate: "粤B12345".to_owned(),
            },
            valid_from: DateTime::from_timestamp(1_790_000_000, 0).expect("time"),
            valid_to: DateTime::parse_from_rfc3339("2026-12-31T12:00:00Z")
                .expect("time")
                .to_utc(),
            signer_kid: [0; 8],
        }
    }

    #[test]
    fn the_card_prints_ascii_details_and_marks_what_it_cannot_draw() {
        let lines = text_lines(&body());
        assert_eq!(
            lines,
            [
                "PASS P0A1B2C3D4E",
                "UNIT 3-2-501",
                "VEHICLE ?B12345",
                "VALID TO 2026-12-31"
            ]
        );
    }

    #[test]
    fn the_qr_on_the_card_reads_back_as_the_payload() {
        let payload = "CKP1:ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let card = render(&body(), payload).expect("render");
        let mut prepared = rqrr::PreparedImage::prepare(card);
        let grids = prepared.detect_grids();
        let (_, content) = grids
            .first()
            .expect("one QR code")
            .decode()
            .expect("decodes");
        assert_eq!(content, payload);
    }
}
