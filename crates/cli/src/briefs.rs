//! `mizan new`, `mizan check`, `mizan history`: briefs on the command line.
//!
//! `mizan check` is the command line's save: besides auditing, it gives a brief without an
//! id its id (the only change it makes to the file), records the brief's claims in the
//! library, and stores a revision when the text changed since the last one.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use mizan_brief::{Brief, CatalogEntry, ClaimKind, Lang, Severity};
use mizan_i18n::Localizer;
use mizan_library::{BriefEntry, CitationEntry, ClaimEntry, Library, SourceRecord};
use mizan_source::{Clock, PartialDate, SystemClock};
use uuid::Uuid;

/// Today's date from the system clock: the one place the command line reads it.
pub fn today() -> PartialDate {
    let (year, month, day) = SystemClock.now().date();
    PartialDate { year, month: Some(month), day: Some(day) }
}

pub fn new(template: &str, lang: &str, output: &Path, force: bool) -> anyhow::Result<()> {
    let lang: Lang = lang.parse().map_err(|e| anyhow::anyhow!("--lang: {e}"))?;
    let text = mizan_brief::new_brief(template, lang, today()).map_err(|e| anyhow::anyhow!("--template: {e}"))?;
    if output.exists() && !force {
        bail!("{} already exists; choose another name or pass --force", output.display());
    }
    write_atomically(output, &text)?;
    println!("created {} from the {template} template ({})", output.display(), lang.code());
    Ok(())
}

/// Reads and parses a brief; invalid UTF-8 is repaired by the parser and reported.
fn read_brief(path: &Path) -> anyhow::Result<(Vec<u8>, Brief)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let brief = mizan_brief::parse_bytes(&bytes);
    Ok((bytes, brief))
}

/// Every source the brief cites, live or deleted, read once per key.
fn cited_records(library: &Library, brief: &Brief) -> anyhow::Result<HashMap<String, SourceRecord>> {
    let mut records = HashMap::new();
    let mut looked_up = std::collections::HashSet::new();
    for citation in brief.citations.iter().flat_map(|group| &group.items) {
        let key = citation.key.as_str();
        if looked_up.insert(key)
            && let Some(record) = library.find_including_deleted(key)?
        {
            records.insert(key.to_owned(), record);
        }
    }
    Ok(records)
}

/// The library's view of the cited sources, for the audit.
fn catalog(records: &HashMap<String, SourceRecord>) -> HashMap<String, CatalogEntry> {
    records
        .iter()
        .map(|(key, record)| {
            let entry = CatalogEntry { deleted: record.deleted_at.is_some(), ..CatalogEntry::from(&record.source) };
            (key.clone(), entry)
        })
        .collect()
}

pub fn check(library: &mut Library, path: &Path, json: bool, stats: bool) -> anyhow::Result<()> {
    let (bytes, mut brief) = read_brief(path)?;
    // A brief gets its id on its first save; check is the command line's save. The text
    // is written back only if it was valid UTF-8, so a damaged file is never rewritten.
    if brief.front.id.is_none()
        && brief.front.present
        && let Ok(text) = std::str::from_utf8(&bytes)
    {
        let with_id = mizan_brief::set_id(text, Uuid::new_v4());
        write_atomically(path, &with_id)?;
        brief = mizan_brief::parse(&with_id);
    }
    let catalog = catalog(&cited_records(library, &brief)?);
    let audit = mizan_brief::audit(&brief, &catalog, today());
    if let Some(id) = brief.front.id {
        record(library, &brief, id, path, &catalog)?;
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let current = if brief.text() == text { text.to_owned() } else { brief.text().to_owned() };
            library.save_revision(id, &current)?;
        }
    }
    let localizer = Localizer::plain(brief.lang);
    let errors = audit.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    if json {
        println!("{}", audit.to_json(&localizer));
    } else {
        let mut out = std::io::stdout().lock();
        for d in &audit.diagnostics {
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                path.display(),
                d.line,
                d.column,
                d.severity.as_str(),
                d.code.as_str(),
                d.message(&localizer)
            )?;
        }
        if stats {
            let report = audit.report(&localizer);
            let s = &report.stats;
            let pct = |x: Option<f64>| x.map_or_else(|| "-".to_owned(), |v| format!("{:.0}%", v * 100.0));
            writeln!(
                out,
                "claims: {} ({} facts, {} judgments, {} assumptions); statements sourced: {}/{} ({}); single-source claims: {} ({})",
                s.claims.total,
                s.claims.fact,
                s.claims.judgment,
                s.claims.assumption,
                s.sourced_statements,
                s.statements,
                pct(s.share_sourced),
                s.single_source_claims,
                pct(s.share_single_source)
            )?;
            let grades: Vec<String> = s.reliability.iter().map(|(g, n)| format!("{g}: {n}")).collect();
            writeln!(out, "sources cited: {}; by grade: {}", s.sources_cited, grades.join(", "))?;
        }
        let warnings = audit.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
        writeln!(
            out,
            "{}: {errors} errors, {warnings} warnings, {} notes",
            path.display(),
            audit.diagnostics.len() - errors - warnings
        )?;
    }
    if errors > 0 {
        bail!("{}: the sourcing audit found {errors} errors", path.display());
    }
    Ok(())
}

/// Writes the brief's claims and their citations to the library.
fn record(
    library: &mut Library,
    brief: &Brief,
    id: Uuid,
    path: &Path,
    catalog: &HashMap<String, CatalogEntry>,
) -> anyhow::Result<()> {
    let claims: Vec<ClaimEntry> = brief
        .claims
        .iter()
        .map(|claim| ClaimEntry {
            claim_id: claim.id.to_string(),
            kind: match claim.kind {
                ClaimKind::Fact => mizan_library::ClaimKind::Fact,
                ClaimKind::Judgment => mizan_library::ClaimKind::Judgment,
                ClaimKind::Assumption => mizan_library::ClaimKind::Assumption,
            },
            text: claim.text.clone(),
            section: brief.section(claim.section).and_then(|s| s.id.clone().or_else(|| Some(s.heading.clone()))),
            line: brief.line_col(claim.span.start).0,
            likelihood: claim.likelihood().map(|l| l.id().to_owned()),
            confidence: claim.confidence().map(|c| c.id().to_owned()),
            citations: claim
                .citations
                .iter()
                .map(|c| CitationEntry {
                    key: c.key.to_string(),
                    locator: c.locator.as_ref().map(|l| format!("{} {}", l.label, l.value).trim().to_owned()),
                    excerpt: c.excerpt.as_ref().map(|quoted| {
                        catalog
                            .get(c.key.as_str())
                            .and_then(|entry| mizan_brief::resolve_excerpt(entry, quoted))
                            .map_or_else(|| quoted.clone(), |e| e.id.to_string())
                    }),
                    credibility: c.credibility,
                })
                .collect(),
        })
        .collect();
    let title = brief.front.title.clone().unwrap_or_else(|| path.display().to_string());
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let entry =
        BriefEntry { id, title, lang: brief.lang.code().to_owned(), path: Some(absolute.display().to_string()) };
    library.record_claims(&entry, &claims)?;
    Ok(())
}

pub fn history(library: &mut Library, path: &Path, diff: Option<u32>, restore: Option<u32>) -> anyhow::Result<()> {
    let (bytes, brief) = read_brief(path)?;
    let id = brief.front.id.with_context(|| {
        format!(
            "{} has no id yet, so it has no history; `mizan check` gives it one and stores its first revision",
            path.display()
        )
    })?;
    let revisions = library.revisions(id)?;
    let text_of = |number: u32| -> anyhow::Result<String> {
        library
            .revision_text(id, number)?
            .with_context(|| format!("{} has no revision {number} (it has {})", path.display(), revisions.len()))
    };
    match (diff, restore) {
        (Some(_), Some(_)) => bail!("--diff and --restore go one at a time"),
        (Some(number), None) => {
            let old = text_of(number)?;
            let current = String::from_utf8_lossy(&bytes);
            let diff = similar::TextDiff::from_lines(old.as_str(), current.as_ref());
            print!(
                "{}",
                diff.unified_diff()
                    .context_radius(3)
                    .header(&format!("revision {number}"), &path.display().to_string())
            );
            Ok(())
        }
        (None, Some(number)) => {
            let old = text_of(number)?;
            // Keep what is on disk first, so restoring never loses the current text.
            if let Ok(current) = std::str::from_utf8(&bytes) {
                library.save_revision(id, current)?;
            }
            write_atomically(path, &old)?;
            library.save_revision(id, &old)?;
            println!("restored {} to revision {number}", path.display());
            Ok(())
        }
        (None, None) => {
            if revisions.is_empty() {
                println!("{}: no revisions stored yet", path.display());
            }
            for r in &revisions {
                println!("{:>4}  {}  {}  {} bytes", r.number, r.saved_at, r.saved_by, r.size);
            }
            Ok(())
        }
    }
}

/// Writes beside the target and renames, so a crash never leaves half a brief.
pub fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{name}.mizan-tmp"));
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}

/// `mizan export`: the audit gates it (errors need `--draft`), then the brief is typeset.
pub fn export(
    library: &Library,
    path: &Path,
    output: &Path,
    style: &str,
    paper: &str,
    draft: bool,
) -> anyhow::Result<()> {
    let (_, brief) = read_brief(path)?;
    let style = mizan_export::Style::named(style).map_err(|e| anyhow::anyhow!("--style: {e}"))?;
    let paper = mizan_export::Paper::from_name(paper)
        .with_context(|| format!("--paper: {paper:?} is not a paper size (expected a4 or letter)"))?;
    let records = cited_records(library, &brief)?;
    let audit = mizan_brief::audit(&brief, &catalog(&records), today());
    let errors = audit.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    if errors > 0 && !draft {
        let localizer = Localizer::plain(brief.lang);
        for d in audit.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            eprintln!(
                "{}:{}:{}: error[{}]: {}",
                path.display(),
                d.line,
                d.column,
                d.code.as_str(),
                d.message(&localizer)
            );
        }
        bail!("{}: {errors} audit errors; fix them or export with --draft (watermarked)", path.display());
    }
    // Export looks sources up many times while it lays out notes and the annex: it gets
    // the live cited sources already read for the audit.
    let cited: HashMap<String, mizan_source::Source> = records
        .into_iter()
        .filter(|(_, record)| record.deleted_at.is_none())
        .map(|(key, record)| (key, record.source))
        .collect();
    let options = mizan_export::ExportOptions { style, paper, draft };
    let exported = mizan_export::export_brief(&brief, &cited, &options)?;
    for warning in &exported.warnings {
        eprintln!("{}: warning[{}]: {warning}", path.display(), warning.code());
    }
    let tmp = output.with_extension("pdf.mizan-partial");
    std::fs::write(&tmp, &exported.pdf).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, output).with_context(|| format!("cannot write {}", output.display()))?;
    println!(
        "exported {} to {} ({} pages{})",
        path.display(),
        output.display(),
        exported.pages,
        if draft { ", draft" } else { "" }
    );
    Ok(())
}
