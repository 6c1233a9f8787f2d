//! The whole verifier takes any text, as a scanner could deliver it.
#![no_main]

use checkpoint_kiosk::codes::{PassTrust, Verifier, health_code::IssuerTable, trust::TrustList};
use checkpoint_kiosk::model::pii::PiiKey;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let key = PiiKey::from_bytes(&[1; 32]).unwrap_or_else(PiiKey::generate);
    let issuers =
        IssuerTable::load(std::path::Path::new("/nonexistent/issuers.toml")).unwrap_or_default();
    let verifier = Verifier::from_parts(TrustList::default(), PassTrust::default(), issuers, key);
    let now = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
    let verdict = verifier.verify(text, now);
    let _ = verdict.to_json();
});
