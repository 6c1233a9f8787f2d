//! What the fuzz targets in tests/fuzz found, kept in the normal suite so it stays checked in CI
//! without a nightly toolchain.
//!
//! tests/data/fuzz/<target>/ holds a few inputs from each target's minimised corpus (the largest,
//! which reach deepest into the parsers), as the raw bytes libFuzzer handed the target. Each test
//! replays them through the same library calls as the target in tests/fuzz/fuzz_targets/ and
//! checks the answer, not only that nothing panicked.

use std::path::{Path, PathBuf};

use checkpoint_kiosk::codes::health_code::IssuerTable;
use checkpoint_kiosk::codes::trust::TrustList;
use checkpoint_kiosk::codes::{PassTrust, Verifier, base45, cbor, cose::CoseSign1, pass};
use checkpoint_kiosk::model::CodeFormat;
use checkpoint_kiosk::model::pii::PiiKey;
use chrono::{DateTime, Utc};

/// The time every fuzz target judges at.
fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).expect("time")
}

/// The verifier of the dcc_payload and verify_text targets: nothing trusted, the bundled
/// health-code issuers.
fn verifier() -> Verifier {
    let key = PiiKey::from_bytes(&[1; 32]).expect("32 bytes");
    let issuers = IssuerTable::load(Path::new("/nonexistent/issuers.toml")).expect("bundled");
    Verifier::from_parts(TrustList::default(), PassTrust::default(), issuers, key)
}

/// The saved inputs of one fuzz target, by file name; at least one, so a lost folder fails.
fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .map(|entry| {
            let path = entry.expect("directory entry").path();
            let bytes = std::fs::read(&path).expect("read a fuzz input");
            (
                path.file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned(),
                bytes,
            )
        })
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", folder.display());
    inputs
}

/// A `&str` fuzz target sees the longest valid UTF-8 prefix of its bytes (arbitrary's rule).
fn fuzz_text(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&bytes[..error.valid_up_to()]).expect("valid prefix"),
    }
}

#[test]
fn base45_corpus_decodes_to_what_reencodes_or_names_the_fault() {
    for (name, bytes) in corpus("base45_decode") {
        let text = fuzz_text(&bytes);
        match base45::decode(text) {
            Ok(decoded) => assert_eq!(base45::encode(&decoded), text, "{name}"),
            Err(error) => assert!(!error.to_string().is_empty(), "{name}"),
        }
    }
}

#[test]
fn cbor_corpus_gives_a_value_or_none_and_cose_reencodes_its_signed_bytes() {
    for (name, bytes) in corpus("cbor_decode") {
        let Some(value) = cbor::decode_bounded(&bytes) else {
            continue;
        };
        // What decodes encodes to bytes that decode within the same bounds to the same value.
        let encoded = cbor::encode(&value);
        let again = cbor::decode_bounded(&encoded).expect("its own encoding decodes");
        assert_eq!(cbor::encode(&again), encoded, "{name}");
        if let Some(cose) = CoseSign1::from_value(value) {
            let signed = cose.signed_bytes();
            assert_eq!(
                signed.first(),
                Some(&0x84),
                "{name}: Sig_structure is a 4-array"
            );
            let reread = cbor::decode_bounded(&signed).expect("Sig_structure decodes");
            assert_eq!(reread.as_array().map(Vec::len), Some(4), "{name}");
        }
    }
}

#[test]
fn dcc_corpus_is_judged_never_valid_without_a_trusted_signer() {
    use std::io::Write;
    let verifier = verifier();
    for (name, bytes) in corpus("dcc_payload") {
        // The target's input is (bool, &[u8]): the first byte's low bit says compress.
        let (compress, rest) = match bytes.split_first() {
            Some((first, rest)) => (first & 1 == 1, rest),
            None => (false, &[][..]),
        };
        let body = if compress {
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            encoder.write_all(rest).expect("compress");
            encoder.finish().expect("compress")
        } else {
            rest.to_vec()
        };
        let verdict = verifier.verify(&format!("HC1:{}", base45::encode(&body)), now());
        assert_ne!(verdict.valid, Some(true), "{name}");
        assert!(!verdict.reasons.is_empty(), "{name}: a refusal says why");
        assert!(
            matches!(verdict.format, CodeFormat::EuDcc | CodeFormat::Unknown),
            "{name}: {:?}",
            verdict.format
        );
    }
}

#[test]
fn pass_corpus_is_judged_never_valid_without_a_trusted_key() {
    for (name, bytes) in corpus("pass_payload") {
        let payload = format!("CKP1:{}", base45::encode(&bytes));
        let verdict = pass::verify(&payload, &PassTrust::default(), now());
        assert_eq!(verdict.format, CodeFormat::Pass, "{name}");
        assert_eq!(verdict.valid, Some(false), "{name}");
        assert!(!verdict.reasons.is_empty(), "{name}: a refusal says why");
    }
}

#[test]
fn verify_text_corpus_gets_a_verdict_and_its_json() {
    let verifier = verifier();
    for (name, bytes) in corpus("verify_text") {
        let verdict = verifier.verify(fuzz_text(&bytes), now());
        assert_ne!(verdict.valid, Some(true), "{name}: nothing is trusted");
        assert!(!verdict.reasons.is_empty(), "{name}: the verdict says why");
        let json = verdict.to_json();
        assert_eq!(json["format"], verdict.format.as_str(), "{name}");
        assert_eq!(json["valid"], false, "{name}");
    }
}
