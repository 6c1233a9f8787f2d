//! Resident and vehicle passes (出入证) issued by the checkpoint: Ed25519-signed `CKP1:`
//! payloads, the keys that sign and verify them, revocation, the issued register and reuse.

pub mod admin;
pub mod card;
pub mod keys;
pub mod payload;
pub mod register;
pub mod reuse;
pub mod share;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use ed25519_dalek::{SigningKey, VerifyingKey};
use rand::RngCore;

pub use payload::{PassBody, PassKind};
pub use reuse::{ReuseConflict, pass_reuse_conflict};

use super::{CodeVerdict, CodesError, Reason};
use crate::model::pii::mask_name;
use crate::model::stored_words::PASS_LABEL;
use crate::model::{CodeFormat, PassVerdict};

/// Creates the district's signing key (refusing to replace an existing one) and signs it for
/// the district at once, so the next sync shares it (issue 25).
pub fn init_signing_key(keys_dir: &Path) -> Result<VerifyingKey, CodesError> {
    let key = keys::create_signing_key(keys_dir)?;
    share::own_items(keys_dir, Utc::now())?;
    Ok(key)
}

/// The keys and revocations a pass is checked against.
#[derive(Debug, Clone, Default)]
pub struct PassTrust {
    pub keys: HashMap<[u8; 8], VerifyingKey>,
    /// This gate's own revocation list (any issuer's pass id).
    pub revoked: HashSet<String>,
    /// Revocations the issuing checkpoints signed, shared across the district: (key id, pass id).
    pub shared_revoked: HashSet<([u8; 8], String)>,
}

impl PassTrust {
    /// Loads trusted keys and the revocation list from the keys folder, with the keys and
    /// revocations the district shared (issue 25); missing files are empty.
    pub fn load(keys_dir: &Path) -> Result<Self, CodesError> {
        // Our own key, signed for the district, so the sync shares it from the first start.
        share::own_items(keys_dir, Utc::now())?;
        let mut keys = keys::load_trusted_keys(keys_dir)?;
        let trusted: Vec<[u8; 8]> = keys.keys().copied().collect();
        let district = share::load_district(keys_dir, trusted)?;
        for key in district.keys {
            keys.entry(payload::key_id(&key)).or_insert(key);
        }
        Ok(Self {
            keys,
            revoked: register::load_revoked(keys_dir)?,
            shared_revoked: district.revoked,
        })
    }

    fn is_revoked(&self, body: &PassBody) -> bool {
        self.revoked.contains(&body.pass_id)
            || self
                .shared_revoked
                .contains(&(body.signer_kid, body.pass_id.clone()))
    }
}

/// The pass verdict from what the checks found: a bad or unknown signature first (nothing else
/// about such a pass can be believed), then revocation, then the dates.
fn pass_verdict(signature: Option<Reason>, revoked: bool, in_dates: bool) -> PassVerdict {
    match signature {
        Some(Reason::PassSignerUnknown) => PassVerdict::UnknownIssuer,
        Some(_) => PassVerdict::Forged,
        None if revoked => PassVerdict::Revoked,
        None if !in_dates => PassVerdict::Expired,
        None => PassVerdict::Valid,
    }
}

/// Verifies a `CKP1:` payload.
pub fn verify(payload: &str, trust: &PassTrust, now: DateTime<Utc>) -> CodeVerdict {
    let mut verdict = CodeVerdict::new(CodeFormat::Pass, format!("{PASS_LABEL} ?"));
    let Some(pass) = payload::decode(payload) else {
        verdict.reasons.push(Reason::PassMalformed);
        verdict.pass_verdict = Some(PassVerdict::Forged);
        verdict.conclude();
        return verdict;
    };
    let body = &pass.body;
    verdict.checks.decode = true;
    verdict.pass_id = Some(body.pass_id.clone());
    verdict.holder = Some(mask_name(&body.holder));
    verdict.expires = Some(body.valid_to);
    verdict.issuer = Some(hex::encode(body.signer_kid));
    verdict.label = format!("{PASS_LABEL} {} {}", body.pass_id, mask_name(&body.holder));
    let signature = match trust.keys.get(&body.signer_kid) {
        None => Err(Reason::PassSignerUnknown),
        Some(key) if pass.verify_with(key) => Ok(()),
        Some(_) => Err(Reason::PassSignatureInvalid),
    };
    verdict.checks.signature = Some(signature.is_ok());
    let signature = signature.err();
    verdict.reasons.extend(signature.clone());
    let window = if now < body.valid_from {
        Some(Reason::PassNotYetValid {
            from: body.valid_from,
        })
    } else if now > body.valid_to {
        Some(Reason::PassExpired {
            until: body.valid_to,
        })
    } else {
        None
    };
    verdict.checks.validity = Some(window.is_none());
    verdict.reasons.extend(window.clone());
    let in_dates = window.is_none();
    let revoked = trust.is_revoked(body);
    verdict.checks.rules = Some(!revoked);
    if revoked {
        verdict.reasons.push(Reason::PassRevoked);
    }
    verdict.pass_verdict = Some(pass_verdict(signature, revoked, in_dates));
    verdict.conclude();
    verdict
}

/// What a shift leader types to issue a pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassRequest {
    pub holder: String,
    pub unit: String,
    pub kind: PassKind,
    pub valid_days: u32,
}

/// Checks the request, signs the pass and records it in the register (for callers that hand
/// the payload over themselves; a printed card goes through [`sign`], the card, then [`record`]).
pub fn issue(
    keys_dir: &Path,
    request: &PassRequest,
    now: DateTime<Utc>,
) -> Result<(PassBody, String), CodesError> {
    let (body, payload) = sign(keys_dir, request, now)?;
    record(keys_dir, &body, now)?;
    Ok((body, payload))
}

/// Checks the request and signs the pass, without recording it: the register must only list
/// passes somebody holds, so it is written after the card.
pub fn sign(
    keys_dir: &Path,
    request: &PassRequest,
    now: DateTime<Utc>,
) -> Result<(PassBody, String), CodesError> {
    let key = keys::load_signing_key(keys_dir)?;
    // The key's signed item for the district, if this key has none yet (issue 25).
    share::own_items(keys_dir, now)?;
    let body = body_for_request(request, now, &key)?;
    let payload = payload::sign(&body, &key);
    Ok((body, payload))
}

/// Records an issued pass in the register.
pub fn record(keys_dir: &Path, body: &PassBody, now: DateTime<Utc>) -> Result<(), CodesError> {
    register::record_issued(
        keys_dir,
        register::IssuedPass {
            pass_id: body.pass_id.clone(),
            holder_masked: mask_name(&body.holder),
            unit: body.unit.clone(),
            kind: body.kind.as_str().to_owned(),
            plate: match &body.kind {
                PassKind::Vehicle { plate } => Some(plate.clone()),
                _ => None,
            },
            valid_from: body.valid_from,
            valid_to: body.valid_to,
            issued_at: now,
        },
    )
}

fn body_for_request(
    request: &PassRequest,
    now: DateTime<Utc>,
    key: &SigningKey,
) -> Result<PassBody, CodesError> {
    let holder = request.holder.trim();
    let unit = request.unit.trim();
    let bad = |what: &str| Err(CodesError::BadPassDetails(what.to_owned()));
    if holder.is_empty() || holder.chars().count() > payload::MAX_TEXT_CHARS {
        return bad("the holder's name must have 1 to 64 characters");
    }
    if unit.is_empty() || unit.chars().count() > payload::MAX_TEXT_CHARS {
        return bad("the unit (building-unit-room) must have 1 to 64 characters");
    }
    if let PassKind::Vehicle { plate } = &request.kind
        && (plate.trim().is_empty() || plate.trim().chars().count() > payload::MAX_PLATE_CHARS)
    {
        return bad("a vehicle pass needs --plate with at most 16 characters");
    }
    if !(1..=3660).contains(&request.valid_days) {
        return bad("--days must be between 1 and 3660");
    }
    let kind = match &request.kind {
        PassKind::Vehicle { plate } => PassKind::Vehicle {
            plate: plate.trim().to_uppercase(),
        },
        other => other.clone(),
    };
    Ok(PassBody {
        pass_id: new_pass_id(),
        holder: holder.to_owned(),
        unit: unit.to_owned(),
        kind,
        valid_from: now,
        valid_to: now + Duration::days(i64::from(request.valid_days)),
        signer_kid: payload::key_id(&key.verifying_key()),
    })
}

/// A short random id, easy to read out over the phone: "P" + 10 hex digits.
fn new_pass_id() -> String {
    let mut bytes = [0u8; 5];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("P{}", hex::encode_upper(bytes))
}
