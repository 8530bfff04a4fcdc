//! Reading the dates foreign files hold: ISO forms, EDTF (ranges, seasons, `~` and `?`),
//! dates written out in English, French, Arabic or Persian ("20 novembre 2025", "April
//! 23-26, 2017", "٢٠ نوفمبر ٢٠٢٥", "circa 1850", "Spring 2017"), and Hijri and Solar
//! Hijri dates (`1446 هـ`, `15 رمضان 1445`, `۱۵ مهر ۱۳۸۷`).
//!
//! A value that does not read as a date is not an error: it is kept as written (the
//! detail's literal, which every format writes back) and the reader warns.

use mizan_source::{Calendar, CalendarDate, DateDetail, PartialDate, Season, ascii_digits};

/// A date value as read: the date most code uses, and what the value said beyond it.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct DateRead {
    pub date: Option<PartialDate>,
    pub detail: DateDetail,
    /// What to warn about: why the value did not read as a date (it is then the
    /// literal), or how a doubtful one was read.
    pub warning: Option<String>,
}

impl DateRead {
    pub(crate) fn plain(date: PartialDate) -> Self {
        Self { date: Some(date), ..Self::default() }
    }

    /// A value kept as written because it does not read: `reason` says why.
    pub(crate) fn unread(input: &str, reason: String) -> Self {
        Self { date: None, detail: DateDetail::literal(input.trim()), warning: Some(reason) }
    }

    /// Sets a source's date and its detail; gives the warning to report, if any.
    pub(crate) fn store(self, date: &mut Option<PartialDate>, detail: &mut DateDetail) -> Option<String> {
        *date = self.date;
        *detail = DateDetail { date: self.date, ..self.detail }.or_empty();
        self.warning
    }
}

/// Reads a date written as text; see the module notes.
pub(crate) fn read_date_text(input: &str) -> DateRead {
    let original = input.trim();
    if original.is_empty() {
        return DateRead::default();
    }
    let text = normalise(original);
    if let Some(read) = persian_digit_year(original, &text) {
        return read;
    }
    if let Some(read) = gregorian(&text) {
        return read;
    }
    if let Some(read) = other_calendar(&text, original) {
        return read;
    }
    DateRead::unread(
        original,
        format!(
            "{original:?} does not read as a date (e.g. 2025, 2025-11, 2025-11-20, \"20 November 2025\"); kept as written"
        ),
    )
}

/// A bare year of 1200 to 1499 written in Persian digits (`۱۳۸۷`) is a Solar Hijri
/// year: Persian digits are written where that is the civil calendar, and a Gregorian
/// year so early is no modern source's. Read so, with a warning saying how.
fn persian_digit_year(original: &str, text: &str) -> Option<DateRead> {
    let persian = original.chars().any(|c| ('\u{06F0}'..='\u{06F9}').contains(&c));
    let year: i32 = text.parse().ok().filter(|y| (1200..1500).contains(y) && persian && is_year(text))?;
    let calendar = CalendarDate::new(Calendar::SolarHijri, year, None, None).ok()?;
    let (first, last) = calendar.gregorian();
    let detail = DateDetail {
        end: Some(last),
        literal: Some(original.to_owned()),
        calendar: Some(calendar),
        ..DateDetail::default()
    };
    let warning = format!("{original:?} is read as the Solar Hijri year {year} ({first} to {last}); kept as written");
    Some(DateRead { date: Some(first), detail, warning: Some(warning) })
}

/// ASCII digits, one kind of dash, no tatweel, single spaces.
fn normalise(text: &str) -> String {
    let text = ascii_digits(text);
    let text: String = text
        .chars()
        .filter(|c| *c != '\u{0640}')
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '،' | '٫' => ',',
            _ => c,
        })
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Gregorian date with its qualifiers, or `None` when the text is not one.
fn gregorian(text: &str) -> Option<DateRead> {
    let (text, approximate, uncertain) = qualifiers(text);
    let (start, end, season) = match season_of(&text) {
        Some((season, rest)) => {
            let year = PartialDate::parse(rest).ok().filter(|d| d.month.is_none())?;
            (year, None, Some(season))
        }
        None => {
            let (start, end) = plain_or_range(&text)?;
            (start, end, None)
        }
    };
    let detail = DateDetail { end, season, approximate, uncertain, ..DateDetail::default() };
    Some(DateRead { date: Some(start), detail, warning: None })
}

/// Takes "circa", `c.`, "vers", "حوالي" and EDTF's `~`, `?`, `%` off the text: (the rest,
/// approximate, uncertain).
fn qualifiers(text: &str) -> (String, bool, bool) {
    const CIRCA: [&str; 11] =
        ["circa ", "circa", "ca. ", "ca.", "c. ", "c.", "approx. ", "vers ", "env. ", "حوالي ", "نحو "];
    let mut rest = text.trim();
    let mut approximate = false;
    let lower = rest.to_lowercase();
    if let Some(prefix) = CIRCA.iter().find(|p| lower.starts_with(*p) && rest.is_char_boundary(p.len())) {
        rest = rest.get(prefix.len()..).unwrap_or_default().trim_start();
        approximate = true;
    }
    let mut uncertain = false;
    // EDTF puts the qualifier after the date (`2017~`), or after each of its parts.
    let bare: String = rest
        .chars()
        .filter(|c| match c {
            '~' => {
                approximate = true;
                false
            }
            '?' => {
                uncertain = true;
                false
            }
            '%' => {
                approximate = true;
                uncertain = true;
                false
            }
            _ => true,
        })
        .collect();
    (bare.trim().to_owned(), approximate, uncertain)
}

/// "Spring 2017", "printemps 2017", "ربيع 2017", "2017 Summer", EDTF `2017-21`: the season
/// and the rest of the text.
fn season_of(text: &str) -> Option<(Season, &str)> {
    if let Some((year, code)) = text.split_once('-')
        && year.len() == 4
        && let Ok(code) = code.parse::<i64>()
        && (21..=24).contains(&code)
    {
        return Some((Season::from_number(code)?, year));
    }
    const NAMES: [(Season, &[&str]); 4] = [
        (Season::Spring, &["spring", "printemps", "ربيع", "الربيع", "بهار"]),
        (Season::Summer, &["summer", "été", "ete", "صيف", "الصيف", "تابستان"]),
        (Season::Autumn, &["autumn", "fall", "automne", "خريف", "الخريف", "پاییز"]),
        (Season::Winter, &["winter", "hiver", "شتاء", "الشتاء", "زمستان"]),
    ];
    let (first, second) = text.split_once(' ')?;
    let find = |word: &str| {
        let word = word.to_lowercase();
        NAMES.iter().find(|(_, names)| names.contains(&word.as_str())).map(|(s, _)| *s)
    };
    match (find(first), find(second)) {
        (Some(season), None) => Some((season, second)),
        (None, Some(season)) => Some((season, first)),
        _ => None,
    }
}

/// A date or a range of two: ISO and EDTF (`2025-11-01/2025-11-30`, open ends), years
/// (`2017-2019`), written-out dates with a range of days (`April 23-26, 2017`).
fn plain_or_range(text: &str) -> Option<(PartialDate, Option<PartialDate>)> {
    if let Ok(date) = PartialDate::parse(text) {
        return Some((date, None));
    }
    if let Some((start, end)) = iso_range(text) {
        return Some((start, end));
    }
    if let Some((a, b)) = text.split_once('-').map(|(a, b)| (a.trim(), b.trim()))
        && is_year(a)
        && is_year(b)
    {
        let (a, b) = (PartialDate::parse(a).ok()?, PartialDate::parse(b).ok()?);
        return Some((a, (b != a).then_some(b)));
    }
    let written = written_out(text, gregorian_month)?;
    let start = PartialDate::new(written.year, written.month, written.day).ok()?;
    let end = match written.day_end {
        Some(day) => Some(PartialDate::new(written.year, written.month, Some(day)).ok()?),
        None => None,
    };
    Some((start, end.filter(|e| *e > start)))
}

/// An EDTF/BibLaTeX range `A/B` whose halves are ISO dates (either may be open: `..` or
/// nothing), as opposed to a slashed date such as `2025/11/20`. An open start gives the
/// end as the date: a source dated by a range is cited by the date it gives.
fn iso_range(text: &str) -> Option<(PartialDate, Option<PartialDate>)> {
    let (start, end) = text.split_once('/')?;
    let open = |s: &str| s.is_empty() || s == "..";
    let iso = |s: &str| open(s) || (s.contains('-') && !s.contains('/')) || is_year(s);
    if !(iso(start) && iso(end)) || (open(start) && open(end)) {
        return None;
    }
    if open(start) {
        return Some((PartialDate::parse(end).ok()?, None));
    }
    let first = PartialDate::parse(start).ok()?;
    if open(end) {
        return Some((first, None));
    }
    let last = PartialDate::parse(end).ok()?;
    Some((first, (last != first).then_some(last)))
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A date written out: a year, perhaps a month by name, perhaps a day or a range of days.
#[derive(Debug, PartialEq)]
struct Written {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
    day_end: Option<u8>,
}

/// `20 November 2025`, `November 20, 2025`, `novembre 2025`, `23-26 April 2017`, with
/// month names as `month` reads them (two-word names such as "كانون الثاني" included).
fn written_out(text: &str, month: fn(&str) -> Option<u8>) -> Option<Written> {
    let split: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut words: Vec<String> = Vec::with_capacity(split.len());
    let mut rest = split.as_slice();
    while let Some((first, tail)) = rest.split_first() {
        match tail.first() {
            Some(second) if month(&format!("{first} {second}")).is_some() => {
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
    let days = |w: &str| -> Option<(u8, Option<u8>)> {
        let w = ["er", "st", "nd", "rd", "th"].iter().fold(w, |w, suffix| w.trim_end_matches(suffix));
        let number = |n: &str| {
            (!n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit())).then(|| n.parse().ok())?
        };
        match w.split_once('-') {
            Some((a, b)) => Some((number(a)?, Some(number(b)?))),
            None => Some((number(w)?, None)),
        }
    };
    let year = |w: &str| {
        (w.len() <= 4 && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse::<i32>().ok())?
    };
    let (year, month, day) = match words.as_slice() {
        [y] => (year(y)?, None, None),
        [m, y] => (year(y)?, Some(month(m)?), None),
        [d, m, y] => match (days(d), month(m)) {
            (Some(d), Some(m)) => (year(y)?, Some(m), Some(d)),
            _ => (year(y)?, Some(month(d)?), Some(days(m)?)),
        },
        _ => return None,
    };
    Some(Written { year, month, day: day.map(|d| d.0), day_end: day.and_then(|d| d.1) })
}

/// The month a name means, in English, French or Arabic (Mashriq, Levantine and Maghreb
/// names), full or abbreviated.
pub(crate) fn gregorian_month(word: &str) -> Option<u8> {
    const NAMES: [&[&str]; 12] = [
        &["january", "jan", "janvier", "janv", "يناير", "كانون الثاني", "جانفي", "ژانویه"],
        &["february", "feb", "février", "fevrier", "févr", "fevr", "فبراير", "شباط", "فيفري", "فوریه"],
        &["march", "mar", "mars", "مارس", "آذار"],
        &["april", "apr", "avril", "avr", "أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "آوریل"],
        &["may", "mai", "مايو", "أيار", "ماي", "مه"],
        &["june", "jun", "juin", "يونيو", "يونيه", "حزيران", "جوان", "ژوئن"],
        &["july", "jul", "juillet", "juil", "يوليو", "يوليه", "تموز", "جويلية", "ژوئیه"],
        &["august", "aug", "août", "aout", "أغسطس", "اغسطس", "آب", "أوت", "اوت"],
        &["september", "sep", "sept", "septembre", "سبتمبر", "أيلول", "سپتامبر"],
        &["october", "oct", "octobre", "أكتوبر", "اكتوبر", "تشرين الأول", "اکتبر"],
        &["november", "nov", "novembre", "نوفمبر", "تشرين الثاني", "نوامبر"],
        &["december", "dec", "décembre", "decembre", "déc", "ديسمبر", "كانون الأول", "دسامبر"],
    ];
    lookup(&NAMES, word)
}

/// The Hijri months, in Arabic and Persian spellings and transliterated.
fn hijri_month(word: &str) -> Option<u8> {
    const NAMES: [&[&str]; 12] = [
        &["محرم", "المحرم", "muharram"],
        &["صفر", "safar"],
        &["ربيع الأول", "ربيع الاول", "ربيع اول", "rabi al-awwal", "rabi i"],
        &["ربيع الثاني", "ربيع الآخر", "ربيع الاخر", "ربيع ثاني", "rabi al-thani", "rabi ii"],
        &["جمادى الأولى", "جمادى الاولى", "جمادي الأولى", "جمادی الاول", "jumada al-ula", "jumada i"],
        &[
            "جمادى الآخرة",
            "جمادى الثانية",
            "جمادى الاخرة",
            "جمادي الآخرة",
            "جمادی الثانی",
            "jumada al-akhira",
            "jumada ii",
        ],
        &["رجب", "rajab"],
        &["شعبان", "shaaban", "sha'ban"],
        &["رمضان", "ramadan", "ramazan"],
        &["شوال", "shawwal"],
        &["ذو القعدة", "ذي القعدة", "ذوالقعده", "dhu al-qadah", "dhu al-qa'dah"],
        &["ذو الحجة", "ذي الحجة", "ذوالحجه", "dhu al-hijjah"],
    ];
    lookup(&NAMES, word)
}

/// The Solar Hijri months, in Persian.
fn solar_month(word: &str) -> Option<u8> {
    const NAMES: [&[&str]; 12] = [
        &["فروردین", "farvardin"],
        &["اردیبهشت", "ordibehesht"],
        &["خرداد", "khordad"],
        &["تیر", "tir"],
        &["مرداد", "امرداد", "mordad"],
        &["شهریور", "shahrivar"],
        &["مهر", "mehr"],
        &["آبان", "aban"],
        &["آذر", "azar"],
        &["دی", "dey"],
        &["بهمن", "bahman"],
        &["اسفند", "esfand"],
    ];
    lookup(&NAMES, word)
}

fn lookup(names: &[&[&str]; 12], word: &str) -> Option<u8> {
    // Persian writes yeh and kaf its own way; Arabic files often use the Arabic letters.
    let lower: String = word
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            _ => c,
        })
        .collect();
    let fold = |name: &str| -> String {
        name.chars()
            .map(|c| match c {
                'ي' | 'ى' => 'ی',
                'ك' => 'ک',
                _ => c,
            })
            .collect()
    };
    names.iter().position(|list| list.iter().any(|n| fold(n) == lower)).and_then(|i| u8::try_from(i + 1).ok())
}

/// The marks that say which calendar a year is in, after the year (`1446 هـ`, `1446هـ`,
/// `1387 ش`, `AH 1446`). `م` marks a Gregorian year beside a Hijri one.
const HIJRI_MARKS: [&str; 8] = ["هـ.ق", "ه.ق", "هـ", "ه", "ق", "a.h.", "ah", "h"];
const SOLAR_MARKS: [&str; 9] = ["هـ.ش", "ه.ش", "ه ش", "ش", "خورشیدی", "شمسی", "sh", "a.p.", "ap"];
const GREGORIAN_MARKS: [&str; 4] = ["م", "ميلادي", "ad", "ce"];

/// A Hijri or Solar Hijri date (perhaps written with its Gregorian year: `1446 هـ / 2024 م`),
/// or a date named with Hijri or Persian month names.
fn other_calendar(text: &str, original: &str) -> Option<DateRead> {
    // Both calendars written: the Gregorian part gives the date when it reads.
    // Written side by side as `1446 هـ / 2024 م`, `1446هـ - 2024م` or `1446 هـ (2024 م)`.
    let spaced = text.replace(" - ", "/");
    let parts: Vec<&str> = spaced.split(['/', '(', ')', '=']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut calendar_part = None;
    let mut gregorian_part = None;
    for part in &parts {
        if let Some(rest) = strip_mark(part, &GREGORIAN_MARKS) {
            gregorian_part = gregorian_part.or(PartialDate::parse(rest).ok());
        } else if calendar_part.is_none() {
            calendar_part = calendar_date(part);
        }
    }
    if parts.len() == 1 || calendar_part.is_none() {
        calendar_part = calendar_date(text);
    }
    let calendar = calendar_part?;
    let (first, last) = calendar.gregorian();
    let (date, end) = match gregorian_part {
        Some(year) if year.year >= first.year && year.year <= last.year => (year, None),
        _ => (first, (last != first).then_some(last)),
    };
    let detail =
        DateDetail { end, literal: Some(original.to_owned()), calendar: Some(calendar), ..DateDetail::default() };
    Some(DateRead { date: Some(date), detail, warning: None })
}

/// The text without a calendar mark at its end or start, if it has one of `marks`. A
/// mark at the end is a word of its own or follows digits (`1446هـ`).
fn strip_mark<'t>(text: &'t str, marks: &[&str]) -> Option<&'t str> {
    let lower = text.to_lowercase();
    // Lowercasing changed nothing in length, so byte offsets are the text's too.
    if lower.len() != text.len() {
        return None;
    }
    for mark in marks {
        if lower.ends_with(mark) {
            let cut = text.get(..text.len() - mark.len())?;
            if cut.ends_with(|c: char| c.is_ascii_digit() || c.is_whitespace()) {
                return Some(cut.trim());
            }
        }
        if lower.starts_with(&format!("{mark} ")) {
            return text.get(mark.len()..).map(str::trim);
        }
    }
    None
}

/// One date in another calendar: marked (`1446 هـ`), or named with that calendar's month
/// names (`15 رمضان 1445`, `۱۵ مهر ۱۳۸۷`).
fn calendar_date(text: &str) -> Option<CalendarDate> {
    let make = |calendar: Calendar, text: &str, month: fn(&str) -> Option<u8>| -> Option<CalendarDate> {
        let w = written_out(text, month).or_else(|| {
            let date = PartialDate::parse(text).ok()?;
            Some(Written { year: date.year, month: date.month, day: date.day, day_end: None })
        })?;
        CalendarDate::new(calendar, w.year, w.month, w.day).ok()
    };
    if let Some(rest) = strip_mark(text, &SOLAR_MARKS) {
        return make(Calendar::SolarHijri, rest, solar_month);
    }
    if let Some(rest) = strip_mark(text, &HIJRI_MARKS) {
        return make(Calendar::Hijri, rest, hijri_month);
    }
    // Unmarked: the month names tell (Persian month names are Solar Hijri ones).
    let named = |month: fn(&str) -> Option<u8>| written_out(text, month).is_some_and(|w| w.month.is_some());
    if named(solar_month) {
        return make(Calendar::SolarHijri, text, solar_month);
    }
    if named(hijri_month) {
        return make(Calendar::Hijri, text, hijri_month);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> String {
        let read = read_date_text(s);
        assert!(read.warning.is_none(), "{s}: {:?}", read.warning);
        read.date.map(|d| d.to_string()).unwrap_or_default()
    }

    fn detail(s: &str) -> DateDetail {
        read_date_text(s).detail
    }

    #[test]
    fn iso_and_ranges() {
        assert_eq!(date("2025"), "2025");
        assert_eq!(date(" 2025-11 "), "2025-11");
        assert_eq!(date("2025/11/20"), "2025-11-20");
        assert_eq!(date("2025-11-01/2025-11-30"), "2025-11-01");
        assert_eq!(detail("2025-11-01/2025-11-30").end.unwrap().to_string(), "2025-11-30");
        assert_eq!(date("2024/2025"), "2024");
        assert_eq!(detail("2017-2019").end.unwrap().to_string(), "2019");
        assert_eq!(date("../2025-03"), "2025-03");
        assert_eq!(date("2025-09-14T08:00:00Z"), "2025-09-14");
        assert_eq!(date("-0044-03-15"), "-0044-03-15");
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
        assert_eq!(date("April 23-26, 2017"), "2017-04-23");
        assert_eq!(detail("April 23–26, 2017").end.unwrap().to_string(), "2017-04-26");
        assert_eq!(detail("23-26 avril 2017").end.unwrap().to_string(), "2017-04-26");
    }

    #[test]
    fn seasons_and_qualifiers() {
        for (text, season) in [
            ("2017-21", Season::Spring),
            ("Spring 2017", Season::Spring),
            ("été 2017", Season::Summer),
            ("خريف 2017", Season::Autumn),
        ] {
            assert_eq!(date(text), "2017", "{text}");
            assert_eq!(detail(text).season, Some(season), "{text}");
        }
        let d = detail("circa 1850");
        assert!(d.approximate && !d.uncertain);
        let d = detail("2017?");
        assert!(d.uncertain && !d.approximate);
        assert!(detail("vers 2025").approximate);
        assert!(detail("2017%").approximate && detail("2017%").uncertain);
        assert_eq!(detail("2017~/2019").end.unwrap().to_string(), "2019");
    }

    #[test]
    fn hijri_and_solar_hijri_keep_both_calendars() {
        let read = read_date_text("1446 هـ");
        assert_eq!(read.date.unwrap().to_string(), "2024-07");
        assert_eq!(read.detail.end.unwrap().to_string(), "2025-06");
        assert_eq!(read.detail.calendar.unwrap().to_string(), "hijri:1446");
        assert_eq!(read.detail.literal.as_deref(), Some("1446 هـ"));
        assert_eq!(read_date_text("١٤٤٦هـ").detail.calendar.unwrap().to_string(), "hijri:1446");
        assert_eq!(read_date_text("15 رمضان 1445").detail.calendar.unwrap().to_string(), "hijri:1445-09-15");
        assert_eq!(read_date_text("15 رمضان 1445 هـ").date.unwrap().to_string(), "2024-03-25");
        let both = read_date_text("1446 هـ / 2024 م");
        assert_eq!((both.date.unwrap().to_string(), both.detail.end), ("2024".to_owned(), None));
        let solar = read_date_text("۱۵ مهر ۱۳۸۷");
        assert_eq!(solar.detail.calendar.unwrap().to_string(), "solar-hijri:1387-07-15");
        assert_eq!(solar.date.unwrap().to_string(), "2008-10");
        assert_eq!(read_date_text("۱۳۸۷ ش").detail.calendar.unwrap().to_string(), "solar-hijri:1387");
        let bare = read_date_text("۱۳۸۷");
        assert_eq!(bare.detail.calendar.unwrap().to_string(), "solar-hijri:1387");
        assert!(bare.warning.unwrap().contains("Solar Hijri"), "a guess is said");
        assert_eq!(read_date_text("١٣٨٧").date.unwrap().to_string(), "1387", "Arabic-Indic digits are only digits");
    }

    #[test]
    fn what_does_not_read_is_kept_as_written() {
        for text in ["13th cent", "n.d.", "31 novembre 2025", "2025-13", "la semaine dernière", "April 23-26"] {
            let read = read_date_text(text);
            assert_eq!(read.date, None, "{text}");
            assert_eq!(read.detail, DateDetail::literal(text), "{text}");
            assert!(read.warning.as_deref().is_some_and(|m| m.contains(text)), "{text}");
        }
        assert_eq!(read_date_text("  "), DateRead::default());
    }
}
