//! The DCC trust list: signer certificates from a PEM bundle, indexed by key id (the first 8
//! bytes of SHA-256 over the certificate's DER), and the ES256 / PS256 signature checks.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use p256::ecdsa::signature::Verifier as _;
use rsa::pkcs1::DecodeRsaPublicKey;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::der::Encode;
use x509_cert::der::oid::ObjectIdentifier;

use super::CodesError;

const OID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// COSE algorithm numbers (IANA): ES256 and PS256.
pub const ALG_ES256: i64 = -7;
pub const ALG_PS256: i64 = -37;

/// A signer's public key.
#[derive(Debug, Clone)]
pub enum SignerKey {
    Es256(p256::ecdsa::VerifyingKey),
    Ps256(rsa::RsaPublicKey),
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
        match (&self.key, alg) {
            (SignerKey::Es256(key), ALG_ES256) => p256::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|signature| key.verify(message, &signature).is_ok()),
            (SignerKey::Ps256(key), ALG_PS256) => rsa::pss::Signature::try_from(signature)
                .is_ok_and(|signature| {
                    rsa::pss::VerifyingKey::<Sha256>::new(key.clone())
                        .verify(message, &signature)
                        .is_ok()
                }),
            _ => false,
        }
    }

    /// True when `now` lies inside the certificate's validity window.
    pub fn valid_at(&self, now: DateTime<Utc>) -> bool {
        self.not_before <= now && now <= self.not_after
    }
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
    let spki = &tbs.subject_public_key_info;
    let key_bytes = spki.subject_public_key.raw_bytes();
    let key = match spki.algorithm.oid {
        OID_EC_PUBLIC_KEY => p256::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
            .map(SignerKey::Es256)
            .ok(),
        OID_RSA_ENCRYPTION => rsa::RsaPublicKey::from_pkcs1_der(key_bytes)
            .map(SignerKey::Ps256)
            .ok(),
        _ => None,
    }
    .ok_or_else(|| CodesError::UnsupportedSignerKey {
        subject: subject.clone(),
    })?;
    let signer = TrustedSigner {
        key,
        not_before: utc_from_x509(tbs.validity.not_before),
        not_after: utc_from_x509(tbs.validity.not_after),
        subject,
    };
    Ok((certificate_kid(&der), signer))
}

fn utc_from_x509(time: x509_cert::time::Time) -> DateTime<Utc> {
    let seconds = i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    DateTime::from_timestamp(seconds, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}
