//! Page content streams, written straight to bytes.
//!
//! Every glyph is placed at its absolute position. Consecutive glyphs on one baseline, in one
//! font and size, share one `Tm` and one `TJ` whose kern numbers put each glyph exactly where
//! layout placed it: the viewer moves the pen by the glyph's /W width after each glyph, and the
//! kerns are computed against those same widths (and against the rounded numbers actually
//! written, so rounding never accumulates along a line). Most glyphs are drawn where /W puts
//! them (see `fonts::best_width`) and need no kern at all.

use crate::fonts::{GlyphInfo, UsedFont, cluster_text, clusters};
use crate::model::{Color, Page, PageItem};

/// Decimals written for coordinates and sizes (points): 1/1000 pt.
const COORD: u32 = 3;
/// Decimals written for kerns (thousandths of an em): 1/100 000 em.
const KERN: u32 = 2;
/// Decimals written for colour channels and for the cosine and sine of a turned matrix.
const FRACTION: u32 = 5;

/// The content stream of one page. `fonts` are the document's fonts, indexed as resources.
pub(crate) fn page_content(page: &Page, fonts: &[UsedFont<'_>]) -> Vec<u8> {
    let mut w = Writer { out: Vec::with_capacity(page.items.len() * 64), ..Writer::default() };
    for item in &page.items {
        match item {
            PageItem::Glyphs { x, baseline, run, color } => {
                let Some(font) = fonts.iter().find(|f| f.face_id == run.face) else { continue };
                w.begin_text();
                w.font(&font.resource, run.size);
                w.fill(*color);
                let y = f64::from(page.height - baseline);
                let mut pen = x + run.x;
                for cluster in clusters(run) {
                    let text = cluster_text(run, &cluster);
                    let glyphs = &run.glyphs[cluster];
                    let spelled = match glyphs {
                        [g] => font.glyph(g.id).is_some_and(|i| i.text == text),
                        _ => false,
                    };
                    if !spelled {
                        w.begin_span(text);
                    }
                    for g in glyphs {
                        if let Some(info) = font.glyph(g.id) {
                            w.glyph(f64::from(pen + g.x_offset), y + f64::from(g.y_offset), run.size, info);
                        }
                        pen += g.x_advance;
                    }
                    if !spelled {
                        w.end_span();
                    }
                }
            }
            PageItem::Watermark { origin, angle, run, color } => {
                let Some(font) = fonts.iter().find(|f| f.face_id == run.face) else { continue };
                w.begin_text();
                w.font(&font.resource, run.size);
                w.fill(*color);
                w.end_run();
                // A pagination artifact (PDF 32000 §14.8.2.2), which tagged-PDF readers skip,
                // holding a span whose ActualText is empty, for extractors that go by
                // ActualText (poppler, MuPDF): either way the body text stays clean.
                w.out.extend_from_slice(b"/Artifact <</Type /Pagination /Subtype /Watermark>> BDC\n");
                w.begin_span("");
                let (sin, cos) = f64::from(*angle).to_radians().sin_cos();
                let (ox, oy) = (f64::from(origin.0), f64::from(page.height - origin.1));
                let mut pen = f64::from(run.x);
                for g in &run.glyphs {
                    let Some(info) = font.glyph(g.id) else { continue };
                    let (u, v) = (pen + f64::from(g.x_offset), f64::from(g.y_offset));
                    for value in [cos, sin, -sin, cos] {
                        w.num(value, FRACTION);
                    }
                    w.num(ox + cos * u - sin * v, COORD);
                    w.num(oy + sin * u + cos * v, COORD);
                    w.out.extend_from_slice(b"Tm <");
                    w.hex(info.code);
                    w.out.extend_from_slice(b"> Tj\n");
                    pen += f64::from(g.x_advance);
                }
                w.end_span();
                w.out.extend_from_slice(b"EMC\n");
            }
            PageItem::Rule { from, to, thickness, color } => {
                w.end_text();
                w.stroke(*color, *thickness);
                w.num(f64::from(from.0), COORD);
                w.num(f64::from(page.height - from.1), COORD);
                w.out.extend_from_slice(b"m ");
                w.num(f64::from(to.0), COORD);
                w.num(f64::from(page.height - to.1), COORD);
                w.out.extend_from_slice(b"l S\n");
            }
            PageItem::Rect { x, y, width, height, color } => {
                w.end_text();
                w.fill(*color);
                for v in [*x, page.height - y - height, *width, *height] {
                    w.num(f64::from(v), COORD);
                }
                w.out.extend_from_slice(b"re f\n");
            }
        }
    }
    w.end_text();
    w.out
}

/// A `TJ` being written: its origin and where the viewer's pen is, in thousandths of an em
/// from that origin.
struct Run {
    x: f64,
    y: f64,
    size: f32,
    pen: f64,
    /// A hex string of glyph codes is open (`<0012 0034`): the next glyph continues it.
    open: bool,
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    in_text: bool,
    run: Option<Run>,
    font: Option<(String, u32)>,
    fill: Option<[u32; 3]>,
    stroke: Option<([u32; 3], u32)>,
}

impl Writer {
    fn begin_text(&mut self) {
        if !self.in_text {
            self.out.extend_from_slice(b"BT\n");
            self.in_text = true;
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.end_run();
            self.out.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    fn font(&mut self, resource: &str, size: f32) {
        if self.font.as_ref().is_some_and(|(r, s)| r == resource && *s == size.to_bits()) {
            return;
        }
        self.end_run();
        self.out.push(b'/');
        self.out.extend_from_slice(resource.as_bytes());
        self.out.push(b' ');
        self.num(f64::from(size), COORD);
        self.out.extend_from_slice(b"Tf\n");
        self.font = Some((resource.to_owned(), size.to_bits()));
    }

    fn fill(&mut self, c: Color) {
        let key = [c.r.to_bits(), c.g.to_bits(), c.b.to_bits()];
        if self.fill == Some(key) {
            return;
        }
        self.end_run();
        for v in [c.r, c.g, c.b] {
            self.num(f64::from(v), FRACTION);
        }
        self.out.extend_from_slice(b"rg\n");
        self.fill = Some(key);
    }

    fn stroke(&mut self, c: Color, width: f32) {
        let key = ([c.r.to_bits(), c.g.to_bits(), c.b.to_bits()], width.to_bits());
        if self.stroke.is_none_or(|(color, _)| color != key.0) {
            for v in [c.r, c.g, c.b] {
                self.num(f64::from(v), FRACTION);
            }
            self.out.extend_from_slice(b"RG\n");
        }
        if self.stroke.is_none_or(|(_, w)| w != key.1) {
            self.num(f64::from(width), COORD);
            self.out.extend_from_slice(b"w\n");
        }
        self.stroke = Some(key);
    }

    /// `/Span <</ActualText <FEFF…>>> BDC`: the text the glyphs up to `end_span` stand for.
    fn begin_span(&mut self, text: &str) {
        self.end_run();
        self.out.extend_from_slice(b"/Span <</ActualText <FEFF");
        for unit in text.encode_utf16() {
            self.hex(unit);
        }
        self.out.extend_from_slice(b">>> BDC\n");
    }

    fn end_span(&mut self) {
        self.end_run();
        self.out.extend_from_slice(b"EMC\n");
    }

    /// Draws one glyph with its origin at (x, y), in the current font.
    fn glyph(&mut self, x: f64, y: f64, size: f32, info: GlyphInfo<'_>) {
        let y = round(y, COORD);
        let continues = self.run.as_ref().is_some_and(|r| r.y == y && r.size == size);
        if continues {
            if let Some(run) = self.run.as_mut() {
                // The kern moves the pen from where the viewer left it to this glyph's origin
                // (TJ numbers move it by -n/1000 em).
                let kern = round(run.pen - (x - run.x) * 1000.0 / f64::from(size), KERN);
                if kern != 0.0 {
                    if run.open {
                        self.out.push(b'>');
                        run.open = false;
                    }
                    run.pen -= kern;
                    write_num(&mut self.out, kern, KERN);
                }
            }
        } else {
            self.end_run();
            let x = round(x, COORD);
            self.out.extend_from_slice(b"1 0 0 1 ");
            self.num(x, COORD);
            self.num(y, COORD);
            self.out.extend_from_slice(b"Tm [");
            self.run = Some(Run { x, y, size, pen: 0.0, open: false });
        }
        if let Some(run) = self.run.as_mut() {
            if !run.open {
                self.out.push(b'<');
                run.open = true;
            }
            run.pen += f64::from(info.width);
            hex4(&mut self.out, info.code);
        }
    }

    /// Closes the `TJ` being written, if any.
    fn end_run(&mut self) {
        if let Some(run) = self.run.take() {
            if run.open {
                self.out.push(b'>');
            }
            self.out.extend_from_slice(b"] TJ\n");
        }
    }

    fn hex(&mut self, v: u16) {
        hex4(&mut self.out, v);
    }

    /// A number followed by a space.
    fn num(&mut self, v: f64, decimals: u32) {
        write_num(&mut self.out, v, decimals);
        self.out.push(b' ');
    }
}

fn hex4(out: &mut Vec<u8>, v: u16) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(DIGITS[usize::from((v >> shift) & 0xF)]);
    }
}

fn round(v: f64, decimals: u32) -> f64 {
    let scale = f64::from(10u32.pow(decimals));
    (v * scale).round() / scale
}

/// Writes `v` with at most `decimals` decimals, without trailing zeros (`12.5`, `-3`, `0.04`).
fn write_num(out: &mut Vec<u8>, v: f64, decimals: u32) {
    let scale = 10u64.pow(decimals);
    let scaled = (v.abs() * scale as f64).round();
    // Beyond ±2^53 the value has no decimals left; PDF readers could not use it anyway.
    let scaled = if scaled.is_finite() { scaled.min(9e15) as u64 } else { 0 };
    if scaled == 0 {
        out.push(b'0');
        return;
    }
    if v < 0.0 {
        out.push(b'-');
    }
    write_int(out, scaled / scale);
    let frac = scaled % scale;
    if frac != 0 {
        // The fraction's digits, leading zeros included (0.05 → "05"), then without the
        // trailing ones.
        let mut digits = [b'0'; 20];
        let digits = &mut digits[..decimals as usize];
        let mut rest = frac;
        for d in digits.iter_mut().rev() {
            *d = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        let len = digits.iter().rposition(|&d| d != b'0').map_or(0, |i| i + 1);
        out.push(b'.');
        out.extend_from_slice(&digits[..len]);
    }
}

fn write_int(out: &mut Vec<u8>, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use mizan_layout::{Align, BaseDirection, FontSet, Paragraph, SpanStyle, TextLang, layout_paragraph};

    use super::{page_content, write_num};
    use crate::fonts::plan;
    use crate::model::{Color, Page, PageItem};

    fn num(v: f64, decimals: u32) -> String {
        let mut out = Vec::new();
        write_num(&mut out, v, decimals);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn numbers_are_short_and_exact_to_their_decimals() {
        assert_eq!(num(12.5, 3), "12.5");
        assert_eq!(num(-3.0, 3), "-3");
        assert_eq!(num(0.04, 3), "0.04");
        assert_eq!(num(0.0004, 3), "0");
        assert_eq!(num(-0.0004, 3), "0");
        assert_eq!(num(841.89, 3), "841.89");
        assert_eq!(num(266.324_34, 3), "266.324");
        assert_eq!(num(1.000_5, 3), "1.001");
        assert_eq!(num(0.607_843, 5), "0.60784");
        assert_eq!(num(-50.000_328, 2), "-50");
    }

    /// Replays the `Tf`, `Tm` and `TJ` operators of a content stream the way a viewer moves
    /// its pen: the origin of every glyph drawn, in page space, and the number of kerns.
    /// `widths` gives the /W widths of each font resource.
    fn replay(content: &str, widths: &HashMap<String, HashMap<u16, i32>>) -> (Vec<(f64, f64)>, usize) {
        let mut out = Vec::new();
        let mut kerns = 0;
        let mut operands: Vec<&str> = Vec::new();
        let (mut x, mut y, mut size) = (0.0, 0.0, 0.0);
        let mut font = &HashMap::new();
        // Marked-content properties (ActualText) are no part of the text state.
        let tokens = content.lines().filter(|l| !l.ends_with("BDC")).flat_map(str::split_whitespace);
        for token in tokens {
            match token {
                "Tf" => {
                    font = &widths[operands[0].trim_start_matches('/')];
                    size = operands[1].parse().unwrap();
                    operands.clear();
                }
                "Tm" => {
                    x = operands[4].parse().unwrap();
                    y = operands[5].parse().unwrap();
                    operands.clear();
                }
                "TJ" | "BT" | "ET" | "rg" | "BDC" | "EMC" => operands.clear(),
                _ if token.starts_with('[') || token.starts_with('<') || token.ends_with(']') => {
                    // A piece of a TJ array: hex strings of codes and kern numbers.
                    let mut rest = token.trim_start_matches('[').trim_end_matches(']');
                    while !rest.is_empty() {
                        if let Some(hex) = rest.strip_prefix('<') {
                            let end = hex.find('>').unwrap_or(hex.len());
                            for code in hex.as_bytes()[..end].chunks(4) {
                                let code = u16::from_str_radix(std::str::from_utf8(code).unwrap(), 16).unwrap();
                                out.push((x, y));
                                x += f64::from(font[&code]) / 1000.0 * size;
                            }
                            rest = hex.get(end + 1..).unwrap_or("");
                        } else {
                            let end = rest.find('<').unwrap_or(rest.len());
                            let kern: f64 = rest[..end].parse().unwrap();
                            x -= kern / 1000.0 * size;
                            kerns += 1;
                            rest = &rest[end..];
                        }
                    }
                }
                _ => operands.push(token),
            }
        }
        (out, kerns)
    }

    #[test]
    fn glyphs_are_drawn_where_layout_put_them() {
        let fonts = FontSet::bundled();
        let text = "تفرض جماعة نصرة الإسلام والمسلمين حصاراً على إمدادات الوقود المتجهة إلى باماكو منذ 2025 (JNIM).";
        let style = SpanStyle { size: 12.5, ..SpanStyle::default() };
        let para = Paragraph::new(text, style, BaseDirection::Rtl, TextLang::Ar, 300.0).aligned(Align::Justify);
        let layout = layout_paragraph(&para, &fonts).unwrap();
        let mut page = Page::a4();
        page.add_paragraph(&layout, 72.0, 100.0, Color::BLACK);
        let used = plan(&fonts, std::slice::from_ref(&page), true).unwrap();
        assert_eq!(used.len(), 2, "Amiri for Arabic, Noto Serif for Latin");
        let mut expected = Vec::new();
        for item in &page.items {
            let PageItem::Glyphs { x, baseline, run, .. } = item else { continue };
            let mut pen = x + run.x;
            for g in &run.glyphs {
                expected.push((f64::from(pen + g.x_offset), f64::from(page.height - baseline + g.y_offset)));
                pen += g.x_advance;
            }
        }
        let widths = used.iter().map(|f| (f.resource.clone(), f.codes().collect())).collect();
        let content = String::from_utf8(page_content(&page, &used)).unwrap();
        let (drawn, kerns) = replay(&content, &widths);
        assert_eq!(drawn.len(), expected.len());
        for (i, ((dx, dy), (ex, ey))) in drawn.iter().zip(&expected).enumerate() {
            assert!(
                (dx - ex).abs() < 0.002 && (dy - ey).abs() < 0.002,
                "glyph {i} drawn at {dx},{dy}, placed at {ex},{ey}"
            );
        }
        // Most glyphs sit where /W puts them: far fewer kerns than glyphs.
        assert!(kerns * 2 < drawn.len(), "{kerns} kerns for {} glyphs", drawn.len());
    }
}
