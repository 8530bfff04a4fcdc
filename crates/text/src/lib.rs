//! Text folding for search.
//!
//! Sources are indexed and queries are matched after the same folding, so an analyst
//! finds `الجزائر` whether they type it with vowel marks, with tatweel, or with a
//! different hamza seat, and finds `Sécurité` by typing `securite`.
//!
//! ```
//! use mizan_text::fold;
//!
//! assert_eq!(fold("الجزائرَ"), fold("الـجـزائر"));
//! assert_eq!(fold("Sécurité"), "securite");
//! assert_eq!(fold("٢٠٢٥"), "2025");
//! ```

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for search. Applied identically to indexed text and to queries.
///
/// Arabic: vowel marks (tashkeel U+064B–U+065F, dagger alef U+0670) and tatweel are
/// dropped; alef forms أ إ آ ٱ become ا, ى becomes ي, ة becomes ه, ؤ becomes و, ئ becomes ي;
/// Persian keheh and yeh become their Arabic letters; Arabic-Indic and Persian digits
/// become 0–9; presentation forms (ﻻ) are decomposed. Latin: case folded, accents
/// removed (é → e), ligatures opened (œ → oe, æ → ae, ß → ss, ﬁ → fi).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // NFKD splits é into e + U+0301 and أ into ا + U+0654, so dropping combining marks
    // removes both Latin accents and Arabic hamza seats and vowel marks in one rule;
    // it also opens presentation forms and compatibility ligatures.
    for ch in text.nfkd() {
        if is_combining_mark(ch) {
            continue;
        }
        match ch {
            '\u{0640}' => {}                                 // tatweel
            '\u{0671}' => out.push('\u{0627}'),              // alef wasla
            '\u{0649}' | '\u{06CC}' => out.push('\u{064A}'), // alef maksura, Persian yeh
            '\u{0629}' => out.push('\u{0647}'),              // teh marbuta
            '\u{06A9}' => out.push('\u{0643}'),              // keheh
            '\u{0660}'..='\u{0669}' => push_digit(&mut out, ch as u32 - 0x0660),
            '\u{06F0}'..='\u{06F9}' => push_digit(&mut out, ch as u32 - 0x06F0),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            // Typographic apostrophes and dashes fold to their ASCII forms so "l’armée"
            // and "l'armée" match.
            '\u{2018}' | '\u{2019}' | '\u{02BC}' => out.push('\''),
            '\u{2010}'..='\u{2015}' => out.push('-'),
            // Bidi controls and zero-width joiners carry no meaning for search.
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => {}
            _ => out.extend(ch.to_lowercase()),
        }
    }
    out
}

fn push_digit(out: &mut String, d: u32) {
    out.push(char::from_digit(d, 10).unwrap_or('0'));
}

/// Splits folded text into search words: runs of letters, digits and marks.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The Arabic word with its leading clitics removed (و ف ب ك ل and the article ال), when
/// what remains is still a plausible word (at least two letters). Returns `None` when
/// there is nothing to strip. Works on folded text.
///
/// Indexing this form beside the word lets `جزائر` find `والجزائر`.
pub fn strip_arabic_clitics(word: &str) -> Option<&str> {
    if !word.chars().next().is_some_and(is_arabic_letter) {
        return None;
    }
    let mut rest = word;
    // One conjunction or preposition, then the article; "لل" is li- + the article.
    for prefix in ["وال", "فال", "بال", "كال", "لل", "ال"] {
        if let Some(stripped) = rest.strip_prefix(prefix) {
            rest = stripped;
            break;
        }
    }
    if std::ptr::eq(rest, word) || rest.chars().count() < 2 {
        return None;
    }
    Some(rest)
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tashkeel_is_dropped() {
        assert_eq!(fold("الجزائرَ"), "الجزاير");
        assert_eq!(fold("الجزائرَ"), fold("الجزائر"));
        assert_eq!(fold("مُحَمَّدٌ"), "محمد");
        assert_eq!(fold("هٰذا"), "هذا");
    }

    #[test]
    fn tatweel_is_dropped() {
        assert_eq!(fold("الـجـزائر"), fold("الجزائر"));
    }

    #[test]
    fn alef_forms_fold_to_bare_alef() {
        assert_eq!(fold("أمن"), "امن");
        assert_eq!(fold("إرهاب"), "ارهاب");
        assert_eq!(fold("آفاق"), "افاق");
        assert_eq!(fold("ٱلله"), "الله");
    }

    #[test]
    fn alef_maksura_folds_to_yeh() {
        assert_eq!(fold("مستشفى"), "مستشفي");
    }

    #[test]
    fn teh_marbuta_folds_to_heh() {
        assert_eq!(fold("الحكومة"), "الحكومه");
    }

    #[test]
    fn hamza_on_waw_and_yeh_fold() {
        assert_eq!(fold("مؤتمر"), "موتمر");
        assert_eq!(fold("رئيس"), "رييس");
    }

    #[test]
    fn eastern_digits_fold_to_ascii() {
        assert_eq!(fold("٢٠٢٥"), "2025");
        assert_eq!(fold("۱۴۰۴"), "1404");
    }

    #[test]
    fn latin_case_and_accents_fold() {
        assert_eq!(fold("Sécurité"), "securite");
        assert_eq!(fold("ÇA ÉTÉ Où"), "ca ete ou");
        assert_eq!(fold("Cœur"), "coeur");
        assert_eq!(fold("Lætitia"), "laetitia");
        assert_eq!(fold("l’armée"), "l'armee");
    }

    #[test]
    fn presentation_forms_and_controls_fold() {
        assert_eq!(fold("\u{FEFB}"), "لا");
        assert_eq!(fold("\u{2067}مالي\u{2069}"), "مالي");
    }

    #[test]
    fn folding_is_idempotent() {
        for s in ["الجزائرَ", "Sécurité œuvre", "٢٠٢٥ ـ مؤتمر", "ÆØÅ"] {
            assert_eq!(fold(&fold(s)), fold(s), "{s}");
        }
    }

    #[test]
    fn clitics_strip_only_from_arabic_words() {
        assert_eq!(strip_arabic_clitics("والجزاير"), Some("جزاير"));
        assert_eq!(strip_arabic_clitics("الجزاير"), Some("جزاير"));
        assert_eq!(strip_arabic_clitics("للامن"), Some("امن"));
        assert_eq!(strip_arabic_clitics("مالي"), None);
        assert_eq!(strip_arabic_clitics("ال"), None);
        assert_eq!(strip_arabic_clitics("alger"), None);
    }

    #[test]
    fn words_split_on_punctuation() {
        let folded = fold("Mali : l’AES, ٢٠٢٥!");
        assert_eq!(words(&folded).collect::<Vec<_>>(), ["mali", "l", "aes", "2025"]);
    }
}
