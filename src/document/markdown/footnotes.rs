//! Footnotes: each reference replaced by its definition's text, and the
//! footnotes without their other half found — a definition nothing refers
//! to, a reference to nothing written (left as text by the parser).

use std::collections::{BTreeSet, HashMap};

use super::{Flaw, Node};

/// Replaces footnote markers by the definition's inline content.
/// Inside a footnote, references stay text: no footnotes in footnotes, and
/// no endless loop for a definition that refers to itself.
pub(super) fn resolve_footnotes(
    nodes: Vec<Node>,
    defs: &HashMap<String, Vec<Node>>,
    in_footnote: bool,
    used: &mut BTreeSet<String>,
    flaws: &mut Vec<Flaw>,
) -> Vec<Node> {
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        let mut map = |nodes: Vec<Node>| resolve_footnotes(nodes, defs, in_footnote, used, flaws);
        out.push(match node {
            Node::FootnoteRef { label } => match defs.get(&label).filter(|_| !in_footnote) {
                Some(def) => {
                    used.insert(label);
                    // A one-paragraph definition becomes inline content.
                    let inline = match def.as_slice() {
                        [Node::Par { c }] => c.clone(),
                        _ => def.clone(),
                    };
                    Node::Footnote { c: resolve_footnotes(inline, defs, true, used, flaws) }
                }
                // A reference inside a footnote, or to one never written:
                // it would print as `[^x]`.
                None => {
                    let flaw = Flaw::UndefinedFootnote(label.clone());
                    if !flaws.contains(&flaw) {
                        flaws.push(flaw);
                    }
                    Node::Text { s: format!("[^{label}]") }
                }
            },
            Node::Par { c } => Node::Par { c: map(c) },
            Node::Heading { level, nummer, pagina, c } => Node::Heading { level, nummer, pagina, c: map(c) },
            Node::Strong { c } => Node::Strong { c: map(c) },
            Node::Emph { c } => Node::Emph { c: map(c) },
            Node::Strike { c } => Node::Strike { c: map(c) },
            Node::Super { c } => Node::Super { c: map(c) },
            Node::Sub { c } => Node::Sub { c: map(c) },
            Node::Link { url, c } => Node::Link { url, c: map(c) },
            Node::Quote { c } => Node::Quote { c: map(c) },
            Node::List { start, items } => Node::List { start, items: items.into_iter().map(&mut map).collect() },
            Node::Table { kolommen, head, rows, rechts } => Node::Table {
                kolommen,
                rechts,
                head: head.into_iter().map(&mut map).collect(),
                rows: rows.into_iter().map(|r| r.into_iter().map(&mut map).collect()).collect(),
            },
            other => other,
        });
    }
    out
}

/// Footnote references the parser left as text (`[^2]` with no `[^2]:`
/// written anywhere): each a flaw, once.
pub(super) fn undefined_footnotes(nodes: &[Node], flaws: &mut Vec<Flaw>) {
    let mut found = Vec::new();
    super::visit(nodes, &mut |node| {
        let Node::Text { s } = node else { return };
        let mut rest = s.as_str();
        while let Some(at) = rest.find("[^") {
            rest = &rest[at + 2..];
            let Some(end) = rest.find(']') else { break };
            let label = &rest[..end];
            let flaw = Flaw::UndefinedFootnote(label.to_string());
            if !label.is_empty() && !label.contains(char::is_whitespace) && !found.contains(&flaw) {
                found.push(flaw);
            }
        }
    });
    flaws.extend(found.into_iter().filter(|f| !flaws.contains(f)).collect::<Vec<_>>());
}
