//! A line's glyphs in visual order: UAX #9 L1–L2 over the line, each level run's pieces as
//! glyph runs that keep the text they stand for (bidi controls left out of every glyph's
//! range), logically adjacent runs of one face merged.

use std::ops::Range;

use super::lines::Piece;
use super::{Engine, GlyphRun, PositionedGlyph};
use crate::font::FaceId;
use crate::shape::{Inserted, ShapedGlyph, is_bidi_control};

impl Engine<'_> {
    /// Orders the line's pieces visually (UAX #9 L1–L2 over the line) into glyph runs.
    pub(super) fn order_runs(&self, pieces: &[Piece], start: usize, end: usize, x0: f32, scale: f32) -> Vec<GlyphRun> {
        let mut runs: Vec<GlyphRun> = Vec::new();
        let mut x = x0;
        for (range, level) in self.bidi.visual_runs(start..end) {
            let rtl = level % 2 == 1;
            let mut parts: Vec<&Piece> =
                pieces.iter().filter(|p| p.range.start < range.end && range.start < p.range.end).collect();
            if rtl {
                parts.reverse();
            }
            for p in parts {
                let item = &self.items[p.item];
                let lo = p.range.start.max(range.start);
                let hi = p.range.end.min(range.end);
                let mut glyphs: Vec<ShapedGlyph> = p
                    .glyphs
                    .iter()
                    .filter(|g| {
                        let pos = g.pos as usize;
                        (lo..hi).contains(&pos)
                            || (g.inserted == Some(Inserted::Hyphen) && hi == p.range.end && pos == hi)
                    })
                    .copied()
                    .collect();
                if glyphs.is_empty() {
                    continue;
                }
                // L1 can lower the level of whitespace inside a piece; its glyph order then
                // follows the run.
                if (item.level % 2 == 1) != rtl {
                    glyphs.reverse();
                }
                let width: f32 = glyphs.iter().map(|g| g.advance).sum();
                let run = make_run(self.text, item.face, item.size * scale, rtl, x, &glyphs, lo..hi);
                x += width;
                match runs.last_mut() {
                    // Merge with the previous part when it is the logically adjacent text in
                    // the same face and direction.
                    Some(prev)
                        if prev.face == run.face
                            && prev.size == run.size
                            && prev.rtl == rtl
                            && !prev.text.ends_with('-')
                            && if rtl {
                                run.source.end == prev.source.start
                            } else {
                                prev.source.end == run.source.start
                            } =>
                    {
                        merge_into(prev, run);
                    }
                    _ => runs.push(run),
                }
            }
        }
        runs
    }
}

/// A glyph run for `glyphs` (visual order) taken from `source` of the paragraph text.
fn make_run(
    text: &str,
    face: FaceId,
    size: f32,
    rtl: bool,
    x: f32,
    glyphs: &[ShapedGlyph],
    source: Range<usize>,
) -> GlyphRun {
    let mut run_text = text.get(source.clone()).unwrap_or("").to_owned();
    let has_hyphen = glyphs.iter().any(|g| g.inserted == Some(Inserted::Hyphen));
    if has_hyphen {
        run_text.push('-');
    }
    // Cluster starts in logical order, to find where each cluster's text ends.
    let mut starts: Vec<usize> =
        glyphs.iter().filter(|g| g.inserted.is_none()).map(|g| g.pos as usize - source.start).collect();
    starts.sort_unstable();
    starts.dedup();
    let source_len = source.len();
    let positioned = glyphs
        .iter()
        .map(|g| {
            let rel = (g.pos as usize).saturating_sub(source.start);
            let text = match g.inserted {
                Some(Inserted::Tatweel) => rel..rel,
                Some(Inserted::Hyphen) => source_len..source_len + 1,
                None => {
                    let next = starts.iter().find(|&&s| s > rel).copied().unwrap_or(source_len);
                    without_bidi_controls(&run_text, rel..next)
                }
            };
            PositionedGlyph { id: g.id, x_advance: g.advance, x_offset: g.x_offset, y_offset: g.y_offset, text }
        })
        .collect::<Vec<_>>();
    let width = glyphs.iter().map(|g| g.advance).sum();
    GlyphRun { face, size, rtl, x, width, glyphs: positioned, text: run_text, source }
}

/// Appends `next` (visually to the right of `prev`, logically adjacent) to `prev`.
fn merge_into(prev: &mut GlyphRun, next: GlyphRun) {
    if prev.rtl {
        // `next` is logically before `prev`: its text goes first and `prev`'s ranges shift.
        let shift = next.text.len();
        for g in &mut prev.glyphs {
            g.text = g.text.start + shift..g.text.end + shift;
        }
        prev.text = next.text + &prev.text;
        prev.source = next.source.start..prev.source.end;
        prev.glyphs.extend(next.glyphs);
    } else {
        let shift = prev.text.len();
        prev.glyphs.extend(next.glyphs.into_iter().map(|mut g| {
            g.text = g.text.start + shift..g.text.end + shift;
            g
        }));
        prev.text.push_str(&next.text);
        prev.source = prev.source.start..next.source.end;
    }
    prev.width += next.width;
}

/// `range` of `text` without the bidi controls at its ends: they have no glyph, so the text
/// a cluster gives back must not include them.
fn without_bidi_controls(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else { return range };
    let trimmed_start = slice.trim_start_matches(is_bidi_control);
    let start = range.end - trimmed_start.len();
    let end = start + trimmed_start.trim_end_matches(is_bidi_control).len();
    start..end
}
