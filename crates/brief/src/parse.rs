//! From text to [`Brief`]: front matter, then the Markdown body through pulldown-cmark,
//! then citations, judgment markers, sections, sentences and claims.
//!
//! The body is cut into pieces ([`crate::pieces`]), each parsed alone (and memoised):
//! `tree` turns pulldown-cmark's events into a tree, `blocks` builds the blocks,
//! `inlines` their inline content with citations, `claims` the sentences and claims of
//! each unit of prose. `assemble` shifts the pieces into place and gives what depends
//! on the pieces before (note numbers, claim ids).

mod assemble;
mod blocks;
mod claims;
mod inlines;
mod tree;

use std::borrow::Cow;
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
        body_parse.append(Cow::Owned(whole), 0);
    } else {
        let ends = starts.iter().skip(1).copied().chain([body.len()]);
        for (start, end) in starts.iter().copied().zip(ends) {
            let piece = body.get(start..end).unwrap_or_default();
            let level = body_parse.sections.last().map_or(0, |s| s.level);
            let parsed = parse_piece(piece, default_direction, template, level);
            body_parse.append(Cow::Borrowed(&parsed), layout.body_start + start);
        }
    }
    let Piece { blocks, sections, citations, sentences, mut claims, diagnostics, .. } = body_parse;
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
/// piece's start, section indices from the section the piece starts in (index 0, whose
/// heading level is all the piece knows of it), sentence and claim indices from the
/// piece's first, and no note numbers. [`Piece::append`] puts it in place.
#[derive(Clone, Debug, Default)]
struct Piece {
    blocks: Vec<Block>,
    sections: Vec<Section>,
    citations: Vec<CitationGroup>,
    sentences: Vec<Sentence>,
    claims: Vec<Claim>,
    diagnostics: Vec<Diagnostic>,
    /// In the assembled body: how many note calls are numbered.
    notes: usize,
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
    Piece { blocks, sections, citations, sentences, claims, diagnostics: sink.items, notes: 0 }
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
    use crate::model::{BlockKind, ClaimKind, Extent, Inline};
    use crate::walk::{Flow, Node, Visitor, plain_text, walk};

    fn whole(text: &str) -> String {
        format!("{:?}", build(text.to_owned(), Sink::default(), |_| vec![0]))
    }

    fn pieced(text: &str) -> String {
        format!("{:?}", parse(text))
    }

    /// The whole model is compared, sentence extents, claims of sentences and blocks and
    /// note numbers included (`Debug` shows every field).
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

    /// What renderers read without checking: each sentence held by one block, at an
    /// extent whose plain text is the sentence; claims of sentences and blocks that state
    /// them; note calls numbered 1, 2, … in walk order outside footnote definitions, the
    /// brief's list of citations being its citation inlines in walk order.
    fn check_model(what: &str, brief: &Brief) {
        struct Check<'b> {
            brief: &'b Brief,
            sentences: Vec<usize>,
            /// (sentence, the plain text of its block's unit).
            texts: Vec<(usize, String)>,
            groups: Vec<crate::CitationGroup>,
            notes: Vec<Option<usize>>,
            footnotes: usize,
            claims: Vec<usize>,
        }
        impl Visitor for Check<'_> {
            fn enter(&mut self, node: Node<'_>) -> Flow {
                let brief = self.brief;
                match node {
                    Node::Block(block) => {
                        // The block's claims are those its blocks and sentences state.
                        let mut inside = Vec::new();
                        walk(std::slice::from_ref(block), &mut |node: Node<'_>| {
                            if let Node::Block(b) = node {
                                inside.extend(b.claim);
                                inside.extend(brief.sentences_of(b).iter().filter_map(|s| s.claim));
                            }
                        });
                        inside.sort_unstable();
                        inside.dedup();
                        assert_eq!(inside, block.claims.clone().collect::<Vec<_>>(), "claims of {block:?}");
                        self.sentences.extend(block.sentences.clone());
                        self.claims.extend(block.claim);
                        if let BlockKind::Footnote { .. } = block.kind {
                            self.footnotes += 1;
                        }
                        let unit = match &block.kind {
                            BlockKind::Paragraph { content, .. } => plain_text(content),
                            BlockKind::Table { rows, .. } => {
                                rows.iter().map(|row| row.iter().map(|c| plain_text(c)).collect::<String>()).collect()
                            }
                            _ => String::new(),
                        };
                        for i in block.sentences.clone() {
                            self.texts.push((i, unit.clone()));
                            let sentence = &brief.sentences[i];
                            match (&sentence.extent, &block.kind) {
                                (Extent::Text(_), BlockKind::Paragraph { .. })
                                | (Extent::Row(_), BlockKind::Table { .. })
                                | (Extent::Whole, BlockKind::Quote(_)) => {}
                                (extent, kind) => panic!("{extent:?} in {kind:?}"),
                            }
                        }
                    }
                    Node::Inline(inline) => {
                        if let Inline::Citation(group) = inline {
                            self.groups.push(group.clone());
                        }
                        if matches!(inline, Inline::Citation(_) | Inline::FootnoteRef(_)) {
                            self.notes.push(inline.note());
                            if self.footnotes > 0 {
                                assert_eq!(inline.note(), None);
                            }
                        }
                    }
                    _ => {}
                }
                Flow::Continue
            }
            fn leave(&mut self, node: Node<'_>) {
                if let Node::Block(Block { kind: BlockKind::Footnote { .. }, .. }) = node {
                    self.footnotes -= 1;
                }
            }
        }
        let mut check = Check {
            brief,
            sentences: Vec::new(),
            texts: Vec::new(),
            groups: Vec::new(),
            notes: Vec::new(),
            footnotes: 0,
            claims: Vec::new(),
        };
        walk(&brief.blocks, &mut check);
        assert_eq!(check.sentences, (0..brief.sentences.len()).collect::<Vec<_>>(), "{what}: sentences by block");
        assert_eq!(check.groups, brief.citations, "{what}: citations");
        let numbered: Vec<usize> = check.notes.iter().flatten().copied().collect();
        assert_eq!(numbered, (1..=numbered.len()).collect::<Vec<_>>(), "{what}: note numbers");
        for (i, unit) in check.texts {
            let sentence = &brief.sentences[i];
            if let Extent::Text(range) = &sentence.extent {
                let text = unit.get(range.clone()).unwrap_or_else(|| panic!("{what}: {range:?} of {unit:?}"));
                assert_eq!(crate::sentences::clean(text), sentence.text, "{what}");
            }
            if let Some(c) = sentence.claim {
                let claim = &brief.claims[c];
                if claim.kind == ClaimKind::Fact {
                    assert_eq!((claim.span, &claim.text), (sentence.span, &sentence.text), "{what}");
                    check.claims.push(c);
                } else {
                    assert!(check.claims.contains(&c), "{what}: a judgment's sentence outside it");
                }
            } else {
                assert_eq!(sentence.citations, 0, "{what}: a citing sentence of no claim");
            }
        }
        check.claims.sort_unstable();
        check.claims.dedup();
        assert_eq!(check.claims, (0..brief.claims.len()).collect::<Vec<_>>(), "{what}: every claim stated once");
    }

    #[test]
    fn renderers_find_what_the_parser_knew_on_every_fixture_and_edit() {
        for (name, text) in corpus::fixtures() {
            check_model(&name, &parse(&text));
        }
        corpus::edits(|what, edited| check_model(what, &parse(edited)));
    }

    #[test]
    fn note_calls_are_numbered_in_reading_order_outside_footnote_definitions() {
        let brief = parse(
            "---\nlang: fr\n---\n\n# Titre [@h]\n\nVoir ![carte [@a] et[^1]](x.png) puis \
             [lien [@b]](https://a.example).\n\n| en-tête [@c] | k |\n|-|-|\n| r [@d] | [@e] |\n\n\
             [^1]: Note qui cite [@z] et[^1].\n\n> - cité [@f].\n",
        );
        let mut calls = Vec::new();
        walk(&brief.blocks, &mut |node: Node<'_>| {
            if let Node::Inline(inline @ (Inline::Citation(_) | Inline::FootnoteRef(_))) = node {
                calls.push(inline.note());
            }
        });
        let expected: Vec<Option<usize>> = [1, 2, 3, 4, 5, 6, 7].map(Some).into_iter().collect();
        assert_eq!(calls[..7], expected[..]);
        assert_eq!(calls[7..], [None, None, Some(8)]);
        let notes: Vec<_> = brief.citations.iter().map(|g| g.note).collect();
        assert_eq!(notes, [1, 2, 4, 5, 6, 7].map(Some).into_iter().chain([None, Some(8)]).collect::<Vec<_>>());
    }

    #[test]
    fn sentences_and_blocks_know_their_claims() {
        let brief = parse(
            "---\nlang: fr\n---\n\nUn fait [@a]. Sans source. Autre fait [@b].\n\n\
             **Jugement** (probable) : Une phrase. Une autre [@c].\n\n> Cité [@d].\n>\n> Suite.\n\n\
             | a | b |\n|-|-|\n| x | y |\n| z [@e] | w |\n",
        );
        let claims: Vec<_> = brief.sentences.iter().map(|s| (s.text.as_str(), s.claim, s.extent.clone())).collect();
        assert_eq!(
            claims,
            [
                ("Un fait .", Some(0), Extent::Text(0..12)),
                ("Sans source.", None, Extent::Text(13..25)),
                ("Autre fait .", Some(1), Extent::Text(26..41)),
                ("Une phrase.", Some(2), Extent::Text(0..11)),
                ("Une autre .", Some(2), Extent::Text(12..26)),
                ("Cité . Suite.", Some(3), Extent::Whole),
                ("x | y", None, Extent::Row(0)),
                ("z | w", Some(4), Extent::Row(1)),
            ]
        );
        let [fact, judgment, quote, table] = &brief.blocks[..] else { panic!("{:?}", brief.blocks) };
        assert_eq!((fact.sentences.clone(), fact.claims.clone(), fact.claim), (0..3, 0..2, None));
        assert_eq!((judgment.sentences.clone(), judgment.claims.clone(), judgment.claim), (3..5, 2..3, Some(2)));
        assert_eq!(brief.claim_of(judgment).map(|c| c.kind), Some(ClaimKind::Judgment));
        assert_eq!((quote.sentences.clone(), quote.claim), (5..6, Some(3)));
        assert_eq!(brief.sentences_of(table).len(), 2);
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
