//! Errors loading and saving the codes' files: trust lists, issuer tables, pass keys and registers.
//! Verifying a code never fails: a bad code becomes a verdict with reasons, not an error.

use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
#[error("{}", self.words().1)]
pub enum CodesError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    BadTrustPem {
        detail: String,
    },
    UnsupportedSignerKey {
        subject: String,
    },
    BadIssuerTable {
        path: PathBuf,
        detail: String,
    },
    NoSigningKey {
        path: PathBuf,
    },
    SigningKeyExists {
        path: PathBuf,
    },
    BadKeyFile {
        path: PathBuf,
    },
    BadRegister {
        path: PathBuf,
        detail: String,
    },
    BadPassDetails(String),
    #[error(transparent)]
    DataFolder(#[from] crate::config::ConfigError),
    Render(String),
}

impl CodesError {
    /// The error in Chinese, for the UI (`Display` is the English).
    pub fn zh(&self) -> String {
        self.words().0
    }

    /// (Chinese, English), side by side: the one place each error is worded (`codes` may not
    /// name `text`).
    fn words(&self) -> (String, String) {
        match self {
            Self::Io { path, source } => (
                format!(
                    "无法读写 {}（{source}）：请检查文件和磁盘空间",
                    path.display()
                ),
                format!("cannot read or write {}: {source}", path.display()),
            ),
            Self::BadTrustPem { detail } => (
                format!(
                    "信任列表不是 PEM 格式的 X.509 证书（{detail}）：请导出签发者证书为 PEM 后重试"
                ),
                format!(
                    "the trust list is not a PEM bundle of X.509 certificates ({detail}); export the signer certificates as PEM and try again"
                ),
            ),
            Self::UnsupportedSignerKey { subject } => (
                format!("证书 {subject} 的密钥既非 P-256 也非 RSA：只支持 ES256 和 PS256 签发者"),
                format!(
                    "certificate {subject} has a key that is neither P-256 nor RSA; only ES256 and PS256 signers are supported"
                ),
            ),
            Self::BadIssuerTable { path, detail } => (
                format!(
                    "签发方表 {} 不是有效的 TOML（{detail}）：请修正或删除它",
                    path.display()
                ),
                format!(
                    "the issuer table {} is not valid TOML ({detail}); fix or delete it",
                    path.display()
                ),
            ),
            Self::NoSigningKey { path } => (
                "还没有出入证印章：请班长先在“设置”里点“创建出入证印章”".to_owned(),
                format!(
                    "no pass-signing key at {}; create one with `checkpoint-kiosk keys init`",
                    path.display()
                ),
            ),
            Self::SigningKeyExists { path } => (
                format!(
                    "签发密钥已存在（{}），未作改动；只有确定要更换时才自行删除它",
                    path.display()
                ),
                format!(
                    "a pass-signing key already exists at {}; it was left untouched (delete it yourself only if you mean to replace it)",
                    path.display()
                ),
            ),
            Self::BadKeyFile { path } => (
                format!(
                    "{} 不是 Ed25519 公钥文件：请使用邻近卡口“导出公钥”生成的文件",
                    path.display()
                ),
                format!(
                    "the key file {} is not an Ed25519 key (raw 32 bytes, PKCS#8 or a .pub file from `keys export`)",
                    path.display()
                ),
            ),
            Self::BadRegister { path, detail } => (
                format!(
                    "出入证登记簿 {} 已损坏（{detail}）：请用备份恢复",
                    path.display()
                ),
                format!(
                    "the pass register {} is damaged ({detail}); restore it from a backup",
                    path.display()
                ),
            ),
            Self::BadPassDetails(detail) => (
                format!("出入证信息有误（{detail}）：请检查姓名、住址、车牌和天数"),
                format!("pass details not accepted: {detail}"),
            ),
            Self::DataFolder(error) => (error.zh(), error.to_string()),
            Self::Render(detail) => (
                format!("无法生成出入证图片（{detail}）：请重试或上报"),
                format!("cannot draw the pass image: {detail}"),
            ),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| Self::Io { path, source }
    }
}
