//! Embeds every `locales/<lang>/*.ftl` file of the repository into the crate, so the
//! binary needs no file access at run time. New .ftl files are picked up without code
//! changes: this script lists them and generates the `include_str!` table.
//!
//! It also lists the message ids each file defines (read with the same Fluent parser the
//! crate uses at run time), so a `Localizer` knows which file holds a message without
//! parsing any: a process parses only the files whose messages it formats.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::Entry;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let locales = manifest.join("../../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let mut files: Vec<(String, String, PathBuf)> = Vec::new();
    for lang in ["ar", "en", "fr"] {
        let dir = locales.join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) == Some("ftl") {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
                println!("cargo:rerun-if-changed={}", path.display());
                files.push((lang.to_owned(), name, path));
            }
        }
    }
    files.sort();
    let mut out = String::from(
        "/// Every embedded .ftl file: (language, file name, contents).\npub(crate) static FILES: &[(&str, &str, &str)] = &[\n",
    );
    for (lang, name, path) in &files {
        let path = absolute(path);
        writeln!(out, "    ({lang:?}, {name:?}, include_str!({:?})),", path.display().to_string())
            .expect("writing to a String");
    }
    out.push_str("];\n\n");
    writeln!(out, "/// How many files [`FILES`] has.\npub(crate) const FILE_COUNT: usize = {};\n", files.len())
        .expect("writing to a String");
    out.push_str(
        "/// The message ids each file of [`FILES`] defines (same order), sorted for binary search.\n\
         pub(crate) static IDS: &[&[&str]] = &[\n",
    );
    for (_, _, path) in &files {
        // A file that cannot be read or parsed lists what the parser recovered; the
        // crate's tests report its errors.
        let source = std::fs::read_to_string(path).unwrap_or_default();
        let resource = fluent_syntax::parser::parse(source.as_str()).unwrap_or_else(|(resource, _)| resource);
        let mut ids: Vec<&str> = resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                Entry::Message(message) => Some(message.id.name),
                _ => None,
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        writeln!(out, "    &{ids:?},").expect("writing to a String");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("locales.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}
