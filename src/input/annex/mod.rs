//! PDF annexes as the data names them: which entries of `bijlagen` are
//! files, and each file opened whole — readable, not encrypted, every page
//! and everything it uses present ([`whole`]), with pages — or why not.
//! `check` opens them to report, `output::annex` to merge.

mod whole;

use std::path::Path;

use lopdf::Document;

use crate::lang::Lang;

/// An annex that cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum AnnexError {
    /// The file cannot be read or is not a PDF.
    #[error("{}", crate::tr!(*lang, "bijlage `{file}` kan niet worden gelezen als PDF ({reason})",
        "annex `{file}` cannot be read as a PDF ({reason})"
    ))]
    Unreadable {
        /// The language of the message.
        lang: Lang,
        /// The path as written in the data.
        file: String,
        /// Why.
        reason: String,
    },
    /// The file is encrypted.
    #[error("{}", crate::tr!(*lang, "bijlage `{file}` is beveiligd (versleuteld) en kan niet worden samengevoegd; sla haar op zonder beveiliging",
        "annex `{file}` is protected (encrypted) and cannot be merged; save it without protection"
    ))]
    Encrypted {
        /// The language of the message.
        lang: Lang,
        /// The path as written in the data.
        file: String,
    },
    /// The file has no pages.
    #[error("{}", crate::tr!(*lang, "bijlage `{file}` heeft geen pagina's", "annex `{file}` has no pages"))]
    NoPages {
        /// The language of the message.
        lang: Lang,
        /// The path as written in the data.
        file: String,
    },
    /// The rendered document itself could not be extended.
    #[error("{}", crate::tr!(*lang, "de bijlagen kunnen niet aan het document worden toegevoegd ({reason})",
        "the annexes cannot be added to the document ({reason})"
    ))]
    Document {
        /// The language of the message.
        lang: Lang,
        /// Why.
        reason: String,
    },
}

/// Whether an entry of `bijlagen` is a PDF file rather than a title.
pub fn is_pdf(entry: &str) -> bool {
    entry.trim().to_lowercase().ends_with(".pdf")
}

/// Opens an annex: readable, not encrypted, whole, with pages.
pub fn open(entry: &str, path: &Path, lang: Lang) -> Result<Document, AnnexError> {
    let unreadable = |reason: String| AnnexError::Unreadable { file: entry.to_string(), reason, lang };
    let bytes = std::fs::read(path).map_err(|e| unreadable(crate::error::describe(&e, lang)))?;
    if !bytes.starts_with(b"%PDF-") && !bytes.get(..1024).is_some_and(|head| contains(head, b"%PDF-")) {
        return Err(unreadable(crate::tr!(lang, "geen PDF-kop", "no PDF header")));
    }
    let doc = crate::guard::contain(|| Document::load_mem(&bytes))
        .ok_or_else(|| unreadable(crate::tr!(lang, "het bestand is beschadigd", "the file is damaged")))?
        .map_err(|e| match e {
            lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => {
                AnnexError::Encrypted { file: entry.to_string(), lang }
            }
            // The reader's own words mean nothing to whoever made the file.
            _ => unreadable(crate::tr!(
                lang,
                "het bestand is beschadigd of onvolledig",
                "the file is damaged or incomplete"
            )),
        })?;
    if doc.is_encrypted() || doc.was_encrypted() {
        return Err(AnnexError::Encrypted { file: entry.to_string(), lang });
    }
    // Every page whole, the tree walked once, before anything counts pages.
    if let Some(why) = whole::missing(&doc, lang) {
        return Err(unreadable(why));
    }
    if doc.get_pages().is_empty() {
        return Err(AnnexError::NoPages { file: entry.to_string(), lang });
    }
    Ok(doc)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
