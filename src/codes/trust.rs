//! The DCC trust list: signer certificates from a PEM bundle, indexed by key id (the first 8
//! bytes of SHA-256 over the certificate's DER), and the signature checks.
//!
//! The DCC specification signs with ES256 (primary) or PS256 (secondary); national backends and
//! the gateway also carry ES384/ES512, PS384/PS512, RS256..RS512 and EdDSA keys, and those are
//! checked too. A certificate whose key the kiosk cannot use (another curve) stays in the list,
//! so a code it signed gets a clear "unsupported signer key" verdict instead of "unknown signer"
//! or an error.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use p256::ecdsa::signature::Verifier as _;
use rsa::pkcs1::DecodeRsaPublicKey;
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_cert::Certificate;
use x509_cert::der::Encode;
use x509_cert::der::oid::ObjectIdentifier;

use super::CodesError;

const OID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
/// COSE algorithm numbers (IANA).
pub const ALG_ES256: i64 = -7;
pub const ALG_ES384: i64 = -35;
pub const ALG_ES512: i64 = -36;
pub const ALG_EDDSA: i64 = -8;
pub const ALG_PS256: i64 = -37;
pub const ALG_PS384: i64 = -38;
pub const ALG_PS512: i64 = -39;
pub const ALG_RS256: i64 = -257;
pub const ALG_RS384: i64 = -258;
pub const ALG_RS512: i64 = -259;
/// Every algorithm [`TrustedSigner::check`] can verify.
pub const SUPPORTED_ALGORITHMS: [i64; 10] = [
    ALG_ES256, ALG_ES384, ALG_ES512, ALG_EDDSA, ALG_PS256, ALG_PS384, ALG_PS512, ALG_RS256,
    ALG_RS384, ALG_RS512,
];

/// A signer's public key.
#[derive(Debug, Clone)]
pub enum SignerKey {
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    /// The SEC1-encoded point, checked when the certificate was read (p521's key type has no
    /// `Debug`).
    P521(Vec<u8>),
    Rsa(rsa::RsaPublicKey),
    Ed25519(ed25519_dalek::VerifyingKey),
    /// A key the kiosk cannot verify with, named for the verdict (e.g. "EC 1.3.36.3.3.2.8.1.1.7").
    Unsupported(String),
}

/// What checking one signature found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureCheck {
    Valid,
    Invalid,
    /// The signer's key cannot be used (named), or does not fit the algorithm the code declares.
    Unsupported(String),
}

/// One trusted signer certificate.
#[derive(Debug, Clone)]
pub struct TrustedSigner {
    pub key: SignerKey,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    pub subject: String,
}

impl TrustedSigner {
    /// Checks `signature` over `message` with the algorithm the message declares.
    pub fn verifies(&self, alg: i64, message: &[u8], signature: &[u8]) -> bool {
        self.check(alg, message, signature) == SignatureCheck::Valid
    }

    /// Checks `signature` over `message` with the algorithm the message declares, telling a
    /// wrong signature apart from a key that cannot check it.
    pub fn check(&self, alg: i64, message: &[u8], signature: &[u8]) -> SignatureCheck {
        let verified = match (&self.key, alg) {
            (SignerKey::P256(key), ALG_ES256) => p256::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|signature| key.verify(message, &signature).is_ok()),
            (SignerKey::P384(key), ALG_ES384) => p384::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|signature| key.verify(message, &signature).is_ok()),
            (SignerKey::P521(point), ALG_ES512) => {
                let key = p521::ecdsa::VerifyingKey::from_sec1_bytes(point);
                let signature = p521::ecdsa::Signature::from_slice(signature);
                matches!((key, signature), (Ok(key), Ok(signature)) if key.verify(message, &signature).is_ok())
            }
            (SignerKey::Ed25519(key), ALG_EDDSA) => ed25519_dalek::Signature::from_slice(signature)
                .is_ok_and(|signature| key.verify_strict(message, &signature).is_ok()),
            (SignerKey::Rsa(key), ALG_PS256) => pss_verifies::<Sha256>(key, message, signature),
            (SignerKey::Rsa(key), ALG_PS384) => pss_verifies::<Sha384>(key, message, signature),
            (SignerKey::Rsa(key), ALG_PS512) => pss_verifies::<Sha512>(key, message, signature),
            (SignerKey::Rsa(key), ALG_RS256) => pkcs1_verifies::<Sha256>(key, message, signature),
            (SignerKey::Rsa(key), ALG_RS384) => pkcs1_verifies::<Sha384>(key, message, signature),
            (SignerKey::Rsa(key), ALG_RS512) => pkcs1_verifies::<Sha512>(key, message, signature),
            (SignerKey::Unsupported(name), _) => return SignatureCheck::Unsupported(name.clone()),
            (key, alg) => {
                return SignatureCheck::Unsupported(format!(
                    "{} key for algorithm {alg}",
                    key.kind()
                ));
            }
        };
        if verified {
            SignatureCheck::Valid
        } else {
            SignatureCheck::Invalid
        }
    }
}

impl SignerKey {
    fn kind(&self) -> &str {
        match self {
            Self::P256(_) => "P-256",
            Self::P384(_) => "P-384",
            Self::P521(_) => "P-521",
            Self::Rsa(_) => "RSA",
            Self::Ed25519(_) => "Ed25519",
            Self::Unsupported(name) => name,
        }
    }
}

fn pss_verifies<D>(key: &rsa::RsaPublicKey, message: &[u8], signature: &[u8]) -> bool
where
    D: Digest + sha2::digest::FixedOutputReset,
{
    rsa::pss::Signature::try_from(signature).is_ok_and(|signature| {
        rsa::pss::VerifyingKey::<D>::new(key.clone())
            .verify(message, &signature)
            .is_ok()
    })
}

fn pkcs1_verifies<D>(key: &rsa::RsaPublicKey, message: &[u8], signature: &[u8]) -> bool
where
    D: Digest + sha2::digest::const_oid::AssociatedOid,
{
    rsa::pkcs1v15::Signature::try_from(signature).is_ok_and(|signature| {
        rsa::pkcs1v15::VerifyingKey::<D>::new(key.clone())
            .verify(message, &signature)
            .is_ok()
    })
}

/// Signer certificates by key id.
#[derive(Debug, Clone, Default)]
pub struct TrustList {
    signers: HashMap<[u8; 8], Vec<TrustedSigner>>,
}

impl TrustList {
    /// Adds every certificate in a PEM bundle; returns how many were added.
    pub fn add_pem(&mut self, pem: &str) -> Result<usize, CodesError> {
        let certificates = Certificate::load_pem_chain(pem.as_bytes()).map_err(|error| {
            CodesError::BadTrustPem {
                detail: error.to_string(),
            }
        })?;
        let parsed = certificates
            .iter()
            .map(signer_from_certificate)
            .collect::<Result<Vec<_>, _>>()?;
        let added = parsed.len();
        for (kid, signer) in parsed {
            self.signers.entry(kid).or_default().push(signer);
        }
        Ok(added)
    }

    /// Adds the bundle in `path` when the file exists; a missing file adds nothing.
    pub fn add_pem_file_if_present(&mut self, path: &Path) -> Result<usize, CodesError> {
        match std::fs::read_to_string(path) {
            Ok(pem) => self.add_pem(&pem),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(source) => Err(CodesError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    pub fn signers_for(&self, kid: &[u8]) -> &[TrustedSigner] {
        <[u8; 8]>::try_from(kid)
            .ok()
            .and_then(|kid| self.signers.get(&kid))
            .map_or(&[], Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.signers.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.signers.is_empty()
    }
}

/// The DCC key id of a certificate: the first 8 bytes of SHA-256 over its DER encoding.
pub fn certificate_kid(der: &[u8]) -> [u8; 8] {
    let digest = Sha256::digest(der);
    let mut kid = [0u8; 8];
    kid.copy_from_slice(&digest[..8]);
    kid
}

fn signer_from_certificate(
    certificate: &Certificate,
) -> Result<([u8; 8], TrustedSigner), CodesError> {
    let tbs = &certificate.tbs_certificate;
    let subject = tbs.subject.to_string();
    let der = certificate
        .to_der()
        .map_err(|error| CodesError::BadTrustPem {
            detail: error.to_string(),
        })?;
    let key = signer_key(&tbs.subject_public_key_info);
    let signer = TrustedSigner {
        key,
        not_before: utc_from_x509(tbs.validity.not_before),
        not_after: utc_from_x509(tbs.validity.not_after),
        subject,
    };
    Ok((certificate_kid(&der), signer))
}

/// The certificate's public key, or the name of a key type the kiosk cannot verify with.
fn signer_key(spki: &x509_cert::spki::SubjectPublicKeyInfoOwned) -> SignerKey {
    let key_bytes = spki.subject_public_key.raw_bytes();
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|parameters| parameters.decode_as::<ObjectIdentifier>().ok());
    let parsed = match (spki.algorithm.oid, curve) {
        (OID_EC_PUBLIC_KEY, Some(OID_P256)) => {
            p256::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
                .ok()
                .map(SignerKey::P256)
        }
        (OID_EC_PUBLIC_KEY, Some(OID_P384)) => {
            p384::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
                .ok()
                .map(SignerKey::P384)
        }
        (OID_EC_PUBLIC_KEY, Some(OID_P521)) => {
            p521::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
                .ok()
                .map(|_| SignerKey::P521(key_bytes.to_vec()))
        }
        (OID_RSA_ENCRYPTION | OID_RSASSA_PSS, _) => rsa::RsaPublicKey::from_pkcs1_der(key_bytes)
            .ok()
            .map(SignerKey::Rsa),
        (OID_ED25519, _) => <[u8; 32]>::try_from(key_bytes)
            .ok()
            .and_then(|bytes| ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok())
            .map(SignerKey::Ed25519),
        _ => None,
    };
    parsed.unwrap_or_else(|| {
        let curve = curve.map(|oid| format!(" {oid}")).unwrap_or_default();
        SignerKey::Unsupported(format!("key {}{curve}", spki.algorithm.oid))
    })
}

fn utc_from_x509(time: x509_cert::time::Time) -> DateTime<Utc> {
    let seconds = i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    DateTime::from_timestamp(seconds, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}
