//! EU Digital COVID Certificates: what the verifier says about certificates signed here with
//! test keys (ES256 and PS256), and about damaged ones.

use crate::codes_support;

use checkpoint_kiosk::codes::health_code::IssuerTable;
use checkpoint_kiosk::codes::trust::TrustList;
use checkpoint_kiosk::codes::{CodeVerdict, PassTrust, Reason, RulePreset, Verifier, base45};
use checkpoint_kiosk::model::pii::PiiKey;
use checkpoint_kiosk::model::{CodeFormat, HealthColour};
use codes_support::*;

fn verifier_trusting(pems: &[&str]) -> Verifier {
    let mut trust = TrustList::default();
    for pem in pems {
        trust.add_pem(pem).expect("test certificate");
    }
    let key = PiiKey::from_bytes(&[7; 32]).expect("32 bytes");
    Verifier::from_parts(trust, PassTrust::default(), IssuerTable::default(), key)
}

fn verifier() -> Verifier {
    verifier_trusting(&[ES256_CERT, PS256_CERT])
}

const NOW: &str = "2026-11-23T08:00:00Z";

fn verify(spec: &DccSpec) -> CodeVerdict {
    verifier().verify(&build_dcc(spec), at(NOW))
}

fn assert_valid(verdict: &CodeVerdict) {
    assert_eq!(verdict.valid, Some(true), "reasons: {:?}", verdict.reasons);
    assert_eq!(verdict.format, CodeFormat::EuDcc);
    assert!(verdict.reasons.is_empty());
    assert_eq!(verdict.suggested_colour, Some(HealthColour::Green));
}

#[test]
fn es256_tagged_with_kid_in_the_protected_header_is_valid() {
    let verdict = verify(&DccSpec::valid());
    assert_valid(&verdict);
    assert_eq!(verdict.checks.signature, Some(true));
    assert_eq!(verdict.issuer.as_deref(), Some("XX"));
    assert_eq!(verdict.expires, Some(at("2027-06-01T00:00:00Z")));
}

#[test]
fn ps256_untagged_with_kid_in_the_unprotected_header_is_valid() {
    let spec = DccSpec {
        alg: Alg::Ps256,
        tagged: false,
        kid_in_protected: false,
        ..DccSpec::valid()
    };
    assert_valid(&verify(&spec));
}

#[test]
fn holder_name_is_masked_and_only_the_birth_year_is_kept() {
    let verdict = verify(&DccSpec::valid());
    assert_eq!(verdict.holder.as_deref(), Some("M*** E***"));
    assert_eq!(verdict.birth_year.as_deref(), Some("1964"));
    let json = verdict.to_json().to_string();
    assert!(!json.contains("Musterfrau") && !json.contains("1964-08-12"));
}

#[test]
fn an_expired_certificate_fails_validity_only() {
    let spec = DccSpec {
        expires: at("2026-11-01T00:00:00Z").timestamp(),
        ..DccSpec::valid()
    };
    let verdict = verify(&spec);
    assert_eq!(verdict.valid, Some(false));
    assert_eq!(verdict.checks.signature, Some(true));
    assert_eq!(verdict.checks.validity, Some(false));
    assert_eq!(
        verdict.reasons,
        vec![Reason::CertificateExpired {
            expired: at("2026-11-01T00:00:00Z")
        }]
    );
    assert_eq!(verdict.suggested_colour, Some(HealthColour::Red));
}

#[test]
fn a_certificate_issued_in_the_future_is_not_yet_valid() {
    let spec = DccSpec {
        issued_at: at("2026-12-01T00:00:00Z").timestamp(),
        ..DccSpec::valid()
    };
    let verdict = verify(&spec);
    assert_eq!(verdict.checks.validity, Some(false));
    assert_eq!(
        verdict.reasons,
        vec![Reason::CertificateNotYetValid {
            issued: at("2026-12-01T00:00:00Z")
        }]
    );
}

#[test]
fn the_clock_outside_the_signer_certificate_window_fails_validity() {
    let spec = DccSpec {
        expires: at("2031-01-01T00:00:00Z").timestamp(),
        ..DccSpec::valid()
    };
    let verdict = verifier().verify(&build_dcc(&spec), at("2030-06-01T00:00:00Z"));
    assert_eq!(verdict.checks.signature, Some(true));
    assert_eq!(verdict.checks.validity, Some(false));
    assert!(verdict.reasons.contains(&Reason::SignerExpired {
        until: at("2030-01-01T00:00:00Z")
    }));
}

#[test]
fn a_signature_by_another_key_is_refused() {
    let verdict = verify(&DccSpec {
        alg: Alg::WrongEs256Key,
        ..DccSpec::valid()
    });
    assert_eq!(verdict.valid, Some(false));
    assert_eq!(verdict.checks.signature, Some(false));
    assert!(verdict.reasons.contains(&Reason::SignatureInvalid));
}

#[test]
fn a_signer_missing_from_the_trust_list_is_reported_as_unknown() {
    let verdict = verifier_trusting(&[OTHER_CERT]).verify(&build_dcc(&DccSpec::valid()), at(NOW));
    assert_eq!(verdict.checks.signature, Some(false));
    assert!(verdict.reasons.contains(&Reason::SignerUnknown));
}

#[test]
fn trusting_a_bundle_at_run_time_makes_the_signer_known() {
    let mut verifier = verifier_trusting(&[]);
    let payload = build_dcc(&DccSpec::valid());
    assert_eq!(
        verifier.verify(&payload, at(NOW)).checks.signature,
        Some(false)
    );
    let bundle = format!("{ES256_CERT}{PS256_CERT}");
    assert_eq!(verifier.add_trust_pem(&bundle).expect("bundle"), 2);
    assert_valid(&verifier.verify(&payload, at(NOW)));
}

#[test]
fn a_tampered_payload_byte_breaks_the_signature() {
    for alg in [Alg::Es256, Alg::Ps256] {
        let verdict = verify(&DccSpec {
            alg,
            tamper: true,
            ..DccSpec::valid()
        });
        assert_eq!(verdict.checks.signature, Some(false), "{alg:?}");
        assert_eq!(verdict.valid, Some(false));
    }
}

#[test]
fn bad_base45_bad_zlib_and_bad_cbor_fail_decoding_with_their_reason() {
    let good = cose_bytes(&DccSpec::valid());
    let mut broken_zlib = zlib(&good);
    let middle = broken_zlib.len() / 2;
    broken_zlib[middle] ^= 0xff;
    let cases = [
        ("HC1:abc".to_owned(), Reason::BadBase45),
        (
            format!("HC1:{}", base45::encode(&broken_zlib)),
            Reason::BadCompression,
        ),
        (
            format!("HC1:{}", base45::encode(&zlib(&[0xff, 0x00]))),
            Reason::BadCbor,
        ),
        (
            format!(
                "HC1:{}",
                base45::encode(&zlib(&cbor(&ciborium::Value::Integer(5.into()))))
            ),
            Reason::BadCoseStructure,
        ),
    ];
    for (payload, reason) in cases {
        let verdict = verifier().verify(&payload, at(NOW));
        assert!(!verdict.checks.decode);
        assert_eq!(verdict.valid, Some(false));
        assert_eq!(verdict.reasons, vec![reason]);
        assert_eq!(verdict.checks.signature, None);
    }
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    let bomb = zlib(&vec![0u8; 4 * 1024 * 1024]);
    let payload = format!("HC1:{}", base45::encode(&bomb));
    assert!(
        payload.len() < 8 * 1024,
        "the bomb must fit in a payload to test the inflate cap"
    );
    let verdict = verifier().verify(&payload, at(NOW));
    assert_eq!(
        verdict.reasons,
        vec![Reason::InflatedTooLarge {
            max_bytes: 64 * 1024
        }]
    );
}

#[test]
fn an_uncompressed_certificate_is_accepted() {
    let payload = format!("HC1:{}", base45::encode(&cose_bytes(&DccSpec::valid())));
    assert_valid(&verifier().verify(&payload, at(NOW)));
}

#[test]
fn an_incomplete_vaccination_fails_the_rules() {
    let verdict = verify(&DccSpec {
        hcert: vaccination(1, 2),
        ..DccSpec::valid()
    });
    assert_eq!(verdict.checks.rules, Some(false));
    assert_eq!(
        verdict.reasons,
        vec![Reason::VaccinationIncomplete { dose: 1, series: 2 }]
    );
}

#[test]
fn a_negative_test_counts_for_the_configured_hours() {
    let pcr_60h_ago = DccSpec {
        hcert: test_result("260415000", "LP6464-4", "2026-11-20T20:00:00Z"),
        ..DccSpec::valid()
    };
    assert_valid(&verify(&pcr_60h_ago));
    let mut strict = verifier();
    strict.set_rules(RulePreset {
        test_validity_hours: 48,
    });
    let verdict = strict.verify(&build_dcc(&pcr_60h_ago), at(NOW));
    assert_eq!(verdict.reasons, vec![Reason::TestTooOld { max_hours: 48 }]);
}

#[test]
fn a_positive_or_unknown_type_test_fails_the_rules() {
    let positive = DccSpec {
        hcert: test_result("260373001", "LP217198-3", "2026-11-23T06:00:00Z"),
        ..DccSpec::valid()
    };
    assert_eq!(verify(&positive).reasons, vec![Reason::TestNotNegative]);
    let odd_type = DccSpec {
        hcert: test_result("260415000", "LP0000-0", "2026-11-23T06:00:00Z"),
        ..DccSpec::valid()
    };
    assert_eq!(verify(&odd_type).reasons, vec![Reason::TestTypeUnsupported]);
    let future = DccSpec {
        hcert: test_result("260415000", "LP6464-4", "2026-11-24T06:00:00Z"),
        ..DccSpec::valid()
    };
    assert_eq!(verify(&future).reasons, vec![Reason::TestInFuture]);
}

#[test]
fn a_recovery_counts_between_its_first_and_last_day() {
    let inside = DccSpec {
        hcert: recovery("2026-05-01", "2026-11-23"),
        ..DccSpec::valid()
    };
    assert_valid(&verify(&inside));
    let over = DccSpec {
        hcert: recovery("2026-05-01", "2026-11-22"),
        ..DccSpec::valid()
    };
    assert_eq!(
        verify(&over).reasons,
        vec![Reason::RecoveryExpired {
            until: "2026-11-22".to_owned()
        }]
    );
    let early = DccSpec {
        hcert: recovery("2026-11-24", "2027-05-01"),
        ..DccSpec::valid()
    };
    assert_eq!(
        verify(&early).reasons,
        vec![Reason::RecoveryNotYetValid {
            from: "2026-11-24".to_owned()
        }]
    );
}

#[test]
fn every_failing_check_is_listed_not_only_the_first() {
    let spec = DccSpec {
        alg: Alg::WrongEs256Key,
        expires: at("2026-11-01T00:00:00Z").timestamp(),
        hcert: vaccination(1, 2),
        ..DccSpec::valid()
    };
    let verdict = verify(&spec);
    assert_eq!(verdict.reasons.len(), 3, "{:?}", verdict.reasons);
    assert_eq!(
        (
            verdict.checks.signature,
            verdict.checks.validity,
            verdict.checks.rules
        ),
        (Some(false), Some(false), Some(false))
    );
}
