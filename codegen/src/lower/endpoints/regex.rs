//! `regionRegex` patterns compiled for the runtime's small matcher
//! (`runtime::partition`). Only the constructs partition patterns use are
//! accepted; anything else is an error naming it, so a new kind of pattern
//! fails generation instead of matching differently from botocore.

use crate::ir::endpoints::{Regex, RegexNode};

const KNOWN: &str = "the matcher knows `^` (at the start), `$` (at the end), literal characters, \
                     `\\d`, `\\w`, escaped punctuation, `.`, groups `(a|b)` and the quantifiers `+`, `*` and `?`";

/// Compiles a pattern, or says which construct it cannot handle.
pub fn compile(source: &str) -> Result<Regex, String> {
    let chars: Vec<char> = source.chars().collect();
    let mut parser = Parser { chars, pos: 0 };
    parser.eat('^');
    let nodes = parser.sequence(0).map_err(|e| format!("regionRegex `{source}`: {e}; {KNOWN}"))?;
    let to_end = parser.eat('$');
    if parser.pos != parser.chars.len() {
        let what = match parser.chars[parser.pos] {
            '|' => "`|` outside a group".to_owned(),
            ')' => "a `)` that closes no group".to_owned(),
            c => format!("`{c}`"),
        };
        return Err(format!("regionRegex `{source}`: unsupported {what} at character {}; {KNOWN}", parser.pos));
    }
    Ok(Regex { source: source.to_owned(), nodes, to_end })
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        self.pos += usize::from(found);
        found
    }

    /// Atoms with their quantifiers, up to `|`, `)`, a final `$` or the end.
    fn sequence(&mut self, depth: usize) -> Result<Vec<RegexNode>, String> {
        let mut nodes: Vec<RegexNode> = Vec::new();
        loop {
            match self.peek() {
                None | Some('|' | ')') => return Ok(nodes),
                Some('$') if depth == 0 && self.pos + 1 == self.chars.len() => return Ok(nodes),
                _ => {}
            }
            let at = self.pos;
            let mut node = self.atom(depth)?;
            if let Some(q @ ('+' | '*' | '?')) = self.peek() {
                self.pos += 1;
                if let Some(c @ ('?' | '+')) = self.peek() {
                    return Err(format!("unsupported `{q}{c}` (lazy or possessive) at character {at}"));
                }
                let (min, max) = match q {
                    '+' => (1, None),
                    '*' => (0, None),
                    _ => (0, Some(1)),
                };
                node = RegexNode::Repeat { node: Box::new(node), min, max };
            } else if self.peek() == Some('{') {
                return Err(format!("unsupported counted repetition `{{` at character {}", self.pos));
            }
            // Runs of plain characters become one literal.
            match (nodes.last_mut(), node) {
                (Some(RegexNode::Literal(run)), RegexNode::Literal(more)) => run.push_str(&more),
                (_, node) => nodes.push(node),
            }
        }
    }

    fn atom(&mut self, depth: usize) -> Result<RegexNode, String> {
        let at = self.pos;
        let c = self.peek().expect("`sequence` stops at the end");
        self.pos += 1;
        Ok(match c {
            '(' => {
                // `(?:` only drops capturing, which the matcher does not do anyway.
                if self.eat('?') && !self.eat(':') {
                    return Err(format!("unsupported group flags `(?` at character {at}"));
                }
                let mut alternatives = vec![self.sequence(depth + 1)?];
                while self.eat('|') {
                    alternatives.push(self.sequence(depth + 1)?);
                }
                if !self.eat(')') {
                    return Err(format!("the group opened at character {at} is not closed"));
                }
                RegexNode::Group(alternatives)
            }
            '\\' => match self.peek() {
                Some('d') => {
                    self.pos += 1;
                    RegexNode::Digit
                }
                Some('w') => {
                    self.pos += 1;
                    RegexNode::Word
                }
                Some(p) if p.is_ascii_punctuation() => {
                    self.pos += 1;
                    RegexNode::Literal(p.to_string())
                }
                Some(other) => return Err(format!("unsupported escape `\\{other}` at character {at}")),
                None => return Err("a trailing `\\`".to_owned()),
            },
            '.' => RegexNode::Any,
            '[' => return Err(format!("unsupported character class `[` at character {at}")),
            '{' => return Err(format!("unsupported counted repetition `{{` at character {at}")),
            '+' | '*' | '?' => return Err(format!("`{c}` with nothing to repeat at character {at}")),
            '^' => return Err(format!("`^` is only supported at the start (character {at})")),
            '$' => return Err(format!("`$` is only supported at the end (character {at})")),
            ']' | '}' => return Err(format!("unsupported unescaped `{c}` at character {at}")),
            plain => RegexNode::Literal(plain.to_string()),
        })
    }
}

/// The runtime's matcher, compiled here too so that the patterns this
/// module compiles are checked against the code that will run them.
#[cfg(test)]
#[path = "../../../runtime/src/partition.rs"]
#[allow(dead_code)]
mod runtime_partition;

#[cfg(test)]
mod tests {
    use super::runtime_partition as rt;
    use super::*;
    use RegexNode::*;

    /// The compiled pattern as the runtime will see it (leaked: tests only).
    fn runtime(regex: &Regex) -> rt::RegionRegex {
        fn nodes(nodes: &[RegexNode]) -> &'static [rt::Node] {
            Box::leak(nodes.iter().map(node).collect::<Vec<_>>().into_boxed_slice())
        }
        fn node(n: &RegexNode) -> rt::Node {
            match n {
                Literal(s) => rt::Node::Literal(Box::leak(s.clone().into_boxed_str())),
                Digit => rt::Node::Digit,
                Word => rt::Node::Word,
                Any => rt::Node::Any,
                Group(alternatives) => {
                    let alternatives: Vec<&'static [rt::Node]> = alternatives.iter().map(|a| nodes(a)).collect();
                    rt::Node::Group(Box::leak(alternatives.into_boxed_slice()))
                }
                Repeat { node: inner, min, max } => {
                    rt::Node::Repeat { node: Box::leak(Box::new(node(inner))), min: *min, max: *max }
                }
            }
        }
        let source = Box::leak(regex.source.clone().into_boxed_str());
        rt::RegionRegex { source, nodes: nodes(&regex.nodes), to_end: regex.to_end }
    }

    fn matches(pattern: &str, text: &str) -> bool {
        runtime(&compile(pattern).unwrap()).is_match(text)
    }

    #[test]
    fn compiles_partition_patterns() {
        let regex = compile(r"^eusc\-(de)\-\w+\-\d+$").unwrap();
        assert!(regex.to_end);
        let one_or_more = |n| Repeat { node: Box::new(n), min: 1, max: None };
        assert_eq!(
            regex.nodes,
            [
                Literal("eusc-".into()),
                Group(vec![vec![Literal("de".into())]]),
                Literal("-".into()),
                one_or_more(Word),
                Literal("-".into()),
                one_or_more(Digit)
            ]
        );
        // A quantifier takes only the character before it.
        assert_eq!(
            compile("ab?").unwrap().nodes,
            [Literal("a".into()), Repeat { node: Box::new(Literal("b".into())), min: 0, max: Some(1) }]
        );
        assert_eq!(compile("(?:a|)*.").unwrap().nodes[1], Any);
        assert!(!compile("^us").unwrap().to_end);
    }

    /// The real patterns of botocore's partitions.json on regions whose
    /// partition Python's `re.match` gives (checked with botocore 1.44.5).
    #[test]
    fn agrees_with_python_on_the_real_patterns() {
        let patterns = [
            ("aws", r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$"),
            ("aws-cn", r"^cn\-\w+\-\d+$"),
            ("aws-eusc", r"^eusc\-(de)\-\w+\-\d+$"),
            ("aws-iso", r"^us\-iso\-\w+\-\d+$"),
            ("aws-iso-b", r"^us\-isob\-\w+\-\d+$"),
            ("aws-iso-e", r"^eu\-isoe\-\w+\-\d+$"),
            ("aws-iso-f", r"^us\-isof\-\w+\-\d+$"),
            ("aws-us-gov", r"^us\-gov\-\w+\-\d+$"),
        ];
        let expected = [
            ("us-east-1", Some("aws")),
            ("me-central-1", Some("aws")),
            ("us-gov-west-1", Some("aws-us-gov")),
            ("us-iso-east-1", Some("aws-iso")),
            ("us-isob-east-1", Some("aws-iso-b")),
            ("eu-isoe-west-1", Some("aws-iso-e")),
            ("us-isof-south-1", Some("aws-iso-f")),
            ("cn-north-1", Some("aws-cn")),
            ("eusc-de-east-1", Some("aws-eusc")),
            ("aws-global", None),
            ("us-east-1a", None),
            ("useast-1", None),
            ("US-EAST-1", None),
            ("eu-west-", None),
            ("eusc-fr-east-1", None),
        ];
        for (region, partition) in expected {
            let found: Vec<&str> = patterns.iter().filter(|(_, p)| matches(p, region)).map(|(id, _)| *id).collect();
            assert_eq!(found, partition.into_iter().collect::<Vec<_>>(), "{region}");
        }
    }

    #[test]
    fn matching_backtracks_like_a_regex_engine() {
        assert!(matches(r"^\w+\d$", "ab12"));
        assert!(matches(r"^(a|ab)c$", "abc"));
        assert!(matches(r"^a?a$", "a"));
        assert!(!matches(r"^a?a$", "aaa"));
        assert!(matches(r"^x\.y$", "x.y"));
        assert!(!matches(r"^x\.y$", "xzy"));
        assert!(matches(r"^x.y$", "xzy"));
    }

    #[test]
    fn rejects_what_the_matcher_cannot_do_naming_it() {
        for (pattern, says) in [
            ("^[a-z]+$", "character class `[`"),
            ("^a{2}$", "counted repetition"),
            (r"^\s$", r"escape `\s`"),
            ("^a+?$", "`+?` (lazy or possessive)"),
            ("^a|b$", "`|` outside a group"),
            ("^(a", "not closed"),
            ("^a)$", "closes no group"),
            ("a^b", "`^` is only supported at the start"),
            ("a$b", "`$` is only supported at the end"),
            ("(?i)a", "group flags"),
            ("*a", "nothing to repeat"),
            ("a\\", "trailing"),
        ] {
            let err = compile(pattern).unwrap_err();
            assert!(err.contains(says), "{pattern}: {err}");
            assert!(err.contains(&format!("regionRegex `{pattern}`")) && err.contains("the matcher knows"), "{err}");
        }
    }
}
