//! The brief as a document: front matter, blocks, sections, sentences and claims.

use std::ops::Range;

use mizan_i18n::Lang;
use uuid::Uuid;

use crate::citation::{Citation, CitationGroup};
use crate::diagnostic::{Diagnostic, LineIndex, Span};
use crate::estimative::{Confidence, Likelihood};
use crate::front_matter::FrontMatter;
use crate::sentences::CITE_TEXT;

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

    /// The claim `block` states as a whole: a judgment's or an assumption's paragraph, a
    /// cited quotation ([`Block::claim`]).
    pub fn claim_of(&self, block: &Block) -> Option<&Claim> {
        block.claim.and_then(|i| self.claims.get(i))
    }

    /// The claims made in `block` and the blocks inside it ([`Block::claims`]).
    pub fn claims_in(&self, block: &Block) -> &[Claim] {
        self.claims.get(block.claims.clone()).unwrap_or_default()
    }

    /// The sentences of `block`'s own text ([`Block::sentences`]).
    pub fn sentences_of(&self, block: &Block) -> &[Sentence] {
        self.sentences.get(block.sentences.clone()).unwrap_or_default()
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
    /// The sentences the block's own text makes, as indices into [`Brief::sentences`]: a
    /// paragraph's (none inside a quotation), a table's body rows, the one of a quotation
    /// taken whole (the outermost). Empty for other blocks: a list's sentences are its
    /// paragraphs'. Each says where it lies in the block ([`Sentence::extent`]).
    pub sentences: Range<usize>,
    /// The claims made in the block and the blocks inside it, as indices into
    /// [`Brief::claims`] (they are contiguous, in document order).
    pub claims: Range<usize>,
    /// The claim the block states as a whole, an index into [`Brief::claims`]: a judgment's
    /// or an assumption's paragraph, a quotation that cites. Claims of single sentences
    /// are their [`Sentence::claim`].
    pub claim: Option<usize>,
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
    FootnoteRef(FootnoteRef),
    SoftBreak,
    HardBreak,
    Html(String),
}

/// A footnote reference, `[^label]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FootnoteRef {
    pub label: String,
    /// The number of the note this call makes in the PDF, as [`CitationGroup::note`].
    pub note: Option<usize>,
}

impl Inline {
    /// What the inline itself adds to its block's plain text ([`crate::plain_text`]), in
    /// which sentences are split: text and code as written, a space for a line break, and
    /// one U+FFFC for a citation group. Nothing for the others: the content of emphasis,
    /// strong, strikethrough and links counts in its own right, an image's alt text does
    /// not ([`Self::content_in_plain_text`]), footnote references and raw HTML are not text.
    pub fn plain(&self) -> &str {
        match self {
            Inline::Text(text) | Inline::Code(text) => text,
            Inline::SoftBreak | Inline::HardBreak => " ",
            Inline::Citation(_) => CITE_TEXT,
            Inline::Emphasis(_)
            | Inline::Strong(_)
            | Inline::Strikethrough(_)
            | Inline::Link { .. }
            | Inline::Image { .. }
            | Inline::FootnoteRef(_)
            | Inline::Html(_) => "",
        }
    }

    /// Whether the inline's content is part of its block's plain text: not an image's
    /// alt text, which describes a picture rather than saying anything (see
    /// [`crate::walk`] for what alt text is to the other readers).
    pub fn content_in_plain_text(&self) -> bool {
        !matches!(self, Inline::Image { .. })
    }

    /// The number of the note this inline calls in the PDF: a citation group's or a
    /// footnote reference's outside footnote definitions.
    pub fn note(&self) -> Option<usize> {
        match self {
            Inline::Citation(group) => group.note,
            Inline::FootnoteRef(reference) => reference.note,
            _ => None,
        }
    }
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
    /// Where the sentence lies in the block whose [`Block::sentences`] hold it.
    pub extent: Extent,
    /// The claim the sentence states or belongs to, an index into [`Brief::claims`]: its
    /// own when it cites (a fact), its paragraph's in a judgment or an assumption.
    pub claim: Option<usize>,
}

/// Where a sentence lies in its block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Extent {
    /// Bytes of the paragraph's plain text ([`crate::plain_text`] of its content, the
    /// judgment's label left out), from the sentence's first character to the end of its
    /// citations and closing marks.
    Text(Range<usize>),
    /// A table's body row (its index in the rows), taken whole.
    Row(usize),
    /// The whole block: a quotation.
    Whole,
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
