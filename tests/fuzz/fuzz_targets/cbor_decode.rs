//! The bounded CBOR reader and the COSE_Sign1 parser take any bytes.
#![no_main]

use checkpoint_kiosk::codes::{cbor, cose::CoseSign1};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Some(value) = cbor::decode_bounded(bytes)
        && let Some(cose) = CoseSign1::from_value(value)
    {
        let _ = cose.signed_bytes();
    }
});
