//! Colours and sizes: the only place colours are written down.
//!
//! Verdict colours are saturated and paired with a text colour chosen for contrast, because the
//! banner is read from a metre away, at night, by tired eyes.

use egui::Color32;

use crate::model::HealthColour;

pub const GREEN: Color32 = Color32::from_rgb(0x12, 0x8C, 0x3C);
pub const YELLOW: Color32 = Color32::from_rgb(0xF2, 0xC1, 0x00);
/// Yellow for text: the banner yellow is unreadable on a light background.
pub const YELLOW_TEXT: Color32 = Color32::from_rgb(0xB0, 0x80, 0x00);
pub const RED: Color32 = Color32::from_rgb(0xC6, 0x1A, 0x1A);
pub const GREY: Color32 = Color32::from_rgb(0x5A, 0x60, 0x6B);
pub const FEVER: Color32 = Color32::from_rgb(0xB0, 0x00, 0x5E);
pub const DIVERT: Color32 = Color32::from_rgb(0x8A, 0x3F, 0xC4);
pub const QUAD_OUTLINE: Color32 = Color32::from_rgb(0x00, 0xC8, 0xFF);
pub const DARK_TEXT: Color32 = Color32::from_rgb(0x10, 0x10, 0x10);
pub const LIGHT_TEXT: Color32 = Color32::WHITE;

/// Height of the big touch-friendly buttons (gloves).
pub const BIG_BUTTON_HEIGHT: f32 = 56.0;
/// Size of verdict text in the banner.
pub const BANNER_TEXT_SIZE: f32 = 44.0;

/// Fill and text colour of the verdict banner for a health-code colour.
pub fn verdict_colours(colour: HealthColour) -> (Color32, Color32) {
    match colour {
        HealthColour::Green => (GREEN, LIGHT_TEXT),
        HealthColour::Yellow => (YELLOW, DARK_TEXT),
        HealthColour::Red => (RED, LIGHT_TEXT),
        HealthColour::Unknown => (GREY, LIGHT_TEXT),
    }
}

/// Applies the day or night look and the font scale (idempotent: sizes come from a table).
pub fn apply(ctx: &egui::Context, night: bool, font_scale: f32) {
    ctx.set_theme(if night {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    let scale = font_scale.clamp(0.75, 2.0);
    ctx.all_styles_mut(|style| {
        for (text_style, font) in style.text_styles.iter_mut() {
            font.size = kiosk_text_size(text_style) * scale;
        }
        style.spacing.button_padding = egui::vec2(12.0, 8.0);
        style.spacing.interact_size.y = 36.0;
        if night {
            // High contrast for night shifts: pure white text on near-black.
            style.visuals.override_text_color = Some(Color32::WHITE);
            style.visuals.panel_fill = Color32::from_rgb(0x0B, 0x0B, 0x0F);
        }
    });
}

/// egui's default sizes are small for a kiosk read at arm's length.
fn kiosk_text_size(text_style: &egui::TextStyle) -> f32 {
    match text_style {
        egui::TextStyle::Small => 14.0,
        egui::TextStyle::Monospace => 18.0,
        egui::TextStyle::Heading => 30.0,
        _ => 20.0,
    }
}

/// Makes the app re-apply the theme and font scale at the start of the next frame.
pub fn apply_to_next_frame(styled: &mut bool) {
    *styled = false;
}
