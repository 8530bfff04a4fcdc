//! The analyst's workspace: one library of sources, the briefs that cite it, and the
//! app's state between runs. It is what the desktop app and the `mizan` command *do*.
//!
//! [`Workspace`] has one method per request of the app's IPC and per command of the
//! command line; where both offer a feature they call the same method, so it behaves one
//! way. Methods take and return the serialisable types of [`dto`] (camelCase JSON: the
//! IPC and `mizan … --json` print the same shapes) and fail with a [`WorkspaceError`]
//! whose [`ErrorCode`] is stable. The front ends only ask the user (a native dialog, a
//! command-line argument), call a method and show its result; nothing here knows about
//! windows, dialogs or terminals.
//!
//! ```
//! use mizan_workspace::Workspace;
//! use mizan_workspace::dto::{AddSourceRequest, SourceInput, SourceType};
//!
//! let dir = tempfile::tempdir()?;
//! let mut workspace = Workspace::open_library(&dir.path().join("library.sqlite3"), "Amina Diallo")?;
//! let source = SourceInput { kind: SourceType::NewsArticle, title: "Bamako sous blocus".into(), ..Default::default() };
//! let added = workspace.add_source(&AddSourceRequest { source, on_duplicate: Default::default() })?;
//! assert_eq!(added.source.key, "bamako"); // a key made from the title, as the app makes it
//! assert_eq!(added.source.created_by, "Amina Diallo");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Two ways to open one
//! - [`Workspace::open`], the app's: the library where [`Paths`] say, with the settings,
//!   the recent briefs and the autosave area; a first start seeds the sample sources and
//!   briefs.
//! - [`Workspace::open_library`], the command line's: a library file and who is working,
//!   nothing else. No settings are read or written and nothing is seeded; the requests
//!   of the app's session (recent briefs, autosave, the sync folder) are refused.
//!
//! Reading the environment (XDG folders, `config.toml`, the analyst's name, the system's
//! language) is for the front ends, through [`paths`]: no other module reads it.
//!
//! # Which files a request may touch
//! Least privilege for the web view: a request that names a brief by a string may read or
//! write it only if the user chose the file (a native dialog, then [`Workspace::grant`]),
//! if it is in the recent list (chosen in an earlier run), or if it lies in the app's own
//! briefs folder. Anything else is [`ErrorCode::NotPermitted`], so a compromised web view
//! cannot reach `~/.ssh`. Methods that take a [`Path`] act on a file the front end's user
//! chose themselves (in a dialog, or by typing it on the command line).

#[macro_use]
mod mirror;

mod briefs;
pub mod dto;
mod dto_audit;
mod dto_sources;
mod dto_sync;
mod error;
mod history;
mod library;
pub mod paths;
mod session;
mod sources;
mod sync;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use mizan_library::{Library, OpenOptions};

pub use error::{ErrorCode, Result, WorkspaceError};
pub use paths::{Config, Paths};
pub use sync::SyncJob;

use crate::dto::*;
use crate::session::{Recovery, Session, Settings};

/// The sample library and briefs a first start seeds, so there is something to look at.
const SAMPLE_LIBRARY: &str = include_str!("../../../tests/fixtures/sources/sample-library.json");
const SAMPLE_BRIEFS: [(Lang, &str, &str); 2] = [
    (Lang::Ar, "sample-ar.md", include_str!("../../../tests/fixtures/briefs/sample-ar.md")),
    (Lang::Fr, "sample-fr.md", include_str!("../../../tests/fixtures/briefs/sample-fr.md")),
];

/// One library, and the app's state when the app opened it. Not `Sync`: the app's shell
/// keeps it behind a mutex.
#[derive(Debug)]
pub struct Workspace {
    library: Library,
    library_path: PathBuf,
    analyst: String,
    /// The app's settings, recent briefs and autosave area; `None` for a workspace opened
    /// on a library alone.
    session: Option<Session>,
    /// Files the user chose in a dialog during this run (as given and canonical).
    granted: HashSet<PathBuf>,
    /// How the syncs of this run went (see `sync.rs`).
    sync: sync::SyncMemory,
}

impl Workspace {
    /// The app's workspace: opens (or creates) the library where `paths` say, with the
    /// app's settings. A library that did not exist yet is seeded with the sample
    /// sources, and the sample briefs are put in the briefs folder.
    pub fn open(paths: Paths) -> Result<Self> {
        for dir in [&paths.data_dir, &paths.briefs_dir()] {
            std::fs::create_dir_all(dir).map_err(|e| WorkspaceError::io(dir, &e))?;
        }
        let first_start = !paths.library.exists();
        let analyst = Config::load(&paths.config_dir)?.analyst();
        let mut workspace = Self::open_library(&paths.library, &analyst)?;
        workspace.session = Some(Session {
            settings: Settings::load(&paths.settings_file()),
            recovery: Recovery::new(paths.recovery_dir()),
            first_start,
            system_lang: paths::ui_lang_from_env(),
            paths,
        });
        if first_start {
            workspace.seed()?;
        }
        Ok(workspace)
    }

    /// A workspace over the library file at `library` (created if missing), every
    /// change recorded as `analyst`'s: what the command line opens. No app settings.
    pub fn open_library(library: &Path, analyst: &str) -> Result<Self> {
        Ok(Self {
            library: Library::open(library, OpenOptions::new(analyst))?,
            library_path: library.to_path_buf(),
            analyst: analyst.to_owned(),
            session: None,
            granted: HashSet::new(),
            sync: sync::SyncMemory::default(),
        })
    }

    fn seed(&mut self) -> Result<()> {
        let entries = mizan_interchange::read(mizan_interchange::Format::CslJson, SAMPLE_LIBRARY.as_bytes())
            .map_err(|e| WorkspaceError::new(ErrorCode::Internal, format!("sample library: {e}")))?;
        let sources: Vec<_> = entries.into_iter().filter_map(std::result::Result::ok).collect();
        self.library.import(sources, mizan_library::DuplicatePolicy::Skip)?;
        if let Some(dir) = self.briefs_dir() {
            for (_, name, text) in SAMPLE_BRIEFS {
                let path = dir.join(name);
                if !path.exists() {
                    briefs::save(&mut self.library, &path, text)?;
                }
            }
        }
        Ok(())
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn library_path(&self) -> &Path {
        &self.library_path
    }

    /// The name recorded on every change.
    pub fn analyst(&self) -> &str {
        &self.analyst
    }

    /// Where the app keeps things; `None` for a workspace opened on a library alone.
    pub fn paths(&self) -> Option<&Paths> {
        self.session.as_ref().map(|s| &s.paths)
    }

    /// The app's briefs folder (samples, and where new briefs are offered to be saved).
    pub fn briefs_dir(&self) -> Option<PathBuf> {
        self.paths().map(Paths::briefs_dir)
    }

    /// The analyst's choice, else the system's language, else Arabic.
    pub fn ui_lang(&self) -> Lang {
        self.session.as_ref().map_or(Lang::Ar, Session::ui_lang)
    }

    /// The app's session, for the requests that need it.
    fn session(&self) -> Result<&Session> {
        self.session.as_ref().ok_or_else(no_session)
    }

    fn session_mut(&mut self) -> Result<&mut Session> {
        self.session.as_mut().ok_or_else(no_session)
    }

    fn samples(&self) -> Vec<SampleBrief> {
        let Some(dir) = self.briefs_dir() else { return Vec::new() };
        SAMPLE_BRIEFS
            .iter()
            .map(|(lang, name, _)| (dir.join(name), *lang))
            .filter(|(path, _)| path.exists())
            .map(|(path, lang)| {
                let title =
                    briefs::read(&path).ok().and_then(|text| mizan_brief::parse(&text).front.title).unwrap_or_default();
                SampleBrief { lang, path: path.display().to_string(), title }
            })
            .collect()
    }

    pub fn app_state(&self) -> Result<AppState> {
        let session = self.session()?;
        Ok(AppState {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            ui_lang: self.ui_lang(),
            analyst: self.analyst.clone(),
            library_path: self.library_path.display().to_string(),
            source_count: u32::try_from(self.library.count()?).unwrap_or(u32::MAX),
            first_start: session.first_start,
            samples: self.samples(),
            recent: session.settings.recent.iter().filter(|r| Path::new(&r.path).exists()).cloned().collect(),
            recovery: session.recovery.entries(),
            styles: mizan_export::Style::names().into_iter().map(str::to_owned).collect(),
        })
    }

    pub fn set_ui_lang(&mut self, lang: Lang) -> Result<()> {
        let session = self.session_mut()?;
        session.settings.ui_lang = Some(lang);
        session.save_settings()
    }

    pub fn store_recovery(&self, request: &RecoveryStoreRequest) -> Result<()> {
        self.session()?.recovery.store(&request.key, request.path.as_deref(), &request.text)
    }

    pub fn discard_recovery(&self, key: &str) -> Result<()> {
        self.session()?.recovery.discard(key)
    }

    // Files --------------------------------------------------------------------------

    /// The user chose `path` in a native dialog: requests may now read or write it.
    pub fn grant(&mut self, path: &Path) {
        self.granted.insert(path.to_path_buf());
        if let Ok(canonical) = std::fs::canonicalize(path) {
            self.granted.insert(canonical);
        }
    }

    /// `path` if a request may touch it (see the crate documentation).
    pub fn permitted(&self, path: &str) -> Result<PathBuf> {
        let given = PathBuf::from(path);
        let canonical = std::fs::canonicalize(&given).unwrap_or_else(|_| given.clone());
        let in_session = self.session.as_ref().is_some_and(|session| {
            let briefs_dir = session.paths.briefs_dir();
            let briefs_dir = std::fs::canonicalize(&briefs_dir).unwrap_or(briefs_dir);
            canonical.starts_with(&briefs_dir)
                || session
                    .settings
                    .recent
                    .iter()
                    .any(|r| Path::new(&r.path) == given || Path::new(&r.path) == canonical)
        });
        if in_session || self.granted.contains(&given) || self.granted.contains(&canonical) {
            Ok(given)
        } else {
            Err(WorkspaceError::new(
                ErrorCode::NotPermitted,
                format!("{path}: not a file you opened or saved with Mizan; use Open… to choose it"),
            ))
        }
    }

    /// Puts a brief at the top of the app's recent list (a workspace without the app's
    /// session has no such list).
    fn touch_recent(&mut self, path: &Path, brief: &mizan_brief::Brief) -> Result<()> {
        let Some(session) = self.session.as_mut() else { return Ok(()) };
        session.settings.touch(path, brief.front.title.as_deref().unwrap_or_default(), Some(brief.lang.into()));
        session.save_settings()
    }
}

fn no_session() -> WorkspaceError {
    WorkspaceError::new(
        ErrorCode::Internal,
        "this workspace was opened on a library alone: the app's settings, recent briefs and autosave are not part of it",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_alone_keeps_no_app_state() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut workspace = Workspace::open_library(&dir.path().join("library.sqlite3"), "Amina").expect("opens");
        assert!(workspace.paths().is_none() && workspace.briefs_dir().is_none());
        assert_eq!(workspace.app_state().expect_err("no session").code, ErrorCode::Internal);
        assert_eq!(workspace.set_ui_lang(Lang::Fr).expect_err("no settings").code, ErrorCode::Internal);
        let store = RecoveryStoreRequest { key: "doc-1".into(), path: None, text: "x".into() };
        assert_eq!(workspace.store_recovery(&store).expect_err("no autosave").code, ErrorCode::Internal);
        assert_eq!(workspace.sync_now().expect_err("no folder").code, ErrorCode::NoSyncFolder);

        // Only what the user chose may be touched by a request that names a file.
        let brief = dir.path().join("brief.md");
        let refused = workspace.save_brief(&brief.display().to_string(), "---\ntitle: x\n---\n");
        assert_eq!(refused.expect_err("not chosen").code, ErrorCode::NotPermitted);
        workspace.grant(&brief);
        let saved = workspace.save_brief(&brief.display().to_string(), "---\ntitle: x\n---\n").expect("chosen");
        assert_eq!(saved.revision, Some(1));

        // Nothing but the library and the brief was written: no settings, no briefs folder.
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("library.sqlite3"))
            .collect();
        names.sort();
        assert_eq!(names, ["brief.md"]);
    }
}
