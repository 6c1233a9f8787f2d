//! The words of a code's findings (`model::code_reason::Reason`), for the volunteer and for
//! `verify`: each finding worded once, in both languages.

use chrono::{DateTime, Utc};

use super::Said;
use crate::model::code_reason::Reason;

fn day(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// A finding in both languages.
pub fn reason(reason: &Reason) -> Said {
    match reason {
        Reason::PayloadTooLong { max_bytes } => Said::new(
            format!("码内容超过 {max_bytes} 字节"),
            format!("code is longer than {max_bytes} bytes"),
        ),
        Reason::BadBase45 => Said::new(
            "码内容损坏（不是 Base45）".to_owned(),
            "code text is damaged (not Base45)".to_owned(),
        ),
        Reason::BadCompression => Said::new(
            "码内容损坏（无法解压）".to_owned(),
            "code content is damaged (cannot decompress)".to_owned(),
        ),
        Reason::InflatedTooLarge { max_bytes } => Said::new(
            format!("码内容解压后超过 {max_bytes} 字节"),
            format!("code content is larger than {max_bytes} bytes"),
        ),
        Reason::BadCbor => Said::new(
            "码内容损坏（不是 CBOR）".to_owned(),
            "code content is damaged (not CBOR)".to_owned(),
        ),
        Reason::BadCoseStructure => Said::new(
            "不是签名的 COSE 消息".to_owned(),
            "code is not a signed COSE message".to_owned(),
        ),
        Reason::MissingHealthCertificate => Said::new(
            "码中没有健康证书".to_owned(),
            "code carries no health certificate".to_owned(),
        ),
        Reason::KeyIdMissing => Said::new(
            "码未注明签名密钥".to_owned(),
            "code does not name its signing key".to_owned(),
        ),
        Reason::UnsupportedAlgorithm { alg } => Said::new(
            format!("不支持签名算法 {alg}"),
            format!("signature algorithm {alg} is not supported"),
        ),
        Reason::SignerKeyUnsupported { key, alg } => Said::new(
            format!("签发者证书的密钥本机无法核验（{key}，算法 {alg}）：请查验其他证件"),
            format!(
                "signer certificate holds a key this kiosk cannot check ({key}, algorithm {alg}); judge the person by other papers"
            ),
        ),
        Reason::SignerUnknown => Said::new(
            "签发者不在信任列表中，请在设置中导入".to_owned(),
            "signer is not in the trust list; import it in Settings".to_owned(),
        ),
        Reason::SignatureInvalid => Said::new(
            "签名不符：码被篡改或伪造".to_owned(),
            "signature does not match: the code was altered or forged".to_owned(),
        ),
        Reason::SignerNotYetValid { from } => Said::new(
            format!("签发者证书自 {} 起才有效", day(from)),
            format!("signer certificate valid only from {}", day(from)),
        ),
        Reason::SignerExpired { until } => Said::new(
            format!("签发者证书已于 {} 过期", day(until)),
            format!("signer certificate expired {}", day(until)),
        ),
        Reason::CertificateNotYetValid { issued } => Said::new(
            format!("证书签发时间在未来（{}）", day(issued)),
            format!("certificate issued in the future ({})", day(issued)),
        ),
        Reason::CertificateExpired { expired } => Said::new(
            format!("证书已于 {} 过期", day(expired)),
            format!("certificate expired {}", day(expired)),
        ),
        Reason::CertificateWithoutExpiry => Said::new(
            "证书没有过期时间".to_owned(),
            "certificate has no expiry date".to_owned(),
        ),
        Reason::NoCertificateEntry => Said::new(
            "证书中没有接种、检测或康复记录".to_owned(),
            "certificate holds no vaccination, test or recovery".to_owned(),
        ),
        Reason::MissingField { field } => Said::new(
            format!("证书缺少字段 {field}"),
            format!("certificate lacks the field {field}"),
        ),
        Reason::VaccinationIncomplete { dose, series } => Said::new(
            format!("未完成全程接种：第 {dose} 针，共 {series} 针"),
            format!("vaccination incomplete: dose {dose} of {series}"),
        ),
        Reason::TestNotNegative => Said::new(
            "检测结果不是阴性".to_owned(),
            "test result is not negative".to_owned(),
        ),
        Reason::TestTypeUnsupported => Said::new(
            "检测类型既不是核酸也不是抗原".to_owned(),
            "test type is neither PCR nor rapid antigen".to_owned(),
        ),
        Reason::TestTooOld { max_hours } => Said::new(
            format!("检测超过 {max_hours} 小时"),
            format!("test is older than {max_hours} hours"),
        ),
        Reason::TestInFuture => Said::new(
            "采样时间在未来".to_owned(),
            "test sample time is in the future".to_owned(),
        ),
        Reason::RecoveryNotYetValid { from } => Said::new(
            format!("康复证明自 {from} 起才有效"),
            format!("recovery valid only from {from}"),
        ),
        Reason::RecoveryExpired { until } => Said::new(
            format!("康复证明已于 {until} 过期"),
            format!("recovery expired {until}"),
        ),
        Reason::PassMalformed => Said::new(
            "出入证损坏或不是本检查点的出入证".to_owned(),
            "pass is damaged or not a checkpoint pass".to_owned(),
        ),
        Reason::PassSignerUnknown => Said::new(
            "出入证签名密钥未知，请导入签发方公钥".to_owned(),
            "pass signed by an unknown key; import the issuer's key".to_owned(),
        ),
        Reason::PassSignatureInvalid => Said::new(
            "出入证签名不符：被篡改或伪造".to_owned(),
            "pass signature does not match: altered or forged".to_owned(),
        ),
        Reason::PassNotYetValid { from } => Said::new(
            format!("出入证自 {} 起才有效", day(from)),
            format!("pass valid only from {}", day(from)),
        ),
        Reason::PassExpired { until } => Said::new(
            format!("出入证已于 {} 过期", day(until)),
            format!("pass expired {}", day(until)),
        ),
        Reason::PassRevoked => Said::new("出入证已被注销", "pass was revoked"),
        Reason::NotVerifiableOffline => Said::new(
            "健康码无法离线核验，请按颜色判断".to_owned(),
            "health code cannot be checked offline; judge by its colour".to_owned(),
        ),
        Reason::Unrecognised => Said::new(
            "无法识别的码，请人工选择颜色".to_owned(),
            "unrecognised code; choose the colour yourself".to_owned(),
        ),
    }
}
