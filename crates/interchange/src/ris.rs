//! RIS: records of `XX  - value` lines from `TY` to `ER`.
//!
//! Mapping choices: `AU`/`A1` are authors (`Family, Given`, or a literal name without a
//! comma); editors (`A2`, `ED`) are not read. The title is `TI` or `T1` (for books, `BT`
//! when neither is given), the translated title `TT` (RIS's own tag for it); the
//! container is the first of `T2`, `JF`, `JO`, `JA`, `BT`. The
//! date is `DA` when present, else `PY`/`Y1` (`2025/11/20/`, `2025///`, or ISO); `Y2` is
//! the access date. `SP` and `EP` join into `12-15`. Each `KW` is one tag, each `N1` one
//! line of the notes. Mizan's own fields travel in one `C8  - mizan:{json}` line, which
//! other tools show as a custom field and otherwise ignore.

use mizan_source::{CitationKey, PartialDate, Person, Source, SourceType};

use crate::EntryError;
use crate::dates::parse_date_text;
use crate::draft::{Draft, finish};
use crate::extension::{Extension, exact_differences};

/// The prefix that marks our `C8` line.
const EXTENSION_PREFIX: &str = "mizan:";

/// One tag line: where it is, its tag and its value.
#[derive(Debug)]
struct TagLine<'t> {
    line: usize,
    tag: &'t str,
    value: &'t str,
}

/// The lines of one record, or why it is broken.
#[derive(Debug)]
struct Record<'t> {
    start: usize,
    tags: Vec<TagLine<'t>>,
    error: Option<(usize, Option<String>, String)>,
}

impl<'t> Record<'t> {
    fn new(start: usize) -> Self {
        Self { start, tags: Vec::new(), error: None }
    }

    /// Keeps the first problem: later ones are usually its consequences.
    fn fail(&mut self, line: usize, field: Option<&str>, message: String) {
        if self.error.is_none() {
            self.error = Some((line, field.map(str::to_owned), message));
        }
    }

    fn id(&self) -> Option<&'t str> {
        self.tags.iter().find(|t| t.tag == "ID").map(|t| t.value)
    }
}

/// `XX  - value` (value may be empty, and `ER  -` may lack the trailing space).
fn tag_line(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let tag_ok =
        matches!(bytes, [a, b, ..] if a.is_ascii_uppercase() && (b.is_ascii_uppercase() || b.is_ascii_digit()));
    if !tag_ok {
        return None;
    }
    let (tag, rest) = line.split_at(2);
    let rest = rest.strip_prefix("  -")?;
    if rest.is_empty() {
        return Some((tag, ""));
    }
    let value = rest.strip_prefix(' ')?;
    Some((tag, value.trim()))
}

pub(crate) fn read(text: &str) -> Vec<Result<Draft, EntryError>> {
    let mut out = Vec::new();
    let mut current: Option<Record<'_>> = None;
    let mut last_line = 0;
    for (i, line) in text.split('\n').enumerate() {
        let n = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        last_line = n;
        match tag_line(line) {
            None => {
                let record = current.get_or_insert_with(|| Record::new(n));
                record.fail(n, None, format!("this line is not a `XX  - value` tag line: {:?}", shorten(line)));
            }
            Some(("TY", value)) => {
                if let Some(mut unfinished) = current.take() {
                    let start = unfinished.start;
                    unfinished.fail(
                        start,
                        None,
                        format!("the record has no `ER` line before the next `TY` on line {n}"),
                    );
                    out.push(to_draft(out.len() + 1, unfinished));
                }
                let mut record = Record::new(n);
                record.tags.push(TagLine { line: n, tag: "TY", value });
                current = Some(record);
            }
            Some(("ER", _)) => match current.take() {
                Some(record) => out.push(to_draft(out.len() + 1, record)),
                None => out.push(Err(EntryError::new(
                    out.len() + 1,
                    Some(n),
                    "`ER` without a record: no `TY` line opened one",
                )
                .with_field("ER"))),
            },
            Some((tag, value)) => {
                let record = current.get_or_insert_with(|| {
                    let mut record = Record::new(n);
                    record.fail(
                        n,
                        Some("TY"),
                        format!("the record does not start with a `TY` line (it starts with `{tag}`)"),
                    );
                    record
                });
                record.tags.push(TagLine { line: n, tag, value });
            }
        }
    }
    if let Some(mut unfinished) = current.take() {
        let start = unfinished.start;
        unfinished.fail(
            start,
            Some("ER"),
            format!("the record is not closed: the file ends (line {last_line}) without an `ER` line"),
        );
        out.push(to_draft(out.len() + 1, unfinished));
    }
    out
}

fn shorten(line: &str) -> String {
    if line.chars().count() > 40 {
        format!("{}…", line.chars().take(40).collect::<String>())
    } else {
        line.to_owned()
    }
}

fn to_draft(index: usize, record: Record<'_>) -> Result<Draft, EntryError> {
    let shown_key = record.id();
    let err = |line: usize, field: &str, message: String| {
        EntryError::new(index, Some(line), message).with_field(field).with_key(shown_key)
    };
    if let Some((line, field, message)) = record.error {
        let error = EntryError::new(index, Some(line), message).with_key(shown_key);
        return Err(match field {
            Some(field) => error.with_field(field),
            None => error,
        });
    }
    let mut draft = Draft::new(index, Some(record.start));
    let mut containers: [Option<&str>; 5] = [None; 5];
    let (mut issued, mut year, mut start_page, mut end_page) = (None, None, None, None);
    let mut book_title = None;
    let mut notes: Vec<&str> = Vec::new();
    let mut extension: Option<&TagLine<'_>> = None;
    let source = &mut draft.source;
    let first = |slot: &mut Option<String>, value: &str| {
        if slot.is_none() && !value.is_empty() {
            *slot = Some(value.to_owned());
        }
    };
    for t in &record.tags {
        let value = t.value;
        match t.tag {
            "TY" => source.kind = kind_from_ris(value),
            "ID" if !value.is_empty() => draft.key = readable_key(value),
            "AU" | "A1" if !value.is_empty() => source.authors.push(Person::parse(value)),
            "TI" | "T1" if source.title.is_empty() => source.title = value.to_owned(),
            "TT" => first(&mut source.translated_title, value),
            "T2" => containers[0] = containers[0].or(Some(value)),
            "JF" => containers[1] = containers[1].or(Some(value)),
            "JO" => containers[2] = containers[2].or(Some(value)),
            "JA" => containers[3] = containers[3].or(Some(value)),
            "BT" => {
                containers[4] = containers[4].or(Some(value));
                book_title = book_title.or(Some(value));
            }
            "PB" => first(&mut source.publisher, value),
            "DA" if issued.is_none() && !value.is_empty() => {
                issued = Some(ris_date(value).map_err(|m| err(t.line, t.tag, m))?);
            }
            "PY" | "Y1" if year.is_none() && !value.is_empty() => {
                year = Some(ris_date(value).map_err(|m| err(t.line, t.tag, m))?);
            }
            "Y2" if source.accessed.is_none() && !value.is_empty() => {
                source.accessed = Some(ris_date(value).map_err(|m| err(t.line, t.tag, m))?);
            }
            "UR" => first(&mut source.url, value),
            "DO" => first(&mut source.doi, value),
            "LA" => first(&mut source.language, value),
            "SP" => start_page = start_page.or(Some(value)),
            "EP" => end_page = end_page.or(Some(value)),
            "KW" if !value.is_empty() => source.tags.push(value.to_owned()),
            "N1" => notes.push(value),
            "C8" if value.starts_with(EXTENSION_PREFIX) => extension = Some(t),
            _ => {}
        }
    }
    source.issued = issued.or(year);
    source.container_title = containers.iter().flatten().find(|c| !c.is_empty()).map(|c| (*c).to_owned());
    // For a book, BT is its own title when TI/T1 are missing; the container is then
    // only what the other tags say.
    if source.title.is_empty()
        && source.kind == SourceType::Book
        && let Some(title) = book_title.filter(|t| !t.is_empty())
    {
        source.title = title.to_owned();
        source.container_title = containers.iter().take(4).flatten().find(|c| !c.is_empty()).map(|c| (*c).to_owned());
    }
    source.pages = match (start_page.filter(|p| !p.is_empty()), end_page.filter(|p| !p.is_empty())) {
        (Some(start), Some(end)) => Some(format!("{start}-{end}")),
        (Some(start), None) => Some(start.to_owned()),
        (None, Some(end)) => Some(end.to_owned()),
        (None, None) => None,
    };
    let joined = notes.join("\n");
    source.notes = (!joined.trim().is_empty()).then_some(joined);
    if let Some(t) = extension {
        let json = t.value.get(EXTENSION_PREFIX.len()..).unwrap_or_default();
        let ext = Extension::parse(json).map_err(|m| err(t.line, "C8", m))?;
        ext.apply(&mut draft.source, &mut draft.key).map_err(|m| err(t.line, "C8", m))?;
    }
    Ok(draft)
}

/// RIS `ID`s are often record numbers; those say nothing, so such records get a
/// generated key instead.
fn readable_key(id: &str) -> Option<CitationKey> {
    if id.bytes().all(|b| b.is_ascii_digit()) || id.contains("://") {
        return None;
    }
    Some(CitationKey::parse(id).unwrap_or_else(|_| CitationKey::sanitize(id)))
}

/// `2025/11/20/`, `2025/11//`, `2025///`, `2025`, ISO `2025-11-20`, and date-times such as
/// `2025-11-20 10:04:00` (the time is dropped).
fn ris_date(value: &str) -> Result<PartialDate, String> {
    if value.contains('/') && !value.contains('-') {
        let mut parts = value.split('/');
        let mut number = |what: &str| -> Result<Option<u32>, String> {
            match parts.next().map(str::trim) {
                None | Some("") => Ok(None),
                Some(p) if p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()) => Ok(p.parse().ok()),
                Some(p) => Err(format!("{value:?} is not a RIS date: bad {what} {p:?} (expected YYYY/MM/DD/)")),
            }
        };
        let year = number("year")?;
        let month = number("month")?;
        let day = number("day")?;
        // The fourth part is free text ("Spring"); it has no place in the model.
        let year = year.and_then(|y| i32::try_from(y).ok()).ok_or_else(|| format!("{value:?} has no year"))?;
        let small = |v: Option<u32>| v.map(|v| u8::try_from(v).unwrap_or(u8::MAX));
        return PartialDate::new(year, small(month), small(day)).map_err(|e| format!("{value:?} is not a date: {e}"));
    }
    parse_date_text(value).or_else(|first_error| {
        let (date, time) = value.split_once(' ').ok_or(first_error.clone())?;
        if time.contains(':') { parse_date_text(date) } else { Err(first_error) }
    })
}

pub(crate) fn kind_from_ris(ty: &str) -> SourceType {
    match ty.trim().to_ascii_uppercase().as_str() {
        "JOUR" | "MGZN" | "EJOUR" | "JFULL" | "ABST" | "INPR" => SourceType::Article,
        "NEWS" => SourceType::NewsArticle,
        "RPRT" | "STAND" | "PAMP" => SourceType::Report,
        "ELEC" | "WEB" | "BLOG" => SourceType::WebPage,
        "DATA" | "DBASE" | "AGGR" => SourceType::Dataset,
        "BOOK" | "EBOOK" | "EDBOOK" | "CLSWK" => SourceType::Book,
        "CHAP" | "ECHAP" | "CPAPER" | "CONF" | "ENCYC" | "DICT" => SourceType::Chapter,
        "GOVDOC" | "HEAR" => SourceType::OfficialStatement,
        "INTV" | "PCOMM" => SourceType::Interview,
        "ICOMM" => SourceType::SocialMediaPost,
        "THES" => SourceType::Thesis,
        "LEGAL" | "BILL" | "CASE" | "STAT" => SourceType::Legal,
        "VIDEO" | "MPCT" | "SOUND" => SourceType::Broadcast,
        _ => SourceType::Other,
    }
}

pub(crate) fn kind_to_ris(kind: SourceType) -> &'static str {
    match kind {
        SourceType::Article => "JOUR",
        SourceType::NewsArticle => "NEWS",
        SourceType::Report => "RPRT",
        SourceType::WebPage => "ELEC",
        SourceType::Dataset => "DATA",
        SourceType::Book => "BOOK",
        SourceType::Chapter => "CHAP",
        SourceType::OfficialStatement => "GOVDOC",
        SourceType::Interview => "INTV",
        SourceType::SocialMediaPost => "ICOMM",
        SourceType::Thesis => "THES",
        SourceType::Legal => "LEGAL",
        SourceType::Broadcast => "VIDEO",
        SourceType::Other => "GEN",
    }
}

pub(crate) fn write(sources: &[Source]) -> String {
    let mut out = String::new();
    for source in sources {
        let mut ext = Extension::of(source);
        let mut native = String::new();
        render(source, &ext, &mut native);
        let reread = finish(read(&native)).pop().and_then(Result::ok);
        ext.exact = exact_differences(source, reread.as_ref());
        if ext.exact.is_empty() {
            out.push_str(&native);
        } else {
            render(source, &ext, &mut out);
        }
        out.push('\n');
    }
    out
}

fn render(source: &Source, ext: &Extension, out: &mut String) {
    // A value is one line: line breaks inside it become spaces (the exact value, if it
    // matters, travels in the extension).
    let mut tag = |tag: &str, value: &str| {
        out.push_str(tag);
        out.push_str("  - ");
        out.extend(value.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }));
        out.push('\n');
    };
    tag("TY", kind_to_ris(source.kind));
    tag("ID", source.key.as_str());
    tag("TI", &source.title);
    if let Some(translated) = &source.translated_title {
        tag("TT", translated);
    }
    for person in &source.authors {
        tag("AU", &person.to_string());
    }
    if let Some(container) = &source.container_title {
        tag("T2", container);
    }
    if let Some(publisher) = &source.publisher {
        tag("PB", publisher);
    }
    if let Some(date) = source.issued {
        tag("PY", &date.year.to_string());
        tag("DA", &slashed(date));
    }
    if let Some(pages) = &source.pages {
        match pages.split_once('-') {
            Some((start, end)) if !start.is_empty() && !end.is_empty() && !end.contains('-') => {
                tag("SP", start);
                tag("EP", end);
            }
            _ => tag("SP", pages),
        }
    }
    for (name, value) in [("UR", &source.url), ("DO", &source.doi), ("LA", &source.language)] {
        if let Some(value) = value {
            tag(name, value);
        }
    }
    if let Some(date) = source.accessed {
        tag("Y2", &slashed(date));
    }
    for t in &source.tags {
        tag("KW", t);
    }
    if let Some(notes) = &source.notes {
        for line in notes.split('\n') {
            tag("N1", line);
        }
    }
    tag("C8", &format!("{EXTENSION_PREFIX}{}", ext.to_json()));
    out.push_str("ER  - \n");
}

/// `2025/11/20/`, `2025/11//`, `2025///`.
fn slashed(date: PartialDate) -> String {
    let two = |v: Option<u8>| v.map(|v| format!("{v:02}")).unwrap_or_default();
    format!("{:04}/{}/{}/", date.year, two(date.month), two(date.day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(text: &str) -> Vec<Result<Source, EntryError>> {
        finish(read(text))
    }

    #[test]
    fn maps_ris_types_both_ways() {
        for kind in SourceType::ALL {
            assert_eq!(kind_from_ris(kind_to_ris(kind)), kind);
        }
        assert_eq!(kind_from_ris("mgzn"), SourceType::Article);
        assert_eq!(kind_from_ris("CASE"), SourceType::Legal);
        assert_eq!(kind_from_ris("XYZ"), SourceType::Other);
    }

    #[test]
    fn reads_a_record() {
        let text = "TY  - NEWS\r\nAU  - Diallo, Fatoumata\r\nAU  - Agence Sahel Info\r\nTI  - Bamako sous blocus\r\nJO  - Le Journal\r\nT2  - Sahel Hebdo\r\nPY  - 2025///\r\nDA  - 2025/11/20/\r\nSP  - 4\r\nEP  - 5\r\nKW  - Mali\r\nKW  - carburant\r\nN1  - ligne 1\r\nN1  - ligne 2\r\nY2  - 2025-11-21 10:04:00\r\nLA  - fr\r\nER  - \r\n";
        let out = results(text);
        let s = out[0].as_ref().unwrap();
        assert_eq!(s.kind, SourceType::NewsArticle);
        assert_eq!(s.authors, [Person::structured("Fatoumata", "Diallo"), Person::literal("Agence Sahel Info")]);
        assert_eq!(s.container_title.as_deref(), Some("Sahel Hebdo"), "T2 comes before JO");
        assert_eq!(s.issued.unwrap().to_string(), "2025-11-20", "DA is more precise than PY");
        assert_eq!(s.accessed.unwrap().to_string(), "2025-11-21");
        assert_eq!(s.pages.as_deref(), Some("4-5"));
        assert_eq!(s.tags, ["Mali", "carburant"]);
        assert_eq!(s.notes.as_deref(), Some("ligne 1\nligne 2"));
        assert_eq!(s.language.as_deref(), Some("fr"));
        assert_eq!(s.key.as_str(), "diallo-2025-bamako");
    }

    #[test]
    fn a_book_may_be_titled_by_bt() {
        let out = results("TY  - BOOK\nBT  - Le Sahel en armes\nT2  - Collection Afrique\nPY  - 2023\nER  - \n");
        let s = out[0].as_ref().unwrap();
        assert_eq!((s.title.as_str(), s.container_title.as_deref()), ("Le Sahel en armes", Some("Collection Afrique")));
    }

    #[test]
    fn partial_ris_dates() {
        assert_eq!(ris_date("2025///").unwrap().to_string(), "2025");
        assert_eq!(ris_date("2025/09//").unwrap().to_string(), "2025-09");
        assert_eq!(ris_date("2025/09/14/Spring").unwrap().to_string(), "2025-09-14");
        assert_eq!(ris_date("2025").unwrap().to_string(), "2025");
        assert!(ris_date("2025/13//").unwrap_err().contains("month out of range"));
        assert!(ris_date("/11/20/").unwrap_err().contains("no year"));
        assert!(ris_date("hier").is_err());
    }

    #[test]
    fn broken_records_are_located_exactly() {
        let text = "\
TY  - JOUR
TI  - Un
ER  - 
ER  - 
TI  - Sans type
ER  - 
TY  - JOUR
TI  - Date fausse
DA  - 2025/02/30/
ER  - 
TY  - JOUR
TI  - Ligne cassée
n'importe quoi
ER  - 
TY  - JOUR
TI  - Pas de fin
TY  - RPRT
T1  - Deux
ER  - 
TY  - RPRT
ID  - sans-titre
ER  - 
TY  - GEN
TI  - Coupé
";
        let out = results(text);
        assert_eq!(out.len(), 9);
        assert!(out[0].is_ok() && out[6].is_ok());
        let e = |i: usize| out[i].as_ref().unwrap_err();
        let brief = |i: usize| (e(i).index, e(i).line, e(i).field.clone());
        assert_eq!(brief(1), (2, Some(4), Some("ER".into())));
        assert_eq!(brief(2), (3, Some(5), Some("TY".into())));
        assert_eq!(brief(3), (4, Some(9), Some("DA".into())));
        assert!(e(3).message.contains("day out of range"), "{}", e(3));
        assert_eq!(brief(4), (5, Some(13), None));
        assert!(e(4).message.contains("n'importe quoi"), "{}", e(4));
        assert_eq!(brief(5), (6, Some(15), None));
        assert!(e(5).message.contains("line 17"), "{}", e(5));
        assert_eq!(brief(7), (8, Some(20), Some("title".into())));
        assert_eq!(e(7).key.as_deref(), Some("sans-titre"));
        assert_eq!(brief(8), (9, Some(23), Some("ER".into())));
        assert_eq!(e(3).to_string(), "entry 4, line 9, field `DA`: \"2025/02/30/\" is not a date: day out of range");
    }

    #[test]
    fn tag_lines() {
        assert_eq!(tag_line("TY  - JOUR"), Some(("TY", "JOUR")));
        assert_eq!(tag_line("ER  -"), Some(("ER", "")));
        assert_eq!(tag_line("T1  - "), Some(("T1", "")));
        assert_eq!(tag_line("TY - JOUR"), None);
        assert_eq!(tag_line("ty  - JOUR"), None);
        assert_eq!(tag_line("TY  -JOUR"), None);
        assert_eq!(tag_line("ت"), None);
    }
}
