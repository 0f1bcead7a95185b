//! A page of a PDF made to stand on its own: the attributes it inherits
//! from its page tree written into it, so it can move to another tree (an
//! annex merged) or be read without its parents (its fonts checked).

use lopdf::{Dictionary, Document, Object, ObjectId};

/// A page dictionary with the attributes it inherits written out, so it can
/// move to another page tree.
pub(super) fn standalone_page(doc: &Document, id: ObjectId) -> Dictionary {
    const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];
    let Ok(page) = doc.get_dictionary(id) else { return Dictionary::new() };
    let mut page = page.clone();
    let mut parent = page.get(b"Parent").and_then(Object::as_reference).ok();
    let mut depth = 0;
    while let Some(node) = parent.and_then(|p| doc.get_dictionary(p).ok()) {
        for key in INHERITED {
            if !page.has(key)
                && let Ok(value) = node.get(key)
            {
                page.set(key, value.clone());
            }
        }
        parent = node.get(b"Parent").and_then(Object::as_reference).ok();
        depth += 1;
        if depth > 64 {
            break;
        }
    }
    page
}
