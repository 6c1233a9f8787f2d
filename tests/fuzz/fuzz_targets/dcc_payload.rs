//! Any bytes as the COSE message of an `HC1:` certificate, compressed or not, get a verdict.
//! Encoding the fuzz input as Base45 skips past the text layer so the fuzzer explores CBOR,
//! COSE, CWT and the rules.
#![no_main]

use std::io::Write;

use checkpoint_kiosk::codes::{
    PassTrust, Verifier, base45, health_code::IssuerTable, trust::TrustList,
};
use checkpoint_kiosk::model::pii::PiiKey;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (bool, &[u8])| {
    let (compress, bytes) = input;
    let body = if compress {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        let _ = encoder.write_all(bytes);
        encoder.finish().unwrap_or_default()
    } else {
        bytes.to_vec()
    };
    let key = PiiKey::from_bytes(&[1; 32]).unwrap_or_else(PiiKey::generate);
    let verifier = Verifier::from_parts(
        TrustList::default(),
        PassTrust::default(),
        IssuerTable::default(),
        key,
    );
    let now = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
    let verdict = verifier.verify(&format!("HC1:{}", base45::encode(&body)), now);
    assert_ne!(
        verdict.valid,
        Some(true),
        "no certificate can be valid with an empty trust list"
    );
});
