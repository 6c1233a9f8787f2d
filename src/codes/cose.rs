//! COSE_Sign1 (RFC 9052) as the EU DCC uses it: the four-element array, optionally tagged 18
//! (and sometimes wrapped in the CWT tag 61), and the structure that the signature covers.

use ciborium::value::Value;

use super::cbor::{self, map_get_int};

const TAG_COSE_SIGN1: u64 = 18;
const TAG_CWT: u64 = 61;
const LABEL_ALG: i64 = 1;
const LABEL_KID: i64 = 4;

/// A parsed COSE_Sign1 message.
#[derive(Debug, Clone)]
pub struct CoseSign1 {
    /// The protected header exactly as sent: the signature covers these bytes.
    pub protected_bytes: Vec<u8>,
    pub alg: Option<i64>,
    pub kid: Option<Vec<u8>>,
    pub payload: Vec<u8>,
    pub signature: Vec<u8>,
}

impl CoseSign1 {
    /// Parses a COSE_Sign1 from a decoded CBOR value; None when the shape is wrong.
    pub fn from_value(value: Value) -> Option<Self> {
        let array = strip_tags(value)?.into_array().ok()?;
        let [protected, unprotected, payload, signature]: [Value; 4] = array.try_into().ok()?;
        let protected_bytes = protected.into_bytes().ok()?;
        let protected_map = protected_header(&protected_bytes)?;
        let unprotected_map = unprotected.into_map().ok()?;
        let header = |label| {
            map_get_int(&protected_map, label).or_else(|| map_get_int(&unprotected_map, label))
        };
        Some(Self {
            alg: header(LABEL_ALG).and_then(cbor::as_i64),
            kid: header(LABEL_KID).and_then(|kid| kid.as_bytes().cloned()),
            protected_bytes,
            payload: payload.into_bytes().ok()?,
            signature: signature.into_bytes().ok()?,
        })
    }

    /// The bytes the signer signed: Sig_structure = ["Signature1", protected, h'', payload].
    pub fn signed_bytes(&self) -> Vec<u8> {
        cbor::encode(&Value::Array(vec![
            Value::Text("Signature1".to_owned()),
            Value::Bytes(self.protected_bytes.clone()),
            Value::Bytes(Vec::new()),
            Value::Bytes(self.payload.clone()),
        ]))
    }
}

/// Removes the optional CWT and COSE_Sign1 tags; any other tag is refused.
fn strip_tags(value: Value) -> Option<Value> {
    let mut current = value;
    for _ in 0..2 {
        match current {
            Value::Tag(TAG_CWT | TAG_COSE_SIGN1, inner) => current = *inner,
            Value::Tag(..) => return None,
            other => return Some(other),
        }
    }
    (!current.is_tag()).then_some(current)
}

/// An empty protected header is a zero-length byte string, which means an empty map.
fn protected_header(bytes: &[u8]) -> Option<Vec<(Value, Value)>> {
    if bytes.is_empty() {
        return Some(Vec::new());
    }
    cbor::decode_bounded(bytes)?.into_map().ok()
}
