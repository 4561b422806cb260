//! Number scanning and conversion for [`JsonReader`]: a submodule of `json`,
//! kept in its own file for length.

use super::{JsonError, JsonErrorKind, JsonReader, Number};

/// Exact powers of ten representable in `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// A scanned number: its text span plus what the fast conversions need.
struct NumberToken {
    start: usize,
    end: usize,
    neg: bool,
    /// No fraction and no exponent.
    integer: bool,
    /// Up to 19 significant digits; the magnitude is about `mantissa × 10^exp10`.
    mantissa: u64,
    exp10: i64,
    /// No non-zero digit was dropped, so the magnitude is exactly `mantissa × 10^exp10`.
    exact: bool,
}

impl NumberToken {
    /// `Some(Some(v))` for an integral value, `Some(None)` if integral but beyond
    /// `i128` or dropped digits make it at least 10^19 (too big for any target),
    /// `None` if it has a non-zero fraction (`5.0` and `1e2` are integral).
    fn integer_value(&self) -> Option<Option<i128>> {
        let (m, e) = (i128::from(self.mantissa), self.exp10);
        if !self.exact {
            // Dropped digits sit below 10^e: fractional if e <= 0, else m·10^e >= 10^19.
            return if e <= 0 { None } else { Some(None) };
        }
        let pow = |e: i64| u32::try_from(e).ok().and_then(|e| 10i128.checked_pow(e));
        let v = match (m, e) {
            (0, _) => Some(0),
            (_, 0..) => pow(e).and_then(|p| m.checked_mul(p)),
            // m < 10^19, so no larger power can divide it.
            _ => match pow(-e) {
                Some(p) if m % p == 0 => Some(m / p),
                _ => return None,
            },
        };
        Some(v.map(|v| if self.neg { -v } else { v }))
    }
}

/// Reads up to 18 digits from `i`: their value and the index after them. The
/// value cannot overflow, and 18 digits is the most any fast path accepts.
#[inline(always)]
fn digits18(input: &[u8], mut i: usize) -> (u64, usize) {
    let (first, mut v) = (i, 0u64);
    while let Some(&d @ b'0'..=b'9') = input.get(i) {
        if i - first == 18 {
            break;
        }
        v = v * 10 + u64::from(d - b'0');
        i += 1;
    }
    (v, i)
}

/// Whether `b` (the byte after some digits) ends the number there: anything
/// but a digit, a fraction or an exponent.
#[inline(always)]
fn ends_number(b: Option<&u8>) -> bool {
    !matches!(b, Some(b'0'..=b'9' | b'.' | b'e' | b'E'))
}

impl<'a> JsonReader<'a> {
    /// The common integer shape, `-?[1-9][0-9]{0,17}` or `0`, read in one pass
    /// (value and end); `None` for anything else, which the full scanner reads
    /// or refuses.
    #[inline(always)]
    fn plain_integer(&self) -> Option<(i64, usize)> {
        let neg = self.input.get(self.pos) == Some(&b'-');
        let start = self.pos + usize::from(neg);
        let (v, end) = digits18(self.input, start);
        let leading_zero = self.input[start..end].first() == Some(&b'0') && end - start > 1;
        if end == start || leading_zero || !ends_number(self.input.get(end)) {
            return None;
        }
        // At most 18 digits: below 10^18, so it fits an i64 either way.
        let v = v as i64;
        Some((if neg { -v } else { v }, end))
    }

    /// The common epoch shape, `[1-9][0-9]{0,17}` or `0`, optionally followed by
    /// `.` and 1 to 9 digits, read in one pass (seconds, nanoseconds, end);
    /// `None` for anything else, which the lossless general parser handles.
    #[inline(always)]
    pub(super) fn plain_epoch(&self) -> Option<(i64, u32, usize)> {
        let start = self.pos;
        let (secs, int_end) = digits18(self.input, start);
        if int_end == start || (self.input[start] == b'0' && int_end - start > 1) {
            return None;
        }
        let (nanos, end) = match self.input.get(int_end) {
            Some(b'.') => {
                let (frac, end) = digits18(self.input, int_end + 1);
                let len = end - (int_end + 1);
                if len == 0 || len > 9 {
                    return None;
                }
                (frac as u32 * 10u32.pow(9 - len as u32), end)
            }
            _ => (0, int_end),
        };
        ends_number(self.input.get(end)).then_some((secs as i64, nanos, end))
    }

    /// Scans a number per RFC 8259 starting at `self.pos` (a `-` or digit).
    #[inline]
    fn scan_number(&mut self) -> Result<NumberToken, JsonError> {
        let (input, start) = (self.input, self.pos);
        let neg = input[start] == b'-';
        let mut i = start + usize::from(neg);
        let (mut mantissa, mut exp10, mut exact) = (0u64, 0i64, true);
        let mut digits = |i: &mut usize, frac: bool| {
            let first = *i;
            while let Some(&d @ b'0'..=b'9') = input.get(*i) {
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(d - b'0');
                    exp10 -= i64::from(frac);
                } else {
                    // Past 19 significant digits: keep the magnitude, note any loss.
                    exact &= d == b'0';
                    exp10 += i64::from(!frac);
                }
                *i += 1;
            }
            *i - first
        };
        match input.get(i) {
            Some(b'0') if matches!(input.get(i + 1), Some(b'0'..=b'9')) => {
                return Err(JsonError::at(JsonErrorKind::InvalidNumber, i + 1));
            }
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => _ = digits(&mut i, false),
            _ => return Err(self.bad_number(i)),
        }
        let mut integer = true;
        if input.get(i) == Some(&b'.') {
            i += 1;
            integer = false;
            if digits(&mut i, true) == 0 {
                return Err(self.bad_number(i));
            }
        }
        if let Some(b'e' | b'E') = input.get(i) {
            i += 1;
            integer = false;
            let exp_neg = input.get(i) == Some(&b'-');
            i += usize::from(matches!(input.get(i), Some(b'-' | b'+')));
            let (first, mut exp) = (i, 0i64);
            while let Some(&d @ b'0'..=b'9') = input.get(i) {
                // Clamped: such exponents overflow or underflow every target anyway.
                exp = (exp * 10 + i64::from(d - b'0')).min(1 << 40);
                i += 1;
            }
            if i == first {
                return Err(self.bad_number(i));
            }
            exp10 += if exp_neg { -exp } else { exp };
        }
        self.pos = i;
        Ok(NumberToken { start, end: i, neg, integer, mantissa, exp10, exact })
    }

    fn bad_number(&self, at: usize) -> JsonError {
        let kind = if at == self.input.len() { JsonErrorKind::UnexpectedEof } else { JsonErrorKind::InvalidNumber };
        JsonError::at(kind, at)
    }

    /// Consumes a number (at `self.pos`) and returns its text, e.g. for lossless timestamps.
    pub(super) fn number_text(&mut self) -> Result<&'a str, JsonError> {
        let n = self.scan_number()?;
        self.utf8(n.start, n.end)
    }

    /// Consumes a number that must be an integer representable as `T` (named `ty` in errors).
    pub(super) fn read_integer<T: TryFrom<i128>>(&mut self, ty: &'static str) -> Result<T, JsonError> {
        if let Some((v, end)) = self.plain_integer() {
            if let Ok(v) = T::try_from(i128::from(v)) {
                self.pos = end;
                return Ok(v);
            }
        }
        let n = self.scan_number()?;
        let kind = match n.integer_value() {
            Some(Some(v)) => match T::try_from(v) {
                Ok(v) => return Ok(v),
                Err(_) => JsonErrorKind::OutOfRange(ty),
            },
            Some(None) => JsonErrorKind::OutOfRange(ty),
            None => JsonErrorKind::TypeMismatch { expected: "integer", found: "non-integer number" },
        };
        Err(JsonError::at(kind, n.start))
    }

    /// Consumes a number as the nearest `f64`; out of range if it is too large.
    pub(super) fn read_f64(&mut self) -> Result<f64, JsonError> {
        let n = self.scan_number()?;
        if n.exact && n.mantissa <= 1 << 53 && (-22..=22).contains(&n.exp10) {
            // Both operands are exact, so one IEEE operation rounds correctly.
            let (m, p) = (n.mantissa as f64, POW10[n.exp10.unsigned_abs() as usize]);
            let v = if n.exp10 < 0 { m / p } else { m * p };
            return Ok(if n.neg { -v } else { v });
        }
        self.parse_float(&n, "f64")
    }

    /// Consumes a number as the nearest `f32` (rounded once, from the text).
    pub(super) fn read_f32(&mut self) -> Result<f32, JsonError> {
        let n = self.scan_number()?;
        self.parse_float(&n, "f32")
    }

    fn parse_float<T: std::str::FromStr + Into<f64> + Copy>(
        &self,
        n: &NumberToken,
        ty: &'static str,
    ) -> Result<T, JsonError> {
        // The JSON number grammar is a subset of what `parse` accepts.
        match self.utf8(n.start, n.end)?.parse::<T>() {
            Ok(v) if v.into().is_finite() => Ok(v),
            _ => Err(JsonError::at(JsonErrorKind::OutOfRange(ty), n.start)),
        }
    }

    /// Consumes a number for a document: integers that fit 64 bits stay exact.
    pub(super) fn read_number(&mut self) -> Result<Number, JsonError> {
        let n = self.scan_number()?;
        if n.integer {
            // Plain integers beyond 19 digits may still fit a u64.
            let v = match n.integer_value() {
                Some(Some(v)) => Some(v),
                _ => self.utf8(n.start, n.end)?.parse::<i128>().ok(),
            };
            if let Some(v) = v {
                if let Ok(v) = u64::try_from(v) {
                    return Ok(Number::PosInt(v));
                }
                if let Ok(v) = i64::try_from(v) {
                    return Ok(Number::NegInt(v));
                }
            }
        }
        self.parse_float(&n, "f64").map(Number::Float)
    }
}
