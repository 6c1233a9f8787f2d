//! A leader's PIN as stored: salted and stretched, shared by signing in (`leaders`) and by
//! setting or checking a PIN on a shift (`shift`).

use sha2::{Digest, Sha256};

/// SHA-256 rounds over the salt and the PIN: a PIN has few digits, so each guess must cost.
const PIN_ROUNDS: u32 = 20_000;

/// The stored hash of `pin` under `salt`.
pub(super) fn pin_hash(salt: &[u8], pin: &str) -> Vec<u8> {
    let mut digest = Sha256::new()
        .chain_update(salt)
        .chain_update(pin.as_bytes())
        .finalize();
    for _ in 1..PIN_ROUNDS {
        digest = Sha256::new()
            .chain_update(salt)
            .chain_update(digest)
            .finalize();
    }
    digest.to_vec()
}
