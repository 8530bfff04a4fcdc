//! PDF-level tests: export the sample briefs with the sample library and read the files
//! back (lopdf for structure, pdftotext for the text layer when it is installed).

// Helpers of this test file fail loudly on a broken fixture, which is what a test wants.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use lopdf::{Document, Object};
use mizan_export::{ExportOptions, ExportWarning, Exported, Paper, Style, export_brief};
use mizan_interchange::Format;
use mizan_source::Source;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn library() -> Vec<Source> {
    let bytes = std::fs::read(root().join("tests/fixtures/sources/sample-library.json")).unwrap();
    mizan_interchange::read(Format::CslJson, &bytes).unwrap().into_iter().map(Result::unwrap).collect()
}

fn brief(path: &str) -> mizan_brief::Brief {
    mizan_brief::parse(&std::fs::read_to_string(root().join(path)).unwrap())
}

fn export(path: &str, options: &ExportOptions) -> Exported {
    export_brief(&brief(path), &library(), options).unwrap()
}

fn default_options() -> ExportOptions {
    ExportOptions::new(Style::named("default").unwrap())
}

/// The text layer as pdftotext gives it, without the bidi embedding marks it adds;
/// `None` (with a notice) when pdftotext is not installed.
fn pdftotext(pdf: &[u8]) -> Option<String> {
    // One file per call: the tests run on several threads of one process, and two of them
    // exporting the same brief once wrote the same file while pdftotext read it (a page
    // went missing from the text).
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("mizan-export-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("{}.pdf", CALLS.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&path, pdf).ok()?;
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output();
    std::fs::remove_file(&path).ok();
    match out {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout)
                .chars()
                .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'))
                .collect();
            Some(text)
        }
        _ => {
            eprintln!("notice: pdftotext is not installed; skipping the text-layer checks");
            None
        }
    }
}

#[test]
fn samples_have_several_pages_embedded_fonts_and_lang() {
    for (path, lang) in [("tests/fixtures/briefs/sample-ar.md", "ar"), ("tests/fixtures/briefs/sample-fr.md", "fr")] {
        let exported = export(path, &default_options());
        assert!(exported.pages > 1, "{path}: {} pages", exported.pages);
        let doc = Document::load_mem(&exported.pdf).unwrap();
        assert_eq!(doc.get_pages().len(), exported.pages);
        let catalog = doc.catalog().unwrap();
        let got = catalog.get(b"Lang").and_then(Object::as_str).unwrap();
        assert_eq!(got, lang.as_bytes());
        let embedded = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor".as_slice()))
            .filter(|d| d.has(b"FontFile2") || d.has(b"FontFile3"))
            .count();
        assert!(embedded >= 2, "{path}: {embedded} embedded fonts");
        let info = doc.trailer.get(b"Info").and_then(Object::as_reference).and_then(|r| doc.get_dictionary(r)).unwrap();
        assert!(info.has(b"Title") && info.has(b"Author") && info.has(b"Subject"));
        assert!(
            exported
                .warnings
                .iter()
                .all(|w| !matches!(w, ExportWarning::MissingGlyph { .. } | ExportWarning::UnknownSource { .. })),
            "{path}: {:?}",
            exported.warnings
        );
    }
}

#[test]
fn french_text_layer_notes_and_annex() {
    let exported = export("tests/fixtures/briefs/sample-fr.md", &default_options());
    let Some(text) = pdftotext(&exported.pdf) else { return };
    for words in [
        "Points clés",
        "JUGEMENT",
        "improbable (20–45 %)",
        "Diffusion restreinte",
        "18 décembre 2025",
        "Page 2 sur",
        "Annexe : sources citées",
    ] {
        assert!(text.contains(words), "missing {words:?}");
    }
    // French spacing was applied: a thin no-break space before the colon of the title.
    assert!(text.contains("Mali\u{a0}:") || text.contains("Mali :"), "title spacing");
    // Notes: CSL text of the first citation at the foot of page one.
    assert!(text.contains("RFI Afrique, « Mali"), "CSL note");
    // Every cited source is in the annex with its reliability spelled out.
    let brief = brief("tests/fixtures/briefs/sample-fr.md");
    let library = library();
    let mut keys: Vec<&str> = brief.citations.iter().flat_map(|g| g.items.iter().map(|i| i.key.as_str())).collect();
    keys.sort_unstable();
    keys.dedup();
    let annex = text.split("Annexe : sources citées").nth(1).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    for key in &keys {
        let source = library.iter().find(|s| s.key.as_str() == *key).unwrap();
        // Mixed Arabic and Latin lines come back from pdftotext in visual runs, so Arabic
        // titles are checked by their longest word.
        let head: String = if source.title.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
            source
                .title
                .split_whitespace()
                .max_by_key(|w| w.chars().count())
                .unwrap()
                .trim_matches(|c: char| !c.is_alphabetic())
                .to_owned()
        } else {
            source.title.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
        };
        // CSL title-cases English titles, hence the case-blind comparison.
        assert!(annex.to_lowercase().contains(&head.to_lowercase()), "annex lacks {key} ({head})");
    }
    let graded = keys.iter().filter(|k| library.iter().any(|s| s.key.as_str() == **k && s.grade.is_some())).count();
    assert_eq!(annex.matches("Fiabilité : ").count(), keys.len(), "{annex}");
    assert!(
        annex.matches("(habituellement fiable)").count()
            + annex.matches("(totalement fiable)").count()
            + annex.matches("(assez fiable)").count()
            + annex.matches("(non fiable)").count()
            + annex.matches("(habituellement peu fiable)").count()
            + annex.matches("(fiabilité impossible à évaluer)").count()
            >= graded
    );
}

#[test]
fn arabic_page_numbers_and_notes_in_arabic_indic_digits() {
    let exported = export("tests/fixtures/briefs/sample-ar.md", &default_options());
    let Some(text) = pdftotext(&exported.pdf) else { return };
    let total: String =
        exported.pages.to_string().chars().map(|c| char::from_u32(0x0660 + c.to_digit(10).unwrap()).unwrap()).collect();
    let folios = text.lines().filter(|l| l.contains("الصفحة") && l.contains(&total)).count();
    assert_eq!(folios, exported.pages, "{text}");
    assert!(!text.lines().any(|l| l.contains("الصفحة") && l.chars().any(|c| c.is_ascii_digit())));
    // The analyst's Western digits stay as written.
    assert!(text.contains("2026"));
    assert!(text.contains("ملحق") && text.contains("المصادر المستشهد بها"));
    assert!(text.contains("مصداقية المعلومة") && text.contains("صحيحة على الأرجح"), "credibility in a note");
    assert!(text.contains("الموثوقية") && text.contains("(موثوق عادةً)"));
    for words in ["النقاط الرئيسية", "غير مرجح", "ثقة متوسطة", "للاستخدام الداخلي", "١٨", "ديسمبر", "٢٠٢٥"]
    {
        assert!(text.contains(words), "missing {words:?}");
    }
}

#[test]
fn exports_are_reproducible() {
    let a = export("tests/fixtures/briefs/sample-ar.md", &default_options());
    let b = export("tests/fixtures/briefs/sample-ar.md", &default_options());
    assert!(a.pdf == b.pdf, "two exports differ");
}

#[test]
fn draft_watermark_only_in_drafts() {
    let mut options = default_options();
    let clean = export("tests/fixtures/briefs/sample-fr.md", &options);
    options.draft = true;
    let draft = export("tests/fixtures/briefs/sample-fr.md", &options);
    assert_eq!(clean.pages, draft.pages, "the draft is the full document");
    assert_ne!(clean.pdf, draft.pdf);
    // Every page carries the watermark: a pagination artifact set on a turned baseline.
    let doc = Document::load_mem(&draft.pdf).unwrap();
    for (n, page) in doc.get_pages() {
        let ops = doc.get_and_decode_page_content(page).unwrap().operations;
        let is_name = |o: &Object, name: &[u8]| matches!(o, Object::Name(v) if v == name);
        let mut matrices: Vec<Vec<f32>> = Vec::new();
        let mut at = 0;
        while let Some(start) = ops[at..]
            .iter()
            .position(|op| op.operator == "BDC" && op.operands.first().is_some_and(|o| is_name(o, b"Artifact")))
            .map(|i| at + i)
        {
            let end = start + ops[start..].iter().position(|op| op.operator == "EMC").unwrap();
            let span = &ops[start + 1];
            assert!(span.operator == "BDC" && span.operands.first().is_some_and(|o| is_name(o, b"Span")), "page {n}");
            matrices.extend(
                ops[start..end]
                    .iter()
                    .filter(|op| op.operator == "Tm")
                    .map(|op| op.operands.iter().map(|o| o.as_float().unwrap()).collect()),
            );
            at = end;
        }
        assert!(matrices.len() > 10, "page {n}: {} glyphs in the watermark", matrices.len());
        for m in matrices {
            // A rotation by the page's diagonal (about 55° on A4 portrait).
            assert!(m[1] > 0.7 && m[1] < 0.9 && (m[0] - m[3]).abs() < 1e-4 && (m[1] + m[2]).abs() < 1e-4, "{m:?}");
        }
    }
    // The artifact gives no text: a draft extracts exactly as the clean export.
    let (Some(clean), Some(draft)) = (pdftotext(&clean.pdf), pdftotext(&draft.pdf)) else { return };
    assert!(!draft.contains("BROUILLON") && !draft.contains("DRAFT") && !draft.contains("مسودة"));
    assert_eq!(clean, draft);
}

#[test]
fn letter_paper_and_endnotes_style() {
    let mut options = ExportOptions::new(Style::named("endnotes").unwrap());
    options.paper = Paper::Letter;
    let exported = export("tests/fixtures/export/features-fr.md", &options);
    let doc = Document::load_mem(&exported.pdf).unwrap();
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let media = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap().as_array().unwrap().clone();
    let width = match media.get(2).unwrap() {
        Object::Real(w) => *w,
        Object::Integer(w) => *w as f32,
        other => panic!("{other:?}"),
    };
    assert!((width - 612.0).abs() < 0.5, "{width}");
    let html_line = std::fs::read_to_string(root().join("tests/fixtures/export/features-fr.md"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("<div>"))
        .unwrap() as u32
        + 1;
    assert!(
        exported
            .warnings
            .iter()
            .any(|w| matches!(w, ExportWarning::Unsupported { what: "raw HTML", line, .. } if *line == html_line)),
        "{:?}",
        exported.warnings
    );
    let Some(text) = pdftotext(&exported.pdf) else { return };
    let notes = text.split("\nNotes\n").nth(1).expect("an endnotes section");
    assert!(notes.contains("Décision du gouvernement de transition"), "Markdown footnote as a note");
    assert!(notes.contains("crédibilité de l'information : 4 (douteuse)"));
    assert!(text.contains("HYPOTHÈSE"));
}

#[test]
fn hostile_brief_exports_with_warnings() {
    let mut md = String::from("---\ntitle: Hostile\nlang: fr\ndate: 2025-11-20\n---\n\n## Tableau\n\n");
    let columns = 14;
    md.push_str(&format!(
        "|{}\n|{}\n",
        (0..columns).map(|c| format!(" Colonne {c} |")).collect::<String>(),
        " --- |".repeat(columns)
    ));
    for r in 0..300 {
        md.push_str(&format!(
            "|{}\n",
            (0..columns).map(|c| format!(" cellule {r}-{c} [@absent-{}] |", r % 3)).collect::<String>()
        ));
    }
    md.push_str(&format!(
        "\nUn mot interminable : {} fin.\n\nUn signe absent de toutes les polices : \u{10000} ici [@inconnu].\n",
        "anticonstitutionnellement".repeat(200)
    ));
    let brief = mizan_brief::parse(&md);
    let exported = export_brief(&brief, &library(), &default_options()).unwrap();
    assert!(exported.pages > 5, "{} pages", exported.pages);
    Document::load_mem(&exported.pdf).unwrap();
    let glyph = exported.warnings.iter().find_map(|w| match w {
        ExportWarning::MissingGlyph { ch, line, column } => Some((*ch, *line, *column)),
        _ => None,
    });
    let expected_line = md.lines().position(|l| l.contains('\u{10000}')).unwrap() as u32 + 1;
    let expected_column =
        md.lines().nth(expected_line as usize - 1).unwrap().chars().position(|c| c == '\u{10000}').unwrap() as u32 + 1;
    assert_eq!(glyph, Some(('\u{10000}', expected_line, expected_column)));
    assert!(
        exported.warnings.iter().any(|w| matches!(w, ExportWarning::UnknownSource { key, .. } if key == "inconnu"))
    );
}

#[test]
fn empty_brief_still_makes_a_page() {
    let brief = mizan_brief::parse("");
    let exported = export_brief(&brief, &Vec::new(), &default_options()).unwrap();
    assert_eq!(exported.pages, 1);
    assert!(exported.warnings.contains(&ExportWarning::NoDate));
}

/// The two long judgment items of the Arabic sample end on lines that fit by shrinking their
/// spaces (no overfull warning), and the isolates around note calls and references order
/// the text without ending up in it.
#[test]
fn arabic_sample_has_no_overfull_line_and_no_bidi_controls_in_its_text() {
    let exported = export("tests/fixtures/briefs/sample-ar.md", &default_options());
    let overfull: Vec<String> =
        exported.warnings.iter().filter(|w| w.code() == "overfull-line").map(ToString::to_string).collect();
    assert!(overfull.is_empty(), "{overfull:?}");
    let Some(text) = pdftotext(&exported.pdf) else { return };
    let controls: Vec<&str> =
        text.lines().filter(|l| l.contains(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'])).collect();
    assert!(controls.is_empty(), "{controls:?}");
    // The note calls still follow their words, and the English reference of note 13 reads
    // in its own order.
    assert!(text.contains("2025, 52, https://doi.org/10.5555/") && !text.contains("52 ,2025"), "{text}");
}

#[test]
fn french_annex_prints_the_translated_title_after_an_arabic_title() {
    let mut library = library();
    let bbc = library.iter_mut().find(|s| s.key.as_str() == "bbc-arabic-niger-tahalufat-2025").unwrap();
    assert!(bbc.title.starts_with("النيجر"), "fixture: an Arabic title");
    bbc.translated_title = Some("Niger : la junte redessine ses alliances".into());
    let exported = export_brief(&brief("tests/fixtures/briefs/sample-fr.md"), &library, &default_options()).unwrap();
    let plain = export("tests/fixtures/briefs/sample-fr.md", &default_options());
    assert_ne!(exported.pdf, plain.pdf, "the translation changes the annex");
    let Some(text) = pdftotext(&exported.pdf) else { return };
    let annex = text.split("Annexe : sources citées").nth(1).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    // The translation reads left to right, in brackets, in the Arabic entry's line. The
    // brackets belong to the right-to-left reference: drawn mirrored, so they look like
    // `[…]`, they come back from pdftotext as their logical characters in visual order.
    assert!(
        annex.contains("]Niger : la junte redessine ses alliances[")
            || annex.contains("[Niger : la junte redessine ses alliances]"),
        "{annex}"
    );
    let line = text.lines().find(|l| l.contains("la junte redessine")).unwrap();
    assert!(line.contains("المجلس"), "translation on the title's line: {line}");
}
