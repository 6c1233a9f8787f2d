//! The pass payload: `CKP1:` + Base45(CBOR body ‖ Ed25519 signature). The body is a short CBOR
//! array so that the QR code stays small enough to scan off a phone or a laminated card.

use chrono::{DateTime, Utc};
use ciborium::value::Value;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

use crate::codes::{base45, cbor};

pub const PREFIX: &str = "CKP1:";
/// Signed message domain: the version, so a signature can never be replayed as another format.
const SIGNING_DOMAIN: &[u8] = b"CKP1";
const SIGNATURE_BYTES: usize = 64;
pub const MAX_ID_CHARS: usize = 32;
pub const MAX_TEXT_CHARS: usize = 64;
pub const MAX_PLATE_CHARS: usize = 16;

/// Who the pass is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassKind {
    Resident,
    Worker,
    Vehicle { plate: String },
}

impl PassKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Resident => "resident",
            Self::Worker => "worker",
            Self::Vehicle { .. } => "vehicle",
        }
    }

    fn code(&self) -> u8 {
        match self {
            Self::Resident => 0,
            Self::Worker => 1,
            Self::Vehicle { .. } => 2,
        }
    }

    fn plate(&self) -> Option<&str> {
        match self {
            Self::Vehicle { plate } => Some(plate),
            _ => None,
        }
    }
}

/// The signed content of a pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassBody {
    pub pass_id: String,
    pub holder: String,
    /// Building-unit-room, e.g. "3-2-501".
    pub unit: String,
    pub kind: PassKind,
    pub valid_from: DateTime<Utc>,
    pub valid_to: DateTime<Utc>,
    /// First 8 bytes of SHA-256 over the signer's public key.
    pub signer_kid: [u8; 8],
}

/// A decoded pass: its body and what the signature covers, not yet verified.
#[derive(Debug, Clone)]
pub struct SignedPass {
    pub body: PassBody,
    signed_bytes: Vec<u8>,
    signature: Signature,
}

impl SignedPass {
    /// True when `key` signed this pass.
    pub fn verify_with(&self, key: &VerifyingKey) -> bool {
        key.verify_strict(&self.signed_bytes, &self.signature)
            .is_ok()
    }
}

/// The key id of an Ed25519 public key.
pub fn key_id(key: &VerifyingKey) -> [u8; 8] {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(key.as_bytes());
    let mut kid = [0u8; 8];
    kid.copy_from_slice(&digest[..8]);
    kid
}

/// Encodes and signs a pass; the body's `signer_kid` is set from `key`.
pub fn sign(body: &PassBody, key: &SigningKey) -> String {
    let mut body = body.clone();
    body.signer_kid = key_id(&key.verifying_key());
    let body_bytes = cbor::encode(&body_to_value(&body));
    let signature = key.sign(&signed_message(&body_bytes));
    let mut bytes = body_bytes;
    bytes.extend_from_slice(&signature.to_bytes());
    format!("{PREFIX}{}", base45::encode(&bytes))
}

/// Decodes a `CKP1:` payload; None when it is not a well-formed pass.
pub fn decode(payload: &str) -> Option<SignedPass> {
    let bytes = base45::decode(payload.strip_prefix(PREFIX)?).ok()?;
    let split = bytes.len().checked_sub(SIGNATURE_BYTES)?;
    let (body_bytes, signature_bytes) = bytes.split_at(split);
    let signature = Signature::from_slice(signature_bytes).ok()?;
    let body = body_from_value(cbor::decode_bounded(body_bytes)?)?;
    Some(SignedPass {
        body,
        signed_bytes: signed_message(body_bytes),
        signature,
    })
}

fn signed_message(body_bytes: &[u8]) -> Vec<u8> {
    [SIGNING_DOMAIN, body_bytes].concat()
}

fn body_to_value(body: &PassBody) -> Value {
    Value::Array(vec![
        Value::Text(body.pass_id.clone()),
        Value::Text(body.holder.clone()),
        Value::Text(body.unit.clone()),
        Value::Integer(body.kind.code().into()),
        body.kind
            .plate()
            .map_or(Value::Null, |plate| Value::Text(plate.to_owned())),
        Value::Integer(body.valid_from.timestamp().into()),
        Value::Integer(body.valid_to.timestamp().into()),
        Value::Bytes(body.signer_kid.to_vec()),
    ])
}

fn body_from_value(value: Value) -> Option<PassBody> {
    let fields: [Value; 8] = value.into_array().ok()?.try_into().ok()?;
    let [id, holder, unit, kind, plate, from, to, kid] = fields;
    let text =
        |value: Value, max: usize| value.into_text().ok().filter(|t| t.chars().count() <= max);
    let time = |value: &Value| cbor::as_i64(value).and_then(|s| DateTime::from_timestamp(s, 0));
    let kind = match (cbor::as_i64(&kind)?, plate) {
        (0, Value::Null) => PassKind::Resident,
        (1, Value::Null) => PassKind::Worker,
        (2, plate) => PassKind::Vehicle {
            plate: text(plate, MAX_PLATE_CHARS)?,
        },
        _ => return None,
    };
    Some(PassBody {
        pass_id: text(id, MAX_ID_CHARS)?,
        holder: text(holder, MAX_TEXT_CHARS)?,
        unit: text(unit, MAX_TEXT_CHARS)?,
        kind,
        valid_from: time(&from)?,
        valid_to: time(&to)?,
        signer_kid: kid.into_bytes().ok()?.try_into().ok()?,
    })
}
