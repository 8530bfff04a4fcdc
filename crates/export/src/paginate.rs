//! Where pages end, and what every page carries besides the flow: handling marking at top
//! and bottom, running head, page number, footnotes, and the draft watermark.

use mizan_brief::Brief;
use mizan_layout::{Align, BaseDirection, FontSet, Paragraph, SpanStyle, TextLang, Weight, layout_paragraph};
use mizan_pdf::{Color, Document, Metadata, Options, Page, PageItem, PdfDate, write_pdf};

use crate::compose::{Composed, Piece, layout_lang, shift};
use crate::labels::Labels;
use crate::{ExportError, ExportOptions, ExportWarning, Exported};

/// Room between the text and the footnotes' separator rule, and under it.
const NOTE_SEPARATOR: f32 = 12.0;

/// One page's share of the flow.
#[derive(Debug, Default)]
struct PagePlan {
    /// (piece index, top of the piece from the top of the text block).
    placed: Vec<(usize, f32)>,
    /// Footnotes at the foot, in order.
    notes: Vec<usize>,
}

fn note_height(c: &Composed, note: usize, gap: f32) -> f32 {
    c.notes.get(note).map_or(0.0, |n| n.layout.height + gap)
}

/// Cuts the flow into pages: fills each page while pieces and the notes they call fit, and
/// when one does not, ends the page at the last place a break is allowed.
fn plan(c: &Composed, note_gap: f32, warnings: &mut Vec<ExportWarning>) -> Vec<PagePlan> {
    let body = c.frame.bottom - c.frame.top;
    let pieces = &c.pieces;
    let mut pages = Vec::new();
    let mut carried: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < pieces.len() || !carried.is_empty() {
        let mut page = PagePlan { placed: Vec::new(), notes: std::mem::take(&mut carried) };
        let mut notes_h: f32 = page.notes.iter().map(|&n| note_height(c, n, note_gap)).sum::<f32>()
            + if page.notes.is_empty() { 0.0 } else { NOTE_SEPARATOR };
        let mut y = 0.0f32;
        // A table row opening a page brings its header along.
        if let Some(header) = pieces.get(i).and_then(|p| p.repeat)
            && let Some(h) = pieces.get(header)
        {
            page.placed.push((header, 0.0));
            y = h.height;
        }
        let mut content = false;
        // (placed, notes, next piece, y, notes height) after the last allowed break.
        let mut last_break: Option<(usize, usize, usize, f32, f32)> = None;
        while let Some(p) = pieces.get(i) {
            if p.new_page && content {
                break;
            }
            let before = if content { p.space_before } else { 0.0 };
            let new_notes: Vec<usize> =
                p.notes.iter().copied().filter(|n| !page.notes.contains(n) && c.notes.get(*n).is_some()).collect();
            let mut add_h: f32 = new_notes.iter().map(|&n| note_height(c, n, note_gap)).sum();
            if !new_notes.is_empty() && page.notes.is_empty() {
                add_h += NOTE_SEPARATOR;
            }
            let fits = y + before + p.height + notes_h + add_h <= body + 0.01;
            if fits {
                page.placed.push((i, y + before));
                y += before + p.height;
                page.notes.extend(new_notes);
                notes_h += add_h;
                content = true;
                i += 1;
                if p.break_after {
                    last_break = Some((page.placed.len(), page.notes.len(), i, y, notes_h));
                }
                continue;
            }
            if !content {
                // Nothing fits on an empty page: place the piece anyway, with the notes that
                // fit; the rest continue on the next page.
                page.placed.push((i, y));
                y += p.height;
                for n in new_notes {
                    let h = note_height(c, n, note_gap) + if page.notes.is_empty() { NOTE_SEPARATOR } else { 0.0 };
                    if y + notes_h + h <= body {
                        page.notes.push(n);
                        notes_h += h;
                    } else {
                        carried.push(n);
                    }
                }
                i += 1;
                break;
            }
            if let Some((placed, notes, next, _, _)) = last_break {
                page.placed.truncate(placed);
                page.notes.truncate(notes);
                i = next;
            }
            break;
        }
        if !carried.is_empty() {
            warnings.push(ExportWarning::NotesCarriedOver { page: pages.len() + 1 });
        }
        if page.placed.is_empty() && page.notes.is_empty() {
            // Cannot happen (each round places a piece or a carried note); stop rather than loop.
            break;
        }
        pages.push(page);
    }
    if pages.is_empty() {
        pages.push(PagePlan::default());
    }
    pages
}

/// Text set on one line, with its visible left edge and width.
#[derive(Clone)]
struct Label {
    runs: Vec<mizan_layout::GlyphRun>,
    /// Left edge of the ink from the measure's left edge.
    x: f32,
    width: f32,
    baseline: f32,
}

fn label(
    fonts: &FontSet,
    text: &str,
    size: f32,
    weight: Weight,
    direction: BaseDirection,
    lang: TextLang,
    max: f32,
) -> Option<Label> {
    let paragraph = Paragraph::new(text, SpanStyle { size, weight, italic: false }, direction, lang, max.max(1.0))
        .aligned(Align::Start);
    let layout = layout_paragraph(&paragraph, fonts).ok()?;
    let line = layout.lines.into_iter().next()?;
    Some(Label { runs: line.runs, x: line.x, width: line.width, baseline: line.baseline })
}

/// Where a label goes on its line.
#[derive(Clone, Copy)]
enum Anchor {
    Left(f32),
    Right(f32),
    Center(f32),
}

fn put(page: &mut Page, label: Option<Label>, anchor: Anchor, baseline: f32, color: Color) {
    let Some(label) = label else { return };
    let left = match anchor {
        Anchor::Left(x) => x,
        Anchor::Right(x) => x - label.width,
        Anchor::Center(x) => x - label.width / 2.0,
    };
    let _ = label.baseline;
    for run in label.runs {
        page.items.push(PageItem::Glyphs { x: left - label.x, baseline, run, color });
    }
}

pub(crate) fn write(brief: &Brief, composed: Composed, options: &ExportOptions) -> Result<Exported, ExportError> {
    let style = &options.style;
    let mut warnings = composed.warnings.clone();
    let plans = plan(&composed, style.spacing.note_gap, &mut warnings);
    let c = &composed;
    let labels = &c.labels;
    let lang = layout_lang(c.lang);
    let dir = if c.rtl { BaseDirection::Rtl } else { BaseDirection::Ltr };
    let f = &c.frame;
    let furniture = style.fonts.furniture_size * if c.rtl { 1.2 } else { 1.0 };
    let (start_x, end_x) = if c.rtl {
        (Anchor::Right(f.left + f.measure), Anchor::Left(f.left))
    } else {
        (Anchor::Left(f.left), Anchor::Right(f.left + f.measure))
    };
    let marking = brief.front.classification.as_deref().map(str::trim).filter(|m| !m.is_empty());
    let title = brief.front.title.clone().unwrap_or_default();
    let date = brief.front.date.map(|d| labels.date(d));
    let total = plans.len();
    // What every page repeats is laid out once.
    let watermark = if options.draft { watermark(c, labels, style.colors.watermark) } else { Vec::new() };
    let marking_size = furniture * 1.1;
    let marking = marking.and_then(|m| label(c.fonts, m, marking_size, Weight::Bold, dir, lang, f.measure));
    let head_title =
        (total > 1).then(|| label(c.fonts, &title, furniture, Weight::Regular, dir, lang, f.measure * 0.7)).flatten();
    let head_date = date
        .as_deref()
        .filter(|_| total > 1)
        .and_then(|d| label(c.fonts, d, furniture, Weight::Regular, dir, lang, f.measure * 0.28));
    let mut pages = Vec::with_capacity(total);
    for (n, plan) in plans.iter().enumerate() {
        let mut page = Page { width: f.width, height: f.height, items: watermark.clone() };
        if marking.is_some() {
            put(
                &mut page,
                marking.clone(),
                Anchor::Center(f.width / 2.0),
                style.page.marking_inset,
                style.colors.marking,
            );
            put(
                &mut page,
                marking.clone(),
                Anchor::Center(f.width / 2.0),
                f.height - style.page.marking_inset + marking_size * 0.4,
                style.colors.marking,
            );
        }
        // Running head from the second page: title on the start side, date on the end side.
        if n > 0 {
            let head = style.page.head_inset;
            put(&mut page, head_title.clone(), start_x, head, style.colors.muted);
            put(&mut page, head_date.clone(), end_x, head, style.colors.muted);
            let y = head + furniture * 0.6;
            page.items.push(PageItem::Rule {
                from: (f.left, y),
                to: (f.left + f.measure, y),
                thickness: 0.4,
                color: style.colors.rule,
            });
        }
        // Page number on the end side of the foot: right in French, left in Arabic.
        let number = labels.page(n + 1, total);
        put(
            &mut page,
            label(c.fonts, &number, furniture, Weight::Regular, dir, lang, f.measure),
            end_x,
            f.height - style.page.foot_inset,
            style.colors.muted,
        );
        for &(index, top) in &plan.placed {
            if let Some(piece) = c.pieces.get(index) {
                draw(&mut page, piece, f.top + top);
            }
        }
        if !plan.notes.is_empty() {
            let gap = style.spacing.note_gap;
            let height: f32 = plan.notes.iter().map(|&i| note_height(c, i, gap)).sum();
            let mut y = f.bottom - height;
            let rule_y = y - NOTE_SEPARATOR / 2.0;
            let rule_w = f.measure / 3.0;
            let (x0, x1) =
                if c.rtl { (f.left + f.measure - rule_w, f.left + f.measure) } else { (f.left, f.left + rule_w) };
            page.items.push(PageItem::Rule {
                from: (x0, rule_y),
                to: (x1, rule_y),
                thickness: 0.5,
                color: style.colors.rule,
            });
            for &i in &plan.notes {
                if let Some(note) = c.notes.get(i) {
                    page.add_paragraph(&note.layout, f.left, y + gap, style.colors.text);
                    y += note.layout.height + gap;
                }
            }
        }
        pages.push(page);
    }
    let front = &brief.front;
    let mut authors = front.authors.join(", ");
    if let Some(unit) = front.unit.as_deref().filter(|u| !u.trim().is_empty()) {
        authors = if authors.is_empty() { unit.to_owned() } else { format!("{authors} ({unit})") };
    }
    let created = match front.date {
        Some(d) => PdfDate {
            year: u16::try_from(d.year.clamp(1, 9999)).unwrap_or(2000),
            month: d.month.filter(|m| (1..=12).contains(m)).unwrap_or(1),
            day: d
                .day
                .filter(|d| (1..=28).contains(d))
                .or(d.day.filter(|d| (1..=31).contains(d)).map(|_| 28))
                .unwrap_or(1),
            hour: 0,
            minute: 0,
            second: 0,
        },
        None => {
            warnings.push(ExportWarning::NoDate);
            PdfDate { year: 2000, month: 1, day: 1, hour: 0, minute: 0, second: 0 }
        }
    };
    let metadata = Metadata {
        title,
        author: authors,
        subject: front
            .subtitle
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| labels.get("pdf-subject-default")),
        lang: c.lang.code().to_owned(),
        rtl: c.rtl,
        created,
    };
    let page_count = pages.len();
    let pdf = write_pdf(&Document { fonts: c.fonts, pages, metadata }, &Options::default())?;
    Ok(Exported { pdf, warnings, pages: page_count })
}

fn draw(page: &mut Page, piece: &Piece, top: f32) {
    // Backgrounds first, so a table header's shading never covers its text.
    let (back, front): (Vec<&PageItem>, Vec<&PageItem>) =
        piece.items.iter().partition(|i| matches!(i, PageItem::Rect { .. }));
    for item in back.into_iter().chain(front) {
        page.items.push(shift(item, 0.0, top));
    }
}

/// "DRAFT / مسودة / BROUILLON" along the page's rising diagonal, in a pale tone under the
/// text. It is drawn as a page artifact, so copying or extracting the text of a draft gives
/// the body alone.
fn watermark(c: &Composed, labels: &Labels, color: Color) -> Vec<PageItem> {
    let text = labels.get("pdf-draft-watermark");
    let (w, h) = (c.frame.width, c.frame.height);
    let angle = h.atan2(w);
    let diagonal = w.hypot(h);
    // Laid out once at a reference size, then set at the size that spans 70 % of the diagonal.
    let reference = 40.0;
    let set = |size: f32| label(c.fonts, &text, size, Weight::Bold, BaseDirection::Ltr, TextLang::En, diagonal * 4.0);
    let Some(probe) = set(reference) else { return Vec::new() };
    let size = (reference * 0.7 * diagonal / probe.width.max(1.0)).clamp(12.0, 96.0);
    let Some(laid) = set(size) else { return Vec::new() };
    // Centre the text on the page: half its width back along the baseline, and a third of the
    // size below the centre across it (about half the height of the capitals), in page coordinates (y down).
    let (sin, cos) = angle.sin_cos();
    let (along, across) = (laid.width / 2.0, size * 0.35);
    let origin = (w / 2.0 - along * cos + across * sin, h / 2.0 + along * sin + across * cos);
    laid.runs
        .into_iter()
        .map(|mut run| {
            run.x -= laid.x;
            PageItem::Watermark { origin, angle: angle.to_degrees(), run, color }
        })
        .collect()
}
