//! Search across everything of the account, with the matched words marked.

use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use rapport_store::search::{self, MARK_END, MARK_START};

pub(crate) struct Result_ {
    href: String,
    kind: &'static str,
    label: String,
    /// Escaped text with `<mark>` around the matched words.
    snippet_html: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "search/results.html")]
pub(crate) struct SearchPage {
    active: &'static str,
    query: String,
    results: Vec<Result_>,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct SearchQuery {
    #[serde(default)]
    q: String,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            MARK_START => out.push_str("<mark>"),
            MARK_END => out.push_str("</mark>"),
            c => out.push(c),
        }
    }
    out
}

fn place(kind: &str, id: &str) -> (String, &'static str) {
    match kind {
        "person" => (format!("/people/{id}"), "Person"),
        "organization" => (format!("/organizations/{id}"), "Organization"),
        "field" => (format!("/fields/{id}"), "Field"),
        "interview" => (format!("/interviews/{id}"), "Interview"),
        "contact" => (format!("/contacts/{id}"), "Letter or contact"),
        _ => ("/conversations".to_owned(), "Conversation"),
    }
}

pub(crate) async fn show(
    student: Student,
    Query(q): Query<SearchQuery>,
) -> Result<SearchPage, AppError> {
    let hits = search::search(&student.db, &student.account, &q.q, 50).await?;
    Ok(SearchPage {
        active: "",
        query: q.q.trim().to_owned(),
        results: hits
            .into_iter()
            .map(|h| {
                let (href, kind) = place(&h.kind, &h.id);
                Result_ {
                    href,
                    kind,
                    label: h.label,
                    snippet_html: escape(&h.snippet),
                }
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn snippets_are_escaped_and_marked() {
        assert_eq!(
            super::escape("<b>Ada</b> ⟦Lovelace⟧ & co"),
            "&lt;b&gt;Ada&lt;/b&gt; <mark>Lovelace</mark> &amp; co"
        );
    }
}
