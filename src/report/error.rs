//! Report and export failures, each saying what to do.

use thiserror::Error;

use crate::store::StoreError;

#[derive(Debug, Error)]
#[error("{}", self.words().1)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    Write {
        path: String,
        detail: String,
    },
    Read {
        path: String,
        detail: String,
    },
    NotAnExport {
        path: String,
        detail: String,
    },
    UnknownSchema {
        path: String,
        found: String,
        supported: String,
    },
    Xlsx(String),
    InsideDataFolder {
        path: String,
        folder: String,
    },
    TargetExists {
        path: String,
    },
    BadImport {
        path: String,
        detail: String,
        detail_zh: String,
    },
}

impl ReportError {
    /// The same in Chinese, for the UI.
    pub fn zh(&self) -> String {
        self.words().0
    }

    /// (Chinese, English), side by side: the one place each error is worded.
    fn words(&self) -> (String, String) {
        match self {
            Self::Store(error) => (error.zh(), error.to_string()),
            Self::Write { path, detail } => (
                format!("无法写入 {path}（{detail}）：请换一个文件夹或清理磁盘空间"),
                format!("cannot write {path} ({detail}): choose another folder or free disk space"),
            ),
            Self::Read { path, detail } => (
                format!("无法读取 {path}（{detail}）：请检查文件名和路径"),
                format!("cannot read {path} ({detail}): check the file name"),
            ),
            Self::NotAnExport { path, detail } => (
                format!("{path} 不是本程序的导出文件（{detail}）：只能导入“导出 JSON”生成的文件"),
                format!(
                    "{path} is not a checkpoint-kiosk export ({detail}): import only files made by `export --format json`"
                ),
            ),
            Self::UnknownSchema {
                path,
                found,
                supported,
            } => (
                format!("{path} 的格式为 {found}，本程序读取 {supported}：请升级程序"),
                format!(
                    "{path} uses export schema {found}, this app reads {supported}: update the app"
                ),
            ),
            Self::Xlsx(detail) => (
                format!("无法生成 Excel 文件（{detail}）：请改用 CSV 并上报此问题"),
                format!("cannot build the Excel file ({detail}): try CSV instead and report this"),
            ),
            Self::InsideDataFolder { path, folder } => (
                format!(
                    "{path} 位于本机数据文件夹 {folder} 内：请把导出文件存到别处，例如 U 盘（未写入任何文件）"
                ),
                format!(
                    "{path} is inside the kiosk's data folder {folder}: save exports elsewhere, such as a USB stick (nothing was written)"
                ),
            ),
            Self::TargetExists { path } => (
                format!("{path} 已存在：请换一个文件名（未覆盖任何文件）"),
                format!(
                    "{path} already exists: choose another file name, or pass --force to replace it (nothing was written)"
                ),
            ),
            Self::BadImport {
                path,
                detail,
                detail_zh,
            } => (format!("{path}：{detail_zh}"), format!("{path}: {detail}")),
        }
    }

    pub fn write(path: &std::path::Path, error: &dyn std::fmt::Display) -> Self {
        Self::Write {
            path: path.display().to_string(),
            detail: error.to_string(),
        }
    }
}
