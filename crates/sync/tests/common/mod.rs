//! Helpers shared by the sync tests: libraries with deterministic clocks, a seeded
//! random generator, and full dumps of what must converge.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;
use std::sync::Arc;

use mizan_library::{Library, OpenOptions};
use mizan_source::{CitationKey, FixedClock, Source, SourceField, Timestamp};
use mizan_sync::{SyncOptions, SyncReport, sync};

pub const START: i64 = 1_763_629_200_000;

/// A library whose clock starts `skew_ms` away from the others' and ticks `step_ms`.
pub fn library(name: &str, skew_ms: i64, step_ms: i64) -> Library {
    let clock = Arc::new(FixedClock::new(Timestamp(START + skew_ms), step_ms));
    Library::open_in_memory(OpenOptions::new(name).with_clock(clock)).unwrap()
}

pub fn file_library(path: &Path, name: &str) -> Library {
    let mut options = OpenOptions::new(name).with_clock(Arc::new(FixedClock::new(Timestamp(START), 7)));
    options.daily_backup = false;
    Library::open(path, options).unwrap()
}

pub fn options() -> SyncOptions {
    SyncOptions::new().with_clock(Arc::new(FixedClock::new(Timestamp(START), 1)))
}

pub fn run(library: &mut Library, dir: &Path) -> SyncReport {
    let report = sync(library, dir, &options()).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    report
}

pub fn source(key: &str, title: &str) -> Source {
    Source::new(CitationKey::parse(key).unwrap(), title)
}

/// Every synced column of every source and excerpt row (live and deleted), plus the
/// derived columns, as text lines sorted by id: two converged libraries give equal dumps.
pub fn dump(library: &Library) -> Vec<String> {
    let conn = library.connection();
    let mut out = Vec::new();
    let fields: Vec<&str> = SourceField::ALL.iter().flat_map(|f| f.columns().iter().copied()).collect();
    let sources = format!(
        "SELECT 'S', id, {}, issued_year, doi_norm, url_norm, title_norm,
                created_at, created_by, modified_at, modified_by, deleted_at, deleted_by FROM sources",
        fields.join(", ")
    );
    for sql in [
        sources.as_str(),
        "SELECT 'X', id, source_id, position, text, locator, created_at, created_by, modified_at, modified_by,
                deleted_at, deleted_by FROM excerpts",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                let mut line = String::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = row.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out.sort();
    out
}

/// A small seeded generator (xorshift*), so every run of a seed is the same.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() { None } else { items.get(self.below(items.len())) }
    }
}
