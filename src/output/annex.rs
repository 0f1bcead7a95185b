//! Annexes: PDF files from the data folder (opened by `input::annex`)
//! merged after a rendered document,
//! so the council receives one file. The document's own PDF stays as it is;
//! the merged copy claims only the conformance it really has.
//!
//! What the merged file claims:
//! - PDF/A: when the document claims PDF/A and every annex claims PDF/A-1, -2
//!   or -3 with the same output intent (colour profile) or none, the merged
//!   file claims PDF/A-2b; conformance level A needs every page in the tag
//!   tree, and the annexes' pages are not. Otherwise it claims no PDF/A.
//!   An annex that leaves a font out of the file (a bare Helvetica) is no
//!   PDF/A, whatever it claims.
//! - PDF/UA: never; the annexes' content lies outside the document's tags.
//! - Tagged: no (`MarkInfo` `Marked false`): the annexes' pages are not in
//!   the structure tree, which stays for the document's own pages.
//!
//! Pages of an annex are moved into the document's page tree with the
//! attributes they inherited; each annex gets a top-level bookmark with its
//! title. Everything else of the annex's catalog (its outline, forms, names)
//! is left behind.

use std::path::PathBuf;

use lopdf::{Dictionary, Document, Object, ObjectId};
use serde::Serialize;

use super::claims::{Claims, output_profile, rewrite_xmp, unembedded_font};
use crate::error::Failure;
use crate::input::annex::open;
use crate::lang::Words;
use crate::typeset::Standard;

/// An annex to merge.
#[derive(Debug, Clone)]
pub struct Annex {
    /// The path as written in the data (for messages and the manifest).
    pub entry: String,
    /// The file.
    pub path: PathBuf,
    /// The bookmark title.
    pub title: String,
}

/// What an annex is, as recorded in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnexInfo {
    /// The path as written in the data.
    pub bestand: String,
    /// Number of pages.
    pub paginas: usize,
    /// The standards the annex itself claims.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub standaarden: Vec<String>,
}

/// A document with its annexes in one PDF.
#[derive(Debug)]
pub struct Merged {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Number of pages, document and annexes.
    pub pages: usize,
    /// The standards the merged file claims.
    pub standards: Vec<&'static str>,
    /// Why claims of the document were dropped for the merged file.
    pub dropped: Vec<Words>,
    /// The annexes, in order.
    pub annexes: Vec<AnnexInfo>,
}

/// The document itself could not be extended.
fn broken(reason: impl ToString) -> Failure {
    let reason = reason.to_string();
    Failure::new(crate::say!(
        "de bijlagen kunnen niet aan het document worden toegevoegd ({reason})",
        "the annexes cannot be added to the document ({reason})"
    ))
}

/// Appends the annexes to a rendered document.
pub fn merge(document: &[u8], standard: Standard, annexes: &[Annex]) -> Result<Merged, Failure> {
    let mut doc = Document::load_mem(document).map_err(broken)?;
    let pages_root = doc.catalog().and_then(|c| c.get(b"Pages")).and_then(Object::as_reference).map_err(broken)?;
    let profile = output_profile(&doc);
    let mut infos = Vec::with_capacity(annexes.len());
    let mut bookmarks = Vec::with_capacity(annexes.len());
    let mut not_pdfa = Vec::new();
    let mut added = 0;
    for annex in annexes {
        let mut other = open(&annex.entry, &annex.path)?;
        let claims = Claims::of(&other);
        if !claims.pdfa_compatible() {
            not_pdfa.push(crate::say!("bijlage `{}` is geen PDF/A", "annex `{}` is not PDF/A", annex.entry));
        } else if output_profile(&other).is_some_and(|p| Some(&p) != profile.as_ref()) {
            not_pdfa.push(crate::say!(
                "bijlage `{}` heeft een ander kleurprofiel (OutputIntent) dan het document",
                "annex `{}` has another colour profile (OutputIntent) than the document",
                annex.entry
            ));
        }
        if let Some(font) = unembedded_font(&other) {
            not_pdfa.push(crate::say!(
                "bijlage `{}` sluit het lettertype `{font}` niet in",
                "annex `{}` does not embed the font `{font}`",
                annex.entry
            ));
        }
        other.renumber_objects_with(doc.max_id + 1);
        let pages: Vec<ObjectId> = other.get_pages().into_values().collect();
        let flattened: Vec<(ObjectId, Dictionary)> =
            pages.iter().map(|&id| (id, super::pages::standalone_page(&other, id))).collect();
        doc.max_id = doc.max_id.max(other.max_id);
        doc.objects.extend(other.objects);
        for (id, mut page) in flattened {
            page.set("Parent", pages_root);
            // The annex's structure tree stays behind: no dangling keys into ours.
            page.remove(b"StructParents");
            doc.objects.insert(id, Object::Dictionary(page));
            strip_struct_parent(&mut doc, id);
        }
        let root = doc.get_dictionary_mut(pages_root).map_err(broken)?;
        let kids = root.get_mut(b"Kids").and_then(Object::as_array_mut).map_err(broken)?;
        kids.extend(pages.iter().map(|&id| Object::Reference(id)));
        added += pages.len();
        bookmarks.push((annex.title.clone(), pages[0]));
        infos.push(AnnexInfo { bestand: annex.entry.clone(), paginas: pages.len(), standaarden: claims.names() });
    }
    let root = doc.get_dictionary_mut(pages_root).map_err(broken)?;
    let count = root.get(b"Count").and_then(Object::as_i64).unwrap_or(0);
    root.set("Count", count + added as i64);
    add_bookmarks(&mut doc, &bookmarks).map_err(broken)?;

    let total = doc.get_pages().len();
    let claims_a = standard.names().iter().any(|n| n.starts_with("PDF/A"));
    let claims_ua = standard.names().iter().any(|n| n.starts_with("PDF/UA"));
    let keep_a = claims_a && not_pdfa.is_empty();
    let mut dropped = Vec::new();
    if claims_a && !keep_a {
        dropped.push(Words::by(|lang| {
            let why: Vec<&str> = not_pdfa.iter().map(|w: &Words| w.get(lang)).collect();
            crate::tr!(lang, "geen PDF/A: {}", "no PDF/A: {}", why.join("; "))
        }));
    } else if keep_a && standard.names().iter().any(|n| n.ends_with('a')) {
        dropped.push(crate::say!(
            "PDF/A-2b in plaats van PDF/A-2a: de pagina's van de bijlagen vallen buiten de tagstructuur",
            "PDF/A-2b instead of PDF/A-2a: the annexes' pages lie outside the tag structure"
        ));
    }
    if claims_ua {
        dropped.push(crate::say!(
            "geen PDF/UA-1: de pagina's van de bijlagen vallen buiten de tagstructuur",
            "no PDF/UA-1: the annexes' pages lie outside the tag structure"
        ));
    }
    rewrite_xmp(&mut doc, keep_a, total).map_err(broken)?;
    if added > 0 {
        let mut mark = Dictionary::new();
        mark.set("Marked", false);
        doc.catalog_mut().map_err(broken)?.set("MarkInfo", mark);
    }
    doc.prune_objects();
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).map_err(broken)?;
    let pdf = crate::typeset::stream_ends::settle(pdf);
    let standards = if keep_a { vec!["PDF/A-2b"] } else { Vec::new() };
    Ok(Merged { pdf, pages: total, standards, dropped, annexes: infos })
}

/// Removes `StructParent` from a page's annotations: they pointed into the
/// annex's own structure tree.
fn strip_struct_parent(doc: &mut Document, page: ObjectId) {
    let annots: Vec<ObjectId> = doc
        .get_dictionary(page)
        .and_then(|p| p.get(b"Annots"))
        .and_then(Object::as_array)
        .map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect())
        .unwrap_or_default();
    for id in annots {
        if let Ok(annot) = doc.get_dictionary_mut(id) {
            annot.remove(b"StructParent");
        }
    }
}

/// Adds a top-level bookmark per annex, after the document's own.
fn add_bookmarks(doc: &mut Document, bookmarks: &[(String, ObjectId)]) -> lopdf::Result<()> {
    if bookmarks.is_empty() {
        return Ok(());
    }
    let outlines = match doc.catalog()?.get(b"Outlines").and_then(Object::as_reference) {
        Ok(id) => id,
        Err(_) => {
            let id = doc.add_object(Dictionary::from_iter([("Type", Object::Name(b"Outlines".to_vec()))]));
            doc.catalog_mut()?.set("Outlines", id);
            id
        }
    };
    let mut previous = doc.get_dictionary(outlines)?.get(b"Last").and_then(Object::as_reference).ok();
    let mut first = None;
    for (title, page) in bookmarks {
        let mut item = Dictionary::new();
        item.set("Title", lopdf::text_string(title));
        item.set("Parent", outlines);
        item.set("Dest", vec![Object::Reference(*page), Object::Name(b"Fit".to_vec())]);
        if let Some(prev) = previous {
            item.set("Prev", prev);
        }
        let id = doc.add_object(item);
        if let Some(prev) = previous {
            doc.get_dictionary_mut(prev)?.set("Next", id);
        }
        first.get_or_insert(id);
        previous = Some(id);
    }
    let root = doc.get_dictionary_mut(outlines)?;
    if !root.has(b"First")
        && let Some(first) = first
    {
        root.set("First", first);
    }
    if let Some(last) = previous {
        root.set("Last", last);
    }
    let count = root.get(b"Count").and_then(Object::as_i64).unwrap_or(0);
    root.set("Count", count.max(0) + bookmarks.len() as i64);
    Ok(())
}
