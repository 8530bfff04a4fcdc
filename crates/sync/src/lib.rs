//! Sync of a team's source library through a shared folder (a network share, Syncthing,
//! Nextcloud, a USB stick), with no server and no database on the share.
//!
//! Each library is a device with its own id. [`sync`] writes the library's changes since
//! its last sync as one changeset file in its own folder of the shared folder, then
//! applies every other device's new changesets. Sources, excerpts, grades and tags
//! travel; briefs, claims and revision history stay local. Two devices editing the same
//! source merge field by field; the same field edited on both keeps the later version and
//! logs the other in the conflict log ([`conflicts`], [`flip`], [`dismiss`]).
//!
//! ```
//! use mizan_library::{Library, OpenOptions};
//! use mizan_source::{CitationKey, Source};
//! use mizan_sync::{SyncOptions, sync};
//!
//! let folder = tempfile::tempdir().unwrap();
//! let mut amina = Library::open_in_memory(OpenOptions::new("Amina")).unwrap();
//! let mut karim = Library::open_in_memory(OpenOptions::new("Karim")).unwrap();
//! amina.add(&Source::new(CitationKey::parse("rfi-bamako-2025").unwrap(), "Bamako sous blocus")).unwrap();
//!
//! let sent = sync(&mut amina, folder.path(), &SyncOptions::new()).unwrap();
//! let received = sync(&mut karim, folder.path(), &SyncOptions::new()).unwrap();
//! assert_eq!((sent.changesets_written, received.changesets_applied), (1, 1));
//! assert!(karim.get("rfi-bamako-2025").unwrap().is_some());
//! ```

mod apply;
mod conflicts;
mod error;
mod export;
mod file;
mod model;
mod rows;
mod state;

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use mizan_library::Library;
use mizan_source::{Clock, SystemClock};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};

pub use conflicts::{Conflict, ConflictKind, ConflictValue, Resolution, conflicts, dismiss, flip};
pub use error::{Result, SyncError};
pub use file::{FORMAT_VERSION, MAX_FILE_BYTES};
pub use model::MAX_VALUE_BYTES;

use crate::apply::Applier;
use crate::error::io;
use crate::file::{DeviceFile, DeviceListing, FileKind};

/// The changeset reader on bytes rather than a file, for the fuzz targets and their
/// corpus replay (`crates/robustness`): reads `bytes` as `device`'s changeset `seq`, as
/// [`sync`] does, and gives what was read back through the changeset writer. Not part
/// of the API.
#[doc(hidden)]
pub fn reread_changeset(bytes: &[u8], device: &str, seq: u64) -> std::result::Result<Vec<u8>, String> {
    let loaded = file::decode(bytes, FileKind::Changes, device, seq, None)?;
    Ok(file::encode(loaded.header, &loaded.entries, &loaded.held))
}

/// How to sync.
#[derive(Clone)]
pub struct SyncOptions {
    /// Stamps conflicts and the sync's own edits (renames); business logic never reads
    /// the system clock itself.
    pub clock: Arc<dyn Clock>,
    /// After this many own changesets since the last snapshot, write a snapshot and
    /// delete own changesets every known device has applied. 0: only on request.
    pub snapshot_every: u64,
    /// Test hook: stop with [`SyncError::FailurePoint`] at the named step, leaving files
    /// and library as a crash there would (`writing`, `before-rename`, `after-rename`,
    /// `applying`, `snapshot`).
    pub failure_point: Option<&'static str>,
}

impl std::fmt::Debug for SyncOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncOptions")
            .field("snapshot_every", &self.snapshot_every)
            .field("failure_point", &self.failure_point)
            .finish_non_exhaustive()
    }
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl SyncOptions {
    pub fn new() -> Self {
        Self { clock: Arc::new(SystemClock), snapshot_every: 200, failure_point: None }
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    fn fail(&self, point: &'static str) -> Result<()> {
        if self.failure_point == Some(point) { Err(SyncError::FailurePoint(point)) } else { Ok(()) }
    }
}

/// A file from another device that was not applied, and why. The sync goes on without it;
/// that device's later changesets wait until it can be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: refused: {}", self.path.display(), self.reason)
    }
}

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// This library's device id.
    pub device: String,
    /// The team library id shared by every device of the folder.
    pub library_id: String,
    /// Field changes written to the folder.
    pub sent: u64,
    pub changesets_written: u64,
    /// Field changes read from other devices' changesets and snapshots.
    pub received: u64,
    /// Field changes that changed this library.
    pub applied: u64,
    pub changesets_applied: u64,
    pub snapshots_loaded: u64,
    /// New entries in the conflict log.
    pub conflicts: u64,
    /// Files refused whole, each with the reason.
    pub refused: Vec<Refusal>,
    /// Devices whose next changeset is missing from the folder (not synced there yet),
    /// with the number awaited.
    pub waiting: Vec<(String, u64)>,
    /// Changes held until the row they change arrives.
    pub parked: u64,
    /// Changes of fields this Mizan does not know (a newer Mizan added them), kept to be
    /// applied after an update.
    pub held: u64,
    /// The snapshot written by this sync, if any.
    pub snapshot: Option<PathBuf>,
    /// Own changeset files deleted because every known device has applied them.
    pub compacted: u64,
}

/// Syncs `library` through the shared folder `dir`: sends local changes, applies other
/// devices' changes. Running it again right after changes nothing.
pub fn sync(library: &mut Library, dir: &Path, options: &SyncOptions) -> Result<SyncReport> {
    if !dir.is_dir() {
        return Err(SyncError::Folder {
            path: dir.to_owned(),
            reason: "no such folder (create it, or mount the share)".into(),
        });
    }
    let library: &Library = library;
    let conn = library.connection();
    let now = options.clock.now().millis();
    let mut listing = file::list(dir)?;
    let (device, library_id) = identify(library, &listing)?;
    let mut report = SyncReport { device: device.clone(), library_id: library_id.clone(), ..SyncReport::default() };
    let own_dir = file::device_dir(dir, &device);
    std::fs::create_dir_all(&own_dir).map_err(io(&own_dir))?;
    let own = listing.iter().find(|d| d.device == device).cloned().unwrap_or_default();
    remove_stale_temporaries(&own);
    export::recover(library, dir, &device, &own.changes)?;
    release_held(library, &device, now, options, &mut report)?;

    let exporter =
        export::Exporter { library, dir, device: &device, library_id: &library_id, now, fail: &|p| options.fail(p) };
    if let Some(done) = exporter.export()? {
        report.sent += done.entries;
        report.changesets_written += 1;
        settle(library, &device, now, &done.rows)?;
    }

    listing.retain(|d| d.device != device);
    let mut cursors = state::cursors(conn)?;
    let never_synced = cursors.is_empty();
    let gapped = listing.iter().any(|d| has_gap(d, cursors.get(&d.device).copied().unwrap_or(0)));
    if gapped || (never_synced && listing.iter().any(|d| !d.snapshots.is_empty())) {
        for other in &listing {
            let cursor = cursors.get(&other.device).copied().unwrap_or(0);
            let Some(&snapshot) = other.snapshots.last() else { continue };
            if snapshot <= cursor {
                continue;
            }
            load_snapshot(library, dir, &device, &library_id, other, snapshot, now, options, &mut report)?;
        }
        cursors = state::cursors(conn)?;
    }

    for other in &listing {
        let start = cursors.get(&other.device).copied().unwrap_or(0);
        let mut cursor = start;
        for &seq in other.changes.iter().filter(|&&s| s > start) {
            if seq != cursor + 1 {
                report.waiting.push((other.device.clone(), cursor + 1));
                break;
            }
            let path = other.path.join(file::changes_name(seq));
            let loaded = match file::read(&path, FileKind::Changes, &other.device, seq, Some(&library_id)) {
                Ok(loaded) => loaded,
                Err(problem) => {
                    report.refused.push(Refusal { path: problem.path, reason: problem.reason });
                    break;
                }
            };
            let held = loaded.held.len() as u64;
            match apply_batch(library, &device, now, options, loaded.entries, &loaded.held, Some((&other.device, seq)))
            {
                Ok(stats) => {
                    report.held += held;
                    report.received += stats.received + held;
                    report.applied += stats.applied;
                    report.conflicts += stats.conflicts;
                    report.parked += stats.parked;
                    report.changesets_applied += 1;
                    cursor = seq;
                }
                Err(e @ (SyncError::FailurePoint(_) | SyncError::Io { .. })) => return Err(e),
                Err(e) => {
                    report.refused.push(Refusal { path, reason: e.to_string() });
                    break;
                }
            }
        }
    }

    // Key renames made while applying are this device's edits: send them now, so the
    // next sync has nothing to do. Once they have versions, their rows are settled again
    // (a rename is an edit a concurrent deletion did not see); that may rename again.
    for _ in 0..4 {
        let Some(done) = exporter.export()? else { break };
        report.sent += done.entries;
        report.changesets_written += 1;
        settle(library, &device, now, &done.rows)?;
    }
    let st = state::load(conn)?;
    if options.snapshot_every > 0 && st.sent_seq >= st.snapshot_seq + options.snapshot_every {
        let (path, compacted) = write_snapshot(library, dir, options)?;
        report.snapshot = Some(path);
        report.compacted = compacted;
    }
    let changed = report.changesets_written + report.changesets_applied + report.snapshots_loaded > 0
        || report.snapshot.is_some();
    let device_file = own_dir.join("device.json");
    if changed || !device_file.exists() {
        publish_device_file(library, dir, options)?;
    }
    Ok(report)
}

/// This library's device id and the team library id, chosen at the first sync: the
/// library id is adopted from the folder if other devices are there, else made up.
fn identify(library: &Library, listing: &[DeviceListing]) -> Result<(String, String)> {
    let conn = library.connection();
    let st = state::load(conn)?;
    let device = match st.device {
        Some(device) => device,
        None => {
            let device = uuid::Uuid::new_v4().to_string();
            state::set_device(conn, &device)?;
            device
        }
    };
    // The folder's library id is read only the first time this library meets the
    // folder; afterwards every file's header is checked as it is read.
    let first_time_here = !listing.iter().any(|d| d.device == device);
    let found = if st.library.is_none() || first_time_here { folder_library_id(listing, &device) } else { None };
    let library_id = match (st.library, found) {
        (Some(ours), Some((theirs, path))) if ours != theirs => {
            // Another team's folder, or this library was synced elsewhere before.
            return Err(SyncError::OtherLibrary { path, found: theirs, ours });
        }
        (Some(ours), _) => ours,
        (None, Some((theirs, _))) => theirs,
        (None, None) => uuid::Uuid::new_v4().to_string(),
    };
    state::set_library(conn, &library_id)?;
    Ok((device, library_id))
}

/// The library id of the folder, read from one header of one other device (the first
/// sync only reads it when it has none; later ones check it file by file).
fn folder_library_id(listing: &[DeviceListing], me: &str) -> Option<(String, PathBuf)> {
    for other in listing.iter().filter(|d| d.device != me) {
        let device_file = other.path.join("device.json");
        if let Ok(found) = file::read_device_file(&device_file)
            && found.device == other.device
        {
            return Some((found.library, device_file));
        }
        let candidates = other
            .snapshots
            .last()
            .map(|s| other.path.join(file::snapshot_name(*s)))
            .into_iter()
            .chain(other.changes.first().map(|s| other.path.join(file::changes_name(*s))));
        for path in candidates {
            if let Ok(line) = first_line(&path)
                && let Ok(header) = serde_json::from_str::<file::Header>(&line)
            {
                return Some((header.library, path));
            }
        }
    }
    None
}

fn first_line(path: &Path) -> std::io::Result<String> {
    use std::io::BufRead;
    let mut line = String::new();
    std::io::BufReader::new(std::fs::File::open(path)?).take(1 << 16).read_line(&mut line)?;
    Ok(line)
}

/// A device whose next changeset is missing while later ones (or a snapshot past it)
/// exist: its changesets were compacted, so only a snapshot can bring this library up.
fn has_gap(listing: &DeviceListing, cursor: u64) -> bool {
    let next = listing.changes.iter().find(|&&s| s > cursor);
    match next {
        Some(&first) => first > cursor + 1,
        None => listing.snapshots.last().is_some_and(|&s| s > cursor),
    }
}

/// Applies one file's entries in one transaction, keeping its held ones; for a
/// changeset, moves that device's cursor in the same transaction, so a file is applied
/// exactly once.
fn apply_batch(
    library: &Library,
    me: &str,
    now: i64,
    options: &SyncOptions,
    entries: Vec<model::Entry>,
    held: &[model::Held],
    cursor: Option<(&str, u64)>,
) -> Result<apply::ApplyStats> {
    let conn = library.connection();
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    rows::hold(&tx, held)?;
    rows::set_applying(&tx, true)?;
    let analyst = library.analyst().to_owned();
    let mut applier = Applier::new(library, me, &analyst, now);
    let half = entries.len() / 2;
    let mut entries = entries;
    let rest = entries.split_off(half);
    applier.apply(entries)?;
    options.fail("applying")?;
    applier.apply(rest)?;
    let stats = applier.finish()?;
    if let Some((device, seq)) = cursor {
        state::advance_cursor(&tx, device, seq)?;
    }
    rows::set_applying(&tx, false)?;
    tx.commit()?;
    Ok(stats)
}

/// Settles rows after this device's own sync-made edits got their versions.
fn settle(library: &Library, me: &str, now: i64, rows: &[(model::Entity, String)]) -> Result<()> {
    let conn = library.connection();
    // Only rows with a tombstone can change liveness; the others are as the library
    // wrote them (derived columns and search entry included).
    let mut with_tombstone = Vec::new();
    for (entity, id) in rows {
        let source = match entity {
            model::Entity::Source => id.clone(),
            model::Entity::Excerpt => {
                let source: Option<String> = conn
                    .prepare_cached("SELECT source_id FROM excerpts WHERE id = ?1")?
                    .query_row([id], |r| r.get(0))
                    .optional()?;
                let Some(source) = source else { continue };
                source
            }
        };
        let tombstoned = conn
            .prepare_cached(
                "SELECT 1 FROM sync_versions WHERE field = 'deleted' AND ((entity = 'source' AND row_id = ?1) OR (entity = ?2 AND row_id = ?3))",
            )?
            .exists(rusqlite::params![source, entity.name(), id])?;
        if tombstoned {
            with_tombstone.push((*entity, id.clone()));
        }
    }
    if with_tombstone.is_empty() {
        return Ok(());
    }
    let rows = &with_tombstone;
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    rows::set_applying(&tx, true)?;
    let analyst = library.analyst().to_owned();
    let mut applier = Applier::new(library, me, &analyst, now);
    applier.touch(rows);
    applier.finish()?;
    rows::set_applying(&tx, false)?;
    tx.commit()?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn load_snapshot(
    library: &Library,
    dir: &Path,
    me: &str,
    library_id: &str,
    other: &DeviceListing,
    seq: u64,
    now: i64,
    options: &SyncOptions,
    report: &mut SyncReport,
) -> Result<()> {
    let path = file::device_dir(dir, &other.device).join(file::snapshot_name(seq));
    let loaded = match file::read(&path, FileKind::Snapshot, &other.device, seq, Some(library_id)) {
        Ok(loaded) => loaded,
        Err(problem) => {
            report.refused.push(Refusal { path: problem.path, reason: problem.reason });
            return Ok(());
        }
    };
    let held = loaded.held.len() as u64;
    match apply_batch(library, me, now, options, loaded.entries, &loaded.held, None) {
        Ok(stats) => {
            report.held += held;
            report.received += stats.received + held;
            report.applied += stats.applied;
            report.conflicts += stats.conflicts;
            report.parked += stats.parked;
            report.snapshots_loaded += 1;
        }
        Err(e @ (SyncError::FailurePoint(_) | SyncError::Io { .. })) => return Err(e),
        Err(e) => {
            report.refused.push(Refusal { path, reason: e.to_string() });
            return Ok(());
        }
    }
    // The snapshot holds its device's changesets up to `seq` and what it had applied of
    // the others'. (Were the cursor moved in the transaction above, a crash here could
    // not lose anything either: re-applying is idempotent.)
    let conn = library.connection();
    let mut applied = loaded.header.applied;
    applied.insert(other.device.clone(), seq);
    for (device, upto) in applied {
        if device != me {
            state::advance_cursor(conn, &device, upto)?;
        }
    }
    Ok(())
}

/// Writes a snapshot of the whole synced state into this device's folder, then deletes
/// this device's changesets that every known device has applied (and older snapshots).
/// Returns the snapshot's path and how many changesets were deleted.
pub fn snapshot_and_compact(library: &mut Library, dir: &Path, options: &SyncOptions) -> Result<(PathBuf, u64)> {
    write_snapshot(library, dir, options)
}

fn write_snapshot(library: &Library, dir: &Path, options: &SyncOptions) -> Result<(PathBuf, u64)> {
    let conn = library.connection();
    let st = state::load(conn)?;
    let (Some(device), Some(library_id)) = (st.device, st.library) else {
        return Err(SyncError::Folder {
            path: dir.to_owned(),
            reason: "this library has never synced: sync before taking a snapshot".into(),
        });
    };
    if st.sent_seq == 0 {
        return Err(SyncError::Folder {
            path: dir.to_owned(),
            reason: "this library has sent nothing yet: nothing to snapshot".into(),
        });
    }
    let seq = st.sent_seq;
    let mut applied = state::cursors(conn)?;
    applied.remove(&device);
    let (body, held) = snapshot_entries(library)?;
    let header = file::Header {
        mizan_sync: FORMAT_VERSION,
        kind: "snapshot".into(),
        library: library_id,
        device: device.clone(),
        author: library.analyst().to_owned(),
        seq,
        count: 0,
        created_at: options.clock.now().millis(),
        outbox_upto: 0,
        applied,
        body_sha256: String::new(),
    };
    let bytes = file::encode(header, &body, &held);
    let own_dir = file::device_dir(dir, &device);
    let path = own_dir.join(file::snapshot_name(seq));
    file::write_atomically(&path, &bytes, |p| options.fail(p))?;
    options.fail("snapshot")?;
    state::set_snapshot(conn, seq)?;

    // What every other known device has applied of ours; a device folder without a
    // readable device file counts as having applied nothing.
    let listing = file::list(dir)?;
    let mut limit = seq;
    for other in listing.iter().filter(|d| d.device != device) {
        let applied = file::read_device_file(&other.path.join("device.json"))
            .ok()
            .filter(|f| f.device == other.device)
            .and_then(|f| f.applied.get(&device).copied())
            .unwrap_or(0);
        limit = limit.min(applied);
    }
    let mut compacted = 0;
    if let Some(own) = listing.iter().find(|d| d.device == device) {
        for &old in own.changes.iter().filter(|&&s| s <= limit) {
            let p = own.path.join(file::changes_name(old));
            std::fs::remove_file(&p).map_err(io(&p))?;
            compacted += 1;
        }
        for &old in own.snapshots.iter().filter(|&&s| s < seq) {
            let p = own.path.join(file::snapshot_name(old));
            std::fs::remove_file(&p).map_err(io(&p))?;
        }
    }
    Ok((path, compacted))
}

/// Every register of every row, with its current value, plus parked entries; and the
/// held entries, so that devices joining later get them too.
fn snapshot_entries(library: &Library) -> Result<(Vec<model::Entry>, Vec<model::Held>)> {
    let conn = library.connection();
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT entity, row_id, field, ts, device, author, base_ts, base_device, extra FROM sync_versions ORDER BY entity DESC, row_id",
    )?;
    let mut rows_iter = stmt.query([])?;
    let mut cached: Option<(model::Entity, String, Option<rows::Values>)> = None;
    while let Some(row) = rows_iter.next()? {
        let entity: String = row.get(0)?;
        let id: String = row.get(1)?;
        let field: String = row.get(2)?;
        let Some(entity) = model::Entity::parse(&entity) else { continue };
        let Some(field) = entity.field(&field) else { continue };
        if cached.as_ref().is_none_or(|(e, i, _)| *e != entity || *i != id) {
            cached = Some((entity, id.clone(), rows::load(conn, entity, &id)?));
        }
        let Some((_, _, Some(values))) = &cached else { continue };
        let extra: Option<String> = row.get(8)?;
        let value = if field == "deleted" {
            extra.and_then(|e| serde_json::from_str(&e).ok()).unwrap_or(serde_json::Value::Null)
        } else {
            values.get(field).cloned().unwrap_or(serde_json::Value::Null)
        };
        let base = match (row.get::<_, Option<i64>>(6)?, row.get::<_, Option<String>>(7)?) {
            (Some(ts), Some(device)) => Some(model::Version { ts, device }),
            _ => None,
        };
        out.push(model::Entry {
            entity,
            id,
            field,
            value,
            version: model::Version { ts: row.get(3)?, device: row.get(4)? },
            author: row.get(5)?,
            base,
        });
    }
    let mut stmt = conn.prepare("SELECT entry FROM sync_parked")?;
    let parked: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    out.extend(
        parked.iter().filter_map(|t| serde_json::from_str(t).ok()).filter_map(|v| model::Entry::from_json(&v).ok()),
    );
    let mut held = Vec::new();
    for row in rows::held(conn)? {
        match model::Incoming::from_json(&row.entry) {
            Ok(model::Incoming::Held(entry)) => held.push(entry),
            // Known since it arrived (not yet released by a sync): an entry like any other.
            Ok(model::Incoming::Known(entry)) => out.push(entry),
            Err(_) => {}
        }
    }
    Ok((out, held))
}

/// Applies the held entries whose fields this Mizan now knows (it was updated since they
/// arrived), then forgets them. One that no longer reads as valid is forgotten too: its
/// file would have been refused by a Mizan that knew the field. Applying again after a
/// crash between the two steps is a no-op (equal versions).
fn release_held(library: &Library, me: &str, now: i64, options: &SyncOptions, report: &mut SyncReport) -> Result<()> {
    let conn = library.connection();
    let mut released = Vec::new();
    let mut done = Vec::new();
    for row in rows::held(conn)? {
        match model::Incoming::from_json(&row.entry) {
            Ok(model::Incoming::Held(_)) => continue,
            Ok(model::Incoming::Known(entry)) => released.push(entry),
            Err(_) => {}
        }
        done.push(row.key);
    }
    if done.is_empty() {
        return Ok(());
    }
    if !released.is_empty() {
        let stats = apply_batch(library, me, now, options, released, &[], None)?;
        report.received += stats.received;
        report.applied += stats.applied;
        report.conflicts += stats.conflicts;
        report.parked += stats.parked;
    }
    for key in &done {
        rows::forget_held(conn, key)?;
    }
    Ok(())
}

/// Publishes what this device has sent and applied, for the others' compaction.
fn publish_device_file(library: &Library, dir: &Path, options: &SyncOptions) -> Result<()> {
    let conn = library.connection();
    let st = state::load(conn)?;
    let (Some(device), Some(library_id)) = (st.device, st.library) else { return Ok(()) };
    let mut applied: BTreeMap<String, u64> = state::cursors(conn)?;
    applied.remove(&device);
    let content = DeviceFile {
        mizan_sync: FORMAT_VERSION,
        library: library_id,
        device: device.clone(),
        author: library.analyst().to_owned(),
        sent: st.sent_seq,
        snapshot: st.snapshot_seq,
        applied,
    };
    let bytes = serde_json::to_vec_pretty(&content).unwrap_or_default();
    file::write_atomically(&file::device_dir(dir, &device).join("device.json"), &bytes, |p| {
        if p == "writing" || p == "before-rename" { Ok(()) } else { options.fail(p) }
    })
}

/// Temporary files of this device older than an hour are leftovers of an interrupted
/// sync (a sync running now would have written its own within seconds).
fn remove_stale_temporaries(own: &DeviceListing) {
    let hour = std::time::Duration::from_secs(3600);
    for tmp in &own.temporaries {
        let old = std::fs::metadata(tmp)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > hour);
        if old {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// This library's device id, if it has synced.
pub fn device_id(library: &Library) -> Result<Option<String>> {
    Ok(state::load(library.connection())?.device)
}

/// Gives this library a new device id. For a library file copied from another laptop
/// (which would otherwise write into the same device folder as the original): the copy
/// becomes a new device that starts its own changesets at 1.
pub fn reset_device(library: &mut Library) -> Result<String> {
    let conn = library.connection();
    let device = uuid::Uuid::new_v4().to_string();
    conn.execute("UPDATE sync_state SET device = ?1, sent_seq = 0, snapshot_seq = 0 WHERE id = 1", [&device])?;
    Ok(device)
}
