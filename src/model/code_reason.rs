//! Why a code was judged as it was: typed findings, each with a machine name (`code`); the
//! volunteer's words for each are `text::codes::reason`.

use chrono::{DateTime, Utc};

/// One finding about a code. A verdict lists every finding, not only the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    PayloadTooLong {
        max_bytes: usize,
    },
    BadBase45,
    BadCompression,
    InflatedTooLarge {
        max_bytes: usize,
    },
    BadCbor,
    BadCoseStructure,
    MissingHealthCertificate,
    KeyIdMissing,
    UnsupportedAlgorithm {
        alg: i64,
    },
    /// The signer's certificate holds a key the kiosk cannot verify `alg` with.
    SignerKeyUnsupported {
        key: String,
        alg: i64,
    },
    SignerUnknown,
    SignatureInvalid,
    SignerNotYetValid {
        from: DateTime<Utc>,
    },
    SignerExpired {
        until: DateTime<Utc>,
    },
    CertificateNotYetValid {
        issued: DateTime<Utc>,
    },
    CertificateExpired {
        expired: DateTime<Utc>,
    },
    CertificateWithoutExpiry,
    NoCertificateEntry,
    MissingField {
        field: &'static str,
    },
    VaccinationIncomplete {
        dose: u32,
        series: u32,
    },
    TestNotNegative,
    TestTypeUnsupported,
    TestTooOld {
        max_hours: u32,
    },
    TestInFuture,
    RecoveryNotYetValid {
        from: String,
    },
    RecoveryExpired {
        until: String,
    },
    PassMalformed,
    PassSignerUnknown,
    PassSignatureInvalid,
    PassNotYetValid {
        from: DateTime<Utc>,
    },
    PassExpired {
        until: DateTime<Utc>,
    },
    PassRevoked,
    NotVerifiableOffline,
    Unrecognised,
}

impl Reason {
    /// Short machine name used in JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Self::PayloadTooLong { .. } => "payload-too-long",
            Self::BadBase45 => "bad-base45",
            Self::BadCompression => "bad-compression",
            Self::InflatedTooLarge { .. } => "inflated-too-large",
            Self::BadCbor => "bad-cbor",
            Self::BadCoseStructure => "bad-cose",
            Self::MissingHealthCertificate => "missing-hcert",
            Self::KeyIdMissing => "kid-missing",
            Self::UnsupportedAlgorithm { .. } => "unsupported-algorithm",
            Self::SignerKeyUnsupported { .. } => "unsupported-signer-key",
            Self::SignerUnknown => "signer-unknown",
            Self::SignatureInvalid => "signature-invalid",
            Self::SignerNotYetValid { .. } => "signer-not-yet-valid",
            Self::SignerExpired { .. } => "signer-expired",
            Self::CertificateNotYetValid { .. } => "certificate-not-yet-valid",
            Self::CertificateExpired { .. } => "certificate-expired",
            Self::CertificateWithoutExpiry => "certificate-without-expiry",
            Self::NoCertificateEntry => "no-entry",
            Self::MissingField { .. } => "missing-field",
            Self::VaccinationIncomplete { .. } => "vaccination-incomplete",
            Self::TestNotNegative => "test-not-negative",
            Self::TestTypeUnsupported => "test-type-unsupported",
            Self::TestTooOld { .. } => "test-too-old",
            Self::TestInFuture => "test-in-future",
            Self::RecoveryNotYetValid { .. } => "recovery-not-yet-valid",
            Self::RecoveryExpired { .. } => "recovery-expired",
            Self::PassMalformed => "pass-malformed",
            Self::PassSignerUnknown => "pass-signer-unknown",
            Self::PassSignatureInvalid => "pass-signature-invalid",
            Self::PassNotYetValid { .. } => "pass-not-yet-valid",
            Self::PassExpired { .. } => "pass-expired",
            Self::PassRevoked => "pass-revoked",
            Self::NotVerifiableOffline => "not-verifiable-offline",
            Self::Unrecognised => "unrecognised",
        }
    }
}
