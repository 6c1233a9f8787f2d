//! Base45 decoding takes any text; what decodes re-encodes to the same text.
#![no_main]

use checkpoint_kiosk::codes::base45;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(bytes) = base45::decode(text) {
        assert_eq!(base45::encode(&bytes), text);
    }
});
