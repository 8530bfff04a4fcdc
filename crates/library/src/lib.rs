//! The analyst's library of sources, in one SQLite file.
//!
//! A [`Library`] stores [`Source`]s with their excerpts and grades, searches them with
//! Arabic- and French-aware folding, detects duplicates on the way in, and keeps
//! backups. It never reads the clock or the user's config itself: the analyst's name and
//! a [`Clock`] come in through [`OpenOptions`], so tests are deterministic.
//!
//! ```
//! use mizan_library::{Library, OpenOptions, SearchQuery};
//! use mizan_source::{CitationKey, Source};
//!
//! let mut library = Library::open_in_memory(OpenOptions::new("Amina")).unwrap();
//! let source = Source::new(CitationKey::parse("rfi-bamako-2025").unwrap(), "Bamako sous blocus : la sécurité se dégrade");
//! library.add(&source).unwrap();
//! let hits = library.search(&SearchQuery::text("securite")).unwrap();
//! assert_eq!(hits[0].source.key.as_str(), "rfi-bamako-2025");
//! ```

mod backup;
mod check;
mod claims;
mod error;
mod import;
mod migrate;
mod revisions;
mod row;
mod search;
mod store;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use mizan_source::{Clock, SystemClock, Timestamp};
use rusqlite::{Connection, OpenFlags};

pub use backup::{BackupReason, DEFAULT_KEEP_BACKUPS};
pub use check::{CheckReport, Problem};
pub use claims::{BriefEntry, CitationEntry, CitingClaim, ClaimEntry, ClaimKind};
pub use error::{LibraryError, Result};
pub use import::{DuplicatePolicy, DuplicateReason, ImportOutcome, ImportReport, is_key_free};
pub use migrate::SCHEMA_VERSION;
pub use mizan_source::Source;
pub use revisions::Revision;
pub use search::{RANK_WINDOW, SearchHit, SearchQuery, SourceSummary, YearRange};
pub use store::SourceRecord;

use error::SqliteContext;

/// How to open a library: who is working and what time it is.
#[derive(Clone)]
pub struct OpenOptions {
    /// The analyst's name, recorded on every change.
    pub analyst: String,
    pub clock: Arc<dyn Clock>,
    /// How many automatic backups to keep beside the library.
    pub keep_backups: usize,
    /// Take a backup when the last one is older than a day.
    pub daily_backup: bool,
}

impl std::fmt::Debug for OpenOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenOptions")
            .field("analyst", &self.analyst)
            .field("keep_backups", &self.keep_backups)
            .field("daily_backup", &self.daily_backup)
            .finish_non_exhaustive()
    }
}

impl OpenOptions {
    pub fn new(analyst: &str) -> Self {
        Self {
            analyst: analyst.to_owned(),
            clock: Arc::new(SystemClock),
            keep_backups: DEFAULT_KEEP_BACKUPS,
            daily_backup: true,
        }
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }
}

/// An open library.
pub struct Library {
    conn: Connection,
    /// `None` for in-memory libraries, which take no backups.
    path: Option<PathBuf>,
    /// The path as shown in messages.
    label: String,
    options: OpenOptions,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library").field("path", &self.label).finish_non_exhaustive()
    }
}

impl Library {
    /// Opens the library at `path`, creating it (and its folder) if needed, upgrading an
    /// older schema after backing it up, and refusing one written by a newer Mizan.
    pub fn open(path: &Path, options: OpenOptions) -> Result<Self> {
        let label = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| LibraryError::Io { path: dir.to_owned(), source })?;
        }
        let existed = path.exists();
        if existed {
            check_header(path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).at(&label)?;
        let mut library = Self { conn, path: Some(path.to_owned()), label, options };
        library.configure()?;
        library.upgrade(existed)?;
        if existed && library.options.daily_backup {
            library.daily_backup()?;
        }
        Ok(library)
    }

    /// A library that lives in memory only (tests, previews).
    pub fn open_in_memory(options: OpenOptions) -> Result<Self> {
        let label = ":memory:".to_owned();
        let conn = Connection::open_in_memory().at(&label)?;
        let mut library = Self { conn, path: None, label, options };
        library.configure()?;
        library.upgrade(false)?;
        Ok(library)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn analyst(&self) -> &str {
        &self.options.analyst
    }

    pub(crate) fn now(&self) -> Timestamp {
        self.options.clock.now()
    }

    fn configure(&mut self) -> Result<()> {
        // WAL lets the app and the CLI read while the other writes; a busy timeout makes
        // them wait for each other instead of failing.
        self.conn.busy_timeout(std::time::Duration::from_secs(10)).at(&self.label)?;
        let mode: String =
            self.conn.pragma_update_and_check(None, "journal_mode", "wal", |row| row.get(0)).at(&self.label)?;
        if self.path.is_some() && !mode.eq_ignore_ascii_case("wal") {
            return Err(LibraryError::NotALibrary {
                path: self.path.clone().unwrap_or_default(),
                reason: format!("SQLite could not switch it to WAL mode (journal mode is {mode})"),
            });
        }
        self.conn.pragma_update(None, "foreign_keys", true).at(&self.label)?;
        self.conn.pragma_update(None, "synchronous", "NORMAL").at(&self.label)?;
        // 64 MiB of page cache: a 100,000-source library's indexes fit, which keeps
        // imports and ranked searches off the disk.
        self.conn.pragma_update(None, "cache_size", -65_536).at(&self.label)?;
        // Statement journals (opened for every write that fires a trigger) stay in memory
        // instead of a temporary file written page by page.
        self.conn.pragma_update(None, "temp_store", "MEMORY").at(&self.label)?;
        // Reading through a memory map spares a system call per page on searches.
        self.conn.pragma_update(None, "mmap_size", 268_435_456).at(&self.label)?;
        // Folding as SQL, for filters that compare folded text (tags).
        self.conn
            .create_scalar_function(
                "mizan_fold",
                1,
                rusqlite::functions::FunctionFlags::SQLITE_UTF8
                    | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
                |ctx| Ok(mizan_text::fold(&ctx.get::<String>(0).unwrap_or_default())),
            )
            .at(&self.label)?;
        // `mizan_rowid_in(rowid, set)`: whether `rowid` is in `set`, ascending rowids as
        // 8-byte little-endian integers. Filtered searches pass the sources passing their
        // filters this way; SQLite keeps the decoded set for the whole statement.
        self.conn
            .create_scalar_function(
                "mizan_rowid_in",
                2,
                rusqlite::functions::FunctionFlags::SQLITE_UTF8
                    | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
                |ctx| {
                    let set = ctx.get_or_create_aux(1, |value| -> std::result::Result<Vec<i64>, String> {
                        let bytes = value.as_blob().map_err(|e| format!("mizan_rowid_in: {e}"))?;
                        if bytes.len() % 8 != 0 {
                            return Err(format!("mizan_rowid_in: a set of {} bytes is not 8-byte rowids", bytes.len()));
                        }
                        Ok(bytes
                            .chunks_exact(8)
                            .filter_map(|b| <[u8; 8]>::try_from(b).ok())
                            .map(i64::from_le_bytes)
                            .collect())
                    })?;
                    let rowid: i64 = ctx.get(0)?;
                    Ok(set.binary_search(&rowid).is_ok())
                },
            )
            .at(&self.label)?;
        Ok(())
    }

    /// Brings the schema up to date. An existing library is backed up first.
    fn upgrade(&mut self, existed: bool) -> Result<()> {
        let version = migrate::user_version(&self.conn).at(&self.label)?;
        if version > SCHEMA_VERSION {
            return Err(LibraryError::NewerSchema {
                path: self.path.clone().unwrap_or_default(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version == SCHEMA_VERSION {
            return self.require_meta();
        }
        if existed && version == 0 {
            // A SQLite file with tables but no schema version is someone else's database.
            let tables: i64 =
                self.conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0)).at(&self.label)?;
            if tables > 0 {
                return Err(LibraryError::NotALibrary {
                    path: self.path.clone().unwrap_or_default(),
                    reason: "it is a SQLite database with other tables".into(),
                });
            }
        }
        if existed && version > 0 {
            self.backup_automatic(BackupReason::PreMigration)?;
        }
        migrate::apply(&mut self.conn, version).at(&self.label)?;
        if version == 0 {
            let now = self.now().millis().to_string();
            self.conn
                .execute(
                    "INSERT INTO library_meta (name, value) VALUES ('created_at', ?1), ('last_backup_at', ?1)",
                    [&now],
                )
                .at(&self.label)?;
        }
        Ok(())
    }

    fn require_meta(&self) -> Result<()> {
        let has_meta: bool = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'library_meta'", [], |row| row.get(0))
            .at(&self.label)?;
        if !has_meta {
            return Err(LibraryError::NotALibrary {
                path: self.path.clone().unwrap_or_default(),
                reason: "it has a schema version but no Mizan tables".into(),
            });
        }
        Ok(())
    }

    pub(crate) fn meta(&self, name: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT value FROM library_meta WHERE name = ?1", [name], |row| row.get(0))
            .optional()
            .at(&self.label)
    }

    pub(crate) fn set_meta(&self, name: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO library_meta (name, value) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                [name, value],
            )
            .at(&self.label)?;
        Ok(())
    }

    /// The connection, for crates that keep their own tables in the library (claims,
    /// revisions, sync). They must go through migrations declared here.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// Refuses files that are not SQLite at all before SQLite itself tries to open them, so the
/// message says what the file is instead of "file is not a database".
fn check_header(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|source| LibraryError::Io { path: path.to_owned(), source })?;
    let read = file.read(&mut header).map_err(|source| LibraryError::Io { path: path.to_owned(), source })?;
    if read == 0 {
        return Ok(()); // an empty file becomes a new library
    }
    if read < 16 || &header != b"SQLite format 3\0" {
        return Err(LibraryError::NotALibrary { path: path.to_owned(), reason: "it is not a SQLite database".into() });
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod test_support {
    use std::sync::Arc;

    use mizan_source::{CitationKey, FixedClock, Source, Timestamp};

    use crate::{Library, OpenOptions};

    /// 2025-11-20T09:00:00Z, advancing one second per reading.
    pub fn options() -> OpenOptions {
        OpenOptions::new("Test Analyst").with_clock(Arc::new(FixedClock::new(Timestamp(1_763_629_200_000), 1000)))
    }

    pub fn memory() -> Library {
        Library::open_in_memory(options()).unwrap()
    }

    pub fn source(key: &str, title: &str) -> Source {
        Source::new(CitationKey::parse(key).unwrap(), title)
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;

    #[test]
    fn creates_the_file_and_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/library.sqlite3");
        let library = Library::open(&path, options()).unwrap();
        assert!(path.exists());
        assert_eq!(migrate::user_version(&library.conn).unwrap(), SCHEMA_VERSION);
        let mode: String = library.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = library.conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn refuses_a_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        drop(Library::open(&path, options()).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        drop(conn);
        let err = Library::open(&path, options()).unwrap_err();
        assert!(matches!(err, LibraryError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1));
        assert!(err.to_string().contains("newer version of Mizan"), "{err}");
    }

    #[test]
    fn refuses_files_that_are_not_libraries() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.sqlite3");
        std::fs::write(&text, "this is a text file, not a database").unwrap();
        let err = Library::open(&text, options()).unwrap_err();
        assert!(err.to_string().contains("not a SQLite database"), "{err}");
        assert_eq!(std::fs::read_to_string(&text).unwrap(), "this is a text file, not a database");

        let other = dir.path().join("other.sqlite3");
        Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
        let err = Library::open(&other, options()).unwrap_err();
        assert!(err.to_string().contains("other tables"), "{err}");
    }

    #[test]
    fn a_library_from_before_translated_titles_gets_them_and_syncs_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        {
            let mut conn = Connection::open(&path).unwrap();
            let tx = conn.transaction().unwrap();
            for (name, sql) in &migrate::MIGRATIONS[..4] {
                assert!(!name.contains("translated"));
                tx.execute_batch(sql).unwrap();
            }
            tx.pragma_update(None, "user_version", 4).unwrap();
            tx.commit().unwrap();
            conn.execute(
                "INSERT INTO sources (id, key, type, title, title_norm, created_at, created_by, modified_at, modified_by)
                 VALUES ('00000000-0000-4000-8000-000000000001', 'ancien', 'report', 'تقرير قديم', 'تقرير قديم', 0, 'x', 0, 'x')",
                [],
            )
            .unwrap();
        }
        let mut library = Library::open(&path, options()).unwrap();
        let mut old = library.get("ancien").unwrap().unwrap().source;
        assert_eq!(old.translated_title, None);
        library.connection().execute("DELETE FROM sync_outbox", []).unwrap();
        old.translated_title = Some("Un vieux rapport".into());
        library.update(&old).unwrap();
        let logged: String = library
            .connection()
            .query_row("SELECT value FROM sync_outbox WHERE field = 'translated_title'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(logged, "\"Un vieux rapport\"");
        assert_eq!(library.search(&SearchQuery::text("vieux")).unwrap().len(), 1);
    }

    #[test]
    fn upgrades_an_older_library_after_backing_it_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        let older = SCHEMA_VERSION - 1;
        {
            // A library as the previous release left it: every migration but the last.
            let mut conn = Connection::open(&path).unwrap();
            let tx = conn.transaction().unwrap();
            for (_, sql) in &migrate::MIGRATIONS[..older as usize] {
                tx.execute_batch(sql).unwrap();
            }
            tx.pragma_update(None, "user_version", older).unwrap();
            tx.commit().unwrap();
            if older >= 1 {
                conn.execute(
                    "INSERT INTO sources (id, key, type, title, title_norm, created_at, created_by, modified_at, modified_by)
                     VALUES ('00000000-0000-4000-8000-000000000001', 'ancien', 'report', 'Rapport ancien', 'rapport ancien', 0, 'x', 0, 'x')",
                    [],
                )
                .unwrap();
            }
        }
        let library = Library::open(&path, options()).unwrap();
        assert_eq!(migrate::user_version(&library.conn).unwrap(), SCHEMA_VERSION);
        let backups = library.backups().unwrap();
        if older >= 1 {
            assert_eq!(backups.len(), 1, "{backups:?}");
            assert!(backups[0].to_string_lossy().contains("pre-migration"));
            assert!(library.get("ancien").unwrap().is_some());
        }
    }
}
