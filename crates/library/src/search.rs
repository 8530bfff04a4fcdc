//! Ranked full-text search with filters.

use std::fmt::Write as _;

use mizan_source::{CitationKey, PartialDate, Person, Reliability, SourceType};
use mizan_text::{fold, strip_arabic_clitics, words};
use rusqlite::types::Value;

use crate::Library;
use crate::error::{LibraryError, Result, SqliteContext};

/// What to look for. Empty `text` lists the sources matching the filters, most recently
/// changed first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words, all of which must match (each as a prefix: `secur` finds `sécurité`);
    /// `"…"` for an exact phrase.
    pub text: String,
    pub kinds: Vec<SourceType>,
    pub language: Option<String>,
    /// Any of these grades; ungraded sources never match a grade filter.
    pub grades: Vec<Reliability>,
    pub years: Option<YearRange>,
    pub tag: Option<String>,
    pub limit: usize,
}

/// Inclusive range of issue years; either end may be open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearRange {
    pub from: Option<i32>,
    pub to: Option<i32>,
}

impl YearRange {
    /// Parses `2020..2025`, `2020..`, `..2024` or a single year `2025`.
    pub fn parse(text: &str) -> Option<Self> {
        let year = |s: &str| -> Option<Option<i32>> {
            let s = s.trim();
            if s.is_empty() { Some(None) } else { s.parse().ok().map(Some) }
        };
        match text.split_once("..") {
            Some((from, to)) => {
                let range = Self { from: year(from)?, to: year(to)? };
                (range.from.is_some() || range.to.is_some()).then_some(range)
            }
            None => {
                let y = year(text)??;
                Some(Self { from: Some(y), to: Some(y) })
            }
        }
    }
}

/// The fields a result list shows.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceSummary {
    pub id: uuid::Uuid,
    pub key: CitationKey,
    pub kind: SourceType,
    pub title: String,
    pub container_title: Option<String>,
    pub authors: Vec<Person>,
    pub issued: Option<PartialDate>,
    pub language: Option<String>,
    pub grade: Option<Reliability>,
    pub tags: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    pub source: SourceSummary,
    /// bm25 relevance, higher is better; 0 when the query had no words.
    pub score: f64,
}

impl SearchQuery {
    pub fn text(text: &str) -> Self {
        Self { text: text.to_owned(), limit: 50, ..Self::default() }
    }
}

/// Column weights for bm25, in the order of the `source_search` columns: a match in the
/// title counts most, then authors and tags, then the container, excerpts, notes.
const WEIGHTS: &str = "10.0, 5.0, 3.0, 1.0, 4.0, 2.0";

impl Library {
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        let mut sql = String::from(
            "SELECT s.id, s.key, s.type, s.title, s.container_title, s.authors, s.issued, s.language, s.grade, s.tags",
        );
        let mut args: Vec<Value> = Vec::new();
        let fts = fts_query(&query.text);
        match &fts {
            Some(expr) => {
                let _ = write!(sql, ", -bm25(source_search, {WEIGHTS}) AS score FROM source_search JOIN sources s ON s.rowid = source_search.rowid WHERE source_search MATCH ?");
                args.push(Value::Text(expr.clone()));
            }
            None => sql.push_str(", 0.0 AS score FROM sources s WHERE 1"),
        }
        sql.push_str(" AND s.deleted_at IS NULL");
        if !query.kinds.is_empty() {
            sql.push_str(" AND s.type IN (");
            for (i, kind) in query.kinds.iter().enumerate() {
                sql.push_str(if i == 0 { "?" } else { ", ?" });
                args.push(Value::Text(kind.name().to_owned()));
            }
            sql.push(')');
        }
        if let Some(language) = &query.language {
            // `fr` matches `fr` and `fr-FR`.
            sql.push_str(" AND (lower(s.language) = lower(?) OR lower(s.language) LIKE lower(?) || '-%')");
            args.push(Value::Text(language.clone()));
            args.push(Value::Text(language.clone()));
        }
        if !query.grades.is_empty() {
            sql.push_str(" AND s.grade IN (");
            for (i, grade) in query.grades.iter().enumerate() {
                sql.push_str(if i == 0 { "?" } else { ", ?" });
                args.push(Value::Text(grade.letter().to_string()));
            }
            sql.push(')');
        }
        if let Some(range) = query.years {
            if let Some(from) = range.from {
                sql.push_str(" AND s.issued_year >= ?");
                args.push(Value::Integer(from.into()));
            }
            if let Some(to) = range.to {
                sql.push_str(" AND s.issued_year <= ?");
                args.push(Value::Integer(to.into()));
            }
        }
        if let Some(tag) = &query.tag {
            // Tags compare folded, so `securite` finds the tag `Sécurité`.
            sql.push_str(" AND EXISTS (SELECT 1 FROM json_each(s.tags) WHERE mizan_fold(json_each.value) = ?)");
            args.push(Value::Text(fold(tag)));
        }
        sql.push_str(if fts.is_some() { " ORDER BY score DESC, s.key" } else { " ORDER BY s.modified_at DESC, s.key" });
        sql.push_str(" LIMIT ?");
        args.push(Value::Integer(i64::try_from(query.limit.max(1)).unwrap_or(i64::MAX)));

        let mut stmt = self.conn.prepare_cached(&sql).at(&self.label)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args)).at(&self.label)?;
        let mut hits = Vec::new();
        while let Some(row) = rows.next().at(&self.label)? {
            hits.push(read_hit(row).map_err(|e| match e {
                LibraryError::Sqlite { source, .. } => LibraryError::Sqlite { path: self.label.clone(), source },
                other => other,
            })?);
        }
        Ok(hits)
    }
}

fn read_hit(row: &rusqlite::Row<'_>) -> Result<SearchHit> {
    let sqlite = |source| LibraryError::Sqlite { path: String::new(), source };
    let id_text: String = row.get(0).map_err(sqlite)?;
    let bad = |field: &'static str, value: String, reason: String| LibraryError::BadRow { id: id_text.clone(), field, value, reason };
    let key: String = row.get(1).map_err(sqlite)?;
    let kind: String = row.get(2).map_err(sqlite)?;
    let authors: String = row.get(5).map_err(sqlite)?;
    let issued: Option<String> = row.get(6).map_err(sqlite)?;
    let grade: Option<String> = row.get(8).map_err(sqlite)?;
    let tags: String = row.get(9).map_err(sqlite)?;
    Ok(SearchHit {
        source: SourceSummary {
            id: uuid::Uuid::parse_str(&id_text).map_err(|e| bad("id", id_text.clone(), e.to_string()))?,
            key: CitationKey::parse(&key).map_err(|e| bad("key", key.clone(), e.to_string()))?,
            kind: kind.parse().map_err(|e: mizan_source::UnknownSourceType| bad("type", kind.clone(), e.to_string()))?,
            title: row.get(3).map_err(sqlite)?,
            container_title: row.get(4).map_err(sqlite)?,
            authors: crate::row::authors_from_json(&authors).map_err(|e| bad("authors", authors.clone(), e))?,
            issued: issued.map(|t| t.parse().map_err(|e: mizan_source::PartialDateError| bad("issued", t.clone(), e.to_string()))).transpose()?,
            language: row.get(7).map_err(sqlite)?,
            grade: grade.map(|g| g.parse().map_err(|e: mizan_source::GradeError| bad("grade", g.clone(), e.to_string()))).transpose()?,
            tags: crate::row::tags_from_json(&tags).map_err(|e| bad("tags", tags.clone(), e))?,
        },
        score: row.get(10).map_err(sqlite)?,
    })
}

/// Turns what the analyst typed into an FTS5 expression over folded text, or `None`
/// when there is nothing to search for. Every word is quoted (so FTS5 operators and
/// punctuation in the query can never be a syntax error) and matched as a prefix; an
/// Arabic word also matches without its leading clitics.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let folded = fold(text);
    let mut terms: Vec<String> = Vec::new();
    let mut in_phrase = false;
    for (i, part) in folded.split('"').enumerate() {
        in_phrase = i % 2 == 1;
        if in_phrase {
            let phrase: Vec<&str> = words(part).collect();
            if !phrase.is_empty() {
                terms.push(format!("\"{}\"", phrase.join(" ")));
            }
            continue;
        }
        for word in words(part) {
            match strip_arabic_clitics(word) {
                Some(stem) => terms.push(format!("(\"{word}\"* OR \"{stem}\"*)")),
                None => terms.push(format!("\"{word}\"*")),
            }
        }
    }
    let _ = in_phrase; // an unclosed quote is read as a phrase running to the end
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

#[cfg(test)]
mod tests {
    use mizan_source::{Excerpt, Person, Reliability, SourceType};

    use crate::test_support::*;
    use crate::*;

    fn keys(library: &Library, query: SearchQuery) -> Vec<String> {
        library.search(&query).unwrap().into_iter().map(|h| h.source.key.to_string()).collect()
    }

    fn find(library: &Library, text: &str) -> Vec<String> {
        keys(library, SearchQuery::text(text))
    }

    fn arabic_library() -> Library {
        let mut library = memory();
        library.add(&source("dz", "الجزائر والأمن الإقليمي في الساحل")).unwrap();
        library.add(&source("mali", "مالي: الحصار المفروض على باماكو")).unwrap();
        library.add(&source("fr", "La Sécurité au Sahel après le retrait de Barkhane")).unwrap();
        library.add(&source("coeur", "Au cœur de la crise malienne")).unwrap();
        library.add(&source("digits", "تقرير ٢٠٢٥ عن النزاعات")).unwrap();
        library.add(&source("conf", "مؤتمر رئيس المجلس العسكري")).unwrap();
        library.add(&source("hosp", "مستشفى في مدينة غاو")).unwrap();
        library.add(&source("gov", "الحكومة الانتقالية")).unwrap();
        library
    }

    #[test]
    fn finds_arabic_with_vowel_marks_in_the_query() {
        assert_eq!(find(&arabic_library(), "الجزائرَ"), ["dz"]);
    }

    #[test]
    fn finds_arabic_with_tatweel_in_the_query() {
        assert_eq!(find(&arabic_library(), "الـجـزائر"), ["dz"]);
    }

    #[test]
    fn finds_arabic_whatever_the_hamza_seat() {
        let library = arabic_library();
        assert_eq!(find(&library, "الامن"), ["dz"]);
        assert_eq!(find(&library, "الاقليمي"), ["dz"]);
    }

    #[test]
    fn finds_alef_maksura_as_yeh() {
        assert_eq!(find(&arabic_library(), "مستشفي"), ["hosp"]);
    }

    #[test]
    fn finds_teh_marbuta_as_heh() {
        assert_eq!(find(&arabic_library(), "الحكومه"), ["gov"]);
    }

    #[test]
    fn finds_hamza_on_waw_and_yeh() {
        assert_eq!(find(&arabic_library(), "موتمر رييس"), ["conf"]);
    }

    #[test]
    fn finds_eastern_digits_by_western_ones_and_back() {
        let library = arabic_library();
        assert_eq!(find(&library, "2025"), ["digits"]);
        assert_eq!(find(&library, "۲۰۲۵"), ["digits"]);
    }

    #[test]
    fn finds_without_accents_or_case() {
        let library = arabic_library();
        assert_eq!(find(&library, "securite"), ["fr"]);
        assert_eq!(find(&library, "SÉCURITÉ"), ["fr"]);
        assert_eq!(find(&library, "coeur"), ["coeur"]);
    }

    #[test]
    fn finds_arabic_words_without_their_article_or_conjunction() {
        let library = arabic_library();
        assert_eq!(find(&library, "جزائر"), ["dz"]);
        assert_eq!(find(&library, "امن"), ["dz"]);
    }

    #[test]
    fn matches_prefixes() {
        let library = arabic_library();
        assert_eq!(find(&library, "secu sah"), ["fr"]);
        assert_eq!(find(&library, "باماك"), ["mali"]);
    }

    #[test]
    fn every_word_must_match_and_phrases_are_exact() {
        let library = arabic_library();
        assert_eq!(find(&library, "sahel barkhane"), ["fr"]);
        assert!(find(&library, "sahel tombouctou").is_empty());
        assert_eq!(find(&library, "\"retrait de barkhane\""), ["fr"]);
        assert!(find(&library, "\"barkhane retrait\"").is_empty());
    }

    #[test]
    fn fts_syntax_in_queries_is_harmless() {
        let library = arabic_library();
        for q in ["AND", "OR NOT", "\"", "*", "a:b", "(", "^x", "NEAR(a b)", "-x", "'"] {
            assert!(library.search(&SearchQuery::text(q)).is_ok(), "{q}");
        }
    }

    #[test]
    fn searches_authors_tags_notes_container_and_excerpts() {
        let mut library = memory();
        let mut s = source("s", "Titre neutre");
        s.authors = vec![Person::structured("Aminata", "Traoré")];
        s.tags = vec!["Wagner".into()];
        s.notes = Some("Entretien réalisé à Niamey".into());
        s.container_title = Some("Jeune Afrique".into());
        s.excerpts = vec![Excerpt { id: uuid::Uuid::new_v4(), text: "les convois de citernes".into(), locator: None }];
        library.add(&s).unwrap();
        for q in ["traore", "aminata", "wagner", "niamey", "jeune afrique", "citernes"] {
            assert_eq!(find(&library, q), ["s"], "{q}");
        }
    }

    #[test]
    fn ranks_title_matches_above_note_matches() {
        let mut library = memory();
        let mut note = source("in-note", "Rapport annuel");
        note.notes = Some("mentionne Kidal en passant".into());
        library.add(&note).unwrap();
        library.add(&source("in-title", "La bataille de Kidal")).unwrap();
        assert_eq!(find(&library, "kidal"), ["in-title", "in-note"]);
    }

    #[test]
    fn filters_by_type_language_grade_year_and_tag() {
        let mut library = memory();
        let mut a = source("a", "Sahel A");
        a.kind = SourceType::Report;
        a.language = Some("fr-FR".into());
        a.issued = Some("2023".parse().unwrap());
        a.tags = vec!["Sécurité".into()];
        library.add(&a).unwrap();
        let mut b = source("b", "Sahel B");
        b.kind = SourceType::NewsArticle;
        b.language = Some("ar".into());
        b.issued = Some("2025-11".parse().unwrap());
        library.add(&b).unwrap();
        library.grade("b", Reliability::B).unwrap();

        let base = SearchQuery::text("sahel");
        assert_eq!(keys(&library, SearchQuery { kinds: vec![SourceType::Report], ..base.clone() }), ["a"]);
        assert_eq!(keys(&library, SearchQuery { language: Some("fr".into()), ..base.clone() }), ["a"]);
        assert_eq!(keys(&library, SearchQuery { grades: vec![Reliability::B], ..base.clone() }), ["b"]);
        assert_eq!(keys(&library, SearchQuery { years: YearRange::parse("2024.."), ..base.clone() }), ["b"]);
        assert_eq!(keys(&library, SearchQuery { years: YearRange::parse("..2023"), ..base.clone() }), ["a"]);
        assert_eq!(keys(&library, SearchQuery { tag: Some("securite".into()), ..base.clone() }), ["a"]);
        // Filters alone, no words: most recently changed first (b was graded last).
        assert_eq!(keys(&library, SearchQuery { limit: 10, ..SearchQuery::default() }), ["b", "a"]);
    }

    #[test]
    fn year_ranges_parse() {
        assert_eq!(YearRange::parse("2020..2025"), Some(YearRange { from: Some(2020), to: Some(2025) }));
        assert_eq!(YearRange::parse("2020.."), Some(YearRange { from: Some(2020), to: None }));
        assert_eq!(YearRange::parse("..2020"), Some(YearRange { from: None, to: Some(2020) }));
        assert_eq!(YearRange::parse("2025"), Some(YearRange { from: Some(2025), to: Some(2025) }));
        for bad in ["..", "x", "2020..y", ""] {
            assert_eq!(YearRange::parse(bad), None, "{bad}");
        }
    }
}
