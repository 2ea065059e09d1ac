//! Password hashes: Argon2id with 19 MiB of memory and two passes (OWASP's
//! first recommended setting), computed off the async threads. Checking a
//! password for an unknown email spends the same work on a fixed hash, so
//! the answer and its timing do not tell which emails have accounts.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::LazyLock;

/// Memory per hash in KiB (19 MiB).
pub const MEMORY_KIB: u32 = 19 * 1024;
/// Passes over the memory.
pub const PASSES: u32 = 2;

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of a password nobody has, checked against when the email is
/// unknown.
static DECOY: LazyLock<Option<String>> =
    LazyLock::new(|| hash_now("a password that no account has").ok());

fn hash_now(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

fn verify_now(password: &str, stored: Option<&str>) -> bool {
    let Some(decoy) = DECOY.as_deref() else {
        return false;
    };
    let (target, real) = match stored {
        Some(s) => (s, true),
        None => (decoy, false),
    };
    let Ok(parsed) = PasswordHash::new(target) else {
        return false;
    };
    argon2()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && real
}

/// Hashes at once at most: each takes 19 MiB, so a burst of sign-ins
/// queues here instead of filling the memory.
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) of `password`.
pub(crate) async fn hash(password: String) -> Result<String, crate::error::AppError> {
    let _slot = HASHING
        .acquire()
        .await
        .map_err(|_| crate::error::AppError::Unavailable)?;
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| e.to_string())
        .and_then(|r| r)
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            crate::error::AppError::Unavailable
        })
}

/// True when `password` matches `stored`; with no stored hash (unknown email
/// or no password set yet) the same work is done and the answer is false.
pub(crate) async fn verify(password: String, stored: Option<String>) -> bool {
    let Ok(_slot) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || verify_now(&password, stored.as_deref()))
        .await
        .unwrap_or(false)
}

/// Makes the decoy hash before the first sign-in needs it, so the first
/// unknown email is not slower than the rest.
pub(crate) fn warm_up() {
    LazyLock::force(&DECOY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_the_chosen_cost_and_verify() {
        let h = hash_now("tide pool lantern").expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_now("tide pool lantern", Some(&h)));
        assert!(!verify_now("tide pool lanterns", Some(&h)));
        assert!(!verify_now("tide pool lantern", None));
        assert!(!verify_now("x", Some("not a hash")));
        assert_ne!(h, hash_now("tide pool lantern").expect("hash"), "salted");
    }
}
