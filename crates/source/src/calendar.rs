//! Dates in the calendars Arabic and Persian sources are dated in, and the Gregorian
//! dates they cover.
//!
//! The Hijri calendar is computed with the tabular (arithmetic) rule: months of 30 and 29
//! days, 11 leap years in 30. Saudi Umm al-Qura dates, and dates fixed by sighting the
//! moon, can fall a day or two from it, so a Hijri day gives its Gregorian day to within
//! two days; a year or a month gives the Gregorian months it spans. The Solar Hijri
//! (Persian) year starts at Nowruz, 20 or 21 March depending on the year; without the
//! astronomical tables that decide which, its dates are given to the Gregorian month
//! (every Solar Hijri month starts between the 20th and the 23rd of a Gregorian one, so
//! the month is certain). The date as written is always kept beside the Gregorian one.

use std::fmt;

use crate::PartialDate;

/// A calendar other than the Gregorian.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Calendar {
    /// The Islamic (lunar) Hijri calendar: `1446 هـ`, `AH 1446`.
    Hijri,
    /// The Solar Hijri calendar of Iran and Afghanistan: `۱۳۸۷ ش`, `مهر ۱۳۸۷`.
    SolarHijri,
}

impl Calendar {
    /// `hijri` or `solar-hijri`, the name stored and exchanged.
    pub fn name(self) -> &'static str {
        match self {
            Self::Hijri => "hijri",
            Self::SolarHijri => "solar-hijri",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "hijri" => Some(Self::Hijri),
            "solar-hijri" => Some(Self::SolarHijri),
            _ => None,
        }
    }

    fn days_in_month(self, year: i32, month: u8) -> u8 {
        match (self, month) {
            (Self::Hijri, 12) if hijri_leap(year) => 30,
            (Self::Hijri, m) if m % 2 == 1 => 30,
            (Self::Hijri, _) => 29,
            (Self::SolarHijri, 1..=6) => 31,
            // The last month has 30 days in a leap year; which years those are is what
            // the astronomical tables decide, so day 30 is accepted every year.
            (Self::SolarHijri, _) => 30,
        }
    }
}

/// A date in another [`Calendar`], known to the year, the month or the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CalendarDate {
    pub calendar: Calendar,
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl CalendarDate {
    /// Years 1 to 9999 of the calendar; months 1–12 and days that fit the month.
    pub fn new(calendar: Calendar, year: i32, month: Option<u8>, day: Option<u8>) -> Result<Self, &'static str> {
        if !(1..=9999).contains(&year) {
            return Err("year out of range");
        }
        match (month, day) {
            (None, Some(_)) => return Err("a day needs a month"),
            (Some(m), _) if !(1..=12).contains(&m) => return Err("month out of range"),
            (Some(m), Some(d)) if d == 0 || d > calendar.days_in_month(year, m) => return Err("day out of range"),
            _ => {}
        }
        Ok(Self { calendar, year, month, day })
    }

    /// Reads the text form [`Display`](fmt::Display) writes: `hijri:1446`,
    /// `solar-hijri:1387-07-15`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = |reason: &str| format!("{text:?} is not a date in another calendar: {reason}");
        let (name, date) = text.split_once(':').ok_or_else(|| bad("expected CALENDAR:YYYY[-MM[-DD]]"))?;
        let calendar = Calendar::from_name(name).ok_or_else(|| bad("unknown calendar"))?;
        let mut parts = date.split('-');
        let mut number = |what| -> Result<Option<u32>, String> {
            match parts.next() {
                None => Ok(None),
                Some(p) if !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()) => Ok(p.parse().ok()),
                Some(_) => Err(bad(what)),
            }
        };
        let year = number("bad year")?.and_then(|y| i32::try_from(y).ok()).ok_or_else(|| bad("no year"))?;
        let month = number("bad month")?.map(|m| u8::try_from(m).unwrap_or(u8::MAX));
        let day = number("bad day")?.map(|d| u8::try_from(d).unwrap_or(u8::MAX));
        if parts.next().is_some() {
            return Err(bad("too many parts"));
        }
        Self::new(calendar, year, month, day).map_err(bad)
    }

    /// The first and the last Gregorian date this date covers: days for a Hijri day,
    /// months otherwise (see the module notes). Equal when it covers one.
    pub fn gregorian(self) -> (PartialDate, PartialDate) {
        match self.calendar {
            Calendar::Hijri => {
                let (first, last) = self.hijri_days();
                if self.day.is_some() {
                    (civil(first), civil(last))
                } else {
                    (month_of(civil(first)), month_of(civil(last)))
                }
            }
            Calendar::SolarHijri => {
                // Nowruz on 20 March gives the earliest reading, on 21 March the latest.
                let (first, _) = self.solar_days(20);
                let (_, last) = self.solar_days(21);
                (month_of(civil(first)), month_of(civil(last)))
            }
        }
    }

    /// Days since 1970-01-01 of the first and last day covered, by the tabular rule.
    fn hijri_days(self) -> (i64, i64) {
        let year_start = |y: i32| -> i64 {
            let y = i64::from(y);
            // 1 Muharram 1 AH is 19 July 622 (proleptic Gregorian), day -492148.
            -492_148 + (y - 1) * 354 + (11 * y + 3) / 30
        };
        let month_start = |m: u8| -> i64 { (59 * i64::from(m - 1) + 1) / 2 };
        let start = year_start(self.year);
        match (self.month, self.day) {
            (None, _) => (start, year_start(self.year + 1) - 1),
            (Some(m), None) => {
                let first = start + month_start(m);
                (first, first + i64::from(Calendar::Hijri.days_in_month(self.year, m)) - 1)
            }
            (Some(m), Some(d)) => {
                let day = start + month_start(m) + i64::from(d) - 1;
                (day, day)
            }
        }
    }

    /// Days since 1970-01-01 of the first and last day covered, Nowruz taken on this
    /// day of March.
    fn solar_days(self, nowruz: u8) -> (i64, i64) {
        let year_start = |y: i32| days_from_civil(y + 621, 3, nowruz);
        let month_start = |m: u8| -> i64 {
            let m = i64::from(m);
            if m <= 7 { 31 * (m - 1) } else { 186 + 30 * (m - 7) }
        };
        let start = year_start(self.year);
        match (self.month, self.day) {
            (None, _) => (start, year_start(self.year + 1) - 1),
            (Some(m), None) => {
                let first = start + month_start(m);
                let last = if m == 12 { year_start(self.year + 1) - 1 } else { start + month_start(m + 1) - 1 };
                (first, last)
            }
            (Some(m), Some(d)) => {
                let day = start + month_start(m) + i64::from(d) - 1;
                (day, day)
            }
        }
    }
}

fn hijri_leap(year: i32) -> bool {
    (14 + 11 * i64::from(year)).rem_euclid(30) < 11
}

fn month_of(date: PartialDate) -> PartialDate {
    PartialDate { day: None, ..date }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{:04}", self.calendar.name(), self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (counting years in eras of 400,
/// from March, so that the leap day is the last of a year): the inverse of what
/// [`crate::Timestamp`] uses to print its date.
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = i64::from(year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let month_from_march = (m + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a day count (the inverse of [`days_from_civil`]).
pub(crate) fn civil(days: i64) -> PartialDate {
    let (year, month, day) = crate::timestamp::civil_from_days(days);
    PartialDate { year, month: Some(month), day: Some(day) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hijri(y: i32, m: Option<u8>, d: Option<u8>) -> CalendarDate {
        CalendarDate::new(Calendar::Hijri, y, m, d).unwrap()
    }

    fn span(date: CalendarDate) -> String {
        let (a, b) = date.gregorian();
        format!("{a}/{b}")
    }

    #[test]
    fn civil_days_round_trip() {
        for days in [-800_000, -492_148, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            let date = civil(days);
            assert_eq!(days_from_civil(date.year, date.month.unwrap(), date.day.unwrap()), days, "{date}");
        }
        assert_eq!(civil(0).to_string(), "1970-01-01");
        assert_eq!(civil(-492_148).to_string(), "0622-07-19");
    }

    #[test]
    fn hijri_dates_give_the_gregorian_they_cover() {
        // 1 Muharram 1446 was 7 July 2024 by Umm al-Qura, the 8th by the tabular rule (the
        // day or two the module notes allow); the year ended on 26 June 2025.
        assert_eq!(span(hijri(1446, Some(1), Some(1))), "2024-07-08/2024-07-08");
        assert_eq!(span(hijri(1446, None, None)), "2024-07/2025-06");
        // Ramadan 1445: 11 March – 9 April 2024.
        assert_eq!(span(hijri(1445, Some(9), None)), "2024-03/2024-04");
        assert_eq!(span(hijri(1, Some(1), Some(1))), "0622-07-19/0622-07-19");
        assert!(CalendarDate::new(Calendar::Hijri, 1446, Some(2), Some(30)).is_err(), "Safar has 29 days");
        assert!(CalendarDate::new(Calendar::Hijri, 0, None, None).is_err());
    }

    #[test]
    fn solar_hijri_dates_give_gregorian_months() {
        // 1387 began on 20 March 2008; Mehr 1387 ran from 22 September to 21 October.
        assert_eq!(span(CalendarDate::new(Calendar::SolarHijri, 1387, None, None).unwrap()), "2008-03/2009-03");
        assert_eq!(span(CalendarDate::new(Calendar::SolarHijri, 1387, Some(7), None).unwrap()), "2008-09/2008-10");
        assert_eq!(span(CalendarDate::new(Calendar::SolarHijri, 1387, Some(7), Some(15)).unwrap()), "2008-10/2008-10");
    }

    #[test]
    fn text_form_round_trips() {
        for date in [hijri(1446, None, None), hijri(1446, Some(3), Some(12))] {
            assert_eq!(CalendarDate::parse(&date.to_string()), Ok(date));
        }
        assert_eq!(hijri(1446, Some(3), None).to_string(), "hijri:1446-03");
        for bad in ["1446", "lunar:1446", "hijri:", "hijri:1446-13", "hijri:1446-01-01-01", "hijri:x"] {
            assert!(CalendarDate::parse(bad).is_err(), "{bad}");
        }
    }
}
