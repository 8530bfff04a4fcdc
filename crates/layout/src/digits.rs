//! Digit shapes for page and note numbers: Western (0–9, the Maghreb) or Arabic-Indic (٠–٩,
//! the Mashriq), a per-brief choice.

/// Which digits numbers are written with (named apart from the brief's `Digits`, the analyst's
/// front-matter choice that export maps onto a digit set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DigitSet {
    /// 0123456789
    #[default]
    Western,
    /// ٠١٢٣٤٥٦٧٨٩ (U+0660–U+0669)
    ArabicIndic,
}

/// Rewrites the ASCII digits of `text` in the chosen digit set; everything else is kept.
pub fn shape_digits(text: &str, digits: DigitSet) -> String {
    match digits {
        DigitSet::Western => text.to_owned(),
        DigitSet::ArabicIndic => text
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => char::from_u32(0x0660 + d).unwrap_or(c),
                _ => c,
            })
            .collect(),
    }
}

/// A number (page, note) written in the chosen digits.
pub fn format_number(n: u64, digits: DigitSet) -> String {
    shape_digits(&n.to_string(), digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_indic_digits() {
        assert_eq!(format_number(2025, DigitSet::ArabicIndic), "٢٠٢٥");
        assert_eq!(format_number(2025, DigitSet::Western), "2025");
        assert_eq!(shape_digits("ص 12، ن 3", DigitSet::ArabicIndic), "ص ١٢، ن ٣");
    }
}
