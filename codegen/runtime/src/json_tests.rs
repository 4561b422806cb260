//! Unit tests for `json.rs` (kept separate to keep that file short).

use super::super::base64::Base64Error;
use super::*;

fn write(f: impl FnOnce(&mut JsonWriter)) -> String {
    let mut w = JsonWriter::new();
    f(&mut w);
    String::from_utf8(w.into_bytes()).unwrap()
}

fn kind_at(e: &JsonError) -> (&JsonErrorKind, Option<usize>) {
    (e.kind(), e.offset())
}

fn reader(s: &str) -> JsonReader<'_> {
    JsonReader::new(s.as_bytes())
}

#[test]
fn writer_inserts_commas() {
    let out = write(|w| {
        w.begin_object();
        w.key("a");
        w.i64(-1);
        w.key("b");
        w.begin_array();
        w.u64(u64::MAX);
        w.bool(true);
        w.null();
        w.begin_object();
        w.end_object();
        w.begin_array();
        w.end_array();
        w.string("s");
        w.end_array();
        w.key("c");
        w.begin_object();
        w.key("d");
        w.i64(i64::MIN);
        w.end_object();
        w.end_object();
    });
    assert_eq!(out, r#"{"a":-1,"b":[18446744073709551615,true,null,{},[],"s"],"c":{"d":-9223372036854775808}}"#);
    assert_eq!(JsonWriter::with_capacity(8).as_bytes(), b"");
}

#[test]
fn writer_escapes() {
    let out = write(|w| w.string("q\"b\\n\nr\rt\tb\u{8}f\u{c}z\u{0}u\u{1f}d\u{7f}é\u{2028}/"));
    assert_eq!(out, r#""q\"b\\n\nr\rt\tb\bf\fz\u0000u\u001fd"#.to_owned() + "\u{7f}é\u{2028}/\"");
    // Escapes at every position relative to the 8-byte scan.
    for len in 0..24 {
        for at in 0..len {
            for special in ["\"", "\\", "\n", "\u{1}", "é"] {
                let mut s = "x".repeat(len);
                s.replace_range(at..at + 1, special);
                let json = write(|w| w.string(&s));
                assert_eq!(reader(&json).string().unwrap().as_deref(), Some(&*s), "{json}");
            }
        }
    }
    assert_eq!(write(|w| w.key("k\"")), r#""k\"":"#);
}

#[test]
fn writer_floats() {
    let cases = [
        (1.0, "1.0"),
        (-0.0, "-0.0"),
        (0.0, "0.0"),
        (0.1, "0.1"),
        (1.5, "1.5"),
        (-2.25, "-2.25"),
        (1e15, "1000000000000000.0"),
        (1e16, "1e16"),
        (1e300, "1e300"),
        (1.5e-7, "1.5e-7"),
        (0.000001, "0.000001"),
        (123456789012345680.0, "1.2345678901234568e17"),
        (f64::MAX, "1.7976931348623157e308"),
        (5e-324, "5e-324"),
        (f64::NAN, "\"NaN\""),
        (f64::INFINITY, "\"Infinity\""),
        (f64::NEG_INFINITY, "\"-Infinity\""),
    ];
    for (v, s) in cases {
        assert_eq!(write(|w| w.f64(v)), s);
    }
    let mut x: u64 = 88_172_645_463_325_252;
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let v = f64::from_bits(x);
        let json = write(|w| w.f64(v));
        let back = reader(&json).f64().unwrap().unwrap();
        assert!(back.to_bits() == v.to_bits() || (v.is_nan() && back.is_nan()), "{json}");
    }
}

#[test]
fn writer_timestamps_blobs_documents() {
    let t = DateTime::from_secs_and_nanos(1_700_000_000, 123_000_000);
    let out = write(|w| {
        w.begin_array();
        w.timestamp(t, Format::EpochSeconds);
        w.timestamp(t, Format::DateTime);
        w.timestamp(t, Format::HttpDate);
        w.blob(b"foobar");
        w.blob(b"");
        w.end_array();
    });
    assert_eq!(out, r#"[1700000000.123,"2023-11-14T22:13:20.123Z","Tue, 14 Nov 2023 22:13:20 GMT","Zm9vYmFy",""]"#);
    let doc: Document = [
        ("n", Document::Null),
        ("b", false.into()),
        ("i", (-3).into()),
        ("u", 7u64.into()),
        ("f", 2.5.into()),
        ("s", "x\ny".into()),
        ("a", vec![Document::from(1), Document::Array(vec![])].into()),
        ("o", Document::Object(BTreeMap::new())),
    ]
    .into_iter()
    .collect();
    let out = write(|w| w.document(&doc));
    assert_eq!(out, r#"{"a":[1,[]],"b":false,"f":2.5,"i":-3,"n":null,"o":{},"s":"x\ny","u":7}"#);
    assert_eq!(reader(&out).document().unwrap(), doc);
}

#[test]
fn reads_objects_and_arrays() {
    let text = " { \"a\" : [ 1 , 2 ] , \"b\":{}, \"c\":[], \"d\" : \"x\" } ";
    let mut r = reader(text);
    assert!(r.begin_object().unwrap());
    assert_eq!(r.next_key().unwrap().as_deref(), Some("a"));
    assert!(r.begin_array().unwrap());
    let mut items = vec![];
    while r.next_element().unwrap() {
        items.push(r.i64().unwrap().unwrap());
    }
    assert_eq!(items, [1, 2]);
    assert_eq!(r.next_key().unwrap().as_deref(), Some("b"));
    assert!(r.begin_object().unwrap());
    assert_eq!(r.next_key().unwrap(), None);
    assert_eq!(r.next_key().unwrap().as_deref(), Some("c"));
    assert!(r.begin_array().unwrap());
    assert!(!r.next_element().unwrap());
    assert_eq!(r.next_key().unwrap().as_deref(), Some("d"));
    assert_eq!(r.str().unwrap(), Some(Cow::Borrowed("x")));
    assert_eq!(r.next_key().unwrap(), None);
    assert_eq!(r.offset(), text.len() - 1);
    r.end().unwrap();
}

#[test]
fn rejects_malformed_containers() {
    let read_all = |s: &str| -> Result<(), JsonError> {
        let mut r = reader(s);
        r.skip()?;
        r.end()
    };
    let cases = [
        ("[1,]", JsonErrorKind::TrailingComma, 2),
        ("[1 , ]", JsonErrorKind::TrailingComma, 3),
        (r#"{"a":1,}"#, JsonErrorKind::TrailingComma, 6),
        ("[1 2]", JsonErrorKind::UnexpectedChar('2'), 3),
        (r#"{"a":1 "b":2}"#, JsonErrorKind::UnexpectedChar('"'), 7),
        (r#"{"a" 1}"#, JsonErrorKind::UnexpectedChar('1'), 5),
        (r#"{"a":}"#, JsonErrorKind::UnexpectedChar('}'), 5),
        ("{1:2}", JsonErrorKind::UnexpectedChar('1'), 1),
        ("[,1]", JsonErrorKind::UnexpectedChar(','), 1),
        ("{,}", JsonErrorKind::UnexpectedChar(','), 1),
        ("[1}", JsonErrorKind::UnexpectedChar('}'), 2),
        (r#"{"a":1]"#, JsonErrorKind::UnexpectedChar(']'), 6),
        ("[1", JsonErrorKind::UnexpectedEof, 2),
        (r#"{"a":1"#, JsonErrorKind::UnexpectedEof, 6),
        ("", JsonErrorKind::UnexpectedEof, 0),
        ("   ", JsonErrorKind::UnexpectedEof, 3),
        ("[1] x", JsonErrorKind::TrailingCharacters, 4),
        ("tru", JsonErrorKind::UnexpectedEof, 3),
        ("nulx", JsonErrorKind::UnexpectedChar('x'), 3),
        ("[€]", JsonErrorKind::UnexpectedChar('€'), 1),
        ("[\u{1}]", JsonErrorKind::UnexpectedChar('\u{1}'), 1),
    ];
    for (input, kind, offset) in cases {
        let e = read_all(input).unwrap_err();
        assert_eq!(kind_at(&e), (&kind, Some(offset)), "{input}");
    }
    let e = JsonReader::new(b"[\xff]").skip().unwrap_err();
    assert_eq!(kind_at(&e), (&JsonErrorKind::UnexpectedChar('\u{fffd}'), Some(1)));
}

#[test]
fn null_means_absent_everywhere() {
    let readers: [fn(&mut JsonReader<'_>) -> bool; 16] = [
        |r| !r.begin_object().unwrap(),
        |r| !r.begin_array().unwrap(),
        |r| r.str().unwrap().is_none(),
        |r| r.string().unwrap().is_none(),
        |r| r.bool().unwrap().is_none(),
        |r| r.i64().unwrap().is_none(),
        |r| r.i32().unwrap().is_none(),
        |r| r.i16().unwrap().is_none(),
        |r| r.i8().unwrap().is_none(),
        |r| r.f64().unwrap().is_none(),
        |r| r.f32().unwrap().is_none(),
        |r| r.timestamp(Format::EpochSeconds).unwrap().is_none(),
        |r| r.timestamp(Format::DateTime).unwrap().is_none(),
        |r| r.blob().unwrap().is_none(),
        |r| r.document().unwrap() == Document::Null,
        |r| r.skip().is_ok(),
    ];
    let text = format!("[{}]", vec![" null "; readers.len()].join(","));
    let mut r = reader(&text);
    assert!(r.begin_array().unwrap());
    for read in readers {
        assert!(r.next_element().unwrap());
        assert!(r.is_null_next());
        assert!(read(&mut r));
    }
    assert!(!r.next_element().unwrap());
    r.end().unwrap();
}

#[test]
fn type_mismatches_name_both_types() {
    let mismatch = |e: JsonError| match e.kind() {
        JsonErrorKind::TypeMismatch { expected, found } => (*expected, *found, e.offset().unwrap()),
        other => panic!("{other:?}"),
    };
    assert_eq!(mismatch(reader(" 1").begin_object().unwrap_err()), ("object", "number", 1));
    assert_eq!(mismatch(reader("{}").begin_array().unwrap_err()), ("array", "object", 0));
    assert_eq!(mismatch(reader("[]").str().unwrap_err()), ("string", "array", 0));
    assert_eq!(mismatch(reader("true").string().unwrap_err()), ("string", "boolean", 0));
    assert_eq!(mismatch(reader("\"x\"").bool().unwrap_err()), ("boolean", "string", 0));
    assert_eq!(mismatch(reader("false").i64().unwrap_err()), ("integer", "boolean", 0));
    assert_eq!(mismatch(reader("5.5").i32().unwrap_err()), ("integer", "non-integer number", 0));
    assert_eq!(mismatch(reader("\"1\"").f64().unwrap_err()), ("number", "string", 0));
    assert_eq!(mismatch(reader("{}").f32().unwrap_err()), ("number", "object", 0));
    assert_eq!(mismatch(reader("true").timestamp(Format::EpochSeconds).unwrap_err()), ("number", "boolean", 0));
    assert_eq!(mismatch(reader("[]").timestamp(Format::HttpDate).unwrap_err()), ("string", "array", 0));
    assert_eq!(mismatch(reader("1").blob().unwrap_err()), ("string", "number", 0));
    let e = reader("x").bool().unwrap_err();
    assert_eq!(kind_at(&e), (&JsonErrorKind::UnexpectedChar('x'), Some(0)));
    let e = reader("").str().unwrap_err();
    assert_eq!(kind_at(&e), (&JsonErrorKind::UnexpectedEof, Some(0)));
}

#[test]
fn string_escapes() {
    let s = r#""a\"b\\c\/d\be\ff\ng\rh\ti\u0041\u00e9\u20ac\ud83d\ude00\u0000""#;
    let v = reader(s).str().unwrap().unwrap();
    assert!(matches!(v, Cow::Owned(_)));
    assert_eq!(v, "a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti\u{41}é€😀\u{0}");
    assert_eq!(reader(r#""\uD83D\uDE00""#).string().unwrap().unwrap(), "😀");
    assert_eq!(reader(r#""héllo wörld 😀 plain""#).str().unwrap(), Some(Cow::Borrowed("héllo wörld 😀 plain")));
    assert_eq!(reader(r#""x\n€\t""#).string().unwrap().unwrap(), "x\n€\t");
    let errors = [
        (r#""\x""#, JsonErrorKind::InvalidEscape, 1),
        (r#""ab\u12G4""#, JsonErrorKind::InvalidEscape, 3),
        (r#""\ud800""#, JsonErrorKind::InvalidEscape, 1),
        (r#""\ud800\n""#, JsonErrorKind::InvalidEscape, 1),
        (r#""\ud800\u0041""#, JsonErrorKind::InvalidEscape, 1),
        (r#""\udc00""#, JsonErrorKind::InvalidEscape, 1),
        (r#""x\ud800\ud800""#, JsonErrorKind::InvalidEscape, 2),
        (r#""\u12"#, JsonErrorKind::UnexpectedEof, 5),
        (r#""\"#, JsonErrorKind::UnexpectedEof, 2),
        ("\"abc", JsonErrorKind::UnexpectedEof, 4),
        ("\"a\\nbc", JsonErrorKind::UnexpectedEof, 6),
        ("\"ab\ncd\"", JsonErrorKind::ControlCharacter, 3),
        ("\"a\\nb\tcd\"", JsonErrorKind::ControlCharacter, 5),
        ("\"0123456789\u{1f}\"", JsonErrorKind::ControlCharacter, 11),
    ];
    for (input, kind, offset) in errors {
        let e = reader(input).string().unwrap_err();
        assert_eq!(kind_at(&e), (&kind, Some(offset)), "{input}");
    }
}

#[test]
fn invalid_utf8_is_rejected_with_offset() {
    let cases: [(&[u8], usize); 5] = [
        (b"\"ab\xffcd\"", 3),
        (b"\"0123456789\xc3\"", 11),
        (b"\"\\n\xe2\x82\"", 3),
        (b"\"\xed\xa0\x80\"", 1),
        (b"{\"k\xc0\":1}", 3),
    ];
    for (input, offset) in cases {
        let mut r = JsonReader::new(input);
        let e = r.skip().unwrap_err();
        assert_eq!(kind_at(&e), (&JsonErrorKind::InvalidUtf8, Some(offset)), "{input:?}");
    }
    // Non-ASCII at every position relative to the 8-byte scan.
    for at in 0..20 {
        let mut s = "a".repeat(20);
        s.insert(at, 'ß');
        let json = format!("\"{s}\"");
        assert_eq!(reader(&json).string().unwrap().unwrap(), s);
        let mut bad = json.clone().into_bytes();
        bad[at + 2] = 0x20; // cut the two-byte sequence in half
        let e = JsonReader::new(&bad).string().unwrap_err();
        assert_eq!(kind_at(&e), (&JsonErrorKind::InvalidUtf8, Some(at + 1)));
    }
}

#[test]
fn integers() {
    let ok = [
        ("0", 0),
        ("-0", 0),
        ("42", 42),
        ("-42", -42),
        ("9223372036854775807", i64::MAX),
        ("-9223372036854775808", i64::MIN),
        ("5.0", 5),
        ("1e2", 100),
        ("-1.5e1", -15),
        ("1E+2", 100),
        ("12300e-2", 123),
        ("0.0e99999", 0),
        ("922337203685477580.7e1", i64::MAX),
        ("100000000000000000000e-2", 1_000_000_000_000_000_000),
    ];
    for (text, v) in ok {
        assert_eq!(reader(text).i64().unwrap(), Some(v), "{text}");
    }
    let out_of_range = [
        ("9223372036854775808", "i64"),
        ("-9223372036854775809", "i64"),
        ("99999999999999999999999", "i64"),
        ("1e19", "i64"),
        ("1e400", "i64"),
        ("1e99999999999999999999", "i64"),
        ("0.1e1000000000000000000000", "i64"),
        ("10000000000000000000000.5", "i64"),
    ];
    for (text, ty) in out_of_range {
        assert_eq!(kind_at(&reader(text).i64().unwrap_err()), (&JsonErrorKind::OutOfRange(ty), Some(0)), "{text}");
    }
    assert_eq!(reader("2147483647").i32().unwrap(), Some(i32::MAX));
    assert_eq!(reader("-2147483648").i32().unwrap(), Some(i32::MIN));
    assert_eq!(kind_at(&reader("2147483648").i32().unwrap_err()), (&JsonErrorKind::OutOfRange("i32"), Some(0)));
    assert_eq!(reader("-32768").i16().unwrap(), Some(i16::MIN));
    assert_eq!(kind_at(&reader(" 32768").i16().unwrap_err()), (&JsonErrorKind::OutOfRange("i16"), Some(1)));
    assert_eq!(reader("127").i8().unwrap(), Some(127));
    assert_eq!(kind_at(&reader("-129").i8().unwrap_err()), (&JsonErrorKind::OutOfRange("i8"), Some(0)));
    for text in ["1.5", "1e-1", "1.5e-1000000000000000000000", "1.0000000000000000000000001", "-0.5"] {
        let e = reader(text).i64().unwrap_err();
        assert!(matches!(e.kind(), JsonErrorKind::TypeMismatch { expected: "integer", .. }), "{text}");
    }
}

#[test]
fn number_grammar() {
    let bad = [
        ("01", JsonErrorKind::InvalidNumber, 1),
        ("-01", JsonErrorKind::InvalidNumber, 2),
        ("-", JsonErrorKind::UnexpectedEof, 1),
        ("-a", JsonErrorKind::InvalidNumber, 1),
        ("1.", JsonErrorKind::UnexpectedEof, 2),
        ("1.e5", JsonErrorKind::InvalidNumber, 2),
        ("1e", JsonErrorKind::UnexpectedEof, 2),
        ("1e+", JsonErrorKind::UnexpectedEof, 3),
        ("1ex", JsonErrorKind::InvalidNumber, 2),
        ("+1", JsonErrorKind::UnexpectedChar('+'), 0),
        (".5", JsonErrorKind::UnexpectedChar('.'), 0),
        ("1.5.5", JsonErrorKind::TrailingCharacters, 3),
        ("Infinity", JsonErrorKind::UnexpectedChar('I'), 0),
        ("1x", JsonErrorKind::TrailingCharacters, 1),
    ];
    for (text, kind, offset) in bad {
        let mut r = reader(text);
        let e = r.skip().and_then(|_| r.end()).unwrap_err();
        assert_eq!(kind_at(&e), (&kind, Some(offset)), "{text}");
    }
}

#[test]
fn floats() {
    let cases = [
        ("0", 0.0),
        ("-0.0", -0.0),
        ("1.5", 1.5),
        ("-2.5e-3", -0.0025),
        ("1e22", 1e22),
        ("1e23", 1e23),
        ("9007199254740993", 9007199254740992.0),
        ("0.1", 0.1),
        ("1700000000.123", 1_700_000_000.123),
        ("2.2250738585072014e-308", 2.2250738585072014e-308),
        ("1e-400", 0.0),
        ("123456789012345678901234567890", 1.2345678901234568e29),
        ("0.30000000000000004", 0.30000000000000004),
        ("\"Infinity\"", f64::INFINITY),
        ("\"-Infinity\"", f64::NEG_INFINITY),
    ];
    for (text, v) in cases {
        let got = reader(text).f64().unwrap().unwrap();
        assert_eq!(got.to_bits(), v.to_bits(), "{text}");
    }
    assert!(reader("\"NaN\"").f64().unwrap().unwrap().is_nan());
    assert!(reader("\"NaN\"").f32().unwrap().unwrap().is_nan());
    assert_eq!(reader("\"-Infinity\"").f32().unwrap(), Some(f32::NEG_INFINITY));
    assert_eq!(reader("16777217").f32().unwrap(), Some(16_777_216.0));
    assert_eq!(reader("0.1").f32().unwrap(), Some(0.1f32));
    assert_eq!(kind_at(&reader("1e400").f64().unwrap_err()), (&JsonErrorKind::OutOfRange("f64"), Some(0)));
    assert_eq!(kind_at(&reader("1e39").f32().unwrap_err()), (&JsonErrorKind::OutOfRange("f32"), Some(0)));
    // The fast path agrees with the standard library's correctly rounded parser.
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let text = format!("{}.{}e{}", x % 100_000_000, (x >> 27) % 1_000_000_000, (x >> 58) as i64 - 32);
        assert_eq!(reader(&text).f64().unwrap(), text.parse().ok(), "{text}");
    }
}

#[test]
fn timestamps() {
    let t = DateTime::from_secs_and_nanos(1_700_000_000, 123_000_000);
    let cases = [
        ("1700000000.123", Format::EpochSeconds),
        ("1.700000000123E9", Format::EpochSeconds),
        ("\"1700000000.123\"", Format::EpochSeconds),
        ("\"2023-11-14T22:13:20.123Z\"", Format::DateTime),
        ("1700000000.123", Format::DateTime),
        ("1700000000.123", Format::HttpDate),
    ];
    for (text, f) in cases {
        assert_eq!(reader(text).timestamp(f).unwrap(), Some(t), "{text}");
    }
    let http = reader("\"Tue, 14 Nov 2023 22:13:20 GMT\"").timestamp(Format::HttpDate).unwrap();
    assert_eq!(http, Some(DateTime::from_secs(1_700_000_000)));
    let e = reader(" \"2023-13-01T00:00:00Z\"").timestamp(Format::DateTime).unwrap_err();
    assert!(matches!(e.kind(), JsonErrorKind::Timestamp(_)) && e.offset() == Some(1));
    assert!(std::error::Error::source(&e).is_some());
    assert_eq!(e.to_string(), r#"invalid RFC 3339 date-time "2023-13-01T00:00:00Z": month out of range at byte 1"#);
    let e = reader("1e30").timestamp(Format::EpochSeconds).unwrap_err();
    assert!(matches!(e.kind(), JsonErrorKind::Timestamp(_)));
    let e = reader("\"Tue, 14 Nov 2023\"").timestamp(Format::DateTime).unwrap_err();
    assert!(matches!(e.kind(), JsonErrorKind::Timestamp(_)));
}

#[test]
fn blobs() {
    assert_eq!(reader("\"Zm9vYmFy\"").blob().unwrap(), Some(b"foobar".to_vec()));
    assert_eq!(reader("\"Zm9vYg\"").blob().unwrap(), Some(b"foob".to_vec()));
    assert_eq!(reader("\"Zm9v\\/A==\"").blob().unwrap(), Some(vec![102, 111, 111, 252]));
    let e = reader(" \"Zm9v!A==\"").blob().unwrap_err();
    assert_eq!(e.offset(), Some(1));
    assert_eq!(e.kind(), &JsonErrorKind::Base64(Base64Error::InvalidByte { offset: 4, byte: b'!' }));
    assert!(std::error::Error::source(&e).is_some());
}

#[test]
fn documents() {
    let text = r#"{"a":[1,-2,3.5,18446744073709551615,18446744073709551616,-9223372036854775809,1e2],"b":{"c":null,"d":true},"e":"s","a2":false,"d":1,"d":2}"#;
    let doc = reader(text).document().unwrap();
    let a = doc.get("a").and_then(Document::as_array).unwrap();
    assert!(matches!(a[0], Document::Number(Number::PosInt(1))));
    assert!(matches!(a[1], Document::Number(Number::NegInt(-2))));
    assert!(matches!(a[2], Document::Number(Number::Float(v)) if v == 3.5));
    assert!(matches!(a[3], Document::Number(Number::PosInt(u64::MAX))));
    assert!(matches!(a[4], Document::Number(Number::Float(v)) if v == 18446744073709551616.0));
    assert!(matches!(a[5], Document::Number(Number::Float(_))));
    assert!(matches!(a[6], Document::Number(Number::Float(v)) if v == 100.0));
    assert_eq!(doc.get("b").and_then(|b| b.get("c")), Some(&Document::Null));
    assert_eq!(doc.get("b").and_then(|b| b.get("d")), Some(&Document::Bool(true)));
    assert_eq!(doc.get("d").and_then(Document::as_i64), Some(2));
    let again = reader(&write(|w| w.document(&doc))).document().unwrap();
    assert_eq!(again, doc);
    for scalar in ["\"x\"", "true", "null", "-1", "[]", "{}"] {
        let mut r = reader(scalar);
        r.document().unwrap();
        r.end().unwrap();
    }
    let e = reader(r#"{"a":[1,]}"#).document().unwrap_err();
    assert_eq!(kind_at(&e), (&JsonErrorKind::TrailingComma, Some(7)));
    let e = reader("[1e400]").document().unwrap_err();
    assert_eq!(kind_at(&e), (&JsonErrorKind::OutOfRange("f64"), Some(1)));
}

#[test]
fn skip_validates_and_resumes() {
    let text = r#"{"skip":{"a":[1,{"b":"\u00e9"},[[]],null,true,false,-1.5e3],"c":{}},"keep":7}"#;
    let mut r = reader(text);
    assert!(r.begin_object().unwrap());
    assert_eq!(r.next_key().unwrap().as_deref(), Some("skip"));
    r.skip().unwrap();
    assert_eq!(r.next_key().unwrap().as_deref(), Some("keep"));
    assert_eq!(r.i64().unwrap(), Some(7));
    assert_eq!(r.next_key().unwrap(), None);
    r.end().unwrap();
    let e = reader(r#"{"a":[1,{"b":tru}]}"#).skip().unwrap_err();
    assert_eq!(kind_at(&e), (&JsonErrorKind::UnexpectedChar('}'), Some(16)));
}

#[test]
fn depth_limit_stops_hostile_nesting() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let e = reader(&deep).skip().unwrap_err();
    assert_eq!(kind_at(&e), (&JsonErrorKind::DepthLimit, Some(128)));
    let e = reader(&deep).document().unwrap_err();
    assert_eq!(kind_at(&e), (&JsonErrorKind::DepthLimit, Some(128)));
    let mut r = reader(&deep);
    let e = (0..).try_for_each(|_| r.begin_array().map(drop)).unwrap_err();
    assert_eq!(kind_at(&e), (&JsonErrorKind::DepthLimit, Some(128)));
    // A generous limit: iterative skipping still cannot overflow the stack.
    let mut r = JsonReader::with_max_depth(deep.as_bytes(), 10_000);
    r.skip().unwrap();
    r.end().unwrap();
    let objects = "{\"a\":".repeat(10_000) + "1" + &"}".repeat(10_000);
    let mut r = JsonReader::with_max_depth(objects.as_bytes(), 10_000);
    r.skip().unwrap();
    r.end().unwrap();
    let e = JsonReader::with_max_depth(deep.as_bytes(), 9_999).skip().unwrap_err();
    assert_eq!(kind_at(&e), (&JsonErrorKind::DepthLimit, Some(9_999)));
    let shallow = "[".repeat(128) + &"]".repeat(128);
    reader(&shallow).skip().unwrap();
    let e = JsonReader::with_max_depth(&objects.as_bytes()[..5 * 2000], 3000).document().unwrap_err();
    assert_eq!(e.kind(), &JsonErrorKind::UnexpectedEof);
    let nested = "[".repeat(2000) + &"]".repeat(2000);
    let doc = JsonReader::with_max_depth(nested.as_bytes(), 2000).document().unwrap();
    assert_eq!(doc.get_index(0).and_then(|d| d.get_index(0)).map(|d| d.type_name()), Some("array"));
}

#[test]
fn error_display_and_path() {
    let e = reader(&format!("{}1", " ".repeat(1234))).string().unwrap_err();
    let e = e.in_member("CreatedTimestamp").in_index(3).in_member("PhoneNumbers");
    assert_eq!(e.path(), "PhoneNumbers[3].CreatedTimestamp");
    assert_eq!(e.to_string(), "expected string, found number at byte 1234 (in PhoneNumbers[3].CreatedTimestamp)");
    let e = JsonError::missing_member("Name").in_key("a\"b").in_member("Tags");
    assert_eq!(e.to_string(), r#"missing required member "Name" (in Tags["a\"b"])"#);
    assert_eq!(e.offset(), None);
    assert_eq!(JsonError::missing_member("X").with_offset(9).to_string(), r#"missing required member "X" at byte 9"#);
    assert_eq!(JsonError::custom("boom").in_index(0).to_string(), "boom (in [0])");
    assert_eq!(
        JsonError::new(JsonErrorKind::DepthLimit, Some(3)).to_string(),
        "nesting exceeds the depth limit at byte 3"
    );
    let messages = [
        (JsonErrorKind::UnexpectedEof, "unexpected end of input"),
        (JsonErrorKind::UnexpectedChar('x'), "unexpected character 'x'"),
        (JsonErrorKind::TrailingComma, "trailing comma"),
        (JsonErrorKind::TrailingCharacters, "trailing characters after the value"),
        (JsonErrorKind::InvalidNumber, "invalid number"),
        (JsonErrorKind::InvalidEscape, "invalid escape sequence"),
        (JsonErrorKind::ControlCharacter, "unescaped control character in string"),
        (JsonErrorKind::InvalidUtf8, "invalid UTF-8"),
        (JsonErrorKind::OutOfRange("i32"), "number out of range for i32"),
    ];
    for (kind, msg) in messages {
        assert_eq!(kind.to_string(), msg);
        assert!(std::error::Error::source(&JsonError::new(kind, None)).is_none());
    }
}

/// The shape generated deserializers have, for the big-body test.
#[derive(Debug, Default, PartialEq)]
struct Item {
    id: Option<String>,
    tags: Option<Vec<String>>,
    n: Option<i32>,
    on: Option<bool>,
    at: Option<DateTime>,
}

fn read_item(r: &mut JsonReader<'_>) -> Result<Option<Item>, JsonError> {
    if !r.begin_object()? {
        return Ok(None);
    }
    let mut item = Item::default();
    while let Some(key) = r.next_key()? {
        match &*key {
            "Id" => item.id = r.string().map_err(|e| e.in_member("Id"))?,
            "N" => item.n = r.i32().map_err(|e| e.in_member("N"))?,
            "On" => item.on = r.bool()?,
            "At" => item.at = r.timestamp(Format::EpochSeconds)?,
            "Tags" => {
                if r.begin_array()? {
                    let mut tags = Vec::new();
                    while r.next_element()? {
                        tags.extend(r.string()?);
                    }
                    item.tags = Some(tags);
                }
            }
            _ => r.skip()?,
        }
    }
    Ok(Some(item))
}

#[test]
fn big_body_round_trip() {
    let mut w = JsonWriter::with_capacity(1 << 16);
    w.begin_object();
    w.key("Items");
    w.begin_array();
    for i in 0..1000 {
        w.begin_object();
        w.key("Id");
        w.string(&format!("item-{i}-\u{e9}-\"q\""));
        w.key("Unknown");
        w.document(&Document::from(vec![Document::from(i), Document::Null]));
        w.key("N");
        w.i64(i - 500);
        w.key("Tags");
        w.begin_array();
        w.string("a");
        w.string("b\n");
        w.end_array();
        w.key("On");
        w.bool(i % 2 == 0);
        w.key("At");
        w.timestamp(DateTime::from_secs_and_nanos(1_700_000_000 + i, 1), Format::EpochSeconds);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    let bytes = w.into_bytes();
    let mut r = JsonReader::new(&bytes);
    assert!(r.begin_object().unwrap());
    assert_eq!(r.next_key().unwrap().as_deref(), Some("Items"));
    assert!(r.begin_array().unwrap());
    let mut items = Vec::new();
    while r.next_element().unwrap() {
        items.push(read_item(&mut r).map_err(|e| e.in_index(items.len())).unwrap().unwrap());
    }
    assert!(r.next_key().unwrap().is_none());
    r.end().unwrap();
    assert_eq!(items.len(), 1000);
    assert_eq!(items[7].id.as_deref(), Some("item-7-é-\"q\""));
    assert_eq!(items[7].n, Some(-493));
    assert_eq!(items[7].tags.as_deref(), Some(&["a".to_owned(), "b\n".to_owned()][..]));
    assert_eq!(items[7].on, Some(false));
    assert_eq!(items[7].at, Some(DateTime::from_secs_and_nanos(1_700_000_007, 1)));
    // A bad value deep inside reports its path and offset.
    let text = String::from_utf8(bytes).unwrap().replacen("\"N\":-497", "\"N\":\"x\"", 1);
    let mut r = reader(&text);
    r.begin_object().unwrap();
    r.next_key().unwrap();
    r.begin_array().unwrap();
    let mut index = 0;
    let e = loop {
        assert!(r.next_element().unwrap());
        if let Err(e) = read_item(&mut r) {
            break e.in_index(index).in_member("Items");
        }
        index += 1;
    };
    assert_eq!(e.path(), "Items[3].N");
    assert_eq!(e.offset(), text.find("\"N\":\"x\"").map(|o| o + 4));
}
