use super::{doc_safe, first_sentence, html_to_markdown as md};

/// Structural checks every output must pass: no trailing whitespace, no
/// leading/trailing/double blank lines, fences tagged `text`, four-space
/// indentation only in lists or fences, and no unescaped `<`/`[` outside code
/// except autolinks and inline links.
fn assert_sane(html: &str, out: &str) {
    let ctx = || format!("input: {html:?}\noutput:\n{out}");
    assert!(!out.starts_with('\n') && !out.ends_with('\n'), "edge blank line\n{}", ctx());
    let (mut fence, mut in_list, mut prev_blank, mut text) = (None::<String>, false, false, String::new());
    for line in out.lines() {
        assert_eq!(line, line.trim_end(), "trailing whitespace\n{}", ctx());
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(f) = &fence {
            if trimmed == f {
                fence = None;
            }
            continue;
        }
        assert!(!(line.is_empty() && prev_blank), "double blank line\n{}", ctx());
        prev_blank = line.is_empty();
        if indent == 0 && !line.is_empty() {
            in_list = strip_marker(line).is_some();
        }
        let mut body = trimmed;
        while let Some(rest) = strip_marker(body) {
            body = rest;
        }
        let ticks = body.len() - body.trim_start_matches('`').len();
        // An opening fence's info string has no backticks (else it is a code span).
        if ticks >= 3 && !body[ticks..].contains('`') {
            assert_eq!(&body[ticks..], "text", "untagged fence\n{}", ctx());
            fence = Some("`".repeat(ticks));
            continue;
        }
        assert!(indent < 4 || in_list, "indented code block\n{}", ctx());
        text.push_str(trimmed);
        text.push('\n');
    }
    assert!(fence.is_none(), "unclosed fence\n{}", ctx());
    check_inline(&text, &ctx);
}

/// The line after a leading `- ` or `N. ` list marker.
fn strip_marker(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    line.strip_prefix("- ").or_else(|| line[digits..].strip_prefix(". ").filter(|_| digits > 0))
}

/// `text`: the output's non-fence lines, unindented (links may span lines).
fn check_inline(text: &str, ctx: &dyn Fn() -> String) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'`' => {
                let n = b[i..].iter().take_while(|&&c| c == b'`').count();
                let close = text[i + n..].find(&"`".repeat(n)).expect("unclosed code span");
                i += n + close + n - 1;
            }
            b'<' => {
                let rest = text[i + 1..].to_ascii_lowercase();
                assert!(rest.starts_with("http") || rest.starts_with("mailto:"), "raw `<`\n{}", ctx());
                i += rest.find('>').expect("unclosed autolink") + 1;
            }
            b'[' => assert!(text[i..].contains("]("), "bare `[`\n{}", ctx()),
            b']' => assert!(text[i..].starts_with("]("), "bare `]`\n{}", ctx()),
            _ => {}
        }
        i += 1;
    }
}

fn check(html: &str, expected: &str) {
    let out = md(html);
    assert_eq!(out, expected, "input: {html:?}");
    assert_sane(html, &out);
}

#[test]
fn paragraphs_and_whitespace() {
    check("<p>One.</p> <p>Two\n   lines\tjoined. </p>", "One.\n\nTwo lines joined.");
    check("  plain text,\n no tags  ", "plain text, no tags");
    check("<p></p><p> </p><p>x</p><p/>", "x");
    check("", "");
}

#[test]
fn code_spans() {
    check("<p>Set <code>Name</code> to <code> x  y </code>.</p>", "Set `Name` to `x y` .");
    check("<code>a*b_[0]\\c&lt;T&gt;</code>", "`a*b_[0]\\c<T>`");
    check("<code>a`b</code>", "``a`b``");
    check("<code>`tick</code>", "`` `tick ``");
    check("<p><code></code>empty</p>", "empty");
    check("<code><b>bold</b> code</code>", "`bold code`");
}

#[test]
fn links() {
    check(
        "<p>See <a href=\"https://docs.aws.amazon.com/x.html#y\"> the guide </a>.</p>",
        "See [the guide](https://docs.aws.amazon.com/x.html#y) .",
    );
    check("<a href='https://example.com/a(b) c'>t</a>", "[t](https://example.com/a%28b%29%20c)");
    check("<a href=\"https://example.com/\"></a>", "<https://example.com/>");
    check("<p>Use <a>DescribePools</a> or <a href=\"API_Foo.html\">Foo</a>.</p>", "Use DescribePools or Foo.");
    check("<a href=\"https://e.com\"><code>Op</code> [x]</a>", "[`Op` \\[x\\]](https://e.com)");
    check("<a href=\"mailto:help@example.com\">mail</a>", "[mail](mailto:help@example.com)");
}

#[test]
fn bare_urls_become_autolinks() {
    check("<p>See https://example.com/a_b.</p>", "See <https://example.com/a_b>.");
    check("(at http://e.com/x) and HTTPS://E.COM", "(at <http://e.com/x>) and <HTTPS://E.COM>");
    check("<a href=\"https://e.com\">https://e.com</a>", "[https://e.com](https://e.com)");
    check("<code>https://e.com</code>", "`https://e.com`");
}

#[test]
fn important_and_note() {
    check("<important><p>Be careful.</p></important>", "**Important:** Be careful.");
    check("<p>Intro.</p><note> <p>First.</p> <p>Second.</p> </note>", "Intro.\n\n**Note:** First.\n\nSecond.");
    check("<note><ul><li>a</li></ul></note>", "**Note:**\n\n- a");
    check("<note> </note>", "");
}

#[test]
fn bold_and_italic() {
    check(
        "<p>A <b>bold</b>, <strong>strong</strong>, <i>it</i> and <em>em</em>.</p>",
        "A **bold**, **strong**, *it* and *em*.",
    );
    check("a<b> spaced </b>b", "a **spaced** b");
    check("<b><b>twice</b></b> <i><i>x</i></i>", "**twice** *x*");
    check("<b>x <i>y</i></b>", "**x *y***");
    check("<b> </b>", "");
}

#[test]
fn line_breaks() {
    check("a<br/>b<br>c", "a\\\nb\\\nc");
    check("a <br/> <br/> b<br/>", "a\\\nb");
    check("<br/>x", "x");
    check("<ul><li>a<br/>b</li></ul>", "- a\\\n  b");
}

#[test]
fn unordered_and_ordered_lists() {
    check("<ul> <li> <p>One</p> </li> <li>Two</li> </ul>", "- One\n- Two");
    check("<p>Steps:</p><ol><li>a</li><li>b</li></ol><p>Done.</p>", "Steps:\n\n1. a\n2. b\n\nDone.");
    check("<ol start=\"3\"><li>c</li><li>d</li></ol>", "3. c\n4. d");
    check("<ul><li>a<li>b</ul>", "- a\n- b"); // unclosed <li>
    check("<ul><li></li><li> </li><li>x</li></ul>", "- x");
    check("<li>stray</li>", "- stray");
}

#[test]
fn nested_lists_indent_by_marker_width() {
    let html = "<ul><li>a<ul><li>b<ol><li>c</li></ol></li></ul></li><li>d</li></ul>";
    check(html, "- a\n  - b\n    1. c\n- d");
    let items: String = (1..=10).map(|i| format!("<li>i{i}</li>")).collect();
    let html = format!("<ol>{items}<li>last<ul><li>sub</li></ul></li></ol>");
    let out = md(&html);
    assert!(out.ends_with("10. i10\n11. last\n    - sub"), "{out}");
    assert_sane(&html, &out);
    // A nested list directly inside <ul> joins the previous item.
    check("<ul><li>a</li><ul><li>b</li></ul></ul>", "- a\n  - b");
}

#[test]
fn multi_block_list_items() {
    check("<ul><li><p>First.</p><p>More.</p></li><li>Next</li></ul>", "- First.\n\n  More.\n- Next");
    check("<ul><li><p>Code:</p><pre>x = 1\n  y</pre></li></ul>", "- Code:\n\n  ```text\n  x = 1\n    y\n  ```");
    // An ordered list not starting at 1 cannot interrupt a paragraph.
    check("<ul><li>a<ol start=\"2\"><li>b</li></ol></li></ul>", "- a\n\n  2. b");
}

#[test]
fn code_blocks() {
    check("<pre><code>\n    {\n      \"a\": 1\n    }  \n</code></pre>", "```text\n{\n  \"a\": 1\n}\n```");
    check("<p>Before</p><pre>```\nx\n```</pre>", "Before\n\n````text\n```\nx\n```\n````");
    check("<p>In <pre>a\r\nb</pre> para</p>", "In\n\n```text\na\nb\n```\n\npara");
    check("<pre>  </pre>", "");
    check("<b><pre>x  y</pre></b>", "**`x y`**");
}

#[test]
fn definition_lists() {
    check(
        "<dl><dt>Term</dt><dd>Meaning.</dd><dt>Other</dt><dd><p>A.</p><p>B.</p></dd></dl>",
        "- **Term**\n\n  Meaning.\n- **Other**\n\n  A.\n\n  B.",
    );
    check("<dl><dt>a<dt>b<dd>c</dl>", "- **a**\n- **b**\n\n  c");
}

#[test]
fn fullname_headings_and_tables() {
    check("<fullname>Amazon Foo</fullname><p>Does things.</p>", "Amazon Foo\n\nDoes things.");
    check("<h2>Title</h2><p>x</p>", "**Title**\n\nx");
    check("<table><tr><td>a</td><td>b</td></tr></table>", "a\n\nb");
}

#[test]
fn entities() {
    check(
        "&amp; &lt;b&gt; &quot;q&quot; &apos;a&apos; &#39;b&#x27; &#8212; &nbsp;&hellip;",
        "& \\<b\\> \"q\" 'a' 'b' — …",
    );
    check("&amp;lt; &bogus; &#xZZ; &#0; & alone; AT&T", "\\&lt; \\&bogus; \\&#xZZ; \u{FFFD} & alone; AT&T");
    check("<a href=\"https://e.com/?a=1&amp;b=2\">q</a>", "[q](https://e.com/?a=1&b=2)");
}

#[test]
fn unknown_tags_comments_and_literal_angles() {
    check("<p>a <foo bar=\"1\">b</foo> <span class='x'>c</span></p>", "a b c");
    check("<p>a<!-- hidden <b>x</b> -->b<!DOCTYPE html></p>", "ab");
    check("a < b, c<5, x <= y, <user@example.com>", "a \\< b, c\\<5, x \\<= y, \\<user@example.com\\>");
    check("unclosed <b tag", "unclosed \\<b tag");
    check("<p>x</p></b></ul></p>y", "x\n\ny");
    check("<UL><LI>Upper</LI></UL>", "- Upper");
    // Unknown tags that are never closed are text (generics, placeholders).
    check("Vec<T>, Map<K, V>, arn:<partition>:sms <x>y</x>", "Vec\\<T\\>, Map\\<K, V\\>, arn:\\<partition\\>:sms y");
}

#[test]
fn markdown_escapes() {
    check("a*b* [0] [link] \\ `x` ~s~ |t|", "a\\*b\\* \\[0\\] \\[link\\] \\\\ \\`x\\` \\~s\\~ \\|t\\|");
    check("FOO_BAR _emph_ snake_case_ x_", "FOO_BAR \\_emph\\_ snake_case\\_ x\\_");
    check(
        "<p># h</p><p>- item</p><p>+ x</p><p>1. one</p><p>2) two</p><p>= x</p>",
        "\\# h\n\n\\- item\n\n\\+ x\n\n1\\. one\n\n2\\) two\n\n\\= x",
    );
    check("a - b 1. c # d", "a - b 1. c # d");
    check("<ul><li>1. x</li></ul>", "- 1\\. x");
    check("x<br/>- y<br/>2. z", "x\\\n\\- y\\\n2\\. z");
    check("1234567890. big", "1234567890. big");
}

#[test]
fn never_indents_four_spaces_outside_lists_and_fences() {
    for html in [
        "<p>    indented text</p>",
        "    leading spaces\n        more",
        "a<br/>     b<br/>\t\tc",
        "<pre>    code\n        deeper</pre><p>   after</p>",
        "<ol start=\"9\"><li>a<br/>b<ul><li>c<br/>d</li></ul></li><li>e</li></ol><p>    tail</p>",
    ] {
        assert_sane(html, &md(html));
    }
}

#[test]
fn control_characters_and_deep_nesting() {
    check("a\u{0}b\u{7}c", "abc");
    let deep = "<ul><li>x".repeat(500);
    assert_sane(&deep, &md(&deep));
    let deep = "<b><i>".repeat(1000) + "y";
    assert_eq!(md(&deep), "***y***");
}

#[test]
fn first_sentence_summaries() {
    assert_eq!(first_sentence("Creates a pool. Then more."), "Creates a pool.");
    assert_eq!(first_sentence("Uses `a.b` (e.g. x). Next!"), "Uses `a.b` (e.g. x).");
    assert_eq!(
        first_sentence("See [the v1. guide](https://e.com/a.b). More."),
        "See [the v1. guide](https://e.com/a.b)."
    );
    assert_eq!(first_sentence("At <https://e.com/x.y>. More."), "At <https://e.com/x.y>.");
    assert_eq!(first_sentence("Is **it. bold** here? Yes."), "Is **it. bold** here?");
    assert_eq!(first_sentence("No period\\\nbut a break\n\nSecond para."), "No period but a break");
    assert_eq!(first_sentence("Version 1\\. Not an end. End."), "Version 1\\. Not an end.");
    assert_eq!(first_sentence("\n\n- list item. x"), "- list item.");
    assert_eq!(first_sentence("```text\ncode\n```"), "");
    assert_eq!(first_sentence(""), "");
    assert_eq!(
        first_sentence(&md("<p>Deletes <code>X.Y</code>, etc. and more. Tail.</p>")),
        "Deletes `X.Y`, etc. and more."
    );
}

/// Pseudo-random soup of the constructs above: nothing may panic and every
/// output must pass the structural checks.
#[test]
fn random_markup_stays_sane() {
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<code>",
        "</code>",
        "<pre>",
        "</pre>",
        "<br/>",
        "<a href=\"https://e.com/x\">",
        "<a>",
        "</a>",
        "<note>",
        "</note>",
        "<important>",
        "</important>",
        "<dl>",
        "<dt>",
        "<dd>",
        "</dl>",
        "<x-y>",
        " ",
        "\n",
        "    ",
        "\t",
        "word",
        "*",
        "_",
        "[0]",
        "\\",
        "`",
        "```",
        "<",
        ">",
        "&amp;",
        "&lt;p&gt;",
        "1. ",
        "- ",
        "#",
        "https://e.com/a_b)",
        "|",
        "~",
        "&#0;",
        "<!--",
        "-->",
        "\"",
        "'",
        "=",
        "é—",
        "\u{a0}",
        "日本",
        "Vec<T>",
        "</T>",
        "<a href='x'>",
        "&#x1F600;",
    ];
    const ROUNDS: usize = 3000;
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    for _ in 0..ROUNDS {
        let len = next() % 60;
        let html: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
        let out = md(&html);
        assert_sane(&html, &out);
        assert_eq!(out, md(&html), "non-deterministic for {html:?}");
        let _ = first_sentence(&out);
    }
}

/// Every documentation string of the checked-in model converts sanely.
#[test]
fn model_documentation_converts() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../model/pinpoint-sms-voice-v2/2022-03-31/service-2.json.gz");
    let json =
        crate::source::read_text(std::path::Path::new(path)).expect("the vendored model is part of the repository");
    let model: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut docs = Vec::new();
    documentation_strings(&model, &mut docs);
    assert!(docs.len() > 100, "only {} documentation strings found", docs.len());
    for html in &docs {
        assert_sane(html, &md(html));
    }
}

/// Every `"documentation"` string in a model.
fn documentation_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("documentation", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => documentation_strings(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| documentation_strings(v, out)),
        _ => {}
    }
}

#[test]
fn text_direction_controls_are_stripped_however_written() {
    let html = "<p>a\u{202e}b\u{202a}c\u{2066}d\u{2069} &#x202E;e&#8238;f&#x2067;</p>";
    assert_eq!(md(html), "abcd ef");
    for c in
        ['\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}']
    {
        assert_eq!(doc_safe(&format!("x{c}y")), "xy", "{c:?}");
    }
    // Other format characters rustc accepts stay (a right-to-left mark, a zero-width joiner).
    assert_eq!(doc_safe("\u{200f}a\u{200d}b"), "\u{200f}a\u{200d}b");
}

#[test]
fn carriage_returns_never_reach_a_doc_comment() {
    assert_eq!(md("<pre>one\r\ntwo\rthree</pre>"), "```text\none\ntwo\nthree\n```");
    assert_eq!(md("<p>a&#13;b</p>"), "a b");
    assert_eq!(doc_safe("A\r\nB"), "A\nB");
}
