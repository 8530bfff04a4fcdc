//! The brief as sanitised HTML, for the app's live preview.
//!
//! [`render_html`] builds the markup from the [`Brief`] model (not from the Markdown
//! again), then passes each top-level block through an `ammonia` allow-list, so raw HTML
//! written in the brief is kept only as far as it is harmless: no `<script>`, `<style>`,
//! event handler attributes, `style`, or URLs other than `http:`, `https:`, `mailto:`
//! and fragment links (`#…`). Relative paths (`../x`) are dropped.
//!
//! # Markup
//!
//! ```html
//! <article class="brief" lang="fr" dir="ltr">
//!   <header>
//!     <p class="brief-classification">Diffusion restreinte</p>
//!     <h1 class="brief-title">…</h1><p class="brief-subtitle">…</p>
//!   </header>
//!   <h2 dir="ltr">Situation</h2>
//!   <p dir="ltr"><span class="claim fact" data-claim-kind="fact" data-claim-id="UUID">Le
//!     blocus … 2025 <span class="cite-group">[<a class="cite" data-key="rfi-blocus-bamako-2025"
//!     href="#source-rfi-blocus-bamako-2025" rel="noopener noreferrer">rfi-blocus-bamako-2025,
//!     p. 2</a>]</span>.</span> Phrase sans source.</p>
//!   <p dir="ltr" class="claim judgment" data-claim-kind="judgment" data-claim-id="UUID"
//!      data-likelihood="unlikely" data-confidence="moderate"><span class="claim-label"><strong
//!      class="claim-kind">Jugement</strong> <span class="claim-qualifiers">(improbable,
//!      20–45 % ; confiance modérée)</span> :</span> Une prise de Bamako …</p>
//! </article>
//! ```
//!
//! - Every block (`p`, `h1`–`h6`, `ul`/`ol` and each `li`, `blockquote`, `table`, `div`
//!   of a footnote) carries `dir="rtl"` or `dir="ltr"` from [`Block::direction`]; code
//!   blocks are always `ltr`. Each also carries `data-line="N"`, the 1-based line of the
//!   text where it starts, so the app can keep editor and preview scrolled together.
//! - A citation group is `<span class="cite-group">[…]</span>` holding one
//!   `<a class="cite" data-key="KEY" href="#source-KEY">` per cited source (the app gives
//!   each source card `id="source-KEY"`). Optional `data-credibility="1".."6"`, and the
//!   quoted excerpt as `title`. Inside a Markdown link a nested `<a>` would be invalid
//!   HTML, so there the marker is a `<span class="cite" data-key="KEY">` without `href`.
//!   Keys are HTML-escaped.
//! - Claims: a fact stated in a paragraph is wrapped in
//!   `<span class="claim fact" data-claim-kind="fact" data-claim-id="UUID">` around the
//!   sentence's text. Where the sentence crosses inline formatting (`*…*`, `**…**`,
//!   links), the span is **split**: it is closed before every tag boundary and reopened
//!   after it, so one claim may be several spans with the same `data-claim-id` (select
//!   them with `[data-claim-id="…"]`). This never produces mis-nested tags.
//!   Judgments and assumptions, quotations and table rows are whole blocks, so the
//!   claim attributes go on the block element itself (`p`, `blockquote`, `tr`) with the
//!   classes `claim judgment`, `claim assumption` or `claim fact`.
//! - A judgment or assumption shows a label in the localizer's language: kind, then
//!   likelihood with its ICD 203 range and confidence (the marker's, else those its text
//!   uses), as `data-likelihood` / `data-confidence` too, holding the stable ids of
//!   [`Likelihood::id`] and [`Confidence::id`].
//! - Footnote references are `<sup class="footnote-ref"><a href="#fn-LABEL">LABEL</a></sup>`;
//!   definitions `<div class="footnote" id="fn-LABEL">`.
//! - Table cell alignment is a class (`align-left`, `align-center`, `align-right`), as
//!   `style` attributes are not allowed.
//!
//! Raw HTML is sanitised by the same allow-list as our own markup, so a brief can
//! write `<span class="claim fact" …>` itself; the claims of record are
//! [`Brief::claims`], and the app should only highlight ids it finds there.
//!
//! The renderer is one pass over the model plus one `ammonia` pass per top-level block,
//! both linear in the size of the brief. The sanitised blocks are memoised (keyed by
//! their markup with lines counted from the block's start), so after an edit only the
//! blocks that changed go through `ammonia` again.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, LazyLock, OnceLock};

use ammonia::{Builder, UrlRelative};
use mizan_i18n::{Lang, Localizer};

use crate::citation::{Citation, CitationGroup};
use crate::estimative::{Confidence, Likelihood};
use crate::memo::Memo;
use crate::model::{Alignment, Block, BlockKind, Brief, Claim, ClaimKind, Direction, FootnoteRef, Inline};
use crate::sentences::{CITE, split};

/// The brief as a sanitised HTML fragment (one `<article>`). Labels of judgments and
/// assumptions are in `localizer`'s language, normally the brief's
/// (`Localizer::new(brief.lang)`). Pure: the same inputs give the same output.
pub fn render_html(brief: &Brief, localizer: &Localizer) -> String {
    render_article(brief, localizer).html()
}

/// The rendered brief as the `<article>` start tag and its top-level blocks, each a
/// well-formed sanitised fragment. [`Article::html`] joins them into what
/// [`render_html`] returns; a live preview can instead replace only the blocks whose
/// [`ArticleBlock::key`] changed since the last rendering.
#[derive(Clone, Debug)]
pub struct Article {
    /// `<article class="brief" lang="…" dir="…">`.
    pub open: String,
    pub blocks: Vec<ArticleBlock>,
}

/// One top-level block of the article (the cover header, or one block of the brief,
/// which may be several elements). Its markup counts `data-line` values from the
/// block's own first line, so a block reads the same wherever it sits in the text;
/// `line_offset` is what to add to them.
#[derive(Clone, Debug)]
pub struct ArticleBlock {
    pub markup: Arc<str>,
    /// A hash of `markup`: equal keys mean equal markup (up to a 64-bit collision). The
    /// hash is keyed per process, so keys are unpredictable from the text and only
    /// comparable within one process.
    pub key: u64,
    pub line_offset: u32,
}

impl Article {
    /// What closes [`Article::open`].
    pub const CLOSE: &'static str = "</article>";

    /// The whole article as one HTML string, line numbers in place.
    pub fn html(&self) -> String {
        let size = self.open.len() + self.blocks.iter().map(|b| b.markup.len() + 16).sum::<usize>() + Self::CLOSE.len();
        let mut out = String::with_capacity(size);
        out.push_str(&self.open);
        for block in &self.blocks {
            block.write_html(&mut out);
        }
        out.push_str(Self::CLOSE);
        out
    }
}

impl ArticleBlock {
    /// Appends the block's markup with its line numbers in place.
    pub fn write_html(&self, out: &mut String) {
        shift_lines(&self.markup, self.line_offset, out);
    }
}

/// [`render_html`] block by block. The wrapper is added around the sanitised blocks, so a
/// stray `</article>` in raw HTML cannot close it: each sanitised block is a well-formed
/// fragment.
pub fn render_article(brief: &Brief, localizer: &Localizer) -> Article {
    render_article_with(brief, localizer, brief.self_contained)
}

/// [`render_article`]; `reuse`: take a block's markup from [`BLOCKS`] when its text and
/// claims were rendered before.
fn render_article_with(brief: &Brief, localizer: &Localizer, reuse: bool) -> Article {
    let mut renderer = Renderer::new(brief, localizer);
    let open = format!("<article class=\"brief\" lang=\"{}\" dir=\"{}\">", brief.lang.code(), dir(brief.direction()));
    let mut blocks = Vec::with_capacity(brief.blocks.len() + 1);
    let mut fragment = String::new();
    header(brief, &mut fragment);
    push_sanitized(&fragment, 0, &mut blocks);
    // Claim indices by where they start, to find each block's claims.
    let mut claims: Vec<(usize, usize)> = brief.claims.iter().enumerate().map(|(i, c)| (c.span.start, i)).collect();
    claims.sort_unstable();
    let mut key = String::new();
    for block in &brief.blocks {
        // Each top-level block is rendered with its lines counted from its own first
        // line, so that it reads the same wherever it sits in the text, and sanitised
        // on its own: after an edit only the changed blocks are rendered again.
        let first = brief.line_of(block.span.start);
        renderer.line_offset = first.saturating_sub(1);
        let render = |renderer: &mut Renderer<'_>, fragment: &mut String| {
            fragment.clear();
            renderer.block(block, false, fragment);
        };
        if !reuse {
            render(&mut renderer, &mut fragment);
            push_sanitized(&fragment, renderer.line_offset, &mut blocks);
            continue;
        }
        // The block's markup is a function of its lines (the brief being self-contained),
        // the language, and the ids of the claims in it, which depend on other blocks.
        // Whole lines: an indented code block's span starts after its indentation, and
        // its text alone reads the same as a heading or a paragraph.
        key.clear();
        let _ = write!(key, "{}{}", localizer.lang().code(), brief.lang.code());
        let from = claims.partition_point(|(start, _)| *start < block.span.start);
        for (_, i) in claims.get(from..).unwrap_or_default().iter().take_while(|(s, _)| *s < block.span.end) {
            if let Some(claim) = brief.claims.get(*i) {
                let _ = write!(key, " {}", claim.id);
            }
        }
        key.push('\u{0}');
        let line_start = brief.lines.line_start(block.span.start);
        key.push_str(brief.text().get(line_start..block.span.end).unwrap_or_default());
        let rendered = BLOCKS.get(
            &key,
            |_| {
                render(&mut renderer, &mut fragment);
                (!fragment.is_empty()).then(|| sanitized(&fragment))
            },
            |rendered| rendered.as_ref().map_or(0, |(markup, _)| markup.len()),
        );
        if let Some((markup, hash)) = rendered {
            blocks.push(ArticleBlock { markup, key: hash, line_offset: renderer.line_offset });
        }
    }
    Article { open, blocks }
}

/// Sanitised markup and its [`ArticleBlock::key`].
type Markup = (Arc<str>, u64);

/// Blocks' markup by the block's text and claims (`None`: the block renders to nothing).
static BLOCKS: LazyLock<Memo<Option<Markup>>> = LazyLock::new(|| Memo::new(8 << 20));

/// `fragment` as the allow-list lets it through, and its [`ArticleBlock::key`].
fn sanitized(fragment: &str) -> Markup {
    static KEYS: LazyLock<RandomState> = LazyLock::new(RandomState::new);
    let clean: Arc<str> = sanitizer().clean(fragment).to_string().into();
    let key = KEYS.hash_one(&*clean);
    (clean, key)
}

/// Adds `fragment`, as the allow-list lets it through, as a block whose `data-line`
/// values take `line_offset` more.
fn push_sanitized(fragment: &str, line_offset: u32, blocks: &mut Vec<ArticleBlock>) {
    if fragment.is_empty() {
        return;
    }
    static MEMO: LazyLock<Memo<Markup>> = LazyLock::new(|| Memo::new(8 << 20));
    let (markup, key) = MEMO.get(fragment, sanitized, |(clean, _)| clean.len());
    blocks.push(ArticleBlock { markup, key, line_offset });
}

/// Copies serialised HTML, adding `offset` to each `data-line="N"` attribute. Only tags
/// are looked at: in the serialiser's output a raw `<` always opens a tag and a raw `"`
/// inside a tag always delimits an attribute value, so text that reads like the
/// attribute is left alone.
fn shift_lines(html: &str, offset: u32, out: &mut String) {
    const ATTRIBUTE: &str = " data-line=\"";
    if offset == 0 || !html.contains(ATTRIBUTE) {
        out.push_str(html);
        return;
    }
    let bytes = html.as_bytes();
    let (mut in_tag, mut quoted) = (false, false);
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i) {
            Some(b'<') if !in_tag => in_tag = true,
            Some(b'>') if in_tag && !quoted => in_tag = false,
            Some(b'"') if in_tag => quoted = !quoted,
            Some(b' ') if in_tag && !quoted && html.get(i..).is_some_and(|rest| rest.starts_with(ATTRIBUTE)) => {
                let digits_at = i + ATTRIBUTE.len();
                let digits = html.get(digits_at..).unwrap_or_default();
                let len = digits.bytes().take_while(u8::is_ascii_digit).count();
                if let (Some(b'"'), Ok(line)) = (bytes.get(digits_at + len), digits[..len].parse::<u32>()) {
                    out.push_str(&html[copied..digits_at]);
                    let _ = write!(out, "{}", line.saturating_add(offset));
                    // Continue at the closing quote of the value.
                    copied = digits_at + len;
                    i = copied + 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&html[copied..]);
}

fn dir(direction: Direction) -> &'static str {
    match direction {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    }
}

fn header(brief: &Brief, out: &mut String) {
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
fn escape(text: &str, out: &mut String) {
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

/// A claim's range in a paragraph's plain text (the parser's coordinates).
#[derive(Debug, Clone, Copy)]
struct Range {
    start: usize,
    end: usize,
    claim: usize,
}

struct Renderer<'b> {
    brief: &'b Brief,
    localizer: &'b Localizer,
    /// Fact claims as (span start, span end, index), sorted by start.
    facts: Vec<(usize, usize, usize)>,
    /// Judgments and assumptions by (span start, span end, kind): one per marked paragraph.
    marked: HashMap<(usize, usize, ClaimKind), usize>,
    used: Vec<bool>,
    /// Subtracted from `data-line` values: the lines before the top-level block being
    /// rendered.
    line_offset: u32,
}

impl<'b> Renderer<'b> {
    fn new(brief: &'b Brief, localizer: &'b Localizer) -> Self {
        let mut facts = Vec::new();
        let mut marked = HashMap::new();
        for (i, claim) in brief.claims.iter().enumerate() {
            match claim.kind {
                ClaimKind::Fact => facts.push((claim.span.start, claim.span.end, i)),
                kind => {
                    marked.entry((claim.span.start, claim.span.end, kind)).or_insert(i);
                }
            }
        }
        facts.sort_unstable();
        Self { brief, localizer, facts, marked, used: vec![false; brief.claims.len()], line_offset: 0 }
    }

    /// Unused fact claims inside `[start, end]`, in document order, marked as used.
    fn take_facts(&mut self, start: usize, end: usize, limit: usize) -> Vec<usize> {
        let from = self.facts.partition_point(|(s, _, _)| *s < start);
        let mut out = Vec::new();
        for &(s, e, i) in self.facts.get(from..).unwrap_or_default() {
            if s > end || out.len() == limit {
                break;
            }
            if e <= end && !self.used.get(i).copied().unwrap_or(true) {
                out.push(i);
            }
        }
        for &i in &out {
            if let Some(flag) = self.used.get_mut(i) {
                *flag = true;
            }
        }
        out
    }

    fn claim(&self, index: usize) -> Option<&'b Claim> {
        self.brief.claims.get(index)
    }

    /// The 1-based line where a block starts, counted from the top-level block being
    /// rendered: `data-line`, for scroll sync, once [`shift_lines`] has added the offset.
    fn line(&self, block: &Block) -> u32 {
        self.brief.line_of(block.span.start).saturating_sub(self.line_offset)
    }

    fn blocks(&mut self, blocks: &[Block], in_quote: bool, out: &mut String) {
        for block in blocks {
            self.block(block, in_quote, out);
        }
    }

    fn block(&mut self, block: &Block, in_quote: bool, out: &mut String) {
        let d = dir(block.direction);
        let line = self.line(block);
        match &block.kind {
            BlockKind::Heading { level, content } => {
                let level = (*level).clamp(1, 6);
                let _ = write!(out, "<h{level} dir=\"{d}\" data-line=\"{line}\">");
                Inlines::plain(self, out).inlines(content);
                let _ = write!(out, "</h{level}>");
            }
            BlockKind::Paragraph { marker: Some(marker), content } => {
                let claim = self.marked.get(&(block.span.start, block.span.end, marker.kind)).copied();
                let claim = claim.and_then(|i| self.claim(i));
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
                self.label(marker.kind, likelihood, confidence, &marker.unrecognised, out);
                Inlines::plain(self, out).inlines(content);
                out.push_str("</p>");
            }
            BlockKind::Paragraph { marker: None, content } => {
                let _ = write!(out, "<p dir=\"{d}\" data-line=\"{line}\">");
                if in_quote {
                    // Inside a quotation the whole quotation is the claim.
                    Inlines::plain(self, out).inlines(content);
                } else {
                    let ranges = self.sentence_claims(content, block);
                    let mut inlines = Inlines::plain(self, out);
                    inlines.ranges = ranges;
                    inlines.inlines(content);
                    inlines.close();
                }
                out.push_str("</p>");
            }
            BlockKind::List { start, tight, items } => {
                let tag = if start.is_some() { "ol" } else { "ul" };
                let _ = write!(out, "<{tag} dir=\"{d}\" data-line=\"{line}\"");
                if *tight {
                    out.push_str(" class=\"tight\"");
                }
                if let Some(n) = start.filter(|n| *n != 1) {
                    let _ = write!(out, " start=\"{n}\"");
                }
                out.push('>');
                for item in items {
                    let item_dir = item.first().map_or(d, |b| dir(b.direction));
                    let item_line = item.first().map_or(line, |b| self.line(b));
                    let _ = write!(out, "<li dir=\"{item_dir}\" data-line=\"{item_line}\">");
                    self.blocks(item, in_quote, out);
                    out.push_str("</li>");
                }
                let _ = write!(out, "</{tag}>");
            }
            BlockKind::Quote(inner) => {
                if in_quote {
                    let _ = write!(out, "<blockquote dir=\"{d}\" data-line=\"{line}\">");
                    self.blocks(inner, true, out);
                    out.push_str("</blockquote>");
                    return;
                }
                // Tables inside the quotation claim their rows first; what fact is
                // left in the quotation's span is the quotation's own claim.
                let mut body = String::new();
                self.blocks(inner, true, &mut body);
                let claim = self.take_facts(block.span.start, block.span.end, 1).first().copied();
                let _ = write!(out, "<blockquote dir=\"{d}\" data-line=\"{line}\"");
                if let Some(claim) = claim.and_then(|i| self.claim(i)) {
                    let _ =
                        write!(out, " class=\"claim fact\" data-claim-kind=\"fact\" data-claim-id=\"{}\"", claim.id);
                }
                out.push('>');
                out.push_str(&body);
                out.push_str("</blockquote>");
            }
            BlockKind::Table { alignments, header, rows } => self.table(block, alignments, header, rows, out),
            BlockKind::Code { text, .. } => {
                let _ = write!(out, "<pre dir=\"ltr\" data-line=\"{line}\"><code>");
                escape(text, out);
                out.push_str("</code></pre>");
            }
            BlockKind::Html(html) => out.push_str(html),
            BlockKind::Rule => {
                let _ = write!(out, "<hr data-line=\"{line}\">");
            }
            BlockKind::Footnote { label, blocks } => {
                let _ = write!(out, "<div dir=\"{d}\" data-line=\"{line}\" class=\"footnote\" id=\"fn-");
                escape(label, out);
                out.push_str("\"><sup class=\"footnote-label\">");
                escape(label, out);
                out.push_str("</sup>");
                self.blocks(blocks, in_quote, out);
                out.push_str("</div>");
            }
        }
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

    /// The fact claims of an ordinary paragraph as ranges of its plain text: the
    /// parser's sentences that carry citations, matched in order with the claims whose
    /// span lies in the paragraph. If they do not match one to one (which would be a
    /// parser change this module missed), no sentence is wrapped rather than a wrong one.
    fn sentence_claims(&mut self, content: &[Inline], block: &Block) -> Vec<Range> {
        let mut plain = String::new();
        plain_text(content, &mut plain);
        if !plain.contains(CITE) {
            return Vec::new();
        }
        let cited: Vec<(usize, usize)> = split(&plain)
            .into_iter()
            .filter(|&(s, e)| plain.get(s..e).is_some_and(|t| t.contains(CITE)))
            .map(|(s, e)| {
                let raw = plain.get(s..e).unwrap_or_default();
                (s + raw.len() - raw.trim_start().len(), e)
            })
            .collect();
        let claims = self.take_facts(block.span.start, block.span.end, cited.len());
        if claims.len() != cited.len() {
            return Vec::new();
        }
        cited.into_iter().zip(claims).map(|((start, end), claim)| Range { start, end, claim }).collect()
    }

    fn table(
        &mut self,
        block: &Block,
        alignments: &[Alignment],
        header: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        out: &mut String,
    ) {
        let cited_rows = rows.iter().filter(|row| row.iter().any(|cell| has_citation(cell))).count();
        let claims = self.take_facts(block.span.start, block.span.end, cited_rows);
        let mut claims = if claims.len() == cited_rows { claims.into_iter() } else { Vec::new().into_iter() };
        let _ = write!(out, "<table dir=\"{}\" data-line=\"{}\">", dir(block.direction), self.line(block));
        if !header.is_empty() {
            out.push_str("<thead><tr>");
            for (i, cell) in header.iter().enumerate() {
                self.cell("th", alignments.get(i), cell, out);
            }
            out.push_str("</tr></thead>");
        }
        out.push_str("<tbody>");
        for row in rows {
            out.push_str("<tr");
            if row.iter().any(|cell| has_citation(cell))
                && let Some(claim) = claims.next().and_then(|i| self.claim(i))
            {
                let _ = write!(out, " class=\"claim fact\" data-claim-kind=\"fact\" data-claim-id=\"{}\"", claim.id);
            }
            out.push('>');
            for (i, cell) in row.iter().enumerate() {
                self.cell("td", alignments.get(i), cell, out);
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }

    fn cell(&self, tag: &str, alignment: Option<&Alignment>, content: &[Inline], out: &mut String) {
        let _ = write!(out, "<{tag}");
        match alignment {
            Some(Alignment::Left) => out.push_str(" class=\"align-left\""),
            Some(Alignment::Center) => out.push_str(" class=\"align-center\""),
            Some(Alignment::Right) => out.push_str(" class=\"align-right\""),
            Some(Alignment::None) | None => {}
        }
        out.push('>');
        Inlines::plain(self, out).inlines(content);
        let _ = write!(out, "</{tag}>");
    }
}

fn has_citation(content: &[Inline]) -> bool {
    content.iter().any(|inline| match inline {
        Inline::Citation(_) => true,
        Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => has_citation(inner),
        Inline::Link { content, .. } => has_citation(content),
        _ => false,
    })
}

/// The paragraph's plain text exactly as the parser builds it (text, code, a space per
/// line break, [`CITE`] per citation group; no image alt text, raw HTML or footnote
/// references), so the parser's sentence ranges apply to it.
fn plain_text(content: &[Inline], out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
            Inline::Citation(_) => out.push(CITE),
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => plain_text(inner, out),
            Inline::Link { content, .. } => plain_text(content, out),
            Inline::Image { .. } | Inline::FootnoteRef(_) | Inline::Html(_) => {}
        }
    }
}

/// Writes inline content, opening and closing claim spans at the claims' plain-text
/// offsets; spans are closed at every tag boundary so nesting is always well formed.
struct Inlines<'r, 'b> {
    renderer: &'r Renderer<'b>,
    out: &'r mut String,
    ranges: Vec<Range>,
    /// Index of the first range not yet finished.
    next: usize,
    /// Offset in the plain text.
    pos: usize,
    open: bool,
    in_link: bool,
}

impl<'r, 'b> Inlines<'r, 'b> {
    fn plain(renderer: &'r Renderer<'b>, out: &'r mut String) -> Self {
        Self { renderer, out, ranges: Vec::new(), next: 0, pos: 0, open: false, in_link: false }
    }

    /// Closes the span if the current claim has ended; opens one if `pos` is inside a
    /// claim and none is open.
    fn sync(&mut self) {
        while let Some(range) = self.ranges.get(self.next) {
            if self.pos < range.end {
                break;
            }
            self.close();
            self.next += 1;
        }
        let Some(range) = self.ranges.get(self.next).copied() else { return };
        if self.pos >= range.start
            && !self.open
            && let Some(claim) = self.renderer.claim(range.claim)
        {
            let _ =
                write!(self.out, "<span class=\"claim fact\" data-claim-kind=\"fact\" data-claim-id=\"{}\">", claim.id);
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
            let boundary = match self.ranges.get(self.next) {
                Some(range) if self.pos < range.start => range.start,
                Some(range) => range.end,
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

    /// A self-contained element counting `width` bytes of plain text.
    fn atom(&mut self, width: usize, write: impl FnOnce(&mut String)) {
        self.sync();
        write(self.out);
        self.pos += width;
    }

    fn inlines(&mut self, content: &[Inline]) {
        for inline in content {
            self.inline(inline);
        }
    }

    fn wrapped(&mut self, open: &str, close: &str, inner: &[Inline]) {
        self.close();
        self.out.push_str(open);
        self.inlines(inner);
        self.close();
        self.out.push_str(close);
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(t) => self.text(t),
            Inline::Code(t) => self.atom(t.len(), |out| {
                out.push_str("<code>");
                escape(t, out);
                out.push_str("</code>");
            }),
            Inline::SoftBreak => self.atom(1, |out| out.push('\n')),
            Inline::HardBreak => self.atom(1, |out| out.push_str("<br>")),
            Inline::Emphasis(inner) => self.wrapped("<em>", "</em>", inner),
            Inline::Strong(inner) => self.wrapped("<strong>", "</strong>", inner),
            Inline::Strikethrough(inner) => self.wrapped("<del>", "</del>", inner),
            Inline::Link { dest, title, content } => {
                let mut open = String::from("<a href=\"");
                escape(dest, &mut open);
                open.push('"');
                if !title.is_empty() {
                    open.push_str(" title=\"");
                    escape(title, &mut open);
                    open.push('"');
                }
                open.push('>');
                let was = std::mem::replace(&mut self.in_link, true);
                self.wrapped(&open, "</a>", content);
                self.in_link = was;
            }
            Inline::Image { dest: _, title: _, alt } => {
                // The preview loads nothing: a brief is confidential and analysts work
                // offline, so an image shows as its alt text.
                let mut alt_text = String::new();
                plain_text(alt, &mut alt_text);
                self.atom(0, |out| {
                    out.push_str("<span class=\"image\">[");
                    escape(&alt_text.replace(CITE, ""), out);
                    out.push_str("]</span>");
                });
            }
            Inline::Citation(group) => {
                let in_link = self.in_link;
                self.atom(CITE.len_utf8(), |out| citation_group(group, in_link, out));
            }
            Inline::FootnoteRef(FootnoteRef { label, .. }) => {
                let in_link = self.in_link;
                self.atom(0, |out| {
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
                });
            }
            Inline::Html(html) => {
                // Raw inline HTML may open a tag it closes later: keep it outside spans.
                self.close();
                self.out.push_str(html);
            }
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

/// Relative URLs: only links inside the page (`#source-KEY`, `#fn-LABEL`).
fn fragment_only(url: &str) -> Option<Cow<'_, str>> {
    url.starts_with('#').then_some(Cow::Borrowed(url))
}

const CLAIM_KINDS: [&str; 3] = ["fact", "judgment", "assumption"];

/// The allow-list: the tags Markdown produces plus harmless formatting, our classes
/// and data attributes with checked values, and only http(s), mailto and `#` URLs.
fn sanitizer() -> &'static Builder<'static> {
    static SANITIZER: OnceLock<Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = Builder::empty();
        builder
            .add_tags([
                "header",
                "h1",
                "h2",
                "h3",
                "h4",
                "h5",
                "h6",
                "p",
                "ul",
                "ol",
                "li",
                "blockquote",
                "table",
                "thead",
                "tbody",
                "tr",
                "th",
                "td",
                "pre",
                "code",
                "em",
                "strong",
                "del",
                "a",
                "sup",
                "sub",
                "span",
                "div",
                "hr",
                "br",
                "b",
                "i",
                "u",
                "s",
                "small",
                "mark",
                "abbr",
                "q",
                "kbd",
                "dl",
                "dt",
                "dd",
                "details",
                "summary",
                "figure",
                "figcaption",
                "caption",
            ])
            .add_generic_attributes(["dir", "lang", "title", "data-line"])
            .add_tag_attributes("a", ["href", "data-key", "data-credibility"])
            .add_tag_attributes("span", ["data-key", "data-credibility"])
            .add_tag_attributes("ol", ["start"])
            .add_tag_attributes("div", ["id"])
            .add_url_schemes(["http", "https", "mailto"])
            .url_relative(UrlRelative::Custom(Box::new(fragment_only)))
            .link_rel(Some("noopener noreferrer"))
            .strip_comments(true)
            .attribute_filter(|_element, attribute, value| match attribute {
                "dir" => matches!(value, "ltr" | "rtl" | "auto").then_some(Cow::Borrowed(value)),
                "data-line" => {
                    (!value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())).then_some(Cow::Borrowed(value))
                }
                "id" => value.starts_with("fn-").then_some(Cow::Borrowed(value)),
                "data-claim-kind" => CLAIM_KINDS.contains(&value).then_some(Cow::Borrowed(value)),
                "data-likelihood" => Likelihood::ALL.iter().any(|l| l.id() == value).then_some(Cow::Borrowed(value)),
                "data-confidence" => Confidence::ALL.iter().any(|c| c.id() == value).then_some(Cow::Borrowed(value)),
                _ => Some(Cow::Borrowed(value)),
            });
        for tag in ["p", "span", "tr", "blockquote"] {
            builder.add_tag_attributes(tag, ["data-claim-kind", "data-claim-id"]);
        }
        builder.add_tag_attributes("p", ["data-likelihood", "data-confidence"]);
        let classes: HashMap<&str, HashSet<&str>> = [
            ("p", &["brief-classification", "brief-subtitle", "claim", "fact", "judgment", "assumption"][..]),
            ("h1", &["brief-title"][..]),
            ("span", &["claim", "fact", "cite", "cite-group", "claim-label", "claim-qualifiers", "image"][..]),
            ("strong", &["claim-kind"][..]),
            ("a", &["cite"][..]),
            ("tr", &["claim", "fact"][..]),
            ("blockquote", &["claim", "fact"][..]),
            ("ul", &["tight"][..]),
            ("ol", &["tight"][..]),
            ("sup", &["footnote-ref", "footnote-label"][..]),
            ("div", &["footnote"][..]),
            ("th", &["align-left", "align-center", "align-right"][..]),
            ("td", &["align-left", "align-center", "align-right"][..]),
        ]
        .into_iter()
        .map(|(tag, names)| (tag, names.iter().copied().collect()))
        .collect();
        builder.allowed_classes(classes);
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn html(text: &str) -> String {
        let brief = parse(text);
        render_html(&brief, &Localizer::new(brief.lang))
    }

    /// Markup reused from earlier renderings is the markup rendered afresh, on every
    /// fixture and on edits of the samples, each rendered after the one before so that
    /// most blocks come from the memo.
    #[test]
    fn reused_blocks_are_the_blocks_rendered_afresh() {
        let check = |what: &str, text: &str| {
            let brief = parse(text);
            for lang in [brief.lang, Lang::En] {
                let localizer = Localizer::new(lang);
                let fresh = render_article_with(&brief, &localizer, false);
                let reused = render_article(&brief, &localizer);
                assert_eq!(reused.html(), fresh.html(), "{what} ({lang})");
                let keys = |a: &Article| a.blocks.iter().map(|b| (b.key, b.line_offset)).collect::<Vec<_>>();
                assert_eq!(keys(&reused), keys(&fresh), "{what} ({lang})");
            }
        };
        for (name, text) in crate::corpus::fixtures() {
            check(&name, &text);
        }
        crate::corpus::edits(check);
    }

    /// A block whose text is unchanged reads differently when a definition elsewhere
    /// changes: such briefs are rendered afresh.
    #[test]
    fn blocks_using_definitions_are_not_reused() {
        let first =
            html("---\nlang: fr\n---\n\nVoir [la carte][c] et la note[^1].\n\n[c]: https://a.example\n\n[^1]: Une.\n");
        let second = html("---\nlang: fr\n---\n\nVoir [la carte][c] et la note[^1].\n\n[c]: https://b.example\n");
        assert!(first.contains("https://a.example") && first.contains("footnote-ref"), "{first}");
        assert!(second.contains("https://b.example") && !second.contains("footnote-ref"), "{second}");
    }

    #[test]
    fn escape_covers_markup_and_quotes() {
        let mut out = String::new();
        escape("<a href=\"x\">'&'</a>", &mut out);
        assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn plain_text_matches_the_parser_for_claim_ranges() {
        let brief = parse(
            "---\nlang: fr\n---\n\nPremière *phrase* sourcée [@a]. Deuxième sans source. Troisième `x` [@b, p. 2].\n",
        );
        let BlockKind::Paragraph { content, .. } = &brief.blocks[0].kind else { panic!("{:?}", brief.blocks) };
        let mut plain = String::new();
        plain_text(content, &mut plain);
        assert_eq!(plain.matches(CITE).count(), 2);
        assert_eq!(brief.claims.len(), 2);
        let out = html(brief.text());
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
        let out = html("---\nlang: fr\n---\n\nLe *blocus a commencé. Il dure* encore [@a].\n");
        // The second sentence starts inside the emphasis and ends outside it.
        assert!(out.contains("<em>blocus a commencé. <span class=\"claim fact\""), "{out}");
        assert!(out.contains("Il dure</span></em><span class=\"claim fact\""), "{out}");
    }

    #[test]
    fn sanitizer_keeps_our_markup_and_drops_foreign_values() {
        let kept = sanitizer()
            .clean("<p dir=\"rtl\" class=\"claim judgment\" data-claim-kind=\"judgment\" data-claim-id=\"x\">t</p>")
            .to_string();
        assert_eq!(
            kept,
            "<p dir=\"rtl\" class=\"claim judgment\" data-claim-kind=\"judgment\" data-claim-id=\"x\">t</p>"
        );
        let dropped = sanitizer()
            .clean("<p dir=\"x\" class=\"evil\" data-claim-kind=\"root\" style=\"color:red\">t</p>")
            .to_string();
        // ammonia keeps an emptied class attribute; what matters is that nothing is left in it.
        assert_eq!(dropped, "<p class=\"\">t</p>");
        let relative = sanitizer().clean("<a href=\"../etc/passwd\">x</a><a href=\"#source-k\">y</a>").to_string();
        assert_eq!(
            relative,
            "<a rel=\"noopener noreferrer\">x</a><a href=\"#source-k\" rel=\"noopener noreferrer\">y</a>"
        );
    }
}
