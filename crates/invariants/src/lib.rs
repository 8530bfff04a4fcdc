//! ARCHITECTURE.md's invariants, checked.
//!
//! Each "Architecture invariant" line that a machine can check is a test here: it reads
//! the workspace's manifests and Rust sources as text and names every file that breaks
//! the rule. The crate has no code of its own; it exists so that `cargo test` fails the
//! day someone reaches past a boundary, instead of the map quietly becoming untrue.
//!
//! What counts as "the code" of a crate: `src/**/*.rs`, minus unit-test modules (the
//! part of a file after its first `#[cfg(test)]` line, and files declared as
//! `#[cfg(test)] mod name;`). Tests, examples, benches and build scripts may read the
//! environment, open files and use any dev-dependency: they are not business logic.

#[cfg(test)]
mod workspace;

#[cfg(test)]
mod rules;
