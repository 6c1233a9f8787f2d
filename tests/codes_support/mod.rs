//! Test helpers shared by the codes tests: EU DCC certificates built and signed here with the
//! test keys in tests/data, the way a national backend would, so every check has real input.
#![allow(dead_code)] // each test binary uses a different part

use std::io::Write;

use checkpoint_kiosk::codes::base45;
use checkpoint_kiosk::codes::trust::certificate_kid;
use chrono::{DateTime, Utc};
use ciborium::value::Value;
use p256::pkcs8::DecodePrivateKey;
use rsa::signature::{RandomizedSigner, SignatureEncoding, Signer};
use x509_cert::der::{DecodePem, Encode};

pub const ES256_KEY: &str = include_str!("../data/dcc-es256.key.pem");
pub const ES256_CERT: &str = include_str!("../data/dcc-es256.cert.pem");
pub const PS256_KEY: &str = include_str!("../data/dcc-ps256.key.pem");
pub const PS256_CERT: &str = include_str!("../data/dcc-ps256.cert.pem");
pub const OTHER_KEY: &str = include_str!("../data/dcc-other-es256.key.pem");
pub const OTHER_CERT: &str = include_str!("../data/dcc-other-es256.cert.pem");
pub const ES384_KEY: &str = include_str!("../data/dcc-es384.key.pem");
pub const ES384_CERT: &str = include_str!("../data/dcc-es384.cert.pem");
pub const ES512_KEY: &str = include_str!("../data/dcc-es512.key.pem");
pub const ES512_CERT: &str = include_str!("../data/dcc-es512.cert.pem");
pub const EDDSA_KEY: &str = include_str!("../data/dcc-eddsa.key.pem");
pub const EDDSA_CERT: &str = include_str!("../data/dcc-eddsa.cert.pem");
/// brainpoolP256r1: a curve the kiosk cannot verify with.
pub const BRAINPOOL_CERT: &str = include_str!("../data/dcc-brainpool.cert.pem");

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("test time")
        .to_utc()
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn map(entries: Vec<(&str, Value)>) -> Value {
    Value::Map(entries.into_iter().map(|(k, v)| (text(k), v)).collect())
}

/// The person every test certificate is about.
pub fn holder_fields() -> Vec<(&'static str, Value)> {
    vec![
        ("ver", text("1.3.0")),
        (
            "nam",
            map(vec![
                ("fn", text("Musterfrau")),
                ("gn", text("Erika")),
                ("fnt", text("MUSTERFRAU")),
                ("gnt", text("ERIKA")),
            ]),
        ),
        ("dob", text("1964-08-12")),
    ]
}

pub fn vaccination(dose: i64, series: i64) -> Value {
    let mut fields = holder_fields();
    let entry = map(vec![
        ("tg", text("840539006")),
        ("dn", Value::Integer(dose.into())),
        ("sd", Value::Integer(series.into())),
        ("dt", text("2026-05-01")),
        ("ci", text("URN:UVCI:01:XX:TEST#1")),
    ]);
    fields.push(("v", Value::Array(vec![entry])));
    map(fields)
}

pub fn test_result(result: &str, test_type: &str, sampled: &str) -> Value {
    let mut fields = holder_fields();
    let entry = map(vec![
        ("tg", text("840539006")),
        ("tt", text(test_type)),
        ("sc", text(sampled)),
        ("tr", text(result)),
    ]);
    fields.push(("t", Value::Array(vec![entry])));
    map(fields)
}

pub fn recovery(from: &str, until: &str) -> Value {
    let mut fields = holder_fields();
    let entry = map(vec![
        ("tg", text("840539006")),
        ("fr", text("2026-04-01")),
        ("df", text(from)),
        ("du", text(until)),
    ]);
    fields.push(("r", Value::Array(vec![entry])));
    map(fields)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    Es256,
    Ps256,
    /// Signed with the other P-256 key while naming the ES256 certificate's key id.
    WrongEs256Key,
    Es384,
    Es512,
    EdDsa,
    /// The PS256 certificate's RSA key with SHA-384 PSS.
    Ps384,
    /// The PS256 certificate's RSA key with PKCS#1 v1.5 and SHA-256.
    Rs256,
    /// Declares ES256 and names the brainpool certificate; the signature is filler, since no
    /// verifier here can check it.
    Brainpool,
    /// A COSE algorithm number no DCC uses (ES256K, -47), naming the ES256 certificate.
    Es256k,
}

impl Alg {
    /// The COSE algorithm number and the certificate whose key id the message names.
    pub fn number_and_cert(self) -> (i64, &'static str) {
        match self {
            Self::Es256 | Self::WrongEs256Key => (-7, ES256_CERT),
            Self::Ps256 => (-37, PS256_CERT),
            Self::Es384 => (-35, ES384_CERT),
            Self::Es512 => (-36, ES512_CERT),
            Self::EdDsa => (-8, EDDSA_CERT),
            Self::Ps384 => (-38, PS256_CERT),
            Self::Rs256 => (-257, PS256_CERT),
            Self::Brainpool => (-7, BRAINPOOL_CERT),
            Self::Es256k => (-47, ES256_CERT),
        }
    }
}

/// Everything that varies between test certificates.
#[derive(Debug, Clone)]
pub struct DccSpec {
    pub alg: Alg,
    pub tagged: bool,
    pub kid_in_protected: bool,
    pub issued_at: i64,
    pub expires: i64,
    pub hcert: Value,
    /// Flip one byte of the signed payload after signing.
    pub tamper: bool,
}

impl DccSpec {
    /// A complete vaccination signed with ES256, tagged, kid protected, valid 2026-06-01..2027-06-01.
    pub fn valid() -> Self {
        Self {
            alg: Alg::Es256,
            tagged: true,
            kid_in_protected: true,
            issued_at: at("2026-06-01T00:00:00Z").timestamp(),
            expires: at("2027-06-01T00:00:00Z").timestamp(),
            hcert: vaccination(2, 2),
            tamper: false,
        }
    }
}

pub fn kid_of(cert_pem: &str) -> Vec<u8> {
    let cert = x509_cert::Certificate::from_pem(cert_pem).expect("test certificate");
    certificate_kid(&cert.to_der().expect("der")).to_vec()
}

fn claims(spec: &DccSpec) -> Vec<u8> {
    let hcert = Value::Map(vec![(Value::Integer(1.into()), spec.hcert.clone())]);
    let claims = Value::Map(vec![
        (Value::Integer(1.into()), text("XX")),
        (
            Value::Integer(6.into()),
            Value::Integer(spec.issued_at.into()),
        ),
        (
            Value::Integer(4.into()),
            Value::Integer(spec.expires.into()),
        ),
        (Value::Integer((-260).into()), hcert),
    ]);
    cbor(&claims)
}

pub fn cbor(value: &Value) -> Vec<u8> {
    let mut bytes = Vec::new();
    ciborium::ser::into_writer(value, &mut bytes).expect("encode");
    bytes
}

fn sign(alg: Alg, message: &[u8]) -> Vec<u8> {
    match alg {
        Alg::Es256 | Alg::WrongEs256Key => {
            let pem = if alg == Alg::Es256 {
                ES256_KEY
            } else {
                OTHER_KEY
            };
            let key = p256::ecdsa::SigningKey::from_pkcs8_pem(pem).expect("test key");
            let signature: p256::ecdsa::Signature = key.sign(message);
            signature.to_bytes().to_vec()
        }
        Alg::Ps256 => {
            let key = rsa::RsaPrivateKey::from_pkcs8_pem(PS256_KEY).expect("test key");
            let signer = rsa::pss::SigningKey::<sha2::Sha256>::new(key);
            signer
                .sign_with_rng(&mut rand::thread_rng(), message)
                .to_vec()
        }
        Alg::Ps384 => {
            let key = rsa::RsaPrivateKey::from_pkcs8_pem(PS256_KEY).expect("test key");
            let signer = rsa::pss::SigningKey::<sha2::Sha384>::new(key);
            signer
                .sign_with_rng(&mut rand::thread_rng(), message)
                .to_vec()
        }
        Alg::Rs256 => {
            let key = rsa::RsaPrivateKey::from_pkcs8_pem(PS256_KEY).expect("test key");
            rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key)
                .sign(message)
                .to_vec()
        }
        Alg::Es384 => {
            let key = p384::ecdsa::SigningKey::from_pkcs8_pem(ES384_KEY).expect("test key");
            let signature: p384::ecdsa::Signature = key.sign(message);
            signature.to_bytes().to_vec()
        }
        Alg::Es512 => {
            let secret = p521::SecretKey::from_pkcs8_pem(ES512_KEY).expect("test key");
            let key = p521::ecdsa::SigningKey::from_bytes(&secret.to_bytes()).expect("test key");
            let signature: p521::ecdsa::Signature = key.sign(message);
            signature.to_bytes().to_vec()
        }
        Alg::EdDsa => {
            let key = ed25519_dalek::SigningKey::from_pkcs8_pem(EDDSA_KEY).expect("test key");
            key.sign(message).to_bytes().to_vec()
        }
        Alg::Brainpool | Alg::Es256k => vec![0x5a; 64],
    }
}

/// The COSE_Sign1 bytes (before compression) for `spec`.
pub fn cose_bytes(spec: &DccSpec) -> Vec<u8> {
    let (alg_number, cert) = spec.alg.number_and_cert();
    let kid = (Value::Integer(4.into()), Value::Bytes(kid_of(cert)));
    let mut protected = vec![(Value::Integer(1.into()), Value::Integer(alg_number.into()))];
    let mut unprotected = Vec::new();
    if spec.kid_in_protected {
        protected.push(kid);
    } else {
        unprotected.push(kid);
    }
    let protected_bytes = cbor(&Value::Map(protected));
    let mut payload = claims(spec);
    let sig_structure = Value::Array(vec![
        text("Signature1"),
        Value::Bytes(protected_bytes.clone()),
        Value::Bytes(Vec::new()),
        Value::Bytes(payload.clone()),
    ]);
    let signature = sign(spec.alg, &cbor(&sig_structure));
    if spec.tamper {
        let middle = payload.len() / 2;
        payload[middle] ^= 0x01;
    }
    let message = Value::Array(vec![
        Value::Bytes(protected_bytes),
        Value::Map(unprotected),
        Value::Bytes(payload),
        Value::Bytes(signature),
    ]);
    cbor(&if spec.tagged {
        Value::Tag(18, Box::new(message))
    } else {
        message
    })
}

pub fn zlib(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("compress");
    encoder.finish().expect("compress")
}

/// The `HC1:` text of a test certificate.
pub fn build_dcc(spec: &DccSpec) -> String {
    format!("HC1:{}", base45::encode(&zlib(&cose_bytes(spec))))
}
