//! Merging entries from other devices into the library.
//!
//! Every field is a last-writer-wins register: the entry with the greatest version wins,
//! whatever order entries arrive in, so all libraries that applied the same entries hold
//! the same values. A value replaced without its writer having seen it (the incoming
//! entry's base is not the version it replaces), or an incoming value that loses, goes to
//! the conflict log. Deletion is a register too, whose value records what its author had
//! seen: an edit the deleting device had not seen keeps the row alive.

use std::collections::{BTreeMap, BTreeSet};

use mizan_library::Library;
use mizan_source::{CitationKey, FieldKind, SourceField};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;
use uuid::Uuid;

use crate::error::Result;
use crate::model::{Entity, Entry, Version};
use crate::rows::{self, Register, Registers, Values};

/// Counts for the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ApplyStats {
    /// Entries read from other devices' files.
    pub received: u64,
    /// Entries that changed this library.
    pub applied: u64,
    /// New entries in the conflict log.
    pub conflicts: u64,
    /// Entries kept aside until the row they change arrives.
    pub parked: u64,
}

pub struct Applier<'a> {
    library: &'a Library,
    conn: &'a Connection,
    me: &'a str,
    analyst: &'a str,
    now: i64,
    pub stats: ApplyStats,
    touched_sources: BTreeSet<String>,
    touched_excerpts: BTreeSet<String>,
}

/// One side of a conflict as it is logged.
struct Side<'v> {
    value: &'v Value,
    version: &'v Version,
    author: &'v str,
}

impl<'a> Applier<'a> {
    pub fn new(library: &'a Library, me: &'a str, analyst: &'a str, now: i64) -> Self {
        Self {
            library,
            conn: library.connection(),
            me,
            analyst,
            now,
            stats: ApplyStats::default(),
            touched_sources: BTreeSet::new(),
            touched_excerpts: BTreeSet::new(),
        }
    }

    /// Merges a batch of entries (a changeset or a snapshot). Sources go before excerpts
    /// so an excerpt finds its source.
    pub fn apply(&mut self, entries: Vec<Entry>) -> Result<()> {
        self.stats.received += entries.len() as u64;
        let mut groups: BTreeMap<(Entity, String), Vec<Entry>> = BTreeMap::new();
        for entry in entries {
            groups.entry((entry.entity, entry.id.clone())).or_default().push(entry);
        }
        for ((entity, id), entries) in groups {
            self.merge_row(entity, &id, entries)?;
        }
        Ok(())
    }

    /// Marks rows to be settled by [`Applier::finish`] although no entry changed them
    /// here (this device's own edits made while applying, once they have versions).
    pub fn touch(&mut self, rows: &[(Entity, String)]) {
        for (entity, id) in rows {
            match entity {
                Entity::Source => self.touched_sources.insert(id.clone()),
                Entity::Excerpt => self.touched_excerpts.insert(id.clone()),
            };
        }
    }

    /// Retries parked entries whose rows can now be created, then settles every touched
    /// row: liveness, citation-key uniqueness, `modified_*`, derived columns, search index.
    pub fn finish(mut self) -> Result<ApplyStats> {
        loop {
            let waiting: Vec<(String, String)> = {
                let mut stmt = self
                    .conn
                    .prepare_cached("SELECT DISTINCT entity, row_id FROM sync_parked ORDER BY entity DESC, row_id")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let before = self.parked_count()?;
            for (entity, id) in &waiting {
                if let Some(entity) = Entity::parse(entity) {
                    self.merge_row(entity, id, Vec::new())?;
                }
            }
            if waiting.is_empty() || self.parked_count()? >= before {
                break;
            }
        }
        let mut sources = std::mem::take(&mut self.touched_sources);
        for excerpt in std::mem::take(&mut self.touched_excerpts) {
            if let Some(source) = self
                .conn
                .prepare_cached("SELECT source_id FROM excerpts WHERE id = ?1")?
                .query_row([&excerpt], |r| r.get::<_, String>(0))
                .optional()?
            {
                sources.insert(source);
            }
        }
        for source in &sources {
            self.settle_source(source)?;
        }
        Ok(self.stats)
    }

    fn parked_count(&self) -> Result<i64> {
        Ok(self.conn.prepare_cached("SELECT count(*) FROM sync_parked")?.query_row([], |r| r.get(0))?)
    }

    fn parked(&self, entity: Entity, id: &str) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare_cached("SELECT entry FROM sync_parked WHERE entity = ?1 AND row_id = ?2")?;
        let texts: Vec<String> =
            stmt.query_map(params![entity.name(), id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        // Parked entries were checked when they arrived; one that no longer reads is dropped.
        Ok(texts
            .iter()
            .filter_map(|t| serde_json::from_str(t).ok())
            .filter_map(|v: Value| Entry::from_json(&v).ok())
            .collect())
    }

    fn merge_row(&mut self, entity: Entity, id: &str, mut entries: Vec<Entry>) -> Result<()> {
        let parked = self.parked(entity, id)?;
        let current = rows::load(self.conn, entity, id)?;
        let exists = current.is_some();
        if !parked.is_empty() {
            let mut all = parked;
            all.append(&mut entries);
            entries = all;
        }
        let mut values = match current {
            Some(values) => values,
            None => {
                if !self.creatable(entity, &entries)? {
                    for entry in &entries {
                        self.conn
                            .prepare_cached(
                                "INSERT OR IGNORE INTO sync_parked (entity, row_id, field, ts, device, entry)
                                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            )?
                            .execute(params![
                                entity.name(),
                                id,
                                entry.field,
                                entry.version.ts,
                                entry.version.device,
                                entry.to_json().to_string()
                            ])?;
                    }
                    self.stats.parked += entries.len() as u64;
                    return Ok(());
                }
                rows::empty(entity)
            }
        };
        self.conn
            .prepare_cached("DELETE FROM sync_parked WHERE entity = ?1 AND row_id = ?2")?
            .execute(params![entity.name(), id])?;
        let mut registers = rows::registers(self.conn, entity, id)?;
        let mut changed: Vec<&'static str> = Vec::new();
        for entry in entries {
            if self.merge_entry(&mut values, &mut registers, &entry)? && !changed.contains(&entry.field) {
                changed.push(entry.field);
            }
        }
        if changed.is_empty() && exists {
            return Ok(());
        }
        rows::write(self.conn, entity, id, &values, exists, self.now)?;
        for field in changed {
            if let Some(register) = registers.get(field) {
                rows::set_register(self.conn, entity, id, field, register)?;
            }
        }
        match entity {
            Entity::Source => self.touched_sources.insert(id.to_owned()),
            Entity::Excerpt => self.touched_excerpts.insert(id.to_owned()),
        };
        Ok(())
    }

    /// A row can be created once its creation (and every required field) has arrived,
    /// and, for an excerpt, once its source exists.
    fn creatable(&self, entity: Entity, entries: &[Entry]) -> Result<bool> {
        if !entity.required().iter().all(|field| entries.iter().any(|e| e.field == *field)) {
            return Ok(false);
        }
        if entity == Entity::Excerpt {
            let source = entries.iter().filter(|e| e.field == "source_id").max_by(|a, b| a.version.cmp(&b.version));
            let Some(source) = source.and_then(|e| e.value.as_str()) else { return Ok(false) };
            let exists = self.conn.prepare_cached("SELECT 1 FROM sources WHERE id = ?1")?.exists([source])?;
            return Ok(exists);
        }
        Ok(true)
    }

    /// Merges one entry into a row's values and registers; true if it won.
    fn merge_entry(&mut self, values: &mut Values, registers: &mut Registers, entry: &Entry) -> Result<bool> {
        let current = registers.get(entry.field);
        if current.is_some_and(|r| r.version == entry.version) {
            return Ok(false);
        }
        let wins = current.is_none_or(|r| entry.version > r.version);
        let incoming = Side { value: &entry.value, version: &entry.version, author: &entry.author };
        if matches!(entry.field, "deleted" | "created" | "modified") {
            // Deletions settle later (they depend on every other field); creation stamps
            // are metadata, not something an analyst wrote.
            if !wins {
                return Ok(false);
            }
        } else {
            let value = values.get(entry.field).cloned().unwrap_or(Value::Null);
            match (current, wins) {
                (Some(current), true) if value != entry.value && entry.base.as_ref() != Some(&current.version) => {
                    let held = Side { value: &value, version: &current.version, author: &current.author };
                    self.log(entry.entity, &entry.id, entry.field, "field", &incoming, &held)?;
                }
                (None, true) if !is_default(entry.entity, entry.field, &value) && value != entry.value => {
                    // A value with no version: written here while this sync ran.
                    let unversioned = Version { ts: 0, device: self.me.to_owned() };
                    let held = Side { value: &value, version: &unversioned, author: self.analyst };
                    self.log(entry.entity, &entry.id, entry.field, "field", &incoming, &held)?;
                }
                (Some(current), false) if value != entry.value && current.base.as_ref() != Some(&entry.version) => {
                    let held = Side { value: &value, version: &current.version, author: &current.author };
                    self.log(entry.entity, &entry.id, entry.field, "field", &held, &incoming)?;
                }
                _ => {}
            }
            if !wins {
                return Ok(false);
            }
        }
        if entry.field != "deleted" {
            values.insert(entry.field, entry.value.clone());
        }
        registers.insert(
            entry.field,
            Register {
                version: entry.version.clone(),
                author: entry.author.clone(),
                base: entry.base.clone(),
                extra: (entry.field == "deleted").then(|| entry.value.clone()),
            },
        );
        self.stats.applied += 1;
        Ok(true)
    }

    fn log(
        &mut self,
        entity: Entity,
        id: &str,
        field: &str,
        kind: &str,
        kept: &Side<'_>,
        lost: &Side<'_>,
    ) -> Result<()> {
        let added = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO sync_conflicts (entity, row_id, field, kind, kept_value, kept_ts, kept_device,
                    kept_author, lost_value, lost_ts, lost_device, lost_author, detected_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                entity.name(),
                id,
                field,
                kind,
                kept.value.to_string(),
                kept.version.ts,
                kept.version.device,
                kept.author,
                lost.value.to_string(),
                lost.version.ts,
                lost.version.device,
                lost.author,
                self.now
            ])?;
        self.stats.conflicts += added as u64;
        Ok(())
    }

    /// Decides whether a source and its excerpts are live, makes its key unique among live
    /// sources, and refreshes what derives from its fields.
    fn settle_source(&mut self, id: &str) -> Result<()> {
        let Some(values) = rows::load(self.conn, Entity::Source, id)? else { return Ok(()) };
        let registers = rows::registers(self.conn, Entity::Source, id)?;
        let excerpts: Vec<(String, Registers)> = rows::excerpt_ids(self.conn, id)?
            .into_iter()
            .map(|e| rows::registers(self.conn, Entity::Excerpt, &e).map(|r| (e, r)))
            .collect::<rusqlite::Result<_>>()?;
        let others: Vec<(&str, &Registers)> = excerpts.iter().map(|(e, r)| (e.as_str(), r)).collect();
        let source_stamp = self.liveness(Entity::Source, id, &registers, &others)?;
        match &source_stamp {
            None => self.make_live(id, &values, &registers)?,
            Some((at, by)) => {
                self.conn
                    .prepare_cached("UPDATE sources SET deleted_at = ?2, deleted_by = ?3 WHERE id = ?1")?
                    .execute(params![id, at, by])?;
            }
        }
        for (excerpt, excerpt_registers) in &excerpts {
            let own = self.liveness(Entity::Excerpt, excerpt, excerpt_registers, &[])?;
            let stamp = own.or_else(|| source_stamp.clone());
            let (at, by) = match stamp {
                Some((at, by)) => (Some(at), by),
                None => (None, None),
            };
            self.conn
                .prepare_cached(
                    "UPDATE excerpts SET deleted_at = ?2, deleted_by = ?3
                     WHERE id = ?1 AND (deleted_at IS NOT ?2 OR deleted_by IS NOT ?3)",
                )?
                .execute(params![excerpt, at, by])?;
        }
        refresh_derived(self.library, id)
    }

    /// `None` if the row is live, else the deletion stamp to store. Logs a deletion that
    /// an unseen edit overrode.
    fn liveness(
        &mut self,
        entity: Entity,
        id: &str,
        registers: &Registers,
        others: &[(&str, &Registers)],
    ) -> Result<Option<(i64, Option<String>)>> {
        let Some((tomb, register)) = rows::tombstone(registers) else { return Ok(None) };
        let Some(stamp) = tomb.deleted.clone() else { return Ok(None) };
        let mut newest_unseen: Option<(&Version, &str)> = None;
        for (row, regs) in std::iter::once((id, registers)).chain(others.iter().copied()) {
            for (field, r) in regs.iter().filter(|(f, _)| **f != "deleted") {
                let seen = tomb.context.get(&format!("{row}/{field}")).is_some_and(|v| r.version <= *v);
                if !seen && newest_unseen.is_none_or(|(v, _)| r.version > *v) {
                    newest_unseen = Some((&r.version, &r.author));
                }
            }
        }
        let Some((version, author)) = newest_unseen else { return Ok(Some(stamp)) };
        let live = Value::Null;
        let deleted = serde_json::json!([stamp.0, stamp.1]);
        let kept = Side { value: &live, version, author };
        let lost = Side { value: &deleted, version: &register.version, author: &register.author };
        self.log(entity, id, "deleted", "delete", &kept, &lost)?;
        Ok(None)
    }

    /// Makes a source live under its key; if another live source has that key, the one
    /// whose key was set later (by version, then id) is renamed `key-<id prefix>`, the
    /// same on every device, and the rename goes out as this device's edit.
    fn make_live(&mut self, id: &str, values: &Values, registers: &Registers) -> Result<()> {
        let mut key = values.get("key").and_then(Value::as_str).unwrap_or_default().to_owned();
        let no_version = Register {
            version: Version { ts: 0, device: String::new() },
            author: String::new(),
            base: None,
            extra: None,
        };
        for _ in 0..8 {
            let other: Option<String> = self
                .conn
                .prepare_cached("SELECT id FROM sources WHERE key = ?1 AND deleted_at IS NULL AND id <> ?2")?
                .query_row(params![key, id], |r| r.get(0))
                .optional()?;
            let Some(other) = other else { break };
            let other_registers = rows::registers(self.conn, Entity::Source, &other)?;
            let mine = registers.get("key").unwrap_or(&no_version);
            let theirs = other_registers.get("key").unwrap_or(&no_version);
            let (loser, loser_register) = if (&mine.version, id) > (&theirs.version, other.as_str()) {
                (id.to_owned(), mine)
            } else {
                (other.clone(), theirs)
            };
            let renamed = self.free_key(&key, &loser)?;
            self.conn.prepare_cached("UPDATE sources SET key = ?2 WHERE id = ?1")?.execute(params![loser, renamed])?;
            self.conn
                .prepare_cached(
                    "INSERT INTO sync_outbox (entity, row_id, field, value, at, author) VALUES ('source', ?1, 'key', json_quote(?2), ?3, ?4)",
                )?
                .execute(params![loser, renamed, self.now, self.analyst])?;
            let old = Value::String(key.clone());
            let new = Value::String(renamed.clone());
            let now = Version { ts: self.now, device: self.me.to_owned() };
            let kept = Side { value: &new, version: &now, author: self.analyst };
            let lost = Side { value: &old, version: &loser_register.version, author: &loser_register.author };
            self.log(Entity::Source, &loser, "key", "key", &kept, &lost)?;
            if loser != other {
                key = renamed;
            }
        }
        self.conn
            .prepare_cached("UPDATE sources SET deleted_at = NULL, deleted_by = NULL WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    /// `key-<first hex digits of the id>`: the same on every device, and free here.
    fn free_key(&self, key: &str, id: &str) -> Result<String> {
        let hex: String = id.chars().filter(char::is_ascii_hexdigit).collect();
        let stem: String = key.chars().take(160).collect();
        let mut candidate = String::new();
        for len in [4, 8, 32] {
            candidate = CitationKey::sanitize(&format!("{stem}-{}", hex.get(..len).unwrap_or(&hex))).to_string();
            let taken = self
                .conn
                .prepare_cached("SELECT 1 FROM sources WHERE key = ?1 AND deleted_at IS NULL")?
                .exists([&candidate])?;
            if !taken {
                break;
            }
        }
        Ok(candidate)
    }
}

/// The value a row has before the field is set (see `rows::empty`).
fn is_default(entity: Entity, field: &str, value: &Value) -> bool {
    let list =
        || SourceField::from_sync_name(field).is_some_and(|f| matches!(f.kind(), FieldKind::People | FieldKind::Tags));
    value.is_null() || (entity == Entity::Source && value.as_str() == Some("[]") && list())
}

/// Recomputes a source's derived columns (pure functions of its fields) and its search
/// entry, as the library does on its own writes.
pub fn refresh_derived(library: &Library, id: &str) -> Result<()> {
    let Ok(uuid) = Uuid::parse_str(id) else { return Ok(()) };
    let Some(record) = library.get_by_id(uuid)? else { return Ok(()) };
    let source = &record.source;
    let folded = mizan_text::fold(&source.title);
    let title_norm = mizan_text::words(&folded).collect::<Vec<_>>().join(" ");
    library
        .connection()
        .prepare_cached(
            "UPDATE sources SET title_norm = ?2, doi_norm = ?3, url_norm = ?4, issued_year = ?5 WHERE id = ?1",
        )?
        .execute(params![
            id,
            title_norm,
            source.normalized_doi(),
            source.normalized_url(),
            source.issued.map(|d| d.year)
        ])?;
    library.reindex_source(uuid)?;
    Ok(())
}
