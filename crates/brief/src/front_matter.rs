//! The YAML block at the top of a brief, between two `---` lines.

use mizan_i18n::{Arg, Lang};
use mizan_source::PartialDate;
use serde_norway::Value;
use uuid::Uuid;

use crate::diagnostic::{Code, Sink, Span};

/// Which digits the brief prints: Western (0–9, Maghreb usage) or Arabic-Indic (٠–٩, Mashriq).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Digits {
    Latn,
    Arab,
}

/// Where the brief is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Draft,
    Final,
}

/// The brief's metadata. Fields the file does not give are `None` (or empty).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    /// Whether the file has a front matter block at all.
    pub present: bool,
    /// Added by the application on first save (see [`crate::set_id`]).
    pub id: Option<Uuid>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub lang: Option<Lang>,
    pub date: Option<PartialDate>,
    pub authors: Vec<String>,
    /// The team or unit that issues the brief.
    pub unit: Option<String>,
    /// The handling marking ("Diffusion restreinte", "للاستخدام الداخلي").
    pub classification: Option<String>,
    /// `assessment`, `sitrep`, `note` or a custom template id.
    pub template: Option<String>,
    pub digits: Option<Digits>,
    pub status: Option<Status>,
    /// Fields we do not know, or whose value we could not read, kept verbatim (YAML
    /// text, one entry per top-level key) so writing the brief loses nothing.
    pub extra: Vec<RawField>,
    /// The whole block verbatim when it is not a readable YAML mapping.
    pub unreadable: Option<String>,
}

/// A top-level front matter entry kept as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawField {
    pub key: String,
    /// The entry's lines, from the key to the next key, without trailing newline.
    pub yaml: String,
}

/// Where the front matter is in the text.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Layout {
    /// Byte range of the YAML between the fences.
    pub(crate) yaml: Option<(usize, usize)>,
    /// Where the Markdown body starts.
    pub(crate) body_start: usize,
}

fn lines_with_offsets(text: &str, from: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = from;
    text.get(from..).unwrap_or_default().split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        (start, line)
    })
}

fn trim_eol(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

/// Finds the front matter: `---` on the first line, closed by `---` or `...`.
pub(crate) fn locate(text: &str, sink: &mut Sink) -> Layout {
    let bom = if text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
    let mut lines = lines_with_offsets(text, bom);
    let Some((_, first)) = lines.next() else { return Layout { yaml: None, body_start: bom } };
    if trim_eol(first).trim_end() != "---" {
        return Layout { yaml: None, body_start: bom };
    }
    let yaml_start = bom + first.len();
    for (start, line) in lines {
        let bare = trim_eol(line).trim_end();
        if bare == "---" || bare == "..." {
            return Layout { yaml: Some((yaml_start, start)), body_start: start + line.len() };
        }
    }
    sink.push(Code::FrontMatterUnclosed, Span::new(bom, yaml_start), Vec::new());
    Layout { yaml: None, body_start: bom }
}

/// A top-level `key:` line of the YAML block: (key, byte offset of the line, end of entry).
fn top_level_entries(text: &str, start: usize, end: usize) -> Vec<(String, usize, usize)> {
    let mut entries: Vec<(String, usize, usize)> = Vec::new();
    for (offset, line) in lines_with_offsets(text.get(..end).unwrap_or_default(), start) {
        let first = line.chars().next();
        let starts_entry = first.is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-');
        if !starts_entry {
            continue;
        }
        let Some(colon) = line.find(':') else { continue };
        let key = line.get(..colon).unwrap_or_default().trim().trim_matches(['"', '\'']).to_owned();
        if let Some(last) = entries.last_mut() {
            last.2 = offset;
        }
        entries.push((key, offset, end));
    }
    entries
}

pub(crate) fn parse(text: &str, layout: &Layout, sink: &mut Sink) -> FrontMatter {
    let Some((start, end)) = layout.yaml else {
        sink.push(Code::FrontMatterMissing, Span::new(layout.body_start, layout.body_start), Vec::new());
        return FrontMatter::default();
    };
    let yaml = text.get(start..end).unwrap_or_default();
    let mut front = FrontMatter { present: true, ..FrontMatter::default() };
    let value: Value = match serde_norway::from_str(yaml) {
        Ok(value) => value,
        Err(error) => {
            let at = error.location().map_or(start, |loc| start + loc.index().min(yaml.len()));
            // The location is already in the diagnostic's line/column; keep the reason only.
            let detail = error.to_string();
            let detail = detail.split(" at line ").next().unwrap_or(&detail).to_owned();
            sink.push(Code::FrontMatterInvalid, Span::new(at, at), vec![("detail", Arg::from(detail))]);
            front.unreadable = Some(yaml.trim_end_matches(['\n', '\r']).to_owned());
            return front;
        }
    };
    let mapping = match value {
        Value::Mapping(mapping) => mapping,
        Value::Null => return front,
        _ => {
            sink.push(
                Code::FrontMatterInvalid,
                Span::new(start, start),
                vec![("detail", Arg::from("not a mapping of fields"))],
            );
            front.unreadable = Some(yaml.trim_end_matches(['\n', '\r']).to_owned());
            return front;
        }
    };
    let entries = top_level_entries(text, start, end);
    let raw_of = |key: &str| -> (Span, String) {
        entries.iter().find(|(k, _, _)| k == key).map_or((Span::new(start, start), format!("{key}: ~")), |(_, a, b)| {
            (Span::new(*a, *b), text.get(*a..*b).unwrap_or_default().trim_end_matches(['\n', '\r']).to_owned())
        })
    };
    for (key, value) in &mapping {
        let Some(key) = scalar_text(key) else {
            sink.push(
                Code::FrontMatterInvalid,
                Span::new(start, start),
                vec![("detail", Arg::from("a field name is not text"))],
            );
            continue;
        };
        let (span, raw) = raw_of(&key);
        let bad = |sink: &mut Sink, expected: &str| {
            let shown = scalar_text(value)
                .unwrap_or_else(|| raw.split_once(':').map_or(String::new(), |(_, v)| v.trim().to_owned()));
            sink.push(
                Code::FrontMatterBadValue,
                span,
                vec![
                    ("field", Arg::from(key.as_str())),
                    ("value", Arg::from(shown)),
                    ("expected", Arg::from(expected)),
                ],
            );
        };
        let ok = match key.as_str() {
            "id" => set(&mut front.id, scalar_text(value).and_then(|s| Uuid::parse_str(s.trim()).ok())),
            "title" => set(&mut front.title, scalar_text(value)),
            "subtitle" => set(&mut front.subtitle, scalar_text(value)),
            "unit" => set(&mut front.unit, scalar_text(value)),
            "classification" => set(&mut front.classification, scalar_text(value)),
            "template" => set(&mut front.template, scalar_text(value).filter(|t| !t.trim().is_empty())),
            "lang" => set(&mut front.lang, scalar_text(value).and_then(|s| s.parse().ok())),
            "date" => set(&mut front.date, scalar_text(value).and_then(|s| PartialDate::parse(&s).ok())),
            "digits" => set(
                &mut front.digits,
                scalar_text(value).and_then(|s| match s.trim() {
                    "latn" => Some(Digits::Latn),
                    "arab" => Some(Digits::Arab),
                    _ => None,
                }),
            ),
            "status" => set(
                &mut front.status,
                scalar_text(value).and_then(|s| match s.trim() {
                    "draft" => Some(Status::Draft),
                    "final" => Some(Status::Final),
                    _ => None,
                }),
            ),
            // `author` is Pandoc's name for the field; we read it and write `authors`.
            "authors" | "author" => match authors(value) {
                Some(list) => {
                    front.authors.extend(list);
                    true
                }
                None => false,
            },
            _ => {
                sink.push(Code::FrontMatterUnknownField, span, vec![("field", Arg::from(key.as_str()))]);
                front.extra.push(RawField { key: key.clone(), yaml: raw });
                continue;
            }
        };
        if !ok {
            bad(sink, expected_for(&key));
            front.extra.push(RawField { key: key.clone(), yaml: raw });
        }
    }
    for (field, missing) in [("title", front.title.is_none()), ("lang", front.lang.is_none())] {
        let kept_raw = front.extra.iter().any(|f| f.key == field);
        if missing && !kept_raw {
            sink.push(Code::FrontMatterMissingField, Span::new(start, start), vec![("field", Arg::from(field))]);
        }
    }
    front
}

fn set<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    match value {
        Some(v) => {
            *slot = Some(v);
            true
        }
        None => false,
    }
}

fn expected_for(field: &str) -> &'static str {
    match field {
        "id" => "a UUID",
        "lang" => "ar, fr or en",
        "date" => "YYYY, YYYY-MM or YYYY-MM-DD",
        "digits" => "latn or arab",
        "status" => "draft or final",
        "authors" | "author" => "a name or a list of names",
        _ => "text",
    }
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn authors(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Null => Some(Vec::new()),
        Value::Sequence(items) => items
            .iter()
            .map(|item| match item {
                // Pandoc-style `- name: …` entries.
                Value::Mapping(m) => m.get("name").and_then(scalar_text),
                other => scalar_text(other),
            })
            .collect(),
        other => scalar_text(other).map(|s| vec![s]),
    }
}

/// YAML text for a string: plain when unambiguous, else double-quoted (JSON escapes
/// are valid YAML double-quoted escapes).
fn yaml_string(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("\"{}\"", value.replace(['"', '\\'], "")))
}

fn yaml_word(value: &str) -> String {
    let plain = !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if plain { value.to_owned() } else { yaml_string(value) }
}

/// Writes the front matter block, fences included, in canonical field order.
pub(crate) fn write(front: &FrontMatter, out: &mut String) {
    if !front.present && front == &(FrontMatter::default()) {
        return;
    }
    out.push_str("---\n");
    if let Some(raw) = &front.unreadable {
        out.push_str(raw);
        out.push('\n');
        out.push_str("---\n");
        return;
    }
    let mut line = |key: &str, value: String| {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&value);
        out.push('\n');
    };
    if let Some(id) = front.id {
        line("id", id.to_string());
    }
    if let Some(v) = &front.title {
        line("title", yaml_string(v));
    }
    if let Some(v) = &front.subtitle {
        line("subtitle", yaml_string(v));
    }
    if let Some(v) = front.lang {
        line("lang", v.code().to_owned());
    }
    if let Some(v) = front.date {
        line("date", v.to_string());
    }
    if !front.authors.is_empty() {
        let list: Vec<String> = front.authors.iter().map(|a| format!("\n  - {}", yaml_string(a))).collect();
        out.push_str("authors:");
        out.push_str(&list.concat());
        out.push('\n');
    }
    let mut line = |key: &str, value: String| {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&value);
        out.push('\n');
    };
    if let Some(v) = &front.unit {
        line("unit", yaml_string(v));
    }
    if let Some(v) = &front.classification {
        line("classification", yaml_string(v));
    }
    if let Some(v) = &front.template {
        line("template", yaml_word(v));
    }
    if let Some(v) = front.digits {
        line(
            "digits",
            match v {
                Digits::Latn => "latn",
                Digits::Arab => "arab",
            }
            .to_owned(),
        );
    }
    if let Some(v) = front.status {
        line(
            "status",
            match v {
                Status::Draft => "draft",
                Status::Final => "final",
            }
            .to_owned(),
        );
    }
    for field in &front.extra {
        out.push_str(&field.yaml);
        out.push('\n');
    }
    out.push_str("---\n");
}

/// Sets the brief's `id` in its front matter, touching nothing else: an existing
/// top-level `id:` line gets the new value, otherwise `id:` becomes the block's first
/// line; a file without (closed) front matter gets a new block on top. Line endings
/// follow the file's.
pub fn set_id(text: &str, id: Uuid) -> String {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut sink = Sink::default();
    let layout = locate(text, &mut sink);
    let bom = if text.starts_with('\u{FEFF}') { "\u{FEFF}" } else { "" };
    let Some((start, end)) = layout.yaml else {
        let rest = text.get(bom.len()..).unwrap_or_default();
        return format!("{bom}---{eol}id: {id}{eol}---{eol}{eol}{rest}");
    };
    let id_line = lines_with_offsets(text.get(..end).unwrap_or_default(), start)
        .find(|(_, line)| line.strip_prefix("id").is_some_and(|rest| rest.trim_start().starts_with(':')));
    let mut out = String::with_capacity(text.len() + 48);
    match id_line {
        Some((offset, line)) => {
            let line_eol = &line[trim_eol(line).len()..];
            out.push_str(text.get(..offset).unwrap_or_default());
            out.push_str(&format!("id: {id}{line_eol}"));
            out.push_str(text.get(offset + line.len()..).unwrap_or_default());
        }
        None => {
            out.push_str(text.get(..start).unwrap_or_default());
            out.push_str(&format!("id: {id}{eol}"));
            out.push_str(text.get(start..).unwrap_or_default());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (FrontMatter, Vec<Code>) {
        let mut sink = Sink::default();
        let layout = locate(text, &mut sink);
        let front = parse(text, &layout, &mut sink);
        (front, sink.items.iter().map(|d| d.code).collect())
    }

    #[test]
    fn reads_every_field() {
        let text = "---\nid: 7b0c2f1e-3c1a-4b8e-9a57-6a4cf9b0d2aa\ntitle: \"Mali : le blocus\"\nsubtitle: Note\nlang: fr\ndate: 2025-11-20\nauthors:\n  - Amina Diallo\n  - Karim Haddad\nunit: Cellule Sahel\nclassification: Diffusion restreinte\ntemplate: assessment\ndigits: latn\nstatus: draft\n---\nbody";
        let (front, codes) = read(text);
        assert_eq!(codes, []);
        assert_eq!(front.title.as_deref(), Some("Mali : le blocus"));
        assert_eq!(front.lang, Some(Lang::Fr));
        assert_eq!(front.authors, ["Amina Diallo", "Karim Haddad"]);
        assert_eq!(front.digits, Some(Digits::Latn));
        assert_eq!(front.status, Some(Status::Draft));
        assert_eq!(front.date.unwrap().to_string(), "2025-11-20");
    }

    #[test]
    fn bad_and_unknown_fields_are_diagnosed_and_kept() {
        let (front, codes) = read("---\ntitle: T\nlang: de\ncolor: blue\n---\n");
        assert_eq!(codes, [Code::FrontMatterBadValue, Code::FrontMatterUnknownField]);
        assert_eq!(front.extra.iter().map(|f| f.yaml.as_str()).collect::<Vec<_>>(), ["lang: de", "color: blue"]);
        let (_, codes) = read("---\ntitle: [unclosed\n---\n");
        assert_eq!(codes, [Code::FrontMatterInvalid]);
        let (_, codes) = read("---\ntitle: T\n");
        assert_eq!(codes, [Code::FrontMatterUnclosed, Code::FrontMatterMissing]);
        let (_, codes) = read("# Just a heading\n");
        assert_eq!(codes, [Code::FrontMatterMissing]);
        let (_, codes) = read("---\n- a\n- b\n---\n");
        assert_eq!(codes, [Code::FrontMatterInvalid]);
    }

    #[test]
    fn set_id_touches_nothing_else() {
        let id = Uuid::from_u128(0x1234);
        let text = "---\r\ntitle: T   # comment kept\r\nlang: ar\r\n---\r\n\r\nنص\r\n";
        let out = set_id(text, id);
        assert_eq!(out, format!("---\r\nid: {id}\r\ntitle: T   # comment kept\r\nlang: ar\r\n---\r\n\r\nنص\r\n"));
        let again = set_id(&out, Uuid::from_u128(0x99));
        assert_eq!(again, out.replace(&id.to_string(), &Uuid::from_u128(0x99).to_string()));
        let bare = set_id("# Titre\n", id);
        assert_eq!(bare, format!("---\nid: {id}\n---\n\n# Titre\n"));
        let (front, _) = read(&bare);
        assert_eq!(front.id, Some(id));
    }
}
