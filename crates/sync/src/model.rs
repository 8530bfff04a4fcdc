//! What travels: entries (one field of one row, with its version), and the rules that
//! say which field values are acceptable. Every value coming from the folder passes
//! [`check_value`] before it can reach the library.
//!
//! A source's fields are [`SourceField::ALL`], under their sync names. An entry for a
//! field this Mizan does not know was written by a newer Mizan that added the field: it is
//! read as [`Held`], kept in `sync_held` as it arrived, and applied by the first sync
//! after an update that knows the field. (Mizan before `sync_held` refused such a file
//! whole, naming the unknown field, and waited for an update before taking any later
//! changeset of that device; nothing was lost, but that device's edits stalled.)

use std::cmp::Ordering;
use std::fmt;

use mizan_source::{FieldKind, Reliability, SourceField};
use serde_json::Value;
use uuid::Uuid;

/// The largest text value accepted in one field (1 MiB). A bigger one is refused with its
/// changeset: no analyst types that, and it keeps a hostile file from filling the disk.
pub const MAX_VALUE_BYTES: usize = 1 << 20;

/// The kinds of rows that travel. Briefs, claims and revisions stay local.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    Source,
    Excerpt,
}

impl Entity {
    pub fn name(self) -> &'static str {
        match self {
            Self::Source => "source",
            Self::Excerpt => "excerpt",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "source" => Some(Self::Source),
            "excerpt" => Some(Self::Excerpt),
            _ => None,
        }
    }

    /// The synced fields, in the order entries are written. `created` and `modified` hold
    /// the row's stamps (`[time, analyst]`); `deleted` is the tombstone register.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Self::Source => &SOURCE_FIELDS,
            Self::Excerpt => EXCERPT_FIELDS,
        }
    }

    /// The field name as a `'static` string, if it is one of this entity's fields.
    pub fn field(self, name: &str) -> Option<&'static str> {
        self.fields().iter().copied().find(|f| *f == name)
    }

    /// Fields a row cannot be created without.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Self::Source => &SOURCE_REQUIRED,
            Self::Excerpt => &["created", "source_id", "position", "text"],
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A source's synced fields: its creation and last-change stamps, every
/// [`SourceField`]'s sync name, and the tombstone.
pub const SOURCE_FIELDS: [&str; SourceField::ALL.len() + 3] = {
    let mut out = [""; SourceField::ALL.len() + 3];
    out[0] = "created";
    out[1] = "modified";
    let mut i = 0;
    while i < SourceField::ALL.len() {
        out[i + 2] = SourceField::ALL[i].sync_name();
        i += 1;
    }
    out[out.len() - 1] = "deleted";
    out
};

/// `created` and the fields whose kind always has a value (key, type, title).
const SOURCE_REQUIRED: [&str; 1 + required_count()] = {
    let mut out = [""; 1 + required_count()];
    out[0] = "created";
    let (mut i, mut n) = (0, 1);
    while i < SourceField::ALL.len() {
        if always_set(SourceField::ALL[i]) {
            out[n] = SourceField::ALL[i].sync_name();
            n += 1;
        }
        i += 1;
    }
    out
};

const fn always_set(field: SourceField) -> bool {
    matches!(field.kind(), FieldKind::Key | FieldKind::Type | FieldKind::Title)
}

const fn required_count() -> usize {
    let (mut i, mut n) = (0, 0);
    while i < SourceField::ALL.len() {
        if always_set(SourceField::ALL[i]) {
            n += 1;
        }
        i += 1;
    }
    n
}

pub const EXCERPT_FIELDS: &[&str] = &["created", "modified", "source_id", "position", "text", "locator", "deleted"];

/// A field version: the time of the write (milliseconds, bumped past the version it
/// replaced so a later edit always wins over what its author saw) and the device that
/// made it, which breaks ties. Versions are totally ordered; the greatest one wins.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Version {
    pub ts: i64,
    pub device: String,
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.ts.cmp(&other.ts).then_with(|| self.device.cmp(&other.device))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Version {
    pub fn to_json(&self) -> Value {
        Value::Array(vec![Value::from(self.ts), Value::from(self.device.clone())])
    }

    pub fn from_json(value: &Value) -> Result<Self, String> {
        match value.as_array().map(Vec::as_slice) {
            Some([ts, device]) => {
                let ts = ts.as_i64().ok_or("version time is not an integer")?;
                let device = device.as_str().ok_or("version device is not a string")?;
                check_device(device)?;
                Ok(Self { ts, device: device.to_owned() })
            }
            _ => Err("a version must be [time, device]".into()),
        }
    }
}

/// One field of one row as it travels.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub entity: Entity,
    pub id: String,
    pub field: &'static str,
    /// The field's value as JSON; for `deleted` an object `{value, context}` (see
    /// [`Tombstone`]).
    pub value: Value,
    pub version: Version,
    pub author: String,
    /// The version this write replaced on its author's device, if any.
    pub base: Option<Version>,
}

impl Entry {
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "t": self.entity.name(),
            "id": self.id,
            "f": self.field,
            "v": self.value,
            "ts": self.version.ts,
            "d": self.version.device,
            "a": self.author,
            "b": self.base.as_ref().map(Version::to_json),
        })
    }

    /// Reads and checks one entry of a field this Mizan knows. The error says which part
    /// is wrong.
    pub fn from_json(value: &Value) -> Result<Self, String> {
        match Incoming::from_json(value)? {
            Incoming::Known(entry) => Ok(entry),
            Incoming::Held(held) => Err(format!("unknown field `{}` for a {}", held.field, held.entity)),
        }
    }
}

/// An entry as a file holds it: one this Mizan applies, or one it holds (see the module
/// notes).
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    Known(Entry),
    Held(Held),
}

/// An entry of a field, or a kind of row, that a newer Mizan added. Everything but its
/// value is checked as for any entry (this Mizan cannot judge the value); it is kept as
/// it arrived, never written into the library's own tables.
#[derive(Clone, Debug, PartialEq)]
pub struct Held {
    pub entity: String,
    pub id: String,
    pub field: String,
    pub version: Version,
    /// The whole entry, as it arrived.
    pub json: Value,
}

impl Incoming {
    /// Reads and checks one entry. The error says which part is wrong.
    pub fn from_json(json: &Value) -> Result<Self, String> {
        let obj = json.as_object().ok_or("an entry must be a JSON object")?;
        for key in obj.keys() {
            if !["t", "id", "f", "v", "ts", "d", "a", "b"].contains(&key.as_str()) {
                return Err(format!("unknown member `{key}`"));
            }
        }
        let text = |key: &str| {
            obj.get(key).and_then(Value::as_str).ok_or_else(|| format!("`{key}` is missing or not a string"))
        };
        let entity_name = text("t")?;
        let id = text("id")?;
        let id = Uuid::parse_str(id).map_err(|e| format!("id {id:?} is not a UUID: {e}"))?.to_string();
        let field_name = text("f")?;
        let ts = obj.get("ts").and_then(Value::as_i64).ok_or("`ts` is missing or not an integer")?;
        let device = text("d")?;
        check_device(device)?;
        let author = text("a")?;
        if author.len() > 1000 {
            return Err("author name longer than 1000 bytes".into());
        }
        let base = match obj.get("b") {
            None | Some(Value::Null) => None,
            Some(b) => Some(Version::from_json(b).map_err(|e| format!("`b`: {e}"))?),
        };
        let value = obj.get("v").ok_or("`v` is missing")?;
        let version = Version { ts, device: device.to_owned() };
        let entity = Entity::parse(entity_name);
        let Some((entity, field)) = entity.and_then(|e| Some((e, e.field(field_name)?))) else {
            let unknown = if entity.is_some() {
                format!("unknown field `{field_name}` for a {entity_name}")
            } else {
                format!("unknown kind of row `{entity_name}`")
            };
            check_future_name(entity_name)
                .and_then(|()| check_future_name(field_name))
                .map_err(|e| format!("{unknown}: {e}"))?;
            let size = value.to_string().len();
            if size > MAX_VALUE_BYTES {
                return Err(format!("{unknown}: value is {size} bytes, more than the {MAX_VALUE_BYTES} accepted"));
            }
            let (entity, field) = (entity_name.to_owned(), field_name.to_owned());
            return Ok(Self::Held(Held { entity, id, field, version, json: json.clone() }));
        };
        check_value(entity, field, value).map_err(|e| format!("field `{field}`: {e}"))?;
        Ok(Self::Known(Entry { entity, id, field, value: value.clone(), version, author: author.to_owned(), base }))
    }
}

/// A name a newer Mizan could give a field or a kind of row: lowercase ASCII letters,
/// digits and `_`, starting with a letter, at most 64 bytes. Anything else is no field.
fn check_future_name(name: &str) -> Result<(), String> {
    let plain = name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if name.is_empty() || name.len() > 64 || !plain || !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err(format!("{name:?} is not a name a newer Mizan could have written"));
    }
    Ok(())
}

/// Device ids are UUIDs in practice; anything short and plain is accepted so ids stay
/// safe in file names and messages.
pub fn check_device(device: &str) -> Result<(), String> {
    if device.is_empty() || device.len() > 64 || !device.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("device id {device:?} is not a short run of letters, digits and `-`"));
    }
    Ok(())
}

/// A tombstone register's value: who deleted the row and when (or `None` for a row
/// restored), and the field versions the deleting device had seen. An edit whose version
/// is not among them was made without knowing of the deletion, so it keeps the row alive.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Tombstone {
    pub deleted: Option<(i64, Option<String>)>,
    /// `"<row id>/<field>"` → version.
    pub context: std::collections::BTreeMap<String, Version>,
}

impl Tombstone {
    pub fn to_json(&self) -> Value {
        let value = match &self.deleted {
            Some((at, by)) => serde_json::json!([at, by]),
            None => Value::Null,
        };
        let context: serde_json::Map<String, Value> =
            self.context.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
        serde_json::json!({ "value": value, "context": context })
    }

    pub fn from_json(value: &Value) -> Result<Self, String> {
        let obj = value.as_object().ok_or("a deletion must be an object {value, context}")?;
        let deleted = match obj.get("value") {
            None | Some(Value::Null) => None,
            Some(v) => Some(stamp(v)?),
        };
        let mut context = std::collections::BTreeMap::new();
        if let Some(map) = obj.get("context") {
            let map = map.as_object().ok_or("`context` must be an object")?;
            for (key, version) in map {
                if key.len() > 100 {
                    return Err("context key too long".into());
                }
                context.insert(key.clone(), Version::from_json(version)?);
            }
        }
        Ok(Self { deleted, context })
    }
}

/// `[time, name]` as in `created` and `deleted`.
fn stamp(value: &Value) -> Result<(i64, Option<String>), String> {
    match value.as_array().map(Vec::as_slice) {
        Some([at, by]) => {
            let at = at.as_i64().ok_or("time is not an integer")?;
            let by = match by {
                Value::Null => None,
                Value::String(s) if s.len() <= 1000 => Some(s.clone()),
                _ => return Err("name is not a string of at most 1000 bytes".into()),
            };
            Ok((at, by))
        }
        _ => Err("expected [time, name]".into()),
    }
}

/// Checks a field's value, so that what is written to the library is always something
/// the library can read back.
pub fn check_value(entity: Entity, field: &str, value: &Value) -> Result<(), String> {
    let text = || -> Result<&str, String> {
        let s = value.as_str().ok_or("expected a string")?;
        if s.len() > MAX_VALUE_BYTES {
            return Err(format!("value is {} bytes, more than the {MAX_VALUE_BYTES} accepted", s.len()));
        }
        Ok(s)
    };
    let optional_text =
        || -> Result<Option<&str>, String> { if value.is_null() { Ok(None) } else { text().map(Some) } };
    match (entity, field) {
        (_, "created" | "modified") => stamp(value).map(drop),
        (_, "deleted") => Tombstone::from_json(value).map(drop),
        (Entity::Source, name) => {
            let Some(field) = SourceField::from_sync_name(name) else { return Err(format!("unknown field `{name}`")) };
            let parsed = |text: &str| field.parse_text(text).map(drop).map_err(|e| e.reason);
            match field.kind() {
                FieldKind::Key | FieldKind::Type => parsed(text()?),
                FieldKind::Title => text().map(drop),
                FieldKind::Text => optional_text().map(drop),
                FieldKind::Date | FieldKind::DateDetail => optional_text()?.map_or(Ok(()), parsed),
                FieldKind::People => check_authors(text()?),
                FieldKind::Tags => check_tags(text()?),
                FieldKind::Grade => check_grade(value),
            }
        }
        (Entity::Excerpt, "source_id") => Uuid::parse_str(text()?).map(drop).map_err(|e| e.to_string()),
        (Entity::Excerpt, "position") => {
            let n = value.as_i64().ok_or("expected an integer")?;
            if !(0..=1_000_000).contains(&n) {
                return Err(format!("position {n} is out of range"));
            }
            Ok(())
        }
        (Entity::Excerpt, "text") => text().map(drop),
        (Entity::Excerpt, _) => optional_text().map(drop),
    }
}

/// `null` or `[letter, grader, time]`, as the library's three grade columns hold it.
fn check_grade(value: &Value) -> Result<(), String> {
    if value.is_null() {
        return Ok(());
    }
    match value.as_array().map(Vec::as_slice) {
        Some([letter, by, at]) => {
            letter.as_str().ok_or("grade letter is not a string")?.parse::<Reliability>().map_err(|e| e.to_string())?;
            if !(by.is_null() || by.as_str().is_some_and(|s| s.len() <= 1000)) {
                return Err("grader is not a string".into());
            }
            at.as_i64().ok_or("grading time is not an integer")?;
            Ok(())
        }
        _ => Err("expected null or [letter, grader, time]".into()),
    }
}

/// The library stores authors as a JSON array of `{family, given}` or `{literal}`.
fn check_authors(text: &str) -> Result<(), String> {
    let parsed: Value = serde_json::from_str(text).map_err(|e| format!("authors are not JSON: {e}"))?;
    let list = parsed.as_array().ok_or("authors must be a JSON array")?;
    for person in list {
        let name = |key: &str| person.get(key).map(|v| v.is_string());
        let ok = match (name("literal"), name("family")) {
            (Some(true), _) => true,
            (None, Some(true)) => name("given").is_none_or(|is_string| is_string),
            _ => false,
        };
        if !ok {
            return Err(format!("author {person} has neither a `literal` nor a `family` name"));
        }
    }
    Ok(())
}

fn check_tags(text: &str) -> Result<(), String> {
    let parsed: Value = serde_json::from_str(text).map_err(|e| format!("tags are not JSON: {e}"))?;
    let list = parsed.as_array().ok_or("tags must be a JSON array")?;
    if list.iter().all(Value::is_string) { Ok(()) } else { Err("every tag must be a string".into()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn versions_order_by_time_then_device() {
        let v = |ts, d: &str| Version { ts, device: d.into() };
        assert!(v(2, "a") > v(1, "z"));
        assert!(v(1, "b") > v(1, "a"));
    }

    #[test]
    fn entries_round_trip_and_refuse_what_the_library_could_not_read() {
        let entry = Entry {
            entity: Entity::Source,
            id: Uuid::new_v4().to_string(),
            field: "title",
            value: json!("الحصار المفروض على باماكو"),
            version: Version { ts: 5, device: "dev-a".into() },
            author: "Amina".into(),
            base: Some(Version { ts: 3, device: "dev-b".into() }),
        };
        assert_eq!(Entry::from_json(&entry.to_json()).unwrap(), entry);
        let bad = |field: &str, value: Value| {
            let mut j = entry.to_json();
            j["f"] = json!(field);
            j["v"] = value;
            Entry::from_json(&j).unwrap_err()
        };
        assert!(bad("key", json!("a b")).contains("key"));
        assert!(bad("type", json!("novel")).contains("type"));
        assert!(bad("issued", json!("2025-13")).contains("issued"));
        assert!(bad("issued_detail", json!("{\"end\":\"x\"}")).contains("issued_detail"));
        assert!(bad("authors", json!("[{\"given\":\"x\"}]")).contains("authors"));
        assert!(bad("tags", json!("[1]")).contains("tags"));
        assert!(bad("grade", json!(["G", null, 1])).contains("grade"));
        assert!(bad("title", json!("x".repeat(MAX_VALUE_BYTES + 1))).contains("bytes"));
        assert!(bad("sql", json!("x")).contains("unknown field"));
        assert!(bad("deleted", json!({"value": "yes"})).contains("deleted"));
        // Hostile text is only text.
        assert!(
            Entry::from_json(&{
                let mut j = entry.to_json();
                j["v"] = json!("'); DROP TABLE sources;--");
                j
            })
            .is_ok()
        );
        let mut j = entry.to_json();
        j["d"] = json!("../../etc");
        assert!(Entry::from_json(&j).unwrap_err().contains("device"));
    }
}
