//! People's names as written on their documents: Chinese names (including rare characters from
//! the CJK extension blocks and the middle dot of minority names such as 买买提·艾力), or Latin
//! names with spaces, hyphens and apostrophes.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::id_number::half_width;

pub const MAX_NAME_CHARS: usize = 40;
/// The separator of transliterated minority names (U+00B7).
const MIDDLE_DOT: char = '·';

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NameError {
    #[error("the name is empty; type the name as it is on the document")]
    Empty,
    #[error("the name has {0} characters, more than 40; shorten it to the name on the document")]
    TooLong(usize),
    #[error("a name has no digits (found “{0}”); type the name as it is on the document")]
    Digit(char),
    #[error(
        "“{0}” is not allowed in a name; use Chinese characters, or Latin letters with spaces, hyphens and apostrophes"
    )]
    UnsupportedChar(char),
    #[error(
        "the name mixes Chinese and Latin letters; type it either in Chinese or in Latin letters"
    )]
    MixedScripts,
    #[error("“{0}” must stand between two parts of the name; remove the extra one")]
    MisplacedSeparator(char),
}

/// A trimmed, well-formed person name of 1–40 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Chinese,
    Latin,
}

impl PersonName {
    pub fn parse(text: &str) -> Result<Self, NameError> {
        let unified: String = text.chars().map(half_width).map(unify_dot).collect();
        let unified = unified.trim();
        let script = script_of(unified)?;
        let name = match script {
            // Input methods insert stray spaces between characters; Chinese names have none.
            Script::Chinese => unified.chars().filter(|c| !c.is_whitespace()).collect(),
            Script::Latin => unified.split_whitespace().collect::<Vec<_>>().join(" "),
        };
        let count = name.chars().count();
        if count == 0 {
            return Err(NameError::Empty);
        }
        if count > MAX_NAME_CHARS {
            return Err(NameError::TooLong(count));
        }
        check_separators(&name)?;
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PersonName {
    type Error = NameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PersonName> for String {
    fn from(value: PersonName) -> Self {
        value.0
    }
}

/// Input methods type the middle dot as several look-alikes; keep one.
fn unify_dot(c: char) -> char {
    match c {
        '\u{30FB}' | '\u{2022}' | '\u{2027}' | '\u{FF0E}' | '\u{FF65}' | '\u{2219}' => MIDDLE_DOT,
        _ => c,
    }
}

/// Decides whether the name is Chinese or Latin, rejecting characters that belong to neither.
fn script_of(name: &str) -> Result<Script, NameError> {
    let mut script = None;
    for c in name.chars() {
        let this = if is_cjk(c) {
            Script::Chinese
        } else if is_latin_letter(c) {
            Script::Latin
        } else if c.is_numeric() {
            return Err(NameError::Digit(c));
        } else if c.is_whitespace() || matches!(c, MIDDLE_DOT | '-' | '\'' | '’') {
            continue;
        } else {
            return Err(NameError::UnsupportedChar(c));
        };
        match script {
            Some(seen) if seen != this => return Err(NameError::MixedScripts),
            _ => script = Some(this),
        }
    }
    script.ok_or(NameError::Empty)
}

/// Separators join parts: none first, last, or twice in a row.
fn check_separators(name: &str) -> Result<(), NameError> {
    let chars: Vec<char> = name.chars().collect();
    let is_separator = |c: char| matches!(c, MIDDLE_DOT | '-' | '\'' | '’' | ' ');
    for (index, &c) in chars.iter().enumerate() {
        if !is_separator(c) {
            continue;
        }
        let at_edge = index == 0 || index + 1 == chars.len();
        let doubled = chars.get(index + 1).copied().is_some_and(is_separator);
        if at_edge || doubled {
            return Err(NameError::MisplacedSeparator(c));
        }
    }
    Ok(())
}

/// CJK unified ideographs, extensions A–I and compatibility blocks, plus 〇.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EE5F}'
        | '\u{2F800}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{323AF}')
}

/// ASCII letters and the accented Latin letters of European and pinyin spellings (é, ü, ǚ).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_chinese_names_with_rare_characters_and_middle_dot() {
        for name in ["张三", "王喆", "李堃", "欧阳娜娜", "买买提·艾力", "𠮷野"] {
            assert_eq!(PersonName::parse(name).map(|n| n.0), Ok(name.to_owned()));
        }
        assert_eq!(
            PersonName::parse(" 张 三 ").map(|n| n.0),
            Ok("张三".to_owned())
        );
        assert_eq!(
            PersonName::parse("买买提・艾力").map(|n| n.0),
            Ok("买买提·艾力".to_owned())
        );
    }

    #[test]
    fn accepts_latin_names_with_separators() {
        for name in [
            "John Smith",
            "Anne-Marie O'Neil",
            "José Müller",
            "Lü Xiaoming",
        ] {
            assert_eq!(PersonName::parse(name).map(|n| n.0), Ok(name.to_owned()));
        }
        assert_eq!(
            PersonName::parse("  John   Smith ").map(|n| n.0),
            Ok("John Smith".to_owned())
        );
        assert_eq!(
            PersonName::parse("Ｊｏｈｎ　Ｓｍｉｔｈ").map(|n| n.0),
            Ok("John Smith".to_owned())
        );
    }

    #[test]
    fn rejects_digits_control_characters_and_bad_shapes() {
        assert_eq!(PersonName::parse("   "), Err(NameError::Empty));
        assert_eq!(PersonName::parse("张3"), Err(NameError::Digit('3')));
        assert_eq!(
            PersonName::parse("张\u{7}三"),
            Err(NameError::UnsupportedChar('\u{7}'))
        );
        assert_eq!(PersonName::parse("张三John"), Err(NameError::MixedScripts));
        assert_eq!(
            PersonName::parse("·艾力"),
            Err(NameError::MisplacedSeparator('·'))
        );
        assert_eq!(PersonName::parse("-"), Err(NameError::Empty));
        assert_eq!(
            PersonName::parse(&"张".repeat(41)),
            Err(NameError::TooLong(41))
        );
        assert!(PersonName::parse(&"张".repeat(40)).is_ok());
    }
}
