//! What the built-in fonts can show: the characters every document can
//! print, so `check` can find one no font has before anything renders.

use typst::foundations::Bytes;
use typst::text::{Coverage, Font};

use super::world::FONT_FILES;

/// The characters the built-in fonts cover together.
pub struct Glyphs {
    coverage: Vec<Coverage>,
}

impl Glyphs {
    /// The coverage of every built-in font.
    pub fn builtin() -> Glyphs {
        let coverage = FONT_FILES
            .iter()
            .flat_map(|(_, data)| Font::iter(Bytes::new(*data)))
            .map(|f| f.info().coverage.clone())
            .collect();
        Glyphs { coverage }
    }

    /// Whether a character can be printed: some font has it, or it needs no
    /// glyph (spaces, line breaks, joiners, variation selectors).
    pub fn shows(&self, c: char) -> bool {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{00AD}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
            || self.coverage.iter().any(|cov| cov.contains(c as u32))
    }

    /// The first character of `text` no font can print.
    pub fn first_missing(&self, text: &str) -> Option<char> {
        text.chars().find(|&c| !self.shows(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_of_the_partners_and_no_emoji() {
        let glyphs = Glyphs::builtin();
        for text in
            ["Dürüm café Łódź", "Θεσσαλονίκη", "Москва", "杭州市余杭区", "東京大学", "김민준", "الرباط", "a\u{00AD}b\n"]
        {
            assert_eq!(glyphs.first_missing(text), None, "{text}");
        }
        assert_eq!(glyphs.first_missing("Groet 😀"), Some('😀'));
        assert_eq!(glyphs.first_missing("privé \u{E000}"), Some('\u{E000}'));
    }
}
