//! Mainland China phone numbers: mobiles, and landlines as a fallback for villagers without one.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::id_number::half_width;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhoneKind {
    Mobile,
    Landline,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhoneError {
    #[error("the phone number is empty; type a mobile number like 13812345678")]
    Empty,
    #[error("“{0}” is not allowed in a phone number; type digits only")]
    BadCharacter(char),
    #[error(
        "{0} is not a mainland phone number; type 11 digits starting with 1, or a landline with its area code like 010-12345678"
    )]
    NotAPhoneNumber(String),
}

/// A mobile (11 digits) or landline (0 + area code + number) number, digits only, no +86.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone {
    digits: String,
    kind: PhoneKind,
}

impl Phone {
    /// Accepts +86/0086, spaces, hyphens, brackets, dots and full-width digits.
    pub fn parse(text: &str) -> Result<Self, PhoneError> {
        let digits = digits_of(text)?;
        if digits.is_empty() {
            return Err(PhoneError::Empty);
        }
        let national = strip_country_code(&digits);
        if let Some(phone) = classify(national) {
            return Ok(phone);
        }
        // "+86 10 12345678": the trunk 0 is dropped after a country code.
        if national.len() != digits.len()
            && let Some(phone) = classify(&format!("0{national}"))
            && phone.kind == PhoneKind::Landline
        {
            return Ok(phone);
        }
        Err(PhoneError::NotAPhoneNumber(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.digits
    }

    pub fn kind(&self) -> PhoneKind {
        self.kind
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.digits)
    }
}

impl TryFrom<String> for Phone {
    type Error = PhoneError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Phone> for String {
    fn from(value: Phone) -> Self {
        value.digits
    }
}

/// Keeps digits (and a leading +, turned into 00); drops the separators people type.
fn digits_of(text: &str) -> Result<String, PhoneError> {
    let mut digits = String::new();
    for c in text.trim().chars().map(half_width) {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() => digits.push_str("00"),
            ' ' | '-' | '(' | ')' | '.' => {}
            other if other.is_whitespace() => {}
            other => return Err(PhoneError::BadCharacter(other)),
        }
    }
    Ok(digits)
}

fn strip_country_code(digits: &str) -> &str {
    digits.strip_prefix("0086").unwrap_or(digits)
}

fn classify(digits: &str) -> Option<Phone> {
    let bytes = digits.as_bytes();
    let kind = match bytes {
        [b'1', b'3'..=b'9', rest @ ..] if rest.len() == 9 => PhoneKind::Mobile,
        // 0 + area code of 2 (010, 02x) or 3 digits + a 7–8 digit number; 00 is international.
        [b'0', b'1'..=b'9', ..] if (10..=12).contains(&bytes.len()) => PhoneKind::Landline,
        _ => return None,
    };
    Some(Phone {
        digits: digits.to_owned(),
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Result<(String, PhoneKind), PhoneError> {
        Phone::parse(text).map(|phone| (phone.as_str().to_owned(), phone.kind()))
    }

    #[test]
    fn mobiles_lose_country_code_and_separators() {
        let mobile = Ok(("13812345678".to_owned(), PhoneKind::Mobile));
        for typed in [
            "13812345678",
            "+86 138-1234-5678",
            "0086 13812345678",
            "１３８１２３４５６７８",
        ] {
            assert_eq!(parsed(typed), mobile, "{typed}");
        }
    }

    #[test]
    fn landlines_keep_their_area_code() {
        assert_eq!(
            parsed("010-12345678"),
            Ok(("01012345678".to_owned(), PhoneKind::Landline))
        );
        assert_eq!(
            parsed("0755 1234567"),
            Ok(("07551234567".to_owned(), PhoneKind::Landline))
        );
        assert_eq!(
            parsed("+86 10 12345678"),
            Ok(("01012345678".to_owned(), PhoneKind::Landline))
        );
    }

    #[test]
    fn rejects_what_is_no_phone_number() {
        assert_eq!(parsed(" "), Err(PhoneError::Empty));
        assert_eq!(
            parsed("12812345678"),
            Err(PhoneError::NotAPhoneNumber("12812345678".into()))
        );
        assert_eq!(
            parsed("1381234567"),
            Err(PhoneError::NotAPhoneNumber("1381234567".into()))
        );
        assert_eq!(parsed("138a"), Err(PhoneError::BadCharacter('a')));
        assert!(parsed("0012345678").is_err());
        assert!(parsed("012345").is_err());
    }
}
