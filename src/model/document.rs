//! Identity documents a person can show at the gate, and their number formats.
//!
//! The resident ID is fully checked (see [`super::id_number`]); the other documents have no
//! public check digit, so only their shape is checked.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::id_number::{IdError, ResidentId, half_width};

/// Which document a number belongs to. Serde writes the stable names of [`DocumentKind::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocumentKind {
    #[serde(rename = "resident-id")]
    ResidentId,
    /// 港澳居民来往内地通行证: H or M + 8 digits, optionally + 2-digit renewal count.
    #[serde(rename = "hk-macau-permit")]
    HkMacauPermit,
    /// 台湾居民来往大陆通行证: 8 digits.
    #[serde(rename = "taiwan-permit")]
    TaiwanPermit,
    /// 往来港澳通行证: C + 8 digits, or C + letter (not I or O) + 7 digits.
    #[serde(rename = "mainland-permit")]
    MainlandPermitToHkMacau,
    /// 中国护照: E + 8 digits, or E + letter + 7 digits.
    #[serde(rename = "passport-cn")]
    ChinesePassport,
    /// Any other passport: 5–20 letters and digits.
    #[serde(rename = "passport-foreign")]
    ForeignPassport,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 6] = [
        Self::ResidentId,
        Self::HkMacauPermit,
        Self::TaiwanPermit,
        Self::MainlandPermitToHkMacau,
        Self::ChinesePassport,
        Self::ForeignPassport,
    ];

    /// Stable name used in storage, JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ResidentId => "resident-id",
            Self::HkMacauPermit => "hk-macau-permit",
            Self::TaiwanPermit => "taiwan-permit",
            Self::MainlandPermitToHkMacau => "mainland-permit",
            Self::ChinesePassport => "passport-cn",
            Self::ForeignPassport => "passport-foreign",
        }
    }

    pub fn from_str_opt(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::ResidentId => "Resident ID card",
            Self::HkMacauPermit => "Hong Kong/Macau resident permit",
            Self::TaiwanPermit => "Taiwan resident permit",
            Self::MainlandPermitToHkMacau => "Permit to Hong Kong/Macau",
            Self::ChinesePassport => "Chinese passport",
            Self::ForeignPassport => "Foreign passport",
        }
    }

    /// What a valid number looks like, for error messages and input hints.
    fn expected_en(self) -> &'static str {
        match self {
            Self::ResidentId => "18 characters",
            Self::HkMacauPermit => "H or M and 8 digits, e.g. H12345678",
            Self::TaiwanPermit => "8 digits, e.g. 12345678",
            Self::MainlandPermitToHkMacau => "C and 8 digits, or C, a letter and 7 digits",
            Self::ChinesePassport => "E and 8 digits, or E, a letter and 7 digits",
            Self::ForeignPassport => "5 to 20 letters and digits",
        }
    }
}

/// What is wrong with a typed document number. `Display` is English; `text::errors` words it
/// in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocumentError {
    #[error(transparent)]
    ResidentId(#[from] IdError),
    #[error("the document number is empty; type the number printed on the document")]
    Empty,
    #[error("“{number}” is not a valid {label} number: it should be {expected}; check it and type it again", label = .kind.label_en(), expected = .kind.expected_en())]
    WrongFormat { kind: DocumentKind, number: String },
}

/// A document number of a known kind, normalised (half-width, upper case, no spaces).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Document {
    ResidentId(ResidentId),
    HkMacauPermit(DocumentNumber),
    TaiwanPermit(DocumentNumber),
    MainlandPermitToHkMacau(DocumentNumber),
    ChinesePassport(DocumentNumber),
    ForeignPassport(DocumentNumber),
}

/// A number that passed its kind's shape check; only [`Document::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentNumber(String);

impl DocumentNumber {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Document {
    pub fn parse(kind: DocumentKind, text: &str) -> Result<Self, DocumentError> {
        Ok(match kind {
            DocumentKind::ResidentId => Self::ResidentId(ResidentId::parse(text)?),
            DocumentKind::HkMacauPermit => Self::HkMacauPermit(shaped_number(kind, text)?),
            DocumentKind::TaiwanPermit => Self::TaiwanPermit(shaped_number(kind, text)?),
            DocumentKind::MainlandPermitToHkMacau => {
                Self::MainlandPermitToHkMacau(shaped_number(kind, text)?)
            }
            DocumentKind::ChinesePassport => Self::ChinesePassport(shaped_number(kind, text)?),
            DocumentKind::ForeignPassport => Self::ForeignPassport(shaped_number(kind, text)?),
        })
    }

    pub fn kind(&self) -> DocumentKind {
        match self {
            Self::ResidentId(_) => DocumentKind::ResidentId,
            Self::HkMacauPermit(_) => DocumentKind::HkMacauPermit,
            Self::TaiwanPermit(_) => DocumentKind::TaiwanPermit,
            Self::MainlandPermitToHkMacau(_) => DocumentKind::MainlandPermitToHkMacau,
            Self::ChinesePassport(_) => DocumentKind::ChinesePassport,
            Self::ForeignPassport(_) => DocumentKind::ForeignPassport,
        }
    }

    /// The normalised number.
    pub fn number(&self) -> &str {
        match self {
            Self::ResidentId(id) => id.as_str(),
            Self::HkMacauPermit(number)
            | Self::TaiwanPermit(number)
            | Self::MainlandPermitToHkMacau(number)
            | Self::ChinesePassport(number)
            | Self::ForeignPassport(number) => number.as_str(),
        }
    }
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.number())
    }
}

fn shaped_number(kind: DocumentKind, text: &str) -> Result<DocumentNumber, DocumentError> {
    let number = normalise(text);
    if number.is_empty() {
        Err(DocumentError::Empty)
    } else if has_shape(kind, &number) {
        Ok(DocumentNumber(number))
    } else {
        Err(DocumentError::WrongFormat { kind, number })
    }
}

fn normalise(text: &str) -> String {
    text.chars()
        .map(half_width)
        // Renewal counts are often written in brackets: H12345678(01).
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn has_shape(kind: DocumentKind, number: &str) -> bool {
    let bytes = number.as_bytes();
    match kind {
        DocumentKind::ResidentId => false,
        DocumentKind::HkMacauPermit => {
            matches!(bytes.first(), Some(b'H' | b'M'))
                && matches!(bytes.len(), 9 | 11)
                && all_digits(&bytes[1..])
        }
        DocumentKind::TaiwanPermit => bytes.len() == 8 && all_digits(bytes),
        DocumentKind::MainlandPermitToHkMacau => {
            letter_series(bytes, b'C', |c| c != b'I' && c != b'O')
        }
        DocumentKind::ChinesePassport => letter_series(bytes, b'E', |_| true),
        DocumentKind::ForeignPassport => {
            (5..=20).contains(&bytes.len()) && bytes.iter().all(u8::is_ascii_alphanumeric)
        }
    }
}

/// `first` + 8 digits, or `first` + an allowed letter + 7 digits.
fn letter_series(bytes: &[u8], first: u8, letter_allowed: impl Fn(u8) -> bool) -> bool {
    match bytes {
        [head, second, rest @ ..] if *head == first && bytes.len() == 9 => {
            let second_ok =
                second.is_ascii_digit() || (second.is_ascii_uppercase() && letter_allowed(*second));
            second_ok && all_digits(rest)
        }
        _ => false,
    }
}

fn all_digits(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::from_str_opt(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).expect("serialises");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }

    #[test]
    fn normalises_typed_numbers() {
        let document = Document::parse(DocumentKind::ChinesePassport, " ｅa 1234567 ")
            .expect("valid passport");
        assert_eq!(document.number(), "EA1234567");
        assert_eq!(document.kind(), DocumentKind::ChinesePassport);
        let permit = Document::parse(DocumentKind::HkMacauPermit, "h12345678（01）");
        assert_eq!(
            permit.map(|d| d.number().to_owned()),
            Ok("H1234567801".to_owned())
        );
    }

    #[test]
    fn wrong_format_says_what_is_expected_in_both_languages() {
        let error = Document::parse(DocumentKind::TaiwanPermit, "1234").expect_err("too short");
        assert!(error.to_string().contains("8 digits"));
    }
}
