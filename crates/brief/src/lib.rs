//! Briefs: the analyst's Markdown document, its model, and the sourcing audit.
//!
//! A brief is CommonMark (with tables and footnotes) under a YAML front matter block.
//! Citations use Pandoc's `[@key, p. 12]`; judgments and assumptions open with a bold
//! label (`**Jugement** (probable ; confiance modérée) : …`). The full syntax is in the
//! "Writing briefs" section of the repository README. Parsing never fails: [`parse`] returns a [`Brief`] with
//! diagnostics. [`audit`] checks the brief's sourcing against a [`SourceCatalog`].
//!
//! ```
//! use std::collections::HashMap;
//! use mizan_brief::{audit, parse, CatalogEntry, Code};
//! use mizan_source::PartialDate;
//!
//! let brief = parse("---\ntitle: Mali\nlang: fr\ntemplate: note\n---\n\n## Contexte\n\n\
//!     Le blocus de Bamako a commencé en septembre 2025 [@rfi-blocus-bamako-2025, p. 2].\n");
//! assert_eq!(brief.claims.len(), 1);
//! let library: HashMap<String, CatalogEntry> = HashMap::new();
//! let report = audit(&brief, &library, PartialDate::parse("2025-11-20").unwrap());
//! assert!(report.diagnostics.iter().any(|d| d.code == Code::UnknownCitationKey));
//! ```
//!
//! Architecture invariant: this crate knows nothing about SQLite, files or the clock;
//! the library comes in through [`SourceCatalog`], today's date as an argument, and
//! templates are embedded at compile time.

mod audit;
mod citation;
#[cfg(test)]
mod corpus;
mod diagnostic;
mod estimative;
mod front_matter;
mod html;
mod memo;
mod model;
mod parse;
mod pieces;
mod sentences;
mod template;
mod walk;
mod writer;

pub use audit::{Audit, CatalogEntry, CatalogExcerpt, SourceCatalog, Stats, audit, resolve_excerpt};
pub use citation::{Citation, CitationGroup, Locator, LocatorKind};
pub use diagnostic::{Code, Diagnostic, Severity, Span};
pub use estimative::{Confidence, Likelihood};
pub use front_matter::{Digits, FrontMatter, RawField, Status, set_id};
pub use html::{Article, ArticleBlock, render_article, render_html};
pub use mizan_i18n::Lang;
pub use model::{
    Alignment, Block, BlockKind, Brief, Claim, ClaimKind, Direction, Extent, FootnoteRef, Inline, Marker, Section,
    Sentence, SentenceRole,
};
pub use parse::{parse, parse_bytes};
pub use template::{Headings, Template, TemplateError, TemplateSection, new_brief};
pub use walk::{Flow, Node, NodeMut, Visitor, VisitorMut, plain_text, walk, walk_inlines, walk_inlines_mut, walk_mut};
