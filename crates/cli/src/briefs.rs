//! `mizan new`, `mizan check`, `mizan export`, `mizan history`: briefs on the command
//! line. `check` is the command line's save (see `Workspace::check_brief`).

use std::io::{StdoutLock, Write as _};
use std::path::Path;

use anyhow::bail;
use mizan_workspace::dto::{DiffOp, ExportPdfRequest, Lang, NewBriefRequest, Paper, RevisionDiff, Severity};
use mizan_workspace::{ErrorCode, Workspace};

use crate::output::{Printer, hint, warn};

pub fn new(template: &str, lang: Lang, output: &Path, force: bool, print: Printer) -> anyhow::Result<()> {
    let request = NewBriefRequest { template: template.to_owned(), lang };
    let brief = Workspace::create_brief(&request, output, force).map_err(hint(
        ErrorCode::AlreadyExists,
        None,
        "pass --force to overwrite it",
    ))?;
    print.result(&brief, |out| writeln!(out, "created {} from the {template} template ({lang})", output.display()))
}

pub fn check(workspace: &mut Workspace, path: &Path, stats: bool, print: Printer) -> anyhow::Result<()> {
    let report = workspace.check_brief(path)?;
    let errors = report.count(Severity::Error);
    print.result(&report, |out| {
        for d in &report.diagnostics {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            writeln!(out, "{}:{}:{}: {severity}[{}]: {}", path.display(), d.line, d.column, d.code, d.message)?;
        }
        if stats {
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
            let grades: Vec<String> = s.reliability.entries().iter().map(|(g, n)| format!("{g}: {n}")).collect();
            writeln!(out, "sources cited: {}; by grade: {}", s.sources_cited, grades.join(", "))?;
        }
        let warnings = report.count(Severity::Warning);
        writeln!(
            out,
            "{}: {errors} errors, {warnings} warnings, {} notes",
            path.display(),
            report.diagnostics.len() - errors - warnings
        )
    })?;
    if errors > 0 {
        bail!("{}: the sourcing audit found {errors} errors", path.display());
    }
    Ok(())
}

/// `mizan export`: the app's export of the file's text; the audit gates it.
pub fn export(
    workspace: &mut Workspace,
    path: &Path,
    output: &Path,
    style: String,
    paper: Paper,
    draft: bool,
    print: Printer,
) -> anyhow::Result<()> {
    let text = Workspace::read_brief(path)?;
    let request = ExportPdfRequest { text, path: Some(path.display().to_string()), style, paper, draft, open: false };
    let result = workspace.export_pdf(&request, output).map_err(hint(
        ErrorCode::AuditErrors,
        None,
        "--draft exports it watermarked",
    ))?;
    for warning in &result.warnings {
        let line = warning.line.map(|l| format!("{l}:")).unwrap_or_default();
        warn(&format!("{}:{line} warning[{}]: {}", path.display(), warning.code, warning.message));
    }
    print.result(&result, |out| {
        writeln!(
            out,
            "exported {} to {} ({} pages{})",
            path.display(),
            result.path,
            result.pages,
            if draft { ", draft" } else { "" }
        )
    })
}

pub fn history(
    workspace: &mut Workspace,
    path: &Path,
    diff: Option<u32>,
    restore: Option<u32>,
    print: Printer,
) -> anyhow::Result<()> {
    match (diff, restore) {
        (Some(number), _) => {
            let diff = workspace.diff_with_revision(path, number)?;
            print.result(&diff, |out| unified(out, &diff, &format!("revision {number}"), &path.display().to_string()))
        }
        (None, Some(number)) => {
            let restored = workspace.restore_revision(path, number)?;
            print.result(&restored, |out| writeln!(out, "restored {} to revision {number}", restored.path))
        }
        (None, None) => {
            let history = workspace.brief_history(path)?;
            print.result(&history, |out| {
                if history.revisions.is_empty() {
                    writeln!(out, "{}: no revisions stored yet", history.path)?;
                }
                // Oldest first, as a log reads.
                for r in history.revisions.iter().rev() {
                    writeln!(out, "{:>4}  {}  {}  {} bytes", r.number, r.saved_at, r.saved_by, r.bytes)?;
                }
                Ok(())
            })
        }
    }
}

/// Lines of context kept around each change, as `diff -u` does.
const CONTEXT: usize = 3;

/// The diff in unified form: `---`/`+++` headers, then hunks of changed lines with
/// [`CONTEXT`] lines around them.
fn unified(out: &mut StdoutLock<'_>, diff: &RevisionDiff, old_name: &str, new_name: &str) -> std::io::Result<()> {
    let lines = &diff.lines;
    let changed: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].op != DiffOp::Equal).collect();
    if changed.is_empty() {
        return Ok(());
    }
    writeln!(out, "--- {old_name}")?;
    writeln!(out, "+++ {new_name}")?;
    // Line numbers (1-based) in the old and the new text at the start of each line.
    let mut positions = Vec::with_capacity(lines.len());
    let (mut old, mut new) = (1, 1);
    for line in lines {
        positions.push((old, new));
        match line.op {
            DiffOp::Equal => (old, new) = (old + 1, new + 1),
            DiffOp::Delete => old += 1,
            DiffOp::Insert => new += 1,
        }
    }
    // Changes with at most two contexts of equal lines between them share a hunk.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &c in &changed {
        match hunks.last_mut() {
            Some((_, last)) if c <= *last + 2 * CONTEXT + 1 => *last = c,
            _ => hunks.push((c, c)),
        }
    }
    for (first, last) in hunks {
        let start = first.saturating_sub(CONTEXT);
        let hunk = &lines[start..(last + CONTEXT + 1).min(lines.len())];
        let old_len = hunk.iter().filter(|l| l.op != DiffOp::Insert).count();
        let new_len = hunk.iter().filter(|l| l.op != DiffOp::Delete).count();
        let (old_start, new_start) = positions[start];
        writeln!(out, "@@ -{} +{} @@", range(old_start, old_len), range(new_start, new_len))?;
        for line in hunk {
            let mark = match line.op {
                DiffOp::Equal => ' ',
                DiffOp::Delete => '-',
                DiffOp::Insert => '+',
            };
            writeln!(out, "{mark}{}", line.text)?;
        }
    }
    Ok(())
}

/// `start,len` as `diff -u` writes it (an empty range starts one line before).
fn range(start: usize, len: usize) -> String {
    match len {
        0 => format!("{},0", start.saturating_sub(1)),
        1 => start.to_string(),
        _ => format!("{start},{len}"),
    }
}
