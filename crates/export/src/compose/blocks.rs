//! The body's blocks, one dispatch over their kinds: headings (ruled below at levels 1–2),
//! paragraphs (a judgment's or an assumption's with its bar and labelled qualifiers), lists
//! with their bullets or numbers, quotations, code, rules; tables go to `tables`. The settings
//! of headings and paragraphs are functions of the block alone, so the look-ahead thread
//! builds the very paragraphs composition will.

use mizan_brief::{Block, BlockKind, Brief, Claim, ClaimKind, Marker, Span};
use mizan_i18n::Lang;
use mizan_layout::{Align, BaseDirection, Paragraph, TextLang, layout_paragraph};
use mizan_pdf::{Color, PageItem};

use super::inlines::{Run, block_lang, bold, layout_direction, layout_lang, regular};
use super::lines::{Bar, Boxed, Setting};
use super::{Composer, Piece};
use crate::style::{Colors, Style};
use crate::{ExportError, ExportWarning};

impl Composer<'_> {
    /// Composes a block in `area`; `bullet` is the mark of the list item it opens.
    pub(super) fn block(&mut self, block: &Block, area: Boxed, bullet: Option<String>) -> Result<(), ExportError> {
        let dir = layout_direction(block.direction);
        let size = body_size(self.style, dir);
        let sp = &self.style.spacing;
        let colors = &self.style.colors;
        let first_piece = self.pieces.len();
        match &block.kind {
            BlockKind::Heading { level, content } => {
                let mut runs = Vec::new();
                self.inlines(content, bold(heading_size(self.style, *level, dir)), dir, &mut runs);
                let setting = heading_setting(self.style, self.lang, block, *level, area, &runs);
                let mut pieces = self.set(runs, &setting)?;
                if *level <= 2
                    && let Some(last) = pieces.last_mut()
                {
                    let y = last.height + 2.0;
                    last.items.push(PageItem::Rule {
                        from: (area.left, y),
                        to: (area.left + area.measure, y),
                        thickness: 0.5,
                        color: colors.rule,
                    });
                    last.height += 2.0;
                }
                if let Some(last) = pieces.last_mut() {
                    last.height += sp.heading_after;
                }
                self.pieces.extend(pieces);
            }
            BlockKind::Paragraph { marker, content } => {
                let mut runs = Vec::new();
                self.inlines(content, regular(size), dir, &mut runs);
                let mut setting = paragraph_setting(self.style, self.lang, block, marker.as_ref(), area, &runs);
                if let Some(marker) = marker {
                    let label_runs = self.marker_label(marker, block.span);
                    let label_setting = Setting {
                        align: Align::Start,
                        color: marker_color(colors, marker),
                        lang: layout_lang(self.lang),
                        keep_with_next: true,
                        ..setting.clone()
                    };
                    let mut label = self.set(label_runs, &label_setting)?;
                    for piece in &mut label {
                        piece.break_after = false;
                    }
                    self.pieces.extend(label);
                    setting.space_before = 0.0;
                }
                let pieces = self.set(runs, &setting)?;
                self.pieces.extend(pieces);
            }
            BlockKind::List { start, items, .. } => {
                let indent = sp.list_indent;
                // The indent is on the start side of the brief: bullets stand in it.
                let measure = (area.measure - indent).max(24.0);
                let inner = if self.rtl {
                    Boxed { left: area.left, measure, depth: area.depth + 1 }
                } else {
                    Boxed { left: area.left + indent, measure, depth: area.depth + 1 }
                };
                for (i, item) in items.iter().enumerate() {
                    let mark = match start {
                        Some(n) => {
                            format!("{}.", self.labels.number(usize::try_from(*n).unwrap_or(0).saturating_add(i)))
                        }
                        None => if area.depth == 0 { "•" } else { "–" }.to_owned(),
                    };
                    let mut first = true;
                    for child in item {
                        self.block(child, inner, if first { Some(mark.clone()) } else { None })?;
                        first = false;
                    }
                }
            }
            BlockKind::Quote(children) => {
                let indent = sp.quote_indent;
                let inner = Boxed {
                    left: area.left + indent,
                    measure: (area.measure - 2.0 * indent).max(24.0),
                    depth: area.depth,
                };
                let start_of_quote = self.pieces.len();
                for child in children {
                    self.block(child, inner, None)?;
                }
                // A thin rule in the start margin of the quotation, and italics for Latin text.
                let rule_x = if self.rtl { area.left + area.measure - indent * 0.5 } else { area.left + indent * 0.5 };
                for piece in self.pieces.get_mut(start_of_quote..).unwrap_or_default() {
                    let top = 0.0;
                    piece.items.push(PageItem::Rule {
                        from: (rule_x, top),
                        to: (rule_x, piece.height),
                        thickness: 0.8,
                        color: colors.rule,
                    });
                    for item in &mut piece.items {
                        if let PageItem::Glyphs { color, .. } = item {
                            *color = colors.muted;
                        }
                    }
                }
            }
            BlockKind::Table { alignments, header, rows } => self.table(block, alignments, header, rows, area)?,
            BlockKind::Code { text, .. } => {
                let runs = vec![Run {
                    text: text.trim_end().to_owned(),
                    style: regular(self.style.fonts.table_size),
                    verbatim: true,
                    note: None,
                    lang: None,
                }];
                let setting = Setting {
                    left: area.left,
                    measure: area.measure,
                    direction: BaseDirection::Ltr,
                    lang: TextLang::En,
                    align: Align::Start,
                    color: colors.muted,
                    bar: None,
                    space_before: sp.paragraph,
                    keep_with_next: false,
                    origin: block.span,
                };
                let pieces = self.set(runs, &setting)?;
                self.pieces.extend(pieces);
            }
            BlockKind::Html(html) => {
                if !html.trim_start().starts_with("<!--") && !html.trim().is_empty() {
                    let (line, column) = self.brief.line_col(block.span.start);
                    self.warnings.push(ExportWarning::Unsupported { what: "raw HTML", line, column });
                }
            }
            BlockKind::Rule => {
                let mut piece = Piece::new(sp.paragraph * 2.0);
                let y = sp.paragraph;
                let w = area.measure * 0.3;
                let x = area.left + (area.measure - w) / 2.0;
                piece.items.push(PageItem::Rule { from: (x, y), to: (x + w, y), thickness: 0.6, color: colors.rule });
                self.pieces.push(piece);
            }
            BlockKind::Footnote { .. } => {}
        }
        if let Some(mark) = bullet {
            self.bullet(&mark, first_piece, area, dir)?;
        }
        Ok(())
    }

    /// Sets a list bullet or number in the indent before the first line of an item.
    fn bullet(&mut self, mark: &str, first_piece: usize, area: Boxed, dir: BaseDirection) -> Result<(), ExportError> {
        let Some(baseline) = self.pieces.get(first_piece).and_then(|p| p.baseline) else { return Ok(()) };
        let indent = self.style.spacing.list_indent;
        let size = body_size(self.style, dir);
        let direction = if self.rtl { BaseDirection::Rtl } else { BaseDirection::Ltr };
        let paragraph = Paragraph::new(mark, regular(size), direction, layout_lang(self.lang), indent);
        let layout = layout_paragraph(&paragraph, self.fonts)
            .map_err(|e| ExportError::Layout { line: 0, detail: e.to_string() })?;
        let left = if self.rtl { area.left + area.measure } else { area.left - indent };
        let color = self.style.colors.accent;
        if let (Some(piece), Some(line)) = (self.pieces.get_mut(first_piece), layout.lines.first()) {
            for run in &line.runs {
                piece.items.push(PageItem::Glyphs { x: left, baseline, run: run.clone(), color });
            }
        }
        Ok(())
    }

    /// "JUGEMENT · probable (55–80 %) · confiance modérée": the label of the judgment or
    /// assumption in `span`; qualifiers the marker leaves out come from what its claim's text says.
    fn marker_label(&self, marker: &Marker, span: Span) -> Vec<Run> {
        let size = self.style.fonts.label_size * if self.rtl { 1.25 } else { 1.0 };
        let claim = judgment_claim(self.brief, span);
        let likelihood = marker.likelihood.or(claim.and_then(|c| c.written_likelihood));
        let confidence = marker.confidence.or(claim.and_then(|c| c.written_confidence));
        let label = if self.rtl { marker.label.clone() } else { marker.label.to_uppercase() };
        let mut runs = vec![Run::new(label, bold(size))];
        let mut rest = Vec::new();
        if let Some(l) = likelihood {
            rest.push(self.labels.likelihood(l));
        }
        if let Some(c) = confidence {
            rest.push(self.labels.confidence(c));
        }
        if !rest.is_empty() {
            runs.push(Run::new(format!(" · {}", rest.join(" · ")), regular(size)));
        }
        runs
    }
}

/// The claim a judgment's or an assumption's paragraph makes: the first marked claim that
/// starts in the paragraph's span. The one place composition looks a judgment's claim up.
fn judgment_claim(brief: &Brief, span: Span) -> Option<&Claim> {
    brief.claims.iter().find(|c| c.span.start >= span.start && c.span.start <= span.end && c.marker.is_some())
}

/// The body text size in a direction (Arabic is set larger).
pub(super) fn body_size(style: &Style, direction: BaseDirection) -> f32 {
    if direction == BaseDirection::Rtl { style.fonts.body_size_arabic } else { style.fonts.body_size }
}

/// The text size of a heading of `level`.
pub(super) fn heading_size(style: &Style, level: u8, dir: BaseDirection) -> f32 {
    let size = if level <= 2 { style.fonts.heading_size } else { style.fonts.subheading_size };
    if dir == BaseDirection::Rtl { size * 1.18 } else { size }
}

/// How a heading is set, given its runs.
pub(super) fn heading_setting(
    style: &Style,
    brief_lang: Lang,
    block: &Block,
    level: u8,
    area: Boxed,
    runs: &[Run],
) -> Setting {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let before = if level <= 2 { style.spacing.heading_before } else { style.spacing.heading_before * 0.7 };
    Setting {
        left: area.left,
        measure: area.measure,
        direction: layout_direction(block.direction),
        lang: block_lang(brief_lang, block.direction, &text),
        align: Align::Start,
        color: style.colors.accent,
        bar: None,
        space_before: before,
        keep_with_next: true,
        origin: block.span,
    }
}

/// How a paragraph is set, given its runs: justified, and narrowed beside a bar when it is a
/// judgment or an assumption (its label is set above, by the caller).
pub(super) fn paragraph_setting(
    style: &Style,
    brief_lang: Lang,
    block: &Block,
    marker: Option<&Marker>,
    area: Boxed,
    runs: &[Run],
) -> Setting {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let dir = layout_direction(block.direction);
    let sp = &style.spacing;
    let mut setting = Setting {
        left: area.left,
        measure: area.measure,
        direction: dir,
        lang: block_lang(brief_lang, block.direction, &text),
        align: Align::Justify,
        color: style.colors.text,
        bar: None,
        space_before: sp.paragraph,
        keep_with_next: false,
        origin: block.span,
    };
    if let Some(marker) = marker {
        // The bar stands in the start margin of the text, the label above it.
        let gap = sp.judgment_gap;
        let bar_x = if dir == BaseDirection::Rtl { area.left + area.measure - sp.judgment_bar } else { area.left };
        setting.bar = Some(Bar { x: bar_x, width: sp.judgment_bar, color: marker_color(&style.colors, marker) });
        setting.measure = (area.measure - gap - sp.judgment_bar).max(24.0);
        if dir == BaseDirection::Ltr {
            setting.left = area.left + gap + sp.judgment_bar;
        }
    }
    setting
}

/// The colour of a judgment's or an assumption's bar and label.
fn marker_color(colors: &Colors, marker: &Marker) -> Color {
    if marker.kind == ClaimKind::Assumption { colors.assumption } else { colors.judgment }
}
