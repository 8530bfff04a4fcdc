//! Any bytes as a brief: parsing, writing and parsing again never panic, and every diagnostic
//! and claim points into the text at the line and column it names.
//! The check is `mizan_robustness::Target::Brief`, which `crates/robustness/tests/replay.rs`
//! also runs over this target's corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan_robustness::Target;

fuzz_target!(|data: &[u8]| Target::Brief.check(data));
