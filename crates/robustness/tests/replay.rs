//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) and the seeds made from
//! the fixtures through the fuzz targets' own checks, on the stable toolchain: what a
//! fuzzer once found stays fixed, without libFuzzer.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use mizan_robustness::Target;

/// The inputs of `target` on which its check fails.
fn failures(target: Target) -> Vec<String> {
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
    inputs.extend(seeds.into_iter().map(|(name, bytes)| (format!("{} seed {name}", target.name()), bytes)));
    let started = std::time::Instant::now();
    let failed = inputs
        .iter()
        .filter(|(_, bytes)| catch_unwind(AssertUnwindSafe(|| target.check(bytes))).is_err())
        .map(|(name, _)| name.clone())
        .collect();
    eprintln!("{}: {} inputs in {:?}", target.name(), inputs.len(), started.elapsed());
    failed
}

/// Every target, so that one failing does not hide another.
#[test]
fn every_target_holds_on_its_corpus_and_seeds() {
    let failed: Vec<String> = Target::ALL.into_iter().flat_map(failures).collect();
    assert!(failed.is_empty(), "{} inputs fail: {failed:#?}", failed.len());
}
