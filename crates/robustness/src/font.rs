//! The PDF writer's TrueType subsetter on damaged fonts. An input is a glyph list and a
//! font: one byte `n`, then `n % 16` big-endian glyph ids, then the font's bytes.

use read_fonts::types::GlyphId;
use read_fonts::{FontRef, TableProvider};

/// The glyph list and font of a fuzz input.
pub fn split(data: &[u8]) -> (Vec<u16>, &[u8]) {
    let count = usize::from(data.first().copied().unwrap_or(0) % 16);
    let ids = data.get(1..1 + 2 * count).unwrap_or_default();
    let mut glyphs: Vec<u16> = ids.chunks_exact(2).map(|b| u16::from_be_bytes([b[0], b[1]])).collect();
    glyphs.sort_unstable();
    glyphs.dedup();
    (glyphs, data.get(1 + 2 * count..).unwrap_or_default())
}

/// Subsetting never panics; a subset is a font another reader (read-fonts) reads, with
/// every glyph's outline there, and subsetting it again with all its glyphs gives it back
/// byte for byte.
pub fn subset_twice(data: &[u8]) {
    let (glyphs, font) = split(data);
    let Some(subset) = mizan_pdf::subset_truetype(font, &glyphs) else { return };
    let count =
        readable_glyphs(&subset).unwrap_or_else(|e| panic!("the subset of glyphs {glyphs:?} is not a font: {e}"));
    let distinct = glyphs.len() + usize::from(glyphs.first() != Some(&0));
    assert!(usize::from(count) >= distinct, "the subset has {count} glyphs for {glyphs:?} and .notdef");
    let all: Vec<u16> = (1..count).collect();
    let again = mizan_pdf::subset_truetype(&subset, &all).expect("the subset cannot be subset again");
    assert!(again == subset, "subsetting the subset with all its glyphs changes it");
}

/// The number of glyphs of a font read by read-fonts, once each glyph's outline is found.
fn readable_glyphs(font: &[u8]) -> Result<u16, String> {
    let font = FontRef::new(font).map_err(|e| e.to_string())?;
    let count = font.maxp().map_err(|e| format!("maxp: {e}"))?.num_glyphs();
    let loca = font.loca(None).map_err(|e| format!("loca: {e}"))?;
    let glyf = font.glyf().map_err(|e| format!("glyf: {e}"))?;
    font.hmtx().map_err(|e| format!("hmtx: {e}"))?;
    for gid in 0..count {
        loca.get_glyf(GlyphId::new(u32::from(gid)), &glyf).map_err(|e| format!("glyph {gid}: {e}"))?;
    }
    Ok(count)
}
