//! A glyph list and a damaged font: the TrueType subsetter never panics, and a subset it
//! makes is a font read-fonts reads and that subsets to itself.
//! The check is `mizan_robustness::Target::FontSubset`, which `crates/robustness/tests/replay.rs`
//! also runs over this target's corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan_robustness::Target;

fuzz_target!(|data: &[u8]| Target::FontSubset.check(data));
