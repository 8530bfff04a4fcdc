//! Three libraries, one folder, random edits, deletes and re-creates, offline periods and
//! syncs in random order, over many seeds: every library ends with the same content, and
//! every value that was overwritten without its writer knowing is in a conflict log.
//!
//! `MIZAN_SYNC_SEEDS=500 cargo test -p mizan-sync --test simulation` runs more seeds.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use mizan_library::Library;
use mizan_source::Excerpt;
use uuid::Uuid;

const KEYS: &[&str] = &["mali-2025", "sahel-jnim", "bamako-blocus", "kidal", "الجزائر-2025", "niamey"];
const WORDS: &[&str] = &[
    "Bamako",
    "blocus",
    "carburant",
    "الحصار",
    "المجلس العسكري",
    "Kayes",
    "convois",
    "sécurité",
    "الساحل",
    "Wagner",
    "élections",
];

/// A write made by an analyst on one library: the value it replaced there and the new one.
struct Write {
    row: String,
    field: &'static str,
    old: Option<String>,
    new: Option<String>,
}

fn text(rng: &mut Rng, n: &mut u64) -> String {
    *n += 1;
    format!("{} {} #{n}", rng.pick(WORDS).unwrap(), rng.pick(WORDS).unwrap())
}

fn live_ids(library: &Library) -> Vec<Uuid> {
    library.all().unwrap().into_iter().map(|s| s.id).collect()
}

/// One random analyst action on `library`.
fn act(library: &mut Library, rng: &mut Rng, n: &mut u64, writes: &mut Vec<Write>, deletes: &mut Vec<String>) {
    let roll = rng.below(100);
    if roll < 22 || live_ids(library).is_empty() {
        let key = rng.pick(KEYS).unwrap().to_string();
        let key = if mizan_library::is_key_free(library, &key).unwrap() { key } else { format!("{key}-{n}") };
        let mut s = source(&key, &text(rng, n));
        if rng.chance(50) {
            s.excerpts.push(Excerpt { id: Uuid::new_v4(), text: text(rng, n), locator: Some("p. 3".into()) });
        }
        library.add(&s).unwrap();
        return;
    }
    let ids = live_ids(library);
    let id = *rng.pick(&ids).unwrap();
    let mut s = library.get_by_id(id).unwrap().unwrap().source;
    if roll < 32 {
        library.remove(s.key.as_str()).unwrap();
        deletes.push(id.to_string());
        return;
    }
    let (field, old, new): (&'static str, Option<String>, Option<String>) = match rng.below(6) {
        0 => {
            let new = text(rng, n);
            ("title", Some(std::mem::replace(&mut s.title, new.clone())), Some(new))
        }
        1 => {
            let new = if rng.chance(20) { None } else { Some(text(rng, n)) };
            ("notes", std::mem::replace(&mut s.notes, new.clone()), new)
        }
        2 => {
            let new = Some(format!("https://example.org/{n}"));
            *n += 1;
            ("url", std::mem::replace(&mut s.url, new.clone()), new)
        }
        3 => {
            let old = serde_json::to_string(&s.tags).unwrap();
            s.tags.push(format!("tag{n}"));
            *n += 1;
            ("tags", Some(old), Some(serde_json::to_string(&s.tags).unwrap()))
        }
        4 if !s.excerpts.is_empty() => {
            let i = rng.below(s.excerpts.len());
            let new = text(rng, n);
            let old = std::mem::replace(&mut s.excerpts[i].text, new.clone());
            let row = s.excerpts[i].id.to_string();
            library.update(&s).unwrap();
            writes.push(Write { row, field: "text", old: Some(old), new: Some(new) });
            return;
        }
        _ => {
            s.excerpts.push(Excerpt { id: Uuid::new_v4(), text: text(rng, n), locator: None });
            library.update(&s).unwrap();
            return;
        }
    };
    library.update(&s).unwrap();
    writes.push(Write { row: id.to_string(), field, old, new });
}

fn stored(library: &Library, row: &str, field: &str) -> Option<String> {
    let sql = if field == "text" {
        "SELECT text FROM excerpts WHERE id = ?1".to_owned()
    } else {
        format!("SELECT {field} FROM sources WHERE id = ?1")
    };
    library.connection().query_row(&sql, [row], |r| r.get(0)).unwrap()
}

fn simulate(seed: u64, steps: usize) {
    let mut rng = Rng::new(seed);
    let dir = tempfile::tempdir().unwrap();
    let mut libraries = [library("Amina", 0, 1000), library("Karim", 5_000, 700), library("Léa", -3_000, 1300)];
    let mut online = [true; 3];
    let mut writes = Vec::new();
    let mut deletes = Vec::new();
    let mut n = 0;
    for _ in 0..steps {
        let d = rng.below(3);
        let roll = rng.below(100);
        if roll < 60 {
            act(&mut libraries[d], &mut rng, &mut n, &mut writes, &mut deletes);
        } else if roll < 70 {
            online[d] = !online[d];
        } else if online[d] {
            run(&mut libraries[d], dir.path());
        }
    }
    // Everyone comes back online and syncs until the folder has nothing new.
    for _ in 0..3 {
        for library in &mut libraries {
            run(library, dir.path());
        }
    }
    let dumps: Vec<Vec<String>> = libraries.iter().map(dump).collect();
    for (i, name) in [(1, "Karim"), (2, "Léa")] {
        let only_a: Vec<&String> = dumps[0].iter().filter(|l| !dumps[i].contains(l)).collect();
        let only_b: Vec<&String> = dumps[i].iter().filter(|l| !dumps[0].contains(l)).collect();
        if !(only_a.is_empty() && only_b.is_empty()) {
            for line in &only_a {
                let id = line.split('|').nth(1).unwrap().trim_start_matches("Text(\"").trim_end_matches("\")");
                for (j, library) in libraries.iter().enumerate() {
                    let mut stmt = library
                        .connection()
                        .prepare("SELECT field, ts, device, base_ts, extra FROM sync_versions WHERE row_id = ?1")
                        .unwrap();
                    let regs: Vec<String> = stmt
                        .query_map([id], |r| {
                            Ok(format!(
                                "{}:{}:{}:{:?}:{:?}",
                                r.get::<_, String>(0)?,
                                r.get::<_, i64>(1)?,
                                &r.get::<_, String>(2)?[..4],
                                r.get::<_, Option<i64>>(3)?,
                                r.get::<_, Option<String>>(4)?
                            ))
                        })
                        .unwrap()
                        .map(Result::unwrap)
                        .collect();
                    eprintln!("lib {j} {id}: {regs:#?}");
                }
            }
        }
        assert!(
            only_a.is_empty() && only_b.is_empty(),
            "seed {seed}: Amina and {name} differ:\n{only_a:#?}\n{only_b:#?}"
        );
    }
    for library in &mut libraries {
        let report = run(library, dir.path());
        assert_eq!(
            (report.sent, report.applied, report.conflicts),
            (0, 0, 0),
            "seed {seed}: a further sync changed something"
        );
        let check = library.check().unwrap();
        assert!(check.is_ok(), "seed {seed}: {:?}", check.problems);
    }

    // Nothing silently lost: each written value is the final one, or was replaced by an
    // analyst who saw it, or is in some library's conflict log.
    let mut lost: BTreeMap<(String, String), BTreeSet<Option<String>>> = BTreeMap::new();
    let mut deletes_overridden = BTreeSet::new();
    for library in &libraries {
        for c in mizan_sync::conflicts(library, false).unwrap() {
            if c.kind == mizan_sync::ConflictKind::Delete {
                deletes_overridden.insert(c.row_id.to_string());
            }
            lost.entry((c.row_id.to_string(), c.field.clone()))
                .or_default()
                .insert(c.lost.value.as_str().map(str::to_owned));
        }
    }
    let knowingly_replaced: BTreeSet<(String, &str, Option<String>)> =
        writes.iter().map(|w| (w.row.clone(), w.field, w.old.clone())).collect();
    for w in &writes {
        let last = stored(&libraries[0], &w.row, w.field);
        let accounted = last == w.new
            || knowingly_replaced.contains(&(w.row.clone(), w.field, w.new.clone()))
            || lost.get(&(w.row.clone(), w.field.to_owned())).is_some_and(|values| values.contains(&w.new));
        assert!(accounted, "seed {seed}: {} {} = {:?} was lost silently (now {last:?})", w.row, w.field, w.new);
    }
    for row in &deletes {
        let deleted: bool = libraries[0]
            .connection()
            .query_row("SELECT deleted_at IS NOT NULL FROM sources WHERE id = ?1", [row], |r| r.get(0))
            .unwrap();
        assert!(deleted || deletes_overridden.contains(row), "seed {seed}: the deletion of {row} was undone silently");
    }
}

#[test]
fn three_libraries_converge_and_lose_nothing_silently() {
    let seeds: u64 = std::env::var("MIZAN_SYNC_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let first: u64 = std::env::var("MIZAN_SYNC_FIRST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
    for seed in first..first + seeds {
        simulate(seed, 80);
    }
}
