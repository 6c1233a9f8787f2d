//! Exchange with neighbouring gates, on the Shift screen: export this gate's recent entries with
//! keyed hashes for kiosks sharing our hashing secret, and import theirs, so that a person checked
//! at the next gate ten minutes ago is shown here as a repeat rather than a new entry.

use super::command::Command;
use crate::app::state::KioskApp;
use crate::config::Language;
use crate::report::{ImportSummary, ImportedHashes};

pub fn exchange_ui(ui: &mut egui::Ui, app: &mut KioskApp) {
    let lang = app.lang;
    ui.heading(lang.pick("与邻近卡口互通", "Exchange with neighbouring gates"));
    ui.label(format!(
        "{} {}",
        lang.pick("本机哈希密钥编号：", "Hashing secret key id:"),
        app.services.pii.key_id()
    ));
    ui.label(lang.pick(
        "编号相同的卡口可互相识别重复登记；由管理员用 keys share-secret / keys join-secret 设置。",
        "Gates with the same key id recognise each other's repeats; an administrator sets this up \
         with keys share-secret / keys join-secret.",
    ));
    if ui
        .button(lang.pick(
            "导出近 12 小时给邻近卡口 (JSON)",
            "Export the last 12 hours for neighbours (JSON)",
        ))
        .clicked()
    {
        app.commands.push(Command::ExportForNeighbours);
    }
    let label = lang.pick("邻近卡口的导出文件", "Neighbour's export file");
    let import = lang.pick("导入", "Import");
    if super::path_field::path_field(ui, label, &mut app.report.import_path, import) {
        let path = app.report.import_path.trim().into();
        app.commands.push(Command::ImportNeighbours(path));
    }
}

/// What an import did, in the volunteer's words.
pub fn import_message(lang: Language, summary: &ImportSummary) -> String {
    let counts = match lang {
        Language::ZhCn => format!(
            "✓ 已导入 {} 条（已有 {} 条，内容冲突 {} 条未导入，无法读取 {} 条）",
            summary.added,
            summary.unchanged,
            summary.conflicts.len(),
            summary.rejected.len()
        ),
        Language::En => format!(
            "✓ Imported {} entries ({} already here, {} conflicting not imported, {} unreadable)",
            summary.added,
            summary.unchanged,
            summary.conflicts.len(),
            summary.rejected.len()
        ),
    };
    let hashes = match &summary.hashes {
        ImportedHashes::Kept => lang
            .pick(
                "其人员再来本卡口时会识别为重复登记。",
                "Their people are recognised here as repeats.",
            )
            .to_owned(),
        ImportedHashes::NoneInFile => lang
            .pick(
                "文件不含哈希：其人员无法识别为重复登记，请对方用“导出给邻近卡口”。",
                "The file has no hashes: its people are not recognised as repeats; ask for an export for neighbours.",
            )
            .to_owned(),
        ImportedHashes::OtherSecret { theirs, .. } => format!(
            "{} {theirs}{}",
            lang.pick("对方哈希密钥编号为", "Their hashing secret is"),
            lang.pick(
                "，与本机不同，哈希已忽略：请两台设备共用同一密钥。",
                ", not ours, so their hashes were ignored: share one secret between the kiosks.",
            )
        ),
    };
    format!("{counts} {hashes}")
}
