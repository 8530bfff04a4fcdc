//! Any bytes as RIS: reading never panics, and what is read writes back as RIS that reads back
//! equal.
//! The check is `mizan_robustness::Target::Ris`, which `crates/robustness/tests/replay.rs`
//! also runs over this target's corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan_robustness::Target;

fuzz_target!(|data: &[u8]| Target::Ris.check(data));
