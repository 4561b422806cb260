//! Model documentation kept out of the token streams while a file is emitted,
//! and put back into the printed text.
//!
//! A fifth of the generator's time went to doc lines: `quote` escapes each
//! one into a literal, `syn` copies it, checks it and unescapes it, and
//! `prettyplease` unescapes it again to print it as `///` plus the line with
//! its trailing spaces trimmed. None of that can change the text. So, inside
//! [`collect`], a block of doc lines becomes one marker attribute,
//! `#[doc = "\r<n>"]`, which prints as `///\r<n>`; [`Table::fill`] then writes
//! the block where the marker line is, at its indentation, exactly as
//! `prettyplease` would have printed the lines. A carriage return can be in no
//! doc line (`docs::doc_safe` drops it, and rustc refuses a bare one in a doc
//! comment), so a marker cannot be mistaken for text. A file whose markers do
//! not all come back in that form is emitted again without deferring, so the
//! output is the same either way.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::cell::RefCell;

/// The doc blocks of one file, by marker number.
#[derive(Debug, Default)]
pub struct Table {
    blocks: Vec<Vec<String>>,
}

thread_local! {
    /// The table of the file being emitted on this thread, if it defers docs.
    static CURRENT: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// Runs `emit` with doc blocks deferred into a table, and returns both.
/// Nesting is allowed: the outer table is put back afterwards.
pub fn collect<T>(emit: impl FnOnce() -> T) -> (T, Table) {
    let outer = CURRENT.with(|c| c.replace(Some(Table::default())));
    // Restores the outer table even if `emit` panics.
    struct Restore(Option<Option<Table>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take().expect("taken once");
            CURRENT.with(|c| *c.borrow_mut() = outer);
        }
    }
    let restore = Restore(Some(outer));
    let value = emit();
    let table = CURRENT.with(|c| c.borrow_mut().take()).unwrap_or_default();
    drop(restore);
    (value, table)
}

/// The marker of a block of doc lines (each already with its leading space),
/// or the lines back outside [`collect`] or when the block would not print
/// line for line as `///` comments (a line with a line break or a carriage
/// return).
pub fn defer(lines: Vec<String>) -> Result<TokenStream, Vec<String>> {
    if lines.is_empty() {
        return Ok(TokenStream::new());
    }
    if lines.iter().any(|l| l.contains(['\n', '\r'])) {
        return Err(lines);
    }
    CURRENT.with(|c| {
        let mut current = c.borrow_mut();
        let Some(table) = current.as_mut() else {
            return Err(lines);
        };
        let marker = Literal::string(&format!("\r{}", table.blocks.len()));
        table.blocks.push(lines);
        Ok(quote!(#[doc = #marker]))
    })
}

impl Table {
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// `printed` with each marker line replaced by its block, or `None` when
    /// a marker is not alone on a `///` line or names no block.
    pub fn fill(&self, printed: &str) -> Option<String> {
        // Inside a macro's tokens a marker prints as a literal, escaped. Any
        // literal that starts like one sends the file the slow way.
        if printed.contains("\"\\r") {
            return None;
        }
        let mut out =
            String::with_capacity(printed.len() + self.blocks.iter().flatten().map(String::len).sum::<usize>());
        let mut rest = printed;
        while let Some(at) = rest.find('\r') {
            let line_start = rest[..at].rfind('\n').map_or(0, |i| i + 1);
            let line_end = rest[at..].find('\n').map_or(rest.len(), |i| at + i);
            let prefix = rest[line_start..at].strip_suffix("///")?;
            if !prefix.bytes().all(|b| b == b' ') {
                return None;
            }
            let number: usize = rest[at + 1..line_end].parse().ok()?;
            let block = self.blocks.get(number)?;
            out.push_str(&rest[..line_start]);
            for (index, line) in block.iter().enumerate() {
                if index > 0 {
                    out.push('\n');
                }
                out.push_str(prefix);
                out.push_str("///");
                out.push_str(line.trim_end_matches(' '));
            }
            rest = &rest[line_end..];
        }
        out.push_str(rest);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn outside_collect_nothing_is_deferred() {
        assert!(defer(lines(&[" a"])).is_err());
    }

    #[test]
    fn a_block_is_written_at_its_markers_indentation_with_trailing_spaces_trimmed() {
        let (marker, table) = collect(|| defer(lines(&[" first  ", "", " second"])).unwrap());
        assert_eq!(marker.to_string(), "# [doc = \"\\r0\"]");
        let printed = "mod m {\n    ///\r0\n    pub struct A;\n}\n";
        assert_eq!(
            table.fill(printed).unwrap(),
            "mod m {\n    /// first\n    ///\n    /// second\n    pub struct A;\n}\n"
        );
    }

    #[test]
    fn a_marker_out_of_place_or_unknown_is_refused() {
        let (_, table) = collect(|| defer(lines(&[" a"])));
        assert!(table.fill("#[doc = \"\r0\"]\n").is_none());
        assert!(table.fill("m! { #[doc = \"\\r0\"] }\n").is_none());
        assert!(table.fill("///\r1\n").is_none());
        assert!(table.fill("x ///\r0\n").is_none());
        assert_eq!(table.fill("///\r0\n///\r0\n").unwrap(), "/// a\n/// a\n");
    }

    #[test]
    fn lines_a_doc_comment_cannot_hold_are_not_deferred() {
        let (deferred, table) = collect(|| (defer(lines(&[" a\nb"])), defer(lines(&[" a\rb"]))));
        assert!(deferred.0.is_err() && deferred.1.is_err() && table.is_empty());
    }

    #[test]
    fn collect_nests_and_restores_the_outer_table() {
        let (inner, outer) = collect(|| {
            let first = defer(lines(&[" outer"])).is_ok();
            let (_, inner) = collect(|| defer(lines(&[" inner"])));
            let after = defer(lines(&[" outer again"])).is_ok();
            (first && after, inner.blocks.len())
        });
        assert_eq!(inner, (true, 1));
        assert_eq!(outer.blocks.len(), 2);
        assert!(defer(lines(&[" a"])).is_err());
    }
}
