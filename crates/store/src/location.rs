//! Where the database lives: a SQLite file (the default) or a PostgreSQL URL.

use crate::error::{Result, StoreError};
use std::path::{Path, PathBuf};

/// A database location as the user gave it.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (may hold a password; never printed whole).
    Postgres(String),
}

impl Location {
    /// Reads `--db` / `RAPPORT_DATABASE_URL`: a file path, `sqlite://PATH`,
    /// `sqlite:PATH` or `postgres://…` (`postgresql://…`). Any other scheme is
    /// refused, so a typo never creates a database somewhere unexpected.
    pub fn parse(raw: &str) -> Result<Self> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(StoreError::Location(
                "the database location is empty; give a file path or a postgres:// URL".into(),
            ));
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(Location::Postgres(s.to_owned()));
        }
        if let Some(path) = s
            .strip_prefix("sqlite://")
            .or_else(|| s.strip_prefix("sqlite:"))
        {
            // Options such as `?mode=ro` would be silently dropped, and the
            // file written although the user asked for read-only: refuse.
            if let Some((_, options)) = path.split_once('?') {
                return Err(StoreError::Location(format!(
                    "\"{s}\": rapport takes no options in a sqlite URL (found \"{options}\"); give the file alone"
                )));
            }
            if path.is_empty() || path.starts_with(":memory:") {
                return Err(StoreError::Location(format!(
                    "\"{s}\" names no file; rapport keeps your data in a file such as sqlite://rapport.db"
                )));
            }
            return Ok(Location::Sqlite(PathBuf::from(path)));
        }
        if let Some((scheme, _)) = s.split_once("://") {
            return Err(StoreError::Location(format!(
                "unknown database scheme \"{scheme}\"; use a file path, sqlite://PATH or postgres://USER@HOST/DATABASE"
            )));
        }
        Ok(Location::Sqlite(PathBuf::from(s)))
    }

    /// The SQLite file, when this is one.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            Location::Sqlite(p) => Some(p),
            Location::Postgres(_) => None,
        }
    }

    /// A description safe to print: PostgreSQL URLs lose their password.
    pub fn redacted(&self) -> String {
        match self {
            Location::Sqlite(p) => p.display().to_string(),
            Location::Postgres(url) => redact(url),
        }
    }
}

fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = rest.split_once('/').map_or((rest, ""), |(a, t)| (a, t));
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split(':').next().unwrap_or_default();
            if user.len() < authority.len() - host.len() - 1 {
                format!("{user}:***@{host}")
            } else {
                format!("{user}@{host}")
            }
        }
        None => authority.to_owned(),
    };
    let tail = tail.split('?').next().unwrap_or_default();
    format!("{scheme}://{authority}/{tail}")
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paths_and_urls() {
        assert_eq!(
            Location::parse("data/r.db").unwrap(),
            Location::Sqlite("data/r.db".into())
        );
        assert_eq!(
            Location::parse("sqlite:///tmp/r.db").unwrap(),
            Location::Sqlite("/tmp/r.db".into())
        );
        assert!(matches!(
            Location::parse("postgres://postgres@127.0.0.1/test").unwrap(),
            Location::Postgres(_)
        ));
        assert!(matches!(
            Location::parse("postgresql://h/db").unwrap(),
            Location::Postgres(_)
        ));
    }

    #[test]
    fn refuses_unknown_schemes_in_one_line() {
        let err = Location::parse("mysql://root@localhost/test")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown database scheme \"mysql\""), "{err}");
        assert!(!err.contains('\n'));
        assert!(Location::parse("sqlite::memory:").is_err());
        let ro = Location::parse("sqlite:///tmp/r.db?mode=ro")
            .unwrap_err()
            .to_string();
        assert!(ro.contains("mode=ro"), "{ro}");
        assert!(Location::parse("  ").is_err());
    }

    #[test]
    fn hides_passwords() {
        let l =
            Location::parse("postgres://app:s3cret@db.example.org:5432/rapport?sslmode=require")
                .unwrap();
        assert_eq!(
            l.redacted(),
            "postgres://app:***@db.example.org:5432/rapport"
        );
        assert!(!format!("{l:?}").contains("s3cret"));
    }
}
