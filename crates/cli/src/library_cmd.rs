//! `mizan library …`: the library file, and sync with the team.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::bail;
use clap::Subcommand;
use mizan_workspace::Workspace;
use mizan_workspace::dto::{SyncConflict, SyncConflictKind};

use crate::output::{Printer, warn};

#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Check the file's integrity and the library's consistency
    Check {
        /// Rebuild the search index and other derived data if they are out of step
        #[arg(long)]
        repair: bool,
    },
    /// Back up the library (safe while the app is using it)
    Backup {
        /// Where to write the copy [default: the backups folder beside the library]
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Replace the library with a backup (the current content is backed up first)
    Restore { file: PathBuf },
    /// Exchange changes with the team through a shared folder (network share, Syncthing, USB stick)
    Sync {
        /// The shared folder (it must exist); Mizan writes only its own files under DIR/mizan-sync/
        dir: PathBuf,
    },
    /// Review values that lost a merge during sync, and flip or dismiss them
    Conflicts {
        /// Also list conflicts already resolved
        #[arg(long)]
        all: bool,
        /// Give the losing value back its place (its rival goes to the log in turn)
        #[arg(long, value_name = "ID", conflicts_with = "dismiss")]
        flip: Option<i64>,
        /// Mark a conflict as reviewed, keeping the winner
        #[arg(long, value_name = "ID")]
        dismiss: Option<i64>,
    },
}

pub fn run(command: LibraryCommand, mut workspace: Workspace, print: Printer) -> anyhow::Result<()> {
    match command {
        LibraryCommand::Check { repair } => {
            let check = workspace.check_library(repair)?;
            print.result(&check, |out| {
                if check.repaired {
                    writeln!(out, "rebuilt the search index and derived data")?;
                }
                for problem in &check.problems {
                    let who = problem.source.as_deref().map(|s| format!("source {s}: ")).unwrap_or_default();
                    let hint = if problem.repairable { " (mizan library check --repair fixes this)" } else { "" };
                    writeln!(out, "problem: {who}{}{hint}", problem.message)?;
                }
                let verdict = if check.problems.is_empty() {
                    "ok".to_owned()
                } else {
                    format!("{} problems", check.problems.len())
                };
                writeln!(
                    out,
                    "{}: {} sources, {} excerpts, {} deleted; {verdict}",
                    check.path, check.sources, check.excerpts, check.deleted
                )
            })?;
            if !check.problems.is_empty() {
                bail!("{}: the library has {} problems", check.path, check.problems.len());
            }
            Ok(())
        }
        LibraryCommand::Backup { output } => {
            let backup = workspace.backup_library(output.as_deref())?;
            print.result(&backup, |out| writeln!(out, "backed up {} to {}", backup.library, backup.backup))
        }
        LibraryCommand::Restore { file } => {
            let restored = workspace.restore_library(&file)?;
            print.result(&restored, |out| {
                writeln!(
                    out,
                    "restored {} from {} (the previous content is in {})",
                    restored.library,
                    restored.from,
                    restored.previous.as_deref().unwrap_or_default()
                )
            })
        }
        LibraryCommand::Sync { dir } => {
            let report = workspace.sync_with(&dir)?;
            for refused in &report.refused {
                warn(&format!("mizan: {}: refused: {}", refused.path, refused.reason));
            }
            print.result(&report, |out| {
                writeln!(
                    out,
                    "synced with {}: sent {} changes, received {}, applied {}, {} conflicts logged, {} files refused",
                    report.folder,
                    report.sent,
                    report.received,
                    report.applied,
                    report.conflicts,
                    report.refused.len()
                )?;
                if report.conflicts > 0 {
                    writeln!(out, "review them with: mizan library conflicts")?;
                }
                Ok(())
            })
        }
        LibraryCommand::Conflicts { all, flip, dismiss } => {
            if let Some(id) = flip {
                let conflict = workspace.flip_conflict(id)?;
                return print.result(&conflict, |out| writeln!(out, "flipped conflict {id}"));
            }
            if let Some(id) = dismiss {
                let conflict = workspace.dismiss_conflict(id)?;
                return print.result(&conflict, |out| writeln!(out, "dismissed conflict {id}"));
            }
            let list = workspace.sync_conflicts(!all)?;
            print.result(&list, |out| {
                if list.is_empty() {
                    writeln!(out, "no {}conflicts", if all { "" } else { "open " })?;
                }
                for c in &list {
                    writeln!(out, "{}", conflict_line(c))?;
                }
                Ok(())
            })
        }
    }
}

fn conflict_line(c: &SyncConflict) -> String {
    let quoted = |value: &Option<String>| value.as_deref().map_or_else(|| "(none)".to_owned(), |v| format!("{v:?}"));
    let kind = match c.kind {
        SyncConflictKind::Field => "field",
        SyncConflictKind::Delete => "delete",
        SyncConflictKind::Key => "key",
    };
    format!(
        "#{} {kind} {} `{}`: kept {} ({}), lost {} ({}){}",
        c.id,
        c.source_key.as_deref().unwrap_or("?"),
        c.field,
        quoted(&c.kept.value),
        c.kept.author,
        quoted(&c.lost.value),
        c.lost.author,
        if c.resolution.is_some() { " [resolved]" } else { "" }
    )
}
