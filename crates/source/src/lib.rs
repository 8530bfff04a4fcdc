//! The source model: what a source in an analyst's library is.
//!
//! These types know nothing about SQLite or file formats. The library crate stores
//! them, the interchange crate reads and writes them as CSL-JSON, BibTeX and RIS,
//! and briefs cite them by [`CitationKey`]. [`SourceField`] describes a source's fields
//! once, with their names in each of those layers, so the layers iterate it.
//!
//! ```
//! use mizan_source::{CitationKey, PartialDate, Person, Reliability, Source, SourceType};
//!
//! let mut source = Source::new(CitationKey::parse("lemonde-jnim-2025").unwrap(), "Le blocus de Bamako");
//! source.kind = SourceType::NewsArticle;
//! source.authors.push(Person::structured("Morgane", "Le Cam"));
//! source.issued = Some(PartialDate::parse("2025-11").unwrap());
//! assert_eq!(source.issued.unwrap().to_string(), "2025-11");
//! assert_eq!("B".parse::<Reliability>().unwrap(), Reliability::B);
//! ```

mod calendar;
mod date;
mod date_detail;
mod field;
mod grade;
mod key;
mod kind;
mod person;
mod source;
mod timestamp;

pub use calendar::{Calendar, CalendarDate, days_from_civil};
pub use date::{PartialDate, PartialDateError, ascii_digits};
pub use date_detail::{DateDetail, DateDetailError, Season};
pub use field::{FieldError, FieldKind, FieldValue, SourceField};
pub use grade::{Credibility, GradeError, Reliability};
pub use key::{CitationKey, CitationKeyError};
pub use kind::{SourceType, UnknownSourceType};
pub use person::Person;
pub use source::{Excerpt, Grading, Source, normalize_url};
pub use timestamp::{Clock, FixedClock, SystemClock, Timestamp};
