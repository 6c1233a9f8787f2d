//! Resident ID numbers (居民身份证号码, GB 11643-1999): the 18-character number on the second-
//! generation ID card, and the legacy 15-digit number, which is upgraded to 18 on parsing.
//!
//! Only the structure is checked: province prefix, real birth date and the ISO 7064 MOD 11-2 check
//! character. The full 6-digit address code is not looked up, because numbers issued in counties
//! that were later abolished stay valid for life.

use std::fmt;

use chrono::{Datelike, Local, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Weights of positions 1–17 in the check-character sum.
const CHECK_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character for each value of the weighted sum modulo 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
/// First two digits in use: provinces, plus 81/82/83 for Hong Kong, Macau and Taiwan residents'
/// residence permits, which carry a number of the same shape.
const PROVINCE_PREFIXES: [u8; 35] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
];
/// Birth dates before this are typing mistakes, not living people.
const EARLIEST_BIRTH_YEAR: i32 = 1850;

/// What is wrong with a typed ID number. `Display` is English; `text::errors` words it
/// in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdError {
    #[error("the ID number is empty; type the 18 characters on the ID card")]
    Empty,
    #[error(
        "the ID number has {0} characters but needs 18 (or 15 on an old card); check it and type it again"
    )]
    WrongLength(usize),
    #[error(
        "“{found}” at position {position} is not allowed; an ID number has 17 digits and ends in a digit or X"
    )]
    BadCharacter { position: usize, found: char },
    #[error("the number starts with {0}, which is no province code; check the first two digits")]
    UnknownProvince(String),
    #[error("the birth date {0} does not exist; check digits 7 to 14")]
    NoSuchDate(String),
    #[error("the birth date {0} is in the future; check digits 7 to 14")]
    BornInFuture(String),
    #[error("the birth date {0} is before 1850; check digits 7 to 14")]
    BornTooEarly(String),
    #[error(
        "the last character should be {expected}, not {found}; check the number and type it again"
    )]
    WrongCheckChar { expected: char, found: char },
}

/// A structurally valid 18-character resident ID number, upper-case X.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ResidentId(String);

impl ResidentId {
    /// Parses what was typed or scanned, checking the birth date against today's local date.
    pub fn parse(text: &str) -> Result<Self, IdError> {
        Self::parse_on(text, Local::now().date_naive())
    }

    /// Parses with an explicit "today", so date rules are testable.
    ///
    /// Accepts lowercase x, full-width characters and spaces; upgrades 15-digit legacy numbers.
    pub fn parse_on(text: &str, today: NaiveDate) -> Result<Self, IdError> {
        let cleaned = clean(text);
        let number = match cleaned.chars().count() {
            0 => return Err(IdError::Empty),
            15 => upgrade_legacy(&cleaned)?,
            18 => cleaned,
            other => return Err(IdError::WrongLength(other)),
        };
        check_characters(&number)?;
        check_province(&number)?;
        check_birth_date(&number, today)?;
        check_check_char(&number)?;
        Ok(Self(number))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> NaiveDate {
        // Checked in `parse_on`; the fallback is unreachable for a constructed value.
        birth_date_of(&self.0).unwrap_or_default()
    }

    /// The 17th digit is odd for men and even for women.
    pub fn is_male(&self) -> bool {
        self.0.as_bytes()[16] % 2 == 1
    }

    /// First two digits, e.g. "44" for Guangdong.
    pub fn province_code(&self) -> &str {
        &self.0[..2]
    }

    /// First four digits: the prefecture code at the time of issue (GB/T 2260), e.g. "4403".
    pub fn prefecture_code(&self) -> &str {
        &self.0[..4]
    }

    /// Age in whole years on `today`.
    pub fn age_on(&self, today: NaiveDate) -> u32 {
        today.years_since(self.birth_date()).unwrap_or(0)
    }
}

impl fmt::Display for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ResidentId {
    type Error = IdError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ResidentId> for String {
    fn from(value: ResidentId) -> Self {
        value.0
    }
}

/// Converts a full-width ASCII form (０-９, Ａ-Ｚ, ｘ, －, ＋ …) to its half-width character.
/// Shared by the model parsers: Chinese input methods produce full-width text easily.
pub(crate) fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Half-width, no whitespace, upper-case X.
fn clean(text: &str) -> String {
    text.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// 15-digit numbers (before 1999) have a 2-digit year and no check character.
fn upgrade_legacy(number: &str) -> Result<String, IdError> {
    if let Some((index, found)) = number
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_digit())
    {
        return Err(IdError::BadCharacter {
            position: index + 1,
            found,
        });
    }
    let mut upgraded = format!("{}19{}", &number[..6], &number[6..]);
    upgraded.push(check_char_for(&upgraded));
    Ok(upgraded)
}

fn check_characters(number: &str) -> Result<(), IdError> {
    for (index, c) in number.chars().enumerate() {
        let allowed = c.is_ascii_digit() || (index == 17 && c == 'X');
        if !allowed {
            return Err(IdError::BadCharacter {
                position: index + 1,
                found: c,
            });
        }
    }
    Ok(())
}

fn check_province(number: &str) -> Result<(), IdError> {
    let prefix = &number[..2];
    let known = prefix
        .parse::<u8>()
        .is_ok_and(|code| PROVINCE_PREFIXES.contains(&code));
    if known {
        Ok(())
    } else {
        Err(IdError::UnknownProvince(prefix.to_owned()))
    }
}

fn birth_date_of(number: &str) -> Option<NaiveDate> {
    let year = number.get(6..10)?.parse().ok()?;
    let month = number.get(10..12)?.parse().ok()?;
    let day = number.get(12..14)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

fn check_birth_date(number: &str, today: NaiveDate) -> Result<(), IdError> {
    let shown = format!("{}-{}-{}", &number[6..10], &number[10..12], &number[12..14]);
    let date = birth_date_of(number).ok_or_else(|| IdError::NoSuchDate(shown.clone()))?;
    if date > today {
        return Err(IdError::BornInFuture(shown));
    }
    if date.year() < EARLIEST_BIRTH_YEAR {
        return Err(IdError::BornTooEarly(shown));
    }
    Ok(())
}

/// ISO 7064 MOD 11-2 over the first 17 digits (which the caller has checked are digits).
fn check_char_for(first_17: &str) -> char {
    let sum: u32 = first_17
        .bytes()
        .take(17)
        .zip(CHECK_WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

fn check_check_char(number: &str) -> Result<(), IdError> {
    let expected = check_char_for(number);
    let found = number.chars().nth(17).unwrap_or(' ');
    if found == expected {
        Ok(())
    } else {
        Err(IdError::WrongCheckChar { expected, found })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
    }

    #[test]
    fn reads_birth_date_sex_and_province() {
        let id = ResidentId::parse_on("11010519491231002X", today()).expect("valid");
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).expect("date")
        );
        assert!(!id.is_male());
        assert_eq!(id.province_code(), "11");
        assert_eq!(id.prefecture_code(), "1101");
        assert_eq!(id.age_on(today()), 76);
    }

    #[test]
    fn normalises_lowercase_x_full_width_and_spaces() {
        let typed = "１１０１０５ 19491231 002x";
        let id = ResidentId::parse_on(typed, today()).expect("valid");
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn upgrades_legacy_fifteen_digit_numbers() {
        let id = ResidentId::parse_on("110105491231002", today()).expect("valid");
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn rejects_future_births_and_leap_day_in_common_years() {
        assert!(matches!(
            ResidentId::parse_on("110105202612010016", today()),
            Err(IdError::BornInFuture(_))
        ));
        assert_eq!(
            ResidentId::parse_on("110105190002290010", today()),
            Err(IdError::NoSuchDate("1900-02-29".to_owned()))
        );
    }

    #[test]
    fn every_error_has_chinese_text() {
        let error = IdError::WrongCheckChar {
            expected: 'X',
            found: '1',
        };
        assert!(error.to_string().contains("should be X"));
    }
}
