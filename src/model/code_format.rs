//! What kind of code a scanned payload is: the verifier decides it, the entry records it.

use serde::{Deserialize, Serialize};

/// The format of a scanned code. Its stable name is what the database, JSON and CSV hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeFormat {
    EuDcc,
    /// A pass this checkpoint (or a neighbour sharing its key) issued.
    Pass,
    /// A provincial health code: opaque, only its colour and label are known.
    HealthCode,
    /// Nothing the kiosk recognises.
    Unknown,
}

impl CodeFormat {
    pub const ALL: [CodeFormat; 4] = [Self::EuDcc, Self::Pass, Self::HealthCode, Self::Unknown];

    /// Stable name used in storage, JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EuDcc => "eu-dcc",
            Self::Pass => "pass",
            Self::HealthCode => "health-code",
            Self::Unknown => "unknown",
        }
    }

    pub fn from_str_opt(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.as_str() == text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_serde_writes_the_stored_name() {
        for format in CodeFormat::ALL {
            assert_eq!(CodeFormat::from_str_opt(format.as_str()), Some(format));
            let json = serde_json::to_string(&format).expect("serialises");
            assert_eq!(json, format!("\"{}\"", format.as_str()));
        }
        assert_eq!(CodeFormat::from_str_opt("qr"), None);
    }
}
