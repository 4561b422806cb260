//! Converts the HTML `documentation` strings of botocore models to CommonMark
//! for rustdoc.
//!
//! The generated crate is documented with `-D warnings`, so the output is
//! deliberately conservative: Markdown-significant text is escaped (no stray
//! intra-doc links or HTML tags), bare URLs become autolinks, `<pre>` becomes
//! a fence tagged `text` (never a doctest), and nothing is indented by four
//! spaces outside lists and fences.

mod html;

use html::{Elem, Node, is_block, parse};

/// Converts a botocore HTML documentation string to CommonMark: blocks
/// separated by one blank line, no trailing whitespace, no leading or
/// trailing blank lines.
pub fn html_to_markdown(html: &str) -> String {
    let mut blocks = Blocks::default();
    // Old Mac line ends are line ends (inside `<pre>` they matter).
    blocks.nodes(&parse(&html.replace("\r\n", "\n").replace('\r', "\n")));
    let mut lines = Vec::new();
    render(&blocks.finish(), false, &mut lines);
    // After rendering, so that characters written as entities go too.
    doc_safe(&lines.join("\n"))
}

/// Characters that change the direction text flows in: rustc denies them in
/// comments and literals (`text_direction_codepoint_in_comment`), and a doc
/// comment is both.
const TEXT_FLOW_CONTROL: &[char] =
    &['\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'];

/// `text` without what a doc comment cannot hold: the text flow control
/// characters and carriage returns (a "bare CR" is an error in a doc
/// comment). For every string that ends up in generated documentation,
/// model HTML and names alike.
pub fn doc_safe(text: &str) -> String {
    // Every doc line passes here, several times: most have nothing to drop, which a scan of
    // the bytes tells (each flow control character is encoded starting with 0xE2).
    if !text.bytes().any(|b| b == b'\r' || b == 0xE2) {
        return text.to_owned();
    }
    text.chars().filter(|c| *c != '\r' && !TEXT_FLOW_CONTROL.contains(c)).collect()
}

/// The first sentence of the first paragraph of `markdown` (as produced by
/// [`html_to_markdown`]), for one-line summaries. Periods inside code spans,
/// links, brackets, emphasis and escapes do not end a sentence.
pub fn first_sentence(markdown: &str) -> String {
    let mut lines = markdown.lines().map(str::trim).skip_while(|l| l.is_empty());
    let para: Vec<&str> = lines.by_ref().take_while(|l| !l.is_empty()).collect();
    if para.first().is_some_and(|l| l.starts_with("```")) {
        return String::new();
    }
    // A hard break is an odd run of trailing backslashes (an even run is escaped text).
    let unbreak = |l: &&str| match (l.len() - l.trim_end_matches('\\').len()) % 2 {
        1 => l[..l.len() - 1].to_string(),
        _ => l.to_string(),
    };
    let text = para.iter().map(unbreak).collect::<Vec<_>>().join(" ");
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let (mut i, mut code, mut nest, mut bold, mut ital) = (0, 0, 0u32, false, false);
    while let Some(&(pos, c)) = chars.get(i) {
        let run = chars[i..].iter().take_while(|x| x.1 == c).count();
        match c {
            '`' => {
                // A run opens a span, or closes one opened by a run of the same length.
                code = if code == 0 || code == run { run - code } else { code };
                i += run - 1;
            }
            _ if code > 0 => {}
            '\\' => i += 1,
            '[' | '(' | '<' => nest += 1,
            ']' | ')' | '>' => nest = nest.saturating_sub(1),
            '*' => {
                bold ^= run >= 2;
                ital ^= run % 2 == 1;
                i += run - 1;
            }
            '.' | '!' | '?' if nest == 0 && !bold && !ital => {
                let next = chars.get(i + 1).map(|x| x.1);
                let word = text[..pos].rsplit(' ').next().unwrap_or("");
                let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
                let abbrev = ["e.g", "i.e", "etc", "vs", "approx"].contains(&word.to_lowercase().as_str());
                if next.is_none() || (next.is_some_and(char::is_whitespace) && !abbrev) {
                    return text[..=pos].to_string();
                }
            }
            _ => {}
        }
        i += 1;
    }
    text
}

// ------------------------------------------------------------------- inline

/// One paragraph of inline Markdown. Whitespace is emitted lazily (only before
/// further content), so lines never end in spaces and emphasis hugs its text.
#[derive(Default)]
struct Inline {
    buf: String,
    space: bool, // whitespace pending before the next content
    brk: bool,   // <br> pending before the next content
    lead: bool,  // whitespace seen before any content, moved outside emphasis
    bold: bool,
    ital: bool,
    link: bool,
}

impl Inline {
    fn nested(&self) -> Inline {
        Inline { bold: self.bold, ital: self.ital, link: self.link, ..Inline::default() }
    }

    fn ws(&mut self) {
        let empty = self.buf.is_empty();
        self.lead |= empty;
        self.space |= !empty;
    }

    fn line_break(&mut self) {
        self.brk |= !self.buf.is_empty();
    }

    /// Emits pending whitespace or break before content.
    fn open(&mut self) {
        if self.brk {
            self.buf.push_str("\\\n"); // backslash hard break: no trailing spaces
        } else if self.space {
            self.buf.push(' ');
        }
        (self.brk, self.space) = (false, false);
    }

    fn nodes(&mut self, nodes: &[Node]) {
        nodes.iter().for_each(|n| self.node(n));
    }

    fn node(&mut self, node: &Node) {
        let e = match node {
            Node::Text(t) => return self.text(t),
            Node::Elem(e) => e,
        };
        match e.name.as_str() {
            "b" | "strong" => self.emphasis(true, &e.children),
            "i" | "em" | "cite" => self.emphasis(false, &e.children),
            "code" | "tt" | "kbd" | "samp" | "pre" => self.code(&e.children),
            "a" => self.anchor(e),
            "br" => self.line_break(),
            name if is_block(name) => {
                // A block inside inline markup is flattened to a spaced run.
                self.ws();
                self.nodes(&e.children);
                self.ws();
            }
            _ => self.nodes(&e.children),
        }
    }

    fn text(&mut self, s: &str) {
        let chars: Vec<char> = s.chars().filter(|c| c.is_whitespace() || !c.is_control()).collect();
        let alnum = |j: usize| chars.get(j).is_some_and(|c| c.is_alphanumeric());
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            if c.is_whitespace() {
                self.ws();
                i += 1;
                continue;
            }
            self.open();
            let line_start = self.buf.is_empty() || self.buf.ends_with('\n');
            let rest = &chars[i..];
            if !self.link && is_url(rest) {
                // rustdoc::bare_urls: make it an autolink.
                let n = url_len(rest);
                self.buf.push('<');
                self.buf.extend(&rest[..n]);
                self.buf.push('>');
                i += n;
                continue;
            }
            let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            if line_start && (1..10).contains(&digits) && matches!(rest.get(digits), Some('.' | ')')) {
                // "1." or "1)" at line start would begin an ordered list.
                self.buf.extend(&rest[..digits]);
                self.buf.push('\\');
                self.buf.push(rest[digits]);
                i += digits + 1;
                continue;
            }
            let escape = match c {
                '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => true,
                // Only a `_` at a word boundary can delimit emphasis.
                '_' => !(i > 0 && alnum(i - 1) && alnum(i + 1)),
                // `&name;` would be decoded again by Markdown.
                '&' => {
                    let n = rest[1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '#').count();
                    n > 0 && rest.get(n + 1) == Some(&';')
                }
                '#' | '+' | '-' | '=' => line_start,
                _ => false,
            };
            if escape {
                self.buf.push('\\');
            }
            self.buf.push(c);
            i += 1;
        }
    }

    fn emphasis(&mut self, strong: bool, children: &[Node]) {
        let mut sub = self.nested();
        let active = if strong { &mut sub.bold } else { &mut sub.ital };
        let marker = match (*active, strong) {
            (true, _) => "", // already inside: `****x****` would be noise
            (false, true) => "**",
            (false, false) => "*",
        };
        *active = true;
        sub.nodes(children);
        self.splice(sub, marker, marker);
    }

    /// Appends `sub` between `open` and `close`, keeping its outer whitespace
    /// outside the markers (`** x**` would not be emphasis).
    fn splice(&mut self, sub: Inline, open: &str, close: &str) {
        if sub.lead {
            self.ws();
        }
        if !sub.buf.is_empty() {
            self.open();
            self.buf.push_str(&format!("{open}{}{close}", sub.buf));
        }
        if sub.brk {
            self.line_break();
        } else if sub.space {
            self.ws();
        }
    }

    fn code(&mut self, children: &[Node]) {
        let mut raw = String::new();
        plain_text(children, &mut raw);
        raw.retain(|c| c.is_whitespace() || !c.is_control());
        if raw.starts_with(char::is_whitespace) {
            self.ws();
        }
        let body = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if !body.is_empty() {
            // Escapes do not work in code spans: use a longer fence instead.
            let fence = "`".repeat(longest_run(&body, '`') + 1);
            let pad = if body.starts_with('`') || body.ends_with('`') { " " } else { "" };
            self.open();
            self.buf.push_str(&format!("{fence}{pad}{body}{pad}{fence}"));
        }
        if raw.ends_with(char::is_whitespace) {
            self.ws();
        }
    }

    fn anchor(&mut self, e: &Elem) {
        let url = link_url(e.attr("href").unwrap_or(""));
        // Relative links would be dead, or taken as intra-doc paths: keep the text.
        if self.link || !is_absolute(&url) {
            return self.nodes(&e.children);
        }
        let mut sub = self.nested();
        sub.link = true;
        sub.nodes(&e.children);
        if sub.buf.is_empty() {
            self.open();
            self.buf.push_str(&format!("<{url}>"));
        } else {
            self.splice(sub, "[", &format!("]({url})"));
        }
    }
}

/// Concatenated text of `nodes`, with `<br>` as a newline.
fn plain_text(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Elem(e) if e.name == "br" => out.push('\n'),
            Node::Elem(e) => plain_text(&e.children, out),
        }
    }
}

fn longest_run(s: &str, ch: char) -> usize {
    s.split(|c| c != ch).map(str::len).max().unwrap_or(0)
}

fn is_url(s: &[char]) -> bool {
    let starts = |p: &str| s.len() >= p.len() && p.chars().zip(s).all(|(a, b)| a.eq_ignore_ascii_case(b));
    starts("http://") || starts("https://")
}

/// Length of the URL starting `s`, without trailing sentence punctuation or
/// unbalanced closing brackets.
fn url_len(s: &[char]) -> usize {
    let stop = |c: &char| c.is_whitespace() || "<>\"`".contains(*c);
    let mut n = s.iter().position(stop).unwrap_or(s.len());
    while n > 0 {
        let count = |c: char| s[..n].iter().filter(|&&x| x == c).count();
        match s[n - 1] {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_' => {}
            ')' if count(')') > count('(') => {}
            ']' if count(']') > count('[') => {}
            _ => break,
        }
        n -= 1;
    }
    n
}

fn is_absolute(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let scheme = ["http://", "https://", "mailto:"].iter().any(|p| lower.len() > p.len() && lower.starts_with(p));
    scheme && url.contains(['.', '/']) // else rustdoc may resolve it as a Rust path
}

/// Percent-encodes what would end or confuse a `(...)` or `<...>` destination.
fn link_url(href: &str) -> String {
    let mut out = String::new();
    for c in href.trim().chars() {
        match c {
            ' ' | '\u{A0}' => out.push_str("%20"),
            '<' | '>' | '(' | ')' | '"' | '\\' | '`' => out.push_str(&format!("%{:02X}", c as u32)),
            c if c.is_whitespace() || c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

// ------------------------------------------------------------------- blocks

enum Block {
    Para(String),
    /// `None` for bullets, else the first ordinal.
    List(Option<u64>, Vec<Vec<Block>>),
    Code(String),
}

#[derive(Default)]
struct Blocks {
    out: Vec<Block>,
    para: Inline,
}

impl Blocks {
    fn flush(&mut self) {
        let para = std::mem::take(&mut self.para).buf;
        if !para.is_empty() {
            self.out.push(Block::Para(para));
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.out
    }

    fn nodes(&mut self, nodes: &[Node]) {
        nodes.iter().for_each(|n| self.node(n));
    }

    fn node(&mut self, node: &Node) {
        let e = match node {
            Node::Text(t) => return self.para.text(t),
            Node::Elem(e) => e,
        };
        let name = e.name.as_str();
        if !is_block(name) {
            return match name {
                "b" | "strong" | "i" | "em" | "cite" | "code" | "tt" | "kbd" | "samp" | "a" | "br" => {
                    self.para.node(node)
                }
                _ => self.nodes(&e.children), // unknown tag: keep its content
            };
        }
        self.flush();
        match name {
            "ul" | "ol" | "dl" | "li" => {
                let start = e.attr("start").and_then(|s| s.trim().parse().ok());
                let start = (name == "ol").then(|| start.unwrap_or(1).min(1_000_000));
                let items = if name == "li" { std::slice::from_ref(node) } else { &e.children };
                self.out.extend(list(start, items));
            }
            "pre" => self.out.extend(code_block(&e.children)),
            "important" | "note" => {
                let mut inner = Blocks::default();
                inner.nodes(&e.children);
                let mut blocks = inner.finish();
                let label = if name == "note" { "**Note:**" } else { "**Important:**" };
                match blocks.first_mut() {
                    Some(Block::Para(p)) => p.insert_str(0, &format!("{label} ")),
                    Some(_) => blocks.insert(0, Block::Para(label.to_string())),
                    None => {}
                }
                self.out.extend(blocks);
            }
            // A bold paragraph, not a heading: no stray heading levels in item docs.
            "dt" | "th" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.para.emphasis(true, &e.children),
            _ => self.nodes(&e.children),
        }
        self.flush();
    }
}

/// Items of a `<ul>`, `<ol>` or `<dl>` (a `<dt>` starts a bold item and its
/// `<dd>` paragraphs follow inside it). Empty items are dropped.
fn list(start: Option<u64>, children: &[Node]) -> Option<Block> {
    let mut items: Vec<Blocks> = Vec::new();
    for child in children {
        match child {
            Node::Elem(e) if e.name == "li" || e.name == "dt" => {
                items.push(Blocks::default());
                let item = items.last_mut().unwrap();
                match e.name.as_str() {
                    "dt" => item.para.emphasis(true, &e.children),
                    _ => item.nodes(&e.children),
                }
            }
            Node::Text(t) if t.trim().is_empty() => {}
            _ => {
                if items.is_empty() {
                    items.push(Blocks::default());
                }
                let item = items.last_mut().unwrap();
                match child {
                    Node::Elem(e) if e.name == "dd" => {
                        item.flush();
                        item.nodes(&e.children);
                        item.flush();
                    }
                    _ => item.node(child), // stray content (e.g. a nested <ul>)
                }
            }
        }
    }
    let items: Vec<_> = items.into_iter().map(Blocks::finish).filter(|i| !i.is_empty()).collect();
    (!items.is_empty()).then_some(Block::List(start, items))
}

/// A `<pre>` block: line structure kept; common indentation, blank edge lines
/// and trailing whitespace removed.
fn code_block(children: &[Node]) -> Option<Block> {
    let mut raw = String::new();
    plain_text(children, &mut raw);
    let mut raw = raw.replace("\r\n", "\n").replace('\r', "\n");
    raw = raw.replace('\t', "    ");
    raw.retain(|c| c == '\n' || !c.is_control());
    let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty())?;
    let last = lines.iter().rposition(|l| !l.is_empty())?;
    let lines = &lines[first..=last];
    let indent = lines.iter().filter(|l| !l.is_empty()).map(|l| l.len() - l.trim_start_matches(' ').len()).min()?;
    let body: Vec<&str> = lines.iter().map(|l| l.get(indent..).unwrap_or("")).collect();
    Some(Block::Code(body.join("\n")))
}

/// Renders blocks as lines. In list items (`tight`) a paragraph directly
/// followed by a list gets no blank line, so simple nested lists stay tight.
fn render(blocks: &[Block], tight: bool, out: &mut Vec<String>) {
    for (i, block) in blocks.iter().enumerate() {
        // Only bullets or a list starting at 1 may interrupt a paragraph.
        let joined = tight
            && matches!(blocks.get(i.wrapping_sub(1)), Some(Block::Para(_)))
            && matches!(block, Block::List(None | Some(1), _));
        if i > 0 && !joined {
            out.push(String::new());
        }
        match block {
            Block::Para(p) => out.extend(p.lines().map(str::to_string)),
            Block::Code(code) => {
                let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
                out.push(format!("{fence}text"));
                out.extend(code.lines().map(str::to_string));
                out.push(fence);
            }
            Block::List(start, items) => {
                for (n, item) in items.iter().enumerate() {
                    let marker = start.map_or("- ".to_string(), |s| format!("{}. ", s + n as u64));
                    let mut lines = Vec::new();
                    render(item, true, &mut lines);
                    for (j, line) in lines.into_iter().enumerate() {
                        out.push(match j {
                            0 => format!("{marker}{line}"),
                            _ if line.is_empty() => line,
                            _ => format!("{:w$}{line}", "", w = marker.len()),
                        });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
