use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A sandbox: its own library file and HOME, so tests never touch the analyst's data.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.status, 0, "expected success\nstdout: {}\nstderr: {}", self.stdout, self.stderr);
        self.assert_no_panic();
        self
    }

    /// A user error: exit 1, a message on stderr, no panic or backtrace.
    #[track_caller]
    pub fn user_error(self) -> Self {
        assert_eq!(self.status, 1, "expected exit 1\nstdout: {}\nstderr: {}", self.stdout, self.stderr);
        assert!(!self.stderr.trim().is_empty(), "an error must say what is wrong");
        self.assert_no_panic();
        self
    }

    #[track_caller]
    fn assert_no_panic(&self) {
        for bad in ["panicked", "RUST_BACKTRACE", "internal error"] {
            assert!(!self.stderr.contains(bad), "stderr shows a crash: {}", self.stderr);
        }
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

impl Sandbox {
    pub fn new() -> Self {
        Self { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn library(&self) -> PathBuf {
        self.dir.path().join("data/library.sqlite3")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_library(&self.library(), args)
    }

    /// The analyst every sandbox runs as.
    pub const ANALYST: &str = "Analyste E2E";

    /// `mizan --library <this sandbox's> ARGS…`, with the sandbox's HOME, config and
    /// analyst, ready to run.
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_with_library(&self.library(), args)
    }

    fn command_with_library(&self, library: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_mizan"));
        command
            .arg("--library")
            .arg(library)
            .args(args)
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"))
            .env("MIZAN_ANALYST", Self::ANALYST)
            .env_remove("MIZAN_LIBRARY");
        command
    }

    pub fn run_with_library(&self, library: &Path, args: &[&str]) -> Run {
        let output: Output = self.command_with_library(library, args).output().expect("run mizan");
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// How many sources `search` lists with no words (all of them, up to 100,000).
    pub fn count(&self) -> usize {
        let run = self.run(&["sources", "search", "--json", "--limit", "100000"]).ok();
        run.json().as_array().map(Vec::len).unwrap_or(0)
    }

    pub fn keys(&self, query: &str) -> Vec<String> {
        let run = self.run(&["sources", "search", query, "--json"]).ok();
        run.json().as_array().unwrap().iter().map(|h| h["key"].as_str().unwrap().to_owned()).collect()
    }
}

pub fn fixture(name: &str) -> String {
    let path = fixtures().join("sources").join(name);
    assert!(path.exists(), "missing fixture {}", path.display());
    path.to_string_lossy().into_owned()
}

/// The repository's `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}
