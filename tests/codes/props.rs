//! Properties of the code parsers: any input gives an answer, never a panic; encodings round trip.

use checkpoint_kiosk::codes::health_code::IssuerTable;
use checkpoint_kiosk::codes::pass::payload::{self, PassBody, PassKind};
use checkpoint_kiosk::codes::trust::TrustList;
use checkpoint_kiosk::codes::{PassTrust, Verifier, base45, cbor, dcc};
use checkpoint_kiosk::model::CodeFormat;
use checkpoint_kiosk::model::pii::PiiKey;
use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use proptest::prelude::*;

fn verifier() -> Verifier {
    let key = PiiKey::from_bytes(&[3; 32]).expect("32 bytes");
    Verifier::from_parts(
        TrustList::default(),
        PassTrust::default(),
        IssuerTable::default(),
        key,
    )
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).expect("time")
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("compress");
    encoder.finish().expect("compress")
}

fn pass_kind() -> impl Strategy<Value = PassKind> {
    prop_oneof![
        Just(PassKind::Resident),
        Just(PassKind::Worker),
        "\\PC{1,16}".prop_map(|plate| PassKind::Vehicle { plate }),
    ]
}

proptest! {
    #[test]
    fn base45_round_trips_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        prop_assert_eq!(base45::decode(&base45::encode(&bytes)).expect("own encoding decodes"), bytes);
    }

    #[test]
    fn base45_decoding_any_text_never_panics(text in "\\PC{0,64}|[0-9A-Z $%*+\\-./:]{0,64}") {
        let _ = base45::decode(&text);
    }

    #[test]
    fn cbor_and_inflate_take_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = cbor::decode_bounded(&bytes);
        let _ = dcc::inflate_bounded(&bytes);
    }

    #[test]
    fn any_text_gets_a_verdict(text in "\\PC{0,200}", prefix in prop_oneof![Just(""), Just("HC1:"), Just("CKP1:")]) {
        let verdict = verifier().verify(&format!("{prefix}{text}"), now());
        prop_assert!(verdict.payload_hash.is_some());
    }

    #[test]
    fn any_bytes_behind_a_dcc_or_pass_prefix_get_a_verdict(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
        compress in any::<bool>(),
        prefix in prop_oneof![Just("HC1:"), Just("CKP1:")],
    ) {
        let body = if compress { zlib(&bytes) } else { bytes };
        let verdict = verifier().verify(&format!("{prefix}{}", base45::encode(&body)), now());
        prop_assert_eq!(verdict.valid, Some(false));
        prop_assert_ne!(verdict.format, CodeFormat::Unknown);
    }

    #[test]
    fn passes_round_trip_through_sign_and_decode(
        seed in any::<[u8; 32]>(),
        pass_id in "[A-Z0-9]{1,32}",
        holder in "\\PC{1,64}",
        unit in "\\PC{1,64}",
        kind in pass_kind(),
        from in 0i64..4_000_000_000,
        days in 0i64..4000,
    ) {
        let key = SigningKey::from_bytes(&seed);
        let body = PassBody {
            pass_id, holder, unit, kind,
            valid_from: DateTime::from_timestamp(from, 0).expect("time"),
            valid_to: DateTime::from_timestamp(from + days * 86_400, 0).expect("time"),
            signer_kid: payload::key_id(&key.verifying_key()),
        };
        let decoded = payload::decode(&payload::sign(&body, &key)).expect("own pass decodes");
        prop_assert!(decoded.verify_with(&key.verifying_key()));
        prop_assert_eq!(decoded.body, body);
    }
}
