//! End-to-end demonstration: lays out a two-language brief on the Sahel (Arabic, French and
//! mixed paragraphs, justified, A4) and writes it as PDF.
//!
//! cargo run --release -p mizan-pdf --example sahel_brief -- [OUT.pdf]
//!
//! Also writes OUT.md with exactly the Arabic text that was laid out (for
//! shared/tools/pdf-script-check) and prints layout and writing times.

use std::time::Instant;

use mizan_layout::{
    Align, BaseDirection, DigitSet, FontSet, Paragraph, ParagraphLayout, SpanStyle, TextLang, Weight,
    apply_french_spacing, format_number, layout_paragraph,
};
use mizan_pdf::{Color, Document, Metadata, Options, Page, PageItem, PdfDate, write_pdf};

const ARABIC: &str = include_str!("../tests/fixtures/sahel-ar.md");
const FRENCH: &str = include_str!("../tests/fixtures/sahel-fr.md");

const MARGIN_X: f32 = 68.0;
const MARGIN_TOP: f32 = 70.0;
const MARGIN_BOTTOM: f32 = 80.0;
const ACCENT: Color = Color { r: 0.12, g: 0.23, b: 0.37 };

/// A block to set: a paragraph and the space after it.
struct Block {
    para: Paragraph,
    space_after: f32,
    color: Color,
    rule_after: bool,
}

fn blocks(measure: f32) -> Vec<Block> {
    let body = |size: f32| SpanStyle { size, ..SpanStyle::default() };
    let heading = |size: f32| SpanStyle { size, weight: Weight::Bold, ..SpanStyle::default() };
    let mut out = Vec::new();
    out.push(Block {
        para: Paragraph::new(
            "الوضع الأمني في منطقة الساحل: حصار باماكو وتداعياته",
            heading(18.0),
            BaseDirection::Rtl,
            TextLang::Ar,
            measure,
        ),
        space_after: 4.0,
        color: ACCENT,
        rule_after: true,
    });
    for text in ARABIC.split("\n\n").map(str::trim).filter(|t| !t.is_empty()) {
        out.push(Block {
            para: Paragraph::new(text, body(12.5), BaseDirection::Rtl, TextLang::Ar, measure).aligned(Align::Justify),
            space_after: 6.0,
            color: Color::BLACK,
            rule_after: false,
        });
    }
    out.push(Block {
        para: Paragraph::new(
            "Situation sécuritaire au Sahel : le blocus de Bamako",
            heading(16.0),
            BaseDirection::Ltr,
            TextLang::Fr,
            measure,
        ),
        space_after: 4.0,
        color: ACCENT,
        rule_after: true,
    });
    for text in FRENCH.split("\n\n").map(str::trim).filter(|t| !t.is_empty()) {
        let lang = if text.starts_with("The ") { TextLang::En } else { TextLang::Fr };
        out.push(Block {
            para: Paragraph::new(text, body(11.0), BaseDirection::Ltr, lang, measure).aligned(Align::Justify),
            space_after: 6.0,
            color: Color::BLACK,
            rule_after: false,
        });
    }
    for b in &mut out {
        apply_french_spacing(&mut b.para);
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_path = std::env::args().nth(1).unwrap_or_else(|| "target/sahel-brief.pdf".to_owned());
    let t0 = Instant::now();
    let fonts = FontSet::bundled();
    let t_fonts = t0.elapsed();
    let page_w = 595.28f32;
    let measure = page_w - 2.0 * MARGIN_X;
    let blocks = blocks(measure);

    let t1 = Instant::now();
    let mut laid: Vec<(ParagraphLayout, &Block)> = Vec::new();
    for b in &blocks {
        laid.push((layout_paragraph(&b.para, &fonts)?, b));
    }
    let t_layout = t1.elapsed();

    // Flow lines down A4 pages; a paragraph may split between pages line by line.
    let mut pages = vec![Page::a4()];
    let page_h = pages[0].height;
    let mut y = MARGIN_TOP;
    for (layout, block) in &laid {
        for w in &layout.warnings {
            eprintln!("warning: {w:?}");
        }
        let mut top = y;
        let mut first_line_of_page = 0usize;
        for (i, line) in layout.lines.iter().enumerate() {
            let line_bottom = top + (i - first_line_of_page + 1) as f32 * layout.line_height;
            if line_bottom > page_h - MARGIN_BOTTOM {
                pages.push(Page::a4());
                top = MARGIN_TOP;
                first_line_of_page = i;
            }
            let baseline = top + line.baseline - first_line_of_page as f32 * layout.line_height;
            let page = pages.last_mut().ok_or("no page")?;
            for run in &line.runs {
                page.items.push(PageItem::Glyphs { x: MARGIN_X, baseline, run: run.clone(), color: block.color });
            }
        }
        y = top + (layout.lines.len() - first_line_of_page) as f32 * layout.line_height;
        if block.rule_after {
            let page = pages.last_mut().ok_or("no page")?;
            page.items.push(PageItem::Rule {
                from: (MARGIN_X, y + 2.0),
                to: (page_w - MARGIN_X, y + 2.0),
                thickness: 0.8,
                color: ACCENT,
            });
            y += 8.0;
        }
        y += block.space_after;
    }
    // Folios: Arabic-Indic digits, centred under the text block, with a thin rule above.
    let count = pages.len();
    for (n, page) in pages.iter_mut().enumerate() {
        let label = format!(
            "{} / {}",
            format_number(n as u64 + 1, DigitSet::ArabicIndic),
            format_number(count as u64, DigitSet::ArabicIndic)
        );
        let folio = Paragraph::new(
            label,
            SpanStyle { size: 9.0, ..SpanStyle::default() },
            BaseDirection::Rtl,
            TextLang::Ar,
            measure,
        )
        .aligned(Align::Center);
        let layout = layout_paragraph(&folio, &fonts)?;
        page.items.push(PageItem::Rule {
            from: (MARGIN_X, page_h - 62.0),
            to: (page_w - MARGIN_X, page_h - 62.0),
            thickness: 0.4,
            color: ACCENT,
        });
        page.add_paragraph(&layout, MARGIN_X, page_h - 58.0, ACCENT);
    }

    let metadata = Metadata {
        title: "الوضع الأمني في منطقة الساحل".to_owned(),
        author: "Mizan — démonstration".to_owned(),
        subject: "Sahel : blocus de Bamako / الساحل: حصار باماكو".to_owned(),
        lang: "ar".to_owned(),
        rtl: true,
        created: PdfDate { year: 2025, month: 11, day: 20, hour: 9, minute: 30, second: 0 },
    };
    let doc = Document { fonts: &fonts, pages, metadata };
    let t2 = Instant::now();
    let bytes = write_pdf(&doc, &Options::default())?;
    let t_write = t2.elapsed();
    std::fs::write(&out_path, &bytes)?;

    // The Arabic text exactly as laid out, for the script checker.
    let mut arabic_text = String::new();
    for b in &blocks {
        if b.para.lang == TextLang::Ar || b.para.text().chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
            arabic_text.push_str(&b.para.text());
            arabic_text.push_str("\n\n");
        }
    }
    let md_path = std::path::Path::new(&out_path).with_extension("md");
    std::fs::write(&md_path, arabic_text)?;

    println!(
        "{out_path}: {} pages, {} bytes; fonts {:.1} ms, layout {:.1} ms ({} paragraphs, {} lines), write {:.1} ms",
        doc.pages.len(),
        bytes.len(),
        t_fonts.as_secs_f64() * 1e3,
        t_layout.as_secs_f64() * 1e3,
        laid.len(),
        laid.iter().map(|(l, _)| l.lines.len()).sum::<usize>(),
        t_write.as_secs_f64() * 1e3
    );
    println!("Arabic text: {}", md_path.display());
    Ok(())
}
