//! One walk over a brief's blocks and inlines, for every reader of the model: the
//! preview, the Markdown writer, the parser's assembly of pieces, and the PDF.
//!
//! [`walk`] enters each node, then its content, then leaves it, in document order:
//!
//! - a heading or a paragraph: its inlines;
//! - a list: its items ([`Node::Item`]), each its blocks;
//! - a quotation or a footnote definition: its blocks;
//! - a table: its header row ([`Node::Row`] `(None)`, also when it has no cells), then
//!   its body rows, each cell by cell ([`Node::Cell`]);
//! - emphasis, strong, strikethrough, a link: their inlines; an image: its alt text.
//!
//! Code blocks, raw HTML, rules, text, code spans, breaks, citations and footnote
//! references have no content. [`Visitor::enter`] may answer [`Flow::Skip`] to leave a
//! node's content out; the node is left all the same. [`walk_mut`] is the same walk
//! (generated from the same definition) with the nodes writable.
//!
//! # What is text for whom
//!
//! The walk itself visits everything; what counts is each purpose's choice, settled here:
//!
//! - Sentences and claims are split in a block's plain text ([`Inline::plain`]): an
//!   image's alt text is not part of it (an image states nothing; its description is not a
//!   sentence of the brief), nor are footnote references and raw HTML. A citation in alt
//!   text is still one of [`crate::Brief::citations`], of no claim.
//! - Note calls ([`crate::CitationGroup::note`], [`crate::FootnoteRef::note`]) are every
//!   citation and footnote reference outside footnote definitions, alt text included:
//!   the PDF sets alt text in italics where the image would be, calls and all.
//! - The preview shows an image as its alt text's plain text in brackets, without the
//!   citations in it; the writer writes alt text back as Markdown.

use crate::model::{Alignment, Block, BlockKind, Inline};

/// What [`Visitor::enter`] wants done with the node's content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Walk the content, then leave the node.
    Continue,
    /// Leave the node without walking its content.
    Skip,
}

/// The walk and its node type, once for shared and once for exclusive references: the
/// two must visit exactly the same nodes in the same order.
macro_rules! walker {
    (
        $(#[$node_meta:meta])* $Node:ident,
        $(#[$visitor_meta:meta])* $Visitor:ident,
        $(#[$walk_meta:meta])* $walk:ident,
        $(#[$inlines_meta:meta])* $walk_inlines:ident,
        $($mutability:ident)?
    ) => {
        $(#[$node_meta])*
        #[derive(Debug)]
        pub enum $Node<'a> {
            Block(&'a $($mutability)? Block),
            /// An item of a list: its index and its blocks.
            Item { index: usize, blocks: &'a $($mutability)? [Block] },
            /// A row of a table: `None` for the header, else the index of the body row.
            Row(Option<usize>),
            /// A cell of the current row: its column and that column's alignment.
            Cell { column: usize, alignment: Alignment },
            Inline(&'a $($mutability)? Inline),
        }

        $(#[$visitor_meta])*
        pub trait $Visitor {
            /// Called before the node's content; by default the content is walked.
            fn enter(&mut self, node: $Node<'_>) -> Flow {
                let _ = node;
                Flow::Continue
            }

            /// Called after the node's content (or after `enter` skipped it).
            fn leave(&mut self, node: $Node<'_>) {
                let _ = node;
            }
        }

        /// A closure is a visitor that is told of every node it enters.
        impl<F: FnMut($Node<'_>)> $Visitor for F {
            fn enter(&mut self, node: $Node<'_>) -> Flow {
                self(node);
                Flow::Continue
            }
        }

        $(#[$walk_meta])*
        pub fn $walk<V: $Visitor + ?Sized>(blocks: &$($mutability)? [Block], visitor: &mut V) {
            for block in blocks {
                if visitor.enter($Node::Block(&$($mutability)? *block)) == Flow::Continue {
                    match &$($mutability)? block.kind {
                        BlockKind::Heading { content, .. } | BlockKind::Paragraph { content, .. } => {
                            $walk_inlines(content, visitor);
                        }
                        BlockKind::List { items, .. } => {
                            for (index, item) in (0..).zip(items) {
                                let node = $Node::Item { index, blocks: &$($mutability)? *item };
                                if visitor.enter(node) == Flow::Continue {
                                    $walk(item, visitor);
                                }
                                visitor.leave($Node::Item { index, blocks: &$($mutability)? *item });
                            }
                        }
                        BlockKind::Quote(blocks) | BlockKind::Footnote { blocks, .. } => $walk(blocks, visitor),
                        BlockKind::Table { alignments, header, rows } => {
                            let rows = std::iter::once((None, header)).chain((0..).map(Some).zip(rows));
                            for (row, cells) in rows {
                                if visitor.enter($Node::Row(row)) == Flow::Continue {
                                    for (column, cell) in (0..).zip(cells) {
                                        let alignment = alignments.get(column).copied().unwrap_or(Alignment::None);
                                        if visitor.enter($Node::Cell { column, alignment }) == Flow::Continue {
                                            $walk_inlines(cell, visitor);
                                        }
                                        visitor.leave($Node::Cell { column, alignment });
                                    }
                                }
                                visitor.leave($Node::Row(row));
                            }
                        }
                        BlockKind::Code { .. } | BlockKind::Html(_) | BlockKind::Rule => {}
                    }
                }
                visitor.leave($Node::Block(&$($mutability)? *block));
            }
        }

        $(#[$inlines_meta])*
        pub fn $walk_inlines<V: $Visitor + ?Sized>(inlines: &$($mutability)? [Inline], visitor: &mut V) {
            for inline in inlines {
                if visitor.enter($Node::Inline(&$($mutability)? *inline)) == Flow::Continue {
                    match &$($mutability)? *inline {
                        Inline::Emphasis(inner)
                        | Inline::Strong(inner)
                        | Inline::Strikethrough(inner)
                        | Inline::Link { content: inner, .. }
                        | Inline::Image { alt: inner, .. } => $walk_inlines(inner, visitor),
                        Inline::Text(_)
                        | Inline::Code(_)
                        | Inline::Citation(_)
                        | Inline::FootnoteRef(_)
                        | Inline::SoftBreak
                        | Inline::HardBreak
                        | Inline::Html(_) => {}
                    }
                }
                visitor.leave($Node::Inline(&$($mutability)? *inline));
            }
        }
    };
}

walker!(
    /// A place in the walk: a block, a list item, a table row or cell, or an inline.
    #[derive(Clone, Copy)]
    Node,
    /// What to do at each node of a [`walk`].
    Visitor,
    /// Walks `blocks` and everything in them in document order (see the module's doc).
    walk,
    /// [`walk`] over inline content alone (a paragraph's, a cell's, alt text).
    walk_inlines,
);

walker!(
    /// [`Node`] with the node writable.
    NodeMut,
    /// What to do at each node of a [`walk_mut`].
    VisitorMut,
    /// [`walk`], with the nodes writable.
    walk_mut,
    /// [`walk_inlines`], with the nodes writable.
    walk_inlines_mut,
    mut
);

/// The plain text of inline content: each inline's [`Inline::plain`] in walk order,
/// without images' alt text. Sentences are split in it, and [`crate::Extent::Text`]
/// counts its bytes.
pub fn plain_text(content: &[Inline]) -> String {
    struct Plain(String);
    impl Visitor for Plain {
        fn enter(&mut self, node: Node<'_>) -> Flow {
            let Node::Inline(inline) = node else { return Flow::Continue };
            self.0.push_str(inline.plain());
            if inline.content_in_plain_text() { Flow::Continue } else { Flow::Skip }
        }
    }
    let mut plain = Plain(String::new());
    walk_inlines(content, &mut plain);
    plain.0
}
