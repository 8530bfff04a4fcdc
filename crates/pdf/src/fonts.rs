//! Embedded fonts: which glyphs each face uses, the text each glyph stands for in the ToUnicode
//! map, the /W widths, and the font objects (subset program, CMap, descriptor).
//!
//! A PDF font maps each glyph to one text in its ToUnicode CMap. Shaped text breaks that
//! assumption: a glyph may stand for different text in different places (a ligature, a mark
//! drawn in a cluster, a tatweel that stands for nothing). Each glyph therefore gets one
//! *canonical* text (what it most often stands for alone), and every cluster whose glyphs do not
//! spell its text through their canonical texts is wrapped in an ActualText span, which
//! extractors (poppler, MuPDF, Acrobat) use instead of the ToUnicode entries.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use mizan_layout::{Face, FaceId, FontSet, GlyphRun};
use read_fonts::types::GlyphId;
use read_fonts::{FontRef, TableProvider};
use subsetter::GlyphRemapper;

use crate::PdfError;
use crate::model::{Page, PageItem};

/// What the content streams need to know about one glyph of an embedded font.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GlyphInfo<'d> {
    /// The code written in the content stream (the subset's glyph id under Identity-H).
    pub(crate) code: u16,
    /// The /W width, in thousandths of an em: where the viewer moves the pen after the glyph.
    pub(crate) width: i32,
    /// The text the ToUnicode map gives for the glyph.
    pub(crate) text: &'d str,
}

/// One face as the document uses it.
pub(crate) struct UsedFont<'d> {
    pub(crate) face_id: FaceId,
    /// Resource name in the pages' font dictionary (`F1`, `F2`…).
    pub(crate) resource: String,
    /// /BaseFont: the PostScript name, with a subset tag when subset.
    pub(crate) base_font: String,
    /// Used glyph ids of the face, ascending.
    glyphs: Vec<u16>,
    /// What the content streams need for each glyph of `glyphs`.
    info: Vec<GlyphInfo<'d>>,
    /// Indexed by glyph id: the glyph's index in `glyphs`, or [`NONE`].
    slots: Vec<u32>,
    remap: Option<GlyphRemapper>,
}

/// No glyph in this slot.
const NONE: u32 = u32::MAX;

/// Where each glyph id's entry is in a list of glyphs, for lookups by id without a hash or a
/// table of every glyph of the font.
fn slot(slots: &[u32], gid: u16) -> Option<usize> {
    slots.get(usize::from(gid)).filter(|&&i| i != NONE).map(|&i| i as usize)
}

impl<'d> UsedFont<'d> {
    /// Each drawn glyph's code and /W width.
    #[cfg(test)]
    pub(crate) fn codes(&self) -> impl Iterator<Item = (u16, i32)> + '_ {
        self.info.iter().map(|i| (i.code, i.width))
    }

    /// How many glyphs the document draws with this face.
    pub(crate) fn glyph_count(&self) -> usize {
        self.glyphs.len()
    }

    /// What the content stream needs for an original glyph id (every drawn glyph has it).
    pub(crate) fn glyph(&self, gid: u16) -> Option<GlyphInfo<'d>> {
        slot(&self.slots, gid).and_then(|i| self.info.get(i)).copied()
    }
}

/// A cluster of a run: consecutive glyphs (visual order) standing for one piece of text.
///
/// A glyph standing for no text (a kashida tatweel) joins the cluster drawn before it, so the
/// stretched letter and its elongation extract as one letter: an empty span of its own would
/// leave a gap that extractors read as a word space.
pub(crate) fn clusters(run: &GlyphRun) -> impl Iterator<Item = Range<usize>> + '_ {
    let glyphs = &run.glyphs;
    let mut start = 0;
    std::iter::from_fn(move || {
        let first = glyphs.get(start)?;
        let mut all_empty = first.text.is_empty();
        let mut end = start + 1;
        while let Some(g) = glyphs.get(end) {
            if !(g.text == first.text || g.text.is_empty() || all_empty) {
                break;
            }
            all_empty &= g.text.is_empty();
            end += 1;
        }
        let cluster = start..end;
        start = end;
        Some(cluster)
    })
}

/// The text of a cluster: that of its first glyph standing for text (a cluster of tatweels
/// only stands for nothing).
pub(crate) fn cluster_text<'r>(run: &'r GlyphRun, cluster: &Range<usize>) -> &'r str {
    run.glyphs
        .get(cluster.clone())
        .and_then(|gs| gs.iter().find(|g| !g.text.is_empty()))
        .and_then(|g| run.text.get(g.text.clone()))
        .unwrap_or("")
}

/// What the pages tell about the glyphs of one face.
#[derive(Default)]
struct FaceStats<'d> {
    /// Indexed by glyph id: the glyph's index in `glyphs`, or [`NONE`].
    slots: Vec<u32>,
    glyphs: Vec<(u16, GlyphStats<'d>)>,
}

impl<'d> FaceStats<'d> {
    fn glyph(&mut self, gid: u16) -> &mut GlyphStats<'d> {
        let at = usize::from(gid);
        if self.slots.len() <= at {
            self.slots.resize(at + 1, NONE);
        }
        if self.slots[at] == NONE {
            self.slots[at] = self.glyphs.len() as u32;
            self.glyphs.push((gid, GlyphStats::default()));
        }
        &mut self.glyphs[self.slots[at] as usize].1
    }
}

/// What the pages tell about one glyph.
#[derive(Default)]
struct GlyphStats<'d> {
    /// Texts the glyph stands for alone (one-glyph clusters), with counts.
    alone: Vec<(&'d str, u32)>,
    /// The first text the glyph was seen in, for glyphs never alone.
    first: Option<&'d str>,
    /// Distances from this glyph's origin to the next one's, in em, as drawn.
    spacings: Vec<f32>,
}

/// Finds every face, glyph, canonical text and /W width the pages use, and the codes the
/// content streams will write (subset glyph ids when `subset`). Fonts get resource names in
/// face order.
pub(crate) fn plan<'d>(fonts: &FontSet, pages: &'d [Page], subset: bool) -> Result<Vec<UsedFont<'d>>, PdfError> {
    let mut stats: BTreeMap<FaceId, FaceStats<'d>> = BTreeMap::new();
    for (page_ix, page) in pages.iter().enumerate() {
        for item in &page.items {
            let Some(run) = item.run() else { continue };
            if fonts.face(run.face).is_none() {
                return Err(PdfError::UnknownFace { page: page_ix + 1, face: run.face.0 });
            }
            let table = stats.entry(run.face).or_default();
            for cluster in clusters(run) {
                let text = cluster_text(run, &cluster);
                let alone = cluster.len() == 1;
                for g in &run.glyphs[cluster] {
                    let s = table.glyph(g.id);
                    if text.is_empty() {
                        continue;
                    }
                    s.first.get_or_insert(text);
                    if alone {
                        match s.alone.iter_mut().find(|(t, _)| *t == text) {
                            Some((_, n)) => *n += 1,
                            None => s.alone.push((text, 1)),
                        }
                    }
                }
            }
            // Extraction widths come from body text, not from a turned watermark.
            if let PageItem::Glyphs { run, .. } = item
                && run.size > 0.0
            {
                let mut origin = 0.0f32;
                for pair in run.glyphs.windows(2) {
                    let (g, next) = (&pair[0], &pair[1]);
                    let at = origin + g.x_offset;
                    origin += g.x_advance;
                    table.glyph(g.id).spacings.push((origin + next.x_offset - at) / run.size);
                }
            }
        }
    }
    let mut out = Vec::with_capacity(stats.len());
    for (n, (face_id, mut table)) in stats.into_iter().enumerate() {
        let face = fonts.face(face_id).ok_or(PdfError::UnknownFace { page: 0, face: face_id.0 })?;
        let advances = Advances::new(face);
        table.glyphs.sort_unstable_by_key(|(gid, _)| *gid);
        let glyphs: Vec<u16> = table.glyphs.iter().map(|(gid, _)| *gid).collect();
        let mut slots = table.slots;
        for (i, &gid) in glyphs.iter().enumerate() {
            slots[usize::from(gid)] = i as u32;
        }
        let remap = subset.then(|| GlyphRemapper::new_from_glyphs_sorted(&glyphs));
        let mut info = Vec::with_capacity(glyphs.len());
        for (gid, mut s) in table.glyphs {
            // Most frequent text alone; ties go to the smallest string so output is stable.
            let text = s
                .alone
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                .map(|(t, _)| *t)
                .or(s.first)
                // Only inserted tatweels stand for no text.
                .unwrap_or("\u{0640}");
            s.spacings.sort_by(f32::total_cmp);
            let width = match best_width(&s.spacings) {
                Some(em) => (em.max(0.0) * 1000.0).round() as i32,
                None => advances.thousandths(gid),
            };
            let code = remap.as_ref().map_or(Some(gid), |r| r.get(gid)).unwrap_or(0);
            info.push(GlyphInfo { code, width, text });
        }
        let base_font = if subset {
            format!("{}+{}", subset_tag(face.name(), &glyphs), face.name())
        } else {
            face.name().to_owned()
        };
        out.push(UsedFont { face_id, resource: format!("F{}", n + 1), base_font, glyphs, info, slots, remap });
    }
    Ok(out)
}

/// The font program to embed: the subset (or the whole font when not subsetting), without the
/// glyph names and naming table a PDF viewer never reads. TrueType fonts are subset here
/// (`subset.rs`); another kind of font goes through `subsetter`.
pub(crate) fn program(font: &UsedFont<'_>, face: &Face) -> Result<Vec<u8>, PdfError> {
    match &font.remap {
        Some(remap) => match crate::subset::truetype(face.data(), &font.glyphs) {
            Some(program) => Ok(program),
            None => subsetter::subset(face.data(), 0, remap)
                .map(|program| slim(&program).unwrap_or(program))
                .map_err(|e| PdfError::Subset { font: face.name().to_owned(), reason: e.to_string() }),
        },
        None => Ok(face.data().to_vec()),
    }
}

/// A TrueType program without its `name` table and with a version 3 `post` table (no glyph
/// names): a PDF font is named by its dictionary and its glyphs by their ids, and in a subset
/// of an Arabic font the names are a fifth of the bytes. `None` when `sfnt` is not a TrueType
/// font this can read (the program is then embedded as it is).
pub(crate) fn slim(sfnt: &[u8]) -> Option<Vec<u8>> {
    let u16_at = |at: usize| sfnt.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let u32_at = |at: usize| sfnt.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    if u32_at(0)? != 0x0001_0000 {
        return None;
    }
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::new();
    for i in 0..usize::from(u16_at(4)?) {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = sfnt.get(record..record + 4)?.try_into().ok()?;
        let offset = usize::try_from(u32_at(record + 8)?).ok()?;
        let length = usize::try_from(u32_at(record + 12)?).ok()?;
        let data = sfnt.get(offset..offset.checked_add(length)?)?;
        match &tag {
            b"name" => {}
            b"post" => tables.push((tag, data.get(..32)?)),
            _ => tables.push((tag, data)),
        }
    }
    let count = u16::try_from(tables.len()).ok()?;
    let mut out = Vec::with_capacity(sfnt.len());
    crate::subset::sfnt_header(&mut out, count);
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &tables {
        let checksum = if tag == b"post" { checksum(&post_v3(data)) } else { checksum(data) };
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum.to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (tag, data) in &tables {
        if tag == b"head" {
            head_at = Some(out.len());
        }
        if tag == b"post" {
            out.extend_from_slice(&post_v3(data));
        } else {
            out.extend_from_slice(data);
        }
        out.resize(out.len().next_multiple_of(4), 0);
    }
    // head.checkSumAdjustment makes the whole font sum to 0xB1B0AFBA.
    let adjustment = head_at.map(|at| at + 8).filter(|&at| at + 4 <= out.len());
    if let Some(at) = adjustment {
        out[at..at + 4].fill(0);
        let value = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at..at + 4].copy_from_slice(&value.to_be_bytes());
    }
    Some(out)
}

/// A `post` table header with version 3.0: the same metrics, no glyph names.
fn post_v3(header: &[u8]) -> Vec<u8> {
    let mut post = header.to_vec();
    post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    post
}

/// The OpenType table checksum: the sum of big-endian 32-bit words, zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// Horizontal advances from the face's `hmtx`, for glyphs whose /W no drawn spacing decides.
struct Advances<'f> {
    font: Option<FontRef<'f>>,
    per_em: f32,
}

impl<'f> Advances<'f> {
    fn new(face: &'f Face) -> Self {
        Advances { font: FontRef::new(face.data()).ok(), per_em: 1000.0 / face.units_per_em() }
    }

    fn thousandths(&self, gid: u16) -> i32 {
        let advance = self
            .font
            .as_ref()
            .and_then(|f| f.hmtx().ok())
            .and_then(|hmtx| hmtx.advance(GlyphId::new(u32::from(gid))))
            .unwrap_or(0);
        (f32::from(advance) * self.per_em).round() as i32
    }
}

/// Six capital letters derived from the face and its glyph set (PDF 32000 §9.6.4): stable for
/// the same input, different for different subsets.
fn subset_tag(name: &str, glyphs: &[u16]) -> String {
    let mut h = crate::hash::Fnv::new();
    h.write(name.as_bytes());
    for g in glyphs {
        h.write(&g.to_le_bytes());
    }
    let mut v = h.finish();
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (v % 26) as u8);
            v /= 26;
            c
        })
        .collect()
}

/// Picks the /W width, in em, of a glyph from the distances (sorted) between its origin and the
/// next glyph's origin as drawn.
///
/// Every glyph is placed by its own text position, so /W does not move anything on the page
/// (the content stream's kerns are computed against these same widths). What /W decides is the
/// box text extractors give each character. Shaped Arabic places many glyphs with offsets — a
/// yeh kerned away from a reh, marks drawn left of their base — and with the font's own advance
/// widths those boxes leave gaps or overlaps that extractors (poppler, MuPDF) read as word
/// breaks. Widths taken from the actual spacing make the boxes meet, so words come back whole.
///
/// Extractors start a new word when the next glyph begins more than 0.1 em after a box ends or
/// overlaps it by more than 0.2 em (poppler's `minWordBreakSpace`, `minDupBreakOverlap`; MuPDF
/// is similar). A width `w` suits a spacing `s` when `s - 0.1 < w < s + 0.2`; the width chosen
/// suits the most spacings (a sliding window over the sorted samples). Within the range that
/// suits them, it is the one nearest the window's median spacing: most glyphs are then drawn
/// exactly where /W puts them and need no kern in the content stream.
fn best_width(sorted: &[f32]) -> Option<f32> {
    const GAP: f32 = 0.09;
    const OVERLAP: f32 = 0.19;
    let mut best: Option<(usize, usize)> = None;
    let mut lo = 0;
    for hi in 0..sorted.len() {
        while sorted[hi] - sorted[lo] > GAP + OVERLAP {
            lo += 1;
        }
        if best.is_none_or(|(l, h)| hi - lo > h - l) {
            best = Some((lo, hi));
        }
    }
    let (lo, hi) = best?;
    // Any width in [s_hi - GAP, s_lo + OVERLAP] suits samples lo..=hi.
    let (min, max) = (sorted[hi] - GAP, sorted[lo] + OVERLAP);
    Some(sorted[lo + (hi - lo) / 2].clamp(min, max))
}

/// The ToUnicode CMap of a font: one `bfchar` entry per glyph code, its canonical text in
/// UTF-16BE.
pub(crate) fn to_unicode(font: &UsedFont<'_>) -> Vec<u8> {
    let mut entries: Vec<(u16, &str)> = font.info.iter().map(|i| (i.code, i.text)).collect();
    entries.sort_unstable_by_key(|e| e.0);
    let mut cmap = String::with_capacity(400 + entries.len() * 20);
    cmap.push_str(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // At most 100 entries per block (PDF 32000 §9.10.3 via the CMap specification).
    for chunk in entries.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for (code, text) in chunk {
            let _ = write!(cmap, "<{code:04X}> <");
            for unit in text.encode_utf16() {
                let _ = write!(cmap, "{unit:04X}");
            }
            cmap.push_str(">\n");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap.into_bytes()
}

/// The /W array: `first [w1 w2 …]` for each stretch of consecutive codes.
fn widths(font: &UsedFont<'_>) -> Vec<Object> {
    let mut coded: Vec<(u16, i32)> = font.info.iter().map(|i| (i.code, i.width)).collect();
    coded.sort_unstable_by_key(|e| e.0);
    let mut out = Vec::new();
    let mut group: Vec<Object> = Vec::new();
    let mut next = None;
    for (code, width) in coded {
        if next != Some(code) {
            if !group.is_empty() {
                out.push(Object::Array(std::mem::take(&mut group)));
            }
            out.push(Object::Integer(i64::from(code)));
        }
        group.push(Object::Integer(i64::from(width)));
        next = code.checked_add(1);
    }
    if !group.is_empty() {
        out.push(Object::Array(group));
    }
    out
}

/// The font descriptor (PDF 32000 §9.8), metrics in thousandths of an em.
fn descriptor(face: &Face, base_font: &str, program: ObjectId) -> Dictionary {
    let scale = 1000.0 / face.units_per_em();
    let em = |v: f32| Object::Integer((v * scale).round() as i64);
    let font = FontRef::new(face.data()).ok();
    let head = font.as_ref().and_then(|f| f.head().ok());
    let hhea = font.as_ref().and_then(|f| f.hhea().ok());
    let os2 = font.as_ref().and_then(|f| f.os2().ok());
    let ascent = hhea.as_ref().map_or(0.0, |h| f32::from(h.ascender().to_i16()));
    let descent = hhea.as_ref().map_or(0.0, |h| f32::from(h.descender().to_i16()));
    let cap_height = os2.as_ref().and_then(|o| o.s_cap_height()).map_or(ascent, f32::from);
    let bbox = head.as_ref().map_or([0; 4], |h| [h.x_min(), h.y_min(), h.x_max(), h.y_max()]);
    // The slant in degrees, counter-clockwise from vertical (an italic's is negative), from the
    // caret slope.
    let italic_angle = hhea.as_ref().map_or(0, |h| {
        if h.caret_slope_rise() == 0 {
            0
        } else {
            (-f32::from(h.caret_slope_run()).atan2(f32::from(h.caret_slope_rise())).to_degrees()).round() as i64
        }
    });
    const NONSYMBOLIC: i64 = 1 << 5;
    const ITALIC: i64 = 1 << 6;
    let flags = NONSYMBOLIC | if italic_angle != 0 { ITALIC } else { 0 };
    // No table holds the stem width: the usual estimate from the weight class.
    let stem_v = os2.as_ref().map_or(80, |o| 50 + (f32::from(o.us_weight_class()) / 65.0).powi(2).round() as i64);
    Dictionary::from_iter([
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", Object::Name(base_font.as_bytes().to_vec())),
        ("Flags", Object::Integer(flags)),
        ("FontBBox", Object::Array(bbox.iter().map(|&v| em(f32::from(v))).collect())),
        ("ItalicAngle", Object::Integer(italic_angle)),
        ("Ascent", em(ascent)),
        ("Descent", em(descent)),
        ("CapHeight", em(cap_height)),
        ("StemV", Object::Integer(stem_v)),
        ("FontFile2", Object::Reference(program)),
    ])
}

/// Adds a font's objects to `doc`: the program and ToUnicode streams (as given, compressed or
/// not), the descriptor, and the Type0 font (Identity-H over a CIDFontType2), whose id it
/// returns.
pub(crate) fn add_font(
    doc: &mut lopdf::Document,
    font: &UsedFont<'_>,
    face: &Face,
    program: Stream,
    to_unicode: Stream,
) -> ObjectId {
    let program = doc.add_object(program);
    let descriptor = doc.add_object(descriptor(face, &font.base_font, program));
    let to_unicode = doc.add_object(to_unicode);
    let name = || Object::Name(font.base_font.as_bytes().to_vec());
    let system_info = Dictionary::from_iter([
        ("Registry", Object::String(b"Adobe".to_vec(), StringFormat::Literal)),
        ("Ordering", Object::String(b"Identity".to_vec(), StringFormat::Literal)),
        ("Supplement", Object::Integer(0)),
    ]);
    let descendant = Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"CIDFontType2".to_vec())),
        ("BaseFont", name()),
        ("CIDSystemInfo", Object::Dictionary(system_info)),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("DW", Object::Integer(1000)),
        ("W", Object::Array(widths(font))),
        ("CIDToGIDMap", Object::Name(b"Identity".to_vec())),
    ]);
    doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type0".to_vec())),
        ("BaseFont", name()),
        ("Encoding", Object::Name(b"Identity-H".to_vec())),
        ("DescendantFonts", Object::Array(vec![Object::Dictionary(descendant)])),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]))
}

#[cfg(test)]
mod tests {
    use mizan_layout::{FontSet, ScriptFamily, Weight};
    use read_fonts::{FontRef, TableProvider};
    use subsetter::GlyphRemapper;

    use super::{best_width, checksum, slim};

    #[test]
    fn a_slim_program_keeps_the_outlines_and_drops_the_names() {
        let fonts = FontSet::bundled();
        let face = fonts.face(fonts.select(ScriptFamily::Arabic, Weight::Regular, false).unwrap()).unwrap();
        let subset =
            subsetter::subset(face.data(), 0, &GlyphRemapper::new_from_glyphs_sorted(&[3, 40, 41, 300])).unwrap();
        let slimmed = slim(&subset).expect("a TrueType subset");
        assert!(slimmed.len() < subset.len());
        let (before, after) = (FontRef::new(&subset).unwrap(), FontRef::new(&slimmed).unwrap());
        assert!(after.table_data(read_fonts::types::Tag::new(b"name")).is_none());
        assert_eq!(after.post().unwrap().version(), read_fonts::types::Version16Dot16::VERSION_3_0);
        for tag in [b"glyf", b"loca", b"hmtx", b"hhea", b"maxp"] {
            let tag = read_fonts::types::Tag::new(tag);
            assert_eq!(before.table_data(tag).unwrap().as_bytes(), after.table_data(tag).unwrap().as_bytes());
        }
        assert_eq!(after.maxp().unwrap().num_glyphs(), before.maxp().unwrap().num_glyphs());
        assert_eq!(checksum(&slimmed), 0xB1B0_AFBA, "head.checkSumAdjustment");
        // Not TrueType: left alone.
        assert_eq!(slim(b"OTTO\0\0\0\0"), None);
    }

    #[test]
    fn the_width_suits_the_most_spacings_and_sits_on_the_typical_one() {
        // One spacing: drawn exactly there.
        assert_eq!(best_width(&[0.5]), Some(0.5));
        // A cluster of equal spacings and an outlier far away: the cluster wins, exactly.
        assert_eq!(best_width(&[0.3, 0.3, 0.3, 0.9]), Some(0.3));
        // Spread spacings: the width stays in the range that suits them all.
        let w = best_width(&[0.2, 0.25, 0.45]).unwrap();
        assert!(w > 0.45 - 0.1 && w < 0.2 + 0.2, "{w}");
        assert_eq!(best_width(&[]), None);
    }
}
