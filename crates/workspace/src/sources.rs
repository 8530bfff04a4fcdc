//! Sources: search, read, add, edit, grade, excerpts, remove, import and export.

use std::path::Path;

use mizan_interchange::Format;
use mizan_library::{
    CitingClaim as LibCiting, ImportOutcome, Library, SearchHit, SearchQuery, SourceRecord, YearRange,
};
use mizan_source::{CitationKey, PartialDate, Reliability, Source, SourceType};

use crate::dto::{
    CitingClaim, DuplicateOutcome, DuplicatePolicy, Excerpt, Grading, ImportDuplicate, ImportRejected, ImportSummary,
    Person, SearchRequest, SourceDetail, SourceFormat, SourceHit, SourceInput,
};
use crate::error::{ErrorCode, Result, WorkspaceError};
use crate::paths::write_atomically;

/// Sources imported per transaction, so the UI can show progress.
const IMPORT_CHUNK: usize = 500;

/// Search results are capped: a result list is for reading, not for bulk export.
const MAX_LIMIT: u32 = 500;

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
            kind: s.kind.name().to_owned(),
            grade: s.grade.map(|g| g.to_string()),
            container_title: s.container_title.clone(),
            tags: s.tags.clone(),
            score: (hit.score * 1000.0).round() / 1000.0,
        }
    }
}

impl From<&LibCiting> for CitingClaim {
    fn from(c: &LibCiting) -> Self {
        Self {
            brief_id: c.brief.id.to_string(),
            brief_title: c.brief.title.clone(),
            brief_path: c.brief.path.clone(),
            claim_id: c.claim_id.clone(),
            kind: c.kind.name().to_owned(),
            text: c.text.clone(),
            line: c.line,
            locator: c.locator.clone(),
            credibility: c.credibility.map(|c| c.number()),
        }
    }
}

impl SourceDetail {
    fn new(record: &SourceRecord, citing: &[LibCiting]) -> Self {
        let s: &Source = &record.source;
        Self {
            id: s.id.to_string(),
            key: s.key.to_string(),
            kind: s.kind.name().to_owned(),
            title: s.title.clone(),
            authors: s.authors.iter().map(Person::from).collect(),
            issued: s.issued.map(|d| d.to_string()),
            language: s.language.clone(),
            grade: s.reliability().map(|g| g.to_string()),
            grading: s.grade.as_ref().map(|g| Grading {
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
            excerpts: s.excerpts.iter().map(excerpt).collect(),
            created_at: record.created_at.to_string(),
            created_by: record.created_by.clone(),
            modified_at: record.modified_at.to_string(),
            modified_by: record.modified_by.clone(),
            cited_by: citing.iter().map(CitingClaim::from).collect(),
        }
    }
}

fn excerpt(e: &mizan_source::Excerpt) -> Excerpt {
    Excerpt { id: e.id.to_string(), text: e.text.clone(), locator: e.locator.clone() }
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

fn reliability(field: &str, value: &str) -> Result<Reliability> {
    value.trim().parse().map_err(|e: mizan_source::GradeError| WorkspaceError::invalid(field, format!("{field}: {e}")))
}

/// A search request as the library's query; every field checked.
pub fn query(request: &SearchRequest) -> Result<SearchQuery> {
    let kinds = request
        .kinds
        .iter()
        .map(|k| k.parse::<SourceType>().map_err(|e| WorkspaceError::invalid("kinds", format!("kinds: {e}"))))
        .collect::<Result<Vec<_>>>()?;
    let grades = request.grades.iter().map(|g| reliability("grades", g)).collect::<Result<Vec<_>>>()?;
    let years = match non_empty(request.years.as_deref()) {
        None => None,
        Some(text) => Some(YearRange::parse(&text).ok_or_else(|| {
            WorkspaceError::invalid(
                "years",
                format!("years: {text:?} is not a year range (2025, 2020..2024, 2023.. or ..2020)"),
            )
        })?),
    };
    Ok(SearchQuery {
        text: request.text.clone(),
        kinds,
        language: non_empty(request.language.as_deref()),
        grades,
        years,
        tag: non_empty(request.tag.as_deref()),
        limit: request.limit.clamp(1, MAX_LIMIT) as usize,
    })
}

pub fn search(library: &Library, request: &SearchRequest) -> Result<Vec<SourceHit>> {
    Ok(library.search(&query(request)?)?.iter().map(SourceHit::from).collect())
}

fn record(library: &Library, key: &str) -> Result<SourceRecord> {
    library.get(key)?.ok_or_else(|| WorkspaceError::not_found(format!("no source with key `{key}`")).with_field("key"))
}

pub fn detail(library: &Library, key: &str) -> Result<SourceDetail> {
    let record = record(library, key)?;
    let citing = library.claims_citing(record.source.id)?;
    Ok(SourceDetail::new(&record, &citing))
}

/// Fills `source` from the form. Every field is replaced: the form shows them all.
fn apply(input: &SourceInput, source: &mut Source) -> Result<()> {
    let title = input.title.trim();
    if title.is_empty() {
        return Err(WorkspaceError::invalid("title", "title: a source needs a title"));
    }
    source.title = title.to_owned();
    source.kind = input
        .kind
        .trim()
        .parse()
        .map_err(|e: mizan_source::UnknownSourceType| WorkspaceError::invalid("kind", format!("kind: {e}")))?;
    source.authors = input.authors.iter().filter_map(Person::to_model).collect();
    source.issued = date("issued", input.issued.as_deref())?;
    source.accessed = date("accessed", input.accessed.as_deref())?;
    source.language = non_empty(input.language.as_deref());
    source.container_title = non_empty(input.container_title.as_deref());
    source.publisher = non_empty(input.publisher.as_deref());
    source.url = non_empty(input.url.as_deref());
    source.doi = non_empty(input.doi.as_deref());
    source.pages = non_empty(input.pages.as_deref());
    source.notes = non_empty(input.notes.as_deref());
    source.tags = input.tags.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
    Ok(())
}

/// A free key from the first author, the year and the first word of the title:
/// `diallo-2025-blocus`, then `diallo-2025-blocus-b`, `-c`…
fn fresh_key(library: &Library, source: &Source) -> Result<CitationKey> {
    let author = source.authors.first().map(|a| a.family_or_literal().to_owned());
    let year = source.issued.map(|d| d.year.to_string());
    let word = source
        .title
        .split_whitespace()
        .find(|w| w.chars().count() > 3)
        .or_else(|| source.title.split_whitespace().next());
    let stem: Vec<String> =
        [author, year, word.map(str::to_owned)].into_iter().flatten().map(|p| p.to_lowercase()).collect();
    let base = CitationKey::sanitize(&stem.join("-"));
    if mizan_library::is_key_free(library, base.as_str())? {
        return Ok(base);
    }
    for suffix in 'b'..='z' {
        let candidate = CitationKey::sanitize(&format!("{}-{suffix}", base.as_str()));
        if mizan_library::is_key_free(library, candidate.as_str())? {
            return Ok(candidate);
        }
    }
    Ok(CitationKey::sanitize(&format!("{}-{}", base.as_str(), uuid::Uuid::new_v4().simple())))
}

pub fn add(library: &mut Library, input: &SourceInput) -> Result<SourceDetail> {
    let mut source = Source::new(CitationKey::sanitize("source"), "-");
    apply(input, &mut source)?;
    source.key = match non_empty(input.key.as_deref()) {
        Some(key) => CitationKey::parse(&key).map_err(|e| WorkspaceError::invalid("key", format!("key: {e}")))?,
        None => fresh_key(library, &source)?,
    };
    let grade =
        input.grade.as_deref().and_then(|g| non_empty(Some(g))).map(|g| reliability("grade", &g)).transpose()?;
    match library.add_with(&source, mizan_library::DuplicatePolicy::Skip)? {
        ImportOutcome::Added { .. } => {}
        ImportOutcome::Skipped { key, existing, reason } | ImportOutcome::Merged { key, existing, reason } => {
            return Err(WorkspaceError::new(
                ErrorCode::Duplicate,
                format!("`{key}` duplicates `{existing}` ({reason}); open `{existing}` instead"),
            ));
        }
    }
    if let Some(grade) = grade {
        library.grade(source.key.as_str(), grade)?;
    }
    detail(library, source.key.as_str())
}

pub fn update(library: &mut Library, key: &str, input: &SourceInput) -> Result<SourceDetail> {
    let mut source = record(library, key)?.source;
    apply(input, &mut source)?;
    if let Some(new_key) = non_empty(input.key.as_deref()) {
        source.key = CitationKey::parse(&new_key).map_err(|e| WorkspaceError::invalid("key", format!("key: {e}")))?;
    }
    let grade = non_empty(input.grade.as_deref()).map(|g| reliability("grade", &g)).transpose()?;
    library.update(&source)?;
    if let Some(grade) = grade.filter(|g| source.reliability() != Some(*g)) {
        library.grade(source.key.as_str(), grade)?;
    }
    detail(library, source.key.as_str())
}

pub fn grade(library: &mut Library, key: &str, value: &str) -> Result<SourceDetail> {
    let source = library.grade(key, reliability("reliability", value)?)?;
    detail(library, source.key.as_str())
}

pub fn add_excerpt(library: &mut Library, key: &str, text: &str, locator: Option<&str>) -> Result<Excerpt> {
    let text = text.trim();
    if text.is_empty() {
        return Err(WorkspaceError::invalid("text", "text: an excerpt needs the quoted passage"));
    }
    let mut source = record(library, key)?.source;
    // The same passage twice is one excerpt: citing it again finds the first.
    if let Some(existing) = source.excerpts.iter().find(|e| e.text == text) {
        return Ok(excerpt(existing));
    }
    let new = mizan_source::Excerpt { id: uuid::Uuid::new_v4(), text: text.to_owned(), locator: non_empty(locator) };
    let result = excerpt(&new);
    source.excerpts.push(new);
    library.update(&source)?;
    Ok(result)
}

/// Removes a source (a tombstone: briefs that cite it keep their record) and returns what
/// it was, with the claims that cite it.
pub fn remove(library: &mut Library, key: &str) -> Result<SourceDetail> {
    let before = detail(library, key)?;
    library.remove(key)?;
    Ok(before)
}

impl From<DuplicatePolicy> for mizan_library::DuplicatePolicy {
    fn from(policy: DuplicatePolicy) -> Self {
        match policy {
            DuplicatePolicy::Skip => Self::Skip,
            DuplicatePolicy::Merge => Self::Merge,
            DuplicatePolicy::KeepBoth => Self::KeepBoth,
        }
    }
}

impl From<SourceFormat> for Format {
    fn from(format: SourceFormat) -> Self {
        match format {
            SourceFormat::CslJson => Self::CslJson,
            SourceFormat::Bibtex => Self::Bibtex,
            SourceFormat::Ris => Self::Ris,
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ImportSummary {
    fn note_duplicate(
        &mut self,
        incoming: &CitationKey,
        existing: &CitationKey,
        reason: mizan_library::DuplicateReason,
        outcome: DuplicateOutcome,
    ) {
        match outcome {
            DuplicateOutcome::Skipped => self.skipped += 1,
            DuplicateOutcome::Merged => self.merged += 1,
            DuplicateOutcome::KeptBoth => self.renamed += 1,
        }
        self.duplicates.push(ImportDuplicate {
            incoming: incoming.to_string(),
            existing: existing.to_string(),
            reason: reason.to_string(),
            outcome,
        });
    }
}

/// Imports a CSL-JSON, BibTeX or RIS file (format from the extension, else the content).
/// Entries that cannot be read are listed and left out; `progress(done, total)` is called
/// after each chunk.
pub fn import(
    library: &mut Library,
    path: &Path,
    policy: DuplicatePolicy,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportSummary> {
    let bytes = std::fs::read(path).map_err(|e| WorkspaceError::io(path, &e))?;
    let format = Format::from_path(path).or_else(|| Format::sniff(&bytes)).ok_or_else(|| {
        WorkspaceError::new(
            ErrorCode::InvalidInput,
            format!("{}: not a CSL-JSON, BibTeX or RIS file (cannot tell its format)", path.display()),
        )
    })?;
    let entries = mizan_interchange::read(format, &bytes)
        .map_err(|e| WorkspaceError::new(ErrorCode::InvalidInput, format!("{}: {e}", path.display())))?;
    let read = entries.len();
    let mut sources = Vec::with_capacity(read);
    let mut rejected = Vec::new();
    for entry in entries {
        match entry {
            Ok(source) => sources.push(source),
            Err(error) => rejected.push(ImportRejected {
                entry: count(error.index + 1),
                line: error.line.map(count),
                message: format!("{}: {error}", path.display()),
            }),
        }
    }
    let total = sources.len();
    let mut summary = ImportSummary {
        path: path.display().to_string(),
        read: count(read),
        added: 0,
        skipped: 0,
        merged: 0,
        renamed: 0,
        duplicates: Vec::new(),
        rejected,
    };
    progress(0, total);
    let mut done = 0;
    let mut rest = sources;
    while !rest.is_empty() {
        let tail = rest.split_off(rest.len().min(IMPORT_CHUNK));
        let chunk = std::mem::replace(&mut rest, tail);
        done += chunk.len();
        let report = library.import(chunk, policy.into())?;
        for outcome in report.outcomes {
            match outcome {
                ImportOutcome::Added { renamed_from, key } => {
                    summary.added += 1;
                    if let Some(old) = renamed_from {
                        summary.renamed += 1;
                        if policy == DuplicatePolicy::KeepBoth {
                            summary.duplicates.push(ImportDuplicate {
                                incoming: old.to_string(),
                                existing: key.to_string(),
                                reason: "key".to_owned(),
                                outcome: DuplicateOutcome::KeptBoth,
                            });
                        }
                    }
                }
                ImportOutcome::Skipped { key, existing, reason } => {
                    summary.note_duplicate(&key, &existing, reason, DuplicateOutcome::Skipped);
                }
                ImportOutcome::Merged { key, existing, reason } => {
                    summary.note_duplicate(&key, &existing, reason, DuplicateOutcome::Merged);
                }
            }
        }
        progress(done, total);
    }
    Ok(summary)
}

/// Writes the sources (all, or those with `keys`) to `path`; returns how many.
pub fn export(library: &Library, path: &Path, format: SourceFormat, keys: Option<&[String]>) -> Result<usize> {
    let sources = match keys {
        None => library.all()?,
        Some(keys) => keys.iter().map(|k| record(library, k).map(|r| r.source)).collect::<Result<Vec<_>>>()?,
    };
    let text = mizan_interchange::write(format.into(), &sources);
    write_atomically(path, text.as_bytes())?;
    Ok(sources.len())
}
