//! The conflict log: values that lost a merge, for the analyst to review, and to flip
//! (make the lost value win, as a new edit that travels like any other) or dismiss.

use mizan_library::Library;
use rusqlite::{OptionalExtension, params};
use serde_json::Value;
use uuid::Uuid;

use crate::error::{Result, SyncError};
use crate::model::Entity;
use crate::rows;

/// Why a value lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictKind {
    /// Two devices changed the same field; the later version won.
    Field,
    /// A row was deleted on one device while edited on another: the edit was kept and the
    /// row stays live. Flipping deletes it again.
    Delete,
    /// Two live sources had the same citation key; the one whose key was set later was
    /// renamed. Flipping gives it its key back if that key is free again.
    Key,
}

impl ConflictKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Field => "field",
            Self::Delete => "delete",
            Self::Key => "key",
        }
    }

    fn parse(name: &str) -> Self {
        match name {
            "delete" => Self::Delete,
            "key" => Self::Key,
            _ => Self::Field,
        }
    }
}

/// One side of a conflict: the value (as JSON, as it travels; `null` for "no value" or,
/// for a deletion, "live"), and who wrote it when, on which device.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictValue {
    pub value: Value,
    /// Milliseconds since the epoch (the version's time).
    pub at: i64,
    pub device: String,
    pub author: String,
}

/// What happened to a conflict after review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    Flipped,
    Dismissed,
}

/// One entry of the conflict log.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub id: i64,
    pub kind: ConflictKind,
    /// `source` or `excerpt`.
    pub entity: &'static str,
    pub row_id: Uuid,
    /// The citation key of the source concerned (the excerpt's source for an excerpt),
    /// as it is now.
    pub source_key: Option<String>,
    pub field: String,
    pub kept: ConflictValue,
    pub lost: ConflictValue,
    pub detected_at: i64,
    pub resolution: Option<(Resolution, i64)>,
}

/// The conflict log, newest first; with `open_only`, only conflicts not yet flipped or
/// dismissed.
pub fn conflicts(library: &Library, open_only: bool) -> Result<Vec<Conflict>> {
    let conn = library.connection();
    let sql = format!(
        "SELECT c.id, c.kind, c.entity, c.row_id, c.field, c.kept_value, c.kept_ts, c.kept_device, c.kept_author,
                c.lost_value, c.lost_ts, c.lost_device, c.lost_author, c.detected_at, c.resolution, c.resolved_at,
                coalesce((SELECT key FROM sources WHERE id = c.row_id),
                         (SELECT s.key FROM excerpts e JOIN sources s ON s.id = e.source_id WHERE e.id = c.row_id))
         FROM sync_conflicts c {} ORDER BY c.id DESC",
        if open_only { "WHERE c.resolved_at IS NULL" } else { "" }
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let json = |i: usize| -> rusqlite::Result<Value> {
            let text: String = row.get(i)?;
            Ok(serde_json::from_str(&text).unwrap_or(Value::String(text)))
        };
        let entity: String = row.get(2)?;
        let row_id: String = row.get(3)?;
        let resolution: Option<String> = row.get(14)?;
        let resolved_at: Option<i64> = row.get(15)?;
        out.push(Conflict {
            id: row.get(0)?,
            kind: ConflictKind::parse(&row.get::<_, String>(1)?),
            entity: Entity::parse(&entity).map_or("source", Entity::name),
            row_id: Uuid::parse_str(&row_id).unwrap_or_default(),
            source_key: row.get(16)?,
            field: row.get(4)?,
            kept: ConflictValue { value: json(5)?, at: row.get(6)?, device: row.get(7)?, author: row.get(8)? },
            lost: ConflictValue { value: json(9)?, at: row.get(10)?, device: row.get(11)?, author: row.get(12)? },
            detected_at: row.get(13)?,
            resolution: match (resolution.as_deref(), resolved_at) {
                (Some("flipped"), Some(at)) => Some((Resolution::Flipped, at)),
                (Some("dismissed"), Some(at)) => Some((Resolution::Dismissed, at)),
                _ => None,
            },
        });
    }
    Ok(out)
}

/// Marks a conflict as reviewed, keeping the value that won.
pub fn dismiss(library: &mut Library, id: i64, now: i64) -> Result<()> {
    let changed = library.connection().execute(
        "UPDATE sync_conflicts SET resolution = 'dismissed', resolved_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    if changed == 0 {
        return Err(SyncError::UnknownConflict(id));
    }
    Ok(())
}

/// Makes the lost value win: it is written as a new local edit by this analyst, which the
/// next sync sends with a version newer than the value it replaces.
pub fn flip(library: &mut Library, id: i64, now: i64) -> Result<()> {
    let conflict = conflicts(library, false)?.into_iter().find(|c| c.id == id).ok_or(SyncError::UnknownConflict(id))?;
    let cannot = |reason: &str| SyncError::CannotFlip { id, reason: reason.to_owned() };
    let entity = Entity::parse(conflict.entity).ok_or_else(|| cannot("unknown kind of row"))?;
    let row_id = conflict.row_id.to_string();
    let conn = library.connection();
    let live: Option<bool> = match entity {
        Entity::Source => {
            conn.query_row("SELECT deleted_at IS NULL FROM sources WHERE id = ?1", [&row_id], |r| r.get(0))
        }
        Entity::Excerpt => {
            conn.query_row("SELECT deleted_at IS NULL FROM excerpts WHERE id = ?1", [&row_id], |r| r.get(0))
        }
    }
    .optional()?;
    let Some(live) = live else { return Err(cannot("the row is not in this library")) };
    let analyst = library.analyst().to_owned();
    let table = if entity == Entity::Source { "sources" } else { "excerpts" };
    match conflict.kind {
        ConflictKind::Delete => {
            if !live {
                return Err(cannot("it is already deleted"));
            }
            let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
            if entity == Entity::Source {
                tx.execute(
                    "UPDATE excerpts SET deleted_at = ?2, deleted_by = ?3, modified_at = ?2, modified_by = ?3
                     WHERE source_id = ?1 AND deleted_at IS NULL",
                    params![row_id, now, analyst],
                )?;
            }
            tx.execute(
                &format!("UPDATE {table} SET deleted_at = ?2, deleted_by = ?3, modified_at = ?2, modified_by = ?3 WHERE id = ?1"),
                params![row_id, now, analyst],
            )?;
            tx.commit()?;
        }
        ConflictKind::Field | ConflictKind::Key => {
            let field = entity.field(&conflict.field).ok_or_else(|| cannot("unknown field"))?;
            crate::model::check_value(entity, field, &conflict.lost.value).map_err(|e| cannot(&e))?;
            if field == "key" {
                let key = conflict.lost.value.as_str().unwrap_or_default();
                let taken: bool = conn.query_row(
                    "SELECT count(*) > 0 FROM sources WHERE key = ?1 AND deleted_at IS NULL AND id <> ?2",
                    params![key, row_id],
                    |r| r.get(0),
                )?;
                if taken && live {
                    return Err(cannot(&format!("another source now has the key `{key}`")));
                }
            }
            let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
            rows::write_field(&tx, entity, &row_id, field, &conflict.lost.value)?;
            tx.execute(
                &format!("UPDATE {table} SET modified_at = ?2, modified_by = ?3 WHERE id = ?1"),
                params![row_id, now, analyst],
            )?;
            tx.commit()?;
            let source_id = match entity {
                Entity::Source => Some(row_id.clone()),
                Entity::Excerpt => conn
                    .query_row("SELECT source_id FROM excerpts WHERE id = ?1", [&row_id], |r| r.get::<_, String>(0))
                    .optional()?,
            };
            if let Some(source_id) = source_id {
                crate::apply::refresh_derived(library, &source_id)?;
            }
        }
    }
    library.connection().execute(
        "UPDATE sync_conflicts SET resolution = 'flipped', resolved_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}
