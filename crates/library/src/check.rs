//! `library check`: SQLite's integrity check plus Mizan's own consistency rules.

use mizan_source::CitationKey;

use crate::Library;
use crate::error::{Result, SqliteContext};
use crate::row::{SOURCE_COLUMN_COUNT, SOURCE_COLUMNS, date_column, misspelled_dates, read_source};
use crate::store::{reindex, title_key};

/// One thing wrong in the library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The source concerned (its key or id), if the problem is about one source.
    pub source: Option<String>,
    pub message: String,
    /// Whether [`Library::repair`] fixes it (derived data: the search index, the
    /// columns used for duplicate detection).
    pub repairable: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub problems: Vec<Problem>,
    pub sources: u64,
    pub excerpts: u64,
    pub deleted: u64,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Library {
    /// Checks the file (`PRAGMA integrity_check`, foreign keys) and the content: every
    /// row readable, keys valid and unique, excerpts attached to live sources, the search
    /// index and derived columns in step with the rows.
    pub fn check(&self) -> Result<CheckReport> {
        let label = self.label.clone();
        let conn = &self.conn;
        let mut report = CheckReport::default();
        let mut problem = |source: Option<String>, message: String, repairable: bool| {
            report.problems.push(Problem { source, message, repairable });
        };

        let mut stmt = conn.prepare("PRAGMA integrity_check").at(&label)?;
        let verdicts: Vec<String> =
            stmt.query_map([], |r| r.get(0)).at(&label)?.collect::<rusqlite::Result<_>>().at(&label)?;
        for verdict in verdicts.into_iter().filter(|v| v != "ok") {
            problem(None, format!("SQLite integrity check: {verdict}"), false);
        }
        let mut stmt = conn.prepare("PRAGMA foreign_key_check").at(&label)?;
        let orphans: Vec<(String, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .at(&label)?
            .collect::<rusqlite::Result<_>>()
            .at(&label)?;
        for (table, rowid) in orphans {
            problem(None, format!("row {rowid} of table {table} points to a row that does not exist"), false);
        }

        let sql = format!("SELECT {}, s.title_norm, s.deleted_at IS NOT NULL, s.key FROM sources s", *SOURCE_COLUMNS);
        let mut stmt = conn.prepare(&sql).at(&label)?;
        let mut rows = stmt.query([]).at(&label)?;
        let mut live = 0u64;
        let mut stale = 0u64;
        let mut misspelled = 0u64;
        while let Some(row) = rows.next().at(&label)? {
            let deleted: bool = row.get(SOURCE_COLUMN_COUNT + 1).at(&label)?;
            let raw_key: String = row.get(SOURCE_COLUMN_COUNT + 2).at(&label)?;
            if deleted {
                report.deleted += 1;
            } else {
                live += 1;
            }
            match read_source(row) {
                Ok(source) => {
                    let stored_title: String = row.get(SOURCE_COLUMN_COUNT).at(&label)?;
                    if stored_title != title_key(&source.title) {
                        stale += 1;
                    }
                    if !misspelled_dates(row, &source)?.is_empty() {
                        misspelled += 1;
                    }
                }
                Err(e) => problem(Some(raw_key.clone()), e.to_string(), false),
            }
            if CitationKey::parse(&raw_key).is_err() {
                problem(Some(raw_key), "citation key is not valid in a brief".into(), false);
            }
        }
        report.sources = live;
        if stale > 0 {
            problem(None, format!("{stale} sources have stale duplicate-detection data"), true);
        }
        if misspelled > 0 {
            problem(None, format!("{misspelled} sources have dates written the way earlier versions wrote them"), true);
        }

        let orphan_excerpts: i64 = conn
            .query_row(
                "SELECT count(*) FROM excerpts e JOIN sources s ON s.id = e.source_id
                 WHERE e.deleted_at IS NULL AND s.deleted_at IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .at(&label)?;
        if orphan_excerpts > 0 {
            problem(None, format!("{orphan_excerpts} excerpts belong to deleted sources but are not deleted"), false);
        }
        report.excerpts = conn
            .query_row("SELECT count(*) FROM excerpts WHERE deleted_at IS NULL", [], |r| r.get::<_, i64>(0))
            .at(&label)? as u64;

        let indexed: i64 = conn.query_row("SELECT count(*) FROM source_search", [], |r| r.get(0)).at(&label)?;
        let unindexed: i64 = conn
            .query_row(
                "SELECT count(*) FROM sources s WHERE s.deleted_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM source_search f WHERE f.rowid = s.rowid)",
                [],
                |r| r.get(0),
            )
            .at(&label)?;
        if unindexed > 0 || indexed != live as i64 {
            problem(
                None,
                format!("search index out of step: {indexed} entries for {live} sources, {unindexed} sources missing"),
                true,
            );
        }
        if let Err(e) =
            conn.execute("INSERT INTO source_search (source_search, rank) VALUES ('integrity-check', 0)", [])
        {
            problem(None, format!("search index damaged: {e}"), true);
        }
        Ok(report)
    }

    /// Rebuilds what [`Library::check`] marks repairable: the search index, the derived
    /// columns, and dates spelled the way earlier versions wrote them (respelled, same
    /// value). Never changes what an analyst wrote.
    pub fn repair(&mut self) -> Result<()> {
        let label = self.label.clone();
        let tx = self.conn.transaction().at(&label)?;
        respell_dates(&tx).at(&label)?;
        tx.execute("DELETE FROM source_search", []).at(&label)?;
        let sources = {
            let sql = format!("SELECT {} FROM sources s WHERE s.deleted_at IS NULL", *SOURCE_COLUMNS);
            let mut stmt = tx.prepare(&sql).at(&label)?;
            let mut rows = stmt.query([]).at(&label)?;
            let mut list = Vec::new();
            while let Some(row) = rows.next().at(&label)? {
                // Rows Mizan cannot read stay as they are and stay reported.
                if let Ok(mut source) = read_source(row) {
                    source.excerpts = crate::store::load_excerpts(&tx, source.id).at(&label)?;
                    list.push(source);
                }
            }
            list
        };
        for source in &sources {
            tx.execute(
                "UPDATE sources SET title_norm = ?2, doi_norm = ?3, url_norm = ?4, issued_year = ?5 WHERE id = ?1",
                rusqlite::params![
                    source.id.to_string(),
                    title_key(&source.title),
                    source.normalized_doi(),
                    source.normalized_url(),
                    source.issued.map(|d| d.year)
                ],
            )
            .at(&label)?;
            reindex(&tx, source).at(&label)?;
        }
        tx.commit().at(&label)
    }
}

/// Rewrites dates whose stored text is not how Mizan writes them now (see
/// [`misspelled_dates`]), deleted rows' too. The value does not change, so the rewrite is
/// not an edit for sync to send: the other libraries read either spelling.
fn respell_dates(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let mut fixes = Vec::new();
    {
        let mut stmt = tx.prepare(&format!("SELECT {} FROM sources s", *SOURCE_COLUMNS))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            // Rows Mizan cannot read stay as they are and stay reported.
            let Ok(source) = read_source(row) else { continue };
            for field in misspelled_dates(row, &source).unwrap_or_default() {
                fixes.push((source.id.to_string(), field.column(), date_column(&source, field)));
            }
        }
    }
    if fixes.is_empty() {
        return Ok(());
    }
    tx.execute("UPDATE sync_state SET applying = 1 WHERE id = 1", [])?;
    for (id, column, value) in fixes {
        // The column name comes from SourceField's table, never from the file.
        tx.execute(&format!("UPDATE sources SET {column} = ?2 WHERE id = ?1"), rusqlite::params![id, value])?;
    }
    tx.execute("UPDATE sync_state SET applying = 0 WHERE id = 1", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn a_fresh_library_checks_clean() {
        let mut library = memory();
        library.add(&source("a", "Titre")).unwrap();
        let report = library.check().unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
        assert_eq!(report.sources, 1);
    }

    #[test]
    fn finds_and_repairs_a_broken_search_index() {
        let mut library = memory();
        library.add(&source("a", "Tombouctou")).unwrap();
        library.connection().execute("DELETE FROM source_search", []).unwrap();
        let report = library.check().unwrap();
        assert!(report.problems.iter().any(|p| p.message.contains("search index") && p.repairable), "{report:?}");
        library.repair().unwrap();
        assert!(library.check().unwrap().is_ok());
        assert_eq!(library.search(&crate::SearchQuery::text("tombouctou")).unwrap().len(), 1);
    }

    /// Versions before 0007 wrote 45 BC as `-044`, then refused to read it: export,
    /// search and sync of the whole library failed on that one row.
    #[test]
    fn dates_before_year_one_that_earlier_versions_wrote_read_and_are_respelled() {
        let mut library = memory();
        let mut s = source("cesar", "De bello Gallico");
        s.issued = Some(mizan_source::PartialDate::new(-44, Some(3), Some(15)).unwrap());
        library.add(&s).unwrap();
        library.connection().execute("UPDATE sources SET issued = '-044-03-15'", []).unwrap();
        library.connection().execute("DELETE FROM sync_outbox", []).unwrap();
        assert_eq!(library.all().unwrap(), [s.clone()]);
        assert_eq!(library.search(&crate::SearchQuery::text("gallico")).unwrap().len(), 1);
        let report = library.check().unwrap();
        assert!(report.problems.iter().any(|p| p.message.contains("earlier versions") && p.repairable), "{report:?}");
        library.repair().unwrap();
        assert!(library.check().unwrap().is_ok());
        let stored: String = library.connection().query_row("SELECT issued FROM sources", [], |r| r.get(0)).unwrap();
        assert_eq!(stored, "-0044-03-15");
        let logged: i64 = library.connection().query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0)).unwrap();
        assert_eq!(logged, 0, "a respelling is not an edit");
    }

    #[test]
    fn reports_rows_edited_into_nonsense() {
        let library = memory();
        let mut library = library;
        library.add(&source("a", "Titre")).unwrap();
        library.connection().execute("UPDATE sources SET authors = 'not json', issued = '2025-13'", []).unwrap();
        let report = library.check().unwrap();
        assert!(
            report.problems.iter().any(|p| p.source.as_deref() == Some("a") && p.message.contains("authors")),
            "{report:?}"
        );
        // Reading it elsewhere is an error naming the field, not a panic.
        let err = library.get("a").unwrap_err().to_string();
        assert!(err.contains("authors"), "{err}");
    }
}
