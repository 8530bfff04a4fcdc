//! Tables: cells composed like paragraphs (note calls numbered in reading order, header
//! first), columns sized in proportion to their natural widths and laid out in the table's
//! direction, a shaded header row repeated when a row starts a page.

use mizan_brief::{Alignment, Block, Inline};
use mizan_layout::{Align, BaseDirection, Paragraph, TextSpan, layout_paragraph};
use mizan_pdf::PageItem;

use super::inlines::{Run, bold, layout_direction, layout_lang, regular};
use super::lines::{Boxed, Setting};
use super::{Composer, Piece, shift};
use crate::ExportError;

impl Composer<'_> {
    /// Composes a table in `area`.
    pub(super) fn table(
        &mut self,
        block: &Block,
        alignments: &[Alignment],
        header: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        area: Boxed,
    ) -> Result<(), ExportError> {
        let dir = layout_direction(block.direction);
        let size =
            if dir == BaseDirection::Rtl { self.style.fonts.table_size_arabic } else { self.style.fonts.table_size };
        let pad = self.style.spacing.table_padding;
        let columns = std::iter::once(header.len()).chain(rows.iter().map(Vec::len)).max().unwrap_or(0);
        if columns == 0 {
            return Ok(());
        }
        // Cell runs (calls are numbered in reading order: header, then rows).
        let mut cells: Vec<Vec<Vec<Run>>> = Vec::new();
        for (r, row) in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)).enumerate() {
            let style = if r == 0 { bold(size) } else { regular(size) };
            let mut out = Vec::new();
            for c in 0..columns {
                let mut runs = Vec::new();
                if let Some(cell) = row.get(c) {
                    self.inlines(cell, style, dir, &mut runs);
                }
                out.push(runs);
            }
            cells.push(out);
        }
        // Column widths: in proportion to each column's natural width, with a floor.
        let mut natural = vec![0.0f32; columns];
        for row in &cells {
            for (c, runs) in row.iter().enumerate() {
                let width = self.natural_width(runs, dir)?;
                if let Some(n) = natural.get_mut(c) {
                    *n = n.max(width + 2.0 * pad);
                }
            }
        }
        let floor = (area.measure / columns as f32).min(48.0);
        let total: f32 = natural.iter().sum();
        let mut widths: Vec<f32> = if total <= area.measure {
            let extra = (area.measure - total) / columns as f32;
            natural.iter().map(|n| n + extra).collect()
        } else {
            natural.iter().map(|n| (area.measure * n / total.max(1.0)).max(floor)).collect()
        };
        let sum: f32 = widths.iter().sum();
        widths.iter_mut().for_each(|w| *w *= area.measure / sum.max(1.0));
        // x of each column's left edge: columns run in the table's direction.
        let mut lefts = Vec::with_capacity(columns);
        let mut x = if dir == BaseDirection::Rtl { area.left + area.measure } else { area.left };
        for w in &widths {
            if dir == BaseDirection::Rtl {
                x -= w;
                lefts.push(x);
            } else {
                lefts.push(x);
                x += w;
            }
        }
        let colors = self.style.colors.clone();
        let header_index = self.pieces.len();
        for (r, row) in cells.into_iter().enumerate() {
            let mut piece = Piece::new(0.0);
            let mut laid = Vec::new();
            for (c, runs) in row.into_iter().enumerate() {
                let (Some(&left), Some(&width)) = (lefts.get(c), widths.get(c)) else { continue };
                let align = match alignments.get(c) {
                    Some(Alignment::Center) => Align::Center,
                    _ => Align::Start,
                };
                let setting = Setting {
                    left: left + pad,
                    measure: (width - 2.0 * pad).max(8.0),
                    direction: dir,
                    lang: layout_lang(self.lang),
                    align,
                    color: colors.text,
                    bar: None,
                    space_before: 0.0,
                    keep_with_next: false,
                    origin: block.span,
                };
                let lines = self.set(runs, &setting)?;
                laid.push(lines);
            }
            let height = laid.iter().map(|l| l.iter().map(|p| p.height).sum::<f32>()).fold(0.0, f32::max) + 2.0 * pad;
            piece.height = height;
            if r == 0 {
                piece.items.push(PageItem::Rect {
                    x: area.left,
                    y: 0.0,
                    width: area.measure,
                    height,
                    color: colors.table_header,
                });
            }
            for lines in laid {
                let mut y = pad;
                for line in lines {
                    piece.notes.extend(line.notes.iter().copied());
                    piece.items.extend(line.items.iter().map(|i| shift(i, 0.0, y)));
                    y += line.height;
                }
            }
            let rule = if r == 0 { 0.9 } else { 0.4 };
            piece.items.push(PageItem::Rule {
                from: (area.left, height),
                to: (area.left + area.measure, height),
                thickness: rule,
                color: colors.table_rule,
            });
            if r == 0 {
                piece.space_before = self.style.spacing.paragraph * 1.5;
                piece.items.push(PageItem::Rule {
                    from: (area.left, 0.0),
                    to: (area.left + area.measure, 0.0),
                    thickness: 0.9,
                    color: colors.table_rule,
                });
                piece.break_after = false;
            } else {
                piece.repeat = Some(header_index);
            }
            self.pieces.push(piece);
        }
        if let Some(last) = self.pieces.last_mut() {
            last.height += self.style.spacing.paragraph;
        }
        Ok(())
    }

    /// The width of runs set on one line.
    fn natural_width(&self, runs: &[Run], dir: BaseDirection) -> Result<f32, ExportError> {
        if runs.iter().all(|r| r.text.trim().is_empty()) {
            return Ok(0.0);
        }
        let spans = runs.iter().map(|r| TextSpan::new(r.text.clone(), r.style)).collect();
        let paragraph = Paragraph {
            spans,
            direction: dir,
            align: Align::Start,
            measure: 100_000.0,
            lang: layout_lang(self.lang),
            line_height: None,
        };
        let layout = layout_paragraph(&paragraph, self.fonts)
            .map_err(|e| ExportError::Layout { line: 0, detail: e.to_string() })?;
        Ok(layout.lines.iter().map(|l| l.width).fold(0.0, f32::max))
    }
}
