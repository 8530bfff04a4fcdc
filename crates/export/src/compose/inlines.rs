//! Inline content as runs of styled text (emphasis, code, breaks; citations and footnote
//! references handed to the caller, which makes them note calls), and what the layout engine
//! gets for runs: spans with French spacing applied, the block's language and direction.

use std::ops::Range;

use mizan_brief::{Direction, Inline};
use mizan_i18n::Lang;
use mizan_layout::{BaseDirection, SpanStyle, TextLang, TextSpan, Weight, french_spacing};

use crate::csl::Styled;

/// Left-to-right and right-to-left isolates around note calls, so a call keeps the brief's
/// direction whatever text precedes it.
pub(super) const LRI: char = '\u{2066}';
pub(super) const RLI: char = '\u{2067}';
pub(super) const PDI: char = '\u{2069}';

/// A run of text with its style, before layout.
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub(super) text: String,
    pub(super) style: SpanStyle,
    pub(super) verbatim: bool,
    /// A note call: the note's index.
    pub(super) note: Option<usize>,
    /// Language of the words when not the paragraph's (a source title).
    pub(super) lang: Option<TextLang>,
}

impl Run {
    pub(super) fn new(text: impl Into<String>, style: SpanStyle) -> Self {
        Self { text: text.into(), style, verbatim: false, note: None, lang: None }
    }

    /// A run of CSL output.
    pub(super) fn styled(piece: &Styled, size: f32) -> Self {
        let style =
            SpanStyle { size, weight: if piece.bold { Weight::Bold } else { Weight::Regular }, italic: piece.italic };
        Self {
            text: piece.text.clone(),
            style,
            verbatim: piece.verbatim,
            note: None,
            lang: piece.lang.map(layout_lang),
        }
    }
}

/// Runs for inline content. Citations and footnote references go to `call`, which adds the
/// note call.
pub(super) fn inline_runs(
    inlines: &[Inline],
    style: SpanStyle,
    out: &mut Vec<Run>,
    call: &mut dyn FnMut(&Inline, SpanStyle, &mut Vec<Run>),
) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push(Run::new(text.clone(), style)),
            Inline::Code(code) => {
                let mut run = Run::new(code.clone(), style);
                run.verbatim = true;
                out.push(run);
            }
            Inline::Emphasis(inner) => inline_runs(inner, SpanStyle { italic: true, ..style }, out, call),
            Inline::Strong(inner) => inline_runs(inner, SpanStyle { weight: Weight::Bold, ..style }, out, call),
            Inline::Strikethrough(inner) | Inline::Link { content: inner, .. } => inline_runs(inner, style, out, call),
            Inline::Image { alt, .. } => inline_runs(alt, SpanStyle { italic: true, ..style }, out, call),
            Inline::Citation(_) | Inline::FootnoteRef(_) => call(inline, style, out),
            Inline::SoftBreak => out.push(Run::new(" ", style)),
            Inline::HardBreak => out.push(Run::new("\u{2028}", style)),
            Inline::Html(_) => {}
        }
    }
}

/// A note call hugs the word before it: the space typed before `[@…]` goes.
pub(super) fn hug_call(out: &mut [Run]) {
    if let Some(last) = out.last_mut()
        && last.note.is_none()
    {
        let trimmed = last.text.trim_end().len();
        last.text.truncate(trimmed);
    }
}

/// A note call in a paragraph: its byte range in the paragraph text, the note's index, its size.
pub(super) type Call = (Range<usize>, usize, f32);

/// The layout spans of runs (French spacing applied to French text), and the note calls among
/// them.
pub(super) fn spans(runs: &[Run], paragraph_lang: TextLang) -> (Vec<TextSpan>, Vec<Call>) {
    let mut spans = Vec::with_capacity(runs.len());
    let mut calls = Vec::new();
    let mut offset = 0;
    for run in runs {
        let lang = run.lang.unwrap_or(paragraph_lang);
        let text = if lang == TextLang::Fr && !run.verbatim && run.note.is_none() {
            french_spacing(&run.text)
        } else {
            run.text.clone()
        };
        if let Some(note) = run.note {
            calls.push((offset..offset + text.len(), note, run.style.size));
        }
        offset += text.len();
        let mut span = TextSpan::new(text, run.style);
        span.verbatim = run.verbatim;
        span.lang = run.lang;
        spans.push(span);
    }
    (spans, calls)
}

/// The language of a block: the brief's, except a left-to-right block in an Arabic brief (a
/// quotation), which is French when it looks French and English otherwise.
pub(super) fn block_lang(brief: Lang, direction: Direction, text: &str) -> TextLang {
    match (brief, direction) {
        (Lang::Ar, Direction::Ltr) => {
            if text.chars().any(|c| "éèêàâçùûîôœ«»".contains(c)) {
                TextLang::Fr
            } else {
                TextLang::En
            }
        }
        (lang, _) => layout_lang(lang),
    }
}

/// The base direction layout sets a block in.
pub(super) fn layout_direction(direction: Direction) -> BaseDirection {
    match direction {
        Direction::Rtl => BaseDirection::Rtl,
        Direction::Ltr => BaseDirection::Ltr,
    }
}

/// The language layout sets a brief's text in.
pub(crate) fn layout_lang(lang: Lang) -> TextLang {
    match lang {
        Lang::Ar => TextLang::Ar,
        Lang::Fr => TextLang::Fr,
        Lang::En => TextLang::En,
    }
}

/// Regular text of a size.
pub(super) fn regular(size: f32) -> SpanStyle {
    SpanStyle { size, weight: Weight::Regular, italic: false }
}

/// Bold text of a size.
pub(super) fn bold(size: f32) -> SpanStyle {
    SpanStyle { size, weight: Weight::Bold, italic: false }
}
