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

/// Subsetting never panics. A subset reads in another reader (read-fonts) as far as the
/// font did: each table read-fonts reads in the font reads in the subset, and so does
/// each drawn glyph's outline (a damaged glyph is copied as it is, and stays unreadable).
/// Subsetting the subset again with all its glyphs gives it back byte for byte.
pub fn subset_twice(data: &[u8]) {
    let (glyphs, font) = split(data);
    let Some(subset) = mizan_pdf::subset_truetype(font, &glyphs) else { return };
    let copy = FontRef::new(&subset).unwrap_or_else(|e| panic!("the subset of glyphs {glyphs:?} is not a font: {e}"));
    let original = FontRef::new(font).ok();
    for (table, check) in TABLES {
        if original.as_ref().is_none_or(|f| check(f).is_ok())
            && let Err(e) = check(&copy)
        {
            panic!("the subset of glyphs {glyphs:?} has a {table} table read-fonts cannot read: {e}");
        }
    }
    // New ids: .notdef, then the drawn glyphs in order, then composites' components.
    let drawn = std::iter::once(0).chain(glyphs.iter().copied().filter(|&g| g != 0));
    for (new, old) in drawn.enumerate() {
        let new = u16::try_from(new).unwrap_or(u16::MAX);
        if original.as_ref().is_none_or(|f| outline(f, old).is_ok())
            && let Err(e) = outline(&copy, new)
        {
            panic!("glyph {old} (now {new}) of the subset of {glyphs:?} cannot be read: {e}");
        }
    }
    let count = copy.maxp().map_or(0, |maxp| maxp.num_glyphs());
    let distinct = glyphs.len() + usize::from(glyphs.first() != Some(&0));
    assert!(usize::from(count) >= distinct, "the subset has {count} glyphs for {glyphs:?} and .notdef");
    let all: Vec<u16> = (1..count).collect();
    let again = mizan_pdf::subset_truetype(&subset, &all).expect("the subset cannot be subset again");
    assert!(again == subset, "subsetting the subset with all its glyphs changes it");
}

type TableCheck = fn(&FontRef<'_>) -> Result<(), read_fonts::ReadError>;

/// The tables the subset writes, each read by read-fonts.
const TABLES: [(&str, TableCheck); 4] = [
    ("head", |f| f.head().map(drop)),
    ("hhea", |f| f.hhea().map(drop)),
    ("hmtx", |f| f.hmtx().map(drop)),
    ("maxp", |f| f.maxp().map(drop)),
];

/// Reads glyph `gid`'s outline through `loca` and `glyf`.
fn outline(font: &FontRef<'_>, gid: u16) -> Result<(), read_fonts::ReadError> {
    font.loca(None)?.get_glyf(GlyphId::new(u32::from(gid)), &font.glyf()?).map(drop)
}
