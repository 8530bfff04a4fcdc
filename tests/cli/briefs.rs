//! Briefs on the command line: new from a template, the sourcing audit, claims recorded
//! in the library, revisions.

use std::path::{Path, PathBuf};

use crate::harness::{Sandbox, fixture};

fn brief_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/briefs").join(name)
}

/// A sandbox with the sample library and a writable copy of a brief fixture.
fn with_brief(name: &str) -> (Sandbox, PathBuf) {
    let sandbox = Sandbox::new();
    sandbox.run(&["sources", "import", &fixture("sample-library.json")]).ok();
    let copy = sandbox.path(Path::new(name).file_name().unwrap().to_str().unwrap());
    std::fs::copy(brief_fixture(name), &copy).unwrap();
    (sandbox, copy)
}

#[test]
fn the_sample_briefs_pass_the_audit_without_errors_or_warnings() {
    for name in ["sample-ar.md", "sample-fr.md"] {
        let (sandbox, brief) = with_brief(name);
        let run = sandbox.run(&["check", brief.to_str().unwrap(), "--json"]).ok();
        let report = run.json();
        let serious: Vec<_> =
            report["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] != "info").collect();
        assert!(serious.is_empty(), "{name}: {serious:?}");
        assert!(report["stats"]["claims"]["judgment"].as_u64().unwrap() >= 3, "{name}: {}", report["stats"]);
        assert!(report["stats"]["claims"]["fact"].as_u64().unwrap() >= 5, "{name}");
    }
}

#[test]
fn check_gives_the_brief_an_id_records_its_claims_and_a_revision() {
    let (sandbox, brief) = with_brief("sample-fr.md");
    let before = std::fs::read_to_string(&brief).unwrap();
    assert!(!before.contains("\nid:"), "the fixture starts without an id");
    sandbox.run(&["check", brief.to_str().unwrap()]).ok();
    let after = std::fs::read_to_string(&brief).unwrap();
    assert!(after.contains("\nid: "), "check adds the id");
    // Only the id line was added.
    let without_id: String = after.lines().filter(|l| !l.starts_with("id: ")).map(|l| format!("{l}\n")).collect();
    assert_eq!(without_id, before);

    let show = sandbox.run(&["sources", "show", "rfi-blocus-bamako-2025", "--json"]).ok().json();
    let cited_by = show["citedBy"].as_array().unwrap();
    assert!(!cited_by.is_empty(), "the source lists the claims citing it");
    assert!(cited_by.iter().all(|c| c["briefPath"].as_str().unwrap().ends_with("sample-fr.md")));
    let human = sandbox.run(&["sources", "show", "rfi-blocus-bamako-2025"]).ok();
    assert!(human.stdout.contains("cited by:"), "{}", human.stdout);

    let history = sandbox.run(&["history", brief.to_str().unwrap()]).ok();
    assert_eq!(history.stdout.lines().count(), 1, "{}", history.stdout);
    // Checking again without changes stores nothing new.
    sandbox.run(&["check", brief.to_str().unwrap()]).ok();
    assert_eq!(sandbox.run(&["history", brief.to_str().unwrap()]).ok().stdout.lines().count(), 1);
}

#[test]
fn history_diffs_and_restores_without_losing_text() {
    let (sandbox, brief) = with_brief("sample-ar.md");
    let path = brief.to_str().unwrap();
    sandbox.run(&["check", path]).ok();
    let first = std::fs::read_to_string(&brief).unwrap();
    let edited = first.replace("## الوضع الراهن", "## الوضع الراهن\n\nفقرة مضافة للاختبار.");
    std::fs::write(&brief, &edited).unwrap();
    sandbox.run(&["check", path]).ok();
    let diff = sandbox.run(&["history", path, "--diff", "1"]).ok();
    assert!(diff.stdout.contains("+فقرة مضافة للاختبار."), "{}", diff.stdout);

    sandbox.run(&["history", path, "--restore", "1"]).ok();
    assert_eq!(std::fs::read_to_string(&brief).unwrap(), first);
    let list = sandbox.run(&["history", path]).ok();
    assert!(list.stdout.lines().count() >= 2, "{}", list.stdout);
    // The edited text is still there as a revision.
    let diff = sandbox.run(&["history", path, "--diff", "2"]).ok();
    assert!(diff.stdout.contains("-فقرة مضافة للاختبار."), "{}", diff.stdout);

    let run = sandbox.run(&["history", path, "--diff", "99"]).user_error();
    assert!(run.stderr.contains("no revision 99"), "{}", run.stderr);
}

#[test]
fn an_unknown_citation_key_is_an_error_with_its_position() {
    let (sandbox, brief) = with_brief("audit/unknown-citation-key.md");
    let run = sandbox.run(&["check", brief.to_str().unwrap()]).user_error();
    assert!(run.stdout.contains("error[unknown-citation-key]"), "{}", run.stdout);
    let line = run.stdout.lines().find(|l| l.contains("unknown-citation-key")).unwrap();
    let position: Vec<&str> = line.split(':').skip(1).take(2).collect();
    assert!(position.iter().all(|p| p.parse::<u32>().is_ok()), "FILE:LINE:COL expected: {line}");
}

#[test]
fn a_deleted_source_is_an_error() {
    let (sandbox, brief) = with_brief("audit/deleted-source.md");
    let key = "source-supprimee-2025";
    assert!(std::fs::read_to_string(&brief).unwrap().contains(key));
    sandbox.run(&["sources", "add", "--key", key, "--title", "Source bientôt supprimée"]).ok();
    sandbox.run(&["sources", "remove", key]).ok();
    let run = sandbox.run(&["check", brief.to_str().unwrap()]).user_error();
    assert!(run.stdout.contains("deleted"), "{}", run.stdout);
}

#[test]
fn diagnostics_speak_the_language_of_the_brief() {
    let (sandbox, brief) = with_brief("audit/unknown-citation-key.md");
    let run = sandbox.run(&["check", brief.to_str().unwrap(), "--json"]).user_error();
    let report = run.json();
    let message = report["diagnostics"][0]["message"].as_str().unwrap().to_owned();
    let lang = std::fs::read_to_string(&brief).unwrap();
    if lang.contains("lang: fr") {
        assert!(message.chars().any(|c| "éèàùç«".contains(c)) || message.contains("clé"), "{message}");
    }
    assert!(report["stats"].is_object());
}

#[test]
fn new_briefs_come_from_templates_in_each_language() {
    let sandbox = Sandbox::new();
    for lang in ["ar", "fr", "en"] {
        for template in ["assessment", "sitrep", "note"] {
            let out = sandbox.path(&format!("{template}-{lang}.md"));
            sandbox.run(&["new", "--template", template, "--lang", lang, "-o", out.to_str().unwrap()]).ok();
            let text = std::fs::read_to_string(&out).unwrap();
            assert!(text.contains(&format!("lang: {lang}")), "{text}");
            sandbox.run(&["check", out.to_str().unwrap()]).ok();
        }
    }
    let out = sandbox.path("assessment-ar.md");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("النقاط الرئيسية"), "{text}");
    let run =
        sandbox.run(&["new", "--template", "assessment", "--lang", "ar", "-o", out.to_str().unwrap()]).user_error();
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    sandbox
        .run(&["new", "--template", "nope", "--lang", "ar", "-o", sandbox.path("x.md").to_str().unwrap()])
        .user_error();
    sandbox.run(&["new", "--lang", "de", "-o", sandbox.path("y.md").to_str().unwrap()]).user_error();
}

#[test]
fn hostile_briefs_get_diagnostics_not_crashes() {
    let sandbox = Sandbox::new();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("invalid-utf8.md", b"---\ntitle: x\nlang: fr\n---\n\nTexte \xff\xfe cass\xc3.\n".to_vec()),
        ("brackets.md", "---\nlang: fr\n---\n\n[[[@a; [@b ]] ]\n".as_bytes().to_vec()),
        ("script.md", b"---\nlang: fr\n---\n\n<script>alert(1)</script> [lien](javascript:alert(1))\n".to_vec()),
        ("deep.md", format!("---\nlang: fr\n---\n\n{}texte\n", "> ".repeat(3000)).into_bytes()),
        (
            "big.md",
            format!("---\nlang: fr\n---\n\n{}", "Le blocus de Bamako se poursuit [@x]. ".repeat(130_000)).into_bytes(),
        ),
    ];
    for (name, bytes) in cases {
        let path = sandbox.path(name);
        std::fs::write(&path, &bytes).unwrap();
        let run = sandbox.run(&["check", path.to_str().unwrap()]);
        assert!(run.status == 0 || run.status == 1, "{name}: {}", run.stderr);
        assert!(!run.stderr.contains("internal error"), "{name}: {}", run.stderr);
        if name == "invalid-utf8.md" {
            assert!(run.stdout.contains(":6:"), "the bad byte's line: {}", run.stdout);
            assert_eq!(std::fs::read(&path).unwrap(), bytes, "a damaged file is never rewritten");
        }
    }
}
