//! From a decoded code to what the form shows: verification and masking (the words for it are
//! `text::gate`).

use super::services::Services;
use crate::codes::Reason;
use crate::gate::ScannedCode;
use crate::model::camera::PracticeSource;
use crate::model::pii::{HashKind, Protected};
use crate::scan::DetectedCode;

/// Verifies the payload offline and keeps only its hash and masked label.
pub fn scanned_code<App>(
    services: &Services<App>,
    detected: &DetectedCode,
    practice: Option<PracticeSource>,
) -> ScannedCode {
    let verdict = services.verifier.verify(&detected.text, services.now());
    let code = Protected::new(
        &services.pii,
        HashKind::CodePayload,
        &detected.text,
        verdict.label.clone(),
    );
    ScannedCode {
        // Unrecognised codes are shown with (escaped, shortened) text; only the label is kept.
        label: verdict
            .shown_text
            .clone()
            .unwrap_or_else(|| verdict.label.clone()),
        format: verdict.format,
        colour_read: detected.colour,
        confidence: detected.confidence,
        code,
        valid: verdict.valid,
        reasons: verdict
            .reasons
            .iter()
            .filter(|reason| !matches!(reason, Reason::NotVerifiableOffline))
            .map(crate::text::codes::reason)
            .collect(),
        expired: verdict.reasons.iter().any(is_expiry),
        suggested_colour: verdict.suggested_colour,
        practice,
        pass: verdict.pass_verdict,
    }
}

/// A reason that says the code is genuine but past its validity.
fn is_expiry(reason: &Reason) -> bool {
    matches!(
        reason,
        Reason::CertificateExpired { .. }
            | Reason::PassExpired { .. }
            | Reason::RecoveryExpired { .. }
            | Reason::TestTooOld { .. }
    )
}
