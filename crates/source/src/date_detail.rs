//! What a source's date says beyond its [`PartialDate`]: the end of a range, a season,
//! "circa" or a question mark, the words it was written in when they do not read as a
//! date, the date in the calendar it was written in.
//!
//! Most code reads a source's `issued` date and needs nothing more (the year filter, a
//! source's age, a citation's date); storage, sync and the interchange formats carry the
//! detail beside it, so that what a file said comes back out. A detail records the date
//! it was read with ([`DateDetail::date`]): once the date is edited, the detail no longer
//! [applies](DateDetail::applies_to) and is ignored, rather than describing another date.

use std::fmt;

use serde_json::{Map, Value};

use crate::{CalendarDate, PartialDate};

/// A season, as CSL (`season` 1–4, months 13–16 or 21–24) and EDTF (`2017-21`) give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    pub const ALL: [Season; 4] = [Season::Spring, Season::Summer, Season::Autumn, Season::Winter];

    /// `spring`, `summer`, `autumn`, `winter`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Spring => "spring",
            Self::Summer => "summer",
            Self::Autumn => "autumn",
            Self::Winter => "winter",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// 1 for spring … 4 for winter (CSL's `season`).
    pub fn number(self) -> u8 {
        match self {
            Self::Spring => 1,
            Self::Summer => 2,
            Self::Autumn => 3,
            Self::Winter => 4,
        }
    }

    /// CSL's season numbers: 1–4, and 13–16 or 21–24 in a date's month position (the
    /// latter EDTF's).
    pub fn from_number(n: i64) -> Option<Self> {
        match n {
            1 | 13 | 21 => Some(Self::Spring),
            2 | 14 | 22 => Some(Self::Summer),
            3 | 15 | 23 => Some(Self::Autumn),
            4 | 16 | 24 => Some(Self::Winter),
            _ => None,
        }
    }
}

/// See the module notes. The default is no detail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct DateDetail {
    /// The date this detail was read with: the source's date, or `None` when the file's
    /// value gave none (only a [`literal`](Self::literal)).
    pub date: Option<PartialDate>,
    /// The last day, month or year of a range that starts at [`date`](Self::date).
    pub end: Option<PartialDate>,
    pub season: Option<Season>,
    /// "circa", `c.`, EDTF `~`.
    pub approximate: bool,
    /// EDTF `?`: the date is given but in doubt.
    pub uncertain: bool,
    /// The value as the file wrote it, when the rest does not say all of it (words that
    /// do not read as a date, "13th cent", a date in another calendar as written).
    pub literal: Option<String>,
    /// The date in the calendar it was written in; [`date`](Self::date) (and
    /// [`end`](Self::end)) are then the Gregorian it covers.
    pub calendar: Option<CalendarDate>,
}

/// Why a text is not a date detail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date detail: {0}")]
pub struct DateDetailError(pub String);

impl DateDetail {
    /// Only a literal: what a file wrote that does not read as a date.
    pub fn literal(text: &str) -> Self {
        Self { literal: Some(text.to_owned()), ..Self::default() }
    }

    /// Nothing beyond the date.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether this detail describes `date` (see the module notes).
    pub fn applies_to(&self, date: Option<PartialDate>) -> bool {
        !self.is_empty() && self.date == date
    }

    /// The detail, or no detail when it says nothing beyond the date.
    pub fn or_empty(self) -> Self {
        let bare = Self { date: self.date, ..Self::default() };
        if self == bare { Self::default() } else { self }
    }

    /// The text form storage and sync keep: a JSON object with only the parts present
    /// (`{"date":"2017-04-23","end":"2017-04-26"}`), keys in a fixed order.
    pub fn to_text(&self) -> String {
        let mut map = Map::new();
        let mut put = |key: &str, value: Value| {
            map.insert(key.to_owned(), value);
        };
        if let Some(date) = self.date {
            put("date", Value::String(date.to_string()));
        }
        if let Some(end) = self.end {
            put("end", Value::String(end.to_string()));
        }
        if let Some(season) = self.season {
            put("season", Value::String(season.name().to_owned()));
        }
        if self.approximate {
            put("approximate", Value::Bool(true));
        }
        if self.uncertain {
            put("uncertain", Value::Bool(true));
        }
        if let Some(literal) = &self.literal {
            put("literal", Value::String(literal.clone()));
        }
        if let Some(calendar) = self.calendar {
            put("calendar", Value::String(calendar.to_string()));
        }
        Value::Object(map).to_string()
    }

    /// Reads [`to_text`](Self::to_text)'s form. Members a newer Mizan may add are
    /// ignored; a member this one knows must hold what it holds here.
    pub fn parse(text: &str) -> Result<Self, DateDetailError> {
        let bad = |reason: String| DateDetailError(reason);
        let value: Value = serde_json::from_str(text).map_err(|e| bad(format!("{text:?} is not JSON: {e}")))?;
        let Value::Object(map) = value else { return Err(bad(format!("{text:?} is not a JSON object"))) };
        let text_of = |key: &str| -> Result<Option<&str>, DateDetailError> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(other) => Err(bad(format!("`{key}` must be text, found {other}"))),
            }
        };
        let flag = |key: &str| -> Result<bool, DateDetailError> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(false),
                Some(Value::Bool(b)) => Ok(*b),
                Some(other) => Err(bad(format!("`{key}` must be true or false, found {other}"))),
            }
        };
        let date = |key: &str| -> Result<Option<PartialDate>, DateDetailError> {
            text_of(key)?.map(|t| PartialDate::parse(t).map_err(|e| bad(format!("`{key}`: {e}")))).transpose()
        };
        Ok(Self {
            date: date("date")?,
            end: date("end")?,
            season: text_of("season")?
                .map(|s| Season::from_name(s).ok_or_else(|| bad(format!("`season`: {s:?} is not a season"))))
                .transpose()?,
            approximate: flag("approximate")?,
            uncertain: flag("uncertain")?,
            literal: text_of("literal")?.map(str::to_owned),
            calendar: text_of("calendar")?
                .map(|c| CalendarDate::parse(c).map_err(|e| bad(format!("`calendar`: {e}"))))
                .transpose()?,
        })
    }

    /// The date with this detail in EDTF where EDTF says it (`2017-04-23/2017-04-26`,
    /// `2017-21` for spring 2017, `2017~`, `2017?`), else the literal: what a front end
    /// shows for a date, and what BibLaTeX's `date` field takes.
    pub fn edtf(&self) -> Option<String> {
        let Some(date) = self.date else { return self.literal.clone() };
        let mut out = match self.season {
            Some(season) => format!("{:04}-{}", date.year, 20 + season.number()),
            None => date.to_string(),
        };
        out.push_str(match (self.approximate, self.uncertain) {
            (true, true) => "%",
            (true, false) => "~",
            (false, true) => "?",
            (false, false) => "",
        });
        if let Some(end) = self.end {
            out.push('/');
            out.push_str(&end.to_string());
        }
        Some(out)
    }
}

impl fmt::Display for Season {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Calendar;

    fn date(s: &str) -> Option<PartialDate> {
        Some(PartialDate::parse(s).unwrap())
    }

    fn every_part() -> DateDetail {
        DateDetail {
            date: date("2024-07"),
            end: date("2025-06"),
            season: Some(Season::Winter),
            approximate: true,
            uncertain: true,
            literal: Some("1446 هـ \"x\"".into()),
            calendar: Some(CalendarDate::new(Calendar::Hijri, 1446, None, None).unwrap()),
        }
    }

    #[test]
    fn text_form_round_trips() {
        for detail in [every_part(), DateDetail::literal("13th cent"), DateDetail::default()] {
            assert_eq!(DateDetail::parse(&detail.to_text()), Ok(detail.clone()), "{}", detail.to_text());
        }
        let range = DateDetail { date: date("2017-04-23"), end: date("2017-04-26"), ..DateDetail::default() };
        assert_eq!(range.to_text(), r#"{"date":"2017-04-23","end":"2017-04-26"}"#);
        // A member a newer Mizan added is no reason to refuse the rest.
        assert_eq!(DateDetail::parse(r#"{"end":"2017","era":"x"}"#).unwrap().end, date("2017"));
    }

    #[test]
    fn bad_text_is_refused_with_a_reason() {
        for bad in ["", "[]", r#"{"end":"2017-13"}"#, r#"{"season":"monsoon"}"#, r#"{"approximate":"yes"}"#] {
            assert!(DateDetail::parse(bad).is_err(), "{bad}");
        }
        assert!(DateDetail::parse(r#"{"calendar":"mayan:1"}"#).unwrap_err().to_string().contains("calendar"));
    }

    #[test]
    fn a_detail_applies_only_to_its_date() {
        let detail = DateDetail { date: date("2017"), season: Some(Season::Spring), ..DateDetail::default() };
        assert!(detail.applies_to(date("2017")));
        assert!(!detail.applies_to(date("2018")));
        assert!(!DateDetail::default().applies_to(None));
        assert!(DateDetail::literal("n.d.").applies_to(None));
        assert!(DateDetail { date: date("2017"), ..DateDetail::default() }.or_empty().is_empty());
    }

    #[test]
    fn edtf_says_what_it_can() {
        let mut d = DateDetail { date: date("2017"), season: Some(Season::Spring), ..DateDetail::default() };
        assert_eq!(d.edtf().as_deref(), Some("2017-21"));
        d.season = None;
        d.uncertain = true;
        assert_eq!(d.edtf().as_deref(), Some("2017?"));
        d.approximate = true;
        d.end = date("2019");
        assert_eq!(d.edtf().as_deref(), Some("2017%/2019"));
        assert_eq!(DateDetail::literal("13th cent").edtf().as_deref(), Some("13th cent"));
    }
}
