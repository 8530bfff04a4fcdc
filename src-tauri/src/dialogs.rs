//! Native dialogs, asked from Rust so that the web view never names a file itself: the
//! user's choice is the permission (see `mizan_workspace::Workspace::grant`).
//!
//! `MIZAN_E2E_DIALOGS=DIR` replaces the dialogs for the end-to-end tests, which cannot
//! drive GTK's file chooser through WebDriver: a save dialog answers `DIR/<suggested
//! name>`, an open dialog answers the path written in `DIR/open-next` (and removes it),
//! a folder dialog the path written in `DIR/folder-next` (and removes it), a
//! confirmation answers yes only if `DIR/confirm-yes` exists.

use std::path::{Path, PathBuf};

use mizan_i18n::{Arg, Localizer};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

#[derive(Clone, Debug)]
pub enum Dialogs {
    Native,
    Scripted(PathBuf),
}

/// A file-type filter: a Fluent message id for its name, and extensions.
pub type Filter = (&'static str, &'static [&'static str]);

impl Dialogs {
    pub fn from_env() -> Self {
        match std::env::var_os("MIZAN_E2E_DIALOGS") {
            Some(dir) if !dir.is_empty() => Self::Scripted(PathBuf::from(dir)),
            _ => Self::Native,
        }
    }

    pub fn open<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        l10n: &Localizer,
        title: &str,
        filters: &[Filter],
    ) -> Option<PathBuf> {
        match self {
            Self::Native => {
                let mut dialog = app.dialog().file().set_title(l10n.message(title, &[]));
                for (name, extensions) in filters {
                    dialog = dialog.add_filter(l10n.message(name, &[]), extensions);
                }
                dialog.blocking_pick_file().and_then(|p| p.into_path().ok())
            }
            Self::Scripted(dir) => {
                let next = dir.join("open-next");
                let path = std::fs::read_to_string(&next).ok()?;
                let _ = std::fs::remove_file(&next);
                Some(PathBuf::from(path.trim()))
            }
        }
    }

    /// Asks for a folder (the team's shared sync folder).
    pub fn folder<R: Runtime>(&self, app: &AppHandle<R>, l10n: &Localizer, title: &str) -> Option<PathBuf> {
        match self {
            Self::Native => app
                .dialog()
                .file()
                .set_title(l10n.message(title, &[]))
                .blocking_pick_folder()
                .and_then(|p| p.into_path().ok()),
            Self::Scripted(dir) => {
                let next = dir.join("folder-next");
                let path = std::fs::read_to_string(&next).ok()?;
                let _ = std::fs::remove_file(&next);
                Some(PathBuf::from(path.trim()))
            }
        }
    }

    pub fn save<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        l10n: &Localizer,
        title: &str,
        filters: &[Filter],
        name: &str,
        folder: Option<&Path>,
    ) -> Option<PathBuf> {
        match self {
            Self::Native => {
                let mut dialog = app.dialog().file().set_title(l10n.message(title, &[])).set_file_name(name);
                if let Some(folder) = folder {
                    dialog = dialog.set_directory(folder);
                }
                for (filter, extensions) in filters {
                    dialog = dialog.add_filter(l10n.message(filter, &[]), extensions);
                }
                dialog.blocking_save_file().and_then(|p| p.into_path().ok())
            }
            Self::Scripted(dir) => Some(dir.join(name)),
        }
    }

    pub fn confirm_url<R: Runtime>(&self, app: &AppHandle<R>, l10n: &Localizer, url: &str) -> bool {
        match self {
            Self::Native => app
                .dialog()
                .message(l10n.message("shell-open-url", &[("url", Arg::Text(url.to_owned()))]))
                .title(l10n.message("shell-open-url-title", &[]))
                .kind(MessageDialogKind::Warning)
                .buttons(MessageDialogButtons::OkCancel)
                .blocking_show(),
            Self::Scripted(dir) => dir.join("confirm-yes").exists(),
        }
    }
}
