//! Heading levels as tagged PDF needs them: starting at 1, never skipping
//! one, siblings kept siblings; a generated part's headings one below.

use super::Node;

/// Makes heading levels start at 1 and never skip a level, as tagged PDF
/// requires, keeping siblings siblings: a heading sits one level under the
/// nearest heading before it written at a higher level (`###` straight
/// after `#` becomes `##`; two `##` under no `#` are both level 1).
///
/// ```
/// use missiedocs::document::markdown::{normalize_headings, parse, Node};
/// let levels = |text: &str| {
///     let mut nodes = parse(text);
///     normalize_headings(&mut nodes);
///     nodes.iter().filter_map(|n| match n { Node::Heading { level, .. } => Some(*level), _ => None }).collect::<Vec<u8>>()
/// };
/// assert_eq!(levels("## Een\n\n#### Twee\n"), [1, 2]);
/// assert_eq!(levels("## Delegatie\n\n## Resultaten\n\n### Handel\n\n## Kosten\n"), [1, 1, 2, 1]);
/// assert_eq!(levels("# A\n\n### B\n\n## C\n\n### D\n"), [1, 2, 2, 3]);
/// ```
pub fn normalize_headings(nodes: &mut [Node]) {
    // The levels as written of the headings this one lies under.
    let mut open: Vec<u8> = Vec::new();
    let mut previous = 0u8;
    for node in nodes {
        match node {
            Node::Heading { level, .. } => {
                while open.last().is_some_and(|&above| above >= *level) {
                    open.pop();
                }
                open.push(*level);
                *level = open.len() as u8;
                previous = *level;
            }
            Node::Onderdeel { niveau, .. } => *niveau = previous + 1,
            _ => {}
        }
    }
}
