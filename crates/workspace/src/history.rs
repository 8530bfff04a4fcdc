//! A brief's history: the revisions stored at each save, what changed since one, and
//! going back to one. The app names a brief by its id (the editor holds the text); the
//! command line by its file.

use std::path::Path;

use mizan_library::Library;
use uuid::Uuid;

use crate::Workspace;
use crate::dto::{BriefHistory, DiffLine, DiffOp, RestoredRevision, Revision, RevisionDiff, RevisionDiffRequest};
use crate::error::{ErrorCode, Result, WorkspaceError};

fn brief_id(id: &str) -> Result<Uuid> {
    Uuid::parse_str(id.trim()).map_err(|e| WorkspaceError::invalid("id", format!("id: {e}")))
}

/// Newest first.
fn revisions(library: &Library, id: Uuid) -> Result<Vec<Revision>> {
    Ok(library
        .revisions(id)?
        .into_iter()
        .rev()
        .map(|r| Revision {
            number: r.number,
            saved_at: r.saved_at.to_string(),
            saved_by: r.saved_by,
            bytes: u32::try_from(r.size).unwrap_or(u32::MAX),
        })
        .collect())
}

/// The text of revision `number`; `brief` names the brief in the error.
fn revision_text(library: &Library, id: Uuid, number: u32, brief: &str) -> Result<String> {
    library.revision_text(id, number)?.ok_or_else(|| {
        let count = library.revisions(id).map(|r| r.len()).unwrap_or_default();
        WorkspaceError::not_found(format!("{brief} has no revision {number} (it has {count})")).with_field("number")
    })
}

/// How `current` differs from `old`, line by line.
fn diff(old: String, current: &str) -> RevisionDiff {
    let lines = similar::TextDiff::from_lines(old.as_str(), current)
        .iter_all_changes()
        .map(|change| DiffLine {
            op: match change.tag() {
                similar::ChangeTag::Equal => DiffOp::Equal,
                similar::ChangeTag::Insert => DiffOp::Insert,
                similar::ChangeTag::Delete => DiffOp::Delete,
            },
            text: change.value().trim_end_matches('\n').to_owned(),
        })
        .collect();
    RevisionDiff { text: old, lines }
}

/// A brief file's bytes and its id; a brief without an id has no history yet.
fn read_with_id(path: &Path) -> Result<(Vec<u8>, Uuid)> {
    let bytes = std::fs::read(path).map_err(|e| WorkspaceError::io(path, &e))?;
    let id = mizan_brief::parse_bytes(&bytes).front.id.ok_or_else(|| {
        WorkspaceError::new(
            ErrorCode::InvalidInput,
            format!(
                "{} has no id yet, so it has no history; it gets one, and its first revision, when it is first \
                 saved or checked",
                path.display()
            ),
        )
    })?;
    Ok((bytes, id))
}

impl Workspace {
    /// The stored revisions of the brief with this id, newest first.
    pub fn revisions(&self, id: &str) -> Result<Vec<Revision>> {
        revisions(&self.library, brief_id(id)?)
    }

    /// A stored revision and how the editor's text differs from it.
    pub fn revision_diff(&self, request: &RevisionDiffRequest) -> Result<RevisionDiff> {
        let id = brief_id(&request.id)?;
        let old = revision_text(&self.library, id, request.number, &format!("brief {id}"))?;
        Ok(diff(old, &request.current))
    }

    /// The revisions of the brief file at `path`, newest first.
    pub fn brief_history(&self, path: &Path) -> Result<BriefHistory> {
        let (_, id) = read_with_id(path)?;
        Ok(BriefHistory {
            path: path.display().to_string(),
            id: id.to_string(),
            revisions: revisions(&self.library, id)?,
        })
    }

    /// Revision `number` of the brief file at `path`, and how the file differs from it.
    pub fn diff_with_revision(&self, path: &Path, number: u32) -> Result<RevisionDiff> {
        let (bytes, id) = read_with_id(path)?;
        let old = revision_text(&self.library, id, number, &path.display().to_string())?;
        Ok(diff(old, &String::from_utf8_lossy(&bytes)))
    }

    /// Puts the brief file at `path` back to revision `number`. What the file held is
    /// stored as a revision first (if it is valid UTF-8), so going back loses nothing.
    pub fn restore_revision(&mut self, path: &Path, number: u32) -> Result<RestoredRevision> {
        let (bytes, id) = read_with_id(path)?;
        let old = revision_text(&self.library, id, number, &path.display().to_string())?;
        if let Ok(current) = std::str::from_utf8(&bytes) {
            self.library.save_revision(id, current)?;
        }
        mizan_durable::write_atomically(path, old.as_bytes())?;
        self.library.save_revision(id, &old)?;
        Ok(RestoredRevision { path: path.display().to_string(), number })
    }
}
