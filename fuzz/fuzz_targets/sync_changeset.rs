//! Any bytes as a sync changeset, as they are and with the header's checksum made right:
//! reading never panics, and what is read writes back to a changeset that reads the same.
//! The check is `mizan_robustness::Target::SyncChangeset`, which `crates/robustness/tests/replay.rs`
//! also runs over this target's corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mizan_robustness::Target;

fuzz_target!(|data: &[u8]| Target::SyncChangeset.check(data));
