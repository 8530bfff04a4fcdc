//! Citation notes and annex entries formatted by CSL (hayagriva), in the brief's language.
//!
//! Each citation group of the brief is one note; each cited source of the group is one CSL
//! citation (so the style's subsequent-cite forms work), followed by what CSL has no field
//! for: the credibility the analyst gave the information and the excerpt designated.
//! CSL styles and locales come from hayagriva's embedded archive (fr-FR, ar and en-US are
//! there), so nothing is read from disk.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use hayagriva::archive::{ArchivedStyle, LOCALES as ARCHIVED_LOCALES, locales};
use hayagriva::citationberg::taxonomy::Locator as CslLocator;
use hayagriva::citationberg::{FontStyle, FontWeight, IndependentStyle, Locale, LocaleCode, Style as CslStyle};
use hayagriva::types::{
    Date, EntryType, FormatString, MaybeTyped, Person as CslPerson, Publisher, QualifiedUrl, SerialNumber,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild, ElemChildren, Entry,
    LocatorPayload, SpecificLocator,
};
use mizan_brief::{Citation, CitationGroup, LocatorKind};
use mizan_i18n::{Arg, Lang};
use mizan_source::{PartialDate, Person, Source, SourceType};

use crate::ExportError;
use crate::labels::Labels;

/// A piece of formatted text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Styled {
    pub(crate) text: String,
    pub(crate) italic: bool,
    pub(crate) bold: bool,
    /// A URL: never hyphenated or respaced.
    pub(crate) verbatim: bool,
    /// The language of a source's own words (its title), when it is not the brief's: French
    /// spacing and hyphenation follow it.
    pub(crate) lang: Option<Lang>,
}

impl Styled {
    pub(crate) fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), italic: false, bold: false, verbatim: false, lang: None }
    }
}

/// The notes of a brief and the annex entries of the sources they cite.
#[derive(Debug, Default)]
pub(crate) struct Formatted {
    /// One note per citation group, in document order.
    pub(crate) notes: Vec<Vec<Styled>>,
    /// The annex entry of each cited source found in the library, by citation key, in the
    /// style's bibliography order.
    pub(crate) bibliography: Vec<(String, Vec<Styled>)>,
}

/// The CSL locales a brief in `lang` needs: its own and en-US (the CSL fallback).
fn csl_locales(lang: Lang) -> &'static [Locale] {
    // Decoding the whole archive (63 locales) takes ~80 ms, most of a cold export: only the
    // two needed are decoded, once per process and language.
    static LOCALES: [OnceLock<Vec<Locale>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = match lang {
        Lang::Ar => &LOCALES[0],
        Lang::Fr => &LOCALES[1],
        Lang::En => &LOCALES[2],
    };
    slot.get_or_init(|| {
        let wanted = [locale_code(lang).0, "en-US".to_owned()];
        let mut found: Vec<Locale> = ARCHIVED_LOCALES
            .iter()
            .filter(|bytes| archived_lang(bytes).is_none_or(|code| wanted.iter().any(|w| w == code)))
            .filter_map(|bytes| ciborium::de::from_reader::<Locale, _>(*bytes).ok())
            .filter(|locale| locale.lang.as_ref().is_some_and(|code| wanted.contains(&code.0)))
            .collect();
        if found.is_empty() {
            // An archive whose layout we do not recognise: decode it all.
            found = locales();
        }
        found
    })
}

/// The `@xml:lang` of an archived locale, read from the first entry of its CBOR map without
/// decoding the rest; `None` if the bytes are not laid out that way.
fn archived_lang(bytes: &[u8]) -> Option<&str> {
    const KEY: &[u8] = b"\x69@xml:lang";
    let header = *bytes.first()?;
    // A CBOR map (major type 5) with fewer than 24 entries has a one-byte header.
    if !(0xA0..0xB8).contains(&header) || bytes.get(1..1 + KEY.len())? != KEY {
        return None;
    }
    let at = 1 + KEY.len();
    let head = *bytes.get(at)?;
    let (len, start) = match head {
        0x60..=0x77 => (usize::from(head - 0x60), at + 1),
        0x78 => (usize::from(*bytes.get(at + 1)?), at + 2),
        _ => return None,
    };
    std::str::from_utf8(bytes.get(start..start + len)?).ok()
}

fn locale_code(lang: Lang) -> LocaleCode {
    LocaleCode(match lang {
        Lang::Ar => "ar".to_owned(),
        Lang::Fr => "fr-FR".to_owned(),
        Lang::En => "en-US".to_owned(),
    })
}

/// Loads an independent CSL style of the embedded collection.
pub(crate) fn load_style(name: &str) -> Result<IndependentStyle, ExportError> {
    let archived = ArchivedStyle::by_name(name).ok_or_else(|| ExportError::CslStyle {
        name: name.to_owned(),
        detail: "not in the embedded collection".to_owned(),
    })?;
    match archived.get() {
        CslStyle::Independent(style) => Ok(style),
        CslStyle::Dependent(_) => Err(ExportError::CslStyle {
            name: name.to_owned(),
            detail: "a dependent style; name its parent instead".to_owned(),
        }),
    }
}

/// Formats the notes for `groups` (document order) and the bibliography of the cited
/// sources. `lookup` gives the library record of a key, if any.
pub(crate) fn format(
    groups: &[&CitationGroup],
    lookup: &dyn Fn(&str) -> Option<Source>,
    style: &IndependentStyle,
    lang: Lang,
    labels: &Labels,
) -> Formatted {
    let mut entries: BTreeMap<String, Option<Entry>> = BTreeMap::new();
    let mut languages: BTreeMap<String, Option<Lang>> = BTreeMap::new();
    for group in groups {
        for item in &group.items {
            let key = item.key.as_str().to_owned();
            if entries.contains_key(&key) {
                continue;
            }
            let source = lookup(&key);
            languages.insert(
                key.clone(),
                source.as_ref().and_then(|s| s.language.as_deref()).and_then(|l| l.parse::<Lang>().ok()),
            );
            entries.insert(key, source.map(|s| entry(&s)));
        }
    }
    let in_language = |key: &str, mut pieces: Vec<Styled>| {
        let lang = languages.get(key).copied().flatten();
        pieces.iter_mut().for_each(|p| p.lang = lang);
        pieces
    };
    // The direction a source's reference is written in: its language's, else that of its
    // first letter (a source with no language recorded), else the brief's.
    let isolated = |key: &str, pieces: Vec<Styled>| {
        let rtl = match languages.get(key).copied().flatten() {
            Some(source_lang) => source_lang.is_rtl(),
            None => first_strong(&plain(&pieces)).map_or(lang.is_rtl(), |d| d == Strong::R),
        };
        isolate(pieces, rtl)
    };
    let locale_files = csl_locales(lang);
    let locale = locale_code(lang);
    let mut driver: BibliographyDriver<'_, Entry> = BibliographyDriver::new();
    // (note index, item index) of each CSL citation, to put the results back.
    let mut requested: Vec<(usize, usize)> = Vec::new();
    for (n, group) in groups.iter().enumerate() {
        for (i, item) in group.items.iter().enumerate() {
            let Some(Some(entry)) = entries.get(item.key.as_str()) else { continue };
            let mut cite = CitationItem::with_entry(entry);
            cite.locator =
                item.locator.as_ref().map(|l| SpecificLocator(csl_locator(l.kind), LocatorPayload::Str(&l.value)));
            driver.citation(CitationRequest::new(vec![cite], style, Some(locale.clone()), locale_files, Some(n + 1)));
            requested.push((n, i));
        }
    }
    let rendered = driver.finish(BibliographyRequest { style, locale: Some(locale), locale_files });
    let mut per_item: BTreeMap<(usize, usize), Vec<Styled>> = BTreeMap::new();
    // The first (full) note of each source stands in for a bibliography entry the style
    // leaves out (Chicago drops unpublished interviews from its bibliography).
    let mut first_notes: Vec<(String, Vec<Styled>)> = Vec::new();
    for (at, citation) in requested.iter().zip(rendered.citations) {
        let key = groups.get(at.0).and_then(|g| g.items.get(at.1)).map(|i| i.key.as_str()).unwrap_or_default();
        let text = in_language(key, styled(&citation.citation));
        if !first_notes.iter().any(|(k, _)| k == key) {
            let mut full = text.clone();
            trim_final_period(&mut full);
            full.push(Styled::plain("."));
            first_notes.push((key.to_owned(), full));
        }
        per_item.insert(*at, text);
    }
    let mut notes = Vec::with_capacity(groups.len());
    for (n, group) in groups.iter().enumerate() {
        let mut note: Vec<Styled> = Vec::new();
        for (i, item) in group.items.iter().enumerate() {
            if i > 0 {
                note.push(Styled::plain(if lang == Lang::Ar { "؛ " } else { "; " }));
            }
            if !item.prefix.is_empty() {
                note.push(Styled::plain(format!("{} ", item.prefix)));
            }
            match per_item.remove(&(n, i)) {
                Some(mut text) => {
                    trim_final_period(&mut text);
                    let key = item.key.as_str();
                    note.extend(isolated(key, text));
                }
                None => note.push(Styled::plain(
                    labels.with("pdf-note-unknown-source", &[("key", Arg::from(item.key.as_str()))]),
                )),
            }
            note.extend(extras(item, labels, lang));
        }
        note.push(Styled::plain("."));
        notes.push(note);
    }
    let mut bibliography: Vec<(String, Vec<Styled>)> = rendered
        .bibliography
        .map(|b| {
            b.items
                .into_iter()
                .map(|item| {
                    let text = in_language(&item.key, styled(&item.content));
                    (item.key, text)
                })
                .collect()
        })
        .unwrap_or_default();
    bibliography.retain(|(_, text)| !plain(text).trim().is_empty());
    for (key, text) in first_notes {
        if !bibliography.iter().any(|(k, _)| *k == key) {
            bibliography.push((key, text));
        }
    }
    let bibliography = bibliography
        .into_iter()
        .map(|(key, text)| {
            let text = isolated(&key, text);
            (key, text)
        })
        .collect();
    Formatted { notes, bibliography }
}

const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';
const PDI: char = '\u{2069}';

/// The strong directions of UAX #9 that matter here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Strong {
    /// Left to right (Latin letters).
    L,
    /// Right to left (Arabic and Hebrew letters).
    R,
}

/// The strong direction of a letter; digits, punctuation, spaces and marks have none.
fn strong(c: char) -> Option<Strong> {
    let u = c as u32;
    if !c.is_alphabetic()
        || matches!(u, 0x0300..=0x036F | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x08D3..=0x08FF)
    {
        return None;
    }
    if matches!(u, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF) { Some(Strong::R) } else { Some(Strong::L) }
}

fn first_strong(text: &str) -> Option<Strong> {
    text.chars().find_map(strong)
}

/// A reference as one isolate in its own direction, each stretch of words in the other
/// direction isolated inside it, and URLs isolated left to right.
///
/// A reference mixes the source's words with the brief's locale terms: an English article
/// cited in an Arabic brief reads "…Review, يونيو 2025, 52". Left to plain UAX #9, the
/// Arabic month turns the numbers after it into Arabic numbers and carries them, with the
/// commas between, into a right-to-left run ("52 ,2025 ,يونيو"). Isolating each stretch of
/// the other direction keeps its neighbours in the reference's own order, and the outer
/// isolate keeps the reference in one piece inside the note's paragraph direction.
fn isolate(mut pieces: Vec<Styled>, rtl: bool) -> Vec<Styled> {
    let base = if rtl { Strong::R } else { Strong::L };
    // (piece, byte offset, mark), in text order.
    let mut inserts: Vec<(usize, usize, char)> = Vec::new();
    // Start of an open stretch of the other direction, and the end of its last letter.
    let mut open: Option<(usize, usize)> = None;
    let mut last_end = (0usize, 0usize);
    let initiator = if rtl { LRI } else { RLI };
    let close = |open: &mut Option<(usize, usize)>, last_end: (usize, usize), inserts: &mut Vec<_>| {
        if let Some((piece, at)) = open.take() {
            inserts.push((piece, at, initiator));
            inserts.push((last_end.0, last_end.1, PDI));
        }
    };
    for (pi, piece) in pieces.iter().enumerate() {
        if piece.verbatim {
            // A URL or DOI: always left to right, and a barrier for the words around it.
            close(&mut open, last_end, &mut inserts);
            if rtl {
                inserts.push((pi, 0, LRI));
                inserts.push((pi, piece.text.len(), PDI));
            }
            continue;
        }
        for (bi, c) in piece.text.char_indices() {
            match strong(c) {
                Some(d) if d != base => {
                    if open.is_none() {
                        open = Some((pi, bi));
                    }
                    last_end = (pi, bi + c.len_utf8());
                }
                Some(_) => close(&mut open, last_end, &mut inserts),
                None => {}
            }
        }
    }
    close(&mut open, last_end, &mut inserts);
    for (pi, piece) in pieces.iter_mut().enumerate() {
        let here: Vec<(usize, char)> =
            inserts.iter().filter(|(p, _, _)| *p == pi).map(|(_, at, m)| (*at, *m)).collect();
        if here.is_empty() {
            continue;
        }
        let mut text = String::with_capacity(piece.text.len() + 3 * here.len());
        let mut from = 0;
        for (at, mark) in here {
            text.push_str(piece.text.get(from..at).unwrap_or(""));
            text.push(mark);
            from = at;
        }
        text.push_str(piece.text.get(from..).unwrap_or(""));
        piece.text = text;
    }
    let mut out = Vec::with_capacity(pieces.len() + 2);
    out.push(Styled::plain(if rtl { RLI } else { LRI }.to_string()));
    out.extend(pieces);
    out.push(Styled::plain(PDI.to_string()));
    out
}

/// What follows a source in its note: free suffix, credibility, excerpt.
fn extras(item: &Citation, labels: &Labels, lang: Lang) -> Vec<Styled> {
    let comma = if lang == Lang::Ar { "، " } else { ", " };
    let mut out = Vec::new();
    if !item.suffix.is_empty() {
        out.push(Styled::plain(format!("{comma}{}", item.suffix)));
    }
    if let Some(grade) = item.credibility {
        let text = labels.with(
            "pdf-note-credibility",
            &[
                ("grade", Arg::from(labels.number(usize::from(grade.number())))),
                ("meaning", Arg::from(labels.credibility(grade))),
            ],
        );
        out.push(Styled::plain(format!("{comma}{text}")));
    }
    if let Some(excerpt) = &item.excerpt {
        out.push(Styled::plain(format!(
            "{comma}{}",
            labels.with("pdf-note-excerpt", &[("text", Arg::from(excerpt.as_str()))])
        )));
    }
    out
}

fn trim_final_period(text: &mut Vec<Styled>) {
    while let Some(last) = text.last_mut() {
        let trimmed = last.text.trim_end().trim_end_matches('.').trim_end().len();
        last.text.truncate(trimmed);
        if !last.text.is_empty() {
            return;
        }
        text.pop();
    }
}

fn csl_locator(kind: LocatorKind) -> CslLocator {
    match kind {
        LocatorKind::Page => CslLocator::Page,
        LocatorKind::Chapter => CslLocator::Chapter,
        LocatorKind::Section => CslLocator::Section,
        LocatorKind::Paragraph => CslLocator::Paragraph,
        LocatorKind::Volume => CslLocator::Volume,
        LocatorKind::Article => CslLocator::ArticleLocator,
        LocatorKind::Figure => CslLocator::Figure,
        LocatorKind::Line => CslLocator::Line,
        LocatorKind::Note => CslLocator::Note,
        LocatorKind::Column => CslLocator::Column,
    }
}

/// Flattens CSL output into styled pieces.
fn styled(children: &ElemChildren) -> Vec<Styled> {
    fn walk(children: &ElemChildren, out: &mut Vec<Styled>) {
        for child in &children.0 {
            match child {
                ElemChild::Text(text) => out.push(Styled {
                    text: text.text.clone(),
                    italic: text.formatting.font_style == FontStyle::Italic,
                    bold: text.formatting.font_weight == FontWeight::Bold,
                    verbatim: false,
                    lang: None,
                }),
                ElemChild::Elem(elem) => walk(&elem.children, out),
                ElemChild::Markup(markup) => out.push(Styled::plain(markup.clone())),
                ElemChild::Link { text, .. } => out.push(Styled {
                    text: text.text.clone(),
                    italic: text.formatting.font_style == FontStyle::Italic,
                    bold: false,
                    verbatim: true,
                    lang: None,
                }),
                ElemChild::Transparent { .. } => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(children, &mut out);
    // Merge neighbours of one style, so layout sees fewer spans.
    let mut merged: Vec<Styled> = Vec::with_capacity(out.len());
    for piece in out.into_iter().filter(|p| !p.text.is_empty()) {
        match merged.last_mut() {
            Some(last) if last.italic == piece.italic && last.bold == piece.bold && last.verbatim == piece.verbatim => {
                last.text.push_str(&piece.text)
            }
            _ => merged.push(piece),
        }
    }
    merged
}

fn csl_date(date: PartialDate) -> Date {
    Date {
        year: date.year,
        month: date.month.filter(|m| (1..=12).contains(m)).map(|m| m - 1),
        day: date.day.filter(|d| (1..=31).contains(d)).map(|d| d - 1),
        approximate: false,
        season: None,
    }
}

fn csl_person(person: &Person) -> CslPerson {
    let (name, given_name) = match person {
        Person::Structured { given, family } => (family.clone(), given.clone()),
        Person::Literal(name) => (name.clone(), None),
    };
    CslPerson { name, given_name, prefix: None, suffix: None, comma_suffix: false, alias: None }
}

fn text(value: &str) -> FormatString {
    FormatString::from(value.to_owned())
}

/// A source's title, followed by its translation in brackets when the library records one
/// (`الأمن في مالي [La sécurité au Mali]`), as French and Arabic annexes print a title in
/// another language. The translation stays inside the reference's isolate, right after the
/// title; `isolate` gives it its own direction run (left to right for a French translation
/// of an Arabic title), and its letters pick their font by script, so it needs no language
/// of its own.
fn title_with_translation(source: &Source) -> String {
    match source.translated_title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(translated) => format!("{} [{translated}]", source.title),
        None => source.title.clone(),
    }
}

/// A library source as a hayagriva entry.
pub(crate) fn entry(source: &Source) -> Entry {
    let (kind, parent_kind) = match source.kind {
        SourceType::Article => (EntryType::Article, Some(EntryType::Periodical)),
        SourceType::NewsArticle => (EntryType::Article, Some(EntryType::Newspaper)),
        SourceType::Report | SourceType::OfficialStatement => (EntryType::Report, None),
        SourceType::WebPage => (EntryType::Web, None),
        SourceType::Dataset => (EntryType::Repository, None),
        SourceType::Book => (EntryType::Book, None),
        SourceType::Chapter => (EntryType::Chapter, Some(EntryType::Book)),
        SourceType::Interview | SourceType::Other => (EntryType::Misc, None),
        SourceType::SocialMediaPost => (EntryType::Post, None),
        SourceType::Thesis => (EntryType::Thesis, None),
        SourceType::Legal => (EntryType::Legislation, None),
        SourceType::Broadcast => (EntryType::Video, None),
    };
    let mut entry = Entry::new(source.key.as_str(), kind);
    entry.set_title(text(&title_with_translation(source)));
    if !source.authors.is_empty() {
        entry.set_authors(source.authors.iter().map(csl_person).collect());
    }
    if let Some(issued) = source.issued {
        entry.set_date(csl_date(issued));
    }
    if let Some(url) = source.url.as_deref().and_then(|u| url::Url::parse(u.trim()).ok()) {
        entry.set_url(QualifiedUrl { value: url, visit_date: source.accessed.map(csl_date) });
    }
    if let Some(doi) = source.normalized_doi() {
        entry.set_serial_number(SerialNumber(BTreeMap::from([("doi".to_owned(), doi)])));
    }
    if let Some(language) = source.language.as_deref().and_then(|l| l.parse::<unic_langid::LanguageIdentifier>().ok()) {
        entry.set_language(language);
    }
    if let Some(pages) = source.pages.as_deref().filter(|p| !p.trim().is_empty()) {
        entry.set_page_range(MaybeTyped::String(pages.trim().to_owned()));
    }
    let publisher =
        source.publisher.as_deref().filter(|p| !p.trim().is_empty()).map(|p| Publisher::new(Some(text(p)), None));
    match (parent_kind, source.container_title.as_deref().filter(|c| !c.trim().is_empty())) {
        (Some(parent_kind), Some(container)) => {
            let mut parent = Entry::new(&format!("{}-container", source.key.as_str()), parent_kind);
            parent.set_title(text(container));
            if let Some(publisher) = publisher {
                parent.set_publisher(publisher);
            }
            entry.set_parents(vec![parent]);
        }
        (_, container) => {
            if let Some(publisher) = publisher {
                entry.set_publisher(publisher);
            } else if let Some(container) = container {
                entry.set_publisher(Publisher::new(Some(text(container)), None));
            }
        }
    }
    entry
}

/// The plain text of styled pieces.
pub(crate) fn plain(pieces: &[Styled]) -> String {
    pieces.iter().map(|p| p.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use mizan_brief::parse;
    use mizan_layout::DigitSet;
    use mizan_source::{CitationKey, Credibility};

    use super::*;

    fn library() -> Vec<Source> {
        let mut rfi = Source::new(CitationKey::parse("rfi").unwrap(), "Mali : le blocus du carburant s'étend");
        rfi.kind = SourceType::NewsArticle;
        rfi.container_title = Some("RFI".into());
        rfi.authors = vec![Person::literal("RFI Afrique")];
        rfi.issued = PartialDate::parse("2025-09").ok();
        rfi.url = Some("https://www.rfi.fr/fr/afrique/".into());
        rfi.language = Some("fr".into());
        let mut icg = Source::new(CitationKey::parse("icg").unwrap(), "Mali: the junta and the road to Bamako");
        icg.kind = SourceType::Report;
        icg.publisher = Some("International Crisis Group".into());
        icg.issued = PartialDate::parse("2025-10").ok();
        icg.language = Some("en".into());
        vec![rfi, icg]
    }

    fn notes_for(md: &str, lang: Lang) -> Formatted {
        let brief = parse(md);
        let groups: Vec<&CitationGroup> = brief.citations.iter().collect();
        let lib = library();
        let lookup = |key: &str| lib.iter().find(|s| s.key.as_str() == key).cloned();
        let style = load_style("chicago-notes").unwrap();
        format(&groups, &lookup, &style, lang, &Labels::new(lang, DigitSet::Western))
    }

    #[test]
    fn french_notes_with_locator_credibility_and_unknown_key() {
        let f =
            notes_for("---\nlang: fr\n---\n\nLe blocus [@rfi, p. 3, cred. 2; @icg]. Plus tard [@nowhere].\n", Lang::Fr);
        assert_eq!(f.notes.len(), 2);
        let first = plain(&f.notes[0]);
        assert!(first.contains("RFI Afrique") && first.contains("3"), "{first}");
        assert!(first.contains("crédibilité de l'information : 2 (probablement vraie)"), "{first}");
        assert!(first.contains("International Crisis Group"), "{first}");
        assert!(first.contains("septembre 2025"), "{first}");
        let second = plain(&f.notes[1]);
        assert!(second.contains("nowhere") && second.contains("absente"), "{second}");
        let keys: Vec<&str> = f.bibliography.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys.len(), 2);
        assert!(keys.contains(&"rfi") && keys.contains(&"icg"));
    }

    #[test]
    fn arabic_locale_terms() {
        let f = notes_for("---\nlang: ar\n---\n\nبدأ الحصار [@rfi، ص. 4، مصداقية 3].\n", Lang::Ar);
        let note = plain(&f.notes[0]);
        assert!(note.contains("مصداقية المعلومة: 3"), "{note}");
        assert!(note.contains("سبتمبر") || note.contains("أيلول"), "Arabic month from the CSL locale: {note}");
        assert_eq!(Credibility::PossiblyTrue.number(), 3);
    }

    /// The text as displayed on one line of a paragraph in `direction`, left to right.
    fn visual(text: &str, direction: mizan_layout::BaseDirection) -> String {
        let (_, order) = mizan_layout::line_levels_and_order(text, Some(direction));
        let chars: Vec<char> = text.chars().collect();
        order.iter().filter_map(|&i| chars.get(i)).collect()
    }

    /// An English reference in an Arabic note carries Arabic locale terms (the month, "and"):
    /// the numbers after them must stay in the reference's left-to-right order.
    #[test]
    fn a_latin_reference_in_an_arabic_note_keeps_its_order() {
        let mut wasr = Source::new(CitationKey::parse("wasr").unwrap(), "The VDP militias and the war economy");
        wasr.kind = SourceType::Article;
        wasr.container_title = Some("West Africa Security Review".into());
        wasr.authors = vec![
            Person::Structured { given: Some("Issa".into()), family: "Ouédraogo".into() },
            Person::Structured { given: Some("Salamata".into()), family: "Kaboré".into() },
        ];
        wasr.issued = PartialDate::parse("2025-06").ok();
        wasr.pages = Some("45-67".into());
        wasr.language = Some("en".into());
        let brief = parse("---\nlang: ar\n---\n\nبدأ الحصار [@wasr، ص. 52].\n");
        let groups: Vec<&CitationGroup> = brief.citations.iter().collect();
        let lookup = |key: &str| (key == "wasr").then(|| wasr.clone());
        let style = load_style("chicago-notes").unwrap();
        let f = format(&groups, &lookup, &style, Lang::Ar, &Labels::new(Lang::Ar, DigitSet::Western));
        let note = plain(&f.notes[0]);
        let shown = visual(&note, mizan_layout::BaseDirection::Rtl);
        let month: String = "يونيو".chars().rev().collect();
        let at = |needle: &str| shown.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {shown:?}"));
        // Left to right, as an English reader reads the reference: journal, month, year, page.
        assert!(at("Issa Ouédraogo") < at("Salamata"), "{shown}");
        assert!(at("Review,") < at(&month), "{shown}");
        assert!(at(&month) < at("2025"), "{shown}");
        assert!(at("2025") < at("52"), "{shown}");
        // The annex entry is isolated the same way.
        let entry = f.bibliography.iter().find(|(k, _)| k == "wasr").map(|(_, e)| plain(e)).unwrap();
        let shown = visual(&entry, mizan_layout::BaseDirection::Rtl);
        assert!(shown.find(&month).unwrap() < shown.find("2025").unwrap(), "{shown}");
    }

    /// An Arabic reference in a French note: its Latin locale terms and its URL keep their
    /// own order inside the right-to-left reference.
    #[test]
    fn an_arabic_reference_in_a_french_note_is_one_right_to_left_isolate() {
        let mut lib = library();
        let mut jz = Source::new(CitationKey::parse("jz").unwrap(), "مالي: حصار الوقود يربك الحياة اليومية في باماكو");
        jz.kind = SourceType::NewsArticle;
        jz.container_title = Some("الجزيرة نت".into());
        jz.issued = PartialDate::parse("2025-10").ok();
        jz.url = Some("https://www.aljazeera.net/news/".into());
        jz.language = Some("ar".into());
        lib.push(jz);
        let brief = parse("---\nlang: fr\n---\n\nLe blocus [@jz, p. 4].\n");
        let groups: Vec<&CitationGroup> = brief.citations.iter().collect();
        let lookup = |key: &str| lib.iter().find(|s| s.key.as_str() == key).cloned();
        let style = load_style("chicago-notes").unwrap();
        let f = format(&groups, &lookup, &style, Lang::Fr, &Labels::new(Lang::Fr, DigitSet::Western));
        let note = plain(&f.notes[0]);
        assert!(note.starts_with(RLI) && note.contains("\u{2066}https://www.aljazeera.net/news/\u{2069}"), "{note:?}");
        let shown = visual(&note, mizan_layout::BaseDirection::Ltr);
        assert!(shown.contains("https://www.aljazeera.net/news/"), "{shown}");
        // Right to left: the URL, at the end of the reference, stands left of the title.
        let title: String = "باماكو".chars().rev().collect();
        assert!(shown.find("https://").unwrap() < shown.find(&title).unwrap(), "{shown}");
    }

    #[test]
    fn archived_locales_are_found_by_their_header() {
        let codes: Vec<&str> = ARCHIVED_LOCALES.iter().filter_map(|b| archived_lang(b)).collect();
        assert_eq!(codes.len(), ARCHIVED_LOCALES.len(), "every archived locale has a readable header");
        for lang in Lang::ALL {
            let found = csl_locales(lang);
            assert_eq!(found.len(), if lang == Lang::En { 1 } else { 2 }, "{lang}");
        }
    }

    #[test]
    fn every_source_type_makes_an_entry() {
        for kind in SourceType::ALL {
            let mut s = Source::new(CitationKey::parse("k").unwrap(), "T");
            s.kind = kind;
            s.container_title = Some("C".into());
            s.url = Some("not a url".into());
            s.language = Some("%%".into());
            let e = entry(&s);
            assert_eq!(e.key(), "k");
        }
    }
}
