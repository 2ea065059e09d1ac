//! LinkedIn `Connections.csv`: an optional "Notes:" preamble, then
//! `First Name,Last Name,URL,Email Address,Company,Position,Connected On`.

use super::csv::{each_record, find_header};
use super::{Parsed, Raw};
use chrono::NaiveDate;

/// `15 Mar 2024` (and `15-Mar-24`, `2024-03-15`) as `2024-03-15`.
fn connected_on(raw: &str) -> Result<String, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    ["%d %b %Y", "%d-%b-%y", "%d-%b-%Y", "%Y-%m-%d", "%m/%d/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        .map(|d| d.to_string())
        .ok_or_else(|| format!("connected on: \"{s}\" is not a date"))
}

pub(super) fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let Some((start, header)) = find_header(text, &["First Name", "Last Name"]) else {
        parsed.reject(
            1,
            "no header line starting with \"First Name,Last Name\" was found",
        );
        return parsed;
    };
    let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (first, last, url, email, company, position, connected) = (
        col("First Name"),
        col("Last Name"),
        col("URL"),
        col("Email Address"),
        col("Company"),
        col("Position"),
        col("Connected On"),
    );
    each_record(text, start, &header, &mut parsed, |parsed, line, fields| {
        let get = |i: Option<usize>| {
            i.and_then(|i| fields.get(i))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default()
        };
        let date = match connected_on(&get(connected)) {
            Ok(d) => d,
            Err(reason) => {
                parsed.reject(line, reason);
                return;
            }
        };
        let name = format!("{} {}", get(first), get(last)).trim().to_owned();
        parsed.push(Raw {
            line,
            name,
            organization: get(company),
            title: get(position),
            emails: vec![get(email)]
                .into_iter()
                .filter(|e| !e.is_empty())
                .collect(),
            links: vec![get(url)]
                .into_iter()
                .filter(|u| !u.is_empty())
                .collect(),
            tags: vec!["linkedin".into()],
            connected_on: date,
            ..Raw::default()
        });
    });
    parsed
}
