//! From the brief's blocks to a flow of pieces: laid-out lines, table rows, labels and
//! rules, each knowing its height, the notes it calls and whether a page may end after it.
//! Pagination (paginate.rs) only decides where pages end.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use mizan_brief::{
    Alignment, Block, BlockKind, Brief, CitationGroup, ClaimKind, Digits as BriefDigits, Direction, Inline, Marker,
    Span,
};
use mizan_i18n::{Arg, Lang};
use mizan_layout::{
    Align, Digits, Direction as LDir, FontSet, Lang as LLang, LayoutWarning, Paragraph, ParagraphLayout, Span as LSpan,
    SpanStyle, Weight, french_spacing, layout_paragraph, shape_words,
};
use mizan_pdf::{Color, PageItem};
use mizan_source::Source;

use crate::csl::{self, Styled};
use crate::labels::Labels;
use crate::style::{Colors, NotePlacement, Paper, Style};
use crate::{ExportError, ExportOptions, ExportWarning, SourceLookup};

/// Left-to-right and right-to-left isolates around note calls, so a call keeps the brief's
/// direction whatever text precedes it.
const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';
const PDI: char = '\u{2069}';

/// A unit of the flow. Coordinates of `items` are absolute in x and relative to the
/// piece's top in y.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub(crate) height: f32,
    /// Space above, dropped at the top of a page.
    pub(crate) space_before: f32,
    pub(crate) items: Vec<PageItem>,
    /// Notes (indexes into [`Composed::notes`]) called in this piece.
    pub(crate) notes: Vec<usize>,
    /// A page may end after this piece (widows, orphans, headings kept with what follows).
    pub(crate) break_after: bool,
    /// Start a new page before this piece.
    pub(crate) new_page: bool,
    /// For a table row: the header piece to repeat when the row starts a page.
    pub(crate) repeat: Option<usize>,
    /// Baseline of the first line, from the top (for list bullets).
    baseline: Option<f32>,
}

impl Piece {
    fn new(height: f32) -> Self {
        Self {
            height,
            space_before: 0.0,
            items: Vec::new(),
            notes: Vec::new(),
            break_after: true,
            new_page: false,
            repeat: None,
            baseline: None,
        }
    }
}

/// A footnote, laid out at the body measure.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    pub(crate) layout: ParagraphLayout,
}

/// The page geometry, in points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub(crate) width: f32,
    pub(crate) height: f32,
    /// Left edge of the text block.
    pub(crate) left: f32,
    pub(crate) measure: f32,
    pub(crate) top: f32,
    pub(crate) bottom: f32,
}

/// Everything pagination needs.
#[derive(Debug)]
pub(crate) struct Composed {
    pub(crate) fonts: &'static FontSet,
    /// The brief's labels, loaded once for composition and page furniture.
    pub(crate) labels: Labels,
    pub(crate) frame: Frame,
    pub(crate) pieces: Vec<Piece>,
    /// Footnotes, by note index (empty with endnotes).
    pub(crate) notes: Vec<Note>,
    pub(crate) warnings: Vec<ExportWarning>,
    pub(crate) rtl: bool,
    pub(crate) lang: Lang,
}

/// A run of text with its style, before layout.
#[derive(Debug, Clone)]
struct Run {
    text: String,
    style: SpanStyle,
    verbatim: bool,
    /// A note call: the note's index.
    note: Option<usize>,
    /// Language of the words when not the paragraph's (a source title).
    lang: Option<LLang>,
}

impl Run {
    fn new(text: impl Into<String>, style: SpanStyle) -> Self {
        Self { text: text.into(), style, verbatim: false, note: None, lang: None }
    }

    /// A run of CSL output.
    fn styled(piece: &Styled, size: f32) -> Self {
        let style =
            SpanStyle { size, weight: if piece.bold { Weight::Bold } else { Weight::Regular }, italic: piece.italic };
        Self {
            text: piece.text.clone(),
            style,
            verbatim: piece.verbatim,
            note: None,
            lang: piece.lang.map(layout_lang),
        }
    }
}

/// A bar beside a paragraph (judgments, assumptions, quotations).
#[derive(Debug, Clone, Copy)]
struct Bar {
    x: f32,
    width: f32,
    color: Color,
}

/// How to set one paragraph.
#[derive(Debug, Clone)]
struct Setting {
    left: f32,
    measure: f32,
    direction: LDir,
    lang: LLang,
    align: Align,
    color: Color,
    bar: Option<Bar>,
    space_before: f32,
    keep_with_next: bool,
    /// Where the text comes from in the brief, for warnings.
    origin: Span,
}

/// The horizontal box blocks are set in, and the direction of the brief.
#[derive(Debug, Clone, Copy)]
struct Boxed {
    left: f32,
    measure: f32,
    depth: usize,
}

struct Composer<'a> {
    brief: &'a Brief,
    style: &'a Style,
    labels: Labels,
    fonts: &'static FontSet,
    frame: Frame,
    rtl: bool,
    lang: Lang,
    pieces: Vec<Piece>,
    warnings: Vec<ExportWarning>,
    /// CSL text of each citation group, by the group's start offset.
    csl_notes: HashMap<usize, Vec<Styled>>,
    /// Markdown footnote definitions by label.
    footnotes: HashMap<String, Vec<Block>>,
    /// Note contents in call order.
    note_texts: Vec<Vec<Styled>>,
    /// Cited keys and the notes that cite them.
    cited: BTreeMap<String, Vec<usize>>,
    cited_order: Vec<String>,
    /// Paragraphs laid out ahead by the second thread ([`lay_out_ahead`]).
    ahead: &'a Ahead,
    /// The top-level block being composed, if any.
    block_index: Option<usize>,
}

/// Paragraphs of top-level blocks laid out ahead, by block index, each with the paragraph it
/// is the layout of: composition takes a layout only for an equal paragraph (layout is a
/// pure function of the paragraph and the fonts), so what the second thread guessed can never
/// change the output.
#[derive(Debug, Default)]
pub(crate) struct Ahead(Mutex<HashMap<usize, (Paragraph, ParagraphLayout)>>);

impl Ahead {
    fn put(&self, block: usize, paragraph: Paragraph, layout: ParagraphLayout) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(block, (paragraph, layout));
    }

    /// The layout of `paragraph` if it was laid out ahead for this block.
    fn take(&self, block: usize, paragraph: &Paragraph) -> Option<ParagraphLayout> {
        let mut laid = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if laid.get(&block).is_some_and(|(p, _)| p == paragraph) {
            laid.remove(&block).map(|(_, layout)| layout)
        } else {
            None
        }
    }
}

pub(crate) fn compose(
    brief: &Brief,
    sources: &dyn SourceLookup,
    options: &ExportOptions,
) -> Result<Composed, ExportError> {
    // Parsed once per process: the app exports many times.
    let fonts = FontSet::shared();
    let frame = frame(&options.style, options.paper, brief.lang.is_rtl());
    let digits = digits(brief);
    let composing = AtomicUsize::new(0);
    let ahead = Ahead::default();
    std::thread::scope(|scope| {
        // Layout is the largest part of composition: a second thread, when there is one, lays
        // out the body from its end while this one composes from its start.
        let _ahead = std::thread::Builder::new().spawn_scoped(scope, || {
            lay_out_ahead(brief, &options.style, frame, digits, fonts, &composing, &ahead);
        });
        let composed = compose_with(brief, sources, options, fonts, frame, digits, &composing, &ahead);
        // Also when composition stopped on an error: the helper has nothing left to do.
        composing.store(usize::MAX, Ordering::Relaxed);
        composed
    })
}

/// The page geometry of a style and paper, mirrored for right-to-left briefs.
fn frame(style: &Style, paper: Paper, rtl: bool) -> Frame {
    let (width, height) = paper.size();
    let (left_margin, right_margin) = if rtl {
        (style.page.margin_end, style.page.margin_start)
    } else {
        (style.page.margin_start, style.page.margin_end)
    };
    Frame {
        width,
        height,
        left: left_margin,
        measure: (width - left_margin - right_margin).max(72.0),
        top: style.page.margin_top,
        bottom: height - style.page.margin_bottom,
    }
}

/// The digits of the numbers the PDF prints.
fn digits(brief: &Brief) -> Digits {
    match brief.front.digits {
        Some(BriefDigits::Arab) => Digits::ArabicIndic,
        Some(BriefDigits::Latn) => Digits::Western,
        // Without a choice, Arabic briefs keep Western digits (the Maghreb's, and what the
        // analyst's own text most likely uses).
        None => Digits::Western,
    }
}

/// Composition proper; `composing` tells [`lay_out_ahead`] which top-level block it has
/// reached, and `ahead` holds what that thread laid out.
#[allow(clippy::too_many_arguments)]
fn compose_with(
    brief: &Brief,
    sources: &dyn SourceLookup,
    options: &ExportOptions,
    fonts: &'static FontSet,
    frame: Frame,
    digits: Digits,
    composing: &AtomicUsize,
    ahead: &Ahead,
) -> Result<Composed, ExportError> {
    let style = &options.style;
    let lang = brief.lang;
    let rtl = lang.is_rtl();
    let labels = Labels::new(lang, digits);

    // Notes: every citation group formatted by CSL, in document order.
    let groups: Vec<&CitationGroup> = brief.citations.iter().collect();
    let lookup = |key: &str| -> Option<Source> { sources.source(key) };
    // Decoding the CSL style costs a few milliseconds: only when there is something to cite.
    let formatted = if groups.is_empty() {
        csl::Formatted::default()
    } else {
        let csl_style = csl::load_style(&style.notes.csl_style)?;
        csl::format(&groups, &lookup, &csl_style, lang, &labels)
    };
    let csl_notes: HashMap<usize, Vec<Styled>> = groups.iter().map(|g| g.span.start).zip(formatted.notes).collect();

    let mut footnotes = HashMap::new();
    collect_footnotes(&brief.blocks, &mut footnotes);

    let mut c = Composer {
        brief,
        style,
        labels,
        fonts,
        frame,
        rtl,
        lang,
        pieces: Vec::new(),
        warnings: Vec::new(),
        csl_notes,
        footnotes,
        note_texts: Vec::new(),
        cited: BTreeMap::new(),
        cited_order: Vec::new(),
        ahead,
        block_index: None,
    };
    for group in &groups {
        for item in &group.items {
            let key = item.key.as_str();
            if sources.source(key).is_none() {
                let (line, column) = brief.line_col(group.span.start);
                c.warnings.push(ExportWarning::UnknownSource { key: key.to_owned(), line, column });
            }
        }
    }
    c.cover()?;
    let body = Boxed { left: frame.left, measure: frame.measure, depth: 0 };
    for (i, block) in brief.blocks.iter().enumerate() {
        composing.store(i, Ordering::Relaxed);
        c.block_index = Some(i);
        c.block(block, body, None)?;
    }
    c.block_index = None;
    composing.store(usize::MAX, Ordering::Relaxed);
    let notes = match style.notes.placement {
        NotePlacement::Footnotes => c.footnote_layouts()?,
        NotePlacement::Endnotes => {
            c.endnotes()?;
            Vec::new()
        }
    };
    c.annex(sources, &formatted.bibliography)?;
    Ok(Composed { fonts: c.fonts, labels: c.labels, frame, pieces: c.pieces, notes, warnings: c.warnings, rtl, lang })
}

fn collect_footnotes(blocks: &[Block], out: &mut HashMap<String, Vec<Block>>) {
    for block in blocks {
        match &block.kind {
            BlockKind::Footnote { label, blocks } => {
                out.entry(label.clone()).or_insert_with(|| blocks.clone());
            }
            BlockKind::Quote(inner) => collect_footnotes(inner, out),
            BlockKind::List { items, .. } => items.iter().for_each(|item| collect_footnotes(item, out)),
            _ => {}
        }
    }
}

/// Runs for inline content. Citations and footnote references go to `call`, which adds the
/// note call.
fn inline_runs(
    inlines: &[Inline],
    style: SpanStyle,
    out: &mut Vec<Run>,
    call: &mut dyn FnMut(&Inline, SpanStyle, &mut Vec<Run>),
) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push(Run::new(text.clone(), style)),
            Inline::Code(code) => {
                let mut run = Run::new(code.clone(), style);
                run.verbatim = true;
                out.push(run);
            }
            Inline::Emphasis(inner) => inline_runs(inner, SpanStyle { italic: true, ..style }, out, call),
            Inline::Strong(inner) => inline_runs(inner, SpanStyle { weight: Weight::Bold, ..style }, out, call),
            Inline::Strikethrough(inner) | Inline::Link { content: inner, .. } => inline_runs(inner, style, out, call),
            Inline::Image { alt, .. } => inline_runs(alt, SpanStyle { italic: true, ..style }, out, call),
            Inline::Citation(_) | Inline::FootnoteRef(_) => call(inline, style, out),
            Inline::SoftBreak => out.push(Run::new(" ", style)),
            Inline::HardBreak => out.push(Run::new("\u{2028}", style)),
            Inline::Html(_) => {}
        }
    }
}

/// A note call hugs the word before it: the space typed before `[@…]` goes.
fn hug_call(out: &mut [Run]) {
    if let Some(last) = out.last_mut()
        && last.note.is_none()
    {
        let trimmed = last.text.trim_end().len();
        last.text.truncate(trimmed);
    }
}

/// A note call in a paragraph: its byte range in the paragraph text, the note's index, its size.
type Call = (Range<usize>, usize, f32);

/// The layout spans of runs (French spacing applied to French text), and the note calls among
/// them.
fn spans(runs: &[Run], paragraph_lang: LLang) -> (Vec<LSpan>, Vec<Call>) {
    let mut spans = Vec::with_capacity(runs.len());
    let mut calls = Vec::new();
    let mut offset = 0;
    for run in runs {
        let lang = run.lang.unwrap_or(paragraph_lang);
        let text = if lang == LLang::Fr && !run.verbatim && run.note.is_none() {
            french_spacing(&run.text)
        } else {
            run.text.clone()
        };
        if let Some(note) = run.note {
            calls.push((offset..offset + text.len(), note, run.style.size));
        }
        offset += text.len();
        let mut span = LSpan::new(text, run.style);
        span.verbatim = run.verbatim;
        span.lang = run.lang;
        spans.push(span);
    }
    (spans, calls)
}

/// The language of a block: the brief's, except a left-to-right block in an Arabic brief (a
/// quotation), which is French when it looks French and English otherwise.
fn block_lang(brief: Lang, direction: Direction, text: &str) -> LLang {
    match (brief, direction) {
        (Lang::Ar, Direction::Ltr) => {
            if text.chars().any(|c| "éèêàâçùûîôœ«»".contains(c)) {
                LLang::Fr
            } else {
                LLang::En
            }
        }
        (lang, _) => layout_lang(lang),
    }
}

fn layout_direction(direction: Direction) -> LDir {
    match direction {
        Direction::Rtl => LDir::Rtl,
        Direction::Ltr => LDir::Ltr,
    }
}

/// Lays out the brief's body on a second thread, last block first, while composition goes
/// first block first; it stops at the block composition has reached (`composing`, the index of
/// the top-level block being composed). Headings and paragraphs are built as composition builds
/// them (the same functions, with note calls numbered as composition will number them) and
/// laid out whole into `ahead`; of other blocks (lists, quotations, tables) only the words are
/// shaped, into the faces' word caches. Composition then finds the work done: a layout is
/// taken only for an equal paragraph, and a cached word holds exactly the glyphs shaping it
/// again would give, so the output never depends on this thread.
fn lay_out_ahead(
    brief: &Brief,
    style: &Style,
    frame: Frame,
    digits: Digits,
    fonts: &FontSet,
    composing: &AtomicUsize,
    ahead: &Ahead,
) {
    let labels = Labels::new(brief.lang, digits);
    let body = Boxed { left: frame.left, measure: frame.measure, depth: 0 };
    // Notes are numbered in document order: the first note of each top-level block.
    let mut first_note = Vec::with_capacity(brief.blocks.len());
    let mut notes = 0;
    for block in &brief.blocks {
        first_note.push(notes);
        notes += note_calls(block);
    }
    let mut paragraphs = Vec::new();
    for (i, block) in brief.blocks.iter().enumerate().rev() {
        if composing.load(Ordering::Relaxed) >= i {
            break;
        }
        let note = first_note.get(i).copied().unwrap_or(0);
        if let Some(paragraph) = text_paragraph(brief, style, &labels, block, body, note) {
            if let Ok(layout) = layout_paragraph(&paragraph, fonts) {
                ahead.put(i, paragraph, layout);
            }
            continue;
        }
        paragraphs.clear();
        body_paragraphs(brief.lang, block, &mut paragraphs);
        for paragraph in &paragraphs {
            shape_words(paragraph, fonts);
        }
    }
}

/// The paragraph composition sets for a heading or a paragraph block in `area` whose first
/// note call is note `first_note` (the body text only: a judgment's label is set apart).
fn text_paragraph(
    brief: &Brief,
    style: &Style,
    labels: &Labels,
    block: &Block,
    area: Boxed,
    first_note: usize,
) -> Option<Paragraph> {
    let dir = layout_direction(block.direction);
    let mut next_note = first_note;
    let mut runs = Vec::new();
    let mut call = |_: &Inline, style: SpanStyle, out: &mut Vec<Run>| {
        note_call(labels, next_note, style, dir, out);
        next_note += 1;
    };
    let setting = match &block.kind {
        BlockKind::Heading { level, content } => {
            inline_runs(content, bold(heading_size(style, *level, dir)), &mut runs, &mut call);
            heading_setting(style, brief.lang, block, *level, area, &runs)
        }
        BlockKind::Paragraph { marker, content } => {
            inline_runs(content, regular(body_size(style, dir)), &mut runs, &mut call);
            paragraph_setting(style, brief.lang, block, marker.as_ref(), area, &runs)
        }
        _ => return None,
    };
    paragraph_of(runs, &setting).map(|(paragraph, _)| paragraph)
}

/// How many note calls a block makes (citations and footnote references, at any depth).
fn note_calls(block: &Block) -> usize {
    fn inlines(content: &[Inline]) -> usize {
        content
            .iter()
            .map(|inline| match inline {
                Inline::Citation(_) | Inline::FootnoteRef(_) => 1,
                Inline::Emphasis(inner)
                | Inline::Strong(inner)
                | Inline::Strikethrough(inner)
                | Inline::Link { content: inner, .. }
                | Inline::Image { alt: inner, .. } => inlines(inner),
                _ => 0,
            })
            .sum()
    }
    match &block.kind {
        BlockKind::Heading { content, .. } | BlockKind::Paragraph { content, .. } => inlines(content),
        BlockKind::Table { header, rows, .. } => {
            header.iter().chain(rows.iter().flatten()).map(|cell| inlines(cell)).sum()
        }
        BlockKind::List { items, .. } => items.iter().flatten().map(note_calls).sum(),
        BlockKind::Quote(children) => children.iter().map(note_calls).sum(),
        BlockKind::Code { .. } | BlockKind::Html(_) | BlockKind::Rule | BlockKind::Footnote { .. } => 0,
    }
}

/// A note call: the note's number, small and isolated in the block's direction, hugging the
/// word before it.
fn note_call(labels: &Labels, index: usize, style: SpanStyle, dir: LDir, out: &mut Vec<Run>) {
    hug_call(out);
    let isolate = if dir == LDir::Rtl { RLI } else { LRI };
    let mut run = Run::new(
        format!("{isolate}{}{PDI}", labels.number(index + 1)),
        SpanStyle { size: style.size * 0.62, weight: Weight::Regular, italic: false },
    );
    run.note = Some(index);
    out.push(run);
}

/// The paragraph `set` lays out for runs and a setting, and the note calls in it; `None` when
/// there is no text.
fn paragraph_of(runs: Vec<Run>, s: &Setting) -> Option<(Paragraph, Vec<Call>)> {
    let runs: Vec<Run> = runs.into_iter().filter(|r| !r.text.is_empty()).collect();
    if runs.is_empty() {
        return None;
    }
    let (spans, calls) = spans(&runs, s.lang);
    let paragraph = Paragraph {
        spans,
        direction: s.direction,
        align: s.align,
        measure: s.measure.max(1.0),
        lang: s.lang,
        line_height: None,
    };
    Some((paragraph, calls))
}

/// The body text size in a direction (Arabic is set larger).
fn body_size(style: &Style, direction: LDir) -> f32 {
    if direction == LDir::Rtl { style.fonts.body_size_arabic } else { style.fonts.body_size }
}

/// The text size of a heading of `level`.
fn heading_size(style: &Style, level: u8, dir: LDir) -> f32 {
    let size = if level <= 2 { style.fonts.heading_size } else { style.fonts.subheading_size };
    if dir == LDir::Rtl { size * 1.18 } else { size }
}

/// How a heading is set, given its runs.
fn heading_setting(style: &Style, brief_lang: Lang, block: &Block, level: u8, area: Boxed, runs: &[Run]) -> Setting {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let before = if level <= 2 { style.spacing.heading_before } else { style.spacing.heading_before * 0.7 };
    Setting {
        left: area.left,
        measure: area.measure,
        direction: layout_direction(block.direction),
        lang: block_lang(brief_lang, block.direction, &text),
        align: Align::Start,
        color: style.colors.accent,
        bar: None,
        space_before: before,
        keep_with_next: true,
        origin: block.span,
    }
}

/// How a paragraph is set, given its runs: justified, and narrowed beside a bar when it is a
/// judgment or an assumption (its label is set above, by the caller).
fn paragraph_setting(
    style: &Style,
    brief_lang: Lang,
    block: &Block,
    marker: Option<&Marker>,
    area: Boxed,
    runs: &[Run],
) -> Setting {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let dir = layout_direction(block.direction);
    let sp = &style.spacing;
    let mut setting = Setting {
        left: area.left,
        measure: area.measure,
        direction: dir,
        lang: block_lang(brief_lang, block.direction, &text),
        align: Align::Justify,
        color: style.colors.text,
        bar: None,
        space_before: sp.paragraph,
        keep_with_next: false,
        origin: block.span,
    };
    if let Some(marker) = marker {
        // The bar stands in the start margin of the text, the label above it.
        let gap = sp.judgment_gap;
        let bar_x = if dir == LDir::Rtl { area.left + area.measure - sp.judgment_bar } else { area.left };
        setting.bar = Some(Bar { x: bar_x, width: sp.judgment_bar, color: marker_color(&style.colors, marker) });
        setting.measure = (area.measure - gap - sp.judgment_bar).max(24.0);
        if dir == LDir::Ltr {
            setting.left = area.left + gap + sp.judgment_bar;
        }
    }
    setting
}

/// The colour of a judgment's or an assumption's bar and label.
fn marker_color(colors: &Colors, marker: &Marker) -> Color {
    if marker.kind == ClaimKind::Assumption { colors.assumption } else { colors.judgment }
}

/// The paragraphs composition sets for a block's text (headings, paragraphs, list items,
/// quotations, table cells, code), as far as shaping goes: sizes and measures do not change
/// the shapes of words, so a nominal size and measure stand in for the style's.
fn body_paragraphs(brief_lang: Lang, block: &Block, out: &mut Vec<Paragraph>) {
    let direction = layout_direction(block.direction);
    let mut add = |inlines: &[Inline], weight: Weight, lang: Option<LLang>| {
        let mut runs = Vec::new();
        let style = SpanStyle { size: 10.0, weight, italic: false };
        inline_runs(inlines, style, &mut runs, &mut |_, _, out| hug_call(out));
        runs.retain(|r| !r.text.is_empty());
        if runs.is_empty() {
            return;
        }
        let lang = lang.unwrap_or_else(|| {
            let text: String = runs.iter().map(|r| r.text.as_str()).collect();
            block_lang(brief_lang, block.direction, &text)
        });
        let (spans, _) = spans(&runs, lang);
        out.push(Paragraph { spans, direction, align: Align::Start, measure: 1000.0, lang, line_height: None });
    };
    match &block.kind {
        BlockKind::Heading { content, .. } => add(content, Weight::Bold, None),
        BlockKind::Paragraph { content, .. } => add(content, Weight::Regular, None),
        BlockKind::Table { header, rows, .. } => {
            let lang = Some(layout_lang(brief_lang));
            header.iter().for_each(|cell| add(cell, Weight::Bold, lang));
            rows.iter().flatten().for_each(|cell| add(cell, Weight::Regular, lang));
        }
        BlockKind::List { items, .. } => {
            items.iter().flatten().for_each(|child| body_paragraphs(brief_lang, child, out));
        }
        BlockKind::Quote(children) => children.iter().for_each(|child| body_paragraphs(brief_lang, child, out)),
        BlockKind::Code { .. } | BlockKind::Html(_) | BlockKind::Rule | BlockKind::Footnote { .. } => {}
    }
}

fn layout_lang(lang: Lang) -> LLang {
    match lang {
        Lang::Ar => LLang::Ar,
        Lang::Fr => LLang::Fr,
        Lang::En => LLang::En,
    }
}

fn regular(size: f32) -> SpanStyle {
    SpanStyle { size, weight: Weight::Regular, italic: false }
}

fn bold(size: f32) -> SpanStyle {
    SpanStyle { size, weight: Weight::Bold, italic: false }
}

/// Moves every item of a piece down by `dy` (relative → page coordinates).
pub(crate) fn shift(item: &PageItem, dx: f32, dy: f32) -> PageItem {
    match item {
        PageItem::Glyphs { x, baseline, run, color } => {
            PageItem::Glyphs { x: x + dx, baseline: baseline + dy, run: run.clone(), color: *color }
        }
        PageItem::Watermark { origin, angle, run, color } => PageItem::Watermark {
            origin: (origin.0 + dx, origin.1 + dy),
            angle: *angle,
            run: run.clone(),
            color: *color,
        },
        PageItem::Rule { from, to, thickness, color } => PageItem::Rule {
            from: (from.0 + dx, from.1 + dy),
            to: (to.0 + dx, to.1 + dy),
            thickness: *thickness,
            color: *color,
        },
        PageItem::Rect { x, y, width, height, color } => {
            PageItem::Rect { x: x + dx, y: y + dy, width: *width, height: *height, color: *color }
        }
    }
}

impl Composer<'_> {
    fn block_direction(&self, direction: Direction) -> LDir {
        layout_direction(direction)
    }

    fn body_size(&self, direction: LDir) -> f32 {
        body_size(self.style, direction)
    }

    fn position(&self, origin: Span, ch: Option<char>) -> (u32, u32) {
        let text = self.brief.text();
        let at = ch
            .and_then(|ch| text.get(origin.start..origin.end.min(text.len())).and_then(|t| t.find(ch)))
            .map_or(origin.start, |i| origin.start + i);
        self.brief.line_col(at)
    }

    /// Lays out runs as a paragraph and cuts it into line pieces.
    fn set(&mut self, runs: Vec<Run>, s: &Setting) -> Result<Vec<Piece>, ExportError> {
        let Some((paragraph, calls)) = paragraph_of(runs, s) else { return Ok(Vec::new()) };
        let layout = match self.block_index.and_then(|i| self.ahead.take(i, &paragraph)) {
            Some(layout) => layout,
            None => layout_paragraph(&paragraph, self.fonts).map_err(|e| {
                let (line, _) = self.position(s.origin, None);
                ExportError::Layout { line, detail: e.to_string() }
            })?,
        };
        let text = paragraph.text();
        for warning in &layout.warnings {
            match warning {
                LayoutWarning::MissingGlyph { ch, offset } => {
                    let _ = offset;
                    let (line, column) = self.position(s.origin, Some(*ch));
                    let w = ExportWarning::MissingGlyph { ch: *ch, line, column };
                    if !self.warnings.contains(&w) {
                        self.warnings.push(w);
                    }
                }
                LayoutWarning::Overfull { .. } => {
                    let (line, column) = self.position(s.origin, None);
                    let w = ExportWarning::Overfull { line, column };
                    if !self.warnings.contains(&w) {
                        self.warnings.push(w);
                    }
                }
            }
        }
        let _ = text;
        Ok(self.cut(&layout, s, &calls))
    }

    /// One piece per line, with widow and orphan control: a page may break inside a
    /// paragraph only with two lines on each side.
    fn cut(&self, layout: &ParagraphLayout, s: &Setting, calls: &[Call]) -> Vec<Piece> {
        let n = layout.lines.len();
        let lh = layout.line_height;
        let mut pieces = Vec::with_capacity(n);
        for (k, line) in layout.lines.iter().enumerate() {
            let top = k as f32 * lh;
            let rel = line.baseline - top;
            let mut piece = Piece::new(lh);
            piece.baseline = Some(rel);
            if k == 0 {
                piece.space_before = s.space_before;
            }
            let next_start = layout.lines.get(k + 1).map_or(usize::MAX, |l| l.source.start);
            let start = if k == 0 { 0 } else { line.source.start };
            for (range, note, size) in calls {
                if range.start >= start && range.start < next_start {
                    piece.notes.push(*note);
                }
                let _ = size;
            }
            for run in &line.runs {
                // Note calls are superscript: raised by a third of the body size.
                let call = calls.iter().find(|(r, _, _)| r.start < run.source.end && run.source.start < r.end);
                let raise = call.map_or(0.0, |(_, _, size)| size * 0.55);
                piece.items.push(PageItem::Glyphs {
                    x: s.left,
                    baseline: rel - raise,
                    run: run.clone(),
                    color: s.color,
                });
            }
            if let Some(bar) = s.bar {
                piece.items.push(PageItem::Rect { x: bar.x, y: 0.0, width: bar.width, height: lh, color: bar.color });
            }
            let lines_before = k + 1;
            let lines_after = n - lines_before;
            piece.break_after =
                if lines_after == 0 { !s.keep_with_next } else { lines_before >= 2 && lines_after >= 2 };
            pieces.push(piece);
        }
        pieces
    }

    /// Runs for inline content; citations and footnote references become note calls.
    fn inlines(&mut self, inlines: &[Inline], style: SpanStyle, call_dir: LDir, out: &mut Vec<Run>) {
        inline_runs(inlines, style, out, &mut |inline, style, out| match inline {
            Inline::Citation(group) => {
                let text = self.csl_notes.get(&group.span.start).cloned().unwrap_or_default();
                let keys: Vec<String> = group.items.iter().map(|i| i.key.as_str().to_owned()).collect();
                self.call(text, &keys, style, call_dir, out);
            }
            Inline::FootnoteRef(mizan_brief::FootnoteRef { label, .. }) => {
                let blocks = self.footnotes.get(label).cloned().unwrap_or_default();
                let mut text = Vec::new();
                plain_blocks(&blocks, &self.csl_notes, &mut text);
                if text.is_empty() {
                    text.push(Styled::plain(format!("[^{label}]")));
                }
                self.call(text, &[], style, call_dir, out);
            }
            _ => {}
        });
    }

    /// Adds a note and its call.
    fn call(&mut self, text: Vec<Styled>, keys: &[String], style: SpanStyle, dir: LDir, out: &mut Vec<Run>) {
        let index = self.note_texts.len();
        self.note_texts.push(text);
        for key in keys {
            if !self.cited.contains_key(key) {
                self.cited_order.push(key.clone());
            }
            let notes = self.cited.entry(key.clone()).or_default();
            if notes.last() != Some(&(index + 1)) {
                notes.push(index + 1);
            }
        }
        note_call(&self.labels, index, style, dir, out);
    }

    fn block(&mut self, block: &Block, area: Boxed, bullet: Option<String>) -> Result<(), ExportError> {
        let dir = self.block_direction(block.direction);
        let size = self.body_size(dir);
        let sp = &self.style.spacing;
        let colors = &self.style.colors;
        let first_piece = self.pieces.len();
        match &block.kind {
            BlockKind::Heading { level, content } => {
                let mut runs = Vec::new();
                self.inlines(content, bold(heading_size(self.style, *level, dir)), dir, &mut runs);
                let setting = heading_setting(self.style, self.lang, block, *level, area, &runs);
                let mut pieces = self.set(runs, &setting)?;
                if *level <= 2
                    && let Some(last) = pieces.last_mut()
                {
                    let y = last.height + 2.0;
                    last.items.push(PageItem::Rule {
                        from: (area.left, y),
                        to: (area.left + area.measure, y),
                        thickness: 0.5,
                        color: colors.rule,
                    });
                    last.height += 2.0;
                }
                if let Some(last) = pieces.last_mut() {
                    last.height += sp.heading_after;
                }
                self.pieces.extend(pieces);
            }
            BlockKind::Paragraph { marker, content } => {
                let mut runs = Vec::new();
                self.inlines(content, regular(size), dir, &mut runs);
                let mut setting = paragraph_setting(self.style, self.lang, block, marker.as_ref(), area, &runs);
                if let Some(marker) = marker {
                    let label_runs = self.marker_label(marker, block.span);
                    let label_setting = Setting {
                        align: Align::Start,
                        color: marker_color(colors, marker),
                        lang: layout_lang(self.lang),
                        keep_with_next: true,
                        ..setting.clone()
                    };
                    let mut label = self.set(label_runs, &label_setting)?;
                    for piece in &mut label {
                        piece.break_after = false;
                    }
                    self.pieces.extend(label);
                    setting.space_before = 0.0;
                }
                let pieces = self.set(runs, &setting)?;
                self.pieces.extend(pieces);
            }
            BlockKind::List { start, items, .. } => {
                let indent = sp.list_indent;
                // The indent is on the start side of the brief: bullets stand in it.
                let measure = (area.measure - indent).max(24.0);
                let inner = if self.rtl {
                    Boxed { left: area.left, measure, depth: area.depth + 1 }
                } else {
                    Boxed { left: area.left + indent, measure, depth: area.depth + 1 }
                };
                for (i, item) in items.iter().enumerate() {
                    let mark = match start {
                        Some(n) => {
                            format!("{}.", self.labels.number(usize::try_from(*n).unwrap_or(0).saturating_add(i)))
                        }
                        None => if area.depth == 0 { "•" } else { "–" }.to_owned(),
                    };
                    let mut first = true;
                    for child in item {
                        self.block(child, inner, if first { Some(mark.clone()) } else { None })?;
                        first = false;
                    }
                }
            }
            BlockKind::Quote(children) => {
                let indent = sp.quote_indent;
                let inner = Boxed {
                    left: area.left + indent,
                    measure: (area.measure - 2.0 * indent).max(24.0),
                    depth: area.depth,
                };
                let start_of_quote = self.pieces.len();
                for child in children {
                    self.block(child, inner, None)?;
                }
                // A thin rule in the start margin of the quotation, and italics for Latin text.
                let rule_x = if self.rtl { area.left + area.measure - indent * 0.5 } else { area.left + indent * 0.5 };
                for piece in self.pieces.get_mut(start_of_quote..).unwrap_or_default() {
                    let top = 0.0;
                    piece.items.push(PageItem::Rule {
                        from: (rule_x, top),
                        to: (rule_x, piece.height),
                        thickness: 0.8,
                        color: colors.rule,
                    });
                    for item in &mut piece.items {
                        if let PageItem::Glyphs { color, .. } = item {
                            *color = colors.muted;
                        }
                    }
                }
            }
            BlockKind::Table { alignments, header, rows } => self.table(block, alignments, header, rows, area)?,
            BlockKind::Code { text, .. } => {
                let runs = vec![Run {
                    text: text.trim_end().to_owned(),
                    style: regular(self.style.fonts.table_size),
                    verbatim: true,
                    note: None,
                    lang: None,
                }];
                let setting = Setting {
                    left: area.left,
                    measure: area.measure,
                    direction: LDir::Ltr,
                    lang: LLang::En,
                    align: Align::Start,
                    color: colors.muted,
                    bar: None,
                    space_before: sp.paragraph,
                    keep_with_next: false,
                    origin: block.span,
                };
                let pieces = self.set(runs, &setting)?;
                self.pieces.extend(pieces);
            }
            BlockKind::Html(html) => {
                if !html.trim_start().starts_with("<!--") && !html.trim().is_empty() {
                    let (line, column) = self.brief.line_col(block.span.start);
                    self.warnings.push(ExportWarning::Unsupported { what: "raw HTML", line, column });
                }
            }
            BlockKind::Rule => {
                let mut piece = Piece::new(sp.paragraph * 2.0);
                let y = sp.paragraph;
                let w = area.measure * 0.3;
                let x = area.left + (area.measure - w) / 2.0;
                piece.items.push(PageItem::Rule { from: (x, y), to: (x + w, y), thickness: 0.6, color: colors.rule });
                self.pieces.push(piece);
            }
            BlockKind::Footnote { .. } => {}
        }
        if let Some(mark) = bullet {
            self.bullet(&mark, first_piece, area, dir)?;
        }
        Ok(())
    }

    /// Sets a list bullet or number in the indent before the first line of an item.
    fn bullet(&mut self, mark: &str, first_piece: usize, area: Boxed, dir: LDir) -> Result<(), ExportError> {
        let Some(baseline) = self.pieces.get(first_piece).and_then(|p| p.baseline) else { return Ok(()) };
        let indent = self.style.spacing.list_indent;
        let size = self.body_size(dir);
        let direction = if self.rtl { LDir::Rtl } else { LDir::Ltr };
        let paragraph = Paragraph::new(mark, regular(size), direction, layout_lang(self.lang), indent);
        let layout = layout_paragraph(&paragraph, self.fonts)
            .map_err(|e| ExportError::Layout { line: 0, detail: e.to_string() })?;
        let left = if self.rtl { area.left + area.measure } else { area.left - indent };
        let color = self.style.colors.accent;
        if let (Some(piece), Some(line)) = (self.pieces.get_mut(first_piece), layout.lines.first()) {
            for run in &line.runs {
                piece.items.push(PageItem::Glyphs { x: left, baseline, run: run.clone(), color });
            }
        }
        Ok(())
    }

    /// "JUGEMENT · probable (55–80 %) · confiance modérée".
    fn marker_label(&self, marker: &Marker, span: Span) -> Vec<Run> {
        let size = self.style.fonts.label_size * if self.rtl { 1.25 } else { 1.0 };
        let claim = self
            .brief
            .claims
            .iter()
            .find(|c| c.span.start >= span.start && c.span.start <= span.end && c.marker.is_some());
        let likelihood = marker.likelihood.or(claim.and_then(|c| c.written_likelihood));
        let confidence = marker.confidence.or(claim.and_then(|c| c.written_confidence));
        let label = if self.rtl { marker.label.clone() } else { marker.label.to_uppercase() };
        let mut runs = vec![Run::new(label, bold(size))];
        let mut rest = Vec::new();
        if let Some(l) = likelihood {
            rest.push(self.labels.likelihood(l));
        }
        if let Some(c) = confidence {
            rest.push(self.labels.confidence(c));
        }
        if !rest.is_empty() {
            runs.push(Run::new(format!(" · {}", rest.join(" · ")), regular(size)));
        }
        runs
    }

    fn table(
        &mut self,
        block: &Block,
        alignments: &[Alignment],
        header: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        area: Boxed,
    ) -> Result<(), ExportError> {
        let dir = self.block_direction(block.direction);
        let size = if dir == LDir::Rtl { self.style.fonts.table_size_arabic } else { self.style.fonts.table_size };
        let pad = self.style.spacing.table_padding;
        let columns = std::iter::once(header.len()).chain(rows.iter().map(Vec::len)).max().unwrap_or(0);
        if columns == 0 {
            return Ok(());
        }
        // Cell runs (calls are numbered in reading order: header, then rows).
        let mut cells: Vec<Vec<Vec<Run>>> = Vec::new();
        for (r, row) in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)).enumerate() {
            let style = if r == 0 { bold(size) } else { regular(size) };
            let mut out = Vec::new();
            for c in 0..columns {
                let mut runs = Vec::new();
                if let Some(cell) = row.get(c) {
                    self.inlines(cell, style, dir, &mut runs);
                }
                out.push(runs);
            }
            cells.push(out);
        }
        // Column widths: in proportion to each column's natural width, with a floor.
        let mut natural = vec![0.0f32; columns];
        for row in &cells {
            for (c, runs) in row.iter().enumerate() {
                let width = self.natural_width(runs, dir)?;
                if let Some(n) = natural.get_mut(c) {
                    *n = n.max(width + 2.0 * pad);
                }
            }
        }
        let floor = (area.measure / columns as f32).min(48.0);
        let total: f32 = natural.iter().sum();
        let mut widths: Vec<f32> = if total <= area.measure {
            let extra = (area.measure - total) / columns as f32;
            natural.iter().map(|n| n + extra).collect()
        } else {
            natural.iter().map(|n| (area.measure * n / total.max(1.0)).max(floor)).collect()
        };
        let sum: f32 = widths.iter().sum();
        widths.iter_mut().for_each(|w| *w *= area.measure / sum.max(1.0));
        // x of each column's left edge: columns run in the table's direction.
        let mut lefts = Vec::with_capacity(columns);
        let mut x = if dir == LDir::Rtl { area.left + area.measure } else { area.left };
        for w in &widths {
            if dir == LDir::Rtl {
                x -= w;
                lefts.push(x);
            } else {
                lefts.push(x);
                x += w;
            }
        }
        let colors = self.style.colors.clone();
        let header_index = self.pieces.len();
        for (r, row) in cells.into_iter().enumerate() {
            let mut piece = Piece::new(0.0);
            let mut laid = Vec::new();
            for (c, runs) in row.into_iter().enumerate() {
                let (Some(&left), Some(&width)) = (lefts.get(c), widths.get(c)) else { continue };
                let align = match alignments.get(c) {
                    Some(Alignment::Center) => Align::Center,
                    _ => Align::Start,
                };
                let setting = Setting {
                    left: left + pad,
                    measure: (width - 2.0 * pad).max(8.0),
                    direction: dir,
                    lang: layout_lang(self.lang),
                    align,
                    color: colors.text,
                    bar: None,
                    space_before: 0.0,
                    keep_with_next: false,
                    origin: block.span,
                };
                let lines = self.set(runs, &setting)?;
                laid.push(lines);
            }
            let height = laid.iter().map(|l| l.iter().map(|p| p.height).sum::<f32>()).fold(0.0, f32::max) + 2.0 * pad;
            piece.height = height;
            if r == 0 {
                piece.items.push(PageItem::Rect {
                    x: area.left,
                    y: 0.0,
                    width: area.measure,
                    height,
                    color: colors.table_header,
                });
            }
            for lines in laid {
                let mut y = pad;
                for line in lines {
                    piece.notes.extend(line.notes.iter().copied());
                    piece.items.extend(line.items.iter().map(|i| shift(i, 0.0, y)));
                    y += line.height;
                }
            }
            let rule = if r == 0 { 0.9 } else { 0.4 };
            piece.items.push(PageItem::Rule {
                from: (area.left, height),
                to: (area.left + area.measure, height),
                thickness: rule,
                color: colors.table_rule,
            });
            if r == 0 {
                piece.space_before = self.style.spacing.paragraph * 1.5;
                piece.items.push(PageItem::Rule {
                    from: (area.left, 0.0),
                    to: (area.left + area.measure, 0.0),
                    thickness: 0.9,
                    color: colors.table_rule,
                });
                piece.break_after = false;
            } else {
                piece.repeat = Some(header_index);
            }
            self.pieces.push(piece);
        }
        if let Some(last) = self.pieces.last_mut() {
            last.height += self.style.spacing.paragraph;
        }
        Ok(())
    }

    /// The width of runs set on one line.
    fn natural_width(&self, runs: &[Run], dir: LDir) -> Result<f32, ExportError> {
        if runs.iter().all(|r| r.text.trim().is_empty()) {
            return Ok(0.0);
        }
        let spans = runs.iter().map(|r| LSpan::new(r.text.clone(), r.style)).collect();
        let paragraph = Paragraph {
            spans,
            direction: dir,
            align: Align::Start,
            measure: 100_000.0,
            lang: layout_lang(self.lang),
            line_height: None,
        };
        let layout = layout_paragraph(&paragraph, self.fonts)
            .map_err(|e| ExportError::Layout { line: 0, detail: e.to_string() })?;
        Ok(layout.lines.iter().map(|l| l.width).fold(0.0, f32::max))
    }

    fn dir(&self) -> LDir {
        if self.rtl { LDir::Rtl } else { LDir::Ltr }
    }

    /// Unit, title, subtitle, date and authors at the head of the first page.
    fn cover(&mut self) -> Result<(), ExportError> {
        let front = &self.brief.front;
        let dir = self.dir();
        let lang = layout_lang(self.lang);
        let f = &self.style.fonts;
        let scale = if self.rtl { 1.2 } else { 1.0 };
        let colors = self.style.colors.clone();
        let base = Setting {
            left: self.frame.left,
            measure: self.frame.measure,
            direction: dir,
            lang,
            align: Align::Start,
            color: colors.accent,
            bar: None,
            space_before: 0.0,
            keep_with_next: true,
            origin: Span::new(0, 0),
        };
        let mut pieces = Vec::new();
        if let Some(unit) = front.unit.as_deref().filter(|u| !u.trim().is_empty()) {
            let text = if self.rtl { unit.to_owned() } else { unit.to_uppercase() };
            pieces.extend(self.set(
                vec![Run::new(text, bold(f.label_size * scale * 1.1))],
                &Setting { color: colors.muted, ..base.clone() },
            )?);
        }
        if let Some(title) = front.title.as_deref().filter(|t| !t.trim().is_empty()) {
            pieces.extend(self.set(
                vec![Run::new(title, bold(f.title_size * scale))],
                &Setting { space_before: 4.0, ..base.clone() },
            )?);
        }
        if let Some(subtitle) = front.subtitle.as_deref().filter(|t| !t.trim().is_empty()) {
            pieces.extend(self.set(
                vec![Run::new(subtitle, regular(f.subtitle_size * scale))],
                &Setting { space_before: 2.0, color: colors.muted, ..base.clone() },
            )?);
        }
        let mut byline = Vec::new();
        if let Some(date) = front.date {
            byline.push(self.labels.date(date));
        }
        if !front.authors.is_empty() {
            byline.push(front.authors.join(&self.labels.get("pdf-authors-separator")));
        }
        if !byline.is_empty() {
            pieces.extend(self.set(
                vec![Run::new(byline.join(" · "), regular(f.body_size * scale * 0.95))],
                &Setting { space_before: 6.0, color: colors.text, ..base.clone() },
            )?);
        }
        if let Some(last) = pieces.last_mut() {
            let y = last.height + 6.0;
            last.items.push(PageItem::Rule {
                from: (self.frame.left, y),
                to: (self.frame.left + self.frame.measure, y),
                thickness: 1.6,
                color: colors.accent,
            });
            last.height += 12.0;
            last.break_after = true;
        }
        for piece in pieces.iter_mut().rev().skip(1) {
            piece.break_after = false;
        }
        self.pieces.extend(pieces);
        Ok(())
    }

    /// A note as runs: its number, then its text isolated so a Latin note in an Arabic brief
    /// keeps its own order.
    fn note_runs(&self, index: usize, text: &[Styled], size: f32) -> Vec<Run> {
        let mut runs = vec![Run::new(format!("{}  ", self.labels.number(index + 1)), bold(size))];
        runs.extend(text.iter().map(|piece| Run::styled(piece, size)));
        runs
    }

    fn note_size(&self) -> f32 {
        if self.rtl { self.style.fonts.note_size_arabic } else { self.style.fonts.note_size }
    }

    fn footnote_layouts(&mut self) -> Result<Vec<Note>, ExportError> {
        let size = self.note_size();
        let mut notes = Vec::with_capacity(self.note_texts.len());
        let texts = std::mem::take(&mut self.note_texts);
        for (i, text) in texts.iter().enumerate() {
            let runs = self.note_runs(i, text, size);
            let spans = runs.into_iter().map(|r| {
                let french = r.lang.unwrap_or(layout_lang(self.lang)) == LLang::Fr;
                let mut s = LSpan::new(if french && !r.verbatim { french_spacing(&r.text) } else { r.text }, r.style);
                s.verbatim = r.verbatim;
                s.lang = r.lang;
                s
            });
            let paragraph = Paragraph {
                spans: spans.collect(),
                direction: self.dir(),
                align: Align::Start,
                measure: self.frame.measure,
                lang: layout_lang(self.lang),
                line_height: None,
            };
            let layout = layout_paragraph(&paragraph, self.fonts)
                .map_err(|e| ExportError::Layout { line: 0, detail: e.to_string() })?;
            notes.push(Note { layout });
        }
        self.note_texts = texts;
        Ok(notes)
    }

    fn section_heading(&mut self, text: &str, new_page: bool) -> Result<(), ExportError> {
        let size = self.style.fonts.heading_size * if self.rtl { 1.18 } else { 1.0 };
        let setting = Setting {
            left: self.frame.left,
            measure: self.frame.measure,
            direction: self.dir(),
            lang: layout_lang(self.lang),
            align: Align::Start,
            color: self.style.colors.accent,
            bar: None,
            space_before: self.style.spacing.heading_before,
            keep_with_next: true,
            origin: Span::new(0, 0),
        };
        let mut pieces = self.set(vec![Run::new(text, bold(size))], &setting)?;
        if let Some(first) = pieces.first_mut() {
            first.new_page = new_page;
        }
        if let Some(last) = pieces.last_mut() {
            let y = last.height + 2.0;
            last.items.push(PageItem::Rule {
                from: (self.frame.left, y),
                to: (self.frame.left + self.frame.measure, y),
                thickness: 0.5,
                color: self.style.colors.rule,
            });
            last.height += 2.0 + self.style.spacing.heading_after;
        }
        self.pieces.extend(pieces);
        Ok(())
    }

    fn endnotes(&mut self) -> Result<(), ExportError> {
        if self.note_texts.is_empty() {
            return Ok(());
        }
        let title = self.labels.get("pdf-notes-title");
        self.section_heading(&title, false)?;
        let size = self.note_size();
        let texts = std::mem::take(&mut self.note_texts);
        for (i, text) in texts.iter().enumerate() {
            let runs = self.note_runs(i, text, size);
            let setting = self.small_setting(self.style.spacing.note_gap);
            let pieces = self.set(runs, &setting)?;
            self.pieces.extend(pieces);
        }
        self.note_texts = texts;
        Ok(())
    }

    fn small_setting(&self, space_before: f32) -> Setting {
        Setting {
            left: self.frame.left,
            measure: self.frame.measure,
            direction: self.dir(),
            lang: layout_lang(self.lang),
            align: Align::Start,
            color: self.style.colors.text,
            bar: None,
            space_before,
            keep_with_next: false,
            origin: Span::new(0, 0),
        }
    }

    /// The sources annex: each cited source with its CSL entry, type, reliability, date of
    /// information, access and the notes that cite it.
    fn annex(&mut self, sources: &dyn SourceLookup, bibliography: &[(String, Vec<Styled>)]) -> Result<(), ExportError> {
        if self.cited.is_empty() {
            return Ok(());
        }
        let title = self.labels.get("pdf-annex-title");
        self.section_heading(&title, true)?;
        let size = self.note_size() * 1.05;
        let intro = self.labels.get("pdf-annex-intro");
        let mut setting = self.small_setting(0.0);
        setting.color = self.style.colors.muted;
        let pieces = self.set(vec![Run::new(intro, SpanStyle { italic: true, ..regular(size) })], &setting)?;
        self.pieces.extend(pieces);
        let mut order: Vec<String> =
            bibliography.iter().map(|(k, _)| k.clone()).filter(|k| self.cited.contains_key(k)).collect();
        for key in &self.cited_order {
            if !order.contains(key) {
                order.push(key.clone());
            }
        }
        let entries: HashMap<&str, &Vec<Styled>> = bibliography.iter().map(|(k, v)| (k.as_str(), v)).collect();
        let sep = if self.rtl { "، " } else { ", " };
        for key in order {
            let source = sources.source(&key);
            let notes = self.cited.get(&key).cloned().unwrap_or_default();
            // Entries come isolated in their own direction (csl.rs).
            let mut runs = Vec::new();
            match entries.get(key.as_str()) {
                Some(entry) => {
                    runs.extend(entry.iter().map(|piece| Run::styled(piece, size)));
                }
                None => runs.push(Run::new(
                    format!("{key} — {}", self.labels.get("pdf-annex-missing")),
                    SpanStyle { italic: true, ..regular(size) },
                )),
            }
            let setting = self.small_setting(self.style.spacing.paragraph * 1.2);
            let mut pieces = self.set(runs, &setting)?;
            // The descriptor line under the entry, in the brief's language.
            let mut parts: Vec<Run> = Vec::new();
            let muted = regular(size * 0.95);
            let strong = bold(size * 0.95);
            if let Some(source) = &source {
                match source.reliability() {
                    Some(grade) => {
                        let text = self.labels.with(
                            "pdf-annex-reliability",
                            &[
                                ("grade", Arg::from(grade.letter().to_string())),
                                ("meaning", Arg::from(self.labels.reliability(grade))),
                            ],
                        );
                        parts.push(Run::new(text, strong));
                    }
                    None => parts.push(Run::new(self.labels.get("pdf-annex-ungraded"), strong)),
                }
                parts.push(Run::new(
                    format!(
                        " · {}",
                        self.labels
                            .with("pdf-annex-type", &[("type", Arg::from(self.labels.source_type(source.kind)))])
                    ),
                    muted,
                ));
                if let Some(issued) = source.issued {
                    let text = self
                        .labels
                        .with("pdf-annex-information-date", &[("date", Arg::from(self.labels.date(issued)))]);
                    parts.push(Run::new(format!(" · {text}"), muted));
                }
                let access = source.url.clone().or_else(|| source.doi.as_ref().map(|d| format!("doi:{d}")));
                if let Some(access) = access {
                    let mut text = self.labels.with("pdf-annex-access", &[("access", Arg::from(String::new()))]);
                    text = format!(" · {}", text.trim_end());
                    parts.push(Run::new(format!("{text} "), muted));
                    let mut url = Run::new(format!("{LRI}{access}{PDI}"), muted);
                    url.verbatim = true;
                    parts.push(url);
                    if let Some(accessed) = source.accessed {
                        parts.push(Run::new(
                            format!(
                                "{sep}{}",
                                self.labels
                                    .with("pdf-annex-accessed", &[("date", Arg::from(self.labels.date(accessed)))])
                            ),
                            muted,
                        ));
                    }
                }
            }
            if !notes.is_empty() {
                let list: Vec<String> = notes.iter().map(|n| self.labels.number(*n)).collect();
                parts.push(Run::new(
                    format!(" · {}", self.labels.with("pdf-annex-notes", &[("notes", Arg::from(list.join(sep)))])),
                    muted,
                ));
            }
            let first = parts.first_mut();
            if let Some(first) = first {
                first.text = first.text.trim_start_matches(" · ").to_owned();
            }
            let mut setting = self.small_setting(1.0);
            setting.color = self.style.colors.muted;
            let start = if self.rtl { self.frame.left } else { self.frame.left + 12.0 };
            setting.left = start;
            setting.measure = self.frame.measure - 12.0;
            let descriptor = self.set(parts, &setting)?;
            for piece in &mut pieces {
                piece.break_after = false;
            }
            pieces.extend(descriptor);
            self.pieces.extend(pieces);
        }
        Ok(())
    }
}

/// Plain styled text of footnote blocks (citations inside give their CSL text).
fn plain_blocks(blocks: &[Block], csl_notes: &HashMap<usize, Vec<Styled>>, out: &mut Vec<Styled>) {
    fn inl(inlines: &[Inline], italic: bool, csl: &HashMap<usize, Vec<Styled>>, out: &mut Vec<Styled>) {
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Code(t) => {
                    out.push(Styled { text: t.clone(), italic, bold: false, verbatim: false, lang: None })
                }
                Inline::Emphasis(inner) => inl(inner, true, csl, out),
                Inline::Strong(inner)
                | Inline::Strikethrough(inner)
                | Inline::Link { content: inner, .. }
                | Inline::Image { alt: inner, .. } => inl(inner, italic, csl, out),
                Inline::Citation(group) => {
                    if let Some(text) = csl.get(&group.span.start) {
                        out.push(Styled::plain(" ("));
                        out.extend(text.iter().cloned());
                        out.push(Styled::plain(")"));
                    }
                }
                Inline::SoftBreak | Inline::HardBreak => out.push(Styled::plain(" ")),
                Inline::FootnoteRef(_) | Inline::Html(_) => {}
            }
        }
    }
    for block in blocks {
        match &block.kind {
            BlockKind::Paragraph { content, .. } | BlockKind::Heading { content, .. } => {
                if !out.is_empty() {
                    out.push(Styled::plain(" "));
                }
                inl(content, false, csl_notes, out);
            }
            BlockKind::Quote(inner) | BlockKind::Footnote { blocks: inner, .. } => plain_blocks(inner, csl_notes, out),
            BlockKind::List { items, .. } => items.iter().for_each(|item| plain_blocks(item, csl_notes, out)),
            BlockKind::Code { text, .. } => {
                out.push(Styled { text: text.clone(), italic: false, bold: false, verbatim: true, lang: None })
            }
            BlockKind::Table { .. } | BlockKind::Html(_) | BlockKind::Rule => {}
        }
    }
}
