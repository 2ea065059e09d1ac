//! Forged forms, in server mode. Every unsafe request of a signed-in account
//! must carry its session's form token (a hidden `csrf` field, or the
//! `X-CSRF-Token` header for scripts), besides passing the Origin /
//! Sec-Fetch-Site check of [`crate::origin`]. The token is put into every
//! `POST` form of a signed-in page here, as the page leaves, so no template
//! can forget it; the same step writes the account's links into the page.

use crate::error::AppError;
use crate::session::signed_in;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rapport_store::accounts::Kind;

/// The form field that carries the token.
pub const FIELD: &str = "csrf";
/// The header that may carry it instead.
pub const HEADER: &str = "x-csrf-token";
/// The most a checked body may hold: the largest any route accepts.
const MAX_BODY: usize = crate::html::MAX_BODY;
/// Where a page's account links go (in `base.html`).
const ACCOUNT_MARK: &str = "<!--account-->";

fn refused() -> Response {
    AppError::Forbidden(
        "This form is out of date or did not come from your rapport page, so nothing was changed. Go back, reload the page and send it again.",
    )
    .into_response()
}

/// Refuses an unsafe request of a signed-in account without its token, and
/// adds the token and the account links to the pages it gets back.
pub(crate) async fn check(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(me) = state
        .server_mode()
        .and(signed_in(request.extensions()).cloned())
    else {
        return next.run(request).await;
    };
    let api = crate::api::problem::is_api(request.uri().path());
    // A token in the Authorization header is something no other site can
    // make a browser send: the API acts for the token, not the cookie.
    if api
        && request
            .headers()
            .contains_key(axum::http::header::AUTHORIZATION)
    {
        return next.run(request).await;
    }
    let request = if is_safe(request.method()) {
        request
    } else {
        let (parts, body) = request.into_parts();
        let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
            Ok(bytes) => bytes,
            Err(_) => {
                return (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "The form is larger than rapport accepts. Shorten the text and send it again.",
                )
                    .into_response();
            }
        };
        let sent = parts
            .headers
            .get(HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .or_else(|| token_in_body(&parts.headers, &bytes));
        if !sent.is_some_and(|t| same(&t, &me.csrf)) {
            tracing::warn!(method = %parts.method, "form without its session token refused");
            if api {
                return crate::api::problem::refusal(
                    StatusCode::FORBIDDEN,
                    "a change made with the browser's session needs its form token in X-CSRF-Token",
                );
            }
            return refused();
        }
        Request::from_parts(parts, Body::from(bytes))
    };
    let response = next.run(request).await;
    decorate(response, &me.csrf, &me.email, me.kind).await
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The `csrf` field of an urlencoded or multipart body.
fn token_in_body(headers: &axum::http::HeaderMap, body: &Bytes) -> Option<String> {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if kind.starts_with("application/x-www-form-urlencoded") {
        return form_urlencoded_field(body, FIELD);
    }
    let boundary = kind
        .strip_prefix("multipart/form-data")?
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("boundary="))
        .next()?
        .trim_matches('"');
    multipart_field(body, boundary, FIELD)
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// The text of the part named `name` of a multipart body.
fn multipart_field(body: &[u8], boundary: &str, name: &str) -> Option<String> {
    let delimiter = format!("--{boundary}");
    let text = String::from_utf8_lossy(body);
    let wanted = format!("name=\"{name}\"");
    text.split(delimiter.as_str()).find_map(|part| {
        let (head, value) = part.split_once("\r\n\r\n")?;
        let names_it = head.lines().any(|l| {
            l.to_ascii_lowercase().starts_with("content-disposition") && l.contains(&wanted)
        });
        names_it.then(|| {
            value
                .trim_end_matches("\r\n")
                .trim_end_matches("--")
                .to_owned()
        })
    })
}

/// Puts the hidden token into every POST form of an HTML page and the
/// account's links where the layout marks them.
async fn decorate(response: Response, csrf: &str, email: &str, kind: Kind) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return AppError::Unavailable.into_response();
    };
    let page = String::from_utf8_lossy(&bytes);
    let page = page.replacen(ACCOUNT_MARK, &account_links(email, kind), 1);
    let page = with_token(&page, csrf);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    Response::from_parts(parts, Body::from(page))
}

fn account_links(email: &str, kind: Kind) -> String {
    let sharing = if kind == Kind::Student {
        r#"<li><a href="/sharing">Sharing</a></li>"#
    } else {
        ""
    };
    format!(
        r#"<div class="account"><p class="account-email">{}</p><ul>{sharing}<li><a href="/account">Account</a></li></ul><form method="post" action="/sign-out"><button type="submit" class="link">Sign out</button></form></div>"#,
        escape(email)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// `page` with `<input type="hidden" name="csrf" …>` first in every form
/// whose method is POST. Text from people is escaped in pages, so every
/// `<form` here is one of rapport's own tags.
fn with_token(page: &str, csrf: &str) -> String {
    let hidden = format!(r#"<input type="hidden" name="{FIELD}" value="{csrf}">"#);
    let mut out = String::with_capacity(page.len() + 256);
    let mut rest = page;
    while let Some(start) = find_ascii_ci(rest, "<form") {
        let Some(end) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + end + 1];
        out.push_str(&rest[..start + end + 1]);
        if tag.to_ascii_lowercase().contains(r#"method="post""#) {
            out.push_str(&hidden);
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_post_form_gets_the_token_and_no_get_form_does() {
        let page = r#"<form method="get" action="/search"><input name="q"></form>
<FORM class="x" method="POST" action="/people"><input name="name"></FORM>
<form method="post" action="/people/1/delete"></form>"#;
        let out = with_token(page, "abc");
        assert_eq!(out.matches(r#"name="csrf" value="abc""#).count(), 2);
        assert!(out.contains(r#"action="/people"><input type="hidden" name="csrf" value="abc">"#));
        assert!(out.starts_with(r#"<form method="get" action="/search"><input name="q">"#));
    }

    #[test]
    fn the_token_is_read_from_either_kind_of_form_body() {
        assert_eq!(
            form_urlencoded_field(b"name=Ada&csrf=t0k%65n", "csrf").as_deref(),
            Some("t0ken")
        );
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc123\r\n--XyZ\r\n\
Content-Disposition: form-data; name=\"file\"; filename=\"a.vcf\"\r\n\r\nBEGIN:VCARD\r\n--XyZ--\r\n";
        assert_eq!(
            multipart_field(body.as_bytes(), "XyZ", "csrf").as_deref(),
            Some("abc123")
        );
        assert_eq!(multipart_field(body.as_bytes(), "XyZ", "other"), None);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }

    #[test]
    fn the_email_in_the_account_links_is_escaped() {
        let links = account_links("a\"<b>@x.org", Kind::Counselor);
        assert!(links.contains("a&quot;&lt;b&gt;@x.org"));
        assert!(!links.contains("/sharing"), "only students share");
    }
}
