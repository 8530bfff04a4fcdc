//! Reading and writing a source's row. The only place that knows column order.

use mizan_source::{CitationKey, Grading, PartialDate, Person, Reliability, Source, SourceType, Timestamp};
use rusqlite::Row;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::error::{LibraryError, Result};

/// The columns [`read_source`] expects, in order, for `FROM sources s`.
pub(crate) const SOURCE_COLUMNS: &str = "s.id, s.key, s.type, s.title, s.container_title, s.authors, s.publisher, \
     s.issued, s.url, s.doi, s.language, s.pages, s.accessed, s.notes, s.tags, s.grade, s.graded_by, s.graded_at";

/// Reads a source row (without excerpts). A value Mizan cannot read is an error naming
/// the row and field, never a panic: libraries are shared and may be edited by hand.
pub(crate) fn read_source(row: &Row<'_>) -> Result<Source> {
    let id_text: String = get(row, 0)?;
    let bad = |field: &'static str, value: &str, reason: String| LibraryError::BadRow {
        id: id_text.clone(),
        field,
        value: value.to_owned(),
        reason,
    };
    let id = Uuid::parse_str(&id_text).map_err(|e| bad("id", &id_text, e.to_string()))?;
    let key_text: String = get(row, 1)?;
    let key = CitationKey::parse(&key_text).map_err(|e| bad("key", &key_text, e.to_string()))?;
    let kind_text: String = get(row, 2)?;
    let kind: SourceType =
        kind_text.parse().map_err(|e: mizan_source::UnknownSourceType| bad("type", &kind_text, e.to_string()))?;
    let authors_text: String = get(row, 5)?;
    let authors = authors_from_json(&authors_text).map_err(|reason| bad("authors", &authors_text, reason))?;
    let tags_text: String = get(row, 14)?;
    let tags = tags_from_json(&tags_text).map_err(|reason| bad("tags", &tags_text, reason))?;
    let date = |index: usize, field: &'static str| -> Result<Option<PartialDate>> {
        let text: Option<String> = get(row, index)?;
        text.map(|t| PartialDate::parse(&t).map_err(|e| bad(field, &t, e.to_string()))).transpose()
    };
    let grade_text: Option<String> = get(row, 15)?;
    let grade = match grade_text {
        Some(letter) => {
            let reliability: Reliability =
                letter.parse().map_err(|e: mizan_source::GradeError| bad("grade", &letter, e.to_string()))?;
            let graded_by: Option<String> = get(row, 16)?;
            let graded_at: Option<i64> = get(row, 17)?;
            Some(Grading {
                reliability,
                graded_by: graded_by.unwrap_or_default(),
                graded_at: Timestamp(graded_at.unwrap_or(0)),
            })
        }
        None => None,
    };
    Ok(Source {
        id,
        key,
        kind,
        title: get(row, 3)?,
        container_title: get(row, 4)?,
        authors,
        publisher: get(row, 6)?,
        issued: date(7, "issued")?,
        url: get(row, 8)?,
        doi: get(row, 9)?,
        language: get(row, 10)?,
        pages: get(row, 11)?,
        accessed: date(12, "accessed")?,
        notes: get(row, 13)?,
        tags,
        grade,
        excerpts: Vec::new(),
    })
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
    use super::*;

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
