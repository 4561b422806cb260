//! Model documentation kept out of the token streams while a file is emitted,
//! and put back into the printed text.
//!
//! A fifth of the generator's time went to doc lines: `quote` escapes each
//! one into a literal, `syn` copies it, checks it and unescapes it, and
//! `prettyplease` unescapes it again to print it as `///` plus the line with
//! its trailing spaces trimmed. None of that can change the text. So, inside
//! [`collect`], a block of doc lines becomes one marker attribute,
//! `#[doc = "\r<table>.<n>"]`, which prints as `///\r<table>.<n>`;
//! [`Table::fill`] then writes the block where the marker line is, at its
//! indentation, exactly as `prettyplease` would have printed the lines. A
//! carriage return can be in no doc line (`docs::doc_safe` drops it, and
//! rustc refuses a bare one in a doc comment), so a marker cannot be mistaken
//! for text, and the table number keeps one file's markers from being filled
//! from another's table. A file whose markers do not all come back in that
//! form is emitted again without deferring, so the output is the same either
//! way.
//!
//! That the width of a marker differs from its lines' cannot change the
//! layout: `prettyplease` ends every doc attribute with a forced line break,
//! which breaks every group around it whatever the widths, and a marker found
//! after other text on its line sends the file the slow way.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

/// The doc blocks of one file, by marker number.
#[derive(Debug)]
pub(crate) struct Table {
    /// Unique in the process, so a marker names its table.
    id: u64,
    blocks: Vec<Vec<String>>,
}

thread_local! {
    /// The table of the file being emitted on this thread, if it defers docs.
    static CURRENT: RefCell<Option<Table>> = const { RefCell::new(None) };
}

impl Table {
    fn new() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Table { id: NEXT.fetch_add(1, Ordering::Relaxed), blocks: Vec::new() }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}

/// Runs `emit` with this thread's table set to `table`, and returns what
/// `emit` gives and the table. The table that was set before is put back
/// afterwards, even if `emit` panics.
fn with_table<T>(table: Option<Table>, emit: impl FnOnce() -> T) -> (T, Option<Table>) {
    struct Restore(Option<Option<Table>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take().expect("taken once");
            CURRENT.with(|c| *c.borrow_mut() = outer);
        }
    }
    let restore = Restore(Some(CURRENT.with(|c| c.replace(table))));
    let value = emit();
    let table = CURRENT.with(|c| c.borrow_mut().take());
    drop(restore);
    (value, table)
}

/// Runs `emit` with doc blocks deferred into a new table, and returns both.
pub(crate) fn collect<T>(emit: impl FnOnce() -> T) -> (T, Table) {
    let (value, table) = with_table(Some(Table::new()), emit);
    (value, table.expect("only `with_table` takes the table"))
}

/// Runs `emit` with nothing deferred, even inside [`collect`].
pub(crate) fn undeferred<T>(emit: impl FnOnce() -> T) -> T {
    with_table(None, emit).0
}

/// The marker of a block of doc lines (each already with its leading space),
/// or the lines back when nothing is being collected or when the block would
/// not print line for line as `///` comments (a line with a line break or a
/// carriage return, or one starting with `/`). An empty block needs neither.
pub(crate) fn defer(lines: Vec<String>) -> Result<TokenStream, Vec<String>> {
    if lines.is_empty() {
        return Ok(TokenStream::new());
    }
    if lines.iter().any(|l| l.contains(['\n', '\r']) || l.starts_with('/')) {
        return Err(lines);
    }
    CURRENT.with(|c| {
        let mut current = c.borrow_mut();
        let Some(table) = current.as_mut() else {
            return Err(lines);
        };
        let marker = Literal::string(&format!("\r{}.{}", table.id, table.blocks.len()));
        table.blocks.push(lines);
        Ok(quote!(#[doc = #marker]))
    })
}

impl Table {
    /// `printed` with each marker line replaced by its block, or `None` when
    /// a marker is not alone on a `///` line or names no block of this table.
    pub(crate) fn fill(&self, printed: &str) -> Option<String> {
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
            let (table, number) = rest[at + 1..line_end].split_once('.')?;
            if table.parse::<u64>().ok()? != self.id {
                return None;
            }
            let block = self.blocks.get(number.parse::<usize>().ok()?)?;
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
        let (deferred, table) = collect(|| undeferred(|| defer(lines(&[" a"]))));
        assert!(deferred.is_err() && table.is_empty());
    }

    #[test]
    fn a_block_is_written_at_its_markers_indentation_with_trailing_spaces_trimmed() {
        let (marker, table) = collect(|| defer(lines(&[" first  ", "", " second"])).unwrap());
        assert_eq!(marker.to_string(), format!("# [doc = \"\\r{}.0\"]", table.id));
        let printed = format!("mod m {{\n    ///\r{}.0\n    pub struct A;\n}}\n", table.id);
        assert_eq!(
            table.fill(&printed).unwrap(),
            "mod m {\n    /// first\n    ///\n    /// second\n    pub struct A;\n}\n"
        );
    }

    #[test]
    fn a_marker_out_of_place_unknown_or_of_another_table_is_refused() {
        let (_, table) = collect(|| defer(lines(&[" a"])));
        let (_, other) = collect(|| defer(lines(&[" b"])));
        let id = table.id;
        assert!(table.fill(&format!("#[doc = \"\r{id}.0\"]\n")).is_none());
        assert!(table.fill(&format!("m! {{ #[doc = \"\\r{id}.0\"] }}\n")).is_none());
        assert!(table.fill(&format!("///\r{id}.1\n")).is_none());
        assert!(table.fill(&format!("x ///\r{id}.0\n")).is_none());
        assert!(table.fill(&format!("///\r{}.0\n", other.id)).is_none());
        assert!(table.fill("///\r0\n").is_none());
        assert_eq!(table.fill(&format!("///\r{id}.0\n///\r{id}.0\n")).unwrap(), "/// a\n/// a\n");
    }

    #[test]
    fn lines_a_doc_comment_cannot_hold_are_not_deferred() {
        let (deferred, table) = collect(|| {
            [defer(lines(&[" a\nb"])), defer(lines(&[" a\rb"])), defer(lines(&["/ a"]))].map(|d| d.is_err())
        });
        assert_eq!(deferred, [true; 3]);
        assert!(table.is_empty());
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
