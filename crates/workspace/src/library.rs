//! The library file itself: checking and repairing it, backing it up, restoring a
//! backup (the command line's `mizan library …`).

use std::path::Path;

use mizan_library::BackupReason;

use crate::Workspace;
use crate::dto::{LibraryBackup, LibraryCheck, LibraryProblem, LibraryRestore};
use crate::error::{ErrorCode, Result, WorkspaceError};

fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Workspace {
    /// The file's integrity and the library's consistency. With `repair`, derived data
    /// that is out of step (the search index, the duplicate-detection columns) is rebuilt
    /// first if a check finds any, and the report is the check after.
    pub fn check_library(&mut self, repair: bool) -> Result<LibraryCheck> {
        let mut report = self.library.check()?;
        let repaired = repair && report.problems.iter().any(|p| p.repairable);
        if repaired {
            self.library.repair()?;
            report = self.library.check()?;
        }
        Ok(LibraryCheck {
            path: self.library_path.display().to_string(),
            sources: count(report.sources),
            excerpts: count(report.excerpts),
            deleted: count(report.deleted),
            problems: report
                .problems
                .into_iter()
                .map(|p| LibraryProblem { source: p.source, message: p.message, repairable: p.repairable })
                .collect(),
            repaired,
        })
    }

    /// Backs the library up, consistently even while the app uses it: to `output`, which
    /// must not exist yet, or (`None`) to the backups folder beside the library.
    pub fn backup_library(&mut self, output: Option<&Path>) -> Result<LibraryBackup> {
        let written = match output {
            Some(file) => {
                if file.exists() {
                    return Err(WorkspaceError::new(
                        ErrorCode::AlreadyExists,
                        format!("{} already exists; choose another name or remove it first", file.display()),
                    ));
                }
                self.library.backup_to(file)?;
                file.to_path_buf()
            }
            None => self.library.backup_automatic(BackupReason::Manual)?.ok_or_else(|| {
                WorkspaceError::new(ErrorCode::Io, "this library has no folder for backups (it is not a file)")
            })?,
        };
        Ok(LibraryBackup { library: self.library_path.display().to_string(), backup: written.display().to_string() })
    }

    /// Replaces the library's content with a backup's, after checking it is a sound Mizan
    /// library and backing up the current content.
    pub fn restore_library(&mut self, from: &Path) -> Result<LibraryRestore> {
        self.library.restore_from(from)?;
        Ok(LibraryRestore {
            library: self.library_path.display().to_string(),
            from: from.display().to_string(),
            previous: self.library.backup_dir().map(|d| d.display().to_string()),
        })
    }
}
