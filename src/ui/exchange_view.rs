//! Exchange with neighbouring gates, on the Shift screen: export this gate's recent entries with
//! keyed hashes for kiosks sharing our hashing secret, and import theirs, so that a person checked
//! at the next gate ten minutes ago is shown here as a repeat rather than a new entry.

use super::command::Command;
use crate::config::Language;

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
    ui.heading(lang.pick("与邻近卡口互通", "Exchange with neighbouring gates"));
    ui.label(format!(
        "{} {}",
        lang.pick("登记密钥编号：", "Registration key id:"),
        view.key_id
    ));
    ui.label(lang.pick(
        "编号相同的卡口共用辖区的登记密钥，能认出刚在邻近卡口登记过的人；编号不同时请辖区的 IT 管理员协助统一。",
        "Gates with the same key id share the district's registration key and recognise someone just registered next door; if the ids differ, ask the district's IT helper to make them one.",
    ));
    if ui
        .button(lang.pick(
            "导出近 12 小时给邻近卡口 (JSON)",
            "Export the last 12 hours for neighbours (JSON)",
        ))
        .clicked()
    {
        commands.push(Command::ExportForNeighbours);
    }
    let label = lang.pick("邻近卡口的导出文件", "Neighbour's export file");
    let import = lang.pick("导入", "Import");
    if super::path_field::path_field(ui, label, view.import_path, import) {
        let path = view.import_path.trim().into();
        commands.push(Command::ImportNeighbours(path));
    }
}
