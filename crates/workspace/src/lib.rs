//! What the desktop app and the command line do with a library and briefs.
//!
//! [`Workspace`] owns one open library and the app's state between runs (settings, recent
//! briefs, autosaved text, the files the user chose). Each method is one request of the
//! app's IPC: it takes and returns the serialisable types of [`dto`] and fails with a
//! [`WorkspaceError`] whose [`ErrorCode`] is stable. The Tauri shell is one line per
//! command over these methods; nothing here knows about windows or dialogs: the shell
//! asks the user for a path and hands it over with [`Workspace::grant`].
//!
//! # Which files a request may touch
//! Least privilege: a request may read or write a brief only if the user chose the file
//! (a native dialog, then [`Workspace::grant`]), if it is in the recent list (chosen in an
//! earlier run), or if it lies in the app's own briefs folder. Anything else is
//! [`ErrorCode::NotPermitted`], so a compromised web view cannot reach `~/.ssh`.

pub mod briefs;
pub mod dto;
mod dto_sync;
mod error;
pub mod paths;
pub mod session;
pub mod sources;
pub mod sync;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use mizan_library::{Library, OpenOptions};

pub use error::{ErrorCode, Result, WorkspaceError};
pub use paths::{Config, Paths, write_atomically};

use crate::dto::*;
use crate::session::{Recovery, Settings};

/// The sample library and briefs a first start seeds, so there is something to look at.
const SAMPLE_LIBRARY: &str = include_str!("../../../tests/fixtures/sources/sample-library.json");
const SAMPLE_BRIEFS: [(Lang, &str, &str); 2] = [
    (Lang::Ar, "sample-ar.md", include_str!("../../../tests/fixtures/briefs/sample-ar.md")),
    (Lang::Fr, "sample-fr.md", include_str!("../../../tests/fixtures/briefs/sample-fr.md")),
];

/// One library and the app's state. Not `Sync`: the shell keeps it behind a mutex.
#[derive(Debug)]
pub struct Workspace {
    paths: Paths,
    library: Library,
    analyst: String,
    settings: Settings,
    recovery: Recovery,
    first_start: bool,
    /// Files the user chose in a dialog during this run (as given and canonical).
    granted: HashSet<PathBuf>,
    /// How the syncs of this run went (see `sync.rs`).
    sync: sync::SyncMemory,
}

impl Workspace {
    /// Opens (or creates) the library. A library that did not exist yet is seeded with the
    /// sample sources, and the sample briefs are put in the briefs folder.
    pub fn open(paths: Paths) -> Result<Self> {
        for dir in [&paths.data_dir, &paths.briefs_dir()] {
            std::fs::create_dir_all(dir).map_err(|e| WorkspaceError::io(dir, &e))?;
        }
        let first_start = !paths.library.exists();
        let analyst = Config::load(&paths.config_dir)?.analyst();
        let library = Library::open(&paths.library, OpenOptions::new(&analyst))?;
        let settings = Settings::load(&paths.settings_file());
        let recovery = Recovery::new(paths.recovery_dir());
        let mut service = Self {
            paths,
            library,
            analyst,
            settings,
            recovery,
            first_start,
            granted: HashSet::new(),
            sync: sync::SyncMemory::default(),
        };
        if first_start {
            service.seed()?;
        }
        Ok(service)
    }

    fn seed(&mut self) -> Result<()> {
        let entries = mizan_interchange::read(mizan_interchange::Format::CslJson, SAMPLE_LIBRARY.as_bytes())
            .map_err(|e| WorkspaceError::new(ErrorCode::Internal, format!("sample library: {e}")))?;
        let sources: Vec<_> = entries.into_iter().filter_map(std::result::Result::ok).collect();
        self.library.import(sources, mizan_library::DuplicatePolicy::Skip)?;
        for (_, name, text) in SAMPLE_BRIEFS {
            let path = self.paths.briefs_dir().join(name);
            if !path.exists() {
                briefs::save(&mut self.library, &path, text)?;
            }
        }
        Ok(())
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn library_mut(&mut self) -> &mut Library {
        &mut self.library
    }

    pub fn paths(&self) -> &Paths {
        &self.paths
    }

    pub fn ui_lang(&self) -> Lang {
        self.settings.ui_lang.unwrap_or_else(session::ui_lang_from_env)
    }

    fn samples(&self) -> Vec<SampleBrief> {
        SAMPLE_BRIEFS
            .iter()
            .map(|(lang, name, _)| (self.paths.briefs_dir().join(name), *lang))
            .filter(|(path, _)| path.exists())
            .map(|(path, lang)| {
                let title =
                    briefs::read(&path).ok().and_then(|text| mizan_brief::parse(&text).front.title).unwrap_or_default();
                SampleBrief { lang, path: path.display().to_string(), title }
            })
            .collect()
    }

    pub fn app_state(&self) -> Result<AppState> {
        Ok(AppState {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            ui_lang: self.ui_lang(),
            analyst: self.analyst.clone(),
            library_path: self.paths.library.display().to_string(),
            source_count: u32::try_from(self.library.count()?).unwrap_or(u32::MAX),
            first_start: self.first_start,
            samples: self.samples(),
            recent: self.settings.recent.iter().filter(|r| Path::new(&r.path).exists()).cloned().collect(),
            recovery: self.recovery.entries(),
            styles: mizan_export::Style::names().into_iter().map(str::to_owned).collect(),
        })
    }

    pub fn set_ui_lang(&mut self, lang: Lang) -> Result<()> {
        self.settings.ui_lang = Some(lang);
        self.settings.save(&self.paths.settings_file())
    }

    // Files --------------------------------------------------------------------------

    /// The user chose `path` in a native dialog: requests may now read or write it.
    pub fn grant(&mut self, path: &Path) {
        self.granted.insert(path.to_path_buf());
        if let Ok(canonical) = std::fs::canonicalize(path) {
            self.granted.insert(canonical);
        }
    }

    /// `path` if a request may touch it (see the module documentation).
    pub fn permitted(&self, path: &str) -> Result<PathBuf> {
        let given = PathBuf::from(path);
        let canonical = std::fs::canonicalize(&given).unwrap_or_else(|_| given.clone());
        let briefs_dir = std::fs::canonicalize(self.paths.briefs_dir()).unwrap_or_else(|_| self.paths.briefs_dir());
        let ok = self.granted.contains(&given)
            || self.granted.contains(&canonical)
            || canonical.starts_with(&briefs_dir)
            || self.settings.recent.iter().any(|r| Path::new(&r.path) == given || Path::new(&r.path) == canonical);
        if ok {
            Ok(given)
        } else {
            Err(WorkspaceError::new(
                ErrorCode::NotPermitted,
                format!("{path}: not a file you opened or saved with Mizan; use Open… to choose it"),
            ))
        }
    }

    // Briefs -------------------------------------------------------------------------

    pub fn analyze(&self, request: &AnalyzeRequest) -> Result<Analysis> {
        briefs::analyze(&self.library, &request.text, request.ui_lang, &request.known_blocks)
    }

    /// Reads a brief the user may open and puts it at the top of the recent list.
    pub fn open_brief(&mut self, path: &str) -> Result<OpenedBrief> {
        let path = self.permitted(path)?;
        let text = briefs::read(&path)?;
        let brief = mizan_brief::parse(&text);
        self.settings.touch(&path, brief.front.title.as_deref().unwrap_or_default(), Some(brief.lang.into()));
        self.settings.save(&self.paths.settings_file())?;
        Ok(OpenedBrief { path: path.display().to_string(), text })
    }

    pub fn save_brief(&mut self, path: &str, text: &str) -> Result<SavedBrief> {
        let path = self.permitted(path)?;
        let saved = briefs::save(&mut self.library, &path, text)?;
        self.grant(&path);
        self.settings.touch(
            &path,
            saved.brief.front.title.as_deref().unwrap_or_default(),
            Some(saved.brief.lang.into()),
        );
        self.settings.save(&self.paths.settings_file())?;
        Ok(SavedBrief { path: path.display().to_string(), text: saved.text, revision: saved.revision })
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

    pub fn templates(&self) -> Vec<TemplateInfo> {
        briefs::templates()
    }

    pub fn new_brief(&self, request: &NewBriefRequest) -> Result<BriefText> {
        Ok(BriefText { text: briefs::new_brief(&request.template, request.lang)? })
    }

    pub fn revisions(&self, id: &str) -> Result<Vec<Revision>> {
        briefs::revisions(&self.library, id)
    }

    pub fn revision_diff(&self, request: &RevisionDiffRequest) -> Result<RevisionDiff> {
        briefs::revision_diff(&self.library, &request.id, request.number, &request.current)
    }

    pub fn store_recovery(&self, request: &RecoveryStoreRequest) -> Result<()> {
        self.recovery.store(&request.key, request.path.as_deref(), &request.text)
    }

    pub fn discard_recovery(&self, key: &str) -> Result<()> {
        self.recovery.discard(key)
    }

    /// Typesets the brief to `output` (which the user chose).
    pub fn export_pdf(&mut self, request: &ExportPdfRequest, output: &Path) -> Result<ExportPdfResult> {
        let pdf = briefs::pdf(&self.library, &request.text, &request.style, request.paper, request.draft)?;
        write_atomically(output, &pdf.bytes)?;
        self.grant(output);
        Ok(ExportPdfResult {
            path: output.display().to_string(),
            pages: pdf.pages,
            bytes: u32::try_from(pdf.bytes.len()).unwrap_or(u32::MAX),
            warnings: pdf.warnings,
        })
    }

    // Sources ------------------------------------------------------------------------

    pub fn search(&self, request: &SearchRequest) -> Result<Vec<SourceHit>> {
        sources::search(&self.library, request)
    }

    pub fn source(&self, key: &str) -> Result<SourceDetail> {
        sources::detail(&self.library, key)
    }

    pub fn add_source(&mut self, input: &SourceInput) -> Result<SourceDetail> {
        sources::add(&mut self.library, input)
    }

    pub fn update_source(&mut self, request: &UpdateSourceRequest) -> Result<SourceDetail> {
        sources::update(&mut self.library, &request.key, &request.source)
    }

    pub fn grade_source(&mut self, request: &GradeRequest) -> Result<SourceDetail> {
        sources::grade(&mut self.library, &request.key, &request.reliability)
    }

    pub fn remove_source(&mut self, key: &str) -> Result<SourceDetail> {
        sources::remove(&mut self.library, key)
    }

    pub fn add_excerpt(&mut self, request: &AddExcerptRequest) -> Result<Excerpt> {
        sources::add_excerpt(&mut self.library, &request.key, &request.text, request.locator.as_deref())
    }

    pub fn import_sources(
        &mut self,
        path: &Path,
        policy: DuplicatePolicy,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportSummary> {
        sources::import(&mut self.library, path, policy, progress)
    }

    pub fn export_sources(&self, request: &ExportSourcesRequest, output: &Path) -> Result<usize> {
        sources::export(&self.library, output, request.format, request.keys.as_deref())
    }
}
