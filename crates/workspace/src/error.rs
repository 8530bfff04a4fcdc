//! Errors with a stable code. They cross the app's IPC as `{code, message, field}`: the
//! UI picks its reaction from `code` and shows `message`, which names the file, line,
//! source or field.

use std::fmt;

use mizan_library::LibraryError;
use serde::Serialize;
use ts_rs::TS;

/// What kind of failure, for programs. Never renamed: the UI matches on these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No source, brief, revision or recovery entry by that name.
    NotFound,
    /// Another live source already has this citation key.
    KeyTaken,
    /// The source duplicates one already in the library.
    Duplicate,
    /// A request field does not hold a valid value (`field` says which).
    InvalidInput,
    /// A file could not be read or written.
    Io,
    /// The file to create is there already (the command line never overwrites one
    /// unless told to).
    AlreadyExists,
    /// SQLite refused an operation, or the library is damaged.
    Library,
    /// The library was written by a newer Mizan.
    NewerSchema,
    /// The file is not a Mizan library.
    NotALibrary,
    /// The brief has sourcing-audit errors: export as a draft or fix them.
    AuditErrors,
    /// Typesetting or writing the PDF failed.
    ExportFailed,
    /// The request names a file the user did not choose.
    NotPermitted,
    /// Sync is not set up: no shared folder was chosen.
    NoSyncFolder,
    /// The shared folder cannot be used: gone, unreadable, not writable, or it holds
    /// another team library.
    SyncFolder,
    /// A sync conflict cannot be flipped (its row is gone, or the lost value cannot be
    /// restored, e.g. its citation key is taken now).
    CannotFlip,
    /// A bug: something that should not happen happened.
    Internal,
}

/// A failed request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "IpcError")]
pub struct WorkspaceError {
    pub code: ErrorCode,
    pub message: String,
    /// The request field at fault, when there is one (`key`, `issued`, `title`…).
    pub field: Option<String>,
}

impl WorkspaceError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), field: None }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self { code: ErrorCode::InvalidInput, message: message.into(), field: Some(field.to_owned()) }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    pub fn io(path: &std::path::Path, error: &std::io::Error) -> Self {
        Self::new(ErrorCode::Io, format!("{}: {error}", path.display()))
    }

    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }
}

impl fmt::Display for WorkspaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WorkspaceError {}

impl From<LibraryError> for WorkspaceError {
    fn from(error: LibraryError) -> Self {
        let message = error.to_string();
        match error {
            LibraryError::UnknownKey(_) => Self::not_found(message).with_field("key"),
            LibraryError::KeyTaken(_) => Self::new(ErrorCode::KeyTaken, message).with_field("key"),
            LibraryError::Duplicate { .. } => Self::new(ErrorCode::Duplicate, message),
            LibraryError::NewerSchema { .. } => Self::new(ErrorCode::NewerSchema, message),
            LibraryError::NotALibrary { .. } => Self::new(ErrorCode::NotALibrary, message),
            LibraryError::Io { .. } => Self::new(ErrorCode::Io, message),
            LibraryError::Sqlite { .. } | LibraryError::BadRow { .. } => Self::new(ErrorCode::Library, message),
        }
    }
}

impl From<mizan_durable::WriteError> for WorkspaceError {
    fn from(error: mizan_durable::WriteError) -> Self {
        Self::io(&error.path, &error.source)
    }
}

impl From<mizan_export::ExportError> for WorkspaceError {
    fn from(error: mizan_export::ExportError) -> Self {
        Self::new(ErrorCode::ExportFailed, error.to_string())
    }
}

pub type Result<T, E = WorkspaceError> = std::result::Result<T, E>;
