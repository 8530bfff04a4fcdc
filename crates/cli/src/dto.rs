//! What `--json` prints. The library's types are not `Serialize`: this boundary owns
//! the shape other tools rely on (documented in the README).

use mizan_library::{CitingClaim, SearchHit, SourceRecord, SourceSummary};
use mizan_source::{Person, Source};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum PersonDto {
    Structured {
        family: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        given: Option<String>,
    },
    Literal {
        literal: String,
    },
}

impl From<&Person> for PersonDto {
    fn from(person: &Person) -> Self {
        match person {
            Person::Structured { given, family } => Self::Structured { family: family.clone(), given: given.clone() },
            Person::Literal(name) => Self::Literal { literal: name.clone() },
        }
    }
}

/// One line of `sources search --json`.
#[derive(Debug, Serialize)]
pub struct HitDto {
    pub id: String,
    pub key: String,
    pub title: String,
    pub authors: Vec<PersonDto>,
    pub issued: Option<String>,
    pub language: Option<String>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub grade: Option<String>,
    pub container_title: Option<String>,
    pub tags: Vec<String>,
    pub score: f64,
}

impl From<&SearchHit> for HitDto {
    fn from(hit: &SearchHit) -> Self {
        let s: &SourceSummary = &hit.source;
        Self {
            id: s.id.to_string(),
            key: s.key.to_string(),
            title: s.title.clone(),
            authors: s.authors.iter().map(PersonDto::from).collect(),
            issued: s.issued.map(|d| d.to_string()),
            language: s.language.clone(),
            kind: s.kind.name(),
            grade: s.grade.map(|g| g.to_string()),
            container_title: s.container_title.clone(),
            tags: s.tags.clone(),
            score: (hit.score * 1000.0).round() / 1000.0,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ExcerptDto {
    pub id: String,
    pub text: String,
    pub locator: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct GradeDto {
    pub reliability: String,
    pub graded_by: String,
    pub graded_at: String,
}

/// `sources show --json`: every field, plus who made and changed the source.
#[derive(Debug, Serialize)]
pub struct SourceDto {
    pub id: String,
    pub key: String,
    pub title: String,
    pub authors: Vec<PersonDto>,
    pub issued: Option<String>,
    pub language: Option<String>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub grade: Option<String>,
    pub grading: Option<GradeDto>,
    pub container_title: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub doi: Option<String>,
    pub pages: Option<String>,
    pub accessed: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub excerpts: Vec<ExcerptDto>,
    pub created_at: String,
    pub created_by: String,
    pub modified_at: String,
    pub modified_by: String,
    /// The recorded claims of briefs that cite this source.
    pub cited_by: Vec<CitingDto>,
}

/// A claim that cites a source.
#[derive(Debug, Serialize)]
pub struct CitingDto {
    pub brief_id: String,
    pub brief_title: String,
    pub brief_path: Option<String>,
    pub claim_id: String,
    pub kind: &'static str,
    pub text: String,
    pub line: u32,
    pub locator: Option<String>,
    pub credibility: Option<u8>,
}

impl From<&CitingClaim> for CitingDto {
    fn from(c: &CitingClaim) -> Self {
        Self {
            brief_id: c.brief.id.to_string(),
            brief_title: c.brief.title.clone(),
            brief_path: c.brief.path.clone(),
            claim_id: c.claim_id.clone(),
            kind: c.kind.name(),
            text: c.text.clone(),
            line: c.line,
            locator: c.locator.clone(),
            credibility: c.credibility.map(|c| c.number()),
        }
    }
}

impl From<&SourceRecord> for SourceDto {
    fn from(record: &SourceRecord) -> Self {
        let s: &Source = &record.source;
        Self {
            id: s.id.to_string(),
            key: s.key.to_string(),
            title: s.title.clone(),
            authors: s.authors.iter().map(PersonDto::from).collect(),
            issued: s.issued.map(|d| d.to_string()),
            language: s.language.clone(),
            kind: s.kind.name(),
            grade: s.reliability().map(|g| g.to_string()),
            grading: s.grade.as_ref().map(|g| GradeDto {
                reliability: g.reliability.to_string(),
                graded_by: g.graded_by.clone(),
                graded_at: g.graded_at.to_string(),
            }),
            container_title: s.container_title.clone(),
            publisher: s.publisher.clone(),
            url: s.url.clone(),
            doi: s.doi.clone(),
            pages: s.pages.clone(),
            accessed: s.accessed.map(|d| d.to_string()),
            notes: s.notes.clone(),
            tags: s.tags.clone(),
            excerpts: s
                .excerpts
                .iter()
                .map(|e| ExcerptDto { id: e.id.to_string(), text: e.text.clone(), locator: e.locator.clone() })
                .collect(),
            created_at: record.created_at.to_string(),
            created_by: record.created_by.clone(),
            modified_at: record.modified_at.to_string(),
            modified_by: record.modified_by.clone(),
            cited_by: Vec::new(),
        }
    }
}
