//! What the writer is given: pages of positioned glyph runs and simple graphics.
//!
//! Coordinates are points from the top-left corner of the page, y downwards, as layout thinks;
//! the writer turns them into PDF's bottom-up space.

use mizan_layout::{FontSet, GlyphRun, ParagraphLayout};

/// An RGB colour, each channel 0.0–1.0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color {
    /// Red.
    pub r: f32,
    /// Green.
    pub g: f32,
    /// Blue.
    pub b: f32,
}

impl Color {
    /// Black.
    pub const BLACK: Color = Color { r: 0.0, g: 0.0, b: 0.0 };

    /// A colour from 8-bit channels.
    pub fn rgb8(r: u8, g: u8, b: u8) -> Self {
        Color { r: f32::from(r) / 255.0, g: f32::from(g) / 255.0, b: f32::from(b) / 255.0 }
    }
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum PageItem {
    /// A glyph run; its glyphs start at `x + run.x`, on the baseline `baseline`.
    Glyphs {
        /// Left edge of the measure the run was laid out in.
        x: f32,
        /// Baseline, from the top of the page.
        baseline: f32,
        /// The run.
        run: GlyphRun,
        /// Fill colour of the text.
        color: Color,
    },
    /// A watermark: a glyph run turned about `origin` and drawn as a page artifact, so it
    /// stays out of the text a reader copies or an extractor gives back. Its glyphs start at
    /// `run.x` along the turned baseline.
    Watermark {
        /// Where the baseline starts (x, y from the top of the page).
        origin: (f32, f32),
        /// Angle of the baseline in degrees, counter-clockwise (45 rises to the right).
        angle: f32,
        /// The run.
        run: GlyphRun,
        /// Fill colour (a pale tone: the watermark is painted before the text).
        color: Color,
    },
    /// A straight line.
    Rule {
        /// Start point (x, y from the top).
        from: (f32, f32),
        /// End point (x, y from the top).
        to: (f32, f32),
        /// Stroke width in points.
        thickness: f32,
        /// Stroke colour.
        color: Color,
    },
    /// A filled rectangle.
    Rect {
        /// Left edge.
        x: f32,
        /// Top edge, from the top of the page.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Fill colour.
        color: Color,
    },
}

impl PageItem {
    /// The glyph run of a text item.
    pub fn run(&self) -> Option<&GlyphRun> {
        match self {
            PageItem::Glyphs { run, .. } | PageItem::Watermark { run, .. } => Some(run),
            PageItem::Rule { .. } | PageItem::Rect { .. } => None,
        }
    }
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Width in points (A4: 595.28).
    pub width: f32,
    /// Height in points (A4: 841.89).
    pub height: f32,
    /// What is drawn, in painting order.
    pub items: Vec<PageItem>,
}

impl Page {
    /// An A4 portrait page.
    pub fn a4() -> Self {
        Page { width: 595.28, height: 841.89, items: Vec::new() }
    }

    /// Places every line of a laid-out paragraph, with the measure's left edge at `left` and
    /// the paragraph's top at `top`.
    pub fn add_paragraph(&mut self, layout: &ParagraphLayout, left: f32, top: f32, color: Color) {
        for line in &layout.lines {
            for run in &line.runs {
                self.items.push(PageItem::Glyphs { x: left, baseline: top + line.baseline, run: run.clone(), color });
            }
        }
    }
}

/// Document information written into the PDF.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    /// Title.
    pub title: String,
    /// Author (person or unit).
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Main language, BCP 47 (`ar`, `fr`): written as the catalog's /Lang.
    pub lang: String,
    /// Right-to-left document: viewers show pages in right-to-left order.
    pub rtl: bool,
    /// Creation date, passed in (the writer reads no clock).
    pub created: PdfDate,
}

/// A date and time in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PdfDate {
    /// Year (1–9999).
    pub year: u16,
    /// Month (1–12).
    pub month: u8,
    /// Day (1–31).
    pub day: u8,
    /// Hour (0–23).
    pub hour: u8,
    /// Minute (0–59).
    pub minute: u8,
    /// Second (0–59).
    pub second: u8,
}

/// A document: pages plus metadata, drawing with the faces of `fonts`.
#[derive(Debug)]
pub struct Document<'f> {
    /// The faces the glyph runs refer to.
    pub fonts: &'f FontSet,
    /// Pages in order.
    pub pages: Vec<Page>,
    /// Document information.
    pub metadata: Metadata,
}

/// Writer options.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Embed only the glyphs used (default). Off embeds whole fonts.
    pub subset_fonts: bool,
    /// Compress streams (default).
    pub compress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { subset_fonts: true, compress: true }
    }
}
