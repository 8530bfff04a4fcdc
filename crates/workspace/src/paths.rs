//! Where Mizan keeps things, who the analyst is, and which language the system speaks:
//! everything the front ends read from the environment, and the only module of the
//! workspace that reads it. The app and the command line share them: the same library,
//! the same analyst.
//!
//! - `$XDG_CONFIG_HOME/mizan/config.toml`: `analyst = "Amina Diallo"`.
//! - `$XDG_DATA_HOME/mizan/library.sqlite3` (or `$MIZAN_LIBRARY`): the library.
//! - `$XDG_DATA_HOME/mizan/briefs/`: the sample briefs, and where new briefs are offered
//!   to be saved.
//! - `$XDG_DATA_HOME/mizan/app.json`: the app's settings (UI language, recent briefs).
//! - `$XDG_DATA_HOME/mizan/recovery/`: autosaved text of open briefs.

use std::path::{Path, PathBuf};

use crate::dto::Lang;
use crate::error::{ErrorCode, Result, WorkspaceError};

/// The places of one installation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
    pub library: PathBuf,
}

impl Paths {
    /// From the XDG variables (else `~/.config`, `~/.local/share`) and `MIZAN_LIBRARY`.
    pub fn from_env() -> Self {
        let data_dir = xdg("XDG_DATA_HOME", ".local/share").join("mizan");
        let library = std::env::var_os("MIZAN_LIBRARY")
            .map(PathBuf::from)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| data_dir.join("library.sqlite3"));
        Self { config_dir: xdg("XDG_CONFIG_HOME", ".config").join("mizan"), data_dir, library }
    }

    /// Everything under one folder (tests, portable installs).
    pub fn under(root: &Path) -> Self {
        Self {
            config_dir: root.join("config"),
            data_dir: root.join("data"),
            library: root.join("data").join("library.sqlite3"),
        }
    }

    pub fn briefs_dir(&self) -> PathBuf {
        self.data_dir.join("briefs")
    }

    pub fn recovery_dir(&self) -> PathBuf {
        self.data_dir.join("recovery")
    }

    pub fn settings_file(&self) -> PathBuf {
        self.data_dir.join("app.json")
    }
}

fn home() -> PathBuf {
    std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."))
}

fn xdg(var: &str, fallback: &str) -> PathBuf {
    std::env::var_os(var).map(PathBuf::from).filter(|p| p.is_absolute()).unwrap_or_else(|| home().join(fallback))
}

/// The analyst's settings, from `config.toml` in [`Paths::config_dir`].
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub analyst: Option<String>,
}

impl Config {
    pub fn load(config_dir: &Path) -> Result<Self> {
        let path = config_dir.join("config.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(WorkspaceError::io(&path, &e)),
        };
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let line = e.span().map(|span| text[..span.start.min(text.len())].lines().count().max(1));
            WorkspaceError::new(
                ErrorCode::InvalidInput,
                format!(
                    "{}{}: {}",
                    path.display(),
                    line.map(|l| format!(", line {l}")).unwrap_or_default(),
                    e.message()
                ),
            )
        })?;
        let analyst = match table.get("analyst") {
            None => None,
            Some(toml::Value::String(name)) => Some(name.trim().to_owned()).filter(|n| !n.is_empty()),
            Some(other) => {
                return Err(WorkspaceError::invalid(
                    "analyst",
                    format!("{}: field `analyst` must be a string, not {}", path.display(), other.type_str()),
                ));
            }
        };
        Ok(Self { analyst })
    }

    /// The name recorded on every change: the config's, else `MIZAN_ANALYST`, else the
    /// login name.
    pub fn analyst(&self) -> String {
        self.analyst
            .clone()
            .or_else(|| std::env::var("MIZAN_ANALYST").ok().filter(|n| !n.trim().is_empty()))
            .or_else(|| std::env::var("USER").ok())
            .unwrap_or_else(|| "unknown".to_owned())
    }
}

/// The UI language from the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`), else Arabic:
/// the app's first audience. What the app shows until the analyst chooses one.
pub fn ui_lang_from_env() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(value) = std::env::var(var) {
            let value = value.to_ascii_lowercase();
            if value.starts_with("fr") {
                return Lang::Fr;
            }
            if value.starts_with("en") {
                return Lang::En;
            }
            if value.starts_with("ar") {
                return Lang::Ar;
            }
        }
    }
    Lang::Ar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_errors_name_the_file_and_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("config.toml"), "# me\nanalyst = \n").expect("write");
        let error = Config::load(dir.path()).expect_err("invalid toml");
        assert!(error.message.contains("config.toml, line 2"), "{error}");
        std::fs::write(dir.path().join("config.toml"), "analyst = 3\n").expect("write");
        let error = Config::load(dir.path()).expect_err("not a string");
        assert_eq!(error.field.as_deref(), Some("analyst"));
        std::fs::write(dir.path().join("config.toml"), "analyst = \" Amina Diallo \"\n").expect("write");
        assert_eq!(Config::load(dir.path()).expect("valid").analyst.as_deref(), Some("Amina Diallo"));
    }
}
