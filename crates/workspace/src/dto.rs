//! The requests and results of the workspace, as they cross the app's IPC and come out
//! of `mizan … --json` (camelCase JSON, the same for both), and as they appear in
//! TypeScript (`ui/src/ipc/bindings.ts` is generated from these by the app crate). The
//! model types inside the crates stay unserialisable: this boundary owns the shape the UI
//! and scripts rely on. Sources, the audit and sync have files of their own, re-exported
//! here, so `mizan_workspace::dto::*` brings every one.

use mizan_export::Paper as ExportPaper;
use mizan_i18n::Lang as I18nLang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mirror! {
    /// A language of the UI and of briefs.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
    #[serde(rename_all = "lowercase")]
    pub enum Lang mirrors I18nLang {
        Ar,
        Fr,
        En,
    }
}

/// `ar`, `fr`, `en`, or a fuller tag of one of them (`fr-FR`).
impl std::str::FromStr for Lang {
    type Err = mizan_i18n::UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse::<I18nLang>().map(Self::from)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(I18nLang::from(*self).code())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TemplateInfo {
    pub id: String,
    pub langs: Vec<Lang>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewBriefRequest {
    pub template: String,
    pub lang: Lang,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BriefText {
    pub text: String,
}

/// A claim of record: the preview tints only the claim ids listed here, by this kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ClaimInfo {
    pub id: String,
    pub kind: ClaimKind,
    pub line: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    Rtl,
    Ltr,
}

/// Diagnostic messages are in `uiLang`; claim labels in the preview in the brief's
/// language.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Analysis {
    pub lang: Lang,
    pub dir: Dir,
    pub id: Option<String>,
    pub title: String,
    pub preview: PreviewArticle,
    pub diagnostics: Vec<Diagnostic>,
    pub claims: Vec<ClaimInfo>,
    pub stats: Stats,
}

/// The preview: `open`, then the blocks in order, then `close` make the sanitised
/// article, in which every block element carries `data-line` (the 1-based line where
/// it starts).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PreviewArticle {
    pub open: String,
    pub close: String,
    pub blocks: Vec<PreviewBlock>,
}

/// One top-level block of the preview. `html` counts its `data-line` values from the
/// block's first line: add `line` to each value made only of digits (when `line` is not
/// 0) to get the article's. `html` is null when the request listed `key` in
/// `knownBlocks`: the UI already holds that markup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PreviewBlock {
    /// Equal keys, equal markup (keys are only comparable within one run of the app).
    pub key: String,
    pub line: u32,
    pub html: Option<String>,
}

/// `knownBlocks`: keys of preview blocks whose markup the UI holds (see [`PreviewBlock`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnalyzeRequest {
    pub text: String,
    pub ui_lang: Lang,
    #[serde(default)]
    pub known_blocks: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PathRequest {
    pub path: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OpenedBrief {
    pub path: String,
    pub text: String,
}

/// `path` null: asks where with the native save dialog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaveRequest {
    pub path: Option<String>,
    pub text: String,
}

/// `text` differs from what was sent when saving gave the brief its `id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SavedBrief {
    pub path: String,
    pub text: String,
    pub revision: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentBrief {
    pub path: String,
    pub title: String,
    pub lang: Option<Lang>,
    pub opened_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IdRequest {
    pub id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Revision {
    pub number: u32,
    pub saved_at: String,
    pub saved_by: String,
    pub bytes: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RevisionDiffRequest {
    pub id: String,
    pub number: u32,
    pub current: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DiffOp {
    Equal,
    Insert,
    Delete,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DiffLine {
    pub op: DiffOp,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RevisionDiff {
    pub text: String,
    pub lines: Vec<DiffLine>,
}

/// Autosaved text of an open brief; `key` is the UI's id for the open document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryEntry {
    pub key: String,
    pub path: Option<String>,
    pub title: String,
    pub saved_at: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecoveryStoreRequest {
    pub key: String,
    pub path: Option<String>,
    pub text: String,
}

mirror! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
    #[serde(rename_all = "lowercase")]
    pub enum Paper mirrors ExportPaper {
        A4,
        Letter,
    }
}

/// `a4`, `letter` (any case, `us-letter` too).
impl std::str::FromStr for Paper {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ExportPaper::from_name(s)
            .map(Self::from)
            .ok_or_else(|| format!("{s:?} is not a paper size (expected a4 or letter)"))
    }
}

/// `path`: the brief's file, for the default PDF name. The shell asks where to write
/// with the native save dialog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportPdfRequest {
    pub text: String,
    pub path: Option<String>,
    pub style: String,
    pub paper: Paper,
    pub draft: bool,
    pub open: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ExportWarningInfo {
    pub code: String,
    pub line: Option<u32>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ExportPdfResult {
    pub path: String,
    pub pages: u32,
    pub bytes: u32,
    pub warnings: Vec<ExportWarningInfo>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportStage {
    Analyse,
    Compose,
    Write,
    Done,
}

/// Payload of the `export-progress` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ExportProgress {
    pub stage: ExportStage,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SampleBrief {
    pub lang: Lang,
    pub path: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppState {
    pub version: String,
    pub ui_lang: Lang,
    pub analyst: String,
    pub library_path: String,
    pub source_count: u32,
    pub first_start: bool,
    pub samples: Vec<SampleBrief>,
    pub recent: Vec<RecentBrief>,
    pub recovery: Vec<RecoveryEntry>,
    pub styles: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetLangRequest {
    pub lang: Lang,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UrlRequest {
    pub url: String,
}

/// A brief's stored revisions, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BriefHistory {
    pub path: String,
    pub id: String,
    pub revisions: Vec<Revision>,
}

/// A brief file put back to one of its revisions (the text it replaced is stored first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RestoredRevision {
    pub path: String,
    pub number: u32,
}

/// A problem `library check` found. `repairable`: derived data (the search index, the
/// columns duplicate detection reads) that a repair rebuilds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct LibraryProblem {
    /// The source concerned (its key or id), when the problem is about one.
    pub source: Option<String>,
    pub message: String,
    pub repairable: bool,
}

/// The library file's integrity and consistency; `repaired`: derived data was rebuilt
/// (the counts and problems are those found after).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct LibraryCheck {
    pub path: String,
    pub sources: u32,
    pub excerpts: u32,
    pub deleted: u32,
    pub problems: Vec<LibraryProblem>,
    pub repaired: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct LibraryBackup {
    pub library: String,
    pub backup: String,
}

/// `previous`: the folder holding the backup of what the restore replaced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct LibraryRestore {
    pub library: String,
    pub from: String,
    pub previous: Option<String>,
}

pub use crate::dto_audit::*;
pub use crate::dto_sources::*;
pub use crate::dto_sync::*;
