//! French typographic spacing, as a pure text transformation.
//!
//! French sets a thin no-break space (U+202F) before `;` `!` `?` and inside « guillemets », and a
//! word-width no-break space (U+00A0) before `:`. Plain spaces typed there are replaced, missing
//! ones added; the line breaker never breaks at either. URLs (tokens containing `://` or starting
//! with `www.`), e-mail addresses and spans marked verbatim (code) are left alone, as are colons
//! between digits (times such as 20:30) and runs of marks (`?!`).

use crate::model::{Paragraph, TextLang};

const NNBSP: char = '\u{202F}';
const NBSP: char = '\u{00A0}';

/// Applies French spacing to `text` (see the module documentation).
pub fn french_spacing(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let protected = protected_tokens(&chars);
    let mut out: Vec<char> = Vec::with_capacity(chars.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if protected.get(i).copied().unwrap_or(false) {
            out.push(c);
            continue;
        }
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        match c {
            ';' | '!' | '?' | ':' => {
                let wanted = if c == ':' { NBSP } else { NNBSP };
                let digits_around =
                    c == ':' && prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
                let after_mark = prev.is_some_and(|p| matches!(p, '!' | '?' | ';' | ':'));
                if !digits_around && !after_mark {
                    // Drop the spaces typed before the mark, then put the right one.
                    let mut had_space = false;
                    while out.last().is_some_and(|&p| p == ' ' || p == NBSP || p == NNBSP) {
                        out.pop();
                        had_space = true;
                    }
                    let at_line_start = out.last().is_none_or(|&p| p == '\n');
                    if had_space || !at_line_start {
                        out.push(wanted);
                    }
                }
                out.push(c);
            }
            '«' => {
                out.push(c);
                if next.is_some_and(|n| n != ' ' && n != NBSP && n != NNBSP && n != '\n') {
                    out.push(NNBSP);
                }
            }
            '»' => {
                while out.last().is_some_and(|&p| p == ' ' || p == NBSP || p == NNBSP) {
                    out.pop();
                }
                out.push(NNBSP);
                out.push(c);
            }
            ' ' | NBSP if prev == Some('«') => out.push(NNBSP),
            _ => out.push(c),
        }
    }
    out.into_iter().collect()
}

/// Applies [`french_spacing`] to every French, non-verbatim span of a paragraph.
pub fn apply_french_spacing(paragraph: &mut Paragraph) {
    let para_lang = paragraph.lang;
    for span in &mut paragraph.spans {
        if !span.verbatim && span.lang.unwrap_or(para_lang) == TextLang::Fr {
            span.text = french_spacing(&span.text);
        }
    }
}

/// Marks the characters of URL-like tokens, which must not be respaced.
fn protected_tokens(chars: &[char]) -> Vec<bool> {
    let mut protected = vec![false; chars.len()];
    let mut start = 0;
    while start < chars.len() {
        if chars[start].is_whitespace() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < chars.len() && !chars[end].is_whitespace() {
            end += 1;
        }
        let token: String = chars[start..end].iter().collect();
        let lower = token.to_lowercase();
        let trimmed = lower.trim_start_matches(['(', '[', '«', '"', '\'']);
        let email = token.contains('@') && token.contains('.');
        if token.contains("://") || trimmed.starts_with("www.") || email {
            // Trailing sentence punctuation after a URL is still French punctuation.
            let mut stop = end;
            while stop > start && matches!(chars[stop - 1], '.' | ',' | ';' | '!' | '?' | ':' | ')' | ']' | '»') {
                stop -= 1;
            }
            protected[start..stop].iter_mut().for_each(|p| *p = true);
        }
        start = end;
    }
    protected
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_before_high_punctuation() {
        assert_eq!(
            french_spacing("Pourquoi ? Parce que ; enfin !"),
            "Pourquoi\u{202F}? Parce que\u{202F}; enfin\u{202F}!"
        );
        assert_eq!(french_spacing("Pourquoi?"), "Pourquoi\u{202F}?");
        assert_eq!(french_spacing("Note : voir"), "Note\u{00A0}: voir");
        assert_eq!(french_spacing("Note: voir"), "Note\u{00A0}: voir");
    }

    #[test]
    fn guillemets_get_thin_spaces_inside() {
        assert_eq!(french_spacing("« Bamako »"), "«\u{202F}Bamako\u{202F}»");
        assert_eq!(french_spacing("«Bamako»"), "«\u{202F}Bamako\u{202F}»");
    }

    #[test]
    fn idempotent() {
        let once = french_spacing("« Le blocus » : quoi ? Rien !");
        assert_eq!(french_spacing(&once), once);
    }

    #[test]
    fn urls_times_and_double_marks_are_untouched() {
        assert_eq!(
            french_spacing("Voir https://exemple.org/a?b=1 et www.site.fr:80"),
            "Voir https://exemple.org/a?b=1 et www.site.fr:80"
        );
        assert_eq!(french_spacing("à 20:30"), "à 20:30");
        assert_eq!(french_spacing("Vraiment ?!"), "Vraiment\u{202F}?!");
        assert_eq!(french_spacing("écrire à info@mizan.org."), "écrire à info@mizan.org.");
    }

    #[test]
    fn verbatim_spans_are_left_alone() {
        use crate::model::{BaseDirection, SpanStyle, TextSpan};
        let mut p = Paragraph::new("Quoi ?", SpanStyle::default(), BaseDirection::Ltr, TextLang::Fr, 200.0);
        let mut code = TextSpan::new("a ? b : c", SpanStyle::default());
        code.verbatim = true;
        p.spans.push(code);
        apply_french_spacing(&mut p);
        assert_eq!(p.spans[0].text, "Quoi\u{202F}?");
        assert_eq!(p.spans[1].text, "a ? b : c");
    }
}
