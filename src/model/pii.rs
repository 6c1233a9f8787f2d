//! Personal data kept to the minimum: a keyed hash to recognise the same person again, and a
//! masked form for people to read. Plain ID numbers, phones and code payloads are never stored.

use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

const KEY_BYTES: usize = 32;

/// The per-installation secret for HMAC-SHA256. Without it a stored hash cannot be reversed by
/// trying every ID number (there are only about 10^11 plausible ones).
#[derive(Clone)]
pub struct PiiKey([u8; KEY_BYTES]);

impl std::fmt::Debug for PiiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PiiKey(…)")
    }
}

impl PiiKey {
    pub fn generate() -> Self {
        let mut bytes = [0u8; KEY_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(Self)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// A public fingerprint of the secret (16 hex digits): two kiosks' hashes match exactly when
    /// their fingerprints do, so exports can say which secret made their hashes.
    pub fn key_id(&self) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .expect("HMAC accepts keys of any length");
        mac.update(b"checkpoint-kiosk key id");
        hex::encode(&mac.finalize().into_bytes()[..8])
    }

    /// Hex HMAC of `value`, separated by `kind` so an ID number and a phone never collide.
    pub fn hash(&self, kind: HashKind, value: &str) -> KeyedHash {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .expect("HMAC accepts keys of any length");
        mac.update(kind.as_str().as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        KeyedHash(hex::encode(mac.finalize().into_bytes()))
    }
}

/// What a keyed hash stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashKind {
    Document,
    Phone,
    CodePayload,
    Name,
    /// The pass keys and revocations of a neighbour file, sealed with the district's secret.
    PassShare,
}

impl HashKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Document => "document",
            Self::Phone => "phone",
            Self::CodePayload => "code",
            Self::Name => "name",
            Self::PassShare => "pass-share",
        }
    }
}

/// A hex HMAC-SHA256: equal values give equal hashes under one installation secret.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KeyedHash(String);

impl KeyedHash {
    pub fn from_hex(hex_text: String) -> Self {
        Self(hex_text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Keeps the first `head` and last `tail` characters and stars the rest: 110105********002X.
pub fn mask_middle(text: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let stars = chars.len() - head - tail;
    chars[..head]
        .iter()
        .chain(std::iter::repeat_n(&'*', stars))
        .chain(&chars[chars.len() - tail..])
        .collect()
}

/// ID and document numbers: first 6 + last 4 (110105********002X); short ones keep less.
pub fn mask_document(number: &str) -> String {
    let length = number.chars().count();
    if length >= 15 {
        mask_middle(number, 6, 4)
    } else {
        mask_middle(number, 2, 2)
    }
}

/// Phones: first 3 + last 4 (138****5678).
pub fn mask_phone(phone: &str) -> String {
    mask_middle(phone, 3, 4)
}

/// Two-character surnames, so 欧阳娜娜 masks as 欧阳** rather than 欧***.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "令狐", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "澹台", "呼延", "万俟", "闻人", "赫连",
    "申屠", "太史", "钟离", "宗政", "濮阳", "淳于", "单于", "百里", "东郭",
];

/// Names: surname + one star per other character (张*, 欧阳**); Latin names: first letter + *.
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return String::new();
    }
    if name.is_ascii() {
        let first = name.chars().next().unwrap_or('*');
        return format!("{first}***");
    }
    let surname_len =
        if COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s)) && name.chars().count() > 2 {
            2
        } else {
            1
        };
    let total = name.chars().count();
    if total <= surname_len {
        // A one-character name would be shown whole: an asterisk at least hides its length.
        return format!("{name}*");
    }
    name.chars()
        .take(surname_len)
        .chain(std::iter::repeat_n('*', total - surname_len))
        .collect()
}

/// A personal identifier as stored: its keyed hash and its masked form, never the plain value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Protected {
    pub hash: KeyedHash,
    pub masked: String,
}

impl Protected {
    pub fn new(key: &PiiKey, kind: HashKind, plain: &str, masked: String) -> Self {
        Self {
            hash: key.hash(kind, plain),
            masked,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_tell_secrets_apart_without_revealing_them() {
        let one = PiiKey::from_bytes(&[1u8; 32]).expect("key");
        let same = PiiKey::from_bytes(&[1u8; 32]).expect("key");
        let other = PiiKey::from_bytes(&[2u8; 32]).expect("key");
        assert_eq!(one.key_id(), same.key_id());
        assert_ne!(one.key_id(), other.key_id());
        assert_eq!(one.key_id().len(), 16);
        assert!(!one.key_id().contains(&hex::encode([1u8; 8])));
    }

    #[test]
    fn masks_follow_common_practice() {
        assert_eq!(mask_document("11010519491231002X"), "110105********002X");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧阳**");
        assert_eq!(mask_name("王小明"), "王**");
        assert_eq!(mask_name("Smith"), "S***");
        assert_eq!(
            mask_name("李"),
            "李*",
            "a one-character name still hides something"
        );
        assert_eq!(mask_document("E1234"), "E1*34");
        assert_eq!(mask_middle("ab", 3, 4), "**");
    }

    #[test]
    fn hashes_are_keyed_and_separated_by_kind() {
        let key = PiiKey::from_bytes(&[7u8; 32]).expect("32 bytes");
        let other = PiiKey::from_bytes(&[8u8; 32]).expect("32 bytes");
        let id = "11010519491231002X";
        assert_eq!(
            key.hash(HashKind::Document, id),
            key.hash(HashKind::Document, id)
        );
        assert_ne!(
            key.hash(HashKind::Document, id),
            other.hash(HashKind::Document, id)
        );
        assert_ne!(
            key.hash(HashKind::Document, id),
            key.hash(HashKind::Phone, id)
        );
        assert!(!key.hash(HashKind::Document, id).as_str().contains(id));
        assert_eq!(key.hash(HashKind::Phone, "1").as_str().len(), 64);
    }

    #[test]
    fn keys_of_the_wrong_length_are_refused() {
        assert!(PiiKey::from_bytes(&[1u8; 31]).is_none());
        assert!(PiiKey::from_bytes(&[1u8; 32]).is_some());
    }
}
