//! The workspace as the rules see it: each member's manifest and the code of its sources.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One member of the workspace.
#[derive(Debug)]
pub struct Member {
    /// The package name (`mizan-library`).
    pub name: String,
    /// Names of the packages in `[dependencies]` (what the crate's own code may use).
    pub dependencies: BTreeSet<String>,
    /// Names in every dependency table, dev and build included.
    pub all_dependencies: BTreeSet<String>,
    /// The code of each source file under `src/`, unit-test modules cut away.
    pub sources: Vec<SourceFile>,
}

#[derive(Debug)]
pub struct SourceFile {
    /// Relative to the repository (`crates/library/src/row.rs`).
    pub path: PathBuf,
    pub code: String,
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every member: `crates/*` and `src-tauri`, as the workspace manifest lists them.
pub fn members() -> Vec<Member> {
    let root = root();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .expect("crates/ is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.join("Cargo.toml").is_file())
        .collect();
    dirs.push(root.join("src-tauri"));
    dirs.sort();
    dirs.iter().map(|dir| member(&root, dir)).collect()
}

fn member(root: &Path, dir: &Path) -> Member {
    let manifest_path = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest_path).expect("manifest is readable");
    let manifest: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", manifest_path.display()));
    let name = manifest
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("{}: no package name", manifest_path.display()))
        .to_owned();
    let table_keys = |table: &str| -> BTreeSet<String> {
        manifest.get(table).and_then(toml::Value::as_table).map(|t| t.keys().cloned().collect()).unwrap_or_default()
    };
    let dependencies = table_keys("dependencies");
    let mut all_dependencies = dependencies.clone();
    all_dependencies.extend(table_keys("dev-dependencies"));
    all_dependencies.extend(table_keys("build-dependencies"));
    let relative = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let mut files = Vec::new();
    collect_rs(&dir.join("src"), &mut files);
    files.sort();
    let test_modules = test_module_names(&files);
    let sources = files
        .iter()
        .filter(|path| !is_test_module(path, &test_modules))
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            SourceFile { path: relative(path), code: without_unit_tests(&text).to_owned() }
        })
        .collect();
    Member { name, dependencies, all_dependencies, sources }
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The part of a file before its unit tests: by the crates' convention the
/// `#[cfg(test)] mod tests` block comes last.
fn without_unit_tests(text: &str) -> &str {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("#[cfg(test)]") {
            return &text[..offset];
        }
        offset += line.len();
    }
    text
}

/// Modules declared as `#[cfg(test)] mod name;` anywhere: their files are tests.
fn test_module_names(files: &[PathBuf]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        let mut after_cfg_test = false;
        for line in text.lines().map(str::trim) {
            if after_cfg_test {
                let declared = line.strip_prefix("pub ").unwrap_or(line);
                if let Some(name) = declared.strip_prefix("mod ").and_then(|rest| rest.strip_suffix(';')) {
                    names.insert(name.trim().to_owned());
                }
            }
            after_cfg_test = line == "#[cfg(test)]";
        }
    }
    names
}

fn is_test_module(path: &Path, test_modules: &BTreeSet<String>) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let module = if stem == "mod" {
        path.parent().and_then(|p| p.file_name()).and_then(|s| s.to_str()).unwrap_or_default()
    } else {
        stem
    };
    test_modules.contains(module)
}

#[test]
fn unit_tests_are_cut_away() {
    let text = "fn a() {}\n\n#[cfg(test)]\nmod tests {\n    fn b() { std::env::var(\"X\"); }\n}\n";
    assert_eq!(without_unit_tests(text), "fn a() {}\n\n");
    assert_eq!(without_unit_tests("fn a() {}\n"), "fn a() {}\n");
}

#[test]
fn the_workspace_is_found() {
    let members = members();
    assert!(members.len() >= 10, "found only {} members", members.len());
    assert!(members.iter().any(|m| m.name == "mizan-library" && !m.sources.is_empty()));
    assert!(members.iter().any(|m| m.name == "mizan-app"));
}
