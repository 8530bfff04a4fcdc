//! End-to-end tests of the `mizan` command on real files (fixtures in tests/fixtures).
//! Each test gets its own library, config and data folders.

mod briefs;
mod harness;
mod import_export;
mod library_file;
mod sources;
mod sync;
