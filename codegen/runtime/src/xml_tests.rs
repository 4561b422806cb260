use super::*;

fn reader(text: &str) -> XmlReader<'_> {
    XmlReader::new(text.as_bytes()).unwrap()
}

#[test]
fn walks_children_by_local_name_skipping_attributes_and_comments() {
    let mut r = reader(
        "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- hi --><!DOCTYPE r>\
         <a:Root xmlns:a=\"urn:x\" q='1>2' p = \"/>\">\n  <a:One>1</a:One>\n  <!-- c -->\
         <Two x=\"y\"/>\n  <Three><Inner>i</Inner><Inner/></Three>text<Four>4</Four></a:Root>\n<!-- tail -->",
    );
    assert_eq!(r.root().unwrap(), "Root");
    assert_eq!(r.next_child().unwrap(), Some("One"));
    assert_eq!(r.text().unwrap(), "1");
    assert_eq!(r.next_child().unwrap(), Some("Two"));
    assert_eq!(r.text().unwrap(), "");
    assert_eq!(r.next_child().unwrap(), Some("Three"));
    r.skip().unwrap();
    assert_eq!(r.next_child().unwrap(), Some("Four"));
    assert_eq!(r.int::<i32>("i32").unwrap(), 4);
    assert_eq!(r.next_child().unwrap(), None);
    r.end().unwrap();
}

#[test]
fn text_decodes_entities_cdata_and_line_ends() {
    let mut r = reader("<r>a &lt;&gt;&amp;&quot;&apos; &#65;&#x42;<![CDATA[<&>]]>z\r\nx\ry<!-- no --></r>");
    r.root().unwrap();
    assert_eq!(r.text().unwrap(), "a <>&\"' AB<&>z\nx\ny");
    let mut r = reader("<r>plain text</r>");
    r.root().unwrap();
    assert!(matches!(r.text().unwrap(), Cow::Borrowed("plain text")));
}

#[test]
fn self_closed_elements_are_empty() {
    let mut r = reader("<r><a/><b></b><c><d/></c></r>");
    r.root().unwrap();
    assert_eq!(r.next_child().unwrap(), Some("a"));
    assert_eq!(r.next_child().unwrap(), None);
    assert_eq!(r.next_child().unwrap(), Some("b"));
    assert_eq!(r.string().unwrap(), "");
    assert_eq!(r.next_child().unwrap(), Some("c"));
    assert_eq!(r.next_child().unwrap(), Some("d"));
    r.skip().unwrap();
    assert_eq!(r.next_child().unwrap(), None);
    assert_eq!(r.next_child().unwrap(), None);
    r.end().unwrap();
}

#[test]
fn malformed_documents_are_errors() {
    let cases: &[&str] =
        &["", "text", "<r>", "<r><a></b></r>", "<r></r>junk", "<r a></r>", "<r>&bogus;</r>", "<r>&#xD800;</r>"];
    for case in cases {
        let mut r = reader(case);
        let result = r.root().and_then(|_| r.text().map(drop)).and_then(|()| r.end());
        assert!(result.is_err(), "{case:?} was accepted");
    }
    let mut r = reader("<r><a>x</a></r>");
    r.root().unwrap();
    let e = r.text().unwrap_err();
    assert_eq!(e.kind(), &BodyErrorKind::TypeMismatch { expected: "text", found: "element" });
    assert!(XmlReader::new(b"<r>\xff</r>").is_err());
}

#[test]
fn nesting_is_bounded() {
    let deep = "<a>".repeat(MAX_DEPTH + 1);
    let mut r = reader(&deep);
    r.root().unwrap();
    let e = r.skip().unwrap_err();
    assert_eq!(e.kind(), &BodyErrorKind::DepthLimit);
}

#[test]
fn typed_values() {
    let mut r = reader(
        "<r><b>true</b><b>false</b><b>yes</b><i>-12</i><i>99999999999</i><i>x</i><f>5.5</f><f>NaN</f>\
         <f>-Infinity</f><t>2019-12-16T22:48:18-01:00</t><t>1398796238</t><t>Tue, 29 Apr 2014 18:30:38 GMT</t>\
         <t>soon</t><d>dmFs\n dWU=</d><d>!</d></r>",
    );
    r.root().unwrap();
    r.next_child().unwrap();
    assert!(r.bool().unwrap());
    r.next_child().unwrap();
    assert!(!r.bool().unwrap());
    r.next_child().unwrap();
    assert!(r.bool().is_err());
    r.next_child().unwrap();
    assert_eq!(r.int::<i32>("i32").unwrap(), -12);
    r.next_child().unwrap();
    assert_eq!(r.int::<i32>("i32").unwrap_err().kind(), &BodyErrorKind::OutOfRange("i32"));
    r.next_child().unwrap();
    assert!(r.int::<i64>("i64").is_err());
    r.next_child().unwrap();
    assert_eq!(r.f64().unwrap(), 5.5);
    r.next_child().unwrap();
    assert!(r.f64().unwrap().is_nan());
    r.next_child().unwrap();
    assert_eq!(r.f64().unwrap(), f64::NEG_INFINITY);
    r.next_child().unwrap();
    assert_eq!(r.timestamp(Format::DateTime).unwrap(), DateTime::from_secs(1576540098));
    r.next_child().unwrap();
    assert_eq!(r.timestamp(Format::DateTime).unwrap(), DateTime::from_secs(1398796238));
    r.next_child().unwrap();
    assert_eq!(r.timestamp(Format::EpochSeconds).unwrap(), DateTime::from_secs(1398796238));
    r.next_child().unwrap();
    assert!(matches!(r.timestamp(Format::DateTime).unwrap_err().kind(), BodyErrorKind::Timestamp(_)));
    r.next_child().unwrap();
    assert_eq!(r.blob().unwrap(), b"value");
    r.next_child().unwrap();
    assert!(matches!(r.blob().unwrap_err().kind(), BodyErrorKind::Base64(_)));
    assert_eq!(r.next_child().unwrap(), None);
}

#[test]
fn lists_and_maps() {
    let mut r = reader(
        "<r><l><member>a</member><item>b</item></l><m><entry><key>k1</key><value>1</value></entry>\
         <entry><V>2</V><K>k2</K></entry></m><bad><entry><key>k</key><other/></entry></bad></r>",
    );
    r.root().unwrap();
    r.next_child().unwrap();
    assert_eq!(list(&mut r, |r| r.string()).unwrap(), ["a", "b"]);
    r.next_child().unwrap();
    let mut entries = 0;
    while r.next_child().unwrap().is_some() {
        let names = if entries == 0 { ("key", "value") } else { ("K", "V") };
        let (k, v) = map_entry(&mut r, names, str::to_owned, |r| r.int::<i32>("i32")).unwrap();
        assert_eq!((k.as_str(), v), (["k1", "k2"][entries], [1, 2][entries]));
        entries += 1;
    }
    r.next_child().unwrap();
    let e = map(&mut r, ("key", "value"), str::to_owned, |r| r.string()).unwrap_err();
    assert!(e.to_string().contains("unexpected element <other>"), "{e}");
}
