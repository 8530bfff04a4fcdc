//! Writes laid-out pages as PDF.
//!
//! The exporter makes no layout decisions: it draws the glyph runs `mizan-layout` produced,
//! where they were placed, plus simple rules and rectangles. What it adds is what a PDF needs:
//! subset fonts (so a two-page Arabic brief stays small), a text layer that gives every glyph
//! back as its text in logical order (ToUnicode plus ActualText spans where one glyph stands for
//! different text in different places), document information and /Lang, and reproducible bytes.
//!
//! Architecture invariant: [`write_pdf`] is pure — no files, no clock (the creation date is
//! passed in), no randomness; the same document gives byte-identical output.
//!
//! ```
//! use mizan_layout::{BaseDirection, FontSet, TextLang, Paragraph, SpanStyle, layout_paragraph};
//! use mizan_pdf::{Color, Document, Metadata, Options, Page, PdfDate, write_pdf};
//!
//! let fonts = FontSet::bundled();
//! let para = Paragraph::new("الوضع في الساحل", SpanStyle::default(), BaseDirection::Rtl, TextLang::Ar, 400.0);
//! let layout = layout_paragraph(&para, &fonts).unwrap();
//! let mut page = Page::a4();
//! page.add_paragraph(&layout, 72.0, 72.0, Color::BLACK);
//! let metadata = Metadata { title: "Note".into(), lang: "ar".into(), rtl: true,
//!     created: PdfDate { year: 2025, month: 11, day: 20, hour: 9, minute: 0, second: 0 }, ..Metadata::default() };
//! let bytes = write_pdf(&Document { fonts: &fonts, pages: vec![page], metadata }, &Options::default()).unwrap();
//! assert!(bytes.starts_with(b"%PDF-"));
//! ```

mod content;
mod fonts;
mod hash;
mod model;
mod subset;
mod write;

pub use model::{Color, Document, Metadata, Options, Page, PageItem, PdfDate};
pub use write::write_pdf;

/// The TrueType subsetter on its own, for the fuzz targets and their corpus replay
/// (`crates/robustness`): the font program of a subset of `font` (sorted, distinct glyph
/// ids), or `None` when it is not a TrueType font the subsetter can read. Not part of the API.
#[doc(hidden)]
pub fn subset_truetype(font: &[u8], glyphs: &[u16]) -> Option<Vec<u8>> {
    subset::truetype(font, glyphs)
}

/// Why a document could not be written.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PdfError {
    /// The document has no pages.
    #[error("the document has no pages")]
    NoPages,
    /// A page has a non-positive or non-finite size.
    #[error("page {page}: size {width} × {height} pt is not a positive size")]
    PageSize {
        /// Page number (1-based).
        page: usize,
        /// Width given.
        width: f32,
        /// Height given.
        height: f32,
    },
    /// An item has a coordinate, size or colour that is not a finite number in range.
    #[error("page {page}: invalid item (non-finite coordinate, bad size or colour outside 0–1): {item}")]
    InvalidItem {
        /// Page number (1-based).
        page: usize,
        /// The item, abbreviated.
        item: String,
    },
    /// A glyph run refers to a face that is not in the document's font set.
    #[error("page {page}: glyph run uses face {face}, which is not in the font set")]
    UnknownFace {
        /// Page number (1-based).
        page: usize,
        /// The face index.
        face: usize,
    },
    /// The creation date is not a valid date.
    #[error("invalid creation date {0}")]
    InvalidDate(String),
    /// A font could not be subset.
    #[error("font {font}: subsetting failed: {reason}")]
    Subset {
        /// PostScript name of the face.
        font: String,
        /// What the subsetter reported.
        reason: String,
    },
    /// A (subset) font program could not be read back for embedding.
    #[error("font {font}: the embedded font program is unreadable")]
    FontProgram {
        /// Name of the embedded font.
        font: String,
    },
    /// The PDF object tree could not be finished or serialised.
    #[error("PDF serialisation failed: {0}")]
    Serialize(String),
}
