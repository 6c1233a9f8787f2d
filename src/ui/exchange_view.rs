//! Exchange with neighbouring gates, on the Shift screen: export this gate's recent entries with
//! keyed hashes for kiosks sharing our hashing secret, and import theirs, so that a person checked
//! at the next gate ten minutes ago is shown here as a repeat rather than a new entry.

use super::command::Command;
use crate::config::Language;
use crate::text::screens::exchange_view as words;

/// What the exchange panel shows and edits.
pub struct ExchangeView<'a> {
    /// Our hashing secret's key id.
    pub key_id: &'a str,
    /// The neighbour's export file to import, as typed.
    pub import_path: &'a mut String,
}

pub fn exchange_ui(
    ui: &mut egui::Ui,
    view: &mut ExchangeView,
    lang: Language,
    commands: &mut Vec<Command>,
) {
    ui.heading(words::EXCHANGE_NEIGHBOURING_GATES.say(lang));
    ui.label(format!(
        "{} {}",
        words::REGISTRATION_KEY_ID.say(lang),
        view.key_id
    ));
    ui.label(words::GATES_SAME_KEY.say(lang));
    if ui.button(words::EXPORT_LAST_12.say(lang)).clicked() {
        commands.push(Command::ExportForNeighbours);
    }
    let label = words::NEIGHBOUR_EXPORT_FILE.say(lang);
    let import = crate::text::screens::common::IMPORT.say(lang);
    if super::path_field::path_field(ui, label, view.import_path, import) {
        let path = view.import_path.trim().into();
        commands.push(Command::ImportNeighbours(path));
    }
}
