//! The brief as a document: front matter, blocks, sections, sentences and claims.

use mizan_i18n::Lang;
use uuid::Uuid;

use crate::citation::{Citation, CitationGroup};
use crate::diagnostic::{Diagnostic, LineIndex, Span};
use crate::estimative::{Confidence, Likelihood};
use crate::front_matter::FrontMatter;

/// A parsed brief. Parsing never fails: what could not be read is in `diagnostics`.
#[derive(Clone, Debug)]
pub struct Brief {
    pub front: FrontMatter,
    /// The brief's language: the front matter's `lang`, else guessed from the text.
    pub lang: Lang,
    pub blocks: Vec<Block>,
    /// Sections in order; `sections[0]` is the preamble before the first heading.
    pub sections: Vec<Section>,
    /// Every citation in document order.
    pub citations: Vec<CitationGroup>,
    /// Every sentence-sized unit of prose, in document order.
    pub sentences: Vec<Sentence>,
    pub claims: Vec<Claim>,
    pub diagnostics: Vec<Diagnostic>,
    pub(crate) text: String,
    /// Whether each top-level block is what its own stretch of `text` parses to, in the
    /// brief's language: true unless the body has link reference or footnote
    /// definitions, which reach across blocks. [`crate::render_article`] then reuses a
    /// block's markup while its text and claim ids stay the same.
    pub(crate) self_contained: bool,
    pub(crate) lines: LineIndex,
}

impl Brief {
    /// The text the brief was parsed from (after UTF-8 repair).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// 1-based line and column (in characters) of a byte offset in [`Self::text`].
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        self.lines.line_col(&self.text, offset)
    }

    /// 1-based line of a byte offset in [`Self::text`] (cheaper than [`Self::line_col`]).
    pub fn line_of(&self, offset: usize) -> u32 {
        self.lines.line_of(offset)
    }

    /// The direction of the brief as a whole, from its language.
    pub fn direction(&self) -> Direction {
        if self.lang.is_rtl() { Direction::Rtl } else { Direction::Ltr }
    }

    pub fn section(&self, index: usize) -> Option<&Section> {
        self.sections.get(index)
    }
}

/// Text direction of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Ltr,
    Rtl,
}

/// A block of the document with its own direction (from its first strong character,
/// else the brief's), so a French quotation inside an Arabic brief reads left to right.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub direction: Direction,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BlockKind {
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    /// A paragraph; `marker` is set when it opens with a judgment or assumption label.
    Paragraph {
        marker: Option<Marker>,
        content: Vec<Inline>,
    },
    List {
        start: Option<u64>,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Table {
        alignments: Vec<Alignment>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Code {
        info: String,
        text: String,
    },
    Html(String),
    Rule,
    Footnote {
        label: String,
        blocks: Vec<Block>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Alignment {
    None,
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Link { dest: String, title: String, content: Vec<Inline> },
    Image { dest: String, title: String, alt: Vec<Inline> },
    Citation(CitationGroup),
    FootnoteRef(String),
    SoftBreak,
    HardBreak,
    Html(String),
}

/// The label opening a judgment or assumption paragraph:
/// `**Jugement** (improbable ; confiance modérée) : …`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub kind: ClaimKind,
    /// The label word as written ("Jugement", "تقدير"), given back by the writer.
    pub label: String,
    pub likelihood: Option<Likelihood>,
    pub confidence: Option<Confidence>,
    /// Qualifiers that are neither (reported, and kept so writing loses nothing).
    pub unrecognised: Vec<String>,
}

/// What kind of statement a claim is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    /// A sourced statement of fact.
    Fact,
    /// An analytic judgment (marked).
    Judgment,
    /// An assumption the analysis rests on (marked).
    Assumption,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fact => "fact",
            Self::Judgment => "judgment",
            Self::Assumption => "assumption",
        }
    }
}

/// A part of the brief between headings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The template section id the heading maps to (`key-judgments`, `situation`).
    pub id: Option<String>,
    pub heading: String,
    /// Heading level; 0 for the preamble.
    pub level: u8,
    pub span: Span,
}

impl Section {
    /// The key claim ids are derived from: the section id, else the heading's words.
    pub(crate) fn key(&self) -> String {
        self.id.clone().unwrap_or_else(|| crate::template::heading_key(&self.heading))
    }
}

/// Where a sentence sits, which decides what the audit expects of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SentenceRole {
    /// Ordinary prose, list item or table row: presumed factual.
    Statement,
    /// Inside a marked judgment.
    Judgment,
    /// Inside a marked assumption.
    Assumption,
    /// A block quotation, taken whole: quoted words are the source's, not ours.
    Quotation,
}

/// A sentence (or list item, table row, quotation) of the brief.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    /// Plain text without citations, whitespace collapsed.
    pub text: String,
    pub span: Span,
    /// Index into [`Brief::sections`].
    pub section: usize,
    pub role: SentenceRole,
    /// How many citations the sentence carries.
    pub citations: usize,
}

/// A claim: a cited statement, a judgment or an assumption, with its sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Derived, not stored: UUID v5 in the brief id's namespace of (section key,
    /// normalised text, occurrence). Stable across edits elsewhere in the brief, and
    /// across changes of punctuation, case, diacritics, digits and citations.
    pub id: Uuid,
    pub kind: ClaimKind,
    /// Plain text without citations or marker.
    pub text: String,
    pub span: Span,
    /// Index into [`Brief::sections`].
    pub section: usize,
    pub citations: Vec<Citation>,
    /// For judgments and assumptions: the marker with its explicit qualifiers.
    pub marker: Option<Marker>,
    /// The likelihood term the text itself uses, if any.
    pub written_likelihood: Option<Likelihood>,
    /// The confidence the text itself states, if any.
    pub written_confidence: Option<Confidence>,
}

impl Claim {
    /// The marker's likelihood, else the one the text uses.
    pub fn likelihood(&self) -> Option<Likelihood> {
        self.marker.as_ref().and_then(|m| m.likelihood).or(self.written_likelihood)
    }

    pub fn confidence(&self) -> Option<Confidence> {
        self.marker.as_ref().and_then(|m| m.confidence).or(self.written_confidence)
    }
}
