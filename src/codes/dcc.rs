//! The EU Digital COVID Certificate: `HC1:` + Base45 → zlib → COSE_Sign1 → CWT → hcert,
//! checked for signature, validity windows and the rule preset.

use std::io::Read;

use chrono::{DateTime, Utc};

use super::cose::CoseSign1;
use super::hcert::{self, Claims, RulePreset};
use super::trust::{SUPPORTED_ALGORITHMS, SignatureCheck, TrustList, TrustedSigner};
use super::{CodeVerdict, Reason, base45, cbor};
use crate::model::CodeFormat;

pub const PREFIX: &str = "HC1:";
/// Largest decompressed certificate accepted; real ones are 300–600 bytes, so this refuses zip
/// bombs long before they cost memory.
pub const MAX_INFLATED_BYTES: usize = 64 * 1024;

/// The decoded but not yet checked certificate.
#[derive(Debug, Clone)]
pub struct DecodedDcc {
    pub cose: CoseSign1,
    pub claims: Claims,
}

/// Decodes the text after `HC1:` down to the CWT claims; the error is the reason it failed.
pub fn decode(body: &str) -> Result<DecodedDcc, Reason> {
    let compressed = base45::decode(body).map_err(|_| Reason::BadBase45)?;
    let cbor_bytes = inflate_bounded(&compressed)?;
    let value = cbor::decode_bounded(&cbor_bytes).ok_or(Reason::BadCbor)?;
    let cose = CoseSign1::from_value(value).ok_or(Reason::BadCoseStructure)?;
    let claims_value = cbor::decode_bounded(&cose.payload).ok_or(Reason::BadCbor)?;
    let claims = hcert::claims_from_value(&claims_value).ok_or(Reason::MissingHealthCertificate)?;
    Ok(DecodedDcc { cose, claims })
}

/// zlib-inflates at most [`MAX_INFLATED_BYTES`]. Uncompressed payloads are allowed by the
/// specification (the zlib header is optional), so bytes that are not zlib pass through.
pub fn inflate_bounded(compressed: &[u8]) -> Result<Vec<u8>, Reason> {
    if !looks_like_zlib(compressed) {
        return Ok(compressed.to_vec());
    }
    let mut inflated = Vec::new();
    let limit = (MAX_INFLATED_BYTES + 1) as u64;
    flate2::read::ZlibDecoder::new(compressed)
        .take(limit)
        .read_to_end(&mut inflated)
        .map_err(|_| Reason::BadCompression)?;
    if inflated.len() > MAX_INFLATED_BYTES {
        return Err(Reason::InflatedTooLarge {
            max_bytes: MAX_INFLATED_BYTES,
        });
    }
    Ok(inflated)
}

/// A zlib stream starts with a CMF byte naming deflate (low nibble 8, window up to 32 KiB) and
/// a header checksum divisible by 31.
fn looks_like_zlib(bytes: &[u8]) -> bool {
    matches!(bytes, [cmf, flags, ..]
        if cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) << 8 | u16::from(*flags)).is_multiple_of(31))
}

/// Verifies a whole `HC1:` payload.
pub fn verify(
    payload: &str,
    trust: &TrustList,
    preset: RulePreset,
    now: DateTime<Utc>,
) -> CodeVerdict {
    let body = payload.strip_prefix(PREFIX).unwrap_or(payload);
    let mut verdict = CodeVerdict::new(CodeFormat::EuDcc, "EU DCC".to_owned());
    match decode(body) {
        Ok(decoded) => judge(&mut verdict, &decoded, trust, preset, now),
        Err(reason) => verdict.reasons.push(reason),
    }
    verdict.conclude();
    verdict
}

fn judge(
    verdict: &mut CodeVerdict,
    decoded: &DecodedDcc,
    trust: &TrustList,
    preset: RulePreset,
    now: DateTime<Utc>,
) {
    let claims = &decoded.claims;
    verdict.checks.decode = true;
    verdict.issuer = claims.issuer.clone();
    verdict.expires = claims.expires;
    verdict.holder = hcert::masked_holder(&claims.hcert);
    verdict.birth_year = hcert::birth_year(&claims.hcert);
    verdict.label = format!("EU DCC {}", verdict.holder.as_deref().unwrap_or("?"));
    let signer = check_signature(verdict, &decoded.cose, trust);
    let mut window = hcert::claims_window_reasons(claims, now);
    if let Some(signer) = signer {
        if now < signer.not_before {
            window.push(Reason::SignerNotYetValid {
                from: signer.not_before,
            });
        } else if now > signer.not_after {
            window.push(Reason::SignerExpired {
                until: signer.not_after,
            });
        }
    }
    verdict.checks.validity = Some(window.is_empty());
    verdict.reasons.extend(window);
    let rules = hcert::rule_reasons(&claims.hcert, now, preset);
    verdict.checks.rules = Some(rules.is_empty());
    verdict.reasons.extend(rules);
}

/// The candidate signer (same key id) whose key verifies the signature. When none does and one
/// could not even try (a key type the kiosk cannot use), that is the reason, not a forgery.
fn verifying_signer<'t>(
    candidates: &'t [TrustedSigner],
    alg: i64,
    cose: &CoseSign1,
) -> Result<&'t TrustedSigner, Reason> {
    if candidates.is_empty() {
        return Err(Reason::SignerUnknown);
    }
    let message = cose.signed_bytes();
    let mut unsupported = None;
    for signer in candidates {
        match signer.check(alg, &message, &cose.signature) {
            SignatureCheck::Valid => return Ok(signer),
            SignatureCheck::Invalid => {}
            SignatureCheck::Unsupported(key) => unsupported = Some(key),
        }
    }
    Err(match unsupported {
        Some(key) => Reason::SignerKeyUnsupported { key, alg },
        None => Reason::SignatureInvalid,
    })
}

/// Sets the signature check and returns the signer whose key verified the message.
fn check_signature<'t>(
    verdict: &mut CodeVerdict,
    cose: &CoseSign1,
    trust: &'t TrustList,
) -> Option<&'t TrustedSigner> {
    let outcome = match (cose.alg, cose.kid.as_deref()) {
        (Some(alg), _) if !SUPPORTED_ALGORITHMS.contains(&alg) => {
            Err(Reason::UnsupportedAlgorithm { alg })
        }
        (None, _) => Err(Reason::BadCoseStructure),
        (_, None) => Err(Reason::KeyIdMissing),
        (Some(alg), Some(kid)) => verifying_signer(trust.signers_for(kid), alg, cose),
    };
    verdict.checks.signature = Some(outcome.is_ok());
    outcome.map_err(|reason| verdict.reasons.push(reason)).ok()
}
