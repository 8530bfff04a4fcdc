//! The fields of a source, described once.
//!
//! Storage, search, sync and the interchange formats' extension slots iterate
//! [`SourceField::ALL`] and read each field's names and [`FieldKind`] here, instead of
//! listing fields themselves: a new field is one row of the table below plus what its
//! kind does not already cover. Every name is a `'static` string from this table, so code
//! that builds SQL from column names never builds it from anything else.

use std::fmt;

use crate::{CitationKey, DateDetail, Grading, PartialDate, Person, Source, SourceType};

/// One field of a [`Source`]. The source's id (its identity) and its excerpts (rows of
/// their own) are not fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceField {
    Key,
    Kind,
    Title,
    /// The title rendered in another language, as a French annex prints it in brackets
    /// after an Arabic title. In CSL-JSON it is the `translated-title` variable, in
    /// BibLaTeX `titleaddon`, in RIS `TT` (see each format's module notes).
    TranslatedTitle,
    ContainerTitle,
    Authors,
    Publisher,
    Issued,
    /// What the issued date says beyond its [`PartialDate`] (see [`DateDetail`]).
    IssuedDetail,
    Url,
    Doi,
    Language,
    Pages,
    Accessed,
    AccessedDetail,
    Notes,
    Tags,
    Grade,
}

/// What a field holds, which decides how each layer encodes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// The citation key (never empty).
    Key,
    /// The source type (never empty).
    Type,
    /// Text that is always there (the title; it may be blank).
    Title,
    /// Optional text.
    Text,
    /// An optional [`PartialDate`], stored and exchanged as `2025`, `2025-11`, `2025-11-20`.
    Date,
    /// A [`DateDetail`], stored and exchanged as its JSON text (none when empty).
    DateDetail,
    /// A list of [`Person`]s.
    People,
    /// A list of tags.
    Tags,
    /// An optional [`Grading`]: the letter, who graded and when (three columns).
    Grade,
}

/// A field's names in each layer.
struct Names {
    /// The model's name: the `Source` field's, snake_case.
    name: &'static str,
    /// The columns of the `sources` table, in order; only a grade has more than one.
    columns: &'static [&'static str],
    /// The field name in sync changesets.
    sync: &'static str,
    /// The name in the Mizan extension's `exact` record (CSL-JSON `custom.mizan`, BibTeX
    /// `mizan-exact`, RIS `C8  - mizan:`).
    extension: &'static str,
    kind: FieldKind,
}

const fn names(
    name: &'static str,
    columns: &'static [&'static str],
    sync: &'static str,
    extension: &'static str,
    kind: FieldKind,
) -> Names {
    Names { name, columns, sync, extension, kind }
}

impl SourceField {
    /// Every field, in the order storage lays out its columns, sync writes its entries and
    /// the extension lists exact values.
    pub const ALL: [SourceField; 18] = [
        Self::Key,
        Self::Kind,
        Self::Title,
        Self::TranslatedTitle,
        Self::ContainerTitle,
        Self::Authors,
        Self::Publisher,
        Self::Issued,
        Self::IssuedDetail,
        Self::Url,
        Self::Doi,
        Self::Language,
        Self::Pages,
        Self::Accessed,
        Self::AccessedDetail,
        Self::Notes,
        Self::Tags,
        Self::Grade,
    ];

    /// The table. The column and sync names are those of the first schema and the first
    /// sync format, which is why the source type is `type` there and `kind` elsewhere.
    const fn names(self) -> Names {
        use FieldKind as K;
        match self {
            Self::Key => names("key", &["key"], "key", "key", K::Key),
            Self::Kind => names("kind", &["type"], "type", "kind", K::Type),
            Self::Title => names("title", &["title"], "title", "title", K::Title),
            Self::TranslatedTitle => {
                names("translated_title", &["translated_title"], "translated_title", "translated-title", K::Text)
            }
            Self::ContainerTitle => {
                names("container_title", &["container_title"], "container_title", "container-title", K::Text)
            }
            Self::Authors => names("authors", &["authors"], "authors", "authors", K::People),
            Self::Publisher => names("publisher", &["publisher"], "publisher", "publisher", K::Text),
            Self::Issued => names("issued", &["issued"], "issued", "issued", K::Date),
            Self::IssuedDetail => {
                names("issued_detail", &["issued_detail"], "issued_detail", "issued-detail", K::DateDetail)
            }
            Self::Url => names("url", &["url"], "url", "url", K::Text),
            Self::Doi => names("doi", &["doi"], "doi", "doi", K::Text),
            Self::Language => names("language", &["language"], "language", "language", K::Text),
            Self::Pages => names("pages", &["pages"], "pages", "pages", K::Text),
            Self::Accessed => names("accessed", &["accessed"], "accessed", "accessed", K::Date),
            Self::AccessedDetail => {
                names("accessed_detail", &["accessed_detail"], "accessed_detail", "accessed-detail", K::DateDetail)
            }
            Self::Notes => names("notes", &["notes"], "notes", "notes", K::Text),
            Self::Tags => names("tags", &["tags"], "tags", "tags", K::Tags),
            Self::Grade => names("grade", &["grade", "graded_by", "graded_at"], "grade", "grade", K::Grade),
        }
    }

    /// The model's name (the `Source` field's): `translated_title`.
    pub const fn name(self) -> &'static str {
        self.names().name
    }

    /// The field's first (for all but the grade, only) column of the `sources` table.
    pub const fn column(self) -> &'static str {
        self.names().columns[0]
    }

    /// The field's columns of the `sources` table, in order.
    pub const fn columns(self) -> &'static [&'static str] {
        self.names().columns
    }

    /// The field's name in sync changesets.
    pub const fn sync_name(self) -> &'static str {
        self.names().sync
    }

    /// The field's name in the Mizan extension of the interchange formats.
    pub const fn extension_name(self) -> &'static str {
        self.names().extension
    }

    /// For a [`FieldKind::DateDetail`] field, the date field it describes.
    pub const fn described_date(self) -> Option<SourceField> {
        match self {
            Self::IssuedDetail => Some(Self::Issued),
            Self::AccessedDetail => Some(Self::Accessed),
            _ => None,
        }
    }

    pub const fn kind(self) -> FieldKind {
        self.names().kind
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    pub fn from_sync_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.sync_name() == name)
    }

    pub fn from_extension_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.extension_name() == name)
    }

    /// How many columns these fields take in the `sources` table.
    pub const fn column_count(fields: &[SourceField]) -> usize {
        let mut count = 0;
        let mut i = 0;
        while i < fields.len() {
            count += fields[i].columns().len();
            i += 1;
        }
        count
    }

    /// Reads the text form of a field whose kind has one (key, type, title, text, date,
    /// date detail),
    /// as storage, sync and the extension write it. Text is taken as it is, untrimmed.
    pub fn parse_text(self, text: &str) -> Result<FieldValue, FieldError> {
        let invalid = |reason: String| FieldError { field: self, reason };
        match self.kind() {
            FieldKind::Key => CitationKey::parse(text).map(FieldValue::Key).map_err(|e| invalid(e.to_string())),
            FieldKind::Type => {
                text.parse().map(FieldValue::Type).map_err(|e: crate::UnknownSourceType| invalid(e.to_string()))
            }
            FieldKind::Title | FieldKind::Text => Ok(FieldValue::Text(Some(text.to_owned()))),
            FieldKind::Date => {
                PartialDate::parse(text).map(|d| FieldValue::Date(Some(d))).map_err(|e| invalid(e.to_string()))
            }
            FieldKind::DateDetail => {
                DateDetail::parse(text).map(FieldValue::DateDetail).map_err(|e| invalid(e.to_string()))
            }
            FieldKind::People | FieldKind::Tags | FieldKind::Grade => {
                Err(invalid(format!("{self} is not written as one text")))
            }
        }
    }
}

impl fmt::Display for SourceField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A field's value, typed by its [`FieldKind`]. Title and optional text are both `Text`;
/// a title is never `Text(None)`.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Key(CitationKey),
    Type(SourceType),
    Text(Option<String>),
    Date(Option<PartialDate>),
    DateDetail(DateDetail),
    People(Vec<Person>),
    Tags(Vec<String>),
    Grade(Option<Grading>),
}

impl FieldValue {
    /// No value: absent text, date or grade, no people, no tags. A key, a type and a
    /// title always have one.
    pub fn is_empty(&self) -> bool {
        match self {
            Self::Key(_) | Self::Type(_) => false,
            Self::Text(text) => text.is_none(),
            Self::Date(date) => date.is_none(),
            Self::DateDetail(detail) => detail.is_empty(),
            Self::People(people) => people.is_empty(),
            Self::Tags(tags) => tags.is_empty(),
            Self::Grade(grade) => grade.is_none(),
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Self::Key(_) => "a citation key",
            Self::Type(_) => "a source type",
            Self::Text(Some(_)) => "text",
            Self::Text(None) => "no text",
            Self::Date(_) => "a date",
            Self::DateDetail(_) => "a date detail",
            Self::People(_) => "a list of people",
            Self::Tags(_) => "a list of tags",
            Self::Grade(_) => "a grade",
        }
    }
}

/// A value that does not fit a field, or text that does not read as one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct FieldError {
    pub field: SourceField,
    /// What is wrong, without the field's name.
    pub reason: String,
}

impl Source {
    /// A field's value (cloned).
    pub fn value(&self, field: SourceField) -> FieldValue {
        match field {
            SourceField::Key => FieldValue::Key(self.key.clone()),
            SourceField::Kind => FieldValue::Type(self.kind),
            SourceField::Title => FieldValue::Text(Some(self.title.clone())),
            SourceField::TranslatedTitle => FieldValue::Text(self.translated_title.clone()),
            SourceField::ContainerTitle => FieldValue::Text(self.container_title.clone()),
            SourceField::Authors => FieldValue::People(self.authors.clone()),
            SourceField::Publisher => FieldValue::Text(self.publisher.clone()),
            SourceField::Issued => FieldValue::Date(self.issued),
            SourceField::IssuedDetail => FieldValue::DateDetail(self.issued_detail.clone()),
            SourceField::Url => FieldValue::Text(self.url.clone()),
            SourceField::Doi => FieldValue::Text(self.doi.clone()),
            SourceField::Language => FieldValue::Text(self.language.clone()),
            SourceField::Pages => FieldValue::Text(self.pages.clone()),
            SourceField::Accessed => FieldValue::Date(self.accessed),
            SourceField::AccessedDetail => FieldValue::DateDetail(self.accessed_detail.clone()),
            SourceField::Notes => FieldValue::Text(self.notes.clone()),
            SourceField::Tags => FieldValue::Tags(self.tags.clone()),
            SourceField::Grade => FieldValue::Grade(self.grade.clone()),
        }
    }

    /// Sets a field; a value of another kind (or no title) is refused and changes nothing.
    pub fn set(&mut self, field: SourceField, value: FieldValue) -> Result<(), FieldError> {
        let wrong = |value: &FieldValue| FieldError {
            field,
            reason: format!("expected {:?} value, found {}", field.kind(), value.describe()),
        };
        let text = |slot: &mut Option<String>, value: FieldValue| match value {
            FieldValue::Text(text) => {
                *slot = text;
                Ok(())
            }
            other => Err(wrong(&other)),
        };
        let date = |slot: &mut Option<PartialDate>, value: FieldValue| match value {
            FieldValue::Date(date) => {
                *slot = date;
                Ok(())
            }
            other => Err(wrong(&other)),
        };
        match (field, value) {
            (SourceField::Key, FieldValue::Key(key)) => self.key = key,
            (SourceField::Kind, FieldValue::Type(kind)) => self.kind = kind,
            (SourceField::Title, FieldValue::Text(Some(title))) => self.title = title,
            (SourceField::TranslatedTitle, value) => text(&mut self.translated_title, value)?,
            (SourceField::ContainerTitle, value) => text(&mut self.container_title, value)?,
            (SourceField::Authors, FieldValue::People(people)) => self.authors = people,
            (SourceField::Publisher, value) => text(&mut self.publisher, value)?,
            (SourceField::Issued, value) => date(&mut self.issued, value)?,
            (SourceField::IssuedDetail, FieldValue::DateDetail(detail)) => self.issued_detail = detail,
            (SourceField::Url, value) => text(&mut self.url, value)?,
            (SourceField::Doi, value) => text(&mut self.doi, value)?,
            (SourceField::Language, value) => text(&mut self.language, value)?,
            (SourceField::Pages, value) => text(&mut self.pages, value)?,
            (SourceField::Accessed, value) => date(&mut self.accessed, value)?,
            (SourceField::AccessedDetail, FieldValue::DateDetail(detail)) => self.accessed_detail = detail,
            (SourceField::Notes, value) => text(&mut self.notes, value)?,
            (SourceField::Tags, FieldValue::Tags(tags)) => self.tags = tags,
            (SourceField::Grade, FieldValue::Grade(grade)) => self.grade = grade,
            (_, other) => return Err(wrong(&other)),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Reliability, Timestamp};

    /// A value of the right kind for each field, none of them empty or the default.
    fn sample(field: SourceField) -> FieldValue {
        match field.kind() {
            FieldKind::Key => FieldValue::Key(CitationKey::parse("rfi-2025").unwrap()),
            FieldKind::Type => FieldValue::Type(SourceType::Report),
            FieldKind::Title | FieldKind::Text => FieldValue::Text(Some(format!("{field} : حصار باماكو"))),
            FieldKind::Date => FieldValue::Date(Some(PartialDate::parse("2025-11").unwrap())),
            FieldKind::DateDetail => FieldValue::DateDetail(DateDetail::literal("printemps 2025")),
            FieldKind::People => FieldValue::People(vec![Person::structured("Aminata", "Traoré")]),
            FieldKind::Tags => FieldValue::Tags(vec!["Mali".into()]),
            FieldKind::Grade => FieldValue::Grade(Some(Grading {
                reliability: Reliability::B,
                graded_by: "Amina".into(),
                graded_at: Timestamp(5),
            })),
        }
    }

    #[test]
    fn every_field_is_set_and_read_back_alone() {
        for field in SourceField::ALL {
            let mut source = Source::new(CitationKey::parse("k").unwrap(), "t");
            let before = source.clone();
            source.set(field, sample(field)).unwrap();
            assert_eq!(source.value(field), sample(field), "{field}");
            for other in SourceField::ALL.into_iter().filter(|o| *o != field) {
                assert_eq!(source.value(other), before.value(other), "setting {field} changed {other}");
            }
        }
    }

    #[test]
    fn names_are_unique_in_every_layer_and_found_again() {
        let layers: [fn(SourceField) -> &'static str; 4] =
            [SourceField::name, SourceField::column, SourceField::sync_name, SourceField::extension_name];
        for names in layers {
            let mut all: Vec<&str> = SourceField::ALL.into_iter().map(names).collect();
            all.sort_unstable();
            all.dedup();
            assert_eq!(all.len(), SourceField::ALL.len());
        }
        for field in SourceField::ALL {
            assert_eq!(SourceField::from_name(field.name()), Some(field));
            assert_eq!(SourceField::from_sync_name(field.sync_name()), Some(field));
            assert_eq!(SourceField::from_extension_name(field.extension_name()), Some(field));
            // Column names are spliced into SQL: they must be plain identifiers.
            for column in field.columns() {
                assert!(column.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{column}");
            }
        }
        assert_eq!(SourceField::column_count(&SourceField::ALL), SourceField::ALL.len() + 2);
        for field in SourceField::ALL {
            let described = field.described_date().map(SourceField::kind);
            assert_eq!(described.is_some(), field.kind() == FieldKind::DateDetail, "{field}");
            assert!(described.is_none_or(|kind| kind == FieldKind::Date), "{field}");
        }
    }

    #[test]
    fn values_of_another_kind_are_refused() {
        let mut source = Source::new(CitationKey::parse("k").unwrap(), "t");
        let before = source.clone();
        let err = source.set(SourceField::Issued, FieldValue::Text(Some("2025".into()))).unwrap_err();
        assert_eq!(err.to_string(), "issued: expected Date value, found text");
        assert!(source.set(SourceField::Title, FieldValue::Text(None)).is_err(), "a title is required");
        assert!(source.set(SourceField::Grade, FieldValue::Tags(vec![])).is_err());
        assert_eq!(source, before);
    }

    #[test]
    fn text_forms_parse_by_kind() {
        assert_eq!(SourceField::Kind.parse_text("news-article"), Ok(FieldValue::Type(SourceType::NewsArticle)));
        assert_eq!(SourceField::Notes.parse_text("  x "), Ok(FieldValue::Text(Some("  x ".into()))));
        assert_eq!(SourceField::Accessed.parse_text("2025-13").unwrap_err().field, SourceField::Accessed);
        assert!(SourceField::Key.parse_text("a b").unwrap_err().reason.contains("citation key"));
        assert!(SourceField::Tags.parse_text("Mali").is_err());
        assert_eq!(
            SourceField::IssuedDetail.parse_text(r#"{"literal":"13th cent"}"#),
            Ok(FieldValue::DateDetail(DateDetail::literal("13th cent")))
        );
        assert_eq!(SourceField::AccessedDetail.parse_text("{").unwrap_err().field, SourceField::AccessedDetail);
    }
}
