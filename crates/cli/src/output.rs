//! Tables for people, JSON for scripts.

use anyhow::Result;
use rapport_core::validated::TimeZone;
use serde::Serialize;

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
}

impl Output {
    /// Prints `value` as JSON, or `human()` as text.
    pub fn print<T: Serialize>(self, value: &T, human: impl FnOnce() -> String) -> Result<()> {
        if self.json {
            println!("{}", serde_json::to_string_pretty(value)?);
        } else {
            let text = human();
            if !text.is_empty() {
                println!("{}", text.trim_end());
            }
        }
        Ok(())
    }
}

/// A plain text table whose columns fit their widest cell.
pub fn table(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .into_iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    let mut out = vec![line(headers.iter().map(|h| h.to_uppercase()).collect())];
    out.extend(rows.into_iter().map(line));
    out.join("\n")
}

/// `key: value` lines for one record, skipping empty values.
pub fn details(pairs: Vec<(&str, String)>) -> String {
    let width = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    pairs
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            format!(
                "{k:>width$}  {}",
                v.replace('\n', &format!("\n{:width$}  ", ""))
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn yes(flag: bool) -> String {
    if flag { "yes".into() } else { "no".into() }
}

pub fn when(at: Option<chrono::DateTime<chrono::Utc>>, zone: TimeZone) -> String {
    at.map(|t| rapport_core::schedule::format_local(t, zone))
        .unwrap_or_default()
}

/// The empty-list message, only for people reading tables.
pub fn or_empty(text: String, rows: usize, empty: &str) -> String {
    if rows == 0 { empty.to_owned() } else { text }
}
