//! Reading and writing a source's row: the only place that knows how a field's value
//! becomes columns. Which columns, and in what order, comes from [`SourceField::ALL`].

use std::sync::LazyLock;

use mizan_source::{CitationKey, FieldKind, FieldValue, Grading, Person, Source, SourceField, Timestamp};
use rusqlite::Row;
use rusqlite::types::Value as Sql;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::error::{LibraryError, Result};
use crate::store::Stamp;

/// The columns [`read_source`] expects, in order, for `FROM sources s`: the id, then each
/// field's columns.
pub(crate) static SOURCE_COLUMNS: LazyLock<String> = LazyLock::new(|| select_list(&SourceField::ALL));

/// How many columns [`SOURCE_COLUMNS`] lists: a query's own columns come after them.
pub(crate) const SOURCE_COLUMN_COUNT: usize = 1 + SourceField::column_count(&SourceField::ALL);

/// `s.id, s.key, s.type, …`: the id and these fields' columns, for [`read_fields`].
pub(crate) fn select_list(fields: &[SourceField]) -> String {
    let columns = fields.iter().flat_map(|f| f.columns().iter());
    std::iter::once(&"id").chain(columns).map(|c| format!("s.{c}")).collect::<Vec<_>>().join(", ")
}

/// Reads a source row (without excerpts). A value Mizan cannot read is an error naming
/// the row and field, never a panic: libraries are shared and may be edited by hand.
pub(crate) fn read_source(row: &Row<'_>) -> Result<Source> {
    read_fields(row, &SourceField::ALL)
}

/// Reads the id and `fields` from a row selected by [`select_list`]`(fields)`; the other
/// fields keep [`Source::with_id`]'s defaults.
pub(crate) fn read_fields(row: &Row<'_>, fields: &[SourceField]) -> Result<Source> {
    let id_text: String = get(row, 0)?;
    let id = Uuid::parse_str(&id_text).map_err(|e| bad_row(&id_text, "id", &id_text, e.to_string()))?;
    let mut source = Source::with_id(id, CitationKey::sanitize(""), "");
    let mut index = 1;
    for &field in fields {
        let value = read_value(row, index, field, &id_text)?;
        source.set(field, value).map_err(|e| bad_row(&id_text, field.column(), "", e.reason))?;
        index += field.columns().len();
    }
    Ok(source)
}

fn bad_row(id: &str, field: &'static str, value: &str, reason: String) -> LibraryError {
    LibraryError::BadRow { id: id.to_owned(), field, value: value.to_owned(), reason }
}

/// One field's value from its columns, starting at `index`.
fn read_value(row: &Row<'_>, index: usize, field: SourceField, id: &str) -> Result<FieldValue> {
    let bad = |value: &str, reason: String| bad_row(id, field.column(), value, reason);
    let parse = |text: &str| field.parse_text(text).map_err(|e| bad(text, e.reason));
    Ok(match field.kind() {
        // Key, type and title are NOT NULL: reading them as plain strings keeps SQLite's
        // own error for a row that breaks that.
        FieldKind::Key | FieldKind::Type => parse(&get::<String>(row, index)?)?,
        FieldKind::Title => FieldValue::Text(Some(get(row, index)?)),
        FieldKind::Text => FieldValue::Text(get(row, index)?),
        FieldKind::Date => match get::<Option<String>>(row, index)? {
            Some(text) => parse(&text)?,
            None => FieldValue::Date(None),
        },
        FieldKind::DateDetail => match get::<Option<String>>(row, index)? {
            Some(text) => parse(&text)?,
            None => FieldValue::DateDetail(mizan_source::DateDetail::default()),
        },
        FieldKind::People => {
            let text: String = get(row, index)?;
            FieldValue::People(authors_from_json(&text).map_err(|reason| bad(&text, reason))?)
        }
        FieldKind::Tags => {
            let text: String = get(row, index)?;
            FieldValue::Tags(tags_from_json(&text).map_err(|reason| bad(&text, reason))?)
        }
        FieldKind::Grade => match get::<Option<String>>(row, index)? {
            Some(letter) => {
                let reliability = letter.parse().map_err(|e: mizan_source::GradeError| bad(&letter, e.to_string()))?;
                let graded_by: Option<String> = get(row, index + 1)?;
                let graded_at: Option<i64> = get(row, index + 2)?;
                FieldValue::Grade(Some(Grading {
                    reliability,
                    graded_by: graded_by.unwrap_or_default(),
                    graded_at: Timestamp(graded_at.unwrap_or(0)),
                }))
            }
            None => FieldValue::Grade(None),
        },
    })
}

/// The columns a write sets besides `id` and `key`, in the order of their parameters
/// (from `?3`): every field's but the key's, then the derived ones.
fn written_columns() -> impl Iterator<Item = &'static str> {
    SourceField::ALL.into_iter().filter(|f| *f != SourceField::Key).flat_map(|f| f.columns().iter().copied()).chain([
        "issued_year",
        "doi_norm",
        "url_norm",
        "title_norm",
    ])
}

/// How many parameters a write binds before the stamp (`id`, `key`, [`written_columns`]).
fn stamp_parameter() -> usize {
    2 + written_columns().count() + 1
}

/// Inserts a row: [`SourceRow::parameters`], with the stamp as creation and last change.
pub(crate) static INSERT_SOURCE: LazyLock<String> = LazyLock::new(|| {
    let columns: Vec<&str> = written_columns().collect();
    let values: Vec<String> = (1..=columns.len() + 2).map(|n| format!("?{n}")).collect();
    let (at, by) = (stamp_parameter(), stamp_parameter() + 1);
    format!(
        "INSERT INTO sources (id, key, {}, created_at, created_by, modified_at, modified_by)
         VALUES ({}, ?{at}, ?{by}, ?{at}, ?{by})",
        columns.join(", "),
        values.join(", ")
    )
});

/// Rewrites the row with id `?1`: [`SourceRow::parameters`], with the stamp as last change.
pub(crate) static UPDATE_SOURCE: LazyLock<String> = LazyLock::new(|| {
    let sets: Vec<String> = written_columns().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 3)).collect();
    let (at, by) = (stamp_parameter(), stamp_parameter() + 1);
    format!("UPDATE sources SET key = ?2, {}, modified_at = ?{at}, modified_by = ?{by} WHERE id = ?1", sets.join(", "))
});

/// What a source's row holds besides its id and key: each field's columns, encoded, and
/// the derived columns. Computed apart from the write so a bulk import can compute it on
/// another thread; the key is left out because an import may still rename it.
#[derive(Debug)]
pub(crate) struct SourceRow {
    /// The fields' columns in [`written_columns`] order.
    columns: Vec<Sql>,
    issued_year: Option<i32>,
    pub doi_norm: Option<String>,
    pub url_norm: Option<String>,
    pub title_norm: String,
}

impl SourceRow {
    pub(crate) fn of(source: &Source) -> Self {
        let mut columns = Vec::with_capacity(SOURCE_COLUMN_COUNT);
        for field in SourceField::ALL.into_iter().filter(|f| *f != SourceField::Key) {
            push_columns(source.value(field), &mut columns);
        }
        Self {
            columns,
            issued_year: source.issued.map(|d| d.year),
            doi_norm: source.normalized_doi(),
            url_norm: source.normalized_url(),
            title_norm: crate::store::title_key(&source.title),
        }
    }

    /// The parameters of [`INSERT_SOURCE`] and [`UPDATE_SOURCE`] for `source` (whose id
    /// and key are taken as they are now).
    pub(crate) fn parameters<'a>(
        &'a self,
        source: &'a Source,
        stamp: Stamp<'a>,
    ) -> impl Iterator<Item = rusqlite::types::ToSqlOutput<'a>> + 'a {
        use rusqlite::types::ToSqlOutput;
        let owned = |v: Sql| ToSqlOutput::Owned(v);
        let text = |t: Option<&'a String>| t.map_or(ToSqlOutput::Owned(Sql::Null), |t| ToSqlOutput::from(t.as_str()));
        let head = [owned(Sql::Text(source.id.to_string())), ToSqlOutput::from(source.key.as_str())];
        let derived = [
            owned(self.issued_year.map_or(Sql::Null, |y| Sql::Integer(y.into()))),
            text(self.doi_norm.as_ref()),
            text(self.url_norm.as_ref()),
            ToSqlOutput::from(self.title_norm.as_str()),
            owned(Sql::Integer(stamp.at.0)),
            ToSqlOutput::from(stamp.by),
        ];
        head.into_iter().chain(self.columns.iter().map(ToSqlOutput::from)).chain(derived)
    }
}

/// The date fields of a row read by [`read_source`] whose stored text is not how Mizan
/// writes their value now: `-044`, which earlier versions wrote for 45 BC and could not
/// read back, or digits typed in Arabic-Indic. They read; `library check --repair`
/// rewrites them.
pub(crate) fn misspelled_dates(row: &Row<'_>, source: &Source) -> Result<Vec<SourceField>> {
    let mut out = Vec::new();
    let mut index = 1;
    for field in SourceField::ALL {
        if matches!(field.kind(), FieldKind::Date | FieldKind::DateDetail) {
            let stored: Option<String> = get(row, index)?;
            let mut written = Vec::with_capacity(1);
            push_columns(source.value(field), &mut written);
            let same = match (stored, written.first()) {
                (Some(stored), Some(Sql::Text(text))) => stored == *text,
                (None, Some(Sql::Null)) => true,
                _ => false,
            };
            if !same {
                out.push(field);
            }
        }
        index += field.columns().len();
    }
    Ok(out)
}

/// A date field's column as Mizan writes it (see [`misspelled_dates`]).
pub(crate) fn date_column(source: &Source, field: SourceField) -> Sql {
    let mut written = Vec::with_capacity(1);
    push_columns(source.value(field), &mut written);
    written.pop().unwrap_or(Sql::Null)
}

/// A field's value as the columns [`read_value`] reads back.
fn push_columns(value: FieldValue, out: &mut Vec<Sql>) {
    let text = |t: Option<String>| t.map_or(Sql::Null, Sql::Text);
    match value {
        FieldValue::Key(key) => out.push(Sql::Text(key.as_str().to_owned())),
        FieldValue::Type(kind) => out.push(Sql::Text(kind.name().to_owned())),
        FieldValue::Text(t) => out.push(text(t)),
        FieldValue::Date(date) => out.push(text(date.map(|d| d.to_string()))),
        FieldValue::DateDetail(detail) => out.push(text((!detail.is_empty()).then(|| detail.to_text()))),
        FieldValue::People(people) => out.push(Sql::Text(authors_to_json(&people))),
        FieldValue::Tags(tags) => out.push(Sql::Text(tags_to_json(&tags))),
        FieldValue::Grade(Some(g)) => out.extend([
            Sql::Text(g.reliability.letter().to_string()),
            Sql::Text(g.graded_by),
            Sql::Integer(g.graded_at.0),
        ]),
        FieldValue::Grade(None) => out.extend([Sql::Null, Sql::Null, Sql::Null]),
    }
}

fn get<T: rusqlite::types::FromSql>(row: &Row<'_>, index: usize) -> Result<T> {
    row.get(index).map_err(|source| LibraryError::Sqlite { path: String::new(), source })
}

pub(crate) fn authors_to_json(authors: &[Person]) -> String {
    let list: Vec<Value> = authors
        .iter()
        .map(|person| match person {
            Person::Structured { given, family } => {
                let mut map = Map::new();
                map.insert("family".into(), json!(family));
                if let Some(given) = given {
                    map.insert("given".into(), json!(given));
                }
                Value::Object(map)
            }
            Person::Literal(name) => json!({ "literal": name }),
        })
        .collect();
    Value::Array(list).to_string()
}

pub(crate) fn authors_from_json(text: &str) -> Result<Vec<Person>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let Value::Array(items) = value else { return Err("expected a JSON array".into()) };
    items
        .iter()
        .map(|item| {
            let field = |name: &str| item.get(name).and_then(Value::as_str);
            match (field("literal"), field("family")) {
                (Some(literal), _) => Ok(Person::Literal(literal.to_owned())),
                (None, Some(family)) => {
                    Ok(Person::Structured { given: field("given").map(str::to_owned), family: family.to_owned() })
                }
                _ => Err(format!("author {item} has neither `family` nor `literal`")),
            }
        })
        .collect()
}

pub(crate) fn tags_to_json(tags: &[String]) -> String {
    Value::Array(tags.iter().map(|t| json!(t)).collect()).to_string()
}

pub(crate) fn tags_from_json(text: &str) -> Result<Vec<String>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let Value::Array(items) = value else { return Err("expected a JSON array".into()) };
    items.iter().map(|t| t.as_str().map(str::to_owned).ok_or_else(|| format!("tag {t} is not a string"))).collect()
}

#[cfg(test)]
mod tests {
    use mizan_source::{PartialDate, Reliability, SourceType};

    use super::*;
    use crate::test_support::{memory, source};

    /// A value of `field`'s kind that a new source does not have, different for each `n`.
    fn changed(field: SourceField, n: usize) -> FieldValue {
        match field.kind() {
            FieldKind::Key => FieldValue::Key(CitationKey::parse(&format!("renamed-{n}")).unwrap()),
            FieldKind::Type => FieldValue::Type(SourceType::ALL[n % 13]),
            FieldKind::Title | FieldKind::Text => FieldValue::Text(Some(format!("{field} {n} : حصار باماكو"))),
            FieldKind::Date => FieldValue::Date(Some(PartialDate::new(2000 + n as i32, Some(11), None).unwrap())),
            FieldKind::DateDetail => FieldValue::DateDetail(mizan_source::DateDetail {
                date: Some(PartialDate::new(-44 - n as i32, Some(3), None).unwrap()),
                end: PartialDate::new(-44, Some(4), None).ok(),
                literal: Some(format!("Idus Martiae {n}")),
                ..Default::default()
            }),
            FieldKind::People => FieldValue::People(vec![Person::structured("Aminata", &format!("Traoré {n}"))]),
            FieldKind::Tags => FieldValue::Tags(vec![format!("tag {n}"), "Mali".into()]),
            FieldKind::Grade => FieldValue::Grade(Some(Grading {
                reliability: Reliability::ALL[n % 6],
                graded_by: format!("Analyste {n}"),
                graded_at: Timestamp(n as i64),
            })),
        }
    }

    #[test]
    fn every_field_round_trips_through_storage() {
        let mut library = memory();
        for (n, field) in SourceField::ALL.into_iter().enumerate() {
            let mut s = source(&format!("k{n}"), &format!("Titre {n}"));
            s.set(field, changed(field, n)).unwrap();
            library.add(&s).unwrap();
            assert_eq!(library.get_by_id(s.id).unwrap().unwrap().source, s, "{field} on insert");
            s.set(field, changed(field, n + 100)).unwrap();
            library.update(&s).unwrap();
            assert_eq!(library.get_by_id(s.id).unwrap().unwrap().source, s, "{field} on update");
            assert_eq!(library.all().unwrap().into_iter().find(|a| a.id == s.id), Some(s), "{field} in all()");
        }
    }

    /// The capture trigger is SQL in a migration; this keeps it in step with the table.
    #[test]
    fn the_sync_trigger_logs_a_change_of_every_field() {
        let mut library = memory();
        let mut s = source("k", "Titre");
        library.add(&s).unwrap();
        for (n, field) in SourceField::ALL.into_iter().enumerate() {
            library.connection().execute("DELETE FROM sync_outbox", []).unwrap();
            s.set(field, changed(field, n)).unwrap();
            library.update(&s).unwrap();
            let mut stmt =
                library.connection().prepare("SELECT field FROM sync_outbox WHERE field <> 'modified'").unwrap();
            let logged: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
            assert_eq!(logged, [field.sync_name()], "{field}");
        }
    }

    #[test]
    fn generated_statements_name_every_column_once() {
        let insert: &str = &INSERT_SOURCE;
        for field in SourceField::ALL {
            for column in field.columns() {
                assert!(SOURCE_COLUMNS.contains(&format!("s.{column}")), "{column}");
                assert_eq!(insert.matches(&format!(" {column},")).count(), 1, "{column} in {insert}");
                assert!(UPDATE_SOURCE.contains(&format!(" {column} = ?")), "{column}");
            }
        }
        assert_eq!(SOURCE_COLUMNS.split(", ").count(), SOURCE_COLUMN_COUNT);
    }

    #[test]
    fn authors_round_trip_through_json() {
        let authors = vec![
            Person::structured("Morgane", "Le Cam"),
            Person::Structured { given: None, family: "Thiam".into() },
            Person::literal("مجموعة الأزمات الدولية"),
        ];
        assert_eq!(authors_from_json(&authors_to_json(&authors)).unwrap(), authors);
    }

    #[test]
    fn bad_json_is_reported_not_panicked() {
        assert!(authors_from_json("{").is_err());
        assert!(authors_from_json("[{\"given\": \"x\"}]").unwrap_err().contains("neither"));
        assert!(tags_from_json("[1]").unwrap_err().contains("not a string"));
    }
}
