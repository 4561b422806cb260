//! The INI reader against the files botocore accepts and refuses.

use super::*;

fn text<'a>(ini: &'a Ini, section: &str, key: &str) -> Option<&'a str> {
    ini.section(section)?.get(key)?.as_text()
}

fn error(input: &str) -> IniError {
    parse(input).expect_err("should be refused")
}

#[test]
fn reads_sections_and_options() {
    let ini =
        parse("[default]\naws_access_key_id = AKID\nregion=us-west-2\n\n[profile dev]\nregion : eu-west-1\n").unwrap();
    let names: Vec<&str> = ini.sections().iter().map(Section::name).collect();
    assert_eq!(names, ["default", "profile dev"]);
    assert_eq!(text(&ini, "default", "aws_access_key_id"), Some("AKID"));
    assert_eq!(text(&ini, "default", "region"), Some("us-west-2"));
    assert_eq!(text(&ini, "profile dev", "region"), Some("eu-west-1"));
}

#[test]
fn empty_and_comment_only_files_have_no_sections() {
    assert!(parse("").unwrap().sections().is_empty());
    assert!(parse("\n\n   \n# just a comment\n; another\n").unwrap().sections().is_empty());
}

#[test]
fn comments_are_whole_lines_only() {
    let ini =
        parse("# top\n[a]\n  # indented comment\n; semicolon\nk = v # not a comment\nj = v ; nor this\n").unwrap();
    assert_eq!(text(&ini, "a", "k"), Some("v # not a comment"));
    assert_eq!(text(&ini, "a", "j"), Some("v ; nor this"));
    assert_eq!(ini.section("a").unwrap().properties().len(), 2);
}

#[test]
fn whitespace_around_keys_values_and_lines_is_trimmed() {
    let ini = parse("  [a]  \n\t key \t=\t value with  inner  spaces \t\n k2=\n").unwrap();
    assert_eq!(text(&ini, "a", "key"), Some("value with  inner  spaces"));
    assert_eq!(text(&ini, "a", "k2"), Some(""));
}

#[test]
fn splits_at_the_first_equals_or_colon() {
    let ini = parse("[a]\nurl = https://example.com:443/x=y\nk: v = w\n").unwrap();
    assert_eq!(text(&ini, "a", "url"), Some("https://example.com:443/x=y"));
    assert_eq!(text(&ini, "a", "k"), Some("v = w"));
}

#[test]
fn keys_are_lowercased_but_sections_and_values_keep_case() {
    let ini = parse("[Profile Dev]\nAWS_Access_Key_ID = AbC\n").unwrap();
    assert_eq!(text(&ini, "Profile Dev", "aws_access_key_id"), Some("AbC"));
    assert!(ini.section("profile dev").is_none());
}

#[test]
fn section_name_is_taken_up_to_the_last_bracket_untrimmed() {
    let ini = parse("[ default ]\nk = 1\n[a]b] trailing\nk = 2\n[c] # comment\nk = 3\n").unwrap();
    assert_eq!(text(&ini, " default ", "k"), Some("1"));
    assert_eq!(text(&ini, "a]b", "k"), Some("2"));
    assert_eq!(text(&ini, "c", "k"), Some("3"));
}

#[test]
fn crlf_cr_and_a_byte_order_mark_are_accepted() {
    let ini = parse("\u{feff}[a]\r\nk = v\r\n  more\r[b]\rj = w").unwrap();
    assert_eq!(text(&ini, "a", "k"), Some("v\nmore"));
    assert_eq!(text(&ini, "b", "j"), Some("w"));
}

#[test]
fn deeper_indented_lines_continue_a_value() {
    let ini = parse("[a]\nk = first\n    second\n\n    after blank\n  # comment kept out\n  third\nj = 1\n").unwrap();
    assert_eq!(text(&ini, "a", "k"), Some("first\nsecond\n\nafter blank\nthird"));
    assert_eq!(text(&ini, "a", "j"), Some("1"));
}

#[test]
fn indentation_is_relative_to_the_option_line() {
    // Options indented alike are siblings; only deeper lines continue.
    let ini = parse("[a]\n  k = 1\n  j = 2\n    j continued\n").unwrap();
    assert_eq!(text(&ini, "a", "k"), Some("1"));
    assert_eq!(text(&ini, "a", "j"), Some("2\nj continued"));
    // A deeper line straight after a header is an option, not a continuation.
    let ini = parse("[a]\n    k = 1\n").unwrap();
    assert_eq!(text(&ini, "a", "k"), Some("1"));
    // Even a header continues a value when indented deeper than its option.
    let ini = parse("[a]\nk = 1\n  [b]\n").unwrap();
    assert_eq!(text(&ini, "a", "k"), Some("1\n[b]"));
    assert!(ini.section("b").is_none());
}

#[test]
fn values_starting_on_the_next_line_are_nested() {
    let file = "[profile dev]\ns3 =\n  max_concurrent_requests = 20\n  Addressing_Style=path\n\n  signature_version = s3v4\nregion = us-east-1\n";
    let ini = parse(file).unwrap();
    let section = ini.section("profile dev").unwrap();
    let Some(Value::Nested(s3)) = section.get("s3") else { panic!("{section:?}") };
    assert_eq!(s3.get("max_concurrent_requests").map(String::as_str), Some("20"));
    assert_eq!(s3.get("Addressing_Style").map(String::as_str), Some("path"), "nested keys keep their case");
    assert_eq!(s3.len(), 3);
    assert_eq!(section.get("s3").unwrap().as_text(), None);
    assert_eq!(text(&ini, "profile dev", "region"), Some("us-east-1"));
    // A key with an empty value and nothing below it is plain empty text.
    assert_eq!(text(&parse("[a]\ns3 =\n\n").unwrap(), "a", "s3"), Some(""));
}

#[test]
fn nested_lines_must_be_key_equals_value() {
    let e = error("[a]\ns3 =\n  k = v\n\n  just words\n");
    assert_eq!(e.line(), 5, "the line at fault, not the key's");
    assert!(e.to_string().contains("under key `s3`"), "{e}");
}

/// A fake secret, in the layouts that put it where the reader does not
/// expect a value.
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

fn assert_hidden(e: &IniError) {
    let text = format!("{e} {e:?} {e:#?}");
    assert!(!text.contains(SECRET) && !text.contains("wJalrXUtnFEMI"), "{text}");
}

#[test]
fn a_secret_on_its_own_line_after_its_key_is_not_quoted() {
    let e = error(&format!("[default]\naws_access_key_id = AKID\naws_secret_access_key =\n{SECRET}\n"));
    assert_hidden(&e);
    assert_eq!(e.line(), 4);
    let text = e.to_string();
    assert!(text.starts_with("line 4: expected `key = value`"), "{text}");
    assert!(text.contains("after key `aws_secret_access_key` on line 3, which has no value"), "{text}");
}

#[test]
fn a_secret_on_an_indented_continuation_line_is_not_quoted() {
    let e = error(&format!("[default]\naws_secret_access_key =\n    {SECRET}\nregion = us-east-1\n"));
    assert_hidden(&e);
    assert_eq!(e.line(), 3);
    assert!(e.to_string().contains("a line under key `aws_secret_access_key` is not `name = value`"), "{e}");
}

#[test]
fn a_pasted_secret_without_a_key_is_not_quoted() {
    let e = error(&format!("[default]\nregion = us-east-1\n{SECRET}\n"));
    assert_hidden(&e);
    assert_eq!(e.to_string(), "line 3: expected `key = value`, `key: value` or `[section]`");
    // Split at a `:` or `=` inside the secret, its first part is not shown as a key.
    let e = error("[a]\nWJALR/K7+x: 1\nwJalr/K7+X = 2\n");
    assert!(
        !e.to_string().contains("wjalr") && e.to_string().contains("line 3: a key that is not a setting name"),
        "{e}"
    );
}

#[test]
fn debug_of_sections_shows_keys_but_no_values() {
    let ini = parse(&format!("[default]\naws_secret_access_key = {SECRET}\ns3 =\n  k = {SECRET}\n")).unwrap();
    let text = format!("{ini:?} {ini:#?}");
    assert!(!text.contains(SECRET) && text.contains("aws_secret_access_key") && text.contains("s3"), "{text}");
}

#[test]
fn options_know_their_line() {
    let ini = parse("[DEFAULT]\noutput = json\n[a]\n# c\nk = 1\n  more\nj = 2\n").unwrap();
    let a = ini.section("a").unwrap();
    assert_eq!((a.line("k"), a.line("j"), a.line("output"), a.line("x")), (Some(5), Some(7), Some(2), None));
}

#[test]
fn default_section_is_inherited() {
    let ini = parse("[DEFAULT]\nregion = us-east-1\noutput = json\n[a]\nregion = eu-west-1\n[b]\n").unwrap();
    assert!(ini.section("DEFAULT").is_none());
    assert_eq!(text(&ini, "a", "region"), Some("eu-west-1"));
    assert_eq!(text(&ini, "a", "output"), Some("json"));
    assert_eq!(text(&ini, "b", "region"), Some("us-east-1"));
    // `[default]` is an ordinary section: case matters.
    let ini = parse("[default]\nk = 1\n[b]\n").unwrap();
    assert_eq!(text(&ini, "b", "k"), None);
}

#[test]
fn refuses_what_botocore_refuses() {
    assert_eq!(error("k = v\n[a]\n").line(), 1);
    assert!(error("\n\n[a]\nk = 1\n[a]\n").to_string().contains("line 5: section `a` appears twice"));
    assert!(error("[a]\nk = 1\nK = 2\n").to_string().contains("line 3: key `k` appears twice"));
    assert!(error("[a]\njust words\n").to_string().contains("line 2: expected"));
    assert!(error("[a]\n= v\n").to_string().contains("without a key"));
    assert_eq!(error("[]\n").line(), 1);
    assert_eq!(error("[a\n").line(), 1);
}

#[test]
fn config_profiles_follow_build_profile_map() {
    let file = "[default]\nk = plain\n[profile dev]\nk = dev\n[profile \"with space\"]\nk = quoted\n[profile   tabs\t]\nk = spaced\n\
                [profile]\nk = none\n[profile a b]\nk = three words\n[profilex y]\nk = odd\n[sso-session s]\nk = s\n[services x]\nk = x\n\
                [profile 'unclosed]\nk = bad\n[preview]\nk = p\n";
    let ini = parse(file).unwrap();
    let profiles = ini.config_profiles();
    let names: Vec<&str> = profiles.keys().map(String::as_str).collect();
    // `[profilex y]` counts: botocore checks only the prefix and the word count.
    assert_eq!(names, ["default", "dev", "tabs", "with space", "y"]);
    assert_eq!(profiles["with space"].get("k").unwrap().as_text(), Some("quoted"));
}

#[test]
fn later_section_wins_for_the_same_profile() {
    let ini = parse("[profile default]\nregion = a\n[default]\nregion = b\n").unwrap();
    assert_eq!(ini.config_profiles()["default"].get("region").unwrap().as_text(), Some("b"));
    let ini = parse("[default]\nregion = b\n[profile default]\nregion = a\n").unwrap();
    assert_eq!(ini.config_profiles()["default"].get("region").unwrap().as_text(), Some("a"));
}

#[test]
fn shell_words_match_shlex() {
    let words = |s: &str| shell_words(s).map(|w| w.join("|"));
    assert_eq!(words("profile dev").as_deref(), Some("profile|dev"));
    assert_eq!(words("  profile \t dev  ").as_deref(), Some("profile|dev"));
    assert_eq!(words(r#"profile "a b""#).as_deref(), Some("profile|a b"));
    assert_eq!(words(r#"profile 'a "b"'"#).as_deref(), Some(r#"profile|a "b""#));
    assert_eq!(words(r#"profile "a\"b\\c\d""#).as_deref(), Some(r#"profile|a"b\c\d"#));
    assert_eq!(words(r"profile a\ b").as_deref(), Some("profile|a b"));
    assert_eq!(words(r#"profile x"y z"w"#).as_deref(), Some("profile|xy zw"));
    assert_eq!(words(r#"profile """#).as_deref(), Some("profile|"));
    assert_eq!(words("profile 'open"), None);
    assert_eq!(words("profile \"open"), None);
    assert_eq!(words("profile end\\"), None);
}
