use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A point in time, in milliseconds since the Unix epoch (UTC).
///
/// Business logic never reads the clock: it is handed a [`Clock`], so tests are
/// deterministic and sync can order edits from different laptops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn from_millis(ms: i64) -> Self {
        Self(ms)
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    /// The calendar date (UTC) this timestamp falls on, as (year, month, day).
    pub fn date(self) -> (i32, u8, u8) {
        civil_from_days(self.0.div_euclid(86_400_000))
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC with milliseconds: `2025-11-20T09:30:00.000Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.date();
        let ms_of_day = self.0.rem_euclid(86_400_000);
        let (h, rest) = (ms_of_day / 3_600_000, ms_of_day % 3_600_000);
        let (min, rest) = (rest / 60_000, rest % 60_000);
        let (s, ms) = (rest / 1000, rest % 1000);
        write!(f, "{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{ms:03}Z")
    }
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
pub(crate) fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (y as i32, m as u8, d as u8)
}

/// Where the current time comes from.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
        Timestamp(ms)
    }
}

/// A clock for tests: returns a fixed time, advancing by `step` ms at each reading so
/// successive edits stay ordered.
#[derive(Debug)]
pub struct FixedClock {
    next: std::sync::atomic::AtomicI64,
    step: i64,
}

impl FixedClock {
    pub fn new(start: Timestamp, step_ms: i64) -> Self {
        Self { next: std::sync::atomic::AtomicI64::new(start.0), step: step_ms }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.next.fetch_add(self.step, std::sync::atomic::Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_rfc3339() {
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00.000Z");
        // 2025-11-20T09:30:00.250Z
        assert_eq!(Timestamp(1_763_631_000_250).to_string(), "2025-11-20T09:30:00.250Z");
        assert_eq!(Timestamp(951_782_400_000).date(), (2000, 2, 29));
    }

    #[test]
    fn fixed_clock_advances() {
        let clock = FixedClock::new(Timestamp(10), 5);
        assert_eq!(clock.now(), Timestamp(10));
        assert_eq!(clock.now(), Timestamp(15));
    }
}
