//! Any bytes as a brief: its sanitised HTML preview, in each language, holds no element that
//! runs code, no event handler or style attribute, and no URL but http(s), mailto and relative.
//! The check is `mizan_robustness::Target::Preview`, which `crates/robustness/tests/replay.rs`
//! also runs over this target's corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan_robustness::Target;

fuzz_target!(|data: &[u8]| Target::Preview.check(data));
