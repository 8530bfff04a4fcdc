//! `mizan new`, `mizan check`, `mizan history`: briefs on the command line.
//!
//! `mizan check` is the command line's save: besides auditing, it gives a brief without an
//! id its id (the only change it makes to the file), records the brief's claims in the
//! library, and stores a revision when the text changed since the last one.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;

use anyhow::{Context, bail};
use mizan_brief::{Brief, Lang, Severity};
use mizan_i18n::Localizer;
use mizan_library::Library;
use mizan_workspace::briefs::{catalog, cited_records, today};

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

pub fn check(library: &mut Library, path: &Path, json: bool, stats: bool) -> anyhow::Result<()> {
    let (bytes, mut brief) = read_brief(path)?;
    // A brief gets its id on its first save; check is the command line's save. The text
    // is written back only if it was valid UTF-8, so a damaged file is never rewritten.
    let catalog = match std::str::from_utf8(&bytes) {
        Ok(text) => {
            let with_id = mizan_workspace::briefs::with_id(text);
            if with_id != text {
                write_atomically(path, &with_id)?;
            }
            let saved = mizan_workspace::briefs::record_saved(library, path, &with_id)?;
            brief = saved.brief;
            saved.catalog
        }
        Err(_) => catalog(&cited_records(library, &brief)?),
    };
    let audit = mizan_brief::audit(&brief, &catalog, today());
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
    Ok(mizan_workspace::write_atomically(path, text.as_bytes())?)
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
