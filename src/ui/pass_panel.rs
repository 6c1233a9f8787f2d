//! Resident and vehicle passes (出入证) on the Settings screen: a shift leader creates the
//! checkpoint's signing key, shares its public half with neighbouring gates, trusts theirs,
//! issues passes with a printable card and revokes lost ones. Every file operation runs on the
//! "passes" thread (see `app::pass_commands`); this file only draws and collects what was typed.

use egui::{RichText, TextEdit};

use super::command::{Command, PassAction};
use crate::config::Language;
use crate::text::passes;
use crate::text::screens::pass_panel as words;

/// Which kind of pass the form issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PassKindChoice {
    #[default]
    Resident,
    Worker,
    Vehicle,
}

/// The pass form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassForm {
    pub holder: String,
    pub unit: String,
    pub kind: PassKindChoice,
    pub plate: String,
    pub days: u32,
    pub revoke_id: String,
    pub neighbour_key_path: String,
    /// The leader whose PIN allows the next key, issue or revoke task (issue 25).
    pub leader_name: String,
    pub leader_pin: String,
    /// Why the pass is revoked (asked before revoking; audited).
    pub revoke_reason: String,
    /// A revoke waiting for "yes": the pass id.
    pub confirm_revoke: Option<String>,
    /// The issued list's search: masked name, unit or pass number.
    pub search: String,
}

impl Default for PassForm {
    fn default() -> Self {
        Self {
            holder: String::new(),
            unit: String::new(),
            kind: PassKindChoice::default(),
            plate: String::new(),
            days: 30,
            revoke_id: String::new(),
            neighbour_key_path: String::new(),
            leader_name: String::new(),
            leader_pin: String::new(),
            revoke_reason: String::new(),
            confirm_revoke: None,
            search: String::new(),
        }
    }
}

/// A pass issued here, masked as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedPass {
    pub pass_id: String,
    pub holder_masked: String,
    pub unit: String,
    pub plate: Option<String>,
    pub valid_to: chrono::DateTime<chrono::Utc>,
    pub revoked: bool,
}

/// What the pass panel shows and edits, prepared by the app each frame.
pub struct PassView<'a> {
    pub form: &'a mut PassForm,
    pub message: Option<&'a crate::text::Said>,
    /// A shift leader is signed in: keys, issuing and revoking are open.
    pub is_leader: bool,
    /// The checkpoint's signing key id, once the key exists.
    pub key_id: Option<&'a str>,
    /// Where the public key is written for neighbours.
    pub exports_dir: &'a std::path::Path,
    /// The passes issued here, newest first.
    pub issued: Vec<IssuedPass>,
    /// The card of the pass issued last, to print or open.
    pub last_card: Option<&'a std::path::Path>,
}

pub fn pass_panel_ui(
    ui: &mut egui::Ui,
    view: &mut PassView,
    lang: Language,
    commands: &mut Vec<Command>,
) {
    ui.heading(words::RESIDENT_VEHICLE_PASSES.say(lang));
    if let Some(message) = view.message {
        ui.label(RichText::new(message.text(lang)).strong());
    }
    leader_pin_ui(ui, view.form, lang);
    key_ui(ui, view, lang, commands);
    issue_ui(ui, view.form, lang, commands);
    if let Some(card) = view.last_card {
        card_buttons_ui(ui, card, lang, commands);
    }
    revoke_ui(ui, view.form, lang, commands);
    issued_ui(ui, view.form, &view.issued, lang, commands);
}

/// The leader's name and PIN, asked for every key, issue and revoke (issue 25).
fn leader_pin_ui(ui: &mut egui::Ui, form: &mut PassForm, lang: Language) {
    ui.label(passes::LEADER_PIN_HINT.say(lang));
    ui.horizontal(|ui| {
        let label = ui.label(passes::LEADER_NAME.say(lang));
        ui.add(
            TextEdit::singleline(&mut form.leader_name)
                .char_limit(super::form_ui::FIELD_CHARS)
                .desired_width(140.0),
        )
        .labelled_by(label.id);
        let label = ui.label(passes::LEADER_PIN.say(lang));
        ui.add(
            TextEdit::singleline(&mut form.leader_pin)
                .password(true)
                .char_limit(12)
                .desired_width(90.0),
        )
        .labelled_by(label.id);
    });
}

fn card_buttons_ui(
    ui: &mut egui::Ui,
    card: &std::path::Path,
    lang: Language,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        if ui.button(passes::PRINT_CARD.say(lang)).clicked() {
            let card = card.to_path_buf();
            commands.push(Command::Pass(PassAction::PrintCard { card }));
        }
        if ui.button(passes::OPEN_CARD.say(lang)).clicked() {
            let card = card.to_path_buf();
            commands.push(Command::Pass(PassAction::OpenCard { card }));
        }
    });
}

fn key_ui(ui: &mut egui::Ui, view: &mut PassView, lang: Language, commands: &mut Vec<Command>) {
    if let Some(key_id) = view.key_id {
        ui.horizontal(|ui| {
            ui.label(format!("{} {key_id}", words::PASS_STAMP_ID.say(lang)));
            let export = words::EXPORT_STAMP_FILE.say(lang);
            if ui.button(export).clicked() {
                let out_dir = view.exports_dir.to_path_buf();
                commands.push(Command::Pass(PassAction::ExportPublicKey { out_dir }));
            }
        });
    } else {
        ui.label(words::NO_PASS_STAMP.say(lang));
        if view.is_leader && ui.button(words::CREATE_PASS_STAMP.say(lang)).clicked() {
            commands.push(Command::Pass(PassAction::CreateKey));
        }
    }
    let label = words::ACCEPT_NEIGHBOURING_GATE.say(lang);
    let trust = words::ACCEPT.say(lang);
    let path = &mut view.form.neighbour_key_path;
    if super::path_field::path_field(ui, label, path, trust) {
        let file = path.trim().into();
        commands.push(Command::Pass(PassAction::TrustNeighbour { file }));
    }
}

fn issue_ui(ui: &mut egui::Ui, panel: &mut PassForm, lang: Language, commands: &mut Vec<Command>) {
    egui::Grid::new("pass-form").num_columns(2).show(ui, |ui| {
        text_row(ui, words::HOLDER_NAME.say(lang), &mut panel.holder);
        text_row(ui, words::UNIT_BUILDING_UNIT.say(lang), &mut panel.unit);
        ui.label(words::KIND.say(lang));
        ui.horizontal(|ui| {
            let kinds = [
                (PassKindChoice::Resident, words::RESIDENT.say(lang)),
                (PassKindChoice::Worker, words::WORKER.say(lang)),
                (
                    PassKindChoice::Vehicle,
                    crate::text::terms::VEHICLE.say(lang),
                ),
            ];
            for (kind, text) in kinds {
                ui.selectable_value(&mut panel.kind, kind, text);
            }
        });
        ui.end_row();
        if panel.kind == PassKindChoice::Vehicle {
            text_row(
                ui,
                crate::text::screens::common::PLATE.say(lang),
                &mut panel.plate,
            );
        }
        let label = ui.label(words::VALID_DAYS.say(lang));
        ui.add(egui::DragValue::new(&mut panel.days).range(1..=3660))
            .labelled_by(label.id);
        ui.end_row();
    });
    let issue = words::ISSUE_DRAW_CARD.say(lang);
    if ui
        .button(RichText::new(issue).size(super::theme::scaled(ui, 20.0)))
        .clicked()
    {
        commands.push(Command::IssuePass);
    }
}

fn text_row(ui: &mut egui::Ui, label: &str, text: &mut String) {
    let label = ui.label(label);
    ui.add(
        TextEdit::singleline(text)
            .char_limit(super::form_ui::FIELD_CHARS)
            .desired_width(260.0),
    )
    .labelled_by(label.id);
    ui.end_row();
}

fn revoke_ui(ui: &mut egui::Ui, form: &mut PassForm, lang: Language, _commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui.label(passes::REVOKE_BY_ID.say(lang));
        ui.add(
            TextEdit::singleline(&mut form.revoke_id)
                .char_limit(super::form_ui::FIELD_CHARS)
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        if ui.button(passes::REVOKE.say(lang)).clicked() && !form.revoke_id.trim().is_empty() {
            form.confirm_revoke = Some(form.revoke_id.trim().to_owned());
            form.revoke_reason.clear();
        }
    });
}

/// Whether a pass matches the list's search: its number, masked name or unit.
pub fn matches_search(pass: &IssuedPass, search: &str) -> bool {
    let search = search.trim().to_lowercase();
    search.is_empty()
        || [&pass.pass_id, &pass.holder_masked, &pass.unit]
            .iter()
            .any(|field| field.to_lowercase().contains(&search))
}

/// The passes issued here, masked as stored, searchable, with revoke beside each (asking for
/// a reason and a confirmation first).
fn issued_ui(
    ui: &mut egui::Ui,
    form: &mut PassForm,
    issued: &[IssuedPass],
    lang: Language,
    commands: &mut Vec<Command>,
) {
    if issued.is_empty() {
        return;
    }
    ui.label(passes::ISSUED_LIST.say(lang));
    ui.horizontal(|ui| {
        let label = ui.label(passes::SEARCH.say(lang));
        ui.add(
            TextEdit::singleline(&mut form.search)
                .char_limit(super::form_ui::FIELD_CHARS)
                .desired_width(200.0),
        )
        .labelled_by(label.id);
    });
    if let Some(pass_id) = form.confirm_revoke.clone() {
        confirm_revoke_ui(ui, form, &pass_id, lang, commands);
    }
    let search = form.search.clone();
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .id_salt("issued-passes-scroll")
        .show(ui, |ui| {
            egui::Grid::new("issued-passes")
                .striped(true)
                .show(ui, |ui| {
                    for pass in issued.iter().filter(|pass| matches_search(pass, &search)) {
                        issued_row_ui(ui, form, pass, lang);
                    }
                });
        });
}

fn confirm_revoke_ui(
    ui: &mut egui::Ui,
    form: &mut PassForm,
    pass_id: &str,
    lang: Language,
    commands: &mut Vec<Command>,
) {
    ui.group(|ui| {
        ui.label(RichText::new(passes::confirm_revoke(pass_id).text(lang)).strong());
        ui.horizontal(|ui| {
            let label = ui.label(passes::REVOKE_REASON.say(lang));
            ui.add(
                TextEdit::singleline(&mut form.revoke_reason)
                    .char_limit(200)
                    .desired_width(260.0),
            )
            .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let ready = !form.revoke_reason.trim().is_empty();
            if ui
                .add_enabled(ready, egui::Button::new(passes::REVOKE_YES.say(lang)))
                .clicked()
            {
                form.confirm_revoke = None;
                let pass_id = pass_id.to_owned();
                commands.push(Command::Pass(PassAction::Revoke { pass_id }));
            }
            if ui.button(passes::REVOKE_NO.say(lang)).clicked() {
                form.confirm_revoke = None;
            }
        });
    });
}

fn issued_row_ui(ui: &mut egui::Ui, form: &mut PassForm, pass: &IssuedPass, lang: Language) {
    ui.label(&pass.pass_id);
    ui.label(&pass.holder_masked);
    ui.label(&pass.unit);
    ui.label(pass.plate.as_deref().unwrap_or(""));
    ui.label(format!(
        "{} {}",
        passes::VALID_TO.say(lang),
        super::time::log_time_text(pass.valid_to)
    ));
    if pass.revoked {
        ui.label(
            RichText::new(passes::REVOKED_MARK.say(lang))
                .color(super::theme::RED_INK.on(ui.visuals())),
        );
    } else if ui.button(passes::REVOKE.say(lang)).clicked() {
        form.confirm_revoke = Some(pass.pass_id.clone());
        form.revoke_reason.clear();
    }
    ui.end_row();
}
