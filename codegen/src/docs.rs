//! TEMPORARY stub, replaced by the HTML converter.
pub fn html_to_markdown(html: &str) -> String { html.replace('<', "&lt;") }
