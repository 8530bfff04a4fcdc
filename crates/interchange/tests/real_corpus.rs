//! Real bibliographies, shipped in packages whose licences allow it (see
//! `tests/fixtures/real/README.md`): each is read, its entries counted without the
//! readers and compared with what Mizan keeps, then imported into a library that must
//! still read, check, export and re-import whole. The figure is entries kept / entries in
//! the files: at least 99 % on well-formed files, and on every file no panic and no
//! poisoned library.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use mizan_interchange::{Format, read, read_report, write};
use mizan_library::{DuplicatePolicy, Library, OpenOptions};

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/real");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|dir| dir.unwrap().path())
        .filter(|dir| dir.is_dir())
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|f| f.unwrap().path())
        .filter(|p| Format::from_path(p).is_some())
        .collect();
    files.sort();
    files
}

/// Files broken on purpose by the package they come from.
fn broken_on_purpose(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("incorrect_"))
}

/// The entries a file holds, counted without the readers: BibTeX `@type{`/`@type(` lines
/// (not `@string`, `@preamble`, `@comment`, nor `@xdata`, which holds data for others),
/// RIS `TY  - ` lines, CSL-JSON objects at the array's top level.
fn count(format: Format, text: &str) -> usize {
    match format {
        Format::Bibtex => text
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix('@'))
            .filter(|rest| {
                let name: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
                let after = rest.get(name.len()..).unwrap_or_default().trim_start();
                !name.is_empty()
                    && after.starts_with(['{', '('])
                    && !["string", "preamble", "comment", "xdata"].contains(&name.to_ascii_lowercase().as_str())
            })
            .count(),
        Format::Ris => text.lines().filter(|l| l.trim_start_matches('\u{feff}').starts_with("TY  -")).count(),
        Format::CslJson => {
            let (mut depth, mut in_string, mut escaped, mut n) = (0, false, false, 0);
            for c in text.chars() {
                match (in_string, c) {
                    (true, '\\') if !escaped => escaped = true,
                    (true, '"') if !escaped => in_string = false,
                    (true, _) => escaped = false,
                    (false, '"') => in_string = true,
                    (false, '[' | '{') => {
                        n += usize::from(depth == 1 && c == '{');
                        depth += 1;
                    }
                    (false, ']' | '}') => depth -= 1,
                    _ => {}
                }
            }
            n
        }
    }
}

#[test]
fn real_files_are_kept_whole_and_never_poison_the_library() {
    let (mut kept_well_formed, mut total_well_formed, mut kept_all, mut total_all) = (0, 0, 0, 0);
    let mut lines = Vec::new();
    for path in corpus() {
        let bytes = std::fs::read(&path).unwrap();
        let format = Format::from_path(&path).unwrap();
        let in_file = count(format, &String::from_utf8_lossy(&bytes));
        let name = path.strip_prefix(path.parent().unwrap().parent().unwrap()).unwrap().display().to_string();
        total_all += in_file;
        let report = match read_report(format, &bytes) {
            Ok(report) => report,
            Err(e) => {
                assert!(broken_on_purpose(&path), "{name}: refused whole: {e}");
                lines.push(format!("{name}: 0 / {in_file} (refused whole: {e})"));
                continue;
            }
        };
        let sources: Vec<_> = report.entries.iter().filter_map(|e| e.as_ref().ok()).cloned().collect();
        let rejected: Vec<String> =
            report.entries.iter().filter_map(|e| e.as_ref().err()).map(ToString::to_string).collect();
        lines.push(format!(
            "{name}: {} / {in_file} kept, {} warnings{}",
            sources.len(),
            report.warnings.len(),
            if rejected.is_empty() { String::new() } else { format!("; rejected: {}", rejected.join(" | ")) }
        ));
        kept_all += sources.len();
        if !broken_on_purpose(&path) {
            total_well_formed += in_file;
            kept_well_formed += sources.len();
        }

        // Into a library: everything stored reads back, checks clean, exports and
        // re-imports as it was.
        let mut library = Library::open_in_memory(OpenOptions::new("corpus")).unwrap();
        library.import(sources, DuplicatePolicy::KeepBoth).unwrap();
        let stored = library.all().unwrap();
        let check = library.check().unwrap();
        assert!(check.is_ok(), "{name}: {:?}", check.problems);
        for format in Format::ALL {
            let text = write(format, &stored);
            let back: Vec<_> = read(format, text.as_bytes()).unwrap().into_iter().map(Result::unwrap).collect();
            assert_eq!(back, stored, "{name} through {format}");
        }
    }
    let percent = |kept: usize, total: usize| if total == 0 { 100.0 } else { 100.0 * kept as f64 / total as f64 };
    println!("{}", lines.join("\n"));
    println!(
        "kept {kept_well_formed} / {total_well_formed} entries of well-formed files ({:.1} %), {kept_all} / {total_all} of all files ({:.1} %)",
        percent(kept_well_formed, total_well_formed),
        percent(kept_all, total_all)
    );
    assert!(total_well_formed >= 290, "the corpus holds {total_well_formed} entries");
    assert!(percent(kept_well_formed, total_well_formed) >= 99.0, "{}", lines.join("\n"));
}

/// A CSL-JSON item dated 15 March 44 BC was accepted, stored as `-044-03-15`, and then
/// made the whole library unreadable for export, search and sync.
#[test]
fn a_date_before_year_one_imports_and_exports_whole() {
    let json =
        r#"[{"id": "cesar", "type": "book", "title": "De bello Gallico", "issued": {"date-parts": [[-44, 3, 15]]}},
                    {"id": "siecle", "type": "book", "title": "Chronique", "issued": {"literal": "13th cent"}},
                    {"id": "hijri", "type": "book", "title": "تاريخ", "issued": {"raw": "1446 هـ"}}]"#
            .as_bytes();
    let sources: Vec<_> = read(Format::CslJson, json).unwrap().into_iter().map(Result::unwrap).collect();
    let mut library = Library::open_in_memory(OpenOptions::new("corpus")).unwrap();
    library.import(sources.clone(), DuplicatePolicy::Skip).unwrap();
    let stored = library.all().unwrap();
    assert!(library.check().unwrap().is_ok());
    let mut shown: Vec<(String, Option<String>)> =
        stored.iter().map(|s| (s.key.to_string(), s.issued_shown())).collect();
    shown.sort();
    let want = [("cesar", "-0044-03-15"), ("hijri", "1446 هـ"), ("siecle", "13th cent")];
    assert_eq!(shown, want.map(|(k, d)| (k.to_owned(), Some(d.to_owned()))));
    for format in Format::ALL {
        let text = write(format, &stored);
        let back: Vec<_> = read(format, text.as_bytes()).unwrap().into_iter().map(Result::unwrap).collect();
        assert_eq!(back, stored, "{format}");
    }
}
