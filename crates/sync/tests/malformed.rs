//! Changesets that are truncated, altered, of a foreign format, hostile or huge are refused
//! whole with a message naming the file, or stored as plain text; the rest of the sync
//! goes on.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::*;
use mizan_library::Library;
use mizan_sync::sync;
use sha2::{Digest, Sha256};

/// Amina's library with one changeset in the folder, Karim's with one, and Léa's fresh.
struct Team {
    dir: tempfile::TempDir,
    amina: Library,
    karim: Library,
    lea: Library,
}

fn team() -> Team {
    let dir = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    let mut karim = library("Karim", 0, 1000);
    amina.add(&source("amina-1", "Rapport de Amina")).unwrap();
    run(&mut amina, dir.path());
    karim.add(&source("karim-1", "تقرير كريم")).unwrap();
    run(&mut karim, dir.path());
    Team { dir, amina, karim, lea: library("Léa", 0, 1000) }
}

fn changeset_of(library: &Library, dir: &Path, seq: u64) -> PathBuf {
    let device = mizan_sync::device_id(library).unwrap().unwrap();
    dir.join("mizan-sync").join(device).join(format!("{seq:010}.changes"))
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Rewrites a changeset with new entry lines and a correct checksum, as a hostile but
/// competent writer would.
fn forge(path: &Path, edit: impl Fn(&mut serde_json::Value, &mut Vec<serde_json::Value>)) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let mut header: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    let mut entries: Vec<serde_json::Value> = lines.map(|l| serde_json::from_str(l).unwrap()).collect();
    edit(&mut header, &mut entries);
    let body: String = entries.iter().map(|e| format!("{e}\n")).collect();
    header["count"] = serde_json::json!(entries.len());
    header["body_sha256"] = serde_json::json!(hex(body.as_bytes()));
    std::fs::write(path, format!("{header}\n{body}")).unwrap();
}

/// Léa syncs: Amina's changeset is refused with `reason`, Karim's is applied anyway.
fn refused_but_the_rest_goes_on(team: &mut Team, reason: &str) {
    let path = changeset_of(&team.amina, team.dir.path(), 1);
    let report = sync(&mut team.lea, team.dir.path(), &options()).unwrap();
    assert_eq!(report.refused.len(), 1, "{report:?}");
    assert_eq!(report.refused[0].path, path);
    let message = report.refused[0].to_string();
    assert!(message.contains(&path.display().to_string()) && message.contains(reason), "{message}");
    assert!(team.lea.get("karim-1").unwrap().is_some(), "Karim's changeset is applied");
    assert!(team.lea.get("amina-1").unwrap().is_none(), "nothing of the refused changeset is applied");
    assert!(team.lea.check().unwrap().is_ok());
}

#[test]
fn a_truncated_changeset_is_refused_and_applied_once_whole() {
    let mut team = team();
    let path = changeset_of(&team.amina, team.dir.path(), 1);
    let whole = std::fs::read(&path).unwrap();
    std::fs::write(&path, &whole[..whole.len() * 2 / 3]).unwrap();
    refused_but_the_rest_goes_on(&mut team, "checksum");
    // The sync tool delivers the rest of the file: the next sync applies it.
    std::fs::write(&path, &whole).unwrap();
    let report = run(&mut team.lea, team.dir.path());
    assert_eq!(report.changesets_applied, 1);
    assert!(team.lea.get("amina-1").unwrap().is_some());
    assert_eq!(dump(&team.lea), dump(&team.karim));
}

#[test]
fn an_altered_changeset_is_refused() {
    let mut team = team();
    let path = changeset_of(&team.amina, team.dir.path(), 1);
    let text = std::fs::read_to_string(&path).unwrap().replace("Rapport de Amina", "Rapport falsifié");
    std::fs::write(&path, text).unwrap();
    refused_but_the_rest_goes_on(&mut team, "checksum mismatch");
}

#[test]
fn an_empty_or_garbage_file_is_refused() {
    let mut team = team();
    let path = changeset_of(&team.amina, team.dir.path(), 1);
    std::fs::write(&path, b"").unwrap();
    refused_but_the_rest_goes_on(&mut team, "empty");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x10, b'\n', 0x80]).unwrap();
    let report = sync(&mut team.lea, team.dir.path(), &options()).unwrap();
    assert!(report.refused[0].reason.contains("header"), "{:?}", report.refused);
}

#[test]
fn a_foreign_format_or_schema_is_refused() {
    let mut team = team();
    let path = changeset_of(&team.amina, team.dir.path(), 1);
    let original = std::fs::read(&path).unwrap();
    forge(&path, |header, _| header["mizan_sync"] = serde_json::json!(2));
    refused_but_the_rest_goes_on(&mut team, "format version 2");

    std::fs::write(&path, &original).unwrap();
    // A field or kind of row no Mizan could name (a newer Mizan's are held: newer_fields.rs).
    forge(&path, |_, entries| entries[0]["f"] = serde_json::json!("pass word"));
    let report = sync(&mut team.lea, team.dir.path(), &options()).unwrap();
    assert!(report.refused[0].reason.contains("unknown field `pass word`"), "{:?}", report.refused);
    assert!(report.refused[0].reason.contains("line 2"), "{:?}", report.refused);

    std::fs::write(&path, &original).unwrap();
    forge(&path, |_, entries| entries[0]["t"] = serde_json::json!("Claims"));
    let report = sync(&mut team.lea, team.dir.path(), &options()).unwrap();
    assert!(report.refused[0].reason.contains("unknown kind of row `Claims`"), "{:?}", report.refused);

    std::fs::write(&path, &original).unwrap();
    forge(&path, |header, _| header["extra_member"] = serde_json::json!(true));
    let report = sync(&mut team.lea, team.dir.path(), &options()).unwrap();
    assert!(report.refused[0].reason.contains("header"), "{:?}", report.refused);

    // A value the library could not read back (an invalid citation key).
    std::fs::write(&path, &original).unwrap();
    forge(&path, |_, entries| {
        for e in entries.iter_mut().filter(|e| e["f"] == "key") {
            e["v"] = serde_json::json!("a key with spaces");
        }
    });
    let report = sync(&mut team.lea, team.dir.path(), &options()).unwrap();
    assert!(report.refused[0].reason.contains("field `key`"), "{:?}", report.refused);

    // A change attributed to another device.
    std::fs::write(&path, &original).unwrap();
    let karim = mizan_sync::device_id(&team.karim).unwrap().unwrap();
    forge(&path, |_, entries| entries[0]["d"] = serde_json::json!(karim));
    let report = sync(&mut team.lea, team.dir.path(), &options()).unwrap();
    assert!(report.refused[0].reason.contains("changeset"), "{:?}", report.refused);
    assert!(team.lea.get("amina-1").unwrap().is_none());
}

#[test]
fn hostile_sql_in_values_is_stored_as_text() {
    let mut team = team();
    let path = changeset_of(&team.amina, team.dir.path(), 1);
    let hostile = "'); DROP TABLE sources;-- \" OR 1=1; ATTACH DATABASE '/tmp/x' AS x;";
    forge(&path, |_, entries| {
        for e in entries.iter_mut() {
            if e["f"] == "title" {
                e["v"] = serde_json::json!(hostile);
            }
        }
        let mut notes = entries[0].clone();
        notes["f"] = serde_json::json!("notes");
        notes["v"] = serde_json::json!("x'); DELETE FROM excerpts; --");
        entries.push(notes);
    });
    let report = run(&mut team.lea, team.dir.path());
    assert_eq!(report.changesets_applied, 2);
    let stored = team.lea.get("amina-1").unwrap().unwrap().source;
    assert_eq!(stored.title, hostile);
    assert_eq!(stored.notes.as_deref(), Some("x'); DELETE FROM excerpts; --"));
    assert_eq!(team.lea.count().unwrap(), 2);
    assert!(team.lea.check().unwrap().is_ok());
}

#[test]
fn huge_values_are_refused() {
    let mut team = team();
    let path = changeset_of(&team.amina, team.dir.path(), 1);
    let huge = "ث".repeat(mizan_sync::MAX_VALUE_BYTES);
    forge(&path, |_, entries| {
        for e in entries.iter_mut().filter(|e| e["f"] == "title") {
            e["v"] = serde_json::json!(huge);
        }
    });
    refused_but_the_rest_goes_on(&mut team, "accepted");
}
