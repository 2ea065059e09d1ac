//! `rapport serve`: the web interface.

use crate::context::{Options, open_db, zone};
use anyhow::{Context as _, Result, bail};
use rapport_core::clock::{Clock, SystemClock};
use rapport_store::accounts;
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on. Local mode listens on loopback only; any other
    /// address means server mode.
    #[arg(long, env = "RAPPORT_BIND", default_value = "127.0.0.1:7878")]
    bind: SocketAddr,
    /// Server mode: accounts with sign-in, for a career center.
    #[arg(long, env = "RAPPORT_ACCOUNTS")]
    accounts: bool,
    /// Who may make an account in server mode.
    #[arg(long, env = "RAPPORT_SIGN_UP", value_parser = ["invitation", "open"], default_value = "invitation")]
    sign_up: String,
    /// The reverse proxy's address: only from it are X-Forwarded-For and
    /// X-Forwarded-Proto believed (the client's address, and TLS for the
    /// Secure cookie and HSTS).
    #[arg(long, env = "RAPPORT_TRUSTED_PROXY", value_name = "IP")]
    trusted_proxy: Option<std::net::IpAddr>,
}

pub async fn run(options: Options, args: Args) -> Result<()> {
    // Without sign-in, anyone who can reach the port could read the data:
    // a non-loopback address is served only with accounts.
    let server = args.accounts || !args.bind.ip().is_loopback();
    if !server && (args.trusted_proxy.is_some() || args.sign_up != "invitation") {
        bail!("--trusted-proxy and --sign-up are settings of server mode; add --accounts");
    }
    init_logging();
    let zone = zone(options.tz.as_deref())?;
    // The port first: a second `serve` on a busy port must fail before it
    // creates or migrates any database.
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let db = open_db(options.db.as_deref()).await?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let address = listener.local_addr()?;
    let state = if server {
        let settings = rapport_web::Server {
            sign_up: if args.sign_up == "open" {
                rapport_web::SignUp::Open
            } else {
                rapport_web::SignUp::Invitation
            },
            trusted_proxy: args.trusted_proxy,
        };
        eprintln!(
            "rapport (server mode, sign-up by {}) is running at http://{address}/ (Ctrl+C stops it)",
            args.sign_up
        );
        if args.trusted_proxy.is_none() && !args.bind.ip().is_loopback() {
            eprintln!(
                "warning: no --trusted-proxy: passwords and cookies travel unencrypted unless a TLS proxy is in front, \
                 and behind one every client shares the proxy's address for the sign-in limit; see docs/deploy.md"
            );
        }
        rapport_web::AppState::server(db.clone(), settings, zone, clock)
    } else {
        let account = accounts::local(&db, clock.now()).await?;
        eprintln!("rapport is running at http://{address}/ (Ctrl+C stops it)");
        rapport_web::AppState::new(db.clone(), account, zone, clock)
    };
    rapport_web::serve(listener, state, shutdown()).await?;
    db.close().await;
    Ok(())
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

/// Request logs at info level; `RAPPORT_LOG=debug` (or warn…) changes it.
fn init_logging() {
    let level = std::env::var("RAPPORT_LOG")
        .ok()
        .and_then(|l| l.parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::INFO);
    let _ = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}
