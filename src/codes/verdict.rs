//! The verdict on one code and its JSON form (the `verify` command prints it; the UI shows it).

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::Reason;
use super::health_code::{Issuer, masked_label};
use super::unknown::{SHOWN_CHARS, display_text, last_chars_escaped};
use crate::model::pii::KeyedHash;
use crate::model::{CodeFormat, HealthColour, PassVerdict};

/// Which checks passed; None where a check does not apply to the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Checks {
    pub decode: bool,
    pub signature: Option<bool>,
    pub validity: Option<bool>,
    pub rules: Option<bool>,
}

/// Everything the volunteer needs to know about one code; holds no raw payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeVerdict {
    pub format: CodeFormat,
    /// None: the code cannot be verified offline (opaque health codes, unknown codes).
    pub valid: Option<bool>,
    pub checks: Checks,
    pub reasons: Vec<Reason>,
    /// The holder's name, masked.
    pub holder: Option<String>,
    /// Year of birth only (EU DCC).
    pub birth_year: Option<String>,
    pub expires: Option<DateTime<Utc>>,
    pub issuer: Option<String>,
    /// Masked text safe to show and store.
    pub label: String,
    /// Unrecognised codes only: the scanned text, escaped and cut short, for the volunteer to
    /// read. Show it; do not store it (it may hold personal data).
    pub shown_text: Option<String>,
    pub pass_id: Option<String>,
    /// The district's own passes only: the pass verdict, apart from any colour (issue 25).
    pub pass_verdict: Option<PassVerdict>,
    /// Red for an invalid pass or certificate, green for a valid one, None for opaque codes.
    pub suggested_colour: Option<HealthColour>,
    /// The colour the scanner read from the image, when the payload came from one.
    pub scanned_colour: Option<HealthColour>,
    /// Keyed hash of the payload, to recognise the same code again without storing it.
    pub payload_hash: Option<KeyedHash>,
}

impl CodeVerdict {
    pub(crate) fn new(format: CodeFormat, label: String) -> Self {
        Self {
            format,
            valid: None,
            checks: Checks::default(),
            reasons: Vec::new(),
            holder: None,
            birth_year: None,
            expires: None,
            issuer: None,
            label,
            shown_text: None,
            pass_id: None,
            pass_verdict: None,
            suggested_colour: None,
            scanned_colour: None,
            payload_hash: None,
        }
    }

    /// Sets `valid` and the suggested colour from the checks that applied (verifiable formats).
    pub(crate) fn conclude(&mut self) {
        let applied = [
            self.checks.signature,
            self.checks.validity,
            self.checks.rules,
        ];
        let valid = self.checks.decode && applied.iter().all(|check| *check != Some(false));
        self.valid = Some(valid);
        self.suggested_colour = Some(if valid {
            HealthColour::Green
        } else {
            HealthColour::Red
        });
    }

    /// The JSON object `verify` prints (which adds each reason's words, `en` and `zh`, from
    /// the catalogue). `valid` is false when the code is not verifiable offline; `verifiable`
    /// tells that case apart.
    pub fn to_json(&self) -> Value {
        let reasons: Vec<Value> = self
            .reasons
            .iter()
            .map(|reason| json!({"code": reason.code()}))
            .collect();
        json!({
            "format": self.format.as_str(),
            "valid": self.valid.unwrap_or(false),
            "verifiable": self.valid.is_some(),
            "checks": {
                "decode": self.checks.decode,
                "signature": self.checks.signature,
                "validity": self.checks.validity,
                "rules": self.checks.rules,
            },
            "reasons": reasons,
            "holder": self.holder,
            "birth_year": self.birth_year,
            "expires": self.expires.map(|at| at.to_rfc3339_opts(SecondsFormat::Secs, true)),
            "issuer": self.issuer,
            "label": self.label,
            "text": self.shown_text,
            "pass_id": self.pass_id,
            "pass_verdict": self.pass_verdict.map(PassVerdict::as_str),
            "suggested_colour": self.suggested_colour.map(HealthColour::as_str),
            "scanned_colour": self.scanned_colour.map(HealthColour::as_str),
            "payload_hash": self.payload_hash.as_ref().map(KeyedHash::as_str),
        })
    }
}

/// The verdict on an opaque provincial health code: decoded, but not verifiable offline.
pub(crate) fn health_code(issuer: &Issuer, payload: &str) -> CodeVerdict {
    let mut verdict = CodeVerdict::new(CodeFormat::HealthCode, masked_label(issuer, payload));
    verdict.checks.decode = true;
    verdict.issuer = Some(format!("{} ({})", issuer.name, issuer.region));
    verdict.reasons.push(Reason::NotVerifiableOffline);
    verdict
}

/// The verdict on an unrecognised payload: its text shown escaped and cut short; the label
/// keeps only the last four characters, like an opaque health code's.
pub(crate) fn unknown(payload: &str, reason: Reason) -> CodeVerdict {
    let mut verdict = CodeVerdict::new(
        CodeFormat::Unknown,
        format!("? …{}", last_chars_escaped(payload, 4)),
    );
    verdict.shown_text = Some(display_text(payload, SHOWN_CHARS));
    verdict.reasons.push(reason);
    verdict
}
