//! What a text holds that cannot be carried into a document as written:
//! nesting too deep, links that leave the document, HTML blocks, footnotes
//! without their other half, words too long for a line. Found while the
//! Markdown is read ([`super::read`]); each stops its document.

use super::Node;
use crate::input::workbook::{MAX_WORD_CHARS, long_word};

/// What a text holds that cannot be carried into the document as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flaw {
    /// Nested deeper than [`super::MAX_DEPTH`].
    TooDeep,
    /// A link whose target is not a web or e-mail address (`javascript:`,
    /// `file:`, a path): as written.
    Link(String),
    /// A block of HTML (`<div>…</div>`, `<details>`), which is not printed:
    /// its first line.
    Html(String),
    /// A footnote written but never referred to: its label.
    UnusedFootnote(String),
    /// A footnote referred to but never written: its label.
    UndefinedFootnote(String),
    /// A word too long for any line or PDF string: its first characters.
    LongWord(String),
}

/// The schemes a link may have: a web page or an e-mail address.
const LINK_SCHEMES: [&str; 3] = ["https:", "http:", "mailto:"];

/// Whether a link's target is one a document may carry: a web or e-mail
/// address, nothing that runs, opens a file or leaves for a path.
///
/// ```
/// use missiedocs::document::markdown::allowed_link;
/// assert!(allowed_link("https://www.maastricht.nl") && allowed_link("MAILTO:griffie@maastricht.nl"));
/// assert!(!allowed_link("javascript:alert(1)") && !allowed_link("file:///etc/passwd"));
/// assert!(!allowed_link("../../geheim.pdf") && !allowed_link(" java\tscript:x") && !allowed_link(""));
/// ```
pub fn allowed_link(url: &str) -> bool {
    let url = url.to_ascii_lowercase();
    LINK_SCHEMES.iter().any(|s| url.starts_with(s) && url.len() > s.len())
}

/// The first line of an HTML block that would print nothing, if it is not
/// only comments (which are meant not to print).
pub(super) fn unprinted_html(html: &str) -> Option<String> {
    let mut rest = html;
    let mut left = String::new();
    while let Some(start) = rest.find("<!--") {
        left.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
            }
        }
    }
    left.push_str(rest);
    left.lines().map(str::trim).find(|l| !l.is_empty()).map(|l| l.chars().take(80).collect())
}

/// The first word of the text, as set (adjacent text merged, code and link
/// targets too), that is too long for any line or PDF string.
pub(super) fn long_word_in(nodes: &[Node]) -> Option<Flaw> {
    let mut first = None;
    super::visit(nodes, &mut |node| {
        let word = match node {
            _ if first.is_some() => None,
            Node::Text { s } | Node::Waarde { s, .. } | Node::Code { s } | Node::Codeblock { s } => {
                s.split_whitespace().find(|w| long_word(w).is_some())
            }
            Node::Link { url, .. } => (url.chars().count() > MAX_WORD_CHARS).then_some(url.as_str()),
            _ => None,
        };
        first = first.take().or_else(|| word.map(|w| Flaw::LongWord(w.chars().take(40).collect())));
    });
    first
}
