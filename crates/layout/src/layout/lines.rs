//! Building the chosen lines: each line's glyphs taken from its items (re-shaped where a line
//! edge cuts a cluster unsafe to break, or where a hyphen is added), justified (`justify`),
//! scaled down in the one case nothing fits, ordered into runs (`runs`) and placed on the
//! paragraph's baseline grid.

use std::ops::Range;

use super::{EPS, Engine, LayoutWarning, Line, ParagraphLayout};
use crate::breaks::{BreakKind, Breakpoint};
use crate::model::{Align, BaseDirection};
use crate::shape::{Inserted, ShapedGlyph, SourceChar, shape, source_chars};

/// Part of an item that lies on one line, shaped (again, if its edges needed it).
pub(super) struct Piece {
    pub(super) item: usize,
    pub(super) range: Range<usize>,
    pub(super) glyphs: Vec<ShapedGlyph>,
    pub(super) kashidas: usize,
}

impl Engine<'_> {
    /// Builds the lines for the chosen breaks.
    pub(super) fn build(mut self, breaks: &[Breakpoint]) -> ParagraphLayout {
        let max_size = self.para.spans.iter().map(|s| s.style.size).fold(0.0f32, f32::max).max(1.0);
        let has_arabic = self.items.iter().any(|it| it.arabic);
        let line_height = self.para.line_height.unwrap_or(max_size * if has_arabic { 1.6 } else { 1.35 });
        // One baseline grid for the paragraph: the font box of the largest faces, centred in the
        // line height.
        let (mut asc, mut desc) = (0.0f32, 0.0f32);
        for it in &self.items {
            if let Some(f) = self.fonts.face(it.face) {
                asc = asc.max(f.ascender_em() * it.size);
                desc = desc.max(f.descender_em() * it.size);
            }
        }
        let first_baseline = (line_height + asc - desc) / 2.0;
        let mut lines = Vec::with_capacity(breaks.len());
        let mut start = 0usize;
        for (n, b) in breaks.iter().enumerate() {
            let last = n + 1 == breaks.len();
            let mut line = self.build_line(start, *b, last, n);
            line.baseline = first_baseline + n as f32 * line_height;
            lines.push(line);
            start = b.pos;
        }
        let height = lines.len() as f32 * line_height;
        ParagraphLayout { lines, height, line_height, measure: self.para.measure, warnings: self.warnings }
    }

    fn build_line(&mut self, start: usize, b: Breakpoint, last: bool, index: usize) -> Line {
        let measure = self.para.measure;
        let end = self.content_end(start, b.pos);
        let hyphenated = b.kind == BreakKind::Hyphen && end == b.pos;
        let mut pieces = self.pieces(start, end, hyphenated);
        let mut width: f32 = pieces.iter().flat_map(|p| &p.glyphs).map(|g| g.advance).sum();
        let justify = self.para.align == Align::Justify && !last && b.kind != BreakKind::Mandatory;
        let mut justified = false;
        let mut kashidas = 0;
        if justify && measure - width > EPS {
            kashidas = self.add_kashida(&mut pieces, start, end, measure - width);
            width = pieces.iter().flat_map(|p| &p.glyphs).map(|g| g.advance).sum();
        }
        // The breaker lets any line of a justified paragraph fit by shrinking its spaces, the
        // last one (and one before a forced break) included: such a line is shrunk here too,
        // though never stretched.
        let shrink_to_fit = self.para.align == Align::Justify && width > measure + EPS;
        if justify || shrink_to_fit {
            width = self.fit_spaces(&mut pieces, width);
            justified = (width - measure).abs() <= 0.01;
        }
        let mut scale = 1.0f32;
        if width > measure + EPS {
            scale = measure / width;
            self.warnings.push(LayoutWarning::Overfull { line: index, scale });
            for g in pieces.iter_mut().flat_map(|p| p.glyphs.iter_mut()) {
                g.advance *= scale;
                g.x_offset *= scale;
                g.y_offset *= scale;
            }
            width = measure;
        }
        let x0 = match (self.para.align, self.para.direction) {
            (Align::Center, _) => (measure - width) / 2.0,
            (_, BaseDirection::Rtl) => measure - width,
            (_, BaseDirection::Ltr) => 0.0,
        };
        let runs = self.order_runs(&pieces, start, end, x0, scale);
        let (mut ascent, mut descent) = (0.0f32, 0.0f32);
        for p in &pieces {
            if let Some(f) = self.items.get(p.item).and_then(|it| self.fonts.face(it.face).map(|f| (f, it.size))) {
                ascent = ascent.max(f.0.ascender_em() * f.1 * scale);
                descent = descent.max(f.0.descender_em() * f.1 * scale);
            }
        }
        Line { runs, x: x0, width, baseline: 0.0, ascent, descent, justified, hyphenated, kashidas, source: start..end }
    }

    /// The items' glyphs for `start..end`, re-shaped where a line edge cuts a cluster that is
    /// unsafe to break, or where a hyphen is added.
    fn pieces(&self, start: usize, end: usize, hyphenated: bool) -> Vec<Piece> {
        let mut pieces = Vec::new();
        for (ix, item) in self.items.iter().enumerate() {
            let s = item.range.start.max(start);
            let e = item.range.end.min(end);
            if s >= e {
                continue;
            }
            let add_hyphen = hyphenated && e == end;
            let cut_unsafe = |p: usize| -> bool {
                let mut found = false;
                for g in item.glyphs.iter().filter(|g| g.pos as usize == p) {
                    found = true;
                    if g.unsafe_to_break {
                        return true;
                    }
                }
                !found
            };
            let reshape =
                add_hyphen || (s > item.range.start && cut_unsafe(s)) || (e < item.range.end && cut_unsafe(e));
            let glyphs = if reshape {
                let mut chars = source_chars(self.text, s, e);
                if add_hyphen {
                    chars.push(SourceChar { c: '-', pos: e as u32, inserted: Some(Inserted::Hyphen) });
                }
                match self.request(item, s..e) {
                    Some(mut req) => {
                        // The fragment ends (or starts) the line: no joining across the break.
                        if e < item.range.end || add_hyphen {
                            req.post_context = "";
                        }
                        if s > item.range.start {
                            req.pre_context = "";
                        }
                        shape(&req, &chars)
                    }
                    None => Vec::new(),
                }
            } else {
                item.glyphs.iter().filter(|g| (s..e).contains(&(g.pos as usize))).copied().collect()
            };
            pieces.push(Piece { item: ix, range: s..e, glyphs, kashidas: 0 });
        }
        pieces
    }
}
