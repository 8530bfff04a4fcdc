//! Replacing a file so that a crash, a full disk or a power cut leaves either all of its
//! old content or all of the new, never half a file.
//!
//! [`write_atomically`] writes a temporary file in the target's folder (a rename is atomic
//! only within one file system), flushes it to the disk (`fsync`), renames it over the
//! target, then flushes the folder so that the rename itself survives a power cut. Every
//! file Mizan writes goes through here: briefs, PDFs, source exports, settings, autosaved
//! text, library backups and sync changesets.
//!
//! ```
//! let dir = tempfile::tempdir()?;
//! let brief = dir.path().join("brief.md");
//! mizan_durable::write_atomically(&brief, "---\ntitle: Mali\n---\n".as_bytes())?;
//! mizan_durable::write_atomically(&brief, "---\ntitle: Mali, an 2\n---\n".as_bytes())?;
//! assert_eq!(std::fs::read_to_string(&brief)?, "---\ntitle: Mali, an 2\n---\n");
//! // Nothing is left beside it.
//! assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A replaced file keeps its permissions (a brief the analyst made private stays private).
//! Temporary files are named [`TEMPORARY_PREFIX`]`<name>-<process>-<n>`: hidden, unique per
//! writer, and skipped by readers that list a folder (the sync crate does).

use std::fmt;
use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// How every temporary file's name starts. Readers that list a folder skip these names;
/// a crash may leave one behind, never under the target's name.
pub const TEMPORARY_PREFIX: &str = ".tmp-";

/// A write that failed; the target holds what it held before.
#[derive(Debug)]
pub struct WriteError {
    /// The file at fault: the target, or the temporary file beside it.
    pub path: PathBuf,
    pub source: std::io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.source)
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// A point of [`write_atomically_with`] where a crash test may stop the write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checkpoint {
    /// Half of the bytes are in the temporary file.
    HalfWritten,
    /// The temporary file is complete and flushed, not yet renamed.
    BeforeRename,
}

/// Why [`write_atomically_with`] or [`replace_atomically`] failed. Either way the target
/// holds what it held before.
#[derive(Debug)]
pub enum Failure<E> {
    /// Creating, writing, flushing or renaming failed; the temporary file was removed.
    Write(WriteError),
    /// The caller's own step failed: its fill, or a checkpoint that stopped the write.
    Caller(E),
}

impl<E> From<WriteError> for Failure<E> {
    fn from(error: WriteError) -> Self {
        Self::Write(error)
    }
}

/// Replaces the file at `path` with `bytes`, or leaves it as it was (see the crate
/// documentation). The folder must exist.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    match write_atomically_with(path, bytes, |_| Ok::<(), std::convert::Infallible>(())) {
        Ok(()) => Ok(()),
        Err(Failure::Write(error)) => Err(error),
        Err(Failure::Caller(never)) => match never {},
    }
}

/// [`write_atomically`], calling `checkpoint` at each [`Checkpoint`]. An error there stops
/// the write on the spot and leaves the temporary file as a crash would; the target is
/// untouched. This is how crash tests interrupt a write at a known step.
pub fn write_atomically_with<E>(
    path: &Path,
    bytes: &[u8],
    mut checkpoint: impl FnMut(Checkpoint) -> Result<(), E>,
) -> Result<(), Failure<E>> {
    let mut temporary = Temporary::create(path)?;
    let (first, second) = bytes.split_at(bytes.len() / 2);
    temporary.write(first)?;
    if let Err(error) = checkpoint(Checkpoint::HalfWritten) {
        temporary.abandon();
        return Err(Failure::Caller(error));
    }
    temporary.write(second)?;
    temporary.sync()?;
    if let Err(error) = checkpoint(Checkpoint::BeforeRename) {
        temporary.abandon();
        return Err(Failure::Caller(error));
    }
    Ok(temporary.commit()?)
}

/// Replaces the file at `path` with one that `fill` writes at the temporary path it is
/// given, for writers that open the file themselves (SQLite's backup API). The result is
/// flushed and renamed as [`write_atomically`] does; a failed fill removes the temporary
/// file and leaves `path` as it was.
pub fn replace_atomically<E>(path: &Path, fill: impl FnOnce(&Path) -> Result<(), E>) -> Result<(), Failure<E>> {
    let mut temporary = Temporary::create(path)?;
    fill(&temporary.path).map_err(Failure::Caller)?;
    temporary.sync()?;
    Ok(temporary.commit()?)
}

/// Makes temporary names unique among the writers of one process.
static NEXT: AtomicU64 = AtomicU64::new(0);

/// A temporary file beside its target, removed when dropped unless committed or abandoned.
struct Temporary {
    path: PathBuf,
    target: PathBuf,
    folder: PathBuf,
    file: File,
    /// Committed (renamed) or abandoned (left as a crash would leave it).
    done: bool,
}

impl Temporary {
    fn create(target: &Path) -> Result<Self, WriteError> {
        let failed = |source| WriteError { path: target.to_owned(), source };
        let name = target
            .file_name()
            .ok_or_else(|| failed(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name")))?;
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::from("."),
        };
        let name = name.to_string_lossy();
        loop {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = folder.join(format!("{TEMPORARY_PREFIX}{name}-{}-{n}", std::process::id()));
            // `create_new`: a name another process left behind (same pid, earlier boot) is
            // skipped, never written through.
            match File::options().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    // Keep the target's permissions; a failure leaves the default ones,
                    // which is no reason to refuse the write.
                    if let Ok(metadata) = std::fs::metadata(target) {
                        let _ = file.set_permissions(metadata.permissions());
                    }
                    return Ok(Self { path, target: target.to_owned(), folder, file, done: false });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(WriteError { path, source }),
            }
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), WriteError> {
        self.file.write_all(bytes).map_err(|source| WriteError { path: self.path.clone(), source })
    }

    /// Flushes the file's content to the disk. `fsync` applies to the file, whichever
    /// handle wrote it, so this covers what another writer (SQLite) put there too.
    fn sync(&mut self) -> Result<(), WriteError> {
        self.file.sync_all().map_err(|source| WriteError { path: self.path.clone(), source })
    }

    fn commit(mut self) -> Result<(), WriteError> {
        std::fs::rename(&self.path, &self.target).map_err(|source| WriteError { path: self.target.clone(), source })?;
        self.done = true;
        // Make the rename durable. Some file systems (network shares, some FUSE mounts)
        // cannot sync a folder; the new content is in place by now, so that is no reason
        // to report the write as failed.
        if let Ok(folder) = File::open(&self.folder) {
            let _ = folder.sync_all();
        }
        Ok(())
    }

    fn abandon(mut self) {
        self.done = true;
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn writes_and_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("brief.md");
        write_atomically(&path, "un".as_bytes()).unwrap();
        write_atomically(&path, "deux, plus long".as_bytes()).unwrap();
        write_atomically(&path, b"").unwrap();
        write_atomically(&path, "ثلاثة".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "ثلاثة");
        assert_eq!(names(dir.path()), ["brief.md"], "no temporary file left");
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        let error = write_atomically(Path::new(""), b"x").unwrap_err();
        assert_eq!(error.source.kind(), std::io::ErrorKind::InvalidInput);
        let error = write_atomically(Path::new("/"), b"x").unwrap_err();
        assert_eq!(error.source.kind(), std::io::ErrorKind::InvalidInput);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sources.json");
        write_atomically(&path, b"[\"old\"]").unwrap();

        // Stopped half way and just before the rename, as a crash would stop it: the old
        // content stays, the half file lies under a temporary name only.
        for stop in [Checkpoint::HalfWritten, Checkpoint::BeforeRename] {
            let failure =
                write_atomically_with(
                    &path,
                    b"[\"new\", \"longer\"]",
                    |at| {
                        if at == stop { Err("crash") } else { Ok(()) }
                    },
                )
                .unwrap_err();
            assert!(matches!(failure, Failure::Caller("crash")), "{stop:?}");
            assert_eq!(std::fs::read(&path).unwrap(), b"[\"old\"]", "{stop:?}");
        }
        let left = names(dir.path());
        assert_eq!(left.len(), 3, "{left:?}");
        assert!(left.iter().filter(|n| *n != "sources.json").all(|n| n.starts_with(TEMPORARY_PREFIX)), "{left:?}");

        // A fill that fails: the old content stays and its temporary file goes.
        let failure = replace_atomically(&path, |temporary| {
            std::fs::write(temporary, b"[\"half").unwrap();
            Err("the backup failed")
        })
        .unwrap_err();
        assert!(matches!(failure, Failure::Caller("the backup failed")));
        assert_eq!(std::fs::read(&path).unwrap(), b"[\"old\"]");
        assert_eq!(names(dir.path()).len(), 3);
    }

    #[test]
    fn a_failing_rename_or_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder with something in it cannot be replaced by a file.
        let taken = dir.path().join("briefs");
        std::fs::create_dir(&taken).unwrap();
        std::fs::write(taken.join("a.md"), b"a").unwrap();
        let error = write_atomically(&taken, b"x").unwrap_err();
        assert_eq!(error.path, taken);
        assert_eq!(std::fs::read(taken.join("a.md")).unwrap(), b"a");
        assert_eq!(names(dir.path()), ["briefs"], "the temporary file was removed");

        let missing = dir.path().join("missing/brief.md");
        let error = write_atomically(&missing, b"x").unwrap_err();
        assert!(error.to_string().contains("missing"), "{error}");
        assert_eq!(error.source.kind(), std::io::ErrorKind::NotFound);
    }

    #[test]
    fn replacing_through_a_path_keeps_what_the_writer_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library-backup.sqlite3");
        replace_atomically(&path, |temporary| std::fs::write(temporary, b"SQLite format 3\0...")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"SQLite format 3\0...");
        assert_eq!(names(dir.path()), ["library-backup.sqlite3"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private.md");
        write_atomically(&path, b"un").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomically(&path, b"deux").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn concurrent_writers_each_land_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.json");
        let contents: Vec<Vec<u8>> = (0..8u8).map(|i| vec![b'a' + i; 64 * 1024 + usize::from(i)]).collect();
        std::thread::scope(|scope| {
            for bytes in &contents {
                let path = &path;
                scope.spawn(move || {
                    for _ in 0..10 {
                        write_atomically(path, bytes).unwrap();
                    }
                });
            }
        });
        let last = std::fs::read(&path).unwrap();
        assert!(contents.contains(&last), "the file holds one writer's whole content");
        assert_eq!(names(dir.path()), ["app.json"]);
    }
}
