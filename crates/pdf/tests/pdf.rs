//! PDF output tests: parse what `write_pdf` produces (lopdf) and, where installed, check it with
//! pdftotext and qpdf.

// Helpers shared by the tests unwrap like the tests do: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use std::process::Command;

use lopdf::Object;
use mizan_layout::{Align, BaseDirection, FaceId, FontSet, Paragraph, SpanStyle, TextLang, layout_paragraph};
use mizan_pdf::{Color, Document, Metadata, Options, Page, PageItem, PdfDate, PdfError, write_pdf};

const ARABIC: &str = include_str!("fixtures/sahel-ar.md");
const FRENCH: &str = include_str!("fixtures/sahel-fr.md");

fn date() -> PdfDate {
    PdfDate { year: 2025, month: 11, day: 20, hour: 9, minute: 30, second: 0 }
}

fn metadata() -> Metadata {
    Metadata {
        title: "الوضع الأمني في الساحل".into(),
        author: "Unité Sahel".into(),
        subject: "Note de situation".into(),
        lang: "ar".into(),
        rtl: true,
        created: date(),
    }
}

/// Lays out the Arabic fixture (justified, 12.5 pt, A4) and flows it over pages.
fn arabic_pages(fonts: &FontSet) -> Vec<Page> {
    let measure = 459.0;
    let mut pages = vec![Page::a4()];
    let mut y = 70.0;
    for text in ARABIC.split("\n\n").map(str::trim).filter(|t| !t.is_empty()) {
        let p = Paragraph::new(
            text,
            SpanStyle { size: 12.5, ..SpanStyle::default() },
            BaseDirection::Rtl,
            TextLang::Ar,
            measure,
        )
        .aligned(Align::Justify);
        let layout = layout_paragraph(&p, fonts).unwrap();
        for line in &layout.lines {
            if y + layout.line_height > 760.0 {
                pages.push(Page::a4());
                y = 70.0;
            }
            let page = pages.last_mut().unwrap();
            for run in &line.runs {
                page.items.push(PageItem::Glyphs {
                    x: 68.0,
                    baseline: y + layout.lines[0].baseline,
                    run: run.clone(),
                    color: Color::BLACK,
                });
            }
            y += layout.line_height;
        }
        y += 6.0;
    }
    pages
}

fn write(fonts: &FontSet, pages: Vec<Page>) -> Vec<u8> {
    write_pdf(&Document { fonts, pages, metadata: metadata() }, &Options::default()).unwrap()
}

fn load(bytes: &[u8]) -> lopdf::Document {
    lopdf::Document::load_from(bytes).expect("the output parses as PDF")
}

fn name<'a>(dict: &'a lopdf::Dictionary, key: &[u8]) -> &'a [u8] {
    dict.get(key).and_then(Object::as_name).unwrap_or(b"")
}

#[test]
fn two_arabic_pages_embed_subset_fonts_with_tounicode() {
    let fonts = FontSet::bundled();
    let pages = arabic_pages(&fonts);
    assert_eq!(pages.len(), 2, "the fixture fills two A4 pages");
    let bytes = write(&fonts, pages);
    assert!(bytes.len() < 150_000, "2-page Arabic PDF is {} bytes", bytes.len());
    let doc = load(&bytes);
    let mut type0 = 0;
    for obj in doc.objects.values() {
        let Ok(dict) = obj.as_dict() else { continue };
        if name(dict, b"Type") != b"Font" || name(dict, b"Subtype") != b"Type0" {
            continue;
        }
        type0 += 1;
        let base = String::from_utf8_lossy(name(dict, b"BaseFont")).into_owned();
        let (tag, face) = base.split_once('+').expect("subset fonts carry a tag");
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{base}");
        assert!(face.starts_with("Amiri") || face.starts_with("NotoSerif"), "{base}");
        let to_unicode = dict.get_deref(b"ToUnicode", &doc).and_then(Object::as_stream).expect("ToUnicode stream");
        let cmap = to_unicode.decompressed_content().unwrap_or_else(|_| to_unicode.content.clone());
        assert!(String::from_utf8_lossy(&cmap).contains("beginbfchar"));
        let descendant = dict.get(b"DescendantFonts").and_then(Object::as_array).unwrap()[0].as_dict().unwrap();
        let descriptor = descendant.get_deref(b"FontDescriptor", &doc).and_then(Object::as_dict).unwrap();
        let program =
            descriptor.get_deref(b"FontFile2", &doc).and_then(Object::as_stream).expect("embedded TrueType program");
        let program_len = program.decompressed_content().map(|c| c.len()).unwrap_or(program.content.len());
        assert!(program_len < 120_000, "{base}: embedded program of {program_len} bytes is not a subset");
    }
    assert!(type0 >= 1);
}

#[test]
fn catalog_has_lang_direction_and_info() {
    let fonts = FontSet::bundled();
    let doc = load(&write(&fonts, arabic_pages(&fonts)));
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").and_then(Object::as_str).unwrap(), b"ar");
    let prefs = catalog.get(b"ViewerPreferences").and_then(Object::as_dict).unwrap();
    assert_eq!(name(prefs, b"Direction"), b"R2L");
    let info_ref = doc.trailer.get(b"Info").and_then(Object::as_reference).unwrap();
    let info = doc.get_dictionary(info_ref).unwrap();
    let created = info.get(b"CreationDate").and_then(Object::as_str).unwrap();
    assert!(String::from_utf8_lossy(created).starts_with("D:20251120093000"));
    let title = info.get(b"Title").and_then(Object::as_str).unwrap();
    let units: Vec<u16> = title.chunks(2).skip(1).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
    assert_eq!(String::from_utf16(&units).unwrap(), "الوضع الأمني في الساحل");
}

#[test]
fn same_input_gives_identical_bytes() {
    let fonts = FontSet::bundled();
    let a = write(&fonts, arabic_pages(&fonts));
    let b = write(&fonts, arabic_pages(&fonts));
    assert!(a == b, "two writes of the same document differ");
    let other = FontSet::bundled();
    assert!(write(&other, arabic_pages(&other)) == a, "a fresh font set gives other bytes");
}

#[test]
fn clusters_that_to_unicode_cannot_spell_get_actual_text() {
    let fonts = FontSet::bundled();
    let doc = load(&write(&fonts, arabic_pages(&fonts)));
    let pages = doc.get_pages();
    let content = doc.get_page_content(*pages.values().next().unwrap());
    let text = String::from_utf8_lossy(&content);
    // Kashida: the tatweel is drawn inside the span of the letter it stretches.
    assert!(text.contains("/ActualText"), "no ActualText span in the content stream");
    assert!(text.contains("BDC") && text.contains("EMC"));
}

fn tool(name: &str) -> bool {
    let found = Command::new(name).arg("-v").output().is_ok() || Command::new(name).arg("--version").output().is_ok();
    if !found {
        println!("NOTICE: {name} not installed; check skipped");
    }
    found
}

#[test]
fn pdftotext_gives_arabic_and_french_back_in_logical_order() {
    if !tool("pdftotext") {
        return;
    }
    let fonts = FontSet::bundled();
    let mut pages = arabic_pages(&fonts);
    let fr = FRENCH.split("\n\n").next().unwrap().trim();
    let mut para =
        Paragraph::new(fr, SpanStyle::default(), BaseDirection::Ltr, TextLang::Fr, 459.0).aligned(Align::Justify);
    mizan_layout::apply_french_spacing(&mut para);
    let mut page = Page::a4();
    page.add_paragraph(&layout_paragraph(&para, &fonts).unwrap(), 68.0, 70.0, Color::BLACK);
    pages.push(page);
    let dir = std::env::temp_dir().join(format!("mizan-pdf-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("roundtrip.pdf");
    std::fs::write(&path, write(&fonts, pages)).unwrap();
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&path).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{0640}', "");
    let words: Vec<&str> = ARABIC
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() >= 2 && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)))
        .collect();
    let found = words.iter().filter(|w| text.contains(*w)).count();
    let ratio = found as f64 / words.len() as f64;
    assert!(ratio >= 0.98, "only {found} of {} Arabic words come back from pdftotext", words.len());
    for needle in ["2025", "JNIM", "Assimi", "sécuritaire", "chancelleries"] {
        assert!(text.contains(needle), "{needle} missing from the extracted text");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn qpdf_finds_nothing_wrong() {
    if !tool("qpdf") {
        return;
    }
    let fonts = FontSet::bundled();
    let dir = std::env::temp_dir().join(format!("mizan-qpdf-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("check.pdf");
    let mut pages = arabic_pages(&fonts);
    pages[0].items.push(PageItem::Rule {
        from: (68.0, 60.0),
        to: (527.0, 60.0),
        thickness: 0.8,
        color: Color::rgb8(30, 60, 95),
    });
    pages[0].items.push(PageItem::Rect {
        x: 68.0,
        y: 780.0,
        width: 459.0,
        height: 4.0,
        color: Color::rgb8(200, 200, 200),
    });
    std::fs::write(&path, write(&fonts, pages)).unwrap();
    let out = Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "qpdf --check failed: {report}{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.contains("No syntax or stream encoding errors"), "{report}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_documents_are_errors() {
    let fonts = FontSet::bundled();
    let opts = Options::default();
    let doc = |pages: Vec<Page>, metadata: Metadata| Document { fonts: &fonts, pages, metadata };
    assert_eq!(write_pdf(&doc(vec![], metadata()), &opts), Err(PdfError::NoPages));
    let mut page = Page::a4();
    page.width = 0.0;
    assert!(matches!(write_pdf(&doc(vec![page], metadata()), &opts), Err(PdfError::PageSize { page: 1, .. })));
    let mut bad_date = metadata();
    bad_date.created.month = 13;
    assert!(matches!(write_pdf(&doc(vec![Page::a4()], bad_date), &opts), Err(PdfError::InvalidDate(_))));
    let mut page = Page::a4();
    page.items.push(PageItem::Rule { from: (f32::NAN, 0.0), to: (1.0, 1.0), thickness: 1.0, color: Color::BLACK });
    assert!(matches!(write_pdf(&doc(vec![page], metadata()), &opts), Err(PdfError::InvalidItem { page: 1, .. })));
    // A run whose face is not in the set.
    let p = Paragraph::new("نص", SpanStyle::default(), BaseDirection::Rtl, TextLang::Ar, 100.0);
    let mut run = layout_paragraph(&p, &fonts).unwrap().lines[0].runs[0].clone();
    run.face = FaceId(99);
    let mut page = Page::a4();
    page.items.push(PageItem::Glyphs { x: 0.0, baseline: 100.0, run, color: Color::BLACK });
    assert_eq!(write_pdf(&doc(vec![page], metadata()), &opts), Err(PdfError::UnknownFace { page: 1, face: 99 }));
}

#[test]
fn whole_fonts_when_subsetting_is_off() {
    let fonts = FontSet::bundled();
    let p = Paragraph::new("Sahel", SpanStyle::default(), BaseDirection::Ltr, TextLang::Fr, 100.0);
    let mut page = Page::a4();
    page.add_paragraph(&layout_paragraph(&p, &fonts).unwrap(), 50.0, 50.0, Color::BLACK);
    let full = write_pdf(
        &Document { fonts: &fonts, pages: vec![page.clone()], metadata: metadata() },
        &Options { subset_fonts: false, compress: true },
    )
    .unwrap();
    let subset =
        write_pdf(&Document { fonts: &fonts, pages: vec![page], metadata: metadata() }, &Options::default()).unwrap();
    assert!(full.len() > 5 * subset.len(), "full {} vs subset {}", full.len(), subset.len());
    let doc = load(&full);
    let bases: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| name(d, b"Subtype") == b"Type0")
        .map(|d| String::from_utf8_lossy(name(d, b"BaseFont")).into_owned())
        .collect();
    assert_eq!(bases, vec!["NotoSerif-Regular".to_owned()]);
}
