//! The preview rendered block by block into an [`Article`], with the memo that keeps
//! each block's sanitised markup while its text and claims stay the same: after an edit
//! only the blocks that changed are rendered and go through `ammonia` again.

use std::fmt::Write as _;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, LazyLock};

use mizan_i18n::Localizer;

use super::render::{Renderer, dir, header};
use super::{Article, ArticleBlock, sanitize};
use crate::memo::Memo;
use crate::model::Brief;

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
    let mut key = String::new();
    for block in &brief.blocks {
        // Each top-level block is rendered with its lines counted from its own first
        // line, so that it reads the same wherever it sits in the text, and sanitised
        // on its own: after an edit only the changed blocks are rendered again.
        let first = brief.line_of(block.span.start);
        renderer.line_offset = first.saturating_sub(1);
        let render = |renderer: &Renderer<'_>, fragment: &mut String| {
            fragment.clear();
            renderer.block(block, fragment);
        };
        if !reuse {
            render(&renderer, &mut fragment);
            push_sanitized(&fragment, renderer.line_offset, &mut blocks);
            continue;
        }
        // The block's markup is a function of its lines (the brief being self-contained),
        // the language, and the ids of the claims in it, which depend on other blocks.
        // Whole lines: an indented code block's span starts after its indentation, and
        // its text alone reads the same as a heading or a paragraph.
        key.clear();
        let _ = write!(key, "{}{}", localizer.lang().code(), brief.lang.code());
        for claim in brief.claims_in(block) {
            let _ = write!(key, " {}", claim.id);
        }
        key.push('\u{0}');
        let line_start = brief.lines.line_start(block.span.start);
        key.push_str(brief.text().get(line_start..block.span.end).unwrap_or_default());
        let rendered = BLOCKS.get(
            &key,
            |_| {
                render(&renderer, &mut fragment);
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
    let clean: Arc<str> = sanitize::clean(fragment).into();
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

#[cfg(test)]
mod tests {
    use mizan_i18n::Lang;

    use super::*;
    use crate::html::preview;
    use crate::parse;

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
        let first = preview(
            "---\nlang: fr\n---\n\nVoir [la carte][c] et la note[^1].\n\n[c]: https://a.example\n\n[^1]: Une.\n",
        );
        let second = preview("---\nlang: fr\n---\n\nVoir [la carte][c] et la note[^1].\n\n[c]: https://b.example\n");
        assert!(first.contains("https://a.example") && first.contains("footnote-ref"), "{first}");
        assert!(second.contains("https://b.example") && !second.contains("footnote-ref"), "{second}");
    }
}
