//! What the three readers have in common: an entry read but not yet checked, and the last
//! step that checks titles and gives keyless entries a readable, unique key.

use std::collections::HashSet;

use mizan_source::{CitationKey, Source};

use crate::{EntryError, EntryWarning};

/// One entry as a reader understood it, before the title check and key generation.
#[derive(Debug)]
pub(crate) struct Draft {
    /// 1-based position in the file.
    pub index: usize,
    /// Where the entry starts.
    pub line: Option<usize>,
    /// The key the file gives, if it gives a usable one.
    pub key: Option<CitationKey>,
    /// The source; its `key` is replaced by `finish`.
    pub source: Source,
    /// What the reader kept but warns about: (line, field as the file names it, message).
    pub warnings: Vec<(Option<usize>, Option<String>, String)>,
}

impl Draft {
    pub(crate) fn new(index: usize, line: Option<usize>) -> Self {
        Self { index, line, key: None, source: Source::new(CitationKey::sanitize(""), ""), warnings: Vec::new() }
    }

    /// Records a warning about this entry.
    pub(crate) fn warn(&mut self, line: Option<usize>, field: Option<&str>, message: String) {
        self.warnings.push((line, field.map(str::to_owned), message));
    }
}

/// Gives keyless entries a key made of the first author's family name, the year and the
/// first significant title word, unique within the file (`-2`, `-3`… when taken), and
/// gathers the warnings (an entry without a title is kept, with one).
pub(crate) fn finish(entries: Vec<Result<Draft, EntryError>>) -> Vec<Result<Source, EntryError>> {
    finish_with_warnings(entries).0
}

/// [`finish`], with the warnings in file order, each naming the entry's final key.
pub(crate) fn finish_with_warnings(
    entries: Vec<Result<Draft, EntryError>>,
) -> (Vec<Result<Source, EntryError>>, Vec<EntryWarning>) {
    // The keys in use matter only when some entry needs a generated one.
    let needs_keys = entries.iter().any(|e| e.as_ref().is_ok_and(|d| d.key.is_none()));
    let mut taken: HashSet<String> = if needs_keys {
        entries.iter().filter_map(|e| e.as_ref().ok()?.key.as_ref().map(|k| k.as_str().to_owned())).collect()
    } else {
        HashSet::new()
    };
    let mut warnings = Vec::new();
    let sources = entries
        .into_iter()
        .map(|entry| {
            let draft = entry?;
            let Draft { index, line, key, mut source, warnings: mut notes } = draft;
            if source.title.trim().is_empty() {
                // Zotero, JabRef and pandoc keep such entries (`@set`, a DOI-only record):
                // so does Mizan, and the analyst can title it.
                notes
                    .insert(0, (line, Some("title".to_owned()), "the entry has no title; kept without one".to_owned()));
            }
            source.key = match key {
                Some(key) => key,
                None => unique_key(&source, &mut taken),
            };
            for (line, field, message) in notes {
                let warning = EntryError::new(index, line, message).with_key(Some(source.key.as_str()));
                warnings.push(match field {
                    Some(field) => warning.with_field(field),
                    None => warning,
                });
            }
            Ok(source)
        })
        .collect();
    (sources, warnings)
}

/// A key for a source whose file gave none, not yet in `taken` (and then added to it).
fn unique_key(source: &Source, taken: &mut HashSet<String>) -> CitationKey {
    let base = generated_key(source);
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(candidate.as_str()) {
        candidate = CitationKey::sanitize(&format!("{base}-{n}"));
        n += 1;
    }
    taken.insert(candidate.as_str().to_owned());
    candidate
}

/// `traore-2025-blocus`: family name, year, first title word that is not an article.
pub(crate) fn generated_key(source: &Source) -> CitationKey {
    const SKIPPED: [&str; 16] =
        ["the", "a", "an", "of", "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "in", "en"];
    let mut parts: Vec<String> = Vec::new();
    if let Some(author) = source.authors.first() {
        parts.push(author.family_or_literal().to_lowercase());
    }
    if let Some(date) = source.issued {
        parts.push(date.year.to_string());
    }
    let word = source
        .title
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty() && !SKIPPED.contains(&w.to_lowercase().as_str()));
    if let Some(word) = word {
        parts.push(word.to_lowercase());
    }
    CitationKey::sanitize(&parts.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mizan_source::{PartialDate, Person};

    fn draft(index: usize, key: Option<&str>, title: &str) -> Result<Draft, EntryError> {
        let mut d = Draft::new(index, Some(index * 10));
        d.key = key.map(|k| CitationKey::parse(k).unwrap());
        d.source.title = title.to_owned();
        d.source.authors.push(Person::structured("Aminata", "Traoré"));
        d.source.issued = Some(PartialDate::parse("2025-11").unwrap());
        Ok(d)
    }

    #[test]
    fn keys_are_generated_readable_and_unique() {
        let out = finish(vec![
            draft(1, Some("traoré-2025-blocus"), "x"),
            draft(2, None, "Le blocus de Bamako"),
            draft(3, None, "Le blocus, suite"),
            draft(4, None, "L'AES face à la CEDEAO"),
        ]);
        let keys: Vec<String> = out.iter().map(|r| r.as_ref().unwrap().key.to_string()).collect();
        assert_eq!(keys, ["traoré-2025-blocus", "traoré-2025-blocus-2", "traoré-2025-blocus-3", "traoré-2025-aes"]);
    }

    #[test]
    fn a_missing_title_is_kept_with_a_warning() {
        let (out, warnings) = finish_with_warnings(vec![draft(1, Some("a"), "  "), draft(2, None, "ok")]);
        assert!(out.iter().all(Result::is_ok));
        let w = &warnings[0];
        assert_eq!((w.index, w.line, w.field.as_deref(), w.key.as_deref()), (1, Some(10), Some("title"), Some("a")));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn arabic_titles_give_arabic_keys() {
        let mut d = Draft::new(1, None);
        d.source.title = "حصار باماكو".into();
        d.source.authors.push(Person::literal("مجموعة الأزمات"));
        let key = generated_key(&d.source);
        assert_eq!(key.as_str(), "مجموعة-الأزمات-حصار");
        assert!(CitationKey::parse(key.as_str()).is_ok());
    }
}
