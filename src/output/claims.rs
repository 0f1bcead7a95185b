//! What a PDF claims and whether it holds: the PDF/A and PDF/UA
//! identification in its XMP metadata, its output intent, fonts left out of
//! the file; and the rewrite of a merged file's XMP to what it really is.

use lopdf::{Document, Object, ObjectId};

/// The first font a page of `doc` uses without its program in the file:
/// a standard font (`Helvetica`) that every reader draws in its own way.
pub(super) fn unembedded_font(doc: &Document) -> Option<String> {
    let resolve = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let dict = |o: &Object| resolve(o).and_then(|o| o.as_dict().ok().cloned());
    for id in doc.get_pages().into_values() {
        let page = super::pages::standalone_page(doc, id);
        let Some(fonts) = page.get(b"Resources").ok().and_then(dict).and_then(|r| r.get(b"Font").ok().and_then(dict))
        else {
            continue;
        };
        for (_, font) in fonts.iter() {
            let Some(font) = dict(font) else { continue };
            let subtype = font.get(b"Subtype").and_then(Object::as_name).unwrap_or_default();
            if subtype == b"Type3" {
                continue;
            }
            // A composite font describes its glyphs in its descendant.
            let described = match font.get(b"DescendantFonts").ok().and_then(&resolve) {
                Some(Object::Array(kids)) => kids.first().and_then(dict).unwrap_or_default(),
                _ => font.clone(),
            };
            let embedded = described
                .get(b"FontDescriptor")
                .ok()
                .and_then(dict)
                .is_some_and(|d| [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|k| d.has(k)));
            if !embedded {
                let name = font.get(b"BaseFont").and_then(Object::as_name).unwrap_or(b"?");
                return Some(String::from_utf8_lossy(name).into_owned());
            }
        }
    }
    None
}

/// The document's output intent profile, decoded.
pub(super) fn output_profile(doc: &Document) -> Option<Vec<u8>> {
    let intents = doc.catalog().ok()?.get(b"OutputIntents").ok()?;
    let (_, intents) = doc.dereference(intents).ok()?;
    let first = intents.as_array().ok()?.first()?;
    let (_, intent) = doc.dereference(first).ok()?;
    let profile = intent.as_dict().ok()?.get(b"DestOutputProfile").ok()?;
    let (_, profile) = doc.dereference(profile).ok()?;
    let stream = profile.as_stream().ok()?;
    Some(stream.decompressed_content().unwrap_or_else(|_| stream.content.clone()))
}

/// The catalog's XMP metadata as text.
fn xmp(doc: &Document) -> Option<(ObjectId, String)> {
    let id = doc.catalog().ok()?.get(b"Metadata").ok()?.as_reference().ok()?;
    let stream = doc.get_object(id).ok()?.as_stream().ok()?;
    let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    Some((id, String::from_utf8_lossy(&bytes).into_owned()))
}

/// The identification a PDF claims in its XMP metadata.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Claims {
    /// PDF/A part (1–4).
    pub pdfa_part: Option<u32>,
    /// PDF/A conformance level (A, B, U, E, F).
    pub pdfa_conformance: Option<String>,
    /// PDF/UA part.
    pub pdfua_part: Option<u32>,
}

impl Claims {
    /// The claims of a loaded PDF.
    pub fn of(doc: &Document) -> Claims {
        xmp(doc).map(|(_, text)| Claims::from_xmp(&text)).unwrap_or_default()
    }

    /// The claims in an XMP packet (element or attribute form).
    pub fn from_xmp(xmp: &str) -> Claims {
        Claims {
            pdfa_part: xmp_value(xmp, "pdfaid:part").and_then(|v| v.parse().ok()),
            pdfa_conformance: xmp_value(xmp, "pdfaid:conformance").map(|v| v.to_uppercase()),
            pdfua_part: xmp_value(xmp, "pdfuaid:part").and_then(|v| v.parse().ok()),
        }
    }

    /// Whether pages of this file may join a PDF/A-2b file.
    pub(super) fn pdfa_compatible(&self) -> bool {
        matches!(self.pdfa_part, Some(1..=3))
    }

    /// Names such as `PDF/A-2b`, `PDF/UA-1`.
    pub fn names(&self) -> Vec<String> {
        let mut names = Vec::new();
        if let Some(part) = self.pdfa_part {
            let level = self.pdfa_conformance.as_deref().unwrap_or("").to_lowercase();
            names.push(format!("PDF/A-{part}{level}"));
        }
        if let Some(part) = self.pdfua_part {
            names.push(format!("PDF/UA-{part}"));
        }
        names
    }
}

/// The value of an XMP property written as `<p>v</p>` or `p="v"`.
fn xmp_value<'a>(xmp: &'a str, property: &str) -> Option<&'a str> {
    let open = format!("<{property}>");
    if let Some(start) = xmp.find(&open).map(|i| i + open.len()) {
        let end = xmp[start..].find('<')? + start;
        return Some(xmp[start..end].trim());
    }
    for quote in ['"', '\''] {
        let attribute = format!("{property}={quote}");
        if let Some(start) = xmp.find(&attribute).map(|i| i + attribute.len()) {
            let end = xmp[start..].find(quote)? + start;
            return Some(xmp[start..end].trim());
        }
    }
    None
}

/// Makes the XMP metadata say what the merged file is: PDF/A-2b or no
/// PDF/A, never PDF/UA, and its page count.
pub(super) fn rewrite_xmp(doc: &mut Document, keep_a: bool, pages: usize) -> lopdf::Result<()> {
    let Some((id, mut text)) = xmp(doc) else { return Ok(()) };
    remove_element(&mut text, "pdfuaid:part");
    if keep_a {
        replace_element(&mut text, "pdfaid:part", "2");
        replace_element(&mut text, "pdfaid:conformance", "B");
    } else {
        remove_element(&mut text, "pdfaid:part");
        remove_element(&mut text, "pdfaid:conformance");
    }
    replace_element(&mut text, "xmpTPg:NPages", &pages.to_string());
    if let Ok(Object::Stream(stream)) = doc.get_object_mut(id) {
        // PDF/A wants the metadata stream readable without a filter.
        stream.dict.remove(b"Filter");
        stream.dict.remove(b"DecodeParms");
        stream.set_content(text.into_bytes());
    }
    Ok(())
}

fn element_span(text: &str, name: &str) -> Option<(usize, usize, usize, usize)> {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    let start = text.find(&open)?;
    let inner = start + open.len();
    let end = text[inner..].find(&close)? + inner;
    Some((start, inner, end, end + close.len()))
}

fn remove_element(text: &mut String, name: &str) {
    if let Some((start, _, _, end)) = element_span(text, name) {
        text.replace_range(start..end, "");
    }
}

fn replace_element(text: &mut String, name: &str, value: &str) {
    if let Some((_, inner, end, _)) = element_span(text, name) {
        text.replace_range(inner..end, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_in_either_xmp_form() {
        let elements =
            "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance><pdfuaid:part>1</pdfuaid:part>";
        assert_eq!(Claims::from_xmp(elements).names(), ["PDF/A-2a", "PDF/UA-1"]);
        let attributes = r#"<rdf:Description pdfaid:part="3" pdfaid:conformance="u"/>"#;
        assert_eq!(Claims::from_xmp(attributes).names(), ["PDF/A-3u"]);
        assert!(Claims::from_xmp("<x/>").names().is_empty());
        assert!(!Claims::from_xmp("<pdfaid:part>4</pdfaid:part>").pdfa_compatible());
    }

    #[test]
    fn xmp_rewritten_to_what_the_merged_file_is() {
        let mut text = "<a><pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance><pdfuaid:part>1</pdfuaid:part><xmpTPg:NPages>2</xmpTPg:NPages></a>".to_string();
        remove_element(&mut text, "pdfuaid:part");
        replace_element(&mut text, "pdfaid:conformance", "B");
        replace_element(&mut text, "xmpTPg:NPages", "5");
        assert_eq!(
            text,
            "<a><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance><xmpTPg:NPages>5</xmpTPg:NPages></a>"
        );
    }
}
