//! The EU DCC health certificate inside the CWT claims, and the simple rule preset: a complete
//! vaccination, a recent negative test, or a recovery inside its window.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use ciborium::value::Value;

use super::Reason;
use super::cbor::{self, map_get_int, map_get_text, text_field};
use crate::model::pii::mask_name;

const CLAIM_ISSUER: i64 = 1;
const CLAIM_EXPIRY: i64 = 4;
const CLAIM_ISSUED_AT: i64 = 6;
const CLAIM_HCERT: i64 = -260;
const HCERT_EU_DCC_V1: i64 = 1;
/// SNOMED CT "not detected": the only negative test result.
const TEST_NOT_DETECTED: &str = "260415000";
/// LOINC codes of the two accepted test types: rapid antigen and NAA (PCR).
const TEST_TYPE_RAT: &str = "LP217198-3";
const TEST_TYPE_PCR: &str = "LP6464-4";

/// The rule parameters a district can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RulePreset {
    /// How long a negative test counts, in hours (48 or 72 in practice).
    pub test_validity_hours: u32,
}

impl Default for RulePreset {
    fn default() -> Self {
        Self {
            test_validity_hours: 72,
        }
    }
}

/// The CWT claims a verdict needs.
#[derive(Debug, Clone)]
pub struct Claims {
    pub issuer: Option<String>,
    pub issued_at: Option<DateTime<Utc>>,
    pub expires: Option<DateTime<Utc>>,
    pub hcert: Value,
}

/// Reads the CWT claims map; None when the health certificate is missing.
pub fn claims_from_value(value: &Value) -> Option<Claims> {
    let map = value.as_map()?;
    let time = |label| {
        map_get_int(map, label)
            .and_then(cbor::as_seconds)
            .and_then(|s| DateTime::from_timestamp(s, 0))
    };
    let hcert_map = map_get_int(map, CLAIM_HCERT)?.as_map()?;
    Some(Claims {
        issuer: map_get_int(map, CLAIM_ISSUER)
            .and_then(Value::as_text)
            .map(str::to_owned),
        issued_at: time(CLAIM_ISSUED_AT),
        expires: time(CLAIM_EXPIRY),
        hcert: map_get_int(hcert_map, HCERT_EU_DCC_V1)?.clone(),
    })
}

/// Checks the CWT window: issued at or before `now`, not expired. Both ends are inclusive to
/// the second, as the EU test vectors expect: at the expiry second itself the code still holds.
pub fn claims_window_reasons(claims: &Claims, now: DateTime<Utc>) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if let Some(issued) = claims.issued_at.filter(|issued| *issued > now) {
        reasons.push(Reason::CertificateNotYetValid { issued });
    }
    match claims.expires {
        Some(expired) if expired < now => reasons.push(Reason::CertificateExpired { expired }),
        Some(_) => {}
        None => reasons.push(Reason::CertificateWithoutExpiry),
    }
    reasons
}

/// The holder's name masked: native family + given names, or the transliterated ones.
pub fn masked_holder(hcert: &Value) -> Option<String> {
    let name = map_get_text(hcert.as_map()?, "nam")?;
    let part = |native: &str, transliterated: &str| {
        text_field(name, native)
            .or_else(|| text_field(name, transliterated))
            .map(str::trim)
            .filter(|p| !p.is_empty())
    };
    let parts: Vec<&str> = [part("fn", "fnt"), part("gn", "gnt")]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        return None;
    }
    if parts.iter().all(|p| p.is_ascii()) {
        Some(
            parts
                .iter()
                .map(|p| mask_name(p))
                .collect::<Vec<_>>()
                .join(" "),
        )
    } else {
        Some(mask_name(&parts.concat()))
    }
}

/// The year of birth only: "1964" from "1964-08-12" (dates may be partial: "1964" or "1964-08").
pub fn birth_year(hcert: &Value) -> Option<String> {
    let dob = text_field(hcert, "dob")?;
    let year = dob.get(..4)?;
    year.chars()
        .all(|c| c.is_ascii_digit())
        .then(|| year.to_owned())
}

/// Applies the rule preset to the first vaccination, test or recovery entry.
pub fn rule_reasons(hcert: &Value, now: DateTime<Utc>, preset: RulePreset) -> Vec<Reason> {
    let Some(map) = hcert.as_map() else {
        return vec![Reason::NoCertificateEntry];
    };
    let first = |key| {
        map_get_text(map, key)
            .and_then(Value::as_array)
            .and_then(|entries| entries.first())
    };
    if let Some(entry) = first("v") {
        vaccination_reasons(entry)
    } else if let Some(entry) = first("t") {
        test_reasons(entry, now, preset)
    } else if let Some(entry) = first("r") {
        recovery_reasons(entry, now)
    } else {
        vec![Reason::NoCertificateEntry]
    }
}

fn vaccination_reasons(entry: &Value) -> Vec<Reason> {
    let number = |field| {
        entry
            .as_map()
            .and_then(|m| map_get_text(m, field))
            .and_then(cbor::as_i64)
    };
    match (number("dn"), number("sd")) {
        (Some(dose), Some(series)) if dose >= series && series > 0 => Vec::new(),
        (Some(dose), Some(series)) => vec![Reason::VaccinationIncomplete {
            dose: u32::try_from(dose).unwrap_or(0),
            series: u32::try_from(series).unwrap_or(0),
        }],
        (None, _) => vec![Reason::MissingField { field: "v.dn" }],
        (_, None) => vec![Reason::MissingField { field: "v.sd" }],
    }
}

fn test_reasons(entry: &Value, now: DateTime<Utc>, preset: RulePreset) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if text_field(entry, "tr") != Some(TEST_NOT_DETECTED) {
        reasons.push(Reason::TestNotNegative);
    }
    if !matches!(text_field(entry, "tt"), Some(TEST_TYPE_RAT | TEST_TYPE_PCR)) {
        reasons.push(Reason::TestTypeUnsupported);
    }
    match text_field(entry, "sc").and_then(|sc| DateTime::parse_from_rfc3339(sc).ok()) {
        None => reasons.push(Reason::MissingField { field: "t.sc" }),
        Some(sampled) if sampled > now => reasons.push(Reason::TestInFuture),
        Some(sampled)
            if now - sampled.to_utc() > Duration::hours(i64::from(preset.test_validity_hours)) =>
        {
            reasons.push(Reason::TestTooOld {
                max_hours: preset.test_validity_hours,
            });
        }
        Some(_) => {}
    }
    reasons
}

fn recovery_reasons(entry: &Value, now: DateTime<Utc>) -> Vec<Reason> {
    let date = |field| {
        text_field(entry, field).and_then(|text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
    };
    let today = now.date_naive();
    match (date("df"), date("du")) {
        (Some(from), _) if today < from => vec![Reason::RecoveryNotYetValid {
            from: from.to_string(),
        }],
        (Some(_), Some(until)) if today > until => vec![Reason::RecoveryExpired {
            until: until.to_string(),
        }],
        (Some(_), Some(_)) => Vec::new(),
        (None, _) => vec![Reason::MissingField { field: "r.df" }],
        (_, None) => vec![Reason::MissingField { field: "r.du" }],
    }
}
