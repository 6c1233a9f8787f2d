//! What can go wrong starting or running the office's web server.

use crate::district::DistrictError;

#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
    #[error(transparent)]
    District(#[from] DistrictError),
    #[error(
        "cannot listen on {listen}: {detail} — choose another --listen address or stop what uses it \
         / 无法在 {listen} 上监听：{detail}，请换一个 --listen 地址或停止占用它的程序"
    )]
    Listen { listen: String, detail: String },
    #[error(
        "the web server stopped: {0} — start `district serve` again \
         / 网页服务已停止：{0}，请重新运行 `district serve`"
    )]
    Runtime(String),
    #[error(
        "a viewer's name is 1–64 letters, digits, '.', '_' or '-': “{0}” is not \
         / 查看账号名为 1–64 个字母、数字、'.'、'_' 或 '-'：“{0}” 不符合"
    )]
    BadViewerName(String),
    #[error(
        "the password is shorter than 12 characters: choose a longer one \
         / 密码不足 12 个字符，请换一个更长的密码"
    )]
    WeakPassword,
    #[error("cannot hash the password: {0} / 无法计算密码哈希：{0}")]
    Hash(String),
}
