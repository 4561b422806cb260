//! Timestamps with nanosecond precision and the three Smithy wire formats.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const NANOS_PER_SEC: u32 = 1_000_000_000;
const SECS_PER_DAY: i64 = 86_400;
const DAY_NAMES: [&[u8; 3]; 7] = [b"Sun", b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat"];
const MONTH_NAMES: [&[u8; 3]; 12] =
    [b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"];

/// An instant as whole seconds since the Unix epoch plus a nanosecond fraction.
///
/// `secs` is the floor of the instant, so `nanos` is always in `0..1_000_000_000`
/// and counts forward even for instants before 1970: -1.5 s is `secs = -2, nanos = 500_000_000`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct DateTime {
    secs: i64,
    nanos: u32,
}

/// A timestamp wire format (the Smithy `timestampFormat` values).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Format {
    /// Seconds since the epoch as a decimal number, e.g. `1700000000.123`.
    EpochSeconds,
    /// RFC 3339 date-time (the ISO 8601 profile), e.g. `2023-11-14T22:13:20.123Z`.
    DateTime,
    /// RFC 7231 IMF-fixdate, e.g. `Tue, 14 Nov 2023 22:13:20 GMT`.
    HttpDate,
}

impl DateTime {
    /// The Unix epoch, 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: DateTime = DateTime { secs: 0, nanos: 0 };

    /// Creates a timestamp from whole seconds since the epoch.
    pub const fn from_secs(secs: i64) -> Self {
        DateTime { secs, nanos: 0 }
    }

    /// Creates a timestamp from milliseconds since the epoch.
    pub const fn from_millis(millis: i64) -> Self {
        DateTime { secs: millis.div_euclid(1000), nanos: millis.rem_euclid(1000) as u32 * 1_000_000 }
    }

    /// Creates a timestamp from seconds plus nanoseconds.
    ///
    /// `nanos` of a second or more is normalised by carrying whole seconds into
    /// `secs` (saturating at `i64::MAX`) rather than panicking.
    pub const fn from_secs_and_nanos(secs: i64, nanos: u32) -> Self {
        DateTime { secs: secs.saturating_add((nanos / NANOS_PER_SEC) as i64), nanos: nanos % NANOS_PER_SEC }
    }

    /// Creates a timestamp from fractional seconds, rounded to the nearest microsecond.
    ///
    /// Rounding to microseconds recovers the decimal the sender meant
    /// (`1700000000.123` rather than `...122999906`): an `f64` near present-day
    /// epoch values cannot carry more precision. Conversion saturates like an
    /// `as` cast: NaN gives the epoch and infinities the extreme seconds.
    pub fn from_fractional_secs(secs: f64) -> Self {
        let whole = secs.floor();
        // Exact for finite input; NaN casts to 0.
        let micros = ((secs - whole) * 1e6).round() as u32;
        Self::from_secs_and_nanos(whole as i64, micros * 1000)
    }

    /// Whole seconds since the epoch (the floor for instants before it).
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds past [`secs`](Self::secs), in `0..1_000_000_000`.
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Milliseconds since the epoch, floored; `i128` so that it cannot overflow.
    pub const fn as_millis(&self) -> i128 {
        self.secs as i128 * 1000 + (self.nanos / 1_000_000) as i128
    }

    /// Seconds since the epoch as a float (loses precision beyond about a microsecond).
    pub fn as_secs_f64(&self) -> f64 {
        self.secs as f64 + f64::from(self.nanos) / 1e9
    }

    /// Formats the timestamp in `format`.
    ///
    /// Epoch seconds are the shortest exact decimal (`1700000000`,
    /// `1700000000.000000001`, `-1.5`). RFC 3339 output is UTC with a `Z` and
    /// fractional seconds only when non-zero, trailing zeros trimmed. HTTP dates
    /// carry whole seconds. Years outside `0..=9999` are written with a sign
    /// (`+10000`, `-0001`), which [`parse`](Self::parse) accepts back.
    pub fn fmt(&self, format: Format) -> String {
        self.format_buf(format).as_str().to_owned()
    }

    /// Appends the formatted timestamp to `out` without allocating.
    pub(crate) fn write_bytes(&self, format: Format, out: &mut Vec<u8>) {
        out.extend_from_slice(self.format_buf(format).as_bytes());
    }

    fn format_buf(&self, format: Format) -> Buf {
        let mut b = Buf { bytes: [0; 64], len: 0 };
        let (days, sod) = (self.secs.div_euclid(SECS_PER_DAY), self.secs.rem_euclid(SECS_PER_DAY));
        let (y, m, d) = civil_from_days(days);
        match format {
            Format::EpochSeconds => {
                let (neg, whole, frac) = if self.secs >= 0 || self.nanos == 0 {
                    (self.secs < 0, self.secs.unsigned_abs(), self.nanos)
                } else {
                    // -(secs + 1) never overflows, even for i64::MIN.
                    (true, (-(self.secs + 1)) as u64, NANOS_PER_SEC - self.nanos)
                };
                if neg {
                    b.push_str(b"-");
                }
                b.num(whole, 1);
                b.fraction(frac);
            }
            Format::DateTime => {
                b.year(y);
                b.push_str(b"-");
                b.num(m.into(), 2);
                b.push_str(b"-");
                b.num(d.into(), 2);
                b.push_str(b"T");
                b.time(sod);
                b.fraction(self.nanos);
                b.push_str(b"Z");
            }
            Format::HttpDate => {
                // Day 0 (1970-01-01) was a Thursday.
                b.push_str(DAY_NAMES[(days + 4).rem_euclid(7) as usize]);
                b.push_str(b", ");
                b.num(d.into(), 2);
                b.push_str(b" ");
                b.push_str(MONTH_NAMES[m as usize - 1]);
                b.push_str(b" ");
                b.year(y);
                b.push_str(b" ");
                b.time(sod);
                b.push_str(b" GMT");
            }
        }
        b
    }

    /// Parses `s` in `format`.
    ///
    /// RFC 3339 accepts `T`, `t` or a space between date and time, fractional
    /// seconds of any length (truncated to nanoseconds), `Z`, `z` or a
    /// `+hh:mm`/`-hh:mm` offset, and second `60` (a leap second, counted as the
    /// first second of the next minute). HTTP dates must be IMF-fixdate, optionally
    /// with fractional seconds; day and month names match case-insensitively and
    /// the weekday is not checked against the date. Epoch seconds go through
    /// [`parse_epoch_number`](Self::parse_epoch_number).
    pub fn parse(s: &str, format: Format) -> Result<DateTime, DateTimeError> {
        match format {
            Format::EpochSeconds => Self::parse_epoch_number(s),
            Format::DateTime => parse_rfc3339(s),
            Format::HttpDate => parse_http_date(s),
        }
    }

    /// Parses the raw text of a JSON number as epoch seconds, losslessly.
    ///
    /// Works on the decimal digits directly (no `f64` round trip), so
    /// `1700000000.123`, `1.700000000123E9` and `-1.5` are exact. Digits beyond
    /// nanoseconds are truncated toward zero. The text must follow the JSON
    /// number grammar of RFC 8259 exactly (no `+`, leading zeros or whitespace).
    pub fn parse_epoch_number(text: &str) -> Result<DateTime, DateTimeError> {
        if let Some(plain) = plain_epoch(text.as_bytes()) {
            return Ok(plain);
        }
        let mut c = Cursor { s: text.as_bytes(), pos: 0, input: text, what: "epoch-seconds timestamp" };
        let neg = c.eat(b'-');
        let int_start = c.pos;
        match c.peek() {
            Some(b'0') => c.pos += 1,
            Some(b'1'..=b'9') => c.skip_digits(),
            _ => return Err(c.syntax("digit")),
        }
        let int = &c.s[int_start..c.pos];
        let mut frac: &[u8] = &[];
        if c.eat(b'.') {
            let start = c.pos;
            c.skip_digits();
            if c.pos == start {
                return Err(c.syntax("digit"));
            }
            frac = &c.s[start..c.pos];
        }
        let mut exp: i64 = 0;
        if matches!(c.peek(), Some(b'e' | b'E')) {
            c.pos += 1;
            let sign = if c.peek() == Some(b'-') { -1 } else { 1 };
            c.pos += usize::from(matches!(c.peek(), Some(b'-' | b'+')));
            let start = c.pos;
            while let Some(d @ b'0'..=b'9') = c.peek() {
                // Clamp: any exponent this large is out of range or yields zero anyway.
                exp = (exp * 10 + i64::from(d - b'0')).min(1 << 40);
                c.pos += 1;
            }
            if c.pos == start {
                return Err(c.syntax("exponent digit"));
            }
            exp *= sign;
        }
        c.end()?;
        decimal_to_datetime(neg, int, frac, exp).ok_or_else(|| c.error(DateTimeErrorKind::Overflow))
    }
}

/// The common form services write, `digits` or `digits.digits` (at most 18
/// and 9 digits, no sign or exponent), read in one pass; `None` for any
/// other text, which the general parser then reads or refuses.
fn plain_epoch(text: &[u8]) -> Option<DateTime> {
    let (int, frac) = match text.iter().position(|&b| b == b'.') {
        Some(dot) => (&text[..dot], &text[dot + 1..]),
        None => (text, &[][..]),
    };
    let dotted = int.len() < text.len();
    if int.is_empty()
        || int.len() > 18
        || (int.len() > 1 && int[0] == b'0')
        || frac.len() > 9
        || (dotted && frac.is_empty())
    {
        return None;
    }
    if !int.iter().chain(frac).all(u8::is_ascii_digit) {
        return None;
    }
    let secs = int.iter().fold(0, |acc, &d| acc * 10 + i64::from(d - b'0'));
    let nanos = frac.iter().fold(0, |acc, &d| acc * 10 + u32::from(d - b'0')) * 10u32.pow(9 - frac.len() as u32);
    Some(DateTime { secs, nanos })
}

/// Converts `±int.frac × 10^exp` to a timestamp, or `None` when it overflows.
fn decimal_to_datetime(neg: bool, int: &[u8], frac: &[u8], exp: i64) -> Option<DateTime> {
    // Treat the digits as one sequence with the decimal point before index
    // `point`; indices outside the sequence are zeros.
    let digit = |i: i64| usize::try_from(i).ok().and_then(|i| int.get(i).or(frac.get(i.wrapping_sub(int.len()))));
    let digit = |i: i64| digit(i).map_or(0, |d| u64::from(d - b'0'));
    let point = int.len() as i64 + exp;
    let Some(first) = (0..(int.len() + frac.len()) as i64).find(|&i| digit(i) != 0) else {
        return Some(DateTime::UNIX_EPOCH);
    };
    if point - first > 20 {
        return None;
    }
    let mut whole: u64 = 0;
    for i in first..point {
        whole = whole.checked_mul(10)?.checked_add(digit(i))?;
    }
    let nanos = (point..point + 9).fold(0, |acc, i| acc * 10 + digit(i) as u32);
    let secs = match (neg, nanos) {
        (false, _) => i128::from(whole),
        (true, 0) => -i128::from(whole),
        (true, _) => -i128::from(whole) - 1,
    };
    let nanos = if neg && nanos != 0 { NANOS_PER_SEC - nanos } else { nanos };
    Some(DateTime { secs: i64::try_from(secs).ok()?, nanos })
}

fn parse_rfc3339(s: &str) -> Result<DateTime, DateTimeError> {
    let mut c = Cursor { s: s.as_bytes(), pos: 0, input: s, what: "RFC 3339 date-time" };
    let year = c.year()?;
    c.expect(b"-", "'-'")?;
    let month = c.digits(2)?;
    c.expect(b"-", "'-'")?;
    let day = c.digits(2)?;
    match c.peek() {
        Some(b'T' | b't' | b' ') => c.pos += 1,
        _ => return Err(c.syntax("'T'")),
    }
    let (sod, nanos) = c.time()?;
    let offset = match c.peek() {
        Some(b'Z' | b'z') => {
            c.pos += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            c.pos += 1;
            let h = c.digits(2)?;
            c.expect(b":", "':'")?;
            let m = c.digits(2)?;
            if h > 23 || m > 59 {
                return Err(c.error(DateTimeErrorKind::FieldOutOfRange("UTC offset")));
            }
            let o = i64::from(h * 3600 + m * 60);
            if sign == b'-' { -o } else { o }
        }
        _ => return Err(c.syntax("'Z' or UTC offset")),
    };
    c.end()?;
    c.assemble(year, month, day, sod - offset, nanos)
}

fn parse_http_date(s: &str) -> Result<DateTime, DateTimeError> {
    let mut c = Cursor { s: s.as_bytes(), pos: 0, input: s, what: "HTTP date" };
    c.name(&DAY_NAMES, "day name")?;
    c.expect(b", ", "', '")?;
    let day = c.digits(2)?;
    c.expect(b" ", "' '")?;
    let month = c.name(&MONTH_NAMES, "month name")? as u32 + 1;
    c.expect(b" ", "' '")?;
    let year = c.year()?;
    c.expect(b" ", "' '")?;
    let (sod, nanos) = c.time()?;
    c.expect(b" GMT", "' GMT'")?;
    c.end()?;
    c.assemble(year, month, day, sod, nanos)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month and day 1-based).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    // Count years from March so the leap day falls at the end of the year.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`]: `(year, month, day)`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Fixed-capacity output buffer: every format fits in 64 bytes, so formatting never allocates.
struct Buf {
    bytes: [u8; 64],
    len: usize,
}

impl Buf {
    fn push_str(&mut self, s: &[u8]) {
        self.bytes[self.len..self.len + s.len()].copy_from_slice(s);
        self.len += s.len();
    }

    /// Writes `n` in decimal, zero-padded to `width`.
    fn num(&mut self, mut n: u64, width: usize) {
        let mut tmp = [b'0'; 20];
        let mut i = tmp.len();
        while n > 0 || i > tmp.len() - width.max(1) {
            i -= 1;
            tmp[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        self.push_str(&tmp[i..]);
    }

    fn year(&mut self, y: i64) {
        if y > 9999 {
            self.push_str(b"+");
        } else if y < 0 {
            self.push_str(b"-");
        }
        self.num(y.unsigned_abs(), 4);
    }

    fn time(&mut self, sod: i64) {
        self.num((sod / 3600) as u64, 2);
        self.push_str(b":");
        self.num((sod / 60 % 60) as u64, 2);
        self.push_str(b":");
        self.num((sod % 60) as u64, 2);
    }

    /// Writes `.` and the nanoseconds without trailing zeros, or nothing for zero.
    fn fraction(&mut self, nanos: u32) {
        if nanos != 0 {
            self.push_str(b".");
            let start = self.len;
            self.num(nanos.into(), 9);
            while self.len > start && self.bytes[self.len - 1] == b'0' {
                self.len -= 1;
            }
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).expect("formatted timestamps are ASCII")
    }
}

/// Parsing state shared by the text formats.
struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
    input: &'a str,
    what: &'static str,
}

impl Cursor<'_> {
    fn error(&self, kind: DateTimeErrorKind) -> DateTimeError {
        DateTimeError::new(kind, self.what, self.input)
    }

    fn syntax(&self, expected: &'static str) -> DateTimeError {
        self.error(DateTimeErrorKind::Syntax { offset: self.pos, expected })
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        self.pos += usize::from(hit);
        hit
    }

    /// Consumes `lit`, or fails at its first mismatching byte.
    fn expect(&mut self, lit: &[u8], expected: &'static str) -> Result<(), DateTimeError> {
        for &b in lit {
            if !self.eat(b) {
                return Err(self.syntax(expected));
            }
        }
        Ok(())
    }

    fn end(&self) -> Result<(), DateTimeError> {
        if self.pos == self.s.len() { Ok(()) } else { Err(self.syntax("end of input")) }
    }

    fn skip_digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    /// Exactly `n` ASCII digits.
    fn digits(&mut self, n: usize) -> Result<u32, DateTimeError> {
        let mut v = 0;
        for _ in 0..n {
            match self.peek() {
                Some(d @ b'0'..=b'9') => v = v * 10 + u32::from(d - b'0'),
                _ => return Err(self.syntax("digit")),
            }
            self.pos += 1;
        }
        Ok(v)
    }

    /// Four digits, or a sign and 4 to 15 digits (ISO 8601 expanded years).
    fn year(&mut self) -> Result<i64, DateTimeError> {
        let sign = match self.peek() {
            Some(b'-') => -1,
            Some(b'+') => 1,
            _ => return Ok(i64::from(self.digits(4)?)),
        };
        self.pos += 1;
        let start = self.pos;
        self.skip_digits();
        let len = self.pos - start;
        if !(4..=15).contains(&len) {
            self.pos = start + len.min(4);
            return Err(self.syntax("4 to 15 year digits"));
        }
        let digits = &self.s[start..self.pos];
        Ok(sign * digits.iter().fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0')))
    }

    /// `hh:mm:ss` with optional fraction, as (seconds of day, nanos); ranges checked.
    fn time(&mut self) -> Result<(i64, u32), DateTimeError> {
        let h = self.digits(2)?;
        self.expect(b":", "':'")?;
        let m = self.digits(2)?;
        self.expect(b":", "':'")?;
        let s = self.digits(2)?;
        for (v, max, field) in [(h, 23, "hour"), (m, 59, "minute"), (s, 60, "second")] {
            if v > max {
                return Err(self.error(DateTimeErrorKind::FieldOutOfRange(field)));
            }
        }
        let mut nanos = 0;
        if self.eat(b'.') {
            let start = self.pos;
            self.skip_digits();
            if self.pos == start {
                return Err(self.syntax("digit"));
            }
            let frac = &self.s[start..self.pos];
            for i in 0..9 {
                nanos = nanos * 10 + frac.get(i).map_or(0, |d| u32::from(d - b'0'));
            }
        }
        Ok((i64::from(h * 3600 + m * 60 + s), nanos))
    }

    /// One of `names` (case-insensitive), returning its index.
    fn name(&mut self, names: &[&[u8; 3]], expected: &'static str) -> Result<usize, DateTimeError> {
        let word = self.s.get(self.pos..self.pos + 3).unwrap_or_default();
        let found = names.iter().position(|n| n.eq_ignore_ascii_case(word));
        let index = found.ok_or_else(|| self.syntax(expected))?;
        self.pos += 3;
        Ok(index)
    }

    /// Checks the date fields and combines them with seconds since midnight (UTC).
    fn assemble(&self, year: i64, month: u32, day: u32, sod: i64, nanos: u32) -> Result<DateTime, DateTimeError> {
        if !(1..=12).contains(&month) {
            return Err(self.error(DateTimeErrorKind::FieldOutOfRange("month")));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(self.error(DateTimeErrorKind::FieldOutOfRange("day")));
        }
        // i128: the day's start can be out of range while the instant itself is not.
        let secs = i128::from(days_from_civil(year, month, day)) * i128::from(SECS_PER_DAY) + i128::from(sod);
        let secs = i64::try_from(secs).map_err(|_| self.error(DateTimeErrorKind::Overflow))?;
        Ok(DateTime { secs, nanos })
    }
}

impl fmt::Display for DateTime {
    /// Writes RFC 3339, as [`DateTime::fmt`] with [`Format::DateTime`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.format_buf(Format::DateTime).as_str())
    }
}

impl From<SystemTime> for DateTime {
    /// Converts exactly; saturates at the `i64` seconds range (unreachable on common platforms).
    fn from(t: SystemTime) -> Self {
        match t.duration_since(UNIX_EPOCH) {
            Ok(d) => Self::from_secs_and_nanos(i64::try_from(d.as_secs()).unwrap_or(i64::MAX), d.subsec_nanos()),
            Err(before) => {
                let d = before.duration();
                let secs = i64::try_from(d.as_secs()).map_or(i64::MIN, |s| -s);
                match d.subsec_nanos() {
                    0 => Self::from_secs(secs),
                    n => DateTime { secs: secs.saturating_sub(1), nanos: NANOS_PER_SEC - n },
                }
            }
        }
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = DateTimeError;

    /// Fails with [`DateTimeErrorKind::Overflow`] when the platform cannot represent the instant.
    fn try_from(t: DateTime) -> Result<Self, DateTimeError> {
        let nanos = Duration::from_nanos(t.nanos.into());
        let time = if t.secs >= 0 {
            UNIX_EPOCH.checked_add(Duration::from_secs(t.secs as u64))
        } else {
            UNIX_EPOCH.checked_sub(Duration::from_secs(t.secs.unsigned_abs()))
        };
        time.and_then(|time| time.checked_add(nanos))
            .ok_or_else(|| DateTimeError::new(DateTimeErrorKind::Overflow, "SystemTime", &t.to_string()))
    }
}

/// What was wrong with a timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateTimeErrorKind {
    /// The text does not follow the format's grammar.
    Syntax {
        /// Byte offset in the input where `expected` was not found.
        offset: usize,
        /// What the grammar required there, e.g. `"digit"`.
        expected: &'static str,
    },
    /// A field is outside its valid range, e.g. month 13 or 31 April; names the field.
    FieldOutOfRange(&'static str),
    /// The instant cannot be represented.
    Overflow,
}

/// A timestamp that could not be parsed or converted, with the offending input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeError {
    kind: DateTimeErrorKind,
    what: &'static str,
    input: String,
}

impl DateTimeError {
    fn new(kind: DateTimeErrorKind, what: &'static str, input: &str) -> Self {
        // Bound the copy: inputs can be attacker-sized.
        let end = input.char_indices().nth(64).map_or(input.len(), |(i, _)| i);
        let mut kept = input[..end].to_owned();
        if end < input.len() {
            kept.push('…');
        }
        DateTimeError { kind, what, input: kept }
    }

    /// What was wrong.
    pub fn kind(&self) -> &DateTimeErrorKind {
        &self.kind
    }

    /// The input that was rejected (truncated to 64 characters).
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} {:?}: ", self.what, self.input)?;
        match self.kind {
            DateTimeErrorKind::Syntax { offset, expected } => write!(f, "expected {expected} at offset {offset}"),
            DateTimeErrorKind::FieldOutOfRange(field) => write!(f, "{field} out of range"),
            DateTimeErrorKind::Overflow => f.write_str("out of range"),
        }
    }
}

impl std::error::Error for DateTimeError {}

#[cfg(test)]
#[path = "datetime_tests.rs"]
mod tests;
