//! Backups through SQLite's online backup API: by hand, before migrations, daily, and
//! before a restore. Automatic ones live in a `backups/` folder beside the library.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{LibraryError, Result, SqliteContext};
use crate::{Library, SCHEMA_VERSION, migrate};

/// How many automatic backups are kept unless the caller says otherwise.
pub const DEFAULT_KEEP_BACKUPS: usize = 10;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Why an automatic backup was taken; part of its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupReason {
    PreMigration,
    Daily,
    PreRestore,
    /// Asked for by the analyst (`mizan library backup` without `-o`).
    Manual,
}

impl BackupReason {
    fn name(self) -> &'static str {
        match self {
            Self::PreMigration => "pre-migration",
            Self::Daily => "daily",
            Self::PreRestore => "pre-restore",
            Self::Manual => "manual",
        }
    }
}

impl Library {
    /// Copies the library, consistently even while others write to it, to `to`. The
    /// copy is written beside `to`, flushed and renamed into place (`mizan-durable`), so a
    /// failed backup never leaves a half-written file under the requested name.
    pub fn backup_to(&self, to: &Path) -> Result<()> {
        let label = to.display().to_string();
        mizan_durable::replace_atomically(to, |tmp| {
            self.conn.backup(rusqlite::MAIN_DB, tmp, None::<fn(rusqlite::backup::Progress)>).at(&label)?;
            // A backup is a single file: fold the WAL into it so it can be copied alone.
            Connection::open(tmp).and_then(|c| c.pragma_update(None, "journal_mode", "delete")).at(&label)
        })
        .map_err(|failure| match failure {
            mizan_durable::Failure::Write(e) => LibraryError::Io { path: e.path, source: e.source },
            mizan_durable::Failure::Caller(e) => e,
        })
    }

    /// Replaces the library's content with `from`'s, after checking that `from` is a
    /// sound Mizan library no newer than this version, and after backing up the current
    /// content. An older backup is upgraded after the restore.
    pub fn restore_from(&mut self, from: &Path) -> Result<()> {
        verify_backup(from)?;
        self.backup_automatic(BackupReason::PreRestore)?;
        self.conn.restore(rusqlite::MAIN_DB, from, None::<fn(rusqlite::backup::Progress)>).at(&self.label)?;
        self.conn.pragma_update(None, "journal_mode", "wal").at(&self.label)?;
        self.upgrade(true)
    }

    /// The folder automatic backups go to: `backups/` beside the library file.
    pub fn backup_dir(&self) -> Option<PathBuf> {
        let path = self.path.as_ref()?;
        Some(path.parent().unwrap_or(Path::new(".")).join("backups"))
    }

    /// Automatic backups, oldest first.
    pub fn backups(&self) -> Result<Vec<PathBuf>> {
        let Some(dir) = self.backup_dir() else { return Ok(Vec::new()) };
        let prefix = self.backup_prefix();
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(LibraryError::Io { path: dir, source }),
        };
        let mut list: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".sqlite3"))
            })
            .collect();
        // Names carry a sortable UTC time stamp, so name order is time order.
        list.sort();
        Ok(list)
    }

    fn backup_prefix(&self) -> String {
        let stem = self.path.as_ref().and_then(|p| p.file_stem()).and_then(|s| s.to_str()).unwrap_or("library");
        format!("{stem}-")
    }

    /// Takes a backup into [`Library::backup_dir`] and keeps only the newest ones.
    /// Returns `None` for in-memory libraries.
    pub fn backup_automatic(&mut self, reason: BackupReason) -> Result<Option<PathBuf>> {
        let Some(dir) = self.backup_dir() else { return Ok(None) };
        std::fs::create_dir_all(&dir).map_err(|source| LibraryError::Io { path: dir.clone(), source })?;
        let now = self.now();
        let (y, mo, d) = now.date();
        let ms = now.millis().rem_euclid(DAY_MS);
        let (h, mi, s) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60);
        let mut path = dir.join(format!(
            "{}{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}-{}.sqlite3",
            self.backup_prefix(),
            reason.name()
        ));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!(
                "{}{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}-{}-{n}.sqlite3",
                self.backup_prefix(),
                reason.name()
            ));
            n += 1;
        }
        self.backup_to(&path)?;
        // The meta table may not exist yet when backing up before the first migration.
        let _ = self.set_meta("last_backup_at", &now.millis().to_string());
        let backups = self.backups()?;
        let excess = backups.len().saturating_sub(self.options.keep_backups.max(1));
        for old in &backups[..excess] {
            std::fs::remove_file(old).map_err(|source| LibraryError::Io { path: old.clone(), source })?;
        }
        Ok(Some(path))
    }

    /// Backs up once a day, on the first use after the last backup is a day old.
    pub(crate) fn daily_backup(&mut self) -> Result<()> {
        let last: i64 = self.meta("last_backup_at")?.and_then(|v| v.parse().ok()).unwrap_or(0);
        if self.now().millis() - last >= DAY_MS {
            self.backup_automatic(BackupReason::Daily)?;
        }
        Ok(())
    }
}

/// A backup must be a Mizan library this version can read, and sound.
fn verify_backup(path: &Path) -> Result<()> {
    let not = |reason: String| LibraryError::NotALibrary { path: path.to_owned(), reason };
    if !path.is_file() {
        return Err(not("no such file".into()));
    }
    crate::check_header(path)?;
    let label = path.display().to_string();
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).at(&label)?;
    let version = migrate::user_version(&conn).at(&label)?;
    if version > SCHEMA_VERSION {
        return Err(LibraryError::NewerSchema { path: path.to_owned(), found: version, supported: SCHEMA_VERSION });
    }
    let ours: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE name IN ('library_meta', 'sources')", [], |r| r.get(0))
        .at(&label)?;
    if version == 0 || ours < 2 {
        return Err(not("it has no Mizan tables".into()));
    }
    let verdict: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0)).at(&label)?;
    if verdict != "ok" {
        return Err(not(format!("SQLite reports it damaged: {verdict}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use mizan_source::{FixedClock, Timestamp};

    use crate::test_support::*;
    use crate::*;

    #[test]
    fn backup_and_restore_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        let mut library = Library::open(&path, options()).unwrap();
        library.add(&source("avant", "Avant la sauvegarde")).unwrap();
        let copy = dir.path().join("copy.sqlite3");
        library.backup_to(&copy).unwrap();
        library.add(&source("apres", "Après la sauvegarde")).unwrap();
        library.restore_from(&copy).unwrap();
        assert!(library.get("avant").unwrap().is_some());
        assert!(library.get("apres").unwrap().is_none());
        // The content before the restore was kept.
        let kept = library.backups().unwrap();
        assert!(kept.iter().any(|p| p.to_string_lossy().contains("pre-restore")), "{kept:?}");
        let saved = Library::open(kept.last().unwrap(), options()).unwrap();
        assert!(saved.get("apres").unwrap().is_some());
    }

    #[test]
    fn restore_refuses_what_is_not_a_sound_library() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(&dir.path().join("library.sqlite3"), options()).unwrap();
        library.add(&source("k", "Titre")).unwrap();
        let junk = dir.path().join("junk.sqlite3");
        std::fs::write(&junk, b"SQLite format 3\0 but then garbage").unwrap();
        assert!(library.restore_from(&junk).is_err());
        assert!(
            library.restore_from(&dir.path().join("missing.sqlite3")).unwrap_err().to_string().contains("no such file")
        );
        let foreign = dir.path().join("foreign.sqlite3");
        rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
        assert!(library.restore_from(&foreign).unwrap_err().to_string().contains("no Mizan tables"));
        assert!(library.get("k").unwrap().is_some(), "a refused restore must not touch the library");
    }

    #[test]
    fn daily_backups_are_taken_once_a_day_and_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        let day = 24 * 60 * 60 * 1000;
        let start = 1_763_629_200_000;
        let opts = |t: i64| {
            let mut o = OpenOptions::new("A").with_clock(Arc::new(FixedClock::new(Timestamp(t), 1)));
            o.keep_backups = 3;
            o
        };
        drop(Library::open(&path, opts(start)).unwrap());
        drop(Library::open(&path, opts(start + 1000)).unwrap());
        let library = Library::open(&path, opts(start)).unwrap();
        assert!(library.backups().unwrap().is_empty(), "no backup within the first day");
        drop(library);
        for d in 1..=5 {
            drop(Library::open(&path, opts(start + d * day)).unwrap());
            drop(Library::open(&path, opts(start + d * day + 60_000)).unwrap());
        }
        let library = Library::open(&path, opts(start + 5 * day + 120_000)).unwrap();
        let backups = library.backups().unwrap();
        assert_eq!(backups.len(), 3, "{backups:?}");
        assert!(backups.iter().all(|p| p.to_string_lossy().contains("daily")));
        assert!(backups[2].to_string_lossy().contains("20251125T"), "{backups:?}");
    }
}
