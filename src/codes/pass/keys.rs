//! The district's pass-signing key and the neighbours' public keys we trust.
//!
//! Files in the keys folder: `pass-signing.key` (PKCS#8 PEM, mode 0600; raw 32 bytes and
//! PKCS#8 DER are also read) and `trusted-pass-keys/*.pub` (SPKI PEM from `keys export`).

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use ed25519_dalek::{SigningKey, VerifyingKey};

use super::payload::key_id;
use crate::codes::CodesError;

pub fn signing_key_path(keys_dir: &Path) -> PathBuf {
    keys_dir.join("pass-signing.key")
}

pub fn trusted_keys_dir(keys_dir: &Path) -> PathBuf {
    keys_dir.join("trusted-pass-keys")
}

/// Creates the district's signing key; refuses to replace an existing one. (Use
/// [`super::init_signing_key`], which also signs it for the district.)
pub(super) fn create_signing_key(keys_dir: &Path) -> Result<VerifyingKey, CodesError> {
    let path = signing_key_path(keys_dir);
    if path.exists() {
        return Err(CodesError::SigningKeyExists { path });
    }
    fs::create_dir_all(keys_dir).map_err(CodesError::io(keys_dir))?;
    let key = SigningKey::generate(&mut rand::rngs::OsRng);
    let pem = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|_| CodesError::BadKeyFile { path: path.clone() })?;
    write_private(&path, pem.as_bytes())?;
    Ok(key.verifying_key())
}

/// Writes a new file readable by its owner only; fails if the file appeared meanwhile.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), CodesError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::AlreadyExists => CodesError::SigningKeyExists {
            path: path.to_path_buf(),
        },
        _ => CodesError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    file.write_all(bytes).map_err(CodesError::io(path))
}

/// Loads the district's signing key, or says how to create one.
pub fn load_signing_key(keys_dir: &Path) -> Result<SigningKey, CodesError> {
    let path = signing_key_path(keys_dir);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(CodesError::NoSigningKey { path });
        }
        Err(source) => return Err(CodesError::Io { path, source }),
    };
    signing_key_from_bytes(&bytes).ok_or(CodesError::BadKeyFile { path })
}

fn signing_key_from_bytes(bytes: &[u8]) -> Option<SigningKey> {
    if let Ok(raw) = <[u8; 32]>::try_from(bytes) {
        return Some(SigningKey::from_bytes(&raw));
    }
    let from_pem = std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| SigningKey::from_pkcs8_pem(text).ok());
    from_pem.or_else(|| SigningKey::from_pkcs8_der(bytes).ok())
}

/// The public key as SPKI PEM, to hand to neighbouring checkpoints.
pub fn public_key_pem(key: &VerifyingKey) -> String {
    key.to_public_key_pem(LineEnding::LF).unwrap_or_default()
}

/// Parses a public key file: SPKI PEM, or 32 raw bytes.
pub fn public_key_from_bytes(bytes: &[u8]) -> Option<VerifyingKey> {
    if let Ok(raw) = <[u8; 32]>::try_from(bytes) {
        return VerifyingKey::from_bytes(&raw).ok();
    }
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| VerifyingKey::from_public_key_pem(text.trim()).ok())
}

/// Trusts a neighbour's public key; returns its key id. Importing the same key twice is harmless.
pub fn import_public_key(
    keys_dir: &Path,
    bytes: &[u8],
    source: &Path,
) -> Result<[u8; 8], CodesError> {
    let key = public_key_from_bytes(bytes).ok_or_else(|| CodesError::BadKeyFile {
        path: source.to_path_buf(),
    })?;
    let kid = key_id(&key);
    let dir = trusted_keys_dir(keys_dir);
    fs::create_dir_all(&dir).map_err(CodesError::io(&dir))?;
    let path = dir.join(format!("{}.pub", hex::encode(kid)));
    crate::config::write_atomically(&path, public_key_pem(&key).as_bytes())?;
    Ok(kid)
}

/// Every key whose passes we accept: our own and the imported neighbours', by key id.
pub fn load_trusted_keys(keys_dir: &Path) -> Result<HashMap<[u8; 8], VerifyingKey>, CodesError> {
    let mut keys = HashMap::new();
    match load_signing_key(keys_dir) {
        Ok(own) => {
            let public = own.verifying_key();
            keys.insert(key_id(&public), public);
        }
        Err(CodesError::NoSigningKey { .. }) => {}
        Err(error) => return Err(error),
    }
    let dir = trusted_keys_dir(keys_dir);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(keys),
        Err(source) => return Err(CodesError::Io { path: dir, source }),
    };
    for path in entries.flatten().map(|entry| entry.path()) {
        if path.extension().is_some_and(|ext| ext == "pub") {
            let bytes = fs::read(&path).map_err(CodesError::io(&path))?;
            let key = public_key_from_bytes(&bytes).ok_or(CodesError::BadKeyFile { path })?;
            keys.insert(key_id(&key), key);
        }
    }
    Ok(keys)
}
