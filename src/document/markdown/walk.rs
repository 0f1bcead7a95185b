//! Walking the tree: every node once, depth first, parents before their
//! children.

use super::Node;

/// Visits every node, depth first, parents before their children (the
/// tree is at most [`MAX_DEPTH`](super::MAX_DEPTH) deep).
pub fn visit(nodes: &[Node], f: &mut impl FnMut(&Node)) {
    for node in nodes {
        f(node);
        match node {
            Node::Par { c }
            | Node::Heading { c, .. }
            | Node::Strong { c }
            | Node::Emph { c }
            | Node::Strike { c }
            | Node::Super { c }
            | Node::Sub { c }
            | Node::Link { c, .. }
            | Node::Quote { c }
            | Node::Footnote { c } => visit(c, f),
            Node::List { items, .. } => items.iter().for_each(|item| visit(item, f)),
            Node::Table { head, rows, .. } => {
                head.iter().for_each(|cell| visit(cell, f));
                rows.iter().flatten().for_each(|cell| visit(cell, f));
            }
            _ => {}
        }
    }
}

/// [`visit`], each node mutable.
pub fn visit_mut(nodes: &mut [Node], f: &mut impl FnMut(&mut Node)) {
    for node in nodes {
        f(node);
        match node {
            Node::Par { c }
            | Node::Heading { c, .. }
            | Node::Strong { c }
            | Node::Emph { c }
            | Node::Strike { c }
            | Node::Super { c }
            | Node::Sub { c }
            | Node::Link { c, .. }
            | Node::Quote { c }
            | Node::Footnote { c } => visit_mut(c, f),
            Node::List { items, .. } => items.iter_mut().for_each(|item| visit_mut(item, f)),
            Node::Table { head, rows, .. } => {
                head.iter_mut().for_each(|cell| visit_mut(cell, f));
                rows.iter_mut().flatten().for_each(|cell| visit_mut(cell, f));
            }
            _ => {}
        }
    }
}
