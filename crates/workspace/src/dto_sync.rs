//! The requests and results of sync through the team's shared folder, as they cross the
//! app's IPC (camelCase JSON) and appear in TypeScript. Re-exported by [`crate::dto`], so
//! `mizan_workspace::dto::*` brings them along with the others.
//!
//! Times are RFC 3339 strings in UTC (`2025-11-20T09:30:00.000Z`), as elsewhere in the
//! IPC; conflict ids are SQLite row ids, numbers in TypeScript.

use mizan_sync::{ConflictKind, Resolution};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::WorkspaceError;

/// A file from another device that the sync did not apply (damaged, truncated, foreign
/// or hostile), and why. That device's later changesets wait until it is replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncRefusedFile {
    /// The file's path inside the shared folder (`mizan-sync/<device>/0000000042.changes`).
    pub name: String,
    /// Its full path.
    pub path: String,
    pub reason: String,
}

/// What one sync did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// The shared folder synced with.
    pub folder: String,
    pub finished_at: String,
    /// How long the sync took, start to end.
    pub duration_ms: u32,
    /// Field changes written to the folder.
    pub sent: u32,
    /// Field changes read from other devices' changesets and snapshots.
    pub received: u32,
    /// Field changes that changed this library.
    pub applied: u32,
    /// New entries in the conflict log.
    pub conflicts: u32,
    /// Files refused whole.
    pub refused: Vec<SyncRefusedFile>,
    /// Devices whose next changeset has not reached the folder yet.
    pub waiting: u32,
}

/// The shared folder, and how the last syncs went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    /// The shared folder, once chosen; null: sync is not set up.
    pub folder: Option<String>,
    /// A sync is running now.
    pub running: bool,
    /// When the last successful sync ended (kept between runs).
    pub last_sync_at: Option<String>,
    /// The last successful sync of this run of the app.
    pub last_report: Option<SyncReport>,
    /// Why the last sync failed, if it did (cleared by the next successful one).
    pub last_error: Option<WorkspaceError>,
    /// Conflicts not yet flipped or dismissed.
    pub open_conflicts: u32,
}

mirror! {
    /// Why a value lost a merge.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
    #[serde(rename_all = "lowercase")]
    pub enum SyncConflictKind mirrors ConflictKind {
        /// Two devices changed the same field; the later version won.
        Field,
        /// Deleted on one device while edited on another: the edit kept the row. Flipping
        /// deletes it again.
        Delete,
        /// Two sources had the same key; the later one was renamed. Flipping gives its key
        /// back if that key is free again.
        Key,
    }
}

mirror! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
    #[serde(rename_all = "lowercase")]
    pub enum SyncConflictResolution mirrors Resolution {
        Flipped,
        Dismissed,
    }
}

/// One side of a conflict: the value as text (null: empty, or for a deletion conflict
/// see `kind`), and who wrote it, when, on which device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncConflictSide {
    pub value: Option<String>,
    pub at: String,
    pub author: String,
    pub device: String,
}

/// One entry of the conflict log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncConflict {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: SyncConflictKind,
    /// `source` or `excerpt`.
    pub entity: String,
    /// The source concerned (an excerpt's source for an excerpt), as it is now.
    pub source_key: Option<String>,
    pub source_title: Option<String>,
    /// The field, as the library names it (`title`, `container_title`, `grade`…).
    pub field: String,
    /// The value the library holds.
    pub kept: SyncConflictSide,
    /// The value that lost; flipping makes it win.
    pub lost: SyncConflictSide,
    pub detected_at: String,
    pub resolution: Option<SyncConflictResolution>,
    pub resolved_at: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncConflictsRequest {
    /// Only conflicts not yet flipped or dismissed.
    pub open_only: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncConflictRequest {
    #[ts(type = "number")]
    pub id: i64,
}
