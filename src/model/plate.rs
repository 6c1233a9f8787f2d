//! Motor-vehicle plates of mainland China (GA 36-2018): ordinary, new-energy, suffixed
//! (police, coach, trailer, test, oversize, Hong Kong/Macau, consulate) and embassy plates.
//!
//! Temporary, armed-police, military and civil-aviation plates are outside GA 36; the UI offers
//! "other" with free text for those, so this parser does not guess at them.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::id_number::half_width;

/// Province characters in the order the UI's province keyboard shows them.
pub const PROVINCE_CHARS: [char; 31] = [
    '京', '津', '沪', '渝', '冀', '豫', '云', '辽', '黑', '湘', '皖', '鲁', '新', '苏', '浙', '赣',
    '鄂', '桂', '甘', '晋', '蒙', '陕', '吉', '闽', '贵', '粤', '青', '藏', '川', '宁', '琼',
];
/// Energy letters of new-energy plates: D A B C E pure electric, F G H J K other.
const ENERGY_LETTERS: [char; 10] = ['D', 'A', 'B', 'C', 'E', 'F', 'G', 'H', 'J', 'K'];
const EMBASSY_CHAR: char = '使';

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlateKind {
    Ordinary,
    NewEnergySmall,
    NewEnergyLarge,
    Police,
    /// 学: driving-school car.
    Coach,
    Trailer,
    Test,
    /// 超: oversize vehicle.
    Super,
    HongKong,
    Macau,
    Consulate,
    Embassy,
}

impl PlateKind {
    pub const ALL: [PlateKind; 12] = [
        Self::Ordinary,
        Self::NewEnergySmall,
        Self::NewEnergyLarge,
        Self::Police,
        Self::Coach,
        Self::Trailer,
        Self::Test,
        Self::Super,
        Self::HongKong,
        Self::Macau,
        Self::Consulate,
        Self::Embassy,
    ];

    /// Stable name used in storage, JSON and CSV (`text::terms::plate_kind` words it).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ordinary => "ordinary",
            Self::NewEnergySmall => "new-energy-small",
            Self::NewEnergyLarge => "new-energy-large",
            Self::Police => "police",
            Self::Coach => "coach",
            Self::Trailer => "trailer",
            Self::Test => "test",
            Self::Super => "super",
            Self::HongKong => "hong-kong",
            Self::Macau => "macau",
            Self::Consulate => "consulate",
            Self::Embassy => "embassy",
        }
    }

    pub fn from_str_opt(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// The kind a trailing character marks, if it is a suffix character.
    fn from_suffix(suffix: char) -> Option<Self> {
        Some(match suffix {
            '警' => Self::Police,
            '学' => Self::Coach,
            '挂' => Self::Trailer,
            '试' => Self::Test,
            '超' => Self::Super,
            '港' => Self::HongKong,
            '澳' => Self::Macau,
            '领' => Self::Consulate,
            _ => return None,
        })
    }
}

/// The plate kind recorded with a vehicle: the GA 36 kind the parser found, or `Other` when the
/// volunteer typed a plate GA 36 does not cover (temporary, military, armed police) as free text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum RecordedPlateKind {
    Ga36(PlateKind),
    /// Free text, not checked: nothing is known about the plate's kind.
    #[default]
    Other,
}

/// The stored name of [`RecordedPlateKind::Other`].
const OTHER_PLATE: &str = "other";

impl RecordedPlateKind {
    /// Stable name used in storage, JSON and CSV: the GA 36 kind's name, or "other".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ga36(kind) => kind.as_str(),
            Self::Other => OTHER_PLATE,
        }
    }

    pub fn from_str_opt(text: &str) -> Option<Self> {
        if text == OTHER_PLATE {
            return Some(Self::Other);
        }
        PlateKind::from_str_opt(text).map(Self::Ga36)
    }
}

impl From<RecordedPlateKind> for &'static str {
    fn from(kind: RecordedPlateKind) -> Self {
        kind.as_str()
    }
}

/// A plate kind name this app does not know (in an imported file, say).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "unknown plate kind; expected one of the GA 36 kinds (ordinary, new-energy-small, …) or other"
)]
pub struct UnknownPlateKind;

impl TryFrom<String> for RecordedPlateKind {
    type Error = UnknownPlateKind;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::from_str_opt(&text).ok_or(UnknownPlateKind)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlateError {
    #[error("the plate is empty; type it like 京A12345")]
    Empty,
    #[error("“{0}” is not a province character; pick the first character from the province keys")]
    UnknownProvince(char),
    #[error("the second character must be a letter A–Z other than I, not “{0}”; check the plate")]
    BadAuthorityLetter(char),
    #[error("plates never use the letters I or O after the second character; did you mean 1 or 0?")]
    LetterIOrO,
    #[error(
        "“{0}” is not allowed here; plates use digits and letters after the first two characters"
    )]
    BadCharacter(char),
    #[error("the plate has {0} characters; ordinary plates have 7 (京A12345), new-energy plates 8")]
    WrongLength(usize),
    #[error("the last five characters have {0} letters, at most 2 are allowed; check the plate")]
    TooManyLetters(usize),
    #[error(
        "this 8-character plate is no new-energy plate: one of D A B C E F G H J K must come third (粤ED12345) or last (粤E12345D)"
    )]
    NotNewEnergy,
    #[error(
        "a plate ending in “{0}” has 4 characters between the letter and “{0}”, like 粤E1234学"
    )]
    BadSuffixedPlate(char),
    #[error("港 and 澳 plates always start with 粤Z, like 粤Z1234港")]
    HongKongMacauOutsideGuangdong,
    #[error("an embassy plate is 使 and 6 digits, like 使224009")]
    BadEmbassyPlate,
}

/// A plate that follows GA 36-2018, normalised (京A12345, 使224009).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Plate {
    text: String,
    kind: PlateKind,
}

impl Plate {
    /// Accepts spaces, middle dots, hyphens, full-width and lower-case letters.
    pub fn parse(text: &str) -> Result<Self, PlateError> {
        let chars = normalise(text);
        let kind = kind_of(&chars)?;
        let chars = if kind == PlateKind::Embassy {
            embassy_first(&chars)
        } else {
            chars
        };
        Ok(Self {
            text: chars.into_iter().collect(),
            kind,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn kind(&self) -> PlateKind {
        self.kind
    }

    /// As painted: a middle dot after the province and letter (京A·12345). Embassy plates have
    /// no issuing-authority letter, so they show as stored (使224009).
    pub fn display(&self) -> String {
        if self.kind == PlateKind::Embassy {
            return self.text.clone();
        }
        let mut shown: String = self.text.chars().take(2).collect();
        shown.push('·');
        shown.extend(self.text.chars().skip(2));
        shown
    }
}

impl fmt::Display for Plate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl TryFrom<String> for Plate {
    type Error = PlateError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Plate> for String {
    fn from(value: Plate) -> Self {
        value.text
    }
}

/// Drops spaces, dots and hyphens; half-width; upper case.
fn normalise(text: &str) -> Vec<char> {
    text.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '•' | '・' | '.' | '-' | '‐' | '—'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn kind_of(chars: &[char]) -> Result<PlateKind, PlateError> {
    let (&first, rest) = chars.split_first().ok_or(PlateError::Empty)?;
    if chars.contains(&EMBASSY_CHAR) {
        return check_embassy(chars);
    }
    if !PROVINCE_CHARS.contains(&first) {
        return Err(PlateError::UnknownProvince(first));
    }
    let (&authority, serial) = rest
        .split_first()
        .ok_or(PlateError::WrongLength(chars.len()))?;
    if !authority.is_ascii_uppercase() || authority == 'I' {
        return Err(PlateError::BadAuthorityLetter(authority));
    }
    if let Some((&last, body)) = serial.split_last()
        && let Some(kind) = PlateKind::from_suffix(last)
    {
        return check_suffixed(first, authority, body, kind, last);
    }
    check_serial_characters(serial)?;
    match serial.len() {
        5 => check_ordinary(serial),
        6 => check_new_energy(serial),
        _ => Err(PlateError::WrongLength(chars.len())),
    }
}

/// Digits and letters other than I and O.
fn check_serial_characters(serial: &[char]) -> Result<(), PlateError> {
    for &c in serial {
        if c == 'I' || c == 'O' {
            return Err(PlateError::LetterIOrO);
        }
        if !c.is_ascii_digit() && !c.is_ascii_uppercase() {
            return Err(PlateError::BadCharacter(c));
        }
    }
    Ok(())
}

fn letter_count(serial: &[char]) -> usize {
    serial.iter().filter(|c| c.is_ascii_uppercase()).count()
}

fn check_ordinary(serial: &[char]) -> Result<PlateKind, PlateError> {
    match letter_count(serial) {
        0..=2 => Ok(PlateKind::Ordinary),
        letters => Err(PlateError::TooManyLetters(letters)),
    }
}

/// Small: energy letter, a digit or letter, four digits. Large: five digits, energy letter.
fn check_new_energy(serial: &[char]) -> Result<PlateKind, PlateError> {
    let all_digits = |part: &[char]| part.iter().all(char::is_ascii_digit);
    match serial {
        [energy, _, tail @ ..] if ENERGY_LETTERS.contains(energy) && all_digits(tail) => {
            Ok(PlateKind::NewEnergySmall)
        }
        [head @ .., energy] if ENERGY_LETTERS.contains(energy) && all_digits(head) => {
            Ok(PlateKind::NewEnergyLarge)
        }
        _ => Err(PlateError::NotNewEnergy),
    }
}

fn check_suffixed(
    province: char,
    authority: char,
    body: &[char],
    kind: PlateKind,
    suffix: char,
) -> Result<PlateKind, PlateError> {
    let cross_border = matches!(kind, PlateKind::HongKong | PlateKind::Macau);
    if cross_border && (province != '粤' || authority != 'Z') {
        return Err(PlateError::HongKongMacauOutsideGuangdong);
    }
    if body.len() != 4 {
        return Err(PlateError::BadSuffixedPlate(suffix));
    }
    check_serial_characters(body)?;
    match letter_count(body) {
        0..=2 => Ok(kind),
        letters => Err(PlateError::TooManyLetters(letters)),
    }
}

/// 使 and six digits (3-digit country code, 3-digit number), with 使 first or last.
fn check_embassy(chars: &[char]) -> Result<PlateKind, PlateError> {
    let ([EMBASSY_CHAR, digits @ ..] | [digits @ .., EMBASSY_CHAR]) = chars else {
        return Err(PlateError::BadEmbassyPlate);
    };
    if digits.len() == 6 && digits.iter().all(char::is_ascii_digit) {
        Ok(PlateKind::Embassy)
    } else {
        Err(PlateError::BadEmbassyPlate)
    }
}

fn embassy_first(chars: &[char]) -> Vec<char> {
    let mut ordered = vec![EMBASSY_CHAR];
    ordered.extend(chars.iter().filter(|&&c| c != EMBASSY_CHAR));
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_what_volunteers_type() {
        let plate = Plate::parse(" 粤 b-１ｃ2d3 ").expect("valid");
        assert_eq!(plate.as_str(), "粤B1C2D3");
        assert_eq!(plate.display(), "粤B·1C2D3");
        assert_eq!(
            Plate::parse("224009使").map(|p| p.text),
            Ok("使224009".to_owned())
        );
    }

    #[test]
    fn kind_names_round_trip() {
        for kind in PlateKind::ALL {
            assert_eq!(PlateKind::from_str_opt(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).expect("serialises");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }

    #[test]
    fn recorded_kinds_keep_the_stored_names_and_refuse_others() {
        let recorded = PlateKind::ALL
            .into_iter()
            .map(RecordedPlateKind::Ga36)
            .chain([RecordedPlateKind::Other]);
        for kind in recorded {
            assert_eq!(RecordedPlateKind::from_str_opt(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).expect("serialises");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(
                serde_json::from_str::<RecordedPlateKind>(&json).ok(),
                Some(kind)
            );
        }
        assert_eq!(RecordedPlateKind::Other.as_str(), "other");
        assert!(serde_json::from_str::<RecordedPlateKind>("\"small\"").is_err());
    }

    #[test]
    fn errors_explain_themselves_in_both_languages() {
        let error = Plate::parse("粤E1O234").expect_err("O is not used");
        assert_eq!(error, PlateError::LetterIOrO);
        assert!(error.to_string().contains("1 or 0"));
    }
}
