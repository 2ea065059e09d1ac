//! vCard 2.1, 3.0 and 4.0. Cards are split on their own `BEGIN:VCARD` and
//! `END:VCARD` lines first, so a card without its `END` costs that card only.
//! Handles folded lines, `itemN.` groups, `CHARSET` and `QUOTED-PRINTABLE`
//! with soft line breaks, escaped `\,` `\;` `\n`, years left out of `BDAY`,
//! base64 photos (skipped) and `TEL;VALUE=uri:tel:…`.

use super::{Parsed, Raw, source_from_label};

/// One property: name (group dropped, upper case), parameters, raw value.
struct Property {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

impl Property {
    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn quoted_printable(&self) -> bool {
        self.params.iter().any(|(k, v)| {
            (k == "ENCODING" && v.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
                || k == "QUOTED-PRINTABLE"
        })
    }
}

/// `[group.]NAME[;PARAM=VALUE…]:value` (2.1 bare parameters such as `;WORK`
/// or `;QUOTED-PRINTABLE` are kept with an empty value).
fn property(line: &str) -> Option<Property> {
    let mut in_quotes = false;
    let colon = line.char_indices().find(|(_, c)| {
        if *c == '"' {
            in_quotes = !in_quotes;
        }
        *c == ':' && !in_quotes
    })?;
    let (head, value) = (&line[..colon.0], &line[colon.0 + 1..]);
    let mut parts = head.split(';');
    let name = parts
        .next()?
        .rsplit('.')
        .next()?
        .trim()
        .to_ascii_uppercase();
    if name.is_empty() {
        return None;
    }
    let params = parts
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (
                k.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_owned(),
            ),
            None => (p.trim().to_ascii_uppercase(), String::new()),
        })
        .collect();
    Some(Property {
        name,
        params,
        value: value.to_owned(),
    })
}

fn decode_quoted_printable(value: &str) -> Vec<u8> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Bytes in the card's charset: UTF-8 when it is valid, else Latin-1.
fn to_text(bytes: &[u8], charset: Option<&str>) -> String {
    let latin1 = charset.is_some_and(|c| {
        let c = c.to_ascii_uppercase();
        c.contains("8859-1") || c.contains("LATIN1") || c.contains("1252")
    });
    match (latin1, std::str::from_utf8(bytes)) {
        (false, Ok(s)) => s.to_owned(),
        _ => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}

/// Undoes `\,` `\;` `\n` `\\` escaping.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a structured value on unescaped `;`.
fn components(value: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            current.push('\\');
            current.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ';' {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .map(|p| unescape(&p).trim().to_owned())
        .collect()
}

/// Turns one card's lines into a record, or a reason.
fn card(lines: &[&str], first_line: usize) -> Result<Raw, String> {
    // Unfold: a line starting with a space or tab continues the previous one;
    // a quoted-printable value ending in "=" continues on the next line.
    let mut logical: Vec<String> = Vec::new();
    // Whether each logical line is quoted-printable, decided once from its
    // head: re-reading a growing line at every soft break would be quadratic.
    let mut quoted_printable = false;
    for line in lines {
        if let Some(rest) = line.strip_prefix(' ').or_else(|| line.strip_prefix('\t'))
            && let Some(last) = logical.last_mut()
        {
            last.push_str(rest);
            continue;
        }
        if quoted_printable
            && let Some(last) = logical.last_mut()
            && last.ends_with('=')
        {
            last.pop();
            last.push_str(line);
            continue;
        }
        let head = line
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        quoted_printable = head.contains("QUOTED-PRINTABLE");
        logical.push((*line).to_owned());
    }
    let mut raw = Raw {
        line: first_line,
        ..Raw::default()
    };
    let mut structured_name = String::new();
    for line in &logical {
        let Some(p) = property(line) else { continue };
        let text = || {
            let charset = p.param("CHARSET");
            if p.quoted_printable() {
                to_text(&decode_quoted_printable(&p.value), charset)
            } else {
                p.value.clone()
            }
        };
        match p.name.as_str() {
            "FN" => raw.name = unescape(&text()).trim().to_owned(),
            "N" => {
                let c = components(&text());
                let get = |i: usize| c.get(i).cloned().unwrap_or_default();
                let parts = [get(3), get(1), get(2), get(0), get(4)];
                structured_name = parts
                    .iter()
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            "ORG" => raw.organization = components(&text()).into_iter().next().unwrap_or_default(),
            "TITLE" => raw.title = unescape(&text()).trim().to_owned(),
            "EMAIL" => raw.emails.push(unescape(&text()).trim().to_owned()),
            "TEL" => {
                let v = unescape(&text());
                let v = v.trim();
                raw.phones
                    .push(v.strip_prefix("tel:").unwrap_or(v).to_owned());
            }
            "URL" => raw.links.push(unescape(&text()).trim().to_owned()),
            "NOTE" => {
                if !raw.notes.is_empty() {
                    raw.notes.push('\n');
                }
                raw.notes.push_str(unescape(&text()).trim());
            }
            "CATEGORIES" => {
                for c in unescape(&text())
                    .split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                {
                    if raw.source.is_none() {
                        raw.source = source_from_label(c);
                    }
                    raw.tags.push(c.to_owned());
                }
            }
            // PHOTO, BDAY, ADR, REV, X-… and the rest are not part of a person here.
            _ => {}
        }
    }
    if raw.name.is_empty() {
        raw.name = structured_name;
    }
    if raw.name.is_empty() {
        return Err("the card has no name (FN or N)".into());
    }
    Ok(raw)
}

pub(super) fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let lines = super::lines(text);
    let mut open: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let upper = line.trim().to_ascii_uppercase();
        if upper == "BEGIN:VCARD" {
            if let Some(start) = open {
                parsed.reject(
                    start + 1,
                    "the card has no END:VCARD before the next card begins",
                );
            }
            open = Some(i);
        } else if upper == "END:VCARD" {
            // A stray END closes nothing: there is no record to lose.
            if let Some(start) = open.take() {
                match card(&lines[start + 1..i], start + 1) {
                    Ok(raw) => parsed.push(raw),
                    Err(reason) => parsed.reject(start + 1, reason),
                }
            }
        }
    }
    if let Some(start) = open {
        parsed.reject(
            start + 1,
            "the card has no END:VCARD before the end of the file",
        );
    }
    parsed
}
