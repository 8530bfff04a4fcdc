//! Text layout for Mizan's print output.
//!
//! A [`Paragraph`] (styled spans, base direction, alignment, measure, language) goes in; a
//! [`ParagraphLayout`] comes out: lines of [`GlyphRun`]s, each glyph positioned and tied to the
//! text it stands for, so a PDF writer can draw it and give the text back on copy-paste.
//!
//! The pipeline, one module each:
//! - `bidi`: UAX #9 levels for the paragraph (unicode-bidi), visual order per line;
//! - `script` + `font`: font fallback by script (Amiri for Arabic, Noto Serif for Latin; common
//!   characters follow their neighbours; a character no face has is reported);
//! - `shape`: harfrust, each run in its own direction;
//! - `breaks`: UAX #14 opportunities (unicode-linebreak) and French/English hyphenation (hypher);
//! - `layout`: the paragraph engine, a file per stage: itemizing and the one shaping pass,
//!   Knuth–Plass total-fit line breaking (`total_fit`), building the chosen lines (re-shaping
//!   at unsafe breaks), justification by kashida (`kashida` says where) and spaces, visual
//!   reordering into runs;
//! - `french`, `digits`: pure text helpers (French spacing, Arabic-Indic digits).
//!
//! Architecture invariant: the crate does no I/O, reads no clock and knows nothing about
//! storage or PDF. Fonts arrive as bytes in a [`FontSet`].
//!
//! ```
//! use mizan_layout::{Align, BaseDirection, FontSet, TextLang, Paragraph, SpanStyle, layout_paragraph};
//!
//! let fonts = FontSet::bundled();
//! let para = Paragraph::new("بلغ عدد النازحين في عام 2025 أكثر من مليوني شخص.", SpanStyle::default(),
//!     BaseDirection::Rtl, TextLang::Ar, 200.0).aligned(Align::Justify);
//! let layout = layout_paragraph(&para, &fonts).unwrap();
//! assert!(layout.lines.iter().all(|l| l.width <= 200.0 + 0.01));
//! ```

mod bidi;
mod breaks;
mod digits;
mod font;
mod french;
mod kashida;
mod layout;
mod model;
mod script;
mod shape;

pub use bidi::line_levels_and_order;
pub use digits::{DigitSet, format_number, shape_digits};
pub use font::{Face, FaceId, FontError, FontSet, ScriptFamily, Weight};
pub use french::{apply_french_spacing, french_spacing};
pub use layout::{
    GlyphRun, LayoutError, LayoutWarning, Line, ParagraphLayout, PositionedGlyph, layout_paragraph, shape_words,
};
pub use model::{Align, BaseDirection, Paragraph, SpanStyle, TextLang, TextSpan};
