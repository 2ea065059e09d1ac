//! The connection loop. axum's own `serve` sets no timer, so a client that
//! opens a connection and never finishes its headers holds it forever; a
//! thousand such clients hold a thousand sockets. Here every connection must
//! send its headers within [`HEADER_READ_TIMEOUT`], and at most
//! [`MAX_CONNECTIONS`] are served at once.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, mpsc, watch};

/// How long a client may take to send a request's headers.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at the same time; more wait to be accepted.
pub const MAX_CONNECTIONS: usize = 1024;

/// Serves `app` until `shutdown` completes, then lets requests in flight
/// finish. Each request carries the client's address as [`ConnectInfo`].
pub async fn run(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    run_with(listener, app, shutdown, MAX_CONNECTIONS).await
}

async fn run_with(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    max_connections: usize,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(max_connections));
    let (stop_tx, stop_rx) = watch::channel(());
    // Every connection holds a sender; when the last one is gone, all are done.
    let (open_tx, mut open_rx) = mpsc::channel::<()>(1);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    tracing::warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Small responses go out at once instead of waiting for more bytes.
        let _ = stream.set_nodelay(true);
        let service = connection_service(app.clone(), remote);
        let mut stop = stop_rx.clone();
        let open = open_tx.clone();
        tokio::spawn(async move {
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let mut connection = std::pin::pin!(connection);
            let result = tokio::select! {
                result = connection.as_mut() => result,
                _ = stop.changed() => {
                    connection.as_mut().graceful_shutdown();
                    connection.as_mut().await
                }
            };
            if let Err(e) = result {
                tracing::debug!(error = %e, "connection ended");
            }
            drop((open, slot));
        });
    }
    drop(stop_tx);
    drop(open_tx);
    let _ = open_rx.recv().await;
    Ok(())
}

fn connection_service(
    app: Router,
    remote: SocketAddr,
) -> impl hyper::service::Service<
    hyper::Request<Incoming>,
    Response = axum::response::Response,
    Error = std::convert::Infallible,
    Future = impl Future<Output = Result<axum::response::Response, std::convert::Infallible>> + Send,
> + Clone {
    hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(remote));
        let mut app = app.clone();
        // A Router is always ready, so `call` needs no `poll_ready` first.
        async move { tower::Service::call(&mut app, request.map(Body::new)).await }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test]
    async fn connections_past_the_limit_wait_for_a_free_slot() {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let address = listener.local_addr().expect("an address");
        let app = Router::new().route("/", get(|| async { "ok" }));
        tokio::spawn(run_with(listener, app, std::future::pending(), 1));
        let mut first = tokio::net::TcpStream::connect(address)
            .await
            .expect("connects");
        first
            .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            .await
            .expect("writes");
        let mut second = tokio::net::TcpStream::connect(address)
            .await
            .expect("connects");
        second
            .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .await
            .expect("writes");
        let mut answer = Vec::new();
        let waited =
            tokio::time::timeout(Duration::from_secs(1), second.read_to_end(&mut answer)).await;
        assert!(
            waited.is_err(),
            "the second connection was served while the first held the only slot"
        );
        drop(first);
        tokio::time::timeout(Duration::from_secs(10), second.read_to_end(&mut answer))
            .await
            .expect("served once the slot was free")
            .expect("reads");
        assert!(answer.starts_with(b"HTTP/1.1 200"));
    }
}
