//! Any bytes as CSL-JSON: reading never panics, and what is read writes back as CSL-JSON that
//! reads back equal.
//! The check is `mizan_robustness::Target::CslJson`, which `crates/robustness/tests/replay.rs`
//! also runs over this target's corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan_robustness::Target;

fuzz_target!(|data: &[u8]| Target::CslJson.check(data));
