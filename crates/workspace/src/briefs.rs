//! Briefs: live analysis for the editor, saving (id, claims, revision), history, PDF.
//!
//! Saving is what `mizan check` does on the command line and what the app does on Ctrl+S:
//! a brief without an id gets one (the only change made to the text), its claims are
//! recorded in the library so a source knows who cites it, and the text is stored as a
//! revision when it changed since the last one.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use mizan_brief::{Brief, CatalogEntry, Severity as BriefSeverity};
use mizan_i18n::Localizer;
use mizan_library::{BriefEntry, CitationEntry, ClaimEntry, Library, SourceRecord};
use mizan_source::{Clock, PartialDate, SystemClock};
use uuid::Uuid;

use crate::dto::{
    Analysis, ClaimCounts, ClaimInfo, ClaimKind, Diagnostic, DiffLine, DiffOp, Dir, ExportWarningInfo, Lang, Paper,
    PreviewArticle, PreviewBlock, Revision, RevisionDiff, Severity, Stats, TemplateInfo,
};
use crate::error::{ErrorCode, Result, WorkspaceError};
use crate::paths::write_atomically;

/// Today's date from the system clock: the one place the service reads it.
pub fn today() -> PartialDate {
    let (year, month, day) = SystemClock.now().date();
    PartialDate { year, month: Some(month), day: Some(day) }
}

/// Every source the brief cites, live or deleted, read once per key.
pub fn cited_records(library: &Library, brief: &Brief) -> Result<HashMap<String, SourceRecord>> {
    let mut records = HashMap::new();
    let mut looked_up = HashSet::new();
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
pub fn catalog(records: &HashMap<String, SourceRecord>) -> HashMap<String, CatalogEntry> {
    records
        .iter()
        .map(|(key, record)| {
            let entry = CatalogEntry { deleted: record.deleted_at.is_some(), ..CatalogEntry::from(&record.source) };
            (key.clone(), entry)
        })
        .collect()
}

/// Byte offsets of a text as UTF-16 offsets (what JavaScript and CodeMirror count).
struct Utf16Index<'t> {
    text: &'t str,
    /// (byte offset, UTF-16 offset) every [`CHECKPOINT`] bytes or so.
    checkpoints: Vec<(usize, usize)>,
}

/// A lookup counts at most this many bytes: a brief has thousands of claim and
/// diagnostic positions to convert after every keystroke, and a table of one entry per
/// 128 bytes is small (a 72 KB brief: 9 KB).
const CHECKPOINT: usize = 128;

impl<'t> Utf16Index<'t> {
    fn new(text: &'t str) -> Self {
        let mut checkpoints = vec![(0, 0)];
        let mut units = 0;
        let mut next = CHECKPOINT;
        for (i, ch) in text.char_indices() {
            if i >= next {
                checkpoints.push((i, units));
                next = i + CHECKPOINT;
            }
            units += ch.len_utf16();
        }
        Self { text, checkpoints }
    }

    fn at(&self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        let i = self.checkpoints.partition_point(|&(o, _)| o <= offset).saturating_sub(1);
        let (base, units) = self.checkpoints.get(i).copied().unwrap_or((0, 0));
        let between = self.text.get(base..offset).map_or(offset - base, |s| s.chars().map(char::len_utf16).sum());
        u32::try_from(units + between).unwrap_or(u32::MAX)
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn claim_kind(kind: mizan_brief::ClaimKind) -> ClaimKind {
    match kind {
        mizan_brief::ClaimKind::Fact => ClaimKind::Fact,
        mizan_brief::ClaimKind::Judgment => ClaimKind::Judgment,
        mizan_brief::ClaimKind::Assumption => ClaimKind::Assumption,
    }
}

/// What the editor shows beside the text: preview, diagnostics, claims, figures. The
/// markup of preview blocks whose key is in `known_blocks` is left out.
pub fn analyze(library: &Library, text: &str, ui_lang: Lang, known_blocks: &[String]) -> Result<Analysis> {
    let brief = mizan_brief::parse(text);
    let catalog = catalog(&cited_records(library, &brief)?);
    let audit = mizan_brief::audit(&brief, &catalog, today());
    let messages = Localizer::plain(ui_lang.into());
    let article = mizan_brief::render_article(&brief, &Localizer::new(brief.lang));
    // The parser repairs invalid UTF-8 only for bytes; `text` is already a str, so
    // offsets in `brief.text()` are offsets in `text`.
    let index = Utf16Index::new(brief.text());
    let diagnostics = audit
        .diagnostics
        .iter()
        .map(|d| Diagnostic {
            severity: match d.severity {
                BriefSeverity::Error => Severity::Error,
                BriefSeverity::Warning => Severity::Warning,
                BriefSeverity::Info => Severity::Info,
            },
            code: d.code.as_str().to_owned(),
            line: d.line,
            column: d.column,
            from: index.at(d.span.start),
            to: index.at(d.span.end.max(d.span.start)),
            message: d.message(&messages),
        })
        .collect();
    let claims = brief
        .claims
        .iter()
        .map(|c| ClaimInfo { id: c.id.to_string(), kind: claim_kind(c.kind), line: brief.line_of(c.span.start) })
        .collect();
    let s = &audit.stats;
    let stats = Stats {
        claims: ClaimCounts {
            total: count(s.facts + s.judgments + s.assumptions),
            fact: count(s.facts),
            judgment: count(s.judgments),
            assumption: count(s.assumptions),
        },
        statements: count(s.statements),
        sourced_statements: count(s.sourced_statements),
        share_sourced: s.share_sourced(),
        cited_claims: count(s.cited_claims),
        single_source_claims: count(s.single_source_claims),
        share_single_source: s.share_single_source(),
        sources_cited: count(s.sources_cited),
    };
    Ok(Analysis {
        lang: brief.lang.into(),
        dir: if brief.lang.is_rtl() { Dir::Rtl } else { Dir::Ltr },
        id: brief.front.id.map(|id| id.to_string()),
        title: brief.front.title.clone().unwrap_or_default(),
        preview: preview(article, known_blocks),
        diagnostics,
        claims,
        stats,
    })
}

/// The article for the UI, leaving out the markup of blocks it already holds.
fn preview(article: mizan_brief::Article, known_blocks: &[String]) -> PreviewArticle {
    let known: HashSet<u64> = known_blocks.iter().filter_map(|k| u64::from_str_radix(k, 16).ok()).collect();
    PreviewArticle {
        open: article.open,
        close: mizan_brief::Article::CLOSE.to_owned(),
        blocks: article
            .blocks
            .into_iter()
            .map(|b| PreviewBlock {
                key: format!("{:016x}", b.key),
                line: b.line_offset,
                html: (!known.contains(&b.key)).then(|| b.markup.to_string()),
            })
            .collect(),
    }
}

/// Writes the brief's claims and their citations to the library.
fn record(
    library: &mut Library,
    brief: &Brief,
    id: Uuid,
    path: &Path,
    catalog: &HashMap<String, CatalogEntry>,
) -> Result<()> {
    let claims: Vec<ClaimEntry> = brief
        .claims
        .iter()
        .map(|claim| ClaimEntry {
            claim_id: claim.id.to_string(),
            kind: match claim.kind {
                mizan_brief::ClaimKind::Fact => mizan_library::ClaimKind::Fact,
                mizan_brief::ClaimKind::Judgment => mizan_library::ClaimKind::Judgment,
                mizan_brief::ClaimKind::Assumption => mizan_library::ClaimKind::Assumption,
            },
            text: claim.text.clone(),
            section: brief.section(claim.section).and_then(|s| s.id.clone().or_else(|| Some(s.heading.clone()))),
            line: brief.line_of(claim.span.start),
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

/// What saving did.
#[derive(Debug)]
pub struct Saved {
    /// The text as written (with the id added if it had none).
    pub text: String,
    pub brief: Brief,
    pub catalog: HashMap<String, CatalogEntry>,
    /// The revision stored, `None` when the text had not changed since the last one.
    pub revision: Option<u32>,
}

/// Gives the brief its id if it has front matter but no id yet. The text is returned
/// unchanged otherwise.
pub fn with_id(text: &str) -> String {
    let brief = mizan_brief::parse(text);
    if brief.front.id.is_none() && brief.front.present {
        mizan_brief::set_id(text, Uuid::new_v4())
    } else {
        text.to_owned()
    }
}

/// Records an already written brief: claims into the library and a revision.
pub fn record_saved(library: &mut Library, path: &Path, text: &str) -> Result<Saved> {
    let brief = mizan_brief::parse(text);
    let catalog = catalog(&cited_records(library, &brief)?);
    let mut revision = None;
    if let Some(id) = brief.front.id {
        record(library, &brief, id, path, &catalog)?;
        revision = library.save_revision(id, brief.text())?;
    }
    Ok(Saved { text: text.to_owned(), brief, catalog, revision })
}

/// Saves `text` to `path` (atomically): id, claims, revision.
pub fn save(library: &mut Library, path: &Path, text: &str) -> Result<Saved> {
    let text = with_id(text);
    write_atomically(path, text.as_bytes())?;
    record_saved(library, path, &text)
}

/// Reads a brief file as text; a file that is not UTF-8 is refused rather than repaired,
/// so saving can never write the repair over the original.
pub fn read(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| WorkspaceError::io(path, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = e.as_bytes().get(..offset).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1;
        WorkspaceError::new(
            ErrorCode::InvalidInput,
            format!(
                "{}, line {line}: not valid UTF-8 (byte {offset}); open it in a text editor and save it as UTF-8",
                path.display()
            ),
        )
    })
}

fn brief_id(id: &str) -> Result<Uuid> {
    Uuid::parse_str(id.trim()).map_err(|e| WorkspaceError::invalid("id", format!("id: {e}")))
}

pub fn revisions(library: &Library, id: &str) -> Result<Vec<Revision>> {
    Ok(library
        .revisions(brief_id(id)?)?
        .into_iter()
        .rev()
        .map(|r| Revision {
            number: r.number,
            saved_at: r.saved_at.to_string(),
            saved_by: r.saved_by,
            bytes: u32::try_from(r.size).unwrap_or(u32::MAX),
        })
        .collect())
}

/// A stored revision and how the current text differs from it, line by line.
pub fn revision_diff(library: &Library, id: &str, number: u32, current: &str) -> Result<RevisionDiff> {
    let old = library
        .revision_text(brief_id(id)?, number)?
        .ok_or_else(|| WorkspaceError::not_found(format!("brief {id} has no revision {number}")))?;
    let diff = similar::TextDiff::from_lines(old.as_str(), current);
    let lines = diff
        .iter_all_changes()
        .map(|change| DiffLine {
            op: match change.tag() {
                similar::ChangeTag::Equal => DiffOp::Equal,
                similar::ChangeTag::Insert => DiffOp::Insert,
                similar::ChangeTag::Delete => DiffOp::Delete,
            },
            text: change.value().trim_end_matches('\n').to_owned(),
        })
        .collect();
    Ok(RevisionDiff { text: old, lines })
}

pub fn templates() -> Vec<TemplateInfo> {
    mizan_brief::Template::builtins()
        .iter()
        .map(|t| TemplateInfo { id: t.id.clone(), langs: vec![Lang::Ar, Lang::Fr, Lang::En] })
        .collect()
}

pub fn new_brief(template: &str, lang: Lang) -> Result<String> {
    mizan_brief::new_brief(template, lang.into(), today())
        .map_err(|e| WorkspaceError::invalid("template", format!("template: {e}")))
}

/// A typeset brief.
#[derive(Debug)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: u32,
    pub warnings: Vec<ExportWarningInfo>,
}

/// Typesets a brief. The audit gates it: with errors, only a draft (watermarked) is made.
pub fn pdf(library: &Library, text: &str, style: &str, paper: Paper, draft: bool) -> Result<Pdf> {
    let brief = mizan_brief::parse(text);
    let style = mizan_export::Style::named(style).map_err(|e| WorkspaceError::invalid("style", e.to_string()))?;
    let records = cited_records(library, &brief)?;
    let audit = mizan_brief::audit(&brief, &catalog(&records), today());
    let errors: Vec<_> = audit.diagnostics.iter().filter(|d| d.severity == BriefSeverity::Error).collect();
    if !errors.is_empty() && !draft {
        let localizer = Localizer::plain(brief.lang);
        let first =
            errors.iter().take(3).map(|d| format!("line {}: {}", d.line, d.message(&localizer))).collect::<Vec<_>>();
        return Err(WorkspaceError::new(
            ErrorCode::AuditErrors,
            format!("{} audit errors; fix them or export a draft ({})", errors.len(), first.join("; ")),
        ));
    }
    let cited: HashMap<String, mizan_source::Source> = records
        .into_iter()
        .filter(|(_, record)| record.deleted_at.is_none())
        .map(|(key, record)| (key, record.source))
        .collect();
    let paper = match paper {
        Paper::A4 => mizan_export::Paper::A4,
        Paper::Letter => mizan_export::Paper::Letter,
    };
    let exported = mizan_export::export_brief(&brief, &cited, &mizan_export::ExportOptions { style, paper, draft })?;
    let warnings = exported
        .warnings
        .iter()
        .map(|w| ExportWarningInfo { code: w.code().to_owned(), line: warning_line(w), message: w.to_string() })
        .collect();
    Ok(Pdf { bytes: exported.pdf, pages: count(exported.pages), warnings })
}

fn warning_line(warning: &mizan_export::ExportWarning) -> Option<u32> {
    use mizan_export::ExportWarning as W;
    match warning {
        W::MissingGlyph { line, .. }
        | W::Overfull { line, .. }
        | W::UnknownSource { line, .. }
        | W::Unsupported { line, .. } => Some(*line),
        W::NoDate | W::NotesCarriedOver { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_astral_characters_twice() {
        let text = "a😀b";
        let index = Utf16Index::new(text);
        assert_eq!(index.at(0), 0);
        assert_eq!(index.at(1), 1);
        assert_eq!(index.at(5), 3);
        assert_eq!(index.at(6), 4);
        assert_eq!(index.at(100), 4, "past the end clamps");
        let long: String = "بماكو ".repeat(2000) + "😀x";
        let index = Utf16Index::new(&long);
        let end = long.len();
        assert_eq!(index.at(end) as usize, long.encode_utf16().count());
        assert_eq!(index.at(end - 1) as usize, long.encode_utf16().count() - 1);
    }
}
