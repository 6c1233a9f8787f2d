//! Any bytes behind `CKP1:` get a verdict; a pass is never valid without a trusted key.
#![no_main]

use checkpoint_kiosk::codes::{PassTrust, base45, pass};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let now = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
    let verdict = pass::verify(
        &format!("CKP1:{}", base45::encode(bytes)),
        &PassTrust::default(),
        now,
    );
    assert_ne!(verdict.valid, Some(true));
});
