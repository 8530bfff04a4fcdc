//! ICD 203 estimative language: the likelihood scale, confidence levels, and finding
//! their wording in ar, fr and en text. The wording comes from the agreed terms in
//! `locales/*/common.ftl`, so the parser and the interface never disagree.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, OnceLock};

use mizan_i18n::{Lang, Localizer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, is_nfc_quick};

use crate::memo::Memo;

/// The ICD 203 likelihood scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Likelihood {
    /// 01–05 %.
    AlmostNoChance,
    /// 05–20 %.
    VeryUnlikely,
    /// 20–45 %.
    Unlikely,
    /// 45–55 %.
    RoughlyEvenChance,
    /// 55–80 %.
    Likely,
    /// 80–95 %.
    VeryLikely,
    /// 95–99 %.
    AlmostCertain,
}

impl Likelihood {
    pub const ALL: [Likelihood; 7] = [
        Self::AlmostNoChance,
        Self::VeryUnlikely,
        Self::Unlikely,
        Self::RoughlyEvenChance,
        Self::Likely,
        Self::VeryLikely,
        Self::AlmostCertain,
    ];

    /// Stable identifier, also the MISP `estimative-language:likelihood-probability` value.
    pub fn id(self) -> &'static str {
        match self {
            Self::AlmostNoChance => "almost-no-chance",
            Self::VeryUnlikely => "very-unlikely",
            Self::Unlikely => "unlikely",
            Self::RoughlyEvenChance => "roughly-even-chance",
            Self::Likely => "likely",
            Self::VeryLikely => "very-likely",
            Self::AlmostCertain => "almost-certain",
        }
    }

    /// The probability range in percent.
    pub fn range(self) -> (u8, u8) {
        match self {
            Self::AlmostNoChance => (1, 5),
            Self::VeryUnlikely => (5, 20),
            Self::Unlikely => (20, 45),
            Self::RoughlyEvenChance => (45, 55),
            Self::Likely => (55, 80),
            Self::VeryLikely => (80, 95),
            Self::AlmostCertain => (95, 99),
        }
    }

    /// The agreed wording in `lang`.
    pub fn term(self, lang: Lang) -> String {
        localizer(lang).message(&format!("likelihood-{}", self.id()), &[])
    }
}

/// Analytic confidence in a judgment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// Low confidence.
    Low,
    /// Moderate confidence.
    Moderate,
    /// High confidence.
    High,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Self::Low, Self::Moderate, Self::High];

    pub fn id(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Moderate => "moderate",
            Self::High => "high",
        }
    }

    /// The agreed wording in `lang` ("confiance modérée").
    pub fn term(self, lang: Lang) -> String {
        localizer(lang).message(&format!("confidence-{}", self.id()), &[])
    }
}

/// A label opening a judgment or assumption paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum LabelKind {
    Judgment,
    Assumption,
}

fn localizer(lang: Lang) -> &'static Localizer {
    static LOCALIZERS: OnceLock<[Localizer; 3]> = OnceLock::new();
    let all =
        LOCALIZERS.get_or_init(|| [Localizer::plain(Lang::Ar), Localizer::plain(Lang::Fr), Localizer::plain(Lang::En)]);
    match lang {
        Lang::Ar => &all[0],
        Lang::Fr => &all[1],
        Lang::En => &all[2],
    }
}

/// A word of text, normalised for matching: NFC, lowercase, Arabic short vowels and
/// tatweel removed, alef forms unified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) norm: String,
    /// Byte range in the text it came from.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Splits text into normalised word tokens. Linear in the length of the text.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        if is_arabic_letter(ch) {
            // Most of an Arabic brief: a letter with no case and no decomposition, so the
            // Unicode table look-ups below (several per character) would only confirm it.
            if current.is_empty() {
                start = i;
            }
            push_normalized(&mut current, ch);
            continue;
        }
        if is_combining_mark(ch) || ch == '\u{0640}' {
            // Diacritics and tatweel are inside words: skip, do not split.
            continue;
        }
        if ch.is_alphanumeric() {
            if current.is_empty() {
                start = i;
            }
            push_normalized(&mut current, ch);
        } else if !current.is_empty() {
            out.push(finish_token(&mut current, start, i));
        }
    }
    if !current.is_empty() {
        out.push(finish_token(&mut current, start, text.len()));
    }
    out
}

fn finish_token(current: &mut String, start: usize, end: usize) -> Token {
    let norm = if current.is_ascii() || is_nfc_quick(current.chars()) == IsNormalized::Yes {
        std::mem::take(current)
    } else {
        let norm = current.nfc().collect();
        current.clear();
        norm
    };
    Token { norm, start, end }
}

fn push_normalized(out: &mut String, ch: char) {
    match ch {
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ى' => out.push('ي'),
        '٠'..='٩' => out.push(char::from(b'0' + (ch as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => out.push(char::from(b'0' + (ch as u32 - '۰' as u32) as u8)),
        _ if ch.is_ascii() => out.push(ch.to_ascii_lowercase()),
        _ if is_arabic_letter(ch) => out.push(ch),
        _ => out.extend(ch.to_lowercase()),
    }
}

/// The basic Arabic letters (hamza to yeh, without the tatweel): alphabetic, not combining,
/// caseless (a test checks it against the Unicode tables).
fn is_arabic_letter(ch: char) -> bool {
    matches!(ch, '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{064A}')
}

/// Arabic proclitics that may be glued to a term: "المرجح", "ومن", "بثقة".
const ARABIC_PREFIXES: [&str; 10] = ["وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل"];

/// The forms of a token to look up: itself, and itself without an Arabic proclitic.
fn lookup_forms(token: &str) -> impl Iterator<Item = &str> {
    let stripped =
        ARABIC_PREFIXES.iter().filter_map(move |p| token.strip_prefix(p)).filter(|rest| rest.chars().count() >= 2);
    std::iter::once(token).chain(stripped)
}

fn tokens_of(phrase: &str) -> Vec<String> {
    tokenize(phrase).into_iter().map(|t| t.norm).collect()
}

#[derive(Debug)]
struct Entry<T> {
    tokens: Vec<String>,
    value: T,
}

/// Phrases indexed by their first token, longest first.
#[derive(Debug)]
struct PhraseTable<T> {
    by_first: HashMap<String, Vec<Entry<T>>>,
}

impl<T: Copy> PhraseTable<T> {
    fn new() -> Self {
        Self { by_first: HashMap::new() }
    }

    fn add(&mut self, phrase: &str, value: T) {
        let tokens = tokens_of(phrase);
        let Some(first) = tokens.first().cloned() else { return };
        let list = self.by_first.entry(first).or_default();
        if list.iter().any(|e| e.tokens == tokens) {
            return;
        }
        list.push(Entry { tokens, value });
        list.sort_by_key(|e| std::cmp::Reverse(e.tokens.len()));
    }

    /// The longest phrase starting at `tokens[at]`, as (value, number of tokens).
    fn match_at(&self, tokens: &[Token], at: usize) -> Option<(T, usize)> {
        let first = tokens.get(at)?;
        let mut best: Option<(T, usize)> = None;
        for form in lookup_forms(&first.norm) {
            let Some(entries) = self.by_first.get(form) else { continue };
            for entry in entries {
                let n = entry.tokens.len();
                if best.is_some_and(|(_, m)| m >= n) {
                    continue;
                }
                let Some(window) = tokens.get(at..at + n) else { continue };
                let rest_matches = window
                    .iter()
                    .zip(&entry.tokens)
                    .skip(1)
                    .all(|(tok, want)| lookup_forms(&tok.norm).any(|f| f == want));
                if rest_matches {
                    best = Some((entry.value, n));
                }
            }
        }
        best
    }

    /// Every non-overlapping longest match, left to right.
    fn find_all(&self, tokens: &[Token]) -> Vec<(T, usize, usize)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            if let Some((value, n)) = self.match_at(tokens, at) {
                out.push((value, at, at + n));
                at += n;
            } else {
                at += 1;
            }
        }
        out
    }
}

#[derive(Debug)]
struct Lexicon {
    likelihood: PhraseTable<Likelihood>,
    confidence: PhraseTable<Confidence>,
    confidence_nouns: PhraseTable<()>,
    confidence_levels: PhraseTable<Confidence>,
    labels: PhraseTable<LabelKind>,
}

fn variants(localizer: &Localizer, id: &str, attribute: &str) -> Vec<String> {
    localizer
        .attribute(id, attribute, &[])
        .map(|list| list.split('|').map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).collect())
        .unwrap_or_default()
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lex = Lexicon {
            likelihood: PhraseTable::new(),
            confidence: PhraseTable::new(),
            confidence_nouns: PhraseTable::new(),
            confidence_levels: PhraseTable::new(),
            labels: PhraseTable::new(),
        };
        for lang in Lang::ALL {
            let loc = localizer(lang);
            let with_variants = |id: &str| {
                let mut all = vec![loc.message(id, &[])];
                all.extend(variants(loc, id, "accept"));
                all
            };
            for value in Likelihood::ALL {
                for phrase in with_variants(&format!("likelihood-{}", value.id())) {
                    lex.likelihood.add(&phrase, value);
                }
            }
            for value in Confidence::ALL {
                let id = format!("confidence-{}", value.id());
                for phrase in with_variants(&id) {
                    lex.confidence.add(&phrase, value);
                }
                for level in variants(loc, &id, "level") {
                    lex.confidence_levels.add(&level, value);
                }
            }
            for noun in with_variants("confidence-noun") {
                lex.confidence_nouns.add(&noun, ());
            }
            for phrase in with_variants("label-judgment") {
                lex.labels.add(&phrase, LabelKind::Judgment);
            }
            for phrase in with_variants("label-assumption") {
                lex.labels.add(&phrase, LabelKind::Assumption);
            }
        }
        lex
    })
}

/// A term found in text, with its byte range in that text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found<T> {
    pub(crate) value: T,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

fn found<T>(tokens: &[Token], value: T, from: usize, to: usize) -> Option<Found<T>> {
    Some(Found { value, start: tokens.get(from)?.start, end: tokens.get(to.checked_sub(1)?)?.end })
}

/// Every likelihood term in the text.
pub(crate) fn find_likelihoods(tokens: &[Token]) -> Vec<Found<Likelihood>> {
    lexicon().likelihood.find_all(tokens).into_iter().filter_map(|(v, a, b)| found(tokens, v, a, b)).collect()
}

/// The first confidence statement in the text: a whole phrase ("confiance modérée"), or
/// the word for confidence and a level word in the same text ("la confiance … est faible").
pub(crate) fn find_confidence(tokens: &[Token]) -> Option<Found<Confidence>> {
    let lex = lexicon();
    if let Some((v, a, b)) = lex.confidence.find_all(tokens).into_iter().next() {
        return found(tokens, v, a, b);
    }
    let (_, noun_at, noun_end) = lex.confidence_nouns.find_all(tokens).into_iter().next()?;
    let (level, at, end) = lex.confidence_levels.find_all(tokens).into_iter().next()?;
    found(tokens, level, noun_at.min(at), noun_end.max(end))
}

/// What the estimative vocabulary finds in a sentence or a claim's text, with the words
/// the rest of the analysis needs. Computed once per distinct text ([`terms`]).
#[derive(Debug)]
pub(crate) struct Terms {
    /// The first likelihood term.
    pub(crate) likelihood: Option<Found<Likelihood>>,
    /// The first confidence statement ([`find_confidence`]).
    pub(crate) confidence: Option<Found<Confidence>>,
    /// The normalised words, separated by single spaces.
    pub(crate) words: String,
    /// How many words.
    pub(crate) word_count: usize,
}

/// The [`Terms`] of `text`, memoised: after an edit only the changed sentences are
/// tokenised and searched again.
pub(crate) fn terms(text: &str) -> Arc<Terms> {
    static MEMO: LazyLock<Memo<Arc<Terms>>> = LazyLock::new(|| Memo::new(4 << 20));
    MEMO.get(
        text,
        |text| {
            let tokens = tokenize(text);
            let words = tokens.iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ");
            Arc::new(Terms {
                likelihood: find_likelihoods(&tokens).into_iter().next(),
                confidence: find_confidence(&tokens),
                words,
                word_count: tokens.len(),
            })
        },
        |terms| terms.words.len() + std::mem::size_of::<Terms>(),
    )
}

/// The label kind if the whole text is a judgment or assumption label.
pub(crate) fn match_label(text: &str) -> Option<LabelKind> {
    let tokens = tokenize(text);
    let (kind, n) = lexicon().labels.match_at(&tokens, 0)?;
    (n == tokens.len()).then_some(kind)
}

/// A qualifier inside a marker's parentheses: exactly one likelihood phrase, or a confidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Qualifier {
    Likelihood(Likelihood),
    Confidence(Confidence),
}

pub(crate) fn parse_qualifier(text: &str) -> Option<Qualifier> {
    let tokens = tokenize(text);
    if tokens.is_empty() {
        return None;
    }
    let lex = lexicon();
    if let Some((value, n)) = lex.likelihood.match_at(&tokens, 0)
        && n == tokens.len()
    {
        return Some(Qualifier::Likelihood(value));
    }
    if let Some((value, n)) = lex.confidence.match_at(&tokens, 0)
        && n == tokens.len()
    {
        return Some(Qualifier::Confidence(value));
    }
    // "confiance : modérée", or a bare level word ("modérée") inside the marker.
    let levels = lex.confidence_levels.find_all(&tokens);
    let nouns = lex.confidence_nouns.find_all(&tokens);
    if let [(value, a, b)] = levels.as_slice() {
        let noun_tokens: usize = nouns.iter().map(|(_, x, y)| y - x).sum();
        if nouns.len() <= 1 && (b - a) + noun_tokens == tokens.len() {
            return Some(Qualifier::Confidence(*value));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arabic_letter_shortcut_agrees_with_the_unicode_tables() {
        for ch in ('\u{0600}'..='\u{06FF}').filter(|&c| is_arabic_letter(c)) {
            assert!(ch.is_alphanumeric() && !is_combining_mark(ch), "{ch:?}");
            assert_eq!(ch.to_lowercase().collect::<String>(), ch.to_string(), "{ch:?}");
        }
        assert!(!is_arabic_letter('\u{0640}') && !is_arabic_letter('\u{064B}'));
    }

    fn likelihoods(text: &str) -> Vec<Likelihood> {
        find_likelihoods(&tokenize(text)).into_iter().map(|f| f.value).collect()
    }

    #[test]
    fn finds_the_longest_likelihood_term_in_each_language() {
        assert_eq!(likelihoods("It is very unlikely that Bamako falls."), [Likelihood::VeryUnlikely]);
        assert_eq!(likelihoods("Il est peu probable que Bamako tombe."), [Likelihood::Unlikely]);
        assert_eq!(
            likelihoods("Une chute est improbable ; une trêve, très probable."),
            [Likelihood::Unlikely, Likelihood::VeryLikely]
        );
        assert_eq!(likelihoods("ومن المرجحِ جداً أن يستمر الحصار"), [Likelihood::VeryLikely]);
        assert_eq!(likelihoods("من غير المرجح أن تسقط باماكو"), [Likelihood::Unlikely]);
        assert_eq!(likelihoods("Le blocus a commencé en septembre."), []);
    }

    #[test]
    fn finds_confidence_as_a_phrase_or_as_noun_and_level() {
        let f = |t: &str| find_confidence(&tokenize(t)).map(|f| f.value);
        assert_eq!(f("Nous avons une confiance modérée dans ce jugement."), Some(Confidence::Moderate));
        assert_eq!(f("We hold this with high confidence."), Some(Confidence::High));
        assert_eq!(f("درجة الثقة في هذا التقدير متوسطة."), Some(Confidence::Moderate));
        assert_eq!(f("La population a perdu confiance."), None);
    }

    #[test]
    fn parses_marker_qualifiers() {
        assert_eq!(parse_qualifier("probable"), Some(Qualifier::Likelihood(Likelihood::Likely)));
        assert_eq!(parse_qualifier("confiance modérée"), Some(Qualifier::Confidence(Confidence::Moderate)));
        assert_eq!(parse_qualifier("confiance : élevée"), Some(Qualifier::Confidence(Confidence::High)));
        assert_eq!(parse_qualifier("ثقة متوسطة"), Some(Qualifier::Confidence(Confidence::Moderate)));
        assert_eq!(parse_qualifier("غير مرجح"), Some(Qualifier::Likelihood(Likelihood::Unlikely)));
        assert_eq!(parse_qualifier("low"), Some(Qualifier::Confidence(Confidence::Low)));
        assert_eq!(parse_qualifier("probable demain"), None);
        assert_eq!(parse_qualifier("bleu"), None);
    }

    #[test]
    fn labels_match_whole_words_in_any_language() {
        assert_eq!(match_label("Jugement"), Some(LabelKind::Judgment));
        assert_eq!(match_label("KEY JUDGMENT"), Some(LabelKind::Judgment));
        assert_eq!(match_label("تقدير"), Some(LabelKind::Judgment));
        assert_eq!(match_label("Hypothèse"), Some(LabelKind::Assumption));
        assert_eq!(match_label("Jugement de valeur"), None);
    }

    #[test]
    fn terms_come_from_the_locales() {
        assert_eq!(Likelihood::Unlikely.term(Lang::Fr), "improbable");
        assert_eq!(Confidence::Moderate.term(Lang::Ar), "ثقة متوسطة");
    }
}
