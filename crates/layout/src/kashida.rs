//! Where Arabic words may be stretched with kashida (tatweel, U+0640), and which of those
//! places a line uses.
//!
//! A place is "before the letter at `pos`": the tatweel goes between that letter and the one
//! before it. It must be safe for the font (harfrust's `SAFE_TO_INSERT_TATWEEL` glyph flag) and
//! allowed by the calligraphic rules kept here:
//! - the letter before must join forward (dual-joining): never after ا د ذ ر ز و ة ء …;
//! - never between lam and alef (the lam-alef ligature must stay whole);
//! - the letter after must join backward (it is an Arabic letter, not a mark, space or digit).
//!
//! Preference, best first (the classical Naskh habits):
//! 1. after an initial or medial seen, sheen, sad, dad, tah, zah (the long-toothed letters);
//! 2. before a final ha, ta marbuta, alef maqsura or yeh;
//! 3. before any other final letter (the last join of the word);
//! 4. any other allowed join.
//!
//! A line takes one place per word, the best-ranked places first and, among equals, places
//! spread evenly along the line; when every word has one, the chosen places grow (at most
//! [`MAX_PER_PLACE`] tatweels each). Never more than the line needs: the caller asks for a count.

use crate::script::{Joining, is_arabic_mark, joining};

/// Longest stretch at one place, in tatweels: beyond that a word looks torn apart.
pub(crate) const MAX_PER_PLACE: usize = 3;

/// A place where a tatweel may go, with its rank (0 is best) and the word it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) pos: usize,
    pub(crate) rank: u8,
    pub(crate) word: usize,
}

/// Checks the calligraphic rules for a tatweel before the character at byte `pos` of `text`
/// and returns its rank, or `None` if the join must not be stretched.
pub(crate) fn rank(text: &str, pos: usize) -> Option<u8> {
    let next = text.get(pos..)?.chars().next()?;
    if !matches!(joining(next), Joining::Dual | Joining::Right) {
        return None;
    }
    // The letter before, skipping the marks on it.
    let prev = text.get(..pos)?.chars().rev().find(|&c| !is_arabic_mark(c))?;
    if !matches!(joining(prev), Joining::Dual) {
        return None;
    }
    if prev == 'ل' && matches!(next, 'ا' | 'أ' | 'إ' | 'آ' | 'ٱ') {
        return None;
    }
    // Is `next` the last letter of its word? Look past its marks at what follows.
    let after = text.get(pos + next.len_utf8()..).unwrap_or("").chars().find(|&c| !is_arabic_mark(c));
    let next_is_final = after.is_none_or(|c| !matches!(joining(c), Joining::Dual | Joining::Right | Joining::Causing))
        || joining(next) == Joining::Right;
    let r = if matches!(prev, 'س' | 'ش' | 'ص' | 'ض' | 'ط' | 'ظ') {
        0
    } else if next_is_final && matches!(next, 'ه' | 'ة' | 'ى' | 'ي') {
        1
    } else if next_is_final {
        2
    } else {
        3
    };
    Some(r)
}

/// Chooses where `count` tatweels go among `places` (in logical order along the line).
/// Returns (position, tatweels) pairs sorted by position.
pub(crate) fn choose(places: &[Place], count: usize) -> Vec<(usize, usize)> {
    if count == 0 || places.is_empty() {
        return Vec::new();
    }
    // The best place of each word (lowest rank, then the first).
    let mut best: Vec<Place> = Vec::new();
    for p in places {
        match best.iter_mut().find(|b| b.word == p.word) {
            Some(b) if p.rank < b.rank => *b = *p,
            Some(_) => {}
            None => best.push(*p),
        }
    }
    let n = best.len();
    // Spread: order words by the bit-reversed index of their position on the line (a van der
    // Corput sequence), so any prefix of that order is evenly spread.
    let bits = usize::BITS - n.leading_zeros();
    let spread = |i: usize| -> usize { if bits == 0 { 0 } else { i.reverse_bits() >> (usize::BITS - bits) } };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (best[i].rank, spread(i), i));
    let mut counts = vec![0usize; n];
    let mut left = count;
    'rounds: for _ in 0..MAX_PER_PLACE {
        for &i in &order {
            if left == 0 {
                break 'rounds;
            }
            counts[i] += 1;
            left -= 1;
        }
    }
    let mut out: Vec<(usize, usize)> =
        best.iter().zip(&counts).filter(|(_, c)| **c > 0).map(|(p, c)| (p.pos, *c)).collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos_of(text: &str, nth_char: usize) -> usize {
        text.char_indices().nth(nth_char).unwrap().0
    }

    #[test]
    fn never_after_a_non_joining_letter() {
        // دار: dal and alef do not join forward; nothing can be stretched.
        let t = "دار";
        for i in 1..t.chars().count() {
            assert_eq!(rank(t, pos_of(t, i)), None, "{i}");
        }
        // وزير: after waw and zain, no; between yeh and reh, yes.
        let t = "وزير";
        assert_eq!(rank(t, pos_of(t, 1)), None);
        assert_eq!(rank(t, pos_of(t, 2)), None);
        assert!(rank(t, pos_of(t, 3)).is_some());
    }

    #[test]
    fn never_inside_lam_alef() {
        let t = "سلام";
        assert_eq!(rank(t, pos_of(t, 2)), None, "lam-alef");
        assert_eq!(rank(t, pos_of(t, 1)), Some(0), "after seen: first choice");
    }

    #[test]
    fn ranks_follow_the_classical_preferences() {
        let t = "مدرسة";
        // between seen and ta marbuta: after seen wins.
        assert_eq!(rank(t, pos_of(t, 4)), Some(0));
        let t = "كلمه";
        assert_eq!(rank(t, pos_of(t, 3)), Some(1), "before final ha");
        let t = "كتب";
        assert_eq!(rank(t, pos_of(t, 2)), Some(2), "before a final letter");
        assert_eq!(rank(t, pos_of(t, 1)), Some(3));
    }

    #[test]
    fn marks_are_skipped_when_looking_back() {
        let t = "سَلم";
        assert_eq!(rank(t, t.find('ل').unwrap()), Some(0));
    }

    #[test]
    fn one_place_per_word_then_longer() {
        let places = vec![
            Place { pos: 10, rank: 3, word: 0 },
            Place { pos: 12, rank: 0, word: 0 },
            Place { pos: 30, rank: 2, word: 1 },
            Place { pos: 50, rank: 1, word: 2 },
        ];
        assert_eq!(choose(&places, 1), vec![(12, 1)]);
        assert_eq!(choose(&places, 3), vec![(12, 1), (30, 1), (50, 1)]);
        assert_eq!(choose(&places, 4), vec![(12, 2), (30, 1), (50, 1)]);
        // Capped: three words, at most three tatweels each.
        assert_eq!(choose(&places, 100).iter().map(|p| p.1).sum::<usize>(), 9);
    }

    #[test]
    fn equal_ranks_are_spread_along_the_line() {
        let places: Vec<Place> = (0..8).map(|w| Place { pos: w * 10, rank: 3, word: w }).collect();
        let chosen: Vec<usize> = choose(&places, 2).iter().map(|p| p.0).collect();
        assert_eq!(chosen, vec![0, 40]);
    }
}
