//! Adding, finding, editing, grading and removing sources by hand.

use crate::harness::Sandbox;

fn add_sahel_sources(sandbox: &Sandbox) {
    sandbox
        .run(&[
            "sources",
            "add",
            "--key",
            "rfi-bamako-2025",
            "--title",
            "Mali : Bamako asphyxiée par le blocus du carburant",
            "--type",
            "news-article",
            "--author",
            "Daniel, Serge",
            "--container",
            "RFI",
            "--issued",
            "2025-10",
            "--language",
            "fr",
            "--url",
            "https://www.rfi.fr/fr/afrique/bamako-blocus",
            "--tag",
            "Mali",
            "--tag",
            "JNIM",
        ])
        .ok();
    sandbox
        .run(&[
            "sources",
            "add",
            "--key",
            "jazeera-sahel-2025",
            "--title",
            "الجزائرُ والأمنُ في منطقة السّاحل",
            "--type",
            "news-article",
            "--author",
            "محمد الأمين ولد أحمد",
            "--issued",
            "2025-11-03",
            "--language",
            "ar",
        ])
        .ok();
}

#[test]
fn add_show_and_search_in_arabic_and_french() {
    let sandbox = Sandbox::new();
    add_sahel_sources(&sandbox);
    let show = sandbox.run(&["sources", "show", "rfi-bamako-2025", "--json"]).ok().json();
    assert_eq!(show["title"], "Mali : Bamako asphyxiée par le blocus du carburant");
    assert_eq!(show["kind"], "news-article");
    assert_eq!(show["issued"], "2025-10");
    assert_eq!(show["authors"][0]["family"], "Daniel");
    assert_eq!(show["authors"][0]["given"], "Serge");
    assert_eq!(show["createdBy"], "Analyste E2E");
    assert_eq!(show["tags"], serde_json::json!(["Mali", "JNIM"]));

    assert_eq!(sandbox.keys("asphyxiee"), ["rfi-bamako-2025"]);
    assert_eq!(sandbox.keys("الجزائر"), ["jazeera-sahel-2025"]);
    assert_eq!(sandbox.keys("الـجـزائر"), ["jazeera-sahel-2025"]);
    assert_eq!(sandbox.keys("الساحل"), ["jazeera-sahel-2025"]);
    assert_eq!(sandbox.keys("ساحل"), ["jazeera-sahel-2025"]);
    assert_eq!(sandbox.keys("ولد"), ["jazeera-sahel-2025"]);
}

#[test]
fn search_json_has_the_documented_fields() {
    let sandbox = Sandbox::new();
    add_sahel_sources(&sandbox);
    sandbox.run(&["sources", "grade", "rfi-bamako-2025", "B"]).ok();
    let hits = sandbox.run(&["sources", "search", "bamako", "--json"]).ok().json();
    let hit = &hits[0];
    for field in ["key", "title", "authors", "issued", "language", "kind", "grade", "containerTitle"] {
        assert!(hit.get(field).is_some(), "missing {field} in {hit}");
    }
    assert_eq!(hit["grade"], "B");
    assert_eq!(hit["language"], "fr");
}

#[test]
fn filters_combine() {
    let sandbox = Sandbox::new();
    add_sahel_sources(&sandbox);
    sandbox.run(&["sources", "grade", "jazeera-sahel-2025", "C"]).ok();
    let keys = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["sources", "search", "--json"];
        all.extend_from_slice(args);
        let run = sandbox.run(&all).ok();
        run.json().as_array().unwrap().iter().map(|h| h["key"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(keys(&["--lang", "ar"]), ["jazeera-sahel-2025"]);
    assert_eq!(keys(&["--grade", "A-C"]), ["jazeera-sahel-2025"]);
    assert_eq!(keys(&["--year", "2025..2025", "--type", "news-article", "--tag", "jnim"]), ["rfi-bamako-2025"]);
    assert!(keys(&["--year", "..2024"]).is_empty());
}

#[test]
fn edit_grade_and_remove() {
    let sandbox = Sandbox::new();
    add_sahel_sources(&sandbox);
    sandbox.run(&["sources", "edit", "rfi-bamako-2025", "--title", "Nouveau titre", "--url", ""]).ok();
    let show = sandbox.run(&["sources", "show", "rfi-bamako-2025", "--json"]).ok().json();
    assert_eq!(show["title"], "Nouveau titre");
    assert!(show["url"].is_null(), "an empty value clears the field");
    assert_eq!(show["containerTitle"], "RFI", "untouched fields stay");

    sandbox.run(&["sources", "edit", "rfi-bamako-2025", "--key", "rfi-2025"]).ok();
    sandbox.run(&["sources", "show", "rfi-bamako-2025"]).user_error();

    let graded = sandbox.run(&["sources", "grade", "rfi-2025", "a"]).ok();
    assert!(graded.stdout.contains("A"));
    let show = sandbox.run(&["sources", "show", "rfi-2025", "--json"]).ok().json();
    assert_eq!(show["grading"]["reliability"], "A");
    assert_eq!(show["grading"]["gradedBy"], "Analyste E2E");

    sandbox
        .run(&["sources", "excerpt", "rfi-2025", "--text", "Les files d’attente s’allongent.", "--locator", "§ 2"])
        .ok();
    let show = sandbox.run(&["sources", "show", "rfi-2025", "--json"]).ok().json();
    assert_eq!(show["excerpts"][0]["locator"], "§ 2");

    sandbox.run(&["sources", "remove", "rfi-2025"]).ok();
    assert_eq!(sandbox.count(), 1);
    sandbox.run(&["sources", "remove", "rfi-2025"]).user_error();
}

#[test]
fn user_errors_are_one_clear_line_with_exit_1() {
    let sandbox = Sandbox::new();
    add_sahel_sources(&sandbox);
    let cases: &[(&[&str], &str)] = &[
        (&["sources", "show", "nope"], "nope"),
        (&["sources", "grade", "rfi-bamako-2025", "G"], "not a reliability grade"),
        (&["sources", "add", "--key", "bad key", "--title", "T"], "--key"),
        (&["sources", "add", "--key", "x", "--title", "T", "--issued", "2025-13"], "--issued"),
        (&["sources", "add", "--key", "x", "--title", "T", "--type", "blog"], "news-article"),
        (&["sources", "add", "--key", "rfi-bamako-2025", "--title", "Autre"], "already exists"),
        (&["sources", "search", "x", "--year", "20x"], "year range"),
        (&["sources", "frobnicate"], "frobnicate"),
    ];
    for (args, needle) in cases {
        let run = sandbox.run(args).user_error();
        assert_eq!(run.stderr.trim().lines().count(), 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
    }
    assert_eq!(sandbox.count(), 2, "failed commands change nothing");
}

#[test]
fn a_duplicate_add_is_refused_unless_asked() {
    let sandbox = Sandbox::new();
    add_sahel_sources(&sandbox);
    let dup = [
        "sources",
        "add",
        "--key",
        "copie",
        "--title",
        "Autre titre",
        "--url",
        "http://rfi.fr/fr/afrique/bamako-blocus/",
    ];
    let run = sandbox.run(&dup).user_error();
    assert!(run.stderr.contains("duplicates `rfi-bamako-2025` (same URL)"), "{}", run.stderr);
    let mut keep = dup.to_vec();
    keep.extend(["--on-duplicate", "keep-both"]);
    sandbox.run(&keep).ok();
    assert_eq!(sandbox.count(), 3);
}

#[test]
fn help_works_everywhere() {
    let sandbox = Sandbox::new();
    for args in
        [&["--help"][..], &["sources", "--help"], &["sources", "search", "--help"], &["library", "backup", "--help"]]
    {
        let run = sandbox.run(args).ok();
        assert!(run.stdout.contains("Usage"), "{args:?}");
    }
}

#[test]
fn the_analyst_name_comes_from_the_config_file() {
    let sandbox = Sandbox::new();
    std::fs::create_dir_all(sandbox.path("config/mizan")).unwrap();
    std::fs::write(sandbox.path("config/mizan/config.toml"), "analyst = \"Aïcha Konaté\"\n").unwrap();
    sandbox.run(&["sources", "add", "--key", "k", "--title", "Titre"]).ok();
    let show = sandbox.run(&["sources", "show", "k", "--json"]).ok().json();
    assert_eq!(show["createdBy"], "Aïcha Konaté");

    std::fs::write(sandbox.path("config/mizan/config.toml"), "analyst = [1, 2\n").unwrap();
    let run = sandbox.run(&["sources", "show", "k"]).user_error();
    assert!(run.stderr.contains("config.toml, line 1"), "{}", run.stderr);
}

#[test]
fn a_source_added_without_a_key_gets_one_as_in_the_app() {
    let sandbox = Sandbox::new();
    let add =
        ["sources", "add", "--title", "Les convois de Kayes", "--author", "Ledjely, Mariam", "--issued", "2025-10"];
    let mut with_json = add.to_vec();
    with_json.push("--json");
    let added = sandbox.run(&with_json).ok().json();
    assert_eq!(added["source"]["key"], "ledjely-2025-convois", "{added}");
    assert_eq!(added["duplicate"], serde_json::Value::Null);
    // Another work with the same author, year and first word: the next free key.
    let mut other = add.to_vec();
    other[3] = "Les convois de Kidal";
    let run = sandbox.run(&other).ok();
    assert!(run.stdout.contains("added ledjely-2025-convois-b"), "{}", run.stdout);
}

#[test]
fn the_same_excerpt_twice_is_one_excerpt() {
    let sandbox = Sandbox::new();
    add_sahel_sources(&sandbox);
    let excerpt = ["sources", "excerpt", "rfi-bamako-2025", "--text", "Les files d’attente s’allongent.", "--json"];
    let first = sandbox.run(&excerpt).ok().json();
    let again = sandbox.run(&excerpt).ok().json();
    assert_eq!(first["id"], again["id"], "the second finds the first");
    let show = sandbox.run(&["sources", "show", "rfi-bamako-2025", "--json"]).ok().json();
    assert_eq!(show["excerpts"].as_array().map(Vec::len), Some(1), "{show}");
}

#[test]
fn add_merges_a_duplicate_when_asked() {
    let sandbox = Sandbox::new();
    add_sahel_sources(&sandbox);
    let run = sandbox
        .run(&[
            "sources",
            "add",
            "--title",
            "Autre titre",
            "--url",
            "https://www.rfi.fr/fr/afrique/bamako-blocus",
            "--publisher",
            "RFI",
            "--on-duplicate",
            "merge",
        ])
        .ok();
    assert!(run.stdout.contains("merged into rfi-bamako-2025 (same URL)"), "{}", run.stdout);
    let show = sandbox.run(&["sources", "show", "rfi-bamako-2025", "--json"]).ok().json();
    assert_eq!(show["publisher"], "RFI", "the empty field was filled");
    assert_eq!(sandbox.count(), 2);
}
