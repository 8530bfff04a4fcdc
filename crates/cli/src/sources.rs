//! `mizan sources …`: flags to the workspace's requests, its results to text.

use std::io::{StdoutLock, Write as _};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use mizan_workspace::dto::{
    AddExcerptRequest, AddSourceRequest, DuplicatePolicy, ExportSourcesRequest, Grade, GradeRequest, ImportRequest,
    Person, SearchRequest, SourceDetail, SourceFormat, SourceInput, SourceType, UpdateSourceRequest,
};
use mizan_workspace::{ErrorCode, Workspace};

use crate::output::{Printer, hint, parse};

#[derive(Debug, Subcommand)]
pub enum SourcesCommand {
    /// Import sources from a CSL-JSON, BibTeX/BibLaTeX or RIS file
    Import {
        file: PathBuf,
        /// csl-json, bibtex or ris [default: from the extension, else from the content]
        #[arg(long, value_parser = parse::<SourceFormat>)]
        format: Option<SourceFormat>,
        /// What to do with a source that is already in the library: skip, merge or keep-both
        #[arg(long, default_value = "skip", value_parser = parse::<DuplicatePolicy>)]
        on_duplicate: DuplicatePolicy,
        /// Import the valid entries and list the rejected ones, instead of importing nothing
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Export every source to a file
    Export {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// csl-json, bibtex or ris [default: from the extension of FILE, else csl-json]
        #[arg(long, value_parser = parse::<SourceFormat>)]
        format: Option<SourceFormat>,
    },
    /// Search sources (Arabic and French folding: `securite` finds `Sécurité`)
    Search {
        /// Words to find (each matches as a prefix; "…" for a phrase). Empty lists all.
        #[arg(default_value = "")]
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Only this type (repeatable)
        #[arg(long = "type", value_name = "TYPE", value_parser = parse::<SourceType>)]
        kinds: Vec<SourceType>,
        /// Only this language (fr also matches fr-FR)
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Only these grades: B, or A,B, or A-C
        #[arg(long, value_name = "GRADES", value_parser = parse_grades)]
        grade: Option<Grades>,
        /// Only sources issued in these years: 2025, 2020..2024, 2023.., ..2020
        #[arg(long, value_name = "A..B")]
        year: Option<String>,
        /// Only sources with this tag
        #[arg(long)]
        tag: Option<String>,
    },
    /// Show one source with every field
    Show { key: String },
    /// Add a source
    Add {
        /// The citation key [default: made from the first author, the year and the title]
        #[arg(long)]
        key: Option<String>,
        #[arg(long)]
        title: String,
        #[command(flatten)]
        fields: FieldArgs,
        /// What to do if the source is already in the library: skip, merge or keep-both
        #[arg(long, default_value = "skip", value_parser = parse::<DuplicatePolicy>)]
        on_duplicate: DuplicatePolicy,
    },
    /// Change fields of a source (an empty value clears a field)
    Edit {
        key: String,
        /// Rename the citation key (briefs citing the old key must be updated)
        #[arg(long = "key", value_name = "NEW_KEY")]
        new_key: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        fields: FieldArgs,
    },
    /// Grade a source's reliability (A completely reliable … E unreliable, F cannot be judged)
    Grade {
        key: String,
        #[arg(value_parser = parse::<Grade>)]
        grade: Grade,
    },
    /// Add a quoted passage of a source, for claims to cite (the same passage twice is one)
    Excerpt {
        key: String,
        /// The passage, as quoted
        #[arg(long)]
        text: String,
        /// Where it is in the source: p. 12, § 4, 00:12:30…
        #[arg(long)]
        locator: Option<String>,
    },
    /// Delete a source (kept as a tombstone so the deletion reaches shared libraries)
    Remove { key: String },
}

/// The fields `add` and `edit` share. On `edit`, a repeated flag (`--author`, `--tag`)
/// replaces the whole list.
#[derive(Debug, Args)]
pub struct FieldArgs {
    /// article, news-article, report, web-page, dataset, book, chapter, official-statement,
    /// interview, social-media-post, thesis, legal, broadcast, other
    #[arg(long = "type", value_name = "TYPE", value_parser = parse::<SourceType>)]
    kind: Option<SourceType>,
    /// "Family, Given" or a literal name such as an institution (repeatable)
    #[arg(long = "author", value_name = "NAME")]
    authors: Vec<String>,
    /// Journal, newspaper, web site or book the source appears in
    #[arg(long, value_name = "TITLE")]
    container: Option<String>,
    #[arg(long)]
    publisher: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    issued: Option<String>,
    #[arg(long)]
    url: Option<String>,
    #[arg(long)]
    doi: Option<String>,
    /// ar, fr, en…
    #[arg(long, value_name = "LANG")]
    language: Option<String>,
    #[arg(long)]
    pages: Option<String>,
    /// When the URL was read: YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    accessed: Option<String>,
    #[arg(long)]
    notes: Option<String>,
    /// Repeatable
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
}

impl FieldArgs {
    /// Writes the given flags into the form. Flags not given leave their field as the
    /// form has it (empty on add, the source's value on edit); a list flag replaces the
    /// list; the workspace trims values and takes an empty one as no value.
    fn fill(self, form: &mut SourceInput) {
        if let Some(kind) = self.kind {
            form.kind = kind;
        }
        if !self.authors.is_empty() {
            form.authors = self.authors.iter().filter(|a| !a.trim().is_empty()).map(|a| Person::parse(a)).collect();
        }
        if !self.tags.is_empty() {
            form.tags = self.tags;
        }
        let set = |slot: &mut Option<String>, value: Option<String>| {
            if value.is_some() {
                *slot = value;
            }
        };
        set(&mut form.container_title, self.container);
        set(&mut form.publisher, self.publisher);
        set(&mut form.issued, self.issued);
        set(&mut form.url, self.url);
        set(&mut form.doi, self.doi);
        set(&mut form.language, self.language);
        set(&mut form.pages, self.pages);
        set(&mut form.accessed, self.accessed);
        set(&mut form.notes, self.notes);
    }
}

/// A set of grades given as one argument.
#[derive(Debug, Clone)]
pub struct Grades(Vec<Grade>);

/// `B`, `A,B`, `A-C`.
fn parse_grades(s: &str) -> Result<Grades, String> {
    let mut grades = Vec::new();
    for part in s.split(',') {
        match part.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (parse::<Grade>(from)?, parse::<Grade>(to)?);
                grades.extend(Grade::ALL.into_iter().filter(|g| (from..=to).contains(g)));
            }
            None => grades.push(parse::<Grade>(part)?),
        }
    }
    Ok(Grades(grades))
}

pub fn run(command: SourcesCommand, mut workspace: Workspace, print: Printer) -> anyhow::Result<()> {
    match command {
        SourcesCommand::Import { file, format, on_duplicate, skip_invalid } => {
            let request = ImportRequest { on_duplicate, format, skip_invalid };
            let summary = workspace.import_sources(&file, &request, &mut |_, _| {}).map_err(hint(
                ErrorCode::InvalidInput,
                Some("skipInvalid"),
                "--skip-invalid imports the valid ones",
            ))?;
            print.result(&summary, |out| {
                for r in &summary.renames {
                    writeln!(out, "renamed {} -> {}: the key was taken by another source", r.from, r.to)?;
                }
                for d in &summary.duplicates {
                    match d.outcome {
                        mizan_workspace::dto::DuplicateOutcome::Skipped => {
                            writeln!(out, "skipped {}: duplicates {} ({})", d.incoming, d.existing, d.reason)?;
                        }
                        mizan_workspace::dto::DuplicateOutcome::Merged => {
                            writeln!(out, "merged {} into {} ({})", d.incoming, d.existing, d.reason)?;
                        }
                        // Listed with the renames above.
                        mizan_workspace::dto::DuplicateOutcome::KeptBoth => {}
                    }
                }
                for r in &summary.rejected {
                    writeln!(out, "rejected {}", r.message)?;
                }
                writeln!(
                    out,
                    "imported {} sources from {} ({} duplicates skipped, {} merged, {} renamed, {} rejected)",
                    summary.added,
                    summary.path,
                    summary.skipped,
                    summary.merged,
                    summary.renamed,
                    summary.rejected.len()
                )
            })
        }
        SourcesCommand::Export { output, format } => {
            let exported = workspace.export_sources(&ExportSourcesRequest { format, keys: None }, &output)?;
            print.result(&exported, |out| {
                writeln!(out, "exported {} sources to {} ({})", exported.count, exported.path, exported.format)
            })
        }
        SourcesCommand::Search { query, limit, kinds, lang, grade, year, tag } => {
            let request = SearchRequest {
                text: query,
                kinds,
                language: lang,
                grades: grade.map(|g| g.0).unwrap_or_default(),
                years: year,
                tag,
                limit,
            };
            let hits = workspace.search(&request)?;
            print.result(&hits, |out| {
                for hit in &hits {
                    let grade = hit.grade.map_or_else(|| "-".to_owned(), |g| g.to_string());
                    let authors: Vec<String> = hit.authors.iter().map(Person::display_name).collect();
                    let issued = hit.issued.as_deref().unwrap_or_default();
                    writeln!(out, "{}\t{grade}\t{issued}\t{}\t{}", hit.key, hit.title, authors.join("; "))?;
                }
                Ok(())
            })
        }
        SourcesCommand::Show { key } => {
            let detail = workspace.source(&key)?;
            print.result(&detail, |out| card(out, &detail))
        }
        SourcesCommand::Add { key, title, fields, on_duplicate } => {
            let mut source = SourceInput { key, title, ..SourceInput::default() };
            fields.fill(&mut source);
            let added = workspace.add_source(&AddSourceRequest { source, on_duplicate }).map_err(hint(
                ErrorCode::Duplicate,
                None,
                "use --on-duplicate merge or keep-both to add it anyway",
            ))?;
            print.result(&added, |out| match &added.duplicate {
                Some(d) => writeln!(out, "merged into {} ({})", d.existing, d.reason),
                None => writeln!(out, "added {}", added.source.key),
            })
        }
        SourcesCommand::Edit { key, new_key, title, fields } => {
            // The app's edit: the form as the source is, the flags changed, all saved.
            let mut source = SourceInput::from(&workspace.source(&key)?);
            source.key = new_key.or(source.key);
            source.title = title.unwrap_or(source.title);
            fields.fill(&mut source);
            let updated = workspace.update_source(&UpdateSourceRequest { key, source })?;
            print.result(&updated, |out| writeln!(out, "updated {}", updated.key))
        }
        SourcesCommand::Grade { key, grade } => {
            let graded = workspace.grade_source(&GradeRequest { key, reliability: grade })?;
            print.result(&graded, |out| writeln!(out, "graded {} {grade}", graded.key))
        }
        SourcesCommand::Excerpt { key, text, locator } => {
            let excerpt = workspace.add_excerpt(&AddExcerptRequest { key: key.clone(), text, locator })?;
            print.result(&excerpt, |out| writeln!(out, "excerpt {} of {key}: “{}”", excerpt.id, excerpt.text))
        }
        SourcesCommand::Remove { key } => {
            let removed = workspace.remove_source(&key)?;
            print.result(&removed, |out| writeln!(out, "removed {} ({})", removed.key, removed.title))
        }
    }
}

/// `sources show`: every field, one a line.
fn card(out: &mut StdoutLock<'_>, s: &SourceDetail) -> std::io::Result<()> {
    writeln!(out, "{}  ({})", s.key, s.kind)?;
    writeln!(out, "  title:      {}", s.title)?;
    let mut line = |label: &str, value: Option<String>| -> std::io::Result<()> {
        match value {
            Some(v) => writeln!(out, "  {label:<11} {v}"),
            None => Ok(()),
        }
    };
    if !s.authors.is_empty() {
        let names: Vec<String> = s.authors.iter().map(Person::display_name).collect();
        line("authors:", Some(names.join("; ")))?;
    }
    line("in:", s.container_title.clone())?;
    line("publisher:", s.publisher.clone())?;
    line("issued:", s.issued.clone())?;
    line("language:", s.language.clone())?;
    line("pages:", s.pages.clone())?;
    line("url:", s.url.clone())?;
    line("doi:", s.doi.clone())?;
    line("accessed:", s.accessed.clone())?;
    line("tags:", (!s.tags.is_empty()).then(|| s.tags.join(", ")))?;
    line("notes:", s.notes.clone())?;
    match &s.grading {
        Some(g) => line("grade:", Some(format!("{} (by {}, {})", g.reliability, g.graded_by, g.graded_at)))?,
        None => line("grade:", Some("not graded".into()))?,
    }
    for excerpt in &s.excerpts {
        let locator = excerpt.locator.as_deref().map(|l| format!(" [{l}]")).unwrap_or_default();
        writeln!(out, "  excerpt{locator}: “{}”", excerpt.text)?;
    }
    writeln!(out, "  created:    {} by {}", s.created_at, s.created_by)?;
    writeln!(out, "  modified:   {} by {}", s.modified_at, s.modified_by)?;
    writeln!(out, "  id:         {}", s.id)?;
    if s.cited_by.is_empty() {
        writeln!(out, "  cited by:   no recorded claim")?;
    }
    for claim in &s.cited_by {
        let path = claim.brief_path.as_deref().unwrap_or("");
        let locator = claim.locator.as_deref().map(|l| format!(", {l}")).unwrap_or_default();
        let text: String = claim.text.chars().take(90).collect();
        writeln!(
            out,
            "  cited by:   {} ({path}:{}) {}{locator}: {text}",
            claim.brief_title,
            claim.line,
            claim.kind.name()
        )?;
    }
    Ok(())
}
