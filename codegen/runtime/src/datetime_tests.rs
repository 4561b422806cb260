//! Unit tests for `datetime.rs` (kept separate to keep that file short).

use super::*;

fn dt(secs: i64, nanos: u32) -> DateTime {
    DateTime::from_secs_and_nanos(secs, nanos)
}

#[test]
fn constructors_normalise() {
    assert_eq!(DateTime::from_millis(-1500), dt(-2, 500_000_000));
    assert_eq!(DateTime::from_millis(1_700_000_000_123), dt(1_700_000_000, 123_000_000));
    assert_eq!(dt(1, 2_500_000_000), dt(3, 500_000_000));
    assert_eq!(dt(i64::MAX, 1_000_000_000).secs(), i64::MAX);
    let t = dt(-2, 500_000_000);
    assert_eq!((t.secs(), t.subsec_nanos()), (-2, 500_000_000));
    assert_eq!(t.as_millis(), -1500);
    assert_eq!(dt(i64::MAX, 999_999_999).as_millis(), i128::from(i64::MAX) * 1000 + 999);
    assert_eq!(t.as_secs_f64(), -1.5);
    assert!(dt(-1, 999_999_999) < DateTime::UNIX_EPOCH && DateTime::UNIX_EPOCH < dt(0, 1));
}

#[test]
fn fractional_secs_round_to_micros() {
    assert_eq!(DateTime::from_fractional_secs(1_700_000_000.123), dt(1_700_000_000, 123_000_000));
    assert_eq!(DateTime::from_fractional_secs(-1.5), dt(-2, 500_000_000));
    assert_eq!(DateTime::from_fractional_secs(0.000_000_4), DateTime::UNIX_EPOCH);
    assert_eq!(DateTime::from_fractional_secs(0.999_999_9), dt(1, 0));
    assert_eq!(DateTime::from_fractional_secs(f64::NAN), DateTime::UNIX_EPOCH);
    assert_eq!(DateTime::from_fractional_secs(f64::INFINITY).secs(), i64::MAX);
    assert_eq!(DateTime::from_fractional_secs(f64::NEG_INFINITY).secs(), i64::MIN);
}

#[test]
fn system_time_conversions() {
    let cases = [dt(0, 0), dt(1_700_000_000, 123_456_789), dt(-1, 1), dt(-86_400 * 365, 0), dt(-2, 999_999_999)];
    for t in cases {
        let st = SystemTime::try_from(t).unwrap();
        assert_eq!(DateTime::from(st), t);
    }
    let before = UNIX_EPOCH - Duration::from_millis(1500);
    assert_eq!(DateTime::from(before), dt(-2, 500_000_000));
    // Platforms with 64-bit seconds (Unix) represent every DateTime; others report Overflow.
    for t in [dt(i64::MAX, 999_999_999), dt(i64::MIN, 0)] {
        match SystemTime::try_from(t) {
            Ok(st) => assert_eq!(DateTime::from(st), t),
            Err(e) => assert_eq!(e.kind(), &DateTimeErrorKind::Overflow),
        }
    }
}

#[test]
fn civil_conversions_agree() {
    let mut prev = civil_from_days(-800_000);
    for days in -799_999..800_000 {
        let (y, m, d) = civil_from_days(days);
        assert_eq!(days_from_civil(y, m, d), days);
        // Each day follows the previous one in calendar order.
        let next_ok = (y, m, d) == (prev.0, prev.1, prev.2 + 1)
            || (d == 1 && ((y, m) == (prev.0, prev.1 + 1) || (y, m, prev.1) == (prev.0 + 1, 1, 12)));
        assert!(next_ok && d <= days_in_month(y, m), "{prev:?} -> {:?}", (y, m, d));
        prev = (y, m, d);
    }
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    let extreme = civil_from_days(i64::MIN.div_euclid(SECS_PER_DAY));
    assert_eq!(extreme.0, -292_277_022_657);
}

#[test]
fn formats_epoch_seconds_exactly() {
    let cases = [
        (dt(1_700_000_000, 0), "1700000000"),
        (dt(1_700_000_000, 123_000_000), "1700000000.123"),
        (dt(1_700_000_000, 1), "1700000000.000000001"),
        (dt(0, 0), "0"),
        (dt(-2, 500_000_000), "-1.5"),
        (dt(-1, 0), "-1"),
        (dt(-1, 999_999_999), "-0.000000001"),
        (dt(i64::MIN, 0), "-9223372036854775808"),
        (dt(i64::MIN, 1), "-9223372036854775807.999999999"),
        (dt(i64::MAX, 999_999_999), "9223372036854775807.999999999"),
    ];
    for (t, s) in cases {
        assert_eq!(t.fmt(Format::EpochSeconds), s);
        assert_eq!(DateTime::parse_epoch_number(s), Ok(t), "{s}");
    }
}

#[test]
fn formats_rfc3339_and_http_date() {
    let cases = [
        (dt(1_700_000_000, 0), "2023-11-14T22:13:20Z", "Tue, 14 Nov 2023 22:13:20 GMT"),
        (dt(1_700_000_000, 123_000_000), "2023-11-14T22:13:20.123Z", "Tue, 14 Nov 2023 22:13:20 GMT"),
        (dt(0, 1), "1970-01-01T00:00:00.000000001Z", "Thu, 01 Jan 1970 00:00:00 GMT"),
        (dt(-1, 500_000_000), "1969-12-31T23:59:59.5Z", "Wed, 31 Dec 1969 23:59:59 GMT"),
        (dt(1_709_164_800, 0), "2024-02-29T00:00:00Z", "Thu, 29 Feb 2024 00:00:00 GMT"),
        (dt(253_402_300_799, 0), "9999-12-31T23:59:59Z", "Fri, 31 Dec 9999 23:59:59 GMT"),
        (dt(253_402_300_800, 0), "+10000-01-01T00:00:00Z", "Sat, 01 Jan +10000 00:00:00 GMT"),
        (dt(-62_167_219_200, 0), "0000-01-01T00:00:00Z", "Sat, 01 Jan 0000 00:00:00 GMT"),
        (dt(-62_167_219_201, 0), "-0001-12-31T23:59:59Z", "Fri, 31 Dec -0001 23:59:59 GMT"),
    ];
    for (t, rfc, http) in cases {
        assert_eq!(t.fmt(Format::DateTime), rfc);
        assert_eq!(t.to_string(), rfc);
        assert_eq!(t.fmt(Format::HttpDate), http);
        assert_eq!(DateTime::parse(rfc, Format::DateTime), Ok(t), "{rfc}");
        assert_eq!(DateTime::parse(http, Format::HttpDate), Ok(dt(t.secs(), 0)), "{http}");
    }
    for t in [dt(i64::MIN, 0), dt(i64::MAX, 999_999_999)] {
        for f in [Format::EpochSeconds, Format::DateTime, Format::HttpDate] {
            let s = t.fmt(f);
            let expected = if f == Format::HttpDate { dt(t.secs(), 0) } else { t };
            assert_eq!(DateTime::parse(&s, f), Ok(expected), "{s}");
        }
    }
    let mut out = b"x".to_vec();
    dt(1, 0).write_bytes(Format::DateTime, &mut out);
    assert_eq!(out, b"x1970-01-01T00:00:01Z");
}

#[test]
fn parses_epoch_numbers_losslessly() {
    let cases = [
        ("1700000000", dt(1_700_000_000, 0)),
        ("1700000000.123", dt(1_700_000_000, 123_000_000)),
        ("1.7e9", dt(1_700_000_000, 0)),
        ("1.700000000123E9", dt(1_700_000_000, 123_000_000)),
        ("1.700000000123e+9", dt(1_700_000_000, 123_000_000)),
        ("17000000001230e-4", dt(1_700_000_000, 123_000_000)),
        ("0.5e1", dt(5, 0)),
        ("5e-1", dt(0, 500_000_000)),
        ("-1.5", dt(-2, 500_000_000)),
        ("-0", dt(0, 0)),
        ("-0.0e5", dt(0, 0)),
        ("0e99999999999999999999", dt(0, 0)),
        ("1e-99999999999999999999", dt(0, 0)),
        ("0.0000000019", dt(0, 1)),
        ("-0.0000000019", dt(-1, 999_999_999)),
        ("1.0000000009999", dt(1, 0)),
        ("123456789.123456789123456789", dt(123_456_789, 123_456_789)),
        ("9223372036854775807", dt(i64::MAX, 0)),
        ("-9223372036854775808", dt(i64::MIN, 0)),
        ("0.000000000000000000000000000000001e33", dt(1, 0)),
        ("1000000000000000000000e-21", dt(1, 0)),
    ];
    for (text, t) in cases {
        assert_eq!(DateTime::parse_epoch_number(text), Ok(t), "{text}");
        assert_eq!(DateTime::parse(text, Format::EpochSeconds), Ok(t), "{text}");
    }
}

#[test]
fn rejects_bad_epoch_numbers() {
    let syntax = [
        ("", 0),
        ("-", 1),
        ("+1", 0),
        ("01", 1),
        ("1.", 2),
        (".5", 0),
        ("1e", 2),
        ("1e+", 3),
        ("--1", 1),
        (" 1", 0),
        ("1 ", 1),
        ("1.5.", 3),
        ("0x10", 1),
        ("NaN", 0),
        ("1_000", 1),
    ];
    for (text, offset) in syntax {
        let err = DateTime::parse_epoch_number(text).unwrap_err();
        assert!(matches!(err.kind(), DateTimeErrorKind::Syntax { offset: o, .. } if *o == offset), "{text}: {err}");
    }
    for text in ["9223372036854775808", "-9223372036854775808.5", "1e19", "1e40", "-1e999999"] {
        let err = DateTime::parse_epoch_number(text).unwrap_err();
        assert_eq!(err.kind(), &DateTimeErrorKind::Overflow, "{text}");
    }
}

#[test]
fn parses_rfc3339_variants() {
    let base = dt(1_700_000_000, 0);
    let cases = [
        ("2023-11-14T22:13:20Z", base),
        ("2023-11-14t22:13:20z", base),
        ("2023-11-14 22:13:20Z", base),
        ("2023-11-14T23:13:20+01:00", base),
        ("2023-11-14T16:43:20-05:30", base),
        ("2023-11-15T00:00:00+01:46", dt(1_700_000_040, 0)),
        ("2023-11-14T22:13:20.1Z", dt(1_700_000_000, 100_000_000)),
        ("2023-11-14T22:13:20.123456789Z", dt(1_700_000_000, 123_456_789)),
        ("2023-11-14T22:13:20.1234567891234Z", dt(1_700_000_000, 123_456_789)),
        ("2023-11-14T22:13:20.000Z", base),
        ("2016-12-31T23:59:60Z", dt(1_483_228_800, 0)),
        ("+02023-11-14T22:13:20Z", base),
        ("1969-12-31T23:59:59.999Z", dt(-1, 999_000_000)),
    ];
    for (s, t) in cases {
        assert_eq!(DateTime::parse(s, Format::DateTime), Ok(t), "{s}");
    }
}

#[test]
fn rejects_bad_rfc3339() {
    let syntax = [
        ("", 0),
        ("2023", 4),
        ("2023-1-14T22:13:20Z", 6),
        ("2023-11-14X22:13:20Z", 10),
        ("2023-11-14T22:13Z", 16),
        ("2023-11-14T22:13:20", 19),
        ("2023-11-14T22:13:20.Z", 20),
        ("2023-11-14T22:13:20+0100", 22),
        ("2023-11-14T22:13:20Zjunk", 20),
        ("+123-01-01T00:00:00Z", 4),
        ("2023-11-14T22:13:20 Z", 19),
    ];
    for (s, offset) in syntax {
        let err = DateTime::parse(s, Format::DateTime).unwrap_err();
        assert!(matches!(err.kind(), DateTimeErrorKind::Syntax { offset: o, .. } if *o == offset), "{s}: {err}");
    }
    let fields = [
        ("2023-13-01T00:00:00Z", "month"),
        ("2023-00-01T00:00:00Z", "month"),
        ("2023-02-29T00:00:00Z", "day"),
        ("2023-04-31T00:00:00Z", "day"),
        ("2023-04-00T00:00:00Z", "day"),
        ("2023-01-01T24:00:00Z", "hour"),
        ("2023-01-01T00:60:00Z", "minute"),
        ("2023-01-01T00:00:61Z", "second"),
        ("2023-01-01T00:00:00+24:00", "UTC offset"),
    ];
    for (s, field) in fields {
        let err = DateTime::parse(s, Format::DateTime).unwrap_err();
        assert_eq!(err.kind(), &DateTimeErrorKind::FieldOutOfRange(field), "{s}");
    }
    assert!(DateTime::parse("2000-02-29T00:00:00Z", Format::DateTime).is_ok());
    assert!(DateTime::parse("1900-02-29T00:00:00Z", Format::DateTime).is_err());
    let err = DateTime::parse("+999999999999999-01-01T00:00:00Z", Format::DateTime).unwrap_err();
    assert_eq!(err.kind(), &DateTimeErrorKind::Overflow);
}

#[test]
fn parses_http_dates() {
    let base = dt(1_700_000_000, 0);
    assert_eq!(DateTime::parse("Tue, 14 Nov 2023 22:13:20 GMT", Format::HttpDate), Ok(base));
    assert_eq!(DateTime::parse("tue, 14 NOV 2023 22:13:20 GMT", Format::HttpDate), Ok(base));
    assert_eq!(
        DateTime::parse("Tue, 14 Nov 2023 22:13:20.123 GMT", Format::HttpDate),
        Ok(dt(1_700_000_000, 123_000_000))
    );
    let syntax = [
        ("Tuesday, 14 Nov 2023 22:13:20 GMT", 3),
        ("Xyz, 14 Nov 2023 22:13:20 GMT", 0),
        ("Tue, 14 Foo 2023 22:13:20 GMT", 8),
        ("Tue, 4 Nov 2023 22:13:20 GMT", 6),
        ("Tue, 14 Nov 2023 22:13:20 UTC", 26),
        ("Tue, 14 Nov 2023 22:13:20", 25),
        ("Tue, 14 Nov 2023 22:13:20 GMT ", 29),
        ("Tue, 14 Nov 23 22:13:20 GMT", 14),
    ];
    for (s, offset) in syntax {
        let err = DateTime::parse(s, Format::HttpDate).unwrap_err();
        assert!(matches!(err.kind(), DateTimeErrorKind::Syntax { offset: o, .. } if *o == offset), "{s}: {err}");
    }
    let err = DateTime::parse("Tue, 31 Nov 2023 22:13:20 GMT", Format::HttpDate).unwrap_err();
    assert_eq!(err.kind(), &DateTimeErrorKind::FieldOutOfRange("day"));
}

#[test]
fn round_trips_many_instants() {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..20_000 {
        // xorshift: cheap deterministic spread over past and future.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let t = dt((x >> 20) as i64 - (1 << 43), (x % 1_000_000_000) as u32);
        for f in [Format::EpochSeconds, Format::DateTime] {
            assert_eq!(DateTime::parse(&t.fmt(f), f), Ok(t));
        }
        assert_eq!(DateTime::parse(&t.fmt(Format::HttpDate), Format::HttpDate), Ok(dt(t.secs(), 0)));
    }
}

#[test]
fn error_messages_name_problem_and_input() {
    let err = DateTime::parse("2023-11-14T22:13", Format::DateTime).unwrap_err();
    assert_eq!(err.to_string(), r#"invalid RFC 3339 date-time "2023-11-14T22:13": expected ':' at offset 16"#);
    assert_eq!(err.input(), "2023-11-14T22:13");
    let err = DateTime::parse("2023-02-30T00:00:00Z", Format::DateTime).unwrap_err();
    assert_eq!(err.to_string(), r#"invalid RFC 3339 date-time "2023-02-30T00:00:00Z": day out of range"#);
    let err = DateTime::parse_epoch_number("1e99").unwrap_err();
    assert_eq!(err.to_string(), r#"invalid epoch-seconds timestamp "1e99": out of range"#);
    let err = DateTime::parse("Mon", Format::HttpDate).unwrap_err();
    assert_eq!(err.to_string(), r#"invalid HTTP date "Mon": expected ', ' at offset 3"#);
    let long = "x".repeat(100);
    let err = DateTime::parse(&long, Format::DateTime).unwrap_err();
    assert_eq!(err.input().chars().count(), 65);
    let _: &dyn std::error::Error = &err;
}

/// The one-pass reader of plain `digits[.digits]` gives what the general
/// decimal reader gives, and leaves every other form to it.
#[test]
fn plain_epoch_numbers_read_as_the_general_parser_reads_them() {
    let mut texts: Vec<String> = ["0", "0.5", "1", "9", "1700000000", "1700000000.1", "1700000000.123456789"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..2000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let secs = x % 1_000_000_000_000_000_000;
        let digits = (x >> 60) as usize % 10;
        texts.push(match digits {
            0 => secs.to_string(),
            _ => format!("{secs}.{:0digits$}", (x >> 20) % 10u64.pow(digits as u32)),
        });
    }
    for text in &texts {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let general = decimal_to_datetime(false, int.as_bytes(), frac.as_bytes(), 0);
        assert_eq!(plain_epoch(text.as_bytes()), general, "{text}");
    }
    for text in ["-1", "1e9", "01", "1.", ".5", "1.5.", "1.0000000001", "1234567890123456789", "", "1 "] {
        assert_eq!(plain_epoch(text.as_bytes()), None, "{text}");
    }
}
