//! `ui/src/ipc/bindings.ts`, generated from the Rust types: every request, result and
//! event payload, the `Commands` table and the `Events` table. A test fails when the
//! committed file differs from what the code generates; `MIZAN_BLESS=1 cargo test -p
//! mizan-app bindings` rewrites it.

use mizan_workspace::WorkspaceError;
use mizan_workspace::dto::*;
use ts_rs::TS;

/// Declarations in the order they appear in the file.
fn declarations() -> Vec<String> {
    macro_rules! decls {
        ($($t:ty),* $(,)?) => { vec![$(<$t as TS>::decl()),*] };
    }
    decls![
        Lang,
        ErrorCode,
        WorkspaceError,
        SourceType,
        Grade,
        Person,
        SourceHit,
        SearchRequest,
        Excerpt,
        Grading,
        CitingClaim,
        SourceDetail,
        SourceInput,
        AddSourceRequest,
        AddedSource,
        UpdateSourceRequest,
        KeyRequest,
        GradeRequest,
        AddExcerptRequest,
        DuplicatePolicy,
        ImportRequest,
        DuplicateOutcome,
        ImportDuplicate,
        ImportRename,
        ImportRejected,
        ImportSummary,
        ImportProgress,
        SourceFormat,
        ExportSourcesRequest,
        TemplateInfo,
        NewBriefRequest,
        BriefText,
        Severity,
        DiagnosticArg,
        Diagnostic,
        ClaimKind,
        ClaimInfo,
        ClaimCounts,
        ReliabilityCounts,
        CredibilityCounts,
        Stats,
        Dir,
        Analysis,
        AnalyzeRequest,
        PreviewArticle,
        PreviewBlock,
        PathRequest,
        OpenedBrief,
        SaveRequest,
        SavedBrief,
        RecentBrief,
        IdRequest,
        Revision,
        RevisionDiffRequest,
        DiffOp,
        DiffLine,
        RevisionDiff,
        RecoveryEntry,
        RecoveryStoreRequest,
        Paper,
        ExportPdfRequest,
        ExportWarningInfo,
        ExportPdfResult,
        ExportStage,
        ExportProgress,
        SampleBrief,
        AppState,
        SetLangRequest,
        UrlRequest,
        SyncRefusedFile,
        SyncReport,
        SyncStatus,
        SyncConflictKind,
        SyncConflictResolution,
        SyncConflictSide,
        SyncConflict,
        SyncConflictsRequest,
        SyncConflictRequest,
    ]
}

use mizan_workspace::ErrorCode;

/// The whole TypeScript file.
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from the Rust types by `MIZAN_BLESS=1 cargo test -p mizan-app bindings`.\n\
         // Do not edit: CI fails when this file and the Rust side disagree.\n\n",
    );
    for decl in declarations() {
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push_str("\n\n");
    }
    out.push_str("/** Every command: its request (null: takes none) and its result. */\nexport type Commands = {\n");
    for (name, req, res) in crate::commands::table() {
        out.push_str(&format!("  \"{name}\": {{ req: {req}, res: {res} }},\n"));
    }
    out.push_str("};\n\n/** Every event the shell emits, with its payload. */\nexport type Events = {\n");
    for (name, payload) in [
        ("import-progress", ImportProgress::name()),
        ("export-progress", ExportProgress::name()),
        (crate::sync::STATUS_EVENT, SyncStatus::name()),
    ] {
        out.push_str(&format!("  \"{name}\": {payload},\n"));
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn bindings_are_up_to_date() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/ipc/bindings.ts");
        let generated = super::typescript();
        if std::env::var_os("MIZAN_BLESS").is_some() {
            std::fs::write(&path, &generated).expect("writing bindings.ts");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is out of date with the Rust types: run `MIZAN_BLESS=1 cargo test -p mizan-app bindings` and commit it",
            path.display()
        );
    }

    #[test]
    fn every_command_is_listed_for_the_capabilities() {
        let table: Vec<&str> = crate::commands::table().into_iter().map(|(name, ..)| name).collect();
        assert_eq!(table, crate::COMMAND_NAMES, "src/command_names.rs and the command table disagree");
    }
}
