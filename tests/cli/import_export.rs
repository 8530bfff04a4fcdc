//! Importing and exporting CSL-JSON, BibTeX and RIS through the command line.

use crate::harness::{Sandbox, fixture};

/// Every source as `show --json` prints it, minus who/when it was stored, by key.
fn dump(sandbox: &Sandbox) -> Vec<serde_json::Value> {
    let hits = sandbox.run(&["sources", "search", "--json", "--limit", "100000"]).ok().json();
    let mut keys: Vec<String> =
        hits.as_array().unwrap().iter().map(|h| h["key"].as_str().unwrap().to_owned()).collect();
    keys.sort();
    keys.iter()
        .map(|key| {
            let mut value = sandbox.run(&["sources", "show", key, "--json"]).ok().json();
            let object = value.as_object_mut().unwrap();
            for field in ["createdAt", "createdBy", "modifiedAt", "modifiedBy"] {
                object.remove(field);
            }
            value
        })
        .collect()
}

#[test]
fn import_export_import_gives_back_the_same_sources_in_every_format() {
    let original = Sandbox::new();
    original.run(&["sources", "import", &fixture("sample-library.json")]).ok();
    original.run(&["sources", "import", &fixture("sample.bib")]).ok();
    original.run(&["sources", "import", &fixture("sample.ris")]).ok();
    let expected = dump(&original);
    assert!(expected.len() >= 25, "{} sources", expected.len());
    for (format, ext) in [("csl-json", "json"), ("bibtex", "bib"), ("ris", "ris")] {
        let file = original.path(&format!("export.{ext}"));
        let run = original.run(&["sources", "export", "-o", file.to_str().unwrap(), "--format", format]).ok();
        assert!(run.stdout.contains(&format!("exported {} sources", expected.len())), "{}", run.stdout);
        let copy = Sandbox::new();
        copy.run(&["sources", "import", file.to_str().unwrap()]).ok();
        let actual = dump(&copy);
        assert_eq!(actual.len(), expected.len(), "{format}");
        for (a, e) in actual.iter().zip(&expected) {
            assert_eq!(a, e, "{format} round trip changed a source");
        }
    }
}

#[test]
fn the_sample_library_is_searchable_in_three_languages() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["sources", "import", &fixture("sample-library.json")]).ok();
    assert!(run.stdout.contains("imported"), "{}", run.stdout);
    let all = sandbox.run(&["sources", "search", "--json", "--limit", "1000"]).ok().json();
    let languages: Vec<&str> = all.as_array().unwrap().iter().filter_map(|h| h["language"].as_str()).collect();
    for lang in ["ar", "fr", "en"] {
        assert!(languages.iter().any(|l| l.starts_with(lang)), "no {lang} source in the sample library");
    }
    assert!(!sandbox.keys("bamako").is_empty());
    assert!(!sandbox.keys("باماكو").is_empty());
}

#[test]
fn importing_the_same_file_twice_skips_duplicates_and_reports_them() {
    let sandbox = Sandbox::new();
    sandbox.run(&["sources", "import", &fixture("sample-library.json")]).ok();
    let before = sandbox.count();
    let run = sandbox.run(&["sources", "import", &fixture("sample-library.json")]).ok();
    assert!(run.stdout.contains("imported 0 sources"), "{}", run.stdout);
    assert!(run.stdout.contains("skipped"), "{}", run.stdout);
    assert_eq!(sandbox.count(), before);
    let run = sandbox.run(&["sources", "import", &fixture("sample-library.json"), "--on-duplicate", "keep-both"]).ok();
    assert!(run.stdout.contains(&format!("imported {before} sources")), "{}", run.stdout);
    assert_eq!(sandbox.count(), 2 * before);
}

#[test]
fn bibtex_macros_and_latex_accents_are_read() {
    let sandbox = Sandbox::new();
    sandbox.run(&["sources", "import", &fixture("sample.bib")]).ok();
    let all = sandbox.run(&["sources", "search", "--json", "--limit", "1000"]).ok().json();
    let text = all.to_string();
    assert!(text.contains('é'), "LaTeX accents become characters: {text}");
    assert!(!text.contains("\\'"), "no LaTeX escapes left: {text}");
}

#[test]
fn an_entry_without_a_title_is_kept_not_refused() {
    // Zotero, JabRef and pandoc keep such entries; so does Mizan (issue 16).
    let sandbox = Sandbox::new();
    sandbox.run(&["sources", "import", &fixture("missing-title.json")]).ok();
    assert!(sandbox.count() > 0, "the entries of missing-title.json are kept");
}

#[test]
fn a_broken_file_is_refused_with_its_position_and_unusual_ones_are_read() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["sources", "import", &fixture("truncated.json")]).user_error();
    assert!(run.stderr.contains("truncated.json") && run.stderr.contains("line"), "{}", run.stderr);
    assert_eq!(sandbox.count(), 0, "a refused file writes nothing");
    // Bytes that are not UTF-8 read as Windows-1252, a date that does not read is kept as
    // written, a tag RIS does not know is passed over: each entry is kept.
    let mut before = 0;
    for name in ["invalid-utf8.json", "bad-date.bib", "bad-tag.ris"] {
        sandbox.run(&["sources", "import", &fixture(name)]).ok();
        let after = sandbox.count();
        assert!(after > before, "{name}: nothing kept");
        before = after;
    }
}

#[test]
fn partial_dates_keep_their_precision() {
    let sandbox = Sandbox::new();
    sandbox.run(&["sources", "import", &fixture("partial-dates.json"), "--skip-invalid"]).ok();
    let all = sandbox.run(&["sources", "search", "--json", "--limit", "100"]).ok().json();
    let issued: Vec<&str> = all.as_array().unwrap().iter().filter_map(|h| h["issued"].as_str()).collect();
    assert!(issued.iter().any(|d| d.len() == 4), "a year-only date: {issued:?}");
    assert!(issued.iter().any(|d| d.len() == 7), "a year-month date: {issued:?}");
}

#[test]
fn duplicate_keys_in_one_file_are_renamed_not_lost() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["sources", "import", &fixture("duplicate-keys.json")]).ok();
    assert!(run.stdout.contains("renamed"), "{}", run.stdout);
}

#[test]
fn a_ten_megabyte_file_imports() {
    let sandbox = Sandbox::new();
    let file = sandbox.path("big.json");
    let mut entries = Vec::new();
    let mut size = 0;
    let mut n = 0;
    while size < 10 * 1024 * 1024 {
        let entry = serde_json::json!({
            "id": format!("big-{n}"),
            "type": if n % 2 == 0 { "report" } else { "article-newspaper" },
            "title": format!("تقرير رقم {n} عن الوضع الأمني في منطقة الساحل — rapport n° {n} sur la sécurité au Sahel"),
            "author": [{"family": "Traoré", "given": "Aminata"}, {"literal": "مجموعة الأزمات الدولية"}],
            "issued": {"date-parts": [[2015 + n % 11, 1 + n % 12]]},
            "container-title": "Le Journal du Sahel",
            "URL": format!("https://example.org/rapports/{n}"),
            "note": "Texte de note assez long pour grossir le fichier ".repeat(2),
        });
        size += entry.to_string().len() + 2;
        entries.push(entry);
        n += 1;
    }
    std::fs::write(&file, serde_json::to_string(&entries).unwrap()).unwrap();
    let run = sandbox.run(&["sources", "import", file.to_str().unwrap()]).ok();
    assert!(run.stdout.contains(&format!("imported {n} sources")), "{}", run.stdout);
    assert_eq!(sandbox.keys("\"rapport n 12345 sur\"").len(), usize::from(n > 12345));
}
