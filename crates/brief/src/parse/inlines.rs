//! Inline content from the event tree: text runs merged and cut at citations, emphasis,
//! links, images, code, breaks, footnote references; and, beside it, the unit's plain
//! text with its map to the source, each inline adding its [`Inline::plain`].

use std::ops::Range;

use pulldown_cmark::Tag;

use super::tree::Item;
use super::{Builder, MAX_DEPTH};
use crate::citation;
use crate::diagnostic::{Code, Span};
use crate::model::{FootnoteRef, Inline};
use crate::sentences::Plain;

/// Consecutive text events merged, with the map back to the source.
#[derive(Default)]
struct Run {
    text: String,
    /// (offset in `text`, source offset, whether the bytes are the source's verbatim).
    segments: Vec<(usize, usize, bool)>,
}

impl Run {
    fn push(&mut self, text: &str, range: &Range<usize>, skip: usize) {
        let verbatim = range.len() == text.len();
        let skip = if text.is_char_boundary(skip) { skip } else { 0 };
        let Some(text) = text.get(skip..) else { return };
        let source = if verbatim { range.start + skip } else { range.start };
        self.segments.push((self.text.len(), source, verbatim));
        self.text.push_str(text);
    }

    fn segment(&self, offset: usize) -> Option<&(usize, usize, bool)> {
        let i = self.segments.partition_point(|(t, _, _)| *t <= offset);
        self.segments.get(i.checked_sub(1)?)
    }

    fn source(&self, offset: usize) -> usize {
        match self.segment(offset) {
            Some((t, s, true)) => s + (offset - t),
            Some((_, s, false)) => *s,
            None => 0,
        }
    }

    /// Whether the character at `offset` was written escaped (`\[`) or as an entity.
    fn escaped(&self, offset: usize, source: &str) -> bool {
        match self.segment(offset) {
            Some((_, _, false)) | None => true,
            Some(_) => {
                let at = self.source(offset);
                at > 0 && source.as_bytes().get(at - 1) == Some(&b'\\')
            }
        }
    }
}

impl Builder<'_, '_> {
    pub(super) fn inlines(
        &mut self,
        children: &[usize],
        skip_first: usize,
        plain: &mut Plain,
        depth: usize,
    ) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut run = Run::default();
        for (position, &child) in children.iter().enumerate() {
            let Some(node) = self.nodes.get(child) else { continue };
            if let Item::Text(text) = &node.item {
                let skip = if position == 0 { skip_first } else { 0 };
                run.push(text, &node.range, skip);
                continue;
            }
            self.flush(&mut run, &mut out, plain);
            self.inline(child, &mut out, plain, depth);
        }
        self.flush(&mut run, &mut out, plain);
        out
    }

    fn inline(&mut self, index: usize, out: &mut Vec<Inline>, plain: &mut Plain, depth: usize) {
        let span = self.span_of(index);
        if depth > MAX_DEPTH {
            self.too_deep(span.start);
            let text = self.plain_text(index);
            plain.push(&text, span.start);
            out.push(Inline::Text(text));
            return;
        }
        let children = self.children(index);
        let Some(node) = self.nodes.get(index) else { return };
        // Leaves add their own plain text; containers' content adds its own below.
        let leaf = match &node.item {
            Item::Code(t) => Some(Inline::Code(t.to_string())),
            Item::Html(t) => Some(Inline::Html(t.to_string())),
            Item::FootnoteRef(t) => Some(Inline::FootnoteRef(FootnoteRef { label: t.to_string(), note: None })),
            Item::SoftBreak => Some(Inline::SoftBreak),
            Item::HardBreak => Some(Inline::HardBreak),
            _ => None,
        };
        if let Some(leaf) = leaf {
            plain.push(leaf.plain(), span.start);
            out.push(leaf);
            return;
        }
        match &node.item {
            Item::Start(Tag::Emphasis) => {
                let inner = self.inlines(&children, 0, plain, depth + 1);
                out.push(Inline::Emphasis(inner));
            }
            Item::Start(Tag::Strong) => {
                let inner = self.inlines(&children, 0, plain, depth + 1);
                out.push(Inline::Strong(inner));
            }
            Item::Start(Tag::Strikethrough) => {
                let inner = self.inlines(&children, 0, plain, depth + 1);
                out.push(Inline::Strikethrough(inner));
            }
            Item::Start(Tag::Link { dest_url, title, .. }) => {
                let (dest, title) = (dest_url.to_string(), title.to_string());
                let content = self.inlines(&children, 0, plain, depth + 1);
                out.push(Inline::Link { dest, title, content });
            }
            Item::Start(Tag::Image { dest_url, title, .. }) => {
                let (dest, title) = (dest_url.to_string(), title.to_string());
                // Alt text is not the unit's text (`Inline::content_in_plain_text`).
                let mut alt_plain = Plain::default();
                let alt = self.inlines(&children, 0, &mut alt_plain, depth + 1);
                out.push(Inline::Image { dest, title, alt });
            }
            Item::Start(_) => {
                let inner = self.inlines(&children, 0, plain, depth + 1);
                out.extend(inner);
            }
            _ => {}
        }
    }

    /// Turns merged text into text and citation inlines. One pass: a `[` opens a
    /// candidate, the next `]` closes it; text between that parses as citations is one.
    fn flush(&mut self, run: &mut Run, out: &mut Vec<Inline>, plain: &mut Plain) {
        if run.text.is_empty() {
            return;
        }
        let run = std::mem::take(run);
        let mut last = 0usize;
        let mut open: Option<usize> = None;
        for (i, ch) in run.text.char_indices() {
            match ch {
                '[' if !run.escaped(i, self.source) => {
                    if let Some(previous) = open.replace(i) {
                        self.check_unclosed(&run, previous);
                    }
                }
                ']' if !run.escaped(i, self.source) => {
                    let Some(o) = open.take() else { continue };
                    let inner = run.text.get(o + 1..i).unwrap_or_default();
                    let span = Span::new(run.source(o), run.source(i) + 1);
                    if let Some(group) = citation::parse_group(inner, span, self.sink) {
                        emit_text(&run, last, o, out, plain);
                        let index = self.citations.len();
                        self.citations.push(group.clone());
                        plain.push_cite(index, span.start, span.end);
                        out.push(Inline::Citation(group));
                        last = i + 1;
                    }
                }
                _ => {}
            }
        }
        if let Some(o) = open {
            self.check_unclosed(&run, o);
        }
        emit_text(&run, last, run.text.len(), out, plain);
    }

    fn check_unclosed(&mut self, run: &Run, open: usize) {
        let after = run.text.get(open + 1..).unwrap_or_default();
        if after.starts_with('@') || after.starts_with("-@") {
            let at = run.source(open);
            self.sink.push(Code::CitationUnclosed, Span::new(at, at + 1), Vec::new());
        }
    }
}

fn emit_text(run: &Run, start: usize, end: usize, out: &mut Vec<Inline>, plain: &mut Plain) {
    let Some(text) = run.text.get(start..end) else { return };
    if text.is_empty() {
        return;
    }
    // Feed the plain text piece by piece so each keeps its own source offset.
    let first = run.segments.partition_point(|(t, _, _)| *t <= start).saturating_sub(1);
    for (k, (t, s, verbatim)) in run.segments.iter().enumerate().skip(first) {
        if *t >= end {
            break;
        }
        let next = run.segments.get(k + 1).map_or(run.text.len(), |(n, _, _)| *n);
        let (a, b) = (start.max(*t), end.min(next));
        if let Some(piece) = run.text.get(a..b) {
            let source = if *verbatim { s + (a - t) } else { *s };
            plain.push(piece, source);
        }
    }
    match out.last_mut() {
        Some(Inline::Text(previous)) => previous.push_str(text),
        _ => out.push(Inline::Text(text.to_owned())),
    }
}
