//! From text to [`Brief`]: front matter, then the Markdown body through pulldown-cmark,
//! then citations, judgment markers, sections, sentences and claims.
//!
//! The body is cut into pieces ([`crate::pieces`]), each parsed alone (and memoised):
//! `tree` turns pulldown-cmark's events into a tree, `blocks` builds the blocks,
//! `inlines` their inline content with citations, `claims` the sentences and claims of
//! each unit of prose. `assemble` shifts the pieces into place and derives claim ids.

mod assemble;
mod blocks;
mod claims;
mod inlines;
mod tree;

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use mizan_i18n::{Arg, Lang};

use crate::citation::CitationGroup;
use crate::diagnostic::{Code, Diagnostic, LineIndex, Sink, Span};
use crate::estimative::tokenize;
use crate::front_matter;
use crate::memo::Memo;
use crate::model::{Block, Brief, Claim, Direction, Section, Sentence};
use crate::pieces;
use crate::sentences::Plain;
use crate::template::Template;
use tree::{Node, tree};

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
    assemble::assign_claim_ids(&mut claims, &sections, front.id);
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
