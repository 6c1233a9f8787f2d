//! Body temperature readings and the fever line. 37.3 °C or more is fever (armpit equivalent)
//! unless `kiosk.toml` sets another line.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The fever line used unless `kiosk.toml` says otherwise.
pub const FEVER_THRESHOLD_CELSIUS: f32 = 37.3;
/// A fever line must be a body temperature: below, everyone has fever; above (or NaN), no one.
pub const FEVER_THRESHOLD_RANGE: RangeInclusive<f32> = 36.0..=40.0;
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

    /// At or above the line is fever.
    pub fn is_fever(self, threshold: FeverThreshold) -> bool {
        // Compare in tenths so 37.3 typed is fever at a 37.3 threshold despite float rounding.
        (self.0 * 10.0).round() >= (threshold.0.0 * 10.0).round()
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

/// The configured fever line: a temperature in [`FEVER_THRESHOLD_RANGE`], to one decimal.
/// `kiosk.toml` holds it as a plain number; one outside the range (or `nan`) does not load.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f32", into = "f32")]
pub struct FeverThreshold(Celsius);

/// A fever line outside [`FEVER_THRESHOLD_RANGE`]. `Display` is English; `text::errors`
/// words it in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "the fever line is {0}; it must be a temperature between 36 and 40 °C (otherwise the fever alarm would never sound)"
)]
pub struct FeverThresholdError(String);

impl FeverThresholdError {
    /// The refused value as given (`NaN`, `41`).
    pub fn value(&self) -> &str {
        &self.0
    }
}

impl FeverThreshold {
    pub fn new(celsius: f32) -> Result<Self, FeverThresholdError> {
        if !FEVER_THRESHOLD_RANGE.contains(&celsius) {
            return Err(FeverThresholdError(celsius.to_string()));
        }
        Celsius::new(celsius)
            .map(Self)
            .map_err(|_| FeverThresholdError(celsius.to_string()))
    }

    pub fn celsius(self) -> Celsius {
        self.0
    }

    pub fn value(self) -> f32 {
        self.0.value()
    }

    /// The line `tenths` of a degree higher (or lower), for the setup's −0.1/+0.1 buttons; it
    /// stays where it is rather than leave the range.
    #[must_use]
    pub fn nudged(self, tenths: i8) -> Self {
        let value = ((self.value() * 10.0).round() + f32::from(tenths)) / 10.0;
        Self::new(value).unwrap_or(self)
    }
}

impl Default for FeverThreshold {
    fn default() -> Self {
        Self(Celsius(FEVER_THRESHOLD_CELSIUS))
    }
}

impl TryFrom<f32> for FeverThreshold {
    type Error = FeverThresholdError;
    fn try_from(value: f32) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<FeverThreshold> for f32 {
    fn from(threshold: FeverThreshold) -> Self {
        threshold.value()
    }
}

/// The number alone (`37.3`), honouring a precision (`{:.1}`), as the settings show it.
impl std::fmt::Display for FeverThreshold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.value(), f)
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
        let fever = |text| Celsius::parse(text).map(|c| c.is_fever(FeverThreshold::default()));
        assert_eq!(fever("37.2"), Ok(false));
        assert_eq!(fever("37.3"), Ok(true));
        assert_eq!(fever("39.0"), Ok(true));
    }

    #[test]
    fn the_default_line_is_37_3() {
        assert_eq!(FeverThreshold::default().value(), FEVER_THRESHOLD_CELSIUS);
        assert_eq!(FeverThreshold::new(37.3), Ok(FeverThreshold::default()));
    }

    #[test]
    fn a_configured_line_moves_the_fever_decision() {
        let line = FeverThreshold::new(37.5).expect("in range");
        let reading = |value| Celsius::new(value).expect("plausible");
        assert!(!reading(37.4).is_fever(line), "just below the line");
        assert!(reading(37.5).is_fever(line), "exactly at the line");
        assert!(reading(37.3).is_fever(FeverThreshold::default()));
    }

    #[test]
    fn a_line_that_is_no_body_temperature_is_refused() {
        for value in [f32::NAN, f32::INFINITY, 35.9, 40.1, -37.3] {
            let error = FeverThreshold::new(value).expect_err("refused");
            assert!(error.to_string().contains("36 and 40"), "{error}");
        }
        assert!(FeverThreshold::new(36.0).is_ok());
        assert!(FeverThreshold::new(40.0).is_ok());
    }

    #[test]
    fn nudging_moves_by_tenths_and_stays_in_range() {
        let line = FeverThreshold::default();
        assert_eq!(line.nudged(1).value(), 37.4);
        assert_eq!(line.nudged(-1).value(), 37.2);
        let top = FeverThreshold::new(40.0).expect("in range");
        assert_eq!(top.nudged(1), top);
        assert_eq!(format!("{:.1}", line.nudged(7)), "38.0");
    }

    #[test]
    fn the_line_is_a_plain_number_in_files() {
        let json = serde_json::to_string(&FeverThreshold::default()).expect("serialises");
        assert_eq!(json, "37.3");
        assert!(serde_json::from_str::<FeverThreshold>("41.0").is_err());
    }
}
