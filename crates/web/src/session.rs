//! The session cookie of server mode: reading it into the request's signed-in
//! account, and writing it at sign-in. The cookie is `HttpOnly` and
//! `SameSite=Lax`; over TLS (the trusted proxy says so) it is also `Secure`
//! and named with the `__Host-` prefix, which browsers keep to this exact
//! host and path.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use rapport_store::sessions::{self, SignedIn};

/// The cookie's name over TLS.
pub const SECURE_NAME: &str = "__Host-rapport";
/// The cookie's name over plain HTTP (a trial on one machine).
pub const PLAIN_NAME: &str = "rapport";

/// The session token of the request's cookie, if it has exactly one. Over
/// TLS only the `__Host-` cookie counts: a plain `rapport` cookie could have
/// been planted by a sibling domain or an `http://` answer to sign the
/// browser into someone else's session. Two session cookies count as none.
pub(crate) fn token(headers: &HeaderMap, secure: bool) -> Option<String> {
    let wanted = if secure { SECURE_NAME } else { PLAIN_NAME };
    let mut found = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| *name == wanted)
        .map(|(_, value)| value.trim().to_owned());
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// A `Set-Cookie` value holding `token`, or clearing the cookie when `None`.
pub(crate) fn cookie(token: Option<&str>, secure: bool) -> HeaderValue {
    let name = if secure { SECURE_NAME } else { PLAIN_NAME };
    let tail = if secure { "; Secure" } else { "" };
    let value = match token {
        Some(token) => format!(
            "{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{tail}",
            sessions::ABSOLUTE.num_seconds()
        ),
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{tail}"),
    };
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Puts the signed-in account of a live session into the request (server
/// mode only). A request without one goes on signed out; the access table
/// decides what it may see.
pub(crate) async fn load(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let secure = crate::client::secure(&state, request.headers(), request.extensions());
    if state.server_mode().is_some()
        && let Some(token) = token(request.headers(), secure)
    {
        match sessions::find(&state.db, &token, state.now()).await {
            Ok(Some(signed_in)) => {
                request.extensions_mut().insert(signed_in);
            }
            Ok(None) => {}
            Err(e) => {
                tracing::error!(error = %e, "session lookup failed");
                return axum::response::IntoResponse::into_response(
                    crate::error::AppError::Unavailable,
                );
            }
        }
    }
    next.run(request).await
}

/// The signed-in account of a request, if any.
pub(crate) fn signed_in(extensions: &axum::http::Extensions) -> Option<&SignedIn> {
    extensions.get::<SignedIn>()
}

/// A request of any signed-in account (server mode), for the pages about
/// the account itself: its sessions, its password, its deletion.
pub(crate) struct Me {
    pub(crate) db: rapport_store::Db,
    pub(crate) signed_in: SignedIn,
    /// Whether the request came over TLS (the cookie's attributes).
    pub(crate) secure: bool,
    /// The client's address (the rate limit of password checks).
    pub(crate) address: String,
    pub(crate) zone: rapport_core::validated::TimeZone,
    clock: std::sync::Arc<dyn rapport_core::clock::Clock>,
}

impl Me {
    pub(crate) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}

impl axum::extract::FromRequestParts<AppState> for Me {
    type Rejection = crate::error::AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let signed_in = state
            .server_mode()
            .and(signed_in(&parts.extensions).cloned())
            .ok_or(crate::error::AppError::SignIn)?;
        let zone = signed_in.time_zone.unwrap_or(state.zone);
        Ok(Me {
            db: state.db.clone(),
            signed_in,
            secure: crate::client::secure(state, &parts.headers, &parts.extensions),
            address: crate::client::address(state, &parts.headers, &parts.extensions),
            zone,
            clock: std::sync::Arc::clone(&state.clock),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(cookies: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for c in cookies {
            h.append(header::COOKIE, HeaderValue::from_str(c).expect("ascii"));
        }
        h
    }

    #[test]
    fn over_tls_only_the_host_cookie_counts_and_two_count_as_none() {
        let plain = headers(&["theme=dark; rapport=abc"]);
        assert_eq!(token(&plain, false).as_deref(), Some("abc"));
        assert_eq!(
            token(&plain, true),
            None,
            "a planted plain cookie is ignored over TLS"
        );
        let secure = headers(&["__Host-rapport=def"]);
        assert_eq!(token(&secure, true).as_deref(), Some("def"));
        let two = headers(&["rapport=abc", "rapport=xyz"]);
        assert_eq!(token(&two, false), None);
    }
}
