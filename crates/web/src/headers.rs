//! Headers every response carries, in every mode: the page may not be framed
//! by another site (a framed delete button is one click from a loss), no
//! inline script may run even if some text slipped through escaping, and
//! browsers may not guess a download's type or tell other sites where the
//! person was; pages are never cached, and over TLS browsers are told to
//! keep to it (HSTS).

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The policy: only rapport's own files, no plugins, no `<base>`, no
/// framing, forms only to rapport itself.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; object-src 'none'; \
     base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const FIXED: [(HeaderName, &str); 4] = [
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "same-origin"),
    (header::X_FRAME_OPTIONS, "DENY"),
];

/// HSTS for a year, once a browser has reached the server over TLS.
const HSTS: &str = "max-age=31536000; includeSubDomains";

pub(crate) async fn add(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let secure = crate::client::secure(&state, request.headers(), request.extensions());
    let asset = request.uri().path().starts_with("/static/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in FIXED {
        headers.insert(name, HeaderValue::from_static(value));
    }
    // Pages hold a person's private notes: no browser or proxy cache may
    // keep a copy (the back button after signing out shows nothing).
    if !asset && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if secure {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    response
}
