//! Turns a parsed brief into typeset pages and writes them as PDF.
//!
//! [`export_brief`] is one pure function: a [`Brief`](mizan_brief::Brief), the library
//! through [`SourceLookup`], and [`ExportOptions`] (a [`Style`] read from
//! `templates/styles/*.toml`, the paper, draft or not) go in; PDF bytes, warnings and the
//! page count come out. It reads no file and no clock: the PDF's creation date is the
//! brief's `date`, so the same input always gives the same bytes.
//!
//! What the pages carry: a cover block (unit, title, subtitle, date in the brief's language,
//! authors), the handling marking at the top and bottom of every page, running head and page
//! numbers on the sides the direction calls for, headings kept with what follows,
//! paragraphs with widow and orphan control, lists, quotations, tables laid out in the
//! brief's direction, judgments and assumptions marked by a side bar and a label with their
//! ICD 203 likelihood and confidence, citation notes formatted by CSL (hayagriva) with the
//! information's credibility, and a sources annex giving each cited source's Admiralty
//! reliability and descriptor. French typography is applied to French text.
//!
//! ```
//! use mizan_export::{ExportOptions, Style, export_brief};
//! use mizan_source::Source;
//!
//! let brief = mizan_brief::parse("---\ntitle: Note\nlang: fr\ndate: 2025-11-20\n---\n\n## Situation\n\nLe blocus continue.\n");
//! let library: Vec<Source> = Vec::new();
//! let options = ExportOptions::new(Style::named("default").unwrap());
//! let exported = export_brief(&brief, &library, &options).unwrap();
//! assert!(exported.pdf.starts_with(b"%PDF-") && exported.pages == 1);
//! ```
//!
//! Architecture invariant: this crate decides the page (what goes where); mizan-layout
//! shapes and breaks lines, mizan-pdf only draws. It knows nothing about SQLite or files.

mod compose;
mod csl;
mod labels;
mod paginate;
mod style;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use mizan_brief::Brief;
use mizan_source::Source;

pub use style::{Colors, Fonts, Margins, NotePlacement, Notes, Paper, Spacing, Style};

/// The library as export sees it: the full record of a cited source, with its grade.
pub trait SourceLookup {
    /// The source with this citation key, if the library has one.
    fn source(&self, key: &str) -> Option<Source>;
}

impl SourceLookup for Vec<Source> {
    fn source(&self, key: &str) -> Option<Source> {
        self.iter().find(|s| s.key.as_str() == key).cloned()
    }
}

/// Any function from key to source (a library query, a test double).
impl<F: Fn(&str) -> Option<Source>> SourceLookup for F {
    fn source(&self, key: &str) -> Option<Source> {
        self(key)
    }
}

impl SourceLookup for HashMap<String, Source> {
    fn source(&self, key: &str) -> Option<Source> {
        self.get(key).cloned()
    }
}

impl SourceLookup for BTreeMap<String, Source> {
    fn source(&self, key: &str) -> Option<Source> {
        self.get(key).cloned()
    }
}

/// How to export.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    pub style: Style,
    pub paper: Paper,
    /// Draw "DRAFT / مسودة / BROUILLON" across every page (a brief with audit errors).
    pub draft: bool,
}

impl ExportOptions {
    /// A4, not a draft.
    pub fn new(style: Style) -> Self {
        Self { style, paper: Paper::A4, draft: false }
    }
}

/// The result of an export.
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// What the reader of the PDF may miss (never fatal).
    pub warnings: Vec<ExportWarning>,
    /// Number of pages.
    pub pages: usize,
}

/// Something the analyst should know about an exported PDF. Lines and columns are 1-based,
/// in the brief's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportWarning {
    /// No bundled font has this character: it prints as the font's missing-glyph box.
    MissingGlyph { ch: char, line: u32, column: u32 },
    /// A line could not fit its measure even broken inside words, and was scaled down.
    Overfull { line: u32, column: u32 },
    /// A cited key has no source in the library: its note says so and the annex lists it.
    UnknownSource { key: String, line: u32, column: u32 },
    /// Content a printed brief does not carry (raw HTML, images), left out or shown as text.
    Unsupported { what: &'static str, line: u32, column: u32 },
    /// The brief has no `date`, so the PDF's creation date is 2000-01-01.
    NoDate,
    /// Footnotes called on a page did not all fit at its foot; the rest continue on the next.
    NotesCarriedOver { page: usize },
}

impl ExportWarning {
    /// A stable code for programs (the app matches on it, never on the message).
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingGlyph { .. } => "missing-glyph",
            Self::Overfull { .. } => "overfull-line",
            Self::UnknownSource { .. } => "unknown-source",
            Self::Unsupported { .. } => "unsupported-content",
            Self::NoDate => "no-date",
            Self::NotesCarriedOver { .. } => "notes-carried-over",
        }
    }
}

impl fmt::Display for ExportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingGlyph { ch, line, column } => {
                write!(
                    f,
                    "line {line}, column {column}: no bundled font has a glyph for {ch:?} (U+{:04X})",
                    u32::from(*ch)
                )
            }
            Self::Overfull { line, column } => {
                write!(f, "line {line}, column {column}: a line did not fit its measure and was scaled down slightly")
            }
            Self::UnknownSource { key, line, column } => {
                write!(f, "line {line}, column {column}: no source of the library has the key {key:?}")
            }
            Self::Unsupported { what, line, column } => {
                write!(f, "line {line}, column {column}: {what} is not printed")
            }
            Self::NoDate => f.write_str("the brief has no date; the PDF's creation date is set to 2000-01-01"),
            Self::NotesCarriedOver { page } => write!(f, "page {page}: some footnotes continue on the next page"),
        }
    }
}

/// Why a brief could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// No embedded style has this name.
    #[error("unknown style {name:?} (known styles: {known})")]
    UnknownStyle { name: String, known: String },
    /// A style file has a missing or invalid field.
    #[error("{origin}: {field}: {detail}")]
    BadStyle { origin: String, field: String, detail: String },
    /// The style names a CSL style that cannot be used.
    #[error("CSL style {name:?}: {detail}")]
    CslStyle { name: String, detail: String },
    /// The layout engine refused a paragraph (a style size it cannot set).
    #[error("layout failed near line {line}: {detail}")]
    Layout { line: u32, detail: String },
    /// The PDF writer failed.
    #[error("writing the PDF failed: {0}")]
    Pdf(#[from] mizan_pdf::PdfError),
}

/// Typesets `brief` and writes it as PDF. Pure: no file, no clock, no randomness.
pub fn export_brief(
    brief: &Brief,
    sources: &dyn SourceLookup,
    options: &ExportOptions,
) -> Result<Exported, ExportError> {
    let composed = compose::compose(brief, sources, options)?;
    paginate::write(brief, composed, options)
}
