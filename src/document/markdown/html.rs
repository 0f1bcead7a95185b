//! Inline HTML in a text: the formatting tags Word texts are written with
//! (`<strong>`, `<em>`, `<sup>`, `<sub>`, `<s>`; also usable in Markdown),
//! `<br>`, and the markers of merged table cells. Anything else is skipped.

use super::{Frame, Node, push};
use crate::input::word::write::{COVERED_MARKER, SPAN_MARKER};

/// The formatting inline HTML tags may open, by the names they go by.
const TAGS: [(&str, &[&str]); 5] = [
    ("strong", &["strong", "b"]),
    ("emph", &["em", "i", "u"]),
    ("strike", &["s", "del", "strike"]),
    ("super", &["sup"]),
    ("sub", &["sub"]),
];

pub(super) fn tag_node(tag: &str, c: Vec<Node>) -> Node {
    match tag {
        "strong" => Node::Strong { c },
        "emph" => Node::Emph { c },
        "strike" => Node::Strike { c },
        "super" => Node::Super { c },
        _ => Node::Sub { c },
    }
}

/// Inline HTML: the formatting tags open or close formatting (`</sup>`
/// closes only a `<sup>` that is the innermost open formatting), `<br>` is
/// a line break, and inside a table cell the merged-cell markers are read.
/// Anything else is skipped.
pub(super) fn inline_html(stack: &mut Vec<(Frame, Vec<Node>)>, html: &str) {
    let tag = html.trim().to_ascii_lowercase();
    if let Some(marker) = tag.strip_prefix("<!--").and_then(|t| t.strip_suffix("-->")) {
        if matches!(stack.last(), Some((Frame::TableCell, _))) {
            let marker = marker.trim();
            if marker == COVERED_MARKER {
                push(stack, Node::Covered);
            } else if let Some(span) = marker.strip_prefix(SPAN_MARKER) {
                let mut numbers = span.split_whitespace().map(|n| n.parse::<usize>().unwrap_or(1).clamp(1, 64));
                let kolommen = numbers.next().unwrap_or(1);
                let rijen = numbers.next().unwrap_or(1);
                push(stack, Node::Span { kolommen, rijen });
            }
        }
        return;
    }
    let Some(inner) = tag.strip_prefix('<').and_then(|t| t.strip_suffix('>')) else { return };
    let inner = inner.trim_end_matches('/').trim();
    if inner == "br" {
        push(stack, Node::Break);
        return;
    }
    let (closing, name) = match inner.strip_prefix('/') {
        Some(name) => (true, name.trim()),
        None => (false, inner),
    };
    let Some((kind, _)) = TAGS.iter().find(|(_, names)| names.contains(&name)) else { return };
    if closing {
        close_tags(stack, Some(kind));
    } else {
        stack.push((Frame::Tag(kind), Vec::new()));
    }
}

/// Closes formatting opened by inline HTML: the innermost, if it is
/// `kind`; with `None`, every one open on top of the stack.
pub(super) fn close_tags(stack: &mut Vec<(Frame, Vec<Node>)>, kind: Option<&str>) {
    while let Some((Frame::Tag(tag), _)) = stack.last() {
        if kind.is_some_and(|k| k != *tag) {
            return;
        }
        let Some((Frame::Tag(tag), children)) = stack.pop() else { return };
        push(stack, tag_node(tag, children));
        if kind.is_some() {
            return;
        }
    }
}
