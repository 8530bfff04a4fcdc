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
//!   of a footnote) carries `dir="rtl"` or `dir="ltr"` from [`crate::Block::direction`]; code
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
//!   [`crate::Likelihood::id`] and [`crate::Confidence::id`].
//! - Footnote references are `<sup class="footnote-ref"><a href="#fn-LABEL">LABEL</a></sup>`;
//!   definitions `<div class="footnote" id="fn-LABEL">`.
//! - Table cell alignment is a class (`align-left`, `align-center`, `align-right`), as
//!   `style` attributes are not allowed.
//!
//! Raw HTML is sanitised by the same allow-list as our own markup, so a brief can
//! write `<span class="claim fact" …>` itself; the claims of record are
//! [`Brief::claims`], and the app should only highlight ids it finds there.
//!
//! The renderer is one walk over the model plus one `ammonia` pass per top-level block,
//! both linear in the size of the brief; it reads the claims and sentences the parser
//! put in the model and derives none. `render` writes the markup, `sanitize` holds the
//! allow-list, `article` cuts the article into blocks and memoises each block's sanitised
//! markup (keyed by its lines, languages and claim ids), so after an edit only the blocks
//! that changed are rendered and go through `ammonia` again.

mod article;
mod render;
mod sanitize;

use std::fmt::Write as _;
use std::sync::Arc;

use mizan_i18n::Localizer;

pub use article::render_article;

use crate::model::Brief;

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

/// Copies serialised HTML, adding `offset` to each `data-line="N"` attribute. Only tags
/// are looked at: in the serialiser's output a raw `<` always opens a tag and a raw `"`
/// inside a tag always delimits an attribute value, so text that reads like the
/// attribute is left alone. Text and quoted values are skipped with a byte search, so
/// only tag and attribute names are read byte by byte.
fn shift_lines(html: &str, offset: u32, out: &mut String) {
    const ATTRIBUTE: &str = " data-line=\"";
    if offset == 0 || !html.contains(ATTRIBUTE) {
        out.push_str(html);
        return;
    }
    let bytes = html.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while let Some(open) = find(html, i, '<') {
        i = open + 1;
        while let Some(&byte) = bytes.get(i) {
            match byte {
                b'>' => {
                    i += 1;
                    break;
                }
                b'"' => i = find(html, i + 1, '"').map_or(bytes.len(), |close| close + 1),
                b' ' if html.get(i..).is_some_and(|rest| rest.starts_with(ATTRIBUTE)) => {
                    let digits_at = i + ATTRIBUTE.len();
                    let digits = html.get(digits_at..).unwrap_or_default();
                    let len = digits.bytes().take_while(u8::is_ascii_digit).count();
                    i += 1;
                    if let (Some(b'"'), Ok(line)) = (bytes.get(digits_at + len), digits[..len].parse::<u32>()) {
                        out.push_str(&html[copied..digits_at]);
                        let _ = write!(out, "{}", line.saturating_add(offset));
                        // Go on after the closing quote of the value.
                        copied = digits_at + len;
                        i = copied + 1;
                    }
                }
                _ => i += 1,
            }
        }
    }
    out.push_str(&html[copied..]);
}

/// Where `ch` (ASCII) is next in `html` from byte `from`, which follows an ASCII byte.
fn find(html: &str, from: usize, ch: char) -> Option<usize> {
    html.get(from..)?.find(ch).map(|at| from + at)
}

/// The preview of `text` in its own language, for the tests.
#[cfg(test)]
fn preview(text: &str) -> String {
    let brief = crate::parse(text);
    render_html(&brief, &Localizer::new(brief.lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_move_in_tags_only() {
        let shifted = |html: &str| {
            let mut out = String::new();
            shift_lines(html, 10, &mut out);
            out
        };
        assert_eq!(shifted("<p data-line=\"1\">a</p>"), "<p data-line=\"11\">a</p>");
        // In text, in another attribute's value, unclosed or not a number: left alone.
        let kept = [
            "<p>x data-line=\"2\" <b data-line=\"3\">y</b></p>",
            "<a title=\"a> data-line=&quot;4\" data-line=\"5\">",
            "<p title=\" data-line=\"6\"",
            "<p data-line=\"x7\" data-line=\"8\">",
            "<p data-line=\"9",
        ];
        let expected = [
            "<p>x data-line=\"2\" <b data-line=\"13\">y</b></p>",
            "<a title=\"a> data-line=&quot;4\" data-line=\"15\">",
            "<p title=\" data-line=\"6\"",
            "<p data-line=\"x7\" data-line=\"18\">",
            "<p data-line=\"9",
        ];
        for (html, expected) in kept.iter().zip(expected) {
            assert_eq!(shifted(html), expected, "{html}");
        }
    }
}
