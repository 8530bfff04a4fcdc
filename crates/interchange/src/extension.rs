//! The Mizan extension: what CSL-JSON, BibTeX and RIS have no field for (our UUID, the
//! reliability grade, excerpts), plus the exact value of any field the format's native
//! form would alter (white space BibTeX collapses, a tag containing a comma, a literal
//! name BibTeX cannot tell from a family name…).
//!
//! Writers render a source natively, read that rendering back, and record under `exact`
//! only the fields that came back different; readers apply `exact` last. So an export
//! re-imports identically, while a file edited by another tool stays readable by it.
//! `exact` names each field by its [`SourceField::extension_name`] (`container-title`,
//! `translated-title`…); a name this Mizan does not know is left alone.

use mizan_source::{
    CitationKey, Excerpt, FieldKind, FieldValue, Grading, PartialDate, Person, Reliability, Source, SourceField,
    Timestamp,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// The extension record, stored as JSON (CSL `custom.mizan`, BibTeX `mizan-*` fields, RIS
/// `C8  - mizan:{…}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Extension {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<GradeRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excerpts: Vec<ExcerptRecord>,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub exact: Map<String, Value>,
}

/// A grade: the full record we write, or a bare letter in a hand-written file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum GradeRecord {
    Full {
        reliability: String,
        #[serde(default, rename = "graded-by")]
        graded_by: String,
        #[serde(default, rename = "graded-at")]
        graded_at: Option<Value>,
    },
    Letter(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ExcerptRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
}

impl Extension {
    /// What a source needs carried beyond the native fields (no `exact` yet).
    pub(crate) fn of(source: &Source) -> Self {
        Self {
            id: Some(source.id),
            grade: source.grade.as_ref().map(GradeRecord::of),
            excerpts: source
                .excerpts
                .iter()
                .map(|e| ExcerptRecord { id: Some(e.id), text: e.text.clone(), locator: e.locator.clone() })
                .collect(),
            exact: Map::new(),
        }
    }

    /// Reads the extension from its JSON text.
    pub(crate) fn parse(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("the Mizan extension is not valid: {e}"))
    }

    pub(crate) fn to_json(&self) -> String {
        // Serialising plain structs and a string-keyed map cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Sets the id, grade and excerpts, then the exact field values.
    pub(crate) fn apply(self, source: &mut Source, key: &mut Option<CitationKey>) -> Result<(), String> {
        if let Some(id) = self.id {
            source.id = id;
        }
        if let Some(grade) = self.grade {
            source.grade = Some(grade.to_grading()?);
        }
        if !self.excerpts.is_empty() {
            source.excerpts = self
                .excerpts
                .into_iter()
                .map(|e| Excerpt { id: e.id.unwrap_or_else(Uuid::new_v4), text: e.text, locator: e.locator })
                .collect();
        }
        apply_exact(source, key, &self.exact)
    }
}

impl GradeRecord {
    fn of(grading: &Grading) -> Self {
        Self::Full {
            reliability: grading.reliability.to_string(),
            graded_by: grading.graded_by.clone(),
            graded_at: Some(Value::String(grading.graded_at.to_string())),
        }
    }

    /// A grade without a time (a bare letter) is dated at the epoch: "unknown".
    fn to_grading(&self) -> Result<Grading, String> {
        let (letter, graded_by, graded_at) = match self {
            Self::Full { reliability, graded_by, graded_at } => (reliability, graded_by.clone(), graded_at.as_ref()),
            Self::Letter(letter) => (letter, String::new(), None),
        };
        let reliability: Reliability = letter.parse().map_err(|e| format!("{e}"))?;
        let graded_at = match graded_at {
            None | Some(Value::Null) => Timestamp(0),
            Some(Value::Number(n)) => {
                Timestamp(n.as_i64().ok_or_else(|| format!("graded-at {n} is not a time in milliseconds"))?)
            }
            Some(Value::String(s)) => parse_timestamp(s)?,
            Some(other) => return Err(format!("graded-at {other} is not a time")),
        };
        Ok(Grading { reliability, graded_by, graded_at })
    }
}

/// Reads `2025-11-20T09:30:00.250Z` (what [`Timestamp`]'s `Display` writes; seconds and
/// milliseconds optional) or a number of milliseconds.
pub(crate) fn parse_timestamp(text: &str) -> Result<Timestamp, String> {
    let bad = || format!("{text:?} is not a UTC time like 2025-11-20T09:30:00.000Z");
    let text = text.trim();
    if let Ok(ms) = text.parse::<i64>() {
        return Ok(Timestamp(ms));
    }
    let rest = text.strip_suffix('Z').or_else(|| text.strip_suffix("+00:00")).ok_or_else(bad)?;
    let (date, time) = rest.split_once('T').ok_or_else(bad)?;
    let date = PartialDate::parse(date).map_err(|_| bad())?;
    let (Some(month), Some(day)) = (date.month, date.day) else { return Err(bad()) };
    let (hms, millis) = match time.split_once('.') {
        Some((hms, frac)) if frac.len() == 3 && frac.bytes().all(|b| b.is_ascii_digit()) => {
            (hms, frac.parse::<i64>().map_err(|_| bad())?)
        }
        Some(_) => return Err(bad()),
        None => (time, 0),
    };
    let mut fields = hms.split(':');
    let mut next = |max: i64| -> Result<i64, String> {
        match fields.next() {
            None => Ok(0),
            Some(f) if f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit()) => {
                f.parse::<i64>().ok().filter(|v| *v <= max).ok_or_else(bad)
            }
            Some(_) => Err(bad()),
        }
    };
    let (h, m, s) = (next(23)?, next(59)?, next(59)?);
    if fields.next().is_some() {
        return Err(bad());
    }
    let days = mizan_source::days_from_civil(date.year, month, day);
    Ok(Timestamp(((days * 24 + h) * 60 + m) * 60_000 + s * 1000 + millis))
}

/// A field's value as `exact` records it (each field under its
/// [`SourceField::extension_name`]).
fn exact_value(value: FieldValue) -> Value {
    let text = |t: Option<String>| t.map_or(Value::Null, Value::String);
    match value {
        FieldValue::Key(key) => Value::String(key.as_str().to_owned()),
        FieldValue::Type(kind) => Value::String(kind.name().to_owned()),
        FieldValue::Text(t) => text(t),
        FieldValue::Date(date) => text(date.map(|d| d.to_string())),
        FieldValue::DateDetail(detail) => text((!detail.is_empty()).then(|| detail.to_text())),
        FieldValue::People(people) => Value::Array(
            people
                .into_iter()
                .map(|p| match p {
                    Person::Structured { given: Some(given), family } => json!({"family": family, "given": given}),
                    Person::Structured { given: None, family } => json!({"family": family}),
                    Person::Literal(name) => json!({"literal": name}),
                })
                .collect(),
        ),
        FieldValue::Tags(tags) => Value::Array(tags.into_iter().map(Value::String).collect()),
        FieldValue::Grade(grade) => {
            grade.as_ref().map_or(Value::Null, |g| serde_json::to_value(GradeRecord::of(g)).unwrap_or(Value::Null))
        }
    }
}

/// The fields of `original` that `reread` (the native rendering read back) does not give
/// back exactly. When the rendering could not be read back at all, every field.
pub(crate) fn exact_differences(original: &Source, reread: Option<&Source>) -> Map<String, Value> {
    let mut out = Map::new();
    for field in SourceField::ALL {
        let want = original.value(field);
        if reread.is_none_or(|r| r.value(field) != want) {
            out.insert(field.extension_name().to_owned(), exact_value(want));
        }
    }
    out
}

/// Overwrites the fields `exact` names with the values it holds; the key goes to `key`
/// (readers keep the file's key apart until keyless entries get one).
fn apply_exact(source: &mut Source, key: &mut Option<CitationKey>, exact: &Map<String, Value>) -> Result<(), String> {
    for (name, value) in exact {
        // A newer Mizan may carry more; what we do not know we leave alone.
        let Some(field) = SourceField::from_extension_name(name) else { continue };
        let wrong = |what: &str| format!("exact value of `{name}` must be {what}, found {value}");
        let text = || -> Result<Option<String>, String> {
            match value {
                Value::Null => Ok(None),
                Value::String(s) => Ok(Some(s.clone())),
                _ => Err(wrong("text or null")),
            }
        };
        let parse = |text: &str| field.parse_text(text).map_err(|e| e.reason);
        let parsed = match field.kind() {
            FieldKind::Key => {
                *key = match text()? {
                    None => None,
                    Some(s) => Some(CitationKey::parse(&s).map_err(|e| e.to_string())?),
                };
                continue;
            }
            FieldKind::Type => parse(&text()?.ok_or_else(|| wrong("a source type"))?)?,
            FieldKind::Title => FieldValue::Text(Some(text()?.ok_or_else(|| wrong("text"))?)),
            FieldKind::Text => FieldValue::Text(text()?),
            FieldKind::Date => match text()? {
                None => FieldValue::Date(None),
                Some(s) => parse(&s)?,
            },
            FieldKind::DateDetail => match text()? {
                None => FieldValue::DateDetail(mizan_source::DateDetail::default()),
                Some(s) => parse(&s)?,
            },
            FieldKind::People => FieldValue::People(exact_authors(value).ok_or_else(|| wrong("a list of names"))?),
            FieldKind::Tags => FieldValue::Tags(
                value
                    .as_array()
                    .and_then(|tags| tags.iter().map(|t| t.as_str().map(str::to_owned)).collect())
                    .ok_or_else(|| wrong("a list of texts"))?,
            ),
            FieldKind::Grade => FieldValue::Grade(match value {
                Value::Null => None,
                other => {
                    let record: GradeRecord =
                        serde_json::from_value(other.clone()).map_err(|_| wrong("a grade record"))?;
                    Some(record.to_grading()?)
                }
            }),
        };
        source.set(field, parsed).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn exact_authors(value: &Value) -> Option<Vec<Person>> {
    value
        .as_array()?
        .iter()
        .map(|name| {
            let name = name.as_object()?;
            let get = |k: &str| name.get(k).and_then(Value::as_str).map(str::to_owned);
            match (get("literal"), get("family")) {
                (Some(literal), None) => Some(Person::Literal(literal)),
                (None, Some(family)) => Some(Person::Structured { given: get("given"), family }),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip() {
        for ms in [0, 1_763_631_000_250, 951_782_400_000, -86_400_001, 1_000] {
            let ts = Timestamp(ms);
            assert_eq!(parse_timestamp(&ts.to_string()), Ok(ts), "{ts}");
        }
        assert_eq!(parse_timestamp("2025-11-20T09:30Z"), Ok(Timestamp(1_763_631_000_000)));
        assert_eq!(parse_timestamp("1763631000000"), Ok(Timestamp(1_763_631_000_000)));
        for bad in ["2025-11-20", "2025-11-20T25:00:00Z", "2025-11T09:00:00Z", "2025-11-20T09:30:00.5Z", "hier"] {
            assert!(parse_timestamp(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn exact_values_restore_every_field() {
        let mut original = Source::new(CitationKey::parse("k1").unwrap(), "  Titre  ");
        original.authors =
            vec![Person::literal("Crisis Group"), Person::Structured { given: None, family: "Thiam".into() }];
        original.tags = vec!["a, b".into(), "c".into()];
        original.notes = Some(String::new());
        original.issued = Some(PartialDate::parse("2025-11").unwrap());
        original.grade =
            Some(Grading { reliability: Reliability::C, graded_by: " x ".into(), graded_at: Timestamp(5) });
        let blank = Source::new(CitationKey::parse("other").unwrap(), "t");
        let exact = exact_differences(&original, Some(&blank));
        assert!(!exact.contains_key("url"), "equal fields are not carried");
        let mut restored = blank.clone();
        let mut key = None;
        apply_exact(&mut restored, &mut key, &exact).unwrap();
        restored.key = key.unwrap();
        restored.id = original.id;
        assert_eq!(restored, original);
    }

    #[test]
    fn bad_exact_values_are_reported() {
        let mut source = Source::new(CitationKey::parse("k").unwrap(), "t");
        let mut key = None;
        let exact: Map<String, Value> = serde_json::from_str(r#"{"issued": "2025-13"}"#).unwrap();
        assert!(apply_exact(&mut source, &mut key, &exact).unwrap_err().contains("2025-13"));
        let exact: Map<String, Value> = serde_json::from_str(r#"{"tags": "x"}"#).unwrap();
        assert!(apply_exact(&mut source, &mut key, &exact).unwrap_err().contains("`tags`"));
        let ext = Extension::parse(r#"{"grade": "G"}"#).unwrap();
        assert!(ext.apply(&mut source, &mut key).unwrap_err().contains("reliability"));
        assert!(Extension::parse(r#"{"id": "not-a-uuid"}"#).is_err());
    }

    #[test]
    fn a_bare_letter_is_a_grade() {
        let mut source = Source::new(CitationKey::parse("k").unwrap(), "t");
        Extension::parse(r#"{"grade": "b"}"#).unwrap().apply(&mut source, &mut None).unwrap();
        assert_eq!(
            source.grade,
            Some(Grading { reliability: Reliability::B, graded_by: String::new(), graded_at: Timestamp(0) })
        );
    }
}
