//! The verifier as the UI uses it: loaded from a data folder, trust imported from Settings,
//! formats told apart, payloads never kept in the clear.

use crate::codes_support;

use checkpoint_kiosk::codes::hcert::{birth_year, masked_holder};
use checkpoint_kiosk::codes::{
    CodesError, MAX_PAYLOAD_BYTES, Reason, Verifier, dcc_trust_path, import_trust_pem,
};
use checkpoint_kiosk::config::DataDir;
use checkpoint_kiosk::model::{CodeFormat, HealthColour};
use ciborium::Value;
use codes_support::*;

fn data_dir() -> (tempfile::TempDir, DataDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = DataDir::open(dir.path().join("data")).expect("data dir");
    (dir, data)
}

#[test]
fn an_empty_data_folder_loads_with_the_bundled_issuers_and_no_trust() {
    let (_dir, data) = data_dir();
    let verifier = Verifier::load(&data).expect("missing files are fine");
    let verdict = verifier.verify(&build_dcc(&DccSpec::valid()), at("2026-11-23T08:00:00Z"));
    assert_eq!(verdict.reasons, vec![Reason::SignerUnknown]);
}

#[test]
fn trust_imported_in_settings_is_kept_for_the_next_start() {
    let (_dir, data) = data_dir();
    assert_eq!(import_trust_pem(&data, ES256_CERT).expect("import"), 1);
    assert_eq!(import_trust_pem(&data, PS256_CERT).expect("import"), 1);
    let verifier = Verifier::load(&data).expect("load");
    for alg in [Alg::Es256, Alg::Ps256] {
        let verdict = verifier.verify(
            &build_dcc(&DccSpec {
                alg,
                ..DccSpec::valid()
            }),
            at("2026-11-23T08:00:00Z"),
        );
        assert_eq!(verdict.valid, Some(true), "{alg:?}: {:?}", verdict.reasons);
    }
}

#[test]
fn a_broken_trust_bundle_is_refused_and_the_file_left_alone() {
    let (_dir, data) = data_dir();
    let error = import_trust_pem(
        &data,
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    )
    .expect_err("not a certificate");
    assert!(matches!(error, CodesError::BadTrustPem { .. }));
    assert!(!dcc_trust_path(&data).exists());
}

#[test]
fn the_same_payload_hashes_the_same_and_is_never_in_the_verdict() {
    let (_dir, data) = data_dir();
    let verifier = Verifier::load(&data).expect("load");
    let payload = "some-opaque-token-7731";
    let now = at("2026-11-23T08:00:00Z");
    let first = verifier.verify(payload, now);
    assert_eq!(
        first.payload_hash,
        verifier.verify(&format!("  {payload}\n"), now).payload_hash
    );
    assert_ne!(
        first.payload_hash,
        verifier.verify("another-token", now).payload_hash
    );
    assert!(!first.payload_hash.expect("hash").as_str().contains(payload));
}

#[test]
fn an_oversized_payload_is_unknown_without_being_parsed() {
    let (_dir, data) = data_dir();
    let verifier = Verifier::load(&data).expect("load");
    let huge = format!("HC1:{}", "0".repeat(MAX_PAYLOAD_BYTES));
    let verdict = verifier.verify(&huge, at("2026-11-23T08:00:00Z"));
    assert_eq!(verdict.format, CodeFormat::Unknown);
    assert_eq!(
        verdict.reasons,
        vec![Reason::PayloadTooLong {
            max_bytes: MAX_PAYLOAD_BYTES
        }]
    );
    assert!(verdict.shown_text.expect("text shown").chars().count() <= 49);
}

#[test]
fn the_scanned_colour_is_kept_and_opaque_codes_suggest_none() {
    let (_dir, data) = data_dir();
    std::fs::write(
        data.root().join("issuers.toml"),
        "[[issuer]]\nprefix = \"HTTPS://HC.EXAMPLE.TEST/\"\nname = \"测试码\"\nregion = \"测试省\"\n",
    )
    .expect("write");
    let verifier = Verifier::load(&data).expect("load");
    let verdict = verifier.verify_scanned(
        "https://hc.example.test/abc",
        HealthColour::Yellow,
        at("2026-11-23T08:00:00Z"),
    );
    assert_eq!(verdict.format, CodeFormat::HealthCode);
    assert_eq!(verdict.valid, None);
    assert_eq!(verdict.scanned_colour, Some(HealthColour::Yellow));
    assert_eq!(verdict.suggested_colour, None);
    assert_eq!(verdict.issuer.as_deref(), Some("测试码 (测试省)"));
}

#[test]
fn reasons_read_in_chinese_and_english() {
    let reason = Reason::TestTooOld { max_hours: 48 };
    let words = checkpoint_kiosk::text::codes::reason(&reason);
    assert_eq!(words.en, "test is older than 48 hours");
    assert_eq!(words.zh, "检测超过 48 小时");
}

#[test]
fn chinese_names_mask_as_one_name_and_partial_birth_dates_keep_the_year() {
    let name = |family: &str, given: &str| {
        Value::Map(vec![
            (Value::Text("fn".into()), Value::Text(family.into())),
            (Value::Text("gn".into()), Value::Text(given.into())),
        ])
    };
    let hcert = Value::Map(vec![
        (Value::Text("nam".into()), name("欧阳", "娜娜")),
        (Value::Text("dob".into()), Value::Text("1980-05".into())),
    ]);
    assert_eq!(masked_holder(&hcert).as_deref(), Some("欧阳**"));
    assert_eq!(birth_year(&hcert).as_deref(), Some("1980"));
    let no_dob = Value::Map(vec![(
        Value::Text("dob".into()),
        Value::Text(String::new()),
    )]);
    assert_eq!(birth_year(&no_dob), None);
}

#[test]
fn a_certificate_wrapped_in_the_cwt_tag_is_read() {
    let cose = cose_bytes(&DccSpec::valid());
    let mut wrapped = vec![0xd8, 0x3d]; // tag 61
    wrapped.extend_from_slice(&cose);
    let payload = format!(
        "HC1:{}",
        checkpoint_kiosk::codes::base45::encode(&zlib(&wrapped))
    );
    let (_dir, data) = data_dir();
    let mut verifier = Verifier::load(&data).expect("load");
    verifier.add_trust_pem(ES256_CERT).expect("trust");
    assert_eq!(
        verifier.verify(&payload, at("2026-11-23T08:00:00Z")).valid,
        Some(true)
    );
}
