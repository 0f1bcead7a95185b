//! What the tree says about how it is set: which table columns hold
//! numbers (set right-aligned), whether a caption numbers itself, whether
//! a letter's last paragraph goes with its closing.

use super::{Node, words_of};

/// Per column, whether every filled cell of the body is a number
/// (`1.234`, `€ 5.000`, `12%`).
pub(super) fn numeric_columns(kolommen: usize, rows: &[Vec<Vec<Node>>]) -> Vec<bool> {
    if rows.is_empty() || kolommen == 0 {
        return Vec::new();
    }
    let number = |cell: &[Node]| {
        let text = words_of(cell);
        let text = text.trim();
        text.chars().any(|c| c.is_ascii_digit())
            && text.chars().all(|c| c.is_ascii_digit() || " .,-+–€%\u{a0}".contains(c))
    };
    // Each cell at its column: merged cells take their span, and the
    // positions they cover are not in the rows.
    let mut covered = vec![vec![false; kolommen]; rows.len()];
    let (mut filled, mut numbers) = (vec![false; kolommen], vec![true; kolommen]);
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while c < kolommen && covered[r][c] {
                c += 1;
            }
            let (wide, high, content) = match cell.first() {
                Some(Node::Span { kolommen, rijen }) => (*kolommen, *rijen, &cell[1..]),
                _ => (1, 1, &cell[..]),
            };
            for row in covered.iter_mut().skip(r).take(high.max(1)) {
                row.iter_mut().skip(c).take(wide.max(1)).for_each(|cell| *cell = true);
            }
            if wide <= 1 && c < kolommen && !words_of(content).trim().is_empty() {
                filled[c] = true;
                numbers[c] &= number(content);
            }
            c += wide.max(1);
        }
    }
    (0..kolommen).map(|c| filled[c] && numbers[c]).collect()
}

/// Whether a caption starts with its own number: a word, then figures
/// (`Kaart 1.`, `Figuur 2:`, `Foto 3 – De haven`).
///
/// ```
/// use missiedocs::document::markdown::numbers_itself;
/// assert!(numbers_itself("Kaart 1. De regio Tartu"));
/// assert!(numbers_itself("Figuur 12: Bezoekers"));
/// assert!(!numbers_itself("De haven in 2019"));
/// assert!(!numbers_itself("Stadhuis"));
/// ```
pub fn numbers_itself(caption: &str) -> bool {
    let mut words = caption.split_whitespace();
    let first = words.next().is_some_and(|w| w.chars().all(char::is_alphabetic));
    let number = words.next().is_some_and(|w| {
        let digits = w.trim_end_matches(['.', ':', ',', ')', '–', '-']);
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
    });
    first && number
}

/// Whether the last node of a letter's text goes onto the page of the
/// closing and the signature: a paragraph short enough to move with them
/// (600 characters, some eight lines); a longer one stays where it falls.
pub fn keeps_with_closing(node: &Node) -> bool {
    matches!(node, Node::Par { c } if words_of(c).chars().count() <= 600)
}
