//! What an analyst sees: changes travel, merges happen field by field, conflicts are
//! logged and can be flipped, deletions and key clashes resolve the same everywhere, a
//! new member joins from a snapshot, and another team's folder is refused.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use mizan_source::{
    Calendar, CalendarDate, CitationKey, DateDetail, Excerpt, FieldKind, FieldValue, Grading, PartialDate, Person,
    Reliability, SourceField, SourceType, Timestamp,
};
use mizan_sync::{ConflictKind, SyncError, SyncOptions, conflicts, flip, snapshot_and_compact, sync};

#[test]
fn changes_travel_and_a_second_sync_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    let mut karim = library("Karim", 0, 1000);
    let mut s = source("icg-sahel-2025", "Le Sahel central après le départ de la MINUSMA");
    s.tags = vec!["Mali".into(), "ساحل".into()];
    s.excerpts = vec![Excerpt {
        id: uuid::Uuid::new_v4(),
        text: "« Les convois sont attaqués »".into(),
        locator: Some("p. 4".into()),
    }];
    amina.add(&s).unwrap();
    amina.grade("icg-sahel-2025", Reliability::B).unwrap();
    let sent = run(&mut amina, dir.path());
    assert_eq!(sent.changesets_written, 1);
    assert!(sent.sent > 5, "{sent:?}");
    let got = run(&mut karim, dir.path());
    assert_eq!((got.changesets_applied, got.received, got.conflicts), (1, sent.sent, 0));
    let record = karim.get("icg-sahel-2025").unwrap().unwrap();
    assert_eq!(record.source, amina.get("icg-sahel-2025").unwrap().unwrap().source);
    assert_eq!(record.source.reliability(), Some(Reliability::B));
    // The search index of the receiving library knows the source.
    assert_eq!(karim.search(&mizan_library::SearchQuery::text("convois")).unwrap().len(), 1);
    assert_eq!(dump(&amina), dump(&karim));
    for library in [&mut amina, &mut karim] {
        let again = run(library, dir.path());
        assert_eq!((again.sent, again.received, again.applied), (0, 0, 0));
    }
    assert!(karim.check().unwrap().is_ok());
}

#[test]
fn different_fields_merge_and_the_same_field_keeps_the_later_edit_and_logs_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    let mut karim = library("Karim", 60_000, 1000);
    amina.add(&source("rfi-kayes", "Attaques sur l’axe Kayes–Bamako")).unwrap();
    run(&mut amina, dir.path());
    run(&mut karim, dir.path());

    let mut a = amina.get("rfi-kayes").unwrap().unwrap().source;
    a.notes = Some("Vérifié avec ACLED".into());
    a.title = "Attaques de convois sur l’axe Kayes–Bamako".into();
    amina.update(&a).unwrap();
    let mut k = karim.get("rfi-kayes").unwrap().unwrap().source;
    k.url = Some("https://www.rfi.fr/fr/afrique/kayes".into());
    k.title = "هجمات على محور كاي - باماكو".into();
    karim.update(&k).unwrap();

    run(&mut amina, dir.path());
    run(&mut karim, dir.path());
    run(&mut amina, dir.path());
    assert_eq!(dump(&amina), dump(&karim));
    let merged = amina.get("rfi-kayes").unwrap().unwrap().source;
    assert_eq!(merged.notes.as_deref(), Some("Vérifié avec ACLED"));
    assert_eq!(merged.url.as_deref(), Some("https://www.rfi.fr/fr/afrique/kayes"));
    // Karim's clock is a minute ahead: his title is the later edit.
    assert_eq!(merged.title, "هجمات على محور كاي - باماكو");
    let log = conflicts(&amina, true).unwrap();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!((log[0].kind, log[0].field.as_str()), (ConflictKind::Field, "title"));
    assert_eq!(log[0].lost.value, serde_json::json!("Attaques de convois sur l’axe Kayes–Bamako"));
    assert_eq!(log[0].lost.author, "Amina");
    assert_eq!(log[0].source_key.as_deref(), Some("rfi-kayes"));

    // Amina flips it: her title wins everywhere, as a new edit.
    flip(&mut amina, log[0].id, START + 100_000).unwrap();
    run(&mut amina, dir.path());
    run(&mut karim, dir.path());
    assert_eq!(karim.get("rfi-kayes").unwrap().unwrap().source.title, "Attaques de convois sur l’axe Kayes–Bamako");
    assert!(conflicts(&amina, true).unwrap().is_empty());
    assert_eq!(dump(&amina), dump(&karim));
    // The flipped title is found by search on the other laptop.
    assert_eq!(karim.search(&mizan_library::SearchQuery::text("convois")).unwrap().len(), 1);
}

#[test]
fn an_edit_against_a_delete_keeps_the_edit_and_logs_the_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    let mut karim = library("Karim", 0, 1000);
    amina.add(&source("jeune-afrique-gao", "Gao sous pression")).unwrap();
    run(&mut amina, dir.path());
    run(&mut karim, dir.path());
    amina.remove("jeune-afrique-gao").unwrap();
    let mut k = karim.get("jeune-afrique-gao").unwrap().unwrap().source;
    k.notes = Some("Source recoupée par un second témoin".into());
    karim.update(&k).unwrap();
    run(&mut amina, dir.path());
    run(&mut karim, dir.path());
    run(&mut amina, dir.path());
    assert_eq!(dump(&amina), dump(&karim));
    let kept = amina.get("jeune-afrique-gao").unwrap().expect("the edited source stays");
    assert_eq!(kept.source.notes.as_deref(), Some("Source recoupée par un second témoin"));
    let log = conflicts(&amina, true).unwrap();
    let delete = log.iter().find(|c| c.kind == ConflictKind::Delete).expect("the deletion is logged");
    // Flipping deletes it again, everywhere.
    flip(&mut amina, delete.id, START + 50_000).unwrap();
    run(&mut amina, dir.path());
    run(&mut karim, dir.path());
    assert!(karim.get("jeune-afrique-gao").unwrap().is_none());
    assert_eq!(dump(&amina), dump(&karim));

    // A delete made after seeing every edit simply wins.
    amina.add(&source("bbc-afrique", "Niger : la junte suspend les partis")).unwrap();
    run(&mut amina, dir.path());
    run(&mut karim, dir.path());
    karim.remove("bbc-afrique").unwrap();
    run(&mut karim, dir.path());
    let report = run(&mut amina, dir.path());
    assert_eq!(report.conflicts, 0);
    assert!(amina.get("bbc-afrique").unwrap().is_none());
}

#[test]
fn the_same_key_created_on_two_laptops_is_renamed_identically() {
    let dir = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    let mut karim = library("Karim", 0, 1000);
    let mut lea = library("Léa", 0, 1000);
    amina.add(&source("mali-2025", "Mali : la transition prolongée")).unwrap();
    karim.add(&source("mali-2025", "مالي: تمديد المرحلة الانتقالية")).unwrap();
    for _ in 0..2 {
        for library in [&mut amina, &mut karim, &mut lea] {
            run(library, dir.path());
        }
    }
    assert_eq!(dump(&amina), dump(&karim));
    assert_eq!(dump(&amina), dump(&lea));
    let keys: Vec<String> = amina.all().unwrap().into_iter().map(|s| s.key.to_string()).collect();
    assert_eq!(keys.len(), 2);
    assert!(keys.contains(&"mali-2025".to_owned()), "{keys:?}");
    let renamed = keys.iter().find(|k| *k != "mali-2025").unwrap();
    assert!(renamed.starts_with("mali-2025-") && renamed.len() == "mali-2025-".len() + 4, "{renamed}");
    // Whoever renamed it logged it, so the analyst learns that a key changed.
    let logged: usize = [&amina, &karim, &lea]
        .iter()
        .map(|l| conflicts(l, false).unwrap().iter().filter(|c| c.kind == ConflictKind::Key).count())
        .sum();
    assert!(logged >= 1);
    for library in [&amina, &karim, &lea] {
        assert!(library.check().unwrap().is_ok());
    }
}

#[test]
fn briefs_claims_and_revisions_stay_local() {
    let dir = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    let mut karim = library("Karim", 0, 1000);
    amina
        .connection()
        .execute(
            "INSERT INTO briefs (id, title, lang, checked_at, checked_by) VALUES ('b1', 'Mali : perspectives', 'fr', 0, 'Amina')",
            [],
        )
        .unwrap();
    let report = run(&mut amina, dir.path());
    assert_eq!(report.sent, 0);
    run(&mut karim, dir.path());
    let briefs: i64 = karim.connection().query_row("SELECT count(*) FROM briefs", [], |r| r.get(0)).unwrap();
    assert_eq!(briefs, 0);
}

#[test]
fn a_new_member_joins_from_a_snapshot_and_old_changesets_are_compacted() {
    let dir = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    let mut karim = library("Karim", 0, 1000);
    for i in 0..12 {
        amina.add(&source(&format!("rapport-{i}"), &format!("Rapport d’étape n° {i}"))).unwrap();
        run(&mut amina, dir.path());
    }
    run(&mut karim, dir.path());
    karim.add(&source("karim-1", "Note de Karim")).unwrap();
    run(&mut karim, dir.path());
    run(&mut amina, dir.path());
    let (snapshot, compacted) = snapshot_and_compact(&mut amina, dir.path(), &options()).unwrap();
    assert!(snapshot.exists());
    // Karim has applied all of Amina's changesets, so they can go.
    assert_eq!(compacted, 12);
    let own = std::fs::read_dir(snapshot.parent().unwrap()).unwrap().count();
    assert_eq!(own, 2, "the snapshot and device.json remain");

    let mut lea = library("Léa", 0, 1000);
    let joined = run(&mut lea, dir.path());
    assert_eq!(joined.snapshots_loaded, 1);
    assert_eq!(joined.changesets_applied, 0, "Karim's changeset is already in Amina's snapshot: {joined:?}");
    assert_eq!(dump(&lea), dump(&amina));
    assert_eq!(lea.count().unwrap(), 13);
    assert!(lea.check().unwrap().is_ok());

    // Compaction waits for a device that has not applied everything.
    lea.add(&source("lea-1", "Note de Léa")).unwrap();
    run(&mut lea, dir.path());
    let (_, compacted) = snapshot_and_compact(&mut lea, dir.path(), &options()).unwrap();
    assert_eq!(compacted, 0, "Amina and Karim have not applied Léa's changeset yet");
}

#[test]
fn a_folder_of_another_team_library_is_refused() {
    let ours = tempfile::tempdir().unwrap();
    let theirs = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    amina.add(&source("a", "Une source")).unwrap();
    run(&mut amina, ours.path());
    let mut other = library("Other", 0, 1000);
    other.add(&source("b", "Another team")).unwrap();
    run(&mut other, theirs.path());
    let err = sync(&mut amina, theirs.path(), &options()).unwrap_err();
    assert!(matches!(err, SyncError::OtherLibrary { .. }), "{err}");
    assert!(err.to_string().contains("separate folder"), "{err}");
    let missing = sync(&mut amina, &ours.path().join("missing"), &SyncOptions::new()).unwrap_err();
    assert!(missing.to_string().contains("no such folder"), "{missing}");
}

#[test]
fn an_edit_that_arrives_before_its_source_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let hidden = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    let mut karim = library("Karim", 0, 1000);
    let mut lea = library("Léa", 0, 1000);
    amina.add(&source("acled-mali", "ACLED : données Mali, novembre 2025")).unwrap();
    run(&mut amina, dir.path());
    run(&mut karim, dir.path());
    let mut k = karim.get("acled-mali").unwrap().unwrap().source;
    k.notes = Some("Chiffres provisoires".into());
    karim.update(&k).unwrap();
    run(&mut karim, dir.path());
    // Léa's copy of the folder has Karim's edit but not yet Amina's creation (a sync tool
    // delivering files out of order).
    let amina_dir = std::fs::read_dir(dir.path().join("mizan-sync")).unwrap().map(|e| e.unwrap().path()).find(|p| {
        p.join("0000000001.changes").exists()
            && std::fs::read_to_string(p.join("0000000001.changes")).unwrap().contains("\"Amina\"")
    });
    let amina_dir = amina_dir.unwrap();
    let moved = hidden.path().join("amina");
    std::fs::rename(&amina_dir, &moved).unwrap();
    let report = run(&mut lea, dir.path());
    assert!(report.parked > 0, "{report:?}");
    assert!(lea.get("acled-mali").unwrap().is_none());
    std::fs::rename(&moved, &amina_dir).unwrap();
    run(&mut lea, dir.path());
    assert_eq!(lea.get("acled-mali").unwrap().unwrap().source.notes.as_deref(), Some("Chiffres provisoires"));
    assert_eq!(dump(&lea), dump(&karim));
}

/// A value of `field`'s kind unlike a new source's, different for each `n`.
fn changed(field: SourceField, n: usize) -> FieldValue {
    match field.kind() {
        FieldKind::Key => FieldValue::Key(CitationKey::parse(&format!("cle-{n}")).unwrap()),
        FieldKind::Type => FieldValue::Type(SourceType::ALL[n % 13]),
        FieldKind::Title | FieldKind::Text => FieldValue::Text(Some(format!("{field} {n} : حصار باماكو"))),
        FieldKind::Date => FieldValue::Date(Some(PartialDate::new(2000 + n as i32, Some(3), Some(4)).unwrap())),
        // A detail for a date before year 1, in another calendar, with words: all of it
        // travels as text.
        FieldKind::DateDetail => FieldValue::DateDetail(DateDetail {
            date: PartialDate::new(-44, Some(3), None).ok(),
            end: PartialDate::new(-43, None, None).ok(),
            approximate: true,
            literal: Some(format!("١٤٤٦ هـ {n}")),
            calendar: CalendarDate::new(Calendar::Hijri, 1446, Some(3), None).ok(),
            ..DateDetail::default()
        }),
        FieldKind::People => FieldValue::People(vec![Person::literal(&format!("مجموعة {n}"))]),
        FieldKind::Tags => FieldValue::Tags(vec![format!("tag {n}")]),
        FieldKind::Grade => FieldValue::Grade(Some(Grading {
            reliability: Reliability::ALL[n % 6],
            graded_by: format!("Analyste {n}"),
            graded_at: Timestamp(START + n as i64),
        })),
    }
}

/// Versions before 0007 wrote 45 BC as `-044` and could not read it back, so one such
/// import stopped the whole library's sync. Such a row now travels, and reads the same
/// on the other side.
#[test]
fn a_date_before_year_one_written_by_an_earlier_version_travels() {
    let dir = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    let mut karim = library("Karim", 0, 1000);
    let mut s = source("cesar-ides", "Les ides de mars");
    s.issued = PartialDate::new(-44, Some(3), Some(15)).ok();
    amina.add(&s).unwrap();
    amina.connection().execute("UPDATE sources SET issued = '-044-03-15'", []).unwrap();
    run(&mut amina, dir.path());
    run(&mut karim, dir.path());
    let got = karim.get_by_id(s.id).unwrap().unwrap().source;
    assert_eq!(got.issued, s.issued);
    assert!(karim.check().unwrap().problems.iter().all(|p| p.repairable));
}

/// Every field of the table travels: set on a new source (sent from the row itself) and
/// changed one at a time (sent by the capture trigger).
#[test]
fn every_field_of_a_source_travels() {
    let dir = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    let mut karim = library("Karim", 0, 1000);
    let mut s = source("complet", "Titre");
    for (n, field) in SourceField::ALL.into_iter().enumerate() {
        s.set(field, changed(field, n)).unwrap();
    }
    amina.add(&s).unwrap();
    run(&mut amina, dir.path());
    run(&mut karim, dir.path());
    assert_eq!(karim.get_by_id(s.id).unwrap().unwrap().source, s);
    for (n, field) in SourceField::ALL.into_iter().enumerate() {
        s.set(field, changed(field, n + 50)).unwrap();
        amina.update(&s).unwrap();
        let sent = run(&mut amina, dir.path());
        assert_eq!(sent.sent, 2, "{field} and the last-change stamp");
        run(&mut karim, dir.path());
        assert_eq!(karim.get_by_id(s.id).unwrap().unwrap().source, s, "{field}");
    }
    assert_eq!(dump(&amina), dump(&karim));
    assert!(conflicts(&karim, false).unwrap().is_empty());
}

#[test]
fn a_translated_title_merges_and_flips_like_any_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut amina = library("Amina", 0, 1000);
    let mut karim = library("Karim", 60_000, 1000);
    amina.add(&source("sahil-hisar", "كيف تحوّل الوقود إلى سلاح")).unwrap();
    run(&mut amina, dir.path());
    run(&mut karim, dir.path());
    let mut a = amina.get("sahil-hisar").unwrap().unwrap().source;
    a.translated_title = Some("Comment le carburant devint une arme".into());
    amina.update(&a).unwrap();
    let mut k = karim.get("sahil-hisar").unwrap().unwrap().source;
    k.translated_title = Some("How fuel became a weapon".into());
    karim.update(&k).unwrap();
    run(&mut amina, dir.path());
    run(&mut karim, dir.path());
    run(&mut amina, dir.path());
    assert_eq!(dump(&amina), dump(&karim));
    let log = conflicts(&amina, true).unwrap();
    assert_eq!((log.len(), log[0].field.as_str()), (1, "translated_title"));
    flip(&mut amina, log[0].id, START + 100_000).unwrap();
    run(&mut amina, dir.path());
    run(&mut karim, dir.path());
    let title = |l: &mizan_library::Library| l.get("sahil-hisar").unwrap().unwrap().source.translated_title;
    assert_eq!(title(&karim).as_deref(), Some("Comment le carburant devint une arme"));
    assert_eq!(title(&amina), title(&karim));
    // The search index of the receiving library knows it.
    assert_eq!(karim.search(&mizan_library::SearchQuery::text("carburant")).unwrap().len(), 1);
}
