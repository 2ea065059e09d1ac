//! A small macro for the closed lists the method uses (sources, modes,
//! statuses of a field…): each value has a stored name and a label, and typed
//! names are read forgivingly (`co-worker`, `co_worker`, `Co-worker`).

/// Normalises typed text for comparison with a stored name.
pub(crate) fn key(raw: &str) -> String {
    raw.trim()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A closed list of named values, as `text_enum!` makes them: what a
/// description of the API lists as the only names it takes.
pub trait Named: Copy + 'static {
    /// Every value, in the order they are offered.
    fn all() -> &'static [Self];
    /// The stored and typed name.
    fn name(self) -> &'static str;
}

macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $name:ident, field = $field:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $stored:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the order they are offered.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and typed name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $stored,)+ }
            }

            /// The name shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Reads a typed name; the error lists the accepted ones.
            pub fn parse(raw: &str) -> Result<Self, $crate::error::FieldError> {
                let k = $crate::text_enum::key(raw);
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| $crate::text_enum::key(v.as_str()) == k)
                    .ok_or_else(|| {
                        let names: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                        $crate::error::FieldError::new(
                            $field,
                            format!("\"{}\" is not one of: {}", raw.trim(), names.join(", ")),
                        )
                    })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::text_enum::Named for $name {
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn name(self) -> &'static str {
                self.as_str()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

pub(crate) use text_enum;
