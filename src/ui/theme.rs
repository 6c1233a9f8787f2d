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
/// Orange for a repeat: neither a pass nor a colour of the code.
pub const REPEAT: Color32 = Color32::from_rgb(0xF0, 0x8A, 0x24);
pub const QUAD_OUTLINE: Color32 = Color32::from_rgb(0x00, 0xC8, 0xFF);
pub const DARK_TEXT: Color32 = Color32::from_rgb(0x10, 0x10, 0x10);
pub const LIGHT_TEXT: Color32 = Color32::WHITE;

/// Night mode: the panel, the inside of an input field and its border.
pub const NIGHT_PANEL: Color32 = Color32::from_rgb(0x0B, 0x0B, 0x0F);
pub const NIGHT_FIELD: Color32 = Color32::from_rgb(0x20, 0x23, 0x2B);
pub const NIGHT_BORDER: Color32 = Color32::from_rgb(0x9A, 0xA0, 0xAA);

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

/// The banner's colour family; the screen turns it into fill and text colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Waiting for a code: calm grey.
    Neutral,
    Green,
    Yellow,
    Red,
    /// A fever, being re-measured or confirmed.
    Fever,
    /// Sent to the inspection area.
    Divert,
    /// Seen here or at a neighbouring gate within the repeat window.
    Repeat,
    /// The colour is not known: the volunteer must look at the phone.
    Unsure,
}

/// Fill and text colour of the banner for its tone (see `app::banner`).
pub fn tone_colours(tone: Tone) -> (Color32, Color32) {
    match tone {
        Tone::Neutral | Tone::Unsure => (GREY, LIGHT_TEXT),
        Tone::Green => (GREEN, LIGHT_TEXT),
        Tone::Yellow => (YELLOW, DARK_TEXT),
        Tone::Red => (RED, LIGHT_TEXT),
        Tone::Fever => (FEVER, LIGHT_TEXT),
        Tone::Divert => (DIVERT, LIGHT_TEXT),
        Tone::Repeat => (REPEAT, DARK_TEXT),
    }
}

/// The tone as a text colour on the window's background (banner yellow is unreadable there).
pub fn tone_text_colour(tone: Tone) -> Color32 {
    match tone {
        Tone::Yellow | Tone::Repeat => YELLOW_TEXT,
        tone => tone_colours(tone).0,
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
        for (text_style, font) in &mut style.text_styles {
            font.size = kiosk_text_size(text_style) * scale;
        }
        style.spacing.button_padding = egui::vec2(12.0, 8.0);
        style.spacing.interact_size.y = 36.0;
        if night {
            // High contrast for night shifts: pure white text on near-black, and input fields
            // that stand out from the panel (WCAG: 4.5:1 for text, 3:1 for field borders).
            style.visuals.override_text_color = Some(Color32::WHITE);
            style.visuals.panel_fill = NIGHT_PANEL;
            style.visuals.extreme_bg_color = NIGHT_FIELD;
            let border = egui::Stroke::new(1.5, NIGHT_BORDER);
            style.visuals.widgets.inactive.bg_stroke = border;
            style.visuals.widgets.noninteractive.bg_stroke = border;
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

/// WCAG 2 contrast ratio between two opaque colours (1 to 21).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    fn channel(value: u8) -> f32 {
        let c = f32::from(value) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }
    let luminance =
        |c: Color32| 0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b());
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn night_mode_text_and_field_borders_meet_wcag_contrast() {
        assert!(contrast_ratio(Color32::WHITE, NIGHT_PANEL) >= 4.5);
        assert!(
            contrast_ratio(Color32::WHITE, NIGHT_FIELD) >= 4.5,
            "text inside a field"
        );
        assert!(
            contrast_ratio(NIGHT_BORDER, NIGHT_PANEL) >= 3.0,
            "field border on the panel"
        );
        assert!(
            contrast_ratio(NIGHT_BORDER, NIGHT_FIELD) >= 3.0,
            "field border on the field"
        );
    }

    #[test]
    fn banner_text_is_readable_on_every_tone_as_large_text() {
        use super::Tone;
        for tone in [
            Tone::Neutral,
            Tone::Green,
            Tone::Yellow,
            Tone::Red,
            Tone::Fever,
            Tone::Divert,
            Tone::Repeat,
            Tone::Unsure,
        ] {
            let (fill, text) = tone_colours(tone);
            // The banner's words are 44 px bold: WCAG's large text needs 3:1.
            assert!(contrast_ratio(fill, text) >= 3.0, "{tone:?}");
        }
    }
}
