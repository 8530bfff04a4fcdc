//! Paragraph layout: itemize (bidi level, script, font), shape once, choose line breaks by
//! total fit, then build each line (re-shape at unsafe breaks, justify, reorder visually).
//!
//! Line breaking is Knuth–Plass total fit over the UAX #14 opportunities and hyphenation points,
//! using widths from the one shaping pass (prefix sums, so a candidate line costs O(1)). Only the
//! chosen lines are touched again: a line edge that falls where harfrust flags the glyph unsafe
//! to break, or that needs a hyphen, is re-shaped; an Arabic line that gets kashida is re-shaped
//! once with its tatweels. A word wider than the measure gets emergency breaks between its
//! characters (grapheme clusters); a single cluster still wider than the measure — only with
//! absurdly narrow measures — is scaled down to fit, with a warning. No line is ever wider than
//! its measure.
//!
//! The engine's stages, one file each, in the order they run:
//! - `items`: itemization (bidi level, script, face, span) and the one shaping pass, word by
//!   word through the faces' caches, with the per-byte widths, stretch, shrink and kashida
//!   capacity line breaking needs;
//! - `total_fit`: Knuth–Plass, choosing the breaks among `breaks`' opportunities (plus
//!   emergency breaks inside words wider than the measure);
//! - `lines`: each chosen line built: its glyphs, re-shaped at unsafe edges and hyphens, fitted
//!   to the measure, placed on the baseline grid;
//! - `justify`: a justified line stretched, by kashida first (where `kashida` allows), then by
//!   its spaces;
//! - `runs`: the line's glyphs in visual order (UAX #9 L1–L2), as glyph runs that keep the
//!   text they stand for.

mod items;
mod justify;
mod lines;
mod runs;
mod total_fit;

use std::collections::HashMap;
use std::ops::Range;

use crate::bidi::Bidi;
use crate::font::{FaceId, FontSet};
use crate::kashida::Place;
use crate::model::Paragraph;

use items::Item;

/// One glyph placed on a line, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PositionedGlyph {
    /// Glyph id in the run's face.
    pub id: u16,
    /// Horizontal advance (justification included).
    pub x_advance: f32,
    /// Horizontal offset from the pen position (marks).
    pub x_offset: f32,
    /// Vertical offset from the baseline, upwards positive (marks).
    pub y_offset: f32,
    /// The text this glyph's cluster stands for, as a byte range of [`GlyphRun::text`]. Glyphs
    /// of one cluster share the range; an inserted tatweel has an empty range.
    pub text: Range<usize>,
}

/// Glyphs of one face, size and direction, left to right as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    /// The face the glyphs belong to.
    pub face: FaceId,
    /// Font size in points.
    pub size: f32,
    /// Whether the run is right-to-left text (its glyphs are still listed left to right).
    pub rtl: bool,
    /// Left edge of the run, from the left edge of the measure.
    pub x: f32,
    /// Sum of the glyph advances.
    pub width: f32,
    /// The glyphs, in visual order.
    pub glyphs: Vec<PositionedGlyph>,
    /// The text the run stands for, in logical order (with a hyphen added at a hyphenated
    /// line end). Bidi controls (isolates, marks) stay in it so offsets match the paragraph,
    /// but no glyph's range covers them: copy-paste gives back the glyphs' text only.
    pub text: String,
    /// Where that text comes from in the paragraph text (without the added hyphen).
    pub source: Range<usize>,
}

/// One line of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Runs in visual order.
    pub runs: Vec<GlyphRun>,
    /// Left edge of the first run, from the left edge of the measure.
    pub x: f32,
    /// Width of the line's content.
    pub width: f32,
    /// Baseline, from the top of the paragraph.
    pub baseline: f32,
    /// Highest ascender of the faces on the line, in points.
    pub ascent: f32,
    /// Deepest descender of the faces on the line, in points (positive).
    pub descent: f32,
    /// The line was stretched or shrunk to the full measure.
    pub justified: bool,
    /// The line ends with a hyphen added at a hyphenation point.
    pub hyphenated: bool,
    /// Tatweels inserted for kashida justification.
    pub kashidas: usize,
    /// The paragraph text the line sets (trailing spaces excluded).
    pub source: Range<usize>,
}

/// Something the caller should know about a laid-out paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum LayoutWarning {
    /// No bundled face has a glyph for this character; it shows as the font's missing-glyph box.
    MissingGlyph {
        /// The character.
        ch: char,
        /// Its byte offset in the paragraph text.
        offset: usize,
    },
    /// A line could not fit the measure even with emergency breaks and was scaled down.
    Overfull {
        /// Index of the line.
        line: usize,
        /// The scale applied (below 1).
        scale: f32,
    },
}

/// A laid-out paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct ParagraphLayout {
    /// Lines, top to bottom.
    pub lines: Vec<Line>,
    /// Total height (lines × line height), in points.
    pub height: f32,
    /// Distance between baselines used.
    pub line_height: f32,
    /// The measure the lines were set to.
    pub measure: f32,
    /// Missing glyphs and overfull lines.
    pub warnings: Vec<LayoutWarning>,
}

/// Why a paragraph cannot be laid out.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LayoutError {
    /// The measure is not a positive finite number of points.
    #[error("paragraph measure must be a positive number of points, got {0}")]
    InvalidMeasure(f32),
    /// A span's font size is not a positive finite number of points.
    #[error("span {span}: font size must be a positive number of points, got {size}")]
    InvalidSize {
        /// Index of the span.
        span: usize,
        /// The size given.
        size: f32,
    },
    /// The line height is not a positive finite number of points.
    #[error("line height must be a positive number of points, got {0}")]
    InvalidLineHeight(f32),
    /// The font set has no faces.
    #[error("the font set is empty")]
    NoFonts,
}

/// Sets a paragraph into lines of positioned glyphs.
pub fn layout_paragraph(paragraph: &Paragraph, fonts: &FontSet) -> Result<ParagraphLayout, LayoutError> {
    validate(paragraph, fonts)?;
    let text = paragraph.text();
    let mut engine = Engine::new(paragraph, fonts, &text);
    engine.itemize();
    engine.shape_items();
    let breaks = engine.break_lines();
    Ok(engine.build(&breaks))
}

/// Shapes the words of a paragraph into its faces' word caches, without laying it out.
///
/// Laying the paragraph out later finds its words shaped; so does laying out any paragraph
/// that shares words with it in the same faces, directions and languages. A second thread
/// can run this over paragraphs ahead of the one being laid out. The result of a layout never
/// depends on it: a cached word holds exactly the glyphs shaping it again would give.
pub fn shape_words(paragraph: &Paragraph, fonts: &FontSet) {
    if validate(paragraph, fonts).is_err() {
        return;
    }
    let text = paragraph.text();
    let mut engine = Engine::new(paragraph, fonts, &text);
    engine.itemize();
    for item in &engine.items {
        engine.shape_by_words(item);
    }
}

/// A paragraph layout can set: positive finite measure, sizes and line height; some font.
fn validate(p: &Paragraph, fonts: &FontSet) -> Result<(), LayoutError> {
    if !(p.measure.is_finite() && p.measure > 0.0) {
        return Err(LayoutError::InvalidMeasure(p.measure));
    }
    for (i, s) in p.spans.iter().enumerate() {
        if !(s.style.size.is_finite() && s.style.size > 0.0) {
            return Err(LayoutError::InvalidSize { span: i, size: s.style.size });
        }
    }
    if let Some(lh) = p.line_height
        && !(lh.is_finite() && lh > 0.0)
    {
        return Err(LayoutError::InvalidLineHeight(lh));
    }
    if fonts.faces().is_empty() {
        return Err(LayoutError::NoFonts);
    }
    Ok(())
}

/// Widths below this are equal (points): float noise, far below a device pixel.
const EPS: f32 = 0.005;

/// One paragraph being laid out: its text, items and the measures the stages share.
struct Engine<'a> {
    para: &'a Paragraph,
    fonts: &'a FontSet,
    text: &'a str,
    bidi: Bidi<'a>,
    items: Vec<Item>,
    /// Span index and range, for styles and languages.
    spans: Vec<Range<usize>>,
    /// `prefix[i]`: advance of all clusters that start before byte `i`.
    prefix: Vec<f32>,
    stretch: Vec<f32>,
    shrink: Vec<f32>,
    /// Kashida places found in the shaped text, in logical order.
    places: Vec<Place>,
    kashida_capacity: Vec<f32>,
    warnings: Vec<LayoutWarning>,
    widths_cache: HashMap<(FaceId, u32, char), f32>,
}

impl<'a> Engine<'a> {
    fn new(para: &'a Paragraph, fonts: &'a FontSet, text: &'a str) -> Self {
        let mut spans = Vec::with_capacity(para.spans.len());
        let mut at = 0;
        for s in &para.spans {
            spans.push(at..at + s.text.len());
            at += s.text.len();
        }
        Engine {
            para,
            fonts,
            text,
            bidi: Bidi::new(text, para.direction),
            items: Vec::new(),
            spans,
            prefix: Vec::new(),
            stretch: Vec::new(),
            shrink: Vec::new(),
            places: Vec::new(),
            kashida_capacity: Vec::new(),
            warnings: Vec::new(),
            widths_cache: HashMap::new(),
        }
    }

    /// The span holding byte `pos` (the last span past the end).
    fn span_at(&self, pos: usize) -> usize {
        self.spans.iter().position(|r| r.contains(&pos)).unwrap_or(self.spans.len().saturating_sub(1))
    }

    /// The item holding byte `pos`.
    fn item_at(&self, pos: usize) -> Option<usize> {
        self.items.iter().position(|it| it.range.contains(&pos))
    }

    /// Byte offset where the visible content of a line ending at `end` stops (trailing
    /// whitespace and line separators dropped).
    fn content_end(&self, start: usize, end: usize) -> usize {
        let s = self.text.get(start..end).unwrap_or("");
        start + s.trim_end_matches(|c: char| c.is_whitespace() && c != '\u{00A0}' && c != '\u{202F}').len()
    }
}

/// The character at byte `pos` of `text`.
fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}
