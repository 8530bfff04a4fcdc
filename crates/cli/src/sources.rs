//! `mizan sources …`

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Subcommand, ValueEnum};
use mizan_interchange::Format;
use mizan_library::{DuplicatePolicy, ImportOutcome, Library, SearchQuery, YearRange};
use mizan_source::{CitationKey, Excerpt, PartialDate, Person, Reliability, Source, SourceType};

use crate::dto::{CitingDto, HitDto, SourceDto};

#[derive(Debug, Subcommand)]
pub enum SourcesCommand {
    /// Import sources from a CSL-JSON, BibTeX/BibLaTeX or RIS file
    Import {
        file: PathBuf,
        /// The file's format [default: from the extension, else from the content]
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// What to do with a source that is already in the library
        #[arg(long, value_enum, default_value_t = OnDuplicate::Skip)]
        on_duplicate: OnDuplicate,
        /// Import the valid entries and list the rejected ones, instead of importing nothing
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Export every source to a file
    Export {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// [default: from the extension of FILE, else csl-json]
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
    },
    /// Search sources (Arabic and French folding: `securite` finds `Sécurité`)
    Search {
        /// Words to find (each matches as a prefix; "…" for a phrase). Empty lists all.
        #[arg(default_value = "")]
        query: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Only this type (repeatable)
        #[arg(long = "type", value_name = "TYPE", value_parser = parse_type)]
        kinds: Vec<SourceType>,
        /// Only this language (fr also matches fr-FR)
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Only these grades: B, or A,B, or A-C
        #[arg(long, value_name = "GRADES", value_parser = parse_grades)]
        grade: Option<Grades>,
        /// Only sources issued in these years: 2025, 2020..2024, 2023.., ..2020
        #[arg(long, value_name = "A..B", value_parser = parse_years)]
        year: Option<YearRange>,
        /// Only sources with this tag
        #[arg(long)]
        tag: Option<String>,
    },
    /// Show one source with every field
    Show {
        key: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a source
    Add {
        #[arg(long)]
        key: String,
        #[arg(long)]
        title: String,
        #[command(flatten)]
        fields: FieldArgs,
        /// What to do if the source is already in the library
        #[arg(long, value_enum, default_value_t = OnDuplicate::Skip)]
        on_duplicate: OnDuplicate,
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
    /// Grade a source's reliability on the Admiralty scale (A completely reliable … F cannot be judged)
    Grade {
        key: String,
        #[arg(value_parser = parse_grade)]
        grade: Reliability,
    },
    /// Add a quoted passage of a source, for claims to cite
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
    #[arg(long = "type", value_name = "TYPE", value_parser = parse_type)]
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

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    #[value(name = "csl-json")]
    CslJson,
    #[value(alias = "biblatex")]
    Bibtex,
    Ris,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::CslJson => Format::CslJson,
            FormatArg::Bibtex => Format::Bibtex,
            FormatArg::Ris => Format::Ris,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OnDuplicate {
    Skip,
    Merge,
    KeepBoth,
}

impl From<OnDuplicate> for DuplicatePolicy {
    fn from(arg: OnDuplicate) -> Self {
        match arg {
            OnDuplicate::Skip => DuplicatePolicy::Skip,
            OnDuplicate::Merge => DuplicatePolicy::Merge,
            OnDuplicate::KeepBoth => DuplicatePolicy::KeepBoth,
        }
    }
}

fn parse_type(s: &str) -> Result<SourceType, String> {
    s.parse().map_err(|e: mizan_source::UnknownSourceType| e.to_string())
}

fn parse_grade(s: &str) -> Result<Reliability, String> {
    s.parse().map_err(|e: mizan_source::GradeError| e.to_string())
}

/// A set of grades given as one argument.
#[derive(Debug, Clone)]
pub struct Grades(Vec<Reliability>);

/// `B`, `A,B`, `A-C`.
fn parse_grades(s: &str) -> Result<Grades, String> {
    let mut grades = Vec::new();
    for part in s.split(',') {
        match part.split_once('-') {
            Some((from, to)) => {
                let (from, to) = (parse_grade(from)?, parse_grade(to)?);
                grades.extend(Reliability::ALL.into_iter().filter(|g| (from..=to).contains(g)));
            }
            None => grades.push(parse_grade(part)?),
        }
    }
    Ok(Grades(grades))
}

fn parse_years(s: &str) -> Result<YearRange, String> {
    YearRange::parse(s)
        .ok_or_else(|| format!("{s:?} is not a year range (expected 2025, 2020..2024, 2023.. or ..2020)"))
}

pub fn run(command: SourcesCommand, open: impl FnOnce() -> anyhow::Result<Library>) -> anyhow::Result<()> {
    match command {
        SourcesCommand::Import { file, format, on_duplicate, skip_invalid } => {
            import(open()?, &file, format, on_duplicate.into(), skip_invalid)
        }
        SourcesCommand::Export { output, format } => export(&open()?, &output, format),
        SourcesCommand::Search { query, json, limit, kinds, lang, grade, year, tag } => {
            let library = open()?;
            let query = SearchQuery {
                text: query,
                kinds,
                language: lang,
                grades: grade.map(|g| g.0).unwrap_or_default(),
                years: year,
                tag,
                limit,
            };
            let hits = library.search(&query)?;
            if json {
                let list: Vec<HitDto> = hits.iter().map(HitDto::from).collect();
                print_json(&list)
            } else {
                let mut out = std::io::stdout().lock();
                for hit in &hits {
                    let s = &hit.source;
                    let grade = s.grade.map_or_else(|| "-".to_owned(), |g| g.to_string());
                    let issued = s.issued.map(|d| d.to_string()).unwrap_or_default();
                    let authors: Vec<String> = s.authors.iter().map(Person::display_name).collect();
                    writeln!(out, "{}\t{grade}\t{issued}\t{}\t{}", s.key, s.title, authors.join("; "))?;
                }
                Ok(())
            }
        }
        SourcesCommand::Show { key, json } => {
            let library = open()?;
            let record = library.get(&key)?.with_context(|| format!("no source with key `{key}`"))?;
            let citing = library.claims_citing(record.source.id)?;
            if json {
                let mut dto = SourceDto::from(&record);
                dto.cited_by = citing.iter().map(CitingDto::from).collect();
                print_json(&dto)
            } else {
                print_card(&record, &citing)
            }
        }
        SourcesCommand::Add { key, title, fields, on_duplicate } => {
            let key = CitationKey::parse(&key).context("--key")?;
            if title.trim().is_empty() {
                bail!("--title: a source needs a title");
            }
            let mut source = Source::new(key, &title);
            fields.apply(&mut source, false)?;
            let mut library = open()?;
            match library.add_with(&source, on_duplicate.into())? {
                ImportOutcome::Added { key, .. } => println!("added {key}"),
                ImportOutcome::Merged { existing, reason, .. } => println!("merged into {existing} ({reason})"),
                ImportOutcome::Skipped { key, existing, reason } => bail!(
                    "`{key}` duplicates `{existing}` ({reason}); use --on-duplicate merge or keep-both to add it anyway"
                ),
            }
            Ok(())
        }
        SourcesCommand::Edit { key, new_key, title, fields } => {
            let mut library = open()?;
            let mut source = library.get(&key)?.with_context(|| format!("no source with key `{key}`"))?.source;
            if let Some(new_key) = new_key {
                source.key = CitationKey::parse(&new_key).context("--key")?;
            }
            if let Some(title) = title {
                if title.trim().is_empty() {
                    bail!("--title: a source needs a title");
                }
                source.title = title.trim().to_owned();
            }
            fields.apply(&mut source, true)?;
            library.update(&source)?;
            println!("updated {}", source.key);
            Ok(())
        }
        SourcesCommand::Grade { key, grade } => {
            let source = open()?.grade(&key, grade)?;
            println!("graded {} {}", source.key, grade);
            Ok(())
        }
        SourcesCommand::Excerpt { key, text, locator } => {
            if text.trim().is_empty() {
                bail!("--text: an excerpt needs the quoted passage");
            }
            let mut library = open()?;
            let mut source = library.get(&key)?.with_context(|| format!("no source with key `{key}`"))?.source;
            let excerpt =
                Excerpt { id: uuid::Uuid::new_v4(), text: text.trim().to_owned(), locator: non_empty(locator) };
            let id = excerpt.id;
            source.excerpts.push(excerpt);
            library.update(&source)?;
            println!("added excerpt {id} to {key}");
            Ok(())
        }
        SourcesCommand::Remove { key } => {
            let source = open()?.remove(&key)?;
            println!("removed {} ({})", source.key, source.title);
            Ok(())
        }
    }
}

impl FieldArgs {
    /// Writes the given flags into `source`. On edit, an empty value clears the field.
    fn apply(self, source: &mut Source, editing: bool) -> anyhow::Result<()> {
        if let Some(kind) = self.kind {
            source.kind = kind;
        }
        if !self.authors.is_empty() || !editing {
            source.authors = self.authors.iter().filter(|a| !a.trim().is_empty()).map(|a| Person::parse(a)).collect();
        }
        if !self.tags.is_empty() || !editing {
            source.tags = self.tags.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
        }
        let set = |slot: &mut Option<String>, value: Option<String>| {
            if let Some(value) = value {
                *slot = non_empty(Some(value));
            }
        };
        set(&mut source.container_title, self.container);
        set(&mut source.publisher, self.publisher);
        set(&mut source.url, self.url);
        set(&mut source.doi, self.doi);
        set(&mut source.language, self.language);
        set(&mut source.pages, self.pages);
        set(&mut source.notes, self.notes);
        if let Some(date) = self.issued {
            source.issued = parse_date(&date).context("--issued")?;
        }
        if let Some(date) = self.accessed {
            source.accessed = parse_date(&date).context("--accessed")?;
        }
        Ok(())
    }
}

fn parse_date(text: &str) -> anyhow::Result<Option<PartialDate>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(PartialDate::parse(text)?))
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn import(
    mut library: Library,
    file: &PathBuf,
    format: Option<FormatArg>,
    policy: DuplicatePolicy,
    skip_invalid: bool,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let format = match format {
        Some(f) => f.into(),
        None => Format::from_path(file).or_else(|| Format::sniff(&bytes)).with_context(|| {
            format!("{}: cannot tell the format; pass --format csl-json, bibtex or ris", file.display())
        })?,
    };
    let entries = mizan_interchange::read(format, &bytes).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mut sources = Vec::with_capacity(entries.len());
    let mut rejected = Vec::new();
    for entry in entries {
        match entry {
            Ok(source) => sources.push(source),
            Err(err) => rejected.push(err),
        }
    }
    if !rejected.is_empty() && !skip_invalid {
        for err in &rejected {
            eprintln!("{}: {err}", file.display());
        }
        bail!(
            "{}: {} invalid {}; nothing imported (--skip-invalid imports the {} valid ones)",
            file.display(),
            rejected.len(),
            if rejected.len() == 1 { "entry" } else { "entries" },
            sources.len()
        );
    }
    let report = library.import(sources, policy)?;
    let mut out = std::io::stdout().lock();
    for outcome in &report.outcomes {
        match outcome {
            ImportOutcome::Added { key, renamed_from: Some(old) } => {
                writeln!(out, "renamed {old} -> {key}: the key was taken by another source")?;
            }
            ImportOutcome::Skipped { key, existing, reason } => {
                writeln!(out, "skipped {key}: duplicates {existing} ({reason})")?
            }
            ImportOutcome::Merged { key, existing, reason } => {
                writeln!(out, "merged {key} into {existing} ({reason})")?
            }
            ImportOutcome::Added { .. } => {}
        }
    }
    for err in &rejected {
        writeln!(out, "rejected {}: {err}", file.display())?;
    }
    writeln!(
        out,
        "imported {} sources from {} ({} duplicates skipped, {} merged, {} renamed, {} rejected)",
        report.added(),
        file.display(),
        report.skipped(),
        report.merged(),
        report.renamed(),
        rejected.len()
    )?;
    Ok(())
}

fn export(library: &Library, output: &PathBuf, format: Option<FormatArg>) -> anyhow::Result<()> {
    let format = format.map(Format::from).or_else(|| Format::from_path(output)).unwrap_or(Format::CslJson);
    let sources = library.all()?;
    let text = mizan_interchange::write(format, &sources);
    // Written beside the target and renamed, so a failed export never truncates an
    // earlier export the analyst may rely on.
    let tmp = output.with_extension("mizan-partial");
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, output).with_context(|| format!("cannot write {}", output.display()))?;
    println!("exported {} sources to {} ({})", sources.len(), output.display(), format.name());
    Ok(())
}

fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

fn print_card(record: &mizan_library::SourceRecord, citing: &[mizan_library::CitingClaim]) -> anyhow::Result<()> {
    let s = &record.source;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}  ({})", s.key, s.kind)?;
    writeln!(out, "  title:      {}", s.title)?;
    let line = |out: &mut std::io::StdoutLock<'_>, label: &str, value: Option<String>| -> std::io::Result<()> {
        match value {
            Some(v) => writeln!(out, "  {label:<11} {v}"),
            None => Ok(()),
        }
    };
    if !s.authors.is_empty() {
        let names: Vec<String> = s.authors.iter().map(Person::display_name).collect();
        line(&mut out, "authors:", Some(names.join("; ")))?;
    }
    line(&mut out, "in:", s.container_title.clone())?;
    line(&mut out, "publisher:", s.publisher.clone())?;
    line(&mut out, "issued:", s.issued.map(|d| d.to_string()))?;
    line(&mut out, "language:", s.language.clone())?;
    line(&mut out, "pages:", s.pages.clone())?;
    line(&mut out, "url:", s.url.clone())?;
    line(&mut out, "doi:", s.doi.clone())?;
    line(&mut out, "accessed:", s.accessed.map(|d| d.to_string()))?;
    line(&mut out, "tags:", (!s.tags.is_empty()).then(|| s.tags.join(", ")))?;
    line(&mut out, "notes:", s.notes.clone())?;
    match &s.grade {
        Some(g) => line(&mut out, "grade:", Some(format!("{} (by {}, {})", g.reliability, g.graded_by, g.graded_at)))?,
        None => line(&mut out, "grade:", Some("not graded".into()))?,
    }
    for excerpt in &s.excerpts {
        let locator = excerpt.locator.as_deref().map(|l| format!(" [{l}]")).unwrap_or_default();
        writeln!(out, "  excerpt{locator}: “{}”", excerpt.text)?;
    }
    writeln!(out, "  created:    {} by {}", record.created_at, record.created_by)?;
    writeln!(out, "  modified:   {} by {}", record.modified_at, record.modified_by)?;
    writeln!(out, "  id:         {}", s.id)?;
    if citing.is_empty() {
        writeln!(out, "  cited by:   no recorded claim")?;
    }
    for claim in citing {
        let path = claim.brief.path.as_deref().unwrap_or("");
        let locator = claim.locator.as_deref().map(|l| format!(", {l}")).unwrap_or_default();
        let text: String = claim.text.chars().take(90).collect();
        writeln!(
            out,
            "  cited by:   {} ({path}:{}) {}{locator}: {text}",
            claim.brief.title,
            claim.line,
            claim.kind.name()
        )?;
    }
    Ok(())
}
