//! pulldown-cmark's events as a tree, built iteratively so that depth cannot overflow
//! the stack; the builders recurse over it with a bound ([`super::MAX_DEPTH`]).

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

/// What a node of the tree is.
#[derive(Debug)]
pub(super) enum Item<'a> {
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
pub(super) struct Node<'a> {
    pub(super) item: Item<'a>,
    /// Where the node is in the text.
    pub(super) range: Range<usize>,
    /// Indices of its children in the tree.
    pub(super) children: Vec<usize>,
}

/// The tree of `body`, which starts at byte `base` of the text; node 0 is the root.
pub(super) fn tree(body: &str, base: usize) -> Vec<Node<'_>> {
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

/// Whether the node is inline content (grouped into a paragraph where it stands alone).
pub(super) fn is_inline(item: &Item<'_>) -> bool {
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
