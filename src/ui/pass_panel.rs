//! Resident and vehicle passes (出入证) on the Settings screen: a shift leader creates the
//! checkpoint's signing key, shares its public half with neighbouring gates, trusts theirs,
//! issues passes with a printable card and revokes lost ones. Every file operation runs on the
//! "passes" thread (see `pass_commands`); this file only draws and collects what was typed.

use egui::{RichText, TextEdit};

use super::command::Command;
use super::command::PassAction;
use crate::app::background::Background;
use crate::app::state::KioskApp;
use crate::codes::pass::PassKind;
use crate::codes::pass::admin::{PassBook, PassDone};
use crate::codes::{CodesError, Verifier};
use crate::config::Language;
use crate::model::Role;

/// What a finished pass task sends back: the outcome, and the verifier re-loaded when the keys
/// or revocations changed (so the Scan screen trusts the new key at once).
pub type PassResult = (Result<(PassDone, PassBook), CodesError>, Option<Verifier>);

/// Which kind of pass the form issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PassKindChoice {
    #[default]
    Resident,
    Worker,
    Vehicle,
}

/// The pass form, the book as last read, and the task in progress.
pub struct PassPanel {
    pub holder: String,
    pub unit: String,
    pub kind: PassKindChoice,
    pub plate: String,
    pub days: u32,
    pub revoke_id: String,
    pub neighbour_key_path: String,
    pub book: Option<PassBook>,
    pub message: Option<String>,
    pub job: Background<PassResult>,
}

impl Default for PassPanel {
    fn default() -> Self {
        Self {
            holder: String::new(),
            unit: String::new(),
            kind: PassKindChoice::default(),
            plate: String::new(),
            days: 30,
            revoke_id: String::new(),
            neighbour_key_path: String::new(),
            book: None,
            message: None,
            job: Background::default(),
        }
    }
}

impl PassPanel {
    /// The kind to put in the pass; the plate is checked against the plate rules first.
    pub fn kind_for_pass(&self, lang: Language) -> Result<PassKind, String> {
        Ok(match self.kind {
            PassKindChoice::Resident => PassKind::Resident,
            PassKindChoice::Worker => PassKind::Worker,
            PassKindChoice::Vehicle => match crate::model::plate::Plate::parse(&self.plate) {
                Ok(plate) => PassKind::Vehicle {
                    plate: plate.as_str().to_owned(),
                },
                Err(error) => {
                    return Err(match lang {
                        Language::ZhCn => error.zh(),
                        Language::En => error.to_string(),
                    });
                }
            },
        })
    }
}

pub fn pass_panel_ui(ui: &mut egui::Ui, app: &mut KioskApp) {
    let lang = app.lang;
    ui.heading(lang.pick("出入证", "Resident and vehicle passes"));
    if app.passes.book.is_none() && !app.passes.job.is_running() {
        app.commands.push(Command::Pass(PassAction::Load));
    }
    if let Some(message) = &app.passes.message {
        ui.label(RichText::new(message).strong());
    }
    let is_leader = app
        .signed_in
        .as_ref()
        .is_some_and(|operator| operator.role == Role::Leader);
    key_ui(ui, app, lang, is_leader);
    if is_leader {
        issue_ui(ui, app, lang);
        revoke_ui(ui, app, lang);
    } else {
        ui.label(lang.pick(
            "班长签到后可创建密钥、签发和注销出入证。",
            "A shift leader signs in (Shift screen) to create the key, issue and revoke passes.",
        ));
    }
    issued_ui(ui, app, lang);
}

fn key_ui(ui: &mut egui::Ui, app: &mut KioskApp, lang: Language, is_leader: bool) {
    let key_id = app
        .passes
        .book
        .as_ref()
        .and_then(|book| book.key_id.clone());
    if let Some(key_id) = key_id {
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} {key_id}",
                lang.pick("签发密钥编号：", "Signing key id:")
            ));
            let export = lang.pick("导出公钥给邻近卡口", "Export the public key for neighbours");
            if ui.button(export).clicked() {
                let out_dir = app.services.data_dir.root().join("exports");
                app.commands
                    .push(Command::Pass(PassAction::ExportPublicKey { out_dir }));
            }
        });
    } else {
        ui.label(lang.pick("尚未创建签发密钥。", "No signing key yet."));
        if is_leader
            && ui
                .button(lang.pick("创建签发密钥", "Create the signing key"))
                .clicked()
        {
            app.commands.push(Command::Pass(PassAction::CreateKey));
        }
    }
    let label = lang.pick(
        "信任邻近卡口的公钥（文件路径）",
        "Trust a neighbour's public key (file path)",
    );
    let trust = lang.pick("信任", "Trust");
    if super::path_field::path_field(ui, label, &mut app.passes.neighbour_key_path, trust) {
        let file = app.passes.neighbour_key_path.trim().into();
        app.commands
            .push(Command::Pass(PassAction::TrustNeighbour { file }));
    }
}

fn issue_ui(ui: &mut egui::Ui, app: &mut KioskApp, lang: Language) {
    let panel = &mut app.passes;
    egui::Grid::new("pass-form").num_columns(2).show(ui, |ui| {
        text_row(
            ui,
            lang.pick("持证人姓名", "Holder's name"),
            &mut panel.holder,
        );
        text_row(
            ui,
            lang.pick("住址（楼-单元-室）", "Unit (building-unit-room)"),
            &mut panel.unit,
        );
        ui.label(lang.pick("类别", "Kind"));
        ui.horizontal(|ui| {
            let kinds = [
                (PassKindChoice::Resident, lang.pick("居民", "Resident")),
                (PassKindChoice::Worker, lang.pick("工作人员", "Worker")),
                (PassKindChoice::Vehicle, lang.pick("车辆", "Vehicle")),
            ];
            for (kind, text) in kinds {
                ui.selectable_value(&mut panel.kind, kind, text);
            }
        });
        ui.end_row();
        if panel.kind == PassKindChoice::Vehicle {
            text_row(ui, lang.pick("车牌", "Plate"), &mut panel.plate);
        }
        let label = ui.label(lang.pick("有效天数", "Valid for (days)"));
        ui.add(egui::DragValue::new(&mut panel.days).range(1..=3660))
            .labelled_by(label.id);
        ui.end_row();
    });
    let issue = lang.pick("签发并生成卡片 (PNG)", "Issue and draw the card (PNG)");
    if ui.button(RichText::new(issue).size(20.0)).clicked() {
        app.commands.push(Command::IssuePass);
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

fn revoke_ui(ui: &mut egui::Ui, app: &mut KioskApp, lang: Language) {
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("注销出入证（编号）", "Revoke a pass (id)"));
        ui.add(
            TextEdit::singleline(&mut app.passes.revoke_id)
                .char_limit(super::form_ui::FIELD_CHARS)
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        if ui.button(lang.pick("注销", "Revoke")).clicked() {
            let pass_id = app.passes.revoke_id.trim().to_owned();
            app.commands
                .push(Command::Pass(PassAction::Revoke { pass_id }));
        }
    });
}

/// The latest passes issued here, masked as stored.
fn issued_ui(ui: &mut egui::Ui, app: &KioskApp, lang: Language) {
    let Some(book) = &app.passes.book else {
        return;
    };
    if book.issued.is_empty() {
        return;
    }
    ui.label(lang.pick("最近签发：", "Recently issued:"));
    egui::Grid::new("issued-passes")
        .striped(true)
        .show(ui, |ui| {
            for entry in book.issued.iter().take(10) {
                let pass = &entry.pass;
                ui.label(&pass.pass_id);
                ui.label(&pass.holder_masked);
                ui.label(&pass.unit);
                ui.label(pass.plate.as_deref().unwrap_or(""));
                ui.label(format!(
                    "{} {}",
                    lang.pick("至", "to"),
                    super::time::log_time_text(pass.valid_to)
                ));
                if entry.revoked {
                    ui.label(
                        RichText::new(lang.pick("已注销", "revoked")).color(super::theme::RED),
                    );
                }
                ui.end_row();
            }
        });
}

/// What a finished task did, in the volunteer's words.
pub fn done_message(done: &PassDone, book: &PassBook, lang: Language) -> Option<String> {
    let key_id = book.key_id.as_deref().unwrap_or("");
    Some(match (done, lang) {
        (PassDone::Loaded, _) => return None,
        (PassDone::KeyCreated, Language::ZhCn) => {
            format!("✓ 已创建签发密钥，编号 {key_id}。请备份数据文件夹中的 keys。")
        }
        (PassDone::KeyCreated, Language::En) => {
            format!("✓ Signing key {key_id} created. Back up the keys folder of the data folder.")
        }
        (PassDone::PublicKeyWritten(path), Language::ZhCn) => format!(
            "✓ 公钥已写入 {}：拷给邻近卡口，在“信任邻近卡口的公钥”处导入。",
            path.display()
        ),
        (PassDone::PublicKeyWritten(path), Language::En) => format!(
            "✓ Public key written to {}: copy it to the neighbouring gates to trust.",
            path.display()
        ),
        (PassDone::NeighbourTrusted { key_id }, Language::ZhCn) => {
            format!("✓ 已信任密钥 {key_id} 签发的出入证。")
        }
        (PassDone::NeighbourTrusted { key_id }, Language::En) => {
            format!("✓ Passes signed by key {key_id} are now trusted.")
        }
        (PassDone::Issued { pass_id, card }, Language::ZhCn) => {
            format!(
                "✓ 已签发出入证 {pass_id}，卡片：{}（请打印）",
                card.display()
            )
        }
        (PassDone::Issued { pass_id, card }, Language::En) => {
            format!(
                "✓ Pass {pass_id} issued; card: {} (print it)",
                card.display()
            )
        }
        (PassDone::Revoked { pass_id, already }, Language::ZhCn) => match already {
            false => format!("✓ 已注销出入证 {pass_id}"),
            true => format!("出入证 {pass_id} 早已注销"),
        },
        (PassDone::Revoked { pass_id, already }, Language::En) => match already {
            false => format!("✓ Pass {pass_id} revoked"),
            true => format!("Pass {pass_id} was already revoked"),
        },
    })
}
