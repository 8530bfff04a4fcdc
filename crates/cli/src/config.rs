//! Where the library lives and who the analyst is.

use std::path::{Path, PathBuf};

use anyhow::Context;
use mizan_library::{Library, OpenOptions};

/// The analyst's settings, from `$XDG_CONFIG_HOME/mizan/config.toml`:
///
/// ```toml
/// analyst = "Amina Diallo"
/// ```
#[derive(Debug, Default)]
pub struct Config {
    pub analyst: Option<String>,
}

impl Config {
    pub fn load() -> anyhow::Result<Self> {
        let path = config_dir().join("config.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let line = e.span().map(|span| text[..span.start.min(text.len())].lines().count().max(1));
            anyhow::anyhow!(
                "{}{}: {}",
                path.display(),
                line.map(|l| format!(", line {l}")).unwrap_or_default(),
                e.message()
            )
        })?;
        let analyst = match table.get("analyst") {
            None => None,
            Some(toml::Value::String(name)) => Some(name.trim().to_owned()).filter(|n| !n.is_empty()),
            Some(other) => {
                anyhow::bail!("{}: field `analyst` must be a string, not {}", path.display(), other.type_str())
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

    pub fn open_library(&self, path: &Path) -> anyhow::Result<Library> {
        Ok(Library::open(path, OpenOptions::new(&self.analyst()))?)
    }
}

fn home() -> PathBuf {
    std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."))
}

fn xdg(var: &str, fallback: &str) -> PathBuf {
    std::env::var_os(var).map(PathBuf::from).filter(|p| p.is_absolute()).unwrap_or_else(|| home().join(fallback))
}

pub fn config_dir() -> PathBuf {
    xdg("XDG_CONFIG_HOME", ".config").join("mizan")
}

pub fn default_library_path() -> PathBuf {
    xdg("XDG_DATA_HOME", ".local/share").join("mizan").join("library.sqlite3")
}
