//! The IPC commands: each is one call into `mizan_workspace`, plus a native dialog where
//! the user must choose a file. Every command has the same shape, `(app, req) ->
//! Result<Res, IpcError>`, so one table gives the handler, the permission list check and
//! the TypeScript types (`crate::bindings`).

use std::sync::{Mutex, MutexGuard};

use mizan_i18n::Localizer;
use mizan_workspace::dto::*;
use mizan_workspace::{ErrorCode, Workspace, WorkspaceError};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_opener::OpenerExt;

use crate::dialogs::{Dialogs, Filter};

/// What the app manages: the workspace behind a lock, how to ask the user, and the sync
/// runner (one sync at a time, periodic sync; see `crate::sync`).
#[derive(Debug)]
pub struct Shell {
    pub workspace: Mutex<Workspace>,
    pub dialogs: Dialogs,
    pub sync: crate::sync::Runner,
}

pub(crate) type Res<T> = Result<T, WorkspaceError>;

pub(crate) fn shell<R: Runtime>(app: &AppHandle<R>) -> Res<&Shell> {
    app.try_state::<Shell>()
        .map(|s| s.inner())
        .ok_or_else(|| WorkspaceError::new(ErrorCode::Internal, "the library is not open"))
}

/// The workspace, locked. A panic in an earlier request poisons the lock; the library's
/// writes are transactions, so its state is still whole and the lock is taken anyway.
pub(crate) fn workspace<R: Runtime>(app: &AppHandle<R>) -> Res<MutexGuard<'_, Workspace>> {
    Ok(shell(app)?.workspace.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
}

pub(crate) fn l10n<R: Runtime>(app: &AppHandle<R>) -> Res<Localizer> {
    Ok(Localizer::plain(workspace(app)?.ui_lang().into()))
}

const BRIEFS: Filter = ("shell-filter-briefs", &["md", "markdown", "txt"]);
const PDF: Filter = ("shell-filter-pdf", &["pdf"]);
const SOURCE_FILES: Filter = ("shell-filter-sources", &["json", "bib", "ris"]);

/// Asks where to save a brief and saves it there.
fn save_as<R: Runtime>(app: &AppHandle<R>, req: &SaveRequest) -> Res<Option<SavedBrief>> {
    let shell = shell(app)?;
    let (folder, name) = {
        let workspace = workspace(app)?;
        let current = req.path.as_deref().map(std::path::Path::new);
        let folder = current.and_then(|p| p.parent()).map(std::path::Path::to_path_buf);
        let name = current
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| Workspace::suggested_name(&req.text, "md"));
        (folder.or_else(|| workspace.briefs_dir()), name)
    };
    let Some(path) = shell.dialogs.save(app, &l10n(app)?, "shell-save-brief", &[BRIEFS], &name, folder.as_deref())
    else {
        return Ok(None);
    };
    let mut workspace = workspace(app)?;
    workspace.grant(&path);
    workspace.save_brief(&path.display().to_string(), &req.text).map(Some)
}

fn http_url(raw: &str) -> Res<url::Url> {
    let invalid = |why: &str| WorkspaceError::invalid("url", format!("url: {why}"));
    let url = url::Url::parse(raw.trim()).map_err(|e| invalid(&format!("{raw:?} is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(invalid(&format!("only http and https links open in the browser, not {:?}", url.scheme())));
    }
    Ok(url)
}

macro_rules! commands {
    ($( $(#[$doc:meta])* $name:ident($app:ident, $req:ident: $Req:ty) -> $Ret:ty $body:block )*) => {
        $(
            $(#[$doc])*
            #[allow(unused_braces)]
            #[tauri::command(async)]
            pub async fn $name<R: Runtime>($app: AppHandle<R>, $req: $Req) -> Res<$Ret> {
                let $app = &$app;
                $body
            }
        )*

        /// The invoke handler over every command.
        pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// (name, TypeScript request type, TypeScript result type) of every command.
        pub fn table() -> Vec<(&'static str, String, String)> {
            use ts_rs::TS;
            vec![$((stringify!($name), <$Req as TS>::name(), <$Ret as TS>::name())),*]
        }
    };
}

commands! {
    /// What the UI needs at start: language, samples, recent briefs, recovery.
    app_state(app, _req: ()) -> AppState { workspace(app)?.app_state() }

    set_ui_lang(app, req: SetLangRequest) -> () { workspace(app)?.set_ui_lang(req.lang) }

    sources_search(app, req: SearchRequest) -> Vec<SourceHit> { workspace(app)?.search(&req) }

    source_get(app, req: KeyRequest) -> SourceDetail { workspace(app)?.source(&req.key) }

    source_add(app, req: AddSourceRequest) -> AddedSource { workspace(app)?.add_source(&req) }

    source_update(app, req: UpdateSourceRequest) -> SourceDetail { workspace(app)?.update_source(&req) }

    source_grade(app, req: GradeRequest) -> SourceDetail { workspace(app)?.grade_source(&req) }

    /// Removes a source; the result lists the claims that cited it.
    source_remove(app, req: KeyRequest) -> SourceDetail { workspace(app)?.remove_source(&req.key) }

    source_add_excerpt(app, req: AddExcerptRequest) -> Excerpt { workspace(app)?.add_excerpt(&req) }

    /// Asks for a file, imports it, reporting progress with `import-progress` events.
    sources_import(app, req: ImportRequest) -> Option<ImportSummary> {
        let Some(path) = shell(app)?.dialogs.open(app, &l10n(app)?, "shell-import-sources", &[SOURCE_FILES]) else {
            return Ok(None);
        };
        let mut workspace = workspace(app)?;
        workspace.grant(&path);
        let mut progress = |done: usize, total: usize| {
            let p = ImportProgress { done: u32::try_from(done).unwrap_or(u32::MAX), total: u32::try_from(total).unwrap_or(u32::MAX) };
            let _ = app.emit("import-progress", p);
        };
        workspace.import_sources(&path, &req, &mut progress).map(Some)
    }

    /// Asks where, and writes the sources there; returns the path.
    sources_export(app, req: ExportSourcesRequest) -> Option<String> {
        let (filter, extension): (Filter, &str) = match req.format {
            None | Some(SourceFormat::CslJson) => (("shell-filter-csl-json", &["json"]), "json"),
            Some(SourceFormat::Bibtex) => (("shell-filter-bibtex", &["bib"]), "bib"),
            Some(SourceFormat::Ris) => (("shell-filter-ris", &["ris"]), "ris"),
        };
        let name = format!("sources.{extension}");
        let Some(path) = shell(app)?.dialogs.save(app, &l10n(app)?, "shell-export-sources", &[filter], &name, None) else {
            return Ok(None);
        };
        let mut workspace = workspace(app)?;
        workspace.grant(&path);
        workspace.export_sources(&req, &path).map(|exported| Some(exported.path))
    }

    brief_templates(_app, _req: ()) -> Vec<TemplateInfo> { Ok(Workspace::templates()) }

    brief_new(_app, req: NewBriefRequest) -> BriefText { Workspace::new_brief(&req) }

    /// The live pipeline: preview HTML, diagnostics, claims and figures for the text.
    brief_analyze(app, req: AnalyzeRequest) -> Analysis { workspace(app)?.analyze(&req) }

    brief_open(app, _req: ()) -> Option<OpenedBrief> {
        let Some(path) = shell(app)?.dialogs.open(app, &l10n(app)?, "shell-open-brief", &[BRIEFS]) else {
            return Ok(None);
        };
        let mut workspace = workspace(app)?;
        workspace.grant(&path);
        workspace.open_brief(&path.display().to_string()).map(Some)
    }

    /// Opens a brief of the recent list or a sample (nothing else: see `Workspace::permitted`).
    brief_open_recent(app, req: PathRequest) -> OpenedBrief { workspace(app)?.open_brief(&req.path) }

    /// Saves to `path`, or asks where when it is null.
    brief_save(app, req: SaveRequest) -> Option<SavedBrief> {
        match req.path.as_deref() {
            Some(path) => workspace(app)?.save_brief(path, &req.text).map(Some),
            None => save_as(app, &req),
        }
    }

    brief_save_as(app, req: SaveRequest) -> Option<SavedBrief> { save_as(app, &req) }

    brief_revisions(app, req: IdRequest) -> Vec<Revision> { workspace(app)?.revisions(&req.id) }

    brief_revision_diff(app, req: RevisionDiffRequest) -> RevisionDiff { workspace(app)?.revision_diff(&req) }

    recovery_store(app, req: RecoveryStoreRequest) -> () { workspace(app)?.store_recovery(&req) }

    recovery_discard(app, req: KeyRequest) -> () { workspace(app)?.discard_recovery(&req.key) }

    /// Asks where, typesets, writes, and opens the PDF in the system viewer if asked.
    export_pdf(app, req: ExportPdfRequest) -> Option<ExportPdfResult> {
        let name = match req.path.as_deref().and_then(|p| std::path::Path::new(p).file_stem()) {
            Some(stem) => format!("{}.pdf", stem.to_string_lossy()),
            None => Workspace::suggested_name(&req.text, "pdf"),
        };
        let folder = req.path.as_deref().and_then(|p| std::path::Path::new(p).parent()).map(std::path::Path::to_path_buf);
        let shell = shell(app)?;
        let Some(output) = shell.dialogs.save(app, &l10n(app)?, "shell-export-pdf", &[PDF], &name, folder.as_deref()) else {
            return Ok(None);
        };
        let _ = app.emit("export-progress", ExportProgress { stage: ExportStage::Compose });
        let result = workspace(app)?.export_pdf(&req, &output)?;
        let _ = app.emit("export-progress", ExportProgress { stage: ExportStage::Done });
        if req.open && matches!(shell.dialogs, Dialogs::Native) {
            app.opener()
                .open_path(result.path.clone(), None::<&str>)
                .map_err(|e| WorkspaceError::new(ErrorCode::Io, format!("{}: cannot open: {e}", result.path)))?;
        }
        Ok(Some(result))
    }

    /// Opens an http(s) link in the system browser after the user confirms. False when
    /// the user declined.
    open_url(app, req: UrlRequest) -> bool {
        let url = http_url(&req.url)?;
        if !shell(app)?.dialogs.confirm_url(app, &l10n(app)?, url.as_str()) {
            return Ok(false);
        }
        app.opener()
            .open_url(url.as_str(), None::<&str>)
            .map_err(|e| WorkspaceError::new(ErrorCode::Io, format!("{url}: cannot open: {e}")))?;
        Ok(true)
    }

    /// The shared folder, the last sync and the number of open conflicts.
    sync_status(app, _req: ()) -> SyncStatus { crate::sync::status(app) }

    /// Asks for the team's shared folder in a folder dialog; null when cancelled.
    sync_choose_folder(app, _req: ()) -> Option<SyncStatus> { crate::sync::choose_folder(app) }

    /// Stops syncing (the shared folder itself is left alone).
    sync_forget_folder(app, _req: ()) -> SyncStatus { crate::sync::forget_folder(app) }

    /// Syncs now, after any sync already running; `sync-status` events tell the progress.
    sync_now(app, _req: ()) -> SyncReport { crate::sync::run(app) }

    sync_conflicts(app, req: SyncConflictsRequest) -> Vec<SyncConflict> { workspace(app)?.sync_conflicts(req.open_only) }

    /// Makes the lost value of a conflict win (a new local edit the next sync sends).
    sync_conflict_flip(app, req: SyncConflictRequest) -> SyncConflict { workspace(app)?.flip_conflict(req.id) }

    sync_conflict_dismiss(app, req: SyncConflictRequest) -> SyncConflict { workspace(app)?.dismiss_conflict(req.id) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_open() {
        assert!(http_url("https://www.rfi.fr/fr/afrique/").is_ok());
        assert!(http_url(" http://example.org ").is_ok());
        for bad in
            ["javascript:alert(1)", "file:///etc/passwd", "mailto:a@b.c", "data:text/html,x", "https://", "bamako"]
        {
            let error = http_url(bad).expect_err(bad);
            assert_eq!(error.code, ErrorCode::InvalidInput, "{bad}");
            assert_eq!(error.field.as_deref(), Some("url"));
        }
    }
}
