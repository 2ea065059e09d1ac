//! Only rapport's own pages may talk to it. Local mode has no sign-in, so two
//! checks stand in for one:
//! - the `Host` must be a loopback name, for every request: a web page whose
//!   name is re-pointed at 127.0.0.1 (DNS rebinding) would otherwise count
//!   as "same origin" and could read everything;
//! - a form may not be posted from another site.

use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// `127.0.0.1:7878`, `localhost:7878`, `[::1]:7878` (the port is free).
fn loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(n, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                n
            } else {
                host
            }
        }),
    };
    let name = name.to_ascii_lowercase();
    name == "localhost" || name == "::1" || name.starts_with("127.") && name.split('.').count() == 4
}

fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let (Some(origin), Some(host)) = (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) else {
        // Browsers send Origin on cross-site posts; without it the request
        // came from a tool such as curl or a test, not from another site.
        return true;
    };
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest.trim_end_matches('/') == host)
}

pub(crate) async fn check(request: Request, next: Next) -> Response {
    if !loopback_host(request.headers()) {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            "rapport answers only at 127.0.0.1 or localhost.",
        )
            .into_response();
    }
    if request.method() != Method::GET
        && request.method() != Method::HEAD
        && !same_origin(request.headers())
    {
        return (
            StatusCode::FORBIDDEN,
            "This form was sent from another site, so rapport ignored it.",
        )
            .into_response();
    }
    next.run(request).await
}

/// A path on this site to go back to after a form, or `None`: `/people`
/// yes; `//evil.example`, `/\evil.example` and `https://…` no.
pub(crate) fn local_path(back: &str) -> Option<&str> {
    let b = back.as_bytes();
    (b.first() == Some(&b'/') && !matches!(b.get(1), Some(b'/' | b'\\'))).then_some(back)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_rapports_own_pages_may_post() {
        assert!(same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(same_origin(&headers(&[
            ("origin", "http://127.0.0.1:7878"),
            ("host", "127.0.0.1:7878")
        ])));
        assert!(!same_origin(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:7878")
        ])));
        assert!(same_origin(&headers(&[("host", "127.0.0.1:7878")])));
    }

    #[test]
    fn only_loopback_names_are_answered() {
        for ok in [
            "127.0.0.1:7878",
            "localhost:7878",
            "LOCALHOST",
            "[::1]:7878",
            "127.0.0.2:80",
        ] {
            assert!(loopback_host(&headers(&[("host", ok)])), "{ok}");
        }
        for bad in [
            "evil.example:7878",
            "127.0.0.1.evil.example",
            "localhost.evil.example:7878",
            "10.0.0.1:7878",
        ] {
            assert!(!loopback_host(&headers(&[("host", bad)])), "{bad}");
        }
        assert!(!loopback_host(&HeaderMap::new()));
    }

    #[test]
    fn only_local_paths_to_go_back_to() {
        assert_eq!(local_path("/people"), Some("/people"));
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "",
            "people",
        ] {
            assert_eq!(local_path(bad), None, "{bad}");
        }
    }
}
