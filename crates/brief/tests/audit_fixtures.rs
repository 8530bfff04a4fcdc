//! One fixture per diagnostic: `tests/fixtures/briefs/audit/<code>.md` must give exactly
//! that code (and `clean.md` none) once info-level single-source notes are set aside,
//! except in `single-source.md` itself.

mod common;

use std::collections::BTreeSet;

use mizan_brief::{Code, audit, parse};
use mizan_i18n::{Lang, Localizer};

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
fn report_serialises_diagnostics_and_stats() {
    let brief = parse(&common::read("briefs/audit/unknown-citation-key.md"));
    let result = audit(&brief, &common::catalog(), common::today());
    let json: serde_json::Value = serde_json::from_str(&result.to_json(&Localizer::plain(Lang::Fr))).unwrap();
    let first = &json["diagnostics"][0];
    assert_eq!(first["code"], Code::UnknownCitationKey.as_str());
    assert_eq!(first["severity"], "error");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(10), Some(43)));
    assert_eq!(first["args"]["key"], "cle-qui-n-existe-pas");
    assert!(first["message"].as_str().unwrap().contains("« cle-qui-n-existe-pas »"));
    assert_eq!(json["stats"]["claims"]["fact"], 1);
    assert_eq!(json["stats"]["reliability"]["B"], 1);
    assert_eq!(json["stats"]["share_sourced"], 1.0);
}
