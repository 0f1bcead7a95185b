//! Loading a text file into the engine: a Markdown text as it is; a Word
//! or LibreOffice text read and written as Markdown, refused while it holds
//! unaccepted tracked changes or content that cannot be carried over (a
//! text box, a chart, a picture missing or linked).

use std::path::Path;

use super::{TextEngine, TextError};
use crate::input::files::read_text;
use crate::input::word;
use crate::lang::Words;
use crate::tr;

/// Why a text could not be loaded.
pub enum LoadError {
    /// The text is no template (a syntax error).
    Text(TextError),
    /// The file cannot be read: what, and how to put it right.
    File(Words, Words),
    /// The file holds unaccepted tracked changes, or content that cannot be
    /// carried into a document: which, and what to do.
    Refused(Words, Words),
}

/// Loads the text `rel` (at `path`) into the engine as template `name`.
pub fn load(texts: &mut TextEngine, name: &str, rel: &str, path: &Path) -> Result<(), LoadError> {
    if !word::is_word(rel) {
        let source = read_text(path).map_err(|e| {
            LoadError::File(
                crate::error::said(&e),
                crate::say!(
                    "een tekst is een Markdown-bestand (.md), of een Word- of LibreOffice-bestand",
                    "a text is a Markdown file (.md), or a Word or LibreOffice file"
                ),
            )
        })?;
        if source.starts_with("PK\u{3}\u{4}") {
            return Err(LoadError::File(
                crate::say!(
                    "`{rel}` is een Word- of LibreOffice-bestand, maar heet geen .docx of .odt",
                    "`{rel}` is a Word or LibreOffice file, but is not named .docx or .odt"
                ),
                crate::say!(
                    "geef het bestand de naam van zijn soort, zoals tekst.docx",
                    "give the file a name of its kind, such as text.docx"
                ),
            ));
        }
        return texts.add(name, &source).map_err(LoadError::Text);
    }
    let read = {
        let engine: &TextEngine = texts;
        word::read(path, &|n, file| engine.embedded_path(file, n))
    };
    let text =
        read.map_err(|e| LoadError::File(Words::by(|lang| e.message(rel, lang)), Words::by(|lang| e.hint(lang))))?;
    if !text.changes.is_empty() {
        let n = text.changes.len();
        return Err(LoadError::Refused(
            Words::by(|lang| {
                let listed: Vec<String> = text.changes.iter().take(3).map(|c| c.describe(lang)).collect();
                let more = if n > 3 { tr!(lang, " en {} meer", " and {} more", n - 3) } else { String::new() };
                tr!(
                    lang,
                    "bevat wijzigingen die nog niet zijn geaccepteerd ({n}: {}{more})",
                    "holds changes that have not been accepted ({n}: {}{more})",
                    listed.join("; ")
                )
            }),
            crate::say!(
                "accepteer of weiger de wijzigingen (Word: Controleren → Accepteren; LibreOffice: Bewerken → Wijzigingen bijhouden → Beheren) en sla de tekst op",
                "accept or reject the changes (Word: Review → Accept; LibreOffice: Edit → Track Changes → Manage) and save the text"
            ),
        ));
    }
    // What would vanish from the document stops it, with what to do.
    let refused: Vec<&word::Dropped> = text.dropped.iter().filter(|d| !d.carried_over()).collect();
    if let Some(first) = refused.first() {
        let n = refused.len();
        return Err(LoadError::Refused(
            Words::by(|lang| {
                let listed: Vec<String> = refused.iter().take(3).map(|d| d.describe(lang)).collect();
                let more = if n > 3 { tr!(lang, " en {} meer", " and {} more", n - 3) } else { String::new() };
                tr!(
                    lang,
                    "bevat wat niet in een document kan worden overgenomen en zou verdwijnen ({n}: {}{more})",
                    "holds what cannot be carried into a document and would vanish ({n}: {}{more})",
                    listed.join("; ")
                )
            }),
            Words::by(|lang| first.hint(lang)),
        ));
    }
    texts.add_word(name, text).map_err(LoadError::Text)
}
