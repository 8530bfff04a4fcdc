//! Turning the outbox (local edits captured by the triggers) into this device's next
//! changeset file.
//!
//! Order of work, chosen so a crash at any point leaves a state the next sync finishes:
//! in one transaction, versions are assigned and the file is written (temporary name,
//! flushed, renamed); only then are the outbox rows deleted and the sequence number
//! advanced, and the transaction committed. A crash before the rename leaves a temporary
//! file that is removed later; a crash after it leaves a complete file the library does
//! not know it sent, which [`recover`] recognises by its number and adopts.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use mizan_library::Library;
use mizan_source::{FieldKind, SourceField};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde_json::Value;

use crate::error::{Result, SyncError};
use crate::file::{self, FileKind, Header};
use crate::model::{Entity, Entry, Tombstone, Version};
use crate::rows::{self, Register};
use crate::state;

pub struct Exported {
    pub entries: u64,
    /// The rows the changeset changes.
    pub rows: Vec<(Entity, String)>,
}

/// Who is exporting: the identifiers and hooks the export needs.
pub struct Exporter<'a> {
    pub library: &'a Library,
    pub dir: &'a Path,
    pub device: &'a str,
    pub library_id: &'a str,
    pub now: i64,
    pub fail: &'a dyn Fn(&'static str) -> Result<()>,
}

impl Exporter<'_> {
    /// Writes one changeset with everything in the outbox, if there is anything.
    pub fn export(&self) -> Result<Option<Exported>> {
        let conn = self.library.connection();
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let outbox = read_outbox(&tx)?;
        let Some(upto) = outbox.iter().map(|row| row.n).max() else { return Ok(None) };
        let sent = state::load(&tx)?.sent_seq;
        let seq = sent + 1;
        rows::set_applying(&tx, true)?;
        let entries = self.version_entries(&tx, outbox)?;
        rows::set_applying(&tx, false)?;
        let header = Header {
            mizan_sync: file::FORMAT_VERSION,
            kind: "changes".into(),
            library: self.library_id.to_owned(),
            device: self.device.to_owned(),
            author: self.library.analyst().to_owned(),
            seq,
            count: 0,
            created_at: self.now,
            outbox_upto: upto,
            applied: BTreeMap::new(),
            body_sha256: String::new(),
        };
        let bytes = file::encode(header, &entries, &[]);
        let path = file::device_dir(self.dir, self.device).join(file::changes_name(seq));
        file::write_atomically(&path, &bytes, self.fail)?;
        (self.fail)("after-rename")?;
        tx.execute("DELETE FROM sync_outbox WHERE n <= ?1", [upto])?;
        state::set_sent(&tx, seq)?;
        tx.commit()?;
        let rows = entries
            .iter()
            .map(|e| (e.entity, e.id.clone()))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        Ok(Some(Exported { entries: entries.len() as u64, rows }))
    }

    /// Gives each outbox field its version: its edit time, or one past the version it
    /// replaced if that is later (a clock behind the team's must not make an edit lose to
    /// the value its author saw and replaced). Registers are updated as it goes.
    fn version_entries(&self, conn: &Connection, outbox: Vec<OutboxRow>) -> Result<Vec<Entry>> {
        // The last write of each field wins within one changeset.
        let mut latest: BTreeMap<(Entity, String, usize), OutboxRow> = BTreeMap::new();
        for row in outbox {
            let Some(entity) = Entity::parse(&row.entity) else { continue };
            let Some(index) = entity.fields().iter().position(|f| *f == row.field) else { continue };
            latest.insert((entity, row.row_id.clone(), index), row);
        }
        let mut entries = Vec::with_capacity(latest.len());
        let mut deletions = Vec::new();
        for ((entity, id, index), row) in latest {
            let field = entity.fields()[index];
            if field == "deleted" {
                deletions.push((entity, id, row));
                continue;
            }
            // Values come from our own triggers; one that does not parse is sent as null
            // rather than stopping every future sync.
            let value: Value = serde_json::from_str(&row.value).unwrap_or(Value::Null);
            let entry = self.register(conn, entity, &id, field, value, &row, None)?;
            entries.push(entry);
        }
        // Deletions last: what they have seen includes this changeset's other fields.
        for (entity, id, row) in deletions {
            let stamp: Value = serde_json::from_str(&row.value).unwrap_or(Value::Null);
            let deleted = match stamp.as_array().map(Vec::as_slice) {
                Some([at, by]) => at.as_i64().map(|at| (at, by.as_str().map(str::to_owned))),
                _ => None,
            };
            let context = if deleted.is_some() { rows::context(conn, entity, &id)? } else { BTreeMap::new() };
            let tomb = Tombstone { deleted, context };
            let entry = self.register(conn, entity, &id, "deleted", tomb.to_json(), &row, Some(tomb.to_json()))?;
            entries.push(entry);
        }
        Ok(entries)
    }

    #[allow(clippy::too_many_arguments)]
    fn register(
        &self,
        conn: &Connection,
        entity: Entity,
        id: &str,
        field: &'static str,
        value: Value,
        row: &OutboxRow,
        extra: Option<Value>,
    ) -> Result<Entry> {
        let current = rows::registers(conn, entity, id)?.remove(field);
        let base = current.map(|r| r.version);
        let ts = match &base {
            Some(b) => row.at.max(b.ts.saturating_add(1)),
            None => row.at,
        };
        let version = Version { ts, device: self.device.to_owned() };
        let register = Register { version: version.clone(), author: row.author.clone(), base: base.clone(), extra };
        rows::set_register(conn, entity, id, field, &register)?;
        Ok(Entry { entity, id: id.to_owned(), field, value, version, author: row.author.clone(), base })
    }
}

struct OutboxRow {
    n: i64,
    entity: String,
    row_id: String,
    field: String,
    value: String,
    at: i64,
    author: String,
}

fn read_outbox(conn: &Connection) -> rusqlite::Result<Vec<OutboxRow>> {
    let mut stmt =
        conn.prepare_cached("SELECT n, entity, row_id, field, value, at, author FROM sync_outbox ORDER BY n")?;
    let rows = stmt.query_map([], |r| {
        Ok(OutboxRow {
            n: r.get(0)?,
            entity: r.get(1)?,
            row_id: r.get(2)?,
            field: r.get(3)?,
            value: r.get(4)?,
            at: r.get(5)?,
            author: r.get(6)?,
        })
    })?;
    let mut out = Vec::new();
    for row in rows {
        let row = row?;
        if row.field != "*" {
            out.push(row);
            continue;
        }
        // An insert, captured as a marker (see the insert triggers): one entry per field
        // with a value, each as the JSON text the per-field update trigger would write.
        let sql = if row.entity == "excerpt" { INSERTED_EXCERPT } else { &*INSERTED_SOURCE };
        let fields: Option<String> = conn.prepare_cached(sql)?.query_row([&row.row_id], |r| r.get(0)).optional()?;
        let Some(Ok(Value::Object(fields))) = fields.map(|f| serde_json::from_str::<Value>(&f)) else { continue };
        for (field, value) in fields {
            out.push(OutboxRow {
                n: row.n,
                entity: row.entity.clone(),
                row_id: row.row_id.clone(),
                field,
                value: value.to_string(),
                at: row.at,
                author: row.author.clone(),
            });
        }
    }
    Ok(out)
}

/// Every field of a source that has a value, as a JSON object keyed by sync name;
/// json_patch drops the members that are null, as the update trigger skips unset fields.
static INSERTED_SOURCE: LazyLock<String> = LazyLock::new(|| {
    let mut members = vec![
        "'created', json_array(created_at, created_by)".to_owned(),
        "'modified', json_array(modified_at, modified_by)".to_owned(),
    ];
    // Names and columns come from the fixed table in mizan-source, never from a file.
    for field in SourceField::ALL {
        let (name, column) = (field.sync_name(), field.column());
        members.push(match field.kind() {
            FieldKind::People | FieldKind::Tags => {
                format!("'{name}', CASE WHEN {column} IS NOT '[]' THEN {column} END")
            }
            FieldKind::Grade => format!(
                "'{name}', json(CASE WHEN {column} IS NOT NULL THEN json_array({}) END)",
                field.columns().join(", ")
            ),
            _ => format!("'{name}', {column}"),
        });
    }
    members
        .push("'deleted', json(CASE WHEN deleted_at IS NOT NULL THEN json_array(deleted_at, deleted_by) END)".into());
    format!("SELECT json_patch('{{}}', json_object({})) FROM sources WHERE id = ?1", members.join(", "))
});

/// See [`INSERTED_SOURCE`].
const INSERTED_EXCERPT: &str = "SELECT json_patch('{}', json_object(
    'created', json_array(created_at, created_by),
    'modified', json_array(modified_at, modified_by),
    'source_id', source_id, 'position', position, 'text', text, 'locator', locator,
    'deleted', json(CASE WHEN deleted_at IS NOT NULL THEN json_array(deleted_at, deleted_by) END)))
    FROM excerpts WHERE id = ?1";

/// Finishes an export a crash interrupted between the rename and the commit: the folder
/// holds changeset `sent + 1` of this device, complete, which the library does not know
/// it wrote. Its versions are taken into the registers (values are already in the rows,
/// and edits made since are newer outbox rows), and the outbox rows it covered dropped.
pub fn recover(library: &Library, dir: &Path, device: &str, listed: &[u64]) -> Result<bool> {
    let conn = library.connection();
    let sent = state::load(conn)?.sent_seq;
    let Some(&last) = listed.last() else { return Ok(false) };
    if last <= sent {
        return Ok(false);
    }
    let path = file::device_dir(dir, device).join(file::changes_name(last));
    if last > sent + 1 {
        return Err(SyncError::OwnChangeset {
            path,
            reason: format!(
                "the folder holds changeset {last} of this device but the library only wrote {sent}; \
                 this library file is probably a copy of another laptop's library (give it its own \
                 device id with `reset_device`)"
            ),
        });
    }
    let loaded = file::read(&path, FileKind::Changes, device, last, None)
        .map_err(|p| SyncError::OwnChangeset { path: p.path, reason: p.reason })?;
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let max_outbox: i64 = tx.query_row("SELECT coalesce(max(n), 0) FROM sync_outbox", [], |r| r.get(0))?;
    if loaded.header.outbox_upto > max_outbox {
        return Err(SyncError::OwnChangeset {
            path,
            reason: "it covers local changes this library does not have; the library file is probably a copy of another laptop's library".into(),
        });
    }
    rows::set_applying(&tx, true)?;
    for entry in &loaded.entries {
        let register = Register {
            version: entry.version.clone(),
            author: entry.author.clone(),
            base: entry.base.clone(),
            extra: (entry.field == "deleted").then(|| entry.value.clone()),
        };
        rows::set_register(&tx, entry.entity, &entry.id, entry.field, &register)?;
    }
    rows::set_applying(&tx, false)?;
    tx.execute("DELETE FROM sync_outbox WHERE n <= ?1", [loaded.header.outbox_upto])?;
    state::set_sent(&tx, last)?;
    tx.commit()?;
    Ok(true)
}
