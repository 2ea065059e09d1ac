//! What the description promises, stated exactly as the checks read it, so
//! that a program (or schemathesis) that keeps to the description is never
//! refused for the shape of a value: the names a closed list takes, the
//! dates and times the forms read, whole numbers written `21.0`, and the
//! problem answers every operation shares.

use rapport_core::Named;
use rapport_core::schedule::YEARS;
use serde::de::{Deserialize, Deserializer, Error as _};
use std::collections::BTreeMap;
use utoipa::IntoResponses;
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, ObjectBuilder, SchemaType, Type,
};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, response::Response};

fn problem(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
        .into()
}

fn problems(list: &[(&str, &str)]) -> BTreeMap<String, RefOr<Response>> {
    list.iter()
        .map(|(status, description)| ((*status).to_owned(), problem(description)))
        .collect()
}

const BAD_ADDRESS: (&str, &str) = (
    "400",
    "The address holds a control character (in the path or the query)",
);
const NO_CALLER: (&str, &str) = ("401", "No valid token or session");

/// The refusals any reading operation may answer: 400, 401.
pub(crate) struct Reads;

impl IntoResponses for Reads {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        problems(&[BAD_ADDRESS, NO_CALLER])
    }
}

/// The refusals any writing operation may answer: 400, 401, 403.
pub(crate) struct Writes;

impl IntoResponses for Writes {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        problems(&[
            BAD_ADDRESS,
            NO_CALLER,
            (
                "403",
                "A read-only token, or a session without its form token",
            ),
        ])
    }
}

/// 404: the record in the path, or one an id sent names, is not yours.
pub(crate) struct Missing;

impl IntoResponses for Missing {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        problems(&[(
            "404",
            "No such record in this workbench (the one in the path, or one an id sent names)",
        )])
    }
}

/// 422: a value failed its check; `errors` names the fields.
pub(crate) struct Invalid;

impl IntoResponses for Invalid {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        problems(&[("422", "A value failed its check; `errors` names the fields")])
    }
}

/// 409: the request does not fit where the record stands now.
pub(crate) struct Conflict;

impl IntoResponses for Conflict {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        problems(&[(
            "409",
            "Not possible from where the record stands now (a move the pipeline does not allow, a time still to come)",
        )])
    }
}

/// One name of a closed list, taken only as it is spelled in the list
/// (the forms also read `Co-worker` for `co-worker`; a program sends the
/// name).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Exact<T>(pub(crate) T);

impl<T: Named> Exact<T> {
    pub(crate) fn name(self) -> String {
        self.0.name().to_owned()
    }
}

impl<'de, T: Named> Deserialize<'de> for Exact<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        T::all()
            .iter()
            .copied()
            .find(|v| v.name() == raw)
            .map(Exact)
            .ok_or_else(|| {
                let names: Vec<&str> = T::all().iter().map(|v| v.name()).collect();
                D::Error::custom(format!("\"{raw}\" is not one of: {}", names.join(", ")))
            })
    }
}

/// The names of a closed list, for a field read as [`Exact`].
pub(crate) fn names<T: Named>() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(T::all().iter().map(|v| v.name())))
}

/// The keys of the handout's question bank.
pub(crate) fn bank_keys() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(rapport_core::questions::BANK.iter().map(|q| q.key)))
}

/// The names of a closed list, or null.
pub(crate) fn names_or_null<T: Named>() -> ObjectBuilder {
    let mut values: Vec<serde_json::Value> = T::all().iter().map(|v| v.name().into()).collect();
    values.push(serde_json::Value::Null);
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(values))
}

/// A pattern for the dates the forms read (`2026-03-15`), within the years
/// rapport keeps, every month with its own days and 29 February in leap
/// years only.
fn date_pattern() -> String {
    let (first, last) = (*YEARS.start(), *YEARS.end());
    assert!(
        first == 1900 && last == 2200,
        "the date pattern spells out 1900 to 2200"
    );
    let year = r"(?:19\d\d|20\d\d|21\d\d|2200)";
    let leap =
        r"(?:(?:19|21)(?:0[48]|[2468][048]|[13579][26])|20(?:0[048]|[2468][048]|[13579][26]))";
    format!(
        r"(?:{year}-(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|{year}-(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|{year}-02-(?:0[1-9]|1\d|2[0-8])|{leap}-02-29)"
    )
}

fn text(pattern: String, nullable: bool) -> ObjectBuilder {
    let kind = if nullable {
        SchemaType::from_iter([Type::String, Type::Null])
    } else {
        SchemaType::Type(Type::String)
    };
    ObjectBuilder::new()
        .schema_type(kind)
        .pattern(Some(pattern))
}

/// Control characters (Unicode's Cc), which no one-line value may hold.
const CONTROL: &str = r"\u0000-\u001f\u007f-\u009f";
/// What `str::trim` takes off both ends (Unicode's White_Space), spelled
/// out because engines disagree on `\s`.
const SPACE: &str =
    r"\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

fn trimmed(core: &str, optional: bool) -> String {
    let q = if optional { "?" } else { "" };
    format!("^[{SPACE}]*(?:{core}){q}[{SPACE}]*$")
}

fn line_core() -> String {
    let inner = format!("[^{CONTROL}]");
    let edge = format!("[^{SPACE}{CONTROL}]");
    format!("{edge}(?:{inner}{{0,198}}{edge})?")
}

/// A record's id, as a list or a read gave it.
pub(crate) fn id() -> ObjectBuilder {
    text(format!("^[^{SPACE}]+$"), false)
        .min_length(Some(1))
        .max_length(Some(64))
}

/// One line of up to 200 characters, no control character, around which
/// spaces are dropped (`validated::required_line`).
pub(crate) fn line() -> ObjectBuilder {
    text(trimmed(&line_core(), false), false)
}

/// Like [`line`], or empty (`validated::optional_line`).
pub(crate) fn line_or_empty() -> ObjectBuilder {
    text(trimmed(&line_core(), true), false)
}

/// Several lines: no control character but tab and line breaks
/// (`validated::long_text`).
pub(crate) fn long_text() -> ObjectBuilder {
    text(
        r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$".to_owned(),
        false,
    )
    .max_length(Some(rapport_core::validated::MAX_LONG_TEXT))
}

/// Like [`long_text`], with something written: not empty, not only spaces.
pub(crate) fn written_text() -> ObjectBuilder {
    let refused = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f";
    text(
        format!("^[^{refused}]*[^{refused}{SPACE}][^{refused}]*$"),
        false,
    )
    .max_length(Some(rapport_core::validated::MAX_LONG_TEXT))
}

/// An email address as `validated::Email` reads it, or blank.
pub(crate) fn email_or_blank() -> ObjectBuilder {
    let c = format!(r#"[^{SPACE}{CONTROL}?&%#<>"\\,;:()\[\]/@]"#);
    let label_char = format!(r#"[^{SPACE}{CONTROL}?&%#<>"\\,;:()\[\]/@.]"#);
    let label_edge = format!(r#"[^{SPACE}{CONTROL}?&%#<>"\\,;:()\[\]/@.\-]"#);
    let label = format!("{label_edge}(?:{label_char}*{label_edge})?");
    text(
        trimmed(&format!(r"{c}+@{label}(?:\.{label})+"), true),
        false,
    )
    .max_length(Some(254))
}

/// A phone number as `validated::Phone` reads it (7 to 15 digits), or blank.
pub(crate) fn phone_or_blank() -> ObjectBuilder {
    text(
        trimmed(r"\+?[ \-().]*(?:[0-9][ \-().]*){7,15}", true),
        false,
    )
}

/// A web address as `validated::WebUrl` reads it (http or https, or a host
/// that gets `https://`), or blank.
pub(crate) fn web_address_or_blank() -> ObjectBuilder {
    let letter = r"(?:[^\W_]|-)";
    let host = format!(r"(?:localhost|{letter}(?:{letter}|\.)*\.(?:{letter}|\.)*{letter})");
    let no_space = format!("[^{SPACE}{CONTROL}");
    // Printable ASCII but for `#`, `/`, `?`, `[` and `]`.
    let user = r"[\u0021\u0022\u0024-\u002e\u0030-\u003e\u0040-\u005a\u005c\u005e-\u007e]";
    let core = format!(r"(?:https?://)?(?:{user}*@)?{host}(?::[0-9]*)?(?:[/?#]{no_space}]*)?");
    text(trimmed(&core, true), false)
}

fn list(item: ObjectBuilder) -> ArrayBuilder {
    ArrayBuilder::new().items(item)
}

/// Email addresses; blank ones are skipped.
pub(crate) fn emails() -> ArrayBuilder {
    list(email_or_blank())
}

/// Phone numbers; blank ones are skipped.
pub(crate) fn phones() -> ArrayBuilder {
    list(phone_or_blank())
}

/// Web addresses; blank ones are skipped.
pub(crate) fn links() -> ArrayBuilder {
    list(web_address_or_blank())
}

/// The answers to the five questions they may ask you, in order.
pub(crate) fn answers() -> ArrayBuilder {
    ArrayBuilder::new().items(long_text()).max_items(Some(5))
}

/// Tags, one line each; blank ones and repeats are skipped.
pub(crate) fn tags() -> ArrayBuilder {
    list(line_or_empty())
}

fn notes_by<T: Named>(note: fn() -> ObjectBuilder) -> ObjectBuilder {
    T::all()
        .iter()
        .fold(ObjectBuilder::new().schema_type(Type::Object), |o, s| {
            o.property(s.name(), note())
        })
        .additional_properties(Some(AdditionalProperties::FreeForm(false)))
}

/// Research notes by source: at most one note per source the list names
/// (an empty note is none).
pub(crate) fn research<T: Named>() -> ObjectBuilder {
    notes_by::<T>(long_text)
}

/// Like [`research`], with one line per source.
pub(crate) fn research_lines<T: Named>() -> ObjectBuilder {
    notes_by::<T>(line_or_empty)
}

/// An O*NET-SOC code, `15-1252.00` or `15-1252`, or blank.
pub(crate) fn onet_code_or_blank() -> ObjectBuilder {
    text(trimmed(r"[0-9]{2}-[0-9]{4}(?:\.[0-9]{2})?", true), false)
}

/// A local date and time as the forms read it, `2026-12-08 10:00` (or with
/// a `T`, or with seconds), or empty.
pub(crate) fn local_time() -> ObjectBuilder {
    let time = r"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?";
    text(
        trimmed(&format!("{}[ T]{time}", date_pattern()), true),
        false,
    )
    .examples(["2026-12-08 10:00"])
}

/// Up to three local times to offer; blank ones are skipped.
pub(crate) fn offered_times() -> ArrayBuilder {
    ArrayBuilder::new()
        .items(local_time())
        .max_items(Some(rapport_core::proposed_times::MAX))
}

/// A date, `2026-03-15`, or empty, or null.
pub(crate) fn date_or_null() -> ObjectBuilder {
    text(format!("^(?:{})?$", date_pattern()), true).examples(["2026-03-15"])
}

/// An IANA zone name, or empty for the profile's zone.
pub(crate) fn zone_or_empty() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(
            std::iter::once("").chain(rapport_core::validated::TimeZone::names()),
        ))
}

/// Whole numbers as JSON writes them, `21` or `21.0` (the same number).
pub(crate) mod whole {
    use serde::de::{Deserialize, Deserializer, Error as _};

    fn read<'de, D: Deserializer<'de>, T: TryFrom<u64>>(
        n: serde_json::Number,
    ) -> Result<T, D::Error> {
        let value = n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= u64::MAX as f64)
                .map(|f| f as u64)
        });
        value
            .and_then(|v| T::try_from(v).ok())
            .ok_or_else(|| D::Error::custom(format!("{n} is not a whole number in range")))
    }

    /// A required whole number.
    pub(crate) fn required<'de, D: Deserializer<'de>, T: TryFrom<u64>>(
        d: D,
    ) -> Result<T, D::Error> {
        read::<D, T>(serde_json::Number::deserialize(d)?)
    }

    /// A whole number or null.
    pub(crate) fn optional<'de, D: Deserializer<'de>, T: TryFrom<u64>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        Option::<serde_json::Number>::deserialize(d)?
            .map(read::<D, T>)
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapport_core::validated::{Email, Phone, WebUrl, long_text as long, optional_line};

    /// The description's pattern, read by a Rust engine (`\w` there is
    /// ASCII, so the cases below keep to ASCII where it matters).
    fn pattern(schema: ObjectBuilder) -> regex_lite::Regex {
        let json = serde_json::to_value(schema.build()).unwrap();
        let p = json["pattern"].as_str().unwrap().to_owned();
        regex_lite::Regex::new(&p).unwrap()
    }

    fn agree(schema: ObjectBuilder, check: impl Fn(&str) -> bool, cases: &[&str]) {
        let re = pattern(schema);
        for case in cases {
            assert_eq!(
                re.is_match(case),
                check(case),
                "the description and the check differ on {case:?}"
            );
        }
    }

    #[test]
    fn the_date_pattern_takes_the_days_the_forms_take() {
        agree(
            date_or_null(),
            |s| rapport_core::people::optional_date("d", s).is_ok(),
            &[
                "",
                "2026-03-15",
                "2024-02-29",
                "2000-02-29",
                "1900-02-29",
                "2100-02-29",
                "2026-02-29",
                "2026-04-31",
                "2026-13-01",
                "1899-12-31",
                "2200-12-31",
                "2201-01-01",
                "15.03.2026",
            ],
        );
    }

    #[test]
    fn the_time_pattern_takes_the_times_the_forms_take() {
        let utc = rapport_core::validated::TimeZone::utc();
        agree(
            local_time(),
            |s| s.trim().is_empty() || rapport_core::schedule::local_to_utc("t", s, utc).is_ok(),
            &[
                "",
                " ",
                "2026-12-08 10:00",
                "2026-12-08T10:00",
                "2026-12-08 10:00:59",
                " 2026-12-08 10:00 ",
                "2026-12-08 24:00",
                "2026-12-08 10:60",
                "2026-02-30 10:00",
                "2026-12-08",
                "tomorrow",
                "2300-01-01 10:00",
            ],
        );
    }

    #[test]
    fn the_line_patterns_take_the_lines_the_forms_take() {
        let long_line = "x".repeat(200);
        let too_long = "x".repeat(201);
        let cases = [
            "",
            " ",
            "Acme",
            "  Acme  ",
            "a b",
            "tab\tinside",
            "line\nbreak",
            "\tedge\n",
            "nul\u{0}",
            "\u{85}",
            long_line.as_str(),
            too_long.as_str(),
        ];
        agree(line_or_empty(), |s| optional_line("f", s).is_ok(), &cases);
        agree(
            line(),
            |s| rapport_core::validated::required_line("f", s).is_ok(),
            &cases,
        );
        agree(
            written_text(),
            |s| !s.trim().is_empty() && long("f", s).is_ok(),
            &["", " \n ", "Dear {{name}},", "  two\nlines  ", "nul\u{0}"],
        );
        agree(
            long_text(),
            |s| long("f", s).is_ok(),
            &[
                "",
                "two\nlines",
                "tab\there",
                "cr\r\nlf",
                "nul\u{0}",
                "bell\u{7}",
                "c1\u{9c}",
            ],
        );
    }

    #[test]
    fn the_onet_pattern_takes_the_codes_the_form_takes() {
        agree(
            onet_code_or_blank(),
            |s| rapport_core::fields::onet_code(s).is_ok(),
            &[
                "",
                " ",
                "15-1252.00",
                "15-1252",
                " 15-1252 ",
                "15-12",
                "151252.00",
                "15-1252.0",
                "ab-cdef.gh",
                "15-1252.000",
            ],
        );
    }

    #[test]
    fn the_contact_patterns_take_what_the_forms_take() {
        let blank_or = |ok: bool, s: &str| s.trim().is_empty() || ok;
        agree(
            email_or_blank(),
            |s| blank_or(Email::parse("e", s).is_ok(), s),
            &[
                "",
                " ",
                "ana@example.org",
                " ana@example.org ",
                "ana@example",
                "@example.org",
                "ana@@example.org",
                "ana@-x.org",
                "ana@x-.org",
                "ana@x..org",
                "a.b-c@x.y.z",
                "ana@example.org?bcc=x",
                "an a@example.org",
                "ana@exa_mple.org",
            ],
        );
        agree(
            phone_or_blank(),
            |s| blank_or(Phone::parse("p", s).is_ok(), s),
            &[
                "",
                "555 1234",
                "555123",
                "+1 (503) 555-0100",
                "++15035550100",
                "1234567890123456",
                " 503.555.0100 ",
                "+ 503 555 0100",
                "503-555-0100 ext 2",
                "123456789012345",
            ],
        );
        agree(
            web_address_or_blank(),
            |s| blank_or(WebUrl::parse("l", s).is_ok(), s),
            &[
                "",
                "example.org",
                "https://example.org/a?b#c",
                "http://localhost:8080/x",
                "localhost",
                "ftp://example.org",
                "HTTPS://example.org",
                "https://.example.org",
                "https://example.org.",
                "https://user:pw@example.org",
                "https://a@b@example.org/",
                "example",
                "exa mple.org",
                "https://ex_ample.org",
                "https://example.org:80",
                "example.org/x://y",
                "https://",
                "a-b.c-d",
                "https://[a@example.org",
                "https://a]@example.org/",
                "https://example.org:8x",
                "https://example.org:/",
                "https://ü@example.org",
                "https://example.org/[x]",
            ],
        );
    }
}
