//! Unit tests for the reader's fast paths (member names matched on the raw
//! input, plain integers and epoch timestamps read in one pass): each must
//! agree with the general path it shortcuts.

use super::*;

const NAMES: &[&str] = &["Id", "IdList", "Name", "Count"];

/// Every member of `json` as (index, raw value text), read with `next_member`
/// starting from `hint` and passing the index after each match on.
fn members(json: &str, mut hint: usize) -> Result<Vec<(usize, String)>, JsonError> {
    let mut r = JsonReader::new(json.as_bytes());
    assert!(r.begin_object()?);
    let mut out = Vec::new();
    while let Some(i) = r.next_member(NAMES, hint)? {
        hint = i + 1;
        let start = r.offset();
        r.skip()?;
        out.push((i, json[start..r.offset()].trim().to_owned()));
    }
    r.end()?;
    Ok(out)
}

#[test]
fn members_match_in_any_order_from_any_hint() {
    let json = r#"{"Count":3, "Id" : "a","Name":"n","IdList":[1],"Idx":true,"I":0,"":1}"#;
    let unknown = NAMES.len();
    let want = vec![
        (3, "3".to_owned()),
        (0, r#""a""#.to_owned()),
        (2, r#""n""#.to_owned()),
        (1, "[1]".to_owned()),
        (unknown, "true".to_owned()),
        (unknown, "0".to_owned()),
        (unknown, "1".to_owned()),
    ];
    for hint in 0..=NAMES.len() + 2 {
        assert_eq!(members(json, hint).unwrap(), want, "hint {hint}");
    }
}

#[test]
fn members_written_with_escapes_still_match() {
    // `\u0049d` is `Id`; `I\"d` is no name even though `I\` starts like one.
    let json = r#"{"\u0049d":1,"Na\u006de":2,"I\"d":3,"Id\\":4}"#;
    let got = members(json, 0).unwrap();
    let indexes: Vec<usize> = got.iter().map(|(i, _)| *i).collect();
    assert_eq!(indexes, [0, 2, NAMES.len(), NAMES.len()]);
}

#[test]
fn members_keep_the_object_grammar() {
    let cases: &[(&str, JsonErrorKind, usize)] = &[
        (r#"{"Id":1,}"#, JsonErrorKind::TrailingComma, 7),
        (r#"{"Id" 1}"#, JsonErrorKind::UnexpectedChar('1'), 6),
        (r#"{"Id":1 "Name":2}"#, JsonErrorKind::UnexpectedChar('"'), 8),
        (r#"{,"Id":1}"#, JsonErrorKind::UnexpectedChar(','), 1),
        (r#"{Id:1}"#, JsonErrorKind::UnexpectedChar('I'), 1),
        (r#"{"Id"#, JsonErrorKind::UnexpectedEof, 4),
        ("{\"I\x01d\":1}", JsonErrorKind::ControlCharacter, 3),
    ];
    for (json, kind, at) in cases {
        let e = members(json, 0).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (kind, Some(*at)), "{json}");
    }
    assert_eq!(members("{}", 0).unwrap(), vec![]);
    assert_eq!(members("{ }", 2).unwrap(), vec![]);
}

#[test]
fn plain_integers_and_their_edges() {
    use JsonErrorKind::*;
    let fraction = TypeMismatch { expected: "integer", found: "non-integer number" };
    let cases: &[(&str, Result<i64, JsonErrorKind>)] = &[
        ("0", Ok(0)),
        ("-0", Ok(0)),
        ("-7", Ok(-7)),
        ("1700000000", Ok(1_700_000_000)),
        // 18 digits: the longest the fast path takes; 19 go the general way.
        ("999999999999999999", Ok(999_999_999_999_999_999)),
        ("-999999999999999999", Ok(-999_999_999_999_999_999)),
        ("1000000000000000000", Ok(1_000_000_000_000_000_000)),
        ("9223372036854775807", Ok(i64::MAX)),
        ("-9223372036854775808", Ok(i64::MIN)),
        ("9223372036854775808", Err(OutOfRange("i64"))),
        ("12345678901234567890123", Err(OutOfRange("i64"))),
        ("5.0", Ok(5)),
        ("1e2", Ok(100)),
        ("5.5", Err(fraction.clone())),
        ("1E-2", Err(fraction)),
        ("01", Err(InvalidNumber)),
        ("-01", Err(InvalidNumber)),
        ("-", Err(UnexpectedEof)),
        ("1.", Err(UnexpectedEof)),
    ];
    for (text, want) in cases {
        let mut r = JsonReader::new(text.as_bytes());
        let got = r.i64().map(Option::unwrap).map_err(|e| e.kind().clone());
        assert_eq!(&got, want, "{text}");
        if got.is_ok() {
            // The whole number is consumed, whichever path read it.
            assert_eq!(r.offset(), text.len(), "{text}");
        }
    }
    let e = JsonReader::new(b"300").i8().unwrap_err();
    assert_eq!(e.kind(), &OutOfRange("i8"));
    assert_eq!(JsonReader::new(b"-128").i8().unwrap(), Some(-128));
}

#[test]
fn plain_epochs_agree_with_the_lossless_parser() {
    let texts = [
        "0",
        "1700000000",
        "1700000000.1",
        "1700000000.123",
        "1700000000.123456789",
        "1700000000.1234567891",
        "0.5",
        "999999999999999999.999999999",
        "1.5e3",
        "-1.5",
        "-0",
        "1700000000.",
        "01.5",
    ];
    for text in texts {
        let fast = JsonReader::new(text.as_bytes()).timestamp(Format::EpochSeconds).map(Option::unwrap);
        let general = DateTime::parse_epoch_number(text);
        match (fast, general) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
            (Err(_), Err(_)) => {}
            (a, b) => panic!("{text}: reader {a:?}, parser {b:?}"),
        }
    }
    let mut r = JsonReader::new(b"[1700000000.250,2]");
    assert!(r.begin_array().unwrap() && r.next_element().unwrap());
    let t = r.timestamp(Format::EpochSeconds).unwrap().unwrap();
    assert_eq!((t.secs(), t.subsec_nanos()), (1_700_000_000, 250_000_000));
    assert!(r.next_element().unwrap());
    assert_eq!(r.i64().unwrap(), Some(2));
}

#[test]
fn same_bytes_compares_every_byte_at_every_length() {
    let a: Vec<u8> = (0..40u8).map(|b| b'A' + b % 26).collect();
    for n in 0..=a.len() {
        assert!(same_bytes(&a[..n], &a[..n]), "{n}");
        for k in 0..n {
            let mut b = a[..n].to_vec();
            b[k] ^= 0x20;
            assert!(!same_bytes(&a[..n], &b), "{n} {k}");
        }
        if n > 0 {
            assert!(!same_bytes(&a[..n], &a[..n - 1]), "{n}");
        }
    }
}
