//! Sources as they cross the app's IPC and `mizan … --json` (camelCase JSON, TypeScript
//! generated from these), and the one place where they are converted from and to the
//! model (`mizan-source`, `mizan-library`): a field of a source appears in this file and
//! nowhere else of the workspace. Re-exported by [`crate::dto`].

use std::fmt;
use std::str::FromStr;

use mizan_interchange::Format;
use mizan_library::{
    CitingClaim as LibraryCitingClaim, DuplicatePolicy as ModelDuplicatePolicy, SearchHit, SourceRecord,
};
use mizan_source::{PartialDate, Reliability, Source, SourceType as ModelSourceType};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::ClaimKind;
use crate::error::{Result, WorkspaceError};

mirror! {
    /// What kind of thing a source is; the names are the model's (`news-article`,
    /// `web-page`…).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
    #[serde(rename_all = "kebab-case")]
    pub enum SourceType mirrors ModelSourceType {
        Article,
        NewsArticle,
        Report,
        WebPage,
        Dataset,
        Book,
        Chapter,
        OfficialStatement,
        Interview,
        SocialMediaPost,
        Thesis,
        Legal,
        Broadcast,
        #[default]
        Other,
    }
}

/// The model's names and its leniency (`News_Article` reads as `news-article`).
impl FromStr for SourceType {
    type Err = mizan_source::UnknownSourceType;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse::<ModelSourceType>().map(Self::from)
    }
}

impl fmt::Display for SourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(ModelSourceType::from(*self).name())
    }
}

mirror! {
    /// A source's reliability on the Admiralty scale: A (completely reliable) … E
    /// (unreliable), F (cannot be judged).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
    pub enum Grade mirrors Reliability {
        A,
        B,
        C,
        D,
        E,
        F,
    }
}

/// The model's reading: a letter, either case.
impl FromStr for Grade {
    type Err = mizan_source::GradeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse::<Reliability>().map(Self::from)
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Reliability::from(*self))
    }
}

impl Grade {
    /// Every grade, A to F.
    pub const ALL: [Grade; 6] = [Self::A, Self::B, Self::C, Self::D, Self::E, Self::F];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum Person {
    Structured { family: String, given: Option<String> },
    Literal { literal: String },
}

impl From<&mizan_source::Person> for Person {
    fn from(person: &mizan_source::Person) -> Self {
        match person {
            mizan_source::Person::Structured { given, family } => {
                Self::Structured { family: family.clone(), given: given.clone() }
            }
            mizan_source::Person::Literal(name) => Self::Literal { literal: name.clone() },
        }
    }
}

impl Person {
    /// `Family, Given`, or a literal name such as an institution's (what the command
    /// line's `--author` takes).
    pub fn parse(text: &str) -> Self {
        Self::from(&mizan_source::Person::parse(text))
    }

    /// The name as a reader writes it: `Given Family`, or the literal name.
    pub fn display_name(&self) -> String {
        self.to_model().map(|p| p.display_name()).unwrap_or_default()
    }

    /// Trimmed; `None` for a name with nothing in it.
    fn to_model(&self) -> Option<mizan_source::Person> {
        match self {
            Self::Structured { family, given } => {
                let family = family.trim();
                let given = given.as_deref().map(str::trim).filter(|g| !g.is_empty());
                match (family.is_empty(), given) {
                    (true, None) => None,
                    (true, Some(given)) => Some(mizan_source::Person::literal(given)),
                    (false, Some(given)) => Some(mizan_source::Person::structured(given, family)),
                    (false, None) => Some(mizan_source::Person::Structured { given: None, family: family.to_owned() }),
                }
            }
            Self::Literal { literal } => {
                let literal = literal.trim();
                (!literal.is_empty()).then(|| mizan_source::Person::literal(literal))
            }
        }
    }
}

/// One search result.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceHit {
    pub id: String,
    pub key: String,
    pub title: String,
    pub authors: Vec<Person>,
    pub issued: Option<String>,
    pub language: Option<String>,
    pub kind: SourceType,
    pub grade: Option<Grade>,
    pub container_title: Option<String>,
    pub tags: Vec<String>,
    /// bm25 relevance rounded to 3 decimals, higher is better; 0 without query words.
    pub score: f64,
}

impl From<&SearchHit> for SourceHit {
    fn from(hit: &SearchHit) -> Self {
        let s = &hit.source;
        Self {
            id: s.id.to_string(),
            key: s.key.to_string(),
            title: s.title.clone(),
            authors: s.authors.iter().map(Person::from).collect(),
            issued: s.issued.map(|d| d.to_string()),
            language: s.language.clone(),
            kind: s.kind.into(),
            grade: s.grade.map(Grade::from),
            container_title: s.container_title.clone(),
            tags: s.tags.clone(),
            score: (hit.score * 1000.0).round() / 1000.0,
        }
    }
}

/// `years`: "2020..2025", "2020..", "..2024" or "2025". Empty `text` lists by last
/// change. `limit`: at most this many results (at least 1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    pub text: String,
    pub kinds: Vec<SourceType>,
    pub language: Option<String>,
    pub grades: Vec<Grade>,
    pub years: Option<String>,
    pub tag: Option<String>,
    pub limit: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Excerpt {
    pub id: String,
    pub text: String,
    pub locator: Option<String>,
}

impl From<&mizan_source::Excerpt> for Excerpt {
    fn from(e: &mizan_source::Excerpt) -> Self {
        Self { id: e.id.to_string(), text: e.text.clone(), locator: e.locator.clone() }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Grading {
    pub reliability: Grade,
    pub graded_by: String,
    pub graded_at: String,
}

/// A recorded claim of a brief that cites a source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CitingClaim {
    pub brief_id: String,
    pub brief_title: String,
    pub brief_path: Option<String>,
    pub claim_id: String,
    pub kind: ClaimKind,
    pub text: String,
    pub line: u32,
    pub locator: Option<String>,
    pub credibility: Option<u8>,
}

impl From<&LibraryCitingClaim> for CitingClaim {
    fn from(c: &LibraryCitingClaim) -> Self {
        Self {
            brief_id: c.brief.id.to_string(),
            brief_title: c.brief.title.clone(),
            brief_path: c.brief.path.clone(),
            claim_id: c.claim_id.clone(),
            kind: c.kind.into(),
            text: c.text.clone(),
            line: c.line,
            locator: c.locator.clone(),
            credibility: c.credibility.map(|c| c.number()),
        }
    }
}

/// A source with every field, who made and last changed it, and the claims citing it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceDetail {
    pub id: String,
    pub key: String,
    pub kind: SourceType,
    pub title: String,
    pub authors: Vec<Person>,
    pub issued: Option<String>,
    pub language: Option<String>,
    pub grade: Option<Grade>,
    pub grading: Option<Grading>,
    pub container_title: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub doi: Option<String>,
    pub pages: Option<String>,
    pub accessed: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub excerpts: Vec<Excerpt>,
    pub created_at: String,
    pub created_by: String,
    pub modified_at: String,
    pub modified_by: String,
    pub cited_by: Vec<CitingClaim>,
}

impl SourceDetail {
    pub(crate) fn new(record: &SourceRecord, citing: &[LibraryCitingClaim]) -> Self {
        let s: &Source = &record.source;
        Self {
            id: s.id.to_string(),
            key: s.key.to_string(),
            kind: s.kind.into(),
            title: s.title.clone(),
            authors: s.authors.iter().map(Person::from).collect(),
            issued: s.issued.map(|d| d.to_string()),
            language: s.language.clone(),
            grade: s.reliability().map(Grade::from),
            grading: s.grade.as_ref().map(|g| Grading {
                reliability: g.reliability.into(),
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
            excerpts: s.excerpts.iter().map(Excerpt::from).collect(),
            created_at: record.created_at.to_string(),
            created_by: record.created_by.clone(),
            modified_at: record.modified_at.to_string(),
            modified_by: record.modified_by.clone(),
            cited_by: citing.iter().map(CitingClaim::from).collect(),
        }
    }
}

/// A new or edited source: the form's fields, every one of them (an edit replaces them
/// all). `key` null on add: one is made from author, year and title; on edit: unchanged.
/// Dates: "2025", "2025-11", "2025-11-20". `grade` null on edit: unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceInput {
    pub key: Option<String>,
    pub kind: SourceType,
    pub title: String,
    pub authors: Vec<Person>,
    pub issued: Option<String>,
    pub language: Option<String>,
    pub container_title: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub doi: Option<String>,
    pub pages: Option<String>,
    pub accessed: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub grade: Option<Grade>,
}

/// The form filled with a source as it is: what an edit starts from.
impl From<&SourceDetail> for SourceInput {
    fn from(d: &SourceDetail) -> Self {
        Self {
            key: Some(d.key.clone()),
            kind: d.kind,
            title: d.title.clone(),
            authors: d.authors.clone(),
            issued: d.issued.clone(),
            language: d.language.clone(),
            container_title: d.container_title.clone(),
            publisher: d.publisher.clone(),
            url: d.url.clone(),
            doi: d.doi.clone(),
            pages: d.pages.clone(),
            accessed: d.accessed.clone(),
            notes: d.notes.clone(),
            tags: d.tags.clone(),
            grade: d.grade,
        }
    }
}

fn non_empty(value: Option<&str>) -> Option<String> {
    value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

fn date(field: &str, value: Option<&str>) -> Result<Option<PartialDate>> {
    match non_empty(value) {
        None => Ok(None),
        Some(text) => {
            PartialDate::parse(&text).map(Some).map_err(|e| WorkspaceError::invalid(field, format!("{field}: {e}")))
        }
    }
}

impl SourceInput {
    /// Fills `source` from the form, every field but the key and the grade (which the
    /// library sets apart: a key must be free, a grade is stamped with who gave it).
    /// Values are trimmed; an empty value is no value.
    pub(crate) fn apply(&self, source: &mut Source) -> Result<()> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(WorkspaceError::invalid("title", "title: a source needs a title"));
        }
        source.title = title.to_owned();
        source.kind = self.kind.into();
        source.authors = self.authors.iter().filter_map(Person::to_model).collect();
        source.issued = date("issued", self.issued.as_deref())?;
        source.accessed = date("accessed", self.accessed.as_deref())?;
        source.language = non_empty(self.language.as_deref());
        source.container_title = non_empty(self.container_title.as_deref());
        source.publisher = non_empty(self.publisher.as_deref());
        source.url = non_empty(self.url.as_deref());
        source.doi = non_empty(self.doi.as_deref());
        source.pages = non_empty(self.pages.as_deref());
        source.notes = non_empty(self.notes.as_deref());
        source.tags = self.tags.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
        Ok(())
    }

    /// The key the form asks for, checked; `None` when it leaves the key to the workspace.
    pub(crate) fn citation_key(&self) -> Result<Option<mizan_source::CitationKey>> {
        non_empty(self.key.as_deref())
            .map(|key| {
                mizan_source::CitationKey::parse(&key).map_err(|e| WorkspaceError::invalid("key", format!("key: {e}")))
            })
            .transpose()
    }
}

/// A source to add, and what to do if the library already holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AddSourceRequest {
    pub source: SourceInput,
    pub on_duplicate: DuplicatePolicy,
}

/// The source added, or (`duplicate` set, outcome merged) the one it was merged into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct AddedSource {
    pub source: SourceDetail,
    pub duplicate: Option<ImportDuplicate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateSourceRequest {
    pub key: String,
    pub source: SourceInput,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KeyRequest {
    pub key: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GradeRequest {
    pub key: String,
    pub reliability: Grade,
}

/// A quoted passage to add to a source; the same passage twice is one excerpt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddExcerptRequest {
    pub key: String,
    pub text: String,
    pub locator: Option<String>,
}

mirror! {
    /// What to do with an incoming source the library already holds (same id, DOI, URL,
    /// or title and year): leave it out, fill the existing one's empty fields, or add a
    /// copy.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
    #[serde(rename_all = "kebab-case")]
    pub enum DuplicatePolicy mirrors ModelDuplicatePolicy {
        #[default]
        Skip,
        Merge,
        KeepBoth,
    }
}

/// `skip`, `merge`, `keep-both`.
impl FromStr for DuplicatePolicy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ModelDuplicatePolicy::from_name(s.trim())
            .map(Self::from)
            .ok_or_else(|| format!("{s:?} is not a duplicate policy (expected skip, merge or keep-both)"))
    }
}

/// `format` null: from the file's extension, else its content. `skipInvalid`: import the
/// entries that can be read and list the others; false: a file with an unreadable entry
/// is refused whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRequest {
    pub on_duplicate: DuplicatePolicy,
    pub format: Option<SourceFormat>,
    pub skip_invalid: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum DuplicateOutcome {
    Skipped,
    Merged,
    KeptBoth,
}

/// `reason`: why they are the same source (`same DOI`, `same URL`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ImportDuplicate {
    pub incoming: String,
    pub existing: String,
    pub reason: String,
    pub outcome: DuplicateOutcome,
}

/// A source added under another key than the file gave it: that key was taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ImportRename {
    pub from: String,
    pub to: String,
}

/// An entry of the file that could not be read (the others were imported).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ImportRejected {
    pub entry: u32,
    pub line: Option<u32>,
    pub message: String,
}

/// What an import did. `renamed` counts `renames`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ImportSummary {
    pub path: String,
    pub read: u32,
    pub added: u32,
    pub skipped: u32,
    pub merged: u32,
    pub renamed: u32,
    pub duplicates: Vec<ImportDuplicate>,
    pub renames: Vec<ImportRename>,
    pub rejected: Vec<ImportRejected>,
}

/// Payload of the `import-progress` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

mirror! {
    /// A file format of sources.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
    #[serde(rename_all = "kebab-case")]
    pub enum SourceFormat mirrors Format {
        CslJson,
        Bibtex,
        Ris,
    }
}

/// `csl-json`, `bibtex`, `ris`, and the interchange crate's aliases (`biblatex`, `json`…).
impl FromStr for SourceFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::from_name(s)
            .map(Self::from)
            .ok_or_else(|| format!("{s:?} is not a format of sources (expected csl-json, bibtex or ris)"))
    }
}

impl fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(Format::from(*self).name())
    }
}

/// `format` null: from the file's extension, else CSL-JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportSourcesRequest {
    pub format: Option<SourceFormat>,
    /// Only these sources; null: all of them.
    pub keys: Option<Vec<String>>,
}

/// What an export of sources wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ExportedSources {
    pub path: String,
    pub format: SourceFormat,
    pub count: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name<T: Serialize>(value: T) -> String {
        serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }

    #[test]
    fn enum_names_are_the_model_s() {
        for kind in mizan_source::SourceType::ALL {
            let dto = SourceType::from(kind);
            assert_eq!(name(dto), kind.name());
            assert_eq!(dto.to_string(), kind.name());
            assert_eq!(mizan_source::SourceType::from(dto), kind);
            assert_eq!(kind.name().parse::<SourceType>().ok(), Some(dto));
        }
        for grade in mizan_source::Reliability::ALL {
            let dto = Grade::from(grade);
            assert_eq!(name(dto), grade.to_string());
            assert_eq!(grade.to_string().to_lowercase().parse::<Grade>().ok(), Some(dto));
        }
        assert_eq!(Grade::ALL.map(Reliability::from), Reliability::ALL);
        for format in [SourceFormat::CslJson, SourceFormat::Bibtex, SourceFormat::Ris] {
            assert_eq!(SourceFormat::from(Format::from(format)), format);
        }
        assert!("blog".parse::<SourceType>().is_err() && "G".parse::<Grade>().is_err());
    }

    #[test]
    fn a_detail_back_to_a_form_changes_nothing() {
        let mut source = Source::new(mizan_source::CitationKey::sanitize("diallo-2025"), "Le blocus de Bamako");
        source.authors = vec![mizan_source::Person::parse("Diallo, Amina"), mizan_source::Person::literal("RFI")];
        source.issued = PartialDate::parse("2025-11").ok();
        source.tags = vec!["Mali".into()];
        source.url = Some("https://www.rfi.fr/x".into());
        let record = SourceRecord {
            source: source.clone(),
            created_at: mizan_source::Timestamp(0),
            created_by: String::new(),
            modified_at: mizan_source::Timestamp(0),
            modified_by: String::new(),
            deleted_at: None,
        };
        let input = SourceInput::from(&SourceDetail::new(&record, &[]));
        let mut again = source.clone();
        input.apply(&mut again).expect("valid");
        assert_eq!(again, source);
        assert_eq!(Person::parse("Diallo, Amina").display_name(), "Amina Diallo");
    }
}
