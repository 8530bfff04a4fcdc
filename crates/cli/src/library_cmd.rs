//! `mizan library …`

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Subcommand;
use mizan_library::{BackupReason, Library};

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
        /// The shared folder; Mizan writes only its own files under DIR/mizan-sync/
        dir: PathBuf,
        /// Print the counts as JSON: sent, received, applied, conflicts, refused
        #[arg(long)]
        json: bool,
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
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: LibraryCommand, path: &Path, open: impl FnOnce() -> anyhow::Result<Library>) -> anyhow::Result<()> {
    match command {
        LibraryCommand::Check { repair } => {
            let mut library = open()?;
            let mut report = library.check()?;
            if repair && report.problems.iter().any(|p| p.repairable) {
                library.repair()?;
                println!("rebuilt the search index and derived data");
                report = library.check()?;
            }
            for problem in &report.problems {
                let who = problem.source.as_deref().map(|s| format!("source {s}: ")).unwrap_or_default();
                let hint = if problem.repairable { " (mizan library check --repair fixes this)" } else { "" };
                println!("problem: {who}{}{hint}", problem.message);
            }
            println!(
                "{}: {} sources, {} excerpts, {} deleted; {}",
                path.display(),
                report.sources,
                report.excerpts,
                report.deleted,
                if report.is_ok() { "ok".to_owned() } else { format!("{} problems", report.problems.len()) }
            );
            if !report.is_ok() {
                bail!("{}: the library has {} problems", path.display(), report.problems.len());
            }
            Ok(())
        }
        LibraryCommand::Backup { output } => {
            let mut library = open()?;
            let written = match output {
                Some(file) => {
                    if file.exists() {
                        bail!("{} already exists; choose another name or remove it first", file.display());
                    }
                    library.backup_to(&file)?;
                    file
                }
                None => {
                    library.backup_automatic(BackupReason::Manual)?.context("this library has no folder for backups")?
                }
            };
            println!("backed up {} to {}", path.display(), written.display());
            Ok(())
        }
        LibraryCommand::Sync { dir, json } => {
            let mut library = open()?;
            let report = mizan_sync::sync(&mut library, &dir, &mizan_sync::SyncOptions::new())?;
            for refusal in &report.refused {
                eprintln!("mizan: {refusal}");
            }
            if json {
                let counts = serde_json::json!({
                    "sent": report.sent,
                    "received": report.received,
                    "applied": report.applied,
                    "conflicts": report.conflicts,
                    "refused": report.refused.len(),
                });
                println!("{counts}");
            } else {
                println!(
                    "synced with {}: sent {} changes, received {}, applied {}, {} conflicts logged, {} files refused",
                    dir.display(),
                    report.sent,
                    report.received,
                    report.applied,
                    report.conflicts,
                    report.refused.len()
                );
                if report.conflicts > 0 {
                    println!("review them with: mizan library conflicts");
                }
            }
            Ok(())
        }
        LibraryCommand::Conflicts { all, flip, dismiss, json } => {
            let mut library = open()?;
            let now = mizan_source::Clock::now(&mizan_source::SystemClock).millis();
            if let Some(id) = flip {
                mizan_sync::flip(&mut library, id, now)?;
                println!("flipped conflict {id}");
                return Ok(());
            }
            if let Some(id) = dismiss {
                mizan_sync::dismiss(&mut library, id, now)?;
                println!("dismissed conflict {id}");
                return Ok(());
            }
            let list = mizan_sync::conflicts(&library, !all)?;
            if json {
                let rows: Vec<serde_json::Value> = list
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "id": c.id,
                            "kind": c.kind.name(),
                            "entity": c.entity,
                            "source": c.source_key,
                            "field": c.field,
                            "kept": {"value": c.kept.value, "author": c.kept.author, "device": c.kept.device, "at": mizan_source::Timestamp(c.kept.at).to_string()},
                            "lost": {"value": c.lost.value, "author": c.lost.author, "device": c.lost.device, "at": mizan_source::Timestamp(c.lost.at).to_string()},
                            "resolved": c.resolution.is_some(),
                        })
                    })
                    .collect();
                println!("{}", serde_json::Value::Array(rows));
                return Ok(());
            }
            if list.is_empty() {
                println!("no {}conflicts", if all { "" } else { "open " });
            }
            for c in &list {
                let source = c.source_key.as_deref().unwrap_or("?");
                println!(
                    "#{} {} {source} `{}`: kept {} ({}), lost {} ({}){}",
                    c.id,
                    c.kind.name(),
                    c.field,
                    c.kept.value,
                    c.kept.author,
                    c.lost.value,
                    c.lost.author,
                    if c.resolution.is_some() { " [resolved]" } else { "" }
                );
            }
            Ok(())
        }
        LibraryCommand::Restore { file } => {
            let mut library = open()?;
            library.restore_from(&file)?;
            println!(
                "restored {} from {} (the previous content is in {})",
                path.display(),
                file.display(),
                library.backup_dir().map(|d| d.display().to_string()).unwrap_or_default()
            );
            Ok(())
        }
    }
}
