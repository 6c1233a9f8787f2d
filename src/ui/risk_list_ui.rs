//! The risk-area list on screen: its date, source and size in Settings with the import of a new
//! one from a USB stick, and the Scan screen's warning when the list is out of date.

use std::path::PathBuf;

use egui::RichText;

use super::command::Command;
use super::theme;
use super::view_ctx::ViewCtx;
use crate::config::KioskConfig;
use crate::text::origin as words;

/// What the Settings section edits: the typed path and the list files found on the sticks.
#[derive(Debug, Clone, Default)]
pub struct RiskImportView {
    pub path: String,
    pub stick_files: Vec<PathBuf>,
}

/// The list's age in whole days on this frame's date.
fn age_days(ctx: &ViewCtx) -> i64 {
    (ctx.now.date_naive() - ctx.risks.updated()).num_days()
}

/// Settings: the list in force, how old it may get, and the import.
pub fn risk_list_settings_ui(
    ui: &mut egui::Ui,
    view: &mut RiskImportView,
    draft: Option<&mut KioskConfig>,
    ctx: &ViewCtx,
    commands: &mut Vec<Command>,
) {
    let lang = ctx.lang;
    ui.label(RichText::new(words::RISK_LIST.say(lang)).strong());
    let risks = ctx.risks;
    let summary = words::list_summary(risks.updated(), risks.source(), risks.areas().len());
    ui.add(egui::Label::new(summary.text(lang)).wrap());
    stale_line(ui, ctx);
    if let Some(draft) = draft {
        ui.horizontal(|ui| {
            let label = ui.label(words::MAX_AGE.say(lang));
            ui.add(egui::DragValue::new(&mut draft.risk_list_max_age_days).range(1..=90))
                .labelled_by(label.id);
        });
    }
    let import = words::IMPORT.say(lang);
    if super::path_field::path_field(
        ui,
        words::IMPORT_RISK_LIST.say(lang),
        &mut view.path,
        import,
    ) {
        commands.push(Command::ImportRiskList(view.path.trim().into()));
    }
    if !view.stick_files.is_empty() {
        ui.label(words::FILES_ON_STICK.say(lang));
        ui.horizontal_wrapped(|ui| {
            for file in &view.stick_files {
                let name = file.file_name().map_or_else(
                    || file.display().to_string(),
                    |name| name.to_string_lossy().into_owned(),
                );
                if ui.button(format!("{import} {name}")).clicked() {
                    commands.push(Command::ImportRiskList(file.clone()));
                }
            }
        });
    }
}

/// The warning for a list older than the configured days; nothing while it is current.
pub fn stale_line(ui: &mut egui::Ui, ctx: &ViewCtx) {
    if !ctx
        .risks
        .is_stale(ctx.now.date_naive(), ctx.config.risk_list_max_age_days)
    {
        return;
    }
    let warning = words::stale_warning(ctx.risks.updated(), age_days(ctx));
    ui.add(
        egui::Label::new(
            RichText::new(warning.text(ctx.lang))
                .size(super::theme::scaled(ui, 18.0))
                .color(theme::FEVER_INK.on(ui.visuals()))
                .strong(),
        )
        .wrap(),
    );
}

/// A risk list is a small CSV or JSON file.
pub fn is_list_file(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ext.eq_ignore_ascii_case("csv") || ext.eq_ignore_ascii_case("json"))
}
