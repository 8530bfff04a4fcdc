//! `mizan-bench`: the figures the README quotes.
//!
//! ```text
//! cargo run --release -p mizan-bench -- generate --count 100000 -o bench-data/sources-100k.json
//! cargo run --release -p mizan-bench -- library --count 100000
//! ```
//! Timings are wall-clock on the machine at hand; the data set is deterministic.

mod generate;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use mizan_interchange::Format;
use mizan_library::{DuplicatePolicy, Library, OpenOptions, SearchQuery, YearRange};
use mizan_source::Reliability;

const USAGE: &str = "usage: mizan-bench generate [--count N] [--seed S] -o FILE
       mizan-bench library [--count N] [--seed S] [--mizan PATH]
       mizan-bench import CSL-JSON LIBRARY   (the import step alone, into a new library)
       mizan-bench search LIBRARY            (the search step alone, on an existing library)";

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let count: usize = flag("--count").map(|c| c.parse()).transpose().context("--count")?.unwrap_or(100_000);
    let seed: u64 = flag("--seed").map(|s| s.parse()).transpose().context("--seed")?.unwrap_or(2025);
    match args.first().map(String::as_str) {
        Some("generate") => {
            let out = PathBuf::from(flag("-o").context(USAGE)?);
            let text = mizan_interchange::write(Format::CslJson, &generate::sources(seed, count));
            std::fs::write(&out, text).with_context(|| out.display().to_string())?;
            println!("wrote {count} sources (seed {seed}) to {}", out.display());
            Ok(())
        }
        Some("library") => library_bench(count, seed, flag("--mizan").map(PathBuf::from)),
        Some("sql") => sql_timing(&args[1..]),
        Some("import") => {
            let [json, lib] = &args[1..] else { bail!(USAGE) };
            if Path::new(lib).exists() {
                bail!("{lib} exists: the import step times a first import into a new library");
            }
            timed_import(Path::new(json), Path::new(lib))?;
            Ok(())
        }
        Some("search") => {
            let [lib] = &args[1..] else { bail!(USAGE) };
            timed_search(&Library::open(Path::new(lib), OpenOptions::new("bench"))?)
        }
        _ => bail!(USAGE),
    }
}

fn library_bench(count: usize, seed: u64, mizan: Option<PathBuf>) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let json_path = dir.path().join("sources.json");
    std::fs::write(&json_path, mizan_interchange::write(Format::CslJson, &generate::sources(seed, count)))?;
    let json_bytes = std::fs::metadata(&json_path)?.len();
    println!("data set: {count} sources, seed {seed}, CSL-JSON {:.1} MB", json_bytes as f64 / 1e6);

    let lib_path = dir.path().join("library.sqlite3");
    let library = timed_import(&json_path, &lib_path)?;
    library.connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let size = std::fs::metadata(&lib_path)?.len();
    println!("library file: {:.1} MB, {:.0} bytes per source", size as f64 / 1e6, size as f64 / count as f64);
    timed_search(&library)?;
    drop(library);

    // A whole `mizan sources search` process: start, open, search, print.
    let mizan = match mizan {
        Some(path) => path,
        None => sibling_binary("mizan")?,
    };
    let mut timings = Vec::new();
    for (i, q) in generate::QUERIES.iter().cycle().take(60).enumerate() {
        let t = Instant::now();
        let output = Command::new(&mizan)
            .args(["--library"])
            .arg(&lib_path)
            .args(["sources", "search", q, "--limit", "20"])
            .env("MIZAN_ANALYST", "bench")
            .output()
            .with_context(|| format!("running {}", mizan.display()))?;
        let elapsed = t.elapsed();
        if !output.status.success() {
            bail!("{} failed: {}", mizan.display(), String::from_utf8_lossy(&output.stderr));
        }
        if i >= 3 {
            timings.push(elapsed);
        }
    }
    print_percentiles("`mizan sources search` process", &mut timings);

    // A whole `mizan sources import` process on a fresh library.
    let fresh = dir.path().join("fresh.sqlite3");
    let t = Instant::now();
    let output =
        Command::new(&mizan).arg("--library").arg(&fresh).args(["sources", "import"]).arg(&json_path).output()?;
    if !output.status.success() {
        bail!("import failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    println!("`mizan sources import` process, {count} sources: {:.2} s", t.elapsed().as_secs_f64());
    Ok(())
}

/// Import, in process: open + read + parse + duplicate checks + insert + index, one transaction.
fn timed_import(json_path: &Path, lib_path: &Path) -> anyhow::Result<Library> {
    let start = Instant::now();
    let mut library = Library::open(lib_path, OpenOptions::new("bench"))?;
    let bytes = std::fs::read(json_path)?;
    let parse_start = Instant::now();
    let entries = mizan_interchange::read(Format::CslJson, &bytes)?;
    let sources: Vec<_> = entries.into_iter().collect::<Result<_, _>>().map_err(|e| anyhow::anyhow!("{e}"))?;
    let parse = parse_start.elapsed();
    let count = sources.len();
    let report = library.import(sources, DuplicatePolicy::Skip)?;
    let import = start.elapsed();
    println!(
        "import {} sources: {:.2} s (parse {:.2} s), {} added, {} duplicates",
        count,
        import.as_secs_f64(),
        parse.as_secs_f64(),
        report.added(),
        report.skipped()
    );
    Ok(library)
}

/// Search, in process: every query plain, then with filters; first run warms the cache.
fn timed_search(library: &Library) -> anyhow::Result<()> {
    let mut timings = Vec::new();
    let mut timings_by_query = Vec::new();
    let queries: Vec<SearchQuery> = generate::QUERIES
        .iter()
        .flat_map(|q| {
            let base = SearchQuery { limit: 20, ..SearchQuery::text(q) };
            [
                base.clone(),
                SearchQuery { grades: vec![Reliability::A, Reliability::B], ..base.clone() },
                SearchQuery { years: YearRange::parse("2023.."), language: Some("fr".into()), ..base },
            ]
        })
        .collect();
    for query in &queries {
        library.search(query)?;
    }
    for _ in 0..5 {
        for query in &queries {
            let t = Instant::now();
            std::hint::black_box(library.search(query)?);
            timings.push(t.elapsed());
            timings_by_query.push(t.elapsed());
        }
    }
    print_percentiles("search in process", &mut timings);
    // The slowest queries, to see where the time goes.
    let mut per_query: Vec<(Duration, String)> = queries
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut runs: Vec<Duration> = (0..5).map(|round| timings_by_query[round * queries.len() + i]).collect();
            runs.sort();
            (runs[2], format!("{:?} grades={:?} years={:?} lang={:?}", q.text, q.grades, q.years, q.language))
        })
        .collect();
    per_query.sort();
    for (median, what) in per_query.iter().rev().take(5) {
        println!("  slow: {:.2} ms  {what}", median.as_secs_f64() * 1000.0);
    }
    Ok(())
}

fn sibling_binary(name: &str) -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let path = exe.parent().map(|d| d.join(name)).unwrap_or_else(|| Path::new(name).to_owned());
    if !path.exists() {
        bail!("{} not found: build it first (cargo build --release -p mizan-cli) or pass --mizan PATH", path.display());
    }
    Ok(path)
}

fn print_percentiles(what: &str, timings: &mut [Duration]) {
    timings.sort();
    let at = |p: f64| timings[((timings.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0;
    println!("{what}: {} runs, p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms", timings.len(), at(0.5), at(0.95), at(1.0));
}

/// `mizan-bench sql LIBRARY SQL PARAM…`: times one statement (median of 20), for tuning.
fn sql_timing(args: &[String]) -> anyhow::Result<()> {
    let [path, sql, params @ ..] = args else { bail!("usage: mizan-bench sql LIBRARY SQL [PARAM…]") };
    let library = Library::open(Path::new(path), OpenOptions::new("bench"))?;
    let conn = library.connection();
    let mut stmt = conn.prepare(sql)?;
    if sql.starts_with("EXPLAIN QUERY PLAN") {
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        while let Some(row) = rows.next()? {
            println!("{}", row.get::<_, String>(3)?);
        }
        return Ok(());
    }
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..20 {
        let t = Instant::now();
        let mut q = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        rows = 0;
        while q.next()?.is_some() {
            rows += 1;
        }
        times.push(t.elapsed());
    }
    times.sort();
    println!("{rows} rows, median {:.2} ms, min {:.2} ms", times[10].as_secs_f64() * 1e3, times[0].as_secs_f64() * 1e3);
    Ok(())
}
