//! Reading and writing the synced fields of `sources` and `excerpts` rows, and the
//! version registers in `sync_versions`. The only place that knows how a field maps to
//! columns.

use std::collections::BTreeMap;

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use crate::model::{Entity, Tombstone, Version};

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

const SOURCE_SELECT: &str = "SELECT key, type, title, container_title, authors, publisher, issued, url, doi, language, pages, \
     accessed, notes, tags, grade, graded_by, graded_at, deleted_at, deleted_by, created_at, created_by, modified_at, modified_by \
     FROM sources WHERE id = ?1";
const EXCERPT_SELECT: &str = "SELECT source_id, position, text, locator, deleted_at, deleted_by, created_at, created_by, modified_at, modified_by \
     FROM excerpts WHERE id = ?1";

/// The plain text columns of `sources`, in the order of [`SOURCE_SELECT`].
const SOURCE_TEXT: [&str; 14] = [
    "key",
    "type",
    "title",
    "container_title",
    "authors",
    "publisher",
    "issued",
    "url",
    "doi",
    "language",
    "pages",
    "accessed",
    "notes",
    "tags",
];

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
            .prepare_cached(SOURCE_SELECT)?
            .query_row([id], |row| {
                let mut values = Values::new();
                for (i, field) in SOURCE_TEXT.iter().enumerate() {
                    values.insert(field, text(row.get(i)?));
                }
                let grade: Option<String> = row.get(14)?;
                let grade = match grade {
                    Some(letter) => {
                        serde_json::json!([letter, row.get::<_, Option<String>>(15)?, row.get::<_, Option<i64>>(16)?])
                    }
                    None => Value::Null,
                };
                values.insert("grade", grade);
                values.insert("deleted", pair(row.get(17)?, row.get(18)?));
                values.insert("created", pair(row.get(19)?, row.get(20)?));
                values.insert("modified", pair(row.get(21)?, row.get(22)?));
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
        values.insert("authors", Value::String("[]".into()));
        values.insert("tags", Value::String("[]".into()));
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
            args.extend(SOURCE_TEXT.iter().map(|f| sql_text(values.get(f))));
            let (grade, graded_by, graded_at) = match values.get("grade").and_then(Value::as_array).map(Vec::as_slice) {
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
            args.extend([created_at, created_by, modified_at, modified_by]);
            let sql = if exists {
                "UPDATE sources SET key = ?2, type = ?3, title = ?4, container_title = ?5, authors = ?6, publisher = ?7,
                    issued = ?8, url = ?9, doi = ?10, language = ?11, pages = ?12, accessed = ?13, notes = ?14, tags = ?15,
                    grade = ?16, graded_by = ?17, graded_at = ?18, created_at = ?19, created_by = ?20,
                    modified_at = ?21, modified_by = ?22, deleted_at = coalesce(deleted_at, -1)
                 WHERE id = ?1"
            } else {
                "INSERT INTO sources (id, key, type, title, container_title, authors, publisher, issued, url, doi, language,
                    pages, accessed, notes, tags, grade, graded_by, graded_at, created_at, created_by, title_norm,
                    modified_at, modified_by, deleted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, '',
                    ?21, ?22, -1)"
            };
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

/// Writes one field's value into its row (used when flipping a conflict).
pub fn write_field(conn: &Connection, entity: Entity, id: &str, field: &str, value: &Value) -> rusqlite::Result<usize> {
    let table = match entity {
        Entity::Source => "sources",
        Entity::Excerpt => "excerpts",
    };
    let (sql, args): (String, Vec<Sql>) = match field {
        "grade" => {
            let parts = value.as_array().map(Vec::as_slice);
            let (g, by, at) = match parts {
                Some([g, by, at]) => {
                    (sql_text(Some(g)), sql_text(Some(by)), at.as_i64().map_or(Sql::Integer(0), Sql::Integer))
                }
                _ => (Sql::Null, Sql::Null, Sql::Null),
            };
            ("UPDATE sources SET grade = ?2, graded_by = ?3, graded_at = ?4 WHERE id = ?1".into(), vec![g, by, at])
        }
        "created" | "deleted" => return Ok(0),
        // The field name comes from Entity::fields(), never from a file.
        other => (format!("UPDATE {table} SET \"{other}\" = ?2 WHERE id = ?1"), vec![sql_text(Some(value))]),
    };
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
