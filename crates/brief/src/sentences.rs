//! Sentence splitting for Arabic, French and English prose with citations.
//!
//! The splitter works on a paragraph's plain text in which each citation group is one
//! U+FFFC character, so `… 2025 [@x].` and `… 2025. [@x]` both keep the citation with
//! the sentence it follows. It is a single left-to-right pass.

use crate::diagnostic::Span;

/// Stands for a citation group inside plain text.
pub(crate) const CITE: char = '\u{FFFC}';
/// [`CITE`] as a string.
pub(crate) const CITE_TEXT: &str = "\u{FFFC}";

/// A paragraph's plain text with the map back to source offsets.
#[derive(Debug, Default, Clone)]
pub(crate) struct Plain {
    pub(crate) text: String,
    /// (offset in `text`, offset in the source); offsets between two entries map
    /// linearly from the first.
    segments: Vec<(usize, usize)>,
    /// (offset in `text` of the CITE char, index into the brief's citations).
    pub(crate) cites: Vec<(usize, usize, usize)>,
}

impl Plain {
    pub(crate) fn push(&mut self, text: &str, source: usize) {
        if text.is_empty() {
            return;
        }
        self.segments.push((self.text.len(), source));
        self.text.push_str(text);
    }

    /// A citation group, `citation` in the brief's list, as [`CITE`] (what
    /// [`crate::Inline::plain`] gives for it).
    pub(crate) fn push_cite(&mut self, citation: usize, source: usize, source_end: usize) {
        self.segments.push((self.text.len(), source));
        self.cites.push((self.text.len(), citation, source_end));
        self.text.push(CITE);
    }

    pub(crate) fn append(&mut self, other: Plain, separator: &str) {
        if !self.text.is_empty() && !other.text.is_empty() {
            self.text.push_str(separator);
        }
        let shift = self.text.len();
        self.segments.extend(other.segments.into_iter().map(|(t, s)| (t + shift, s)));
        self.cites.extend(other.cites.into_iter().map(|(t, c, end)| (t + shift, c, end)));
        self.text.push_str(&other.text);
    }

    pub(crate) fn source_offset(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|(t, _)| *t <= offset);
        match i.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some((t, s)) => s + (offset - t),
            None => self.segments.first().map_or(0, |(_, s)| *s),
        }
    }

    /// Bytes of whitespace `text[start..end]` starts with.
    pub(crate) fn lead(&self, start: usize, end: usize) -> usize {
        let raw = self.text.get(start..end).unwrap_or_default();
        raw.len() - raw.trim_start().len()
    }

    /// Where `text[start..end]`, leading whitespace left out, is in the source.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.source_offset(start + self.lead(start, end)), self.source_end(end))
    }

    /// Citation indices whose placeholder lies in `range`.
    pub(crate) fn cites_in(&self, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self.cites.partition_point(|(t, _, _)| *t < start);
        self.cites.get(from..).unwrap_or_default().iter().take_while(move |(t, _, _)| *t < end).map(|(_, c, _)| *c)
    }

    /// The source offset where the text before `end` ends: past its last character, and
    /// for a citation placeholder past the whole group (the placeholder's three bytes
    /// are not the group's, whose first three may end inside a character: `[@ب`).
    pub(crate) fn source_end(&self, end: usize) -> usize {
        match self.text.get(..end).and_then(|text| text.chars().next_back()) {
            Some(CITE) => {
                let at = end - CITE.len_utf8();
                match self.cites.binary_search_by_key(&at, |(t, _, _)| *t) {
                    Ok(i) => self.cites[i].2,
                    Err(_) => self.source_offset(at) + CITE.len_utf8(),
                }
            }
            Some(ch) => self.source_offset(end - ch.len_utf8()) + ch.len_utf8(),
            None => self.source_offset(end),
        }
    }
}

fn is_terminator(ch: char) -> bool {
    matches!(ch, '.' | '!' | '?' | '؟' | '؛' | '۔' | '…' | '‼')
}

fn is_closer(ch: char) -> bool {
    matches!(ch, ')' | ']' | '»' | '"' | '”' | '\'' | '’')
}

fn is_space(ch: char) -> bool {
    ch.is_whitespace() || ch == '\u{202F}' || ch == '\u{A0}'
}

/// Words that end with a period without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "p", "pp", "cf", "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "vol", "chap", "art", "fig", "col",
    "no", "éd", "ed", "av", "apr", "env", "gén", "lt", "cdt", "sgt", "mr", "mrs", "ms", "prof", "vs", "approx", "ca",
    "ibid", "op", "cit", "al", "sq", "ex", "min", "nb", "tél", "jan", "janv", "fév", "févr", "avr", "juil", "sept",
    "oct", "nov", "déc", "feb", "mar", "apr", "aug", "sep", "dec", "inc", "ltd", "co", "jr", "sr", "gen", "col", "maj",
    "capt",
];

/// Sentences of `text` as byte ranges.
pub(crate) fn split(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|(_, c)| *c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |(o, _)| *o);
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut quote_depth = 0usize;
    let mut i = 0usize;
    while let Some(ch) = at(i) {
        // `end`: the char index just past the terminator and its closing marks.
        let mut candidate: Option<(usize, bool)> = None;
        match ch {
            '«' | '“' => quote_depth += 1,
            '»' | '”' if quote_depth > 0 => {
                quote_depth -= 1;
                let before = (0..i).rev().map(|k| at(k).unwrap_or(' ')).find(|c| !is_space(*c));
                if quote_depth == 0 && before.is_some_and(is_terminator) {
                    // A quotation ending with its own full stop ends our sentence only
                    // if what follows starts a new one.
                    candidate = Some((i + 1, true));
                }
            }
            c if is_terminator(c) && quote_depth == 0 => {
                let mut j = i + 1;
                while at(j).is_some_and(|c| is_terminator(c) || is_closer(c)) {
                    j += 1;
                }
                let period_like = c == '.' || c == '…';
                if period_like && is_abbreviation(&chars, i) {
                    candidate = None;
                } else {
                    candidate = Some((j, period_like));
                }
            }
            _ => {}
        }
        if let Some((j, check_case)) = candidate {
            let next = at(j);
            let boundary = next.is_none_or(|c| is_space(c) || c == CITE);
            let next_word = (j..chars.len()).map(|k| at(k).unwrap_or(' ')).find(|c| !is_space(*c) && *c != CITE);
            let continues = check_case && next_word.is_some_and(char::is_lowercase);
            if boundary && !continues {
                let mut end = j;
                // Citations right after the full stop belong to this sentence.
                let mut k = j;
                let mut took_cite = false;
                loop {
                    while at(k).is_some_and(is_space) {
                        k += 1;
                    }
                    if at(k) == Some(CITE) {
                        k += 1;
                        took_cite = true;
                        end = k;
                    } else {
                        break;
                    }
                }
                if took_cite && at(end).is_some_and(is_terminator) {
                    end += 1;
                }
                out.push((offset(start), offset(end)));
                start = end;
                i = end;
                quote_depth = 0;
                continue;
            }
        }
        i += 1;
    }
    if start < chars.len() {
        out.push((offset(start), text.len()));
    }
    out.retain(|(a, b)| text.get(*a..*b).is_some_and(|s| s.chars().any(|c| c.is_alphanumeric() || c == CITE)));
    out
}

fn is_abbreviation(chars: &[(usize, char)], period: usize) -> bool {
    let mut k = period;
    let mut word = Vec::new();
    while k > 0 {
        let Some((_, c)) = chars.get(k - 1) else { break };
        if c.is_alphanumeric() {
            word.push(*c);
            k -= 1;
        } else {
            break;
        }
    }
    word.reverse();
    let word: String = word.into_iter().collect();
    let letters = word.chars().count();
    if letters == 1 && word.chars().all(char::is_alphabetic) {
        // An initial ("J. Dupont") or an Arabic abbreviation ("ص.", "د.").
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str()) || lower == "هـ"
}

/// The sentence's text for people and for claim ids: citations removed, whitespace collapsed.
pub(crate) fn clean(text: &str) -> String {
    text.split(|c: char| is_space(c) || c == CITE).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let text = text.replace("[c]", &CITE.to_string());
        split(&text).into_iter().map(|(a, b)| text[a..b].trim().replace(CITE, "[c]")).collect()
    }

    #[test]
    fn splits_french_with_abbreviations_and_quotes() {
        assert_eq!(
            sentences("Le blocus dure depuis septembre 2025 [c]. M. Goïta a réagi, cf. p. 4. Les convois reprennent."),
            ["Le blocus dure depuis septembre 2025 [c].", "M. Goïta a réagi, cf. p. 4.", "Les convois reprennent."]
        );
        assert_eq!(
            sentences("« Nous ne céderons pas. » a déclaré le ministre. « C'est fini. » Puis le silence."),
            ["« Nous ne céderons pas. » a déclaré le ministre.", "« C'est fini. »", "Puis le silence."]
        );
        assert_eq!(sentences("Le taux est de 3.5 %. Quoi ? Rien."), ["Le taux est de 3.5 %.", "Quoi ?", "Rien."]);
    }

    #[test]
    fn keeps_citations_after_the_full_stop_with_their_sentence() {
        assert_eq!(
            sentences("Fait un. [c] Fait deux. [c] [c]. Trois."),
            ["Fait un. [c]", "Fait deux. [c] [c].", "Trois."]
        );
    }

    #[test]
    fn splits_arabic_punctuation() {
        assert_eq!(
            sentences("بدأ الحصار في سبتمبر 2025 [c]. هل يصمد؟ ربما؛ لكن الوقود شحيح! انتهى۔ نعم"),
            ["بدأ الحصار في سبتمبر 2025 [c].", "هل يصمد؟", "ربما؛", "لكن الوقود شحيح!", "انتهى۔", "نعم"]
        );
        assert_eq!(sentences("انظر ص. 4 من التقرير."), ["انظر ص. 4 من التقرير."]);
    }

    #[test]
    fn maps_offsets_back_to_the_source() {
        let mut plain = Plain::default();
        plain.push("abc ", 100);
        plain.push_cite(0, 200, 204);
        plain.push(" def", 300);
        assert_eq!(plain.source_offset(1), 101);
        assert_eq!(plain.source_offset(4), 200);
        assert_eq!(plain.source_offset(plain.text.len() - 1), 300 + 3);
        assert_eq!(plain.cites_in(0, plain.text.len()).collect::<Vec<_>>(), [0]);
        assert_eq!(clean(&plain.text), "abc def");
    }
}
