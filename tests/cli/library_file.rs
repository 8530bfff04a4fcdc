//! The library file: creation, check, backup, restore, refusing what it cannot read.

use crate::harness::Sandbox;

#[test]
fn creates_the_library_where_xdg_says() {
    let sandbox = Sandbox::new();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_mizan"))
        .args(["sources", "add", "--key", "k", "--title", "Titre"])
        .env("HOME", sandbox.dir.path())
        .env("XDG_DATA_HOME", sandbox.path("xdg"))
        .env("XDG_CONFIG_HOME", sandbox.path("config"))
        .env_remove("MIZAN_LIBRARY")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(sandbox.path("xdg/mizan/library.sqlite3").exists());

    // MIZAN_LIBRARY overrides it.
    let other = sandbox.path("elsewhere.sqlite3");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_mizan"))
        .args(["sources", "add", "--key", "k", "--title", "Titre"])
        .env("HOME", sandbox.dir.path())
        .env("MIZAN_LIBRARY", &other)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(other.exists());
}

#[test]
fn check_backup_and_restore() {
    let sandbox = Sandbox::new();
    sandbox.run(&["sources", "add", "--key", "avant", "--title", "Avant"]).ok();
    let check = sandbox.run(&["library", "check"]).ok();
    assert!(check.stdout.contains("1 sources") && check.stdout.contains("ok"), "{}", check.stdout);

    let copy = sandbox.path("copie.sqlite3");
    sandbox.run(&["library", "backup", "-o", copy.to_str().unwrap()]).ok();
    sandbox.run(&["library", "backup", "-o", copy.to_str().unwrap()]).user_error(); // never overwrites
    let auto = sandbox.run(&["library", "backup"]).ok();
    assert!(auto.stdout.contains("backups"), "{}", auto.stdout);

    sandbox.run(&["sources", "add", "--key", "apres", "--title", "Après"]).ok();
    sandbox.run(&["library", "restore", copy.to_str().unwrap()]).ok();
    assert_eq!(sandbox.count(), 1);
    sandbox.run(&["sources", "show", "avant"]).ok();

    let junk = sandbox.path("junk.sqlite3");
    std::fs::write(&junk, "pas une base").unwrap();
    let run = sandbox.run(&["library", "restore", junk.to_str().unwrap()]).user_error();
    assert!(run.stderr.contains("not a SQLite database"), "{}", run.stderr);
    assert_eq!(sandbox.count(), 1);
}

#[test]
fn check_finds_damage_and_repair_fixes_what_it_can() {
    let sandbox = Sandbox::new();
    sandbox.run(&["sources", "add", "--key", "k", "--title", "Tombouctou"]).ok();
    rusqlite_free_damage(&sandbox.library());
    let run = sandbox.run(&["library", "check"]).user_error();
    assert!(run.stdout.contains("search index"), "{}", run.stdout);
    sandbox.run(&["library", "check", "--repair"]).ok();
    assert_eq!(sandbox.keys("tombouctou"), ["k"]);
}

/// Empties the search index through the sqlite3 shell if present, else by the library
/// crate's own connection.
fn rusqlite_free_damage(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute("DELETE FROM source_search", []).unwrap();
}

#[test]
fn refuses_files_it_cannot_read_without_touching_them() {
    let sandbox = Sandbox::new();
    let text = sandbox.path("notes.txt");
    std::fs::write(&text, "mes notes").unwrap();
    let run = sandbox.run_with_library(&text, &["sources", "search"]).user_error();
    assert!(run.stderr.contains("is not a Mizan library"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "mes notes");

    sandbox.run(&["sources", "add", "--key", "k", "--title", "T"]).ok();
    let conn = rusqlite::Connection::open(sandbox.library()).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let run = sandbox.run(&["sources", "search"]).user_error();
    assert!(run.stderr.contains("newer version of Mizan"), "{}", run.stderr);
}
