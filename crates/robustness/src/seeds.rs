//! The inputs each fuzzer starts from, made from the repository's own files, so a fuzzer
//! begins with briefs, source files, changesets and fonts that reach every branch a real
//! one does.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use mizan_interchange::Format;
use mizan_library::{Library, OpenOptions};
use mizan_source::{FixedClock, Timestamp};
use read_fonts::tables::glyf::Glyph;
use read_fonts::types::GlyphId;
use read_fonts::{FontRef, TableProvider};

use crate::Target;

pub fn seeds(target: Target) -> Vec<(String, Vec<u8>)> {
    let root = root();
    match target {
        Target::Brief | Target::Preview => {
            let mut files = files(&root.join("tests/fixtures/briefs"), "md");
            files.extend(files_of(&root.join("tests/fixtures/export"), "md"));
            files
        }
        Target::CslJson => files(&root.join("tests/fixtures/sources"), "json"),
        Target::Bibtex => files(&root.join("tests/fixtures/sources"), "bib"),
        Target::Ris => files(&root.join("tests/fixtures/sources"), "ris"),
        Target::SyncChangeset => changesets(&root),
        Target::FontSubset => fonts(&root),
    }
}

/// The repository's root, which holds `tests/fixtures` and `templates`.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Files ending in `.ext` in `dir` and the folders under it, sorted by path.
fn files(dir: &Path, ext: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = files_of(dir, ext);
    let mut dirs: Vec<PathBuf> = read_dir(dir).into_iter().filter(|p| p.is_dir()).collect();
    dirs.sort();
    for sub in dirs {
        out.extend(files(&sub, ext));
    }
    out
}

fn files_of(dir: &Path, ext: &str) -> Vec<(String, Vec<u8>)> {
    let mut paths: Vec<PathBuf> =
        read_dir(dir).into_iter().filter(|p| p.extension().is_some_and(|e| e == ext)).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            (name, bytes)
        })
        .collect()
}

fn read_dir(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    entries.filter_map(|entry| entry.ok().map(|e| e.path())).collect()
}

/// The changesets of a sync of sources from the sample library, then of an edit and a
/// removal.
fn changesets(root: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(root.join("tests/fixtures/sources/sample-library.json")).unwrap_or_default();
    let entries = mizan_interchange::read(Format::CslJson, &bytes).unwrap_or_else(|e| panic!("sample library: {e}"));
    let clock = Arc::new(FixedClock::new(Timestamp(1_763_629_200_000), 1000));
    let mut library = Library::open_in_memory(OpenOptions::new("Amina").with_clock(clock.clone()))
        .unwrap_or_else(|e| panic!("a library in memory: {e}"));
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary folder: {e}"));
    let options = mizan_sync::SyncOptions::new().with_clock(clock);
    // A few sources: a changeset of the whole sample library is past the fuzzers' 32 KB.
    let sources: Vec<_> = entries.into_iter().filter_map(Result::ok).take(4).collect();
    for source in &sources {
        library.add(source).unwrap_or_else(|e| panic!("adding {}: {e}", source.key));
    }
    let sync = |library: &mut Library| {
        mizan_sync::sync(library, folder.path(), &options).unwrap_or_else(|e| panic!("a sync: {e}"));
    };
    sync(&mut library);
    if let [first, second, ..] = sources.as_slice() {
        let mut edited = first.clone();
        edited.title = format!("{} (édition revue)", edited.title);
        library.update(&edited).unwrap_or_else(|e| panic!("editing {}: {e}", first.key));
        library.remove(second.key.as_str()).unwrap_or_else(|e| panic!("removing {}: {e}", second.key));
        sync(&mut library);
    }
    let mut out = Vec::new();
    for device in read_dir(&folder.path().join("mizan-sync")) {
        out.extend(files_of(&device, "changes"));
    }
    out
}

/// Small subsets of each bundled font (a few simple glyphs and composites), each behind
/// a glyph list as the font target reads its input.
fn fonts(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (name, font) in files_of(&root.join("templates/fonts"), "ttf") {
        let (simple, composite) = glyph_kinds(&font);
        let mut glyphs: Vec<u16> = simple.into_iter().take(6).chain(composite.into_iter().take(4)).collect();
        glyphs.sort_unstable();
        let subset =
            mizan_pdf::subset_truetype(&font, &glyphs).unwrap_or_else(|| panic!("{name} is not a TrueType font"));
        let mut input = vec![3];
        for gid in [1u16, 2, 4] {
            input.extend_from_slice(&gid.to_be_bytes());
        }
        input.extend_from_slice(&subset);
        out.push((name, input));
    }
    out
}

/// The ids of a font's simple glyphs with outlines and of its composite glyphs.
fn glyph_kinds(font: &[u8]) -> (Vec<u16>, Vec<u16>) {
    let (mut simple, mut composite) = (Vec::new(), Vec::new());
    let Ok(font) = FontRef::new(font) else { return (simple, composite) };
    let (Ok(maxp), Ok(loca), Ok(glyf)) = (font.maxp(), font.loca(None), font.glyf()) else {
        return (simple, composite);
    };
    for gid in 1..maxp.num_glyphs() {
        match loca.get_glyf(GlyphId::new(u32::from(gid)), &glyf) {
            Ok(Some(Glyph::Simple(_))) => simple.push(gid),
            Ok(Some(Glyph::Composite(_))) => composite.push(gid),
            _ => {}
        }
    }
    (simple, composite)
}
