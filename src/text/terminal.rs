//! What the command line asks and says on the terminal outside a report: passphrase prompts
//! and waits, in both languages at once (a terminal has no language switch).

/// The database passphrase, to open it.
pub const ASK_PASSPHRASE: &str = "database passphrase (数据库口令): ";
/// The database passphrase, for `doctor` to check it.
pub const ASK_PASSPHRASE_TO_CHECK: &str =
    "database passphrase to check it (数据库口令，用于检查): ";
/// A new passphrase, for `db encrypt`.
pub const ASK_NEW_PASSPHRASE: &str = "new database passphrase (新的数据库口令): ";
pub const ASK_PASSPHRASE_AGAIN: &str = "the same passphrase again (再输入一次): ";

/// Earlier wrong passphrases impose a wait before this try.
pub fn waiting_after_wrong(failures: impl std::fmt::Display, seconds: u64) -> String {
    format!(
        "{failures} wrong passphrases in a row: waiting {seconds} s before trying (连续 {failures} 次口令错误：等待 {seconds} 秒后再试)"
    )
}
