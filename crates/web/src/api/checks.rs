//! What the API reads before the forms' own checks, reported with them: a
//! research source named exactly, a zone on the profile.

use rapport_core::Named;
use std::collections::BTreeMap;

/// Research notes as sent, by source (sorted by name, as a map keeps
/// them), each source named exactly.
/// A source not named exactly is reported in `errors`, beside what the
/// form's own checks then find.
pub(crate) fn research_notes<T: Named>(
    sent: BTreeMap<String, String>,
    errors: &mut rapport_core::FieldErrors,
) -> Vec<(String, String)> {
    let mut notes = Vec::new();
    for (source, note) in sent {
        if T::all().iter().any(|s| s.name() == source) {
            notes.push((source, note));
        } else {
            let names: Vec<&str> = T::all().iter().map(|v| v.name()).collect();
            errors.push(rapport_core::FieldError::new(
                "research",
                format!("\"{source}\" is not one of: {}", names.join(", ")),
            ));
        }
    }
    notes
}

/// The form's checks, with the errors found before them listed first.
pub(crate) fn together<T>(
    mut before: rapport_core::FieldErrors,
    checked: Result<T, rapport_core::FieldErrors>,
) -> Result<T, rapport_core::FieldErrors> {
    match checked {
        Ok(value) if before.is_empty() => Ok(value),
        Ok(_) => Err(before),
        Err(found) => {
            for e in found.iter() {
                before.push(e.clone());
            }
            Err(before)
        }
    }
}
