//! Who is on the other end of a request: the client's address and whether
//! it reached us over TLS. Behind a reverse proxy both come from headers the
//! proxy adds, which are believed only when the connection comes from the
//! proxy named in the settings; anyone else could write them.

use crate::state::AppState;
use axum::extract::ConnectInfo;
use axum::http::{Extensions, HeaderMap};
use std::net::{IpAddr, SocketAddr};

fn peer(extensions: &Extensions) -> Option<IpAddr> {
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
}

fn from_trusted_proxy(state: &AppState, extensions: &Extensions) -> bool {
    let proxy = state.server_mode().and_then(|s| s.trusted_proxy);
    proxy.is_some() && peer(extensions) == proxy
}

/// The client's address, as text for the rate limit's counters. From the
/// trusted proxy it is the last `X-Forwarded-For` entry (the one the proxy
/// itself appended; if that one does not parse, none is believed);
/// otherwise the connection's peer.
pub(crate) fn address(state: &AppState, headers: &HeaderMap, extensions: &Extensions) -> String {
    if from_trusted_proxy(state, extensions)
        && let Some(forwarded) = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .next_back()
            .and_then(|a| a.trim().parse::<IpAddr>().ok())
    {
        return forwarded.to_string();
    }
    peer(extensions).map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

/// True when the browser reached rapport over TLS: the trusted proxy says
/// `X-Forwarded-Proto: https`. rapport itself speaks plain HTTP.
pub(crate) fn secure(state: &AppState, headers: &HeaderMap, extensions: &Extensions) -> bool {
    from_trusted_proxy(state, extensions)
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
}
