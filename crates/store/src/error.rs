//! The store's one error type; database errors are mapped here, once.

use rapport_core::FieldErrors;
use rapport_core::pipeline::MoveError;

/// The store's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The input failed validation; each error names its field.
    #[error(transparent)]
    Invalid(#[from] FieldErrors),
    /// Values that pass their checks but do not fit where the record
    /// stands now (a scheduled interview losing its time); each error
    /// names its field.
    #[error("{0}")]
    Unfit(FieldErrors),
    /// No such record in this account.
    #[error("no {kind} with id {id}")]
    NotFound {
        /// What was looked for (`person`, `interview`…).
        kind: &'static str,
        /// The id or prefix given.
        id: String,
    },
    /// An id prefix matched more than one record.
    #[error("\"{id}\" matches more than one {kind}; type more of the id")]
    Ambiguous {
        /// What was looked for.
        kind: &'static str,
        /// The prefix given.
        id: String,
    },
    /// The pipeline refused a move.
    #[error(transparent)]
    Move(#[from] MoveError),
    /// Someone else changed the record at the same moment.
    #[error("{0}")]
    Conflict(String),
    /// The database location could not be understood or opened.
    #[error("{0}")]
    Location(String),
    /// The database could not be reached.
    #[error("{0}")]
    Unreachable(String),
    /// Applying the schema failed.
    #[error("could not bring the database schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored value could not be read back.
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    /// The database refused to write because of the machine: the disk is
    /// full or the database is read-only. Nothing was written.
    #[error("{0}")]
    Storage(Storage),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

/// Why the database could not write, in words the person can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Storage {
    /// No space left for the database.
    #[error("the disk holding rapport's data is full; free some space and try again")]
    Full,
    /// The database file or server accepts reads only.
    #[error(
        "rapport's database is read-only just now, so nothing can be saved; check the file's permissions or the server"
    )]
    ReadOnly,
}

impl From<sqlx::Error> for StoreError {
    /// Sorts the database's refusals once, here: the machine's (full,
    /// read-only) apart from every other failure, and text PostgreSQL cannot
    /// store as invalid input rather than a failure.
    fn from(error: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &error
            && let Some(code) = db.code()
        {
            match (db.try_downcast_ref::<sqlx::sqlite::SqliteError>(), &*code) {
                // SQLite's extended codes keep the primary code in the low byte.
                (Some(_), c) => match c.parse::<i32>().map(|n| n & 0xff) {
                    Ok(13) => return StoreError::Storage(Storage::Full),
                    Ok(8) => return StoreError::Storage(Storage::ReadOnly),
                    _ => {}
                },
                (None, "53100") => return StoreError::Storage(Storage::Full),
                (None, "25006") => return StoreError::Storage(Storage::ReadOnly),
                (None, "22021" | "22P05") => {
                    return rapport_core::FieldError::new(
                        "text",
                        "holds a character that cannot be saved (such as NUL); remove it",
                    )
                    .into();
                }
                _ => {}
            }
        }
        StoreError::Database(error)
    }
}

impl StoreError {
    /// True for failures caused by what the user asked for, rather than by the
    /// database or the machine.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::Invalid(_)
                | StoreError::Unfit(_)
                | StoreError::NotFound { .. }
                | StoreError::Ambiguous { .. }
                | StoreError::Move(_)
                | StoreError::Conflict(_)
        )
    }
}

impl From<rapport_core::FieldError> for StoreError {
    fn from(error: rapport_core::FieldError) -> Self {
        StoreError::Invalid(error.into())
    }
}
