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

use std::collections::HashMap;
use std::ops::Range;

use crate::bidi::Bidi;
use crate::breaks::{BreakKind, Breakpoint, opportunities};
use crate::font::{FaceId, FontSet, ScriptFamily};
use crate::kashida::{self, MAX_PER_PLACE, Place};
use crate::model::{Align, BaseDirection, Paragraph, TextLang};
use crate::script::{CharScript, char_script};
use crate::shape::{
    Inserted, ShapeRequest, ShapedGlyph, SourceChar, is_bidi_control, shape, shape_units, source_chars, to_points,
    word_key,
};

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

/// A maximal stretch of text with one bidi level, face, span and script: shaped as one unit.
struct Item {
    range: Range<usize>,
    level: u8,
    face: FaceId,
    size: f32,
    arabic: bool,
    lang: TextLang,
    glyphs: Vec<ShapedGlyph>,
}

/// Part of an item that lies on one line, shaped (again, if its edges needed it).
struct Piece {
    item: usize,
    range: Range<usize>,
    glyphs: Vec<ShapedGlyph>,
    kashidas: usize,
}

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

    fn span_at(&self, pos: usize) -> usize {
        self.spans.iter().position(|r| r.contains(&pos)).unwrap_or(self.spans.len().saturating_sub(1))
    }

    /// Splits the text into items: bidi level, resolved script, face and span.
    fn itemize(&mut self) {
        let text = self.text;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let levels: Vec<u8> = chars.iter().map(|&(i, _)| self.bidi.level_at(i)).collect();
        // Script per character; common characters take the script of the nearest strong
        // character at the same level (before, else after), else the paragraph's language;
        // marks take the script of what they sit on.
        let raw: Vec<CharScript> = chars.iter().map(|&(_, c)| char_script(c)).collect();
        let default_arabic = self.para.lang == TextLang::Ar;
        let mut resolved = vec![false; chars.len()];
        for i in 0..chars.len() {
            resolved[i] = match raw[i] {
                CharScript::Arabic => true,
                CharScript::Other => false,
                CharScript::Inherited => i.checked_sub(1).map_or(default_arabic, |j| resolved[j]),
                CharScript::Common => {
                    let strong =
                        |j: usize| matches!(raw[j], CharScript::Arabic | CharScript::Other) && levels[j] == levels[i];
                    let before = (0..i).rev().find(|&j| strong(j));
                    let after = (i + 1..chars.len()).find(|&j| strong(j));
                    match (before, after) {
                        (Some(j), _) | (None, Some(j)) => raw[j] == CharScript::Arabic,
                        (None, None) => default_arabic,
                    }
                }
            };
        }
        let mut items: Vec<Item> = Vec::new();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let span_ix = self.span_at(i);
            let Some(span) = self.para.spans.get(span_ix) else { continue };
            let family = if resolved[k] { ScriptFamily::Arabic } else { ScriptFamily::Latin };
            let Some(preferred) = self.fonts.select(family, span.style.weight, span.style.italic) else { continue };
            let face = if is_invisible(c) {
                preferred
            } else {
                match self.fonts.face_for_char(preferred, c) {
                    Some(f) => f,
                    None => {
                        self.warnings.push(LayoutWarning::MissingGlyph { ch: c, offset: i });
                        preferred
                    }
                }
            };
            // A mark stays in the item of its base even if another face covers it better.
            let face = match (raw[k], items.last()) {
                (CharScript::Inherited, Some(last)) if last.range.end == i => last.face,
                _ => face,
            };
            let lang = span.lang.unwrap_or(self.para.lang);
            let same = items.last().is_some_and(|last| {
                last.range.end == i
                    && last.level == levels[k]
                    && last.face == face
                    && last.arabic == resolved[k]
                    && self.span_at(last.range.start) == span_ix
            });
            match items.last_mut() {
                Some(last) if same => last.range.end = i + c.len_utf8(),
                _ => items.push(Item {
                    range: i..i + c.len_utf8(),
                    level: levels[k],
                    face,
                    size: span.style.size,
                    arabic: resolved[k],
                    lang,
                    glyphs: Vec::new(),
                }),
            }
        }
        self.items = items;
    }

    fn request(&self, item: &Item, range: Range<usize>) -> Option<ShapeRequest<'a>> {
        let face = self.fonts.face(item.face)?;
        Some(ShapeRequest {
            face,
            size: item.size,
            rtl: item.level % 2 == 1,
            arabic: item.arabic,
            lang: item.lang.tag(),
            pre_context: context_before(self.text, range.start),
            post_context: context_after(self.text, range.end),
            start_of_text: range.start == 0,
            end_of_text: range.end == self.text.len(),
        })
    }

    /// Shapes every item once and derives the per-byte measures line breaking needs.
    fn shape_items(&mut self) {
        let n = self.text.len();
        let mut advance_at = vec![0.0f32; n + 1];
        let mut stretch_at = vec![0.0f32; n + 1];
        let mut shrink_at = vec![0.0f32; n + 1];
        let mut kashida_at = vec![0.0f32; n + 1];
        let justify = self.para.align == Align::Justify;
        let mut places = Vec::new();
        for ix in 0..self.items.len() {
            let glyphs = self.shape_by_words(&self.items[ix]);
            for g in &glyphs {
                if let Some(a) = advance_at.get_mut(g.pos as usize) {
                    *a += g.advance;
                }
            }
            let item = &self.items[ix];
            for g in &glyphs {
                let pos = g.pos as usize;
                let c = self.text.get(pos..).and_then(|s| s.chars().next());
                if matches!(c, Some(' ') | Some('\u{00A0}')) {
                    if justify {
                        // Inter-word space: may grow by half and shrink by a third (TeX's values).
                        stretch_at[pos] += g.advance * 0.5;
                        shrink_at[pos] += g.advance / 3.0;
                    }
                } else if justify
                    && item.arabic
                    && g.tatweel_ok
                    && let Some(rank) = kashida::rank(self.text, pos)
                {
                    places.push((pos, rank, item.face, item.size));
                }
            }
            self.items[ix].glyphs = glyphs;
        }
        // Words are delimited by spaces; each contributes its best place once to the stretch.
        let mut word = 0usize;
        let mut last_pos = 0usize;
        let mut seen_word = usize::MAX;
        for (pos, rank, face, size) in places {
            if self.text.get(last_pos..pos).is_some_and(|s| s.chars().any(char::is_whitespace)) {
                word += 1;
            }
            last_pos = pos;
            self.places.push(Place { pos, rank, word });
            if seen_word != word {
                seen_word = word;
                let tatweel = self.advance_of(face, size, '\u{0640}');
                kashida_at[pos] += tatweel * MAX_PER_PLACE as f32;
            }
        }
        self.prefix = prefix_sums(&advance_at);
        self.stretch = prefix_sums(&stretch_at);
        self.shrink = prefix_sums(&shrink_at);
        self.kashida_capacity = prefix_sums(&kashida_at);
    }

    /// Shapes an item word by word (each word with the spaces after it), in the item's visual
    /// order, through its face's word cache: a brief repeats its words, and harfrust is the
    /// largest cost of laying one out. A space joins nothing and, in the bundled faces, takes
    /// part in no substitution or kerning, so this gives the glyphs shaping the whole item
    /// would (exports are byte-identical either way).
    fn shape_by_words(&self, item: &Item) -> Vec<ShapedGlyph> {
        let range = item.range.clone();
        let (Some(slice), Some(face)) = (self.text.get(range.clone()), self.fonts.face(item.face)) else {
            return Vec::new();
        };
        let words = words_in_visual_order(slice, range.start, item.level % 2 == 1);
        let mut glyphs = Vec::with_capacity(slice.len());
        let mut new_words = Vec::new();
        for word in words {
            let Some(mut req) = self.request(item, word.clone()) else { continue };
            // Inside the item a word follows a space and ends with one: its neighbours cannot
            // change its shapes, and leaving them out lets every occurrence share one entry.
            if word.start > range.start {
                req.pre_context = "";
            }
            if word.end < range.end {
                req.post_context = "";
            }
            let chars = source_chars(self.text, word.start, word.end);
            let key = word_key(&req, &chars);
            match face.cached_word(&key) {
                Some(units) => glyphs.extend(to_points(&req, &chars, &units)),
                None => {
                    let units = shape_units(&req, &chars);
                    glyphs.extend(to_points(&req, &chars, &units));
                    new_words.push((key, units));
                }
            }
        }
        face.store_words(new_words);
        glyphs
    }

    /// Advance of one character shaped alone (hyphen, tatweel), cached.
    fn advance_of(&mut self, face: FaceId, size: f32, c: char) -> f32 {
        let key = (face, size.to_bits(), c);
        if let Some(w) = self.widths_cache.get(&key) {
            return *w;
        }
        let w = self
            .fonts
            .face(face)
            .map(|f| {
                let req = ShapeRequest {
                    face: f,
                    size,
                    rtl: false,
                    arabic: c == '\u{0640}',
                    lang: "und",
                    pre_context: "",
                    post_context: "",
                    start_of_text: false,
                    end_of_text: false,
                };
                shape(&req, &[SourceChar { c, pos: 0, inserted: None }]).iter().map(|g| g.advance).sum()
            })
            .unwrap_or(0.0);
        self.widths_cache.insert(key, w);
        w
    }

    fn item_at(&self, pos: usize) -> Option<usize> {
        self.items.iter().position(|it| it.range.contains(&pos))
    }

    /// Byte offset where the visible content of a line ending at `end` stops (trailing
    /// whitespace and line separators dropped).
    fn content_end(&self, start: usize, end: usize) -> usize {
        let s = self.text.get(start..end).unwrap_or("");
        start + s.trim_end_matches(|c: char| c.is_whitespace() && c != '\u{00A0}' && c != '\u{202F}').len()
    }

    fn hyphen_width(&mut self, end: usize) -> f32 {
        let before = self.text.get(..end).and_then(|s| s.char_indices().next_back()).map_or(0, |(i, _)| i);
        match self.item_at(before) {
            Some(ix) => {
                let (face, size) = (self.items[ix].face, self.items[ix].size);
                self.advance_of(face, size, '-')
            }
            None => 0.0,
        }
    }

    /// Adds emergency breaks between the clusters of any unbreakable stretch wider than the
    /// measure.
    fn with_emergency_breaks(&self, breaks: Vec<Breakpoint>) -> Vec<Breakpoint> {
        // Never between a letter and its marks.
        let mut cluster_starts: Vec<usize> = self
            .items
            .iter()
            .flat_map(|it| it.glyphs.iter().map(|g| g.pos as usize))
            .filter(|&p| char_at(self.text, p).is_some_and(|c| char_script(c) != CharScript::Inherited))
            .collect();
        cluster_starts.sort_unstable();
        cluster_starts.dedup();
        let mut out = Vec::with_capacity(breaks.len());
        let mut prev = 0usize;
        for b in breaks {
            let end = self.content_end(prev, b.pos);
            if self.prefix[end] - self.prefix[prev] > self.para.measure {
                let from = cluster_starts.partition_point(|&p| p <= prev);
                let to = cluster_starts.partition_point(|&p| p < end);
                for &p in &cluster_starts[from..to] {
                    out.push(Breakpoint { pos: p, kind: BreakKind::Emergency });
                }
            }
            prev = b.pos;
            out.push(b);
        }
        out
    }

    /// Knuth–Plass total fit: the break sequence with the least total demerits.
    fn break_lines(&mut self) -> Vec<Breakpoint> {
        let mut hyphenate = Vec::new();
        for (ix, span) in self.para.spans.iter().enumerate() {
            let lang = span.lang.unwrap_or(self.para.lang);
            if !span.verbatim
                && lang != TextLang::Ar
                && let Some(r) = self.spans.get(ix)
            {
                hyphenate.push((r.clone(), lang));
            }
        }
        let mut breaks = opportunities(self.text, &hyphenate);
        // A break after a soft hyphen shows a hyphen.
        for b in &mut breaks {
            if self.text.get(..b.pos).is_some_and(|s| s.ends_with('\u{00AD}')) {
                b.kind = BreakKind::Hyphen;
            }
        }
        let breaks = self.with_emergency_breaks(breaks);
        let hyphen_widths: Vec<f32> =
            breaks.iter().map(|b| if b.kind == BreakKind::Hyphen { self.hyphen_width(b.pos) } else { 0.0 }).collect();
        let justify = self.para.align == Align::Justify;
        let measure = self.para.measure;

        struct Node {
            bp: Option<usize>,
            fitness: u8,
            demerits: f64,
            prev: Option<usize>,
            hyphen: bool,
        }
        let mut nodes = vec![Node { bp: None, fitness: 1, demerits: 0.0, prev: None, hyphen: false }];
        let mut active: Vec<usize> = vec![0];
        for (bi, b) in breaks.iter().enumerate() {
            if b.pos == 0 {
                continue;
            }
            let mut best: [Option<(f64, usize)>; 4] = [None; 4];
            let mut survivors = Vec::with_capacity(active.len());
            let mut least_overfull: Option<(f32, usize)> = None;
            for &a in &active {
                let start = nodes[a].bp.map_or(0, |i| breaks[i].pos);
                if start >= b.pos {
                    survivors.push(a);
                    continue;
                }
                let end = self.content_end(start, b.pos);
                let natural = self.prefix[end] - self.prefix[start] + hyphen_widths[bi];
                let (stretch, shrink) = if justify {
                    let kashida = self.kashida_capacity[end] - self.kashida_capacity[start];
                    (self.stretch[end] - self.stretch[start] + kashida, self.shrink[end] - self.shrink[start])
                } else {
                    // Ragged lines: a fixed allowance so lines are reasonably full but never
                    // squeezed.
                    (measure / 3.0, 0.0)
                };
                let forced_end = b.kind == BreakKind::Mandatory;
                let ratio = if natural <= measure + EPS {
                    if forced_end {
                        0.0 // the last line and lines before a forced break are set loose
                    } else if stretch > 0.0 {
                        (measure - natural) / stretch
                    } else {
                        10.0
                    }
                } else if shrink > 0.0 {
                    (measure - natural) / shrink
                } else {
                    -10.0
                };
                if ratio < -1.0 || forced_end {
                    // This node can no longer start a line that fits (or the forced break
                    // closes every open line).
                    if ratio < -1.0 {
                        let over = natural - measure;
                        if least_overfull.is_none_or(|(o, _)| over < o) {
                            least_overfull = Some((over, a));
                        }
                    }
                } else {
                    survivors.push(a);
                }
                if ratio >= -1.0 {
                    let badness = (100.0 * f64::from(ratio.abs()).powi(3)).min(10_000.0);
                    let penalty: f64 = match b.kind {
                        BreakKind::Hyphen => 50.0,
                        BreakKind::Emergency => 1_000.0,
                        _ => 0.0,
                    };
                    let mut d = (10.0 + badness).powi(2) + penalty.powi(2);
                    let hyphen = b.kind == BreakKind::Hyphen;
                    if hyphen && nodes[a].hyphen {
                        d += 3_000.0;
                    }
                    let fitness = fitness_class(ratio);
                    if fitness.abs_diff(nodes[a].fitness) > 1 {
                        d += 3_000.0;
                    }
                    let total = nodes[a].demerits + d;
                    let slot = &mut best[usize::from(fitness)];
                    if slot.is_none_or(|(t, _)| total < t) {
                        *slot = Some((total, a));
                    }
                }
            }
            active = survivors;
            let mut added = false;
            for (fitness, slot) in best.iter().enumerate() {
                if let Some((total, prev)) = slot {
                    nodes.push(Node {
                        bp: Some(bi),
                        fitness: fitness as u8,
                        demerits: *total,
                        prev: Some(*prev),
                        hyphen: b.kind == BreakKind::Hyphen,
                    });
                    active.push(nodes.len() - 1);
                    added = true;
                }
            }
            if !added && active.is_empty() {
                // Nothing fits (a single cluster wider than the measure): take the least
                // overfull line; it is scaled to the measure when built.
                if let Some((_, a)) = least_overfull {
                    nodes.push(Node {
                        bp: Some(bi),
                        fitness: 1,
                        demerits: nodes[a].demerits + 1e9,
                        prev: Some(a),
                        hyphen: false,
                    });
                    active.push(nodes.len() - 1);
                }
            }
        }
        // The best node ending at the paragraph end.
        let last_bp = breaks.len().saturating_sub(1);
        let end = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.bp == Some(last_bp))
            .min_by(|a, b| a.1.demerits.total_cmp(&b.1.demerits))
            .map(|(i, _)| i);
        let mut path = Vec::new();
        let mut cur = end;
        while let Some(i) = cur {
            if let Some(bp) = nodes[i].bp
                && let Some(b) = breaks.get(bp)
            {
                path.push(*b);
            }
            cur = nodes[i].prev;
        }
        path.reverse();
        path
    }

    /// Builds the lines for the chosen breaks.
    fn build(mut self, breaks: &[Breakpoint]) -> ParagraphLayout {
        let max_size = self.para.spans.iter().map(|s| s.style.size).fold(0.0f32, f32::max).max(1.0);
        let has_arabic = self.items.iter().any(|it| it.arabic);
        let line_height = self.para.line_height.unwrap_or(max_size * if has_arabic { 1.6 } else { 1.35 });
        // One baseline grid for the paragraph: the font box of the largest faces, centred in the
        // line height.
        let (mut asc, mut desc) = (0.0f32, 0.0f32);
        for it in &self.items {
            if let Some(f) = self.fonts.face(it.face) {
                asc = asc.max(f.ascender_em() * it.size);
                desc = desc.max(f.descender_em() * it.size);
            }
        }
        let first_baseline = (line_height + asc - desc) / 2.0;
        let mut lines = Vec::with_capacity(breaks.len());
        let mut start = 0usize;
        for (n, b) in breaks.iter().enumerate() {
            let last = n + 1 == breaks.len();
            let mut line = self.build_line(start, *b, last, n);
            line.baseline = first_baseline + n as f32 * line_height;
            lines.push(line);
            start = b.pos;
        }
        let height = lines.len() as f32 * line_height;
        ParagraphLayout { lines, height, line_height, measure: self.para.measure, warnings: self.warnings }
    }

    fn build_line(&mut self, start: usize, b: Breakpoint, last: bool, index: usize) -> Line {
        let measure = self.para.measure;
        let end = self.content_end(start, b.pos);
        let hyphenated = b.kind == BreakKind::Hyphen && end == b.pos;
        let mut pieces = self.pieces(start, end, hyphenated);
        let mut width: f32 = pieces.iter().flat_map(|p| &p.glyphs).map(|g| g.advance).sum();
        let justify = self.para.align == Align::Justify && !last && b.kind != BreakKind::Mandatory;
        let mut justified = false;
        let mut kashidas = 0;
        if justify && measure - width > EPS {
            kashidas = self.add_kashida(&mut pieces, start, end, measure - width);
            width = pieces.iter().flat_map(|p| &p.glyphs).map(|g| g.advance).sum();
        }
        // The breaker lets any line of a justified paragraph fit by shrinking its spaces, the
        // last one (and one before a forced break) included: such a line is shrunk here too,
        // though never stretched.
        let shrink_to_fit = self.para.align == Align::Justify && width > measure + EPS;
        if justify || shrink_to_fit {
            let spaces: Vec<(usize, usize)> = pieces
                .iter()
                .enumerate()
                .flat_map(|(pi, p)| p.glyphs.iter().enumerate().map(move |(gi, g)| (pi, gi, g)))
                .filter(|(_, _, g)| {
                    g.inserted.is_none() && matches!(char_at(self.text, g.pos as usize), Some(' ' | '\u{00A0}'))
                })
                .map(|(pi, gi, _)| (pi, gi))
                .collect();
            let delta = measure - width;
            if !spaces.is_empty() && !(-EPS..=EPS).contains(&delta) {
                let each = delta / spaces.len() as f32;
                for (pi, gi) in spaces {
                    if let Some(g) = pieces.get_mut(pi).and_then(|p| p.glyphs.get_mut(gi)) {
                        g.advance = (g.advance + each).max(0.0);
                    }
                }
                width = pieces.iter().flat_map(|p| &p.glyphs).map(|g| g.advance).sum();
            }
            justified = (width - measure).abs() <= 0.01;
        }
        let mut scale = 1.0f32;
        if width > measure + EPS {
            scale = measure / width;
            self.warnings.push(LayoutWarning::Overfull { line: index, scale });
            for g in pieces.iter_mut().flat_map(|p| p.glyphs.iter_mut()) {
                g.advance *= scale;
                g.x_offset *= scale;
                g.y_offset *= scale;
            }
            width = measure;
        }
        let x0 = match (self.para.align, self.para.direction) {
            (Align::Center, _) => (measure - width) / 2.0,
            (_, BaseDirection::Rtl) => measure - width,
            (_, BaseDirection::Ltr) => 0.0,
        };
        let runs = self.order_runs(&pieces, start, end, x0, scale);
        let (mut ascent, mut descent) = (0.0f32, 0.0f32);
        for p in &pieces {
            if let Some(f) = self.items.get(p.item).and_then(|it| self.fonts.face(it.face).map(|f| (f, it.size))) {
                ascent = ascent.max(f.0.ascender_em() * f.1 * scale);
                descent = descent.max(f.0.descender_em() * f.1 * scale);
            }
        }
        Line { runs, x: x0, width, baseline: 0.0, ascent, descent, justified, hyphenated, kashidas, source: start..end }
    }

    /// The items' glyphs for `start..end`, re-shaped where a line edge cuts a cluster that is
    /// unsafe to break, or where a hyphen is added.
    fn pieces(&self, start: usize, end: usize, hyphenated: bool) -> Vec<Piece> {
        let mut pieces = Vec::new();
        for (ix, item) in self.items.iter().enumerate() {
            let s = item.range.start.max(start);
            let e = item.range.end.min(end);
            if s >= e {
                continue;
            }
            let add_hyphen = hyphenated && e == end;
            let cut_unsafe = |p: usize| -> bool {
                let mut found = false;
                for g in item.glyphs.iter().filter(|g| g.pos as usize == p) {
                    found = true;
                    if g.unsafe_to_break {
                        return true;
                    }
                }
                !found
            };
            let reshape =
                add_hyphen || (s > item.range.start && cut_unsafe(s)) || (e < item.range.end && cut_unsafe(e));
            let glyphs = if reshape {
                let mut chars = source_chars(self.text, s, e);
                if add_hyphen {
                    chars.push(SourceChar { c: '-', pos: e as u32, inserted: Some(Inserted::Hyphen) });
                }
                match self.request(item, s..e) {
                    Some(mut req) => {
                        // The fragment ends (or starts) the line: no joining across the break.
                        if e < item.range.end || add_hyphen {
                            req.post_context = "";
                        }
                        if s > item.range.start {
                            req.pre_context = "";
                        }
                        shape(&req, &chars)
                    }
                    None => Vec::new(),
                }
            } else {
                item.glyphs.iter().filter(|g| (s..e).contains(&(g.pos as usize))).copied().collect()
            };
            pieces.push(Piece { item: ix, range: s..e, glyphs, kashidas: 0 });
        }
        pieces
    }

    /// Inserts tatweels into the Arabic pieces of a line to take up to `shortfall` points, and
    /// re-shapes them. Returns the number of tatweels kept.
    fn add_kashida(&mut self, pieces: &mut [Piece], start: usize, end: usize, shortfall: f32) -> usize {
        let line_places: Vec<Place> = self
            .places
            .iter()
            .filter(|p| p.pos > start && p.pos < end)
            .filter(|p| {
                pieces.iter().any(|pc| self.items[pc.item].arabic && pc.range.start < p.pos && p.pos < pc.range.end)
            })
            .copied()
            .collect();
        if line_places.is_empty() {
            return 0;
        }
        // Tatweel width of the line's main Arabic face.
        let Some(first) = pieces.iter().find(|p| self.items[p.item].arabic) else { return 0 };
        let (face, size) = (self.items[first.item].face, self.items[first.item].size);
        let tatweel = self.advance_of(face, size, '\u{0640}');
        if tatweel <= 0.0 {
            return 0;
        }
        let mut line_places = line_places;
        let mut count = (shortfall / tatweel).floor() as usize;
        let measure = self.para.measure;
        loop {
            if count == 0 {
                return 0;
            }
            let chosen = kashida::choose(&line_places, count);
            let mut trial: Vec<Option<Vec<ShapedGlyph>>> = Vec::with_capacity(pieces.len());
            let mut placed = 0;
            for p in pieces.iter() {
                let item = &self.items[p.item];
                let here: Vec<(usize, usize)> =
                    chosen.iter().filter(|(pos, _)| p.range.start < *pos && *pos < p.range.end).copied().collect();
                if !item.arabic || here.is_empty() {
                    trial.push(None);
                    continue;
                }
                placed += here.iter().map(|(_, n)| n).sum::<usize>();
                let glyphs = self.shape_with_tatweels(item, p, &here);
                let mut glyphs_out = Vec::with_capacity(glyphs.len() + placed);
                for g in glyphs {
                    let repeat = if g.inserted == Some(Inserted::Tatweel) {
                        here.iter().find(|(pos, _)| *pos == g.pos as usize).map_or(1, |(_, n)| (*n).max(1))
                    } else {
                        1
                    };
                    glyphs_out.extend(std::iter::repeat_n(g, repeat));
                }
                trial.push(Some(glyphs_out));
            }
            // A tatweel must only lengthen the join: if the font draws any letter of the word
            // differently with it (contextual alternates, broken ligatures), that place is
            // dropped and the choice made again.
            let mut spoilt = Vec::new();
            for (pos, _) in &chosen {
                let word = word_around(self.text, *pos);
                let ids = |gs: &[ShapedGlyph]| -> Vec<u16> {
                    gs.iter()
                        .filter(|g| g.inserted.is_none() && word.contains(&(g.pos as usize)))
                        .map(|g| g.id)
                        .collect()
                };
                let changed =
                    pieces.iter().zip(&trial).any(|(p, t)| t.as_ref().is_some_and(|t| ids(t) != ids(&p.glyphs)));
                if changed {
                    spoilt.push(*pos);
                }
            }
            if !spoilt.is_empty() {
                line_places.retain(|p| !spoilt.contains(&p.pos));
                self.places.retain(|p| !spoilt.contains(&p.pos));
                if line_places.is_empty() {
                    return 0;
                }
                continue;
            }
            let width: f32 = pieces
                .iter()
                .zip(&trial)
                .map(|(p, t)| t.as_ref().unwrap_or(&p.glyphs).iter().map(|g| g.advance).sum::<f32>())
                .sum();
            // Re-shaping can change ligatures around the tatweels; if the line grew past the
            // measure, use one tatweel fewer.
            if width <= measure + EPS {
                for (p, t) in pieces.iter_mut().zip(trial) {
                    if let Some(g) = t {
                        p.kashidas = g.iter().filter(|g| g.inserted == Some(Inserted::Tatweel)).count();
                        p.glyphs = g;
                    }
                }
                return placed;
            }
            count -= 1;
        }
    }

    /// The glyphs of a piece with a tatweel inserted before each of the `places` (byte
    /// positions), in visual order. Only the words that get a tatweel are shaped again: the
    /// others keep their glyphs, as a space joins nothing (see `shape_by_words`). One tatweel
    /// per place is shaped; a longer stretch repeats its glyph. Fonts may substitute runs of
    /// tatweels with long kashida glyphs of their own (Amiri does), which copy-paste and
    /// checkers cannot tell from letters.
    fn shape_with_tatweels(&self, item: &Item, p: &Piece, places: &[(usize, usize)]) -> Vec<ShapedGlyph> {
        let Some(slice) = self.text.get(p.range.clone()) else { return Vec::new() };
        // A hyphen added at the end of the piece (not in Arabic runs, but a piece may carry one).
        let hyphen = p.glyphs.iter().find(|g| g.inserted == Some(Inserted::Hyphen)).map(|g| g.pos);
        let mut glyphs = Vec::with_capacity(p.glyphs.len() + places.len());
        for word in words_in_visual_order(slice, p.range.start, item.level % 2 == 1) {
            let last = word.end == p.range.end;
            if !places.iter().any(|(pos, _)| word.start < *pos && *pos < word.end) {
                glyphs.extend(
                    p.glyphs
                        .iter()
                        .filter(|g| word.contains(&(g.pos as usize)) || (last && g.inserted == Some(Inserted::Hyphen))),
                );
                continue;
            }
            let mut chars = Vec::with_capacity(word.len() + 4);
            for sc in source_chars(self.text, word.start, word.end) {
                if places.iter().any(|(pos, _)| *pos == sc.pos as usize) {
                    chars.push(SourceChar { c: '\u{0640}', pos: sc.pos, inserted: Some(Inserted::Tatweel) });
                }
                chars.push(sc);
            }
            if let Some(pos) = hyphen.filter(|_| last) {
                chars.push(SourceChar { c: '-', pos, inserted: Some(Inserted::Hyphen) });
            }
            let Some(mut req) = self.request(item, word.clone()) else { continue };
            // Inside the item a word's neighbours are spaces; at a line edge, nothing joins
            // across the break.
            if word.start > item.range.start {
                req.pre_context = "";
            }
            if word.end < item.range.end {
                req.post_context = "";
            }
            glyphs.extend(shape(&req, &chars));
        }
        glyphs
    }

    /// Orders the line's pieces visually (UAX #9 L1–L2 over the line) into glyph runs.
    fn order_runs(&self, pieces: &[Piece], start: usize, end: usize, x0: f32, scale: f32) -> Vec<GlyphRun> {
        let mut runs: Vec<GlyphRun> = Vec::new();
        let mut x = x0;
        for (range, level) in self.bidi.visual_runs(start..end) {
            let rtl = level % 2 == 1;
            let mut parts: Vec<&Piece> =
                pieces.iter().filter(|p| p.range.start < range.end && range.start < p.range.end).collect();
            if rtl {
                parts.reverse();
            }
            for p in parts {
                let item = &self.items[p.item];
                let lo = p.range.start.max(range.start);
                let hi = p.range.end.min(range.end);
                let mut glyphs: Vec<ShapedGlyph> = p
                    .glyphs
                    .iter()
                    .filter(|g| {
                        let pos = g.pos as usize;
                        (lo..hi).contains(&pos)
                            || (g.inserted == Some(Inserted::Hyphen) && hi == p.range.end && pos == hi)
                    })
                    .copied()
                    .collect();
                if glyphs.is_empty() {
                    continue;
                }
                // L1 can lower the level of whitespace inside a piece; its glyph order then
                // follows the run.
                if (item.level % 2 == 1) != rtl {
                    glyphs.reverse();
                }
                let width: f32 = glyphs.iter().map(|g| g.advance).sum();
                let run = make_run(self.text, item.face, item.size * scale, rtl, x, &glyphs, lo..hi);
                x += width;
                match runs.last_mut() {
                    // Merge with the previous part when it is the logically adjacent text in
                    // the same face and direction.
                    Some(prev)
                        if prev.face == run.face
                            && prev.size == run.size
                            && prev.rtl == rtl
                            && !prev.text.ends_with('-')
                            && if rtl {
                                run.source.end == prev.source.start
                            } else {
                                prev.source.end == run.source.start
                            } =>
                    {
                        merge_into(prev, run);
                    }
                    _ => runs.push(run),
                }
            }
        }
        runs
    }
}

/// A glyph run for `glyphs` (visual order) taken from `source` of the paragraph text.
fn make_run(
    text: &str,
    face: FaceId,
    size: f32,
    rtl: bool,
    x: f32,
    glyphs: &[ShapedGlyph],
    source: Range<usize>,
) -> GlyphRun {
    let mut run_text = text.get(source.clone()).unwrap_or("").to_owned();
    let has_hyphen = glyphs.iter().any(|g| g.inserted == Some(Inserted::Hyphen));
    if has_hyphen {
        run_text.push('-');
    }
    // Cluster starts in logical order, to find where each cluster's text ends.
    let mut starts: Vec<usize> =
        glyphs.iter().filter(|g| g.inserted.is_none()).map(|g| g.pos as usize - source.start).collect();
    starts.sort_unstable();
    starts.dedup();
    let source_len = source.len();
    let positioned = glyphs
        .iter()
        .map(|g| {
            let rel = (g.pos as usize).saturating_sub(source.start);
            let text = match g.inserted {
                Some(Inserted::Tatweel) => rel..rel,
                Some(Inserted::Hyphen) => source_len..source_len + 1,
                None => {
                    let next = starts.iter().find(|&&s| s > rel).copied().unwrap_or(source_len);
                    without_bidi_controls(&run_text, rel..next)
                }
            };
            PositionedGlyph { id: g.id, x_advance: g.advance, x_offset: g.x_offset, y_offset: g.y_offset, text }
        })
        .collect::<Vec<_>>();
    let width = glyphs.iter().map(|g| g.advance).sum();
    GlyphRun { face, size, rtl, x, width, glyphs: positioned, text: run_text, source }
}

/// Appends `next` (visually to the right of `prev`, logically adjacent) to `prev`.
fn merge_into(prev: &mut GlyphRun, next: GlyphRun) {
    if prev.rtl {
        // `next` is logically before `prev`: its text goes first and `prev`'s ranges shift.
        let shift = next.text.len();
        for g in &mut prev.glyphs {
            g.text = g.text.start + shift..g.text.end + shift;
        }
        prev.text = next.text + &prev.text;
        prev.source = next.source.start..prev.source.end;
        prev.glyphs.extend(next.glyphs);
    } else {
        let shift = prev.text.len();
        prev.glyphs.extend(next.glyphs.into_iter().map(|mut g| {
            g.text = g.text.start + shift..g.text.end + shift;
            g
        }));
        prev.text.push_str(&next.text);
        prev.source = prev.source.start..next.source.end;
    }
    prev.width += next.width;
}

/// `range` of `text` without the bidi controls at its ends: they have no glyph, so the text
/// a cluster gives back must not include them.
fn without_bidi_controls(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else { return range };
    let trimmed_start = slice.trim_start_matches(is_bidi_control);
    let start = range.end - trimmed_start.len();
    let end = start + trimmed_start.trim_end_matches(is_bidi_control).len();
    start..end
}

fn fitness_class(ratio: f32) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

fn prefix_sums(v: &[f32]) -> Vec<f32> {
    let mut out = Vec::with_capacity(v.len() + 1);
    let mut acc = 0.0f32;
    out.push(0.0);
    for x in v {
        acc += x;
        out.push(acc);
    }
    out
}

/// The word (between whitespace) around byte `pos`.
/// The words of `slice` (which starts at byte `offset` of the paragraph), each with the
/// spaces after it, in the order they are drawn.
fn words_in_visual_order(slice: &str, offset: usize, rtl: bool) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = offset;
    let mut after_space = false;
    for (i, c) in slice.char_indices() {
        let space = c == ' ';
        if after_space && !space {
            words.push(start..offset + i);
            start = offset + i;
        }
        after_space = space;
    }
    words.push(start..offset + slice.len());
    if rtl {
        // Right to left: the last word is drawn first.
        words.reverse();
    }
    words
}

fn word_around(text: &str, pos: usize) -> Range<usize> {
    let start = text
        .get(..pos)
        .and_then(|s| s.char_indices().rev().find(|(_, c)| c.is_whitespace()))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text
        .get(pos..)
        .and_then(|s| s.char_indices().find(|(_, c)| c.is_whitespace()))
        .map_or(text.len(), |(i, _)| pos + i);
    start..end
}

fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|s| s.chars().next())
}

/// Characters with no ink that fonts need not cover (controls, joiners, bidi marks).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}')
}

fn context_before(text: &str, pos: usize) -> &str {
    let s = text.get(..pos).unwrap_or("");
    let from = s.char_indices().rev().nth(7).map_or(0, |(i, _)| i);
    &s[from..]
}

fn context_after(text: &str, pos: usize) -> &str {
    let s = text.get(pos..).unwrap_or("");
    let to = s.char_indices().nth(8).map_or(s.len(), |(i, _)| i);
    &s[..to]
}
