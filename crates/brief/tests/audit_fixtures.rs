//! One fixture per diagnostic: `tests/fixtures/briefs/audit/<code>.md` must give exactly
//! that code (and `clean.md` none) once info-level single-source notes are set aside,
//! except in `single-source.md` itself.

mod common;

use std::collections::BTreeSet;

use mizan_brief::{Code, audit, parse};
use mizan_i18n::{Arg, Lang, Localizer};

#[test]
fn each_fixture_triggers_exactly_its_rule() {
    let catalog = common::catalog();
    let dir = common::fixtures().join("briefs/audit");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let brief = parse(&std::fs::read_to_string(&path).unwrap());
        let result = audit(&brief, &catalog, common::today());
        let codes: BTreeSet<&str> = result.diagnostics.iter().map(|d| d.code.as_str()).collect();
        let expected: BTreeSet<&str> = if name == "clean" { BTreeSet::new() } else { BTreeSet::from([name.as_str()]) };
        assert_eq!(codes, expected, "{name}: {:?}", result.diagnostics);
        for d in &result.diagnostics {
            assert!(d.line >= 1 && d.column >= 1);
            for lang in Lang::ALL {
                let message = d.message(&Localizer::plain(lang));
                assert!(!message.starts_with("brief-"), "{name}: no {lang} message for {}", d.code.as_str());
                assert!(!message.contains("{$"), "{name}: {message}");
            }
        }
        seen += 1;
    }
    assert!(seen >= 12, "only {seen} fixtures");
}

#[test]
fn sources_age_as_of_today_in_a_draft_and_as_of_the_date_of_a_final_brief() {
    let draft = common::read("briefs/audit/stale-source.md");
    let final_brief = draft.replacen("template: assessment\n", "template: assessment\nstatus: final\n", 1);
    let a_year_later = mizan_source::PartialDate::parse("2026-12-01").unwrap();
    // (citation key, message) of each stale-source note, in `lang`.
    let stale = |text: &str, lang: Lang| -> Vec<(String, String)> {
        let result = audit(&parse(text), &common::catalog(), a_year_later);
        let localizer = Localizer::plain(lang);
        let key = |d: &mizan_brief::Diagnostic| match d.args.iter().find(|(name, _)| *name == "key") {
            Some((_, Arg::Text(key))) => key.clone(),
            other => panic!("no key: {other:?}"),
        };
        result
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::StaleSource)
            .map(|d| (key(d), d.message(&localizer)))
            .collect()
    };

    // A draft (no status) is read today, when the 2025 source too is past the 180 days.
    let notes = stale(&draft, Lang::Fr);
    let keys: BTreeSet<&str> = notes.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, BTreeSet::from(["rfi-blocus-bamako-2025", "traore-sahel-en-armes-2023"]));
    assert!(notes.iter().all(|(_, message)| message.contains("il y a ")), "{notes:?}");

    // A final brief is read as of its date (2025-12-18): only the 2023 book is too old.
    let notes = stale(&final_brief, Lang::Fr);
    assert_eq!(notes.len(), 1, "{notes:?}");
    let (key, message) = &notes[0];
    assert_eq!(key, "traore-sahel-en-armes-2023");
    assert!(message.contains("jours avant la date de cette note définitive (2025-12-18)"), "{message}");
    for lang in Lang::ALL {
        let (_, message) = &stale(&final_brief, lang)[0];
        assert!(message.contains("2025-12-18") && !message.contains('{'), "{lang}: {message}");
    }
}
