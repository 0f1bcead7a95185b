//! PDF annexes as the data names them: which entries of `bijlagen` are
//! files, and each file opened whole — readable, not encrypted, every page
//! and everything it uses present ([`whole`]), with pages — or why not.
//! `check` opens them to report, `output::annex` to merge.

mod whole;

use std::path::Path;

use lopdf::Document;

use crate::error::Failure;
use crate::lang::Words;
use crate::say;

/// Whether an entry of `bijlagen` is a PDF file rather than a title.
pub fn is_pdf(entry: &str) -> bool {
    entry.trim().to_lowercase().ends_with(".pdf")
}

/// Opens an annex: readable, not encrypted, whole, with pages.
pub fn open(entry: &str, path: &Path) -> Result<Document, Failure> {
    let file = entry;
    let unreadable = |reason: Words| {
        Failure::new(reason.map(|lang, reason| {
            crate::tr!(
                lang,
                "bijlage `{file}` kan niet worden gelezen als PDF ({reason})",
                "annex `{file}` cannot be read as a PDF ({reason})"
            )
        }))
    };
    let encrypted = || {
        Failure::new(say!(
            "bijlage `{file}` is beveiligd (versleuteld) en kan niet worden samengevoegd; sla haar op zonder beveiliging",
            "annex `{file}` is protected (encrypted) and cannot be merged; save it without protection"
        ))
    };
    let bytes = std::fs::read(path).map_err(|e| unreadable(crate::error::said(&e)))?;
    if !bytes.starts_with(b"%PDF-") && !bytes.get(..1024).is_some_and(|head| contains(head, b"%PDF-")) {
        return Err(unreadable(say!("geen PDF-kop", "no PDF header")));
    }
    let doc = crate::guard::contain(|| Document::load_mem(&bytes))
        .ok_or_else(|| unreadable(say!("het bestand is beschadigd", "the file is damaged")))?
        .map_err(|e| match e {
            lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => encrypted(),
            // The reader's own words mean nothing to whoever made the file.
            _ => unreadable(say!("het bestand is beschadigd of onvolledig", "the file is damaged or incomplete")),
        })?;
    if doc.is_encrypted() || doc.was_encrypted() {
        return Err(encrypted());
    }
    // Every page whole, the tree walked once, before anything counts pages.
    if let Some(why) = whole::missing(&doc) {
        return Err(unreadable(why));
    }
    if doc.get_pages().is_empty() {
        return Err(Failure::new(say!("bijlage `{file}` heeft geen pagina's", "annex `{file}` has no pages")));
    }
    Ok(doc)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
