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
//!
//! Read the way Zotero reads files from the databases: a line that is not a tag line
//! continues the value before it (long abstracts and notes are wrapped so), a `TY` before
//! an `ER` starts a new record, a file ending without `ER` closes its last record, and
//! blank lines, byte-order marks and stray text outside records are skipped; the records
//! are kept, with a warning where the file was broken. A file with no `TY  - ` line at
//! all is not RIS and is refused in one line, unless it is a Web of Science export (see
//! `wos`). Dates that do not read are kept as written (`PY  - 13th cent`).

use std::borrow::Cow;

use mizan_source::{CitationKey, PartialDate, Person, Season, Source, SourceType, ascii_digits};

use crate::dates::{DateRead, read_date_text};
use crate::draft::{Draft, finish};
use crate::extension::{Extension, exact_differences};
use crate::{EntryError, ReadError};

/// The prefix that marks our `C8` line.
const EXTENSION_PREFIX: &str = "mizan:";

/// One tag line: where it is, its tag and its value (with its continuation lines).
#[derive(Debug)]
struct TagLine<'t> {
    line: usize,
    tag: &'t str,
    value: Cow<'t, str>,
}

/// The lines of one record, and what to warn about it.
#[derive(Debug)]
struct Record<'t> {
    start: usize,
    tags: Vec<TagLine<'t>>,
    warnings: Vec<(usize, Option<String>, String)>,
}

impl<'t> Record<'t> {
    fn new(start: usize) -> Self {
        Self { start, tags: Vec::new(), warnings: Vec::new() }
    }

    fn warn(&mut self, line: usize, field: Option<&str>, message: String) {
        self.warnings.push((line, field.map(str::to_owned), message));
    }

    fn id(&self) -> Option<&str> {
        self.tags.iter().find(|t| t.tag == "ID").map(|t| t.value.as_ref())
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

pub(crate) fn read(text: &str) -> Result<Vec<Result<Draft, EntryError>>, ReadError> {
    if text.trim_matches(|c: char| c.is_whitespace() || invisible(c)).is_empty() {
        return Ok(Vec::new());
    }
    let lines = || text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l).trim_start_matches(invisible));
    if !lines().any(|l| l.starts_with("TY  -")) {
        if crate::wos::is_wos(text) {
            return Ok(crate::wos::read(text));
        }
        let first = lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        return Err(ReadError::NotRis { first_line: shorten(first) });
    }
    let mut out = Vec::new();
    let mut current: Option<Record<'_>> = None;
    let mut last_line = 0;
    for (i, line) in lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        last_line = n;
        match tag_line(line) {
            // A tag written with the wrong spacing (`TI - x`) is still that tag.
            None if current.is_some() && loose_tag_line(line).is_some() => {
                if let (Some(record), Some((tag, value))) = (current.as_mut(), loose_tag_line(line)) {
                    record.warn(
                        n,
                        Some(tag),
                        format!("the tag line {:?} is not spaced `XX  - value`; read as `{tag}`", shorten(line)),
                    );
                    record.tags.push(TagLine { line: n, tag, value: Cow::Borrowed(value) });
                }
            }
            // Inside a record, a line that is no tag line continues the value before it.
            // Outside one, it is stray text and skipped.
            None => {
                if let Some(last) = current.as_mut().and_then(|r| r.tags.last_mut()) {
                    let value = last.value.to_mut();
                    if !value.is_empty() {
                        value.push(' ');
                    }
                    value.push_str(line.trim());
                }
            }
            Some(("TY", value)) => {
                if let Some(mut unfinished) = current.take() {
                    let start = unfinished.start;
                    unfinished.warn(
                        start,
                        Some("ER"),
                        format!("the record has no `ER` line; it ends where the next `TY` starts, line {n}"),
                    );
                    out.push(to_draft(out.len() + 1, unfinished));
                }
                let mut record = Record::new(n);
                record.tags.push(TagLine { line: n, tag: "TY", value: Cow::Borrowed(value) });
                current = Some(record);
            }
            // An `ER` outside a record closes nothing and holds nothing.
            Some(("ER", _)) => {
                if let Some(record) = current.take() {
                    out.push(to_draft(out.len() + 1, record));
                }
            }
            Some((tag, value)) => {
                let record = current.get_or_insert_with(|| {
                    let mut record = Record::new(n);
                    record.warn(
                        n,
                        Some("TY"),
                        format!(
                            "the record does not start with a `TY` line (it starts with `{tag}`); its type is unknown"
                        ),
                    );
                    record
                });
                record.tags.push(TagLine { line: n, tag, value: Cow::Borrowed(value) });
            }
        }
    }
    if let Some(mut unfinished) = current.take() {
        let start = unfinished.start;
        unfinished.warn(
            start,
            Some("ER"),
            format!("the record is not closed: the file ends (line {last_line}) without an `ER` line"),
        );
        out.push(to_draft(out.len() + 1, unfinished));
    }
    Ok(out)
}

/// `XX - value`, `XX -value`, `XX-value`: a tag of two capitals (or a capital and a
/// digit) and a dash with the spacing wrong.
fn loose_tag_line(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    if !matches!(bytes, [a, b, ..] if a.is_ascii_uppercase() && (b.is_ascii_uppercase() || b.is_ascii_digit())) {
        return None;
    }
    let (tag, rest) = line.split_at(2);
    let rest = rest.trim_start_matches(' ').strip_prefix('-')?;
    Some((tag, rest.trim()))
}

/// Characters that are no text: a byte-order mark or zero-width space where a file was
/// joined from others, a NUL an editor left.
fn invisible(c: char) -> bool {
    matches!(c, '\u{feff}' | '\u{200b}' | '\u{0}')
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
    let mut draft = Draft::new(index, Some(record.start));
    for (line, field, message) in &record.warnings {
        draft.warn(Some(*line), field.as_deref(), message.clone());
    }
    let mut date_warnings = Vec::new();
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
        let value = t.value.as_ref();
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
            "DA" if issued.is_none() && !value.is_empty() => issued = Some((t, ris_date(value))),
            "PY" | "Y1" if year.is_none() && !value.is_empty() => year = Some((t, ris_date(value))),
            "Y2" if source.accessed.is_none() && !value.is_empty() => {
                if let Some(w) = ris_date(value).store(&mut source.accessed, &mut source.accessed_detail) {
                    date_warnings.push((t.line, t.tag, w));
                }
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
    // DA is the more precise, unless it does not read and PY does.
    let date = match (issued, year) {
        (Some(da), Some(py)) if da.1.date.is_none() && py.1.date.is_some() => Some(py),
        (da, py) => da.or(py),
    };
    if let Some((t, date)) = date
        && let Some(w) = date.store(&mut source.issued, &mut source.issued_detail)
    {
        date_warnings.push((t.line, t.tag, w));
    }
    for (line, tag, message) in date_warnings {
        draft.warn(Some(line), Some(tag), message);
    }
    let source = &mut draft.source;
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

/// `2025/11/20/`, `2025/11//`, `2025///Spring` (the fourth part is free text: a season
/// is kept as one, other words as written), `2025`, ISO `2025-11-20`, date-times such as
/// `2025-11-20 10:04:00` (the time is dropped), and whatever [`read_date_text`] reads.
fn ris_date(value: &str) -> DateRead {
    let ascii = ascii_digits(value);
    let (negative, body) = match ascii.strip_prefix('-') {
        Some(body) => (true, body),
        None => (false, ascii.as_ref()),
    };
    if body.contains('/') && !body.contains('-') && body.split('/').count() <= 4 {
        let mut parts = body.split('/');
        let mut number = || -> Option<Option<u32>> {
            match parts.next().map(str::trim) {
                None | Some("") => Some(None),
                Some(p) if p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()) => Some(p.parse().ok()),
                Some(_) => None,
            }
        };
        if let (Some(Some(year)), Some(month), Some(day)) = (number(), number(), number()) {
            let other = parts.next().map(str::trim).filter(|o| !o.is_empty());
            let small = |v: Option<u32>| v.map(|v| u8::try_from(v).unwrap_or(u8::MAX));
            let year = i32::try_from(year).unwrap_or(i32::MAX);
            let year = if negative { -year } else { year };
            if let Ok(date) = PartialDate::new(year, small(month), small(day)) {
                let mut read = DateRead::plain(date);
                match other.map(|o| (o, read_date_text(&format!("{o} {year}")).detail.season)) {
                    Some((_, Some(season))) if date.month.is_none() => read.detail.season = Some(season),
                    Some(_) => read.detail.literal = Some(value.trim().to_owned()),
                    None => {}
                }
                return read;
            }
        }
    }
    let read = read_date_text(value);
    if read.date.is_none()
        && let Some((date, time)) = value.split_once(' ')
        && time.contains(':')
    {
        let without_time = read_date_text(date);
        if without_time.date.is_some() {
            return without_time;
        }
    }
    read
}

/// The fourth part of a RIS date for a season (`2025///Spring`).
fn season_word(season: Season) -> &'static str {
    match season {
        Season::Spring => "Spring",
        Season::Summer => "Summer",
        Season::Autumn => "Fall",
        Season::Winter => "Winter",
    }
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
        let reread = read(&native).ok().map(finish).and_then(|mut entries| entries.pop()).and_then(Result::ok);
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
    let detail = source.issued_detail();
    match source.issued {
        Some(date) => {
            tag("PY", slashed(date).split('/').next().unwrap_or_default());
            let mut da = slashed(date);
            match (detail.and_then(|d| d.season), detail.and_then(|d| d.literal.as_deref())) {
                (Some(season), _) if date.month.is_none() => da.push_str(season_word(season)),
                (_, Some(words)) => da.push_str(words),
                _ => {}
            }
            tag("DA", &da);
        }
        None => {
            if let Some(words) = detail.and_then(|d| d.literal.as_deref()) {
                tag("PY", words);
            }
        }
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
    match (source.accessed, source.accessed_detail().and_then(|d| d.literal.as_deref())) {
        (Some(date), _) => tag("Y2", &slashed(date)),
        (None, Some(words)) => tag("Y2", words),
        (None, None) => {}
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
    let year = if date.year < 0 { format!("-{:04}", date.year.unsigned_abs()) } else { format!("{:04}", date.year) };
    format!("{year}/{}/{}/", two(date.month), two(date.day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(text: &str) -> Vec<Result<Source, EntryError>> {
        finish(read(text).unwrap())
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
        let shown = |v: &str| {
            let read = ris_date(v);
            let mut source = Source::new(CitationKey::sanitize("k"), "t");
            read.store(&mut source.issued, &mut source.issued_detail);
            source.issued_shown().unwrap_or_default()
        };
        assert_eq!(shown("2025///"), "2025");
        assert_eq!(shown("2025/09//"), "2025-09");
        assert_eq!(shown("2025/09/14/Spring"), "2025/09/14/Spring", "words beyond a day: kept as written");
        assert_eq!(shown("2025///Spring"), "2025-21");
        assert_eq!(shown("٢٠٢٥/١١//"), "2025-11");
        assert_eq!(shown("-0044/03/15/"), "-0044-03-15");
        assert_eq!(shown("2025"), "2025");
        assert_eq!(shown("2025-11-21 10:04:00"), "2025-11-21");
        for kept in ["2025/13//", "/11/20/", "hier"] {
            let read = ris_date(kept);
            assert_eq!((read.date, read.detail.literal.as_deref()), (None, Some(kept)), "{kept}");
            assert!(read.warning.is_some(), "{kept}");
        }
    }

    #[test]
    fn broken_records_are_kept_the_way_zotero_keeps_them() {
        let text = "\u{feff}\n  \nTY  - JOUR\nTI  - Un\nN1  - Une longue note coupée\n   sur deux lignes\nER  - \nER  - \nTI  - Sans type\nER  - \nTY  - JOUR\nTI  - Pas de fin\nTY  - RPRT\nDO  - 10.1000/xyz\nER  - \nTY  - GEN\nTI  - Coupé\n";
        let report = crate::read_report(crate::Format::Ris, text.as_bytes()).unwrap();
        let titles: Vec<&str> = report.entries.iter().map(|e| e.as_ref().unwrap().title.as_str()).collect();
        assert_eq!(titles, ["Un", "Sans type", "Pas de fin", "", "Coupé"]);
        let warned: Vec<(usize, Option<usize>, Option<&str>)> =
            report.warnings.iter().map(|w| (w.index, w.line, w.field.as_deref())).collect();
        assert_eq!(
            warned,
            [
                (2, Some(9), Some("TY")),
                (3, Some(11), Some("ER")),
                (4, Some(13), Some("title")),
                (5, Some(16), Some("ER"))
            ]
        );
        let first = report.entries[0].as_ref().unwrap();
        assert_eq!(first.notes.as_deref(), Some("Une longue note coupée sur deux lignes"));
        let doi_only = report.entries[3].as_ref().unwrap();
        assert_eq!(doi_only.doi.as_deref(), Some("10.1000/xyz"), "no title, but a DOI: kept");
    }

    #[test]
    fn a_file_that_is_not_ris_says_so_in_one_line() {
        let err = read("PT J\nAU Diallo, F\nTI x\nER\n").unwrap_err();
        assert_eq!(err.to_string(), "not a RIS file: first line \"PT J\"");
        assert!(matches!(read("\n\nhello"), Err(ReadError::NotRis { first_line }) if first_line == "hello"));
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
