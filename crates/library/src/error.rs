use std::path::PathBuf;

use mizan_source::CitationKey;

/// What can go wrong with the library. Messages name the file, the source or the field.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// SQLite refused an operation (disk full, locked for too long, corrupt file…).
    #[error("library {path}: {source}")]
    Sqlite { path: String, source: rusqlite::Error },
    /// The file exists but is not a Mizan library (another SQLite database, or not SQLite).
    #[error("{path} is not a Mizan library: {reason}")]
    NotALibrary { path: PathBuf, reason: String },
    /// The library was written by a newer Mizan; opening it could lose data.
    #[error(
        "{path} was written by a newer version of Mizan (schema {found}, this version knows up to {supported}); \
         update Mizan to open it"
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    /// No live source has this citation key.
    #[error("no source with key `{0}`")]
    UnknownKey(String),
    /// A live source already has this citation key.
    #[error("a source with key `{0}` already exists")]
    KeyTaken(CitationKey),
    /// The source duplicates one already in the library.
    #[error("`{incoming}` duplicates `{existing}` ({reason}); use --on-duplicate merge or keep-both to add it anyway")]
    Duplicate { incoming: CitationKey, existing: CitationKey, reason: crate::DuplicateReason },
    /// A row holds a value Mizan cannot read (written by hand or by a broken tool).
    #[error("library row for source {id}: field `{field}` holds {value:?}: {reason}")]
    BadRow { id: String, field: &'static str, value: String, reason: String },
    /// A file next to the library (backup folder, backup file) could not be written or read.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

pub type Result<T, E = LibraryError> = std::result::Result<T, E>;

/// Attaches the library path to SQLite errors.
pub(crate) trait SqliteContext<T> {
    fn at(self, path: &str) -> Result<T>;
}

impl<T> SqliteContext<T> for rusqlite::Result<T> {
    fn at(self, path: &str) -> Result<T> {
        self.map_err(|source| LibraryError::Sqlite { path: path.to_owned(), source })
    }
}
