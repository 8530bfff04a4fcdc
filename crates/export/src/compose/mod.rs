//! From the brief's blocks to a flow of pieces: laid-out lines, table rows, labels and
//! rules, each knowing its height, the notes it calls and whether a page may end after it.
//! Pagination (paginate.rs) only decides where pages end.
//!
//! This file holds the flow's types and the order of composition (cover, body, notes,
//! annex); each part has a file of its own:
//! - `inlines`: inline content as runs, and what the layout engine is given for them;
//! - `lines`: how a paragraph is set, laying it out and cutting it into line pieces;
//! - `cover`: the title block at the head of the first page;
//! - `blocks`: the body's blocks (headings, paragraphs, judgments and their bars, lists,
//!   quotations, code, rules);
//! - `tables`: tables, columns in the brief's direction;
//! - `notes`: note calls and the notes' text, as footnotes or endnotes;
//! - `annex`: the sources annex;
//! - `ahead`: the second thread that lays out the body ahead of composition.

mod ahead;
mod annex;
mod blocks;
mod cover;
mod inlines;
mod lines;
mod notes;
mod tables;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};

use mizan_brief::{Block, Brief, CitationGroup, Digits};
use mizan_i18n::Lang;
use mizan_layout::{BaseDirection, DigitSet, FontSet, ParagraphLayout};
use mizan_pdf::PageItem;
use mizan_source::Source;

use crate::csl::{self, Styled};
use crate::labels::Labels;
use crate::style::{NotePlacement, Paper, Style};
use crate::{ExportError, ExportOptions, ExportWarning, SourceLookup};

use ahead::{Ahead, lay_out_ahead};
pub(crate) use inlines::layout_lang;
use lines::Boxed;
use notes::collect_footnotes;

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

/// Composition under way: what it reads, and the flow and notes it has made so far.
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

/// The flow of a brief, with its notes: the cover, the body, the notes (footnotes for
/// pagination to place, or endnotes), then the sources annex.
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
fn digits(brief: &Brief) -> DigitSet {
    match brief.front.digits {
        Some(Digits::Arab) => DigitSet::ArabicIndic,
        Some(Digits::Latn) => DigitSet::Western,
        // Without a choice, Arabic briefs keep Western digits (the Maghreb's, and what the
        // analyst's own text most likely uses).
        None => DigitSet::Western,
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
    digits: DigitSet,
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
    /// The brief's direction: the cover's, the notes' and the annex's.
    fn dir(&self) -> BaseDirection {
        if self.rtl { BaseDirection::Rtl } else { BaseDirection::Ltr }
    }
}
