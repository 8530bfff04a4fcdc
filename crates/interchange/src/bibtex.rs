//! BibTeX and BibLaTeX, parsed by the `biblatex` crate (macros, `{\'e}` accents, crossref
//! and xdata are its work); written by hand in BibLaTeX style, UTF-8.
//!
//! Mapping choices:
//! - types: `@article` (with `entrysubtype = {newspaper}` for news), `@report`/`@techreport`,
//!   `@online` (and `@misc` with a `url`) for web pages, `@incollection`/`@inbook`… for
//!   chapters, `@thesis`/`@phdthesis`/`@mastersthesis`, `@dataset`, `@legal`/`@legislation`,
//!   `@video`/`@movie`; types BibLaTeX lacks are written `@misc`/`@online` with our type
//!   name as `entrysubtype` (`official-statement`, `interview`, `social-media-post`);
//! - authors: `{Family}, {Given}` (braced so that particles and Arabic names stay whole);
//!   a name that is entirely one braced group (`{International Crisis Group}`) is literal,
//!   as is an unbraced name without a comma written in a script without letter case;
//!   `editor` is not read;
//! - the container is `journaltitle`/`journal`/`booktitle`; the publisher is
//!   `publisher`/`institution`/`school`/`organization`; a `subtitle` joins the title
//!   after ": ";
//! - the translated title is `titleaddon`, BibLaTeX's "annex to the title", which the
//!   standard styles print right after the title, where a French annex wants the French
//!   rendering of an Arabic title (a style adds the brackets, e.g. with
//!   `\DeclareFieldFormat{titleaddon}{\mkbibbrackets{#1}}`; brackets typed around the
//!   whole value are dropped on reading). Better BibTeX exports Juris-M's translated
//!   titles there too. `origtitle` would say the opposite: that this source is a
//!   translation of a work so titled. Only an entry's own `titleaddon` counts, never
//!   one inherited through `crossref` (that would be its book's);
//! - dates: `date` (EDTF: a range, a season `2017-21`, `~`, `?`), else `year`/`month`/
//!   `day` (digits in any script, month names; a `year` that is not a year, such as "13th
//!   cent", is kept as written, with a warning); `urldate` is the access date. Written
//!   back as `date` in EDTF, or as `year` holding the words when there is no date; `langid` (babel names) or `language` the language;
//!   `keywords` the tags; `note` and `annotation`/`annote` the notes;
//! - Mizan's own fields: `mizan-id`, `mizan-grade`, `mizan-graded-by`, `mizan-graded-at`,
//!   `mizan-excerpts` (JSON) and `mizan-exact` (JSON, the exact value of fields BibTeX
//!   cannot carry: the crate folds all white space, the no-break spaces of French
//!   typography included, into single spaces);
//! - `@xdata` entries are data containers, not sources: they are used, not returned;
//! - entries delimited by parentheses are read, and `@preamble`s ignored (see
//!   `bib_syntax`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use biblatex::{
    Bibliography, Chunk, Chunks, ChunksExt, Entry, EntryType, ParseError, RawBibliography, RawChunk, RawEntry, Spanned,
};
use mizan_source::{CitationKey, Person, Reliability, Source, SourceType, ascii_digits};
use uuid::Uuid;

use crate::dates::{DateRead, gregorian_month, read_date_text};
use crate::draft::{Draft, finish};
use crate::extension::{Extension, GradeRecord, exact_differences, parse_timestamp};
use crate::lines::LineIndex;
use crate::{EntryError, ReadError};

/// What we keep of a raw entry to locate problems: where it and its fields start.
#[derive(Debug)]
struct RawInfo {
    key: String,
    span: Range<usize>,
    /// Lower-cased field name, byte offset of the name, byte span of the value.
    fields: Vec<(String, usize, Range<usize>)>,
    /// Keys this entry inherits from (`crossref`, `xdata`).
    parents: Vec<String>,
    /// Other keys the entry answers to (`ids`): the crate follows crossrefs through them.
    aliases: Vec<String>,
}

impl RawInfo {
    fn of(entry: &Spanned<RawEntry<'_>>) -> Self {
        let mut parents = Vec::new();
        let mut aliases = Vec::new();
        let fields = entry
            .v
            .fields
            .iter()
            .map(|pair| {
                let name = pair.key.v.to_ascii_lowercase();
                if matches!(name.as_str(), "crossref" | "xdata" | "ids") {
                    let text: String = pair
                        .value
                        .v
                        .iter()
                        .map(|c| match c.v {
                            RawChunk::Normal(s) | RawChunk::Abbreviation(s) => s,
                        })
                        .collect();
                    let keys = text.split(',').map(str::trim).filter(|k| !k.is_empty()).map(str::to_owned);
                    if name == "ids" { aliases.extend(keys) } else { parents.extend(keys) }
                }
                (name, pair.key.span.start, pair.value.span.clone())
            })
            .collect();
        Self { key: entry.v.key.v.to_owned(), span: entry.span.clone(), fields, parents, aliases }
    }

    fn field_offset(&self, name: &str) -> Option<usize> {
        self.fields.iter().find(|(n, ..)| n == name).map(|(_, offset, _)| *offset)
    }

    /// The field whose value holds a byte offset.
    fn field_at(&self, offset: usize) -> Option<&str> {
        self.fields.iter().find(|(_, _, value)| value.contains(&offset)).map(|(n, ..)| n.as_str())
    }
}

pub(crate) fn read(text: &str) -> Result<Vec<Result<Draft, EntryError>>, ReadError> {
    let prepared = crate::bib_syntax::prepare(text);
    let text: &str = &prepared;
    let lines = LineIndex::new(text);
    let raw = RawBibliography::parse(text).map_err(|e| {
        let (line, column) = lines.line_column(e.span.start);
        ReadError::Bibtex { line, column, message: e.kind.to_string() }
    })?;
    check_macros(&raw, &lines)?;
    let infos: Vec<RawInfo> = raw.entries.iter().map(RawInfo::of).collect();

    // The first entry with a key is the one crossrefs point to; later ones are duplicates,
    // returned too (the library reports duplicates), but resolved one by one.
    let mut first_with_key: HashMap<&str, usize> = HashMap::new();
    for (i, info) in infos.iter().enumerate() {
        first_with_key.entry(info.key.as_str()).or_insert(i);
    }
    // Where a crossref can lead: keys first, then the `ids` aliases the crate also follows.
    let mut targets = first_with_key.clone();
    for (i, info) in infos.iter().enumerate() {
        for alias in &info.aliases {
            targets.entry(alias.as_str()).or_insert(i);
        }
    }
    let cyclic = crossref_cycles(&infos, &targets);

    let mut resolved: Vec<Option<Result<Entry, ParseError>>> = (0..infos.len()).map(|_| None).collect();
    let firsts: Vec<usize> = (0..infos.len())
        .filter(|&i| first_with_key.get(infos[i].key.as_str()) == Some(&i) && !cyclic.contains(&i))
        .collect();
    // Fast path: the whole file at once. If the crate refuses it, find the culprits by
    // resolving each entry alone (with what it inherits from).
    let batch = RawBibliography {
        preamble: String::new(),
        entries: firsts.iter().filter_map(|&i| raw.entries.get(i).cloned()).collect(),
        abbreviations: raw.abbreviations.clone(),
    };
    if let Ok(bib) = Bibliography::from_raw(batch) {
        let mut by_key: HashMap<String, Entry> = bib.into_iter().map(|e| (e.key.clone(), e)).collect();
        for &i in &firsts {
            resolved[i] = by_key.remove(&infos[i].key).map(Ok);
        }
    }
    for (i, slot) in resolved.iter_mut().enumerate() {
        if slot.is_none() && !cyclic.contains(&i) {
            *slot = Some(resolve_alone(i, &raw, &infos, &targets));
        }
    }

    let mut out = Vec::with_capacity(infos.len());
    for (i, (info, entry)) in infos.iter().zip(resolved).enumerate() {
        let index = i + 1;
        let line = Some(lines.line(info.span.start));
        let result = match entry {
            None => Err(EntryError::new(index, line, "crossref/xdata links loop back to this entry")
                .with_field("crossref")
                .with_key(Some(&info.key))),
            Some(Err(e)) => Err(located_parse_error(index, info, &lines, &e)),
            Some(Ok(entry)) if entry.entry_type == EntryType::XData => continue,
            Some(Ok(entry)) => to_draft(index, &entry, info, &lines),
        };
        out.push(result);
    }
    Ok(out)
}

/// Refuses `@string` macros that expand to themselves (`@string{a = a}`, or `a` → `b` →
/// `a`): the crate would expand them forever. Such a file is broken as a whole.
fn check_macros<'s>(raw: &RawBibliography<'s>, lines: &LineIndex<'_>) -> Result<(), ReadError> {
    fn uses<'s>(pair: &biblatex::Pair<'s>) -> Vec<&'s str> {
        pair.value
            .v
            .iter()
            .filter_map(|c| match c.v {
                RawChunk::Abbreviation(name) => Some(name),
                RawChunk::Normal(_) => None,
            })
            .collect()
    }
    // The crate looks macros up by name, the last definition winning.
    let defined: HashMap<&'s str, &biblatex::Pair<'s>> = raw.abbreviations.iter().map(|p| (p.key.v, p)).collect();
    let mut safe: HashSet<&str> = HashSet::new();
    // In file order, so that the loop reported is the first one the file shows.
    for start in raw.abbreviations.iter().map(|p| p.key.v) {
        // Depth-first from each macro; meeting a macro on the current path is a loop.
        let mut path: Vec<&str> = Vec::new();
        let mut stack: Vec<(&str, bool)> = vec![(start, false)];
        while let Some((name, done)) = stack.pop() {
            if done {
                path.pop();
                safe.insert(name);
                continue;
            }
            if safe.contains(name) {
                continue;
            }
            let Some(pair) = defined.get(name) else { continue };
            if path.contains(&name) {
                let (line, column) = lines.line_column(pair.key.span.start);
                return Err(ReadError::Bibtex {
                    line,
                    column,
                    message: format!("@string macro `{name}` expands to itself ({} → {name})", path.join(" → ")),
                });
            }
            path.push(name);
            stack.push((name, true));
            stack.extend(uses(pair).into_iter().map(|used| (used, false)));
        }
    }
    Ok(())
}

/// Entries whose crossref/xdata chain loops (the crate would recurse forever on them).
fn crossref_cycles(infos: &[RawInfo], first_with_key: &HashMap<&str, usize>) -> HashSet<usize> {
    let mut cyclic = HashSet::new();
    for start in 0..infos.len() {
        // Depth-first over parents; a path that comes back to a node on it is a loop.
        let mut path = vec![start];
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        let mut seen = HashSet::new();
        while let Some((node, next_parent)) = stack.pop() {
            let parents = &infos[node].parents;
            if let Some(parent_key) = parents.get(next_parent) {
                stack.push((node, next_parent + 1));
                if let Some(&parent) = first_with_key.get(parent_key.as_str()) {
                    if path.contains(&parent) {
                        cyclic.insert(start);
                        break;
                    }
                    if seen.insert(parent) {
                        path.push(parent);
                        stack.push((parent, 0));
                    }
                }
            } else {
                path.pop();
            }
        }
    }
    cyclic
}

/// Resolves one entry with the entries it inherits from, so that an error is its own.
fn resolve_alone(
    i: usize,
    raw: &RawBibliography<'_>,
    infos: &[RawInfo],
    first_with_key: &HashMap<&str, usize>,
) -> Result<Entry, ParseError> {
    let mut wanted = vec![i];
    let mut queue = vec![i];
    while let Some(node) = queue.pop() {
        for parent in &infos[node].parents {
            if let Some(&p) = first_with_key.get(parent.as_str())
                && !wanted.contains(&p)
            {
                wanted.push(p);
                queue.push(p);
            }
        }
    }
    let batch = RawBibliography {
        preamble: String::new(),
        entries: wanted.iter().filter_map(|&w| raw.entries.get(w).cloned()).collect(),
        abbreviations: raw.abbreviations.clone(),
    };
    let bib = Bibliography::from_raw(batch)?;
    let key = &infos[i].key;
    bib.into_iter().find(|e| &e.key == key).ok_or_else(|| ParseError {
        span: infos[i].span.clone(),
        kind: biblatex::ParseErrorKind::DuplicateKey(key.clone()),
    })
}

fn located_parse_error(index: usize, info: &RawInfo, lines: &LineIndex<'_>, e: &ParseError) -> EntryError {
    let inside = info.span.contains(&e.span.start);
    let offset = if inside { e.span.start } else { info.span.start };
    let mut message = e.kind.to_string();
    if !inside {
        message.push_str(&format!(" (in an entry this one inherits from, line {})", lines.line(e.span.start)));
    }
    let error = EntryError::new(index, Some(lines.line(offset)), message).with_key(Some(&info.key));
    match info.field_at(e.span.start) {
        Some(field) if inside => error.with_field(field),
        _ => error,
    }
}

fn text_of(entry: &Entry, field: &str) -> Option<String> {
    let text = entry.get(field)?.format_verbatim();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn to_draft(index: usize, entry: &Entry, info: &RawInfo, lines: &LineIndex<'_>) -> Result<Draft, EntryError> {
    let entry_line = lines.line(info.span.start);
    let err = |field: &str, message: String| {
        let line = info.field_offset(field).map_or(entry_line, |o| lines.line(o));
        EntryError::new(index, Some(line), message).with_field(field).with_key(Some(&info.key))
    };
    let mut draft = Draft::new(index, Some(entry_line));
    draft.key = Some(CitationKey::parse(&entry.key).unwrap_or_else(|_| CitationKey::sanitize(&entry.key)));
    let first_of = |fields: &[&str]| fields.iter().find_map(|f| text_of(entry, f));
    let source = &mut draft.source;
    source.kind = kind_from_entry(entry);
    source.title = match (text_of(entry, "title"), text_of(entry, "subtitle")) {
        (Some(title), Some(subtitle)) => format!("{title}: {subtitle}"),
        (title, _) => title.unwrap_or_default(),
    };
    source.translated_title = info.field_offset("titleaddon").and_then(|_| text_of(entry, "titleaddon")).map(|addon| {
        match addon.strip_prefix('[').and_then(|a| a.strip_suffix(']')) {
            Some(inner) if !inner.trim().is_empty() => inner.trim().to_owned(),
            _ => addon,
        }
    });
    source.authors = entry.get("author").map(people).unwrap_or_default();
    source.container_title = first_of(&["journaltitle", "journal", "booktitle"]);
    source.publisher = first_of(&["publisher", "institution", "school", "organization"]);
    let (field, date) = issued(entry);
    if let Some(warning) = date.store(&mut source.issued, &mut source.issued_detail) {
        let line = info.field_offset(field).map_or(entry_line, |o| lines.line(o));
        draft.warnings.push((Some(line), Some(field.to_owned()), warning));
    }
    source.url = text_of(entry, "url");
    source.doi = text_of(entry, "doi");
    source.pages = text_of(entry, "pages");
    let accessed = text_of(entry, "urldate").map_or_else(DateRead::default, |text| read_date_text(&text));
    let source = &mut draft.source;
    if let Some(warning) = accessed.store(&mut source.accessed, &mut source.accessed_detail) {
        let line = info.field_offset("urldate").map_or(entry_line, |o| lines.line(o));
        draft.warnings.push((Some(line), Some("urldate".to_owned()), warning));
    }
    let source = &mut draft.source;
    source.language = match text_of(entry, "langid") {
        Some(langid) => Some(language_tag(&langid)),
        None => text_of(entry, "language").map(|l| language_tag(&l)),
    };
    source.tags = text_of(entry, "keywords").map(|k| crate::csl::split_tags(&k)).unwrap_or_default();
    let notes: Vec<String> = ["note", "annotation", "annote"].iter().filter_map(|f| text_of(entry, f)).collect();
    source.notes = (!notes.is_empty()).then(|| notes.join("\n\n"));

    let ext = extension(entry).map_err(|(field, m)| err(field, m))?;
    if let Some(ext) = ext {
        // The id, grade and excerpts were checked above: what can still fail is `exact`.
        ext.apply(&mut draft.source, &mut draft.key).map_err(|m| err("mizan-exact", m))?;
    }
    Ok(draft)
}

fn kind_from_entry(entry: &Entry) -> SourceType {
    let subtype = text_of(entry, "entrysubtype").map(|s| s.to_lowercase());
    if let Some(kind) = subtype.as_deref().and_then(|s| s.parse::<SourceType>().ok())
        && kind != SourceType::Other
    {
        return kind;
    }
    match &entry.entry_type {
        EntryType::Article if matches!(subtype.as_deref(), Some("newspaper")) => SourceType::NewsArticle,
        EntryType::Article | EntryType::Periodical | EntryType::SuppPeriodical => SourceType::Article,
        EntryType::Book
        | EntryType::MvBook
        | EntryType::Booklet
        | EntryType::Collection
        | EntryType::MvCollection
        | EntryType::Proceedings
        | EntryType::MvProceedings
        | EntryType::Reference
        | EntryType::MvReference => SourceType::Book,
        EntryType::InBook
        | EntryType::BookInBook
        | EntryType::SuppBook
        | EntryType::InCollection
        | EntryType::SuppCollection
        | EntryType::InReference
        | EntryType::InProceedings => SourceType::Chapter,
        EntryType::Report | EntryType::TechReport | EntryType::Manual => SourceType::Report,
        EntryType::Online => SourceType::WebPage,
        EntryType::Misc if entry.get("url").is_some() => SourceType::WebPage,
        EntryType::Thesis | EntryType::PhdThesis | EntryType::MastersThesis => SourceType::Thesis,
        EntryType::Dataset => SourceType::Dataset,
        EntryType::Unknown(name) => match name.as_str() {
            "legal" | "legislation" | "jurisdiction" | "legadminmaterial" | "legmaterial" | "constitution" => {
                SourceType::Legal
            }
            "video" | "movie" | "film" | "audio" => SourceType::Broadcast,
            "interview" => SourceType::Interview,
            "newspaper" | "newspaper_article" | "newspaperarticle" => SourceType::NewsArticle,
            "magazine_article" => SourceType::Article,
            "webpage" | "web_page" => SourceType::WebPage,
            "standard" => SourceType::Report,
            _ => SourceType::Other,
        },
        _ => SourceType::Other,
    }
}

/// The BibLaTeX type and subtype we write for a source type.
fn entry_type(kind: SourceType) -> (&'static str, Option<&'static str>) {
    match kind {
        SourceType::Article => ("article", None),
        SourceType::NewsArticle => ("article", Some("newspaper")),
        SourceType::Report => ("report", None),
        SourceType::WebPage => ("online", None),
        SourceType::Dataset => ("dataset", None),
        SourceType::Book => ("book", None),
        SourceType::Chapter => ("incollection", None),
        SourceType::OfficialStatement => ("misc", Some("official-statement")),
        SourceType::Interview => ("misc", Some("interview")),
        SourceType::SocialMediaPost => ("online", Some("social-media-post")),
        SourceType::Thesis => ("thesis", None),
        SourceType::Legal => ("legal", None),
        SourceType::Broadcast => ("video", None),
        SourceType::Other => ("misc", None),
    }
}

/// Names from an `author` field (see the module notes for literal names).
fn people(chunks: &[Spanned<Chunk>]) -> Vec<Person> {
    let groups: Vec<Chunks> = chunks.parse::<Vec<Chunks>>().unwrap_or_default();
    groups
        .iter()
        .filter_map(|group| {
            let text = group.format_verbatim();
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            let blank = |c: &Spanned<Chunk>| matches!(&c.v, Chunk::Normal(s) if s.trim().is_empty());
            let braced = group.iter().all(|c| matches!(c.v, Chunk::Verbatim(_)) || blank(c));
            let has_comma = group.iter().any(|c| matches!(&c.v, Chunk::Normal(s) if s.contains(',')));
            let caseless = !text.chars().any(|c| c.is_uppercase() || c.is_lowercase());
            if braced || (!has_comma && caseless) {
                return Some(Person::literal(text));
            }
            let p = biblatex::Person::parse(group);
            let family: Vec<&str> =
                [p.prefix.trim(), p.name.trim(), p.suffix.trim()].into_iter().filter(|s| !s.is_empty()).collect();
            let given = p.given_name.trim();
            match (family.is_empty(), given.is_empty()) {
                (false, _) => Some(Person::structured(given, &family.join(" "))),
                (true, false) => Some(Person::literal(given)),
                (true, true) => None,
            }
        })
        .collect()
}

/// `date`, else `year` + `month` (+ `day`); with the field a warning should name.
fn issued(entry: &Entry) -> (&'static str, DateRead) {
    if let Some(date) = text_of(entry, "date") {
        return ("date", read_date_text(&date));
    }
    let Some(year) = text_of(entry, "year") else { return ("year", DateRead::default()) };
    let month = text_of(entry, "month");
    let day = text_of(entry, "day");
    let number = |text: &str| ascii_digits(text).trim().parse::<u8>().ok();
    let month_number = month.as_deref().map(|m| number(m).or_else(|| gregorian_month(m)));
    let written = match (&month, &day) {
        (None, _) => year.clone(),
        (Some(m), None) => format!("{m} {year}"),
        (Some(m), Some(d)) => format!("{d} {m} {year}"),
    };
    // Numbers go through the same reader as written-out dates: digits in any script,
    // Hijri marks, circa; what it cannot read is kept as the file wrote it.
    let text = match (month_number, &day) {
        (None, _) => year.clone(),
        (Some(Some(m)), None) => format!("{}-{m:02}", ascii_digits(&year)),
        (Some(Some(m)), Some(d)) => match number(d) {
            Some(d) => format!("{}-{m:02}-{d:02}", ascii_digits(&year)),
            None => written.clone(),
        },
        (Some(None), _) => written.clone(),
    };
    let field = if day.is_some() {
        "day"
    } else if month.is_some() {
        "month"
    } else {
        "year"
    };
    let read = read_date_text(&text);
    if read.date.is_none() && read.warning.is_some() {
        return (field, DateRead::unread(&written, format!("{written:?} does not read as a date; kept as written")));
    }
    (field, read)
}

/// Babel language names (what `langid` holds) and the BCP 47 tags we store.
const LANGUAGES: [(&str, &str); 20] = [
    ("arabic", "ar"),
    ("french", "fr"),
    ("english", "en"),
    ("american", "en-US"),
    ("british", "en-GB"),
    ("german", "de"),
    ("ngerman", "de"),
    ("spanish", "es"),
    ("portuguese", "pt"),
    ("italian", "it"),
    ("russian", "ru"),
    ("turkish", "tr"),
    ("persian", "fa"),
    ("hebrew", "he"),
    ("dutch", "nl"),
    ("chinese", "zh"),
    ("français", "fr"),
    ("arabe", "ar"),
    ("anglais", "en"),
    ("العربية", "ar"),
];

fn language_tag(text: &str) -> String {
    let lower = text.to_lowercase();
    LANGUAGES.iter().find(|(name, _)| *name == lower).map_or_else(|| text.to_owned(), |(_, tag)| (*tag).to_owned())
}

fn babel_name(tag: &str) -> Option<&'static str> {
    LANGUAGES.iter().find(|(_, t)| *t == tag).map(|(name, _)| *name)
}

/// The Mizan fields of an entry, if it has any.
fn extension(entry: &Entry) -> Result<Option<Extension>, (&'static str, String)> {
    let id = text_of(entry, "mizan-id");
    let grade = text_of(entry, "mizan-grade");
    let excerpts = text_of(entry, "mizan-excerpts");
    let exact = text_of(entry, "mizan-exact");
    if id.is_none() && grade.is_none() && excerpts.is_none() && exact.is_none() {
        return Ok(None);
    }
    let mut ext = Extension::default();
    if let Some(id) = id {
        ext.id = Some(Uuid::parse_str(&id).map_err(|e| ("mizan-id", format!("{id:?} is not a UUID: {e}")))?);
    }
    if let Some(reliability) = grade {
        reliability.parse::<Reliability>().map_err(|e| ("mizan-grade", e.to_string()))?;
        let graded_at = match text_of(entry, "mizan-graded-at") {
            Some(at) => {
                parse_timestamp(&at).map_err(|m| ("mizan-graded-at", m))?;
                Some(serde_json::Value::String(at))
            }
            None => None,
        };
        let graded_by = entry.get("mizan-graded-by").map(|c| c.format_verbatim()).unwrap_or_default();
        ext.grade = Some(GradeRecord::Full { reliability, graded_by: graded_by.trim().to_owned(), graded_at });
    }
    if let Some(json) = excerpts {
        ext.excerpts = serde_json::from_str(&json)
            .map_err(|e| ("mizan-excerpts", format!("not a valid list of excerpts: {e}")))?;
    }
    if let Some(json) = exact {
        ext.exact =
            serde_json::from_str(&json).map_err(|e| ("mizan-exact", format!("not a valid JSON object: {e}")))?;
    }
    Ok(Some(ext))
}

pub(crate) fn write(sources: &[Source]) -> String {
    let mut out = String::new();
    for (i, source) in sources.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut ext = Extension::of(source);
        let mut native = String::new();
        render(source, &ext, &mut native);
        let reread = read(&native).ok().and_then(|entries| finish(entries).pop()).and_then(Result::ok);
        ext.exact = exact_differences(source, reread.as_ref());
        if ext.exact.is_empty() {
            out.push_str(&native);
        } else {
            render(source, &ext, &mut out);
        }
    }
    out
}

fn render(source: &Source, ext: &Extension, out: &mut String) {
    let (kind, subtype) = entry_type(source.kind);
    out.push('@');
    out.push_str(kind);
    out.push('{');
    out.push_str(source.key.as_str());
    out.push_str(",\n");
    if let Some(subtype) = subtype {
        push_field(out, "entrysubtype", subtype);
    }
    push_field(out, "title", &source.title);
    if let Some(translated) = &source.translated_title {
        push_field(out, "titleaddon", translated);
    }
    if !source.authors.is_empty() {
        out.push_str("  author = {");
        for (i, person) in source.authors.iter().enumerate() {
            if i > 0 {
                out.push_str(" and ");
            }
            match person {
                Person::Structured { given, family } => {
                    out.push('{');
                    escape(family, out);
                    out.push_str("},");
                    if let Some(given) = given {
                        out.push_str(" {");
                        escape(given, out);
                        out.push('}');
                    }
                }
                Person::Literal(name) => {
                    out.push('{');
                    escape(name, out);
                    out.push('}');
                }
            }
        }
        out.push_str("},\n");
    }
    if let Some(container) = &source.container_title {
        push_field(out, if source.kind == SourceType::Chapter { "booktitle" } else { "journal" }, container);
    }
    if let Some(publisher) = &source.publisher {
        let name = match source.kind {
            SourceType::Report | SourceType::Thesis => "institution",
            _ => "publisher",
        };
        push_field(out, name, publisher);
    }
    match (source.issued, source.issued_detail().and_then(|d| d.edtf())) {
        // EDTF's `%` (approximate and uncertain) would start a TeX comment: the date goes
        // without it, and the extension carries the rest.
        (Some(date), Some(edtf)) if edtf.contains('%') => push_field(out, "date", &date.to_string()),
        (Some(_), Some(edtf)) => push_field(out, "date", &edtf),
        (Some(date), None) => push_field(out, "date", &date.to_string()),
        (None, Some(words)) => push_field(out, "year", &words),
        (None, None) => {}
    }
    if let Some(pages) = &source.pages {
        push_field(out, "pages", pages);
    }
    if let Some(url) = &source.url {
        push_field(out, "url", url);
    }
    if let Some(doi) = &source.doi {
        push_field(out, "doi", doi);
    }
    if let Some(date) = source.accessed_shown() {
        push_field(out, "urldate", &date);
    }
    if let Some(language) = &source.language {
        match babel_name(language) {
            Some(babel) => push_field(out, "langid", babel),
            None => push_field(out, "language", language),
        }
    }
    if !source.tags.is_empty() {
        push_field(out, "keywords", &source.tags.join(", "));
    }
    if let Some(notes) = &source.notes {
        push_field(out, "note", notes);
    }
    if let Some(id) = ext.id {
        push_field(out, "mizan-id", &id.to_string());
    }
    if let Some(GradeRecord::Full { reliability, graded_by, graded_at }) = &ext.grade {
        push_field(out, "mizan-grade", reliability);
        if !graded_by.is_empty() {
            push_field(out, "mizan-graded-by", graded_by);
        }
        if let Some(serde_json::Value::String(at)) = graded_at {
            push_field(out, "mizan-graded-at", at);
        }
    }
    if !ext.excerpts.is_empty() {
        let json = serde_json::to_value(&ext.excerpts).unwrap_or_default();
        push_field(out, "mizan-excerpts", &foldproof_json(&json));
    }
    if !ext.exact.is_empty() {
        push_field(out, "mizan-exact", &foldproof_json(&serde_json::Value::Object(ext.exact.clone())));
    }
    out.push_str("}\n");
}

/// `  name = {value},` with the value escaped the way the field is read back.
fn push_field(out: &mut String, name: &str, value: &str) {
    out.push_str("  ");
    out.push_str(name);
    out.push_str(" = {");
    match name {
        // EDTF's `~` would be escaped as text; `%` is a comment (see `render`).
        "url" | "doi" | "date" => escape_verbatim(value, out),
        "mizan-excerpts" | "mizan-exact" => escape_json(value, out),
        _ => escape(value, out),
    }
    out.push_str("},\n");
}

/// JSON that BibTeX's folding of white space cannot alter: inside strings, every white
/// space other than a lone ordinary space is written as `\uXXXX`. (Compact JSON has no
/// white space outside strings.)
fn foldproof_json(value: &serde_json::Value) -> String {
    let compact = value.to_string();
    let mut out = String::with_capacity(compact.len());
    let mut chars = compact.chars().peekable();
    let mut previous_blank = false;
    while let Some(c) = chars.next() {
        let next_blank = chars.peek().is_some_and(|n| n.is_whitespace());
        if c.is_whitespace() && (c != ' ' || previous_blank || next_blank) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
        previous_blank = c.is_whitespace();
    }
    out
}

/// Escapes text for a braced BibTeX field: the characters TeX gives a meaning to, and
/// hyphen runs (`--` would be read back as an en dash). Everything else stays UTF-8.
fn escape(text: &str, out: &mut String) {
    escape_with(text, "\\textbackslash{}", out);
}

/// Escapes our JSON fields, which no TeX ever typesets: a backslash is `\\`, shorter
/// than `\textbackslash{}` in the escapes JSON is full of.
fn escape_json(json: &str, out: &mut String) {
    escape_with(json, "\\\\", out);
}

fn escape_with(text: &str, backslash: &str, out: &mut String) {
    let mut after_hyphen = false;
    for c in text.chars() {
        match c {
            '{' | '}' | '%' | '&' | '#' | '_' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str(backslash),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '-' if after_hyphen => out.push_str("{-}"),
            _ => out.push(c),
        }
        after_hyphen = c == '-';
    }
}

/// Escapes text for a verbatim field (`url`, `doi`): only braces and backslashes.
fn escape_verbatim(text: &str, out: &mut String) {
    for c in text.chars() {
        if matches!(c, '{' | '}' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(text: &str) -> Vec<Result<Source, EntryError>> {
        finish(read(text).unwrap())
    }

    #[test]
    fn maps_types_both_ways() {
        for kind in SourceType::ALL {
            let (ty, subtype) = entry_type(kind);
            let mut text = format!("@{ty}{{k, title = {{t}}");
            if let Some(subtype) = subtype {
                text.push_str(&format!(", entrysubtype = {{{subtype}}}"));
            }
            text.push('}');
            let source = results(&text).remove(0).unwrap();
            assert_eq!(source.kind, kind, "{text}");
        }
        let cases = [
            ("@techreport{k, title={t}}", SourceType::Report),
            ("@inbook{k, title={t}}", SourceType::Chapter),
            ("@phdthesis{k, title={t}}", SourceType::Thesis),
            ("@mastersthesis{k, title={t}}", SourceType::Thesis),
            ("@misc{k, title={t}, url={https://x.org}}", SourceType::WebPage),
            ("@misc{k, title={t}}", SourceType::Other),
            ("@www{k, title={t}}", SourceType::WebPage),
            ("@legislation{k, title={t}}", SourceType::Legal),
            ("@movie{k, title={t}}", SourceType::Broadcast),
            ("@whatever{k, title={t}}", SourceType::Other),
        ];
        for (text, kind) in cases {
            assert_eq!(results(text).remove(0).unwrap().kind, kind, "{text}");
        }
    }

    #[test]
    fn reads_accents_macros_names_and_dates() {
        let text = r#"@string{rfi = "Radio France Internationale"}
@article{a,
  title = {Le blocus de Bamako vu par la soci{\'e}t{\'e} civile, {\`a} l'{\'e}preuve},
  author = {de Gaulle, Charles and {Crisis Group} and Le Cam, Morgane and محمد الأمين},
  journal = rfi # " Afrique",
  year = 2025, month = nov,
  keywords = {Mali, blocus},
  langid = {french},
  note = {Premi{\`e}re note},
  annotation = {Seconde},
}"#;
        let s = results(text).remove(0).unwrap();
        assert_eq!(s.title, "Le blocus de Bamako vu par la société civile, à l'épreuve");
        assert_eq!(
            s.authors,
            [
                Person::structured("Charles", "de Gaulle"),
                Person::literal("Crisis Group"),
                Person::structured("Morgane", "Le Cam"),
                Person::literal("محمد الأمين"),
            ]
        );
        assert_eq!(s.container_title.as_deref(), Some("Radio France Internationale Afrique"));
        assert_eq!(s.issued.unwrap().to_string(), "2025-11");
        assert_eq!(s.tags, ["Mali", "blocus"]);
        assert_eq!(s.language.as_deref(), Some("fr"));
        assert_eq!(s.notes.as_deref(), Some("Première note\n\nSeconde"));
    }

    #[test]
    fn crossref_fills_missing_fields() {
        let text = "@incollection{ch, title = {Chapitre}, crossref = {bk}}\n@book{bk, title = {Le Sahel en crise}, publisher = {Karthala}, date = {2025}}";
        let out = results(text);
        let ch = out[0].as_ref().unwrap();
        assert_eq!(ch.container_title.as_deref(), Some("Le Sahel en crise"));
        assert_eq!(ch.publisher.as_deref(), Some("Karthala"));
        assert_eq!(ch.issued.unwrap().to_string(), "2025");
        assert_eq!(out[1].as_ref().unwrap().title, "Le Sahel en crise");
    }

    #[test]
    fn a_translated_title_is_never_inherited() {
        let text = "@incollection{ch, title = {الفصل}, titleaddon = {Le chapitre}, crossref = {bk}}\n\
                    @incollection{other, title = {فصل آخر}, crossref = {bk}}\n\
                    @book{bk, title = {الكتاب}, titleaddon = {[Le livre]}}";
        let translated: Vec<Option<String>> = results(text).into_iter().map(|r| r.unwrap().translated_title).collect();
        assert_eq!(translated, [Some("Le chapitre".into()), None, Some("Le livre".into())]);
    }

    #[test]
    fn crossref_loops_are_entry_errors() {
        let text = "@book{a, title = {A}, crossref = {b}}\n@book{b, title = {B}, crossref = {a}}\n@book{c, title = {C}}\n@book{d, title = {D}, crossref = {d}}";
        let out = results(text);
        let e = out[0].as_ref().unwrap_err();
        assert_eq!((e.index, e.line, e.field.as_deref()), (1, Some(1), Some("crossref")));
        assert!(out[1].is_err() && out[2].is_ok() && out[3].is_err());
    }

    #[test]
    fn duplicate_keys_are_all_returned() {
        let text = "@book{a, title = {Un}}\n@book{a, title = {Deux}}\n@book{b, title = {Trois}}";
        let titles: Vec<String> = results(text).into_iter().map(|r| r.unwrap().title).collect();
        assert_eq!(titles, ["Un", "Deux", "Trois"]);
    }

    #[test]
    fn field_errors_are_located() {
        let text = "@book{ok, title = {A}}\n\n@article{bad,\n  title = {B},\n  date = {2025-02-30},\n}\n@article{badmonth,\n  title = {C},\n  year = {2025},\n  month = {brumaire},\n}\n@article{macro,\n  title = {D},\n  journal = nowhere,\n}\n@article{noyear, title = {E}, year = {vers 2025}}\n@online{notitle, url = {https://x.org}}\n@book{grade, title={F}, mizan-grade = {Z}}";
        let (out, warnings) = crate::draft::finish_with_warnings(read(text).unwrap());
        let brief = |e: &EntryError| (e.index, e.key.clone(), e.line, e.field.clone());
        // A field that does not read, or a missing title, costs nothing but a warning.
        let warned: Vec<_> = warnings.iter().map(brief).collect();
        assert_eq!(
            warned,
            [
                (2, Some("bad".into()), Some(5), Some("date".into())),
                (3, Some("badmonth".into()), Some(10), Some("month".into())),
                (6, Some("notitle".into()), Some(17), Some("title".into())),
            ]
        );
        assert_eq!(
            warnings[0].to_string(),
            "entry 2 (key bad), line 5, field `date`: \"2025-02-30\" does not read as a date (e.g. 2025, 2025-11, 2025-11-20, \"20 November 2025\"); kept as written"
        );
        let kept = |i: usize| out[i].as_ref().unwrap();
        assert_eq!(kept(1).issued_shown().as_deref(), Some("2025-02-30"));
        assert_eq!(kept(2).issued_shown().as_deref(), Some("brumaire 2025"));
        assert_eq!(kept(4).issued_shown().as_deref(), Some("2025~"), "vers: circa");
        let errors: Vec<_> = out.iter().filter_map(|e| e.as_ref().err()).map(brief).collect();
        assert_eq!(
            errors,
            [
                (4, Some("macro".into()), Some(14), Some("journal".into())),
                (7, Some("grade".into()), Some(18), Some("mizan-grade".into()))
            ]
        );
        assert!(out[3].as_ref().unwrap_err().message.contains("nowhere"));
    }

    #[test]
    fn parentheses_preambles_and_eastern_digits() {
        let text = "@preamble{ bareword }\n@Article(paren,\n  title = {Entre (parenthèses)},\n  year = {٢٠٢٥}, month = {١١},\n)\n@set{set1, entryset = {paren}}";
        let (out, warnings) = crate::draft::finish_with_warnings(read(text).unwrap());
        let paren = out[0].as_ref().unwrap();
        assert_eq!(
            (paren.title.as_str(), paren.issued.unwrap().to_string()),
            ("Entre (parenthèses)", "2025-11".to_owned())
        );
        assert_eq!(out[1].as_ref().unwrap().key.as_str(), "set1", "an @set is kept");
        assert_eq!((warnings[0].line, warnings[0].field.as_deref()), (Some(6), Some("title")));
    }

    #[test]
    fn syntax_errors_stop_the_file_and_say_where() {
        let text = "@book{a, title = {A}}\n@book{b,\n  title = {B\n";
        match read(text) {
            Err(ReadError::Bibtex { line: 4, column: 1, message }) => assert_eq!(message, "unexpected end of file"),
            other => panic!("{other:?}"),
        }
        match read("@book{a, title = {A}\n  author = {x}}") {
            // The comma is missing after `{A}`; the parser notices at the next field.
            Err(ReadError::Bibtex { line: 2, column: 3, message }) => assert_eq!(message, "expected comma"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn self_expanding_macros_are_refused() {
        let text = "@book{x, title = {t}}\n@string{a = b # \" et \"}\n@string{b = a}\n@book{k, title = a}";
        match read(text) {
            Err(ReadError::Bibtex { line: 2, column: 9, message }) => {
                assert_eq!(message, "@string macro `a` expands to itself (a → b → a)");
            }
            other => panic!("{other:?}"),
        }
        // Macros using other macros are fine.
        let text = "@string{a = \"Sahel\"}\n@string{b = a # \" Hebdo\"}\n@article{k, title = {t}, journal = b}";
        assert_eq!(results(text).remove(0).unwrap().container_title.as_deref(), Some("Sahel Hebdo"));
    }

    #[test]
    fn escapes_what_tex_needs() {
        let mut out = String::new();
        escape("50 % & #1 a_b {x} $ ~ ^ \\ a--b---c é ع", &mut out);
        assert_eq!(
            out,
            "50 \\% \\& \\#1 a\\_b \\{x\\} \\$ \\textasciitilde{} \\textasciicircum{} \\textbackslash{} a-{-}b-{-}{-}c é ع"
        );
        let text = format!("@misc{{k, title = {{{out}}}}}");
        assert_eq!(results(&text).remove(0).unwrap().title, "50 % & #1 a_b {x} $ ~ ^ \\ a--b---c é ع");
    }
}
