use std::fmt;

/// One entry that could not be read. The other entries of the file are still returned.
///
/// `index` is the 1-based position of the entry in the file; `line` is where the problem
/// is (the field's line in BibTeX and RIS, the line where the entry's object starts in
/// CSL-JSON); `field` is named the way the file names it (`issued`, `date`, `DA`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryError {
    pub index: usize,
    pub key: Option<String>,
    pub line: Option<usize>,
    pub field: Option<String>,
    pub message: String,
}

impl EntryError {
    pub(crate) fn new(index: usize, line: Option<usize>, message: impl Into<String>) -> Self {
        Self { index, key: None, line, field: None, message: message.into() }
    }

    pub(crate) fn with_key(mut self, key: Option<&str>) -> Self {
        if self.key.is_none() {
            self.key = key.filter(|k| !k.is_empty()).map(str::to_owned);
        }
        self
    }

    pub(crate) fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for EntryError {
    /// `entry 3 (key lemonde-2025), line 41, field `issued`: …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entry {}", self.index)?;
        if let Some(key) = &self.key {
            write!(f, " (key {key})")?;
        }
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for EntryError {}

/// Something a reader kept but warns about: a value it could not read, kept as written
/// (a date such as "13th cent"), an entry with no title, a record the file did not close.
/// Located and shown like an [`EntryError`]; the entry itself is among the sources read.
pub type EntryWarning = EntryError;

/// The file as a whole could not be read; no entry is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The bytes are not UTF-8 (all three formats are read as UTF-8).
    #[error("the file is not valid UTF-8: invalid byte at offset {offset} (line {line}, column {column})")]
    InvalidUtf8 { offset: usize, line: usize, column: usize },
    /// The file is empty or holds only white space.
    #[error("the file is empty (expected {expected})")]
    Empty { expected: &'static str },
    /// The JSON ends before its last value is closed.
    #[error("the JSON ends too early at line {line}, column {column}: the file looks truncated")]
    Truncated { line: usize, column: usize },
    /// The JSON is malformed.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json { line: usize, column: usize, message: String },
    /// CSL-JSON is an array of items; the file holds something else.
    #[error("CSL-JSON must be an array of items, but the file holds {found} (line {line}, column {column})")]
    NotAnArray { found: &'static str, line: usize, column: usize },
    /// The BibTeX file breaks the syntax (unbalanced braces, missing comma…).
    #[error("BibTeX syntax error at line {line}, column {column}: {message}")]
    Bibtex { line: usize, column: usize, message: String },
    /// A file read as RIS has no `TY  - ` line: it is something else (a Web of Science
    /// export with another layout, a text file).
    #[error("not a RIS file: first line {first_line:?}")]
    NotRis { first_line: String },
    /// A byte-order mark says UTF-16, but the bytes are not (an odd length, a lone
    /// surrogate).
    #[error("the file is not valid UTF-16: {reason}")]
    InvalidUtf16 { reason: String },
}
