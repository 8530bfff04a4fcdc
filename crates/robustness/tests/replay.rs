//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) and the seeds made from
//! the fixtures through the fuzz targets' own checks, on the stable toolchain: what a
//! fuzzer once found stays fixed, without libFuzzer.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use mizan_robustness::Target;

fn replay(target: Target) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target.name());
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap_or_else(|e| panic!("{}: {e}", dir.display())).path();
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.display().to_string(), bytes)
        })
        .collect();
    assert!(!inputs.is_empty(), "{} holds no corpus", dir.display());
    inputs.sort();
    let seeds = target.seeds();
    assert!(!seeds.is_empty(), "no seeds for {}", target.name());
    inputs.extend(seeds.into_iter().map(|(name, bytes)| (format!("seed {name}"), bytes)));
    let failed: Vec<String> = inputs
        .iter()
        .filter(|(_, bytes)| catch_unwind(AssertUnwindSafe(|| target.check(bytes))).is_err())
        .map(|(name, _)| name.clone())
        .collect();
    assert!(failed.is_empty(), "{} fails on {} of {} inputs: {failed:#?}", target.name(), failed.len(), inputs.len());
}

#[test]
fn briefs_parse_and_write_back() {
    replay(Target::Brief);
}

#[test]
fn previews_hold_nothing_that_runs() {
    replay(Target::Preview);
}

#[test]
fn csl_json_reads_and_writes_back() {
    replay(Target::CslJson);
}

#[test]
fn bibtex_reads_and_writes_back() {
    replay(Target::Bibtex);
}

#[test]
fn ris_reads_and_writes_back() {
    replay(Target::Ris);
}

#[test]
fn changesets_read_and_write_back() {
    replay(Target::SyncChangeset);
}

#[test]
fn damaged_fonts_subset_or_are_refused() {
    replay(Target::FontSubset);
}
