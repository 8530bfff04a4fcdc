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

/// Shapes `chars` (logical order) and returns glyphs in visual order of the run.
pub(crate) fn shape(req: &ShapeRequest<'_>, chars: &[SourceChar]) -> Vec<ShapedGlyph> {
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
    let scale = req.size / req.face.units_per_em();
    buffer
        .glyph_infos()
        .iter()
        .zip(buffer.glyph_positions())
        .filter_map(|(info, pos)| {
            let src = chars.get(info.cluster as usize)?;
            let flags = info.flags();
            Some(ShapedGlyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance as f32 * scale,
                x_offset: pos.x_offset as f32 * scale,
                y_offset: pos.y_offset as f32 * scale,
                pos: src.pos,
                inserted: src.inserted,
                unsafe_to_break: flags.is_unsafe_to_break(),
                tatweel_ok: flags.is_safe_to_insert_tatweel(),
            })
        })
        .collect()
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
