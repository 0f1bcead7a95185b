//! Whether a PDF read from outside is whole: its page tree reaches every
//! page once (a tree that loops is not counted twice), and everything a page
//! uses — its content, fonts, pictures, anything they refer to — is in the
//! file and its content streams decode. A PDF cut short is "recovered" by
//! readers from what is left: pages come out blank or lose their fonts. Such
//! a file is refused, not merged.

use std::collections::HashSet;

use lopdf::{Document, Object, ObjectId};

use crate::lang::Words;

/// Most objects the pages of one annex may reach, so a hostile file cannot
/// keep the walk going.
const MAX_OBJECTS: usize = 2_000_000;

/// Most bytes one content stream may inflate to.
const MAX_INFLATED: usize = 256 << 20;

/// Why the PDF is not whole, if it is not.
pub fn missing(doc: &Document) -> Option<Words> {
    let root = match doc.catalog().and_then(|c| c.get(b"Pages")).and_then(Object::as_reference) {
        Ok(root) => root,
        Err(_) => return Some(crate::say!("de paginaboom ontbreekt", "the page tree is missing")),
    };
    let mut pages = Vec::new();
    if let Some(why) = page_tree(doc, root, &mut pages) {
        return Some(why);
    }
    let mut seen = HashSet::new();
    for (n, &page) in pages.iter().enumerate() {
        let n = n + 1;
        let Ok(dict) = doc.get_dictionary(page) else { continue };
        let mut todo: Vec<&Object> = dict.iter().filter(|(k, _)| k.as_slice() != b"Parent").map(|(_, v)| v).collect();
        while let Some(object) = todo.pop() {
            match object {
                Object::Reference(id) => {
                    if !seen.insert(*id) {
                        continue;
                    }
                    if seen.len() > MAX_OBJECTS {
                        return Some(crate::say!(
                            "de pagina's verwijzen naar te veel objecten",
                            "the pages refer to too many objects"
                        ));
                    }
                    match doc.get_object(*id) {
                        Ok(found) => todo.push(found),
                        Err(_) => {
                            return Some(crate::say!(
                                "pagina {n} verwijst naar een deel van het bestand ({} {} R) dat ontbreekt; het bestand is onvolledig",
                                "page {n} refers to a part of the file ({} {} R) that is missing; the file is incomplete",
                                id.0,
                                id.1
                            ));
                        }
                    }
                }
                Object::Array(items) => todo.extend(items),
                // Up the tree and to the structure tree: not what the page prints.
                Object::Dictionary(d) => {
                    todo.extend(d.iter().filter(|(k, _)| !matches!(k.as_slice(), b"Parent" | b"P")).map(|(_, v)| v))
                }
                Object::Stream(s) => {
                    todo.extend(s.dict.iter().map(|(_, v)| v));
                    if s.dict.get(b"Filter").is_ok()
                        && is_content(s)
                        && s.decompressed_content_with_limit(MAX_INFLATED).is_err()
                    {
                        return Some(crate::say!(
                            "de inhoud van pagina {n} kan niet worden uitgepakt; het bestand is beschadigd",
                            "the content of page {n} cannot be decompressed; the file is damaged"
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// A stream with no type of its own: a page's (or form's) content.
fn is_content(stream: &lopdf::Stream) -> bool {
    stream.dict.get(b"Type").is_err() && stream.dict.get(b"Subtype").is_err()
}

/// Collects the leaves of the page tree under `root`, in order; why the
/// tree is broken, if it is.
fn page_tree(doc: &Document, root: ObjectId, pages: &mut Vec<ObjectId>) -> Option<Words> {
    let mut seen = HashSet::new();
    let mut todo = vec![root];
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            return Some(crate::say!(
                "de paginaboom verwijst naar zichzelf ({} {} R komt twee keer voor)",
                "the page tree refers to itself ({} {} R occurs twice)",
                id.0,
                id.1
            ));
        }
        let Ok(node) = doc.get_dictionary(id) else {
            return Some(crate::say!(
                "pagina {} ontbreekt in het bestand ({} {} R); het bestand is onvolledig",
                "page {} is missing from the file ({} {} R); the file is incomplete",
                pages.len() + 1,
                id.0,
                id.1
            ));
        };
        match node.get(b"Kids").and_then(Object::as_array) {
            Ok(kids) => {
                // Last kid first on the stack, so pages come out in order.
                for kid in kids.iter().rev() {
                    match kid.as_reference() {
                        Ok(kid) => todo.push(kid),
                        Err(_) => return Some(crate::say!("de paginaboom is beschadigd", "the page tree is damaged")),
                    }
                }
            }
            Err(_) => pages.push(id),
        }
    }
    None
}
