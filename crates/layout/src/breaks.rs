//! Where a line may end: UAX #14 opportunities (unicode-linebreak) plus hyphenation points
//! inside French and English words (hypher's TeX patterns).

use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};

use crate::model::TextLang;

/// Why a line may end at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BreakKind {
    /// An ordinary opportunity (after spaces, after a hyphen, …).
    Allowed,
    /// Inside a word, at a hyphenation point: a hyphen is drawn at the line end.
    Hyphen,
    /// Between two characters of a word too long for the measure.
    Emergency,
    /// A forced break (line separator) or the end of the paragraph.
    Mandatory,
}

/// A position (byte offset; the line ends before it) where a line may end.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Breakpoint {
    pub(crate) pos: usize,
    pub(crate) kind: BreakKind,
}

/// The break opportunities of `text` in order, ending with the paragraph end.
/// `hyphenate` lists the ranges whose words may be hyphenated, with their language.
pub(crate) fn opportunities(text: &str, hyphenate: &[(Range<usize>, TextLang)]) -> Vec<Breakpoint> {
    let mut out: Vec<Breakpoint> = linebreaks(text)
        .map(|(pos, kind)| Breakpoint {
            pos,
            kind: match kind {
                BreakOpportunity::Mandatory => BreakKind::Mandatory,
                BreakOpportunity::Allowed => BreakKind::Allowed,
            },
        })
        .collect();
    for (range, lang) in hyphenate {
        out.extend(
            hyphenation_points(text, range.clone(), *lang)
                .into_iter()
                .map(|pos| Breakpoint { pos, kind: BreakKind::Hyphen }),
        );
    }
    out.sort_by_key(|b| b.pos);
    out.dedup_by_key(|b| b.pos);
    if out.last().is_none_or(|b| b.pos != text.len()) {
        out.push(Breakpoint { pos: text.len(), kind: BreakKind::Mandatory });
    }
    out
}

/// Hyphenation points of the words of `text[range]`: at least two letters before the hyphen
/// and three after (French house rules), never in capitalised words (names, acronyms) nor in
/// words with digits.
fn hyphenation_points(text: &str, range: Range<usize>, lang: TextLang) -> Vec<usize> {
    let hyph_lang = match lang {
        TextLang::Fr => hypher::Lang::French,
        TextLang::En => hypher::Lang::English,
        TextLang::Ar => return Vec::new(),
    };
    let Some(slice) = text.get(range.clone()) else { return Vec::new() };
    let mut points = Vec::new();
    let mut word_start: Option<usize> = None;
    let flush = |start: usize, end: usize, points: &mut Vec<usize>| {
        let word = &slice[start..end];
        let letters = word.chars().count();
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        if letters < 6 || capitalised {
            return;
        }
        let mut at = start;
        let syllables: Vec<&str> = hypher::hyphenate_bounded(word, hyph_lang, 2, 3).collect();
        for syllable in syllables.iter().take(syllables.len().saturating_sub(1)) {
            at += syllable.len();
            points.push(range.start + at);
        }
    };
    for (i, c) in slice.char_indices() {
        if c.is_alphabetic() {
            word_start.get_or_insert(i);
        } else if let Some(s) = word_start.take() {
            // Letters followed by a digit or a joiner-like mark are not a plain word.
            if !c.is_ascii_digit() {
                flush(s, i, &mut points);
            }
        }
    }
    if let Some(s) = word_start {
        flush(s, slice.len(), &mut points);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_after_spaces_and_never_at_no_break_spaces() {
        let text = "Pourquoi\u{202F}? Le 20\u{00A0}novembre";
        let b = opportunities(text, &[]);
        let positions: Vec<usize> = b.iter().map(|b| b.pos).collect();
        assert!(!positions.contains(&"Pourquoi".len()), "no break before the thin space");
        assert!(!positions.contains(&"Pourquoi\u{202F}".len()), "no break after it either");
        assert!(positions.contains(&"Pourquoi\u{202F}? ".len()));
        assert!(!positions.contains(&"Pourquoi\u{202F}? Le 20\u{00A0}".len()));
        assert_eq!(b.last().unwrap().kind, BreakKind::Mandatory);
    }

    #[test]
    fn french_words_are_hyphenated_names_are_not() {
        let text = "la situation sécuritaire à Ouagadougou";
        let b = opportunities(text, &[(0..text.len(), TextLang::Fr)]);
        let hyphens: Vec<&str> = b.iter().filter(|b| b.kind == BreakKind::Hyphen).map(|b| &text[..b.pos]).collect();
        assert!(hyphens.iter().any(|h| h.ends_with("sécu")), "{hyphens:?}");
        assert!(hyphens.iter().all(|h| !h.contains("Oua")), "{hyphens:?}");
    }

    #[test]
    fn arabic_is_not_hyphenated() {
        let text = "الاستراتيجية";
        let b = opportunities(text, &[(0..text.len(), TextLang::Ar)]);
        assert_eq!(b.len(), 1);
    }
}
