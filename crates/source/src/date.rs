use std::fmt;
use std::str::FromStr;

/// A date that may be known only to the year or the month (`2025`, `2025-11`, `2025-11-20`).
///
/// Sources are often dated loosely; keeping the precision we were given matters for
/// citations ("novembre 2025", not "1 novembre 2025"). Years before 1 are written the ISO
/// way, with a sign and four digits (`-0044-03-15`: year 0 is 1 BC, -44 is 45 BC, as in
/// CSL's date-parts); what it cannot say (a range's end, a season, "circa", words, another
/// calendar) is a [`crate::DateDetail`] beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a string is not a partial date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input:?} is not a date: {reason} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct PartialDateError {
    pub input: String,
    pub reason: &'static str,
}

impl PartialDate {
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Result<Self, &'static str> {
        if !(-9999..=9999).contains(&year) {
            return Err("year out of range");
        }
        match (month, day) {
            (None, Some(_)) => return Err("a day needs a month"),
            (Some(m), _) if !(1..=12).contains(&m) => return Err("month out of range"),
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => {
                return Err("day out of range");
            }
            _ => {}
        }
        Ok(Self { year, month, day })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (also accepts `/` as separator, and a
    /// trailing time part `THH:MM…`, which is dropped). Digits may be Arabic-Indic or
    /// Persian. A year before 1 has a leading `-` (`-0044`; `-044`, which Mizan wrote
    /// before, reads the same).
    pub fn parse(input: &str) -> Result<Self, PartialDateError> {
        let err = |reason| PartialDateError { input: input.to_owned(), reason };
        let ascii = ascii_digits(input);
        let text = ascii.trim();
        let text = text.split('T').next().unwrap_or(text);
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let mut parts = text.split(['-', '/']);
        let year_part = parts.next().filter(|p| !p.is_empty()).ok_or_else(|| err("empty"))?;
        let year: i32 = parse_digits(year_part).ok_or_else(|| err("bad year"))?;
        let year = if negative { -year } else { year };
        let month = match parts.next() {
            Some(p) => Some(parse_digits::<u8>(p).ok_or_else(|| err("bad month"))?),
            None => None,
        };
        let day = match parts.next() {
            Some(p) => Some(parse_digits::<u8>(p).ok_or_else(|| err("bad day"))?),
            None => None,
        };
        if parts.next().is_some() {
            return Err(err("too many parts"));
        }
        Self::new(year, month, day).map_err(err)
    }
}

impl PartialDate {
    /// The last day this date can mean: a source dated "2025" may be from 31 December,
    /// one dated "2025-02" from the 28th.
    pub fn latest_day(self) -> PartialDate {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        PartialDate { year: self.year, month: Some(month), day: Some(day) }
    }
}

/// Arabic-Indic (٠–٩) and Persian (۰–۹) digits as ASCII digits: a number written in
/// either is read like one written in ASCII, wherever a number is read.
pub fn ascii_digits(text: &str) -> std::borrow::Cow<'_, str> {
    let eastern = |c: char| matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}');
    if !text.chars().any(eastern) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            _ => c,
        })
        .collect()
}

fn parse_digits<T: FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for PartialDate {
    type Err = PartialDateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `{:04}` would count the sign as a digit (`-044`), which no reader takes.
        if self.year < 0 {
            write!(f, "-{:04}", self.year.unsigned_abs())?;
        } else {
            write!(f, "{:04}", self.year)?;
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_precision() {
        assert_eq!(PartialDate::parse("2025").unwrap().to_string(), "2025");
        assert_eq!(PartialDate::parse("2025-11").unwrap().to_string(), "2025-11");
        assert_eq!(PartialDate::parse("2025-11-20").unwrap().to_string(), "2025-11-20");
        assert_eq!(PartialDate::parse("2025/1/5").unwrap().to_string(), "2025-01-05");
        assert_eq!(PartialDate::parse("2025-11-20T10:00:00Z").unwrap().to_string(), "2025-11-20");
    }

    #[test]
    fn refuses_impossible_dates() {
        for bad in ["", "x", "2025-13", "2025-02-30", "2023-02-29", "2025--01", "2025-01-01-01", "20251"] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
        assert!(PartialDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn years_before_one_round_trip() {
        for text in ["-0044-03-15", "-0001", "0000", "-9999-12"] {
            assert_eq!(PartialDate::parse(text).unwrap().to_string(), text);
        }
        let ides = PartialDate::new(-44, Some(3), Some(15)).unwrap();
        assert_eq!(ides.to_string().parse::<PartialDate>(), Ok(ides));
        // What earlier versions wrote for these years still reads.
        assert_eq!(PartialDate::parse("-044-03-15"), Ok(ides));
        assert_eq!(PartialDate::parse("-004").unwrap().year, -4);
        assert!(PartialDate::parse("--44").is_err());
        assert!(PartialDate::parse("-").is_err());
    }

    #[test]
    fn eastern_digits_are_digits() {
        assert_eq!(PartialDate::parse("٢٠٢٥-١١-٢٠").unwrap().to_string(), "2025-11-20");
        assert_eq!(PartialDate::parse("۱۳۸۷").unwrap().year, 1387);
        assert_eq!(ascii_digits("ص ١٢"), "ص 12");
    }

    #[test]
    fn latest_day_fills_what_the_date_leaves_open() {
        assert_eq!(PartialDate::parse("2025").unwrap().latest_day().to_string(), "2025-12-31");
        assert_eq!(PartialDate::parse("2024-02").unwrap().latest_day().to_string(), "2024-02-29");
        assert_eq!(PartialDate::parse("2025-11-20").unwrap().latest_day().to_string(), "2025-11-20");
    }

    #[test]
    fn orders_chronologically() {
        assert!(PartialDate::parse("2024-12").unwrap() < PartialDate::parse("2025").unwrap());
    }
}
