//! EU DCC conformance at the edges the EU test vectors probe: validity windows inclusive at the
//! boundary second, and every signing algorithm either verified or refused with a reason.

use crate::cli_support::{kiosk, stdout_of};
use crate::codes_support;

use checkpoint_kiosk::codes::health_code::IssuerTable;
use checkpoint_kiosk::codes::trust::TrustList;
use checkpoint_kiosk::codes::{CodeVerdict, PassTrust, Reason, Verifier};
use checkpoint_kiosk::model::pii::PiiKey;
use codes_support::*;

const ALL_CERTS: [&str; 6] = [
    ES256_CERT,
    PS256_CERT,
    ES384_CERT,
    ES512_CERT,
    EDDSA_CERT,
    BRAINPOOL_CERT,
];

fn verifier() -> Verifier {
    let mut trust = TrustList::default();
    for pem in ALL_CERTS {
        trust.add_pem(pem).expect("every test certificate loads");
    }
    let key = PiiKey::from_bytes(&[7; 32]).expect("32 bytes");
    Verifier::from_parts(trust, PassTrust::default(), IssuerTable::default(), key)
}

fn verify_at(spec: &DccSpec, now: &str) -> CodeVerdict {
    verifier().verify(&build_dcc(spec), at(now))
}

fn signed_with(alg: Alg) -> DccSpec {
    DccSpec {
        alg,
        ..DccSpec::valid()
    }
}

#[test]
fn regression_dk_es_vectors_a_code_is_still_valid_at_its_cwt_expiry_second() {
    let spec = DccSpec::valid(); // expires 2027-06-01T00:00:00Z
    let at_expiry = verify_at(&spec, "2027-06-01T00:00:00Z");
    assert_eq!(at_expiry.valid, Some(true), "{:?}", at_expiry.reasons);
    let one_second_later = verify_at(&spec, "2027-06-01T00:00:01Z");
    assert_eq!(
        one_second_later.reasons,
        vec![Reason::CertificateExpired {
            expired: at("2027-06-01T00:00:00Z")
        }]
    );
}

#[test]
fn a_code_is_valid_from_its_issued_at_second() {
    let spec = DccSpec::valid(); // issued 2026-06-01T00:00:00Z
    assert_eq!(verify_at(&spec, "2026-06-01T00:00:00Z").valid, Some(true));
    assert_eq!(verify_at(&spec, "2026-05-31T23:59:59Z").valid, Some(false));
}

#[test]
fn regression_dk_es_vectors_a_code_is_still_valid_at_the_signer_certificates_not_after_second() {
    let spec = DccSpec {
        expires: at("2031-01-01T00:00:00Z").timestamp(),
        ..DccSpec::valid()
    };
    // The signer certificates are valid 2025-01-01T00:00:00Z ..= 2030-01-01T00:00:00Z.
    let at_not_after = verify_at(&spec, "2030-01-01T00:00:00Z");
    assert_eq!(at_not_after.valid, Some(true), "{:?}", at_not_after.reasons);
    let after = verify_at(&spec, "2030-01-01T00:00:01Z");
    assert_eq!(after.checks.validity, Some(false));
    assert!(after.reasons.contains(&Reason::SignerExpired {
        until: at("2030-01-01T00:00:00Z")
    }));
}

#[test]
fn es384_es512_eddsa_ps384_and_rs256_signatures_verify() {
    for alg in [Alg::Es384, Alg::Es512, Alg::EdDsa, Alg::Ps384, Alg::Rs256] {
        let verdict = verify_at(&signed_with(alg), "2026-11-23T08:00:00Z");
        assert_eq!(verdict.valid, Some(true), "{alg:?}: {:?}", verdict.reasons);
        assert_eq!(verdict.checks.signature, Some(true), "{alg:?}");
    }
}

#[test]
fn a_tampered_es384_or_eddsa_code_is_refused_as_altered() {
    for alg in [Alg::Es384, Alg::EdDsa] {
        let spec = DccSpec {
            tamper: true,
            ..signed_with(alg)
        };
        let verdict = verify_at(&spec, "2026-11-23T08:00:00Z");
        assert_eq!(verdict.valid, Some(false), "{alg:?}");
        assert!(
            verdict.reasons.contains(&Reason::SignatureInvalid),
            "{alg:?}"
        );
    }
}

#[test]
fn regression_es_vectors_a_signer_with_an_unusable_key_gives_a_verdict_with_its_reason() {
    let verdict = verify_at(&signed_with(Alg::Brainpool), "2026-11-23T08:00:00Z");
    assert_eq!(verdict.valid, Some(false));
    assert_eq!(verdict.checks.signature, Some(false));
    assert!(
        matches!(
            verdict.reasons.as_slice(),
            [Reason::SignerKeyUnsupported { key, alg: -7 }] if key.contains("1.3.36.3.3.2.8.1.1.7")
        ),
        "{:?}",
        verdict.reasons
    );
}

#[test]
fn an_algorithm_no_dcc_uses_is_named_in_the_verdict() {
    let verdict = verify_at(&signed_with(Alg::Es256k), "2026-11-23T08:00:00Z");
    assert_eq!(verdict.valid, Some(false));
    assert_eq!(
        verdict.reasons,
        vec![Reason::UnsupportedAlgorithm { alg: -47 }]
    );
}

#[test]
fn regression_es_vectors_verify_with_an_unusable_signer_key_prints_json_and_exits_zero() {
    let dir = tempfile::tempdir().expect("temp dir");
    let trust = dir.path().join("trust.pem");
    std::fs::write(&trust, ALL_CERTS.concat()).expect("write trust");
    let payload = build_dcc(&signed_with(Alg::Brainpool));
    let output = kiosk(
        dir.path(),
        &[
            "verify",
            "--json",
            "--at",
            "2026-11-23T08:00:00Z",
            "--trust",
            trust.to_str().expect("utf-8 path"),
            "--text",
            &payload,
        ],
    );
    let verdict: serde_json::Value =
        serde_json::from_str(&stdout_of(&output)).expect("one JSON object");
    assert_eq!(verdict["valid"], false);
    assert_eq!(verdict["reasons"][0]["code"], "unsupported-signer-key");
}
