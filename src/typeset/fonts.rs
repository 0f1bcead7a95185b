//! The fonts documents are set in: the built-in ones (`templates/fonts`)
//! and an organisation's own, in `fonts/` of its template folder (a house
//! font it names in `Afzender` as `lettertype`). What they cover together is
//! what `check` holds every printed character against.

use typst::foundations::Bytes;
use typst::text::{Coverage, Font, FontInfo};

use super::builtin_fonts::{self, BuiltinFace};
use super::templates::Templates;

/// The folder of an organisation's own fonts, inside its template folder.
pub const OWN_FONTS: &str = "fonts";

/// A font face of a run.
#[derive(Clone)]
pub enum Face {
    /// Built in: described ahead, read when a document first uses it.
    Builtin(BuiltinFace, FontInfo),
    /// The organisation's own, read from its file.
    Own(Font),
}

impl Face {
    /// What Typst knows of the face: family, style, coverage.
    pub fn info(&self) -> &FontInfo {
        match self {
            Face::Builtin(_, info) => info,
            Face::Own(font) => font.info(),
        }
    }
}

/// The fonts of a run.
pub struct Fonts {
    /// Every font face, built-in first.
    pub faces: Vec<Face>,
    /// The organisation's font files no font could be read from, by path
    /// relative to the template folder.
    pub unreadable: Vec<String>,
}

impl Fonts {
    /// The built-in fonts and the organisation's own.
    pub fn load(templates: &Templates) -> Fonts {
        let mut faces: Vec<Face> =
            builtin_fonts::faces(true).into_iter().map(|(face, info)| Face::Builtin(face, info)).collect();
        let mut unreadable = Vec::new();
        for rel in templates.own_files().into_iter().filter(|rel| is_font_file(rel)) {
            let own: Vec<Font> =
                templates.read(&rel).map(|bytes| Font::iter(Bytes::new(bytes)).collect()).unwrap_or_default();
            if own.is_empty() {
                unreadable.push(rel);
            }
            faces.extend(own.into_iter().map(Face::Own));
        }
        Fonts { faces, unreadable }
    }

    /// Whether some font is of this family (as Typst matches it: any case).
    pub fn has_family(&self, family: &str) -> bool {
        let family = family.trim().to_lowercase();
        self.faces.iter().any(|f| f.info().family.to_lowercase() == family)
    }

    /// The families, for a hint.
    pub fn families(&self) -> Vec<String> {
        let mut families: Vec<String> = Vec::new();
        for face in &self.faces {
            if !families.contains(&face.info().family) {
                families.push(face.info().family.clone());
            }
        }
        families
    }

    /// What the fonts cover together.
    pub fn glyphs(&self) -> Glyphs {
        let coverage: Vec<Coverage> = self.faces.iter().map(|f| f.info().coverage.clone()).collect();
        let mut glyphs = Glyphs { coverage, ascii: false };
        glyphs.ascii = (' '..='~').all(|c| glyphs.shows(c));
        glyphs
    }
}

/// Whether a file in the template folder is one of its own fonts.
fn is_font_file(rel: &str) -> bool {
    let lower = rel.to_lowercase();
    lower.starts_with(&format!("{OWN_FONTS}/")) && [".ttf", ".otf", ".ttc", ".otc"].iter().any(|e| lower.ends_with(e))
}

/// The characters the fonts cover together.
pub struct Glyphs {
    coverage: Vec<Coverage>,
    /// Whether every printable ASCII character is covered: most cells are
    /// checked at a glance.
    ascii: bool,
}

impl Glyphs {
    /// Whether a character can be printed: some font has it, or it needs no
    /// glyph (spaces, tabs and line breaks, joiners, variation selectors).
    /// Any other control character is no text (Typst refuses some, others
    /// would vanish unseen).
    pub fn shows(&self, c: char) -> bool {
        if c.is_control() {
            return matches!(c, '\t' | '\n' | '\r');
        }
        c.is_whitespace()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{00AD}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
            || self.coverage.iter().any(|cov| cov.contains(c as u32))
    }

    /// Whether every printable ASCII character is covered.
    pub fn covers_ascii(&self) -> bool {
        self.ascii
    }

    /// The first character of `text` no font can print.
    pub fn first_missing(&self, text: &str) -> Option<char> {
        if self.ascii && text.bytes().all(|b| (b' '..=b'~').contains(&b) || matches!(b, b'\t' | b'\n' | b'\r')) {
            return None;
        }
        text.chars().find(|&c| !self.shows(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn every_script_of_the_partners_and_no_emoji() {
        let fonts = Fonts::load(&Templates::new(None, Lang::Nl));
        let glyphs = fonts.glyphs();
        for text in
            ["Dürüm café Łódź", "Θεσσαλονίκη", "Москва", "杭州市余杭区", "東京大学", "김민준", "الرباط", "a\u{00AD}b\n"]
        {
            assert_eq!(glyphs.first_missing(text), None, "{text}");
        }
        assert_eq!(glyphs.first_missing("Groet 😀"), Some('😀'));
        // Control characters other than tabs and line breaks are no text.
        assert_eq!(glyphs.first_missing("regel\tmet\r\n"), None);
        for c in ['\u{0}', '\u{7}', '\u{1B}', '\u{7F}', '\u{81}', '\u{85}'] {
            assert_eq!(glyphs.first_missing(&format!("Est{c}land")), Some(c), "{c:?}");
        }
        assert_eq!(glyphs.first_missing("privé \u{E000}"), Some('\u{E000}'));
        assert!(fonts.has_family("open sans") && fonts.has_family("Noto Sans Arabic"));
        assert!(!fonts.has_family("Comic Sans"));
    }
}
