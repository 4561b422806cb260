//! Timestamps as text, written and read here rather than by the crate under
//! test: epoch seconds, RFC 3339 and HTTP dates, all to the millisecond.

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];

/// Days since 1970-01-01 to (year, month, day); Howard Hinnant's algorithm.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

fn split(ms: i64) -> (i64, i64, u32) {
    let secs = ms.div_euclid(1000);
    (secs.div_euclid(86_400), secs.rem_euclid(86_400), ms.rem_euclid(1000) as u32)
}

/// `1700000000.123`, `-1.5`, `0`: exact decimal text.
pub fn epoch_text(ms: i64) -> String {
    let sign = if ms < 0 { "-" } else { "" };
    let (secs, frac) = (ms.unsigned_abs() / 1000, ms.unsigned_abs() % 1000);
    if frac == 0 {
        format!("{sign}{secs}")
    } else {
        format!("{sign}{secs}.{}", format!("{frac:03}").trim_end_matches('0'))
    }
}

/// `2023-11-14T22:13:20.123Z` (no fraction when it is zero).
pub fn rfc3339(ms: i64) -> String {
    let (days, secs, frac) = split(ms);
    let (y, mo, d) = civil(days);
    let fraction = if frac == 0 { String::new() } else { format!(".{frac:03}") };
    format!("{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}{fraction}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// `Tue, 14 Nov 2023 22:13:20 GMT`.
pub fn http_date(ms: i64) -> String {
    let (days, secs, _) = split(ms);
    let (y, mo, d) = civil(days);
    let weekday = DAYS[days.rem_euclid(7) as usize];
    let month = MONTHS[mo as usize - 1];
    format!("{weekday}, {d:02} {month} {y:04} {:02}:{:02}:{:02} GMT", secs / 3600, secs / 60 % 60, secs % 60)
}

/// Reads an RFC 3339 UTC timestamp (`Z` or `+00:00`) to milliseconds.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let (date, time) = text.split_once(['T', 't'])?;
    let mut date = date.splitn(3, '-');
    let (y, mo, d) = (date.next()?.parse().ok()?, date.next()?.parse().ok()?, date.next()?.parse().ok()?);
    let time = time.strip_suffix(['Z', 'z']).or_else(|| time.strip_suffix("+00:00"))?;
    let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
    let ms = parse_fraction(frac)?;
    Some(to_ms(days_from_civil(y, mo, d), hms)? + ms)
}

/// Reads an HTTP date (`Tue, 14 Nov 2023 22:13:20 GMT`) to milliseconds.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let mut parts = text.split_once(", ")?.1.split(' ');
    let d = parts.next()?.parse().ok()?;
    let month = parts.next()?;
    let mo = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    let y = parts.next()?.parse().ok()?;
    let hms = parts.next()?;
    let (hms, frac) = hms.split_once('.').unwrap_or((hms, ""));
    (parts.next()? == "GMT").then_some(())?;
    Some(to_ms(days_from_civil(y, mo, d), hms)? + parse_fraction(frac)?)
}

/// Epoch seconds as a JSON number (read as `f64`) to milliseconds; exact for
/// every timestamp up to year 9999, whose error stays far under half a millisecond.
pub fn epoch_ms(secs: f64) -> i64 {
    (secs * 1000.0).round() as i64
}

fn to_ms(days: i64, hms: &str) -> Option<i64> {
    let mut hms = hms.splitn(3, ':');
    let (h, m, s): (i64, i64, i64) = (hms.next()?.parse().ok()?, hms.next()?.parse().ok()?, hms.next()?.parse().ok()?);
    Some((days * 86_400 + h * 3600 + m * 60 + s) * 1000)
}

/// Up to three digits of a fraction of a second; more must be zeros.
fn parse_fraction(frac: &str) -> Option<i64> {
    if frac.is_empty() {
        return Some(0);
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) || frac.bytes().skip(3).any(|b| b != b'0') {
        return None;
    }
    let padded = format!("{:0<3}", &frac[..frac.len().min(3)]);
    padded.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_forms_round_trip_and_match_known_dates() {
        assert_eq!(rfc3339(1_700_000_000_123), "2023-11-14T22:13:20.123Z");
        assert_eq!(http_date(784_111_777_000), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(epoch_text(-1500), "-1.5");
        assert_eq!(rfc3339(-62_135_596_800_000), "0001-01-01T00:00:00Z");
        for ms in [0, 1, -1, 951_782_400_999, -62_135_596_800_000, 253_402_300_799_999] {
            assert_eq!(parse_rfc3339(&rfc3339(ms)), Some(ms), "{ms}");
            let whole = ms - ms.rem_euclid(1000);
            assert_eq!(parse_http_date(&http_date(whole)), Some(whole), "{ms}");
            assert_eq!(epoch_ms(epoch_text(ms).parse().unwrap()), ms, "{ms}");
        }
    }
}
