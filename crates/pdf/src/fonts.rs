//! Embedded fonts: which glyphs each face uses, the subset programs, and the text each glyph
//! stands for in the ToUnicode map.
//!
//! A PDF font maps each glyph to one text in its ToUnicode CMap. Shaped text breaks that
//! assumption: a glyph may stand for different text in different places (a ligature, a mark
//! drawn in a cluster, a tatweel that stands for nothing). Each glyph therefore gets one
//! *canonical* text (what it most often stands for alone), and every cluster whose glyphs do not
//! spell its text through their canonical texts is wrapped in an ActualText span, which
//! extractors (poppler, MuPDF, Acrobat) use instead of the ToUnicode entries.

use std::collections::{BTreeMap, BTreeSet};

use mizan_layout::{FaceId, FontSet, GlyphRun};
use subsetter::GlyphRemapper;

use crate::PdfError;
use crate::model::{Page, PageItem};

/// One embedded font: the subset program and the old→new glyph id map.
pub(crate) struct EmbeddedFont {
    pub(crate) resource: String,
    pub(crate) base_font: String,
    pub(crate) program: Vec<u8>,
    remap: Option<GlyphRemapper>,
    /// Canonical text per original glyph id.
    pub(crate) canonical: BTreeMap<u16, String>,
}

impl EmbeddedFont {
    /// The glyph id to write in the content stream for an original glyph id.
    pub(crate) fn code(&self, gid: u16) -> u16 {
        match &self.remap {
            Some(r) => r.get(gid).unwrap_or(0),
            None => gid,
        }
    }
}

/// A cluster of a run: consecutive glyphs (visual order) standing for one piece of text.
///
/// A glyph standing for no text (a kashida tatweel) joins the cluster drawn before it, so the
/// stretched letter and its elongation extract as one letter: an empty span of its own would
/// leave a gap that extractors read as a word space.
pub(crate) fn clusters(run: &GlyphRun) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, g) in run.glyphs.iter().enumerate() {
        let same_text = |last: &std::ops::Range<usize>| run.glyphs.get(last.start).is_some_and(|h| h.text == g.text);
        let prev_empty =
            out.last().is_some_and(|last: &std::ops::Range<usize>| last.clone().all(|j| run.glyphs[j].text.is_empty()));
        match out.last_mut() {
            Some(last) if same_text(last) || g.text.is_empty() || prev_empty => last.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// The text of a cluster: that of its first glyph standing for text (a cluster of tatweels
/// only stands for nothing).
pub(crate) fn cluster_text<'r>(run: &'r GlyphRun, cluster: &std::ops::Range<usize>) -> &'r str {
    run.glyphs
        .get(cluster.clone())
        .and_then(|gs| gs.iter().find(|g| !g.text.is_empty()))
        .and_then(|g| run.text.get(g.text.clone()))
        .unwrap_or("")
}

/// Builds one embedded font per face used in `pages`.
pub(crate) fn embed(fonts: &FontSet, pages: &[Page], subset: bool) -> Result<BTreeMap<FaceId, EmbeddedFont>, PdfError> {
    // Glyphs used, and for each glyph the texts it stands for alone, with counts.
    let mut used: BTreeMap<FaceId, BTreeSet<u16>> = BTreeMap::new();
    let mut alone: BTreeMap<(FaceId, u16), BTreeMap<String, usize>> = BTreeMap::new();
    let mut first_seen: BTreeMap<(FaceId, u16), String> = BTreeMap::new();
    for (page_ix, page) in pages.iter().enumerate() {
        for item in &page.items {
            let Some(run) = item.run() else { continue };
            if fonts.face(run.face).is_none() {
                return Err(PdfError::UnknownFace { page: page_ix + 1, face: run.face.0 });
            }
            let set = used.entry(run.face).or_default();
            for cluster in clusters(run) {
                let text = cluster_text(run, &cluster);
                for g in &run.glyphs[cluster.clone()] {
                    set.insert(g.id);
                    if !text.is_empty() {
                        first_seen.entry((run.face, g.id)).or_insert_with(|| text.to_owned());
                    }
                }
                if cluster.len() == 1 && !text.is_empty() {
                    let g = &run.glyphs[cluster.start];
                    *alone.entry((run.face, g.id)).or_default().entry(text.to_owned()).or_default() += 1;
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    for (n, (face_id, glyphs)) in used.into_iter().enumerate() {
        let face = fonts.face(face_id).ok_or(PdfError::UnknownFace { page: 0, face: face_id.0 })?;
        let mut canonical = BTreeMap::new();
        for &gid in &glyphs {
            let text = alone
                .get(&(face_id, gid))
                // Most frequent text; ties go to the smallest string so output is stable.
                .and_then(|m| m.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(t, _)| t.clone()))
                .or_else(|| first_seen.get(&(face_id, gid)).cloned())
                // Only inserted tatweels stand for no text.
                .unwrap_or_else(|| "\u{0640}".to_owned());
            canonical.insert(gid, text);
        }
        let (program, remap) = if subset {
            let sorted: Vec<u16> = glyphs.iter().copied().collect();
            let remapper = GlyphRemapper::new_from_glyphs_sorted(&sorted);
            let program = subsetter::subset(face.data(), 0, &remapper)
                .map_err(|e| PdfError::Subset { font: face.name().to_owned(), reason: e.to_string() })?;
            (program, Some(remapper))
        } else {
            (face.data().to_vec(), None)
        };
        let base_font = if subset {
            format!("{}+{}", subset_tag(face.name(), &glyphs), face.name())
        } else {
            face.name().to_owned()
        };
        out.insert(face_id, EmbeddedFont { resource: format!("F{}", n + 1), base_font, program, remap, canonical });
    }
    Ok(out)
}

/// Six capital letters derived from the face and its glyph set (PDF 32000 §9.6.4): stable for
/// the same input, different for different subsets.
fn subset_tag(name: &str, glyphs: &BTreeSet<u16>) -> String {
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

/// The /W width, in em, to declare for each embedded glyph: the distance from its origin to the
/// next glyph's origin as drawn, taken as the median over the document.
///
/// Every glyph is placed by its own text position, so /W does not move anything on the page
/// (the content stream's kerns are computed against these same widths). What /W decides is the
/// box text extractors give each character. Shaped Arabic places many glyphs with offsets — a
/// yeh kerned away from a reh, marks drawn left of their base — and with the font's own advance
/// widths those boxes leave gaps or overlaps that extractors (poppler, MuPDF) read as word
/// breaks. Widths taken from the actual spacing make the boxes meet, so words come back whole.
pub(crate) fn extraction_widths(
    pages: &[Page],
    embedded: &BTreeMap<FaceId, EmbeddedFont>,
) -> BTreeMap<FaceId, BTreeMap<u16, f32>> {
    let mut samples: BTreeMap<(FaceId, u16), Vec<f32>> = BTreeMap::new();
    for page in pages {
        for item in &page.items {
            let PageItem::Glyphs { run, .. } = item else { continue };
            let Some(ef) = embedded.get(&run.face) else { continue };
            if run.size <= 0.0 {
                continue;
            }
            let mut pen = 0.0f32;
            let origins: Vec<f32> = run
                .glyphs
                .iter()
                .map(|g| {
                    let at = pen + g.x_offset;
                    pen += g.x_advance;
                    at
                })
                .collect();
            for (i, g) in run.glyphs.iter().enumerate() {
                if let Some(next) = origins.get(i + 1) {
                    samples.entry((run.face, ef.code(g.id))).or_default().push((next - origins[i]) / run.size);
                }
            }
        }
    }
    let mut out: BTreeMap<FaceId, BTreeMap<u16, f32>> = BTreeMap::new();
    for ((face, code), mut v) in samples {
        v.sort_by(f32::total_cmp);
        if let Some(w) = best_width(&v) {
            out.entry(face).or_default().insert(code, w.max(0.0));
        }
    }
    out
}

/// Extractors start a new word when the next glyph begins more than 0.1 em after a box ends or
/// overlaps it by more than 0.2 em (poppler's `minWordBreakSpace`, `minDupBreakOverlap`; MuPDF
/// is similar). A width `w` suits a spacing `s` when `s - 0.1 < w < s + 0.2`; the width chosen
/// suits the most spacings (a sliding window over the sorted samples), centred in its range.
fn best_width(sorted: &[f32]) -> Option<f32> {
    const GAP: f32 = 0.09;
    const OVERLAP: f32 = 0.19;
    let mut best: Option<(usize, f32)> = None;
    let mut lo = 0;
    for hi in 0..sorted.len() {
        while sorted[hi] - sorted[lo] > GAP + OVERLAP {
            lo += 1;
        }
        let count = hi - lo + 1;
        // Any width in [s_hi - GAP, s_lo + OVERLAP] suits samples lo..=hi.
        let w = ((sorted[hi] - GAP) + (sorted[lo] + OVERLAP)) / 2.0;
        if best.is_none_or(|(c, _)| count > c) {
            best = Some((count, w));
        }
    }
    best.map(|(_, w)| w)
}
