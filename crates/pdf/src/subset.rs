//! Subsetting of TrueType fonts for embedding: the outlines (`glyf`, `loca`), metrics
//! (`hmtx`, `hhea`), `maxp`, `head`, the hinting programs (`cvt `, `fpgm`, `prep`) as they are,
//! and a version 3 `post` table (no glyph names: a PDF font is named by its dictionary and its
//! glyphs by their ids). No `name` and no `cmap`: the PDF's CMaps say which glyph is which.
//!
//! New glyph ids follow the `subsetter` crate's numbering, which the content streams use
//! (`fonts::plan`): `.notdef`, then the drawn glyphs in ascending order, then the glyphs that
//! composite glyphs are made of, in the order the closure finds them. The tables are those of
//! `subsetter`'s subset with the names dropped (a test compares them), written in one pass:
//! nothing of the font is read but the tables kept and the glyphs used, where `subsetter` also
//! reads every glyph name of the font, and its result was copied once more to drop them. One
//! difference: `head`'s checksum is computed with checkSumAdjustment zeroed, as the OpenType
//! specification says (the copy counted the stale adjustment of the file with names, which
//! strict readers such as fontTools refuse).

/// The font program of a subset of `font` (sorted, distinct glyph ids), or `None` when
/// `font` is not a TrueType font this can read (the caller then uses `subsetter`).
pub(crate) fn truetype(font: &[u8], glyphs: &[u16]) -> Option<Vec<u8>> {
    let sfnt = Sfnt::new(font)?;
    let head = sfnt.table(b"head")?;
    // As read-fonts, and so the shaper, reads it: any value but 1 means short offsets.
    let long_source = read_u16(head, 50)? == 1;
    let loca = sfnt.table(b"loca")?;
    let glyf = sfnt.table(b"glyf")?;
    let glyph_data = |gid: u16| -> Option<&[u8]> {
        let at = usize::from(gid);
        let (from, to) = if long_source {
            (read_u32(loca, 4 * at)? as usize, read_u32(loca, 4 * at + 4)? as usize)
        } else {
            (2 * usize::from(read_u16(loca, 2 * at)?), 2 * usize::from(read_u16(loca, 2 * at + 2)?))
        };
        glyf.get(from..to)
    };

    // New ids: .notdef, the drawn glyphs, then the closure over composite glyphs' components.
    let mut order = Ids::default();
    order.add(0)?;
    for &gid in glyphs {
        order.add(gid)?;
    }
    let mut pending = order.old.clone();
    while let Some(gid) = pending.pop() {
        order.add(gid)?;
        let Some(data) = glyph_data(gid) else { continue };
        if data.is_empty() || read_i16(data, 0)? >= 0 {
            continue;
        }
        for (component, _) in components(data)?.0 {
            if order.new_id(component).is_none() {
                pending.push(component);
            }
        }
    }
    let mapped = |gid: u16| order.new_id(gid);
    let order = &order.old;

    // glyf and loca: short offsets (halved, glyphs padded to even lengths) while they fit.
    let mut entries: Vec<&[u8]> = Vec::with_capacity(order.len());
    let mut size = 0usize;
    for &gid in order {
        let data = glyph_data(gid)?;
        size += data.len() + data.len() % 2;
        entries.push(data);
    }
    let long = size > 2 * usize::from(u16::MAX);
    let mut new_glyf = Vec::with_capacity(size);
    let mut new_loca = Vec::with_capacity((order.len() + 1) * if long { 4 } else { 2 });
    for data in entries {
        push_offset(&mut new_loca, new_glyf.len(), long)?;
        if !data.is_empty() && read_i16(data, 0)? < 0 {
            composite_remapped(data, mapped, &mut new_glyf)?;
        } else {
            new_glyf.extend_from_slice(data);
        }
        if !long && new_glyf.len() % 2 == 1 {
            new_glyf.push(0);
        }
    }
    push_offset(&mut new_loca, new_glyf.len(), long)?;

    // hmtx and hhea: every new glyph's advance and side bearing, the advances of a trailing
    // run of equal ones left out.
    let hhea = sfnt.table(b"hhea")?;
    let hmtx = sfnt.table(b"hmtx")?;
    let h_metrics = read_u16(hhea, 34)?;
    let last_advance = read_u16(hmtx, 4 * usize::from(h_metrics.checked_sub(1)?))?;
    let mut metrics: Vec<(u16, i16)> = Vec::with_capacity(order.len());
    for &gid in order {
        metrics.push(if gid < h_metrics {
            (read_u16(hmtx, 4 * usize::from(gid))?, read_i16(hmtx, 4 * usize::from(gid) + 2)?)
        } else {
            let at = 4 * usize::from(h_metrics) + 2 * usize::from(gid - h_metrics);
            (last_advance, read_i16(hmtx, at)?)
        });
    }
    let last = metrics.last()?.0;
    let with_advance = metrics.len() - metrics.iter().rev().skip(1).take_while(|m| m.0 == last).count();
    let mut new_hmtx = Vec::with_capacity(4 * metrics.len());
    for (i, (advance, side)) in metrics.iter().enumerate() {
        if i < with_advance {
            new_hmtx.extend_from_slice(&advance.to_be_bytes());
        }
        new_hmtx.extend_from_slice(&side.to_be_bytes());
    }
    // numberOfHMetrics is at 34, the end of a 36-byte table; a longer one is cut there.
    let mut new_hhea = hhea.get(..36)?.to_vec();
    new_hhea[34..].copy_from_slice(&u16::try_from(with_advance).ok()?.to_be_bytes());

    let maxp = sfnt.table(b"maxp")?;
    let mut new_maxp = 0x0001_0000u32.to_be_bytes().to_vec();
    new_maxp.extend_from_slice(&u16::try_from(order.len()).ok()?.to_be_bytes());
    new_maxp.extend_from_slice(maxp.get(6..)?);

    let mut new_head = head.get(..54).map(|_| head.to_vec())?;
    // checkSumAdjustment is set once the whole file is written; indexToLocFormat.
    new_head[8..12].fill(0);
    new_head[50..52].copy_from_slice(&i16::from(long).to_be_bytes());

    let post = match sfnt.table(b"post") {
        Some(post) => {
            let mut header = post.get(..32)?.to_vec();
            header[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
            Some(header)
        }
        None => None,
    };

    // In tag order, as the table directory lists them.
    let mut tables: Vec<(&[u8; 4], &[u8])> = Vec::with_capacity(10);
    let kept = |tag: &'static [u8; 4]| sfnt.table(tag).map(|data| (tag, data));
    tables.extend(kept(b"cvt "));
    tables.extend(kept(b"fpgm"));
    tables.push((b"glyf", &new_glyf));
    tables.push((b"head", &new_head));
    tables.push((b"hhea", &new_hhea));
    tables.push((b"hmtx", &new_hmtx));
    tables.push((b"loca", &new_loca));
    tables.push((b"maxp", &new_maxp));
    if let Some(post) = &post {
        tables.push((b"post", post));
    }
    tables.extend(kept(b"prep"));
    sfnt_file(&tables)
}

/// New glyph ids in the order they are given.
#[derive(Default)]
struct Ids {
    /// Old ids, by new id.
    old: Vec<u16>,
    /// New ids, by old id (`u16::MAX`: none yet).
    new: Vec<u16>,
}

impl Ids {
    /// Gives `gid` the next new id, unless it has one.
    fn add(&mut self, gid: u16) -> Option<()> {
        let at = usize::from(gid);
        if self.new.len() <= at {
            self.new.resize(at + 1, u16::MAX);
        }
        if self.new[at] == u16::MAX {
            self.new[at] = u16::try_from(self.old.len()).ok().filter(|&id| id != u16::MAX)?;
            self.old.push(gid);
        }
        Some(())
    }

    fn new_id(&self, gid: u16) -> Option<u16> {
        self.new.get(usize::from(gid)).copied().filter(|&id| id != u16::MAX)
    }
}

/// The 12 bytes that open a TrueType file of `count` tables: version, then the binary
/// search fields of the table directory (OpenType §"Table directory").
pub(crate) fn sfnt_header(out: &mut Vec<u8>, count: u16) {
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    let floor_log2 = 15 - count.max(1).leading_zeros() as u16;
    let search_range = 16u16 << floor_log2;
    for v in [count, search_range, floor_log2, (count * 16).saturating_sub(search_range)] {
        out.extend_from_slice(&v.to_be_bytes());
    }
}

/// A TrueType file of `tables` (sorted by tag), `head`'s checkSumAdjustment filled in.
fn sfnt_file(tables: &[(&[u8; 4], &[u8])]) -> Option<Vec<u8>> {
    let count = u16::try_from(tables.len()).ok()?;
    let total: usize = tables.iter().map(|(_, data)| data.len().next_multiple_of(4)).sum();
    let mut out = Vec::with_capacity(12 + 16 * tables.len() + total);
    sfnt_header(&mut out, count);
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend_from_slice(*tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    let mut head_at = None;
    for (tag, data) in tables {
        if *tag == b"head" {
            head_at = Some(out.len());
        }
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    // head.checkSumAdjustment makes the whole font sum to 0xB1B0AFBA.
    if let Some(at) = head_at.map(|at| at + 8) {
        let value = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out.get_mut(at..at + 4)?.copy_from_slice(&value.to_be_bytes());
    }
    Some(out)
}

/// The OpenType table checksum: the sum of big-endian 32-bit words, zero-padded.
pub(crate) fn checksum(data: &[u8]) -> u32 {
    let words = data.chunks_exact(4);
    let tail = words.remainder();
    let mut sum = words.fold(0u32, |sum, w| sum.wrapping_add(u32::from_be_bytes([w[0], w[1], w[2], w[3]])));
    if !tail.is_empty() {
        let mut word = [0u8; 4];
        word[..tail.len()].copy_from_slice(tail);
        sum = sum.wrapping_add(u32::from_be_bytes(word));
    }
    sum
}

/// The table directory of a TrueType font.
struct Sfnt<'f> {
    data: &'f [u8],
    /// (tag, offset, length), as the directory lists them.
    records: Vec<([u8; 4], usize, usize)>,
}

impl<'f> Sfnt<'f> {
    fn new(data: &'f [u8]) -> Option<Self> {
        if !matches!(read_u32(data, 0)?, 0x0001_0000 | 0x7472_7565) {
            return None;
        }
        let records = (0..usize::from(read_u16(data, 4)?))
            .map(|i| {
                let record = 12 + 16 * i;
                let tag: [u8; 4] = data.get(record..record + 4)?.try_into().ok()?;
                Some((tag, read_u32(data, record + 8)? as usize, read_u32(data, record + 12)? as usize))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Sfnt { data, records })
    }

    fn table(&self, tag: &[u8; 4]) -> Option<&'f [u8]> {
        let &(_, offset, length) = self.records.iter().find(|(t, _, _)| t == tag)?;
        self.data.get(offset..offset.checked_add(length)?)
    }
}

const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;
const WE_HAVE_INSTRUCTIONS: u16 = 0x0100;

/// The components of a composite glyph (OpenType `glyf`, "Composite glyph description"):
/// each one's glyph id and where that id is in the data, and where the glyph ends (after its
/// instructions, if it has any; bytes after the last component are padding otherwise).
/// `None` where the data is cut short.
fn components(data: &[u8]) -> Option<(Vec<(u16, usize)>, usize)> {
    // After numberOfContours and the bounding box.
    let mut at = 10;
    let mut out = Vec::new();
    loop {
        let flags = read_u16(data, at)?;
        out.push((read_u16(data, at + 2)?, at + 2));
        let arguments = if flags & ARG_1_AND_2_ARE_WORDS != 0 { 4 } else { 2 };
        let transform = if flags & WE_HAVE_A_SCALE != 0 {
            2
        } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
            4
        } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        let next = at + 4 + arguments + transform;
        if next > data.len() {
            return None;
        }
        if flags & MORE_COMPONENTS == 0 {
            let end = if flags & WE_HAVE_INSTRUCTIONS != 0 { data.len() } else { next };
            return Some((out, end));
        }
        at = next;
    }
}

/// A composite glyph with its components' new ids, appended to `out`.
fn composite_remapped(data: &[u8], new_id: impl Fn(u16) -> Option<u16>, out: &mut Vec<u8>) -> Option<()> {
    let (components, end) = components(data)?;
    let start = out.len();
    out.extend_from_slice(data.get(..end)?);
    for (gid, at) in components {
        out[start + at..start + at + 2].copy_from_slice(&new_id(gid)?.to_be_bytes());
    }
    Some(())
}

/// A `loca` entry for a glyph starting at `offset` in the new `glyf`.
fn push_offset(loca: &mut Vec<u8>, offset: usize, long: bool) -> Option<()> {
    if long {
        loca.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
    } else {
        loca.extend_from_slice(&u16::try_from(offset / 2).ok()?.to_be_bytes());
    }
    Some(())
}

fn read_u16(data: &[u8], at: usize) -> Option<u16> {
    data.get(at..at.checked_add(2)?).map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn read_i16(data: &[u8], at: usize) -> Option<i16> {
    read_u16(data, at).map(|v| v as i16)
}

fn read_u32(data: &[u8], at: usize) -> Option<u32> {
    data.get(at..at.checked_add(4)?).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(test)]
mod tests {
    use mizan_layout::FontSet;
    use subsetter::GlyphRemapper;

    use super::*;
    use crate::fonts::slim;

    /// The table record of `tag` in a font: (index of the record, offset, length).
    fn record(font: &[u8], tag: &[u8; 4]) -> (usize, usize, usize) {
        let sfnt = Sfnt::new(font).unwrap();
        let i = sfnt.records.iter().position(|(t, _, _)| t == tag).unwrap();
        let (_, offset, length) = sfnt.records[i];
        (i, offset, length)
    }

    #[test]
    fn the_subset_is_subsetters_without_names_with_heads_checksum_as_the_spec_says() {
        let fonts = FontSet::bundled();
        for face in fonts.faces() {
            let count = read_u16(Sfnt::new(face.data()).unwrap().table(b"maxp").unwrap(), 4).unwrap();
            let sets: [Vec<u16>; 4] = [
                vec![3, 40, 41, 300],
                (1..120).collect(),
                (0..count).step_by(7).collect(),
                (0..count).rev().step_by(3).rev().collect(),
            ];
            for glyphs in sets {
                let ours = truetype(face.data(), &glyphs).expect("a TrueType font");
                let theirs = subsetter::subset(face.data(), 0, &GlyphRemapper::new_from_glyphs_sorted(&glyphs))
                    .map(|p| slim(&p).unwrap())
                    .unwrap();
                assert_eq!(ours.len(), theirs.len(), "{}", face.name());
                // Everything equal but head's checksum in the directory and its
                // checkSumAdjustment: subsetter's head checksum counts a stale adjustment.
                let (i, head, _) = record(&ours, b"head");
                assert_eq!(record(&theirs, b"head").1, head);
                let mut differ = vec![12 + 16 * i + 4, head + 8];
                differ.dedup();
                for (at, (a, b)) in ours.iter().zip(&theirs).enumerate() {
                    if a != b {
                        assert!(differ.iter().any(|&d| (d..d + 4).contains(&at)), "{} byte {at}", face.name());
                    }
                }
                assert_eq!(checksum(&ours), 0xB1B0_AFBA, "checkSumAdjustment");
                let (_, offset, length) = record(&ours, b"head");
                let mut head = ours[offset..offset + length].to_vec();
                head[8..12].fill(0);
                assert_eq!(read_u32(&ours, 12 + 16 * i + 4), Some(checksum(&head)), "head checksum");
            }
        }
    }

    #[test]
    fn a_damaged_font_gives_none_or_a_font_never_a_panic() {
        let fonts = FontSet::bundled();
        let data = fonts.faces()[0].data();
        let glyphs = [3u16, 40, 41, 300, 1000];
        for cut in [0, 4, 12, 100, 400, 2_000, 50_000, data.len() / 2, data.len() - 1] {
            let _ = truetype(&data[..cut], &glyphs);
        }
        let mut damaged = data.to_vec();
        for at in (0..damaged.len()).step_by(997) {
            damaged[at] ^= 0xA5;
        }
        let _ = truetype(&damaged, &glyphs);
        assert_eq!(truetype(b"OTTO\0\0\0\0", &glyphs), None);
        // A glyph id past the font's glyphs.
        assert_eq!(truetype(data, &[u16::MAX - 1]), None);
    }
    /// A small font with short offsets: a subset of a bundled one.
    fn small_font() -> Vec<u8> {
        let fonts = FontSet::bundled();
        truetype(fonts.faces()[0].data(), &[3, 40, 41, 300]).unwrap()
    }

    /// Found by the font_subset fuzzer: a damaged indexToLocFormat (neither 0 nor 1) was
    /// read as long offsets, where read-fonts and the shaper read short ones, so the
    /// subset held other bytes than the glyphs the layout measured.
    #[test]
    fn a_damaged_loca_format_is_read_as_the_shaper_reads_it() {
        let font = small_font();
        let (_, head, _) = record(&font, b"head");
        assert_eq!(read_u16(&font, head + 50), Some(0));
        let mut damaged = font.clone();
        damaged[head + 50..head + 52].copy_from_slice(&2u16.to_be_bytes());
        let expected = truetype(&font, &[1, 2, 3]).unwrap();
        assert_eq!(truetype(&damaged, &[1, 2, 3]), Some(expected));
    }

    /// Found by the font_subset fuzzer: an `hhea` table longer than its 36 bytes got the
    /// new numberOfHMetrics at its end instead of at offset 34, so the subset's metrics
    /// were read with the old count.
    #[test]
    fn a_long_hhea_table_gets_its_metrics_count_in_place() {
        let font = small_font();
        let sfnt = Sfnt::new(&font).unwrap();
        let mut hhea = sfnt.table(b"hhea").unwrap().to_vec();
        hhea.extend_from_slice(&[0xAB; 6]);
        let tables: Vec<([u8; 4], Vec<u8>)> = sfnt
            .records
            .iter()
            .map(|(tag, _, _)| (*tag, if tag == b"hhea" { hhea.clone() } else { sfnt.table(tag).unwrap().to_vec() }))
            .collect();
        let tables: Vec<(&[u8; 4], &[u8])> = tables.iter().map(|(tag, data)| (tag, data.as_slice())).collect();
        let padded = sfnt_file(&tables).unwrap();
        assert_eq!(truetype(&padded, &[1, 2, 3]), truetype(&font, &[1, 2, 3]));
    }
}
