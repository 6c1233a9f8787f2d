//! − / + steppers instead of drag-number boxes: a gloved finger cannot drag a number by a tenth,
//! but it can press a 48-pixel button.

use egui::RichText;

use super::form_ui::MIN_TARGET;

/// A number between `min` and `max`, changed by `step` with two big buttons. The value is shown
/// with `decimals` places and named by `label` for screen readers (and the UI tests).
pub fn stepper_f32(
    ui: &mut egui::Ui,
    value: &mut f32,
    step: f32,
    (min, max): (f32, f32),
    decimals: usize,
    label: egui::Id,
) {
    ui.horizontal(|ui| {
        if button(ui, "−").clicked() {
            *value = round_to(*value - step, decimals).clamp(min, max);
        }
        ui.label(
            RichText::new(format!("{value:.decimals$}"))
                .size(super::theme::scaled(ui, 24.0))
                .monospace(),
        )
        .labelled_by(label);
        if button(ui, "+").clicked() {
            *value = round_to(*value + step, decimals).clamp(min, max);
        }
    });
}

/// A whole number between `min` and `max`, one step per press.
pub fn stepper_u32(ui: &mut egui::Ui, value: &mut u32, (min, max): (u32, u32), label: egui::Id) {
    ui.horizontal(|ui| {
        if button(ui, "−").clicked() {
            *value = value.saturating_sub(1).clamp(min, max);
        }
        ui.label(
            RichText::new(value.to_string())
                .size(super::theme::scaled(ui, 24.0))
                .monospace(),
        )
        .labelled_by(label);
        if button(ui, "+").clicked() {
            *value = value.saturating_add(1).clamp(min, max);
        }
    });
}

fn button(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.add(
        egui::Button::new(RichText::new(text).size(super::theme::scaled(ui, 26.0)))
            .min_size(egui::vec2(MIN_TARGET, MIN_TARGET)),
    )
}

/// 37.299999 + 0.1 must show as 37.4, not drift: round to the places shown.
fn round_to(value: f32, decimals: usize) -> f32 {
    let scale = 10f32.powi(i32::try_from(decimals).unwrap_or(2).min(6));
    (value * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::round_to;

    #[test]
    fn stepping_by_a_tenth_does_not_drift() {
        let mut value = 37.3f32;
        for _ in 0..7 {
            value = round_to(value + 0.1, 1);
        }
        assert_eq!(format!("{value:.1}"), "38.0");
    }
}
