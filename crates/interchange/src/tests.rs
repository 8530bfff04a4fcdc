//! Round trips through every format, format detection, and a large file.

use std::path::Path;

use mizan_source::{
    CitationKey, Excerpt, FieldKind, FieldValue, Grading, PartialDate, Person, Reliability, Source, SourceField,
    SourceType, Timestamp,
};
use uuid::Uuid;

use crate::{Format, read, write};

fn key(k: &str) -> CitationKey {
    CitationKey::parse(k).unwrap()
}

fn date(d: &str) -> Option<PartialDate> {
    Some(PartialDate::parse(d).unwrap())
}

/// Dates that are more than YYYY[-MM[-DD]]: before year 1, a range, a season, circa and
/// in doubt, Hijri, only words.
fn detailed_dates() -> Vec<Source> {
    use mizan_source::{Calendar, CalendarDate, DateDetail, Season};
    let mut out = Vec::new();
    let mut add = |k: &str, issued: Option<PartialDate>, detail: DateDetail| {
        let mut s = Source::new(key(k), &format!("Daté {k}"));
        s.issued = issued;
        s.issued_detail = DateDetail { date: issued, ..detail };
        out.push(s);
    };
    add(
        "ides",
        PartialDate::new(-44, Some(3), Some(15)).ok(),
        DateDetail { approximate: true, ..DateDetail::default() },
    );
    add("range", date("2017-04-23"), DateDetail { end: date("2017-04-26"), ..DateDetail::default() });
    add("season", date("2017"), DateDetail { season: Some(Season::Autumn), uncertain: true, ..DateDetail::default() });
    add(
        "hijri",
        date("2024-07"),
        DateDetail {
            end: date("2025-06"),
            literal: Some("1446 هـ".into()),
            calendar: CalendarDate::new(Calendar::Hijri, 1446, None, None).ok(),
            ..DateDetail::default()
        },
    );
    add("words", None, DateDetail::literal("13th cent"));
    out
}

#[test]
fn detailed_dates_round_trip_in_every_format() {
    let sources = detailed_dates();
    for format in Format::ALL {
        let text = write(format, &sources);
        let back: Vec<Source> = read(format, text.as_bytes()).unwrap().into_iter().map(Result::unwrap).collect();
        assert_eq!(back, sources, "{format}:\n{text}");
    }
    // Natively, as other tools read them.
    let csl = write(Format::CslJson, &sources);
    for native in [
        "[\n          -44,\n          3,\n          15\n        ]",
        "\"circa\": true",
        "\"season\": 3",
        "\"literal\": \"13th cent\"",
    ] {
        assert!(csl.contains(native), "{native} in {csl}");
    }
    let bib = write(Format::Bibtex, &sources);
    for native in ["date = {-0044-03-15~}", "date = {2017-04-23/2017-04-26}", "date = {2017-23?}", "year = {13th cent}"]
    {
        assert!(bib.contains(native), "{native} in {bib}");
    }
}

/// Sources that exercise every field and the things formats find hard.
fn varied_sources() -> Vec<Source> {
    let mut everything = Source::new(key("lemonde-blocus-2025"), "Au Mali, le blocus du carburant asphyxie Bamako");
    everything.kind = SourceType::NewsArticle;
    everything.translated_title = Some("في مالي، حصار الوقود يخنق باماكو".into());
    everything.container_title = Some("Le Monde Afrique".into());
    everything.authors = vec![
        Person::structured("Morgane", "Le Cam"),
        Person::literal("Service Afrique"),
        Person::Structured { given: None, family: "Thiam".into() },
        Person::structured("محمد", "الأنصاري"),
    ];
    everything.publisher = Some("Société éditrice du Monde".into());
    everything.issued = date("2025-11-05");
    everything.url =
        Some("https://www.lemonde.fr/afrique/article/2025/11/05/mali-blocus_6650000_3212.html?a=1&b=2#x".into());
    everything.doi = Some("10.1000/Sahel-2025_x".into());
    everything.language = Some("fr".into());
    everything.pages = Some("12-14".into());
    everything.accessed = date("2025-11-20");
    everything.notes = Some("Lu le 20 novembre.\nDeuxième ligne : « citation »\u{202F}!".into());
    everything.tags = vec!["Mali".into(), "JNIM".into(), "blocus".into()];
    everything.grade = Some(Grading {
        reliability: Reliability::B,
        graded_by: "Analyste Sahel".into(),
        graded_at: Timestamp(1_763_631_000_250),
    });
    everything.excerpts = vec![
        Excerpt {
            id: Uuid::new_v4(),
            text: "Les files d'attente s'allongent devant les stations-service.".into(),
            locator: Some("§ 3".into()),
        },
        Excerpt { id: Uuid::new_v4(), text: "  espaces  et\ttabulation\n".into(), locator: None },
    ];

    let mut arabic =
        Source::new(key("الجزيرة-باماكو-2025"), "حصار باماكو: جماعة نصرة الإسلام والمسلمين تخنق العاصمة المالية");
    arabic.kind = SourceType::WebPage;
    arabic.translated_title = Some("Le blocus de Bamako : le JNIM asphyxie la capitale malienne".into());
    arabic.container_title = Some("الجزيرة نت".into());
    arabic.authors = vec![Person::literal("محمد الأمين ولد أحمد")];
    arabic.issued = date("2025-09");
    arabic.language = Some("ar".into());
    arabic.tags = vec!["مالي".into(), "الساحل".into()];
    arabic.grade = Some(Grading { reliability: Reliability::C, graded_by: String::new(), graded_at: Timestamp(0) });
    arabic.excerpts = vec![Excerpt {
        id: Uuid::new_v4(),
        text: "فرضت الجماعة حصاراً على إمدادات الوقود".into(),
        locator: Some("ص. 2".into()),
    }];

    let mut english = Source::new(key("acled-sahel-2025"), "Sahel: Conflict Overview, Q3 2025");
    english.kind = SourceType::Dataset;
    english.authors = vec![Person::literal("Armed Conflict Location & Event Data Project (ACLED)")];
    english.issued = date("2025");
    english.url = Some("https://acleddata.com/".into());
    english.language = Some("en-GB".into());
    english.tags = vec!["Burkina Faso".into(), "Niger".into()];

    let mut nasty = Source::new(key("x:1.2/3_é"), "Braces {x}, 100 % & #1 a_b $5 ~ ^ \\ a--b---c");
    nasty.kind = SourceType::Other;
    nasty.url = Some("https://example.org/a--b{c}".into());
    nasty.tags = vec!["a, b".into(), "c; d".into(), " padded ".into()];
    nasty.authors = vec![
        Person::structured("Jean-Pierre", "de La Fontaine"),
        Person::literal("Médecins Sans Frontières and partners"),
        Person::structured("", "Comma, Inc"),
        Person::literal("Family, Given"),
    ];
    nasty.notes = Some("Translated Title: pas un titre traduit\nune ligne".into());
    nasty.translated_title = Some(String::new());
    nasty.pages = Some("xii–xiv".into());
    nasty.publisher = Some("  espaces  ".into());
    nasty.language = Some("fr-CA".into());
    nasty.grade = Some(Grading { reliability: Reliability::F, graded_by: "  A  B ".into(), graded_at: Timestamp(-1) });

    let mut numeric_key = Source::new(key("12345"), "Communiqué de la CEDEAO sur la situation au Mali");
    numeric_key.kind = SourceType::OfficialStatement;
    numeric_key.authors = vec![Person::literal("Commission de la CEDEAO")];
    numeric_key.issued = date("2025-12-01");

    let mut typography = Source::new(
        key("a%b#c~d<e>f?g+h$i&j"),
        "Mali\u{202F}: «\u{202F}le blocus\u{202F}» vu de Kayes\nsur deux lignes",
    );
    typography.kind = SourceType::Report;
    typography.translated_title = Some("[Mali\u{202F}: vu de Kayes]\n sur deux lignes ".into());
    typography.container_title = Some("Revue\u{00A0}sahélienne".into());
    typography.publisher = Some("Institut d'études — Bamako".into());
    typography.authors = vec![Person::structured("Jean\u{00A0}Marc", "N'Diaye"), Person::literal("{braced}")];
    typography.tags = vec!["tag\nwith newline".into()];
    typography.url = Some("https://example.org/a b".into());
    typography.accessed = date("2025-11");

    let mut minimal = Source::new(key("min"), "t");
    minimal.kind = SourceType::Other;

    let mut all = vec![everything, arabic, english, nasty, numeric_key, typography, minimal];
    for (i, kind) in SourceType::ALL.into_iter().enumerate() {
        let mut s = Source::new(key(&format!("type-{}", kind.name())), &format!("Source de type {kind}"));
        s.kind = kind;
        s.issued = date(["2024", "2025-01", "2025-02-28"][i % 3]);
        s.container_title = Some(format!("Conteneur {i}"));
        s.publisher = Some("Éditions du Sahel".into());
        all.push(s);
    }
    all
}

#[test]
fn every_format_round_trips_exactly() {
    let sources = varied_sources();
    for format in Format::ALL {
        let text = write(format, &sources);
        let back = read(format, text.as_bytes()).unwrap_or_else(|e| panic!("{format}: {e}\n{text}"));
        assert_eq!(back.len(), sources.len(), "{format}");
        for (original, result) in sources.iter().zip(&back) {
            match result {
                Ok(source) => assert_eq!(source, original, "{format}:\n{text}"),
                Err(e) => panic!("{format}: {e}\n{text}"),
            }
        }
        // Writing what was read gives the same text: nothing drifts on a second pass.
        let again: Vec<Source> = back.into_iter().map(Result::unwrap).collect();
        assert_eq!(write(format, &again), text, "{format}");
    }
}

/// A value of `field`'s kind, unlike a new source's, that every format can carry.
fn plain_value(field: SourceField) -> FieldValue {
    match field.kind() {
        FieldKind::Key => FieldValue::Key(key("ocha-mali-2025")),
        FieldKind::Type => FieldValue::Type(SourceType::Book),
        FieldKind::Title | FieldKind::Text => FieldValue::Text(Some(format!("valeur de {field}"))),
        FieldKind::Date => FieldValue::Date(date("2025-11-20")),
        // Alone, a detail is what a file wrote that is no date: every format keeps words.
        FieldKind::DateDetail => FieldValue::DateDetail(mizan_source::DateDetail::literal("début du XIIIe siècle")),
        FieldKind::People => FieldValue::People(vec![Person::structured("Aminata", "Traoré")]),
        FieldKind::Tags => FieldValue::Tags(vec!["Mali".into(), "AES".into()]),
        FieldKind::Grade => FieldValue::Grade(Some(Grading {
            reliability: Reliability::B,
            graded_by: "Amina".into(),
            graded_at: Timestamp(1_763_631_000_000),
        })),
    }
}

/// Each field, set alone, changes what every format writes (so each writer has a
/// mapping for it), travels natively or in its own extension member (never as an `exact`
/// value), and comes back.
#[test]
fn every_field_has_a_mapping_in_every_format() {
    // A report: a BibTeX `@misc` with a `url` would read back as a web page.
    let mut bare = Source::new(key("bare"), "Titre");
    bare.kind = SourceType::Report;
    for field in SourceField::ALL {
        let mut source = bare.clone();
        source.set(field, plain_value(field)).unwrap();
        for format in Format::ALL {
            let text = write(format, std::slice::from_ref(&source));
            assert_ne!(text, write(format, std::slice::from_ref(&bare)), "{format} does not write {field}");
            assert!(!text.contains("exact"), "{format} writes {field} as an exact value:\n{text}");
            let back = read(format, text.as_bytes()).unwrap();
            assert_eq!(back, vec![Ok(source.clone())], "{format}, {field}:\n{text}");
        }
    }
}

#[test]
fn translated_titles_travel_in_each_format_s_own_field() {
    let mut source = Source::new(key("sahil-hisar-2025"), "كيف تحوّل الوقود إلى سلاح في الحرب على باماكو");
    source.translated_title = Some("Comment le carburant est devenu une arme".into());
    let one = std::slice::from_ref(&source);
    let csl = write(Format::CslJson, one);
    assert!(csl.contains("\"translated-title\": \"Comment le carburant est devenu une arme\""), "{csl}");
    let bib = write(Format::Bibtex, one);
    assert!(bib.contains("  titleaddon = {Comment le carburant est devenu une arme},\n"), "{bib}");
    let ris = write(Format::Ris, one);
    assert!(ris.contains("\nTT  - Comment le carburant est devenu une arme\n"), "{ris}");
    // Other tools' files carry it the same way.
    let foreign = [
        (Format::CslJson, r#"[{"id": "a", "title": "حصار", "translated-title": "Le blocus"}]"#.to_owned()),
        (Format::Bibtex, "@article{a, title = {حصار}, titleaddon = {[Le blocus]}}".to_owned()),
        (Format::Ris, "TY  - NEWS\nTI  - حصار\nTT  - Le blocus\nER  - \n".to_owned()),
    ];
    for (format, text) in foreign {
        let read_back = read(format, text.as_bytes()).unwrap();
        let source = read_back[0].as_ref().unwrap();
        assert_eq!(source.translated_title.as_deref(), Some("Le blocus"), "{format}");
    }
}

#[test]
fn plain_sources_need_no_exact_values() {
    // The extension carries only what the format cannot: for ordinary sources, no
    // `exact` section, so other tools' edits to the native fields are what we read.
    let sources: Vec<Source> = varied_sources().into_iter().filter(|s| s.key.as_str().starts_with("type-")).collect();
    for format in Format::ALL {
        let text = write(format, &sources);
        assert!(!text.contains("exact"), "{format}:\n{text}");
    }
    let arabic = &varied_sources()[1];
    for format in Format::ALL {
        let text = write(format, std::slice::from_ref(arabic));
        assert!(!text.contains("exact"), "{format}:\n{text}");
        assert!(text.contains("حصار باماكو"), "{format}: Arabic is written as UTF-8");
    }
}

#[test]
fn native_fields_are_written_for_other_tools() {
    let sources = varied_sources();
    let everything = std::slice::from_ref(&sources[0]);
    let csl = write(Format::CslJson, everything);
    for needle in [
        "\"type\": \"article-newspaper\"",
        "\"family\": \"Le Cam\"",
        "\"date-parts\"",
        "\"URL\"",
        "\"keyword\": \"Mali, JNIM, blocus\"",
    ] {
        assert!(csl.contains(needle), "{needle}\n{csl}");
    }
    let bib = write(Format::Bibtex, everything);
    for needle in [
        "@article{lemonde-blocus-2025,",
        "entrysubtype = {newspaper}",
        "author = {{Le Cam}, {Morgane} and {Service Afrique}",
        "date = {2025-11-05}",
        "langid = {french}",
        "mizan-grade = {B}",
        "mizan-graded-at = {2025-11-20T09:30:00.250Z}",
    ] {
        assert!(bib.contains(needle), "{needle}\n{bib}");
    }
    let ris = write(Format::Ris, everything);
    for needle in [
        "TY  - NEWS\n",
        "AU  - Le Cam, Morgane\n",
        "AU  - Service Afrique\n",
        "DA  - 2025/11/05/\n",
        "SP  - 12\nEP  - 14\n",
        "KW  - JNIM\n",
        "N1  - Lu le 20 novembre.\n",
        "C8  - mizan:{",
        "ER  - \n",
    ] {
        assert!(ris.contains(needle), "{needle}\n{ris}");
    }
}

#[test]
fn empty_lists_round_trip() {
    for format in Format::ALL {
        let text = write(format, &[]);
        assert_eq!(read(format, text.as_bytes()).unwrap(), vec![], "{format}");
    }
}

#[test]
fn formats_by_name_path_and_content() {
    for format in Format::ALL {
        assert_eq!(Format::from_name(format.name()), Some(format));
    }
    assert_eq!(Format::from_name("BibLaTeX"), Some(Format::Bibtex));
    assert_eq!(Format::from_name("json"), Some(Format::CslJson));
    assert_eq!(Format::from_name("endnote"), None);
    assert_eq!(Format::from_path(Path::new("lib/Export.JSON")), Some(Format::CslJson));
    assert_eq!(Format::from_path(Path::new("a.csljson")), Some(Format::CslJson));
    assert_eq!(Format::from_path(Path::new("a.bib")), Some(Format::Bibtex));
    assert_eq!(Format::from_path(Path::new("a.ris")), Some(Format::Ris));
    assert_eq!(Format::from_path(Path::new("a.txt")), None);
    assert_eq!(Format::from_path(Path::new("noext")), None);

    assert_eq!(Format::sniff(b"\xEF\xBB\xBF  [ {\"id\": 1} ]"), Some(Format::CslJson));
    assert_eq!(Format::sniff(b"\n\nTY  - JOUR\nER  - \n"), Some(Format::Ris));
    assert_eq!(Format::sniff(b"% exported\n@string{x = \"y\"}\n@article{k,\n}"), Some(Format::Bibtex));
    assert_eq!(Format::sniff(b"  @Book {k, title={t}}"), Some(Format::Bibtex));
    assert_eq!(Format::sniff(b"Provider: X\r\n\r\nTY  - JOUR\r\n"), Some(Format::Ris));
    assert_eq!(Format::sniff(b"bonjour"), None);
    assert_eq!(Format::sniff(b"write to me@example.org {soon}"), None);
    assert_eq!(Format::sniff(b""), None);
    for format in Format::ALL {
        let text = write(format, &varied_sources());
        assert_eq!(Format::sniff(text.as_bytes()), Some(format));
    }
}

#[test]
fn bytes_that_are_not_utf8_are_read_as_windows_1252_and_said_so() {
    let sources = vec![Source::new(key("segou"), "Le blocus vu de Ségou")];
    for format in Format::ALL {
        let text = write(format, &sources);
        let latin1: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
        let report = crate::read_report(format, &latin1).unwrap();
        assert_eq!(report.encoding, crate::TextEncoding::NotUtf8, "{format}");
        assert_eq!(report.entries[0].as_ref().unwrap().title, "Le blocus vu de Ségou", "{format}");
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let report = crate::read_report(format, &utf16).unwrap();
        assert_eq!(report.encoding, crate::TextEncoding::Utf16 { big_endian: false }, "{format}");
        assert_eq!(report.entries.len(), 1, "{format}");
        assert_eq!(Format::sniff(&utf16), Some(format));
    }
}

/// About 10 MB of CSL-JSON built in memory (no such file is committed), read entirely.
#[test]
fn reads_ten_megabytes_of_csl_json() {
    let mut json = String::from("[\n");
    let mut count = 0;
    while json.len() < 10_000_000 {
        if count > 0 {
            json.push_str(",\n");
        }
        json.push_str(&format!(
            r#"  {{"id": "item-{count}", "type": "article-newspaper", "title": "Bamako : le blocus du carburant, jour {count}",
    "container-title": "Journal du Sahel", "author": [{{"family": "Traoré", "given": "Aminata"}}, {{"literal": "Rédaction"}}],
    "issued": {{"date-parts": [[2025, {month}, {day}]]}}, "URL": "https://example.org/sahel/{count}", "language": "fr",
    "keyword": "Mali, JNIM", "note": "Généré pour le test de volume."}}"#,
            month = count % 12 + 1,
            day = count % 28 + 1,
        ));
        count += 1;
    }
    json.push_str("\n]\n");
    assert!(json.len() >= 10_000_000);
    let started = std::time::Instant::now();
    let entries = read(Format::CslJson, json.as_bytes()).unwrap();
    let elapsed = started.elapsed();
    assert_eq!(entries.len(), count);
    assert!(entries.iter().all(Result::is_ok));
    let last = entries.last().unwrap().as_ref().unwrap();
    assert_eq!(last.key.as_str(), format!("item-{}", count - 1));
    assert_eq!(last.authors.len(), 2);
    eprintln!("read {count} CSL-JSON items ({} bytes) in {elapsed:?}", json.len());
}

/// 100,000 CSL-JSON items (about 40 MB): the import budget is 5 s including SQLite, so
/// reading must stay well under a second. Run with
/// `cargo test -p mizan-interchange --release -- --ignored hundred_thousand`.
#[test]
#[ignore = "timing: meaningful only in release"]
fn reads_a_hundred_thousand_csl_items_in_well_under_a_second() {
    let mut json = String::from("[\n");
    for n in 0..100_000 {
        if n > 0 {
            json.push_str(",\n");
        }
        json.push_str(&format!(
            r#"  {{"id": "item-{n}", "type": "article-newspaper", "title": "Bamako : le blocus du carburant, jour {n}",
    "container-title": "Journal du Sahel", "author": [{{"family": "Traoré", "given": "Aminata"}}, {{"literal": "Rédaction"}}],
    "issued": {{"date-parts": [[2025, 3, 4]]}}, "URL": "https://example.org/sahel/{n}", "language": "fr",
    "keyword": "Mali, JNIM", "note": "Généré pour le test de volume."}}"#
        ));
    }
    json.push_str("\n]\n");
    let started = std::time::Instant::now();
    let entries = read(Format::CslJson, json.as_bytes()).unwrap();
    let elapsed = started.elapsed();
    assert_eq!(entries.len(), 100_000);
    assert!(entries.iter().all(Result::is_ok));
    eprintln!("read 100000 CSL-JSON items ({} bytes) in {elapsed:?}", json.len());
    assert!(elapsed < std::time::Duration::from_secs(1), "{elapsed:?}");
}

/// Whatever a file holds, reading it never panics: every prefix of each sample is read
/// (most are broken files) and gives entries or an error.
#[test]
fn cut_files_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sources");
    for (name, format) in
        [("sample.bib", Format::Bibtex), ("sample.ris", Format::Ris), ("missing-title.json", Format::CslJson)]
    {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        for cut in 0..bytes.len() {
            let _ = read(format, bytes.get(..cut).unwrap());
        }
    }
    // And some hostile BibTeX the crate has to survive.
    for text in [
        "@",
        "@{",
        "@a{",
        "@a{k",
        "@a{k,",
        "@a{k, t = {\\}}",
        "@a{k, t = {\\'}}",
        "@a{k, t = $x}",
        "@a{k, t = {$x}}",
        "@a{k, t = {x}, crossref = {k}}",
        "@string{a = a}@b{k, t = a}",
        "@a{k, author = { and and }}",
        "@a{k, author = {,,,}}",
        "@a{k, date = {/}}",
        "@a{a, t = {x}, crossref = {bb}}@a{b, ids = {bb}, t = {y}, crossref = {a}}",
        "@a{k, mizan-exact = {[1]}}",
        "@a{k, mizan-excerpts = {{}}}",
        "@comment{",
        "@preamble{\"x",
    ] {
        let _ = read(Format::Bibtex, text.as_bytes());
    }
}

mod fixtures {
    use super::*;
    use crate::{EntryError, ReadError};

    fn fixture(name: &str) -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sources").join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn read_all(name: &str, format: Format) -> Vec<Result<Source, EntryError>> {
        read(format, &fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn ok<'a>(entries: &'a [Result<Source, EntryError>], key: &str) -> &'a Source {
        entries
            .iter()
            .filter_map(|e| e.as_ref().ok())
            .find(|s| s.key.as_str() == key)
            .unwrap_or_else(|| panic!("no source {key}"))
    }

    fn brief(e: &EntryError) -> (usize, Option<&str>, Option<usize>, Option<&str>) {
        (e.index, e.key.as_deref(), e.line, e.field.as_deref())
    }

    #[test]
    fn sample_library() {
        let entries = read_all("sample-library.json", Format::CslJson);
        assert_eq!(entries.len(), 25);
        let sources: Vec<&Source> = entries.iter().map(|e| e.as_ref().unwrap()).collect();
        let graded = sources.iter().filter(|s| s.grade.is_some()).count();
        assert_eq!(graded, 24);
        assert_eq!(sources.iter().filter(|s| !s.excerpts.is_empty()).count(), 6);
        let languages = |lang: &str| sources.iter().filter(|s| s.language.as_deref() == Some(lang)).count();
        assert_eq!((languages("fr"), languages("ar"), languages("en")), (16, 4, 5));

        let rfi = ok(&entries, "rfi-blocus-bamako-2025");
        assert_eq!(rfi.kind, SourceType::NewsArticle);
        assert_eq!(rfi.id.to_string(), "df14e8ca-ad73-595c-a6eb-83f1f55a3737");
        assert_eq!(rfi.issued, date("2025-09"));
        assert_eq!(
            rfi.grade,
            Some(Grading {
                reliability: Reliability::B,
                graded_by: "Équipe Sahel".into(),
                graded_at: crate::extension::parse_timestamp("2025-11-21T08:30:00.000Z").unwrap(),
            })
        );
        let acled = ok(&entries, "acled-sahel-2025");
        assert_eq!(acled.kind, SourceType::Dataset);
        assert_eq!(acled.authors, [Person::literal("Armed Conflict Location & Event Data (ACLED)")]);

        let arabic = ok(&entries, "sahil-alyawm-hisar-2025");
        assert_eq!(arabic.title, "كيف تحوّل الوقود إلى سلاح في الحرب على باماكو");
        assert_eq!(arabic.authors, [Person::structured("سيدي", "ولد محمد")]);
        assert_eq!(arabic.excerpts.len(), 2);
        assert_eq!(arabic.excerpts[0].locator.as_deref(), Some("الفقرة 3"));
        assert_eq!(arabic.excerpts[1].locator, None);

        let convoys = ok(&entries, "sahel-monitor-convoys-2025");
        assert_eq!(convoys.kind, SourceType::Article);
        assert_eq!(convoys.pages.as_deref(), Some("14-19"));
        assert_eq!(convoys.tags.last().map(String::as_str), Some("Côte d'Ivoire"));
        assert_eq!(ok(&entries, "zallaqa-bayan-qawafil-2025").reliability(), Some(Reliability::E));
        assert_eq!(ok(&entries, "charte-liptako-gourma-2023").issued, date("2023-09-16"));
        let unrated = ok(&entries, "note-terrain-kayes-2025");
        assert_eq!((unrated.kind, unrated.grade.as_ref()), (SourceType::Other, None));

        // The sample library survives every format unchanged.
        let owned: Vec<Source> = sources.into_iter().cloned().collect();
        for format in Format::ALL {
            let back: Vec<Source> =
                read(format, write(format, &owned).as_bytes()).unwrap().into_iter().map(Result::unwrap).collect();
            assert_eq!(back, owned, "{format}");
        }
    }

    #[test]
    fn sample_bib() {
        let entries = read_all("sample.bib", Format::Bibtex);
        assert_eq!(entries.len(), 10);
        assert!(entries.iter().all(Result::is_ok));
        let vdp = ok(&entries, "ouedraogo2025vdp");
        assert_eq!(vdp.authors, [Person::structured("Issa", "Ouédraogo"), Person::structured("Salamata", "Kaboré")]);
        assert_eq!(vdp.container_title.as_deref(), Some("West Africa Security Review"), "@string macro");
        assert_eq!(vdp.issued, date("2025-06"), "year + month macro");
        assert_eq!(vdp.pages.as_deref(), Some("45–67"), "-- is an en dash");
        assert_eq!(vdp.language.as_deref(), Some("en"));
        let book = ok(&entries, "traore2023sahel");
        assert_eq!(book.title, "Le Sahel en armes : jihadismes, États et sociétés");
        assert_eq!(book.publisher.as_deref(), Some("Éditions du Fleuve"), "braced macro with accent");
        assert_eq!(book.issued, date("2023"));
        let chapter = ok(&entries, "sangare2025aes");
        assert_eq!(chapter.kind, SourceType::Chapter);
        assert_eq!(
            chapter.container_title.as_deref(),
            Some("Afrique de l'Ouest : recompositions sécuritaires"),
            "crossref"
        );
        assert_eq!(chapter.issued, date("2025-03"), "date inherited through crossref");
        assert_eq!(chapter.publisher.as_deref(), Some("Éditions du Fleuve"));
        assert!(ok(&entries, "recompositions2025").authors.is_empty(), "editors are not authors");
        let web = ok(&entries, "sahelwatch2025chrono");
        assert_eq!((web.kind, web.accessed), (SourceType::WebPage, date("2025-11-22")));
        assert_eq!(web.url.as_deref(), Some("https://sahel-watch.example/chronologie-blocus?ref=bib&lang=fr"));
        let report = ok(&entries, "crisisgroup2025mali");
        assert_eq!(report.authors, [Person::literal("International Crisis Group")]);
        assert_eq!(report.notes.as_deref(), Some("Lecture recommandée par l'équipe ; à recouper."));
        assert_eq!(ok(&entries, "diallo2024milices").tags, ["Mali", "milices"]);
        let communique = ok(&entries, "ecowas2025communique");
        assert_eq!(communique.kind, SourceType::OfficialStatement);
        assert_eq!(communique.title, "Communiqué final du sommet : français, anglais et portugais", "\\c{{c}} is ç");
        let arabic = ok(&entries, "sahilalyawm2025hisar");
        assert_eq!(arabic.kind, SourceType::NewsArticle);
        assert_eq!(arabic.authors, [Person::structured("سيدي", "ولد محمد")]);
        assert_eq!(arabic.language.as_deref(), Some("ar"));
        let grade = arabic.grade.as_ref().unwrap();
        assert_eq!((grade.reliability, grade.graded_by.as_str()), (Reliability::C, "Équipe Sahel"));
        let charter = ok(&entries, "charte2023liptako");
        assert_eq!(charter.kind, SourceType::Legal);
        assert_eq!(charter.authors.len(), 3);
        assert_eq!(charter.notes.as_deref(), Some("100 % des États signataires : Mali, Burkina Faso & Niger."));
    }

    #[test]
    fn sample_ris() {
        let entries = read_all("sample.ris", Format::Ris);
        assert_eq!(entries.len(), 10);
        assert!(entries.iter().all(Result::is_ok));
        let first = ok(&entries, "observateur-files-attente-2025");
        assert_eq!(first.title, "À Bamako, les files d'attente s'allongent devant les stations-service");
        assert_eq!((first.issued, first.accessed), (date("2025-10-14"), date("2025-10-15")));
        let convoys = ok(&entries, "mensah-2025-fuel");
        assert_eq!(convoys.pages.as_deref(), Some("14-19"));
        assert_eq!(convoys.issued, date("2025-11"), "DA 2025/11// beats PY 2025///");
        let ocha = ok(&entries, "ocha-mali-situation-2025");
        assert_eq!(ocha.id.to_string(), "3d1f2b8e-6c0a-4f5e-9b7d-2a4c6e8f0a1b");
        assert_eq!(ocha.reliability(), Some(Reliability::A));
        let aes = ok(&entries, "aes-communique-defense-2025");
        assert_eq!(aes.kind, SourceType::OfficialStatement);
        assert_eq!(aes.notes.as_deref(), Some("Communication officielle.\nVérifier les affirmations opérationnelles."));
        assert_eq!(ok(&entries, "diallo-2024-gouvernance").kind, SourceType::Thesis);
        let post = ok(&entries, "zallaqa-bayan-qawafil-2025");
        assert_eq!((post.kind, post.issued), (SourceType::SocialMediaPost, date("2025-09")));
        assert_eq!(post.authors, [Person::literal("مؤسسة الزلاقة")]);
        let chapter = ok(&entries, "sangare-aes-alliance-2025");
        assert_eq!(chapter.authors.len(), 1, "A2 (editor) is not an author");
        assert_eq!(chapter.container_title.as_deref(), Some("Afrique de l'Ouest : recompositions sécuritaires"));
        assert_eq!(ok(&entries, "france24-debat-bamako-2025").issued, date("2025-11"));
        assert_eq!(ok(&entries, "traite-confederation-aes-2024").tags, ["AES", "traité"]);
    }

    fn warnings(name: &str, format: Format) -> Vec<EntryError> {
        crate::read_report(format, &fixture(name)).unwrap().warnings
    }

    #[test]
    fn missing_title() {
        let entries = read_all("missing-title.json", Format::CslJson);
        assert_eq!(entries.len(), 4);
        assert!(entries.iter().all(Result::is_ok), "entries without a title are kept");
        let warned = warnings("missing-title.json", Format::CslJson);
        let errors: Vec<_> = warned.iter().map(brief).collect();
        assert_eq!(
            errors,
            [
                (2, Some("sans-titre-2025"), Some(9), Some("title")),
                (3, Some("titre-vide-2025"), Some(16), Some("title"))
            ]
        );
    }

    #[test]
    fn partial_dates() {
        let entries = read_all("partial-dates.json", Format::CslJson);
        let issued: Vec<String> = entries
            .iter()
            .take(11)
            .map(|e| e.as_ref().unwrap().issued.map(|d| d.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(
            issued,
            [
                "2025",
                "2025-11",
                "2025-09-14",
                "2025-10",
                "2025-09",
                "2025",
                "2025-11",
                "2025-11-20",
                "2025-11-20",
                "2025-07",
                ""
            ]
        );
        assert_eq!(ok(&entries, "chaine").accessed, date("2025-11-20"));
        assert!(entries.iter().all(Result::is_ok), "dates that do not read are kept as written");
        let errors = warnings("partial-dates.json", Format::CslJson);
        let briefs: Vec<_> = errors.iter().map(brief).collect();
        assert_eq!(
            briefs,
            [(12, Some("mauvaise"), Some(13), Some("issued")), (13, Some("illisible"), Some(14), Some("accessed"))]
        );
        assert!(errors[1].message.contains("la semaine dernière"));
    }

    #[test]
    fn duplicate_keys_are_returned_as_they_are() {
        let entries = read_all("duplicate-keys.json", Format::CslJson);
        let keys: Vec<&str> = entries.iter().map(|e| e.as_ref().unwrap().key.as_str()).collect();
        assert_eq!(keys, ["jnim-blocus-2025", "acled-mali-2025", "jnim-blocus-2025"]);
        let (a, b) = (entries[0].as_ref().unwrap(), entries[2].as_ref().unwrap());
        assert_ne!(a.id, b.id);
        assert_eq!(b.title, "جماعة نصرة الإسلام والمسلمين تعلن حصار باماكو");
    }

    #[test]
    fn truncated_json() {
        let err = read(Format::CslJson, &fixture("truncated.json")).unwrap_err();
        assert_eq!(err, ReadError::Truncated { line: 12, column: 36 });
        assert_eq!(err.to_string(), "the JSON ends too early at line 12, column 36: the file looks truncated");
    }

    #[test]
    fn invalid_utf8() {
        let report = crate::read_report(Format::CslJson, &fixture("invalid-utf8.json")).unwrap();
        assert_eq!(report.encoding.to_string(), "windows-1252: the file is not UTF-8 and declares no encoding");
        assert_eq!(report.entries[0].as_ref().unwrap().title, "Le blocus de Bamako vu de Ségou");
    }

    #[test]
    fn bad_dates_in_bibtex() {
        let entries = read_all("bad-date.bib", Format::Bibtex);
        assert_eq!(entries.len(), 6);
        assert_eq!(ok(&entries, "bon2025").issued, date("2025-10-14"));
        assert_eq!(ok(&entries, "bon-intervalle").issued, date("2025-09"), "a range gives its start");
        assert!(entries.iter().all(Result::is_ok), "dates that do not read are kept as written");
        let warned = warnings("bad-date.bib", Format::Bibtex);
        let errors: Vec<_> = warned.iter().map(brief).collect();
        assert_eq!(
            errors,
            [
                (2, Some("date-impossible"), Some(12), Some("date")),
                (3, Some("mois-inconnu"), Some(18), Some("month")),
                (4, Some("annee-texte"), Some(23), Some("year")),
                (6, Some("acces-faux"), Some(35), Some("urldate")),
            ]
        );
    }

    #[test]
    fn bad_tags_in_ris() {
        let entries = read_all("bad-tag.ris", Format::Ris);
        assert_eq!(entries.len(), 6, "a stray `ER` holds no record");
        let titles: Vec<&str> = entries.iter().map(|e| e.as_ref().unwrap().title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Bamako : la pénurie de carburant s'aggrave",
                "Une ligne sans étiquette suit ceci n'est pas une ligne RIS",
                "Un enregistrement sans TY",
                "Une date fausse",
                "Une étiquette mal espacée",
                "تقرير عن الوضع في مالي",
            ]
        );
        let warned = warnings("bad-tag.ris", Format::Ris);
        let briefs: Vec<_> = warned.iter().map(brief).collect();
        assert_eq!(
            briefs,
            [
                (3, Some("2025-enregistrement"), Some(13), Some("TY")),
                (4, Some("date"), Some(19), Some("DA")),
                (5, Some("étiquette"), Some(23), Some("TI")),
            ]
        );
        assert_eq!(entries[3].as_ref().unwrap().issued_shown().as_deref(), Some("2025/14/01/"));
    }
}
