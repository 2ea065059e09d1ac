//! What makes a password acceptable in server mode. Length is counted in
//! characters and never truncated; the 10,000 most used passwords (the
//! ranked list of leaked passwords that zxcvbn ships, from Burnett's ten
//! million) are refused, as is a password that holds the account's own
//! email name.

use crate::error::FieldError;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The fewest characters a password may have.
pub const MIN_CHARS: usize = 8;
/// The most characters a password may have: long passphrases fit, a pasted
/// file (which would only make the hash slow) does not.
pub const MAX_CHARS: usize = 128;

/// The 10,000 most common passwords, one per line, most common first.
const COMMON_LIST: &str = include_str!("passwords/common.txt");

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| COMMON_LIST.lines().filter(|l| !l.is_empty()).collect());

/// True when `password` (compared in lower case) is among the 10,000 most
/// common.
pub fn is_common(password: &str) -> bool {
    COMMON.contains(password.to_lowercase().as_str())
}

/// Checks a new password for the account of `email`, naming `field` in the
/// error. The password is taken exactly as typed: spaces count.
pub fn check(field: &'static str, password: &str, email: &str) -> Result<(), FieldError> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(FieldError::new(
            field,
            format!(
                "is too short; use at least {MIN_CHARS} characters (a few words make a good one)"
            ),
        ));
    }
    if chars > MAX_CHARS {
        return Err(FieldError::new(
            field,
            format!("is too long; use at most {MAX_CHARS} characters"),
        ));
    }
    if password.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            "holds a control character; use letters, digits, spaces and punctuation",
        ));
    }
    if is_common(password) {
        return Err(FieldError::new(
            field,
            "is one of the most used passwords, which are tried first; choose another",
        ));
    }
    let local = email
        .split_once('@')
        .map_or(email, |(local, _)| local)
        .to_lowercase();
    if local.chars().count() >= 3 && password.to_lowercase().contains(&local) {
        return Err(FieldError::new(
            field,
            "contains your email name, which is easy to guess; choose another",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_ten_thousand_passwords() {
        assert_eq!(COMMON.len(), 10_000);
        assert!(is_common("password"));
        assert!(is_common("PassWord"));
        assert!(!is_common("violet tractor harbor"));
    }

    #[test]
    fn lengths_are_counted_in_characters_without_truncation() {
        let email = "ada@example.org";
        assert_eq!(
            check("password", "short1!", email).unwrap_err().field,
            "password"
        );
        assert!(check("password", "ünïcødé", email).is_err(), "7 characters");
        assert!(
            check("password", "ünïcødé!", email).is_ok(),
            "8 characters, 15 bytes"
        );
        let longest = "correct horse ".repeat(9) + "ok"; // 128 characters
        assert_eq!(longest.chars().count(), 128);
        assert!(check("password", &longest, email).is_ok());
        assert!(check("password", &(longest + "x"), email).is_err());
    }

    #[test]
    fn common_passwords_and_the_email_name_are_refused() {
        let email = "Marguerite@example.org";
        for bad in ["password", "12345678", "iloveyou", "Sunshine1"] {
            if bad.chars().count() >= MIN_CHARS {
                let err = check("password", bad, email).unwrap_err();
                assert!(err.message.contains("most used"), "{bad}: {}", err.message);
            }
        }
        let err = check("password", "my-marguerite-2026", email).unwrap_err();
        assert!(err.message.contains("email name"));
        assert!(check("password", "tide pool lantern", email).is_ok());
        assert!(check("password", "tab\there password", email).is_err());
    }
}
