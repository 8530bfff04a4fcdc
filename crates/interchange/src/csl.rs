//! CSL-JSON: an array of CSL items, as Zotero exports and citeproc reads.
//!
//! Mapping choices:
//! - the key is `citation-key` when present, else the `id` when it reads as a key; ids
//!   that are only numbers or URLs (Zotero's `http://zotero.org/…/items/…`) say nothing to
//!   a reader, so such entries get a generated key (author-year-word) instead;
//! - `author` gives the authors; `editor`, `translator` and other roles are not authors
//!   and are not read (the model has no place for them);
//! - particles (`non-dropping-particle`, `dropping-particle`) and `suffix` are joined to the
//!   family name;
//! - dates: `date-parts` (a second date is the end of a range; a season in the month
//!   position, 13–16 or 21–24, is a season), `season` (1–4 or a name), `circa`, else
//!   `raw`, else `literal`, read as ISO, EDTF, written-out or Hijri dates; a `literal` is
//!   kept as written (it is what CSL processors print), and so is any value that does not
//!   read as a date, with a warning. Years before 1 are negative (`[[-44, 3, 15]]`).
//!   Written back the same way;
//! - `keyword` is split on commas and semicolons into tags;
//! - the translated title is `translated-title`: CSL's own name for it (added to the
//!   schema for 1.0.2, held back for a more general design, expected in 1.0.3), which
//!   citeproc-js and Zotero's styles read. Zotero has no field for it, so its users keep it
//!   in Extra as a `translated-title: …` line, which Zotero exports in `note`: without the
//!   variable, such a line (any case, spaces for hyphens) is read as the translated title
//!   and taken out of the notes;
//! - Mizan's own fields travel in `custom.mizan` (see `extension`).

use std::borrow::Cow;

use mizan_source::{DateDetail, PartialDate, Person, Season, Source, SourceType};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::dates::{DateRead, read_date_text};
use crate::draft::{Draft, finish};
use crate::extension::{Extension, exact_differences};
use crate::lines::LineIndex;
use crate::{EntryError, ReadError};

pub(crate) fn read(text: &str) -> Result<Vec<Result<Draft, EntryError>>, ReadError> {
    let Some(start) = text.find(|c: char| !c.is_whitespace()) else {
        return Err(ReadError::Empty { expected: "a JSON array of CSL items" });
    };
    let found = match text.get(start..).and_then(|t| t.chars().next()) {
        Some('[') => None,
        Some('{') => Some("an object"),
        Some('"') => Some("a string"),
        Some('0'..='9' | '-') => Some("a number"),
        Some('t' | 'f') => Some("a boolean"),
        Some('n') => Some("null"),
        // Not JSON at all: let the JSON parser say what is wrong, and where.
        _ => None,
    };
    if let Some(found) = found {
        let (line, column) = LineIndex::new(text).line_column(start);
        return Err(ReadError::NotAnArray { found, line, column });
    }
    let items: Vec<&RawValue> = serde_json::from_str(text).map_err(|e| json_error(text, e))?;

    // Each item borrows from `text`, so its address gives its offset; entries come in
    // order, so counting newlines between successive offsets is one pass over the file.
    let base = text.as_ptr() as usize;
    let (mut line, mut counted_to) = (1, 0);
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let offset = (item.get().as_ptr() as usize).saturating_sub(base).min(text.len());
        if offset > counted_to {
            let skipped = text.as_bytes().get(counted_to..offset).unwrap_or_default();
            line += skipped.iter().filter(|&&b| b == b'\n').count();
            counted_to = offset;
        }
        out.push(read_item(i + 1, line, item.get()));
    }
    Ok(out)
}

fn json_error(text: &str, err: serde_json::Error) -> ReadError {
    let (line, byte_column) = (err.line(), err.column());
    // serde_json counts columns in bytes; people count characters.
    let line_text = text.split('\n').nth(line.saturating_sub(1)).unwrap_or_default();
    let cut = byte_column.saturating_sub(1).min(line_text.len());
    let cut = (0..=cut).rev().find(|&i| line_text.is_char_boundary(i)).unwrap_or(0);
    let column = line_text.get(..cut).map_or(0, |before| before.chars().count()) + 1;
    // A file cut inside a string ends with whatever followed the cut (often a newline,
    // which JSON refuses inside a string): an error past the last visible character is a
    // truncation too.
    let visible = text.trim_end();
    let last_line = visible.split('\n').count();
    let last_len = visible.rsplit('\n').next().map_or(0, str::len);
    let past_end = line > last_line || (line == last_line && byte_column > last_len);
    if err.classify() == serde_json::error::Category::Eof || past_end {
        return ReadError::Truncated { line, column };
    }
    let message = err.to_string();
    // serde_json appends " at line L column C"; our message says it already.
    let message = match message.rfind(" at line ") {
        Some(cut) => message.get(..cut).unwrap_or(&message).to_owned(),
        None => message,
    };
    ReadError::Json { line, column, message }
}

/// The CSL variables we read, each kept as unparsed JSON until it is looked at: building
/// a full JSON tree of every item costs more than the rest of the import together.
#[derive(Deserialize)]
struct Item<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "citation-key")]
    citation_key: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "type")]
    kind: Option<&'a RawValue>,
    #[serde(borrow, default)]
    title: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "translated-title")]
    translated_title: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "container-title")]
    container_title: Option<&'a RawValue>,
    #[serde(borrow, default)]
    author: Option<&'a RawValue>,
    #[serde(borrow, default)]
    publisher: Option<&'a RawValue>,
    #[serde(borrow, default)]
    issued: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "URL")]
    url_upper: Option<&'a RawValue>,
    #[serde(borrow, default)]
    url: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "DOI")]
    doi_upper: Option<&'a RawValue>,
    #[serde(borrow, default)]
    doi: Option<&'a RawValue>,
    #[serde(borrow, default)]
    language: Option<&'a RawValue>,
    #[serde(borrow, default)]
    page: Option<&'a RawValue>,
    #[serde(borrow, default)]
    accessed: Option<&'a RawValue>,
    #[serde(borrow, default)]
    note: Option<&'a RawValue>,
    #[serde(borrow, default)]
    keyword: Option<&'a RawValue>,
    #[serde(borrow, default)]
    custom: Option<&'a RawValue>,
}

impl Item<'_> {
    /// A variable by its CSL name, parsed (it was validated with the whole file).
    fn get(&self, name: &str) -> Option<Value> {
        serde_json::from_str(self.raw(name)?.get()).ok()
    }

    /// A variable by its CSL name, as JSON text.
    fn raw(&self, name: &str) -> Option<&RawValue> {
        match name {
            "id" => self.id,
            "citation-key" => self.citation_key,
            "type" => self.kind,
            "title" => self.title,
            "translated-title" => self.translated_title,
            "container-title" => self.container_title,
            "author" => self.author,
            "publisher" => self.publisher,
            "issued" => self.issued,
            "URL" => self.url_upper.or(self.url),
            "DOI" => self.doi_upper.or(self.doi),
            "language" => self.language,
            "page" => self.page,
            "accessed" => self.accessed,
            "note" => self.note,
            "keyword" => self.keyword,
            "custom" => self.custom,
            _ => None,
        }
    }

    /// A text variable without building a JSON tree: `None` when absent, null or blank;
    /// numbers are taken as text (`"page": 12`); anything else is named in the error.
    fn text(&self, name: &str) -> Result<Option<String>, String> {
        let Some(raw) = self.raw(name) else { return Ok(None) };
        let json = raw.get();
        let text = match json.as_bytes().first() {
            Some(b'"') => match serde_json::from_str::<&str>(json) {
                Ok(borrowed) => borrowed.trim().to_owned(),
                // Escapes (`\n`, `\u00e9`) need an owned string.
                Err(_) => serde_json::from_str::<String>(json).map_err(|e| e.to_string())?.trim().to_owned(),
            },
            Some(b'n') => return Ok(None),
            Some(b'-' | b'0'..=b'9') => json.to_owned(),
            _ => return Err(format!("expected text, found {}", found(json))),
        };
        Ok((!text.is_empty()).then_some(text))
    }
}

/// What a JSON value is, from its first byte.
fn found(json: &str) -> &'static str {
    match json.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

fn read_item(index: usize, line: usize, json: &str) -> Result<Draft, EntryError> {
    if !json.starts_with('{') {
        let message = format!("expected a CSL item (a JSON object), found {}", found(json));
        return Err(EntryError::new(index, Some(line), message));
    }
    let item: Item<'_> = serde_json::from_str(json).map_err(|e| EntryError::new(index, Some(line), e.to_string()))?;
    from_item(index, Some(line), &item)
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn from_item(index: usize, line: Option<usize>, item: &Item<'_>) -> Result<Draft, EntryError> {
    let err = |field: &str, message: String| {
        // Only an error needs the key shown; a clean import does not pay for it.
        let shown_key = ["citation-key", "id"].iter().find_map(|k| item.text(k).ok().flatten());
        EntryError::new(index, line, message).with_field(field).with_key(shown_key.as_deref())
    };
    let text = |field: &str| item.text(field).map_err(|m| err(field, m));
    let date = |field: &str| -> DateRead { item.raw(field).map_or_else(DateRead::default, read_date_raw) };

    let mut draft = Draft::new(index, line);
    draft.key = key_of(item);
    let source = &mut draft.source;
    source.kind = item.text("type").ok().flatten().map_or(SourceType::Other, |name| kind_from_csl(&name));
    source.title = text("title")?.unwrap_or_default();
    source.container_title = text("container-title")?;
    source.authors = match item.raw("author") {
        Some(names) if names.get() != "null" => read_names(names).map_err(|m| err("author", m))?,
        _ => Vec::new(),
    };
    source.publisher = text("publisher")?;
    if let Some(warning) = date("issued").store(&mut source.issued, &mut source.issued_detail) {
        draft.warnings.push((line, Some("issued".to_owned()), warning));
    }
    source.url = text("URL")?;
    source.doi = text("DOI")?;
    source.language = text("language")?;
    source.pages = text("page")?;
    if let Some(warning) = date("accessed").store(&mut source.accessed, &mut source.accessed_detail) {
        draft.warnings.push((line, Some("accessed".to_owned()), warning));
    }
    source.notes = text("note")?;
    source.translated_title = match text("translated-title")? {
        Some(translated) => Some(translated),
        None => take_note_variable(&mut source.notes, "translated-title"),
    };
    source.tags = match item.get("keyword") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => split_tags(&s),
        Some(Value::Array(items)) => items
            .iter()
            .map(|t| t.as_str().map(|t| t.trim().to_owned()))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| err("keyword", "expected text or a list of texts".to_owned()))?
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect(),
        Some(other) => return Err(err("keyword", format!("expected text, found {}", describe(&other)))),
    };
    if let Some(mizan) = item.get("custom").and_then(|mut c| c.get_mut("mizan").map(Value::take)) {
        let ext: Extension = serde_json::from_value(mizan)
            .map_err(|e| err("custom.mizan", format!("the Mizan extension is not valid: {e}")))?;
        ext.apply(&mut draft.source, &mut draft.key).map_err(|m| err("custom.mizan", m))?;
    }
    Ok(draft)
}

/// Takes a `variable: value` line out of the notes (Zotero's Extra convention: the name
/// in any case, with spaces for hyphens) and gives its value; notes left blank become
/// none. The first such line with a value counts; the others stay.
fn take_note_variable(notes: &mut Option<String>, variable: &str) -> Option<String> {
    let text = notes.as_deref()?;
    let mut found = None;
    let mut kept = Vec::new();
    for line in text.split('\n') {
        if found.is_none()
            && let Some((name, value)) = line.split_once(':')
            && name.trim().to_lowercase().replace(' ', "-") == variable
            && !value.trim().is_empty()
        {
            found = Some(value.trim().to_owned());
            continue;
        }
        kept.push(line);
    }
    let found = found?;
    let rest = kept.join("\n");
    *notes = (!rest.trim().is_empty()).then(|| rest.trim().to_owned());
    Some(found)
}

/// Tags from a CSL `keyword` string: comma- or semicolon-separated.
pub(crate) fn split_tags(text: &str) -> Vec<String> {
    text.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

fn key_of(item: &Item<'_>) -> Option<mizan_source::CitationKey> {
    use mizan_source::CitationKey;
    let as_key = |s: &str| CitationKey::parse(s).unwrap_or_else(|_| CitationKey::sanitize(s));
    if let Ok(Some(key)) = item.text("citation-key") {
        return Some(as_key(&key));
    }
    // A numeric JSON id is a record number: no key (see the module notes).
    let id = item.raw("id").filter(|raw| raw.get().starts_with('"')).and_then(|_| item.text("id").ok().flatten())?;
    let id = id.as_str();
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Zotero's "1234/ABCD5678" and URL ids are storage handles, not names.
    let handle = id.split_once('/').is_some_and(|(a, _)| numeric(a));
    (!id.is_empty() && !numeric(id) && !id.contains("://") && !handle).then(|| as_key(id))
}

/// The parts of a CSL name object. Typed, so that the common case costs no JSON tree.
#[derive(Deserialize)]
struct NameIn<'a> {
    #[serde(borrow, default)]
    family: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    given: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    literal: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "dropping-particle")]
    dropping_particle: Option<Cow<'a, str>>,
    #[serde(borrow, default, rename = "non-dropping-particle")]
    non_dropping_particle: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    suffix: Option<Cow<'a, str>>,
}

impl NameIn<'_> {
    fn person(&self, n: usize) -> Result<Person, String> {
        fn part<'s>(p: &'s Option<Cow<'_, str>>) -> Option<&'s str> {
            p.as_deref().map(str::trim).filter(|s| !s.is_empty())
        }
        if let Some(literal) = part(&self.literal) {
            return Ok(Person::literal(literal));
        }
        let family: Vec<&str> =
            [part(&self.dropping_particle), part(&self.non_dropping_particle), part(&self.family), part(&self.suffix)]
                .into_iter()
                .flatten()
                .collect();
        match (part(&self.family), part(&self.given)) {
            (Some(_), given) => Ok(Person::Structured { given: given.map(str::to_owned), family: family.join(" ") }),
            (None, Some(given)) => Ok(Person::literal(given)),
            (None, None) => Err(format!("name {n} has neither a family name nor a literal name")),
        }
    }
}

fn read_names(raw: &RawValue) -> Result<Vec<Person>, String> {
    if let Ok(names) = serde_json::from_str::<Vec<NameIn<'_>>>(raw.get()) {
        return names.iter().enumerate().map(|(i, name)| name.person(i + 1)).collect();
    }
    // Not a plain list of name objects: look closer, to accept names given as text and
    // to say exactly what is wrong otherwise.
    let value: Value = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
    let Value::Array(names) = value else {
        return Err(format!("expected a list of names, found {}", describe(&value)));
    };
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let n = i + 1;
            match name {
                Value::String(s) if !s.trim().is_empty() => Ok(Person::parse(&s)),
                Value::Object(_) => {
                    let json = name.to_string();
                    serde_json::from_str::<NameIn<'_>>(&json)
                        .map_err(|e| format!("name {n}: {e}"))
                        .and_then(|name| name.person(n))
                }
                other => Err(format!("name {n} is {}, not a name object", describe(&other))),
            }
        })
        .collect()
}

/// The usual shape of a CSL date, read without a JSON tree for the object itself.
#[derive(Deserialize)]
struct DateIn {
    #[serde(default, rename = "date-parts")]
    date_parts: Option<Vec<Vec<Value>>>,
    #[serde(default)]
    season: Option<Value>,
    #[serde(default)]
    circa: Option<Value>,
    #[serde(default)]
    raw: Option<String>,
    #[serde(default)]
    literal: Option<String>,
}

/// A CSL date variable: `{"date-parts": [[2025, 11]]}` (with `season`, `circa`), `{"raw":
/// "…"}`, `{"literal": "…"}`, or (outside the spec, but common in hand-written files) a
/// plain string or year. What does not read is kept as written.
fn read_date_raw(raw: &RawValue) -> DateRead {
    let json = raw.get();
    let date: Option<DateIn> = if json.starts_with('{') { serde_json::from_str(json).ok() } else { None };
    let Some(date) = date else {
        return match serde_json::from_str::<Value>(json) {
            Ok(Value::Null) => DateRead::default(),
            Ok(Value::String(text)) => read_date_text(&text),
            Ok(number @ Value::Number(_)) => from_parts(&[std::slice::from_ref(&number).to_vec()], json),
            _ => DateRead::unread(json, format!("expected a date, found {}; kept as written", found(json))),
        };
    };
    let mut read = match (&date.date_parts, &date.raw, &date.literal) {
        (Some(parts), _, _) if parts.first().is_some_and(|p| !p.is_empty()) => from_parts(parts, json),
        (_, Some(raw), _) => read_date_text(raw),
        (_, None, Some(literal)) => read_date_text(literal),
        (Some(_), None, None) => DateRead::default(),
        (None, None, None) => DateRead::unread(json, "a date needs date-parts, raw or literal; kept as written".into()),
    };
    if let Some(literal) = date.literal.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        // What a CSL processor prints: kept as written even when it reads.
        read.detail.literal = Some(literal.to_owned());
    }
    if read.date.is_some() {
        match date.season.as_ref().map(season_of) {
            Some(Some(season)) => read.detail.season = Some(season),
            Some(None) if read.detail.literal.is_none() => {
                read.detail.literal = Some(json.to_owned());
                read.warning = Some(format!(
                    "season {} is not one CSL knows; the date is kept as written",
                    date.season.unwrap_or_default()
                ));
            }
            _ => {}
        }
        read.detail.approximate |= date.circa.as_ref().is_some_and(truthy);
    }
    read
}

/// CSL's `season`: 1–4 (or 13–16, 21–24), as a number or text, or a season's name.
fn season_of(value: &Value) -> Option<Season> {
    match value {
        Value::Number(n) => Season::from_number(n.as_i64()?),
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(n) => Season::from_number(n),
            Err(_) => read_date_text(&format!("{s} 2000")).detail.season,
        },
        _ => None,
    }
}

/// CSL's `circa`: `true`, `1` or any non-empty text but `"0"` and `"false"`.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_i64() != Some(0),
        Value::String(s) => !matches!(s.trim(), "" | "0" | "false"),
        _ => false,
    }
}

/// `date-parts`: the first is the date, a second the end of a range.
fn from_parts(parts: &[Vec<Value>], json: &str) -> DateRead {
    let start = match parts.first().map(|p| date_from_parts(p)) {
        Some(Ok(start)) => start,
        Some(Err(reason)) => return DateRead::unread(json, format!("{reason}; kept as written")),
        None => return DateRead::default(),
    };
    let (date, season) = start;
    let mut read = DateRead::plain(date);
    read.detail.season = season;
    match parts.get(1).filter(|p| !p.is_empty()).map(|p| date_from_parts(p)) {
        Some(Ok((end, _))) if end != date => read.detail.end = Some(end),
        Some(Err(reason)) => return DateRead::unread(json, format!("the end of the range: {reason}; kept as written")),
        _ => {}
    }
    read
}

/// One `[year, month, day]` list: the date and the season its month position gives.
fn date_from_parts(parts: &[Value]) -> Result<(PartialDate, Option<Season>), String> {
    let number = |v: &Value| -> Option<i64> {
        match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => mizan_source::ascii_digits(s.trim()).parse().ok(),
            _ => None,
        }
    };
    let mut numbers = Vec::with_capacity(3);
    for part in parts.iter().take(3) {
        numbers.push(number(part).ok_or_else(|| format!("date part {part} is not a number"))?);
    }
    let year = numbers.first().copied().and_then(|y| i32::try_from(y).ok()).ok_or("the date has no year")?;
    let month = numbers.get(1).copied();
    if let Some(season) = month.and_then(|m| (m > 12).then(|| Season::from_number(m)).flatten()) {
        let date = PartialDate::new(year, None, None).map_err(|e| format!("date {year}: {e}"))?;
        return Ok((date, Some(season)));
    }
    let small = |v: Option<i64>| v.map(|v| u8::try_from(v).unwrap_or(u8::MAX));
    let (month, day) = (small(month), small(numbers.get(2).copied()));
    let date = PartialDate::new(year, month, day).map_err(|e| {
        let shown: Vec<String> = numbers.iter().map(i64::to_string).collect();
        format!("[{}] is not a date: {e}", shown.join(", "))
    })?;
    Ok((date, None))
}

pub(crate) fn kind_from_csl(name: &str) -> SourceType {
    match name {
        "article-journal" | "article-magazine" | "article" | "review" | "review-book" | "periodical" => {
            SourceType::Article
        }
        "article-newspaper" => SourceType::NewsArticle,
        "report" | "pamphlet" | "standard" => SourceType::Report,
        "webpage" | "post-weblog" => SourceType::WebPage,
        "dataset" => SourceType::Dataset,
        "book" | "classic" | "collection" => SourceType::Book,
        "chapter" | "entry" | "entry-dictionary" | "entry-encyclopedia" | "paper-conference" => SourceType::Chapter,
        "speech" | "hearing" => SourceType::OfficialStatement,
        "interview" => SourceType::Interview,
        "post" => SourceType::SocialMediaPost,
        "thesis" => SourceType::Thesis,
        "legislation" | "legal_case" | "treaty" | "bill" | "regulation" => SourceType::Legal,
        "broadcast" | "motion_picture" => SourceType::Broadcast,
        _ => SourceType::Other,
    }
}

pub(crate) fn kind_to_csl(kind: SourceType) -> &'static str {
    match kind {
        SourceType::Article => "article-journal",
        SourceType::NewsArticle => "article-newspaper",
        SourceType::Report => "report",
        SourceType::WebPage => "webpage",
        SourceType::Dataset => "dataset",
        SourceType::Book => "book",
        SourceType::Chapter => "chapter",
        SourceType::OfficialStatement => "speech",
        SourceType::Interview => "interview",
        SourceType::SocialMediaPost => "post",
        SourceType::Thesis => "thesis",
        SourceType::Legal => "legislation",
        SourceType::Broadcast => "broadcast",
        SourceType::Other => "document",
    }
}

/// A CSL item as we write it; field order is the order a reader of the file expects.
#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    #[serde(rename = "citation-key")]
    citation_key: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    #[serde(rename = "translated-title", skip_serializing_if = "Option::is_none")]
    translated_title: Option<&'a str>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<NameOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<DateOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'a str>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(rename = "DOI", skip_serializing_if = "Option::is_none")]
    doi: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<DateOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keyword: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    custom: CustomOut,
}

#[derive(Serialize)]
struct NameOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    given: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    literal: Option<&'a str>,
}

#[derive(Serialize)]
struct DateOut {
    #[serde(rename = "date-parts", skip_serializing_if = "Vec::is_empty")]
    date_parts: Vec<Vec<i32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    season: Option<u8>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    circa: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    literal: Option<String>,
}

#[derive(Serialize)]
struct CustomOut {
    mizan: Extension,
}

impl DateOut {
    /// A date and its detail as CSL writes them; `uncertain` has no CSL form (the
    /// extension carries it).
    fn of(date: Option<PartialDate>, detail: Option<&DateDetail>) -> Option<Self> {
        let parts = |date: PartialDate| {
            let mut parts = vec![date.year];
            parts.extend(date.month.map(i32::from));
            parts.extend(date.day.map(i32::from));
            parts
        };
        let detail = detail.cloned().unwrap_or_default();
        let mut date_parts: Vec<Vec<i32>> = date.map(parts).into_iter().collect();
        if !date_parts.is_empty() {
            date_parts.extend(detail.end.map(parts));
        }
        let out = Self {
            date_parts,
            season: detail.season.map(Season::number),
            circa: detail.approximate,
            literal: detail.literal,
        };
        (!out.date_parts.is_empty() || out.literal.is_some()).then_some(out)
    }
}

pub(crate) fn write(sources: &[Source]) -> String {
    let items: Vec<ItemOut<'_>> = sources.iter().map(item_out).collect();
    // Plain structs with string keys always serialise.
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| String::from("[]"));
    out.push('\n');
    out
}

fn item_out(source: &Source) -> ItemOut<'_> {
    let mut item = ItemOut {
        id: source.key.as_str(),
        citation_key: source.key.as_str(),
        kind: kind_to_csl(source.kind),
        title: &source.title,
        translated_title: source.translated_title.as_deref(),
        container_title: source.container_title.as_deref(),
        author: source
            .authors
            .iter()
            .map(|p| match p {
                Person::Structured { given, family } => {
                    NameOut { family: Some(family), given: given.as_deref(), literal: None }
                }
                Person::Literal(name) => NameOut { family: None, given: None, literal: Some(name) },
            })
            .collect(),
        publisher: source.publisher.as_deref(),
        issued: DateOut::of(source.issued, source.issued_detail()),
        page: source.pages.as_deref(),
        url: source.url.as_deref(),
        doi: source.doi.as_deref(),
        language: source.language.as_deref(),
        accessed: DateOut::of(source.accessed, source.accessed_detail()),
        keyword: (!source.tags.is_empty()).then(|| source.tags.join(", ")),
        note: source.notes.as_deref(),
        custom: CustomOut { mizan: Extension::of(source) },
    };
    let reread = serde_json::to_string(&item).ok().and_then(|json| {
        let draft = read_item(1, 1, &json).ok()?;
        finish(vec![Ok(draft)]).pop()?.ok()
    });
    item.custom.mizan.exact = exact_differences(source, reread.as_ref());
    item
}

#[cfg(test)]
mod tests {
    use super::*;
    use mizan_source::{CitationKey, Grading, Reliability, Timestamp};

    fn read_ok(json: &str) -> Vec<Source> {
        finish(read(json).unwrap()).into_iter().map(Result::unwrap).collect()
    }

    fn read_errors(json: &str) -> Vec<EntryError> {
        finish(read(json).unwrap()).into_iter().filter_map(Result::err).collect()
    }

    #[test]
    fn maps_csl_types_both_ways() {
        for kind in SourceType::ALL {
            assert_eq!(kind_from_csl(kind_to_csl(kind)), kind);
        }
        let cases = [
            ("article-magazine", SourceType::Article),
            ("post-weblog", SourceType::WebPage),
            ("legal_case", SourceType::Legal),
            ("treaty", SourceType::Legal),
            ("motion_picture", SourceType::Broadcast),
            ("paper-conference", SourceType::Chapter),
            ("song", SourceType::Other),
            ("", SourceType::Other),
        ];
        for (name, kind) in cases {
            assert_eq!(kind_from_csl(name), kind, "{name}");
        }
    }

    #[test]
    fn reads_a_zotero_item() {
        let json = r#"[
  {"id": "http://zotero.org/users/local/x/items/ABCD1234", "type": "article-newspaper",
   "title": "Au Mali, le blocus du carburant paralyse Bamako",
   "container-title": "Le Monde",
   "author": [{"family": "Cam", "non-dropping-particle": "Le", "given": "Morgane"},
              {"literal": "Service Afrique"}, {"family": "الأنصاري", "given": "محمد"}],
   "editor": [{"family": "Dupont", "given": "Jean"}],
   "issued": {"date-parts": [["2025", "11"]]},
   "accessed": {"raw": "2025-11-20"},
   "URL": "https://www.lemonde.fr/afrique/", "DOI": "10.1000/XYZ", "language": "fr",
   "page": 12, "note": "Vu en ligne", "keyword": "Mali; blocus, JNIM"}
]"#;
        let sources = read_ok(json);
        let s = &sources[0];
        assert_eq!(s.kind, SourceType::NewsArticle);
        assert_eq!(s.key.as_str(), "le-cam-2025-au", "URL ids give a generated key");
        assert_eq!(
            s.authors,
            vec![
                Person::structured("Morgane", "Le Cam"),
                Person::literal("Service Afrique"),
                Person::structured("محمد", "الأنصاري")
            ]
        );
        assert_eq!(s.issued, Some(PartialDate::parse("2025-11").unwrap()));
        assert_eq!(s.accessed, Some(PartialDate::parse("2025-11-20").unwrap()));
        assert_eq!(s.pages.as_deref(), Some("12"));
        assert_eq!(s.tags, ["Mali", "blocus", "JNIM"]);
        assert_eq!(s.grade, None);
        assert!(s.excerpts.is_empty());
    }

    #[test]
    fn ids_become_keys() {
        let json = r#"[{"id": "rfi-blocus-2025", "title": "a"}, {"id": "Le Monde, 2025", "title": "b"},
                      {"id": 12345, "title": "c"}, {"id": "12345", "citation-key": "acled-2025", "title": "d"},
                      {"id": "8473721/ABCD1234", "title": "Rapport annuel", "author": [{"literal": "ACLED"}]}]"#;
        let keys: Vec<String> = read_ok(json).iter().map(|s| s.key.to_string()).collect();
        assert_eq!(keys, ["rfi-blocus-2025", "Le-Monde-2025", "c", "acled-2025", "acled-rapport"]);
    }

    #[test]
    fn dates_in_every_form() {
        let json = r#"[
 {"id": "a", "title": "t", "issued": {"date-parts": [[2025]]}},
 {"id": "b", "title": "t", "issued": {"date-parts": [[2025, 11], [2025, 12]]}},
 {"id": "c", "title": "t", "issued": {"literal": "20 novembre 2025"}},
 {"id": "d", "title": "t", "issued": {"date-parts": [[2025, 21]]}},
 {"id": "e", "title": "t", "issued": "2025-09-14"},
 {"id": "f", "title": "t", "issued": {"date-parts": [[]]}}
]"#;
        let dates: Vec<String> =
            read_ok(json).iter().map(|s| s.issued.map(|d| d.to_string()).unwrap_or_default()).collect();
        assert_eq!(dates, ["2025", "2025-11", "2025-11-20", "2025", "2025-09-14", ""]);
    }

    #[test]
    fn entry_errors_name_entry_line_and_field() {
        let json = "[\n  {\"id\": \"ok\", \"title\": \"t\"},\n  {\"id\": \"bad-date\", \"title\": \"t\",\n   \"issued\": {\"date-parts\": [[2025, 2, 30]]}},\n  42,\n  {\"id\": \"n\", \"title\": \"t\", \"author\": [{\"given\": \"\"}]},\n  {\"id\": \"x\", \"title\": [\"t\"]},\n  {\"id\": \"m\", \"title\": \"t\", \"custom\": {\"mizan\": {\"grade\": \"Z\"}}}\n]";
        let errors = read_errors(json);
        type Brief<'e> = (usize, Option<&'e str>, Option<usize>, Option<&'e str>);
        let brief: Vec<Brief<'_>> =
            errors.iter().map(|e| (e.index, e.key.as_deref(), e.line, e.field.as_deref())).collect();
        assert_eq!(
            brief,
            [
                (3, None, Some(5), None),
                (4, Some("n"), Some(6), Some("author")),
                (5, Some("x"), Some(7), Some("title")),
                (6, Some("m"), Some(8), Some("custom.mizan")),
            ]
        );
        assert!(errors[0].message.contains("found a number"), "{}", errors[0].message);
        assert!(errors[1].message.contains("name 1"), "{}", errors[1].message);
        // A date that does not read costs its entry nothing: it is kept, with a warning.
        let (entries, warnings) = crate::draft::finish_with_warnings(read(json).unwrap());
        let kept = entries[1].as_ref().unwrap();
        assert_eq!(kept.issued_shown().as_deref(), Some(r#"{"date-parts": [[2025, 2, 30]]}"#));
        assert_eq!(
            warnings[0].to_string(),
            "entry 2 (key bad-date), line 3, field `issued`: [2025, 2, 30] is not a date: day out of range; kept as written"
        );
    }

    #[test]
    fn whole_file_errors_say_where() {
        assert_eq!(read("  \n").unwrap_err(), ReadError::Empty { expected: "a JSON array of CSL items" });
        match read("\n {\"id\": 1}") {
            Err(ReadError::NotAnArray { found: "an object", line: 2, column: 2 }) => {}
            other => panic!("{other:?}"),
        }
        match read("[\n {\"id\": \"a\",\n  \"title\": \"t\"") {
            Err(ReadError::Truncated { line: 3, .. }) => {}
            other => panic!("{other:?}"),
        }
        match read("[\n {\"id\": \"a\" \"title\": \"t\"}]") {
            Err(ReadError::Json { line: 2, column, message }) => {
                assert_eq!(column, 13);
                assert!(message.contains("expected"), "{message}");
                assert!(!message.contains("at line"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_translated_title_kept_in_zotero_s_extra_is_read_from_the_note() {
        let json = r#"[
 {"id": "a", "title": "حصار باماكو", "note": "Lu en ligne.\ntranslated-title: Le blocus de Bamako\nÀ recouper."},
 {"id": "b", "title": "حصار", "note": "Translated Title:  Le blocus "},
 {"id": "c", "title": "حصار", "translated-title": "Le siège", "note": "translated-title: Le blocus"},
 {"id": "d", "title": "t", "note": "translated-title:\ntitle: rien"}
]"#;
        let sources = read_ok(json);
        let got: Vec<(Option<&str>, Option<&str>)> =
            sources.iter().map(|s| (s.translated_title.as_deref(), s.notes.as_deref())).collect();
        assert_eq!(
            got,
            [
                (Some("Le blocus de Bamako"), Some("Lu en ligne.\nÀ recouper.")),
                (Some("Le blocus"), None),
                (Some("Le siège"), Some("translated-title: Le blocus")),
                (None, Some("translated-title:\ntitle: rien")),
            ]
        );
    }

    #[test]
    fn foreign_keywords_and_exact_tags() {
        let mut source = Source::new(CitationKey::parse("k").unwrap(), "t");
        source.tags = vec!["Mali, Burkina".into(), "AES".into()];
        source.grade =
            Some(Grading { reliability: Reliability::B, graded_by: "Analyste".into(), graded_at: Timestamp(7) });
        let json = write(std::slice::from_ref(&source));
        assert!(json.contains("\"keyword\": \"Mali, Burkina, AES\""), "{json}");
        let back = read_ok(&json);
        assert_eq!(back, [source]);
    }
}
