// Generated from the Rust types by `MIZAN_BLESS=1 cargo test -p mizan-app bindings`.
// Do not edit: CI fails when this file and the Rust side disagree.

export type Lang = "ar" | "fr" | "en";

export type ErrorCode = "not_found" | "key_taken" | "duplicate" | "invalid_input" | "io" | "already_exists" | "library" | "newer_schema" | "not_a_library" | "audit_errors" | "export_failed" | "not_permitted" | "no_sync_folder" | "sync_folder" | "cannot_flip" | "internal";

export type IpcError = { code: ErrorCode, message: string, 
/**
 * The request field at fault, when there is one (`key`, `issued`, `title`…).
 */
field: string | null, };

export type SourceType = "article" | "news-article" | "report" | "web-page" | "dataset" | "book" | "chapter" | "official-statement" | "interview" | "social-media-post" | "thesis" | "legal" | "broadcast" | "other";

export type Grade = "A" | "B" | "C" | "D" | "E" | "F";

export type Person = { family: string, given: string | null, } | { literal: string, };

export type SourceHit = { id: string, key: string, title: string, authors: Array<Person>, issued: string | null, language: string | null, kind: SourceType, grade: Grade | null, containerTitle: string | null, tags: Array<string>, 
/**
 * bm25 relevance rounded to 3 decimals, higher is better; 0 without query words.
 */
score: number, };

export type SearchRequest = { text: string, kinds: Array<SourceType>, language: string | null, grades: Array<Grade>, years: string | null, tag: string | null, limit: number, };

export type Excerpt = { id: string, text: string, locator: string | null, };

export type Grading = { reliability: Grade, gradedBy: string, gradedAt: string, };

export type CitingClaim = { briefId: string, briefTitle: string, briefPath: string | null, claimId: string, kind: ClaimKind, text: string, line: number, locator: string | null, credibility: number | null, };

export type SourceDetail = { id: string, key: string, kind: SourceType, title: string, authors: Array<Person>, issued: string | null, language: string | null, grade: Grade | null, grading: Grading | null, containerTitle: string | null, publisher: string | null, url: string | null, doi: string | null, pages: string | null, accessed: string | null, notes: string | null, tags: Array<string>, excerpts: Array<Excerpt>, createdAt: string, createdBy: string, modifiedAt: string, modifiedBy: string, citedBy: Array<CitingClaim>, };

export type SourceInput = { key: string | null, kind: SourceType, title: string, authors: Array<Person>, issued: string | null, language: string | null, containerTitle: string | null, publisher: string | null, url: string | null, doi: string | null, pages: string | null, accessed: string | null, notes: string | null, tags: Array<string>, grade: Grade | null, };

export type AddSourceRequest = { source: SourceInput, onDuplicate: DuplicatePolicy, };

export type AddedSource = { source: SourceDetail, duplicate: ImportDuplicate | null, };

export type UpdateSourceRequest = { key: string, source: SourceInput, };

export type KeyRequest = { key: string, };

export type GradeRequest = { key: string, reliability: Grade, };

export type AddExcerptRequest = { key: string, text: string, locator: string | null, };

export type DuplicatePolicy = "skip" | "merge" | "keep-both";

export type ImportRequest = { onDuplicate: DuplicatePolicy, format: SourceFormat | null, skipInvalid: boolean, };

export type DuplicateOutcome = "skipped" | "merged" | "kept-both";

export type ImportDuplicate = { incoming: string, existing: string, reason: string, outcome: DuplicateOutcome, };

export type ImportRename = { from: string, to: string, };

export type ImportRejected = { entry: number, line: number | null, message: string, };

export type ImportSummary = { path: string, read: number, added: number, skipped: number, merged: number, renamed: number, duplicates: Array<ImportDuplicate>, renames: Array<ImportRename>, rejected: Array<ImportRejected>, };

export type ImportProgress = { done: number, total: number, };

export type SourceFormat = "csl-json" | "bibtex" | "ris";

export type ExportSourcesRequest = { format: SourceFormat | null, 
/**
 * Only these sources; null: all of them.
 */
keys: Array<string> | null, };

export type TemplateInfo = { id: string, langs: Array<Lang>, };

export type NewBriefRequest = { template: string, lang: Lang, };

export type BriefText = { text: string, };

export type Severity = "error" | "warning" | "info";

export type DiagnosticArg = string | number;

export type Diagnostic = { severity: Severity, code: string, line: number, column: number, from: number, to: number, message: string, args: { [key in string]?: DiagnosticArg }, };

export type ClaimKind = "fact" | "judgment" | "assumption";

export type ClaimInfo = { id: string, kind: ClaimKind, line: number, };

export type ClaimCounts = { total: number, fact: number, judgment: number, assumption: number, };

export type ReliabilityCounts = { A: number, B: number, C: number, D: number, E: number, F: number, ungraded: number, };

export type CredibilityCounts = { "1": number, "2": number, "3": number, "4": number, "5": number, "6": number, none: number, };

export type Stats = { claims: ClaimCounts, statements: number, sourcedStatements: number, shareSourced: number | null, citedClaims: number, singleSourceClaims: number, shareSingleSource: number | null, sourcesCited: number, reliability: ReliabilityCounts, credibility: CredibilityCounts, };

export type Dir = "rtl" | "ltr";

export type Analysis = { lang: Lang, dir: Dir, id: string | null, title: string, preview: PreviewArticle, diagnostics: Array<Diagnostic>, claims: Array<ClaimInfo>, stats: Stats, };

export type AnalyzeRequest = { text: string, uiLang: Lang, knownBlocks: Array<string>, };

export type PreviewArticle = { open: string, close: string, blocks: Array<PreviewBlock>, };

export type PreviewBlock = { 
/**
 * Equal keys, equal markup (keys are only comparable within one run of the app).
 */
key: string, line: number, html: string | null, };

export type PathRequest = { path: string, };

export type OpenedBrief = { path: string, text: string, };

export type SaveRequest = { path: string | null, text: string, };

export type SavedBrief = { path: string, text: string, revision: number | null, };

export type RecentBrief = { path: string, title: string, lang: Lang | null, openedAt: string, };

export type IdRequest = { id: string, };

export type Revision = { number: number, savedAt: string, savedBy: string, bytes: number, };

export type RevisionDiffRequest = { id: string, number: number, current: string, };

export type DiffOp = "equal" | "insert" | "delete";

export type DiffLine = { op: DiffOp, text: string, };

export type RevisionDiff = { text: string, lines: Array<DiffLine>, };

export type RecoveryEntry = { key: string, path: string | null, title: string, savedAt: string, text: string, };

export type RecoveryStoreRequest = { key: string, path: string | null, text: string, };

export type Paper = "a4" | "letter";

export type ExportPdfRequest = { text: string, path: string | null, style: string, paper: Paper, draft: boolean, open: boolean, };

export type ExportWarningInfo = { code: string, line: number | null, message: string, };

export type ExportPdfResult = { path: string, pages: number, bytes: number, warnings: Array<ExportWarningInfo>, };

export type ExportStage = "analyse" | "compose" | "write" | "done";

export type ExportProgress = { stage: ExportStage, };

export type SampleBrief = { lang: Lang, path: string, title: string, };

export type AppState = { version: string, uiLang: Lang, analyst: string, libraryPath: string, sourceCount: number, firstStart: boolean, samples: Array<SampleBrief>, recent: Array<RecentBrief>, recovery: Array<RecoveryEntry>, styles: Array<string>, };

export type SetLangRequest = { lang: Lang, };

export type UrlRequest = { url: string, };

export type SyncRefusedFile = { 
/**
 * The file's path inside the shared folder (`mizan-sync/<device>/0000000042.changes`).
 */
name: string, 
/**
 * Its full path.
 */
path: string, reason: string, };

export type SyncReport = { 
/**
 * The shared folder synced with.
 */
folder: string, finishedAt: string, 
/**
 * How long the sync took, start to end.
 */
durationMs: number, 
/**
 * Field changes written to the folder.
 */
sent: number, 
/**
 * Field changes read from other devices' changesets and snapshots.
 */
received: number, 
/**
 * Field changes that changed this library.
 */
applied: number, 
/**
 * New entries in the conflict log.
 */
conflicts: number, 
/**
 * Files refused whole.
 */
refused: Array<SyncRefusedFile>, 
/**
 * Devices whose next changeset has not reached the folder yet.
 */
waiting: number, };

export type SyncStatus = { 
/**
 * The shared folder, once chosen; null: sync is not set up.
 */
folder: string | null, 
/**
 * A sync is running now.
 */
running: boolean, 
/**
 * When the last successful sync ended (kept between runs).
 */
lastSyncAt: string | null, 
/**
 * The last successful sync of this run of the app.
 */
lastReport: SyncReport | null, 
/**
 * Why the last sync failed, if it did (cleared by the next successful one).
 */
lastError: IpcError | null, 
/**
 * Conflicts not yet flipped or dismissed.
 */
openConflicts: number, };

export type SyncConflictKind = "field" | "delete" | "key";

export type SyncConflictResolution = "flipped" | "dismissed";

export type SyncConflictSide = { value: string | null, at: string, author: string, device: string, };

export type SyncConflict = { id: number, kind: SyncConflictKind, 
/**
 * `source` or `excerpt`.
 */
entity: string, 
/**
 * The source concerned (an excerpt's source for an excerpt), as it is now.
 */
sourceKey: string | null, sourceTitle: string | null, 
/**
 * The field, as the library names it (`title`, `container_title`, `grade`…).
 */
field: string, 
/**
 * The value the library holds.
 */
kept: SyncConflictSide, 
/**
 * The value that lost; flipping makes it win.
 */
lost: SyncConflictSide, detectedAt: string, resolution: SyncConflictResolution | null, resolvedAt: string | null, };

export type SyncConflictsRequest = { 
/**
 * Only conflicts not yet flipped or dismissed.
 */
openOnly: boolean, };

export type SyncConflictRequest = { id: number, };

/** Every command: its request (null: takes none) and its result. */
export type Commands = {
  "app_state": { req: null, res: AppState },
  "set_ui_lang": { req: SetLangRequest, res: null },
  "sources_search": { req: SearchRequest, res: Array<SourceHit> },
  "source_get": { req: KeyRequest, res: SourceDetail },
  "source_add": { req: AddSourceRequest, res: AddedSource },
  "source_update": { req: UpdateSourceRequest, res: SourceDetail },
  "source_grade": { req: GradeRequest, res: SourceDetail },
  "source_remove": { req: KeyRequest, res: SourceDetail },
  "source_add_excerpt": { req: AddExcerptRequest, res: Excerpt },
  "sources_import": { req: ImportRequest, res: ImportSummary | null },
  "sources_export": { req: ExportSourcesRequest, res: string | null },
  "brief_templates": { req: null, res: Array<TemplateInfo> },
  "brief_new": { req: NewBriefRequest, res: BriefText },
  "brief_analyze": { req: AnalyzeRequest, res: Analysis },
  "brief_open": { req: null, res: OpenedBrief | null },
  "brief_open_recent": { req: PathRequest, res: OpenedBrief },
  "brief_save": { req: SaveRequest, res: SavedBrief | null },
  "brief_save_as": { req: SaveRequest, res: SavedBrief | null },
  "brief_revisions": { req: IdRequest, res: Array<Revision> },
  "brief_revision_diff": { req: RevisionDiffRequest, res: RevisionDiff },
  "recovery_store": { req: RecoveryStoreRequest, res: null },
  "recovery_discard": { req: KeyRequest, res: null },
  "export_pdf": { req: ExportPdfRequest, res: ExportPdfResult | null },
  "open_url": { req: UrlRequest, res: boolean },
  "sync_status": { req: null, res: SyncStatus },
  "sync_choose_folder": { req: null, res: SyncStatus | null },
  "sync_forget_folder": { req: null, res: SyncStatus },
  "sync_now": { req: null, res: SyncReport },
  "sync_conflicts": { req: SyncConflictsRequest, res: Array<SyncConflict> },
  "sync_conflict_flip": { req: SyncConflictRequest, res: SyncConflict },
  "sync_conflict_dismiss": { req: SyncConflictRequest, res: SyncConflict },
};

/** Every event the shell emits, with its payload. */
export type Events = {
  "import-progress": ImportProgress,
  "export-progress": ExportProgress,
  "sync-status": SyncStatus,
};
