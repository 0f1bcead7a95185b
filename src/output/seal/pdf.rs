//! A signature added to a PDF as an incremental update (ISO 32000-1,
//! 7.5.6, 12.8): the document's bytes stay exactly as they are, and after
//! them come a signature dictionary, an invisible signature field on the
//! first page (a widget with an empty rectangle, printable and locked, as
//! PDF/A-2 wants), the catalog with its `/AcroForm`, the page with the
//! widget among its annotations, and a cross-reference section. The
//! `/ByteRange` covers the whole file but the signature's own hex string.

use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId, StringFormat};
use memchr::memmem;
use sha2::{Digest, Sha256};

use crate::lang::Words;
use crate::say;

/// A library's message: it reads the same in every language.
fn words(e: impl std::fmt::Display) -> Words {
    Words::same(e.to_string())
}

/// What `/ByteRange` holds until the offsets are known: the same width as
/// any offset of a file under 10 GB.
const RANGE_PLACEHOLDER: &[u8] = b"[0 9999999999 9999999999 9999999999]";

/// Signs `pdf`: `sign` gets the SHA-256 of the bytes the signature covers
/// and gives the DER of the CMS, which must fit in `room` bytes. `moment`
/// is the PDF date the signature claims (`D:20241008120000Z`).
pub(super) fn sign(
    pdf: &[u8],
    room: usize,
    moment: &str,
    name: &str,
    sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, Words>,
) -> Result<Vec<u8>, Words> {
    let before = Document::load_mem(pdf)
        .map_err(|e| say!("de PDF kan niet worden gelezen ({e})", "the PDF cannot be read ({e})"))?;
    let root = before.trailer.get(b"Root").and_then(Object::as_reference).map_err(words)?;
    let page =
        *before.get_pages().values().next().ok_or_else(|| say!("de PDF heeft geen pagina", "the PDF has no page"))?;
    let mut update = IncrementalDocument::create_from(pdf.to_vec(), before);
    let new = &mut update.new_document;

    let signature = new.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Sig".to_vec())),
        ("Filter", Object::Name(b"Adobe.PPKLite".to_vec())),
        ("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec())),
        ("ByteRange", Object::Array(placeholder_range())),
        ("Contents", Object::String(vec![0; room], StringFormat::Hexadecimal)),
        ("M", Object::string_literal(moment)),
        ("Name", text_string(name)),
    ]));
    let field = new.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Annot".to_vec())),
        ("Subtype", Object::Name(b"Widget".to_vec())),
        ("FT", Object::Name(b"Sig".to_vec())),
        ("T", Object::string_literal("Zegel")),
        ("TU", Object::string_literal("Elektronisch zegel")),
        ("V", Object::Reference(signature)),
        // Print and Locked: PDF/A wants every annotation printable.
        ("F", Object::Integer(132)),
        ("Rect", Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()])),
        ("P", Object::Reference(page)),
    ]));

    update.opt_clone_object_to_new_document(root).map_err(words)?;
    let catalog = update.new_document.get_dictionary_mut(root).map_err(words)?;
    if catalog.has(b"AcroForm") {
        return Err(say!("de PDF heeft al een formulier", "the PDF has a form already"));
    }
    catalog.set(
        "AcroForm",
        Dictionary::from_iter([
            ("Fields", Object::Array(vec![Object::Reference(field)])),
            // SignaturesExist, AppendOnly.
            ("SigFlags", Object::Integer(3)),
        ]),
    );
    update.opt_clone_object_to_new_document(page).map_err(words)?;
    let annots = match update.new_document.get_dictionary(page).map_err(words)?.get(b"Annots") {
        Ok(Object::Reference(id)) => update.get_prev_documents().get_object(*id).map_err(words)?.clone(),
        Ok(other) => other.clone(),
        Err(_) => Object::Array(Vec::new()),
    };
    let mut annots = annots.as_array().map_err(words)?.clone();
    annots.push(Object::Reference(field));
    let page_dict = update.new_document.get_dictionary_mut(page).map_err(words)?;
    page_dict.set("Annots", annots);
    // Annotations in the order of the structure tree (PDF/UA).
    page_dict.set("Tabs", Object::Name(b"S".to_vec()));

    tag(&mut update, root, page, field)?;

    let mut out = Vec::with_capacity(pdf.len() + room * 2 + 4096);
    update.save_to(&mut out).map_err(words)?;
    fill(out, pdf.len(), room, sign)
}

/// Puts the signature field in the structure tree, where PDF/UA wants
/// every widget: a `Form` element at the end of the document's top
/// element, pointing at the widget (`OBJR`), and the widget's entry in the
/// parent tree. A PDF without a structure tree is left so.
fn tag(update: &mut IncrementalDocument, root: ObjectId, page: ObjectId, field: ObjectId) -> Result<(), Words> {
    let e = words;
    let before = update.get_prev_documents();
    let Ok(tree) = before.get_dictionary(root).map_err(e)?.get(b"StructTreeRoot").and_then(Object::as_reference) else {
        return Ok(());
    };
    let tree_dict = before.get_dictionary(tree).map_err(e)?;
    // The top element: the tree's one kid (Typst's `Document`).
    let top = match tree_dict.get(b"K").map_err(e)? {
        Object::Reference(id) => *id,
        Object::Array(kids) if kids.len() == 1 => kids[0].as_reference().map_err(e)?,
        _ => {
            return Err(say!(
                "de structuurboom heeft niet één bovenste element",
                "the structure tree has no single top element"
            ));
        }
    };
    let tree_parent = match tree_dict.get(b"ParentTree").map_err(e)? {
        Object::Reference(id) => before.get_dictionary(*id).map_err(e)?.clone(),
        Object::Dictionary(d) => d.clone(),
        _ => return Err(say!("de structuurboom heeft geen ParentTree", "the structure tree has no parent tree")),
    };
    let mut nums = tree_parent.get(b"Nums").and_then(Object::as_array).map_err(e)?.clone();
    let highest = nums.iter().step_by(2).filter_map(|k| k.as_i64().ok()).max().unwrap_or(-1);
    let key = tree_dict.get(b"ParentTreeNextKey").and_then(Object::as_i64).unwrap_or(highest + 1).max(highest + 1);

    let new = &mut update.new_document;
    let form = new.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"StructElem".to_vec())),
        ("S", Object::Name(b"Form".to_vec())),
        ("P", Object::Reference(top)),
        ("Pg", Object::Reference(page)),
        (
            "K",
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"OBJR".to_vec())),
                ("Obj", Object::Reference(field)),
                ("Pg", Object::Reference(page)),
            ])),
        ),
    ]));
    new.get_dictionary_mut(field).map_err(e)?.set("StructParent", key);
    nums.extend([Object::Integer(key), Object::Reference(form)]);
    let mut parent_tree = tree_parent;
    parent_tree.set("Nums", nums);

    update.opt_clone_object_to_new_document(tree).map_err(e)?;
    let tree_dict = update.new_document.get_dictionary_mut(tree).map_err(e)?;
    tree_dict.set("ParentTree", parent_tree);
    tree_dict.set("ParentTreeNextKey", key + 1);

    update.opt_clone_object_to_new_document(top).map_err(e)?;
    let top_dict = update.new_document.get_dictionary_mut(top).map_err(e)?;
    let mut kids = match top_dict.get(b"K") {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(one) => vec![one.clone()],
        Err(_) => Vec::new(),
    };
    kids.push(Object::Reference(form));
    top_dict.set("K", kids);
    Ok(())
}

/// A PDF text string: as it is when ASCII, else UTF-16BE with its byte
/// order mark (a reader takes other bytes for PDFDocEncoding).
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let utf16 = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    Object::String(utf16, StringFormat::Hexadecimal)
}

fn placeholder_range() -> Vec<Object> {
    vec![0.into(), 9_999_999_999i64.into(), 9_999_999_999i64.into(), 9_999_999_999i64.into()]
}

/// Writes the byte range and the signature into the update, in place.
fn fill(
    mut out: Vec<u8>,
    start: usize,
    room: usize,
    sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, Words>,
) -> Result<Vec<u8>, Words> {
    let added = &out[start..];
    let range_at = start
        + memmem::find(added, RANGE_PLACEHOLDER)
            .ok_or_else(|| say!("geen ByteRange in de toevoeging", "no byte range in the update"))?;
    let mut hex = Vec::with_capacity(room * 2 + 2);
    hex.push(b'<');
    hex.resize(room * 2 + 1, b'0');
    hex.push(b'>');
    let hex_at = start
        + memmem::find(added, &hex).ok_or_else(|| {
            say!("geen ruimte voor de handtekening in de toevoeging", "no signature room in the update")
        })?;
    let hex_end = hex_at + hex.len();
    let range = format!("[0 {hex_at} {hex_end} {}", out.len() - hex_end);
    if range.len() >= RANGE_PLACEHOLDER.len() {
        return Err(say!("de PDF is te groot om te verzegelen", "the PDF is too large to sign"));
    }
    let mut written = range.into_bytes();
    written.resize(RANGE_PLACEHOLDER.len() - 1, b' ');
    written.push(b']');
    out[range_at..range_at + written.len()].copy_from_slice(&written);

    let mut hasher = Sha256::new();
    hasher.update(&out[..hex_at]);
    hasher.update(&out[hex_end..]);
    let der = sign(&hasher.finalize())?;
    if der.len() > room {
        let size = der.len();
        return Err(say!(
            "de handtekening ({size} bytes) past niet in haar ruimte ({room})",
            "the signature ({size} bytes) does not fit in its room ({room})"
        ));
    }
    let digits: Vec<u8> = der.iter().flat_map(|b| [HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]).collect();
    out[hex_at + 1..hex_at + 1 + digits.len()].copy_from_slice(&digits);
    Ok(out)
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_outside_ascii_are_utf16_with_a_byte_order_mark() {
        assert_eq!(text_string("Zegel"), Object::String(b"Zegel".to_vec(), StringFormat::Literal));
        let Object::String(bytes, StringFormat::Hexadecimal) = text_string("Súdwest-Fryslân") else { panic!() };
        assert_eq!(&bytes[..4], &[0xFE, 0xFF, 0x00, b'S']);
        assert_eq!(&bytes[4..6], &[0x00, 0xFA]);
    }
}
