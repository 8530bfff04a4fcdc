//! `write_pdf`: pages → content streams and font objects → lopdf object tree → bytes.
//!
//! The content streams are written straight to bytes (`content`); the fonts are subset with
//! `subsetter` and described by a Type0/CIDFontType2 dictionary with Identity-H, /W widths and a
//! ToUnicode CMap (`fonts`); lopdf holds the object tree and writes the file. The streams are
//! made and compressed on two threads. The document ID is derived from the content, so the
//! same input always gives the same bytes.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use lopdf::{Dictionary, Object, Stream, StringFormat};
use mizan_layout::GlyphRun;

use crate::PdfError;
use crate::content::page_content;
use crate::fonts::{self, UsedFont};
use crate::hash::Fnv;
use crate::model::{Color, Document, Metadata, Options, PageItem, PdfDate};

/// Writes `doc` as PDF bytes. Pure: no files, no clock; the same input gives the same bytes.
pub fn write_pdf(doc: &Document<'_>, options: &Options) -> Result<Vec<u8>, PdfError> {
    validate(doc)?;
    // The streams: each font's program and ToUnicode map (subsetting and compressing the
    // programs is most of the writer's work), then each page's content, largest fonts first so
    // two threads finish together.
    let plan = || -> Result<Planned<'_>, PdfError> {
        let used = fonts::plan(doc.fonts, &doc.pages, options.subset_fonts)?;
        let mut fonts_by_size: Vec<usize> = (0..used.len()).collect();
        fonts_by_size.sort_by_key(|&i| std::cmp::Reverse(used[i].glyph_count()));
        let jobs = fonts_by_size.into_iter().map(Job::Font).chain((0..doc.pages.len()).map(Job::Page)).collect();
        Ok(Planned { used, jobs })
    };
    let work = |planned: &Planned<'_>, job: &Job, deflate: &mut Deflate| match *job {
        Job::Font(i) => {
            let font = &planned.used[i];
            let face = doc.fonts.face(font.face_id).ok_or(PdfError::UnknownFace { page: 0, face: font.face_id.0 })?;
            let program = fonts::program(font, face)?;
            let length = program.len();
            let mut program = deflate.font_program(program);
            program.dict.set("Length1", Object::Integer(length as i64));
            Ok(Done::Font(i, program, deflate.stream(fonts::to_unicode(font))))
        }
        Job::Page(i) => Ok(Done::Page(i, deflate.stream(page_content(&doc.pages[i], &planned.used)))),
    };
    let (planned, done) = on_two_threads(plan, |p: &Planned<'_>| &p.jobs, options.compress, work)?;
    let used = &planned.used;
    let mut font_streams: Vec<Option<(Stream, Stream)>> = used.iter().map(|_| None).collect();
    let mut contents: Vec<Option<Stream>> = doc.pages.iter().map(|_| None).collect();
    for result in done {
        match result? {
            Done::Font(i, program, to_unicode) => font_streams[i] = Some((program, to_unicode)),
            Done::Page(i, content) => contents[i] = Some(content),
        }
    }
    let font_streams: Vec<(Stream, Stream)> = font_streams.into_iter().flatten().collect();
    let contents: Vec<Stream> = contents.into_iter().flatten().collect();
    let id = document_id(doc, &contents, used, &font_streams);
    assemble(doc, used, font_streams, contents, id)
}

/// The fonts the pages use and the streams to make.
struct Planned<'d> {
    used: Vec<UsedFont<'d>>,
    jobs: Vec<Job>,
}

/// A stream to make: a font's (by index into the used fonts) or a page's.
#[derive(Debug, Clone, Copy)]
enum Job {
    Font(usize),
    Page(usize),
}

/// A made stream: a font's program and ToUnicode map, or a page's content.
enum Done {
    Font(usize, Stream, Stream),
    Page(usize, Stream),
}

/// Runs `plan` on this thread, then `work` over the jobs of the plan on this thread and a
/// second one, each taking the next job not yet taken, with a compressor of its own.
///
/// The second thread starts before planning, so that its start (a new thread often waits a
/// while for a CPU) overlaps the planning: both threads can start on the jobs when they are
/// planned. Results come back in no particular order; each depends
/// on its job alone, so the bytes do not depend on which thread made them. Without a second
/// thread, this one does everything.
fn on_two_threads<P: Send + Sync, J: Sync, R: Send, E>(
    plan: impl FnOnce() -> Result<P, E>,
    jobs: impl Fn(&P) -> &[J] + Sync,
    compress: bool,
    work: impl Fn(&P, &J, &mut Deflate) -> R + Sync,
) -> Result<(Arc<P>, Vec<R>), E> {
    let next = AtomicUsize::new(0);
    let worker = |planned: &P, mut deflate: Deflate| {
        let mut done = Vec::new();
        while let Some(job) = jobs(planned).get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push(work(planned, job, &mut deflate));
        }
        done
    };
    std::thread::scope(|scope| {
        let (ready, wait_for_plan) = mpsc::channel::<Arc<P>>();
        let worker = &worker;
        let helper = std::thread::Builder::new()
            .spawn_scoped(scope, move || {
                let deflate = Deflate::new(compress);
                // The sender is dropped without a message when planning fails.
                match wait_for_plan.recv() {
                    Ok(planned) => worker(&planned, deflate),
                    Err(_) => Vec::new(),
                }
            })
            .ok();
        let result = plan().map(|planned| {
            let planned = Arc::new(planned);
            let _ = ready.send(Arc::clone(&planned));
            let done = worker(&planned, Deflate::new(compress));
            (planned, done)
        });
        drop(ready);
        let theirs = helper.map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        result.map(|(planned, mut done)| {
            done.extend(theirs.into_iter().flatten());
            (planned, done)
        })
    })
}

/// The object tree: catalog, page tree, pages, fonts, information dictionary.
fn assemble(
    doc: &Document<'_>,
    used: &[UsedFont<'_>],
    font_streams: Vec<(Stream, Stream)>,
    contents: Vec<Stream>,
    id: Vec<u8>,
) -> Result<Vec<u8>, PdfError> {
    let name = |n: &str| Object::Name(n.as_bytes().to_vec());
    let mut out = lopdf::Document::with_version("1.7");
    out.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let pages_id = out.new_object_id();
    let mut font_resources = Dictionary::new();
    for (font, (program, to_unicode)) in used.iter().zip(font_streams) {
        let face = doc.fonts.face(font.face_id).ok_or(PdfError::UnknownFace { page: 0, face: font.face_id.0 })?;
        let font_id = fonts::add_font(&mut out, font, face, program, to_unicode);
        font_resources.set(font.resource.as_bytes(), Object::Reference(font_id));
    }
    let resources = out.add_object(Dictionary::from_iter([("Font", Object::Dictionary(font_resources))]));
    let mut kids = Vec::with_capacity(contents.len());
    for (page, content) in doc.pages.iter().zip(contents) {
        let content = out.add_object(content);
        let media_box = [0.0, 0.0, page.width, page.height].into_iter().map(Object::Real).collect();
        kids.push(Object::Reference(out.add_object(Dictionary::from_iter([
            ("Type", name("Page")),
            ("Parent", Object::Reference(pages_id)),
            ("MediaBox", Object::Array(media_box)),
            ("Resources", Object::Reference(resources)),
            ("Contents", Object::Reference(content)),
        ]))));
    }
    let count = kids.len() as i64;
    out.objects.insert(
        pages_id,
        Object::Dictionary(Dictionary::from_iter([
            ("Type", name("Pages")),
            ("Kids", Object::Array(kids)),
            ("Count", Object::Integer(count)),
        ])),
    );
    let m = &doc.metadata;
    let mut catalog = Dictionary::from_iter([("Type", name("Catalog")), ("Pages", Object::Reference(pages_id))]);
    if !m.lang.is_empty() {
        catalog.set("Lang", Object::string_literal(m.lang.as_str()));
    }
    if m.rtl {
        catalog.set("ViewerPreferences", Dictionary::from_iter([("Direction", name("R2L"))]));
    }
    let catalog = out.add_object(catalog);
    let info = out.add_object(info(m));
    out.trailer.set("Root", Object::Reference(catalog));
    out.trailer.set("Info", Object::Reference(info));
    out.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).map_err(|e| PdfError::Serialize(e.to_string()))?;
    Ok(bytes)
}

/// The document information dictionary (PDF 32000 §14.3.3).
fn info(m: &Metadata) -> Dictionary {
    let date = Object::String(pdf_date(m.created).into_bytes(), StringFormat::Literal);
    let mut info = Dictionary::from_iter([("Title", text_string(&m.title))]);
    if !m.author.is_empty() {
        info.set("Author", text_string(&m.author));
    }
    if !m.subject.is_empty() {
        info.set("Subject", text_string(&m.subject));
    }
    info.set("Creator", text_string("Mizan"));
    info.set("Producer", text_string("Mizan (mizan-pdf)"));
    info.set("CreationDate", date.clone());
    info.set("ModDate", date);
    info
}

/// A text string as UTF-16BE with its byte order mark (PDF 32000 §7.9.2.2).
fn text_string(text: &str) -> Object {
    let mut data = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        data.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(data, StringFormat::Hexadecimal)
}

/// `D:YYYYMMDDHHmmSS+00'00'` (PDF 32000 §7.9.4).
fn pdf_date(d: PdfDate) -> String {
    format!("D:{:04}{:02}{:02}{:02}{:02}{:02}+00'00'", d.year, d.month, d.day, d.hour, d.minute, d.second)
}

/// Flate compression of streams (zlib format), with libdeflate: it compresses whole buffers,
/// which is all a PDF writer needs, in about half the instructions of zlib at the same level
/// and to slightly smaller streams. Content streams and CMaps use level 6, the default; font
/// programs, the largest streams and the least compressible (outlines), use level 1, which
/// takes half the time of level 6 on them for 2 % more bytes (Amiri in the 2-page bench
/// brief: 21.9 KB instead of 21.5 KB). Each thread has its compressors, made when first used.
struct Deflate {
    compress: bool,
    text: Option<libdeflater::Compressor>,
    fonts: Option<libdeflater::Compressor>,
}

impl Deflate {
    fn new(compress: bool) -> Self {
        Deflate { compress, text: None, fonts: None }
    }

    /// A stream of `data` (page content, CMap), compressed when that makes it smaller.
    fn stream(&mut self, data: Vec<u8>) -> Stream {
        if !self.compress {
            return Stream::new(Dictionary::new(), data);
        }
        flate(self.text.get_or_insert_with(libdeflater::Compressor::default), data)
    }

    /// A stream of a font program, compressed when that makes it smaller.
    fn font_program(&mut self, data: Vec<u8>) -> Stream {
        if !self.compress {
            return Stream::new(Dictionary::new(), data);
        }
        // Level 1 is valid; were it not, the default level would do.
        let level = libdeflater::CompressionLvl::new(1).unwrap_or_default();
        flate(self.fonts.get_or_insert_with(|| libdeflater::Compressor::new(level)), data)
    }
}

/// `data` as a FlateDecode stream, or as it is when compressing does not make it smaller.
fn flate(compressor: &mut libdeflater::Compressor, data: Vec<u8>) -> Stream {
    // libdeflate's bound for incompressible input, so one call makes the stream.
    let mut compressed = vec![0; compressor.zlib_compress_bound(data.len())];
    if let Ok(length) = compressor.zlib_compress(&data, &mut compressed)
        && length < data.len()
    {
        compressed.truncate(length);
        return Stream::new(Dictionary::from_iter([("Filter", Object::Name(b"FlateDecode".to_vec()))]), compressed);
    }
    Stream::new(Dictionary::new(), data)
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
                    x.is_finite() && baseline.is_finite() && run_ok(run) && color_ok(color)
                }
                PageItem::Watermark { origin, angle, run, color } => {
                    [origin.0, origin.1, *angle].iter().all(|v| v.is_finite()) && run_ok(run) && color_ok(color)
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

/// A glyph run whose position, size and glyph advances and offsets are all usable numbers.
fn run_ok(run: &GlyphRun) -> bool {
    run.x.is_finite()
        && run.size.is_finite()
        && run.size > 0.0
        && run.glyphs.iter().all(|g| g.x_advance.is_finite() && g.x_offset.is_finite() && g.y_offset.is_finite())
}

fn color_ok(c: &Color) -> bool {
    [c.r, c.g, c.b].iter().all(|v| (0.0..=1.0).contains(v))
}

/// 16 bytes identifying the document's content (PDF 32000 §14.4): a hash of the metadata, the
/// page sizes and content streams, and the embedded fonts.
fn document_id(
    doc: &Document<'_>,
    contents: &[Stream],
    used: &[UsedFont<'_>],
    font_streams: &[(Stream, Stream)],
) -> Vec<u8> {
    let m = &doc.metadata;
    let mut h = Fnv::new();
    for s in [&m.title, &m.author, &m.subject, &m.lang] {
        h.write(s.as_bytes());
        h.write(&[0]);
    }
    let d = m.created;
    h.write(&[u8::from(m.rtl), d.month, d.day, d.hour, d.minute, d.second]);
    h.write(&d.year.to_le_bytes());
    for (page, content) in doc.pages.iter().zip(contents) {
        h.write(&page.width.to_bits().to_le_bytes());
        h.write(&page.height.to_bits().to_le_bytes());
        h.write(&content.content);
    }
    for (font, (program, to_unicode)) in used.iter().zip(font_streams) {
        h.write(font.base_font.as_bytes());
        h.write(&program.content);
        h.write(&to_unicode.content);
    }
    let first = h.finish();
    let mut second = Fnv::with_seed(first);
    second.write(b"mizan-pdf document id");
    [first.to_be_bytes(), second.finish().to_be_bytes()].concat()
}
