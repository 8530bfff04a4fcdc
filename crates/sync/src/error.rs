use std::path::PathBuf;

/// What can stop a sync. A bad changeset from another device does not: it is refused and
/// reported in [`crate::SyncReport::refused`] while the rest of the sync goes on.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The library itself failed (SQLite error, unreadable row).
    #[error(transparent)]
    Library(#[from] mizan_library::LibraryError),
    /// SQLite refused a sync bookkeeping operation.
    #[error("library sync tables: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A file or folder of the shared folder could not be read or written.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The folder is not a sync folder Mizan can use.
    #[error("{path}: {reason}")]
    Folder { path: PathBuf, reason: String },
    /// The folder carries another team library than the one this library syncs with.
    #[error(
        "{path} belongs to library {found}, but this library syncs with library {ours}; \
         use a separate folder for each library"
    )]
    OtherLibrary { path: PathBuf, found: String, ours: String },
    /// This library's own changeset in the folder is damaged or not the one it wrote.
    #[error("{path}: this library's own changeset is unusable: {reason}")]
    OwnChangeset { path: PathBuf, reason: String },
    /// No conflict has this number.
    #[error("no conflict #{0} in the conflict log")]
    UnknownConflict(i64),
    /// The conflict cannot be flipped (its row is gone or the value cannot be restored).
    #[error("conflict #{id} cannot be flipped: {reason}")]
    CannotFlip { id: i64, reason: String },
    /// A test asked the sync to stop here, as a crash would.
    #[error("sync stopped at failure point `{0}`")]
    FailurePoint(&'static str),
}

pub type Result<T, E = SyncError> = std::result::Result<T, E>;

pub(crate) fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> SyncError + '_ {
    move |source| SyncError::Io { path: path.to_owned(), source }
}
