//! Reading and writing sources as CSL-JSON, BibTeX/BibLaTeX and RIS.
//!
//! [`read`] turns a file into one result per entry: a bad entry is an [`EntryError`]
//! naming its position, key, line and field, and the others are still read; only a file
//! that cannot be read at all (truncated JSON, broken BibTeX syntax, not RIS) is a
//! [`ReadError`]. A value that does not read (a date such as "13th cent") does not cost
//! its entry: it is kept as written and [`read_report`] gives a warning for it, as for an
//! entry without a title, and says how the bytes were decoded (UTF-8, UTF-16 by its
//! byte-order mark, a declared encoding, Windows-1252 for bytes that are not UTF-8).
//! [`write`] never fails.
//!
//! Each format carries what it can natively; what it cannot (our UUID, the reliability
//! grade, excerpts, and exact values where the native form would alter a field) travels
//! in a Mizan extension that other tools ignore: `custom.mizan` in CSL-JSON, `mizan-*`
//! fields in BibTeX, a `C8  - mizan:{…}` line in RIS. So writing then reading gives back
//! exactly the same sources, and files from Zotero and others import without it (fresh
//! UUID, no grade). Entries without a key get a readable one (`traore-2025-blocus`),
//! unique within the file. Duplicate keys are returned as they are: the library reports
//! them.
//!
//! ```
//! use mizan_interchange::{read, write, Format};
//! use mizan_source::{CitationKey, PartialDate, Person, Source, SourceType};
//!
//! let mut source = Source::new(CitationKey::parse("rfi-blocus-bamako-2025").unwrap(), "Mali : Bamako sous blocus");
//! source.kind = SourceType::NewsArticle;
//! source.authors.push(Person::structured("Aminata", "Traoré"));
//! source.issued = Some(PartialDate::parse("2025-11").unwrap());
//!
//! for format in Format::ALL {
//!     let text = write(format, std::slice::from_ref(&source));
//!     let entries = read(format, text.as_bytes()).unwrap();
//!     assert_eq!(entries, vec![Ok(source.clone())], "{}", format.name());
//! }
//!
//! // A foreign BibTeX entry: accents in LaTeX, a month macro, no Mizan fields.
//! let bib = br"@article{diallo2025, title = {L'{\'e}conomie malienne}, author = {Diallo, Fatoumata}, year = 2025, month = sep}";
//! let entries = read(Format::Bibtex, bib).unwrap();
//! let imported = entries[0].as_ref().unwrap();
//! assert_eq!(imported.title, "L'économie malienne");
//! assert_eq!(imported.issued.unwrap().to_string(), "2025-09");
//! assert!(imported.grade.is_none());
//!
//! // A date that does not read is kept as written, with a warning naming entry and line.
//! let ris = "TY  - NEWS\nTI  - Tombouctou\nDA  - 13th cent\nER  - \nTY  - RPRT\nTI  - Deux\nER  - \n";
//! let report = mizan_interchange::read_report(Format::Ris, ris.as_bytes()).unwrap();
//! let first = report.entries[0].as_ref().unwrap();
//! assert_eq!(first.issued_shown().as_deref(), Some("13th cent"));
//! assert!(report.warnings[0].to_string().starts_with("entry 1 (key tombouctou), line 3, field `DA`: \"13th cent\""));
//! assert_eq!(report.entries[1].as_ref().unwrap().title, "Deux");
//! ```

use std::path::Path;

use mizan_source::Source;

mod bib_syntax;
mod bibtex;
mod csl;
mod dates;
mod draft;
mod encoding;
mod error;
mod extension;
mod lines;
mod ris;
#[cfg(test)]
mod tests;
mod wos;

pub use encoding::TextEncoding;
pub use error::{EntryError, EntryWarning, ReadError};

/// A bibliographic file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// CSL-JSON, an array of CSL items (Zotero's "CSL JSON" export).
    CslJson,
    /// BibTeX or BibLaTeX.
    Bibtex,
    /// RIS tagged records.
    Ris,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::CslJson, Format::Bibtex, Format::Ris];

    /// `csl-json`, `bibtex` or `ris`.
    pub fn name(self) -> &'static str {
        match self {
            Self::CslJson => "csl-json",
            Self::Bibtex => "bibtex",
            Self::Ris => "ris",
        }
    }

    /// Accepts the names [`Format::name`] gives, plus `json`, `csljson`, `biblatex` and
    /// `bib`, in any case.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "csl-json" | "csljson" | "json" | "csl" => Some(Self::CslJson),
            "bibtex" | "biblatex" | "bib" => Some(Self::Bibtex),
            "ris" => Some(Self::Ris),
            _ => None,
        }
    }

    /// From the file extension: `.json`/`.csljson`, `.bib`, `.ris`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" | "csljson" => Some(Self::CslJson),
            "bib" | "bibtex" | "biblatex" => Some(Self::Bibtex),
            "ris" => Some(Self::Ris),
            _ => None,
        }
    }

    /// Guesses the format from the content, for files whose name says nothing: JSON starts
    /// with `[` or `{`, RIS with a `TY  - ` line, BibTeX has an `@type{` entry (possibly
    /// after comments).
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        // The head is enough (an even length keeps UTF-16 whole); a character cut at its
        // end decodes as a replacement character, which changes nothing here.
        let head = bytes.get(..bytes.len().min(8192)).unwrap_or(bytes);
        let decoded = encoding::decode(head, false).map(|(text, _)| text.into_owned()).unwrap_or_default();
        let head = decoded.trim_start_matches('\u{feff}');
        let trimmed = head.trim_start();
        if trimmed.starts_with(['[', '{']) {
            return Some(Self::CslJson);
        }
        let mut lines = head.lines().map(str::trim_end).filter(|l| !l.trim().is_empty());
        if lines.next().is_some_and(|first| first.starts_with("TY  -")) {
            return Some(Self::Ris);
        }
        let is_entry = |line: &str| {
            let Some(rest) = line.trim_start().strip_prefix('@') else { return false };
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            !name.is_empty() && rest.get(name.len()..).is_some_and(|r| r.trim_start().starts_with(['{', '(']))
        };
        if head.lines().any(is_entry) {
            return Some(Self::Bibtex);
        }
        if head.lines().any(|l| l.starts_with("TY  -")) {
            return Some(Self::Ris);
        }
        None
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Reads a file: one result per entry, in file order (see [`read_report`] for the
/// warnings).
pub fn read(format: Format, bytes: &[u8]) -> Result<Vec<Result<Source, EntryError>>, ReadError> {
    read_report(format, bytes).map(|report| report.entries)
}

/// What [`read_report`] read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadReport {
    /// One result per entry, in file order.
    pub entries: Vec<Result<Source, EntryError>>,
    /// What the entries kept but could not read as the file meant, in file order.
    pub warnings: Vec<EntryWarning>,
    /// How the bytes were decoded; worth saying when [`TextEncoding::is_notable`].
    pub encoding: TextEncoding,
}

/// Reads a file: its entries, the warnings about them, and how its bytes were decoded.
pub fn read_report(format: Format, bytes: &[u8]) -> Result<ReadReport, ReadError> {
    let (text, encoding) = encoding::decode(bytes, format == Format::Bibtex)?;
    let drafts = match format {
        Format::CslJson => csl::read(&text)?,
        Format::Bibtex => bibtex::read(&text)?,
        Format::Ris => ris::read(&text)?,
    };
    let (entries, warnings) = draft::finish_with_warnings(drafts);
    Ok(ReadReport { entries, warnings, encoding })
}

/// Writes sources in a format; reading the result back gives the same sources.
pub fn write(format: Format, sources: &[Source]) -> String {
    match format {
        Format::CslJson => csl::write(sources),
        Format::Bibtex => bibtex::write(sources),
        Format::Ris => ris::write(sources),
    }
}
