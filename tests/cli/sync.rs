//! Two laptops sharing a library through a folder, driven through the command line.

use crate::harness::Sandbox;

#[test]
fn two_laptops_converge_and_conflicts_can_be_reviewed_and_flipped() {
    let amina = Sandbox::new();
    let karim = Sandbox::new();
    let shared = amina.path("partage");
    std::fs::create_dir_all(&shared).unwrap();
    let dir = shared.to_str().unwrap();

    amina
        .run(&["sources", "add", "--key", "rfi-bamako-2025", "--title", "Bamako sous blocus", "--language", "fr"])
        .ok();
    let sent = amina.run(&["library", "sync", dir, "--json"]).ok().json();
    assert_eq!(sent["refused"], serde_json::json!([]));
    assert!(sent["sent"].as_u64().unwrap() > 0, "{sent}");

    let received = karim.run(&["library", "sync", dir, "--json"]).ok().json();
    assert!(received["applied"].as_u64().unwrap() > 0, "{received}");
    assert_eq!(karim.keys("blocus"), ["rfi-bamako-2025"]);

    // Both change the title while apart; different fields merge, the same field conflicts.
    amina.run(&["sources", "edit", "rfi-bamako-2025", "--title", "Titre d’Amina"]).ok();
    karim.run(&["sources", "edit", "rfi-bamako-2025", "--title", "عنوان كريم", "--url", "https://example.org/k"]).ok();
    amina.run(&["library", "sync", dir]).ok();
    karim.run(&["library", "sync", dir]).ok();
    amina.run(&["library", "sync", dir]).ok();

    let show = |s: &Sandbox| s.run(&["sources", "show", "rfi-bamako-2025", "--json"]).ok().json();
    let (a, k) = (show(&amina), show(&karim));
    assert_eq!(a["title"], k["title"], "the same winner on both laptops");
    assert_eq!(a["url"], "https://example.org/k", "a field only one side changed is merged");

    let conflicts = karim.run(&["library", "conflicts", "--json"]).ok().json();
    let list = conflicts.as_array().unwrap();
    let title = list.iter().find(|c| c["field"] == "title").expect("the losing title is logged");
    let id = title["id"].as_i64().unwrap().to_string();
    let lost = title["lost"]["value"].as_str().unwrap().to_owned();
    karim.run(&["library", "conflicts", "--flip", &id]).ok();
    assert_eq!(show(&karim)["title"], lost.as_str());
    // The flip travels like any edit.
    karim.run(&["library", "sync", dir]).ok();
    amina.run(&["library", "sync", dir]).ok();
    assert_eq!(show(&amina)["title"], lost.as_str());

    // Nothing new: a sync changes nothing.
    let idle = amina.run(&["library", "sync", dir, "--json"]).ok().json();
    assert_eq!((idle["sent"].as_u64(), idle["applied"].as_u64()), (Some(0), Some(0)), "{idle}");
}

#[test]
fn a_damaged_changeset_is_refused_by_name_and_the_rest_goes_on() {
    let amina = Sandbox::new();
    let karim = Sandbox::new();
    let shared = amina.path("partage");
    std::fs::create_dir_all(&shared).unwrap();
    let dir = shared.to_str().unwrap();
    amina.run(&["sources", "add", "--key", "a", "--title", "Premier"]).ok();
    amina.run(&["library", "sync", dir]).ok();
    // Damage every changeset file Amina wrote.
    let mut damaged = Vec::new();
    for entry in walk(&shared) {
        if entry.extension().is_some_and(|e| e == "changes") {
            let mut bytes = std::fs::read(&entry).unwrap();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x55;
            std::fs::write(&entry, bytes).unwrap();
            damaged.push(entry);
        }
    }
    assert!(!damaged.is_empty());
    karim.run(&["sources", "add", "--key", "k", "--title", "De Karim"]).ok();
    let run = karim.run(&["library", "sync", dir, "--json"]).ok();
    assert!(!run.json()["refused"].as_array().unwrap().is_empty(), "{}", run.stdout);
    let name = damaged[0].file_name().unwrap().to_str().unwrap();
    assert!(run.stderr.contains(name), "the refusal names the file: {}", run.stderr);
    assert!(karim.keys("premier").is_empty());
    assert_eq!(karim.keys("karim"), ["k"], "local work is untouched");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
