//! What every command needs: the open database, the account, the clock and
//! the user's time zone.

use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};
use rapport_core::clock::{Clock, SystemClock};
use rapport_core::validated::TimeZone;
use rapport_store::{AccountId, Db, Location, accounts};
use std::path::PathBuf;

/// Global options, before anything is opened.
#[derive(Debug, Clone)]
pub struct Options {
    pub db: Option<String>,
    pub tz: Option<String>,
}

pub struct Context {
    pub db: Db,
    pub account: AccountId,
    pub zone: TimeZone,
    clock: SystemClock,
}

impl Context {
    pub async fn open(options: &Options) -> Result<Context> {
        let machine = zone(options.tz.as_deref())?;
        let db = open_db(options.db.as_deref()).await?;
        let clock = SystemClock;
        let account = accounts::local(&db, clock.now()).await?;
        // `--tz` (or RAPPORT_TIME_ZONE) wins; otherwise the zone chosen on the
        // profile, as the pages use; otherwise the machine's.
        let chosen = if options.tz.as_deref().is_some_and(|z| !z.trim().is_empty()) {
            None
        } else {
            rapport_store::profiles::zone(&db, &account).await?
        };
        let zone = chosen.unwrap_or(machine);
        Ok(Context {
            db,
            account,
            zone,
            clock,
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

/// The default database file: `$XDG_DATA_HOME/rapport/rapport.db`.
fn default_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "rapport")
        .context("cannot find your home folder; pass --db PATH")?;
    Ok(dirs.data_dir().join("rapport.db"))
}

/// Opens the database the user chose, or the default one (creating its
/// folder on first use). A new database file is announced, never silent.
pub async fn open_db(chosen: Option<&str>) -> Result<Db> {
    // `--db ''` is a mistake to name, not a wish for the default file.
    let location = match chosen {
        Some(raw) => Location::parse(raw)?,
        None => {
            let path = default_path()?;
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)
                    .with_context(|| format!("cannot create {}", folder.display()))?;
            }
            Location::Sqlite(path)
        }
    };
    let is_new = location.sqlite_path().is_some_and(|p| !p.exists());
    let db = Db::open(&location).await?;
    if is_new {
        eprintln!("rapport: created a new database at {}", location.redacted());
    }
    Ok(db)
}

/// The user's zone: the flag or `RAPPORT_TIME_ZONE`, then `$TZ`, then the
/// system's `/etc/timezone`, then UTC.
pub fn zone(chosen: Option<&str>) -> Result<TimeZone> {
    if let Some(name) = chosen.filter(|s| !s.trim().is_empty()) {
        return Ok(TimeZone::parse(name)?);
    }
    let from_env = std::env::var("TZ")
        .ok()
        .map(|tz| tz.trim_start_matches(':').to_owned());
    let from_system = || std::fs::read_to_string("/etc/timezone").ok();
    Ok(from_env
        .into_iter()
        .chain(from_system())
        .find_map(|name| TimeZone::parse(name.trim()).ok())
        .unwrap_or_else(TimeZone::utc))
}
