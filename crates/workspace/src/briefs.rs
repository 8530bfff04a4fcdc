//! Briefs: live analysis for the editor, saving (id, claims, revision), the command
//! line's check, new briefs from templates, and the audit-gated PDF.
//!
//! Saving is what the app does on Ctrl+S and what `mizan check` does on the command line:
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

use crate::Workspace;
use crate::dto::*;
use crate::dto_audit::Utf16Index;
use crate::error::{ErrorCode, Result, WorkspaceError};

/// Today's date from the system clock: the one place the workspace reads it for briefs.
pub(crate) fn today() -> PartialDate {
    let (year, month, day) = SystemClock.now().date();
    PartialDate { year, month: Some(month), day: Some(day) }
}

/// Every source the brief cites, live or deleted, read once per key.
pub(crate) fn cited_records(library: &Library, brief: &Brief) -> Result<HashMap<String, SourceRecord>> {
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
pub(crate) fn catalog(records: &HashMap<String, SourceRecord>) -> HashMap<String, CatalogEntry> {
    records
        .iter()
        .map(|(key, record)| {
            let entry = CatalogEntry { deleted: record.deleted_at.is_some(), ..CatalogEntry::from(&record.source) };
            (key.clone(), entry)
        })
        .collect()
}

/// What the editor shows beside the text: preview, diagnostics (in `ui_lang`), claims,
/// figures. The markup of preview blocks whose key is in `known_blocks` is left out.
fn analyze(library: &Library, text: &str, ui_lang: Lang, known_blocks: &[String]) -> Result<Analysis> {
    let brief = mizan_brief::parse(text);
    let catalog = catalog(&cited_records(library, &brief)?);
    let audit = mizan_brief::audit(&brief, &catalog, today());
    let messages = Localizer::plain(ui_lang.into());
    let article = mizan_brief::render_article(&brief, &Localizer::new(brief.lang));
    // The parser repairs invalid UTF-8 only for bytes; `text` is already a str, so
    // offsets in `brief.text()` are offsets in `text`.
    let offsets = Utf16Index::new(brief.text());
    let claims = brief
        .claims
        .iter()
        .map(|c| ClaimInfo { id: c.id.to_string(), kind: c.kind.into(), line: brief.line_of(c.span.start) })
        .collect();
    Ok(Analysis {
        lang: brief.lang.into(),
        dir: if brief.lang.is_rtl() { Dir::Rtl } else { Dir::Ltr },
        id: brief.front.id.map(|id| id.to_string()),
        title: brief.front.title.clone().unwrap_or_default(),
        preview: preview(article, known_blocks),
        diagnostics: audit.diagnostics.iter().map(|d| Diagnostic::new(d, &offsets, &messages)).collect(),
        claims,
        stats: Stats::from(&audit.stats),
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
            kind: ClaimKind::from(claim.kind).into(),
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
pub(crate) struct Saved {
    /// The text as written (with the id added if it had none).
    pub text: String,
    pub brief: Brief,
    pub catalog: HashMap<String, CatalogEntry>,
    /// The revision stored, `None` when the text had not changed since the last one.
    pub revision: Option<u32>,
}

/// Gives the brief its id if it has front matter but no id yet. The text is returned
/// unchanged otherwise.
fn with_id(text: &str) -> String {
    let brief = mizan_brief::parse(text);
    if brief.front.id.is_none() && brief.front.present {
        mizan_brief::set_id(text, Uuid::new_v4())
    } else {
        text.to_owned()
    }
}

/// Records an already written brief: claims into the library and a revision.
fn record_saved(library: &mut Library, path: &Path, text: &str) -> Result<Saved> {
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
pub(crate) fn save(library: &mut Library, path: &Path, text: &str) -> Result<Saved> {
    let text = with_id(text);
    mizan_durable::write_atomically(path, text.as_bytes())?;
    record_saved(library, path, &text)
}

/// Reads a brief file as text; a file that is not UTF-8 is refused rather than repaired,
/// so saving can never write the repair over the original.
pub(crate) fn read(path: &Path) -> Result<String> {
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

fn templates() -> Vec<TemplateInfo> {
    mizan_brief::Template::builtins()
        .iter()
        .map(|t| TemplateInfo { id: t.id.clone(), langs: vec![Lang::Ar, Lang::Fr, Lang::En] })
        .collect()
}

fn new_brief(template: &str, lang: Lang) -> Result<String> {
    mizan_brief::new_brief(template, lang.into(), today())
        .map_err(|e| WorkspaceError::invalid("template", format!("template: {e}")))
}

/// A typeset brief.
#[derive(Debug)]
struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: u32,
    pub warnings: Vec<ExportWarningInfo>,
}

/// Typesets a brief. The audit gates it: with errors, only a draft (watermarked) is made.
fn pdf(library: &Library, text: &str, style: &str, paper: Paper, draft: bool) -> Result<Pdf> {
    let brief = mizan_brief::parse(text);
    let style =
        mizan_export::Style::named(style).map_err(|e| WorkspaceError::invalid("style", format!("style: {e}")))?;
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
    let options = mizan_export::ExportOptions { style, paper: paper.into(), draft };
    let exported = mizan_export::export_brief(&brief, &cited, &options)?;
    let warnings = exported
        .warnings
        .iter()
        .map(|w| ExportWarningInfo { code: w.code().to_owned(), line: warning_line(w), message: w.to_string() })
        .collect();
    Ok(Pdf { bytes: exported.pdf, pages: u32::try_from(exported.pages).unwrap_or(u32::MAX), warnings })
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

impl Workspace {
    pub fn analyze(&self, request: &AnalyzeRequest) -> Result<Analysis> {
        analyze(&self.library, &request.text, request.ui_lang, &request.known_blocks)
    }

    /// Reads a brief the user may open and puts it at the top of the recent list.
    pub fn open_brief(&mut self, path: &str) -> Result<OpenedBrief> {
        let path = self.permitted(path)?;
        let text = read(&path)?;
        self.touch_recent(&path, &mizan_brief::parse(&text))?;
        Ok(OpenedBrief { path: path.display().to_string(), text })
    }

    /// Saves a brief the user may write (see [`Workspace::permitted`]): id, claims,
    /// revision, and the top of the recent list.
    pub fn save_brief(&mut self, path: &str, text: &str) -> Result<SavedBrief> {
        let path = self.permitted(path)?;
        let saved = save(&mut self.library, &path, text)?;
        self.grant(&path);
        self.touch_recent(&path, &saved.brief)?;
        Ok(SavedBrief { path: path.display().to_string(), text: saved.text, revision: saved.revision })
    }

    /// The command line's save: audits the brief file at `path` and, when it is valid
    /// UTF-8, gives it its id (writing the file only then), records its claims and stores
    /// a revision. A file that is not UTF-8 is audited as the parser repairs it (its
    /// diagnostics point at the damage) but neither rewritten nor recorded, so the
    /// original bytes are never lost. Messages are in the brief's language.
    pub fn check_brief(&mut self, path: &Path) -> Result<CheckReport> {
        let bytes = std::fs::read(path).map_err(|e| WorkspaceError::io(path, &e))?;
        let (brief, catalog, revision) = match std::str::from_utf8(&bytes) {
            Ok(text) => {
                let with_id = with_id(text);
                if with_id != text {
                    mizan_durable::write_atomically(path, with_id.as_bytes())?;
                }
                let saved = record_saved(&mut self.library, path, &with_id)?;
                (saved.brief, saved.catalog, saved.revision)
            }
            Err(_) => {
                let brief = mizan_brief::parse_bytes(&bytes);
                let catalog = catalog(&cited_records(&self.library, &brief)?);
                (brief, catalog, None)
            }
        };
        let audit = mizan_brief::audit(&brief, &catalog, today());
        let messages = Localizer::plain(brief.lang);
        let offsets = Utf16Index::new(brief.text());
        Ok(CheckReport {
            path: path.display().to_string(),
            id: brief.front.id.map(|id| id.to_string()),
            revision,
            lang: brief.lang.into(),
            diagnostics: audit.diagnostics.iter().map(|d| Diagnostic::new(d, &offsets, &messages)).collect(),
            stats: Stats::from(&audit.stats),
        })
    }

    /// Reads a brief file the user named as text, refusing one that is not UTF-8 (with
    /// the line of the first bad byte) rather than repairing it.
    pub fn read_brief(path: &Path) -> Result<String> {
        read(path)
    }

    /// A name to offer in the save dialog: the title, made safe for a file name.
    pub fn suggested_name(text: &str, extension: &str) -> String {
        let title = mizan_brief::parse(text).front.title.unwrap_or_default();
        let mut name: String = title
            .chars()
            .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        name = name.chars().take(80).collect();
        if name.is_empty() {
            name = "brief".to_owned();
        }
        format!("{name}.{extension}")
    }

    pub fn templates() -> Vec<TemplateInfo> {
        templates()
    }

    /// A new brief's text from a template, in a language, dated today.
    pub fn new_brief(request: &NewBriefRequest) -> Result<BriefText> {
        Ok(BriefText { text: new_brief(&request.template, request.lang)? })
    }

    /// Writes a new brief to `output` (the command line's `new`); a file already there is
    /// [`ErrorCode::AlreadyExists`] unless `overwrite`.
    pub fn create_brief(request: &NewBriefRequest, output: &Path, overwrite: bool) -> Result<BriefText> {
        let brief = Self::new_brief(request)?;
        if output.exists() && !overwrite {
            return Err(WorkspaceError::new(
                ErrorCode::AlreadyExists,
                format!("{} already exists; choose another name", output.display()),
            ));
        }
        mizan_durable::write_atomically(output, brief.text.as_bytes())?;
        Ok(brief)
    }

    /// Typesets the brief to `output` (which the user chose). The audit gates it: with
    /// errors, only a draft is made ([`ErrorCode::AuditErrors`]).
    pub fn export_pdf(&mut self, request: &ExportPdfRequest, output: &Path) -> Result<ExportPdfResult> {
        let pdf = pdf(&self.library, &request.text, &request.style, request.paper, request.draft)?;
        mizan_durable::write_atomically(output, &pdf.bytes)?;
        self.grant(output);
        Ok(ExportPdfResult {
            path: output.display().to_string(),
            pages: pdf.pages,
            bytes: u32::try_from(pdf.bytes.len()).unwrap_or(u32::MAX),
            warnings: pdf.warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
    }

    #[test]
    fn a_check_reports_diagnostics_with_their_arguments_and_the_figures() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut workspace = Workspace::open_library(&dir.path().join("library.sqlite3"), "Amina").expect("opens");
        let import = ImportRequest { on_duplicate: DuplicatePolicy::Skip, format: None, skip_invalid: false };
        workspace.import_sources(&fixture("sources/sample-library.json"), &import, &mut |_, _| {}).expect("import");
        let brief = dir.path().join("brief.md");
        std::fs::copy(fixture("briefs/audit/unknown-citation-key.md"), &brief).expect("copy");

        let report = workspace.check_brief(&brief).expect("check");
        assert!(report.id.is_some() && report.revision == Some(1), "the check saved it: {report:?}");
        assert_eq!(report.lang, Lang::Fr);
        let json = serde_json::to_value(&report).expect("json");
        let first = &json["diagnostics"][0];
        assert_eq!((first["code"].as_str(), first["severity"].as_str()), (Some("unknown-citation-key"), Some("error")));
        // Line 10 of the fixture, 11 once the check gave the brief its `id:` line.
        assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(11), Some(43)));
        assert_eq!(first["args"]["key"], "cle-qui-n-existe-pas");
        assert!(first["message"].as_str().unwrap_or_default().contains("« cle-qui-n-existe-pas »"), "{first}");
        assert!(first["from"].as_u64() < first["to"].as_u64());
        assert_eq!(json["stats"]["claims"]["fact"], 1);
        assert!(json["stats"]["reliability"]["ungraded"].is_u64() && json["stats"]["credibility"]["none"].is_u64());

        // Checking again changes nothing: same id, no new revision.
        let again = workspace.check_brief(&brief).expect("check again");
        assert_eq!((again.id, again.revision), (report.id, None));
    }

    #[test]
    fn a_brief_that_is_not_utf8_is_audited_but_never_rewritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut workspace = Workspace::open_library(&dir.path().join("library.sqlite3"), "Amina").expect("opens");
        let brief = dir.path().join("damaged.md");
        let bytes = b"---\ntitle: x\nlang: fr\n---\n\nTexte \xff\xfe cass\xc3.\n".to_vec();
        std::fs::write(&brief, &bytes).expect("write");
        let report = workspace.check_brief(&brief).expect("check");
        assert_eq!((report.id.as_deref(), report.revision), (None, None));
        assert!(report.diagnostics.iter().any(|d| d.line == 6), "{:?}", report.diagnostics);
        assert_eq!(std::fs::read(&brief).expect("read"), bytes);
        let refused = Workspace::read_brief(&brief).expect_err("not UTF-8");
        assert!(refused.message.contains("line 6"), "{refused}");
    }
}
