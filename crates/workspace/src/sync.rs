//! The app's side of sync through the team's shared folder (`mizan_sync` does the work).
//!
//! The folder is chosen in a native folder dialog: the shell hands the choice over with
//! [`Workspace::set_sync_folder`], as it does files with [`Workspace::grant`]; the web view can
//! never name a folder itself. The choice is kept in the app's settings, as the recent
//! briefs are, so later runs may sync with it.
//!
//! # Syncing without holding the workspace
//! A sync reads and writes files in a shared folder that may be a slow network share, and
//! a catch-up after weeks offline applies thousands of changes. The shell keeps the
//! [`Workspace`] behind a mutex that every request, the editor's live analysis included,
//! takes; so a sync is split in three:
//!
//! 1. [`Workspace::begin_sync`] (brief): checks that sync is set up, marks it running and
//!    returns a [`SyncJob`] holding only paths and the analyst's name;
//! 2. [`SyncJob::run`] (long): opens its own connection to the library file (SQLite in WAL
//!    mode: the workspace's readers go on reading while it writes) and syncs through it,
//!    without the workspace;
//! 3. [`Workspace::finish_sync`] (brief): records the outcome and, on success, the time in
//!    the settings.
//!
//! [`Workspace::sync_now`] does the three in a row, for callers that hold the workspace
//! anyway (tests, a command line).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use mizan_library::{Library, OpenOptions};
use mizan_source::{Clock, SystemClock, Timestamp};
use mizan_sync::{Conflict, SyncError, SyncOptions};
use serde_json::Value;

use crate::Workspace;
use crate::dto_sync::*;
use crate::error::{ErrorCode, Result, WorkspaceError};

/// How the syncs of this run went: the last report and the last error.
#[derive(Clone, Debug, Default)]
pub(crate) struct SyncMemory {
    running: bool,
    last_report: Option<SyncReport>,
    last_error: Option<WorkspaceError>,
}

/// One sync to run away from the workspace: the library file, the shared folder and who
/// is working. `Send`, holds no connection until [`SyncJob::run`].
#[derive(Clone, Debug)]
pub struct SyncJob {
    library: PathBuf,
    folder: PathBuf,
    analyst: String,
}

impl SyncJob {
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Syncs through a connection of its own. A folder that vanished, a share that went
    /// read-only or another team's folder is an error naming the folder; a damaged file of
    /// another device is not: it is listed in the report's `refused` and the rest goes on.
    pub fn run(&self) -> Result<SyncReport> {
        if !self.folder.is_dir() {
            return Err(folder_missing(&self.folder));
        }
        let mut options = OpenOptions::new(&self.analyst);
        // The workspace's own connection takes the daily backup when the app starts.
        options.daily_backup = false;
        let mut library = Library::open(&self.library, options)?;
        sync_library(&mut library, &self.folder)
    }
}

fn folder_missing(folder: &Path) -> WorkspaceError {
    folder_error(
        folder,
        "the shared folder is not there (unmounted, renamed or deleted?): reconnect it or choose another",
    )
}

/// One sync of `library` with `folder`, timed.
fn sync_library(library: &mut Library, folder: &Path) -> Result<SyncReport> {
    let started = std::time::Instant::now();
    let report = mizan_sync::sync(library, folder, &SyncOptions::new()).map_err(from_sync)?;
    let elapsed = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    Ok(report_dto(&report, folder, now(), elapsed))
}

impl Workspace {
    /// The shared folder, once chosen in the app.
    pub fn sync_folder(&self) -> Option<PathBuf> {
        self.session.as_ref()?.settings.sync_folder.as_deref().map(PathBuf::from)
    }

    /// The user chose `folder` in a folder dialog: sync with it from now on.
    pub fn set_sync_folder(&mut self, folder: &Path) -> Result<SyncStatus> {
        if !folder.is_dir() {
            return Err(WorkspaceError::invalid("folder", format!("{}: not a folder", folder.display())));
        }
        let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf()).display().to_string();
        let session = self.session_mut()?;
        if session.settings.sync_folder.as_deref() != Some(&folder) {
            session.settings.sync_folder = Some(folder);
            session.save_settings()?;
            // The last report and error were about another folder.
            self.sync.last_report = None;
            self.sync.last_error = None;
        }
        self.sync_status()
    }

    /// Stops syncing: forgets the shared folder (nothing in it is touched).
    pub fn forget_sync_folder(&mut self) -> Result<SyncStatus> {
        let session = self.session_mut()?;
        session.settings.sync_folder = None;
        session.save_settings()?;
        self.sync.last_report = None;
        self.sync.last_error = None;
        self.sync_status()
    }

    pub fn sync_status(&self) -> Result<SyncStatus> {
        let open_conflicts = mizan_sync::conflicts(&self.library, true).map_err(from_sync)?.len();
        let settings = self.session.as_ref().map(|s| &s.settings);
        Ok(SyncStatus {
            folder: settings.and_then(|s| s.sync_folder.clone()),
            running: self.sync.running,
            last_sync_at: settings.and_then(|s| s.last_sync_at.clone()),
            last_report: self.sync.last_report.clone(),
            last_error: self.sync.last_error.clone(),
            open_conflicts: u32::try_from(open_conflicts).unwrap_or(u32::MAX),
        })
    }

    /// Starts a sync: what [`SyncJob::run`] needs, and the status says "running" until
    /// [`Workspace::finish_sync`]. Runs must not overlap: the caller serialises them.
    pub fn begin_sync(&mut self) -> Result<SyncJob> {
        let Some(folder) = self.sync_folder() else {
            return Err(WorkspaceError::new(
                ErrorCode::NoSyncFolder,
                "sync is not set up: choose the team's shared folder first",
            ));
        };
        self.sync.running = true;
        Ok(SyncJob { library: self.library_path.clone(), folder, analyst: self.analyst.clone() })
    }

    /// Records how a sync ended, and hands the outcome back.
    pub fn finish_sync(&mut self, outcome: Result<SyncReport>) -> Result<SyncReport> {
        self.sync.running = false;
        match &outcome {
            Ok(report) => {
                self.sync.last_report = Some(report.clone());
                self.sync.last_error = None;
                if let Some(session) = self.session.as_mut() {
                    session.settings.last_sync_at = Some(report.finished_at.clone());
                    session.save_settings()?;
                }
            }
            Err(error) => self.sync.last_error = Some(error.clone()),
        }
        outcome
    }

    /// Syncs with `folder`, which the user named (the command line's `library sync DIR`),
    /// through the workspace's own connection. The folder must exist: a missing one is
    /// more likely an unmounted share than a place to start one.
    pub fn sync_with(&mut self, folder: &Path) -> Result<SyncReport> {
        if !folder.is_dir() {
            return Err(folder_missing(folder));
        }
        let outcome = sync_library(&mut self.library, folder);
        self.finish_sync(outcome)
    }

    /// A whole sync while holding the workspace (see the module documentation).
    pub fn sync_now(&mut self) -> Result<SyncReport> {
        let job = self.begin_sync()?;
        let outcome = job.run();
        self.finish_sync(outcome)
    }

    /// The conflict log, newest first.
    pub fn sync_conflicts(&self, open_only: bool) -> Result<Vec<SyncConflict>> {
        let list = mizan_sync::conflicts(&self.library, open_only).map_err(from_sync)?;
        let mut titles: HashMap<String, Option<String>> = HashMap::new();
        let mut out = Vec::with_capacity(list.len());
        for conflict in &list {
            let title = match &conflict.source_key {
                Some(key) => titles
                    .entry(key.clone())
                    .or_insert_with(|| self.library.find_including_deleted(key).ok().flatten().map(|r| r.source.title))
                    .clone(),
                None => None,
            };
            out.push(conflict_dto(conflict, title));
        }
        Ok(out)
    }

    /// Makes the lost value win, as a new edit of this analyst that the next sync sends.
    pub fn flip_conflict(&mut self, id: i64) -> Result<SyncConflict> {
        mizan_sync::flip(&mut self.library, id, now().millis()).map_err(from_sync)?;
        self.conflict(id)
    }

    /// Marks a conflict as reviewed, keeping the value that won.
    pub fn dismiss_conflict(&mut self, id: i64) -> Result<SyncConflict> {
        mizan_sync::dismiss(&mut self.library, id, now().millis()).map_err(from_sync)?;
        self.conflict(id)
    }

    fn conflict(&self, id: i64) -> Result<SyncConflict> {
        self.sync_conflicts(false)?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| WorkspaceError::not_found(format!("no conflict #{id} in the conflict log")).with_field("id"))
    }
}

fn now() -> Timestamp {
    SystemClock.now()
}

fn folder_error(folder: &Path, reason: &str) -> WorkspaceError {
    WorkspaceError::new(ErrorCode::SyncFolder, format!("{}: {reason}", folder.display())).with_field("folder")
}

/// A sync failure with a stable code; the message names the folder or file at fault.
fn from_sync(error: SyncError) -> WorkspaceError {
    let message = error.to_string();
    match error {
        SyncError::Library(e) => e.into(),
        SyncError::Sqlite(_) => WorkspaceError::new(ErrorCode::Library, message),
        SyncError::Io { .. }
        | SyncError::Folder { .. }
        | SyncError::OtherLibrary { .. }
        | SyncError::OwnChangeset { .. } => WorkspaceError::new(ErrorCode::SyncFolder, message).with_field("folder"),
        SyncError::UnknownConflict(_) => WorkspaceError::not_found(message).with_field("id"),
        SyncError::CannotFlip { .. } => WorkspaceError::new(ErrorCode::CannotFlip, message).with_field("id"),
        SyncError::FailurePoint(_) => WorkspaceError::new(ErrorCode::Internal, message),
    }
}

fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn report_dto(report: &mizan_sync::SyncReport, folder: &Path, finished: Timestamp, duration_ms: u32) -> SyncReport {
    let refused = report
        .refused
        .iter()
        .map(|r| SyncRefusedFile {
            name: r
                .path
                .strip_prefix(folder)
                .ok()
                .or_else(|| r.path.file_name().map(Path::new))
                .unwrap_or(&r.path)
                .display()
                .to_string(),
            path: r.path.display().to_string(),
            reason: r.reason.clone(),
        })
        .collect();
    SyncReport {
        folder: folder.display().to_string(),
        finished_at: finished.to_string(),
        duration_ms,
        sent: count(report.sent),
        received: count(report.received),
        applied: count(report.applied),
        conflicts: count(report.conflicts),
        refused,
        waiting: u32::try_from(report.waiting.len()).unwrap_or(u32::MAX),
    }
}

fn conflict_dto(conflict: &Conflict, source_title: Option<String>) -> SyncConflict {
    let kind = SyncConflictKind::from(conflict.kind);
    let side = |side: &mizan_sync::ConflictValue| SyncConflictSide {
        value: if kind == SyncConflictKind::Delete { None } else { value_text(&conflict.field, &side.value) },
        at: Timestamp::from_millis(side.at).to_string(),
        author: side.author.clone(),
        device: side.device.clone(),
    };
    SyncConflict {
        id: conflict.id,
        kind,
        entity: conflict.entity.to_owned(),
        source_key: conflict.source_key.clone(),
        source_title,
        field: conflict.field.clone(),
        kept: side(&conflict.kept),
        lost: side(&conflict.lost),
        detected_at: Timestamp::from_millis(conflict.detected_at).to_string(),
        resolution: conflict.resolution.map(|(r, _)| r.into()),
        resolved_at: conflict.resolution.map(|(_, at)| Timestamp::from_millis(at).to_string()),
    }
}

/// A field's value as an analyst reads it: authors and tags as lists, a grade as its
/// letter. Null for no value.
fn value_text(field: &str, value: &Value) -> Option<String> {
    let list = |text: &str| serde_json::from_str::<Vec<Value>>(text).ok();
    match (field, value) {
        (_, Value::Null) => None,
        ("authors", Value::String(text)) => match list(text) {
            Some(people) => {
                let names: Vec<String> = people.iter().map(person_name).collect();
                Some(names.join("; "))
            }
            None => Some(text.clone()),
        },
        ("tags", Value::String(text)) => match list(text) {
            Some(tags) => Some(tags.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")),
            None => Some(text.clone()),
        },
        ("grade", Value::Array(parts)) => parts.first().and_then(Value::as_str).map(str::to_owned),
        (_, Value::String(text)) => Some(text.clone()),
        (_, other) => Some(other.to_string()),
    }
}

fn person_name(person: &Value) -> String {
    let part = |key: &str| person.get(key).and_then(Value::as_str).unwrap_or_default();
    match (part("literal"), part("family"), part("given")) {
        (literal, _, _) if !literal.is_empty() => literal.to_owned(),
        (_, family, "") => family.to_owned(),
        (_, family, given) => format!("{family}, {given}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Paths;
    use crate::dto::{AddSourceRequest, Grade, GradeRequest, SourceInput, SourceType, UpdateSourceRequest};

    struct Laptop {
        _root: tempfile::TempDir,
        workspace: Workspace,
    }

    fn laptop(name: &str) -> Laptop {
        let root = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(root.path().join("config")).expect("config dir");
        std::fs::write(root.path().join("config/config.toml"), format!("analyst = \"{name}\"\n")).expect("config");
        let workspace = Workspace::open(Paths::under(root.path())).expect("library opens");
        Laptop { _root: root, workspace }
    }

    fn source(key: &str, title: &str) -> SourceInput {
        SourceInput {
            key: Some(key.into()),
            kind: SourceType::NewsArticle,
            title: title.into(),
            authors: Vec::new(),
            issued: Some("2025-11".into()),
            language: Some("fr".into()),
            container_title: None,
            publisher: None,
            url: None,
            doi: None,
            pages: None,
            accessed: None,
            notes: None,
            tags: vec!["Mali".into()],
            grade: None,
        }
    }

    fn add(key: &str, title: &str) -> AddSourceRequest {
        AddSourceRequest { source: source(key, title), on_duplicate: Default::default() }
    }

    #[test]
    fn a_change_on_one_laptop_reaches_the_other() {
        let share = tempfile::tempdir().expect("share");
        let mut amina = laptop("Amina Diallo");
        let mut karim = laptop("Karim Benali");
        let error = amina.workspace.sync_now().expect_err("no folder yet");
        assert_eq!(error.code, ErrorCode::NoSyncFolder);
        assert_eq!(amina.workspace.sync_status().expect("status").folder, None);

        let status = amina.workspace.set_sync_folder(share.path()).expect("folder");
        assert!(status.folder.is_some() && status.last_sync_at.is_none() && !status.running);
        karim.workspace.set_sync_folder(share.path()).expect("folder");

        amina.workspace.add_source(&add("rfi-kayes-2025", "Les citernes de Kayes")).expect("add");
        let sent = amina.workspace.sync_now().expect("amina syncs");
        assert!(sent.sent > 0, "{sent:?}");
        let received = karim.workspace.sync_now().expect("karim syncs");
        assert!(received.applied > 0 && received.refused.is_empty(), "{received:?}");
        let there = karim.workspace.source("rfi-kayes-2025").expect("the source reached Karim");
        assert_eq!(there.title, "Les citernes de Kayes");

        // Karim's grade comes back to Amina.
        karim
            .workspace
            .grade_source(&GradeRequest { key: "rfi-kayes-2025".into(), reliability: Grade::B })
            .expect("grade");
        karim.workspace.sync_now().expect("karim syncs");
        amina.workspace.sync_now().expect("amina syncs");
        assert_eq!(amina.workspace.source("rfi-kayes-2025").expect("source").grade, Some(Grade::B));

        // The status remembers the last sync, also in a later run of the app.
        let status = amina.workspace.sync_status().expect("status");
        assert!(status.last_sync_at.is_some() && status.last_report.is_some() && status.last_error.is_none());
        let again = Workspace::open(amina.workspace.paths().cloned().expect("the app's paths")).expect("reopen");
        let reopened = again.sync_status().expect("status");
        assert_eq!(reopened.last_sync_at, status.last_sync_at);
        assert_eq!(reopened.folder, status.folder);
    }

    #[test]
    fn conflicts_show_up_and_can_be_flipped_or_dismissed() {
        let share = tempfile::tempdir().expect("share");
        let mut amina = laptop("Amina Diallo");
        let mut karim = laptop("Karim Benali");
        for l in [&mut amina, &mut karim] {
            l.workspace.set_sync_folder(share.path()).expect("folder");
        }
        amina.workspace.add_source(&add("rfi-kayes-2025", "Les citernes de Kayes")).expect("add");
        amina.workspace.add_source(&add("jeune-afrique-2025", "Le blocus de Bamako")).expect("add");
        amina.workspace.sync_now().expect("sync");
        karim.workspace.sync_now().expect("sync");

        // Both edit the same titles while offline.
        for (l, suffix) in [(&mut amina, "(Amina)"), (&mut karim, "(Karim)")] {
            for key in ["rfi-kayes-2025", "jeune-afrique-2025"] {
                let mut input = source(key, &format!("Titre {suffix}"));
                input.authors = vec![crate::dto::Person::Structured { family: "Ledjely".into(), given: None }];
                l.workspace.update_source(&UpdateSourceRequest { key: key.into(), source: input }).expect("edit");
            }
        }
        amina.workspace.sync_now().expect("sync");
        let report = karim.workspace.sync_now().expect("sync");
        assert_eq!(report.conflicts, 2, "{report:?}");
        assert_eq!(karim.workspace.sync_status().expect("status").open_conflicts, 2);

        let open = karim.workspace.sync_conflicts(true).expect("conflicts");
        assert_eq!(open.len(), 2);
        let first = &open[0];
        assert_eq!(
            (first.kind, first.field.as_str(), first.entity.as_str()),
            (SyncConflictKind::Field, "title", "source")
        );
        assert!(first.source_key.is_some() && first.source_title.is_some());
        let values = [first.kept.value.as_deref(), first.lost.value.as_deref()];
        assert!(values.contains(&Some("Titre (Amina)")) && values.contains(&Some("Titre (Karim)")), "{first:?}");
        assert!(first.kept.at.ends_with('Z') && !first.kept.author.is_empty() && !first.lost.device.is_empty());

        // Flip the first: the lost value is back in the library.
        let flipped = karim.workspace.flip_conflict(first.id).expect("flip");
        assert_eq!(flipped.resolution, Some(SyncConflictResolution::Flipped));
        assert!(flipped.resolved_at.is_some());
        let key = first.source_key.clone().expect("key");
        assert_eq!(karim.workspace.source(&key).expect("source").title, first.lost.value.clone().expect("lost"));
        // Dismiss the other.
        let second = open[1].id;
        let dismissed = karim.workspace.dismiss_conflict(second).expect("dismiss");
        assert_eq!(dismissed.resolution, Some(SyncConflictResolution::Dismissed));
        assert!(karim.workspace.sync_conflicts(true).expect("open").is_empty());
        assert_eq!(karim.workspace.sync_conflicts(false).expect("all").len(), 2);

        // The flip travels: after both sync, Amina has the flipped value too.
        karim.workspace.sync_now().expect("sync");
        amina.workspace.sync_now().expect("sync");
        assert_eq!(amina.workspace.source(&key).expect("source").title, first.lost.value.clone().expect("lost"));

        let missing = karim.workspace.flip_conflict(999).expect_err("no such conflict");
        assert_eq!((missing.code, missing.field.as_deref()), (ErrorCode::NotFound, Some("id")));
        let missing = karim.workspace.dismiss_conflict(999).expect_err("no such conflict");
        assert_eq!(missing.code, ErrorCode::NotFound);
    }

    #[test]
    fn bad_folders_and_files_give_clear_errors() {
        let share = tempfile::tempdir().expect("share");
        let mut amina = laptop("Amina Diallo");
        let mut karim = laptop("Karim Benali");
        let not_a_folder = share.path().join("file.txt");
        std::fs::write(&not_a_folder, "x").expect("write");
        let error = amina.workspace.set_sync_folder(&not_a_folder).expect_err("a file");
        assert_eq!((error.code, error.field.as_deref()), (ErrorCode::InvalidInput, Some("folder")));

        // The folder vanishes after it was chosen.
        let folder = share.path().join("team");
        std::fs::create_dir(&folder).expect("dir");
        amina.workspace.set_sync_folder(&folder).expect("folder");
        karim.workspace.set_sync_folder(&folder).expect("folder");
        amina.workspace.sync_now().expect("sync");
        karim.workspace.sync_now().expect("sync");
        std::fs::rename(&folder, share.path().join("moved")).expect("move");
        let error = amina.workspace.sync_now().expect_err("gone");
        assert_eq!(error.code, ErrorCode::SyncFolder);
        assert!(error.message.contains("team"), "{error}");
        let status = amina.workspace.sync_status().expect("status");
        assert_eq!(status.last_error.as_ref().map(|e| e.code), Some(ErrorCode::SyncFolder));
        assert!(!status.running);
        std::fs::rename(share.path().join("moved"), &folder).expect("move back");

        // A damaged changeset of Karim's is refused by name; the sync goes on. Karim's is
        // the one his sync adds (device folders are named at random, so no name order
        // tells whose a file is).
        let changesets = || -> Vec<PathBuf> {
            walk(&folder).into_iter().filter(|p| p.extension().is_some_and(|e| e == "changes")).collect()
        };
        let before = changesets();
        karim.workspace.add_source(&add("rfi-kayes-2025", "Les citernes de Kayes")).expect("add");
        karim.workspace.sync_now().expect("sync");
        let added: Vec<PathBuf> = changesets().into_iter().filter(|p| !before.contains(p)).collect();
        assert_eq!(added.len(), 1, "{added:?}");
        let newest = added[0].clone();
        let text = std::fs::read_to_string(&newest).expect("read");
        std::fs::write(&newest, &text[..text.len() / 2]).expect("truncate");
        let report = amina.workspace.sync_now().expect("the sync goes on");
        assert_eq!(report.refused.len(), 1, "{report:?}");
        let refused = &report.refused[0];
        assert!(refused.name.starts_with("mizan-sync/") && refused.name.ends_with(".changes"), "{refused:?}");
        assert!(!refused.reason.is_empty());
        assert!(amina.workspace.sync_status().expect("status").last_error.is_none());

        // Another team's folder is refused with a message naming it.
        let other = tempfile::tempdir().expect("other share");
        let mut stranger = laptop("Someone Else");
        stranger.workspace.set_sync_folder(other.path()).expect("folder");
        stranger.workspace.sync_now().expect("sync");
        amina.workspace.set_sync_folder(other.path()).expect("folder");
        let error = amina.workspace.sync_now().expect_err("another library");
        assert_eq!(error.code, ErrorCode::SyncFolder);
        assert!(error.message.contains("another") || error.message.contains("library"), "{error}");

        let status = amina.workspace.forget_sync_folder().expect("forget");
        assert_eq!(status.folder, None);
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }

    #[test]
    fn values_read_as_an_analyst_reads_them() {
        let authors = Value::String(r#"[{"family":"Ledjely","given":"Mariam"},{"literal":"RFI Afrique"}]"#.into());
        assert_eq!(value_text("authors", &authors).as_deref(), Some("Ledjely, Mariam; RFI Afrique"));
        assert_eq!(value_text("tags", &Value::String(r#"["Mali","JNIM"]"#.into())).as_deref(), Some("Mali, JNIM"));
        assert_eq!(value_text("grade", &serde_json::json!(["B", "Amina", 1])).as_deref(), Some("B"));
        assert_eq!(value_text("grade", &Value::Null), None);
        assert_eq!(value_text("position", &serde_json::json!(3)).as_deref(), Some("3"));
        assert_eq!(value_text("title", &Value::String("مالي".into())).as_deref(), Some("مالي"));
    }
}
