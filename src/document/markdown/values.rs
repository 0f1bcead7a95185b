//! Values from the data inside a text. The text engine writes every value
//! it prints between two private-use marks ([`wrap`]); reading the
//! Markdown turns what stands between them into [`Node::Waarde`] — never
//! hyphenated, and a short value with figures (a date, an amount) never
//! broken over two lines — and removes the marks from everything else.
//! Before that, [`escape`] keeps a value's characters from being read as
//! Markdown.

use super::Node;

/// Opens a value.
pub const OPEN: char = '\u{E000}';
/// Closes a value.
pub const CLOSE: char = '\u{E001}';

/// A value as the text engine writes it into a Markdown text.
pub fn wrap(text: &str) -> String {
    format!("{OPEN}{text}{CLOSE}")
}

/// Text with the marks removed (a link's target, code, a file name).
pub fn strip(text: &str) -> String {
    text.replace([OPEN, CLOSE], "")
}

/// The nodes of a piece of text, split where values open and close;
/// `inside` carries whether a value is open across pieces (Markdown hands
/// text over in pieces, split at escapes).
pub fn split(text: &str, inside: &mut bool) -> Vec<Node> {
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, value: bool, out: &mut Vec<Node>| {
        if !current.is_empty() {
            let s = std::mem::take(current);
            out.push(if value { Node::Waarde { s, vast: true } } else { Node::Text { s } });
        }
    };
    for c in text.chars() {
        match c {
            OPEN => {
                flush(&mut current, *inside, &mut out);
                *inside = true;
            }
            CLOSE => {
                flush(&mut current, *inside, &mut out);
                *inside = false;
            }
            c => current.push(c),
        }
    }
    flush(&mut current, *inside, &mut out);
    out
}

/// Every value of a tree made unbreakable where [`keep_together`] says.
pub fn keep_values_together(nodes: &mut [Node]) {
    super::visit_mut(nodes, &mut |node| {
        if let Node::Waarde { s, .. } = node {
            *s = keep_together(s);
        }
    });
}

/// A short value with figures — a date, an amount, a reference — with its
/// spaces made unbreakable, so `10 maart 2025` or `€ 6.200` is never split.
///
/// ```
/// use missiedocs::document::markdown::values::keep_together;
/// assert_eq!(keep_together("10 maart 2025"), "10\u{a0}maart\u{a0}2025");
/// assert_eq!(keep_together("Gemeente Voorbeeldstad"), "Gemeente Voorbeeldstad");
/// ```
pub fn keep_together(value: &str) -> String {
    let short = value.split_whitespace().count() <= 4 && value.chars().count() <= 32;
    if short && value.chars().any(|c| c.is_ascii_digit()) { value.replace(' ', "\u{a0}") } else { value.to_string() }
}

/// Escapes text so Markdown shows it as written: every ASCII punctuation
/// character gets a backslash, line starts cannot become lists or headings.
///
/// ```
/// use missiedocs::document::markdown::{escape, parse, Node};
/// let text = escape("*geen* $0 #8 [x] 1. <b>");
/// let nodes = parse(&text);
/// assert_eq!(nodes, vec![Node::Par { c: vec![Node::Text { s: "*geen* $0 #8 [x] 1. <b>".into() }] }]);
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_split_from_text_across_pieces() {
        let mut inside = false;
        let first = split("Op \u{E000}10 maart", &mut inside);
        assert!(inside);
        let second = split(" 2025\u{E001} kwam \u{E000}A. de Vries\u{E001}.", &mut inside);
        assert!(!inside);
        assert_eq!(first, [Node::Text { s: "Op ".into() }, Node::Waarde { s: "10 maart".into(), vast: true }]);
        assert_eq!(
            second,
            [
                Node::Waarde { s: " 2025".into(), vast: true },
                Node::Text { s: " kwam ".into() },
                Node::Waarde { s: "A. de Vries".into(), vast: true },
                Node::Text { s: ".".into() }
            ]
        );
    }

    #[test]
    fn a_stray_close_is_dropped() {
        let mut inside = false;
        assert_eq!(split("a\u{E001}b", &mut inside), [Node::Text { s: "a".into() }, Node::Text { s: "b".into() }]);
    }
}
