//! The store's errors in Chinese: the one place each is worded for the person (the English is
//! the error's `Display`, beside it in `store::error_words`). Each says what happened and what
//! to do; "未保存" whenever a change was lost.

use crate::store::{NamedColumn, StoreError};

/// A store error in Chinese.
pub fn zh(error: &StoreError) -> String {
    match error {
        StoreError::DiskFull { path } => {
            format!("磁盘已满：请清理空间或移动数据文件夹（{path}）；本次修改未保存")
        }
        StoreError::ReadOnly { path } => {
            format!("数据库 {path} 只读：请检查文件夹权限或移动数据文件夹；本次修改未保存")
        }
        StoreError::Locked { path } => {
            format!("数据库 {path} 被其他程序占用：请关闭另一个卡口登记窗口后重试")
        }
        StoreError::CannotOpen { path, detail } => {
            format!("无法打开数据库 {path}（{detail}）：请确认文件夹存在且可写入")
        }
        StoreError::Damaged { path, detail } => format!(
            "数据库 {path} 已损坏（{detail}）：请关闭程序，由班长运行 checkpoint-kiosk restore --latest 恢复最近的备份（当前文件会保留）"
        ),
        StoreError::TooNew {
            path,
            found,
            supported,
        } => format!(
            "数据库 {path} 由更新版本写入（结构 {found}，本程序支持 {supported}）：请升级程序"
        ),
        StoreError::NeedsPassphrase { path } => format!(
            "数据库 {path} 已加密：请输入数据库口令（命令行可设置 CHECKPOINT_KIOSK_PASSPHRASE）"
        ),
        StoreError::WrongPassphrase { path } => {
            format!("数据库 {path} 的口令不对：请重试，或询问设置口令的班长")
        }
        StoreError::NotEncrypted { path } => {
            format!("数据库 {path} 尚未加密：请先关闭窗口，运行 checkpoint-kiosk db encrypt 加密")
        }
        StoreError::AlreadyEncrypted { path } => format!("数据库 {path} 已经加密，无需再操作"),
        // A volunteer reads these: the record's UUID means nothing to them.
        StoreError::EntryNotFound(_) => "找不到这条记录：请刷新记录后重试".to_owned(),
        StoreError::AlreadyVoided(_) => "这条记录已作废，无需再操作".to_owned(),
        StoreError::VoidIncomplete => "作废需要填写原因和操作人".to_owned(),
        StoreError::PinRequired => "班长签到需要密码（PIN）：请输入密码".to_owned(),
        StoreError::WrongPin(name) => format!("{name} 的密码不对：请重试，或请其他班长签到"),
        StoreError::PinWait { seconds } => {
            format!("密码（PIN）错误次数过多：请等 {seconds} 秒后再输入")
        }
        StoreError::NewLeaderNeedsLeader(name) => {
            format!("{name} 是新班长：需要一位现任班长输入姓名和密码确认（未创建）")
        }
        StoreError::NewLeaderPinTwice(name) => {
            format!("{name} 是新班长：请把新密码（PIN）输入两遍（未创建）")
        }
        StoreError::PinsDiffer => {
            "两次输入的密码（PIN）不一致：请重新输入两遍相同的密码（未创建班长）".to_owned()
        }
        StoreError::EmptyName => "姓名为空：请输入姓名".to_owned(),
        StoreError::NotALeader(name) => format!("{name} 不是班长：开班和交班须由班长操作"),
        StoreError::ShiftAlreadyOpen {
            checkpoint_id,
            shift_id,
        } => format!("{checkpoint_id} 已有班次在进行（第 {shift_id} 班）：请先交班"),
        StoreError::ShiftNotFound(id) => format!("找不到第 {id} 班：请刷新后重试"),
        StoreError::ShiftAlreadyClosed(id) => format!("第 {id} 班已结束"),
        StoreError::InvalidEntry(detail) => {
            format!("记录无法存入数据库（{detail}），未保存：请上报区里")
        }
        StoreError::BadValue(detail) => {
            format!("数据库中有本程序无法读取的值（{detail}）：请用最近的备份恢复或上报")
        }
        StoreError::UnknownName { column, value } => format!(
            "数据库中有本程序不认识的{}（“{value}”），可能由更新版本的程序写入：请升级程序，或用最近的备份恢复",
            column_name(*column)
        ),
        StoreError::Busy => "数据库正忙于之前的工作：请稍候再试".to_owned(),
        StoreError::WorkerGone => "数据库线程已停止：请重启程序".to_owned(),
        StoreError::File { path, detail } => format!("无法写入 {path}（{detail}）：请换一个文件夹"),
        StoreError::Sqlite { path, detail } => {
            format!("数据库 {path} 出错（{detail}）：请重启程序；如再次出现，请用最近的备份恢复")
        }
    }
}

impl crate::text::Bilingual for StoreError {
    fn zh(&self) -> String {
        zh(self)
    }

    fn en(&self) -> String {
        self.to_string()
    }
}

/// A column's name in Chinese, in "the database holds a … this app does not know".
pub fn column_name(column: NamedColumn) -> &'static str {
    match column {
        NamedColumn::CodeFormat => "码格式",
        NamedColumn::DocumentKind => "证件类型",
        NamedColumn::PlateKind => "车牌类型",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chinese_message_keeps_the_facts_of_the_english_one() {
        let path = "/data/kiosk.sqlite3".to_owned();
        let cases = [
            StoreError::DiskFull { path: path.clone() },
            StoreError::ReadOnly { path: path.clone() },
            StoreError::Locked { path: path.clone() },
            StoreError::TooNew {
                path: path.clone(),
                found: 9,
                supported: 1,
            },
            StoreError::Sqlite {
                path,
                detail: "I/O".to_owned(),
            },
        ];
        for error in cases {
            let zh = zh(&error);
            assert!(zh.contains("/data/kiosk.sqlite3"), "{zh}");
            assert!(error.to_string().contains("/data/kiosk.sqlite3"));
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
        assert!(zh(&StoreError::DiskFull { path: "x".into() }).contains("未保存"));
    }
}
