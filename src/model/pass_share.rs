//! What a district's kiosks tell each other about passes (issue 25): each checkpoint's pass
//! public key and the passes it revoked, each item signed by the issuing key itself, so neither
//! the district's server nor another kiosk can forge a revocation or alter a key on the way.
//!
//! Pure: signing and checking only. The items travel through the district's PostgreSQL (`sync`)
//! and in the neighbour export file; the pass verifier (`codes::pass`) decides whom to trust.

use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

/// Signed message domain: never a pass (`CKP1`) nor anything else.
const DOMAIN: &[u8] = b"CKP1-SHARE/1";
/// Items read from one neighbour file at most: a district has a key and some revocations per
/// gate; a file with more is hostile or broken, and the rest is left unread.
pub const MAX_ITEMS_IN_FILE: usize = 10_000;
/// Longest pass id (`P` + 10 hex digits today; room for other schemes).
pub const MAX_PASS_ID_CHARS: usize = 32;

/// A key or a revocation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Shared {
    /// "Passes signed by this key are ours": the key signs itself.
    Key,
    /// "We revoked our pass `pass_id`": only the key that issued it can say so.
    Revocation { pass_id: String },
}

/// One signed item.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SharedPassItem {
    pub what: Shared,
    /// The issuing key (Ed25519, 32 bytes); its key id is [`key_id`] of it.
    pub public_key: [u8; 32],
    pub signed_at: DateTime<Utc>,
    pub signature: [u8; 64],
}

/// Why an item was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ShareRefusal {
    #[error("not an Ed25519 public key")]
    BadKey,
    #[error("the signature is not the issuing key's: forged or altered")]
    BadSignature,
    #[error("the pass id is empty, too long or holds other characters than letters and digits")]
    BadPassId,
    #[error("the key id does not match the key")]
    KeyIdMismatch,
    #[error("signed by a key the district never shared")]
    UnknownKey,
    #[error("unreadable item")]
    Unreadable,
}

/// The key id of an Ed25519 public key: the first 8 bytes of SHA-256 over it (as in `CKP1`).
pub fn key_id(public_key: &[u8; 32]) -> [u8; 8] {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(public_key);
    let mut kid = [0u8; 8];
    kid.copy_from_slice(&digest[..8]);
    kid
}

/// A pass id as passes carry it: 1 to 32 ASCII letters, digits or `-`.
pub fn plain_pass_id(pass_id: &str) -> bool {
    (1..=MAX_PASS_ID_CHARS).contains(&pass_id.len())
        && pass_id
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
}

impl SharedPassItem {
    /// Signs `what` with `key` at `at`.
    pub fn sign(key: &SigningKey, what: Shared, at: DateTime<Utc>) -> Self {
        let public_key = key.verifying_key().to_bytes();
        let mut item = Self {
            what,
            public_key,
            signed_at: at,
            signature: [0; 64],
        };
        item.signature = key.sign(&item.message()).to_bytes();
        item
    }

    pub fn key_id(&self) -> [u8; 8] {
        key_id(&self.public_key)
    }

    /// The revoked pass id, for a revocation.
    pub fn revoked_pass(&self) -> Option<&str> {
        match &self.what {
            Shared::Revocation { pass_id } => Some(pass_id),
            Shared::Key => None,
        }
    }

    /// Checks the item is well formed and signed by its own key. Whether that key is one the
    /// district trusts is the verifier's question.
    pub fn check(&self) -> Result<VerifyingKey, ShareRefusal> {
        if let Shared::Revocation { pass_id } = &self.what
            && !plain_pass_id(pass_id)
        {
            return Err(ShareRefusal::BadPassId);
        }
        let key = VerifyingKey::from_bytes(&self.public_key).map_err(|_| ShareRefusal::BadKey)?;
        key.verify_strict(&self.message(), &Signature::from_bytes(&self.signature))
            .map_err(|_| ShareRefusal::BadSignature)?;
        Ok(key)
    }

    fn message(&self) -> Vec<u8> {
        let (kind, pass_id): (u8, &str) = match &self.what {
            Shared::Key => (0, ""),
            Shared::Revocation { pass_id } => (1, pass_id),
        };
        let mut message = DOMAIN.to_vec();
        message.push(kind);
        message.extend_from_slice(&self.public_key);
        message.extend_from_slice(&(pass_id.len() as u64).to_be_bytes());
        message.extend_from_slice(pass_id.as_bytes());
        message.extend_from_slice(&self.signed_at.timestamp().to_be_bytes());
        message
    }

    /// The same key, or the same revocation, whenever it was signed.
    pub fn same_fact(&self, other: &Self) -> bool {
        self.public_key == other.public_key && self.what == other.what
    }

    /// The item as it travels in files: hex strings, an RFC 3339 time.
    pub fn to_wire(&self) -> SharedPassWire {
        SharedPassWire {
            kind: match self.what {
                Shared::Key => "key".to_owned(),
                Shared::Revocation { .. } => "revocation".to_owned(),
            },
            pass_id: self.revoked_pass().map(str::to_owned),
            public_key: hex::encode(self.public_key),
            signed_at: self.signed_at.timestamp(),
            signature: hex::encode(self.signature),
        }
    }

    /// Reads an item from its file form; the signature is not checked here ([`Self::check`]).
    pub fn from_wire(wire: &SharedPassWire) -> Result<Self, ShareRefusal> {
        let what = match (wire.kind.as_str(), &wire.pass_id) {
            ("key", None) => Shared::Key,
            ("revocation", Some(pass_id)) => Shared::Revocation {
                pass_id: pass_id.clone(),
            },
            _ => return Err(ShareRefusal::Unreadable),
        };
        Self::from_parts(
            what,
            &hex::decode(&wire.public_key).map_err(|_| ShareRefusal::Unreadable)?,
            wire.signed_at,
            &hex::decode(&wire.signature).map_err(|_| ShareRefusal::Unreadable)?,
        )
    }

    /// From a server row's columns.
    pub fn from_parts(
        what: Shared,
        public_key: &[u8],
        signed_at_seconds: i64,
        signature: &[u8],
    ) -> Result<Self, ShareRefusal> {
        Ok(Self {
            what,
            public_key: public_key.try_into().map_err(|_| ShareRefusal::BadKey)?,
            signed_at: DateTime::from_timestamp(signed_at_seconds, 0)
                .ok_or(ShareRefusal::Unreadable)?,
            signature: signature
                .try_into()
                .map_err(|_| ShareRefusal::BadSignature)?,
        })
    }
}

/// What to keep of items received from the district or a neighbour: every well-signed key,
/// and every well-signed revocation whose key is one of `known_keys` or of those keys; the rest
/// is refused with its reason.
pub fn accept(
    known_keys: impl IntoIterator<Item = [u8; 8]>,
    items: Vec<SharedPassItem>,
) -> (Vec<SharedPassItem>, Vec<(SharedPassItem, ShareRefusal)>) {
    let mut keys: std::collections::HashSet<[u8; 8]> = known_keys.into_iter().collect();
    let (mut accepted, mut refused) = (Vec::new(), Vec::new());
    let (key_items, revocations): (Vec<_>, Vec<_>) =
        items.into_iter().partition(|item| item.what == Shared::Key);
    for item in key_items {
        match item.check() {
            Ok(_) => {
                keys.insert(item.key_id());
                accepted.push(item);
            }
            Err(reason) => refused.push((item, reason)),
        }
    }
    for item in revocations {
        match item.check() {
            Ok(_) if keys.contains(&item.key_id()) => accepted.push(item),
            Ok(_) => refused.push((item, ShareRefusal::UnknownKey)),
            Err(reason) => refused.push((item, reason)),
        }
    }
    (accepted, refused)
}

/// The pass items of a neighbour file with the district's seal: a keyed hash over them made
/// with the hashing secret the district's kiosks share. Signatures prove who issued an item;
/// the seal proves a kiosk of our own district chose to pass these keys on, so a file from
/// anyone else cannot make a gate trust a new key (its revocations still count, as those of
/// keys the gate knows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedItems {
    pub items: Vec<SharedPassWire>,
    pub seal: String,
}

impl SealedItems {
    pub fn seal(key: &crate::model::pii::PiiKey, items: Vec<SharedPassWire>) -> Self {
        let seal = seal_of(key, &items);
        Self { items, seal }
    }
}

/// Whether `seal` is our district's over `items`.
pub fn sealed_by(key: &crate::model::pii::PiiKey, items: &[SharedPassWire], seal: &str) -> bool {
    let ours = seal_of(key, items);
    // Both are hex of one length; a plain comparison leaks nothing a file's author lacks.
    ours == seal
}

fn seal_of(key: &crate::model::pii::PiiKey, items: &[SharedPassWire]) -> String {
    let mut text = String::new();
    for item in items {
        text.push_str(&format!(
            "{}|{}|{}|{}|{}\n",
            item.kind,
            item.pass_id.as_deref().unwrap_or(""),
            item.public_key,
            item.signed_at,
            item.signature
        ));
    }
    key.hash(crate::model::pii::HashKind::PassShare, &text)
        .as_str()
        .to_owned()
}

/// The file form of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPassWire {
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_id: Option<String>,
    pub public_key: String,
    /// Seconds since 1970 (UTC).
    pub signed_at: i64,
    pub signature: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).expect("time")
    }

    #[test]
    fn a_signed_key_and_revocation_check_and_survive_the_file_form() {
        let east = key(1);
        for what in [
            Shared::Key,
            Shared::Revocation {
                pass_id: "P0123456789".to_owned(),
            },
        ] {
            let item = SharedPassItem::sign(&east, what, at());
            assert_eq!(item.check(), Ok(east.verifying_key()));
            let back = SharedPassItem::from_wire(&item.to_wire()).expect("wire");
            assert_eq!(back, item);
        }
    }

    #[test]
    fn a_revocation_signed_by_another_key_or_altered_is_refused() {
        let (east, west) = (key(1), key(2));
        let mut item = SharedPassItem::sign(
            &west,
            Shared::Revocation {
                pass_id: "P01".to_owned(),
            },
            at(),
        );
        // West claims east issued it: the signature is west's, so it does not check.
        item.public_key = east.verifying_key().to_bytes();
        assert_eq!(item.check(), Err(ShareRefusal::BadSignature));
        let mut altered = SharedPassItem::sign(
            &east,
            Shared::Revocation {
                pass_id: "P01".to_owned(),
            },
            at(),
        );
        altered.what = Shared::Revocation {
            pass_id: "P02".to_owned(),
        };
        assert_eq!(altered.check(), Err(ShareRefusal::BadSignature));
        let bad_id = SharedPassItem::sign(
            &east,
            Shared::Revocation {
                pass_id: "P 1".to_owned(),
            },
            at(),
        );
        assert_eq!(bad_id.check(), Err(ShareRefusal::BadPassId));
    }
}
