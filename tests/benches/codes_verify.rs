//! How long one code takes to judge: the issue asks for well under a second per person.
//! Run: cargo bench --bench codes_verify

#[path = "../codes_support/mod.rs"]
mod codes_support;

use std::hint::black_box;

use checkpoint_kiosk::codes::health_code::IssuerTable;
use checkpoint_kiosk::codes::pass::{self, PassKind, PassRequest};
use checkpoint_kiosk::codes::trust::TrustList;
use checkpoint_kiosk::codes::{PassTrust, Verifier};
use checkpoint_kiosk::model::pii::PiiKey;
use codes_support::{Alg, DccSpec, ES256_CERT, PS256_CERT, at, build_dcc};
use criterion::{Criterion, criterion_group, criterion_main};

fn verifier(passes: PassTrust) -> Verifier {
    let mut trust = TrustList::default();
    trust.add_pem(ES256_CERT).expect("test certificate");
    trust.add_pem(PS256_CERT).expect("test certificate");
    let key = PiiKey::from_bytes(&[7; 32]).expect("32 bytes");
    let issuers = IssuerTable::load(std::path::Path::new("/nonexistent/issuers.toml"))
        .expect("bundled table");
    Verifier::from_parts(trust, passes, issuers, key)
}

fn verify_codes(c: &mut Criterion) {
    let keys_dir = tempfile::tempdir().expect("temp dir");
    pass::init_signing_key(keys_dir.path()).expect("key");
    let request = PassRequest {
        holder: "张三".into(),
        unit: "3-2-501".into(),
        kind: PassKind::Resident,
        valid_days: 30,
    };
    let (_, pass_payload) =
        pass::issue(keys_dir.path(), &request, at("2026-11-20T00:00:00Z")).expect("issue");
    let verifier = verifier(PassTrust::load(keys_dir.path()).expect("pass trust"));
    let now = at("2026-11-23T08:00:00Z");
    let cases = [
        ("dcc_es256", build_dcc(&DccSpec::valid())),
        (
            "dcc_ps256",
            build_dcc(&DccSpec {
                alg: Alg::Ps256,
                ..DccSpec::valid()
            }),
        ),
        ("pass_ed25519", pass_payload),
        (
            "unknown_text",
            "https://example.test/some/opaque/token/0123456789".to_owned(),
        ),
    ];
    for (name, payload) in &cases {
        c.bench_function(&format!("verify_{name}"), |b| {
            b.iter(|| verifier.verify(black_box(payload), now));
        });
    }
}

criterion_group!(benches, verify_codes);
criterion_main!(benches);
