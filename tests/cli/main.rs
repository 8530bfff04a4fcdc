#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test
//! End-to-end tests of the `mizan` command on real files (fixtures in tests/fixtures).
//! Each test gets its own library, config and data folders.

mod briefs;
mod export;
mod harness;
mod import_export;
mod library_file;
mod parity;
mod pipes;
mod sources;
mod sync;
