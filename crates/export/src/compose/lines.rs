//! Setting a paragraph: how it is set (box, measure, direction, language, colour, a bar
//! beside it), laying its runs out (or taking the layout the look-ahead thread made) and
//! cutting it into one piece per line with widow and orphan control; and the plain settings
//! of the back matter (a section's heading, its small text).

use mizan_brief::Span;
use mizan_layout::{Align, BaseDirection, LayoutWarning, Paragraph, ParagraphLayout, TextLang, layout_paragraph};
use mizan_pdf::{Color, PageItem};

use super::inlines::{Call, Run, bold, layout_lang, spans};
use super::{Composer, Piece};
use crate::{ExportError, ExportWarning};

/// A bar beside a paragraph (judgments, assumptions, quotations).
#[derive(Debug, Clone, Copy)]
pub(super) struct Bar {
    pub(super) x: f32,
    pub(super) width: f32,
    pub(super) color: Color,
}

/// How to set one paragraph.
#[derive(Debug, Clone)]
pub(super) struct Setting {
    pub(super) left: f32,
    pub(super) measure: f32,
    pub(super) direction: BaseDirection,
    pub(super) lang: TextLang,
    pub(super) align: Align,
    pub(super) color: Color,
    pub(super) bar: Option<Bar>,
    pub(super) space_before: f32,
    pub(super) keep_with_next: bool,
    /// Where the text comes from in the brief, for warnings.
    pub(super) origin: Span,
}

/// The horizontal box blocks are set in, and how deep in lists it is.
#[derive(Debug, Clone, Copy)]
pub(super) struct Boxed {
    pub(super) left: f32,
    pub(super) measure: f32,
    pub(super) depth: usize,
}

/// The paragraph `set` lays out for runs and a setting, and the note calls in it; `None` when
/// there is no text.
pub(super) fn paragraph_of(runs: Vec<Run>, s: &Setting) -> Option<(Paragraph, Vec<Call>)> {
    let runs: Vec<Run> = runs.into_iter().filter(|r| !r.text.is_empty()).collect();
    if runs.is_empty() {
        return None;
    }
    let (spans, calls) = spans(&runs, s.lang);
    let paragraph = Paragraph {
        spans,
        direction: s.direction,
        align: s.align,
        measure: s.measure.max(1.0),
        lang: s.lang,
        line_height: None,
    };
    Some((paragraph, calls))
}

impl Composer<'_> {
    /// Line and column in the brief of `origin`'s start, or of the first `ch` in it.
    fn position(&self, origin: Span, ch: Option<char>) -> (u32, u32) {
        let text = self.brief.text();
        let at = ch
            .and_then(|ch| text.get(origin.start..origin.end.min(text.len())).and_then(|t| t.find(ch)))
            .map_or(origin.start, |i| origin.start + i);
        self.brief.line_col(at)
    }

    /// Lays out runs as a paragraph and cuts it into line pieces.
    pub(super) fn set(&mut self, runs: Vec<Run>, s: &Setting) -> Result<Vec<Piece>, ExportError> {
        let Some((paragraph, calls)) = paragraph_of(runs, s) else { return Ok(Vec::new()) };
        let layout = match self.block_index.and_then(|i| self.ahead.take(i, &paragraph)) {
            Some(layout) => layout,
            None => layout_paragraph(&paragraph, self.fonts).map_err(|e| {
                let (line, _) = self.position(s.origin, None);
                ExportError::Layout { line, detail: e.to_string() }
            })?,
        };
        for warning in &layout.warnings {
            match warning {
                LayoutWarning::MissingGlyph { ch, .. } => {
                    let (line, column) = self.position(s.origin, Some(*ch));
                    let w = ExportWarning::MissingGlyph { ch: *ch, line, column };
                    if !self.warnings.contains(&w) {
                        self.warnings.push(w);
                    }
                }
                LayoutWarning::Overfull { .. } => {
                    let (line, column) = self.position(s.origin, None);
                    let w = ExportWarning::Overfull { line, column };
                    if !self.warnings.contains(&w) {
                        self.warnings.push(w);
                    }
                }
            }
        }
        Ok(self.cut(&layout, s, &calls))
    }

    /// One piece per line, with widow and orphan control: a page may break inside a
    /// paragraph only with two lines on each side.
    fn cut(&self, layout: &ParagraphLayout, s: &Setting, calls: &[Call]) -> Vec<Piece> {
        let n = layout.lines.len();
        let lh = layout.line_height;
        let mut pieces = Vec::with_capacity(n);
        for (k, line) in layout.lines.iter().enumerate() {
            let top = k as f32 * lh;
            let rel = line.baseline - top;
            let mut piece = Piece::new(lh);
            piece.baseline = Some(rel);
            if k == 0 {
                piece.space_before = s.space_before;
            }
            let next_start = layout.lines.get(k + 1).map_or(usize::MAX, |l| l.source.start);
            let start = if k == 0 { 0 } else { line.source.start };
            for (range, note, _) in calls {
                if range.start >= start && range.start < next_start {
                    piece.notes.push(*note);
                }
            }
            for run in &line.runs {
                // Note calls are superscript: raised by a third of the body size.
                let call = calls.iter().find(|(r, _, _)| r.start < run.source.end && run.source.start < r.end);
                let raise = call.map_or(0.0, |(_, _, size)| size * 0.55);
                piece.items.push(PageItem::Glyphs {
                    x: s.left,
                    baseline: rel - raise,
                    run: run.clone(),
                    color: s.color,
                });
            }
            if let Some(bar) = s.bar {
                piece.items.push(PageItem::Rect { x: bar.x, y: 0.0, width: bar.width, height: lh, color: bar.color });
            }
            let lines_before = k + 1;
            let lines_after = n - lines_before;
            piece.break_after =
                if lines_after == 0 { !s.keep_with_next } else { lines_before >= 2 && lines_after >= 2 };
            pieces.push(piece);
        }
        pieces
    }

    /// A back-matter section's heading (notes, annex), ruled below, on a new page or not.
    pub(super) fn section_heading(&mut self, text: &str, new_page: bool) -> Result<(), ExportError> {
        let size = self.style.fonts.heading_size * if self.rtl { 1.18 } else { 1.0 };
        let setting = Setting {
            left: self.frame.left,
            measure: self.frame.measure,
            direction: self.dir(),
            lang: layout_lang(self.lang),
            align: Align::Start,
            color: self.style.colors.accent,
            bar: None,
            space_before: self.style.spacing.heading_before,
            keep_with_next: true,
            origin: Span::new(0, 0),
        };
        let mut pieces = self.set(vec![Run::new(text, bold(size))], &setting)?;
        if let Some(first) = pieces.first_mut() {
            first.new_page = new_page;
        }
        if let Some(last) = pieces.last_mut() {
            let y = last.height + 2.0;
            last.items.push(PageItem::Rule {
                from: (self.frame.left, y),
                to: (self.frame.left + self.frame.measure, y),
                thickness: 0.5,
                color: self.style.colors.rule,
            });
            last.height += 2.0 + self.style.spacing.heading_after;
        }
        self.pieces.extend(pieces);
        Ok(())
    }

    /// Back-matter text across the frame in the brief's direction.
    pub(super) fn small_setting(&self, space_before: f32) -> Setting {
        Setting {
            left: self.frame.left,
            measure: self.frame.measure,
            direction: self.dir(),
            lang: layout_lang(self.lang),
            align: Align::Start,
            color: self.style.colors.text,
            bar: None,
            space_before,
            keep_with_next: false,
            origin: Span::new(0, 0),
        }
    }
}
