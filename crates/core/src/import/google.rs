//! Google Contacts CSV, current headers (`First Name,Middle Name,Last Name,…,
//! Organization Name,Organization Title,…,E-mail 1 - Label,E-mail 1 - Value`)
//! and legacy ones (`Name,Given Name,…,E-mail 1 - Type,E-mail 1 - Value`),
//! with any number of numbered groups. Several values in one cell are
//! separated by ` ::: `.

use super::csv::{each_record, find_header};
use super::{Parsed, Raw, source_from_label};

fn split_values(cell: &str) -> impl Iterator<Item = String> + '_ {
    cell.split(":::")
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

pub(super) fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let header =
        find_header(text, &["First Name"]).or_else(|| find_header(text, &["Name", "Given Name"]));
    let Some((start, header)) = header else {
        parsed.reject(
            1,
            "no Google Contacts header (\"First Name,…\" or \"Name,Given Name,…\") was found",
        );
        return parsed;
    };
    let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    // Numbered groups: "E-mail 3 - Value", "Phone 1 - Value", "Website 2 - Value".
    let numbered = |prefix: &str| -> Vec<usize> {
        header
            .iter()
            .enumerate()
            .filter(|(_, h)| {
                h.strip_prefix(prefix)
                    .and_then(|rest| rest.trim_start().split_once(' '))
                    .is_some_and(|(n, tail)| {
                        n.chars().all(|c| c.is_ascii_digit()) && tail.trim() == "- Value"
                    })
            })
            .map(|(i, _)| i)
            .collect()
    };
    let emails = numbered("E-mail");
    let phones = numbered("Phone");
    let websites = numbered("Website");
    let first_of = |names: &[&str]| names.iter().find_map(|n| col(n));
    let (given, middle, family, full) = (
        first_of(&["First Name", "Given Name"]),
        first_of(&["Middle Name", "Additional Name"]),
        first_of(&["Last Name", "Family Name"]),
        col("Name"),
    );
    let org = first_of(&["Organization Name", "Organization 1 - Name"]);
    let title = first_of(&["Organization Title", "Organization 1 - Title"]);
    let notes = col("Notes");
    let labels = first_of(&["Labels", "Group Membership"]);
    each_record(text, start, &header, &mut parsed, |parsed, line, fields| {
        let get = |i: Option<usize>| {
            i.and_then(|i| fields.get(i))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default()
        };
        let all = |cols: &[usize]| -> Vec<String> {
            cols.iter()
                .flat_map(|c| split_values(&fields[*c]).collect::<Vec<_>>())
                .collect()
        };
        let parts = [get(given), get(middle), get(family)];
        let joined = parts
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        let name = if joined.is_empty() { get(full) } else { joined };
        let label_cell = get(labels);
        let label_names: Vec<String> = split_values(&label_cell)
            .map(|l| l.trim_start_matches('*').trim().to_owned())
            .filter(|l| !l.is_empty() && !l.eq_ignore_ascii_case("myContacts"))
            .collect();
        parsed.push(Raw {
            line,
            name,
            organization: get(org),
            title: get(title),
            emails: all(&emails),
            phones: all(&phones),
            links: all(&websites),
            notes: get(notes),
            source: label_names.iter().find_map(|l| source_from_label(l)),
            tags: label_names,
            ..Raw::default()
        });
    });
    parsed
}
