//! The look-ahead thread: while composition goes through the body from its first block, a
//! second thread lays out the body's paragraphs from its last, so composition finds most of
//! them laid out. It builds each paragraph with composition's own functions, and composition
//! takes a layout only for an equal paragraph, so the output never depends on it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use mizan_brief::{Block, BlockKind, Brief, Inline};
use mizan_i18n::Lang;
use mizan_layout::{
    Align, DigitSet, FontSet, Paragraph, ParagraphLayout, SpanStyle, TextLang, Weight, layout_paragraph, shape_words,
};

use super::Frame;
use super::blocks::{body_size, heading_setting, heading_size, paragraph_setting};
use super::inlines::{Run, block_lang, bold, hug_call, inline_runs, layout_direction, layout_lang, regular, spans};
use super::lines::{Boxed, paragraph_of};
use super::notes::{first_notes, note_call};
use crate::labels::Labels;
use crate::style::Style;

/// Paragraphs of top-level blocks laid out ahead, by block index, each with the paragraph it
/// is the layout of: composition takes a layout only for an equal paragraph (layout is a
/// pure function of the paragraph and the fonts), so what the second thread guessed can never
/// change the output.
#[derive(Debug, Default)]
pub(super) struct Ahead(Mutex<HashMap<usize, (Paragraph, ParagraphLayout)>>);

impl Ahead {
    /// Keeps the layout of `paragraph`, a paragraph of top-level block `block`.
    fn put(&self, block: usize, paragraph: Paragraph, layout: ParagraphLayout) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(block, (paragraph, layout));
    }

    /// The layout of `paragraph` if it was laid out ahead for this block.
    pub(super) fn take(&self, block: usize, paragraph: &Paragraph) -> Option<ParagraphLayout> {
        let mut laid = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if laid.get(&block).is_some_and(|(p, _)| p == paragraph) {
            laid.remove(&block).map(|(_, layout)| layout)
        } else {
            None
        }
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
pub(super) fn lay_out_ahead(
    brief: &Brief,
    style: &Style,
    frame: Frame,
    digits: DigitSet,
    fonts: &FontSet,
    composing: &AtomicUsize,
    ahead: &Ahead,
) {
    let labels = Labels::new(brief.lang, digits);
    let body = Boxed { left: frame.left, measure: frame.measure, depth: 0 };
    let first_note = first_notes(&brief.blocks);
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

/// The paragraphs composition sets for a block's text (headings, paragraphs, list items,
/// quotations, table cells, code), as far as shaping goes: sizes and measures do not change
/// the shapes of words, so a nominal size and measure stand in for the style's.
fn body_paragraphs(brief_lang: Lang, block: &Block, out: &mut Vec<Paragraph>) {
    let direction = layout_direction(block.direction);
    let mut add = |inlines: &[Inline], weight: Weight, lang: Option<TextLang>| {
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
