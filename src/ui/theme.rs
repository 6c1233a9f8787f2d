//! Colours and sizes: the only place colours are written down.
//!
//! Verdict colours are saturated and paired with a text colour chosen for contrast, because the
//! banner is read from a metre away, at night, by tired eyes. Words drawn in a verdict colour on
//! the window's own background use an [`Ink`]: one shade for the day theme and one for night,
//! each at WCAG AA (4.5:1) against the panel and the inside of a field; the tests below compute
//! every pair.

use egui::Color32;

use crate::model::HealthColour;

pub const GREEN: Color32 = Color32::from_rgb(0x0E, 0x7A, 0x34);
pub const YELLOW: Color32 = Color32::from_rgb(0xF2, 0xC1, 0x00);
/// Yellow for text in the day theme: the banner yellow is unreadable on a light background (see
/// [`YELLOW_INK`] for text in either theme).
pub const YELLOW_TEXT: Color32 = Color32::from_rgb(0x85, 0x60, 0x00);
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

/// Day theme: field borders and separators (3:1 on the panel and on a field's white).
pub const DAY_BORDER: Color32 = Color32::from_rgb(0x76, 0x76, 0x76);
/// Hints inside empty fields and other weak text (4.5:1, unlike egui's faded default).
pub const DAY_WEAK_TEXT: Color32 = Color32::from_rgb(0x5F, 0x5F, 0x5F);
pub const NIGHT_WEAK_TEXT: Color32 = Color32::from_rgb(0xAA, 0xAA, 0xAA);
/// Links (the Log's names): egui's light blue is 2.9:1 on the day panel.
pub const DAY_LINK: Color32 = Color32::from_rgb(0x00, 0x5A, 0xC8);
pub const NIGHT_LINK: Color32 = Color32::from_rgb(0x7C, 0xC4, 0xFF);

/// A colour for words on the window's own background: a darker shade for the day theme's
/// near-white panel and a lighter one for night's near-black.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ink {
    pub day: Color32,
    pub night: Color32,
}

impl Ink {
    /// The shade for the theme `visuals` belong to.
    pub fn on(self, visuals: &egui::Visuals) -> Color32 {
        if visuals.dark_mode {
            self.night
        } else {
            self.day
        }
    }
}

pub const GREEN_INK: Ink = Ink {
    day: GREEN,
    night: Color32::from_rgb(0x4C, 0xD8, 0x8A),
};
pub const YELLOW_INK: Ink = Ink {
    day: YELLOW_TEXT,
    night: YELLOW,
};
pub const RED_INK: Ink = Ink {
    day: RED,
    night: Color32::from_rgb(0xFF, 0x80, 0x80),
};
pub const FEVER_INK: Ink = Ink {
    day: FEVER,
    night: Color32::from_rgb(0xFF, 0x7A, 0xC8),
};
pub const DIVERT_INK: Ink = Ink {
    day: DIVERT,
    night: Color32::from_rgb(0xC9, 0xA3, 0xFF),
};
pub const REPEAT_INK: Ink = Ink {
    day: Color32::from_rgb(0x9E, 0x4F, 0x00),
    night: REPEAT,
};
pub const GREY_INK: Ink = Ink {
    day: GREY,
    night: Color32::from_rgb(0xB8, 0xBE, 0xC8),
};

/// Every ink, named for the contrast test.
pub const INKS: [(&str, Ink); 7] = [
    ("green", GREEN_INK),
    ("yellow", YELLOW_INK),
    ("red", RED_INK),
    ("fever", FEVER_INK),
    ("divert", DIVERT_INK),
    ("repeat", REPEAT_INK),
    ("grey", GREY_INK),
];

/// The ink for words in a health code's colour.
pub fn verdict_ink(colour: HealthColour) -> Ink {
    match colour {
        HealthColour::Green => GREEN_INK,
        HealthColour::Yellow => YELLOW_INK,
        HealthColour::Red => RED_INK,
        HealthColour::Unknown => GREY_INK,
    }
}

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

pub use crate::gate::Tone;

/// Fill and text colour of the banner for its tone (see `gate::banner`).
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

/// The tone as words on the window's background (banner yellow is unreadable there).
pub fn tone_ink(tone: Tone) -> Ink {
    match tone {
        Tone::Neutral | Tone::Unsure => GREY_INK,
        Tone::Green => GREEN_INK,
        Tone::Yellow => YELLOW_INK,
        Tone::Red => RED_INK,
        Tone::Fever => FEVER_INK,
        Tone::Divert => DIVERT_INK,
        Tone::Repeat => REPEAT_INK,
    }
}

/// The shape that goes with the tone's words, so the outcome never rests on colour alone (a
/// volunteer who cannot tell red from green reads √ from ×). Each is in GB2312, so the bundled
/// font draws it on every laptop, with or without a system CJK font.
pub fn tone_symbol(tone: Tone) -> &'static str {
    match tone {
        Tone::Neutral => "",
        Tone::Green => "√",
        Tone::Yellow => "▲",
        Tone::Red => "×",
        Tone::Fever => "◆",
        Tone::Divert => "→",
        Tone::Repeat => "◎",
        Tone::Unsure => "？",
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
        // Scroll bars always drawn beside what they scroll (egui's floating bars show only under
        // the mouse): a volunteer must see that more of the form lies below.
        style.spacing.scroll = egui::style::ScrollStyle::solid();
        // A blinking cursor repaints the window twice a second for as long as a field has focus.
        style.visuals.text_cursor.blink = false;
        if night {
            style.visuals.weak_text_color = Some(NIGHT_WEAK_TEXT);
            style.visuals.hyperlink_color = NIGHT_LINK;
            // High contrast for night shifts: pure white text on near-black, and input fields
            // that stand out from the panel (WCAG: 4.5:1 for text, 3:1 for field borders).
            style.visuals.override_text_color = Some(Color32::WHITE);
            style.visuals.panel_fill = NIGHT_PANEL;
            style.visuals.extreme_bg_color = NIGHT_FIELD;
            let border = egui::Stroke::new(1.5, NIGHT_BORDER);
            style.visuals.widgets.inactive.bg_stroke = border;
            style.visuals.widgets.noninteractive.bg_stroke = border;
        } else {
            style.visuals.weak_text_color = Some(DAY_WEAK_TEXT);
            style.visuals.hyperlink_color = DAY_LINK;
            let border = egui::Stroke::new(1.5, DAY_BORDER);
            style.visuals.widgets.inactive.bg_stroke = border;
            style.visuals.widgets.noninteractive.bg_stroke = border;
        }
    });
}

/// A size written for font scale 1 (body text 20 px), at the font scale in force: explicit text
/// sizes grow with the rest of the text.
pub fn scaled(ui: &egui::Ui, size: f32) -> f32 {
    let body = ui
        .style()
        .text_styles
        .get(&egui::TextStyle::Body)
        .map_or(20.0, |font| font.size);
    size * body / kiosk_text_size(&egui::TextStyle::Body)
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

    /// The visuals `apply` leaves for the day or night theme.
    fn visuals(night: bool) -> egui::Visuals {
        let ctx = egui::Context::default();
        apply(&ctx, night, 1.0);
        let theme = if night {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        };
        ctx.style_of(theme).visuals.clone()
    }

    /// The backgrounds words sit on: the panel, a window (prompts) and the inside of a field.
    fn backgrounds(visuals: &egui::Visuals) -> [(&'static str, Color32); 3] {
        [
            ("panel", visuals.panel_fill),
            ("window", visuals.window_fill),
            ("field", visuals.text_edit_bg_color()),
        ]
    }

    #[test]
    fn every_text_colour_meets_aa_on_every_background_day_and_night() {
        let mut failures = Vec::new();
        for night in [false, true] {
            let visuals = visuals(night);
            let mut texts = vec![
                ("text", visuals.text_color()),
                ("button text", visuals.widgets.inactive.fg_stroke.color),
                ("weak text and hints", visuals.weak_text_color()),
                ("links", visuals.hyperlink_color),
            ];
            texts.extend(INKS.iter().map(|(name, ink)| (*name, ink.on(&visuals))));
            for (text_name, text) in texts {
                for (background_name, background) in backgrounds(&visuals) {
                    let ratio = contrast_ratio(text, background);
                    if ratio < 4.5 {
                        failures.push(format!(
                            "night={night}: {text_name} on {background_name} {ratio:.2}:1"
                        ));
                    }
                }
            }
            let button = visuals.widgets.inactive;
            let ratio = contrast_ratio(button.fg_stroke.color, button.weak_bg_fill);
            if ratio < 4.5 {
                failures.push(format!("night={night}: button text on button {ratio:.2}:1"));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn field_borders_meet_three_to_one_day_and_night() {
        for night in [false, true] {
            let visuals = visuals(night);
            let border = visuals.widgets.inactive.bg_stroke.color;
            for (name, background) in backgrounds(&visuals) {
                let ratio = contrast_ratio(border, background);
                assert!(ratio >= 3.0, "night={night}: border on {name} {ratio:.2}:1");
            }
        }
    }

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

    const TONES: [Tone; 8] = [
        Tone::Neutral,
        Tone::Green,
        Tone::Yellow,
        Tone::Red,
        Tone::Fever,
        Tone::Divert,
        Tone::Repeat,
        Tone::Unsure,
    ];

    #[test]
    fn banner_text_is_readable_on_every_tone_as_normal_text() {
        for tone in TONES {
            let (fill, text) = tone_colours(tone);
            // The headline is large, but the banner's second line is not: 4.5:1 for both.
            let ratio = contrast_ratio(fill, text);
            assert!(ratio >= 4.5, "{tone:?}: {ratio:.2}:1");
        }
        for colour in [
            HealthColour::Green,
            HealthColour::Yellow,
            HealthColour::Red,
            HealthColour::Unknown,
        ] {
            let (fill, text) = verdict_colours(colour);
            assert!(contrast_ratio(fill, text) >= 4.5, "{colour:?}");
        }
    }

    #[test]
    fn every_outcome_has_its_own_shape_besides_its_colour() {
        let outcomes: Vec<&str> = TONES
            .iter()
            .filter(|tone| **tone != Tone::Neutral)
            .map(|tone| tone_symbol(*tone))
            .collect();
        for (index, symbol) in outcomes.iter().enumerate() {
            assert!(!symbol.is_empty());
            assert!(!outcomes[index + 1..].contains(symbol), "{symbol} twice");
        }
    }

    /// A shape the fonts cannot draw is a box at the gate (and a panic in the UI tests).
    #[test]
    fn every_outcome_shape_is_drawn_by_the_bundled_font() {
        use ab_glyph::Font as _;
        let font = ab_glyph::FontRef::try_from_slice(crate::assets::CJK_FONT).expect("font");
        for tone in TONES {
            for symbol in tone_symbol(tone).chars() {
                assert_ne!(font.glyph_id(symbol).0, 0, "{symbol} has no glyph");
            }
        }
    }
}
