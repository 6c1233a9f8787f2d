//! Sizing that keeps every control in place and in reach (issue 23): message lines with a slot
//! of their own, whose height follows the font scale, so a message that appears or goes never
//! moves a button under a finger.

use egui::RichText;

/// A message line in a strip `lines` rows of body text high, blank when there is no message:
/// what follows keeps its place. A longer message wraps inside and is cut at the strip's end,
/// with the whole text under the mouse.
pub fn message_slot(ui: &mut egui::Ui, lines: f32, message: Option<RichText>) {
    let row = ui.text_style_height(&egui::TextStyle::Body);
    let height = row * lines + ui.spacing().item_spacing.y;
    super::form_ui::slot(ui, height, |ui| {
        if let Some(message) = message {
            let full = message.text().to_owned();
            ui.add(egui::Label::new(message).wrap()).on_hover_text(full);
        }
    });
}

/// How many of the first frames ask the window manager to maximise the window (see
/// [`maximise_at_start`]).
const MAXIMISE_FRAMES: u64 = 30;

/// Marks the window as one to maximise at start (not when it starts full screen).
pub fn start_maximised(ctx: &egui::Context) {
    ctx.data_mut(|data| data.insert_temp(maximise_id(), true));
}

fn maximise_id() -> egui::Id {
    egui::Id::unique("kiosk-start-maximised")
}

/// Asks again for the maximised window during the first frames: openbox (and other window
/// managers) ignore the state asked for when the window is created, and a 1366×768 window with a
/// title bar on a 1280×720 screen puts the counter bar below its edge. Stops once the window is
/// maximised or full screen, so a volunteer who restores it keeps the size they chose.
pub fn maximise_at_start(ctx: &egui::Context) {
    let wanted = ctx.data(|data| data.get_temp::<bool>(maximise_id()).unwrap_or(false));
    if !wanted {
        return;
    }
    let (maximized, fullscreen) =
        ctx.input(|input| (input.viewport().maximized, input.viewport().fullscreen));
    if maximized == Some(true)
        || fullscreen == Some(true)
        || ctx.cumulative_frame_nr() > MAXIMISE_FRAMES
    {
        ctx.data_mut(|data| data.remove::<bool>(maximise_id()));
        return;
    }
    ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
    ctx.request_repaint_after(std::time::Duration::from_millis(100));
}

/// The text size at which `text` (one line, without wrapping) fits in `room` pixels: `size`, or
/// smaller down to `min` when the font scale would make the line wrap.
pub fn size_to_fit(ui: &egui::Ui, text: String, size: f32, room: f32, min: f32) -> f32 {
    let width = ui.fonts_mut(|fonts| {
        fonts
            .layout_no_wrap(text, egui::FontId::proportional(size), egui::Color32::WHITE)
            .size()
            .x
    });
    if width > room && width > 0.0 {
        (size * room / width).max(min)
    } else {
        size
    }
}

/// Below this height (in points) the Scan screen's room is short: 1280×720 under a title bar at
/// the largest font leaves about 470.
const SHORT_SCREEN: f32 = 560.0;

/// The share of the width the Scan screen's picture takes: half, or less when the room is short.
pub fn picture_share(ui: &egui::Ui) -> f32 {
    if ui.available_height() < SHORT_SCREEN {
        0.4
    } else {
        0.5
    }
}

/// The room left in `ui`, cut in two side by side: the first `share` of the width, and the rest
/// after the usual gap.
pub fn split(ui: &egui::Ui, share: f32) -> [egui::Rect; 2] {
    let room = ui.available_rect_before_wrap();
    let gap = ui.spacing().item_spacing.x;
    let left = ((room.width() - gap) * share).floor();
    let first = egui::Rect::from_min_size(room.min, egui::vec2(left, room.height()));
    let second = egui::Rect::from_min_max(egui::pos2(first.max.x + gap, room.min.y), room.max);
    [first, second]
}
