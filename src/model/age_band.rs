//! A child registered without an identity document (issue 22): children under 16 often carry
//! none, so the volunteer records a name, an age band and the guardian the child came with.

use serde::{Deserialize, Serialize};

/// How old a child without an ID is, roughly: the volunteer asks or judges, never a birth date.
/// Serde and storage use the stable names of [`AgeBand::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgeBand {
    /// Babies and children before school.
    #[serde(rename = "0-5")]
    UpToFive,
    /// Primary school.
    #[serde(rename = "6-11")]
    SixToEleven,
    /// Secondary school, until the ID card that a 16-year-old may still not carry.
    #[serde(rename = "12-17")]
    TwelveToSeventeen,
}

impl AgeBand {
    pub const ALL: [AgeBand; 3] = [Self::UpToFive, Self::SixToEleven, Self::TwelveToSeventeen];

    /// Stable name used in JSON and the district sync.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UpToFive => "0-5",
            Self::SixToEleven => "6-11",
            Self::TwelveToSeventeen => "12-17",
        }
    }

    /// The small number the store keeps (`entry.age_band`).
    pub fn code(self) -> u8 {
        match self {
            Self::UpToFive => 1,
            Self::SixToEleven => 2,
            Self::TwelveToSeventeen => 3,
        }
    }

    /// The band a stored code names; `None` for a code this build does not know.
    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|band| band.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_codes_and_names_round_trip() {
        for band in AgeBand::ALL {
            assert_eq!(AgeBand::from_code(band.code()), Some(band));
            let json = serde_json::to_string(&band).expect("serialises");
            assert_eq!(json, format!("\"{}\"", band.as_str()));
            assert_eq!(
                serde_json::from_str::<AgeBand>(&json).expect("parses"),
                band
            );
        }
        assert_eq!(AgeBand::from_code(0), None);
        assert_eq!(AgeBand::from_code(9), None);
    }
}
