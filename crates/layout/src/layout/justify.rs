//! Justifying a line to the measure: kashida first (tatweels inserted at the places `kashida`
//! ranks and chooses, only the words that get one re-shaped, a place dropped when the font
//! would draw a letter differently), then the spaces.

use std::ops::Range;

use super::items::{Item, words_in_visual_order};
use super::lines::Piece;
use super::{EPS, Engine, char_at};
use crate::kashida::{self, Place};
use crate::shape::{Inserted, ShapedGlyph, SourceChar, shape, source_chars};

impl Engine<'_> {
    /// Inserts tatweels into the Arabic pieces of a line to take up to `shortfall` points, and
    /// re-shapes them. Returns the number of tatweels kept.
    pub(super) fn add_kashida(&mut self, pieces: &mut [Piece], start: usize, end: usize, shortfall: f32) -> usize {
        let line_places: Vec<Place> = self
            .places
            .iter()
            .filter(|p| p.pos > start && p.pos < end)
            .filter(|p| {
                pieces.iter().any(|pc| self.items[pc.item].arabic && pc.range.start < p.pos && p.pos < pc.range.end)
            })
            .copied()
            .collect();
        if line_places.is_empty() {
            return 0;
        }
        // Tatweel width of the line's main Arabic face.
        let Some(first) = pieces.iter().find(|p| self.items[p.item].arabic) else { return 0 };
        let (face, size) = (self.items[first.item].face, self.items[first.item].size);
        let tatweel = self.advance_of(face, size, '\u{0640}');
        if tatweel <= 0.0 {
            return 0;
        }
        let mut line_places = line_places;
        let mut count = (shortfall / tatweel).floor() as usize;
        let measure = self.para.measure;
        loop {
            if count == 0 {
                return 0;
            }
            let chosen = kashida::choose(&line_places, count);
            let mut trial: Vec<Option<Vec<ShapedGlyph>>> = Vec::with_capacity(pieces.len());
            let mut placed = 0;
            for p in pieces.iter() {
                let item = &self.items[p.item];
                let here: Vec<(usize, usize)> =
                    chosen.iter().filter(|(pos, _)| p.range.start < *pos && *pos < p.range.end).copied().collect();
                if !item.arabic || here.is_empty() {
                    trial.push(None);
                    continue;
                }
                placed += here.iter().map(|(_, n)| n).sum::<usize>();
                let glyphs = self.shape_with_tatweels(item, p, &here);
                let mut glyphs_out = Vec::with_capacity(glyphs.len() + placed);
                for g in glyphs {
                    let repeat = if g.inserted == Some(Inserted::Tatweel) {
                        here.iter().find(|(pos, _)| *pos == g.pos as usize).map_or(1, |(_, n)| (*n).max(1))
                    } else {
                        1
                    };
                    glyphs_out.extend(std::iter::repeat_n(g, repeat));
                }
                trial.push(Some(glyphs_out));
            }
            // A tatweel must only lengthen the join: if the font draws any letter of the word
            // differently with it (contextual alternates, broken ligatures), that place is
            // dropped and the choice made again.
            let mut spoilt = Vec::new();
            for (pos, _) in &chosen {
                let word = word_around(self.text, *pos);
                let ids = |gs: &[ShapedGlyph]| -> Vec<u16> {
                    gs.iter()
                        .filter(|g| g.inserted.is_none() && word.contains(&(g.pos as usize)))
                        .map(|g| g.id)
                        .collect()
                };
                let changed =
                    pieces.iter().zip(&trial).any(|(p, t)| t.as_ref().is_some_and(|t| ids(t) != ids(&p.glyphs)));
                if changed {
                    spoilt.push(*pos);
                }
            }
            if !spoilt.is_empty() {
                line_places.retain(|p| !spoilt.contains(&p.pos));
                self.places.retain(|p| !spoilt.contains(&p.pos));
                if line_places.is_empty() {
                    return 0;
                }
                continue;
            }
            let width: f32 = pieces
                .iter()
                .zip(&trial)
                .map(|(p, t)| t.as_ref().unwrap_or(&p.glyphs).iter().map(|g| g.advance).sum::<f32>())
                .sum();
            // Re-shaping can change ligatures around the tatweels; if the line grew past the
            // measure, use one tatweel fewer.
            if width <= measure + EPS {
                for (p, t) in pieces.iter_mut().zip(trial) {
                    if let Some(g) = t {
                        p.kashidas = g.iter().filter(|g| g.inserted == Some(Inserted::Tatweel)).count();
                        p.glyphs = g;
                    }
                }
                return placed;
            }
            count -= 1;
        }
    }

    /// The glyphs of a piece with a tatweel inserted before each of the `places` (byte
    /// positions), in visual order. Only the words that get a tatweel are shaped again: the
    /// others keep their glyphs, as a space joins nothing (see `shape_by_words`). One tatweel
    /// per place is shaped; a longer stretch repeats its glyph. Fonts may substitute runs of
    /// tatweels with long kashida glyphs of their own (Amiri does), which copy-paste and
    /// checkers cannot tell from letters.
    fn shape_with_tatweels(&self, item: &Item, p: &Piece, places: &[(usize, usize)]) -> Vec<ShapedGlyph> {
        let Some(slice) = self.text.get(p.range.clone()) else { return Vec::new() };
        // A hyphen added at the end of the piece (not in Arabic runs, but a piece may carry one).
        let hyphen = p.glyphs.iter().find(|g| g.inserted == Some(Inserted::Hyphen)).map(|g| g.pos);
        let mut glyphs = Vec::with_capacity(p.glyphs.len() + places.len());
        for word in words_in_visual_order(slice, p.range.start, item.level % 2 == 1) {
            let last = word.end == p.range.end;
            if !places.iter().any(|(pos, _)| word.start < *pos && *pos < word.end) {
                glyphs.extend(
                    p.glyphs
                        .iter()
                        .filter(|g| word.contains(&(g.pos as usize)) || (last && g.inserted == Some(Inserted::Hyphen))),
                );
                continue;
            }
            let mut chars = Vec::with_capacity(word.len() + 4);
            for sc in source_chars(self.text, word.start, word.end) {
                if places.iter().any(|(pos, _)| *pos == sc.pos as usize) {
                    chars.push(SourceChar { c: '\u{0640}', pos: sc.pos, inserted: Some(Inserted::Tatweel) });
                }
                chars.push(sc);
            }
            if let Some(pos) = hyphen.filter(|_| last) {
                chars.push(SourceChar { c: '-', pos, inserted: Some(Inserted::Hyphen) });
            }
            let Some(mut req) = self.request(item, word.clone()) else { continue };
            // Inside the item a word's neighbours are spaces; at a line edge, nothing joins
            // across the break.
            if word.start > item.range.start {
                req.pre_context = "";
            }
            if word.end < item.range.end {
                req.post_context = "";
            }
            glyphs.extend(shape(&req, &chars));
        }
        glyphs
    }

    /// Spreads what the line lacks of the measure (or has beyond it) evenly over its spaces,
    /// stretching or shrinking them; returns the line's new width.
    pub(super) fn fit_spaces(&self, pieces: &mut [Piece], width: f32) -> f32 {
        let measure = self.para.measure;
        let spaces: Vec<(usize, usize)> = pieces
            .iter()
            .enumerate()
            .flat_map(|(pi, p)| p.glyphs.iter().enumerate().map(move |(gi, g)| (pi, gi, g)))
            .filter(|(_, _, g)| {
                g.inserted.is_none() && matches!(char_at(self.text, g.pos as usize), Some(' ' | '\u{00A0}'))
            })
            .map(|(pi, gi, _)| (pi, gi))
            .collect();
        let delta = measure - width;
        if spaces.is_empty() || (-EPS..=EPS).contains(&delta) {
            return width;
        }
        let each = delta / spaces.len() as f32;
        for (pi, gi) in spaces {
            if let Some(g) = pieces.get_mut(pi).and_then(|p| p.glyphs.get_mut(gi)) {
                g.advance = (g.advance + each).max(0.0);
            }
        }
        pieces.iter().flat_map(|p| &p.glyphs).map(|g| g.advance).sum()
    }
}

/// The word (between whitespace) around byte `pos`.
fn word_around(text: &str, pos: usize) -> Range<usize> {
    let start = text
        .get(..pos)
        .and_then(|s| s.char_indices().rev().find(|(_, c)| c.is_whitespace()))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text
        .get(pos..)
        .and_then(|s| s.char_indices().find(|(_, c)| c.is_whitespace()))
        .map_or(text.len(), |(i, _)| pos + i);
    start..end
}
