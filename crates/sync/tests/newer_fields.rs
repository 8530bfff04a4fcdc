//! Changesets from a newer Mizan, which knows fields (or kinds of rows) this one does not:
//! their entries are held, not refused, reach new members through snapshots, count as
//! seen by a deletion, and are applied once an update makes the field known.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::*;
use mizan_library::Library;
use mizan_sync::{snapshot_and_compact, sync};
use sha2::{Digest, Sha256};

fn changeset_of(library: &Library, dir: &Path, seq: u64) -> PathBuf {
    let device = mizan_sync::device_id(library).unwrap().unwrap();
    dir.join("mizan-sync").join(device).join(format!("{seq:010}.changes"))
}

/// Adds entries to a changeset and fixes its checksum, as a newer Mizan would have
/// written them.
fn append(path: &Path, extra: impl Fn(&serde_json::Value) -> Vec<serde_json::Value>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let mut header: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    let mut entries: Vec<serde_json::Value> = lines.map(|l| serde_json::from_str(l).unwrap()).collect();
    let more = extra(&entries[0]);
    entries.extend(more);
    let body: String = entries.iter().map(|e| format!("{e}\n")).collect();
    header["count"] = serde_json::json!(entries.len());
    header["body_sha256"] =
        serde_json::json!(Sha256::digest(body.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>());
    std::fs::write(path, format!("{header}\n{body}")).unwrap();
}

/// An entry like `like` (same row, device, time) for another field and value.
fn entry(like: &serde_json::Value, kind: &str, field: &str, value: serde_json::Value) -> serde_json::Value {
    let mut e = like.clone();
    e["t"] = serde_json::json!(kind);
    e["f"] = serde_json::json!(field);
    e["v"] = value;
    e
}

fn held_count(library: &Library) -> i64 {
    library.connection().query_row("SELECT count(*) FROM sync_held", [], |r| r.get(0)).unwrap()
}

/// Amina's first changeset, as a newer Mizan wrote it: a source with a field and a kind of
/// row this Mizan does not know.
fn newer_team() -> (tempfile::TempDir, Library, Library) {
    let dir = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    amina.add(&source("amina-1", "Rapport de Amina")).unwrap();
    run(&mut amina, dir.path());
    append(&changeset_of(&amina, dir.path(), 1), |first| {
        vec![
            entry(first, "source", "figure_refs", serde_json::json!(["carte-1", "carte-2"])),
            entry(first, "attachment", "file_name", serde_json::json!("carte.png")),
        ]
    });
    (dir, amina, library("Léa", 0, 1000))
}

#[test]
fn entries_of_unknown_fields_are_held_and_the_rest_applies() {
    let (dir, mut amina, mut lea) = newer_team();
    let report = run(&mut lea, dir.path());
    assert_eq!((report.changesets_applied, report.held), (1, 2), "{report:?}");
    assert!(lea.get("amina-1").unwrap().is_some());
    assert_eq!(held_count(&lea), 2);
    // Amina's later changesets are not held up.
    amina.add(&source("amina-2", "Deuxième rapport")).unwrap();
    run(&mut amina, dir.path());
    run(&mut lea, dir.path());
    assert!(lea.get("amina-2").unwrap().is_some());
    // Reading the same file again holds nothing twice.
    assert_eq!(held_count(&lea), 2);
    assert!(lea.check().unwrap().is_ok());
}

#[test]
fn held_entries_reach_new_members_through_snapshots() {
    let (dir, amina, mut lea) = newer_team();
    lea.add(&source("lea-1", "Note de Léa")).unwrap();
    run(&mut lea, dir.path());
    let (snapshot, _) = snapshot_and_compact(&mut lea, dir.path(), &options()).unwrap();
    let text = std::fs::read_to_string(snapshot).unwrap();
    assert!(text.contains("\"figure_refs\"") && text.contains("carte.png"), "{text}");
    // Omar joins with Léa's snapshot alone (Amina's folder is gone).
    let amina_folder = changeset_of(&amina, dir.path(), 1).parent().unwrap().to_owned();
    std::fs::remove_dir_all(amina_folder).unwrap();
    let mut omar = library("Omar", 0, 1000);
    let report = run(&mut omar, dir.path());
    assert_eq!((report.snapshots_loaded, report.held), (1, 2), "{report:?}");
    assert_eq!(held_count(&omar), 2);
    assert!(omar.get("amina-1").unwrap().is_some());
}

#[test]
fn a_deletion_has_seen_the_held_values_of_its_row() {
    let (dir, _amina, mut lea) = newer_team();
    run(&mut lea, dir.path());
    lea.remove("amina-1").unwrap();
    run(&mut lea, dir.path());
    let text = std::fs::read_to_string(changeset_of(&lea, dir.path(), 1)).unwrap();
    let deletion = text.lines().find(|l| l.contains("\"f\":\"deleted\"")).unwrap();
    assert!(deletion.contains("/figure_refs\""), "{deletion}");
}

/// An older Mizan held `translated_title` entries before it knew the field; once updated,
/// its next sync applies them (here put in `sync_held` as that Mizan would have).
#[test]
fn held_entries_apply_once_the_field_is_known() {
    let (dir, _amina, mut lea) = newer_team();
    run(&mut lea, dir.path());
    let id = lea.get("amina-1").unwrap().unwrap().source.id.to_string();
    let (ts, device): (i64, String) = lea
        .connection()
        .query_row("SELECT ts, device FROM sync_versions WHERE row_id = ?1 AND field = 'title'", [&id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let held = |field: &str, value: &str, ts: i64| {
        let entry = serde_json::json!({"t": "source", "id": id, "f": field, "v": value, "ts": ts, "d": device, "a": "Amina", "b": null});
        lea.connection()
            .execute(
                "INSERT INTO sync_held (entity, row_id, field, ts, device, entry) VALUES ('source', ?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![id, field, ts, device, entry.to_string()],
            )
            .unwrap();
    };
    held("translated_title", "Le rapport d'Amina", ts + 1);
    // An older title than the one applied: it loses, as it would have on arrival.
    held("title", "Ancien titre", ts - 1);
    let report = sync(&mut lea, dir.path(), &options()).unwrap();
    assert_eq!(report.applied, 1, "{report:?}");
    let source = lea.get("amina-1").unwrap().unwrap().source;
    assert_eq!(source.translated_title.as_deref(), Some("Le rapport d'Amina"));
    assert_eq!(source.title, "Rapport de Amina");
    assert_eq!(held_count(&lea), 2, "the entries of fields still unknown stay");
    assert_eq!(lea.search(&mizan_library::SearchQuery::text("amina")).unwrap().len(), 1);
}

#[test]
fn names_no_mizan_could_write_are_refused() {
    for (kind, field) in
        [("source", "Password"), ("source", "x; DROP TABLE sources"), ("Claims!", "text"), ("source", "")]
    {
        let dir = tempfile::tempdir().unwrap();
        let mut amina = library("Amina", 0, 1000);
        amina.add(&source("amina-1", "Rapport de Amina")).unwrap();
        run(&mut amina, dir.path());
        append(&changeset_of(&amina, dir.path(), 1), |first| vec![entry(first, kind, field, serde_json::json!("x"))]);
        let mut lea = library("Léa", 0, 1000);
        let report = sync(&mut lea, dir.path(), &options()).unwrap();
        assert_eq!(report.refused.len(), 1, "{kind}/{field}: {report:?}");
        assert!(report.refused[0].reason.contains("not a name a newer Mizan could have written"), "{report:?}");
        assert!(lea.get("amina-1").unwrap().is_none());
        assert_eq!(held_count(&lea), 0);
    }
}
