//! A lenient HTML parser for model documentation: just enough structure
//! (elements, attributes, text with character references decoded) for the
//! Markdown renderer in the parent module.

pub(super) enum Node {
    Text(String),
    Elem(Elem),
}

pub(super) struct Elem {
    pub(super) name: String,
    attrs: Vec<(String, String)>,
    pub(super) children: Vec<Node>,
}

impl Elem {
    fn new(name: String, attrs: Vec<(String, String)>) -> Elem {
        Elem { name, attrs, children: Vec::new() }
    }

    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| a.0 == name).map(|a| a.1.as_str())
    }
}

enum Tag {
    Start(String, Vec<(String, String)>),
    End(String),
    Skip,
}

const VOID: &str = "br hr img wbr input meta link col area";
/// Deeper nesting is flattened, bounding the recursive renderer's stack.
const MAX_DEPTH: usize = 64;

/// Lenient HTML parse: stray end tags are ignored, unclosed elements close at
/// the end, and a `<` that does not start a tag is text.
pub(super) fn parse(html: &str) -> Vec<Node> {
    let mut stack = vec![Elem::new(String::new(), Vec::new())];
    let (mut text, mut rest, lower) = (String::new(), html, html.to_ascii_lowercase());
    loop {
        let i = rest.find('<').unwrap_or(rest.len());
        text.push_str(&rest[..i]);
        rest = &rest[i..];
        // An unknown tag that is never closed is text: `Vec<T>`, `<account-id>`.
        let tail = &lower[html.len() - rest.len()..];
        let tag = scan_tag(rest).filter(|(tag, _)| match tag {
            Tag::Start(name, _) => is_known(name) || tail.contains(&format!("</{name}")),
            _ => true,
        });
        if tag.is_none() && !rest.is_empty() {
            text.push('<');
            rest = &rest[1..];
            continue;
        }
        if !text.is_empty() {
            let node = Node::Text(decode(&std::mem::take(&mut text)));
            stack.last_mut().unwrap().children.push(node);
        }
        let Some((tag, len)) = tag else { break };
        rest = &rest[len..];
        match tag {
            Tag::Start(name, attrs) => {
                // A new <li>/<dt>/<dd> closes an open sibling, as in browsers.
                let (siblings, scope): (&[&str], &[&str]) = match name.as_str() {
                    "li" => (&["li"], &["ul", "ol"]),
                    "dt" | "dd" => (&["dt", "dd"], &["dl"]),
                    _ => (&[], &[]),
                };
                let open = stack.iter().rposition(|e| siblings.contains(&e.name.as_str()));
                let bound = stack.iter().rposition(|e| scope.contains(&e.name.as_str()));
                if let Some(i) = open.filter(|&i| bound.is_none_or(|b| b < i)) {
                    close_to(&mut stack, i);
                }
                let elem = Elem::new(name, attrs);
                if VOID.split(' ').any(|v| v == elem.name) || stack.len() > MAX_DEPTH {
                    stack.last_mut().unwrap().children.push(Node::Elem(elem));
                } else {
                    stack.push(elem);
                }
            }
            Tag::End(name) => {
                if let Some(i) = stack.iter().skip(1).rposition(|e| e.name == name) {
                    close_to(&mut stack, i + 1);
                }
            }
            Tag::Skip => {}
        }
    }
    close_to(&mut stack, 1);
    stack.pop().unwrap().children
}

/// Pops elements until `depth` remain, attaching each to its parent.
fn close_to(stack: &mut Vec<Elem>, depth: usize) {
    while stack.len() > depth.max(1) {
        let elem = stack.pop().unwrap();
        stack.last_mut().unwrap().children.push(Node::Elem(elem));
    }
}

/// The tag at the start of `s` (which starts with `<`) and its byte length,
/// or `None` if this `<` is literal text (`a < b`, `<5`, `<user@host>`).
fn scan_tag(s: &str) -> Option<(Tag, usize)> {
    if let Some(body) = s.strip_prefix("<!--") {
        return Some((Tag::Skip, body.find("-->").map_or(s.len(), |e| e + 7)));
    }
    let mut quote = None;
    let (end, _) = s.char_indices().find(|&(_, c)| {
        match quote {
            Some(q) if c == q => quote = None,
            None if c == '"' || c == '\'' => quote = Some(c),
            None => return c == '>',
            _ => {}
        }
        false
    })?;
    let inner = &s[1..end];
    if inner.starts_with(['!', '?']) {
        return Some((Tag::Skip, end + 1));
    }
    let (close, inner) = inner.strip_prefix('/').map_or((false, inner), |r| (true, r));
    let name_len = inner.find(|c: char| !(c.is_ascii_alphanumeric() || "-_:".contains(c))).unwrap_or(inner.len());
    let after = inner[name_len..].chars().next();
    if !inner.starts_with(|c: char| c.is_ascii_alphabetic())
        || after.is_some_and(|c| !c.is_ascii_whitespace() && c != '/')
    {
        return None;
    }
    let name = inner[..name_len].to_ascii_lowercase();
    let tag = if close { Tag::End(name) } else { Tag::Start(name, attrs(&inner[name_len..])) };
    Some((tag, end + 1))
}

/// Parses `key="v" key='v' key=v key` (a self-closing `/` is ignored, as in HTML5).
fn attrs(mut s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if s.is_empty() {
            return out;
        }
        let k = s.find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/').unwrap_or(s.len());
        let key = s[..k].to_ascii_lowercase();
        s = s[k..].trim_start();
        let mut value = "";
        if let Some(r) = s.strip_prefix('=').map(str::trim_start) {
            (value, s) = match r.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let e = r[1..].find(q).map_or(r.len(), |e| e + 1);
                    (&r[1..e], r.get(e + 1..).unwrap_or(""))
                }
                _ => r.split_at(r.find(|c: char| c.is_ascii_whitespace()).unwrap_or(r.len())),
            };
        }
        if !key.is_empty() {
            out.push((key, decode(value)));
        }
    }
}

/// Named references beyond the XML five that appear in AWS docs; unknown
/// ones stay literal (and are then escaped as text).
const ENTITIES: &str = "amp& lt< gt> quot\" apos' nbsp\u{A0} ndash– mdash— hellip… \
    lsquo‘ rsquo’ ldquo“ rdquo” laquo« raquo» bull• middot· copy© reg® trade™ deg° \
    times× plusmn± le≤ ge≥ ne≠ rarr→ larr← micro\u{B5} eacute\u{E9}";

/// Decodes character references.
fn decode(s: &str) -> String {
    let (mut out, mut rest) = (String::with_capacity(s.len()), s);
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        let Some(end) = rest.bytes().take(10).position(|b| b == b';') else {
            out.push('&');
            continue;
        };
        let body = &rest[..end];
        let c = match body.strip_prefix('#') {
            Some(num) => {
                let (digits, radix) = num.strip_prefix(['x', 'X']).map_or((num, 10), |h| (h, 16));
                let valid = !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
                let n = u32::from_str_radix(digits, radix).ok().filter(|_| valid);
                n.map(|n| char::from_u32(n).filter(|&c| c != '\0').unwrap_or('\u{FFFD}'))
            }
            None => ENTITIES.split(' ').find_map(|e| e.strip_prefix(body)?.parse().ok()),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

const BLOCKS: &str = "p div ul ol li dl dt dd pre important note fullname blockquote section \
    table tr td th hr h1 h2 h3 h4 h5 h6";

pub(super) fn is_block(name: &str) -> bool {
    BLOCKS.split(' ').any(|b| b == name)
}

pub(super) fn is_known(name: &str) -> bool {
    let inline = "a b strong i em cite code tt kbd samp span sup sub u s small var abbr";
    is_block(name) || inline.split(' ').chain(VOID.split(' ')).any(|b| b == name)
}
