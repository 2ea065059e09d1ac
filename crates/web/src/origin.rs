//! Only rapport's own pages may talk to it. Local mode has no sign-in, so two
//! checks stand in for one:
//! - the `Host` must be a loopback name, for every request: a web page whose
//!   name is re-pointed at 127.0.0.1 (DNS rebinding) would otherwise count
//!   as "same origin" and could read everything;
//! - a form may not be posted from another site.
//!
//! A server (server mode) answers at whatever name its proxy gives it, so the
//! `Host` check is off there; the cross-site check stays, and a signed-in
//! form must also carry its session's token ([`crate::csrf`]).

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// `127.0.0.1:7878`, `localhost:7878`, `[::1]:7878` (the port is free). The
/// name must be exactly `localhost` or parse as a loopback IP address: a
/// name that merely looks like one (`127.a.evil.example`, `127.0.0.evil`)
/// is a DNS name its owner can point anywhere.
fn loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((name, tail)) => (name, tail.strip_prefix(':')),
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
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

/// True when `part` of a URL, once percent-decoded, holds a control
/// character. No record id, page or search has one; PostgreSQL cannot even
/// be asked about NUL, and CR/LF would end up in a redirect's header.
fn has_encoded_control(part: &str) -> bool {
    let bytes = part.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut i = 0;
    while i < bytes.len() {
        let byte = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                i += 2;
                hex(h).unwrap_or_default() * 16 + hex(l).unwrap_or_default()
            }
            (b, ..) => u32::from(b),
        };
        if byte < 0x20 || byte == 0x7f {
            return true;
        }
        i += 1;
    }
    false
}

pub(crate) async fn check(State(state): State<AppState>, request: Request, next: Next) -> Response {
    use crate::api::problem::{is_api, refusal};
    let api = is_api(request.uri().path());
    if has_encoded_control(request.uri().path()) {
        if api {
            return refusal(StatusCode::NOT_FOUND, "there is nothing at this address");
        }
        return crate::error::AppError::NotFound.into_response();
    }
    if request.uri().query().is_some_and(has_encoded_control) {
        let why = "The address holds a control character; remove it and try again.";
        if api {
            return refusal(StatusCode::BAD_REQUEST, why);
        }
        return (StatusCode::BAD_REQUEST, why).into_response();
    }
    // A server answers at whatever name its proxy gives it; sign-in is
    // what protects it there.
    if state.server_mode().is_none() && !loopback_host(request.headers()) {
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
        let why = "This form was sent from another site, so rapport ignored it.";
        if api {
            return refusal(StatusCode::FORBIDDEN, why);
        }
        return (StatusCode::FORBIDDEN, why).into_response();
    }
    next.run(request).await
}

/// A path on this site to go back to after a form, or `None`: `/people`
/// yes; `//evil.example`, `/\evil.example` and `https://…` no. Browsers drop
/// tabs and newlines from a URL and read `\` as `/`, so `/<TAB>/evil.example`
/// would become `//evil.example`: any control character, whitespace or
/// backslash anywhere refuses the path.
pub(crate) fn local_path(back: &str) -> Option<&str> {
    let b = back.as_bytes();
    let clean = !back
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    (clean && b.first() == Some(&b'/') && b.get(1) != Some(&b'/') && back.len() <= 2048)
        .then_some(back)
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
            "127.a.evil.example:7878",
            "127.0.0.evil",
            "127.0.0.1.:7878",
            "127.1:7878",
            "0x7f.0.0.1",
            "127.0.0.1:78x8",
            "127.0.0.1:",
            "[::1",
            "[::ffff:7f00:1]:7878",
            "[fe80::1]:7878",
            "localhost.:7878",
            "127.0.0.1 .evil.example",
        ] {
            assert!(!loopback_host(&headers(&[("host", bad)])), "{bad}");
        }
        assert!(!loopback_host(&HeaderMap::new()));
    }

    #[test]
    fn control_characters_in_addresses() {
        for bad in ["/people/a%00b", "/x%0D%0Ay", "/x%7f", "/a%0a", "/a\tb"] {
            assert!(has_encoded_control(bad), "{bad}");
        }
        for ok in [
            "/people/0190-ab",
            "/search",
            "/a%20b",
            "/%E2%80%99",
            "/100%",
            "/%zz",
        ] {
            assert!(!has_encoded_control(ok), "{ok}");
        }
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
            "/\t/evil.example/landed",
            "/\n/evil.example",
            "/\r\nx",
            "/a\\b",
            "/ /evil.example",
            "/\u{0}x",
        ] {
            assert_eq!(local_path(bad), None, "{bad}");
        }
    }
}
