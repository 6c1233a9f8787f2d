//! The store's errors in words, Chinese and English side by side: the one place each is worded.
//! Each says what happened and what to do; "未保存" / "NOT saved" whenever a change was lost.
//! (`store` may not name `text`, so the table lives here; `Display` and [`StoreError::zh`]
//! both come from it.)

use super::StoreError;
use super::error::NamedColumn;

impl NamedColumn {
    /// The column's name in Chinese (`Display` is the English).
    pub fn zh(self) -> &'static str {
        match self {
            Self::CodeFormat => "码格式",
            Self::DocumentKind => "证件类型",
            Self::PlateKind => "车牌类型",
        }
    }
}

impl StoreError {
    /// The error in Chinese.
    pub fn zh(&self) -> String {
        self.words().0
    }

    /// (Chinese, English): `Display` is the English.
    pub(super) fn words(&self) -> (String, String) {
        match self {
            Self::DiskFull { path } => (
                format!("磁盘已满：请清理空间或移动数据文件夹（{path}）；本次修改未保存"),
                format!(
                    "the disk is full: free space or move the data folder ({path}); the change was NOT saved"
                ),
            ),
            Self::ReadOnly { path } => (
                format!("数据库 {path} 只读：请检查文件夹权限或移动数据文件夹；本次修改未保存"),
                format!(
                    "the database {path} is read-only: check the folder permissions or move the data folder; the change was NOT saved"
                ),
            ),
            Self::Locked { path } => (
                format!("数据库 {path} 被其他程序占用：请关闭另一个卡口登记窗口后重试"),
                format!(
                    "the database {path} is locked by another program: close the other checkpoint-kiosk window and try again"
                ),
            ),
            Self::CannotOpen { path, detail } => (
                format!("无法打开数据库 {path}（{detail}）：请确认文件夹存在且可写入"),
                format!(
                    "cannot open the database {path} ({detail}): check that the folder exists and can be written"
                ),
            ),
            Self::Damaged { path, detail } => (
                format!(
                    "数据库 {path} 已损坏（{detail}）：请关闭程序，由班长运行 checkpoint-kiosk restore --latest 恢复最近的备份（当前文件会保留）"
                ),
                format!(
                    "the database {path} is damaged ({detail}): close the app and restore the latest backup (`checkpoint-kiosk restore --latest`; the damaged file is kept aside)"
                ),
            ),
            Self::TooNew {
                path,
                found,
                supported,
            } => (
                format!(
                    "数据库 {path} 由更新版本写入（结构 {found}，本程序支持 {supported}）：请升级程序"
                ),
                format!(
                    "the database {path} was written by a newer checkpoint-kiosk (schema {found}, this app knows {supported}): update the app"
                ),
            ),
            Self::NeedsPassphrase { path } => (
                format!(
                    "数据库 {path} 已加密：请输入数据库口令（命令行可设置 CHECKPOINT_KIOSK_PASSPHRASE）"
                ),
                format!(
                    "the database {path} is encrypted: give the passphrase (set CHECKPOINT_KIOSK_PASSPHRASE, or type it when asked)"
                ),
            ),
            Self::WrongPassphrase { path } => (
                format!("数据库 {path} 的口令不对：请重试，或询问设置口令的班长"),
                format!(
                    "wrong passphrase for the database {path}: try again, or ask the leader who set it"
                ),
            ),
            Self::NotEncrypted { path } => (
                format!(
                    "数据库 {path} 尚未加密：请先关闭窗口，运行 checkpoint-kiosk db encrypt 加密"
                ),
                format!(
                    "the database {path} is not encrypted yet: encrypt it first with `checkpoint-kiosk db encrypt` (window closed)"
                ),
            ),
            Self::AlreadyEncrypted { path } => (
                format!("数据库 {path} 已经加密，无需再操作"),
                format!("the database {path} is already encrypted: nothing to do"),
            ),
            // A volunteer reads these: the record's UUID means nothing to them.
            Self::EntryNotFound(id) => (
                "找不到这条记录：请刷新记录后重试".to_owned(),
                format!("no entry {id}: refresh the log and try again"),
            ),
            Self::AlreadyVoided(id) => (
                "这条记录已作废，无需再操作".to_owned(),
                format!("entry {id} is already voided: nothing to do"),
            ),
            Self::VoidIncomplete => (
                "作废需要填写原因和操作人".to_owned(),
                "a void needs a reason and an operator: fill both in".to_owned(),
            ),
            Self::PinRequired => (
                "班长签到需要密码（PIN）：请输入密码".to_owned(),
                "shift leaders need a PIN: type the PIN".to_owned(),
            ),
            Self::WrongPin(name) => (
                format!("{name} 的密码不对：请重试，或请其他班长签到"),
                format!("wrong PIN for {name}: try again, or ask another leader"),
            ),
            Self::PinWait { seconds } => (
                format!("密码（PIN）错误次数过多：请等 {seconds} 秒后再输入"),
                format!("too many wrong PINs: wait {seconds} s, then type the PIN again"),
            ),
            Self::NewLeaderNeedsLeader(name) => (
                format!("{name} 是新班长：需要一位现任班长输入姓名和密码确认（未创建）"),
                format!(
                    "{name} is a new shift leader: an existing leader must confirm with their name and PIN (nothing was created)"
                ),
            ),
            Self::NewLeaderPinTwice(name) => (
                format!("{name} 是新班长：请把新密码（PIN）输入两遍（未创建）"),
                format!(
                    "{name} is a new shift leader: type the new PIN twice (nothing was created)"
                ),
            ),
            Self::PinsDiffer => (
                "两次输入的密码（PIN）不一致：请重新输入两遍相同的密码（未创建班长）".to_owned(),
                "the two PINs differ: type the same PIN twice (nothing was created)".to_owned(),
            ),
            Self::EmptyName => (
                "姓名为空：请输入姓名".to_owned(),
                "the name is empty: type your name".to_owned(),
            ),
            Self::NotALeader(name) => (
                format!("{name} 不是班长：开班和交班须由班长操作"),
                format!("{name} is not a shift leader: a leader must open and close shifts"),
            ),
            Self::ShiftAlreadyOpen {
                checkpoint_id,
                shift_id,
            } => (
                format!("{checkpoint_id} 已有班次在进行（第 {shift_id} 班）：请先交班"),
                format!(
                    "a shift is already open at {checkpoint_id} (shift {shift_id}): close it first"
                ),
            ),
            Self::ShiftNotFound(id) => (
                format!("找不到第 {id} 班：请刷新后重试"),
                format!("no shift {id}: refresh and try again"),
            ),
            Self::ShiftAlreadyClosed(id) => (
                format!("第 {id} 班已结束"),
                format!("shift {id} is already closed"),
            ),
            Self::InvalidEntry(detail) => (
                format!("记录无法存入数据库（{detail}），未保存：请上报区里"),
                format!(
                    "an entry does not fit the database ({detail}); it was NOT saved: report this to the district"
                ),
            ),
            Self::BadValue(detail) => (
                format!("数据库中有本程序无法读取的值（{detail}）：请用最近的备份恢复或上报"),
                format!(
                    "the database holds a value this app cannot read ({detail}): restore the latest backup or report this"
                ),
            ),
            Self::UnknownName { column, value } => (
                format!(
                    "数据库中有本程序不认识的{}（“{value}”），可能由更新版本的程序写入：请升级程序，或用最近的备份恢复",
                    column.zh()
                ),
                format!(
                    "the database holds a {column} this app does not know (“{value}”), perhaps written by a newer checkpoint-kiosk: update the app, or restore the latest backup"
                ),
            ),
            Self::Busy => (
                "数据库正忙于之前的工作：请稍候再试".to_owned(),
                "the database is busy with earlier work: wait a moment and try again".to_owned(),
            ),
            Self::WorkerGone => (
                "数据库线程已停止：请重启程序".to_owned(),
                "the database thread stopped: restart the app".to_owned(),
            ),
            Self::File { path, detail } => (
                format!("无法写入 {path}（{detail}）：请换一个文件夹"),
                format!("cannot write {path} ({detail}): choose another folder"),
            ),
            Self::Sqlite { path, detail } => (
                format!(
                    "数据库 {path} 出错（{detail}）：请重启程序；如再次出现，请用最近的备份恢复"
                ),
                format!(
                    "database error on {path} ({detail}): restart the app; if it repeats, restore the latest backup"
                ),
            ),
        }
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
            let zh = error.zh();
            assert!(zh.contains("/data/kiosk.sqlite3"), "{zh}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
        assert!(
            StoreError::DiskFull { path: "x".into() }
                .zh()
                .contains("未保存")
        );
    }
}
