use super::*;

#[test]
fn labels_escape_all_but_unreserved_and_greedy_ones_keep_slashes() {
    let mut uri = String::from("/a/");
    push_label(&mut uri, " %:/?#[]@!$&'()*+,;=😹", false);
    assert_eq!(uri, "/a/%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9");
    let mut uri = String::from("/b/");
    push_label(&mut uri, "there/guy~-._", true);
    assert_eq!(uri, "/b/there/guy~-._");
}

#[test]
fn unset_or_empty_labels_are_errors() {
    assert_eq!(label("In", "key", Some("k")), Ok("k"));
    assert_eq!(label("In", "key", None).unwrap_err().missing(), Some("key"));
    let empty = label("In", "key", Some("")).unwrap_err();
    assert_eq!(empty.field(), Some("key"));
    assert!(empty.missing().is_none());
}

#[test]
fn query_follows_the_literal_part_and_escapes_keys_and_values() {
    let mut q = Query::new("/p".to_owned());
    q.push("a b", "x&y");
    q.push("Empty", "");
    assert_eq!(q.finish(), "/p?a%20b=x%26y&Empty=");
    let mut q = Query::new("/p?foo=bar&hello".to_owned());
    q.push("baz", "bam");
    assert_eq!(q.finish(), "/p?foo=bar&hello&baz=bam");
    assert_eq!(Query::new("/p?x".to_owned()).finish(), "/p?x");
}

#[test]
fn floats_name_their_special_values() {
    assert_eq!(float(1.1f32), "1.1");
    assert_eq!(float(5.1f64), "5.1");
    assert_eq!(float(f64::NAN), "NaN");
    assert_eq!(float(f32::INFINITY), "Infinity");
    assert_eq!(float(f64::NEG_INFINITY), "-Infinity");
}

#[test]
fn timestamps_take_the_bound_format() {
    let t = DateTime::from_secs(1576540098);
    assert_eq!(timestamp(t, Format::HttpDate), "Mon, 16 Dec 2019 23:48:18 GMT");
    assert_eq!(timestamp(t, Format::DateTime), "2019-12-16T23:48:18Z");
    assert_eq!(timestamp(t, Format::EpochSeconds), "1576540098");
}

#[test]
fn list_items_with_commas_or_quotes_are_quoted_and_split_back() {
    let items = ["b,c", "\"def\"", "a"];
    let joined = items.iter().map(|i| list_item(i)).collect::<Vec<_>>().join(", ");
    assert_eq!(joined, r#""b,c", "\"def\"", a"#);
    let mut headers = http::HeaderMap::new();
    headers.insert("x-list", joined.parse().unwrap());
    let back = read_list_header(&headers, "x-list", false, parse::string).unwrap().unwrap();
    assert_eq!(back, items);
    headers.insert("x-list", "1, 2,3".parse().unwrap());
    assert_eq!(read_list_header(&headers, "x-list", false, parse::int::<i32>).unwrap(), Some(vec![1, 2, 3]));
    assert_eq!(read_list_header(&headers, "x-none", false, parse::int::<i32>).unwrap(), None);
}

#[test]
fn http_date_lists_pair_their_commas() {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-t", "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:19 GMT".parse().unwrap());
    let dates = read_list_header(&headers, "x-t", true, |s| parse::timestamp(s, Format::HttpDate)).unwrap().unwrap();
    assert_eq!(dates, [DateTime::from_secs(1576540098), DateTime::from_secs(1576540099)]);
}

#[test]
fn header_values_parse_by_kind_and_errors_name_the_header() {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-b", "true".parse().unwrap());
    headers.insert("x-f", "-Infinity".parse().unwrap());
    headers.insert("x-j", "dHJ1ZQ==".parse().unwrap());
    headers.insert("x-bad", "maybe".parse().unwrap());
    assert_eq!(read_header(&headers, "x-b", parse::bool).unwrap(), Some(true));
    assert_eq!(read_header(&headers, "x-f", parse::float::<f64>).unwrap(), Some(f64::NEG_INFINITY));
    assert_eq!(read_header(&headers, "x-j", parse::json).unwrap().as_deref(), Some("true"));
    let err = read_header(&headers, "x-bad", parse::bool).unwrap_err();
    assert!(err.to_string().contains("header `x-bad`"), "{err}");
    assert_eq!(json_header("true"), "dHJ1ZQ==");
}

#[test]
fn prefix_headers_are_keyed_by_the_rest_of_the_name() {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-foo-abc", "A".parse().unwrap());
    headers.insert("x-foo", "F".parse().unwrap());
    headers.insert("other", "O".parse().unwrap());
    let map = prefix_headers(&headers, "X-Foo-").unwrap().unwrap();
    assert_eq!(map, HashMap::from([("abc".to_owned(), "A".to_owned())]));
    let all = prefix_headers(&headers, "").unwrap().unwrap();
    assert_eq!(all.len(), 3);
}

#[test]
fn requests_carry_length_and_type_only_with_a_body() {
    let empty = request(http::Method::GET, "/a?b=c", Vec::new(), Some("application/json")).unwrap();
    assert_eq!(empty.uri(), "/a?b=c");
    assert!(empty.headers().is_empty());
    let full = request(http::Method::PUT, "/a", b"{}".to_vec(), Some("application/json")).unwrap();
    assert_eq!(full.method(), http::Method::PUT);
    assert_eq!(full.headers()["content-type"], "application/json");
    assert_eq!(full.headers()["content-length"], "2");
    let mut headers = http::HeaderMap::new();
    assert!(set_header(&mut headers, "In", "f", "x-a", "line\nbreak").is_err());
    set_header(&mut headers, "In", "f", "x-a", "ok").unwrap();
    assert_eq!(headers["x-a"], "ok");
}
