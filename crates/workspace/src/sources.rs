//! Sources: search, read, add, edit, grade, excerpts, remove, import and export. (How a
//! source becomes a DTO and back is `dto_sources.rs`.)

use std::path::Path;

use mizan_interchange::Format;
use mizan_library::{ImportOutcome, Library, SearchQuery, SourceRecord, YearRange};
use mizan_source::{CitationKey, Source};

use crate::Workspace;
use crate::dto::{
    AddExcerptRequest, AddSourceRequest, AddedSource, DuplicateOutcome, DuplicatePolicy, Excerpt, ExportSourcesRequest,
    ExportedSources, GradeRequest, ImportDuplicate, ImportRejected, ImportRename, ImportRequest, ImportSummary,
    SearchRequest, SourceDetail, SourceFormat, SourceHit, UpdateSourceRequest,
};
use crate::error::{ErrorCode, Result, WorkspaceError};

/// Sources imported per transaction, so the UI can show progress.
const IMPORT_CHUNK: usize = 500;

fn non_empty(value: Option<&str>) -> Option<String> {
    value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A search request as the library's query; every field checked. The limit is the
/// caller's: the UI asks for a page, a script for everything.
fn query(request: &SearchRequest) -> Result<SearchQuery> {
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
        kinds: request.kinds.iter().map(|&k| k.into()).collect(),
        language: non_empty(request.language.as_deref()),
        grades: request.grades.iter().map(|&g| g.into()).collect(),
        years,
        tag: non_empty(request.tag.as_deref()),
        limit: request.limit.max(1) as usize,
    })
}

fn record(library: &Library, key: &str) -> Result<SourceRecord> {
    library.get(key)?.ok_or_else(|| WorkspaceError::not_found(format!("no source with key `{key}`")).with_field("key"))
}

fn detail(library: &Library, key: &str) -> Result<SourceDetail> {
    let record = record(library, key)?;
    let citing = library.claims_citing(record.source.id)?;
    Ok(SourceDetail::new(&record, &citing))
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

fn duplicate(
    incoming: &CitationKey,
    existing: &CitationKey,
    reason: mizan_library::DuplicateReason,
    outcome: DuplicateOutcome,
) -> ImportDuplicate {
    ImportDuplicate {
        incoming: incoming.to_string(),
        existing: existing.to_string(),
        reason: reason.to_string(),
        outcome,
    }
}

impl ImportSummary {
    fn note(&mut self, outcome: ImportOutcome, policy: DuplicatePolicy) {
        match outcome {
            ImportOutcome::Added { key, renamed_from } => {
                self.added += 1;
                if let Some(old) = renamed_from {
                    self.renamed += 1;
                    // Kept as a copy: the report lists it with the duplicates it may be.
                    if policy == DuplicatePolicy::KeepBoth {
                        self.duplicates.push(ImportDuplicate {
                            incoming: old.to_string(),
                            existing: key.to_string(),
                            reason: "key".to_owned(),
                            outcome: DuplicateOutcome::KeptBoth,
                        });
                    }
                    self.renames.push(ImportRename { from: old.to_string(), to: key.to_string() });
                }
            }
            ImportOutcome::Skipped { key, existing, reason } => {
                self.skipped += 1;
                self.duplicates.push(duplicate(&key, &existing, reason, DuplicateOutcome::Skipped));
            }
            ImportOutcome::Merged { key, existing, reason } => {
                self.merged += 1;
                self.duplicates.push(duplicate(&key, &existing, reason, DuplicateOutcome::Merged));
            }
        }
    }
}

/// The entries of a CSL-JSON, BibTeX or RIS file, and those that could not be read.
fn read_entries(path: &Path, format: Option<SourceFormat>) -> Result<(usize, Vec<Source>, Vec<ImportRejected>)> {
    let bytes = std::fs::read(path).map_err(|e| WorkspaceError::io(path, &e))?;
    let format = format.map(Format::from).or_else(|| Format::from_path(path)).or_else(|| Format::sniff(&bytes));
    let format = format.ok_or_else(|| {
        WorkspaceError::invalid(
            "format",
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
    Ok((read, sources, rejected))
}

/// Refuses a file with unreadable entries, naming the first few.
fn refuse(path: &Path, rejected: &[ImportRejected], valid: usize) -> WorkspaceError {
    let first: Vec<&str> = rejected.iter().take(3).map(|r| r.message.as_str()).collect();
    let more = if rejected.len() > 3 { format!("; and {} more", rejected.len() - 3) } else { String::new() };
    WorkspaceError::invalid(
        "skipInvalid",
        format!(
            "{}: {} invalid {}, nothing imported ({} valid): {}{more}",
            path.display(),
            rejected.len(),
            if rejected.len() == 1 { "entry" } else { "entries" },
            valid,
            first.join("; "),
        ),
    )
}

impl Workspace {
    pub fn search(&self, request: &SearchRequest) -> Result<Vec<SourceHit>> {
        Ok(self.library.search(&query(request)?)?.iter().map(SourceHit::from).collect())
    }

    /// A source with every field and the claims citing it.
    pub fn source(&self, key: &str) -> Result<SourceDetail> {
        detail(&self.library, key)
    }

    /// Adds a source; without a key, one is made from author, year and title. A
    /// duplicate of a source already there follows `onDuplicate`: skipping it is
    /// [`ErrorCode::Duplicate`] (open the existing one instead), merging returns the
    /// existing source with the new one's details merged in.
    pub fn add_source(&mut self, request: &AddSourceRequest) -> Result<AddedSource> {
        let input = &request.source;
        let mut source = Source::new(CitationKey::sanitize("source"), "-");
        input.apply(&mut source)?;
        source.key = match input.citation_key()? {
            Some(key) => key,
            None => fresh_key(&self.library, &source)?,
        };
        let (key, duplicate) = match self.library.add_with(&source, request.on_duplicate.into())? {
            ImportOutcome::Added { key, .. } => (key, None),
            ImportOutcome::Skipped { key, existing, reason } => {
                return Err(WorkspaceError::new(
                    ErrorCode::Duplicate,
                    format!("`{key}` duplicates `{existing}` ({reason})"),
                ));
            }
            ImportOutcome::Merged { key, existing, reason } => {
                (existing.clone(), Some(duplicate(&key, &existing, reason, DuplicateOutcome::Merged)))
            }
        };
        if let Some(grade) = input.grade.filter(|_| duplicate.is_none()) {
            self.library.grade(key.as_str(), grade.into())?;
        }
        Ok(AddedSource { source: detail(&self.library, key.as_str())?, duplicate })
    }

    /// Replaces every field of the source with the form's (see [`crate::dto::SourceInput`]),
    /// renames it if the form's key differs, and regrades it if the form's grade does.
    pub fn update_source(&mut self, request: &UpdateSourceRequest) -> Result<SourceDetail> {
        let input = &request.source;
        let mut source = record(&self.library, &request.key)?.source;
        input.apply(&mut source)?;
        if let Some(key) = input.citation_key()? {
            source.key = key;
        }
        self.library.update(&source)?;
        let grade = input.grade.map(mizan_source::Reliability::from);
        if let Some(grade) = grade.filter(|g| source.reliability() != Some(*g)) {
            self.library.grade(source.key.as_str(), grade)?;
        }
        detail(&self.library, source.key.as_str())
    }

    pub fn grade_source(&mut self, request: &GradeRequest) -> Result<SourceDetail> {
        let source = self.library.grade(&request.key, request.reliability.into())?;
        detail(&self.library, source.key.as_str())
    }

    /// Adds a quoted passage to a source. The same passage twice is one excerpt: adding
    /// it again returns the first.
    pub fn add_excerpt(&mut self, request: &AddExcerptRequest) -> Result<Excerpt> {
        let text = request.text.trim();
        if text.is_empty() {
            return Err(WorkspaceError::invalid("text", "text: an excerpt needs the quoted passage"));
        }
        let mut source = record(&self.library, &request.key)?.source;
        if let Some(existing) = source.excerpts.iter().find(|e| e.text == text) {
            return Ok(Excerpt::from(existing));
        }
        let new = mizan_source::Excerpt {
            id: uuid::Uuid::new_v4(),
            text: text.to_owned(),
            locator: non_empty(request.locator.as_deref()),
        };
        let result = Excerpt::from(&new);
        source.excerpts.push(new);
        self.library.update(&source)?;
        Ok(result)
    }

    /// Removes a source (a tombstone: briefs that cite it keep their record) and returns
    /// what it was, with the claims that cite it.
    pub fn remove_source(&mut self, key: &str) -> Result<SourceDetail> {
        let before = detail(&self.library, key)?;
        self.library.remove(key)?;
        Ok(before)
    }

    /// Imports a CSL-JSON, BibTeX or RIS file the user chose. Entries that cannot be read
    /// are listed and left out with `skipInvalid`, else they stop the import before
    /// anything is written; `progress(done, total)` is called after each chunk.
    pub fn import_sources(
        &mut self,
        path: &Path,
        request: &ImportRequest,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportSummary> {
        let (read, sources, rejected) = read_entries(path, request.format)?;
        if !rejected.is_empty() && !request.skip_invalid {
            return Err(refuse(path, &rejected, sources.len()));
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
            renames: Vec::new(),
            rejected,
        };
        progress(0, total);
        let mut done = 0;
        let mut rest = sources;
        while !rest.is_empty() {
            let tail = rest.split_off(rest.len().min(IMPORT_CHUNK));
            let chunk = std::mem::replace(&mut rest, tail);
            done += chunk.len();
            let report = self.library.import(chunk, request.on_duplicate.into())?;
            for outcome in report.outcomes {
                summary.note(outcome, request.on_duplicate);
            }
            progress(done, total);
        }
        Ok(summary)
    }

    /// Writes the sources (all, or those with `keys`) to `path`, which the user chose.
    pub fn export_sources(&self, request: &ExportSourcesRequest, path: &Path) -> Result<ExportedSources> {
        let sources = match &request.keys {
            None => self.library.all()?,
            Some(keys) => {
                keys.iter().map(|k| record(&self.library, k).map(|r| r.source)).collect::<Result<Vec<_>>>()?
            }
        };
        let format = request.format.map(Format::from).or_else(|| Format::from_path(path)).unwrap_or(Format::CslJson);
        let text = mizan_interchange::write(format, &sources);
        mizan_durable::write_atomically(path, text.as_bytes())?;
        Ok(ExportedSources { path: path.display().to_string(), format: format.into(), count: count(sources.len()) })
    }
}
