//! The app's own state between runs: UI language, recent briefs, autosaved text. A
//! workspace opened on a library alone (the command line) has none of it.
//!
//! Settings are one small JSON file written atomically; a damaged file is set aside
//! (renamed `.damaged`) and defaults are used, so a bad file never stops the app.
//! Recovery entries are one JSON file each in the recovery folder, written every few
//! seconds while a brief has unsaved changes and removed when it is saved.

use std::path::{Path, PathBuf};

use mizan_source::{Clock, SystemClock};
use serde::{Deserialize, Serialize};

use crate::dto::{Lang, RecentBrief, RecoveryEntry};
use crate::error::{ErrorCode, Result, WorkspaceError};
use crate::paths::Paths;

/// What the app keeps beside the library: where things are, its settings, the autosave
/// area, and what this run started from.
#[derive(Debug)]
pub(crate) struct Session {
    pub paths: Paths,
    pub settings: Settings,
    pub recovery: Recovery,
    /// The library did not exist before this run (it was seeded with the samples).
    pub first_start: bool,
    /// The system's language, for the UI until the analyst chooses one.
    pub system_lang: Lang,
}

impl Session {
    pub fn ui_lang(&self) -> Lang {
        self.settings.ui_lang.unwrap_or(self.system_lang)
    }

    pub fn save_settings(&self) -> Result<()> {
        self.settings.save(&self.paths.settings_file())
    }
}

/// How many recent briefs are remembered.
pub const RECENT: usize = 12;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub ui_lang: Option<Lang>,
    #[serde(default)]
    pub recent: Vec<RecentBrief>,
    /// The team's shared folder, chosen in a folder dialog (see `crate::sync`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_folder: Option<String>,
    /// When the last successful sync ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sync_at: Option<String>,
}

impl Settings {
    pub fn load(path: &Path) -> Self {
        let Ok(text) = std::fs::read_to_string(path) else { return Self::empty() };
        match serde_json::from_str(&text) {
            Ok(settings) => settings,
            Err(_) => {
                let _ = std::fs::rename(path, path.with_extension("json.damaged"));
                Self::empty()
            }
        }
    }

    fn empty() -> Self {
        Self { ui_lang: None, recent: Vec::new(), sync_folder: None, last_sync_at: None }
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| WorkspaceError::io(dir, &e))?;
        }
        let text =
            serde_json::to_string_pretty(self).map_err(|e| WorkspaceError::new(ErrorCode::Internal, e.to_string()))?;
        Ok(mizan_durable::write_atomically(path, text.as_bytes())?)
    }

    /// Puts a brief at the top of the recent list.
    pub fn touch(&mut self, path: &Path, title: &str, lang: Option<Lang>) {
        let path = path.display().to_string();
        self.recent.retain(|r| r.path != path);
        self.recent.insert(0, RecentBrief { path, title: title.to_owned(), lang, opened_at: now() });
        self.recent.truncate(RECENT);
    }
}

fn now() -> String {
    SystemClock.now().to_string()
}

/// The autosave area.
#[derive(Clone, Debug)]
pub struct Recovery {
    dir: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    path: Option<String>,
    saved_at: String,
    text: String,
}

impl Recovery {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    fn file(&self, key: &str) -> Result<PathBuf> {
        let ok = !key.is_empty() && key.len() <= 64 && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !ok {
            return Err(WorkspaceError::invalid(
                "key",
                format!("key: {key:?} is not a recovery key (letters, digits, '-')"),
            ));
        }
        Ok(self.dir.join(format!("{key}.json")))
    }

    pub fn store(&self, key: &str, path: Option<&str>, text: &str) -> Result<()> {
        let file = self.file(key)?;
        std::fs::create_dir_all(&self.dir).map_err(|e| WorkspaceError::io(&self.dir, &e))?;
        let stored = Stored { path: path.map(str::to_owned), saved_at: now(), text: text.to_owned() };
        let json = serde_json::to_vec(&stored).map_err(|e| WorkspaceError::new(ErrorCode::Internal, e.to_string()))?;
        Ok(mizan_durable::write_atomically(&file, &json)?)
    }

    pub fn discard(&self, key: &str) -> Result<()> {
        let file = self.file(key)?;
        match std::fs::remove_file(&file) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(WorkspaceError::io(&file, &e)),
        }
    }

    /// Every entry left by an earlier run, newest first. Unreadable files are skipped
    /// (and left in place for a person to look at).
    pub fn entries(&self) -> Vec<RecoveryEntry> {
        let Ok(dir) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut entries: Vec<RecoveryEntry> = dir
            .flatten()
            .filter_map(|entry| {
                let path = entry.path();
                let key = path.file_name()?.to_str()?.strip_suffix(".json")?.to_owned();
                let stored: Stored = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
                let title = mizan_brief::parse(&stored.text).front.title.unwrap_or_default();
                Some(RecoveryEntry { key, path: stored.path, title, saved_at: stored.saved_at, text: stored.text })
            })
            .collect();
        entries.sort_by(|a, b| b.saved_at.cmp(&a.saved_at));
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_round_trips_and_refuses_odd_keys() {
        let dir = tempfile::tempdir().expect("temp dir");
        let recovery = Recovery::new(dir.path().join("recovery"));
        assert!(recovery.entries().is_empty());
        recovery.store("doc-1", Some("/tmp/a.md"), "---\ntitle: مالي\n---\n\nنص").expect("store");
        recovery.store("doc-1", Some("/tmp/a.md"), "---\ntitle: مالي\n---\n\nنص أطول").expect("store again");
        let entries = recovery.entries();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].title, "مالي");
        assert!(entries[0].text.ends_with("نص أطول"));
        recovery.discard("doc-1").expect("discard");
        recovery.discard("doc-1").expect("discarding twice is fine");
        assert!(recovery.entries().is_empty());
        for bad in ["", "../x", "a/b", "x.json", &"a".repeat(65)] {
            let error = recovery.store(bad, None, "t").expect_err(bad);
            assert_eq!(error.field.as_deref(), Some("key"));
        }
    }

    #[test]
    fn damaged_settings_are_set_aside() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("app.json");
        std::fs::write(&path, "{ not json").expect("write");
        let settings = Settings::load(&path);
        assert_eq!(settings.ui_lang, None);
        assert!(dir.path().join("app.json.damaged").exists());
        let mut settings = settings;
        settings.ui_lang = Some(Lang::Fr);
        for i in 0..20 {
            settings.touch(Path::new(&format!("/b/{i}.md")), "t", Some(Lang::Ar));
        }
        settings.touch(Path::new("/b/3.md"), "again", None);
        settings.save(&path).expect("save");
        let loaded = Settings::load(&path);
        assert_eq!(loaded.ui_lang, Some(Lang::Fr));
        assert_eq!(loaded.recent.len(), RECENT);
        assert_eq!(loaded.recent[0].path, "/b/3.md");
        assert_eq!(loaded.recent.iter().filter(|r| r.path == "/b/3.md").count(), 1);
    }
}
