//! The units of prose (sentences, table rows, quotations) and the claims they make: a
//! unit that cites is a claim of fact; a paragraph under a judgment or assumption label
//! is one claim with all its sentences.

use mizan_i18n::Arg;
use pulldown_cmark::Tag;
use uuid::Uuid;

use super::Builder;
use super::tree::Item;
use crate::diagnostic::{Code, Span};
use crate::estimative::{self, LabelKind, Qualifier};
use crate::model::{Claim, ClaimKind, Extent, Marker, Sentence, SentenceRole};
use crate::sentences::{CITE, Plain, clean, split};

impl Builder<'_, '_> {
    /// `span` with each end moved forward to a character boundary of the source: plain
    /// text can be longer than its source (pulldown-cmark makes a NUL U+FFFD), so an
    /// offset mapped through it may fall inside a character.
    fn on_chars(&self, span: Span) -> Span {
        let boundary = |at: usize| {
            let mut at = at.min(self.source.len());
            while !self.source.is_char_boundary(at) {
                at += 1;
            }
            at
        };
        Span::new(boundary(span.start), boundary(span.end))
    }

    /// One sentence-sized unit at `extent` of its block; a claim of fact when it carries
    /// citations, whose index is returned.
    pub(super) fn unit(
        &mut self,
        plain: &Plain,
        (start, end): (usize, usize),
        role: SentenceRole,
        extent: Extent,
    ) -> Option<usize> {
        let raw = plain.text.get(start..end).unwrap_or_default();
        let text = clean(raw);
        if text.is_empty() && !raw.contains(CITE) {
            return None;
        }
        let span = self.on_chars(plain.span(start, end));
        let cited: Vec<usize> = plain.cites_in(start, end).collect();
        let section = self.current_section();
        let claim = (!cited.is_empty()).then_some(self.claims.len());
        self.sentences.push(Sentence {
            text: text.clone(),
            span,
            section,
            role,
            citations: cited.len(),
            extent,
            claim,
        });
        if claim.is_some() {
            self.claim(ClaimKind::Fact, text, span, cited.into_iter(), None);
        }
        claim
    }

    /// Adds a claim citing the groups `cited` (indices into the citations), its terms
    /// read from its text and its id left for the assembly.
    fn claim(
        &mut self,
        kind: ClaimKind,
        text: String,
        span: Span,
        cited: impl Iterator<Item = usize>,
        marker: Option<Marker>,
    ) {
        let citations = cited.filter_map(|i| self.citations.get(i)).flat_map(|g| g.items.iter().cloned()).collect();
        let terms = estimative::terms(&text);
        self.claims.push(Claim {
            id: Uuid::nil(),
            kind,
            written_likelihood: terms.likelihood.as_ref().map(|f| f.value),
            written_confidence: terms.confidence.as_ref().map(|f| f.value),
            text,
            span,
            section: self.current_section(),
            citations,
            marker,
        });
    }

    /// A judgment or assumption paragraph: one claim, whose index is returned, with its
    /// sentences.
    pub(super) fn marked(&mut self, plain: &Plain, marker: Marker, span: Span) -> usize {
        let role = if marker.kind == ClaimKind::Assumption { SentenceRole::Assumption } else { SentenceRole::Judgment };
        let section = self.current_section();
        let claim = self.claims.len();
        for (start, end) in split(&plain.text) {
            let raw = plain.text.get(start..end).unwrap_or_default();
            self.sentences.push(Sentence {
                text: clean(raw),
                span: self.on_chars(plain.span(start, end)),
                section,
                role,
                citations: plain.cites_in(start, end).count(),
                extent: Extent::Text(start + plain.lead(start, end)..end),
                claim: Some(claim),
            });
        }
        self.claim(marker.kind, clean(&plain.text), span, plain.cites_in(0, plain.text.len()), Some(marker));
        claim
    }

    /// Recognises `**Label** (qualifiers) :` or `**Label (qualifiers) :**` at the start
    /// of a paragraph. Returns the marker, how many child nodes it used, and how many
    /// bytes of the next text node.
    pub(super) fn marker(&mut self, children: &[usize], span: Span) -> Option<(Marker, usize, usize)> {
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
}
