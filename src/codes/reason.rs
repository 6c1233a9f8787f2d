//! Why a code was judged as it was: typed reasons, each with a Chinese and an English text.

use chrono::{DateTime, Utc};

use crate::config::Language;

/// One finding about a code. A verdict lists every finding, not only the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    PayloadTooLong {
        max_bytes: usize,
    },
    BadBase45,
    BadCompression,
    InflatedTooLarge {
        max_bytes: usize,
    },
    BadCbor,
    BadCoseStructure,
    MissingHealthCertificate,
    KeyIdMissing,
    UnsupportedAlgorithm {
        alg: i64,
    },
    /// The signer's certificate holds a key the kiosk cannot verify `alg` with.
    SignerKeyUnsupported {
        key: String,
        alg: i64,
    },
    SignerUnknown,
    SignatureInvalid,
    SignerNotYetValid {
        from: DateTime<Utc>,
    },
    SignerExpired {
        until: DateTime<Utc>,
    },
    CertificateNotYetValid {
        issued: DateTime<Utc>,
    },
    CertificateExpired {
        expired: DateTime<Utc>,
    },
    CertificateWithoutExpiry,
    NoCertificateEntry,
    MissingField {
        field: &'static str,
    },
    VaccinationIncomplete {
        dose: u32,
        series: u32,
    },
    TestNotNegative,
    TestTypeUnsupported,
    TestTooOld {
        max_hours: u32,
    },
    TestInFuture,
    RecoveryNotYetValid {
        from: String,
    },
    RecoveryExpired {
        until: String,
    },
    PassMalformed,
    PassSignerUnknown,
    PassSignatureInvalid,
    PassNotYetValid {
        from: DateTime<Utc>,
    },
    PassExpired {
        until: DateTime<Utc>,
    },
    PassRevoked,
    NotVerifiableOffline,
    Unrecognised,
}

fn day(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

impl Reason {
    /// Short machine name used in JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Self::PayloadTooLong { .. } => "payload-too-long",
            Self::BadBase45 => "bad-base45",
            Self::BadCompression => "bad-compression",
            Self::InflatedTooLarge { .. } => "inflated-too-large",
            Self::BadCbor => "bad-cbor",
            Self::BadCoseStructure => "bad-cose",
            Self::MissingHealthCertificate => "missing-hcert",
            Self::KeyIdMissing => "kid-missing",
            Self::UnsupportedAlgorithm { .. } => "unsupported-algorithm",
            Self::SignerKeyUnsupported { .. } => "unsupported-signer-key",
            Self::SignerUnknown => "signer-unknown",
            Self::SignatureInvalid => "signature-invalid",
            Self::SignerNotYetValid { .. } => "signer-not-yet-valid",
            Self::SignerExpired { .. } => "signer-expired",
            Self::CertificateNotYetValid { .. } => "certificate-not-yet-valid",
            Self::CertificateExpired { .. } => "certificate-expired",
            Self::CertificateWithoutExpiry => "certificate-without-expiry",
            Self::NoCertificateEntry => "no-entry",
            Self::MissingField { .. } => "missing-field",
            Self::VaccinationIncomplete { .. } => "vaccination-incomplete",
            Self::TestNotNegative => "test-not-negative",
            Self::TestTypeUnsupported => "test-type-unsupported",
            Self::TestTooOld { .. } => "test-too-old",
            Self::TestInFuture => "test-in-future",
            Self::RecoveryNotYetValid { .. } => "recovery-not-yet-valid",
            Self::RecoveryExpired { .. } => "recovery-expired",
            Self::PassMalformed => "pass-malformed",
            Self::PassSignerUnknown => "pass-signer-unknown",
            Self::PassSignatureInvalid => "pass-signature-invalid",
            Self::PassNotYetValid { .. } => "pass-not-yet-valid",
            Self::PassExpired { .. } => "pass-expired",
            Self::PassRevoked => "pass-revoked",
            Self::NotVerifiableOffline => "not-verifiable-offline",
            Self::Unrecognised => "unrecognised",
        }
    }

    /// The finding in words, for the volunteer.
    pub fn text(&self, lang: Language) -> String {
        let (zh, en) = self.words();
        match lang {
            Language::ZhCn => zh,
            Language::En => en,
        }
    }

    /// (Chinese, English), side by side: the one place each finding is worded (`codes` may not
    /// name `text`).
    fn words(&self) -> (String, String) {
        match self {
            Self::PayloadTooLong { max_bytes } => (
                format!("码内容超过 {max_bytes} 字节"),
                format!("code is longer than {max_bytes} bytes"),
            ),
            Self::BadBase45 => (
                "码内容损坏（不是 Base45）".to_owned(),
                "code text is damaged (not Base45)".to_owned(),
            ),
            Self::BadCompression => (
                "码内容损坏（无法解压）".to_owned(),
                "code content is damaged (cannot decompress)".to_owned(),
            ),
            Self::InflatedTooLarge { max_bytes } => (
                format!("码内容解压后超过 {max_bytes} 字节"),
                format!("code content is larger than {max_bytes} bytes"),
            ),
            Self::BadCbor => (
                "码内容损坏（不是 CBOR）".to_owned(),
                "code content is damaged (not CBOR)".to_owned(),
            ),
            Self::BadCoseStructure => (
                "不是签名的 COSE 消息".to_owned(),
                "code is not a signed COSE message".to_owned(),
            ),
            Self::MissingHealthCertificate => (
                "码中没有健康证书".to_owned(),
                "code carries no health certificate".to_owned(),
            ),
            Self::KeyIdMissing => (
                "码未注明签名密钥".to_owned(),
                "code does not name its signing key".to_owned(),
            ),
            Self::UnsupportedAlgorithm { alg } => (
                format!("不支持签名算法 {alg}"),
                format!("signature algorithm {alg} is not supported"),
            ),
            Self::SignerKeyUnsupported { key, alg } => (
                format!("签发者证书的密钥本机无法核验（{key}，算法 {alg}）：请查验其他证件"),
                format!(
                    "signer certificate holds a key this kiosk cannot check ({key}, algorithm {alg}); judge the person by other papers"
                ),
            ),
            Self::SignerUnknown => (
                "签发者不在信任列表中，请在设置中导入".to_owned(),
                "signer is not in the trust list; import it in Settings".to_owned(),
            ),
            Self::SignatureInvalid => (
                "签名不符：码被篡改或伪造".to_owned(),
                "signature does not match: the code was altered or forged".to_owned(),
            ),
            Self::SignerNotYetValid { from } => (
                format!("签发者证书自 {} 起才有效", day(from)),
                format!("signer certificate valid only from {}", day(from)),
            ),
            Self::SignerExpired { until } => (
                format!("签发者证书已于 {} 过期", day(until)),
                format!("signer certificate expired {}", day(until)),
            ),
            Self::CertificateNotYetValid { issued } => (
                format!("证书签发时间在未来（{}）", day(issued)),
                format!("certificate issued in the future ({})", day(issued)),
            ),
            Self::CertificateExpired { expired } => (
                format!("证书已于 {} 过期", day(expired)),
                format!("certificate expired {}", day(expired)),
            ),
            Self::CertificateWithoutExpiry => (
                "证书没有过期时间".to_owned(),
                "certificate has no expiry date".to_owned(),
            ),
            Self::NoCertificateEntry => (
                "证书中没有接种、检测或康复记录".to_owned(),
                "certificate holds no vaccination, test or recovery".to_owned(),
            ),
            Self::MissingField { field } => (
                format!("证书缺少字段 {field}"),
                format!("certificate lacks the field {field}"),
            ),
            Self::VaccinationIncomplete { dose, series } => (
                format!("未完成全程接种：第 {dose} 针，共 {series} 针"),
                format!("vaccination incomplete: dose {dose} of {series}"),
            ),
            Self::TestNotNegative => (
                "检测结果不是阴性".to_owned(),
                "test result is not negative".to_owned(),
            ),
            Self::TestTypeUnsupported => (
                "检测类型既不是核酸也不是抗原".to_owned(),
                "test type is neither PCR nor rapid antigen".to_owned(),
            ),
            Self::TestTooOld { max_hours } => (
                format!("检测超过 {max_hours} 小时"),
                format!("test is older than {max_hours} hours"),
            ),
            Self::TestInFuture => (
                "采样时间在未来".to_owned(),
                "test sample time is in the future".to_owned(),
            ),
            Self::RecoveryNotYetValid { from } => (
                format!("康复证明自 {from} 起才有效"),
                format!("recovery valid only from {from}"),
            ),
            Self::RecoveryExpired { until } => (
                format!("康复证明已于 {until} 过期"),
                format!("recovery expired {until}"),
            ),
            Self::PassMalformed => (
                "出入证损坏或不是本检查点的出入证".to_owned(),
                "pass is damaged or not a checkpoint pass".to_owned(),
            ),
            Self::PassSignerUnknown => (
                "出入证签名密钥未知，请导入签发方公钥".to_owned(),
                "pass signed by an unknown key; import the issuer's key".to_owned(),
            ),
            Self::PassSignatureInvalid => (
                "出入证签名不符：被篡改或伪造".to_owned(),
                "pass signature does not match: altered or forged".to_owned(),
            ),
            Self::PassNotYetValid { from } => (
                format!("出入证自 {} 起才有效", day(from)),
                format!("pass valid only from {}", day(from)),
            ),
            Self::PassExpired { until } => (
                format!("出入证已于 {} 过期", day(until)),
                format!("pass expired {}", day(until)),
            ),
            Self::PassRevoked => ("出入证已被注销".to_owned(), "pass was revoked".to_owned()),
            Self::NotVerifiableOffline => (
                "健康码无法离线核验，请按颜色判断".to_owned(),
                "health code cannot be checked offline; judge by its colour".to_owned(),
            ),
            Self::Unrecognised => (
                "无法识别的码，请人工选择颜色".to_owned(),
                "unrecognised code; choose the colour yourself".to_owned(),
            ),
        }
    }
}
