//! Notes: each citation group and footnote reference makes a note call (its number, small
//! and isolated in the block's direction) and a note (the CSL text, or the footnote's text),
//! numbered in document order; the notes are then set as footnotes (laid out for pagination
//! to place) or as endnotes after the body.

use std::collections::HashMap;

use mizan_brief::{Block, BlockKind, Inline};
use mizan_layout::{Align, BaseDirection, Paragraph, SpanStyle, Weight, layout_paragraph};

use super::inlines::{LRI, PDI, RLI, Run, bold, hug_call, inline_runs, layout_lang, spans};
use super::{Composer, Note};
use crate::ExportError;
use crate::csl::Styled;
use crate::labels::Labels;

/// Footnote definitions by label, from the blocks at any depth (the first definition of a
/// label wins).
pub(super) fn collect_footnotes(blocks: &[Block], out: &mut HashMap<String, Vec<Block>>) {
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

/// The index of the first note each top-level block calls. Notes are numbered in document
/// order, so a block's first is the count of the note calls before it: the look-ahead thread
/// numbers its paragraphs' calls from here, as composition (`Composer::call`) will.
pub(super) fn first_notes(blocks: &[Block]) -> Vec<usize> {
    let mut first_note = Vec::with_capacity(blocks.len());
    let mut notes = 0;
    for block in blocks {
        first_note.push(notes);
        notes += note_calls(block);
    }
    first_note
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
pub(super) fn note_call(labels: &Labels, index: usize, style: SpanStyle, dir: BaseDirection, out: &mut Vec<Run>) {
    hug_call(out);
    let isolate = if dir == BaseDirection::Rtl { RLI } else { LRI };
    let mut run = Run::new(
        format!("{isolate}{}{PDI}", labels.number(index + 1)),
        SpanStyle { size: style.size * 0.62, weight: Weight::Regular, italic: false },
    );
    run.note = Some(index);
    out.push(run);
}

impl Composer<'_> {
    /// Runs for inline content; citations and footnote references become note calls.
    pub(super) fn inlines(
        &mut self,
        inlines: &[Inline],
        style: SpanStyle,
        call_dir: BaseDirection,
        out: &mut Vec<Run>,
    ) {
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

    /// Adds a note and its call. The note's index is the count of notes before it, which is
    /// how composition numbers notes (`first_notes` counts the same way ahead of it).
    pub(super) fn call(
        &mut self,
        text: Vec<Styled>,
        keys: &[String],
        style: SpanStyle,
        dir: BaseDirection,
        out: &mut Vec<Run>,
    ) {
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

    /// A note as runs: its number, then its text isolated so a Latin note in an Arabic brief
    /// keeps its own order.
    fn note_runs(&self, index: usize, text: &[Styled], size: f32) -> Vec<Run> {
        let mut runs = vec![Run::new(format!("{}  ", self.labels.number(index + 1)), bold(size))];
        runs.extend(text.iter().map(|piece| Run::styled(piece, size)));
        runs
    }

    /// The size notes are set in (and the annex, a little larger).
    pub(super) fn note_size(&self) -> f32 {
        if self.rtl { self.style.fonts.note_size_arabic } else { self.style.fonts.note_size }
    }

    /// The notes laid out at the body measure, for pagination to place at the foot of the
    /// page that calls them.
    pub(super) fn footnote_layouts(&mut self) -> Result<Vec<Note>, ExportError> {
        let size = self.note_size();
        let mut notes = Vec::with_capacity(self.note_texts.len());
        let texts = std::mem::take(&mut self.note_texts);
        for (i, text) in texts.iter().enumerate() {
            let runs = self.note_runs(i, text, size);
            let (spans, _) = spans(&runs, layout_lang(self.lang));
            let paragraph = Paragraph {
                spans,
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

    /// The notes after the body, under a heading of their own.
    pub(super) fn endnotes(&mut self) -> Result<(), ExportError> {
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
