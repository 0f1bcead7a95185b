//! Placeholders and block tags in a Word or LibreOffice paragraph
//! (`{{ … }}`, `{% … %}`, `{# … #}`) found whole, even where Word split them
//! over runs set in different ways, and read with straight quotes: the
//! writer ([`super::write`]) keeps them as written.

use super::tree::{Format, Para, Piece};

/// A paragraph as characters and other pieces, with its tags marked raw.
pub(super) enum Atom<'a> {
    Char { c: char, format: Format, link: Option<usize>, raw: bool },
    Piece(&'a Piece),
}

pub(super) fn atoms(para: &Para) -> Vec<Atom<'_>> {
    let mut atoms = Vec::new();
    for piece in &para.pieces {
        match piece {
            Piece::Text { text, format, link } => {
                for c in text.chars() {
                    let c = if c == '\t' || c == '\n' || c == '\r' { ' ' } else { c };
                    atoms.push(Atom::Char { c, format: *format, link: *link, raw: false });
                }
            }
            other => atoms.push(Atom::Piece(other)),
        }
    }
    mark_tags(&mut atoms);
    atoms
}

/// Marks `{{ … }}`, `{% … %}` and `{# … #}` raw, each set as its first
/// character is, so a placeholder Word split over runs reads as one. An
/// opener without a closer stays raw too, so the engine reports it.
fn mark_tags(atoms: &mut [Atom<'_>]) {
    let ch = |atoms: &[Atom<'_>], i: usize| match atoms.get(i) {
        Some(Atom::Char { c, .. }) => Some(*c),
        _ => None,
    };
    let mut i = 0;
    while i < atoms.len() {
        let closer = match (ch(atoms, i), ch(atoms, i + 1)) {
            (Some('{'), Some('{')) => '}',
            (Some('{'), Some('%')) => '%',
            (Some('{'), Some('#')) => '#',
            _ => {
                i += 1;
                continue;
            }
        };
        let mut j = i + 2;
        let mut end = None;
        while let Some(c) = ch(atoms, j) {
            if c == closer && ch(atoms, j + 1) == Some('}') {
                end = Some(j + 1);
                break;
            }
            j += 1;
        }
        let last = end.unwrap_or(i + 1);
        let (format, link) = match &atoms[i] {
            Atom::Char { format, link, .. } => (*format, *link),
            Atom::Piece(_) => unreachable!("ch found a char"),
        };
        for atom in &mut atoms[i..=last] {
            if let Atom::Char { format: f, link: l, raw, .. } = atom {
                *f = format;
                *l = link;
                *raw = true;
            }
        }
        i = last + 1;
    }
}

/// The paragraph's block tags, when it holds nothing else.
pub(super) fn block_tags(para: &Para) -> Option<String> {
    let atoms = atoms(para);
    let mut tags = String::new();
    let mut inside = false;
    for (i, atom) in atoms.iter().enumerate() {
        match atom {
            Atom::Char { c, raw: true, .. } => {
                let opens_block = *c == '{' && matches!(atoms.get(i + 1), Some(Atom::Char { c: '%', .. }));
                if !inside && !opens_block {
                    return None;
                }
                inside = true;
                tags.push(straight(*c));
                if *c == '}' && i > 0 && matches!(atoms.get(i - 1), Some(Atom::Char { c: '%', .. })) {
                    inside = false;
                }
            }
            Atom::Char { c, .. } if c.is_whitespace() => {}
            _ => return None,
        }
    }
    (!tags.is_empty()).then_some(tags)
}

/// Inside a tag: Word's typographic quotes and spaces as the engine reads them.
pub(super) fn straight(c: char) -> char {
    match c {
        '“' | '”' | '„' | '‟' | '″' => '"',
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        '\u{a0}' | '\u{202f}' => ' ',
        other => other,
    }
}
