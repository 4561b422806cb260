//! AWS partitions for the rules' `aws.partition` function: which partition a
//! region belongs to, and that partition's DNS suffixes and capabilities.
//!
//! The data (botocore's `partitions.json`) is compiled into the generated
//! `endpoint` module; each partition's `regionRegex` is compiled by the
//! generator into [`Node`]s that [`RegionRegex::is_match`] walks. The
//! patterns are tiny, so a small backtracking matcher for exactly the
//! constructs they use stands in for a regex crate; the generator rejects a
//! pattern it cannot express this way. This file uses nothing else from the
//! runtime, so the generator's tests compile it too and check its own
//! pattern parser against this matcher.

/// One partition: its outputs (what rules read with `getAttr`) and how
/// regions are matched to it.
#[derive(Debug)]
pub struct Partition {
    /// The partition's name (its id), such as `aws` or `aws-cn`.
    pub name: &'static str,
    /// The default DNS suffix, such as `amazonaws.com`.
    pub dns_suffix: &'static str,
    /// The dual-stack DNS suffix, such as `api.aws`.
    pub dual_stack_dns_suffix: &'static str,
    /// The partition has FIPS endpoints.
    pub supports_fips: bool,
    /// The partition has dual-stack endpoints.
    pub supports_dual_stack: bool,
    /// The region global services sign for.
    pub implicit_global_region: &'static str,
    /// The regions the partition lists, sorted.
    pub regions: &'static [&'static str],
    /// The pattern of region names that belong to the partition.
    pub region_regex: RegionRegex,
}

/// The longest text a pattern is tried on: a region is one host label, at
/// most 63 characters. The matcher recurses once per character matched, so
/// without this bound a hostile region of 100,000 characters would overflow
/// the stack; anything longer is no region and fails the URL check later.
const MAX_REGION_LEN: usize = 63;

/// The partition of `region`: the one listing it, else the first whose
/// pattern matches it, else `fallback` (botocore falls back to its first
/// partition, `aws`, so an unknown region still resolves).
pub fn partition_for(
    region: &str,
    partitions: &'static [Partition],
    fallback: &'static Partition,
) -> &'static Partition {
    partitions
        .iter()
        .find(|p| p.regions.binary_search(&region).is_ok())
        .or_else(|| {
            let short = region.len() <= MAX_REGION_LEN;
            partitions.iter().find(|p| short && p.region_regex.is_match(region))
        })
        .unwrap_or(fallback)
}

/// A compiled `regionRegex`. Matching starts at the beginning of the text
/// (as Python's `re.match`, which botocore uses, does); `$` makes it end at
/// the end. `\d` and `\w` are ASCII-only: region names are ASCII.
#[derive(Debug)]
pub struct RegionRegex {
    /// The pattern as written, for messages.
    pub source: &'static str,
    /// The compiled pattern.
    pub nodes: &'static [Node],
    /// The pattern ends with `$`.
    pub to_end: bool,
}

/// One element of a compiled pattern.
#[derive(Debug)]
pub enum Node {
    /// These characters, in order.
    Literal(&'static str),
    /// `\d`: an ASCII digit.
    Digit,
    /// `\w`: an ASCII letter, digit or `_`.
    Word,
    /// `.`: any character.
    Any,
    /// `(a|b)`: the first alternative that lets the rest match.
    Group(&'static [&'static [Node]]),
    /// `x+`, `x*`, `x?`: greedy, giving back one at a time when the rest fails.
    Repeat {
        /// What repeats.
        node: &'static Node,
        /// The fewest repetitions.
        min: u32,
        /// The most repetitions, if bounded.
        max: Option<u32>,
    },
}

impl RegionRegex {
    /// Whether `text` matches the pattern from its start.
    pub fn is_match(&self, text: &str) -> bool {
        let to_end = self.to_end;
        sequence(self.nodes, text, &mut |rest| !to_end || rest.is_empty())
    }
}

/// Whether `nodes` match a prefix of `text` such that `then` accepts what
/// is left; continuation passing makes backtracking into groups and
/// repeats fall out of ordinary recursion.
fn sequence(nodes: &[Node], text: &str, then: &mut dyn FnMut(&str) -> bool) -> bool {
    let Some((first, rest)) = nodes.split_first() else { return then(text) };
    match first {
        Node::Group(alternatives) => {
            alternatives.iter().any(|alternative| sequence(alternative, text, &mut |after| sequence(rest, after, then)))
        }
        Node::Repeat { node, min, max } => repeat(node, *min, *max, 0, text, &mut |after| sequence(rest, after, then)),
        single => match one(single, text) {
            Some(after) => sequence(rest, after, then),
            None => false,
        },
    }
}

/// `node` repeated, having matched `count` times already: one more if
/// allowed (greedy), else stop if `min` is reached.
fn repeat(node: &Node, min: u32, max: Option<u32>, count: u32, text: &str, then: &mut dyn FnMut(&str) -> bool) -> bool {
    if max.is_none_or(|max| count < max) {
        let more = |after: &str| match after.len() < text.len() {
            true => repeat(node, min, max, count + 1, after, then),
            // It matched nothing: repeating it again would loop forever.
            false => count + 1 >= min && then(after),
        };
        if sequence(std::slice::from_ref(node), text, &mut { more }) {
            return true;
        }
    }
    count >= min && then(text)
}

/// A node that matches without choices: what is left of `text` after it.
fn one<'t>(node: &Node, text: &'t str) -> Option<&'t str> {
    let mut chars = text.chars();
    let ok = match node {
        Node::Literal(literal) => return text.strip_prefix(literal),
        Node::Digit => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Node::Word => chars.next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_'),
        Node::Any => chars.next().is_some(),
        Node::Group(_) | Node::Repeat { .. } => unreachable!("handled by `sequence`"),
    };
    ok.then_some(chars.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const AWS: RegionRegex = RegionRegex {
        source: r"^(us|eu)\-\w+\-\d+$",
        nodes: &[
            Node::Group(&[&[Node::Literal("us")], &[Node::Literal("eu")]]),
            Node::Literal("-"),
            Node::Repeat { node: &Node::Word, min: 1, max: None },
            Node::Literal("-"),
            Node::Repeat { node: &Node::Digit, min: 1, max: None },
        ],
        to_end: true,
    };

    #[test]
    fn matches_region_shapes() {
        for region in ["us-east-1", "eu-west-12", "us-x_9-0"] {
            assert!(AWS.is_match(region), "{region}");
        }
        for region in ["us-gov-west-1", "cn-north-1", "us-east-1a", "us-east-", "us--1", "", "us-east-1\n"] {
            assert!(!AWS.is_match(region), "{region}");
        }
    }

    #[test]
    fn a_region_longer_than_a_host_label_is_not_matched_and_cannot_exhaust_the_stack() {
        static PARTITIONS: [Partition; 1] = [Partition {
            name: "aws",
            dns_suffix: "amazonaws.com",
            dual_stack_dns_suffix: "api.aws",
            supports_fips: true,
            supports_dual_stack: true,
            implicit_global_region: "us-east-1",
            regions: &[],
            region_regex: AWS,
        }];
        static OTHER: Partition = Partition {
            name: "other",
            dns_suffix: "example",
            dual_stack_dns_suffix: "example",
            supports_fips: false,
            supports_dual_stack: false,
            implicit_global_region: "x",
            regions: &[],
            region_regex: RegionRegex { source: "", nodes: &[], to_end: false },
        };
        let at_limit = format!("us-{}-1", "a".repeat(MAX_REGION_LEN - 5));
        assert_eq!(partition_for(&at_limit, &PARTITIONS, &OTHER).name, "aws");
        let past_limit = format!("us-{}-1", "a".repeat(MAX_REGION_LEN - 4));
        assert_eq!(partition_for(&past_limit, &PARTITIONS, &OTHER).name, "other");
        // One stack frame per character matched: 100,000 of them overflowed
        // a test thread's stack before the length bound. Run on a small stack
        // so that the bound, not a large default stack, is what holds.
        let huge = format!("us-{}-1", "a".repeat(100_000));
        let name = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || partition_for(&huge, &PARTITIONS, &OTHER).name)
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(name, "other");
    }

    #[test]
    fn repeats_give_back_what_the_rest_needs() {
        // `\w+\d` on `ab12`: `\w+` first takes `ab12`, then gives back `2`.
        let nodes: &[Node] = &[Node::Repeat { node: &Node::Word, min: 1, max: None }, Node::Digit];
        let regex = RegionRegex { source: r"\w+\d$", nodes, to_end: true };
        assert!(regex.is_match("ab12"));
        assert!(!regex.is_match("ab"));
        // `a?a` and `.*x` on texts that need the optional part given back.
        let nodes: &[Node] = &[Node::Repeat { node: &Node::Literal("a"), min: 0, max: Some(1) }, Node::Literal("a")];
        assert!(RegionRegex { source: "a?a$", nodes, to_end: true }.is_match("a"));
        let nodes: &[Node] = &[Node::Repeat { node: &Node::Any, min: 0, max: None }, Node::Literal("x")];
        assert!(RegionRegex { source: ".*x$", nodes, to_end: true }.is_match("xyx"));
        assert!(!RegionRegex { source: ".*x$", nodes, to_end: true }.is_match("xy"));
    }

    #[test]
    fn alternatives_are_tried_in_order_until_the_rest_matches() {
        // `(a|ab)c`: `a` then fails at `b`, so `ab` is tried.
        let nodes: &[Node] = &[Node::Group(&[&[Node::Literal("a")], &[Node::Literal("ab")]]), Node::Literal("c")];
        assert!(RegionRegex { source: "(a|ab)c$", nodes, to_end: true }.is_match("abc"));
        // A repeated group, and a repeat of something that can be empty.
        const GROUP: Node = Node::Group(&[&[Node::Literal("ab")], &[]]);
        let nodes: &[Node] = &[Node::Repeat { node: &GROUP, min: 1, max: None }];
        let regex = RegionRegex { source: "(ab|)+$", nodes, to_end: true };
        assert!(regex.is_match("abab"));
        assert!(regex.is_match(""));
        assert!(!regex.is_match("aba"));
    }

    #[test]
    fn without_dollar_a_prefix_is_enough() {
        let nodes: &[Node] = &[Node::Literal("us-")];
        assert!(RegionRegex { source: "^us-", nodes, to_end: false }.is_match("us-east-1"));
        assert!(!RegionRegex { source: "^us-", nodes, to_end: false }.is_match("xus-"));
    }

    static PARTITIONS: &[Partition] = &[
        Partition {
            name: "aws",
            dns_suffix: "amazonaws.com",
            dual_stack_dns_suffix: "api.aws",
            supports_fips: true,
            supports_dual_stack: true,
            implicit_global_region: "us-east-1",
            regions: &["aws-global", "us-east-1"],
            region_regex: AWS,
        },
        Partition {
            name: "aws-cn",
            dns_suffix: "amazonaws.com.cn",
            dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
            supports_fips: true,
            supports_dual_stack: true,
            implicit_global_region: "cn-northwest-1",
            // Listed here although the first partition's pattern matches it:
            // the listing wins.
            regions: &["cn-north-1", "us-listed-1"],
            region_regex: RegionRegex { source: "^cn-", nodes: &[Node::Literal("cn-")], to_end: false },
        },
    ];

    #[test]
    fn listed_regions_win_then_patterns_then_the_fallback() {
        let name = |region| partition_for(region, PARTITIONS, &PARTITIONS[0]).name;
        assert_eq!(name("aws-global"), "aws");
        assert_eq!(name("us-listed-1"), "aws-cn");
        assert_eq!(name("eu-west-3"), "aws");
        assert_eq!(name("cn-northwest-1"), "aws-cn");
        assert_eq!(name("mars-north-1"), "aws");
    }
}
