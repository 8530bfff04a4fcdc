//! Blocks of the brief as HTML, before sanitising: one walk over the model
//! ([`crate::walk`]) writing each node's tags as it enters and leaves it. What the markup
//! shows of claims and notes is what the parser put in the model: each sentence's claim
//! and place in its paragraph, the claim of a judgment, a quotation or a table row.

use std::fmt::Write as _;
use std::ops::Range;

use mizan_i18n::{Lang, Localizer};
use uuid::Uuid;

use crate::citation::{Citation, CitationGroup};
use crate::estimative::{Confidence, Likelihood};
use crate::model::{Alignment, Block, BlockKind, Brief, Claim, ClaimKind, Direction, Extent, Inline};
use crate::sentences::CITE;
use crate::walk::{Flow, Node, Visitor, plain_text, walk};

/// Writes top-level blocks of one brief.
pub(super) struct Renderer<'b> {
    brief: &'b Brief,
    localizer: &'b Localizer,
    /// Subtracted from `data-line` values: the lines before the top-level block being
    /// rendered.
    pub(super) line_offset: u32,
}

impl<'b> Renderer<'b> {
    pub(super) fn new(brief: &'b Brief, localizer: &'b Localizer) -> Self {
        Self { brief, localizer, line_offset: 0 }
    }

    /// Appends the markup of `block`, a top-level block of the brief, to `out`.
    pub(super) fn block(&self, block: &Block, out: &mut String) {
        let mut markup = Markup {
            renderer: self,
            out,
            claims: Vec::new(),
            next: 0,
            pos: 0,
            open: false,
            links: 0,
            lists: Vec::new(),
            header: false,
            cell: "td",
            rows: Vec::new(),
        };
        walk(std::slice::from_ref(block), &mut markup);
    }

    /// The 1-based line where a block starts, counted from the top-level block being
    /// rendered: `data-line`, for scroll sync, once the article adds the offset.
    fn line(&self, block: &Block) -> u32 {
        self.brief.line_of(block.span.start).saturating_sub(self.line_offset)
    }

    fn claim(&self, index: Option<usize>) -> Option<&'b Claim> {
        index.and_then(|i| self.brief.claims.get(i))
    }

    /// The visible label of a judgment or assumption:
    /// `Jugement (improbable, 20–45 % ; confiance modérée) :`.
    fn label(
        &self,
        kind: ClaimKind,
        likelihood: Option<Likelihood>,
        confidence: Option<Confidence>,
        unrecognised: &[String],
        out: &mut String,
    ) {
        let l10n = self.localizer;
        let (separator, colon) = match l10n.lang() {
            Lang::Fr => (" ; ", " :"),
            Lang::Ar => ("؛ ", ":"),
            Lang::En => ("; ", ":"),
        };
        let range_separator = if l10n.lang() == Lang::Ar { "، " } else { ", " };
        let word = match kind {
            ClaimKind::Assumption => l10n.message("label-assumption", &[]),
            _ => l10n.message("label-judgment", &[]),
        };
        out.push_str("<span class=\"claim-label\"><strong class=\"claim-kind\">");
        escape(&word, out);
        out.push_str("</strong>");
        let mut qualifiers = Vec::new();
        if let Some(l) = likelihood {
            let id = format!("likelihood-{}", l.id());
            let mut term = l10n.message(&id, &[]);
            if let Some(range) = l10n.attribute(&id, "range", &[]) {
                term.push_str(range_separator);
                term.push_str(&range);
            }
            qualifiers.push(term);
        }
        if let Some(c) = confidence {
            qualifiers.push(l10n.message(&format!("confidence-{}", c.id()), &[]));
        }
        qualifiers.extend(unrecognised.iter().cloned());
        if !qualifiers.is_empty() {
            out.push_str(" <span class=\"claim-qualifiers\">(");
            escape(&qualifiers.join(separator), out);
            out.push_str(")</span>");
        }
        out.push_str(colon);
        out.push_str("</span> ");
    }
}

/// The markup as the walk goes. Claim spans of a paragraph's facts are opened and closed
/// at their sentences' plain-text offsets, and closed at every tag boundary, so nesting is
/// always well formed.
struct Markup<'r, 'b> {
    renderer: &'r Renderer<'b>,
    out: &'r mut String,
    /// The fact claims of the paragraph being written: ranges of its plain text and ids.
    claims: Vec<(Range<usize>, Uuid)>,
    /// Index of the first claim not yet finished.
    next: usize,
    /// Offset in the paragraph's plain text.
    pos: usize,
    /// Whether a claim span is open.
    open: bool,
    /// How many links the walk is in: a link cannot hold another, so citations and
    /// footnote references there have none of their own.
    links: usize,
    /// Direction and line of the lists the walk is in, for their empty items.
    lists: Vec<(&'static str, u32)>,
    /// Whether the table being written has a header row.
    header: bool,
    /// `th` in the header row, `td` in the body.
    cell: &'static str,
    /// The claim of each body row of the table being written.
    rows: Vec<Option<Uuid>>,
}

/// The attributes of the element holding a fact claim (a span, a quotation, a row).
fn fact_attributes(id: Uuid, out: &mut String) {
    let _ = write!(out, " class=\"claim fact\" data-claim-kind=\"fact\" data-claim-id=\"{id}\"");
}

impl Visitor for Markup<'_, '_> {
    fn enter(&mut self, node: Node<'_>) -> Flow {
        match node {
            Node::Block(block) => self.open_block(block),
            Node::Item { blocks, .. } => {
                let (list_dir, list_line) = self.lists.last().copied().unwrap_or(("ltr", 0));
                let item_dir = blocks.first().map_or(list_dir, |b| dir(b.direction));
                let item_line = blocks.first().map_or(list_line, |b| self.renderer.line(b));
                let _ = write!(self.out, "<li dir=\"{item_dir}\" data-line=\"{item_line}\">");
            }
            Node::Row(None) => {
                self.cell = "th";
                if self.header {
                    self.out.push_str("<thead><tr>");
                }
            }
            Node::Row(Some(row)) => {
                self.cell = "td";
                self.out.push_str("<tr");
                if let Some(id) = self.rows.get(row).copied().flatten() {
                    fact_attributes(id, self.out);
                }
                self.out.push('>');
            }
            Node::Cell { alignment, .. } => {
                let _ = write!(self.out, "<{}", self.cell);
                match alignment {
                    Alignment::Left => self.out.push_str(" class=\"align-left\""),
                    Alignment::Center => self.out.push_str(" class=\"align-center\""),
                    Alignment::Right => self.out.push_str(" class=\"align-right\""),
                    Alignment::None => {}
                }
                self.out.push('>');
            }
            Node::Inline(inline) => return self.inline(inline),
        }
        Flow::Continue
    }

    fn leave(&mut self, node: Node<'_>) {
        match node {
            Node::Block(block) => self.close_block(block),
            Node::Item { .. } => self.out.push_str("</li>"),
            Node::Row(None) => {
                if self.header {
                    self.out.push_str("</tr></thead>");
                }
                self.out.push_str("<tbody>");
            }
            Node::Row(Some(_)) => self.out.push_str("</tr>"),
            Node::Cell { .. } => {
                let _ = write!(self.out, "</{}>", self.cell);
            }
            Node::Inline(inline) => {
                let close = match inline {
                    Inline::Emphasis(_) => "</em>",
                    Inline::Strong(_) => "</strong>",
                    Inline::Strikethrough(_) => "</del>",
                    Inline::Link { .. } => {
                        self.links -= 1;
                        "</a>"
                    }
                    _ => return,
                };
                self.close();
                self.out.push_str(close);
            }
        }
    }
}

impl Markup<'_, '_> {
    fn open_block(&mut self, block: &Block) {
        let renderer = self.renderer;
        let brief = renderer.brief;
        let d = dir(block.direction);
        let line = renderer.line(block);
        let out = &mut *self.out;
        match &block.kind {
            BlockKind::Heading { level, .. } => {
                let _ = write!(out, "<h{} dir=\"{d}\" data-line=\"{line}\">", (*level).clamp(1, 6));
            }
            BlockKind::Paragraph { marker: Some(marker), .. } => {
                let claim = brief.claim_of(block);
                let kind = marker.kind.as_str();
                let _ = write!(
                    out,
                    "<p dir=\"{d}\" data-line=\"{line}\" class=\"claim {kind}\" data-claim-kind=\"{kind}\""
                );
                let likelihood = claim.and_then(Claim::likelihood).or(marker.likelihood);
                let confidence = claim.and_then(Claim::confidence).or(marker.confidence);
                if let Some(claim) = claim {
                    let _ = write!(out, " data-claim-id=\"{}\"", claim.id);
                }
                if let Some(l) = likelihood {
                    let _ = write!(out, " data-likelihood=\"{}\"", l.id());
                }
                if let Some(c) = confidence {
                    let _ = write!(out, " data-confidence=\"{}\"", c.id());
                }
                out.push('>');
                renderer.label(marker.kind, likelihood, confidence, &marker.unrecognised, out);
            }
            BlockKind::Paragraph { marker: None, .. } => {
                let _ = write!(out, "<p dir=\"{d}\" data-line=\"{line}\">");
                // The paragraph's facts: its sentences that state claims.
                self.claims.clear();
                self.claims.extend(brief.sentences_of(block).iter().filter_map(|sentence| {
                    let Extent::Text(range) = &sentence.extent else { return None };
                    Some((range.clone(), renderer.claim(sentence.claim)?.id))
                }));
                self.next = 0;
                self.pos = 0;
            }
            BlockKind::List { start, tight, .. } => {
                let tag = if start.is_some() { "ol" } else { "ul" };
                let _ = write!(out, "<{tag} dir=\"{d}\" data-line=\"{line}\"");
                if *tight {
                    out.push_str(" class=\"tight\"");
                }
                if let Some(n) = start.filter(|n| *n != 1) {
                    let _ = write!(out, " start=\"{n}\"");
                }
                out.push('>');
                self.lists.push((d, line));
            }
            BlockKind::Quote(_) => {
                let _ = write!(out, "<blockquote dir=\"{d}\" data-line=\"{line}\"");
                if let Some(claim) = brief.claim_of(block) {
                    fact_attributes(claim.id, out);
                }
                out.push('>');
            }
            BlockKind::Table { header, rows, .. } => {
                let _ = write!(out, "<table dir=\"{d}\" data-line=\"{line}\">");
                self.header = !header.is_empty();
                self.rows.clear();
                self.rows.resize(rows.len(), None);
                for sentence in brief.sentences_of(block) {
                    if let (Extent::Row(row), Some(claim)) = (&sentence.extent, renderer.claim(sentence.claim))
                        && let Some(slot) = self.rows.get_mut(*row)
                    {
                        *slot = Some(claim.id);
                    }
                }
            }
            BlockKind::Code { text, .. } => {
                let _ = write!(out, "<pre dir=\"ltr\" data-line=\"{line}\"><code>");
                escape(text, out);
                out.push_str("</code></pre>");
            }
            BlockKind::Html(html) => out.push_str(html),
            BlockKind::Rule => {
                let _ = write!(out, "<hr data-line=\"{line}\">");
            }
            BlockKind::Footnote { label, .. } => {
                let _ = write!(out, "<div dir=\"{d}\" data-line=\"{line}\" class=\"footnote\" id=\"fn-");
                escape(label, out);
                out.push_str("\"><sup class=\"footnote-label\">");
                escape(label, out);
                out.push_str("</sup>");
            }
        }
    }

    fn close_block(&mut self, block: &Block) {
        match &block.kind {
            BlockKind::Heading { level, .. } => {
                let _ = write!(self.out, "</h{}>", (*level).clamp(1, 6));
            }
            BlockKind::Paragraph { .. } => {
                self.close();
                self.claims.clear();
                self.out.push_str("</p>");
            }
            BlockKind::List { start, .. } => {
                self.lists.pop();
                self.out.push_str(if start.is_some() { "</ol>" } else { "</ul>" });
            }
            BlockKind::Quote(_) => self.out.push_str("</blockquote>"),
            BlockKind::Table { .. } => self.out.push_str("</tbody></table>"),
            BlockKind::Footnote { .. } => self.out.push_str("</div>"),
            BlockKind::Code { .. } | BlockKind::Html(_) | BlockKind::Rule => {}
        }
    }

    /// Closes the span if the current claim has ended; opens one if `pos` is inside a
    /// claim and none is open.
    fn sync(&mut self) {
        while let Some((range, _)) = self.claims.get(self.next) {
            if self.pos < range.end {
                break;
            }
            self.close();
            self.next += 1;
        }
        let Some((range, id)) = self.claims.get(self.next) else { return };
        if self.pos >= range.start && !self.open {
            self.out.push_str("<span");
            fact_attributes(*id, self.out);
            self.out.push('>');
            self.open = true;
        }
    }

    fn close(&mut self) {
        if self.open {
            self.out.push_str("</span>");
            self.open = false;
        }
    }

    /// Text, cut where claims start and end.
    fn text(&mut self, text: &str) {
        let mut rest = text;
        while !rest.is_empty() {
            self.sync();
            let boundary = match self.claims.get(self.next) {
                Some((range, _)) if self.pos < range.start => range.start,
                Some((range, _)) => range.end,
                None => usize::MAX,
            };
            let take = boundary.saturating_sub(self.pos).min(rest.len());
            let take = if take == 0 || !rest.is_char_boundary(take) { rest.len() } else { take };
            let (piece, tail) = rest.split_at(take);
            escape(piece, self.out);
            self.pos += piece.len();
            rest = tail;
        }
    }

    /// A self-contained element standing for `inline`'s plain text.
    fn atom(&mut self, inline: &Inline, write: impl FnOnce(&mut String)) {
        self.sync();
        write(self.out);
        self.pos += inline.plain().len();
    }

    fn inline(&mut self, inline: &Inline) -> Flow {
        let in_link = self.links > 0;
        match inline {
            Inline::Text(t) => self.text(t),
            Inline::Code(t) => self.atom(inline, |out| {
                out.push_str("<code>");
                escape(t, out);
                out.push_str("</code>");
            }),
            Inline::SoftBreak => self.atom(inline, |out| out.push('\n')),
            Inline::HardBreak => self.atom(inline, |out| out.push_str("<br>")),
            Inline::Emphasis(_) => self.open_tag("<em>"),
            Inline::Strong(_) => self.open_tag("<strong>"),
            Inline::Strikethrough(_) => self.open_tag("<del>"),
            Inline::Link { dest, title, .. } => {
                let mut open = String::from("<a href=\"");
                escape(dest, &mut open);
                open.push('"');
                if !title.is_empty() {
                    open.push_str(" title=\"");
                    escape(title, &mut open);
                    open.push('"');
                }
                open.push('>');
                self.open_tag(&open);
                self.links += 1;
            }
            Inline::Image { alt, .. } => {
                // The preview loads nothing: a brief is confidential and analysts work
                // offline, so an image shows as its alt text (without its citations).
                let alt_text = plain_text(alt).replace(CITE, "");
                self.atom(inline, |out| {
                    out.push_str("<span class=\"image\">[");
                    escape(&alt_text, out);
                    out.push_str("]</span>");
                });
                return Flow::Skip;
            }
            Inline::Citation(group) => self.atom(inline, |out| citation_group(group, in_link, out)),
            Inline::FootnoteRef(reference) => self.atom(inline, |out| {
                let label = reference.label.as_str();
                out.push_str("<sup class=\"footnote-ref\">");
                if in_link {
                    escape(label, out);
                } else {
                    out.push_str("<a href=\"#fn-");
                    escape(label, out);
                    out.push_str("\">");
                    escape(label, out);
                    out.push_str("</a>");
                }
                out.push_str("</sup>");
            }),
            Inline::Html(html) => {
                // Raw inline HTML may open a tag it closes later: keep it outside spans.
                self.close();
                self.out.push_str(html);
            }
        }
        Flow::Continue
    }

    /// Opens a formatting element; claim spans do not cross its edges.
    fn open_tag(&mut self, tag: &str) {
        self.close();
        self.out.push_str(tag);
    }
}

pub(super) fn dir(direction: Direction) -> &'static str {
    match direction {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    }
}

/// The cover: marking, title and subtitle from the front matter.
pub(super) fn header(brief: &Brief, out: &mut String) {
    let front = &brief.front;
    if front.title.is_none() && front.subtitle.is_none() && front.classification.is_none() {
        return;
    }
    out.push_str("<header>");
    if let Some(marking) = &front.classification {
        out.push_str("<p class=\"brief-classification\">");
        escape(marking, out);
        out.push_str("</p>");
    }
    if let Some(title) = &front.title {
        out.push_str("<h1 class=\"brief-title\">");
        escape(title, out);
        out.push_str("</h1>");
    }
    if let Some(subtitle) = &front.subtitle {
        out.push_str("<p class=\"brief-subtitle\">");
        escape(subtitle, out);
        out.push_str("</p>");
    }
    out.push_str("</header>");
}

/// Escapes text for element content and double-quoted attribute values.
pub(super) fn escape(text: &str, out: &mut String) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn citation_group(group: &CitationGroup, in_link: bool, out: &mut String) {
    out.push_str("<span class=\"cite-group\">[");
    for (i, item) in group.items.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        citation(item, in_link, out);
    }
    out.push_str("]</span>");
}

fn citation(item: &Citation, in_link: bool, out: &mut String) {
    let key = item.key.as_str();
    let tag = if in_link { "span" } else { "a" };
    let _ = write!(out, "<{tag} class=\"cite\" data-key=\"");
    escape(key, out);
    out.push('"');
    if !in_link {
        out.push_str(" href=\"#source-");
        escape(key, out);
        out.push('"');
    }
    if let Some(credibility) = item.credibility {
        let _ = write!(out, " data-credibility=\"{}\"", credibility.number());
    }
    if let Some(excerpt) = &item.excerpt {
        out.push_str(" title=\"");
        escape(excerpt, out);
        out.push('"');
    }
    out.push('>');
    if !item.prefix.is_empty() {
        escape(&item.prefix, out);
        out.push(' ');
    }
    if item.suppress_author {
        out.push('-');
    }
    escape(key, out);
    if let Some(locator) = &item.locator {
        out.push_str(", ");
        escape(&locator.label, out);
        out.push(' ');
        escape(&locator.value, out);
    }
    if !item.suffix.is_empty() {
        out.push_str(", ");
        escape(&item.suffix, out);
    }
    let _ = write!(out, "</{tag}>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::preview;
    use crate::parse;

    #[test]
    fn escape_covers_markup_and_quotes() {
        let mut out = String::new();
        escape("<a href=\"x\">'&'</a>", &mut out);
        assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn fact_claims_wrap_the_sentences_the_model_gives() {
        let brief = parse(
            "---\nlang: fr\n---\n\nPremière *phrase* sourcée [@a]. Deuxième sans source. Troisième `x` [@b, p. 2].\n",
        );
        let BlockKind::Paragraph { content, .. } = &brief.blocks[0].kind else { panic!("{:?}", brief.blocks) };
        assert_eq!(plain_text(content).matches(CITE).count(), 2);
        assert_eq!(brief.claims.len(), 2);
        let out = preview(brief.text());
        for claim in &brief.claims {
            assert!(out.contains(&format!("data-claim-id=\"{}\"", claim.id)), "{out}");
        }
        // The unsourced sentence is outside every claim span; the first claim is split
        // around the emphasis.
        assert!(out.contains("]</span>.</span> Deuxième sans source. <span class=\"claim fact\""), "{out}");
        assert!(out.contains("Première </span><em><span class=\"claim fact\""), "{out}");
    }

    #[test]
    fn a_claim_crossing_emphasis_is_split_not_misnested() {
        let out = preview("---\nlang: fr\n---\n\nLe *blocus a commencé. Il dure* encore [@a].\n");
        // The second sentence starts inside the emphasis and ends outside it.
        assert!(out.contains("<em>blocus a commencé. <span class=\"claim fact\""), "{out}");
        assert!(out.contains("Il dure</span></em><span class=\"claim fact\""), "{out}");
    }
}
