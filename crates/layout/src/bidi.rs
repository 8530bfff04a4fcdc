//! The bidi step (UAX #9): embedding levels for the paragraph, then visual order per line.
//!
//! Levels are resolved once for the whole paragraph with the block's direction as paragraph
//! level; each run is later shaped in its own direction, so numbers and Latin names inside
//! Arabic keep their order. Reordering (L1, L2) is done per line, after line breaking.

use std::ops::Range;

use unicode_bidi::{Level, ParagraphBidiInfo};

use crate::model::BaseDirection;

/// Resolved levels of one paragraph.
pub(crate) struct Bidi<'t> {
    info: ParagraphBidiInfo<'t>,
}

impl<'t> Bidi<'t> {
    pub(crate) fn new(text: &'t str, direction: BaseDirection) -> Self {
        let level = match direction {
            BaseDirection::Ltr => Level::ltr(),
            BaseDirection::Rtl => Level::rtl(),
        };
        Bidi { info: ParagraphBidiInfo::new(text, Some(level)) }
    }

    /// Embedding level of the character starting at byte `i`.
    pub(crate) fn level_at(&self, i: usize) -> u8 {
        self.info.levels.get(i).map_or(0, Level::number)
    }

    /// The runs of a line in visual order (left to right), each with its level after rule L1.
    pub(crate) fn visual_runs(&self, line: Range<usize>) -> Vec<(Range<usize>, u8)> {
        if line.is_empty() {
            return Vec::new();
        }
        let (levels, runs) = self.info.visual_runs(line);
        runs.into_iter()
            .map(|r| {
                let level = levels.get(r.start).map_or(0, Level::number);
                (r, level)
            })
            .collect()
    }
}

/// Levels after L1 and the visual order of the characters of `text` laid out as one line,
/// for a paragraph direction (`None` = auto, rules P2–P3). Characters removed by rule X9
/// get level `None` and are left out of the order. This is the same computation the layout
/// uses, exposed so it can be checked against Unicode's conformance data.
pub fn line_levels_and_order(text: &str, direction: Option<BaseDirection>) -> (Vec<Option<u8>>, Vec<usize>) {
    let level = direction.map(|d| if d == BaseDirection::Rtl { Level::rtl() } else { Level::ltr() });
    let info = ParagraphBidiInfo::new(text, level);
    let per_char = info.reordered_levels_per_char(0..text.len());
    let removed: Vec<bool> = text.chars().map(removed_by_x9).collect();
    let levels = per_char.iter().zip(&removed).map(|(l, &x)| if x { None } else { Some(l.number()) }).collect();
    let order = ParagraphBidiInfo::reorder_visual(&per_char)
        .into_iter()
        .filter(|&i| !removed.get(i).copied().unwrap_or(false))
        .collect();
    (levels, order)
}

/// Rule X9 removes explicit embedding controls and boundary-neutral characters from the levels.
fn removed_by_x9(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{00AD}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{180E}')
        || matches!(c as u32, 0x00..=0x08 | 0x0E..=0x1B | 0x7F..=0x84 | 0x86..=0x9F | 0x206A..=0x206F | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F)
        || matches!(c, '\u{200C}' | '\u{200D}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_inside_arabic_keep_their_order() {
        let text = "بلغ عدد النازحين 2025 شخصاً";
        let bidi = Bidi::new(text, BaseDirection::Rtl);
        let runs = bidi.visual_runs(0..text.len());
        // Visual order, left to right: the end of the sentence, the number (LTR), the start.
        let pieces: Vec<&str> = runs.iter().map(|(r, _)| &text[r.clone()]).collect();
        assert!(pieces.contains(&"2025"), "{pieces:?}");
        let number = runs.iter().find(|(r, _)| &text[r.clone()] == "2025").unwrap();
        assert_eq!(number.1 % 2, 0, "digits resolve to an even (LTR) level");
        assert!(runs.first().unwrap().0.start > number.0.start, "first visual run is the sentence end");
    }

    #[test]
    fn latin_name_inside_arabic_is_one_ltr_run() {
        let text = "قال Emmanuel Macron إن";
        let bidi = Bidi::new(text, BaseDirection::Rtl);
        let runs = bidi.visual_runs(0..text.len());
        let latin = runs.iter().find(|(r, _)| text[r.clone()].contains("Emmanuel")).unwrap();
        assert_eq!(&text[latin.0.clone()], "Emmanuel Macron");
        assert_eq!(latin.1, 2);
    }

    /// Runs Unicode's BidiCharacterTest.txt (Debian package unicode-data) through the same
    /// computation the layout uses. Skipped with a notice when the file is not installed.
    #[test]
    fn unicode_bidi_character_test() {
        let path = "/usr/share/unicode/BidiCharacterTest.txt";
        let Ok(data) = std::fs::read_to_string(path) else {
            println!("NOTICE: {path} not found (Debian package unicode-data); conformance test skipped");
            return;
        };
        let (mut passed, mut failed) = (0usize, Vec::new());
        for (n, line) in data.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split(';').collect();
            assert_eq!(fields.len(), 5, "line {}: malformed", n + 1);
            let text: String = fields[0]
                .split_whitespace()
                .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
                .collect();
            let direction = match fields[1] {
                "0" => Some(BaseDirection::Ltr),
                "1" => Some(BaseDirection::Rtl),
                _ => None,
            };
            let want_levels: Vec<Option<u8>> =
                fields[3].split_whitespace().map(|l| if l == "x" { None } else { Some(l.parse().unwrap()) }).collect();
            let want_order: Vec<usize> = fields[4].split_whitespace().map(|i| i.parse().unwrap()).collect();
            let (levels, order) = line_levels_and_order(&text, direction);
            // Levels of X9-removed characters are not defined by the test; compare the others.
            let levels_ok = levels.len() == want_levels.len()
                && levels.iter().zip(&want_levels).all(|(got, want)| want.is_none() || got == want);
            if levels_ok && order == want_order {
                passed += 1;
            } else {
                failed.push(n + 1);
            }
        }
        println!("BidiCharacterTest: {passed} passed, {} failed", failed.len());
        // unicode-bidi 0.3.18 passes all 91,707 cases of Unicode 15.0's file: no exceptions.
        assert!(
            failed.is_empty(),
            "bidi conformance: {} failures, first lines {:?}",
            failed.len(),
            &failed[..failed.len().min(10)]
        );
        assert!(passed > 90_000);
    }
}
