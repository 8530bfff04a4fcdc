//! Reading and writing the synced fields of `sources` and `excerpts` rows, and the
//! version registers in `sync_versions`. The only place that knows how a field maps to
//! columns.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use mizan_source::{FieldKind, SourceField};
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use crate::model::{EXCERPT_FIELDS, Entity, Tombstone, Version};

/// A row's synced fields as JSON values, keyed by field name.
pub type Values = BTreeMap<&'static str, Value>;

/// One register's metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct Register {
    pub version: Version,
    pub author: String,
    pub base: Option<Version>,
    /// For `deleted`: the tombstone (its own value and context).
    pub extra: Option<Value>,
}

pub type Registers = BTreeMap<&'static str, Register>;

/// A source's synced columns (each field's, then the tombstone and stamps), by id.
static SOURCE_SELECT: LazyLock<String> = LazyLock::new(|| {
    let columns: Vec<&str> = SourceField::ALL.iter().flat_map(|f| f.columns().iter().copied()).collect();
    format!(
        "SELECT {}, deleted_at, deleted_by, created_at, created_by, modified_at, modified_by FROM sources WHERE id = ?1",
        columns.join(", ")
    )
});
const EXCERPT_SELECT: &str = "SELECT source_id, position, text, locator, deleted_at, deleted_by, created_at, created_by, modified_at, modified_by \
     FROM excerpts WHERE id = ?1";

/// How many columns the fields take in [`SOURCE_SELECT`]; the tombstone and stamps follow.
const SOURCE_FIELD_COLUMNS: usize = SourceField::column_count(&SourceField::ALL);

/// Writes a source's synced columns: `?1` the id, then [`SOURCE_SELECT`]'s field columns
/// from `?2`, then the creation and last-change stamps. A new row is pending deletion
/// (`deleted_at = -1`), an existing one is marked pending: see [`write`].
static SOURCE_UPDATE: LazyLock<String> = LazyLock::new(|| {
    let sets: Vec<String> = source_columns().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 2)).collect();
    let n = SOURCE_FIELD_COLUMNS + 2;
    format!(
        "UPDATE sources SET {}, created_at = ?{n}, created_by = ?{}, modified_at = ?{}, modified_by = ?{},
            deleted_at = coalesce(deleted_at, -1)
         WHERE id = ?1",
        sets.join(", "),
        n + 1,
        n + 2,
        n + 3
    )
});

/// See [`SOURCE_UPDATE`]; `title_norm` is derived, filled in when the row is settled.
static SOURCE_INSERT: LazyLock<String> = LazyLock::new(|| {
    let columns: Vec<&str> = source_columns().collect();
    let values: Vec<String> = (1..=SOURCE_FIELD_COLUMNS + 5).map(|n| format!("?{n}")).collect();
    format!(
        "INSERT INTO sources (id, {}, created_at, created_by, modified_at, modified_by, title_norm, deleted_at)
         VALUES ({}, '', -1)",
        columns.join(", "),
        values.join(", ")
    )
});

fn source_columns() -> impl Iterator<Item = &'static str> {
    SourceField::ALL.into_iter().flat_map(|f| f.columns().iter().copied())
}

fn text(v: Option<String>) -> Value {
    v.map_or(Value::Null, Value::String)
}

fn pair(at: Option<i64>, by: Option<String>) -> Value {
    match at {
        Some(at) => serde_json::json!([at, by]),
        None => Value::Null,
    }
}

/// The row's current values, or `None` if the library has no such row.
pub fn load(conn: &Connection, entity: Entity, id: &str) -> rusqlite::Result<Option<Values>> {
    match entity {
        Entity::Source => conn
            .prepare_cached(&SOURCE_SELECT)?
            .query_row([id], |row| {
                let mut values = Values::new();
                let mut i = 0;
                for field in SourceField::ALL {
                    let value = if field.kind() == FieldKind::Grade {
                        let grade: Option<String> = row.get(i)?;
                        match grade {
                            Some(letter) => serde_json::json!([
                                letter,
                                row.get::<_, Option<String>>(i + 1)?,
                                row.get::<_, Option<i64>>(i + 2)?
                            ]),
                            None => Value::Null,
                        }
                    } else {
                        text(row.get(i)?)
                    };
                    values.insert(field.sync_name(), value);
                    i += field.columns().len();
                }
                values.insert("deleted", pair(row.get(i)?, row.get(i + 1)?));
                values.insert("created", pair(row.get(i + 2)?, row.get(i + 3)?));
                values.insert("modified", pair(row.get(i + 4)?, row.get(i + 5)?));
                Ok(values)
            })
            .optional(),
        Entity::Excerpt => conn
            .prepare_cached(EXCERPT_SELECT)?
            .query_row([id], |row| {
                let mut values = Values::new();
                values.insert("source_id", text(row.get(0)?));
                values.insert("position", Value::from(row.get::<_, i64>(1)?));
                values.insert("text", text(row.get(2)?));
                values.insert("locator", text(row.get(3)?));
                values.insert("deleted", pair(row.get(4)?, row.get(5)?));
                values.insert("created", pair(row.get(6)?, row.get(7)?));
                values.insert("modified", pair(row.get(8)?, row.get(9)?));
                Ok(values)
            })
            .optional(),
    }
}

/// The values a row has before any field is set: what the library's defaults are.
pub fn empty(entity: Entity) -> Values {
    let mut values: Values = entity.fields().iter().map(|f| (*f, Value::Null)).collect();
    if entity == Entity::Source {
        for field in SourceField::ALL.into_iter().filter(|f| matches!(f.kind(), FieldKind::People | FieldKind::Tags)) {
            values.insert(field.sync_name(), Value::String("[]".into()));
        }
    }
    values
}

fn sql_text(value: Option<&Value>) -> Sql {
    match value {
        Some(Value::String(s)) => Sql::Text(s.clone()),
        Some(Value::Number(n)) => n.as_i64().map_or(Sql::Null, Sql::Integer),
        _ => Sql::Null,
    }
}

fn stamp_parts(value: Option<&Value>) -> (Sql, Sql) {
    match value.and_then(Value::as_array).map(Vec::as_slice) {
        Some([at, by]) => (at.as_i64().map_or(Sql::Null, Sql::Integer), sql_text(Some(by))),
        _ => (Sql::Null, Sql::Null),
    }
}

/// Writes a row's synced fields. A new row is written as pending deletion (`deleted_at =
/// -1`) and an existing live one is marked pending too: liveness and the citation key's
/// uniqueness are settled afterwards, row by row, by the caller.
pub fn write(
    conn: &Connection,
    entity: Entity,
    id: &str,
    values: &Values,
    exists: bool,
    now: i64,
) -> rusqlite::Result<()> {
    let (created_at, created_by) = stamp_parts(values.get("created"));
    let (created_at, created_by) = (
        if matches!(created_at, Sql::Null) { Sql::Integer(now) } else { created_at },
        if matches!(created_by, Sql::Null) { Sql::Text(String::new()) } else { created_by },
    );
    let (modified_at, modified_by) = stamp_parts(values.get("modified"));
    let modified_at = if matches!(modified_at, Sql::Null) { created_at.clone() } else { modified_at };
    let modified_by = if matches!(modified_by, Sql::Null) { created_by.clone() } else { modified_by };
    match entity {
        Entity::Source => {
            let mut args: Vec<Sql> = vec![Sql::Text(id.to_owned())];
            for field in SourceField::ALL {
                let value = values.get(field.sync_name());
                if field.kind() != FieldKind::Grade {
                    args.push(sql_text(value));
                    continue;
                }
                let (grade, graded_by, graded_at) = match value.and_then(Value::as_array).map(Vec::as_slice) {
                    Some([g, by, at]) => {
                        (sql_text(Some(g)), sql_text(Some(by)), at.as_i64().map_or(Sql::Null, Sql::Integer))
                    }
                    _ => (Sql::Null, Sql::Null, Sql::Null),
                };
                // The library requires graded_at whenever there is a grade.
                let graded_at = if matches!(grade, Sql::Null) {
                    Sql::Null
                } else if matches!(graded_at, Sql::Null) {
                    Sql::Integer(0)
                } else {
                    graded_at
                };
                args.extend([grade, graded_by, graded_at]);
            }
            args.extend([created_at, created_by, modified_at, modified_by]);
            let sql: &str = if exists { &SOURCE_UPDATE } else { &SOURCE_INSERT };
            conn.prepare_cached(sql)?.execute(rusqlite::params_from_iter(args))?;
        }
        Entity::Excerpt => {
            let args = vec![
                Sql::Text(id.to_owned()),
                sql_text(values.get("source_id")),
                sql_text(values.get("position")),
                sql_text(values.get("text")),
                sql_text(values.get("locator")),
                created_at,
                created_by,
                modified_at,
                modified_by,
            ];
            let sql = if exists {
                "UPDATE excerpts SET source_id = ?2, position = ?3, text = ?4, locator = ?5, created_at = ?6, created_by = ?7,
                    modified_at = ?8, modified_by = ?9
                 WHERE id = ?1"
            } else {
                "INSERT INTO excerpts (id, source_id, position, text, locator, created_at, created_by, modified_at,
                    modified_by, deleted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, -1)"
            };
            conn.prepare_cached(sql)?.execute(rusqlite::params_from_iter(args))?;
        }
    }
    Ok(())
}

/// Writes one field's value into its row (used when flipping a conflict). Stamps and
/// tombstones are not written this way.
pub fn write_field(conn: &Connection, entity: Entity, id: &str, field: &str, value: &Value) -> rusqlite::Result<usize> {
    // Column names come from the fixed tables (SourceField, Entity::fields), never from
    // a file.
    let (table, columns, args): (&str, &[&str], Vec<Sql>) = match entity {
        Entity::Source => {
            let Some(field) = SourceField::from_sync_name(field) else { return Ok(0) };
            let args = if field.kind() == FieldKind::Grade {
                match value.as_array().map(Vec::as_slice) {
                    Some([g, by, at]) => {
                        vec![sql_text(Some(g)), sql_text(Some(by)), at.as_i64().map_or(Sql::Integer(0), Sql::Integer)]
                    }
                    _ => vec![Sql::Null, Sql::Null, Sql::Null],
                }
            } else {
                vec![sql_text(Some(value))]
            };
            ("sources", field.columns(), args)
        }
        Entity::Excerpt => match EXCERPT_FIELDS.iter().position(|f| *f == field) {
            Some(i) if !matches!(field, "created" | "modified" | "deleted") => {
                ("excerpts", &EXCERPT_FIELDS[i..=i], vec![sql_text(Some(value))])
            }
            _ => return Ok(0),
        },
    };
    let sets: Vec<String> = columns.iter().enumerate().map(|(i, c)| format!("\"{c}\" = ?{}", i + 2)).collect();
    let sql = format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", "));
    let mut all = vec![Sql::Text(id.to_owned())];
    all.extend(args);
    conn.execute(&sql, rusqlite::params_from_iter(all))
}

/// The registers of one row.
pub fn registers(conn: &Connection, entity: Entity, id: &str) -> rusqlite::Result<Registers> {
    let mut stmt = conn.prepare_cached(
        "SELECT field, ts, device, author, base_ts, base_device, extra FROM sync_versions WHERE entity = ?1 AND row_id = ?2",
    )?;
    let mut rows = stmt.query(params![entity.name(), id])?;
    let mut out = Registers::new();
    while let Some(row) = rows.next()? {
        let field: String = row.get(0)?;
        // Registers are only ever written for known fields; anything else is ignored.
        let Some(field) = entity.field(&field) else { continue };
        let base = match (row.get::<_, Option<i64>>(4)?, row.get::<_, Option<String>>(5)?) {
            (Some(ts), Some(device)) => Some(Version { ts, device }),
            _ => None,
        };
        let extra: Option<String> = row.get(6)?;
        out.insert(
            field,
            Register {
                version: Version { ts: row.get(1)?, device: row.get(2)? },
                author: row.get(3)?,
                base,
                extra: extra.and_then(|e| serde_json::from_str(&e).ok()),
            },
        );
    }
    Ok(out)
}

pub fn set_register(
    conn: &Connection,
    entity: Entity,
    id: &str,
    field: &str,
    register: &Register,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_versions (entity, row_id, field, ts, device, author, base_ts, base_device, extra)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (entity, row_id, field) DO UPDATE SET ts = excluded.ts, device = excluded.device,
            author = excluded.author, base_ts = excluded.base_ts, base_device = excluded.base_device, extra = excluded.extra",
    )?
    .execute(params![
        entity.name(),
        id,
        field,
        register.version.ts,
        register.version.device,
        register.author,
        register.base.as_ref().map(|b| b.ts),
        register.base.as_ref().map(|b| b.device.as_str()),
        register.extra.as_ref().map(Value::to_string),
    ])?;
    Ok(())
}

/// The ids of a source's excerpts, deleted or not.
pub fn excerpt_ids(conn: &Connection, source_id: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM excerpts WHERE source_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([source_id], |r| r.get(0))?;
    rows.collect()
}

/// The versions a deletion of this row must have seen: every field of the row (and of
/// its excerpts, for a source) except the tombstones themselves.
pub fn context(conn: &Connection, entity: Entity, id: &str) -> rusqlite::Result<BTreeMap<String, Version>> {
    let mut out = BTreeMap::new();
    let mut add = |entity: Entity, id: &str| -> rusqlite::Result<()> {
        for (field, register) in registers(conn, entity, id)? {
            if field != "deleted" {
                out.insert(format!("{id}/{field}"), register.version);
            }
        }
        // Values of fields a newer Mizan added were seen too, though not applied here.
        for (field, version) in held_versions(conn, entity, id)? {
            let seen = out.entry(format!("{id}/{field}")).or_insert_with(|| version.clone());
            if version > *seen {
                *seen = version;
            }
        }
        Ok(())
    };
    add(entity, id)?;
    if entity == Entity::Source {
        for excerpt in excerpt_ids(conn, id)? {
            add(Entity::Excerpt, &excerpt)?;
        }
    }
    Ok(out)
}

/// The versions of a row's held entries (see [`crate::model::Held`]), by field.
fn held_versions(conn: &Connection, entity: Entity, id: &str) -> rusqlite::Result<Vec<(String, Version)>> {
    let mut stmt = conn.prepare_cached("SELECT field, ts, device FROM sync_held WHERE entity = ?1 AND row_id = ?2")?;
    let rows =
        stmt.query_map(params![entity.name(), id], |r| Ok((r.get(0)?, Version { ts: r.get(1)?, device: r.get(2)? })))?;
    rows.collect()
}

/// Keeps entries of fields this Mizan does not know, as they arrived (an entry already
/// kept is not kept twice).
pub fn hold(conn: &Connection, held: &[crate::model::Held]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO sync_held (entity, row_id, field, ts, device, entry) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for h in held {
        stmt.execute(params![h.entity, h.id, h.field, h.version.ts, h.version.device, h.json.to_string()])?;
    }
    Ok(())
}

/// Every held entry, as it arrived, with its key in `sync_held`.
pub fn held(conn: &Connection) -> rusqlite::Result<Vec<HeldRow>> {
    let mut stmt = conn.prepare("SELECT entity, row_id, field, ts, device, entry FROM sync_held")?;
    let rows = stmt.query_map([], |r| {
        Ok(HeldRow {
            key: (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
            entry: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or(Value::Null),
        })
    })?;
    rows.collect()
}

/// One row of `sync_held`.
#[derive(Debug)]
pub struct HeldRow {
    /// Its primary key: entity, row id, field, time, device.
    pub key: (String, String, String, i64, String),
    pub entry: Value,
}

pub fn forget_held(conn: &Connection, key: &(String, String, String, i64, String)) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "DELETE FROM sync_held WHERE entity = ?1 AND row_id = ?2 AND field = ?3 AND ts = ?4 AND device = ?5",
    )?
    .execute(params![key.0, key.1, key.2, key.3, key.4])?;
    Ok(())
}

/// The tombstone held in a `deleted` register, if the row has one.
pub fn tombstone(registers: &Registers) -> Option<(Tombstone, &Register)> {
    let register = registers.get("deleted")?;
    let tomb = Tombstone::from_json(register.extra.as_ref()?).ok()?;
    Some((tomb, register))
}

/// Turns sync bookkeeping's "applying" mode on or off: while on, the capture triggers do
/// not log writes (they come from other devices and are already in the folder).
pub fn set_applying(conn: &Connection, on: bool) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE sync_state SET applying = ?1 WHERE id = 1")?.execute([i64::from(on)])?;
    Ok(())
}
