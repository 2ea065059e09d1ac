//! Pieces several pages share.

use super::form::FormData;
use crate::error::AppError;
use crate::student::Student;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_store::{Page, organizations, people};

/// One choice of a `<select>`.
pub(crate) struct Choice {
    pub(crate) value: String,
    pub(crate) label: String,
    pub(crate) selected: bool,
}

impl Choice {
    pub(crate) fn new(value: impl Into<String>, label: impl Into<String>, selected: bool) -> Self {
        Self {
            value: value.into(),
            label: label.into(),
            selected,
        }
    }
}

/// The most rows a choice list offers.
pub(crate) const CHOICES: Page = Page {
    limit: 500,
    offset: 0,
};

/// Organizations to choose from, with `current` selected.
pub(crate) async fn organization_choices(
    student: &Student,
    current: Option<&str>,
) -> Result<Vec<Choice>, AppError> {
    let orgs = organizations::list(&student.db, &student.account, None, CHOICES).await?;
    Ok(orgs
        .into_iter()
        .map(|o| {
            let selected = current == Some(o.id.as_str());
            Choice::new(o.id, o.name, selected)
        })
        .collect())
}

/// People to choose from, with `current` selected and `except` left out.
pub(crate) async fn person_choices(
    student: &Student,
    current: Option<&str>,
    except: Option<&str>,
) -> Result<Vec<Choice>, AppError> {
    let filter = people::Filter {
        page: CHOICES,
        ..people::Filter::default()
    };
    let list = people::list(&student.db, &student.account, &filter).await?;
    Ok(list
        .into_iter()
        .filter(|p| Some(p.id.as_str()) != except)
        .map(|p| {
            let selected = current == Some(p.id.as_str());
            let label = match &p.organization {
                Some(o) => format!("{} ({})", p.name, o.name),
                None => p.name.clone(),
            };
            Choice::new(p.id, label, selected)
        })
        .collect())
}

/// After a successful post: go to `to` (303, so a reload does not post again).
pub(crate) fn see_other(to: &str) -> Redirect {
    Redirect::to(to)
}

/// A page number from the query string, 1-based.
#[derive(serde::Deserialize, Default)]
pub(crate) struct ListQuery {
    #[serde(default)]
    pub(crate) q: String,
    #[serde(default)]
    pub(crate) page: Option<u32>,
}

/// Rows per page of a list.
pub(crate) const PER_PAGE: u32 = 50;

impl ListQuery {
    pub(crate) fn page(&self) -> Page {
        Page {
            limit: PER_PAGE + 1,
            offset: (self.page.unwrap_or(1).max(1) - 1) * PER_PAGE,
        }
    }

    pub(crate) fn number(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }

    pub(crate) fn search(&self) -> Option<&str> {
        Some(self.q.trim()).filter(|q| !q.is_empty())
    }
}

/// Trims a fetched page of `PER_PAGE + 1` rows and says whether more follow.
pub(crate) fn paginate<T>(mut rows: Vec<T>) -> (Vec<T>, bool) {
    let more = rows.len() > PER_PAGE as usize;
    rows.truncate(PER_PAGE as usize);
    (rows, more)
}

/// A list read by cursor (keyset): the page after, or before, a row's id.
#[derive(serde::Deserialize, Default)]
pub(crate) struct CursorQuery {
    #[serde(default)]
    pub(crate) q: String,
    pub(crate) after: Option<String>,
    pub(crate) before: Option<String>,
}

impl CursorQuery {
    /// One row more than a page, to see whether another page follows.
    pub(crate) fn page(&self) -> Page {
        Page {
            limit: PER_PAGE + 1,
            offset: 0,
        }
    }

    pub(crate) fn search(&self) -> Option<&str> {
        Some(self.q.trim()).filter(|q| !q.is_empty())
    }

    fn cursor(raw: &Option<String>) -> Option<String> {
        raw.as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
    }

    pub(crate) fn after(&self) -> Option<String> {
        Self::cursor(&self.after)
    }

    /// Only when no `after` is given: one cursor at a time.
    pub(crate) fn before(&self) -> Option<String> {
        self.after()
            .is_none()
            .then(|| Self::cursor(&self.before))
            .flatten()
    }
}

/// Links to the pages around a page read by cursor.
pub(crate) struct Cursor {
    pub(crate) query: String,
    /// The id to read the previous page before.
    pub(crate) prev: Option<String>,
    /// The id to read the next page after.
    pub(crate) next: Option<String>,
}

/// Trims `rows` (read with `query.page()`, in list order) to a page and
/// makes the links around it.
pub(crate) fn cursor_page<T>(
    mut rows: Vec<T>,
    query: &CursorQuery,
    id: impl Fn(&T) -> &str,
) -> (Vec<T>, Cursor) {
    let full = rows.len() > PER_PAGE as usize;
    let backwards = query.before().is_some();
    if full {
        if backwards {
            rows.remove(0);
        } else {
            rows.truncate(PER_PAGE as usize);
        }
    }
    let first = rows.first().map(|r| id(r).to_owned());
    let last = rows.last().map(|r| id(r).to_owned());
    let cursor = Cursor {
        query: query.q.trim().to_owned(),
        prev: if backwards {
            first.filter(|_| full)
        } else {
            first.filter(|_| query.after().is_some())
        },
        next: if backwards {
            last
        } else {
            last.filter(|_| full)
        },
    };
    (rows, cursor)
}

/// Pagination links: the page number and whether there are pages around it.
pub(crate) struct Pager {
    pub(crate) number: u32,
    pub(crate) more: bool,
    pub(crate) query: String,
}

impl Pager {
    pub(crate) fn new(query: &ListQuery, more: bool) -> Self {
        Self {
            number: query.number(),
            more,
            query: query.q.trim().to_owned(),
        }
    }

    pub(crate) fn prev(&self) -> u32 {
        self.number.saturating_sub(1)
    }

    pub(crate) fn next(&self) -> u32 {
        self.number + 1
    }
}

/// A form shown again with its errors beside the fields.
pub(crate) fn invalid(page: impl IntoResponse) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

/// One research source on a form, and the note typed for it.
pub(crate) struct ResearchField {
    pub(crate) name: String,
    pub(crate) label: &'static str,
    pub(crate) note: String,
}

/// The research inputs of a form, one per `(stored name, label)` source,
/// filled with the `notes` already written.
pub(crate) fn research_fields(
    sources: impl IntoIterator<Item = (&'static str, &'static str)>,
    notes: &[(String, String)],
) -> Vec<ResearchField> {
    sources
        .into_iter()
        .map(|(source, label)| ResearchField {
            name: format!("research_{source}"),
            label,
            note: notes
                .iter()
                .find(|(s, _)| s == source)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
        })
        .collect()
}

/// The research notes typed on a form, blank ones left out.
pub(crate) fn read_research(
    data: &FormData,
    sources: impl IntoIterator<Item = &'static str>,
) -> Vec<(String, String)> {
    sources
        .into_iter()
        .map(|s| (s.to_owned(), data.get(&format!("research_{s}"))))
        .filter(|(_, note)| !note.trim().is_empty())
        .collect()
}
