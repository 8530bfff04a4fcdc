//! Ranked full-text search with filters.

use std::fmt::Write as _;
use std::sync::LazyLock;

use mizan_source::{CitationKey, PartialDate, Person, Reliability, Source, SourceField, SourceType};
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

/// The fields a [`SourceSummary`] holds.
const SUMMARY_FIELDS: [SourceField; 9] = [
    SourceField::Key,
    SourceField::Kind,
    SourceField::Title,
    SourceField::ContainerTitle,
    SourceField::Authors,
    SourceField::Issued,
    SourceField::Language,
    SourceField::Grade,
    SourceField::Tags,
];

/// The id and the [`SUMMARY_FIELDS`]' columns, for `FROM sources s`; [`read_hit`] reads
/// the score after them.
static SUMMARY_COLUMNS: LazyLock<String> = LazyLock::new(|| crate::row::select_list(&SUMMARY_FIELDS));

/// How many matches, newest first, bm25 ranks when a query matches more (see `search`).
pub const RANK_WINDOW: usize = 500;

/// The columns analysts' words are matched against (not `facets`).
const TEXT_COLUMNS: &str = "{title authors container notes tags excerpts}";

impl Library {
    /// Ranked search: bm25 ranks the newest matches (see [`RANK_WINDOW`] and
    /// `Library::rank` for which); results are best first, ties newest first.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        self.search_planned(query, None)
    }

    /// [`Library::search`], with the plan for filters chosen by the caller (tests) or, when
    /// `None`, by [`Library::plan`]. Every plan gives the same hits.
    fn search_planned(&self, query: &SearchQuery, plan: Option<Plan>) -> Result<Vec<SearchHit>> {
        let limit = query.limit.max(1);
        let Some(words) = fts_query(&query.text) else { return self.list_filtered(query, limit) };
        let window = RANK_WINDOW.max(limit.saturating_mul(4));
        let text = format!("{TEXT_COLUMNS} : ({words})");
        let ranked = self.rank(&text, window, limit, query, plan)?;
        let hits = self.summaries(&ranked, limit)?;
        let by_key = self.key_prefix_hits(query, limit)?;
        if by_key.is_empty() {
            return Ok(hits);
        }
        // Sources whose citation key starts with the query come first (an analyst typing
        // `[@lemonde-j` means that key), then the ranked matches not among them.
        let mut merged = by_key;
        for hit in hits {
            if merged.len() >= limit {
                break;
            }
            if !merged.iter().any(|h| h.source.key == hit.source.key) {
                merged.push(hit);
            }
        }
        Ok(merged)
    }

    /// When the query is one word that could begin a citation key (an optional `@`
    /// first), the sources passing the filters whose key starts with it, in key order.
    /// Scored 0: they are not ranked by bm25. The unique index on `key` answers it.
    fn key_prefix_hits(&self, query: &SearchQuery, limit: usize) -> Result<Vec<SearchHit>> {
        let prefix = query.text.trim();
        let prefix = prefix.strip_prefix('@').unwrap_or(prefix);
        if prefix.is_empty() || CitationKey::parse(prefix).is_err() {
            return Ok(Vec::new());
        }
        let (filters, mut args) = filter_sql(query, Which::All, 3);
        let sql = format!(
            "SELECT {}, 0.0 FROM sources s
             WHERE s.key >= ?1 AND s.key < ?2 AND s.deleted_at IS NULL{filters}
             ORDER BY s.key LIMIT {limit}",
            *SUMMARY_COLUMNS
        );
        // Every key starting with `prefix` sorts (BINARY) between it and it followed by
        // the highest character.
        args.insert(0, Value::Text(format!("{prefix}{}", char::MAX)));
        args.insert(0, Value::Text(prefix.to_owned()));
        self.hits(&sql, args)
    }

    /// No words: the sources passing the filters, most recently changed first.
    fn list_filtered(&self, query: &SearchQuery, limit: usize) -> Result<Vec<SearchHit>> {
        let (filters, args) = filter_sql(query, Which::All, 1);
        let sql = format!(
            "SELECT {}, 0.0 FROM sources s WHERE s.deleted_at IS NULL{filters}
             ORDER BY s.modified_at DESC, s.key LIMIT {limit}",
            *SUMMARY_COLUMNS
        );
        self.hits(&sql, args)
    }

    /// The hits of a statement selecting [`SUMMARY_COLUMNS`] and a score.
    fn hits(&self, sql: &str, args: Vec<Value>) -> Result<Vec<SearchHit>> {
        let mut stmt = self.conn.prepare_cached(sql).at(&self.label)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args)).at(&self.label)?;
        let mut hits = Vec::new();
        while let Some(row) = rows.next().at(&self.label)? {
            hits.push(read_hit(row).map_err(|e| self.relabel(e))?);
        }
        Ok(hits)
    }

    /// The matches to rank, with their bm25 scores (higher is better), best first, ties
    /// newest first: the newest `window` matches (see [`RANK_WINDOW`]) without filters;
    /// with filters, those of the newest `window` matches that pass them when at least
    /// `limit` do, or else the newest `window` matches that pass them however old (every
    /// one, with a tag filter).
    ///
    /// bm25 costs, besides a lookup per scored row, a pass over the rows holding each word,
    /// so all of this is one statement: the index lists the matches newest first, and a
    /// match is scored only if it passes the filters.
    fn rank(
        &self,
        text: &str,
        window: usize,
        limit: usize,
        query: &SearchQuery,
        plan: Option<Plan>,
    ) -> Result<Vec<Ranked>> {
        let (all, all_args) = filter_sql(query, Which::All, 2);
        if all.is_empty() {
            return self.rank_newest(text, window);
        }
        let plan = match plan {
            Some(plan) => plan,
            None => self.plan(query)?,
        };
        let (condition, args) = if let Plan::FiltersFirst(passing) = plan {
            let (tag, tag_args) = filter_sql(query, Which::NotIndexed, 3);
            let mut condition = "mizan_rowid_in(f.rowid, ?2)".to_owned();
            if !tag.is_empty() {
                let _ = write!(condition, " AND EXISTS (SELECT 1 FROM sources s WHERE s.rowid = f.rowid{tag})");
            }
            let mut blob = Vec::with_capacity(passing.len() * 8);
            for rowid in &passing {
                blob.extend_from_slice(&rowid.to_le_bytes());
            }
            (condition, std::iter::once(Value::Blob(blob)).chain(tag_args).collect())
        } else {
            (
                format!("EXISTS (SELECT 1 FROM sources s WHERE s.rowid = f.rowid AND s.deleted_at IS NULL{all})"),
                all_args,
            )
        };
        let sql = format!(
            "SELECT f.rowid, CASE WHEN {condition} THEN -f.rank END FROM source_search f
             WHERE source_search MATCH ?1 ORDER BY f.rowid DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.label)?;
        let params = std::iter::once(Value::Text(text.to_owned())).chain(args);
        let mut rows = stmt.query(rusqlite::params_from_iter(params)).at(&self.label)?;
        let mut ranked = Vec::new();
        let mut matched = 0;
        while let Some(row) = rows.next().at(&self.label)? {
            matched += 1;
            if let Some(score) = row.get::<_, Option<f64>>(1).at(&self.label)? {
                ranked.push(Ranked { rowid: row.get(0).at(&self.label)?, score });
            }
            let enough = if matched <= window {
                matched == window && ranked.len() >= limit
            } else {
                query.tag.is_none() && ranked.len() >= window
            };
            if enough {
                break;
            }
        }
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.rowid.cmp(&a.rowid)));
        Ok(ranked)
    }

    /// bm25 over the newest `window` matches of `text`, best first, ties newest first.
    fn rank_newest(&self, text: &str, window: usize) -> Result<Vec<Ranked>> {
        let sql = format!(
            "SELECT rowid, -rank FROM (SELECT rowid, rank FROM source_search WHERE source_search MATCH ?1
             ORDER BY rowid DESC LIMIT {window})"
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.label)?;
        let mut rows = stmt.query([text]).at(&self.label)?;
        let mut ranked = Vec::new();
        while let Some(row) = rows.next().at(&self.label)? {
            ranked.push(Ranked { rowid: row.get(0).at(&self.label)?, score: row.get(1).at(&self.label)? });
        }
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.rowid.cmp(&a.rowid)));
        Ok(ranked)
    }

    /// How [`Library::rank`] tells the matches passing the filters.
    ///
    /// Checking a match costs a lookup of its row (about a microsecond). With a language
    /// filter, the index on the language (0004_filters.sql) lists the sources passing the
    /// filters without reading rows; when they are few (at most a quarter of the library)
    /// they are listed first and each match is looked up in that list instead: selective
    /// filters would otherwise check many matches for each one kept.
    fn plan(&self, query: &SearchQuery) -> Result<Plan> {
        let Some(sql) = passing_sql(query) else { return Ok(Plan::MatchesFirst) };
        let highest: Option<i64> = self
            .conn
            .prepare_cached("SELECT max(rowid) FROM sources")
            .at(&self.label)?
            .query_row([], |r| r.get(0))
            .at(&self.label)?;
        let cap = usize::try_from(highest.unwrap_or(0) / 4).unwrap_or(0).max(RANK_WINDOW);
        let mut stmt = self.conn.prepare_cached(&sql.text).at(&self.label)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(sql.args)).at(&self.label)?;
        let mut passing = Vec::new();
        while let Some(row) = rows.next().at(&self.label)? {
            passing.push(row.get::<_, i64>(0).at(&self.label)?);
            if passing.len() > cap {
                return Ok(Plan::MatchesFirst);
            }
        }
        passing.sort_unstable();
        Ok(Plan::FiltersFirst(passing))
    }

    /// The filters-first plan whatever the filters' selectivity, its list written by the
    /// plain filters' SQL rather than `passing_sql` (tests compare the two).
    #[cfg(test)]
    fn filters_first(&self, query: &SearchQuery) -> Result<Plan> {
        let (filters, args) = filter_sql(query, Which::Indexed, 1);
        let sql = format!("SELECT s.rowid FROM sources s WHERE s.deleted_at IS NULL{filters} ORDER BY s.rowid");
        let mut stmt = self.conn.prepare(&sql).at(&self.label)?;
        let rowids = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get(0)).at(&self.label)?;
        Ok(Plan::FiltersFirst(rowids.collect::<rusqlite::Result<_>>().at(&self.label)?))
    }

    /// The summaries of the first `limit` ranked rows that are live sources.
    fn summaries(&self, ranked: &[Ranked], limit: usize) -> Result<Vec<SearchHit>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {}, ?2 FROM sources s WHERE s.rowid = ?1 AND s.deleted_at IS NULL",
                *SUMMARY_COLUMNS
            ))
            .at(&self.label)?;
        let mut hits = Vec::new();
        for found in ranked {
            let mut rows = stmt.query(rusqlite::params![found.rowid, found.score]).at(&self.label)?;
            if let Some(row) = rows.next().at(&self.label)? {
                hits.push(read_hit(row).map_err(|e| self.relabel(e))?);
                if hits.len() >= limit {
                    break;
                }
            }
        }
        Ok(hits)
    }

    fn relabel(&self, err: LibraryError) -> LibraryError {
        match err {
            LibraryError::Sqlite { source, .. } => LibraryError::Sqlite { path: self.label.clone(), source },
            other => other,
        }
    }
}

/// A match and its bm25 score (higher is better).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Ranked {
    rowid: i64,
    score: f64,
}

/// How [`Library::rank`] finds the matches passing the filters (see [`Library::plan`]).
#[derive(Debug)]
enum Plan {
    /// Each match, newest first, is checked against every filter.
    MatchesFirst,
    /// The rowids (ascending) of the sources passing the filters other than a tag; a
    /// match is kept when it is among them (and has the tag).
    FiltersFirst(Vec<i64>),
}

/// Which filters [`filter_sql`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    All,
    /// Those the indexes on `sources` can answer (all but the tag).
    Indexed,
    /// The tag.
    NotIndexed,
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

/// With a language filter, a statement listing the rowids of the live sources passing
/// the filters other than a tag from the index on the language alone (SQLite, without
/// statistics, would rather take the index on the year and read every row in the range).
fn passing_sql(query: &SearchQuery) -> Option<PassingSql> {
    let others = SearchQuery { language: None, tag: None, ..query.clone() };
    let language = query.language.as_ref()?;
    // The two halves of the language condition (see `filter_sql`), each a range of the
    // index: together they are the condition, and no source is in both.
    let language = language.to_lowercase();
    let (filters, rest) = filter_sql(&others, Which::Indexed, 4);
    let from = "SELECT s.rowid FROM sources s INDEXED BY sources_filter_language WHERE s.deleted_at IS NULL";
    let text = format!(
        "{from} AND lower(s.language) = ?1{filters}
         UNION ALL {from} AND lower(s.language) >= ?2 AND lower(s.language) < ?3{filters}"
    );
    let mut args =
        vec![Value::Text(language.clone()), Value::Text(format!("{language}-")), Value::Text(format!("{language}."))];
    args.extend(rest);
    Some(PassingSql { text, args })
}

/// See [`passing_sql`].
#[derive(Debug)]
struct PassingSql {
    text: String,
    args: Vec<Value>,
}

/// Filters as SQL conditions on `s` (each starting with ` AND`) and their values,
/// numbered from `?first`.
fn filter_sql(query: &SearchQuery, which: Which, first: usize) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut args: Vec<Value> = Vec::new();
    let param = |args: &mut Vec<Value>, value: Value| {
        args.push(value);
        format!("?{}", args.len() + first - 1)
    };
    let indexed = which != Which::NotIndexed;
    if indexed && !query.kinds.is_empty() {
        let list: Vec<String> =
            query.kinds.iter().map(|k| param(&mut args, Value::Text(k.name().to_owned()))).collect();
        let _ = write!(sql, " AND s.type IN ({})", list.join(", "));
    }
    if let Some(language) = query.language.as_ref().filter(|_| indexed) {
        // `fr` matches `fr` and `fr-FR`: the language itself, or anything from `fr-` up
        // to `fr.` (`.` follows `-`), which is exactly what starts with `fr-`. Written as
        // comparisons so the index on lower(language) answers it.
        let language = language.to_lowercase();
        let exact = param(&mut args, Value::Text(language.clone()));
        let from = param(&mut args, Value::Text(format!("{language}-")));
        let to = param(&mut args, Value::Text(format!("{language}.")));
        let _ = write!(
            sql,
            " AND (lower(s.language) = {exact} OR (lower(s.language) >= {from} AND lower(s.language) < {to}))"
        );
    }
    if indexed && !query.grades.is_empty() {
        let list: Vec<String> =
            query.grades.iter().map(|g| param(&mut args, Value::Text(g.letter().to_string()))).collect();
        let _ = write!(sql, " AND s.grade IN ({})", list.join(", "));
    }
    if let Some(range) = query.years.filter(|_| indexed) {
        if let Some(from) = range.from {
            let p = param(&mut args, Value::Integer(from.into()));
            let _ = write!(sql, " AND s.issued_year >= {p}");
        }
        if let Some(to) = range.to {
            let p = param(&mut args, Value::Integer(to.into()));
            let _ = write!(sql, " AND s.issued_year <= {p}");
        }
    }
    if let Some(tag) = query.tag.as_ref().filter(|_| which != Which::Indexed) {
        // Tags compare folded, so `securite` finds the tag `Sécurité`.
        let p = param(&mut args, Value::Text(fold(tag)));
        let _ = write!(sql, " AND EXISTS (SELECT 1 FROM json_each(s.tags) WHERE mizan_fold(json_each.value) = {p})");
    }
    (sql, args)
}

fn read_hit(row: &rusqlite::Row<'_>) -> Result<SearchHit> {
    let source = crate::row::read_fields(row, &SUMMARY_FIELDS)?;
    let score = row
        .get(1 + SourceField::column_count(&SUMMARY_FIELDS))
        .map_err(|source| LibraryError::Sqlite { path: String::new(), source })?;
    let grade = source.reliability();
    let Source { id, key, kind, title, container_title, authors, issued, language, tags, .. } = source;
    Ok(SearchHit {
        source: SourceSummary { id, key, kind, title, container_title, authors, issued, language, grade, tags },
        score,
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
    fn a_citation_key_prefix_finds_its_sources_first() {
        let mut library = memory();
        library.add(&source("hostile-2025", "Titre sans rapport")).unwrap();
        library.add(&source("lemonde-jnim-2025", "Le JNIM et le blocus")).unwrap();
        let mut other = source("rfi-blocus", "Le blocus vu par Lemonde-Jnim");
        other.notes = Some("hostile".into());
        library.add(&other).unwrap();
        // Not in any indexed text, found by its key.
        assert_eq!(find(&library, "hostile-20"), ["hostile-2025"]);
        assert_eq!(find(&library, "@hostile-2025"), ["hostile-2025"]);
        // The key's source first, then the ranked matches.
        assert_eq!(find(&library, "hostile"), ["hostile-2025", "rfi-blocus"]);
        assert_eq!(find(&library, "lemonde-j"), ["lemonde-jnim-2025", "rfi-blocus"]);
        // Filters apply to key matches too.
        let report = SearchQuery { kinds: vec![SourceType::Report], ..SearchQuery::text("hostile") };
        assert!(!keys(&library, report).contains(&"hostile-2025".to_owned()));
        // Several words are never a key: the key is not in the indexed text.
        assert!(find(&library, "hostile titre").is_empty());
    }

    #[test]
    fn a_translated_title_finds_its_source_as_its_title_would() {
        let mut library = memory();
        let mut arabic = source("sahil-hisar", "كيف تحوّل الوقود إلى سلاح في الحرب على باماكو");
        arabic.translated_title = Some("Comment le carburant est devenu une arme".into());
        library.add(&arabic).unwrap();
        let mut note = source("in-note", "Rapport annuel");
        note.notes = Some("le carburant manque".into());
        library.add(&note).unwrap();
        assert_eq!(find(&library, "carburant arme"), ["sahil-hisar"]);
        // Ranked with the title, above a match in the notes.
        assert_eq!(find(&library, "carburant"), ["sahil-hisar", "in-note"]);
        assert_eq!(find(&library, "الوقود"), ["sahil-hisar"]);
        // An edit reindexes it.
        arabic.translated_title = None;
        library.update(&arabic).unwrap();
        assert!(find(&library, "arme").is_empty());
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

    /// A library of `count` sources whose words, languages, years, grades, types and tags
    /// are drawn from small sets, so common words match far more than RANK_WINDOW
    /// sources and filters pass anything from a few to most of them; a few are deleted.
    fn generated_library(count: usize) -> Library {
        let mut library = memory();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        const WORDS: [&str; 12] = [
            "Sahel",
            "blocus",
            "carburant",
            "sécurité",
            "Kidal",
            "Gao",
            "الأمن",
            "مالي",
            "والحصار",
            "security",
            "convoy",
            "Anéfis",
        ];
        const LANGUAGES: [Option<&str>; 8] =
            [Some("fr"), Some("fr-FR"), Some("FR"), Some("ar"), Some("en"), Some("en-GB"), Some("fr_CA"), None];
        let mut batch = Vec::new();
        for n in 0..count {
            // The last word is rare (about one source in 60).
            let mut words = Vec::new();
            for _ in 0..1 + next(4) {
                let range = if next(5) == 0 { 12 } else { 11 };
                words.push(WORDS[next(range)]);
            }
            let mut s = source(&format!("s{n}"), &format!("{} {n}", words.join(" ")));
            s.language = LANGUAGES[next(LANGUAGES.len())].map(str::to_owned);
            s.kind = SourceType::ALL[next(4)];
            if next(10) > 0 {
                s.issued = Some(format!("{}", 2015 + next(11)).parse().unwrap());
            }
            if next(3) > 0 {
                s.grade = Some(mizan_source::Grading {
                    reliability: Reliability::ALL[next(6)],
                    graded_by: "T".into(),
                    graded_at: mizan_source::Timestamp(0),
                });
            }
            if next(4) == 0 {
                s.tags = vec![["Sécurité", "JNIM", "Wagner"][next(3)].to_owned()];
            }
            batch.push(s);
        }
        library.import(batch, DuplicatePolicy::KeepBoth).unwrap();
        for n in (0..count).step_by(37) {
            library.remove(&format!("s{n}")).unwrap();
        }
        library
    }

    /// What [`Library::search`] means, computed the slow way: every match scored, the
    /// filters checked on every row.
    fn reference(library: &Library, query: &SearchQuery) -> Vec<(String, f64)> {
        let limit = query.limit.max(1);
        let window = RANK_WINDOW.max(limit * 4);
        let text = format!("{} : ({})", super::TEXT_COLUMNS, super::fts_query(&query.text).unwrap());
        let conn = library.connection();
        let mut stmt = conn.prepare("SELECT rowid, -rank FROM source_search WHERE source_search MATCH ?1").unwrap();
        let mut matches: Vec<(i64, f64)> =
            stmt.query_map([&text], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
        matches.sort_by_key(|m| std::cmp::Reverse(m.0));
        let (filters, args) = super::filter_sql(query, super::Which::All, 2);
        let passes = |rowid: i64| {
            let sql = format!("SELECT 1 FROM sources s WHERE s.rowid = ?1 AND s.deleted_at IS NULL{filters}");
            let args = std::iter::once(rusqlite::types::Value::Integer(rowid)).chain(args.iter().cloned());
            conn.prepare(&sql).unwrap().exists(rusqlite::params_from_iter(args)).unwrap()
        };
        let newest: Vec<(i64, f64)> = matches.iter().take(window).copied().filter(|m| passes(m.0)).collect();
        let mut chosen = if filters.is_empty() || matches.len() <= window || newest.len() >= limit {
            newest
        } else {
            let all = matches.iter().copied().filter(|m| passes(m.0));
            if query.tag.is_some() { all.collect() } else { all.take(window).collect() }
        };
        chosen.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
        chosen
            .into_iter()
            .filter_map(|(rowid, score)| {
                conn.query_row("SELECT key FROM sources WHERE rowid = ?1 AND deleted_at IS NULL", [rowid], |r| {
                    r.get::<_, String>(0)
                })
                .ok()
                .map(|key| (key, score))
            })
            .take(limit)
            .collect()
    }

    fn outcome(hits: Vec<SearchHit>) -> Vec<(String, f64)> {
        hits.into_iter().map(|h| (h.source.key.to_string(), h.score)).collect()
    }

    /// Both plans for filters, and the one chosen, give exactly the reference's hits, scores
    /// and order, over many combinations of words, filters and page sizes.
    #[test]
    fn every_plan_gives_the_same_hits_as_the_reference() {
        let library = generated_library(2_500);
        let texts = ["sahel", "secu", "الامن", "حصار", "kidal gao", "anefis", "\"blocus carburant\"", "sec"];
        let languages = [None, Some("fr"), Some("FR-fr"), Some("ar"), Some("fr_ca"), Some("en"), Some("%"), Some("-")];
        let years = [None, YearRange::parse("2023.."), YearRange::parse("..2016"), YearRange::parse("2019")];
        let grades = [vec![], vec![Reliability::A, Reliability::B], vec![Reliability::F]];
        let mut checked = 0;
        let mut nonempty = 0;
        let mut filters_first_chosen = 0;
        for (i, text) in texts.iter().enumerate() {
            for (j, language) in languages.iter().enumerate() {
                for (k, years) in years.iter().enumerate() {
                    for (l, grades) in grades.iter().enumerate() {
                        let pick = i + j + k + l;
                        let query = SearchQuery {
                            text: (*text).to_owned(),
                            language: language.map(str::to_owned),
                            years: *years,
                            grades: grades.clone(),
                            kinds: if pick % 3 == 0 { vec![SourceType::ALL[0], SourceType::ALL[2]] } else { vec![] },
                            tag: (pick % 5 == 0).then(|| "securite".to_owned()),
                            limit: [5, 20, 150][pick % 3],
                        };
                        let expected = reference(&library, &query);
                        let chosen = outcome(library.search(&query).unwrap());
                        assert_eq!(chosen, expected, "chosen plan, {query:?}");
                        let matches_first =
                            outcome(library.search_planned(&query, Some(super::Plan::MatchesFirst)).unwrap());
                        assert_eq!(matches_first, expected, "matches first, {query:?}");
                        let plan = library.filters_first(&query).unwrap();
                        let filters_first = outcome(library.search_planned(&query, Some(plan)).unwrap());
                        assert_eq!(filters_first, expected, "filters first, {query:?}");
                        if matches!(library.plan(&query).unwrap(), super::Plan::FiltersFirst(_)) {
                            filters_first_chosen += 1;
                        }
                        checked += 1;
                        nonempty += usize::from(!expected.is_empty());
                    }
                }
            }
        }
        assert_eq!(checked, 768);
        assert!(nonempty > 300, "only {nonempty} queries found anything: the library is too sparse");
        assert!(filters_first_chosen > 100, "filters first chosen {filters_first_chosen} times");
    }

    #[test]
    fn language_filters_match_subtags_and_no_wildcards() {
        let mut library = memory();
        for (key, language) in [("fr", "fr"), ("fr-ca", "fr-CA"), ("fra", "fra"), ("fr-under", "fr_CA"), ("pct", "f%")]
        {
            let mut s = source(key, "Rapport sur Kidal");
            s.language = Some(language.into());
            library.add(&s).unwrap();
        }
        let sorted = |language: &str| {
            let mut found =
                keys(&library, SearchQuery { language: Some(language.into()), ..SearchQuery::text("kidal") });
            found.sort();
            found
        };
        assert_eq!(sorted("fr"), ["fr", "fr-ca"]);
        assert_eq!(sorted("FR-ca"), ["fr-ca"]);
        assert_eq!(sorted("fr_"), Vec::<String>::new());
        assert_eq!(sorted("f%"), ["pct"]);
    }

    #[test]
    fn a_malformed_rowid_set_is_an_error_not_a_panic() {
        let library = memory();
        let err = library
            .connection()
            .query_row("SELECT mizan_rowid_in(1, x'0102')", [], |r| r.get::<_, bool>(0))
            .unwrap_err();
        assert!(err.to_string().contains("not 8-byte rowids"), "{err}");
        let set: Vec<u8> = [3i64, 7, 40].iter().flat_map(|r| r.to_le_bytes()).collect();
        let found: bool = library.connection().query_row("SELECT mizan_rowid_in(7, ?1)", [&set], |r| r.get(0)).unwrap();
        assert!(found);
    }
}
