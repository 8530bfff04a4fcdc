//! From text to [`Brief`]: front matter, then the Markdown body through pulldown-cmark,
//! then citations, judgment markers, sections, sentences and claims.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use mizan_i18n::{Arg, Lang};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag};
use unicode_bidi::{BidiClass, bidi_class};
use uuid::Uuid;

use crate::citation::{self, CitationGroup};
use crate::diagnostic::{Code, Diagnostic, LineIndex, Sink, Span};
use crate::estimative::{self, LabelKind, Qualifier, tokenize};
use crate::front_matter;
use crate::memo::Memo;
use crate::model::{
    Alignment, Block, BlockKind, Brief, Claim, ClaimKind, Direction, Inline, Marker, Section, Sentence, SentenceRole,
};
use crate::pieces;
use crate::sentences::{CITE, Plain, clean, split};
use crate::template::{Template, section_id_for};

/// Containers nested deeper than this are flattened: real briefs never come close, and
/// the bound keeps every later recursion (writer, layout) safe.
const MAX_DEPTH: usize = 32;
/// Real briefs are well under a megabyte; above this we say so (and still parse).
const LARGE_INPUT: usize = 2 * 1024 * 1024;

/// Parses a brief. Never fails and never panics: problems are in `diagnostics`.
pub fn parse(text: &str) -> Brief {
    build(text.to_owned(), Sink::default(), pieces::starts)
}

/// Parses a brief from bytes. Invalid UTF-8 is decoded lossily (U+FFFD) with an error
/// naming the line and column of the first bad byte.
pub fn parse_bytes(bytes: &[u8]) -> Brief {
    let mut sink = Sink::default();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(error) => {
            let valid = error.valid_up_to();
            let prefix = std::str::from_utf8(bytes.get(..valid).unwrap_or_default()).unwrap_or_default();
            let line = prefix.matches('\n').count() + 1;
            let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            sink.push(
                Code::InvalidUtf8,
                Span::new(valid, valid),
                vec![("line", Arg::from(line)), ("column", Arg::from(column))],
            );
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    build(text, sink, pieces::starts)
}

/// `cut` gives where the body's pieces start (see [`crate::pieces`]); the tests compare
/// with the body parsed as one piece.
fn build(text: String, mut sink: Sink, cut: fn(&str) -> Vec<usize>) -> Brief {
    if text.len() > LARGE_INPUT {
        let tenths = text.len() * 10 / (1024 * 1024);
        sink.push(
            Code::InputTooLarge,
            Span::new(0, 0),
            vec![("size", Arg::Text(format!("{}.{}", tenths / 10, tenths % 10)))],
        );
    }
    let layout = front_matter::locate(&text, &mut sink);
    let front = front_matter::parse(&text, &layout, &mut sink);
    let body = text.get(layout.body_start..).unwrap_or_default();
    let lang = front.lang.unwrap_or_else(|| guess_lang(body));
    let template = front.template.as_deref().and_then(Template::builtin);

    let default_direction = if lang.is_rtl() { Direction::Rtl } else { Direction::Ltr };
    let mut body_parse = Piece {
        sections: vec![Section {
            id: None,
            heading: String::new(),
            level: 0,
            span: Span::new(layout.body_start, layout.body_start),
        }],
        ..Piece::default()
    };
    let starts = if body.len() > PIECED_LIMIT { vec![0] } else { cut(body) };
    if starts.len() == 1 {
        // One piece: parsed in place, as there is nothing to reuse.
        let whole = parse_one_piece(&text, layout.body_start..text.len(), default_direction, template, 0);
        body_parse.append(whole, 0);
    } else {
        let ends = starts.iter().skip(1).copied().chain([body.len()]);
        for (start, end) in starts.iter().copied().zip(ends) {
            let piece = body.get(start..end).unwrap_or_default();
            let level = body_parse.sections.last().map_or(0, |s| s.level);
            let parsed = Piece::clone(&parse_piece(piece, default_direction, template, level));
            body_parse.append(parsed, layout.body_start + start);
        }
    }
    let Piece { blocks, sections, citations, sentences, mut claims, diagnostics } = body_parse;
    sink.items.extend(diagnostics);
    assign_claim_ids(&mut claims, &sections, front.id);
    let lines = LineIndex::new(&text);
    let diagnostics = sink.finish(&text, &lines);
    let self_contained = !pieces::has_definitions(body);
    Brief { front, lang, blocks, sections, citations, sentences, claims, diagnostics, text, lines, self_contained }
}

/// Above this, the body is parsed whole: the piece memo could not hold its pieces (each
/// parse would evict the previous one's), and parsing many pieces costs more than one
/// parse of the same text (0.8 MB of one-line paragraphs: 100–190 ms whole, 265–350 ms in
/// pieces). A 20-page brief is under 150 KB.
const PIECED_LIMIT: usize = 256 * 1024;

/// What a piece of the body parses to (see [`crate::pieces`]), with offsets from the
/// piece's start and section indices from the section the piece starts in (index 0,
/// whose heading level is all the piece knows of it).
#[derive(Clone, Debug, Default)]
struct Piece {
    blocks: Vec<Block>,
    sections: Vec<Section>,
    citations: Vec<CitationGroup>,
    sentences: Vec<Sentence>,
    claims: Vec<Claim>,
    diagnostics: Vec<Diagnostic>,
}

/// [`parse_one_piece`], memoised on the piece's text and the context it depends on.
fn parse_piece(piece: &str, direction: Direction, template: Option<&'static Template>, level: u8) -> Arc<Piece> {
    // About 300 KB of Markdown per generation (a 20-page brief is under 150 KB), at the
    // rough measure below: the parsed model takes several times its text.
    static MEMO: LazyLock<Memo<Arc<Piece>>> = LazyLock::new(|| Memo::new(2 << 20));
    let template_id = template.map_or("", |t| t.id.as_str());
    let dir = if direction == Direction::Rtl { 'r' } else { 'l' };
    let key = format!("{dir}{level}{template_id}\u{0}{piece}");
    MEMO.get(&key, |_| Arc::new(parse_one_piece(piece, 0..piece.len(), direction, template, level)), |_| key.len() * 12)
}

/// Parses `source[range]`, with offsets in `source`.
fn parse_one_piece(
    source: &str,
    range: Range<usize>,
    direction: Direction,
    template: Option<&'static Template>,
    level: u8,
) -> Piece {
    let mut sink = Sink::default();
    let mut builder = Builder {
        source,
        nodes: tree(source.get(range.clone()).unwrap_or_default(), range.start),
        sink: &mut sink,
        default_direction: direction,
        template,
        sections: vec![Section { id: None, heading: String::new(), level, span: Span::default() }],
        citations: Vec::new(),
        sentences: Vec::new(),
        claims: Vec::new(),
        quotation: None,
        too_deep_reported: false,
    };
    let root_children = builder.nodes.first().map(|n| n.children.clone()).unwrap_or_default();
    let blocks = builder.blocks(&root_children, 0);
    let Builder { sections, citations, sentences, claims, .. } = builder;
    Piece { blocks, sections, citations, sentences, claims, diagnostics: sink.items }
}

impl Piece {
    /// Appends `piece`, which starts at byte `offset` of the text.
    fn append(&mut self, piece: Piece, offset: usize) {
        let section_base = self.sections.len().saturating_sub(1);
        self.blocks.extend(piece.blocks.into_iter().map(|mut b| {
            shift_block(&mut b, offset);
            b
        }));
        self.sections.extend(piece.sections.into_iter().skip(1).map(|mut s| {
            shift(&mut s.span, offset);
            s
        }));
        self.citations.extend(piece.citations.into_iter().map(|mut g| {
            shift(&mut g.span, offset);
            g
        }));
        self.sentences.extend(piece.sentences.into_iter().map(|mut s| {
            shift(&mut s.span, offset);
            s.section += section_base;
            s
        }));
        self.claims.extend(piece.claims.into_iter().map(|mut c| {
            shift(&mut c.span, offset);
            c.section += section_base;
            c
        }));
        // Nesting too deep is reported once per brief, at its first place.
        let reported = self.diagnostics.iter().any(|d| d.code == Code::NestingTooDeep);
        self.diagnostics.extend(
            piece.diagnostics.into_iter().filter(|d| !(reported && d.code == Code::NestingTooDeep)).map(|mut d| {
                shift(&mut d.span, offset);
                d
            }),
        );
    }
}

fn shift(span: &mut Span, offset: usize) {
    span.start += offset;
    span.end += offset;
}

fn shift_block(block: &mut Block, offset: usize) {
    if offset == 0 {
        return;
    }
    shift(&mut block.span, offset);
    match &mut block.kind {
        BlockKind::Heading { content, .. } | BlockKind::Paragraph { content, .. } => shift_inlines(content, offset),
        BlockKind::List { items, .. } => items.iter_mut().flatten().for_each(|b| shift_block(b, offset)),
        BlockKind::Quote(blocks) | BlockKind::Footnote { blocks, .. } => {
            blocks.iter_mut().for_each(|b| shift_block(b, offset));
        }
        BlockKind::Table { header, rows, .. } => {
            header.iter_mut().chain(rows.iter_mut().flatten()).for_each(|cell| shift_inlines(cell, offset));
        }
        BlockKind::Code { .. } | BlockKind::Html(_) | BlockKind::Rule => {}
    }
}

fn shift_inlines(inlines: &mut [Inline], offset: usize) {
    for inline in inlines {
        match inline {
            Inline::Citation(group) => shift(&mut group.span, offset),
            Inline::Emphasis(inner)
            | Inline::Strong(inner)
            | Inline::Strikethrough(inner)
            | Inline::Link { content: inner, .. }
            | Inline::Image { alt: inner, .. } => shift_inlines(inner, offset),
            Inline::Text(_)
            | Inline::Code(_)
            | Inline::FootnoteRef(_)
            | Inline::SoftBreak
            | Inline::HardBreak
            | Inline::Html(_) => {}
        }
    }
}

/// Arabic script dominant: ar. Otherwise French or English by their commonest words.
fn guess_lang(body: &str) -> Lang {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for ch in body.chars().take(20_000) {
        if ('\u{0600}'..='\u{06FF}').contains(&ch) {
            arabic += 1;
        } else if ch.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if arabic > latin {
        return Lang::Ar;
    }
    let (mut fr, mut en) = (0, 0);
    for token in tokenize(body.get(..body.len().min(20_000)).unwrap_or(body)).iter().take(3000) {
        match token.norm.as_str() {
            "le" | "la" | "les" | "des" | "est" | "une" | "dans" | "du" | "et" | "que" => fr += 1,
            "the" | "of" | "and" | "is" | "in" | "to" | "that" | "with" => en += 1,
            _ => {}
        }
    }
    if en > fr { Lang::En } else { Lang::Fr }
}

/// pulldown-cmark events as a tree (iteratively, so depth cannot overflow the stack).
#[derive(Debug)]
enum Item<'a> {
    Root,
    Start(Tag<'a>),
    Text(CowStr<'a>),
    Code(CowStr<'a>),
    Html(CowStr<'a>),
    FootnoteRef(CowStr<'a>),
    SoftBreak,
    HardBreak,
    Rule,
    Ignored,
}

#[derive(Debug)]
struct Node<'a> {
    item: Item<'a>,
    range: Range<usize>,
    children: Vec<usize>,
}

fn tree(body: &str, base: usize) -> Vec<Node<'_>> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut nodes = vec![Node { item: Item::Root, range: base..base + body.len(), children: Vec::new() }];
    let mut stack = vec![0usize];
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = base + range.start..base + range.end;
        let item = match event {
            Event::Start(tag) => Item::Start(tag),
            Event::End(_) => {
                if stack.len() > 1 {
                    stack.pop();
                }
                continue;
            }
            Event::Text(t) => Item::Text(t),
            Event::Code(t) => Item::Code(t),
            Event::Html(t) | Event::InlineHtml(t) => Item::Html(t),
            Event::FootnoteReference(t) => Item::FootnoteRef(t),
            Event::SoftBreak => Item::SoftBreak,
            Event::HardBreak => Item::HardBreak,
            Event::Rule => Item::Rule,
            _ => Item::Ignored,
        };
        let opens = matches!(item, Item::Start(_));
        let index = nodes.len();
        nodes.push(Node { item, range, children: Vec::new() });
        if let Some(parent) = stack.last().and_then(|&p| nodes.get_mut(p)) {
            parent.children.push(index);
        }
        if opens {
            stack.push(index);
        }
    }
    nodes
}

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

struct Builder<'a, 's> {
    source: &'a str,
    nodes: Vec<Node<'a>>,
    sink: &'s mut Sink,
    default_direction: Direction,
    template: Option<&'static Template>,
    sections: Vec<Section>,
    citations: Vec<CitationGroup>,
    sentences: Vec<Sentence>,
    claims: Vec<Claim>,
    /// While inside a block quotation: its text, taken as one unit.
    quotation: Option<Plain>,
    too_deep_reported: bool,
}

fn is_inline(item: &Item<'_>) -> bool {
    match item {
        Item::Text(_) | Item::Code(_) | Item::FootnoteRef(_) | Item::SoftBreak | Item::HardBreak => true,
        Item::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        ),
        _ => false,
    }
}

impl Builder<'_, '_> {
    fn current_section(&self) -> usize {
        self.sections.len().saturating_sub(1)
    }

    fn too_deep(&mut self, at: usize) {
        if !self.too_deep_reported {
            self.too_deep_reported = true;
            self.sink.push(Code::NestingTooDeep, Span::new(at, at), vec![("depth", Arg::from(MAX_DEPTH))]);
        }
    }

    /// All text under a node, without recursion.
    fn plain_text(&self, index: usize) -> String {
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

    fn direction_of(&self, text: &str) -> Direction {
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

    fn blocks(&mut self, children: &[usize], depth: usize) -> Vec<Block> {
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

    fn span_of(&self, index: usize) -> Span {
        self.nodes.get(index).map_or_else(Span::default, |n| Span::new(n.range.start, n.range.end))
    }

    fn children(&self, index: usize) -> Vec<usize> {
        self.nodes.get(index).map(|n| n.children.clone()).unwrap_or_default()
    }

    fn block(&mut self, index: usize, depth: usize) -> Option<Block> {
        let span = self.span_of(index);
        let children = self.children(index);
        if depth > MAX_DEPTH {
            self.too_deep(span.start);
            let text = self.plain_text(index);
            let direction = self.direction_of(&text);
            let content = vec![Inline::Text(text)];
            return Some(Block { kind: BlockKind::Paragraph { marker: None, content }, direction, span });
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
                return Some(Block { kind: BlockKind::Heading { level, content }, direction, span });
            }
            Item::Start(Tag::BlockQuote(_)) => {
                let outermost = self.quotation.is_none();
                if outermost {
                    self.quotation = Some(Plain::default());
                }
                let blocks = self.blocks(&children, depth + 1);
                if outermost && let Some(plain) = self.quotation.take() {
                    let range = (0, plain.text.len());
                    self.unit(&plain, range, SentenceRole::Quotation);
                }
                let direction = blocks.first().map_or(self.default_direction, |b| b.direction);
                return Some(Block { kind: BlockKind::Quote(blocks), direction, span });
            }
            Item::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let text = children.iter().map(|&c| self.plain_text(c)).collect();
                return Some(Block { kind: BlockKind::Code { info, text }, direction: Direction::Ltr, span });
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
                return Some(Block { kind: BlockKind::List { start, tight, items }, direction, span });
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
                return Some(Block { kind: BlockKind::Footnote { label, blocks }, direction, span });
            }
            // Other containers (none with the options we enable): keep their content.
            Item::Start(_) => {
                let blocks = self.blocks(&children, depth + 1);
                let direction = blocks.first().map_or(self.default_direction, |b| b.direction);
                return Some(Block { kind: BlockKind::Quote(blocks), direction, span });
            }
            _ => return None,
        };
        Some(Block { kind, direction: self.default_direction, span })
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
                self.unit(&row_plain, range, SentenceRole::Statement);
                rows.push(row);
            }
        }
        let direction = self.direction_of(&first_text);
        Block { kind: BlockKind::Table { alignments, header, rows }, direction, span }
    }

    fn paragraph(&mut self, children: &[usize], depth: usize) -> Block {
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
        match (&marker, self.quotation.as_mut()) {
            (None, Some(quotation)) => quotation.append(plain, " "),
            (None, None) => {
                for range in split(&plain.text) {
                    self.unit(&plain, range, SentenceRole::Statement);
                }
            }
            (Some(marker), _) => self.marked(&plain, marker.clone(), span),
        }
        Block { kind: BlockKind::Paragraph { marker, content }, direction, span }
    }

    /// The span from `start` to `end` in the source, each moved forward to a character
    /// boundary: plain text can be longer than its source (pulldown-cmark makes a NUL
    /// U+FFFD), so an offset mapped through it may fall inside a character.
    fn on_chars(&self, start: usize, end: usize) -> Span {
        let boundary = |at: usize| {
            let mut at = at.min(self.source.len());
            while !self.source.is_char_boundary(at) {
                at += 1;
            }
            at
        };
        Span::new(boundary(start), boundary(end))
    }

    /// One sentence-sized unit; a claim of fact when it carries citations.
    fn unit(&mut self, plain: &Plain, (start, end): (usize, usize), role: SentenceRole) {
        let raw = plain.text.get(start..end).unwrap_or_default();
        let text = clean(raw);
        if text.is_empty() && !raw.contains(CITE) {
            return;
        }
        let lead = raw.len() - raw.trim_start().len();
        let span = self.on_chars(plain.source_offset(start + lead), plain.source_end(end));
        let cited: Vec<usize> = plain.cites_in(start, end).collect();
        let section = self.current_section();
        self.sentences.push(Sentence { text: text.clone(), span, section, role, citations: cited.len() });
        if !cited.is_empty() {
            let citations =
                cited.iter().filter_map(|&i| self.citations.get(i)).flat_map(|g| g.items.iter().cloned()).collect();
            let terms = estimative::terms(&text);
            self.claims.push(Claim {
                id: Uuid::nil(),
                kind: ClaimKind::Fact,
                written_likelihood: terms.likelihood.as_ref().map(|f| f.value),
                written_confidence: terms.confidence.as_ref().map(|f| f.value),
                text,
                span,
                section,
                citations,
                marker: None,
            });
        }
    }

    /// A judgment or assumption paragraph: one claim, with its sentences.
    fn marked(&mut self, plain: &Plain, marker: Marker, span: Span) {
        let role = if marker.kind == ClaimKind::Assumption { SentenceRole::Assumption } else { SentenceRole::Judgment };
        let section = self.current_section();
        for (start, end) in split(&plain.text) {
            let raw = plain.text.get(start..end).unwrap_or_default();
            let lead = raw.len() - raw.trim_start().len();
            let sentence_span = self.on_chars(plain.source_offset(start + lead), plain.source_end(end));
            let citations = plain.cites_in(start, end).count();
            self.sentences.push(Sentence { text: clean(raw), span: sentence_span, section, role, citations });
        }
        let text = clean(&plain.text);
        let terms = estimative::terms(&text);
        let citations = plain
            .cites_in(0, plain.text.len())
            .filter_map(|i| self.citations.get(i))
            .flat_map(|g| g.items.iter().cloned())
            .collect();
        self.claims.push(Claim {
            id: Uuid::nil(),
            kind: marker.kind,
            written_likelihood: terms.likelihood.as_ref().map(|f| f.value),
            written_confidence: terms.confidence.as_ref().map(|f| f.value),
            text,
            span,
            section,
            citations,
            marker: Some(marker),
        });
    }

    /// Recognises `**Label** (qualifiers) :` or `**Label (qualifiers) :**` at the start
    /// of a paragraph. Returns the marker, how many child nodes it used, and how many
    /// bytes of the next text node.
    fn marker(&mut self, children: &[usize], span: Span) -> Option<(Marker, usize, usize)> {
        let first = *children.first()?;
        if !matches!(self.nodes.get(first)?.item, Item::Start(Tag::Strong)) {
            return None;
        }
        let strong = self.plain_text(first);
        let next_text = children.get(1).and_then(|&c| match &self.nodes.get(c)?.item {
            Item::Text(t) => Some(t.to_string()),
            _ => None,
        });
        let (head, skip_bytes) = if let Some((before, after)) = strong.split_once([':', '：']) {
            if !after.trim().is_empty() {
                return None;
            }
            let skip = next_text.as_deref().map_or(0, |t| t.len() - t.trim_start().len());
            (before.to_owned(), skip)
        } else {
            let next = next_text?;
            let trimmed = next.trim_start();
            let (paren, rest) = match trimmed.strip_prefix('(') {
                Some(inner) => {
                    let close = inner.find(')')?;
                    (inner.get(..close)?, inner.get(close + 1..)?)
                }
                None => ("", trimmed),
            };
            let rest = rest.trim_start().strip_prefix([':', '：'])?;
            let skip = next.len() - rest.trim_start().len();
            let head = if paren.is_empty() { strong.clone() } else { format!("{strong} ({paren})") };
            (head, skip)
        };
        let (label, qualifiers) = match head.split_once('(') {
            Some((label, rest)) => (label.trim(), rest.trim_end().trim_end_matches(')')),
            None => (head.trim(), ""),
        };
        let kind = match estimative::match_label(label)? {
            LabelKind::Judgment => ClaimKind::Judgment,
            LabelKind::Assumption => ClaimKind::Assumption,
        };
        let mut marker =
            Marker { kind, label: label.to_owned(), likelihood: None, confidence: None, unrecognised: Vec::new() };
        for part in qualifiers.split([';', '؛', ',', '،']).map(str::trim).filter(|p| !p.is_empty()) {
            let duplicate = match estimative::parse_qualifier(part) {
                Some(Qualifier::Likelihood(value)) => marker.likelihood.replace(value).is_some(),
                Some(Qualifier::Confidence(value)) => marker.confidence.replace(value).is_some(),
                None => {
                    self.sink.push(Code::MarkerUnknownQualifier, span, vec![("value", Arg::from(part))]);
                    marker.unrecognised.push(part.to_owned());
                    false
                }
            };
            if duplicate {
                self.sink.push(Code::MarkerDuplicateQualifier, span, vec![("value", Arg::from(part))]);
            }
        }
        Some((marker, 1, skip_bytes))
    }

    fn inlines(&mut self, children: &[usize], skip_first: usize, plain: &mut Plain, depth: usize) -> Vec<Inline> {
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
        match &node.item {
            Item::Code(t) => {
                let t = t.to_string();
                plain.push(&t, span.start);
                out.push(Inline::Code(t));
            }
            Item::Html(t) => out.push(Inline::Html(t.to_string())),
            Item::FootnoteRef(t) => out.push(Inline::FootnoteRef(t.to_string())),
            Item::SoftBreak => {
                plain.push(" ", span.start);
                out.push(Inline::SoftBreak);
            }
            Item::HardBreak => {
                plain.push(" ", span.start);
                out.push(Inline::HardBreak);
            }
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

/// Claim ids: UUID v5 in the brief's namespace (nil until the brief has an id) of the
/// section key, the normalised text, and the occurrence among identical claims.
fn assign_claim_ids(claims: &mut [Claim], sections: &[Section], brief_id: Option<Uuid>) {
    let namespace = brief_id.unwrap_or(Uuid::nil());
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for claim in claims {
        let section = sections.get(claim.section).map(Section::key).unwrap_or_default();
        let words = &estimative::terms(&claim.text).words;
        let base = format!("{}\u{1f}{}\u{1f}{}", claim.kind.as_str(), section, words);
        let occurrence = seen.entry(base.clone()).or_insert(0);
        *occurrence += 1;
        claim.id = Uuid::new_v5(&namespace, format!("{base}\u{1f}{occurrence}").as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    fn whole(text: &str) -> String {
        format!("{:?}", build(text.to_owned(), Sink::default(), |_| vec![0]))
    }

    fn pieced(text: &str) -> String {
        format!("{:?}", parse(text))
    }

    #[test]
    fn a_pieced_parse_equals_the_whole_one_on_every_fixture() {
        for (name, text) in corpus::fixtures() {
            assert!(pieces::starts(&text).len() > 1 || text.len() < 400, "{name} was not cut at all");
            assert_eq!(pieced(&text), whole(&text), "{name}");
        }
    }

    #[test]
    fn a_pieced_parse_equals_the_whole_one_after_edits() {
        let compared = corpus::edits(|what, edited| assert_eq!(pieced(edited), whole(edited), "{what}"));
        assert!(compared > 800, "{compared} edits");
    }

    #[test]
    fn nesting_too_deep_is_reported_once_across_pieces() {
        let deep = format!("{}a\n\nb\n\n{}c\n", ">".repeat(40), ">".repeat(40));
        let brief = parse(&deep);
        let count = brief.diagnostics.iter().filter(|d| d.code == Code::NestingTooDeep).count();
        assert_eq!(count, 1);
        assert_eq!(format!("{brief:?}"), whole(&deep));
    }
}
