//! A file path the leader types (a USB stick's file), with the button that uses it.

use egui::TextEdit;

/// The label above, the path and the button below; true when the button was clicked.
pub fn path_field(ui: &mut egui::Ui, label: &str, path: &mut String, button: &str) -> bool {
    let label = ui.label(label);
    ui.horizontal(|ui| {
        ui.add(
            TextEdit::singleline(path)
                .char_limit(super::form_ui::PATH_CHARS)
                .desired_width(360.0),
        )
        .labelled_by(label.id);
        ui.button(button).clicked()
    })
    .inner
}
