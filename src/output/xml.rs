//! Writing the XML files beside a PDF (DiWoo, MDTO) and the sitemaps:
//! UTF-8, indented by two, text escaped by quick-xml.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

/// An XML document, UTF-8, indented by two: the declaration, what `body`
/// writes, a final newline (the metadata here, the sitemaps).
pub(super) fn document(body: impl FnOnce(&mut Writer<Vec<u8>>) -> std::io::Result<()>) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    body(&mut w)?;
    let mut xml = w.into_inner();
    xml.push(b'\n');
    Ok(xml)
}

pub(super) fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> std::io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(value))?;
    Ok(())
}

/// `<outer><item>…</item>…</outer>`, or nothing for no items (the schema
/// wants at least one item in a list).
pub(super) fn list(w: &mut Writer<Vec<u8>>, outer: &str, item: &str, values: &[String]) -> std::io::Result<()> {
    if values.is_empty() {
        return Ok(());
    }
    w.create_element(outer).write_inner_content(|w| values.iter().try_for_each(|v| text(w, item, v)))?;
    Ok(())
}
