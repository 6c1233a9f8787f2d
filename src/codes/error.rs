//! Errors loading and saving the codes' files: trust lists, issuer tables, pass keys and registers.
//! Verifying a code never fails: a bad code becomes a verdict with reasons, not an error.

use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum CodesError {
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the trust list is not a PEM bundle of X.509 certificates ({detail}); export the signer certificates as PEM and try again"
    )]
    BadTrustPem { detail: String },
    #[error(
        "certificate {subject} has a key that is neither P-256 nor RSA; only ES256 and PS256 signers are supported"
    )]
    UnsupportedSignerKey { subject: String },
    #[error("the issuer table {path} is not valid TOML ({detail}); fix or delete it")]
    BadIssuerTable { path: PathBuf, detail: String },
    #[error("no pass-signing key at {path}; create one with `checkpoint-kiosk keys init`")]
    NoSigningKey { path: PathBuf },
    #[error(
        "a pass-signing key already exists at {path}; it was left untouched (delete it yourself only if you mean to replace it)"
    )]
    SigningKeyExists { path: PathBuf },
    #[error(
        "the key file {path} is not an Ed25519 key (raw 32 bytes, PKCS#8 or a .pub file from `keys export`)"
    )]
    BadKeyFile { path: PathBuf },
    #[error("the pass register {path} is damaged ({detail}); restore it from a backup")]
    BadRegister { path: PathBuf, detail: String },
    #[error("pass details not accepted: {0}")]
    BadPassDetails(String),
    #[error(transparent)]
    DataFolder(#[from] crate::config::ConfigError),
    #[error("cannot draw the pass image: {0}")]
    Render(String),
}

impl CodesError {
    /// The same in Chinese, for the UI.
    pub fn zh(&self) -> String {
        match self {
            Self::Io { path, source } => {
                format!(
                    "无法读写 {}（{source}）：请检查文件和磁盘空间",
                    path.display()
                )
            }
            Self::BadTrustPem { detail } => format!(
                "信任列表不是 PEM 格式的 X.509 证书（{detail}）：请导出签发者证书为 PEM 后重试"
            ),
            Self::UnsupportedSignerKey { subject } => {
                format!("证书 {subject} 的密钥既非 P-256 也非 RSA：只支持 ES256 和 PS256 签发者")
            }
            Self::BadIssuerTable { path, detail } => format!(
                "签发方表 {} 不是有效的 TOML（{detail}）：请修正或删除它",
                path.display()
            ),
            Self::NoSigningKey { .. } => {
                "还没有出入证印章：请班长先在“设置”里点“创建出入证印章”".to_owned()
            }
            Self::SigningKeyExists { path } => format!(
                "签发密钥已存在（{}），未作改动；只有确定要更换时才自行删除它",
                path.display()
            ),
            Self::BadKeyFile { path } => format!(
                "{} 不是 Ed25519 公钥文件：请使用邻近卡口“导出公钥”生成的文件",
                path.display()
            ),
            Self::BadRegister { path, detail } => format!(
                "出入证登记簿 {} 已损坏（{detail}）：请用备份恢复",
                path.display()
            ),
            Self::BadPassDetails(detail) => {
                format!("出入证信息有误（{detail}）：请检查姓名、住址、车牌和天数")
            }
            Self::DataFolder(error) => error.zh(),
            Self::Render(detail) => format!("无法生成出入证图片（{detail}）：请重试或上报"),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| Self::Io { path, source }
    }
}
