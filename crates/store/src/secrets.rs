//! Secrets handed to a person (a session cookie, a one-time link, a calendar
//! address) and how they are kept: only a SHA-256 hash is stored, so a copy
//! of the database opens nothing.

use crate::error::{Result, StoreError};
use sha2::{Digest, Sha256};

/// 128 random bits from the operating system, as 32 lowercase hex digits.
pub(crate) fn new_token() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| StoreError::Unreachable(format!("the system's random source failed: {e}")))?;
    Ok(hex(&bytes))
}

/// The stored form of a secret.
pub(crate) fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// True when `token` has the shape [`new_token`] makes (or, with `len` 64,
/// a calendar secret), so a malformed cookie is refused before any query.
pub(crate) fn well_formed(token: &str, len: usize) -> bool {
    token.len() == len && token.bytes().all(|b| b.is_ascii_hexdigit())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_128_bits_and_differ() {
        let a = new_token().expect("random");
        let b = new_token().expect("random");
        assert!(well_formed(&a, 32), "{a}");
        assert_ne!(a, b);
        assert_eq!(hash("abc").len(), 64);
        assert!(!well_formed("zz", 32));
    }
}
