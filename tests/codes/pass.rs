//! Checkpoint passes: issued with the district key, verified here and by neighbours that
//! imported our public key; tampered, expired, revoked and foreign passes are refused.

use std::path::Path;

use checkpoint_kiosk::codes::pass::payload::{self, PassBody, PassKind};
use checkpoint_kiosk::codes::pass::{self, PassRequest, keys, register};
use checkpoint_kiosk::codes::{CodesError, PassTrust, Reason, base45};
use checkpoint_kiosk::model::CodeFormat;
use chrono::{DateTime, Duration, Utc};
use ed25519_dalek::SigningKey;

fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("test time")
        .to_utc()
}

fn resident_request() -> PassRequest {
    PassRequest {
        holder: "欧阳娜娜".to_owned(),
        unit: "3-2-501".to_owned(),
        kind: PassKind::Resident,
        valid_days: 30,
    }
}

/// A keys folder with a fresh signing key, and a pass issued on 2026-11-01.
fn issued_pass(dir: &Path) -> (PassBody, String) {
    checkpoint_kiosk::codes::pass::init_signing_key(dir).expect("init key");
    pass::issue(dir, &resident_request(), at("2026-11-01T08:00:00Z")).expect("issue")
}

#[test]
fn an_issued_pass_verifies_with_the_districts_own_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (body, payload) = issued_pass(dir.path());
    let trust = PassTrust::load(dir.path()).expect("trust");
    let verdict = pass::verify(&payload, &trust, at("2026-11-23T08:00:00Z"));
    assert_eq!(verdict.format, CodeFormat::Pass);
    assert_eq!(verdict.valid, Some(true), "{:?}", verdict.reasons);
    assert_eq!(verdict.pass_id.as_deref(), Some(body.pass_id.as_str()));
    assert_eq!(verdict.holder.as_deref(), Some("欧阳**"));
    assert_eq!(verdict.expires, Some(at("2026-12-01T08:00:00Z")));
    assert!(
        payload.len() < 200,
        "a pass must stay a small QR code: {} chars",
        payload.len()
    );
}

#[test]
fn a_pass_decodes_to_exactly_what_was_signed() {
    let key = SigningKey::from_bytes(&[9; 32]);
    let body = PassBody {
        pass_id: "P0123456789".to_owned(),
        holder: "张三".to_owned(),
        unit: "12-1-302".to_owned(),
        kind: PassKind::Vehicle {
            plate: "粤B12345".to_owned(),
        },
        valid_from: at("2026-11-01T00:00:00Z"),
        valid_to: at("2026-12-01T00:00:00Z"),
        signer_kid: payload::key_id(&key.verifying_key()),
    };
    let signed = payload::sign(&body, &key);
    let decoded = payload::decode(&signed).expect("decodes");
    assert_eq!(decoded.body, body);
    assert!(decoded.verify_with(&key.verifying_key()));
}

#[test]
fn a_tampered_pass_fails_its_signature() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, payload) = issued_pass(dir.path());
    let mut bytes = base45::decode(payload.strip_prefix("CKP1:").expect("prefix")).expect("base45");
    let holder = "欧阳娜娜".as_bytes();
    let start = bytes
        .windows(holder.len())
        .position(|window| window == holder)
        .expect("holder in the body");
    // Flipping the last byte of 欧 gives another valid character, so only the signature can tell.
    bytes[start + 2] ^= 0x01;
    let tampered = format!("CKP1:{}", base45::encode(&bytes));
    let verdict = pass::verify(
        &tampered,
        &PassTrust::load(dir.path()).expect("trust"),
        at("2026-11-23T08:00:00Z"),
    );
    assert_eq!(verdict.checks.signature, Some(false));
    assert_eq!(verdict.reasons, vec![Reason::PassSignatureInvalid]);
}

#[test]
fn an_expired_or_not_yet_valid_pass_fails_validity() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (body, payload) = issued_pass(dir.path());
    let trust = PassTrust::load(dir.path()).expect("trust");
    let late = pass::verify(&payload, &trust, body.valid_to + Duration::seconds(1));
    assert_eq!(
        late.reasons,
        vec![Reason::PassExpired {
            until: body.valid_to
        }]
    );
    let early = pass::verify(&payload, &trust, body.valid_from - Duration::seconds(1));
    assert_eq!(
        early.reasons,
        vec![Reason::PassNotYetValid {
            from: body.valid_from
        }]
    );
    assert_eq!(early.checks.validity, Some(false));
}

#[test]
fn a_revoked_pass_fails_the_rules() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (body, payload) = issued_pass(dir.path());
    register::revoke(dir.path(), &body.pass_id, at("2026-11-10T00:00:00Z")).expect("revoke");
    let verdict = pass::verify(
        &payload,
        &PassTrust::load(dir.path()).expect("trust"),
        at("2026-11-23T08:00:00Z"),
    );
    assert_eq!(verdict.checks.rules, Some(false));
    assert_eq!(verdict.reasons, vec![Reason::PassRevoked]);
}

#[test]
fn a_neighbours_pass_is_refused_until_their_key_is_imported() {
    let ours = tempfile::tempdir().expect("temp dir");
    let theirs = tempfile::tempdir().expect("temp dir");
    checkpoint_kiosk::codes::pass::init_signing_key(ours.path()).expect("our key");
    let (_, payload) = issued_pass(theirs.path());
    let now = at("2026-11-23T08:00:00Z");
    let before = pass::verify(&payload, &PassTrust::load(ours.path()).expect("trust"), now);
    assert_eq!(before.reasons, vec![Reason::PassSignerUnknown]);
    let their_public = keys::load_signing_key(theirs.path())
        .expect("their key")
        .verifying_key();
    let exported = keys::public_key_pem(&their_public);
    keys::import_public_key(ours.path(), exported.as_bytes(), Path::new("their.pub"))
        .expect("import");
    let after = pass::verify(&payload, &PassTrust::load(ours.path()).expect("trust"), now);
    assert_eq!(after.valid, Some(true), "{:?}", after.reasons);
}

#[test]
fn the_signing_key_is_never_overwritten_and_is_private() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = checkpoint_kiosk::codes::pass::init_signing_key(dir.path()).expect("init");
    let error = checkpoint_kiosk::codes::pass::init_signing_key(dir.path())
        .expect_err("second init must refuse");
    assert!(matches!(error, CodesError::SigningKeyExists { .. }));
    assert_eq!(
        keys::load_signing_key(dir.path())
            .expect("load")
            .verifying_key(),
        first
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(keys::signing_key_path(dir.path()))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_raw_32_byte_signing_key_is_accepted() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(keys::signing_key_path(dir.path()), [5u8; 32]).expect("write");
    let key = keys::load_signing_key(dir.path()).expect("raw key");
    assert_eq!(key.to_bytes(), [5u8; 32]);
}

#[test]
fn issuing_without_a_key_says_how_to_create_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let error = pass::issue(dir.path(), &resident_request(), Utc::now()).expect_err("no key");
    assert!(
        error.to_string().contains("checkpoint-kiosk keys init"),
        "{error}"
    );
}

#[test]
fn bad_pass_details_are_refused_before_signing() {
    let dir = tempfile::tempdir().expect("temp dir");
    checkpoint_kiosk::codes::pass::init_signing_key(dir.path()).expect("init");
    let no_plate = PassRequest {
        kind: PassKind::Vehicle {
            plate: " ".to_owned(),
        },
        ..resident_request()
    };
    let no_holder = PassRequest {
        holder: String::new(),
        ..resident_request()
    };
    let no_days = PassRequest {
        valid_days: 0,
        ..resident_request()
    };
    for request in [no_plate, no_holder, no_days] {
        assert!(matches!(
            pass::issue(dir.path(), &request, Utc::now()),
            Err(CodesError::BadPassDetails(_))
        ));
    }
    assert!(
        register::load_register(dir.path())
            .expect("register")
            .is_empty()
    );
}

#[test]
fn issued_passes_are_listed_with_the_holder_masked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (body, _) = issued_pass(dir.path());
    let register = register::load_register(dir.path()).expect("register");
    assert_eq!(register.len(), 1);
    assert_eq!(register[0].pass_id, body.pass_id);
    assert_eq!(register[0].holder_masked, "欧阳**");
    let text = std::fs::read_to_string(register::register_path(dir.path())).expect("read");
    assert!(!text.contains("欧阳娜娜"));
}

#[test]
fn malformed_passes_are_reported_not_panicked_on() {
    let trust = PassTrust::default();
    for payload in ["CKP1:", "CKP1:abc", "CKP1:0000", "CKP1::::::"] {
        let verdict = pass::verify(payload, &trust, Utc::now());
        assert_eq!(verdict.reasons, vec![Reason::PassMalformed], "{payload}");
        assert!(!verdict.checks.decode);
    }
}
