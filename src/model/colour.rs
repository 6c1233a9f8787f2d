//! The health code's colour: the verdict a QR code carries.

use serde::{Deserialize, Serialize};

/// Colour of a health code, as read from the image or confirmed by the volunteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum HealthColour {
    Green,
    Yellow,
    Red,
    /// Not read, or not sure: the volunteer must confirm.
    #[default]
    Unknown,
}

impl HealthColour {
    pub const ALL: [HealthColour; 4] = [Self::Green, Self::Yellow, Self::Red, Self::Unknown];

    /// Stable lowercase name used in storage, JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Green => "green",
            Self::Yellow => "yellow",
            Self::Red => "red",
            Self::Unknown => "unknown",
        }
    }

    pub fn from_str_opt(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|colour| colour.as_str() == text)
    }

    /// Yellow and red are exceptions that every shift report lists.
    pub fn is_exception(self) -> bool {
        matches!(self, Self::Yellow | Self::Red)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for colour in HealthColour::ALL {
            assert_eq!(HealthColour::from_str_opt(colour.as_str()), Some(colour));
        }
        assert_eq!(HealthColour::from_str_opt("purple"), None);
    }
}
