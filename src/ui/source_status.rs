//! The live picture and a plain sentence about where it comes from.

use egui::{RichText, Stroke};

use super::theme;
use super::view_ctx::ViewCtx;
use crate::config::Language;
use crate::model::camera::{CaptureStatus, SourceKind};

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
        ui.label(lang.pick(
            "无实时画面：请用扫码枪，或把码的截图拖到窗口上",
            "No live picture: use a hardware scanner, or drop a screenshot of the code on the window",
        ));
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
        ui.label(RichText::new(lang.pick(
            "画面停在读码时：请核对码的颜色。本人登记完后恢复实时画面。",
            "Picture held at the moment the code was read: check its colour. Live again after this person.",
        )).strong());
    }
    let status = &source.status;
    let (text, warning) =
        if source.plays_feed && matches!(status, CaptureStatus::Running(SourceKind::Demo)) {
            // `run --feed`: the volunteer's own pictures, not the bundled samples, and no camera.
            let feed = lang.pick(
                "脚本画面（指定的图片循环播放，不是摄像头）",
                "Scripted feed (the given pictures in a loop, not a camera)",
            );
            (feed.to_owned(), false)
        } else {
            status_text(status, lang)
        };
    let colour = if warning {
        theme::RED_INK.on(ui.visuals())
    } else {
        ui.visuals().text_color()
    };
    ui.label(RichText::new(text).color(colour).size(20.0));
}

/// What the volunteer should know about the camera, and whether it is a problem.
pub fn status_text(status: &CaptureStatus, lang: Language) -> (String, bool) {
    match status {
        CaptureStatus::Starting => (
            lang.pick("正在打开摄像头…", "Opening the camera…")
                .to_owned(),
            false,
        ),
        CaptureStatus::Running(source) => (running_text(source, lang), false),
        // The reason comes from the camera driver; the volunteer needs only the gist, and the
        // reason is on the Settings screen for whoever fixes the camera.
        CaptureStatus::DemoFallback { .. } => (
            lang.pick(
                "演示画面：未找到摄像头。插上摄像头后会自动切换。",
                "Demo feed: no camera found. Plug one in and it is used automatically.",
            )
            .to_owned(),
            true,
        ),
        CaptureStatus::CameraLost { message, retrying } => {
            let again = if *retrying {
                lang.pick("正在重试…", "retrying…")
            } else {
                ""
            };
            match lang {
                // The driver's words are English: the Chinese line gives the gist only (the
                // Settings screen keeps the details for whoever fixes the camera).
                Language::ZhCn => (format!("摄像头断开，请检查连接线。{again}"), true),
                Language::En => (
                    format!("Camera lost: {message}. Check the cable. {again}"),
                    true,
                ),
            }
        }
        #[allow(unreachable_patterns)]
        other => (format!("{other:?}"), false),
    }
}

fn running_text(source: &SourceKind, lang: Language) -> String {
    match source {
        SourceKind::Webcam { name } => format!("{} {name}", lang.pick("摄像头", "Camera")),
        SourceKind::Demo => lang
            .pick("演示画面（内置样例）", "Demo feed (bundled samples)")
            .to_owned(),
        SourceKind::Still { label } => format!("{} {label}", lang.pick("图片", "Image")),
    }
}
