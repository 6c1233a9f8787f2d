//! The printable pass card: the QR code drawn big, with the holder's name, unit, kind, expiry
//! and pass id in Chinese underneath, drawn with the app's bundled CJK font so that a volunteer
//! at the gate can compare the name on the paper with the person.

use std::path::Path;

use image::{GrayImage, Luma};
use qrcode::{EcLevel, QrCode};

use super::payload::{PassBody, PassKind};
use crate::assets::CJK_FONT;
use crate::assets::text_line::TextLine;
use crate::codes::CodesError;
use crate::model::pass_card::CardWords;

/// Pixels per QR module: big enough for a webcam at arm's length once printed.
const MODULE_PIXELS: u32 = 10;
/// Pixels per em of the holder's name, the line compared with the person: larger than the rest.
const NAME_PX: f32 = 64.0;
/// Pixels per em of the other lines: about 10 pt when the card is printed 6 cm wide.
const DETAIL_PX: f32 = 44.0;
const MARGIN: u32 = 40;
const LINE_GAP: u32 = 8;

/// Draws the card for a signed pass, without a checkpoint name.
pub fn render(body: &PassBody, payload: &str, words: &CardWords) -> Result<GrayImage, CodesError> {
    render_for(body, payload, "", words)
}

/// Draws the card: the 出入证 title and the checkpoint's name above the QR code (issue 25),
/// the holder's masked name, unit, kind, validity and number below it.
pub fn render_for(
    body: &PassBody,
    payload: &str,
    checkpoint_name: &str,
    words: &CardWords,
) -> Result<GrayImage, CodesError> {
    let qr = qr_image(payload)?;
    let font_error =
        |error: crate::assets::text_line::FontError| CodesError::Render(error.to_string());
    let name = TextLine::new(CJK_FONT, NAME_PX).map_err(font_error)?;
    let detail = TextLine::new(CJK_FONT, DETAIL_PX).map_err(font_error)?;
    let heading: Vec<(String, &TextLine)> = heading_lines(checkpoint_name, words)
        .into_iter()
        .enumerate()
        .map(|(index, text)| (text, if index == 0 { &name } else { &detail }))
        .collect();
    let lines: Vec<(String, &TextLine)> = text_lines(body, words)
        .into_iter()
        .enumerate()
        .map(|(index, text)| (text, if index == 0 { &name } else { &detail }))
        .collect();
    let all = || heading.iter().chain(&lines);
    let text_width = all()
        .map(|(text, painter)| painter.line_width(text))
        .max()
        .unwrap_or(0);
    let height_of = |lines: &[(String, &TextLine)]| -> u32 {
        lines
            .iter()
            .map(|(_, painter)| painter.line_height() + LINE_GAP)
            .sum()
    };
    let (heading_height, text_height) = (height_of(&heading), height_of(&lines));
    let width = qr.width().max(text_width) + 2 * MARGIN;
    let height = heading_height + qr.height() + text_height + 2 * MARGIN;
    let mut card = GrayImage::from_pixel(width, height, Luma([255]));
    let mut top = MARGIN;
    for (text, painter) in &heading {
        let left = (width - painter.line_width(text)) / 2;
        painter.draw(&mut card, text, left.into(), top.into());
        top += painter.line_height() + LINE_GAP;
    }
    // The QR image carries its own quiet zone; text never goes inside it.
    image::imageops::replace(
        &mut card,
        &qr,
        i64::from((width - qr.width()) / 2),
        i64::from(top),
    );
    top += qr.height();
    for (text, painter) in lines {
        let left = (width - painter.line_width(&text)) / 2;
        painter.draw(&mut card, &text, left.into(), top.into());
        top += painter.line_height() + LINE_GAP;
    }
    Ok(card)
}

/// Draws and saves the card as PNG.
/// Saves the card as a PNG readable by the kiosk's user only (0600, issue 25: it shows a
/// resident's details and a valid pass).
pub fn save_png(
    body: &PassBody,
    payload: &str,
    checkpoint_name: &str,
    words: &CardWords,
    path: &Path,
) -> Result<(), CodesError> {
    let mut png = std::io::Cursor::new(Vec::new());
    render_for(body, payload, checkpoint_name, words)?
        .write_to(&mut png, image::ImageFormat::Png)
        .map_err(|error| CodesError::Render(format!("{}: {error}", path.display())))?;
    crate::config::write_atomically(path, png.get_ref())?;
    Ok(())
}

/// The lines printed under the QR code, the holder's name first (it is printed larger).
/// Characters the font lacks are drawn as boxes, so nothing is dropped here.
/// The card's title and the issuing checkpoint's name (when it has one).
pub fn heading_lines(checkpoint_name: &str, words: &CardWords) -> Vec<String> {
    let mut lines = vec![words.title.to_owned()];
    if !checkpoint_name.trim().is_empty() {
        lines.push(checkpoint_name.trim().to_owned());
    }
    lines
}

/// The holder's name is printed masked (张*): a lost card gives nobody a full name.
pub fn text_lines(body: &PassBody, words: &CardWords) -> Vec<String> {
    let kind = match &body.kind {
        PassKind::Resident => words.resident.to_owned(),
        PassKind::Worker => words.worker.to_owned(),
        PassKind::Vehicle { plate } => format!("{} {}", words.vehicle, plate.trim()),
    };
    vec![
        format!(
            "{} {}",
            words.name,
            crate::model::pii::mask_name(&body.holder)
        ),
        format!("{} {}", words.unit, body.unit.trim()),
        format!("{} {kind}", words.kind),
        // The date people read is the local one (UTC would print the day before in China).
        format!(
            "{} {}",
            words.valid_to,
            body.valid_to
                .with_timezone(&chrono::Local)
                .format("%Y-%m-%d")
        ),
        format!("{} {}", words.number, body.pass_id),
    ]
}

/// The payload as a QR code, with its quiet zone, in black on white.
fn qr_image(payload: &str) -> Result<GrayImage, CodesError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|error| CodesError::Render(error.to_string()))?;
    Ok(code
        .render::<Luma<u8>>()
        .module_dimensions(MODULE_PIXELS, MODULE_PIXELS)
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
pub(crate) mod tests {
    use chrono::DateTime;
    use ed25519_dalek::SigningKey;
    use image::DynamicImage;

    use super::*;

    /// The card's words, as the catalogue gives them (`codes` may not name `text`); the pass
    /// admin's tests print cards with them too.
    pub(crate) const WORDS: CardWords = CardWords {
        title: "出入证",
        name: "姓名",
        unit: "住址",
        kind: "类别",
        valid_to: "有效期至",
        number: "编号",
        resident: "居民",
        worker: "工作人员",
        vehicle: "车辆",
    };
    use crate::codes::pass::payload;

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

    /// A really signed payload, so the QR code has the size of a real card's.
    fn signed(body: &PassBody) -> String {
        payload::sign(body, &SigningKey::from_bytes(&[7; 32]))
    }

    /// What the kiosk's own scanner reads off the card.
    fn scanned(card: GrayImage) -> Vec<String> {
        let rgb = DynamicImage::ImageLuma8(card).to_rgb8();
        crate::scan::scan_still(&rgb)
            .into_iter()
            .map(|code| code.text)
            .collect()
    }

    /// Dark pixels below the QR code's image, where the text lines go.
    fn text_ink(card: &GrayImage, payload: &str) -> usize {
        let below_qr = MARGIN + qr_image(payload).expect("qr").height();
        card.enumerate_pixels()
            .filter(|(_, y, pixel)| *y >= below_qr && pixel.0[0] < 128)
            .count()
    }

    #[test]
    fn the_card_lines_show_name_unit_kind_expiry_and_id_in_chinese() {
        let lines = text_lines(&body(), &WORDS);
        assert_eq!(
            lines,
            [
                "姓名 张*",
                "住址 3-2-501",
                "类别 车辆 粤B12345",
                "有效期至 2026-12-31",
                "编号 P0A1B2C3D4E",
            ]
        );
        let resident = PassBody {
            kind: PassKind::Resident,
            ..body()
        };
        assert_eq!(text_lines(&resident, &WORDS)[2], "类别 居民");
        let worker = PassBody {
            kind: PassKind::Worker,
            ..body()
        };
        assert_eq!(text_lines(&worker, &WORDS)[2], "类别 工作人员");
    }

    #[test]
    fn the_qr_on_the_card_reads_back_with_the_kiosk_scanner() {
        let payload = signed(&body());
        let card = render(&body(), &payload, &WORDS).expect("render");
        assert!(text_ink(&card, &payload) > 1000, "the text lines are drawn");
        assert_eq!(scanned(card), [payload]);
    }

    #[test]
    fn a_name_character_missing_from_the_font_still_gives_a_card_with_a_box() {
        let rare = PassBody {
            unit: "王𠮷".to_owned(),
            ..body()
        };
        let payload = signed(&rare);
        let with_box = render(&rare, &payload, &WORDS).expect("render");
        // The same name with a drawable character in place of 𠮷 for comparison.
        let plain = PassBody {
            unit: "王一".to_owned(),
            ..body()
        };
        let without_box = render(&plain, &payload, &WORDS).expect("render");
        // The box is ink that 一's single stroke does not have.
        assert!(text_ink(&with_box, &payload) > text_ink(&without_box, &payload) + 200);
    }

    #[test]
    fn a_long_name_widens_the_card_instead_of_being_cut() {
        let payload = signed(&body());
        let short = render(&body(), &payload, &WORDS).expect("render");
        let long_name = PassBody {
            holder: "阿卜杜热合曼·买买提艾力·阿卜杜热合曼".to_owned(),
            ..body()
        };
        let long = render(&long_name, &payload, &WORDS).expect("render");
        assert!(long.width() > short.width());
        assert_eq!(long.height(), short.height());
    }

    #[test]
    fn the_card_has_the_title_and_the_checkpoint_above_the_qr_and_still_scans() {
        assert_eq!(
            heading_lines("  阳光小区东门 ", &WORDS),
            ["出入证", "阳光小区东门"]
        );
        assert_eq!(heading_lines("", &WORDS), ["出入证"]);
        let payload = signed(&body());
        let titled = render_for(&body(), &payload, "阳光小区东门", &WORDS).expect("render");
        let plain = render(&body(), &payload, &WORDS).expect("render");
        assert!(titled.height() > plain.height(), "a line more");
        assert_eq!(scanned(titled), [payload]);
    }
}
