//! Web of Science's plain-text export ("Other file formats" → "Plain text"): records of
//! two-letter tags and a space (`PT J`, `AU Diallo, F`, `TI …`), continuation lines
//! indented by three spaces, `ER` closing each record and `EF` the file, after an `FN`
//! header. It is not RIS, but analysts have it in hand, so it is read the same way.
//!
//! Mapping: `PT` the type (J journal article, B book, S series, P patent), `AF` (full
//! names) or else `AU` the authors, one a line, `TI` the title, `SO` the journal or book,
//! `PU` the publisher, `PY` and `PD` the date (`APR 15`, `SPR`, `JAN-FEB`), `BP`–`EP`
//! the pages, `DI` the DOI, `LA` the language (`English`), `DE` the keywords (tags).

use mizan_source::{Person, SourceType};

use crate::EntryError;
use crate::dates::read_date_text;
use crate::draft::Draft;

/// Whether the text is a Web of Science export: an `FN` line first, then tag lines.
pub(crate) fn is_wos(text: &str) -> bool {
    let mut lines = text.lines().map(|l| l.trim_start_matches('\u{feff}')).filter(|l| !l.trim().is_empty());
    lines.next().is_some_and(|first| first.starts_with("FN ")) && lines.next().is_some_and(|l| tag(l).is_some())
}

/// `XX value`: two capitals (or a capital and a digit) and a space.
fn tag(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let ok = matches!(bytes, [a, b, b' ', ..] if a.is_ascii_uppercase() && (b.is_ascii_uppercase() || b.is_ascii_digit()))
        || matches!(bytes, [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase());
    ok.then(|| (line.get(..2).unwrap_or_default(), line.get(3..).unwrap_or_default().trim()))
}

pub(crate) fn read(text: &str) -> Vec<Result<Draft, EntryError>> {
    let mut out = Vec::new();
    // The record's tags: (line, tag, values, one per line, continuation lines included).
    let mut record: Vec<(usize, String, Vec<String>)> = Vec::new();
    let mut start = 0;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_start_matches('\u{feff}').trim_end();
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with("   ") {
            if let Some((_, _, values)) = record.last_mut() {
                values.push(line.trim().to_owned());
            }
            continue;
        }
        match tag(line) {
            Some(("FN" | "VR" | "EF", _)) => {}
            Some(("ER", _)) if !record.is_empty() => {
                out.push(Ok(to_draft(out.len() + 1, start, std::mem::take(&mut record))));
            }
            Some(("ER", _)) => {}
            Some((t, value)) => {
                if record.is_empty() {
                    start = n;
                }
                record.push((n, t.to_owned(), vec![value.to_owned()]));
            }
            None => {}
        }
    }
    if !record.is_empty() {
        let mut draft = to_draft(out.len() + 1, start, record);
        draft.warn(Some(start), Some("ER"), "the record is not closed: the file ends without an `ER` line".into());
        out.push(Ok(draft));
    }
    out
}

fn to_draft(index: usize, start: usize, record: Vec<(usize, String, Vec<String>)>) -> Draft {
    let mut draft = Draft::new(index, Some(start));
    let get = |t: &str| record.iter().find(|(_, name, _)| name == t);
    let joined = |t: &str| get(t).map(|(_, _, v)| v.join(" ")).filter(|v| !v.is_empty());
    let source = &mut draft.source;
    source.kind = match joined("PT").as_deref() {
        Some("J") => SourceType::Article,
        Some("B") => SourceType::Book,
        Some("S") => SourceType::Chapter,
        _ => SourceType::Other,
    };
    source.title = joined("TI").unwrap_or_default();
    let names = get("AF").or_else(|| get("AU")).map(|(_, _, v)| v.clone()).unwrap_or_default();
    source.authors = names.iter().filter(|n| !n.trim().is_empty()).map(|n| Person::parse(n)).collect();
    source.container_title = joined("SO");
    source.publisher = joined("PU");
    source.doi = joined("DI");
    source.language = joined("LA");
    source.pages = match (joined("BP"), joined("EP")) {
        (Some(b), Some(e)) => Some(format!("{b}-{e}")),
        (b, e) => b.or(e),
    };
    source.tags = joined("DE").map(|k| crate::csl::split_tags(&k)).unwrap_or_default();
    if let Some((line, _, year)) = get("PY") {
        let year = year.join(" ");
        // `PD` is a month (`APR`), a day (`APR 15`), a season (`SPR`) or two months.
        let written = match joined("PD") {
            Some(pd) => {
                let pd = pd
                    .replace("SPR", "Spring")
                    .replace("SUM", "Summer")
                    .replace("FAL", "Fall")
                    .replace("WIN", "Winter");
                let first = pd.split('-').next().unwrap_or(&pd).to_owned();
                let mut words = first.split_whitespace();
                match (words.next(), words.next()) {
                    (Some(month), Some(day)) => format!("{month} {day}, {year}"),
                    (Some(month), None) => format!("{month} {year}"),
                    _ => year.clone(),
                }
            }
            None => year.clone(),
        };
        let read = match read_date_text(&written) {
            read if read.date.is_some() => read,
            _ => read_date_text(&year),
        };
        let source = &mut draft.source;
        if let Some(warning) = read.store(&mut source.issued, &mut source.issued_detail) {
            draft.warn(Some(*line), Some("PY"), warning);
        }
    }
    draft
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::finish;

    const WOS: &str = "\u{feff}FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Diallo, F\n   Traore, A\nAF Diallo, Fatoumata\n   Traore, Aminata\nTI The fuel blockade of Bamako and the\n   economy of Mali\nSO JOURNAL OF SAHEL STUDIES\nLA English\nDE blockade; Mali\nPD SPR\nPY 2025\nBP 12\nEP 30\nDI 10.1000/sahel.2025.1\nER\n\nPT B\nTI Second\nPY 2024\nPD APR 15\nER\n\nEF\n";

    #[test]
    fn reads_a_web_of_science_export() {
        assert!(is_wos(WOS));
        let out = finish(read(WOS));
        let first = out[0].as_ref().unwrap();
        assert_eq!(first.title, "The fuel blockade of Bamako and the economy of Mali");
        assert_eq!(first.authors, [Person::structured("Fatoumata", "Diallo"), Person::structured("Aminata", "Traore")]);
        assert_eq!(first.container_title.as_deref(), Some("JOURNAL OF SAHEL STUDIES"));
        assert_eq!(first.issued_shown().as_deref(), Some("2025-21"));
        assert_eq!((first.pages.as_deref(), first.doi.as_deref()), (Some("12-30"), Some("10.1000/sahel.2025.1")));
        assert_eq!(first.tags, ["blockade", "Mali"]);
        let second = out[1].as_ref().unwrap();
        assert_eq!((second.kind, second.issued.unwrap().to_string()), (SourceType::Book, "2024-04-15".to_owned()));
        assert!(!is_wos("TY  - JOUR\n"));
    }
}
