//! Adding, reading, changing and removing sources.

use mizan_source::{CitationKey, Excerpt, Grading, Reliability, Source, Timestamp};
use mizan_text::{fold, strip_arabic_clitics, words};
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use crate::Library;
use crate::error::{LibraryError, Result, SqliteContext};
use crate::row::{INSERT_SOURCE, SOURCE_COLUMN_COUNT, SOURCE_COLUMNS, SourceRow, UPDATE_SOURCE, read_source};

/// A source with who made it and who changed it last.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceRecord {
    pub source: Source,
    pub created_at: Timestamp,
    pub created_by: String,
    pub modified_at: Timestamp,
    pub modified_by: String,
    /// Set on tombstones (see [`Library::find_including_deleted`]).
    pub deleted_at: Option<Timestamp>,
}

/// Who is writing, and when: stamped on every row a write touches.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Stamp<'a> {
    pub at: Timestamp,
    pub by: &'a str,
}

impl Library {
    /// The time of this write and the analyst's name, owned so the connection can be
    /// borrowed mutably for the write.
    pub(crate) fn stamp_parts(&self) -> (Timestamp, String) {
        (self.now(), self.options.analyst.clone())
    }

    /// The live source with this key, with its excerpts.
    pub fn get(&self, key: &str) -> Result<Option<SourceRecord>> {
        self.record_where("s.key = ?1 AND s.deleted_at IS NULL", key)
    }

    /// The source with this id, live or deleted.
    pub fn get_by_id(&self, id: Uuid) -> Result<Option<SourceRecord>> {
        self.record_where("s.id = ?1", &id.to_string())
    }

    /// The live source with this key or, failing that, the most recently deleted one:
    /// what a brief's audit needs to tell "unknown key" from "cited source deleted".
    pub fn find_including_deleted(&self, key: &str) -> Result<Option<SourceRecord>> {
        match self.get(key)? {
            Some(record) => Ok(Some(record)),
            None => self.record_where("s.key = ?1 ORDER BY s.deleted_at DESC LIMIT 1", key),
        }
    }

    fn record_where(&self, condition: &str, value: &str) -> Result<Option<SourceRecord>> {
        let sql = format!(
            "SELECT {}, s.created_at, s.created_by, s.modified_at, s.modified_by, s.deleted_at
             FROM sources s WHERE {condition}",
            *SOURCE_COLUMNS
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.label)?;
        let mut rows = stmt.query([value]).at(&self.label)?;
        let Some(row) = rows.next().at(&self.label)? else { return Ok(None) };
        let mut source = read_source(row)?;
        let meta = |i: usize| row.get::<_, i64>(i).map(Timestamp).at(&self.label);
        let text = |i: usize| row.get::<_, String>(i).at(&self.label);
        let n = SOURCE_COLUMN_COUNT;
        let deleted_at: Option<i64> = row.get(n + 4).at(&self.label)?;
        let record_meta = (meta(n)?, text(n + 1)?, meta(n + 2)?, text(n + 3)?);
        source.excerpts = load_excerpts(&self.conn, source.id).at(&self.label)?;
        Ok(Some(SourceRecord {
            source,
            created_at: record_meta.0,
            created_by: record_meta.1,
            modified_at: record_meta.2,
            modified_by: record_meta.3,
            deleted_at: deleted_at.map(Timestamp),
        }))
    }

    /// Brings one source's search entry in step with its rows after something other than
    /// this crate changed them (sync applying another device's changes): live sources are
    /// re-indexed, deleted ones dropped from the index.
    pub fn reindex_source(&self, id: Uuid) -> Result<()> {
        match self.get_by_id(id)? {
            Some(record) if record.deleted_at.is_none() => reindex(&self.conn, &record.source).at(&self.label),
            _ => {
                self.conn
                    .execute(
                        "DELETE FROM source_search WHERE rowid = (SELECT rowid FROM sources WHERE id = ?1)",
                        [id.to_string()],
                    )
                    .at(&self.label)?;
                Ok(())
            }
        }
    }

    /// Every live source with its excerpts, by key.
    pub fn all(&self) -> Result<Vec<Source>> {
        let sql = format!("SELECT {} FROM sources s WHERE s.deleted_at IS NULL ORDER BY s.key", *SOURCE_COLUMNS);
        let mut stmt = self.conn.prepare(&sql).at(&self.label)?;
        let mut rows = stmt.query([]).at(&self.label)?;
        let mut sources = Vec::new();
        while let Some(row) = rows.next().at(&self.label)? {
            sources.push(read_source(row)?);
        }
        let mut excerpts = all_excerpts(&self.conn).at(&self.label)?;
        for source in &mut sources {
            if let Some(list) = excerpts.remove(&source.id) {
                source.excerpts = list;
            }
        }
        Ok(sources)
    }

    /// How many live sources the library holds.
    pub fn count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sources WHERE deleted_at IS NULL", [], |r| r.get(0))
            .at(&self.label)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Replaces a live source's fields (found by id), its excerpts included. The key may
    /// change if no other live source has the new one.
    pub fn update(&mut self, source: &Source) -> Result<()> {
        let (at, by) = self.stamp_parts();
        let stamp = Stamp { at, by: &by };
        let label = self.label.clone();
        let tx = self.conn.transaction().at(&label)?;
        let current: Option<String> = tx
            .query_row("SELECT key FROM sources WHERE id = ?1 AND deleted_at IS NULL", [source.id.to_string()], |r| {
                r.get(0)
            })
            .optional()
            .at(&label)?;
        let Some(current_key) = current else {
            return Err(LibraryError::UnknownKey(source.key.to_string()));
        };
        if current_key != source.key.as_str() && key_taken(&tx, source.key.as_str()).at(&label)? {
            return Err(LibraryError::KeyTaken(source.key.clone()));
        }
        write_source(&tx, source, stamp, WriteMode::Update).at(&label)?;
        tx.commit().at(&label)?;
        Ok(())
    }

    /// Sets a source's reliability grade, recording the analyst and the time.
    pub fn grade(&mut self, key: &str, reliability: Reliability) -> Result<Source> {
        let mut record = self.get(key)?.ok_or_else(|| LibraryError::UnknownKey(key.to_owned()))?;
        let (at, by) = self.stamp_parts();
        record.source.grade = Some(Grading { reliability, graded_by: by, graded_at: at });
        self.update(&record.source)?;
        Ok(record.source)
    }

    /// Deletes a source by writing a tombstone (it and its excerpts stay in the file so the
    /// deletion can travel to other libraries, and claims citing it can be traced).
    pub fn remove(&mut self, key: &str) -> Result<Source> {
        let record = self.get(key)?.ok_or_else(|| LibraryError::UnknownKey(key.to_owned()))?;
        let (at, by) = self.stamp_parts();
        let stamp = Stamp { at, by: &by };
        let label = self.label.clone();
        let tx = self.conn.transaction().at(&label)?;
        let id = record.source.id.to_string();
        tx.execute(
            "UPDATE excerpts SET deleted_at = ?2, deleted_by = ?3, modified_at = ?2, modified_by = ?3
             WHERE source_id = ?1 AND deleted_at IS NULL",
            params![id, stamp.at.0, stamp.by],
        )
        .at(&label)?;
        tx.execute(
            "UPDATE sources SET deleted_at = ?2, deleted_by = ?3, modified_at = ?2, modified_by = ?3 WHERE id = ?1",
            params![id, stamp.at.0, stamp.by],
        )
        .at(&label)?;
        tx.execute("DELETE FROM source_search WHERE rowid = (SELECT rowid FROM sources WHERE id = ?1)", [&id])
            .at(&label)?;
        tx.commit().at(&label)?;
        Ok(record.source)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WriteMode {
    Insert,
    Update,
}

pub(crate) fn key_taken(conn: &Connection, key: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM sources WHERE key = ?1 AND deleted_at IS NULL")?.exists([key])
}

/// Writes a source row, its excerpts and its search entry.
pub(crate) fn write_source(
    conn: &Connection,
    source: &Source,
    stamp: Stamp<'_>,
    mode: WriteMode,
) -> rusqlite::Result<()> {
    let rowid = write_source_unindexed(conn, source, stamp, mode)?;
    if mode == WriteMode::Update {
        conn.prepare_cached("DELETE FROM source_search WHERE rowid = ?1")?.execute([rowid])?;
    }
    index_row(conn, rowid, source)
}

/// Writes a source row and its excerpts, not its search entry; returns the row's rowid.
///
/// Bulk imports index after writing every row: FTS5 flushes its pending index to disk
/// whenever a statement opens a savepoint, and an insert into `sources` opens one when a
/// trigger (sync's change capture) fires. Interleaving would flush once per source.
pub(crate) fn write_source_unindexed(
    conn: &Connection,
    source: &Source,
    stamp: Stamp<'_>,
    mode: WriteMode,
) -> rusqlite::Result<i64> {
    write_row(conn, source, &SourceRow::of(source), stamp, mode)
}

/// [`write_source_unindexed`] with the row's derived values already computed.
pub(crate) fn write_row(
    conn: &Connection,
    source: &Source,
    row: &SourceRow,
    stamp: Stamp<'_>,
    mode: WriteMode,
) -> rusqlite::Result<i64> {
    let sql = match mode {
        WriteMode::Insert => &*INSERT_SOURCE,
        WriteMode::Update => &*UPDATE_SOURCE,
    };
    conn.prepare_cached(sql)?.execute(rusqlite::params_from_iter(row.parameters(source, stamp)))?;
    let rowid = match mode {
        WriteMode::Insert => conn.last_insert_rowid(),
        WriteMode::Update => conn
            .prepare_cached("SELECT rowid FROM sources WHERE id = ?1")?
            .query_row([source.id.to_string()], |r| r.get(0))?,
    };
    write_excerpts(conn, source, stamp, mode)?;
    Ok(rowid)
}

fn write_excerpts(conn: &Connection, source: &Source, stamp: Stamp<'_>, mode: WriteMode) -> rusqlite::Result<()> {
    let source_id = source.id.to_string();
    if mode == WriteMode::Update {
        // Excerpts no longer listed get a tombstone; listed ones are upserted below.
        let existing = load_excerpts(conn, source.id)?;
        for old in existing.iter().filter(|old| !source.excerpts.iter().any(|e| e.id == old.id)) {
            conn.prepare_cached(
                "UPDATE excerpts SET deleted_at = ?2, deleted_by = ?3, modified_at = ?2, modified_by = ?3 WHERE id = ?1",
            )?
            .execute(params![old.id.to_string(), stamp.at.0, stamp.by])?;
        }
        for (position, excerpt) in source.excerpts.iter().enumerate() {
            let unchanged = existing.iter().position(|old| old == excerpt) == Some(position);
            if !unchanged {
                write_excerpt(conn, UPSERT_EXCERPT, &source_id, position, excerpt, stamp)?;
            }
        }
        return Ok(());
    }
    // A new source's excerpts are plain inserts: an id that exists already belongs to
    // another source, and failing is better than moving its excerpt.
    for (position, excerpt) in source.excerpts.iter().enumerate() {
        write_excerpt(conn, INSERT_EXCERPT, &source_id, position, excerpt, stamp)?;
    }
    Ok(())
}

const INSERT_EXCERPT: &str = "INSERT INTO excerpts (id, source_id, position, text, locator, created_at, created_by,
    modified_at, modified_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)";

const UPSERT_EXCERPT: &str = "INSERT INTO excerpts (id, source_id, position, text, locator, created_at, created_by,
    modified_at, modified_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)
    ON CONFLICT (id) DO UPDATE SET position = excluded.position, text = excluded.text,
    locator = excluded.locator, modified_at = excluded.modified_at, modified_by = excluded.modified_by,
    deleted_at = NULL, deleted_by = NULL";

fn write_excerpt(
    conn: &Connection,
    sql: &str,
    source_id: &str,
    position: usize,
    excerpt: &Excerpt,
    stamp: Stamp<'_>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute(params![
        excerpt.id.to_string(),
        source_id,
        position as i64,
        excerpt.text,
        excerpt.locator,
        stamp.at.0,
        stamp.by
    ])?;
    Ok(())
}

pub(crate) fn load_excerpts(conn: &Connection, source_id: Uuid) -> rusqlite::Result<Vec<Excerpt>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, locator FROM excerpts WHERE source_id = ?1 AND deleted_at IS NULL ORDER BY position",
    )?;
    let rows = stmt.query_map([source_id.to_string()], |row| {
        let id: String = row.get(0)?;
        Ok(Excerpt { id: Uuid::parse_str(&id).unwrap_or_default(), text: row.get(1)?, locator: row.get(2)? })
    })?;
    rows.collect()
}

fn all_excerpts(conn: &Connection) -> rusqlite::Result<std::collections::HashMap<Uuid, Vec<Excerpt>>> {
    let mut stmt = conn.prepare(
        "SELECT source_id, id, text, locator FROM excerpts WHERE deleted_at IS NULL ORDER BY source_id, position",
    )?;
    let mut rows = stmt.query([])?;
    let mut map: std::collections::HashMap<Uuid, Vec<Excerpt>> = std::collections::HashMap::new();
    while let Some(row) = rows.next()? {
        let source_id: String = row.get(0)?;
        let id: String = row.get(1)?;
        let excerpt = Excerpt { id: Uuid::parse_str(&id).unwrap_or_default(), text: row.get(2)?, locator: row.get(3)? };
        map.entry(Uuid::parse_str(&source_id).unwrap_or_default()).or_default().push(excerpt);
    }
    Ok(map)
}

/// The folded title used to spot the same work imported twice.
pub(crate) fn title_key(title: &str) -> String {
    let folded = fold(title);
    words(&folded).collect::<Vec<_>>().join(" ")
}

/// Folded text for the search index: every word, plus Arabic words without their
/// leading clitics, so `جزائر` finds `والجزائر`.
pub(crate) fn index_text(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len() + 16);
    let mut extra = Vec::new();
    for word in words(&folded) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if let Some(stem) = strip_arabic_clitics(word) {
            extra.push(stem);
        }
    }
    for stem in extra {
        out.push(' ');
        out.push_str(stem);
    }
    out
}

/// Rewrites the search entry of a live source (the FTS rowid is the source's rowid).
pub(crate) fn reindex(conn: &Connection, source: &Source) -> rusqlite::Result<()> {
    let rowid: i64 = conn
        .prepare_cached("SELECT rowid FROM sources WHERE id = ?1")?
        .query_row([source.id.to_string()], |r| r.get(0))?;
    conn.prepare_cached("DELETE FROM source_search WHERE rowid = ?1")?.execute([rowid])?;
    index_row(conn, rowid, source)
}

/// Writes the search entry of a source whose row has no entry yet.
pub(crate) fn index_row(conn: &Connection, rowid: i64, source: &Source) -> rusqlite::Result<()> {
    IndexEntry::of(source).insert(conn, rowid)
}

/// A source's search entry: its folded text, column by column, and its facet tokens.
#[derive(Debug)]
pub(crate) struct IndexEntry {
    title: String,
    authors: String,
    container: String,
    notes: String,
    tags: String,
    excerpts: String,
    facets: String,
}

impl IndexEntry {
    pub(crate) fn of(source: &Source) -> Self {
        let authors: Vec<String> = source.authors.iter().map(|a| a.display_name()).collect();
        let excerpts: Vec<&str> = source.excerpts.iter().map(|e| e.text.as_str()).collect();
        let container = [source.container_title.as_deref(), source.publisher.as_deref()];
        // A translated title is found as the title is, and ranks as high.
        let title = match &source.translated_title {
            Some(translated) => index_text(&format!("{} ; {translated}", source.title)),
            None => index_text(&source.title),
        };
        Self {
            title,
            authors: index_text(&authors.join(" ; ")),
            container: index_text(&container.iter().flatten().copied().collect::<Vec<_>>().join(" ; ")),
            notes: index_text(source.notes.as_deref().unwrap_or("")),
            tags: index_text(&source.tags.join(" ; ")),
            excerpts: index_text(&excerpts.join(" ; ")),
            facets: crate::search::facets(source),
        }
    }

    /// Inserts the entry for the row `rowid`, which must have none.
    pub(crate) fn insert(&self, conn: &Connection, rowid: i64) -> rusqlite::Result<()> {
        conn.prepare_cached(
            "INSERT INTO source_search (rowid, title, authors, container, notes, tags, excerpts, facets)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            rowid,
            self.title,
            self.authors,
            self.container,
            self.notes,
            self.tags,
            self.excerpts,
            self.facets
        ])?;
        Ok(())
    }
}

/// A key not yet used by a live source: `key`, else `key-2`, `key-3`…
pub(crate) fn free_key(conn: &Connection, key: &CitationKey) -> rusqlite::Result<CitationKey> {
    if !key_taken(conn, key.as_str())? {
        return Ok(key.clone());
    }
    for n in 2.. {
        let candidate = CitationKey::sanitize(&format!("{key}-{n}"));
        if !key_taken(conn, candidate.as_str())? {
            return Ok(candidate);
        }
    }
    unreachable!("the loop above only ends by returning")
}

#[cfg(test)]
mod tests {
    use mizan_source::{CitationKey, Excerpt, Person, Reliability, SourceType};
    use uuid::Uuid;

    use crate::test_support::*;
    use crate::*;

    fn full_source() -> Source {
        let mut s = source("rfi-blocus-bamako-2025", "Mali : le blocus du carburant asphyxie Bamako");
        s.kind = SourceType::NewsArticle;
        s.translated_title = Some("مالي: حصار الوقود يخنق باماكو".into());
        s.container_title = Some("RFI".into());
        s.authors = vec![Person::structured("Serge", "Daniel"), Person::literal("Rédaction Afrique")];
        s.publisher = Some("Radio France Internationale".into());
        s.issued = Some("2025-10-28".parse().unwrap());
        s.url = Some("https://www.rfi.fr/fr/afrique/20251028-mali-blocus".into());
        s.language = Some("fr".into());
        s.accessed = Some("2025-11-02".parse().unwrap());
        s.notes = Some("Reportage sur les files d’attente aux stations-service.".into());
        s.tags = vec!["Mali".into(), "JNIM".into(), "carburant".into()];
        s.excerpts = vec![Excerpt {
            id: Uuid::new_v4(),
            text: "Les convois de citernes sont attaqués sur l’axe Kayes–Bamako.".into(),
            locator: Some("§ 3".into()),
        }];
        s
    }

    #[test]
    fn add_then_get_gives_back_every_field() {
        let mut library = memory();
        let s = full_source();
        library.add(&s).unwrap();
        let record = library.get("rfi-blocus-bamako-2025").unwrap().unwrap();
        assert_eq!(record.source, s);
        assert_eq!(record.created_by, "Test Analyst");
        assert_eq!(record.created_at, record.modified_at);
        assert_eq!(library.all().unwrap(), vec![s]);
    }

    #[test]
    fn keys_are_unique_among_live_sources() {
        let mut library = memory();
        library.add(&source("k", "Premier titre")).unwrap();
        let err = library.add(&source("k", "Un tout autre titre")).unwrap_err();
        assert!(matches!(err, LibraryError::KeyTaken(_)), "{err}");
    }

    #[test]
    fn update_changes_fields_and_records_who() {
        let mut library = memory();
        let mut s = full_source();
        library.add(&s).unwrap();
        s.title = "Nouveau titre".into();
        s.excerpts.push(Excerpt { id: Uuid::new_v4(), text: "Deuxième extrait".into(), locator: None });
        s.excerpts.swap(0, 1);
        library.update(&s).unwrap();
        let record = library.get(s.key.as_str()).unwrap().unwrap();
        assert_eq!(record.source, s);
        assert!(record.modified_at > record.created_at);
        s.excerpts.truncate(1);
        library.update(&s).unwrap();
        assert_eq!(library.get(s.key.as_str()).unwrap().unwrap().source.excerpts, s.excerpts);
    }

    #[test]
    fn renaming_onto_a_taken_key_is_refused() {
        let mut library = memory();
        library.add(&source("a", "Titre A")).unwrap();
        let mut b = source("b", "Titre B");
        library.add(&b).unwrap();
        b.key = CitationKey::parse("a").unwrap();
        assert!(matches!(library.update(&b), Err(LibraryError::KeyTaken(_))));
    }

    #[test]
    fn grading_records_analyst_and_time() {
        let mut library = memory();
        library.add(&source("k", "Titre")).unwrap();
        let graded = library.grade("k", Reliability::B).unwrap();
        let grade = graded.grade.unwrap();
        assert_eq!((grade.reliability, grade.graded_by.as_str()), (Reliability::B, "Test Analyst"));
        assert_eq!(library.get("k").unwrap().unwrap().source.reliability(), Some(Reliability::B));
        assert!(matches!(library.grade("nope", Reliability::A), Err(LibraryError::UnknownKey(_))));
    }

    #[test]
    fn removal_leaves_a_tombstone_and_frees_the_key() {
        let mut library = memory();
        let s = full_source();
        library.add(&s).unwrap();
        library.remove(s.key.as_str()).unwrap();
        assert!(library.get(s.key.as_str()).unwrap().is_none());
        assert_eq!(library.count().unwrap(), 0);
        let tomb = library.find_including_deleted(s.key.as_str()).unwrap().unwrap();
        assert!(tomb.deleted_at.is_some());
        assert!(library.search(&SearchQuery::text("blocus")).unwrap().is_empty());
        // The key can be reused by a new source.
        library.add(&source(s.key.as_str(), "Autre chose")).unwrap();
        assert!(library.find_including_deleted(s.key.as_str()).unwrap().unwrap().deleted_at.is_none());
    }
}
