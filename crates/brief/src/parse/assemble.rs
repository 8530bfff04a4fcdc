//! Putting parsed pieces in place: offsets, section, sentence and claim indices moved by
//! what comes before; note calls numbered and claim ids derived over the whole body, as
//! both depend on every piece before.

use std::borrow::Cow;
use std::collections::HashMap;

use uuid::Uuid;

use super::Piece;
use crate::citation::CitationGroup;
use crate::diagnostic::{Code, Span};
use crate::estimative;
use crate::model::{BlockKind, Claim, Inline, Section};
use crate::walk::{Flow, NodeMut, VisitorMut, walk_mut};

impl Piece {
    /// Appends `piece`, which starts at byte `offset` of the text: moved when it is this
    /// brief's own, cloned straight into place when the memo holds it.
    pub(super) fn append(&mut self, piece: Cow<'_, Piece>, offset: usize) {
        let section_base = self.sections.len().saturating_sub(1);
        let (blocks, citations, sentences, claims) =
            (self.blocks.len(), self.citations.len(), self.sentences.len(), self.claims.len());
        let (piece_sections, piece_diagnostics) = match piece {
            Cow::Owned(piece) => {
                self.blocks.extend(piece.blocks);
                self.citations.extend(piece.citations);
                self.sentences.extend(piece.sentences);
                self.claims.extend(piece.claims);
                (Cow::Owned(piece.sections), Cow::Owned(piece.diagnostics))
            }
            Cow::Borrowed(piece) => {
                self.blocks.extend_from_slice(&piece.blocks);
                self.citations.extend_from_slice(&piece.citations);
                self.sentences.extend_from_slice(&piece.sentences);
                self.claims.extend_from_slice(&piece.claims);
                (Cow::Borrowed(&piece.sections[..]), Cow::Borrowed(&piece.diagnostics[..]))
            }
        };
        let mut place = Place {
            offset,
            sentences,
            claims,
            notes: self.notes,
            footnotes: 0,
            citations: self.citations.get_mut(citations..).unwrap_or_default().iter_mut(),
        };
        walk_mut(self.blocks.get_mut(blocks..).unwrap_or_default(), &mut place);
        self.notes = place.notes;
        for sentence in self.sentences.get_mut(sentences..).unwrap_or_default() {
            shift(&mut sentence.span, offset);
            sentence.section += section_base;
            sentence.claim = sentence.claim.map(|c| c + claims);
        }
        for claim in self.claims.get_mut(claims..).unwrap_or_default() {
            shift(&mut claim.span, offset);
            claim.section += section_base;
        }
        self.sections.extend(piece_sections.iter().skip(1).map(|s| {
            let mut s = s.clone();
            shift(&mut s.span, offset);
            s
        }));
        // Nesting too deep is reported once per brief, at its first place.
        let reported = self.diagnostics.iter().any(|d| d.code == Code::NestingTooDeep);
        self.diagnostics.extend(
            piece_diagnostics.iter().filter(|d| !(reported && d.code == Code::NestingTooDeep)).map(|d| {
                let mut d = d.clone();
                shift(&mut d.span, offset);
                d
            }),
        );
    }
}

/// Moves a piece's blocks and citations into place and numbers their note calls.
struct Place<'c> {
    offset: usize,
    /// Sentences and claims before the piece.
    sentences: usize,
    claims: usize,
    /// Note calls numbered so far.
    notes: usize,
    /// How many footnote definitions the walk is in: their citations call no note.
    footnotes: usize,
    /// The piece's list of citations, which are its citation inlines in walk order.
    citations: std::slice::IterMut<'c, CitationGroup>,
}

impl Place<'_> {
    fn call(&mut self) -> Option<usize> {
        (self.footnotes == 0).then(|| {
            self.notes += 1;
            self.notes
        })
    }
}

impl VisitorMut for Place<'_> {
    fn enter(&mut self, node: NodeMut<'_>) -> Flow {
        match node {
            NodeMut::Block(block) => {
                shift(&mut block.span, self.offset);
                block.sentences = block.sentences.start + self.sentences..block.sentences.end + self.sentences;
                block.claims = block.claims.start + self.claims..block.claims.end + self.claims;
                block.claim = block.claim.map(|c| c + self.claims);
                if matches!(block.kind, BlockKind::Footnote { .. }) {
                    self.footnotes += 1;
                }
            }
            NodeMut::Inline(Inline::Citation(group)) => {
                shift(&mut group.span, self.offset);
                group.note = self.call();
                if let Some(listed) = self.citations.next() {
                    listed.span = group.span;
                    listed.note = group.note;
                }
            }
            NodeMut::Inline(Inline::FootnoteRef(reference)) => reference.note = self.call(),
            NodeMut::Item { .. } | NodeMut::Row(_) | NodeMut::Cell { .. } | NodeMut::Inline(_) => {}
        }
        Flow::Continue
    }

    fn leave(&mut self, node: NodeMut<'_>) {
        if let NodeMut::Block(block) = node
            && matches!(block.kind, BlockKind::Footnote { .. })
        {
            self.footnotes -= 1;
        }
    }
}

fn shift(span: &mut Span, offset: usize) {
    span.start += offset;
    span.end += offset;
}

/// Claim ids: UUID v5 in the brief's namespace (nil until the brief has an id) of the
/// section key, the normalised text, and the occurrence among identical claims.
pub(super) fn assign_claim_ids(claims: &mut [Claim], sections: &[Section], brief_id: Option<Uuid>) {
    let namespace = brief_id.unwrap_or(Uuid::nil());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for claim in claims {
        let section = sections.get(claim.section).map(Section::key).unwrap_or_default();
        let words = &estimative::terms(&claim.text).words;
        let base = format!("{}\u{1f}{}\u{1f}{}", claim.kind.as_str(), section, words);
        let occurrence = seen.entry(base.clone()).or_insert(0);
        *occurrence += 1;
        claim.id = Uuid::new_v5(&namespace, format!("{base}\u{1f}{occurrence}").as_bytes());
    }
}
