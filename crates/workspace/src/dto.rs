//! The requests and results of the service, as they cross the app's IPC (camelCase
//! JSON) and appear in TypeScript (`ui/src/ipc/bindings.ts` is generated from these by
//! the app crate). The library's model types stay unserialisable: this boundary owns
//! the shape the UI relies on.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language of the UI and of briefs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    Fr,
    En,
}

impl From<Lang> for mizan_i18n::Lang {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Ar => Self::Ar,
            Lang::Fr => Self::Fr,
            Lang::En => Self::En,
        }
    }
}

impl From<mizan_i18n::Lang> for Lang {
    fn from(lang: mizan_i18n::Lang) -> Self {
        match lang {
            mizan_i18n::Lang::Ar => Self::Ar,
            mizan_i18n::Lang::Fr => Self::Fr,
            mizan_i18n::Lang::En => Self::En,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum Person {
    Structured { family: String, given: Option<String> },
    Literal { literal: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceHit {
    pub id: String,
    pub key: String,
    pub title: String,
    pub authors: Vec<Person>,
    pub issued: Option<String>,
    pub language: Option<String>,
    pub kind: String,
    pub grade: Option<String>,
    pub container_title: Option<String>,
    pub tags: Vec<String>,
    pub score: f64,
}

/// `years`: "2020..2025", "2020..", "..2024" or "2025". Empty `text` lists by last change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    pub text: String,
    pub kinds: Vec<String>,
    pub language: Option<String>,
    pub grades: Vec<String>,
    pub years: Option<String>,
    pub tag: Option<String>,
    pub limit: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Excerpt {
    pub id: String,
    pub text: String,
    pub locator: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Grading {
    pub reliability: String,
    pub graded_by: String,
    pub graded_at: String,
}

/// A recorded claim of a brief that cites a source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CitingClaim {
    pub brief_id: String,
    pub brief_title: String,
    pub brief_path: Option<String>,
    pub claim_id: String,
    pub kind: String,
    pub text: String,
    pub line: u32,
    pub locator: Option<String>,
    pub credibility: Option<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceDetail {
    pub id: String,
    pub key: String,
    pub kind: String,
    pub title: String,
    pub authors: Vec<Person>,
    pub issued: Option<String>,
    pub language: Option<String>,
    pub grade: Option<String>,
    pub grading: Option<Grading>,
    pub container_title: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub doi: Option<String>,
    pub pages: Option<String>,
    pub accessed: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub excerpts: Vec<Excerpt>,
    pub created_at: String,
    pub created_by: String,
    pub modified_at: String,
    pub modified_by: String,
    pub cited_by: Vec<CitingClaim>,
}

/// A new or edited source. `key` null on add: one is made from author, year and title.
/// Dates: "2025", "2025-11", "2025-11-20".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceInput {
    pub key: Option<String>,
    pub kind: String,
    pub title: String,
    pub authors: Vec<Person>,
    pub issued: Option<String>,
    pub language: Option<String>,
    pub container_title: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub doi: Option<String>,
    pub pages: Option<String>,
    pub accessed: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub grade: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateSourceRequest {
    pub key: String,
    pub source: SourceInput,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KeyRequest {
    pub key: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GradeRequest {
    pub key: String,
    pub reliability: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddExcerptRequest {
    pub key: String,
    pub text: String,
    pub locator: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum DuplicatePolicy {
    Skip,
    Merge,
    KeepBoth,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRequest {
    pub on_duplicate: DuplicatePolicy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum DuplicateOutcome {
    Skipped,
    Merged,
    KeptBoth,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ImportDuplicate {
    pub incoming: String,
    pub existing: String,
    pub reason: String,
    pub outcome: DuplicateOutcome,
}

/// An entry of the file that could not be read (the others were imported).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ImportRejected {
    pub entry: u32,
    pub line: Option<u32>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ImportSummary {
    pub path: String,
    pub read: u32,
    pub added: u32,
    pub skipped: u32,
    pub merged: u32,
    pub renamed: u32,
    pub duplicates: Vec<ImportDuplicate>,
    pub rejected: Vec<ImportRejected>,
}

/// Payload of the `import-progress` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFormat {
    CslJson,
    Bibtex,
    Ris,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportSourcesRequest {
    pub format: SourceFormat,
    /// Only these sources; null: all of them.
    pub keys: Option<Vec<String>>,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// `from`/`to`: UTF-16 offsets in the text that was analysed (CodeMirror positions).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: String,
    pub line: u32,
    pub column: u32,
    pub from: u32,
    pub to: u32,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Fact,
    Judgment,
    Assumption,
}

/// A claim of record: the preview tints only the claim ids listed here, by this kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ClaimInfo {
    pub id: String,
    pub kind: ClaimKind,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ClaimCounts {
    pub total: u32,
    pub fact: u32,
    pub judgment: u32,
    pub assumption: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub claims: ClaimCounts,
    pub statements: u32,
    pub sourced_statements: u32,
    pub share_sourced: Option<f64>,
    pub cited_claims: u32,
    pub single_source_claims: u32,
    pub share_single_source: Option<f64>,
    pub sources_cited: u32,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A4,
    Letter,
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

pub use crate::dto_sync::*;
