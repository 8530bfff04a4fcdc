//! Reading the dates foreign files hold: ISO forms, EDTF ranges, and dates written out in
//! English, French or Arabic ("20 novembre 2025", "November 2025", "٢٠ نوفمبر ٢٠٢٥").

use mizan_source::PartialDate;

/// Reads a date written as text. Ranges (`2025-11-01/2025-11-30`) give their start: a
/// source dated by a range is cited by when it begins.
pub(crate) fn parse_date_text(input: &str) -> Result<PartialDate, String> {
    let text = western_digits(input.trim());
    if text.is_empty() {
        return Err("the date is empty".to_owned());
    }
    if let Ok(date) = PartialDate::parse(&text) {
        return Ok(date);
    }
    if let Some(start) = range_start(&text)
        && let Ok(date) = PartialDate::parse(start)
    {
        return Ok(date);
    }
    written_out(&text).ok_or_else(|| {
        format!("cannot read {input:?} as a date (expected e.g. 2025, 2025-11, 2025-11-20 or \"20 November 2025\")")
    })
}

/// The start of an EDTF/BibLaTeX range `A/B` (either end may be open), when the two halves
/// are ISO dates rather than the parts of a slashed date such as `2025/11/20`.
fn range_start(text: &str) -> Option<&str> {
    let (start, end) = text.split_once('/')?;
    let iso = |s: &str| s.is_empty() || s == ".." || (s.contains('-') && !s.contains('/')) || is_year(s);
    (iso(start) && iso(end) && !(start.is_empty() && end.is_empty()))
        .then(|| if start.is_empty() || start == ".." { end } else { start })
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Arabic-Indic (٠–٩) and Persian (۰–۹) digits as ASCII digits.
fn western_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            _ => c,
        })
        .collect()
}

/// `20 November 2025`, `November 20, 2025`, `novembre 2025`, `20 نوفمبر 2025`.
fn written_out(text: &str) -> Option<PartialDate> {
    let split: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '،')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    // Levantine month names are two words ("كانون الثاني"): join such pairs first.
    let mut words: Vec<String> = Vec::with_capacity(split.len());
    let mut rest = split.as_slice();
    while let Some((first, tail)) = rest.split_first() {
        match tail.first() {
            Some(second) if month_number(&format!("{first} {second}")).is_some() => {
                words.push(format!("{first} {second}"));
                rest = tail.get(1..).unwrap_or_default();
            }
            _ => {
                words.push((*first).to_owned());
                rest = tail;
            }
        }
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let number = |w: &str| -> Option<u32> {
        let w = ["er", "st", "nd", "rd", "th"].iter().fold(w, |w, suffix| w.trim_end_matches(suffix));
        (!w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok())?
    };
    let year = |w: &str| is_year(w).then(|| w.parse::<i32>().ok())?;
    let (year, month, day) = match words.as_slice() {
        [y] => (year(y)?, None, None),
        [m, y] => (year(y)?, Some(month_number(m)?), None),
        [d, m, y] => match (number(d), month_number(m)) {
            (Some(d), Some(m)) => (year(y)?, Some(m), Some(d)),
            _ => (year(y)?, Some(month_number(d)?), Some(number(m)?)),
        },
        _ => return None,
    };
    let day = match day {
        Some(d) => Some(u8::try_from(d).ok()?),
        None => None,
    };
    PartialDate::new(year, month, day).ok()
}

/// The month a name means, in English, French or Arabic (Mashriq, Levantine and Maghreb
/// names), full or abbreviated.
pub(crate) fn month_number(word: &str) -> Option<u8> {
    let lower = word.to_lowercase();
    let w = lower.as_str();
    const NAMES: [&[&str]; 12] = [
        &["january", "jan", "janvier", "janv", "يناير", "كانون الثاني", "جانفي"],
        &["february", "feb", "février", "fevrier", "févr", "fevr", "فبراير", "شباط", "فيفري"],
        &["march", "mar", "mars", "مارس", "آذار"],
        &["april", "apr", "avril", "avr", "أبريل", "ابريل", "نيسان", "أفريل"],
        &["may", "mai", "مايو", "أيار", "ماي"],
        &["june", "jun", "juin", "يونيو", "حزيران", "جوان"],
        &["july", "jul", "juillet", "juil", "يوليو", "تموز", "جويلية"],
        &["august", "aug", "août", "aout", "أغسطس", "اغسطس", "آب", "أوت"],
        &["september", "sep", "sept", "septembre", "سبتمبر", "أيلول"],
        &["october", "oct", "octobre", "أكتوبر", "اكتوبر", "تشرين الأول"],
        &["november", "nov", "novembre", "نوفمبر", "تشرين الثاني"],
        &["december", "dec", "décembre", "decembre", "déc", "ديسمبر", "كانون الأول"],
    ];
    NAMES.iter().position(|names| names.contains(&w)).and_then(|i| u8::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> String {
        parse_date_text(s).unwrap().to_string()
    }

    #[test]
    fn iso_and_ranges() {
        assert_eq!(date("2025"), "2025");
        assert_eq!(date(" 2025-11 "), "2025-11");
        assert_eq!(date("2025/11/20"), "2025-11-20");
        assert_eq!(date("2025-11-01/2025-11-30"), "2025-11-01");
        assert_eq!(date("2024/2025"), "2024");
        assert_eq!(date("../2025-03"), "2025-03");
        assert_eq!(date("2025-09-14T08:00:00Z"), "2025-09-14");
    }

    #[test]
    fn written_out_dates() {
        assert_eq!(date("20 novembre 2025"), "2025-11-20");
        assert_eq!(date("1er septembre 2025"), "2025-09-01");
        assert_eq!(date("November 20, 2025"), "2025-11-20");
        assert_eq!(date("Sept. 2025"), "2025-09");
        assert_eq!(date("٢٠ نوفمبر ٢٠٢٥"), "2025-11-20");
        assert_eq!(date("3 جوان 2025"), "2025-06-03");
        assert_eq!(date("كانون الثاني 2025"), "2025-01");
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in ["", "printemps 2025", "31 novembre 2025", "2025-13", "n.d.", "20 11 2025 x"] {
            assert!(parse_date_text(bad).is_err(), "{bad}");
        }
        let message = parse_date_text("hier").unwrap_err();
        assert!(message.contains("\"hier\""), "{message}");
    }
}
