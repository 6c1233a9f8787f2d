//! Body temperature readings. 37.3 °C or more is fever (armpit equivalent).

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The fever line used unless `kiosk.toml` says otherwise.
pub const FEVER_THRESHOLD_CELSIUS: f32 = 37.3;
/// Readings outside this range are typing mistakes or a broken thermometer.
pub const PLAUSIBLE_MIN_CELSIUS: f32 = 34.0;
pub const PLAUSIBLE_MAX_CELSIUS: f32 = 42.5;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TemperatureError {
    #[error("“{0}” is not a temperature; type it like 36.5")]
    NotANumber(String),
    #[error("{0} °C is outside 34.0–42.5 °C; measure again")]
    OutOfRange(String),
}

/// A body temperature in degrees Celsius, to one decimal, within the plausible range.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f32", into = "f32")]
pub struct Celsius(f32);

impl Celsius {
    /// Parses what the volunteer typed: "36.5", "36,5", "365" (no dot: tenths) or " 37 ".
    pub fn parse(text: &str) -> Result<Self, TemperatureError> {
        let cleaned: String = text
            .trim()
            .trim_end_matches(['°', 'C', 'c', '℃', ' '])
            .replace([',', '．'], ".");
        let value: f32 = cleaned
            .parse()
            .map_err(|_| TemperatureError::NotANumber(text.trim().to_owned()))?;
        // Three digits without a dot are tenths typed on a keypad with no dot key: 365 → 36.5.
        let value = if !cleaned.contains('.') && (340.0..=425.0).contains(&value) {
            value / 10.0
        } else {
            value
        };
        Self::new(value)
    }

    /// Like [`Celsius::parse`], plus the keypad shorthand: most readings are 36.x, so one digit
    /// `d` means 36.d ("5" → 36.5). Two key presses (digit, Enter) register a normal reading.
    pub fn parse_shorthand(text: &str) -> Result<Self, TemperatureError> {
        let trimmed = text.trim();
        match trimmed.as_bytes() {
            [digit] if digit.is_ascii_digit() => Self::new(36.0 + f32::from(digit - b'0') / 10.0),
            _ => Self::parse(trimmed),
        }
    }

    pub fn new(value: f32) -> Result<Self, TemperatureError> {
        if !value.is_finite() || !(PLAUSIBLE_MIN_CELSIUS..=PLAUSIBLE_MAX_CELSIUS).contains(&value) {
            return Err(TemperatureError::OutOfRange(format!("{value:.1}")));
        }
        Ok(Self((value * 10.0).round() / 10.0))
    }

    pub fn value(self) -> f32 {
        self.0
    }

    pub fn is_fever(self, threshold: f32) -> bool {
        // Compare in tenths so 37.3 typed is fever at a 37.3 threshold despite float rounding.
        (self.0 * 10.0).round() >= (threshold * 10.0).round()
    }
}

impl TryFrom<f32> for Celsius {
    type Error = TemperatureError;
    fn try_from(value: f32) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Celsius> for f32 {
    fn from(value: Celsius) -> Self {
        value.0
    }
}

impl std::fmt::Display for Celsius {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.1} °C", self.0)
    }
}

/// How a temperature was taken. Infrared forehead readings are a screen only: cold wind makes
/// them read low, so a fever is re-measured by another method and both readings are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum MeasureMethod {
    #[default]
    Forehead,
    Wrist,
    Armpit,
}

impl MeasureMethod {
    pub const ALL: [MeasureMethod; 3] = [Self::Forehead, Self::Wrist, Self::Armpit];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Forehead => "forehead",
            Self::Wrist => "wrist",
            Self::Armpit => "armpit",
        }
    }

    pub fn from_str_opt(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|method| method.as_str() == text)
    }
}

/// One measurement: the raw value and how it was taken.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TemperatureReading {
    pub celsius: Celsius,
    pub method: MeasureMethod,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_volunteers_type() {
        assert_eq!(Celsius::parse("36.5").map(Celsius::value), Ok(36.5));
        assert_eq!(Celsius::parse(" 36,8 ").map(Celsius::value), Ok(36.8));
        assert_eq!(Celsius::parse("365").map(Celsius::value), Ok(36.5));
        assert_eq!(Celsius::parse("37℃").map(Celsius::value), Ok(37.0));
        assert_eq!(Celsius::parse("36.54").map(Celsius::value), Ok(36.5));
    }

    #[test]
    fn one_digit_is_tenths_above_36() {
        assert_eq!(Celsius::parse_shorthand("5").map(Celsius::value), Ok(36.5));
        assert_eq!(Celsius::parse_shorthand("0").map(Celsius::value), Ok(36.0));
        assert_eq!(
            Celsius::parse_shorthand("37.5").map(Celsius::value),
            Ok(37.5)
        );
        assert!(Celsius::parse_shorthand("").is_err());
    }

    #[test]
    fn rejects_rubbish_and_implausible_values() {
        assert!(matches!(
            Celsius::parse("abc"),
            Err(TemperatureError::NotANumber(_))
        ));
        assert!(matches!(
            Celsius::parse(""),
            Err(TemperatureError::NotANumber(_))
        ));
        assert!(matches!(
            Celsius::parse("33.9"),
            Err(TemperatureError::OutOfRange(_))
        ));
        assert!(matches!(
            Celsius::parse("42.6"),
            Err(TemperatureError::OutOfRange(_))
        ));
        assert!(matches!(
            Celsius::parse("NaN"),
            Err(TemperatureError::OutOfRange(_))
        ));
        assert!(Celsius::parse("34.0").is_ok());
        assert!(Celsius::parse("42.5").is_ok());
    }

    #[test]
    fn fever_starts_at_the_threshold() {
        let fever = |text| Celsius::parse(text).map(|c| c.is_fever(FEVER_THRESHOLD_CELSIUS));
        assert_eq!(fever("37.2"), Ok(false));
        assert_eq!(fever("37.3"), Ok(true));
        assert_eq!(fever("39.0"), Ok(true));
    }
}
