//! Putting parsed pieces in place: offsets, section indices moved by what comes
//! before; claim ids derived over the whole body, as they depend on every piece before.

use std::collections::HashMap;

use uuid::Uuid;

use super::Piece;
use crate::diagnostic::{Code, Span};
use crate::estimative;
use crate::model::{Block, BlockKind, Claim, Inline, Section};

impl Piece {
    /// Appends `piece`, which starts at byte `offset` of the text.
    pub(super) fn append(&mut self, piece: Piece, offset: usize) {
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
