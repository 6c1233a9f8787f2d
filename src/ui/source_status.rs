//! The live picture and a plain sentence about where it comes from.

use egui::{RichText, Stroke};

use super::theme;
use super::view_ctx::ViewCtx;
use crate::config::Language;
use crate::model::camera::{CaptureStatus, SourceKind};
use crate::text::screens::source_status as words;

/// Where the live picture comes from, prepared by the app each frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceView {
    pub status: CaptureStatus,
    /// The pictures given to `run --feed` play instead of a camera.
    pub plays_feed: bool,
}

/// The live picture as the app holds it this frame.
#[derive(Clone, Copy)]
pub struct PictureView<'a> {
    /// The newest (or held) frame, uploaded to the GPU.
    pub texture: Option<&'a egui::TextureHandle>,
    /// Corners of the code to outline, in the picture's pixels.
    pub outline: Option<[[f32; 2]; 4]>,
    /// Held still on the frame the current person's code was read from.
    pub frozen: bool,
}

/// Draws the preview (or a note that there is none, when `source` is `None`: no frame source
/// runs) and the source status under it.
pub fn preview_ui(
    ui: &mut egui::Ui,
    preview: PictureView,
    source: Option<&SourceView>,
    ctx: &ViewCtx,
) {
    let lang = ctx.lang;
    let Some(source) = source else {
        ui.label(words::NO_LIVE_PICTURE.say(lang));
        return;
    };
    if let Some(texture) = preview.texture {
        let size = texture.size_vec2();
        let scale = (ui.available_width() / size.x).min(1.0);
        let response = ui.image((texture.id(), size * scale));
        if let Some(corners) = preview.outline {
            let points: Vec<egui::Pos2> = corners
                .iter()
                .map(|[x, y]| response.rect.min + egui::vec2(x * scale, y * scale))
                .collect();
            ui.painter().add(egui::Shape::closed_line(
                points,
                Stroke::new(4.0, theme::QUAD_OUTLINE),
            ));
        }
    }
    if preview.frozen {
        ui.label(RichText::new(words::PICTURE_HELD_MOMENT.say(lang)).strong());
    }
    let status = &source.status;
    let (text, warning) =
        if source.plays_feed && matches!(status, CaptureStatus::Running(SourceKind::Demo)) {
            // `run --feed`: the volunteer's own pictures, not the bundled samples, and no camera.
            let feed = words::SCRIPTED_FEED_GIVEN.say(lang);
            (feed.to_owned(), false)
        } else {
            status_text(status, lang)
        };
    let colour = if warning {
        theme::RED_INK.on(ui.visuals())
    } else {
        ui.visuals().text_color()
    };
    ui.label(
        RichText::new(text)
            .color(colour)
            .size(super::theme::scaled(ui, 20.0)),
    );
}

/// What the volunteer should know about the camera, and whether it is a problem.
pub fn status_text(status: &CaptureStatus, lang: Language) -> (String, bool) {
    match status {
        CaptureStatus::Starting => (words::OPENING_CAMERA.say(lang).to_owned(), false),
        CaptureStatus::Running(source) => (running_text(source, lang), false),
        // The reason comes from the camera driver; the volunteer needs only the gist, and the
        // reason is on the Settings screen for whoever fixes the camera.
        CaptureStatus::DemoFallback { .. } => (words::DEMO_FEED_NO.say(lang).to_owned(), true),
        CaptureStatus::CameraLost { message, retrying } => {
            let again = if *retrying {
                words::RETRYING.say(lang)
            } else {
                ""
            };
            (words::camera_lost(message, again, lang), true)
        }
        #[allow(unreachable_patterns)]
        other => (format!("{other:?}"), false),
    }
}

fn running_text(source: &SourceKind, lang: Language) -> String {
    match source {
        SourceKind::Webcam { name } => {
            format!("{} {name}", crate::text::screens::common::CAMERA.say(lang))
        }
        SourceKind::Demo => words::DEMO_FEED.say(lang).to_owned(),
        SourceKind::Still { label } => format!("{} {label}", words::IMAGE.say(lang)),
    }
}
