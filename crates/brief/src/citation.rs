//! Pandoc-style citations: `[@key]`, `[@key, p. 12]`, `[see @a; -@b, ch. 3]`, with
//! Mizan's two additions inside the suffix: an excerpt in quotes (`« … »`) and an
//! information credibility (`cred. 2`, `مصداقية 2`). See "Writing briefs" in the README.

use mizan_i18n::{Arg, Lang};
use mizan_source::{CitationKey, Credibility};

use crate::diagnostic::{Code, Sink, Span};

/// One bracketed citation: `[@a, p. 4; @b]`.
#[derive(Clone, Debug, PartialEq)]
pub struct CitationGroup {
    pub items: Vec<Citation>,
    /// The brackets and everything between them.
    pub span: Span,
    /// The number of the note this group calls in the PDF: 1 for the first call of the
    /// brief, in document order ([`crate::walk`]), footnote references included. `None`
    /// inside a footnote definition, where a citation is part of the note's text.
    pub note: Option<usize>,
}

/// One cited source with where in it, what passage, and how credible the information is.
#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    pub key: CitationKey,
    /// `[-@key]`: cite without repeating the author's name.
    pub suppress_author: bool,
    /// Text before the key ("voir", "انظر").
    pub prefix: String,
    pub locator: Option<Locator>,
    /// The opening words of a stored excerpt of the source (`« le blocus … »`).
    pub excerpt: Option<String>,
    /// The Admiralty credibility of the information taken from the source.
    pub credibility: Option<Credibility>,
    /// Any other text after the key, kept as written.
    pub suffix: String,
}

/// Where in the source: `p. 12`, `ch. 3`, `ص. 4`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locator {
    pub kind: LocatorKind,
    /// The label as written (`p.`, `pp.`, `ص.`), kept so the writer gives it back.
    pub label: String,
    pub value: String,
}

/// What a locator counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LocatorKind {
    Page,
    Chapter,
    Section,
    Paragraph,
    Volume,
    Article,
    Figure,
    Line,
    Note,
    Column,
}

/// Locator labels in en, fr and ar, longest first within each kind's list does not
/// matter: matching tries the longest label overall first.
const LOCATOR_LABELS: &[(&str, LocatorKind)] = &[
    ("p.", LocatorKind::Page),
    ("pp.", LocatorKind::Page),
    ("page", LocatorKind::Page),
    ("pages", LocatorKind::Page),
    ("ص.", LocatorKind::Page),
    ("ص", LocatorKind::Page),
    ("صص.", LocatorKind::Page),
    ("صفحة", LocatorKind::Page),
    ("الصفحة", LocatorKind::Page),
    ("ch.", LocatorKind::Chapter),
    ("chap.", LocatorKind::Chapter),
    ("chapter", LocatorKind::Chapter),
    ("chapitre", LocatorKind::Chapter),
    ("ف.", LocatorKind::Chapter),
    ("فصل", LocatorKind::Chapter),
    ("الفصل", LocatorKind::Chapter),
    ("sec.", LocatorKind::Section),
    ("section", LocatorKind::Section),
    ("§", LocatorKind::Section),
    ("§§", LocatorKind::Section),
    ("قسم", LocatorKind::Section),
    ("القسم", LocatorKind::Section),
    ("para.", LocatorKind::Paragraph),
    ("¶", LocatorKind::Paragraph),
    ("paragraph", LocatorKind::Paragraph),
    ("paragraphe", LocatorKind::Paragraph),
    ("al.", LocatorKind::Paragraph),
    ("فقرة", LocatorKind::Paragraph),
    ("الفقرة", LocatorKind::Paragraph),
    ("vol.", LocatorKind::Volume),
    ("volume", LocatorKind::Volume),
    ("t.", LocatorKind::Volume),
    ("ج.", LocatorKind::Volume),
    ("جزء", LocatorKind::Volume),
    ("الجزء", LocatorKind::Volume),
    ("art.", LocatorKind::Article),
    ("article", LocatorKind::Article),
    ("مادة", LocatorKind::Article),
    ("المادة", LocatorKind::Article),
    ("fig.", LocatorKind::Figure),
    ("figure", LocatorKind::Figure),
    ("شكل", LocatorKind::Figure),
    ("الشكل", LocatorKind::Figure),
    ("l.", LocatorKind::Line),
    ("ll.", LocatorKind::Line),
    ("line", LocatorKind::Line),
    ("ligne", LocatorKind::Line),
    ("سطر", LocatorKind::Line),
    ("n.", LocatorKind::Note),
    ("note", LocatorKind::Note),
    ("هامش", LocatorKind::Note),
    ("col.", LocatorKind::Column),
    ("column", LocatorKind::Column),
    ("colonne", LocatorKind::Column),
    ("عمود", LocatorKind::Column),
];

const CREDIBILITY_LABELS: &[&str] =
    &["credibility", "crédibilité", "cred.", "créd.", "cred", "créd", "المصداقية", "مصداقية"];
const EXCERPT_LABELS: &[&str] = &["excerpt", "extrait", "المقتطف", "مقتطف"];

/// Parses the text between the brackets of a possible citation. `None` when it is not a
/// citation (some item lacks an `@key`), so the brackets stay plain text.
pub(crate) fn parse_group(inner: &str, span: Span, sink: &mut Sink) -> Option<CitationGroup> {
    let mut items = Vec::new();
    for raw in split_outside_quotes(inner, &[';', '؛']) {
        items.push(parse_item(raw, span, sink)?);
    }
    (!items.is_empty()).then_some(CitationGroup { items, span, note: None })
}

/// Byte index of the `@` of the first key, if any: an `@` followed by a key character,
/// at the start or after whitespace, optionally preceded by `-`.
fn find_key_start(item: &str) -> Option<(usize, bool)> {
    let mut prev: Option<char> = None;
    let mut prev2: Option<char> = None;
    for (i, ch) in item.char_indices() {
        let key_follows = item
            .get(i + 1..)
            .and_then(|r| r.chars().next())
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '{');
        if ch == '@' && key_follows {
            let at_word_start = prev.is_none_or(char::is_whitespace);
            let after_dash = prev == Some('-') && prev2.is_none_or(char::is_whitespace);
            if at_word_start || after_dash {
                return Some((i, after_dash));
            }
        }
        prev2 = prev;
        prev = Some(ch);
    }
    None
}

fn parse_item(raw: &str, span: Span, sink: &mut Sink) -> Option<Citation> {
    let (at, suppress_author) = find_key_start(raw)?;
    let prefix_end = if suppress_author { at.saturating_sub(1) } else { at };
    let prefix = raw.get(..prefix_end)?.trim().to_owned();
    let after = raw.get(at + 1..)?;
    let (key_text, rest) = scan_key(after);
    let key = match CitationKey::parse(key_text) {
        Ok(key) => key,
        Err(_) => {
            sink.push(Code::CitationBadKey, span, vec![("key", Arg::from(key_text))]);
            return None;
        }
    };
    let mut citation = Citation {
        key,
        suppress_author,
        prefix,
        locator: None,
        excerpt: None,
        credibility: None,
        suffix: String::new(),
    };
    let rest = rest.trim_start();
    let rest = rest.strip_prefix([',', '،']).unwrap_or(rest);
    let mut others = Vec::new();
    for part in split_outside_quotes(rest, &[',', '،']) {
        let part = part.trim_matches(is_space);
        if part.is_empty() {
            continue;
        }
        match parse_credibility(part) {
            Some(Ok(value)) if citation.credibility.is_none() => {
                citation.credibility = Some(value);
                continue;
            }
            Some(Err(())) => {
                sink.push(Code::CitationBadCredibility, span, vec![("value", Arg::from(part))]);
            }
            _ => {}
        }
        if citation.excerpt.is_none()
            && let Some(excerpt) = parse_excerpt(part)
        {
            citation.excerpt = Some(excerpt);
            continue;
        }
        if citation.locator.is_none()
            && let Some(locator) = parse_locator(part)
        {
            citation.locator = Some(locator);
            continue;
        }
        others.push(part);
    }
    citation.suffix = others.join(", ");
    Some(citation)
}

/// Reads a key after `@`: `{any text}` or Pandoc's key characters, where internal
/// punctuation counts only when a letter or digit follows (so `@x.` is the key `x`).
fn scan_key(text: &str) -> (&str, &str) {
    if let Some(braced) = text.strip_prefix('{') {
        return match braced.find('}') {
            Some(end) => (braced.get(..end).unwrap_or_default(), braced.get(end + 1..).unwrap_or_default()),
            None => (braced, ""),
        };
    }
    let mut end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        let word = ch.is_alphanumeric() || ch == '_';
        let internal = ":.#$%&-+?<>~/".contains(ch)
            && end > 0
            && chars.peek().is_some_and(|(_, next)| next.is_alphanumeric() || *next == '_');
        if word || internal {
            end = i + ch.len_utf8();
        } else {
            break;
        }
    }
    (text.get(..end).unwrap_or_default(), text.get(end..).unwrap_or_default())
}

fn is_space(ch: char) -> bool {
    ch.is_whitespace() || ch == '\u{202F}' || ch == '\u{A0}'
}

/// Splits at any of `separators` that is not inside « », “ ” or "…".
fn split_outside_quotes<'a>(text: &'a str, separators: &[char]) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut in_ascii_quote = false;
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        match ch {
            '«' | '“' => depth += 1,
            '»' | '”' => depth = depth.saturating_sub(1),
            '"' => in_ascii_quote = !in_ascii_quote,
            c if separators.contains(&c) && depth == 0 && !in_ascii_quote => {
                parts.push(text.get(start..i).unwrap_or_default());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(text.get(start..).unwrap_or_default());
    parts
}

fn strip_label<'a>(part: &'a str, labels: &[&str]) -> Option<&'a str> {
    let lower = part.to_lowercase();
    labels.iter().find_map(|label| {
        if !lower.starts_with(label) {
            return None;
        }
        // Lowercasing can change byte lengths only outside ASCII/Arabic; guard anyway.
        let rest = part.get(label.len()..)?;
        let boundary = label.ends_with('.') || rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric());
        boundary.then_some(rest)
    })
}

fn parse_credibility(part: &str) -> Option<Result<Credibility, ()>> {
    let rest = strip_label(part, CREDIBILITY_LABELS)?;
    let value: String = rest.trim_matches(|c: char| is_space(c) || c == ':').chars().map(ascii_digit).collect();
    Some(value.parse::<u8>().ok().and_then(Credibility::from_number).ok_or(()))
}

fn ascii_digit(ch: char) -> char {
    match ch {
        '٠'..='٩' => char::from(b'0' + (ch as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (ch as u32 - '۰' as u32) as u8),
        _ => ch,
    }
}

fn parse_excerpt(part: &str) -> Option<String> {
    let (labelled, rest) = match strip_label(part, EXCERPT_LABELS) {
        Some(rest) => (true, rest.trim_start_matches(|c: char| is_space(c) || c == ':')),
        None => (false, part),
    };
    let quoted = [('«', '»'), ('“', '”'), ('"', '"')]
        .iter()
        .find_map(|(open, close)| rest.strip_prefix(*open)?.strip_suffix(*close));
    let text = match quoted {
        Some(inner) => inner,
        None if labelled => rest,
        None => return None,
    };
    let text = text.trim_matches(is_space);
    (!text.is_empty()).then(|| text.to_owned())
}

fn parse_locator(part: &str) -> Option<Locator> {
    let lower = part.to_lowercase();
    let mut best: Option<(&str, LocatorKind)> = None;
    for (label, kind) in LOCATOR_LABELS {
        if lower.starts_with(label) && best.is_none_or(|(b, _)| label.len() > b.len()) {
            let rest = part.get(label.len()..).unwrap_or_default();
            let next = rest.chars().next();
            let ok = next.is_some_and(|c| is_space(c) || c.is_ascii_digit() || ('٠'..='٩').contains(&c))
                || (label.ends_with('.') && next.is_some());
            if ok {
                best = Some((label, *kind));
            }
        }
    }
    let (label, kind) = best?;
    let value = part.get(label.len()..)?.trim_matches(is_space);
    if value.is_empty() {
        return None;
    }
    Some(Locator { kind, label: part.get(..label.len())?.to_owned(), value: value.to_owned() })
}

/// Writes a group back in canonical form: ASCII `,` and `;` (what Pandoc reads), the
/// locator label as written, the excerpt in the brief's quotation marks.
pub(crate) fn write_group(group: &CitationGroup, lang: Lang, out: &mut String) {
    out.push('[');
    for (i, item) in group.items.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        if !item.prefix.is_empty() {
            push_free_text(&item.prefix, out);
            out.push(' ');
        }
        if item.suppress_author {
            out.push('-');
        }
        out.push('@');
        let key = item.key.as_str();
        if key.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            out.push_str(key);
        } else {
            out.push('{');
            out.push_str(key);
            out.push('}');
        }
        if let Some(locator) = &item.locator {
            out.push_str(", ");
            out.push_str(&locator.label);
            out.push(' ');
            push_free_text(&locator.value, out);
        }
        if let Some(excerpt) = &item.excerpt {
            out.push_str(", ");
            let (open, close) = if lang == Lang::En { ("\"", "\"") } else { ("« ", " »") };
            out.push_str(open);
            push_free_text(excerpt, out);
            out.push_str(close);
        }
        if let Some(credibility) = item.credibility {
            out.push_str(if lang == Lang::Ar { ", مصداقية " } else { ", cred. " });
            out.push_str(&credibility.number().to_string());
        }
        if !item.suffix.is_empty() {
            out.push_str(", ");
            push_free_text(&item.suffix, out);
        }
    }
    out.push(']');
}

/// Escapes what Markdown would otherwise read as formatting inside a citation.
fn push_free_text(text: &str, out: &mut String) {
    for ch in text.chars() {
        if matches!(ch, '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(ch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(inner: &str) -> (Option<CitationGroup>, Vec<Code>) {
        let mut sink = Sink::default();
        let g = parse_group(inner, Span::default(), &mut sink);
        (g, sink.items.iter().map(|d| d.code).collect())
    }

    fn one(inner: &str) -> Citation {
        let (g, codes) = group(inner);
        assert!(codes.is_empty(), "{inner}: {codes:?}");
        let mut items = g.unwrap().items;
        assert_eq!(items.len(), 1);
        items.remove(0)
    }

    #[test]
    fn reads_pandoc_citations() {
        let c = one("@rfi-blocus-bamako-2025");
        assert_eq!(c.key.as_str(), "rfi-blocus-bamako-2025");
        let c = one("@key, p. 12");
        assert_eq!(c.locator, Some(Locator { kind: LocatorKind::Page, label: "p.".into(), value: "12".into() }));
        let c = one("voir @key, pp. 3-5, et ailleurs");
        assert_eq!((c.prefix.as_str(), c.suffix.as_str()), ("voir", "et ailleurs"));
        assert_eq!(c.locator.unwrap().value, "3-5");
        let c = one("-@key.");
        assert!(c.suppress_author);
        assert_eq!(c.key.as_str(), "key");
        let (g, _) = group("@a; @b, ch. 3");
        let g = g.unwrap();
        assert_eq!(g.items.len(), 2);
        assert_eq!(g.items[1].locator.as_ref().unwrap().kind, LocatorKind::Chapter);
    }

    #[test]
    fn reads_arabic_locators_with_either_comma() {
        for inner in ["@key، ص. 4", "@key, ص. 4", "@key، ص ٤"] {
            let c = one(inner);
            assert_eq!(c.locator.as_ref().map(|l| l.kind), Some(LocatorKind::Page), "{inner}");
        }
        let (g, _) = group("@a؛ @b");
        assert_eq!(g.unwrap().items.len(), 2);
    }

    #[test]
    fn reads_excerpts_and_credibility() {
        let c = one("@key, p. 4, « le carburant n'arrive plus », cred. 2");
        assert_eq!(c.excerpt.as_deref(), Some("le carburant n'arrive plus"));
        assert_eq!(c.credibility, Some(Credibility::ProbablyTrue));
        let c = one("@key، مقتطف: «الحصار مستمر»، مصداقية ٣");
        assert_eq!(c.excerpt.as_deref(), Some("الحصار مستمر"));
        assert_eq!(c.credibility, Some(Credibility::PossiblyTrue));
        let c = one("@key, excerpt: \"fuel; convoys\"");
        assert_eq!(c.excerpt.as_deref(), Some("fuel; convoys"));
    }

    #[test]
    fn bad_parts_give_diagnostics_not_failures() {
        let (g, codes) = group("@key, cred. 9");
        assert_eq!(codes, [Code::CitationBadCredibility]);
        assert_eq!(g.unwrap().items[0].suffix, "cred. 9");
        let (g, codes) = group("@{a b}");
        assert!(g.is_none());
        assert_eq!(codes, [Code::CitationBadKey]);
        assert!(group("email me@x.org").0.is_none());
        assert!(group("@a; no key here").0.is_none());
    }

    #[test]
    fn writes_what_it_reads() {
        for (inner, lang) in [
            ("voir @a, p. 12, « extrait ; avec point-virgule », cred. 2, note; -@b", Lang::Fr),
            ("@key، ص. 4، مصداقية ٥", Lang::Ar),
            ("@{odd.key.}, \"quote\"", Lang::En),
        ] {
            let (g, _) = group(inner);
            let g = g.unwrap();
            let mut out = String::new();
            write_group(&g, lang, &mut out);
            let inner2 = out.strip_prefix('[').and_then(|s| s.strip_suffix(']')).unwrap();
            let (g2, codes) = group(inner2);
            assert!(codes.is_empty(), "{out}");
            assert_eq!(g2.unwrap(), g, "{out}");
        }
    }
}
