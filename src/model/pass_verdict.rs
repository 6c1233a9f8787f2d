//! The verdict on one of the district's own passes (出入证, `CKP1:`), apart from any health-code
//! colour (issue 25): a pass is not a health code, so a revoked pass is "revoked", not "red", and
//! it is counted and stored as a pass outcome.

/// What checking a pass found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PassVerdict {
    /// Signed by a trusted key, within its dates, not revoked.
    Valid,
    /// Genuine, but past its last day (or before its first).
    Expired,
    /// Genuine, and revoked by the checkpoint that issued it.
    Revoked,
    /// Signed by a key this gate does not know (not of this district, or not yet shared).
    UnknownIssuer,
    /// The signature does not match a known key: forged or altered, or not a pass at all.
    Forged,
}

impl PassVerdict {
    pub const ALL: [Self; 5] = [
        Self::Valid,
        Self::Expired,
        Self::Revoked,
        Self::UnknownIssuer,
        Self::Forged,
    ];

    /// The stored form (`entry.pass_outcome`), stable across versions.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
            Self::UnknownIssuer => "unknown-issuer",
            Self::Forged => "forged",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|verdict| verdict.as_str() == text)
    }

    pub fn is_valid(self) -> bool {
        self == Self::Valid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verdict_reads_back_from_its_stored_form() {
        for verdict in PassVerdict::ALL {
            assert_eq!(PassVerdict::parse(verdict.as_str()), Some(verdict));
        }
        assert_eq!(PassVerdict::parse("red"), None);
    }
}
