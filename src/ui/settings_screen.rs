//! The Settings screen: checkpoint, gate, language, look, camera, fever line, retention, and the
//! EU DCC trust list import. Changes are written to `kiosk.toml` when saved.

use egui::{RichText, TextEdit};

use super::command::Command;
use super::kiosk_mode::KioskSettingsView;
use super::pass_panel::PassView;
use crate::config::{KioskConfig, Language};
use crate::model::camera::CameraInfo;
use crate::model::sound::AudioStatus;
use crate::model::{Direction, FeverThreshold};
use crate::text::screens::{common, settings_screen as words};

/// Settings being edited, applied only on "Save".
#[derive(Debug, Clone, Default)]
pub struct SettingsView {
    pub draft: Option<crate::config::KioskConfig>,
    pub trust_path: String,
    pub risk_import: super::risk_list_ui::RiskImportView,
    pub message: Option<crate::text::Said>,
}

/// What the Settings screen shows and edits, prepared by the app each frame.
pub struct SettingsScreen<'a> {
    pub settings: &'a mut SettingsView,
    /// Cameras found at start-up.
    pub cameras: &'a [CameraInfo],
    pub audio: AudioStatus,
    /// The camera could not be opened and the demo feed plays instead: the driver's words.
    pub camera_fallback: Option<String>,
    pub passes: PassView<'a>,
    pub kiosk: KioskSettingsView<'a>,
}

pub fn settings_screen_ui(
    ui: &mut egui::Ui,
    screen: &mut SettingsScreen,
    ctx: &super::view_ctx::ViewCtx,
    commands: &mut Vec<Command>,
) {
    let lang = ctx.lang;
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            // Two columns when each is wide enough for its rows at this font size (a 1366×768
            // laptop at the default size shows everything without scrolling); below that one
            // column, the passes under the settings, so nothing is cut at the right edge.
            if ui.available_width() >= super::theme::scaled(ui, TWO_COLUMNS_FROM_WIDTH) {
                ui.columns(2, |columns| {
                    // Columns are justified, which would stretch the letters of every wrapped
                    // line to the column's edge: each column lays out as a plain page.
                    let page = egui::Layout::top_down(egui::Align::Min);
                    columns[0].with_layout(page, |ui| {
                        settings_and_risk_list_ui(ui, screen, ctx, commands);
                    });
                    columns[1].with_layout(page, |ui| {
                        super::pass_panel::pass_panel_ui(ui, &mut screen.passes, lang, commands);
                    });
                });
            } else {
                settings_and_risk_list_ui(ui, screen, ctx, commands);
                ui.separator();
                super::pass_panel::pass_panel_ui(ui, &mut screen.passes, lang, commands);
            }
        });
    });
}

/// The window width (at the default font size) from which Settings shows two columns.
const TWO_COLUMNS_FROM_WIDTH: f32 = 1200.0;

fn settings_and_risk_list_ui(
    ui: &mut egui::Ui,
    screen: &mut SettingsScreen,
    ctx: &super::view_ctx::ViewCtx,
    commands: &mut Vec<Command>,
) {
    settings_ui(ui, screen, ctx.config, ctx.lang, commands);
    ui.separator();
    super::risk_list_ui::risk_list_settings_ui(
        ui,
        &mut screen.settings.risk_import,
        screen.settings.draft.as_mut(),
        ctx,
        commands,
    );
}

fn settings_ui(
    ui: &mut egui::Ui,
    screen: &mut SettingsScreen,
    config: &KioskConfig,
    lang: Language,
    commands: &mut Vec<Command>,
) {
    ui.heading(words::SETTINGS.say(lang));
    if let Some(message) = &screen.settings.message {
        ui.label(RichText::new(message.text(lang)).strong());
    }
    let cameras = screen.cameras;
    let draft = screen.settings.draft.get_or_insert_with(|| config.clone());
    egui::Grid::new("settings-grid")
        .num_columns(2)
        .spacing([12.0, 10.0])
        .show(ui, |ui| {
            place_rows(ui, draft, lang);
            look_rows(ui, draft, lang);
            gate_rule_rows(ui, draft, lang);
            camera_rows(ui, draft, cameras, lang);
        });
    devices_ui(ui, screen, lang);
    if ui
        .button(RichText::new(words::SAVE_SETTINGS.say(lang)).size(super::theme::scaled(ui, 22.0)))
        .clicked()
    {
        commands.push(Command::SaveSettings);
    }
    ui.separator();
    trust_import_ui(ui, &mut screen.settings.trust_path, lang, commands);
    super::kiosk_mode::kiosk_settings_ui(
        ui,
        &screen.kiosk,
        screen.settings.draft.as_mut(),
        lang,
        commands,
    );
}

/// A one-line text row of the settings grid. Every control is named for screen readers (and
/// for the UI tests that find them).
fn text_row(ui: &mut egui::Ui, label: &str, text: &mut String) {
    let label = ui.label(label);
    ui.add(
        TextEdit::singleline(text)
            .char_limit(super::form_ui::FIELD_CHARS)
            .desired_width(320.0),
    )
    .labelled_by(label.id);
    ui.end_row();
}

/// Where the kiosk stands: the checkpoint and the gate.
fn place_rows(ui: &mut egui::Ui, draft: &mut KioskConfig, lang: Language) {
    text_row(
        ui,
        crate::text::screens::common::CHECKPOINT_NAME.say(lang),
        &mut draft.checkpoint_name,
    );
    text_row(
        ui,
        crate::text::screens::common::GATE_LANE.say(lang),
        &mut draft.gate,
    );
    ui.label(words::GATE_DIRECTION.say(lang));
    ui.horizontal(|ui| {
        for direction in [Direction::In, Direction::Out] {
            let word = crate::text::terms::direction(direction).say(lang);
            ui.selectable_value(&mut draft.gate_direction, direction, word);
        }
    });
    ui.end_row();
}

/// Language, font size and the night theme.
fn look_rows(ui: &mut egui::Ui, draft: &mut KioskConfig, lang: Language) {
    ui.label(words::LANGUAGE.say(lang));
    ui.horizontal(|ui| {
        ui.selectable_value(&mut draft.language, Language::ZhCn, common::CHINESE);
        ui.selectable_value(&mut draft.language, Language::En, common::ENGLISH);
    });
    ui.end_row();
    let label = ui.label(words::FONT_SIZE.say(lang));
    super::stepper::stepper_f32(ui, &mut draft.font_scale, 0.05, (0.75, 2.0), 2, label.id);
    ui.end_row();
    ui.label("");
    ui.checkbox(&mut draft.night_theme, words::NIGHT_HIGH_CONTRAST.say(lang));
    ui.end_row();
}

/// The fever line, the repeat window and how long entries are kept.
fn gate_rule_rows(ui: &mut egui::Ui, draft: &mut KioskConfig, lang: Language) {
    let label = ui.label(words::FEVER_LINE_C.say(lang));
    let mut fever_line = draft.fever_threshold_celsius.value();
    super::stepper::stepper_f32(ui, &mut fever_line, 0.1, (37.0, 38.5), 1, label.id);
    // The stepper stays within 37.0–38.5, inside the range a fever line may take.
    if let Ok(line) = FeverThreshold::new(fever_line) {
        draft.fever_threshold_celsius = line;
    }
    ui.end_row();
    let label = ui.label(words::REPEAT_WINDOW_MINUTES.say(lang));
    ui.add(egui::DragValue::new(&mut draft.repeat_window_minutes).range(1..=720))
        .labelled_by(label.id);
    ui.end_row();
    let label = ui.label(words::KEEP_ENTRIES_DAYS.say(lang));
    ui.add(egui::DragValue::new(&mut draft.retention_days).range(1..=365))
        .labelled_by(label.id);
    ui.end_row();
}

/// The camera and, when it says which it offers, its resolution.
fn camera_rows(ui: &mut egui::Ui, draft: &mut KioskConfig, cameras: &[CameraInfo], lang: Language) {
    let label = ui.label(crate::text::screens::common::CAMERA.say(lang));
    camera_choice(label.id, ui, draft, cameras, lang);
    ui.end_row();
    let offered = offered_resolutions(draft, cameras);
    if !offered.is_empty() {
        let label = ui.label(crate::text::screens::common::RESOLUTION.say(lang));
        resolution_choice(label.id, ui, draft, &offered);
        ui.end_row();
    }
}

/// The sound output and the camera, in plain words. Drivers explain themselves in English: the
/// volunteer reads the gist in the UI's language; the driver's own words stay behind "技术细节"
/// for whoever fixes the kiosk.
fn devices_ui(ui: &mut egui::Ui, screen: &SettingsScreen, lang: Language) {
    let mut details = Vec::new();
    match &screen.audio {
        AudioStatus::Ready { device } => {
            ui.label(format!("{} {device}", words::SOUND.say(lang)));
        }
        AudioStatus::Silent { reason } => {
            ui.label(words::SOUND_SILENT_NO.say(lang));
            details.push(format!("sound: {reason}"));
        }
    }
    if let Some(reason) = &screen.camera_fallback {
        ui.label(words::CAMERA_NOT_FOUND.say(lang));
        details.push(format!("camera: {reason}"));
    }
    if !details.is_empty() {
        egui::CollapsingHeader::new(words::TECHNICAL_DETAILS.say(lang)).show(ui, |ui| {
            for line in details {
                ui.label(line);
            }
        });
    }
}

/// The EU DCC signer certificates, imported from a PEM file.
fn trust_import_ui(
    ui: &mut egui::Ui,
    trust_path: &mut String,
    lang: Language,
    commands: &mut Vec<Command>,
) {
    let label = words::IMPORT_EU_DCC.say(lang);
    let import = crate::text::screens::common::IMPORT.say(lang);
    if super::path_field::path_field(ui, label, trust_path, import) {
        let path = trust_path.trim().into();
        commands.push(Command::ImportTrust(path));
    }
}

fn camera_choice(
    label_id: egui::Id,
    ui: &mut egui::Ui,
    draft: &mut KioskConfig,
    cameras: &[CameraInfo],
    lang: Language,
) {
    if cameras.is_empty() {
        ui.label(words::NO_CAMERA_FOUND.say(lang));
        return;
    }
    let selected = draft.camera_index.unwrap_or(0);
    let name = cameras
        .iter()
        .find(|c| c.index == selected)
        .map_or("?", |c| c.name.as_str());
    egui::ComboBox::from_id_salt("camera")
        .selected_text(name)
        .show_ui(ui, |ui| {
            for camera in cameras {
                ui.selectable_value(&mut draft.camera_index, Some(camera.index), &camera.name);
            }
        })
        .response
        .labelled_by(label_id);
}

/// The resolutions the chosen camera says it offers (none when it could not be asked).
fn offered_resolutions(draft: &KioskConfig, cameras: &[CameraInfo]) -> Vec<[u32; 2]> {
    let selected = draft.camera_index.unwrap_or(0);
    cameras
        .iter()
        .find(|camera| camera.index == selected)
        .or(cameras.first())
        .map(|camera| camera.resolutions.clone())
        .unwrap_or_default()
}

fn resolution_choice(
    label_id: egui::Id,
    ui: &mut egui::Ui,
    draft: &mut KioskConfig,
    offered: &[[u32; 2]],
) {
    let text = |[width, height]: [u32; 2]| format!("{width}×{height}");
    let shown = draft.camera_resolution.map(text).unwrap_or_default();
    egui::ComboBox::from_id_salt("resolution")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for resolution in offered {
                ui.selectable_value(
                    &mut draft.camera_resolution,
                    Some(*resolution),
                    text(*resolution),
                );
            }
        })
        .response
        .labelled_by(label_id);
}
