//! The figures the sync design promises:
//! - applying 10,000 field changes from another device takes at most a second;
//! - a sync with nothing new takes at most 50 ms in a folder of 1,000 changeset files.
//!
//! `cargo run --release -p mizan-sync --example sync_bench` (or without `--release` for the
//! dev profile). Exits non-zero if a promise is broken.

use std::time::{Duration, Instant};

use mizan_library::{DuplicatePolicy, Library, OpenOptions};
use mizan_source::{CitationKey, Person, Source};
use mizan_sync::{SyncOptions, sync};

fn library(name: &str, dir: &std::path::Path) -> Result<Library, Box<dyn std::error::Error>> {
    let mut options = OpenOptions::new(name);
    options.daily_backup = false;
    Ok(Library::open(&dir.join(format!("{name}.sqlite3")), options)?)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let work = tempfile::tempdir()?;
    let shared = work.path().join("shared");
    std::fs::create_dir_all(&shared)?;
    let options = SyncOptions { snapshot_every: 0, ..SyncOptions::new() };
    let mut failed = false;

    // 1,000 sources of 10 synced fields each: 10,000 changes.
    let mut amina = library("amina", work.path())?;
    let sources: Vec<Source> = (0..1000)
        .map(|i| {
            let mut s = Source::new(
                CitationKey::sanitize(&format!("rapport-{i}")),
                &format!("Rapport sur la sécurité au Sahel n° {i}"),
            );
            s.notes = Some(format!("ملاحظة تحليلية رقم {i}"));
            s.url = Some(format!("https://example.org/rapports/{i}"));
            s.tags = vec!["Mali".into(), "الساحل".into()];
            s.authors = vec![Person::structured("Aminata", "Traoré")];
            s.container_title = Some("Revue du Sahel".into());
            s
        })
        .collect();
    amina.import(sources, DuplicatePolicy::KeepBoth)?;
    let sent = sync(&mut amina, &shared, &options)?;
    let mut karim = library("karim", work.path())?;
    let start = Instant::now();
    let applied = sync(&mut karim, &shared, &options)?;
    let elapsed = start.elapsed();
    println!("apply {} changes (created sources): {:.0} ms", applied.applied, elapsed.as_secs_f64() * 1000.0);
    assert_eq!(applied.applied, sent.sent);
    failed |= elapsed > Duration::from_secs(1) || applied.applied < 10_000;

    // 10,000 edits to existing sources: 1,000 sources, 9 fields and the modification stamp.
    let mut edited = Vec::new();
    for mut s in amina.all()? {
        s.title.push_str(" (révisé)");
        s.notes = Some(format!("{} — revu", s.notes.unwrap_or_default()));
        s.url = s.url.map(|u| format!("{u}?v=2"));
        s.tags.push("révisé".into());
        s.container_title = Some("Revue du Sahel, nouvelle série".into());
        s.publisher = Some("Institut d’études".into());
        s.language = Some("fr".into());
        s.pages = Some("1-12".into());
        s.issued = Some("2025-11".parse()?);
        edited.push(s);
    }
    for s in &edited {
        amina.update(s)?;
    }
    let sent = sync(&mut amina, &shared, &options)?;
    let start = Instant::now();
    let applied = sync(&mut karim, &shared, &options)?;
    let elapsed = start.elapsed();
    println!("apply {} changes (edits): {:.0} ms", applied.applied, elapsed.as_secs_f64() * 1000.0);
    assert_eq!(applied.applied, sent.sent);
    failed |= elapsed > Duration::from_secs(1) || applied.applied < 10_000;

    // A folder of 1,000 changeset files, all applied: a sync with nothing new.
    let folder = work.path().join("busy");
    std::fs::create_dir_all(&folder)?;
    let mut lea = library("lea", work.path())?;
    lea.add(&Source::new(CitationKey::sanitize("note"), "Note de veille"))?;
    for i in 0..1000 {
        let mut s = lea.get("note")?.ok_or("note missing")?.source;
        s.notes = Some(format!("version {i}"));
        lea.update(&s)?;
        sync(&mut lea, &folder, &options)?;
    }
    let mut omar = library("omar", work.path())?;
    sync(&mut omar, &folder, &options)?;
    let mut worst = Duration::ZERO;
    for _ in 0..20 {
        let start = Instant::now();
        let report = sync(&mut omar, &folder, &options)?;
        worst = worst.max(start.elapsed());
        assert_eq!(report.received, 0);
    }
    println!("no-op sync, 1,000 changeset files: worst of 20 {:.1} ms", worst.as_secs_f64() * 1000.0);
    failed |= worst > Duration::from_millis(50);

    if failed {
        eprintln!("a figure is above its budget");
        std::process::exit(1);
    }
    Ok(())
}
