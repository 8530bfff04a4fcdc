//! Shaping one run (one face, one direction) with harfrust.

use harfrust::{Buffer, BufferFlags, Language, Script, ShapeOptions, ShaperFont};

use crate::font::Face;

/// A character the engine added to the text for display only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inserted {
    /// Tatweel (U+0640) inserted for kashida justification.
    Tatweel,
    /// Hyphen added at a hyphenation break.
    Hyphen,
}

/// One character handed to the shaper, with where it comes from in the paragraph text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SourceChar {
    pub(crate) c: char,
    /// Byte offset in the paragraph text (for inserted characters: where they were inserted).
    pub(crate) pos: u32,
    pub(crate) inserted: Option<Inserted>,
}

/// A shaped glyph, in points, in the shaper's output order (visual order of its run).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ShapedGlyph {
    pub(crate) id: u16,
    pub(crate) advance: f32,
    pub(crate) x_offset: f32,
    pub(crate) y_offset: f32,
    /// Byte offset of the cluster's first character in the paragraph text.
    pub(crate) pos: u32,
    /// Set when the cluster is a character the engine inserted.
    pub(crate) inserted: Option<Inserted>,
    /// Breaking the text at the start of this cluster changes the shaping on either side.
    pub(crate) unsafe_to_break: bool,
    /// A tatweel may be inserted before this cluster without breaking the shaping.
    pub(crate) tatweel_ok: bool,
}

/// What one shaping call needs besides the characters.
pub(crate) struct ShapeRequest<'a> {
    pub(crate) face: &'a Face,
    pub(crate) size: f32,
    pub(crate) rtl: bool,
    pub(crate) arabic: bool,
    pub(crate) lang: &'a str,
    /// Text just before and after the run, so joining forms at its edges come out right.
    pub(crate) pre_context: &'a str,
    pub(crate) post_context: &'a str,
    pub(crate) start_of_text: bool,
    pub(crate) end_of_text: bool,
}

/// A glyph as the shaper gave it, in font units, with its cluster as an index into the
/// characters shaped: what the word cache keeps, independent of size and text position.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnitGlyph {
    id: u16,
    advance: i32,
    x_offset: i32,
    y_offset: i32,
    cluster: u32,
    unsafe_to_break: bool,
    tatweel_ok: bool,
}

/// What makes two shaping calls give the same glyphs: everything a [`ShapeRequest`] holds
/// but the face (each face keeps its own cache) and the size (results are in font units).
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct WordKey {
    text: String,
    rtl: bool,
    arabic: bool,
    lang: String,
    pre_context: String,
    post_context: String,
    start_of_text: bool,
    end_of_text: bool,
}

/// Shapes `chars` (logical order) and returns glyphs in visual order of the run.
pub(crate) fn shape(req: &ShapeRequest<'_>, chars: &[SourceChar]) -> Vec<ShapedGlyph> {
    to_points(req, chars, &shape_units(req, chars))
}

/// The cache key of a word shaped with `req`.
pub(crate) fn word_key(req: &ShapeRequest<'_>, chars: &[SourceChar]) -> WordKey {
    WordKey {
        text: chars.iter().map(|c| c.c).collect(),
        rtl: req.rtl,
        arabic: req.arabic,
        lang: req.lang.to_owned(),
        pre_context: req.pre_context.to_owned(),
        post_context: req.post_context.to_owned(),
        start_of_text: req.start_of_text,
        end_of_text: req.end_of_text,
    }
}

/// Scales glyphs to the request's size and ties them to the characters' paragraph offsets.
pub(crate) fn to_points(req: &ShapeRequest<'_>, chars: &[SourceChar], units: &[UnitGlyph]) -> Vec<ShapedGlyph> {
    let scale = req.size / req.face.units_per_em();
    units
        .iter()
        .filter_map(|u| {
            let src = chars.get(u.cluster as usize)?;
            // Bidi controls have done their work in the bidi step; the shaper hides them as
            // empty glyphs, which would carry the control into the PDF's text layer.
            if is_bidi_control(src.c) {
                return None;
            }
            Some(ShapedGlyph {
                id: u.id,
                advance: u.advance as f32 * scale,
                x_offset: u.x_offset as f32 * scale,
                y_offset: u.y_offset as f32 * scale,
                pos: src.pos,
                inserted: src.inserted,
                unsafe_to_break: u.unsafe_to_break,
                tatweel_ok: u.tatweel_ok,
            })
        })
        .collect()
}

/// The harfrust call: glyphs in visual order, in font units.
pub(crate) fn shape_units(req: &ShapeRequest<'_>, chars: &[SourceChar]) -> Vec<UnitGlyph> {
    if chars.is_empty() {
        return Vec::new();
    }
    let script = if req.arabic { Script::ARABIC } else { Script::LATIN };
    // Arabic is shaped with the font's default language system: MSA is what fonts design it
    // for, while `ARA`-specific lookups (Amiri's stacked dots in teh–teh clusters) are stylistic
    // choices that other engines and readers do not make by default.
    let language = if req.arabic { None } else { Language::new(req.lang) };
    let plan = req.face.plan(req.rtl, script, language.as_ref());
    let mut buffer = Buffer::new();
    buffer.reserve(chars.len());
    for (i, sc) in chars.iter().enumerate() {
        // Clusters are indices into `chars`, so inserted characters keep their own identity.
        buffer.push(sc.c as u32, i as u32);
    }
    buffer.set_pre_context(req.pre_context);
    buffer.set_post_context(req.post_context);
    buffer.set_direction(if req.rtl { harfrust::Direction::RightToLeft } else { harfrust::Direction::LeftToRight });
    buffer.set_script(Some(script));
    buffer.set_language(language);
    let mut flags = BufferFlags::empty();
    if req.start_of_text {
        flags |= BufferFlags::BEGINNING_OF_TEXT;
    }
    if req.end_of_text {
        flags |= BufferFlags::END_OF_TEXT;
    }
    if req.arabic {
        flags |= BufferFlags::PRODUCE_SAFE_TO_INSERT_TATWEEL;
    }
    buffer.set_flags(flags);
    // Marks keep clusters of their own (unless the font ligates them), so each glyph maps to
    // one character and the PDF text layer needs no multi-character spans for them.
    buffer.set_cluster_level(harfrust::ClusterLevel::MonotoneCharacters);
    let shaper = ShaperFont::new(req.face.font());
    // Shaping fails only on a plan/buffer mismatch, which cannot happen with a plan built from
    // the same properties; an empty result would show as missing text, never as a panic.
    if harfrust::shape(&shaper, &mut buffer, ShapeOptions::new().plan(Some(&plan))).is_err() {
        return Vec::new();
    }
    buffer
        .glyph_infos()
        .iter()
        .zip(buffer.glyph_positions())
        .map(|(info, pos)| {
            let flags = info.flags();
            UnitGlyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance,
                x_offset: pos.x_offset,
                y_offset: pos.y_offset,
                cluster: info.cluster,
                unsafe_to_break: flags.is_unsafe_to_break(),
                tatweel_ok: flags.is_safe_to_insert_tatweel(),
            }
        })
        .collect()
}

/// Explicit bidi formatting characters (UAX #9 §2): marks, embeddings, overrides, isolates.
/// They have no ink and stand for no text a reader would copy.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The characters of `text[range]` as shaper input, with their paragraph offsets.
pub(crate) fn source_chars(text: &str, start: usize, end: usize) -> Vec<SourceChar> {
    text.get(start..end)
        .unwrap_or("")
        .char_indices()
        .map(|(i, c)| SourceChar { c, pos: (start + i) as u32, inserted: None })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::{FontSet, ScriptFamily, Weight};

    fn request<'a>(face: &'a Face, rtl: bool, arabic: bool) -> ShapeRequest<'a> {
        ShapeRequest {
            face,
            size: 10.0,
            rtl,
            arabic,
            lang: if arabic { "ar" } else { "fr" },
            pre_context: "",
            post_context: "",
            start_of_text: true,
            end_of_text: true,
        }
    }

    #[test]
    fn arabic_is_joined_and_reported_in_visual_order() {
        let set = FontSet::bundled();
        let face = set.face(set.select(ScriptFamily::Arabic, Weight::Regular, false).unwrap()).unwrap();
        let text = "سلام";
        let glyphs = shape(&request(face, true, true), &source_chars(text, 0, text.len()));
        assert!(!glyphs.is_empty());
        // Visual order of an RTL run: the last letter comes first.
        assert!(glyphs.first().unwrap().pos > glyphs.last().unwrap().pos);
        // Contextual forms: the initial seen is not the isolated seen glyph.
        let isolated = shape(&request(face, true, true), &source_chars("س", 0, "س".len()));
        let seen_in_word = glyphs.iter().find(|g| g.pos == 0).unwrap();
        assert_ne!(seen_in_word.id, isolated[0].id);
        // Amiri marks safe kashida joins.
        assert!(glyphs.iter().any(|g| g.tatweel_ok));
    }

    #[test]
    fn latin_ligature_is_one_cluster() {
        let set = FontSet::bundled();
        let face = set.face(set.select(ScriptFamily::Latin, Weight::Regular, false).unwrap()).unwrap();
        let text = "affiche";
        let glyphs = shape(&request(face, false, false), &source_chars(text, 0, text.len()));
        assert!(glyphs.len() <= text.len());
        assert!(glyphs.windows(2).all(|w| w[0].pos <= w[1].pos), "LTR clusters ascend");
        let width: f32 = glyphs.iter().map(|g| g.advance).sum();
        assert!(width > 20.0 && width < 50.0, "{width}");
    }
}
