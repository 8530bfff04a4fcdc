//! Blocks from the event tree: headings (and the sections they open), paragraphs (with
//! their judgment markers), lists, quotations, tables, code, raw HTML and footnote
//! definitions, each with its direction and the sentences of its own text.

use mizan_i18n::Arg;
use pulldown_cmark::{CodeBlockKind, Tag};
use unicode_bidi::{BidiClass, bidi_class};

use super::tree::{Item, is_inline};
use super::{Builder, MAX_DEPTH};
use crate::diagnostic::{Code, Span};
use crate::model::{Alignment, Block, BlockKind, Direction, Extent, Inline, Section, SentenceRole};
use crate::sentences::{CITE, Plain, clean, split};
use crate::template::section_id_for;

/// Where a block's sentences and claims start ([`Builder::mark`]).
#[derive(Clone, Copy)]
struct Mark {
    sentences: usize,
    claims: usize,
}

impl Builder<'_, '_> {
    /// How many sentences and claims there are so far: taken as a block starts.
    fn mark(&self) -> Mark {
        Mark { sentences: self.sentences.len(), claims: self.claims.len() }
    }

    /// A block that started at `mark`, holding the claims made since, and no sentences of
    /// its own (they are its children's, if any).
    fn made(&self, kind: BlockKind, direction: Direction, span: Span, mark: Mark) -> Block {
        let at = self.sentences.len();
        Block { kind, direction, span, sentences: at..at, claims: mark.claims..self.claims.len(), claim: None }
    }

    pub(super) fn current_section(&self) -> usize {
        self.sections.len().saturating_sub(1)
    }

    pub(super) fn too_deep(&mut self, at: usize) {
        if !self.too_deep_reported {
            self.too_deep_reported = true;
            self.sink.push(Code::NestingTooDeep, Span::new(at, at), vec![("depth", Arg::from(MAX_DEPTH))]);
        }
    }

    /// All text under a node, without recursion.
    pub(super) fn plain_text(&self, index: usize) -> String {
        let mut out = String::new();
        let mut stack = vec![index];
        while let Some(i) = stack.pop() {
            let Some(node) = self.nodes.get(i) else { continue };
            match &node.item {
                Item::Text(t) | Item::Code(t) => out.push_str(t),
                Item::SoftBreak | Item::HardBreak => out.push(' '),
                _ => {}
            }
            stack.extend(node.children.iter().rev());
        }
        out
    }

    pub(super) fn direction_of(&self, text: &str) -> Direction {
        for ch in text.chars() {
            if ch == CITE {
                continue;
            }
            match bidi_class(ch) {
                BidiClass::L => return Direction::Ltr,
                BidiClass::R | BidiClass::AL => return Direction::Rtl,
                _ => {}
            }
        }
        self.default_direction
    }

    pub(super) fn blocks(&mut self, children: &[usize], depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        let mut inline_group: Vec<usize> = Vec::new();
        for &child in children {
            let inline = self.nodes.get(child).is_some_and(|n| is_inline(&n.item));
            if inline {
                inline_group.push(child);
                continue;
            }
            if !inline_group.is_empty() {
                let group = std::mem::take(&mut inline_group);
                out.push(self.paragraph(&group, depth));
            }
            if let Some(block) = self.block(child, depth) {
                out.push(block);
            }
        }
        if !inline_group.is_empty() {
            out.push(self.paragraph(&inline_group, depth));
        }
        out
    }

    pub(super) fn span_of(&self, index: usize) -> Span {
        self.nodes.get(index).map_or_else(Span::default, |n| Span::new(n.range.start, n.range.end))
    }

    pub(super) fn children(&self, index: usize) -> Vec<usize> {
        self.nodes.get(index).map(|n| n.children.clone()).unwrap_or_default()
    }

    fn block(&mut self, index: usize, depth: usize) -> Option<Block> {
        let mark = self.mark();
        let span = self.span_of(index);
        let children = self.children(index);
        if depth > MAX_DEPTH {
            self.too_deep(span.start);
            let text = self.plain_text(index);
            let direction = self.direction_of(&text);
            let content = vec![Inline::Text(text)];
            return Some(self.made(BlockKind::Paragraph { marker: None, content }, direction, span, mark));
        }
        let node = self.nodes.get(index)?;
        let kind = match &node.item {
            Item::Start(Tag::Paragraph) => return Some(self.paragraph(&children, depth)),
            Item::Start(Tag::Heading { level, .. }) => {
                let level = *level as u8;
                let mut plain = Plain::default();
                let content = self.inlines(&children, 0, &mut plain, depth);
                self.heading(level, &plain.text, span);
                let direction = self.direction_of(&plain.text);
                return Some(self.made(BlockKind::Heading { level, content }, direction, span, mark));
            }
            Item::Start(Tag::BlockQuote(_)) => {
                let outermost = self.quotation.is_none();
                if outermost {
                    self.quotation = Some(Plain::default());
                }
                let blocks = self.blocks(&children, depth + 1);
                let direction = blocks.first().map_or(self.default_direction, |b| b.direction);
                let own = self.sentences.len();
                let mut claim = None;
                if outermost && let Some(plain) = self.quotation.take() {
                    let range = (0, plain.text.len());
                    claim = self.unit(&plain, range, SentenceRole::Quotation, Extent::Whole);
                }
                let mut quote = self.made(BlockKind::Quote(blocks), direction, span, mark);
                quote.sentences.start = own;
                quote.claim = claim;
                return Some(quote);
            }
            Item::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let text = children.iter().map(|&c| self.plain_text(c)).collect();
                return Some(self.made(BlockKind::Code { info, text }, Direction::Ltr, span, mark));
            }
            Item::Start(Tag::HtmlBlock) => {
                let html: String = children
                    .iter()
                    .filter_map(|&c| match &self.nodes.get(c)?.item {
                        Item::Html(t) | Item::Text(t) => Some(t.to_string()),
                        _ => None,
                    })
                    .collect();
                BlockKind::Html(html)
            }
            Item::Html(t) => BlockKind::Html(t.to_string()),
            Item::Rule => BlockKind::Rule,
            Item::Start(Tag::List(start)) => {
                let start = *start;
                let mut tight = true;
                let mut items = Vec::new();
                for item in children {
                    let item_children = self.children(item);
                    if item_children
                        .iter()
                        .any(|&c| matches!(self.nodes.get(c).map(|n| &n.item), Some(Item::Start(Tag::Paragraph))))
                    {
                        tight = false;
                    }
                    items.push(self.blocks(&item_children, depth + 1));
                }
                let direction = items.iter().flatten().next().map_or(self.default_direction, |b| b.direction);
                return Some(self.made(BlockKind::List { start, tight, items }, direction, span, mark));
            }
            Item::Start(Tag::Table(alignments)) => {
                let alignments = alignments
                    .iter()
                    .map(|a| match a {
                        pulldown_cmark::Alignment::None => Alignment::None,
                        pulldown_cmark::Alignment::Left => Alignment::Left,
                        pulldown_cmark::Alignment::Center => Alignment::Center,
                        pulldown_cmark::Alignment::Right => Alignment::Right,
                    })
                    .collect();
                return Some(self.table(alignments, &children, span, depth));
            }
            Item::Start(Tag::FootnoteDefinition(label)) => {
                let label = label.to_string();
                let blocks = self.blocks(&children, depth + 1);
                let direction = blocks.first().map_or(self.default_direction, |b| b.direction);
                return Some(self.made(BlockKind::Footnote { label, blocks }, direction, span, mark));
            }
            // Other containers (none with the options we enable): keep their content.
            Item::Start(_) => {
                let blocks = self.blocks(&children, depth + 1);
                let direction = blocks.first().map_or(self.default_direction, |b| b.direction);
                return Some(self.made(BlockKind::Quote(blocks), direction, span, mark));
            }
            _ => return None,
        };
        Some(self.made(kind, self.default_direction, span, mark))
    }

    fn heading(&mut self, level: u8, text: &str, span: Span) {
        let heading = clean(text);
        let id = section_id_for(&heading, self.template);
        let current = self.sections.last().map_or(0, |s| s.level);
        if id.is_some() || current == 0 || level <= current {
            self.sections.push(Section { id, heading, level, span });
        }
    }

    fn table(&mut self, alignments: Vec<Alignment>, children: &[usize], span: Span, depth: usize) -> Block {
        let mark = self.mark();
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let mut first_text = String::new();
        for &part in children {
            let is_head = matches!(self.nodes.get(part).map(|n| &n.item), Some(Item::Start(Tag::TableHead)));
            let mut row_plain = Plain::default();
            let mut row = Vec::new();
            for cell in self.children(part) {
                let mut cell_plain = Plain::default();
                let content = self.inlines(&self.children(cell), 0, &mut cell_plain, depth + 1);
                if first_text.is_empty() {
                    first_text.clone_from(&cell_plain.text);
                }
                row_plain.append(cell_plain, " | ");
                row.push(content);
            }
            if is_head {
                header = row;
            } else {
                let range = (0, row_plain.text.len());
                self.unit(&row_plain, range, SentenceRole::Statement, Extent::Row(rows.len()));
                rows.push(row);
            }
        }
        let direction = self.direction_of(&first_text);
        let mut table = self.made(BlockKind::Table { alignments, header, rows }, direction, span, mark);
        table.sentences.start = mark.sentences;
        table
    }

    pub(super) fn paragraph(&mut self, children: &[usize], depth: usize) -> Block {
        let mark = self.mark();
        let start = children.first().map_or(0, |&c| self.span_of(c).start);
        let end = children.last().map_or(start, |&c| self.span_of(c).end);
        let span = Span::new(start, end);
        let (marker, skip_children, skip_bytes) = match self.marker(children, span) {
            Some((marker, skip_children, skip_bytes)) => (Some(marker), skip_children, skip_bytes),
            None => (None, 0, 0),
        };
        let mut plain = Plain::default();
        let content = self.inlines(children.get(skip_children..).unwrap_or_default(), skip_bytes, &mut plain, depth);
        let direction = self.direction_of(&plain.text);
        let claim = match (&marker, self.quotation.as_mut()) {
            (None, Some(quotation)) => {
                quotation.append(plain, " ");
                None
            }
            (None, None) => {
                for (start, end) in split(&plain.text) {
                    let extent = Extent::Text(start + plain.lead(start, end)..end);
                    self.unit(&plain, (start, end), SentenceRole::Statement, extent);
                }
                None
            }
            (Some(marker), _) => Some(self.marked(&plain, marker.clone(), span)),
        };
        let mut paragraph = self.made(BlockKind::Paragraph { marker, content }, direction, span, mark);
        paragraph.sentences.start = mark.sentences;
        paragraph.claim = claim;
        paragraph
    }
}
