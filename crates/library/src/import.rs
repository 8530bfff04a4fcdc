//! Adding sources with duplicate detection, one at a time or a whole file at once.

use std::collections::{HashMap, HashSet};
use std::fmt;

use mizan_source::{CitationKey, FieldKind, FieldValue, Source, SourceField, SourceType};
use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

use crate::Library;
use crate::error::{LibraryError, Result, SqliteContext};
use crate::row::SourceRow;
use crate::store::{IndexEntry, Stamp, WriteMode, free_key, key_taken, load_excerpts, write_row};

/// What to do with a source that duplicates one already in the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DuplicatePolicy {
    /// Leave the library's source as it is and report the duplicate.
    #[default]
    Skip,
    /// Fill the library's source's empty fields from the duplicate, add its tags and
    /// excerpts; the library's key and title stay.
    Merge,
    /// Add the duplicate as a source of its own (under a fresh key if needed).
    KeepBoth,
}

impl DuplicatePolicy {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "skip" => Some(Self::Skip),
            "merge" => Some(Self::Merge),
            "keep-both" => Some(Self::KeepBoth),
            _ => None,
        }
    }
}

/// Why two sources are taken to be the same work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicateReason {
    /// The same Mizan id: the same source exported and imported again.
    SameId,
    SameDoi,
    SameUrl,
    /// Same title once folded (case, accents, Arabic letter forms) and same year.
    SameTitleAndYear,
}

impl fmt::Display for DuplicateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::SameId => "same Mizan id",
            Self::SameDoi => "same DOI",
            Self::SameUrl => "same URL",
            Self::SameTitleAndYear => "same title and year",
        })
    }
}

/// What happened to one incoming source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Added under `key` (which differs from the incoming key if that was taken).
    Added { key: CitationKey, renamed_from: Option<CitationKey> },
    /// A duplicate, left out.
    Skipped { key: CitationKey, existing: CitationKey, reason: DuplicateReason },
    /// A duplicate, merged into `existing`.
    Merged { key: CitationKey, existing: CitationKey, reason: DuplicateReason },
}

/// What an import did, entry by entry, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub outcomes: Vec<ImportOutcome>,
}

impl ImportReport {
    pub fn added(&self) -> usize {
        self.outcomes.iter().filter(|o| matches!(o, ImportOutcome::Added { .. })).count()
    }
    pub fn skipped(&self) -> usize {
        self.outcomes.iter().filter(|o| matches!(o, ImportOutcome::Skipped { .. })).count()
    }
    pub fn merged(&self) -> usize {
        self.outcomes.iter().filter(|o| matches!(o, ImportOutcome::Merged { .. })).count()
    }
    pub fn renamed(&self) -> usize {
        self.outcomes.iter().filter(|o| matches!(o, ImportOutcome::Added { renamed_from: Some(_), .. })).count()
    }
}

impl Library {
    /// Adds one source. A taken key or a duplicate is an error (see [`Library::add_with`]).
    pub fn add(&mut self, source: &Source) -> Result<()> {
        let label = self.label.clone();
        if key_taken(&self.conn, source.key.as_str()).at(&label)? {
            return Err(LibraryError::KeyTaken(source.key.clone()));
        }
        match self.add_with(source, DuplicatePolicy::Skip)? {
            ImportOutcome::Skipped { key, existing, reason } => {
                Err(LibraryError::Duplicate { incoming: key, existing, reason })
            }
            _ => Ok(()),
        }
    }

    /// Adds one source, handling a duplicate by `policy`. A taken key is an error.
    pub fn add_with(&mut self, source: &Source, policy: DuplicatePolicy) -> Result<ImportOutcome> {
        let label = self.label.clone();
        if key_taken(&self.conn, source.key.as_str()).at(&label)?
            && find_duplicate(&self.conn, source, &SourceRow::of(source)).at(&label)?.is_none()
        {
            return Err(LibraryError::KeyTaken(source.key.clone()));
        }
        let mut report = self.import(vec![source.clone()], policy)?;
        report.outcomes.pop().ok_or_else(|| LibraryError::UnknownKey(source.key.to_string()))
    }

    /// Adds many sources in one transaction: all of them or, on error, none.
    ///
    /// Duplicates (of the library or of earlier entries) follow `policy`; a source whose
    /// key is taken by a different source is added under `key-2`, `key-3`…
    pub fn import(&mut self, sources: Vec<Source>, policy: DuplicatePolicy) -> Result<ImportReport> {
        let stamp_at = self.now();
        let analyst = self.options.analyst.clone();
        let stamp = Stamp { at: stamp_at, by: &analyst };
        let label = self.label.clone();
        let tx = self.conn.transaction().at(&label)?;
        // Into an empty library (a first import, the big one), duplicates can only be among
        // the incoming sources, so they are found in memory instead of by a handful of
        // index lookups per source.
        let live: i64 =
            tx.query_row("SELECT count(*) FROM sources WHERE deleted_at IS NULL", [], |r| r.get(0)).at(&label)?;
        let mut seen = (live == 0).then(Seen::default);
        let mut report = ImportReport::default();
        let mut written = Vec::with_capacity(sources.len());
        let mut import = |prepared: Prepared| -> Result<()> {
            let outcome = import_one(&tx, prepared, policy, stamp, seen.as_mut(), &mut written)?;
            report.outcomes.push(outcome);
            Ok(())
        };
        if sources.len() < PIPELINE_FROM {
            for source in sources {
                import(Prepared::new(source))?;
            }
        } else {
            // Folding text for the index and the duplicate checks, and writing the JSON
            // columns, take about a third of an import; a second thread does it while this
            // one writes. Batches keep the hand-overs few; the bound keeps the two in step.
            std::thread::scope(|scope| -> Result<()> {
                let (batches, received) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(4);
                scope.spawn(move || {
                    let mut sources = sources.into_iter();
                    loop {
                        let batch: Vec<Prepared> = sources.by_ref().take(BATCH).map(Prepared::new).collect();
                        // A closed channel means the writer stopped on an error.
                        if batch.is_empty() || batches.send(batch).is_err() {
                            break;
                        }
                    }
                });
                for batch in received {
                    for prepared in batch {
                        import(prepared)?;
                    }
                }
                Ok(())
            })?;
        }
        // Search entries last, in the order the rows were written (see
        // `write_source_unindexed` for why).
        for (rowid, mode, entry) in &written {
            if *mode == WriteMode::Update {
                tx.prepare_cached("DELETE FROM source_search WHERE rowid = ?1")
                    .and_then(|mut stmt| stmt.execute([rowid]))
                    .at(&label)?;
            }
            entry.insert(&tx, *rowid).at(&label)?;
        }
        tx.commit().at(&label)?;
        Ok(report)
    }
}

/// Imports of at least this many sources prepare them on a second thread.
const PIPELINE_FROM: usize = 512;
/// How many prepared sources the preparing thread hands over at once.
const BATCH: usize = 256;

/// An incoming source with the values its row and search entry need, computed once.
#[derive(Debug)]
struct Prepared {
    source: Source,
    row: SourceRow,
    index: IndexEntry,
}

impl Prepared {
    fn new(source: Source) -> Self {
        Self { row: SourceRow::of(&source), index: IndexEntry::of(&source), source }
    }
}

/// What an import into an empty library has added so far, by every duplicate criterion.
#[derive(Debug, Default)]
struct Seen {
    ids: HashMap<Uuid, Uuid>,
    dois: HashMap<String, Uuid>,
    urls: HashMap<String, Uuid>,
    /// By folded title, then year.
    titles: HashMap<String, HashMap<i32, Uuid>>,
    keys: HashSet<String>,
}

impl Seen {
    fn find(&self, source: &Source, row: &SourceRow) -> Option<(Uuid, DuplicateReason)> {
        if let Some(id) = self.ids.get(&source.id) {
            return Some((*id, DuplicateReason::SameId));
        }
        if let Some(id) = row.doi_norm.as_ref().and_then(|d| self.dois.get(d)) {
            return Some((*id, DuplicateReason::SameDoi));
        }
        if let Some(id) = row.url_norm.as_ref().and_then(|u| self.urls.get(u)) {
            return Some((*id, DuplicateReason::SameUrl));
        }
        let year = source.issued?.year;
        self.titles.get(&row.title_norm)?.get(&year).map(|id| (*id, DuplicateReason::SameTitleAndYear))
    }

    /// Records a source as it now stands in the library (first-come wins, as the
    /// database lookups' LIMIT 1 would pick the older row).
    fn add(&mut self, source: &Source, row: &SourceRow) {
        let id = source.id;
        self.ids.entry(id).or_insert(id);
        if let Some(doi) = &row.doi_norm {
            self.dois.entry(doi.clone()).or_insert(id);
        }
        if let Some(url) = &row.url_norm {
            self.urls.entry(url.clone()).or_insert(id);
        }
        if let Some(issued) = source.issued {
            self.titles.entry(row.title_norm.clone()).or_default().entry(issued.year).or_insert(id);
        }
        self.keys.insert(source.key.to_string());
    }

    fn free_key(&self, key: &CitationKey) -> CitationKey {
        if !self.keys.contains(key.as_str()) {
            return key.clone();
        }
        (2..)
            .map(|n| CitationKey::sanitize(&format!("{key}-{n}")))
            .find(|candidate| !self.keys.contains(candidate.as_str()))
            .unwrap_or_else(|| key.clone())
    }
}

fn import_one(
    conn: &Connection,
    prepared: Prepared,
    policy: DuplicatePolicy,
    stamp: Stamp<'_>,
    mut seen: Option<&mut Seen>,
    written: &mut Vec<(i64, WriteMode, IndexEntry)>,
) -> Result<ImportOutcome> {
    let sql = |e| LibraryError::Sqlite { path: String::new(), source: e };
    let Prepared { mut source, row, index } = prepared;
    let duplicate = match seen.as_deref() {
        Some(seen) => match seen.find(&source, &row) {
            Some((id, reason)) => load_live(conn, id).map_err(sql)?.map(|existing| (existing, reason)),
            None => None,
        },
        None => find_duplicate(conn, &source, &row).map_err(sql)?,
    };
    match (duplicate, policy) {
        (Some((existing, reason)), DuplicatePolicy::Skip) => {
            Ok(ImportOutcome::Skipped { key: source.key.clone(), existing: existing.key, reason })
        }
        (Some((mut existing, reason)), DuplicatePolicy::Merge) => {
            merge_into(&mut existing, &source);
            let merged = SourceRow::of(&existing);
            let rowid = write_row(conn, &existing, &merged, stamp, WriteMode::Update).map_err(sql)?;
            if let Some(seen) = seen.as_deref_mut() {
                seen.add(&existing, &merged);
            }
            written.push((rowid, WriteMode::Update, IndexEntry::of(&existing)));
            Ok(ImportOutcome::Merged { key: source.key, existing: existing.key, reason })
        }
        (duplicate, _) => {
            if duplicate.as_ref().is_some_and(|(_, reason)| *reason == DuplicateReason::SameId) {
                // Keeping both copies of one source needs two ids.
                source.id = uuid::Uuid::new_v4();
                for excerpt in &mut source.excerpts {
                    excerpt.id = uuid::Uuid::new_v4();
                }
            }
            let key = match seen.as_deref() {
                Some(seen) => seen.free_key(&source.key),
                None => free_key(conn, &source.key).map_err(sql)?,
            };
            let renamed_from = (key != source.key).then(|| source.key.clone());
            source.key = key.clone();
            // The id, key and excerpt ids are not in `row` or `index`: both still hold.
            let rowid = write_row(conn, &source, &row, stamp, WriteMode::Insert).map_err(sql)?;
            if let Some(seen) = seen {
                seen.add(&source, &row);
            }
            written.push((rowid, WriteMode::Insert, index));
            Ok(ImportOutcome::Added { key, renamed_from })
        }
    }
}

/// The live source that `source` duplicates, if any, with the reason.
pub(crate) fn find_duplicate(
    conn: &Connection,
    source: &Source,
    row: &SourceRow,
) -> rusqlite::Result<Option<(Source, DuplicateReason)>> {
    let by = |sql: &str, value: &dyn rusqlite::ToSql| -> rusqlite::Result<Option<String>> {
        conn.prepare_cached(sql)?.query_row([value], |r| r.get::<_, String>(0)).optional()
    };
    let mut found = None;
    if let Some(id) = by("SELECT id FROM sources WHERE id = ?1 AND deleted_at IS NULL", &source.id.to_string())? {
        found = Some((id, DuplicateReason::SameId));
    } else if let Some(doi) = &row.doi_norm
        && let Some(id) = by("SELECT id FROM sources WHERE doi_norm = ?1 AND deleted_at IS NULL LIMIT 1", doi)?
    {
        found = Some((id, DuplicateReason::SameDoi));
    } else if let Some(url) = &row.url_norm
        && let Some(id) = by("SELECT id FROM sources WHERE url_norm = ?1 AND deleted_at IS NULL LIMIT 1", url)?
    {
        found = Some((id, DuplicateReason::SameUrl));
    } else if let Some(year) = source.issued.map(|d| d.year) {
        let id = conn
            .prepare_cached(
                "SELECT id FROM sources WHERE title_norm = ?1 AND issued_year = ?2 AND deleted_at IS NULL LIMIT 1",
            )?
            .query_row(rusqlite::params![row.title_norm, year], |r| r.get::<_, String>(0))
            .optional()?;
        found = id.map(|id| (id, DuplicateReason::SameTitleAndYear));
    }
    let Some((id, reason)) = found else { return Ok(None) };
    let Ok(id) = Uuid::parse_str(&id) else { return Ok(None) };
    Ok(load_live(conn, id)?.map(|existing| (existing, reason)))
}

/// A live source with its excerpts. A row Mizan cannot read is not treated as a
/// duplicate; `library check` reports it.
fn load_live(conn: &Connection, id: Uuid) -> rusqlite::Result<Option<Source>> {
    let sql = format!("SELECT {} FROM sources s WHERE s.id = ?1 AND s.deleted_at IS NULL", *crate::row::SOURCE_COLUMNS);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id.to_string()])?;
    let Some(row) = rows.next()? else { return Ok(None) };
    let Ok(mut existing) = crate::row::read_source(row) else { return Ok(None) };
    existing.excerpts = load_excerpts(conn, existing.id)?;
    Ok(Some(existing))
}

/// Fills `existing`'s gaps from `incoming`: empty fields, a type if it had none, new tags,
/// new excerpts. Its key and title stay.
fn merge_into(existing: &mut Source, incoming: &Source) {
    for field in SourceField::ALL {
        let wanted = match field.kind() {
            FieldKind::Key | FieldKind::Title => None,
            FieldKind::Type => (existing.kind == SourceType::Other).then(|| incoming.value(field)),
            FieldKind::Text | FieldKind::Date | FieldKind::People | FieldKind::Grade => {
                existing.value(field).is_empty().then(|| incoming.value(field))
            }
            // A detail goes with the date it describes: taken when that date was.
            FieldKind::DateDetail => field.described_date().and_then(|date| {
                let FieldValue::DateDetail(detail) = incoming.value(field) else { return None };
                let taken = existing.value(date) == incoming.value(date);
                (taken && existing.value(field).is_empty()).then_some(FieldValue::DateDetail(detail))
            }),
            FieldKind::Tags => {
                let mut tags = existing.tags.clone();
                for tag in &incoming.tags {
                    if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                        tags.push(tag.clone());
                    }
                }
                Some(FieldValue::Tags(tags))
            }
        };
        if let Some(value) = wanted {
            // The value was read from a field of the same kind: it always fits.
            let _ = existing.set(field, value);
        }
    }
    for excerpt in &incoming.excerpts {
        if !existing.excerpts.iter().any(|e| e.id == excerpt.id || e.text == excerpt.text) {
            existing.excerpts.push(excerpt.clone());
        }
    }
}

/// Whether `key` is free, for callers that want to check before asking.
pub fn is_key_free(library: &Library, key: &str) -> Result<bool> {
    key_taken(&library.conn, key).map(|taken| !taken).at(&library.label)
}

#[cfg(test)]
mod tests {
    use mizan_source::{Excerpt, PartialDate};
    use uuid::Uuid;

    use crate::test_support::*;
    use crate::*;

    fn dated(key: &str, title: &str, year: &str) -> Source {
        let mut s = source(key, title);
        s.issued = Some(year.parse::<PartialDate>().unwrap());
        s
    }

    #[test]
    fn same_doi_is_a_duplicate() {
        let mut library = memory();
        let mut a = source("a", "Titre A");
        a.doi = Some("10.1000/XYZ".into());
        library.add(&a).unwrap();
        let mut b = source("b", "Titre tout autre");
        b.doi = Some("https://doi.org/10.1000/xyz".into());
        let err = library.add(&b).unwrap_err();
        assert!(matches!(err, LibraryError::Duplicate { reason: DuplicateReason::SameDoi, .. }), "{err}");
        assert!(err.to_string().contains("`b` duplicates `a` (same DOI)"), "{err}");
    }

    #[test]
    fn same_normalised_url_is_a_duplicate() {
        let mut library = memory();
        let mut a = source("a", "Titre A");
        a.url = Some("https://www.example.org/rapport/?utm_source=x".into());
        library.add(&a).unwrap();
        let mut b = source("b", "B");
        b.url = Some("http://example.org/rapport".into());
        let outcome = library.add_with(&b, DuplicatePolicy::Skip).unwrap();
        assert!(matches!(outcome, ImportOutcome::Skipped { reason: DuplicateReason::SameUrl, .. }));
    }

    #[test]
    fn same_folded_title_and_year_is_a_duplicate() {
        let mut library = memory();
        library.add(&dated("a", "La Sécurité au Sahel", "2025-03")).unwrap();
        let outcome = library.add_with(&dated("b", "la securite au  sahel.", "2025"), DuplicatePolicy::Skip).unwrap();
        assert!(matches!(outcome, ImportOutcome::Skipped { reason: DuplicateReason::SameTitleAndYear, .. }));
        // Another year is another work.
        let outcome = library.add_with(&dated("c", "La Sécurité au Sahel", "2024"), DuplicatePolicy::Skip).unwrap();
        assert!(matches!(outcome, ImportOutcome::Added { .. }));
        // Arabic letter forms fold too.
        library.add(&dated("ar1", "الأمن في مالي", "2025")).unwrap();
        let outcome = library.add_with(&dated("ar2", "الامن في مالى", "2025"), DuplicatePolicy::Skip).unwrap();
        assert!(matches!(outcome, ImportOutcome::Skipped { .. }));
    }

    #[test]
    fn merge_fills_gaps_and_keeps_what_is_there() {
        let mut library = memory();
        let mut a = dated("a", "Rapport sur Gao", "2025");
        a.tags = vec!["Mali".into()];
        library.add(&a).unwrap();
        let mut b = dated("b", "Rapport sur Gao", "2025");
        b.publisher = Some("ICG".into());
        b.tags = vec!["mali".into(), "Gao".into()];
        b.excerpts = vec![Excerpt { id: Uuid::new_v4(), text: "extrait".into(), locator: None }];
        let outcome = library.add_with(&b, DuplicatePolicy::Merge).unwrap();
        assert!(matches!(outcome, ImportOutcome::Merged { .. }));
        let merged = library.get("a").unwrap().unwrap().source;
        assert_eq!(merged.publisher.as_deref(), Some("ICG"));
        assert_eq!(merged.tags, ["Mali", "Gao"]);
        assert_eq!(merged.excerpts.len(), 1);
        assert!(library.get("b").unwrap().is_none());
    }

    #[test]
    fn keep_both_adds_a_copy_under_a_free_key() {
        let mut library = memory();
        let a = dated("a", "Même titre", "2025");
        library.add(&a).unwrap();
        let outcome = library.add_with(&a, DuplicatePolicy::KeepBoth);
        // Same key and same id: added under a-2 with a new id.
        assert!(matches!(outcome, Ok(ImportOutcome::Added { ref key, .. }) if key.as_str() == "a-2"), "{outcome:?}");
        assert_eq!(library.count().unwrap(), 2);
    }

    #[test]
    fn import_renames_clashing_keys_of_different_works_and_is_atomic() {
        let mut library = memory();
        library.add(&source("k", "Premier")).unwrap();
        let report = library
            .import(
                vec![source("k", "Deuxième"), source("k", "Troisième"), source("z", "Autre")],
                DuplicatePolicy::Skip,
            )
            .unwrap();
        assert_eq!(report.added(), 3);
        assert_eq!(report.renamed(), 2);
        assert!(library.get("k-2").unwrap().is_some() && library.get("k-3").unwrap().is_some());
    }

    #[test]
    fn reimporting_the_same_sources_skips_them_all() {
        let mut library = memory();
        let list = vec![dated("a", "Un", "2024"), dated("b", "Deux", "2025")];
        library.import(list.clone(), DuplicatePolicy::Skip).unwrap();
        let report = library.import(list, DuplicatePolicy::Skip).unwrap();
        assert_eq!((report.added(), report.skipped()), (0, 2));
        assert!(
            report.outcomes.iter().all(|o| matches!(o, ImportOutcome::Skipped { reason: DuplicateReason::SameId, .. }))
        );
    }

    /// The in-memory duplicate detection (used for imports into an empty library) must
    /// decide exactly as the database lookups do.
    #[test]
    fn duplicates_within_one_file_are_found_the_same_way_in_an_empty_library() {
        let mut doi_a = dated("doi-a", "Premier rapport", "2024");
        doi_a.doi = Some("10.1/X".into());
        let mut doi_b = dated("doi-b", "Autre titre", "2025");
        doi_b.doi = Some("https://doi.org/10.1/x".into());
        let mut url_a = dated("url-a", "Page A", "2023");
        url_a.url = Some("https://www.example.org/a/".into());
        let mut url_b = dated("url-b", "Page B", "2022");
        url_b.url = Some("http://example.org/a?utm_medium=x".into());
        let title_a = dated("t-a", "La Sécurité au Sahel", "2025");
        let title_b = dated("t-b", "la securite au sahel", "2025-06");
        let key_a = source("same-key", "Un");
        let key_b = source("same-key", "Deux");
        let batch = vec![doi_a, doi_b, url_a, url_b, title_a.clone(), title_b, key_a, key_b, title_a];
        for policy in [DuplicatePolicy::Skip, DuplicatePolicy::Merge, DuplicatePolicy::KeepBoth] {
            let mut empty = memory();
            let fast = empty.import(batch.clone(), policy).unwrap();
            let mut seeded = memory();
            seeded.add(&source("unrelated", "Sans rapport")).unwrap();
            let slow = seeded.import(batch.clone(), policy).unwrap();
            assert_eq!(fast, slow, "{policy:?}");
            assert_eq!(empty.count().unwrap() + 1, seeded.count().unwrap(), "{policy:?}");
        }
    }

    /// An import big enough to prepare its sources on a second thread decides, writes and
    /// indexes exactly as source-by-source imports do, duplicates within it included.
    #[test]
    fn a_large_import_prepared_on_a_second_thread_matches_one_by_one_imports() {
        let mut batch = Vec::new();
        for n in 0..(super::PIPELINE_FROM + 150) {
            let mut s = dated(&format!("k{}", n % 700), &format!("Rapport {} sur Gao", n % 640), "2024");
            if n % 11 == 0 {
                s.doi = Some(format!("10.1/{}", n % 50));
            }
            if n % 13 == 0 {
                s.url = Some(format!("https://example.org/{}", n % 40));
            }
            s.tags = vec![format!("t{}", n % 7)];
            s.excerpts = vec![Excerpt { id: Uuid::new_v4(), text: format!("extrait {n} الأمن"), locator: None }];
            batch.push(s);
        }
        for policy in [DuplicatePolicy::Skip, DuplicatePolicy::Merge, DuplicatePolicy::KeepBoth] {
            let mut bulk = memory();
            let report = bulk.import(batch.clone(), policy).unwrap();
            let mut single = memory();
            let outcomes: Vec<ImportOutcome> =
                batch.iter().map(|s| single.import(vec![s.clone()], policy).unwrap().outcomes.remove(0)).collect();
            assert_eq!(report.outcomes, outcomes, "{policy:?}");
            assert!(report.skipped() + report.merged() > 0 || policy == DuplicatePolicy::KeepBoth, "{policy:?}");
            assert_eq!(bulk.all().unwrap(), single.all().unwrap(), "{policy:?}");
            for text in ["gao", "الامن", "t3", "extrait"] {
                let query = SearchQuery { limit: 1000, ..SearchQuery::text(text) };
                let found = |library: &Library| {
                    let mut keys: Vec<String> =
                        library.search(&query).unwrap().into_iter().map(|h| h.source.key.to_string()).collect();
                    keys.sort();
                    keys
                };
                assert_eq!(found(&bulk), found(&single), "{policy:?} {text}");
            }
        }
    }
}
