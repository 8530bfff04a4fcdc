//! Character classes the engine needs and Unicode crates do not give: script (for font
//! fallback) and Arabic joining type (for kashida placement).

/// Script class of one character, for choosing a font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharScript {
    /// An Arabic-script letter or sign.
    Arabic,
    /// A letter of any other script (set with the Latin family, with fallback).
    Other,
    /// Spaces, digits, punctuation, symbols: they follow their neighbours.
    Common,
    /// Combining marks: they follow the character they sit on.
    Inherited,
}

pub(crate) fn char_script(c: char) -> CharScript {
    let u = c as u32;
    if is_arabic_mark(c) {
        return CharScript::Inherited;
    }
    // Arabic-Indic digits, Arabic comma, semicolon and question mark are Common in Unicode's
    // Scripts.txt, but they only exist in Arabic fonts: keep them with Arabic.
    if matches!(u, 0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF) {
        return CharScript::Arabic;
    }
    if matches!(u, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200C | 0x200D)
    {
        return CharScript::Inherited;
    }
    if c.is_alphabetic() { CharScript::Other } else { CharScript::Common }
}

/// Arabic harakat and other combining marks of the Arabic block.
pub(crate) fn is_arabic_mark(c: char) -> bool {
    matches!(c as u32, 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED | 0x08D3..=0x08FF)
}

/// Joining type (ArabicShaping.txt) of the letters that matter for kashida.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Joining {
    /// Joins on both sides (ب ت س ل م ه ي …).
    Dual,
    /// Joins only to the preceding letter (ا د ذ ر ز و ة …): nothing may be stretched after it.
    Right,
    /// Tatweel itself: joins on both sides.
    Causing,
    /// Marks: skipped when looking for the neighbouring letter.
    Transparent,
    /// Hamza, spaces, Latin: breaks the joining.
    None,
}

pub(crate) fn joining(c: char) -> Joining {
    if is_arabic_mark(c) {
        return Joining::Transparent;
    }
    match c {
        '\u{0640}' => Joining::Causing,
        // Right-joining letters of the Arabic block (ArabicShaping.txt, type R).
        '\u{0622}'..='\u{0625}'
        | '\u{0627}'
        | '\u{0629}'
        | '\u{062F}'..='\u{0632}'
        | '\u{0648}'
        | '\u{0671}'..='\u{0673}'
        | '\u{0675}'..='\u{0677}'
        | '\u{0688}'..='\u{0699}'
        | '\u{06C0}'
        | '\u{06C3}'..='\u{06CB}'
        | '\u{06CD}'
        | '\u{06CF}'
        | '\u{06D2}'
        | '\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'
        | '\u{06EF}'
        | '\u{0759}'..='\u{075B}'
        | '\u{076B}'
        | '\u{076C}'
        | '\u{0771}'
        | '\u{0773}'
        | '\u{0774}'
        | '\u{0778}'
        | '\u{0779}' => Joining::Right,
        // Hamza alone does not join.
        '\u{0621}' => Joining::None,
        // The other Arabic letters of the block are dual-joining.
        '\u{0620}'
        | '\u{0626}'
        | '\u{0628}'
        | '\u{062A}'..='\u{062E}'
        | '\u{0633}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'
        | '\u{066F}'
        | '\u{0678}'..='\u{0687}'
        | '\u{069A}'..='\u{06BF}'
        | '\u{06C1}'
        | '\u{06C2}'
        | '\u{06CC}'
        | '\u{06CE}'
        | '\u{06D0}'
        | '\u{06D1}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{0758}'
        | '\u{075C}'..='\u{076A}'
        | '\u{076D}'..='\u{0770}'
        | '\u{0772}'
        | '\u{0775}'..='\u{0777}'
        | '\u{077A}'..='\u{077F}' => Joining::Dual,
        _ => Joining::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_joining_letters_are_right_joining() {
        for c in "ادذرزوةأإآؤ".chars() {
            assert_eq!(joining(c), Joining::Right, "{c}");
        }
        assert_eq!(joining('ء'), Joining::None);
        for c in "بتثجحخسشصضطظعغفقكلمنهيى".chars() {
            assert_eq!(joining(c), Joining::Dual, "{c}");
        }
        assert_eq!(joining('\u{064E}'), Joining::Transparent);
    }

    #[test]
    fn scripts_of_typical_characters() {
        assert_eq!(char_script('س'), CharScript::Arabic);
        assert_eq!(char_script('،'), CharScript::Arabic);
        assert_eq!(char_script('é'), CharScript::Other);
        assert_eq!(char_script('2'), CharScript::Common);
        assert_eq!(char_script(' '), CharScript::Common);
        assert_eq!(char_script('\u{064B}'), CharScript::Inherited);
        assert_eq!(char_script('\u{0301}'), CharScript::Inherited);
    }
}
