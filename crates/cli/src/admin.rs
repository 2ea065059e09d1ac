//! `rapport admin`: accounts of a server (server mode). Links printed here
//! work once; only their hashes are stored.

use crate::context::{Options, open_db};
use crate::output::{Output, table};
use anyhow::{Context as _, Result, anyhow, bail};
use chrono::Utc;
use rapport_core::validated::Email;
use rapport_store::accounts::{self, Kind};
use rapport_store::{Db, account_links, sessions};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Make an account and print a one-time link to set its password.
    CreateAccount {
        /// What the account may do.
        #[arg(long, value_parser = ["admin", "counselor", "student"], default_value = "student")]
        kind: String,
        /// Its sign-in address.
        email: String,
    },
    /// List every account of the server.
    List,
    /// Print a one-time link that sets a new password (and signs the account out everywhere).
    ResetPassword {
        /// The account's address.
        email: String,
    },
    /// Sign an account out of every session.
    EndSessions {
        /// The account's address.
        email: String,
    },
    /// Print an invitation link for a student to sign up with this address.
    Invite {
        /// The student's address.
        email: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The server's public address, put in front of the links printed.
    #[arg(
        long,
        env = "RAPPORT_PUBLIC_URL",
        default_value = "http://127.0.0.1:7878"
    )]
    url: String,
    #[command(subcommand)]
    command: Command,
}

fn link(base: &str, path: &str) -> String {
    format!("{}{path}", base.trim_end_matches('/'))
}

async fn account_of(db: &Db, email: &str) -> Result<accounts::Account> {
    accounts::by_email(db, email)
        .await?
        .filter(|a| a.kind != Kind::Local)
        .ok_or_else(|| {
            anyhow!(
                "no account has the address {}",
                accounts::normal_email(email)
            )
        })
}

fn checked_email(raw: &str) -> Result<String> {
    let email = Email::parse("email", raw).map_err(|e| anyhow!("email: {}", e.message))?;
    Ok(accounts::normal_email(email.as_str()))
}

pub async fn run(options: Options, out: Output, args: Args) -> Result<()> {
    let db = open_db(options.db.as_deref()).await?;
    let result = command(&db, out, &args.url, args.command).await;
    db.close().await;
    result
}

async fn command(db: &Db, out: Output, base: &str, command: Command) -> Result<()> {
    let now = Utc::now();
    match command {
        Command::CreateAccount { kind, email } => {
            let email = checked_email(&email)?;
            let Some(kind) = Kind::parse(&kind).filter(|k| *k != Kind::Local) else {
                bail!("--kind must be admin, counselor or student");
            };
            let account = accounts::create(db, kind, &email, None, now)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            let token = account_links::reset(db, &account, now).await?;
            let url = link(base, &format!("/set-password?token={token}"));
            out.print(
                &serde_json::json!({ "id": account, "email": email, "kind": kind.as_str(), "set_password_link": url }),
                || {
                    format!(
                        "Made the {} account {email}.\nSend this link to set its password (it works once, for 2 days):\n{url}",
                        kind.as_str()
                    )
                },
            )
        }
        Command::List => {
            let all = accounts::list(db).await?;
            out.print(&all, || {
                if all.is_empty() {
                    return "No accounts yet. Make one with `rapport admin create-account --kind admin EMAIL`.".to_owned();
                }
                table(
                    &["email", "kind", "password", "since"],
                    all.iter()
                        .map(|a| {
                            vec![
                                a.email.clone(),
                                a.kind.as_str().to_owned(),
                                if a.has_password { "set" } else { "not set" }.to_owned(),
                                a.created_at.format("%Y-%m-%d").to_string(),
                            ]
                        })
                        .collect(),
                )
            })
        }
        Command::ResetPassword { email } => {
            let account = account_of(db, &email).await?;
            let token = account_links::reset(db, &account.id, now).await?;
            let url = link(base, &format!("/set-password?token={token}"));
            out.print(&serde_json::json!({ "email": account.email, "set_password_link": url }), || {
                format!(
                    "Send this link to {} to set a new password (it works once, for 2 days; using it signs out every session):\n{url}",
                    account.email
                )
            })
        }
        Command::EndSessions { email } => {
            let account = account_of(db, &email).await?;
            let ended = sessions::end_all(db, &account.id).await?;
            out.print(
                &serde_json::json!({ "email": account.email, "ended": ended }),
                || format!("Ended {ended} session(s) of {}.", account.email),
            )
        }
        Command::Invite { email } => {
            let email = checked_email(&email)?;
            let token = account_links::invite(db, &email, now)
                .await
                .map_err(|e| anyhow!("{e}"))
                .with_context(|| format!("cannot invite {email}"))?;
            let url = link(base, &format!("/sign-up?invite={token}"));
            out.print(
                &serde_json::json!({ "email": email, "invite_link": url }),
                || format!("Send this invitation to {email} (it works once, for 14 days):\n{url}"),
            )
        }
    }
}
