//! `write_pdf`: pages → printpdf operations → lopdf object tree → bytes.
//!
//! printpdf builds the content streams and the font dictionaries (Type0/CIDFontType2 with
//! Identity-H, /W widths and a ToUnicode CMap from the per-glyph texts we pass). Three things are
//! done around it: fonts are subset here with `subsetter` (printpdf only subsets with its heavy
//! `text_layout` feature), every glyph is placed with an absolute text matrix (printpdf merges
//! same-baseline glyphs into one TJ with exact kerns), and the finished object tree gets a
//! document ID derived from the content instead of printpdf's process-global counter, so the same
//! input always gives the same bytes.

use std::collections::BTreeMap;

use lopdf::{Object, StringFormat};
use mizan_layout::FaceId;
use printpdf::{
    Codepoint, DictItem, FontId, Line as PdfLine, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use crate::PdfError;
use crate::fonts::{self, EmbeddedFont, cluster_text, clusters};
use crate::hash::Fnv;
use crate::model::{Color, Document, Options, Page, PageItem, PdfDate};

/// Writes `doc` as PDF bytes. Pure: no files, no clock; the same input gives the same bytes.
pub fn write_pdf(doc: &Document<'_>, options: &Options) -> Result<Vec<u8>, PdfError> {
    validate(doc)?;
    let embedded = fonts::embed(doc.fonts, &doc.pages, options.subset_fonts)?;
    let mut pdf = PdfDocument::new(&doc.metadata.title);
    let info = &mut pdf.metadata.info;
    info.author = doc.metadata.author.clone();
    info.subject = doc.metadata.subject.clone();
    info.creator = "Mizan".to_owned();
    info.producer = "Mizan (mizan-pdf, printpdf)".to_owned();
    let created = to_printpdf_date(doc.metadata.created);
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;
    let spacing = fonts::extraction_widths(&doc.pages, &embedded);
    for (face, ef) in &embedded {
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&ef.program, 0, &mut warnings)
            .ok_or_else(|| PdfError::FontProgram { font: ef.base_font.clone() })?;
        parsed.font_name = Some(ef.base_font.clone());
        let upm = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        if let Some(widths) = spacing.get(face) {
            for (code, em) in widths {
                parsed.glyph_widths.insert(*code, (em * upm).round().clamp(0.0, f32::from(u16::MAX)) as u16);
            }
        }
        pdf.resources.fonts.map.insert(FontId(ef.resource.clone()), PdfFont::new(parsed));
    }
    let pages: Vec<PdfPage> = doc.pages.iter().map(|p| page_ops(p, &embedded)).collect();
    pdf.with_pages(pages);

    let save = PdfSaveOptions { optimize: false, subset_fonts: false, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut out = pdf.to_lopdf_document(&save, &mut warnings);
    let id = document_id(doc, &embedded);
    out.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    let catalog = out.catalog_mut().map_err(|e| PdfError::Serialize(e.to_string()))?;
    if !doc.metadata.lang.is_empty() {
        catalog.set("Lang", Object::string_literal(doc.metadata.lang.as_str()));
    }
    if doc.metadata.rtl {
        catalog
            .set("ViewerPreferences", lopdf::Dictionary::from_iter(vec![("Direction", Object::Name(b"R2L".to_vec()))]));
    }
    if options.compress {
        compress_streams(&mut out);
    }
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).map_err(|e| PdfError::Serialize(e.to_string()))?;
    Ok(bytes)
}

fn validate(doc: &Document<'_>) -> Result<(), PdfError> {
    if doc.pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    let d = doc.metadata.created;
    let date_ok = (1..=9999).contains(&d.year)
        && (1..=12).contains(&d.month)
        && (1..=31).contains(&d.day)
        && d.hour < 24
        && d.minute < 60
        && d.second < 60;
    if !date_ok {
        return Err(PdfError::InvalidDate(format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            d.year, d.month, d.day, d.hour, d.minute, d.second
        )));
    }
    for (i, page) in doc.pages.iter().enumerate() {
        let n = i + 1;
        if !(page.width.is_finite() && page.width > 0.0 && page.height.is_finite() && page.height > 0.0) {
            return Err(PdfError::PageSize { page: n, width: page.width, height: page.height });
        }
        for item in &page.items {
            let finite = match item {
                PageItem::Glyphs { x, baseline, run, color } => {
                    x.is_finite()
                        && baseline.is_finite()
                        && run.x.is_finite()
                        && run.size.is_finite()
                        && run.size > 0.0
                        && run
                            .glyphs
                            .iter()
                            .all(|g| g.x_advance.is_finite() && g.x_offset.is_finite() && g.y_offset.is_finite())
                        && color_ok(color)
                }
                PageItem::Watermark { origin, angle, run, color } => {
                    [origin.0, origin.1, *angle, run.x].iter().all(|v| v.is_finite())
                        && run.size.is_finite()
                        && run.size > 0.0
                        && run
                            .glyphs
                            .iter()
                            .all(|g| g.x_advance.is_finite() && g.x_offset.is_finite() && g.y_offset.is_finite())
                        && color_ok(color)
                }
                PageItem::Rule { from, to, thickness, color } => {
                    [from.0, from.1, to.0, to.1, *thickness].iter().all(|v| v.is_finite())
                        && *thickness >= 0.0
                        && color_ok(color)
                }
                PageItem::Rect { x, y, width, height, color } => {
                    [*x, *y, *width, *height].iter().all(|v| v.is_finite()) && color_ok(color)
                }
            };
            if !finite {
                return Err(PdfError::InvalidItem { page: n, item: format!("{item:?}").chars().take(120).collect() });
            }
        }
    }
    Ok(())
}

fn color_ok(c: &Color) -> bool {
    [c.r, c.g, c.b].iter().all(|v| (0.0..=1.0).contains(v))
}

fn pdf_color(c: Color) -> printpdf::Color {
    printpdf::Color::Rgb(printpdf::Rgb { r: c.r, g: c.g, b: c.b, icc_profile: None })
}

/// The operations of one page. Text goes in BT/ET sections, graphics between them.
fn page_ops(page: &Page, embedded: &BTreeMap<FaceId, EmbeddedFont>) -> PdfPage {
    let mut ops = Vec::new();
    let mut in_text = false;
    let mut font: Option<(String, u32)> = None;
    let mut fill: Option<(u32, u32, u32)> = None;
    let mut set_fill = |ops: &mut Vec<Op>, c: Color| {
        let key = (c.r.to_bits(), c.g.to_bits(), c.b.to_bits());
        if fill != Some(key) {
            ops.push(Op::SetFillColor { col: pdf_color(c) });
            fill = Some(key);
        }
    };
    for item in &page.items {
        match item {
            PageItem::Glyphs { x, baseline, run, color } => {
                let Some(ef) = embedded.get(&run.face) else { continue };
                if !in_text {
                    ops.push(Op::StartTextSection);
                    in_text = true;
                }
                let key = (ef.resource.clone(), run.size.to_bits());
                if font.as_ref() != Some(&key) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(FontId(ef.resource.clone())),
                        size: Pt(run.size),
                    });
                    font = Some(key);
                }
                set_fill(&mut ops, *color);
                let y = page.height - baseline;
                let mut pen = x + run.x;
                for cluster in clusters(run) {
                    let text = cluster_text(run, &cluster);
                    let glyphs = &run.glyphs[cluster];
                    let spelled = glyphs.len() == 1
                        && glyphs.first().and_then(|g| ef.canonical.get(&g.id)).is_some_and(|t| t == text);
                    if !spelled {
                        ops.push(Op::BeginMarkedContentWithProperties {
                            tag: "Span".to_owned(),
                            properties: actual_text(text),
                        });
                    }
                    for g in glyphs {
                        ops.push(Op::SetTextMatrix {
                            matrix: TextMatrix::Raw([1.0, 0.0, 0.0, 1.0, pen + g.x_offset, y + g.y_offset]),
                        });
                        let cid = ef.canonical.get(&g.id).cloned();
                        ops.push(Op::ShowText {
                            items: vec![TextItem::GlyphIds(vec![Codepoint { gid: ef.code(g.id), offset: 0.0, cid }])],
                        });
                        pen += g.x_advance;
                    }
                    if !spelled {
                        ops.push(Op::EndMarkedContent);
                    }
                }
            }
            PageItem::Watermark { origin, angle, run, color } => {
                let Some(ef) = embedded.get(&run.face) else { continue };
                if !in_text {
                    ops.push(Op::StartTextSection);
                    in_text = true;
                }
                let key = (ef.resource.clone(), run.size.to_bits());
                if font.as_ref() != Some(&key) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(FontId(ef.resource.clone())),
                        size: Pt(run.size),
                    });
                    font = Some(key);
                }
                set_fill(&mut ops, *color);
                // A pagination artifact (PDF 32000 §14.8.2.2), which tagged-PDF readers skip,
                // holding a span whose ActualText is empty, for extractors that go by
                // ActualText (poppler, MuPDF): either way the body text stays clean.
                let mut properties = BTreeMap::new();
                properties.insert("Type".to_owned(), DictItem::Name(b"Pagination".to_vec()));
                properties.insert("Subtype".to_owned(), DictItem::Name(b"Watermark".to_vec()));
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: "Artifact".to_owned(),
                    properties: DictItem::Dict { map: properties },
                });
                ops.push(Op::BeginMarkedContentWithProperties { tag: "Span".to_owned(), properties: actual_text("") });
                let (sin, cos) = angle.to_radians().sin_cos();
                let (ox, oy) = (origin.0, page.height - origin.1);
                let mut pen = run.x;
                for g in &run.glyphs {
                    let (u, v) = (pen + g.x_offset, g.y_offset);
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Raw([cos, sin, -sin, cos, ox + cos * u - sin * v, oy + sin * u + cos * v]),
                    });
                    let cid = ef.canonical.get(&g.id).cloned();
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(vec![Codepoint { gid: ef.code(g.id), offset: 0.0, cid }])],
                    });
                    pen += g.x_advance;
                }
                ops.push(Op::EndMarkedContent);
                ops.push(Op::EndMarkedContent);
            }
            PageItem::Rule { from, to, thickness, color } => {
                if in_text {
                    ops.push(Op::EndTextSection);
                    in_text = false;
                }
                ops.push(Op::SetOutlineColor { col: pdf_color(*color) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                let point =
                    |(px, py): (f32, f32)| LinePoint { p: Point { x: Pt(px), y: Pt(page.height - py) }, bezier: false };
                ops.push(Op::DrawLine { line: PdfLine { points: vec![point(*from), point(*to)], is_closed: false } });
            }
            PageItem::Rect { x, y, width, height, color } => {
                if in_text {
                    ops.push(Op::EndTextSection);
                    in_text = false;
                }
                set_fill(&mut ops, *color);
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(page.height - y - height),
                        width: Pt(*width),
                        height: Pt(*height),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    let mut p = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    let size = Rect::from_wh(Pt(page.width), Pt(page.height));
    p.media_box = size.clone();
    p.trim_box = size.clone();
    p.crop_box = size;
    p
}

/// `<< /ActualText <FEFF…> >>`: the text a marked span stands for, UTF-16BE with a BOM.
fn actual_text(text: &str) -> DictItem {
    let mut data = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        data.extend_from_slice(&unit.to_be_bytes());
    }
    let mut map = BTreeMap::new();
    map.insert("ActualText".to_owned(), DictItem::String { data, literal: false });
    DictItem::Dict { map }
}

fn to_printpdf_date(d: PdfDate) -> printpdf::OffsetDateTime {
    printpdf::OffsetDateTime::new_in_offset(
        printpdf::date::Date { year: i32::from(d.year), month: d.month, day: d.day },
        printpdf::date::Time { hour: d.hour, minute: d.minute, second: d.second, millisecond: 0 },
        printpdf::date::Offset { hours: 0, minutes: 0, seconds: 0, milliseconds: 0 },
    )
}

/// Flate-compresses every stream that allows it, at zlib's default level: lopdf's own
/// `compress` uses the slowest level, which costs several times the time for a few percent.
/// One compressor serves every stream (reset in between): setting one up costs as much as
/// compressing a small stream.
fn compress_streams(doc: &mut lopdf::Document) {
    let mut compressor = flate2::Compress::new(flate2::Compression::default(), true);
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else { continue };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        compressor.reset();
        // zlib's bound for incompressible input, so one call finishes the stream.
        let mut compressed = Vec::with_capacity(stream.content.len() + stream.content.len() / 1000 + 64);
        let done = compressor.compress_vec(&stream.content, &mut compressed, flate2::FlushCompress::Finish);
        // A stream the compressor could not finish in that room stays uncompressed.
        if matches!(done, Ok(flate2::Status::StreamEnd)) && compressed.len() < stream.content.len() {
            stream.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
}

/// 16 bytes identifying the document's content (PDF 32000 §14.4): a hash of the metadata, every
/// glyph and graphic with its position, and the embedded font programs.
fn document_id(doc: &Document<'_>, embedded: &BTreeMap<FaceId, EmbeddedFont>) -> Vec<u8> {
    let mut h = Fnv::new();
    let m = &doc.metadata;
    for s in [&m.title, &m.author, &m.subject, &m.lang] {
        h.write(s.as_bytes());
        h.write(&[0]);
    }
    let d = m.created;
    h.write(&[u8::from(m.rtl), d.month, d.day, d.hour, d.minute, d.second]);
    h.write(&d.year.to_le_bytes());
    let mut f = |v: f32| h.write(&v.to_bits().to_le_bytes());
    for page in &doc.pages {
        f(page.width);
        f(page.height);
        for item in &page.items {
            match item {
                PageItem::Glyphs { x, baseline, run, color } => {
                    for v in [*x, *baseline, run.x, run.size, color.r, color.g, color.b] {
                        f(v);
                    }
                    f(run.face.0 as f32);
                    for g in &run.glyphs {
                        f(f32::from(g.id));
                        f(g.x_advance);
                        f(g.x_offset);
                        f(g.y_offset);
                    }
                }
                PageItem::Watermark { origin, angle, run, color } => {
                    for v in [origin.0, origin.1, *angle, run.x, run.size, color.r, color.g, color.b] {
                        f(v);
                    }
                    f(run.face.0 as f32);
                    for g in &run.glyphs {
                        f(f32::from(g.id));
                        f(g.x_advance);
                        f(g.x_offset);
                        f(g.y_offset);
                    }
                }
                PageItem::Rule { from, to, thickness, color } => {
                    for v in [from.0, from.1, to.0, to.1, *thickness, color.r, color.g, color.b] {
                        f(v);
                    }
                }
                PageItem::Rect { x, y, width, height, color } => {
                    for v in [*x, *y, *width, *height, color.r, color.g, color.b] {
                        f(v);
                    }
                }
            }
        }
    }
    for ef in embedded.values() {
        h.write(ef.base_font.as_bytes());
        h.write(&ef.program);
    }
    let first = h.finish();
    let mut second = Fnv::with_seed(first);
    second.write(b"mizan-pdf document id");
    [first.to_be_bytes(), second.finish().to_be_bytes()].concat()
}
