//! A CSV reader (RFC 4180, CRLF, LF or a lone CR) that recovers from a broken record.
//!
//! A general-purpose reader treats an unbalanced quote as the start of one
//! long field and swallows every later row. This one reads record by record
//! and gives up on a record, not on the file: a quoted field may span lines,
//! but if it never closes, runs past [`MAX_LINES`] lines, or is followed by
//! anything but a comma or the end of the line, the record is reported as
//! broken and reading resumes on the next physical line.

/// The most physical lines one record may span.
const MAX_LINES: usize = 20;

/// One record: its first line (1-based) and its fields, or why it is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub line: usize,
    pub fields: Result<Vec<String>, String>,
}

/// Physical lines without their line endings.
fn physical_lines(text: &str) -> Vec<&str> {
    super::lines(text)
}

/// Reads one record starting at `lines[start]`; returns its fields and how
/// many physical lines it used.
fn record(lines: &[&str], start: usize) -> Result<(Vec<String>, usize), String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut used = 1;
    let mut line = lines[start];
    let mut chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut at_field_start = true;
    loop {
        if i >= chars.len() {
            fields.push(std::mem::take(&mut field));
            return Ok((fields, used));
        }
        let c = chars[i];
        if at_field_start && c == '"' {
            // A quoted field: read to its closing quote, across lines if need be.
            i += 1;
            loop {
                if i >= chars.len() {
                    if used >= MAX_LINES || start + used >= lines.len() {
                        return Err("a quoted field is never closed (an unbalanced quote)".into());
                    }
                    field.push('\n');
                    line = lines[start + used];
                    used += 1;
                    chars = line.chars().collect();
                    i = 0;
                    continue;
                }
                if chars[i] == '"' {
                    if chars.get(i + 1) == Some(&'"') {
                        field.push('"');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                field.push(chars[i]);
                i += 1;
            }
            match chars.get(i) {
                None => {}
                Some(',') => {}
                Some(other) => {
                    return Err(format!(
                        "unexpected \"{other}\" after a closing quote (an unbalanced quote)"
                    ));
                }
            }
            at_field_start = false;
            continue;
        }
        if c == ',' {
            fields.push(std::mem::take(&mut field));
            at_field_start = true;
            i += 1;
            continue;
        }
        field.push(c);
        at_field_start = false;
        i += 1;
    }
}

/// Every record from `lines[from..]`; blank lines are skipped. `width` is the
/// header's number of fields: a record spanning several lines whose width
/// differs is taken for a broken quote, and only its first line is lost.
pub(crate) fn rows(text: &str, from: usize, width: usize) -> Vec<Row> {
    let lines = physical_lines(text);
    let mut out = Vec::new();
    let mut i = from;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        match record(&lines, i) {
            Ok((fields, used)) if used > 1 && fields.len() != width => {
                out.push(Row {
                    line: i + 1,
                    fields: Err(
                        "a quoted field runs into the next lines (an unbalanced quote)".into(),
                    ),
                });
                i += 1;
            }
            Ok((fields, used)) => {
                out.push(Row {
                    line: i + 1,
                    fields: Ok(fields),
                });
                i += used;
            }
            Err(reason) => {
                out.push(Row {
                    line: i + 1,
                    fields: Err(reason),
                });
                i += 1;
            }
        }
    }
    out
}

/// Calls `each(line, fields)` for every well-formed record after the header;
/// broken records and records whose width differs from the header's are
/// reported in `parsed` with their line.
pub(crate) fn each_record(
    text: &str,
    start: usize,
    header: &[String],
    parsed: &mut super::Parsed,
    mut each: impl FnMut(&mut super::Parsed, usize, Vec<String>),
) {
    for row in rows(text, start, header.len()) {
        match row.fields {
            Err(reason) => parsed.reject(row.line, reason),
            Ok(fields) if fields.len() != header.len() => parsed.reject(
                row.line,
                format!(
                    "has {} fields where the header has {}",
                    fields.len(),
                    header.len()
                ),
            ),
            Ok(fields) => each(parsed, row.line, fields),
        }
    }
}

/// The index of the first line whose fields begin with `first` (the header),
/// and its fields. Anything before it (a "Notes:" preamble) is skipped.
pub(crate) fn find_header(text: &str, first: &[&str]) -> Option<(usize, Vec<String>)> {
    let lines = physical_lines(text);
    lines.iter().enumerate().take(200).find_map(|(i, _)| {
        let (fields, used) = record(&lines, i).ok()?;
        let fields: Vec<String> = fields.into_iter().map(|f| f.trim().to_owned()).collect();
        let matches = fields.len() >= first.len()
            && first
                .iter()
                .zip(&fields)
                .all(|(a, b)| a.eq_ignore_ascii_case(b));
        matches.then_some((i + used, fields))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_commas_doubled_quotes_and_multiline_fields() {
        let text = "a,\"b, c\",\"say \"\"hi\"\"\"\r\nd,\"two\nlines\",f\r\n";
        let rows = rows(text, 0, 3);
        assert_eq!(
            rows[0].fields,
            Ok(vec!["a".into(), "b, c".into(), "say \"hi\"".into()])
        );
        assert_eq!(
            rows[1].fields,
            Ok(vec!["d".into(), "two\nlines".into(), "f".into()])
        );
        assert_eq!(rows[1].line, 2);
    }

    #[test]
    fn an_unbalanced_quote_costs_one_record() {
        let text = "a,b,c\n\"broken,b,c\nd,e,f\ng,\"h, i\",j\nk,l,m\n";
        let got = rows(text, 0, 3);
        let good: Vec<&Vec<String>> = got.iter().filter_map(|r| r.fields.as_ref().ok()).collect();
        assert_eq!(good.len(), 4, "{got:?}");
        let bad: Vec<usize> = got
            .iter()
            .filter(|r| r.fields.is_err())
            .map(|r| r.line)
            .collect();
        assert_eq!(bad, vec![2]);
    }

    #[test]
    fn the_header_is_found_after_a_preamble() {
        let text = "Notes:\n\"When exporting, some emails may be missing.\"\n\nFirst Name,Last Name,URL\nAda,Lovelace,x\n";
        let (next, header) = find_header(text, &["First Name", "Last Name"]).unwrap();
        assert_eq!(header, vec!["First Name", "Last Name", "URL"]);
        assert_eq!(next, 4);
    }
}
