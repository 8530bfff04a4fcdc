//! What the engine is asked to set: a paragraph of styled spans.
//!
//! The names say what each thing is to the engine, and none repeats a name of the brief model
//! (`mizan_brief`), so a crate that reads briefs and sets them imports both without aliases:
//! the brief's `Direction` and `Lang` are what the analyst wrote, layout's [`BaseDirection`]
//! and [`TextLang`] what a paragraph is set in; the brief's `Span` is a stretch of the
//! Markdown source, layout's [`TextSpan`] a run of text in one style.

use crate::font::Weight;

/// Base direction of a block (the paragraph embedding level of UAX #9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BaseDirection {
    /// Left to right (French, English).
    #[default]
    Ltr,
    /// Right to left (Arabic).
    Rtl,
}

/// How lines sit in the measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Against the start edge (right in an RTL paragraph, left in an LTR one).
    #[default]
    Start,
    /// Both edges; the last line sits against the start edge.
    Justify,
    /// Centred.
    Center,
}

/// Language a paragraph or span is set in: it selects hyphenation, justification and shaping
/// rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextLang {
    /// Arabic: kashida justification, no hyphenation.
    #[default]
    Ar,
    /// French: hyphenation by French patterns.
    Fr,
    /// English: hyphenation by English patterns.
    En,
}

impl TextLang {
    /// BCP 47 tag, as written in PDF /Lang and given to the shaper.
    pub fn tag(self) -> &'static str {
        match self {
            TextLang::Ar => "ar",
            TextLang::Fr => "fr",
            TextLang::En => "en",
        }
    }
}

/// Typographic style of a span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpanStyle {
    /// Font size in points.
    pub size: f32,
    /// Stroke weight.
    pub weight: Weight,
    /// Italic (Latin faces only; Arabic is set upright).
    pub italic: bool,
}

impl Default for SpanStyle {
    fn default() -> Self {
        SpanStyle { size: 11.0, weight: Weight::Regular, italic: false }
    }
}

/// A run of text with one style (and language), a part of a [`Paragraph`].
#[derive(Debug, Clone, PartialEq)]
pub struct TextSpan {
    /// The text (logical order, as typed).
    pub text: String,
    /// Its style.
    pub style: SpanStyle,
    /// Language, when it differs from the paragraph's.
    pub lang: Option<TextLang>,
    /// A URL or code: never hyphenated, never touched by the French spacing helper.
    pub verbatim: bool,
}

impl TextSpan {
    /// A span in the given style, in the paragraph's language.
    pub fn new(text: impl Into<String>, style: SpanStyle) -> Self {
        TextSpan { text: text.into(), style, lang: None, verbatim: false }
    }
}

/// A paragraph to set: spans plus block properties.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The styled text, in logical order.
    pub spans: Vec<TextSpan>,
    /// Base direction (paragraph level).
    pub direction: BaseDirection,
    /// Alignment.
    pub align: Align,
    /// Line width available, in points.
    pub measure: f32,
    /// Language of the paragraph.
    pub lang: TextLang,
    /// Distance between baselines in points; `None` means 1.6 × the largest font size for
    /// Arabic (its marks need room) and 1.35 × for Latin text.
    pub line_height: Option<f32>,
}

impl Paragraph {
    /// A paragraph of one span.
    pub fn new(
        text: impl Into<String>,
        style: SpanStyle,
        direction: BaseDirection,
        lang: TextLang,
        measure: f32,
    ) -> Self {
        Paragraph {
            spans: vec![TextSpan::new(text, style)],
            direction,
            align: Align::Start,
            measure,
            lang,
            line_height: None,
        }
    }

    /// The same paragraph with another alignment.
    pub fn aligned(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    /// The paragraph text: all spans concatenated.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}
