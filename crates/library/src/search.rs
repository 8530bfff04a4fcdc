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

const SUMMARY_COLUMNS: &str =
    "s.id, s.key, s.type, s.title, s.container_title, s.authors, s.issued, s.language, s.grade, s.tags";

/// How many matches, newest first, bm25 ranks when a query matches more (see `search`).
pub const RANK_WINDOW: usize = 500;

/// The columns analysts' words are matched against (not `facets`).
const TEXT_COLUMNS: &str = "{title authors container notes tags excerpts}";

impl Library {
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        let limit = query.limit.max(1);
        let mut hits = Vec::new();
        let Some(words) = fts_query(&query.text) else {
            // No words: the filters alone, most recently changed first.
            let (filters, args) = filter_sql(query, true);
            let sql = format!(
                "SELECT {SUMMARY_COLUMNS}, 0.0 FROM sources s WHERE s.deleted_at IS NULL{filters}
                 ORDER BY s.modified_at DESC, s.key LIMIT {limit}"
            );
            let mut stmt = self.conn.prepare_cached(&sql).at(&self.label)?;
            // The filters are numbered from ?3 (see `filter_sql`): ?1 and ?2 are unused here.
            let unused = if args.is_empty() { 0 } else { 2 };
            let args = std::iter::repeat_n(Value::Null, unused).chain(args);
            let mut rows = stmt.query(rusqlite::params_from_iter(args)).at(&self.label)?;
            while let Some(row) = rows.next().at(&self.label)? {
                hits.push(read_hit(row).map_err(|e| self.relabel(e))?);
            }
            return Ok(hits);
        };
        // bm25 costs a lookup per matching source (about 20 ms for a word found in 15,000 of
        // 100,000 sources), so it ranks the newest RANK_WINDOW matches (every match, for all
        // but the commonest words); listing matches alone is cheap. Filters are checked on
        // the ranked window's rows; only when they leave the page short does the index
        // filter first, through the facet tokens, and rank the newest matches that pass.
        let window = RANK_WINDOW.max(limit.saturating_mul(4));
        let text_expr = format!("{TEXT_COLUMNS} : ({words})");
        let windowed = format!(
            "SELECT rowid, -rank FROM (SELECT rowid, rank FROM source_search WHERE source_search MATCH ?1
             ORDER BY rowid DESC LIMIT {window}) ORDER BY rank"
        );
        let (all_filters, all_args) = filter_sql(query, true);
        let matched = self.collect_hits(&windowed, &text_expr, &all_filters, &all_args, limit, &mut hits)?;
        if hits.len() >= limit || matched < window || all_filters.is_empty() {
            return Ok(hits);
        }
        hits.clear();
        let Some(facets) = self.facet_query(query)? else { return Ok(hits) };
        let mut expr = text_expr;
        if !facets.is_empty() {
            let _ = write!(expr, " AND facets : ({facets})");
        }
        // Tags are free text, so a tag filter is still checked row by row (over every
        // filtered match, ranked: tag filters are rare and narrow).
        let (row_filters, row_args) = filter_sql(query, false);
        let fts_sql = if row_filters.is_empty() {
            windowed
        } else {
            "SELECT rowid, -rank FROM source_search WHERE source_search MATCH ?1 ORDER BY rank".to_owned()
        };
        self.collect_hits(&fts_sql, &expr, &row_filters, &row_args, limit, &mut hits)?;
        Ok(hits)
    }

    /// Runs an FTS query yielding (rowid, score) in rank order and keeps the rows that pass
    /// `filters`, up to `limit`. Returns how many matches the index gave.
    fn collect_hits(
        &self,
        fts_sql: &str,
        expr: &str,
        filters: &str,
        filter_args: &[Value],
        limit: usize,
        hits: &mut Vec<SearchHit>,
    ) -> Result<usize> {
        let row_sql =
            format!("SELECT {SUMMARY_COLUMNS}, ?2 FROM sources s WHERE s.rowid = ?1 AND s.deleted_at IS NULL{filters}");
        let mut fts = self.conn.prepare_cached(fts_sql).at(&self.label)?;
        let mut by_rowid = self.conn.prepare_cached(&row_sql).at(&self.label)?;
        let mut matches = fts.query([expr]).at(&self.label)?;
        let mut matched = 0;
        while let Some(found) = matches.next().at(&self.label)? {
            matched += 1;
            let rowid: i64 = found.get(0).at(&self.label)?;
            let score: f64 = found.get(1).at(&self.label)?;
            let mut args = vec![Value::Integer(rowid), Value::Real(score)];
            args.extend(filter_args.iter().cloned());
            let mut rows = by_rowid.query(rusqlite::params_from_iter(args)).at(&self.label)?;
            if let Some(row) = rows.next().at(&self.label)? {
                hits.push(read_hit(row).map_err(|e| self.relabel(e))?);
                if hits.len() >= limit {
                    break;
                }
            }
        }
        Ok(matched)
    }

    /// The filters as an FTS5 expression over the facet tokens: `""` when there are
    /// none, `None` when they cannot match anything (a year range outside the library).
    fn facet_query(&self, query: &SearchQuery) -> Result<Option<String>> {
        let mut clauses = Vec::new();
        let any = |tokens: Vec<String>| format!("({})", tokens.join(" OR "));
        if !query.kinds.is_empty() {
            clauses.push(any(query.kinds.iter().map(|k| type_token(*k)).collect()));
        }
        if let Some(language) = &query.language {
            match language_tokens(language).pop() {
                Some(token) => clauses.push(token),
                None => return Ok(None),
            }
        }
        if !query.grades.is_empty() {
            clauses.push(any(query.grades.iter().map(|g| format!("xg{}", g.letter().to_ascii_lowercase())).collect()));
        }
        if let Some(range) = query.years {
            // An open end is closed at the library's own first or last year.
            let (min, max): (Option<i32>, Option<i32>) = self
                .conn
                .query_row("SELECT min(issued_year), max(issued_year) FROM sources", [], |r| Ok((r.get(0)?, r.get(1)?)))
                .at(&self.label)?;
            let (Some(min), Some(max)) = (min, max) else { return Ok(None) };
            let from = range.from.unwrap_or(min).max(min);
            let to = range.to.unwrap_or(max).min(max);
            if from > to {
                return Ok(None);
            }
            clauses.push(any((from..=to).map(year_token).collect()));
        }
        Ok(Some(clauses.join(" AND ")))
    }

    fn relabel(&self, err: LibraryError) -> LibraryError {
        match err {
            LibraryError::Sqlite { source, .. } => LibraryError::Sqlite { path: self.label.clone(), source },
            other => other,
        }
    }
}

fn type_token(kind: SourceType) -> String {
    format!("xt{}", kind.name().replace('-', ""))
}

fn year_token(year: i32) -> String {
    if year < 0 { format!("xyb{}", -year) } else { format!("xy{year}") }
}

/// `fr-FR` gives `xlfr` and `xlfrfr`: a filter on `fr` matches both `fr` and `fr-FR`
/// sources, a filter on `fr-FR` only the latter. The last token is the most specific.
fn language_tokens(language: &str) -> Vec<String> {
    let parts: Vec<String> = language
        .split(['-', '_'])
        .map(|p| p.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase())
        .filter(|p| !p.is_empty())
        .take(2)
        .collect();
    let mut tokens = Vec::new();
    let mut acc = String::from("xl");
    for part in parts {
        acc.push_str(&part);
        tokens.push(acc.clone());
    }
    tokens
}

/// The facet tokens of a source, for the `facets` column of the search index.
pub(crate) fn facets(source: &mizan_source::Source) -> String {
    let mut tokens = vec![type_token(source.kind)];
    if let Some(language) = &source.language {
        tokens.extend(language_tokens(language));
    }
    if let Some(grade) = source.reliability() {
        tokens.push(format!("xg{}", grade.letter().to_ascii_lowercase()));
    }
    if let Some(issued) = source.issued {
        tokens.push(year_token(issued.year));
    }
    tokens.join(" ")
}

/// Filters as SQL conditions on `s` (each starting with ` AND`) and their values,
/// numbered from ?3 (the row query binds the rowid and score as ?1 and ?2). With
/// `all`, every filter; otherwise only those the facets cannot express (tags).
fn filter_sql(query: &SearchQuery, all: bool) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut args: Vec<Value> = Vec::new();
    let param = |args: &mut Vec<Value>, value: Value| {
        args.push(value);
        format!("?{}", args.len() + 2)
    };
    if all && !query.kinds.is_empty() {
        let list: Vec<String> =
            query.kinds.iter().map(|k| param(&mut args, Value::Text(k.name().to_owned()))).collect();
        let _ = write!(sql, " AND s.type IN ({})", list.join(", "));
    }
    if let Some(language) = query.language.as_ref().filter(|_| all) {
        // `fr` matches `fr` and `fr-FR`.
        let p = param(&mut args, Value::Text(language.to_lowercase()));
        let _ = write!(sql, " AND (lower(s.language) = {p} OR lower(s.language) LIKE {p} || '-%')");
    }
    if all && !query.grades.is_empty() {
        let list: Vec<String> =
            query.grades.iter().map(|g| param(&mut args, Value::Text(g.letter().to_string()))).collect();
        let _ = write!(sql, " AND s.grade IN ({})", list.join(", "));
    }
    if let Some(range) = query.years.filter(|_| all) {
        if let Some(from) = range.from {
            let p = param(&mut args, Value::Integer(from.into()));
            let _ = write!(sql, " AND s.issued_year >= {p}");
        }
        if let Some(to) = range.to {
            let p = param(&mut args, Value::Integer(to.into()));
            let _ = write!(sql, " AND s.issued_year <= {p}");
        }
    }
    if let Some(tag) = &query.tag {
        // Tags compare folded, so `securite` finds the tag `Sécurité`.
        let p = param(&mut args, Value::Text(fold(tag)));
        let _ = write!(sql, " AND EXISTS (SELECT 1 FROM json_each(s.tags) WHERE mizan_fold(json_each.value) = {p})");
    }
    (sql, args)
}

fn read_hit(row: &rusqlite::Row<'_>) -> Result<SearchHit> {
    let sqlite = |source| LibraryError::Sqlite { path: String::new(), source };
    let id_text: String = row.get(0).map_err(sqlite)?;
    let bad = |field: &'static str, value: String, reason: String| LibraryError::BadRow {
        id: id_text.clone(),
        field,
        value,
        reason,
    };
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
            kind: kind
                .parse()
                .map_err(|e: mizan_source::UnknownSourceType| bad("type", kind.clone(), e.to_string()))?,
            title: row.get(3).map_err(sqlite)?,
            container_title: row.get(4).map_err(sqlite)?,
            authors: crate::row::authors_from_json(&authors).map_err(|e| bad("authors", authors.clone(), e))?,
            issued: issued
                .map(|t| t.parse().map_err(|e: mizan_source::PartialDateError| bad("issued", t.clone(), e.to_string())))
                .transpose()?,
            language: row.get(7).map_err(sqlite)?,
            grade: grade
                .map(|g| g.parse().map_err(|e: mizan_source::GradeError| bad("grade", g.clone(), e.to_string())))
                .transpose()?,
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

    #[test]
    fn common_words_rank_the_newest_matches_and_rare_ones_rank_all() {
        let mut library = memory();
        let mut batch = Vec::new();
        // An old source whose title is only the word, then many newer long titles.
        batch.push(source("old-exact", "Kidal"));
        for n in 0..(RANK_WINDOW + 50) {
            batch.push(source(
                &format!("n{n}"),
                &format!("Long rapport numéro {n} qui mentionne aussi Kidal parmi bien d'autres lieux"),
            ));
        }
        library.import(batch, DuplicatePolicy::Skip).unwrap();
        let hits = find(&library, "kidal");
        assert_eq!(hits.len(), 50, "a page of results");
        assert!(!hits.contains(&"old-exact".to_owned()), "outside the window of the newest matches");
        // A rarer word is ranked over all its matches: the short old title comes first.
        library.add(&source("rare-long", "Un très long titre où figure Anéfis une fois seulement")).unwrap();
        library.add(&source("rare-short", "Anéfis")).unwrap();
        assert_eq!(find(&library, "anefis")[0], "rare-short");
    }

    #[test]
    fn selective_filters_still_find_matches_older_than_the_window() {
        let mut library = memory();
        let mut batch = Vec::new();
        for n in 0..5 {
            let mut s = source(&format!("ar{n}"), &format!("كيدال Kidal تقرير {n}"));
            s.language = Some("ar".into());
            batch.push(s);
        }
        for n in 0..(RANK_WINDOW + 20) {
            let mut s = source(&format!("fr{n}"), &format!("Kidal, rapport {n}"));
            s.language = Some("fr".into());
            batch.push(s);
        }
        library.import(batch, DuplicatePolicy::Skip).unwrap();
        let query = SearchQuery { language: Some("ar".into()), ..SearchQuery::text("kidal") };
        let mut found = keys(&library, query);
        found.sort();
        assert_eq!(found, ["ar0", "ar1", "ar2", "ar3", "ar4"]);
    }
}
