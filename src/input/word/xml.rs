//! The XML parts of a Word or LibreOffice file as a small element tree:
//! names as written (`w:p`, `text:h`; every producer writes the standard
//! prefixes), attributes, text with entities resolved. Nesting deeper than
//! [`MAX_DEPTH`] is refused, so walking the tree cannot exhaust the stack.

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

/// How deep elements may nest; real documents stay far below.
pub const MAX_DEPTH: usize = 200;

/// One element.
#[derive(Debug, Default)]
pub struct Element {
    /// The qualified name (`w:p`).
    pub name: String,
    /// Attributes by qualified name.
    pub attrs: Vec<(String, String)>,
    /// Child elements and text, in order.
    pub children: Vec<Child>,
}

/// A child of an element.
#[derive(Debug)]
pub enum Child {
    /// An element.
    Element(Element),
    /// Text.
    Text(String),
}

/// Why a part could not be read.
#[derive(Debug)]
pub enum XmlError {
    /// Not well-formed, at a byte offset.
    Malformed(String),
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl Element {
    /// An attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Child::Element(e) => Some(e),
            Child::Text(_) => None,
        })
    }

    /// The first child element of this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first element of this name at any depth below (depth first).
    pub fn find(&self, name: &str) -> Option<&Element> {
        self.elements().find_map(|e| if e.name == name { Some(e) } else { e.find(name) })
    }

    /// Every element of this name at any depth below, in document order.
    pub fn find_all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            } else {
                e.find_all(name, out);
            }
        }
    }

    /// All text below, in order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    /// All text below, leaving out the elements of one name.
    pub fn text_without(&self, skip: &str) -> String {
        let mut out = String::new();
        self.collect_text_without(skip, &mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        self.collect_text_without("", out);
    }

    fn collect_text_without(&self, skip: &str, out: &mut String) {
        for child in &self.children {
            match child {
                Child::Text(t) => out.push_str(t),
                Child::Element(e) if e.name != skip => e.collect_text_without(skip, out),
                Child::Element(_) => {}
            }
        }
    }
}

/// Parses a part into its root element.
pub fn parse(xml: &str) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Element> = vec![Element::default()];
    let malformed = |reader: &Reader<&[u8]>, what: String| {
        XmlError::Malformed(format!("{what} (byte {})", reader.buffer_position()))
    };
    loop {
        let event = reader.read_event().map_err(|e| malformed(&reader, e.to_string()))?;
        match event {
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(XmlError::TooDeep);
                }
                stack.push(element(&start).map_err(|e| malformed(&reader, e))?);
            }
            Event::Empty(start) => {
                let e = element(&start).map_err(|e| malformed(&reader, e))?;
                push(&mut stack, Child::Element(e));
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(malformed(&reader, "unexpected end tag".into()));
                }
                let done = stack.pop().expect("checked above");
                push(&mut stack, Child::Element(done));
            }
            Event::Text(text) => {
                let text = text.decode().map_err(|e| malformed(&reader, e.to_string()))?;
                push(&mut stack, Child::Text(text.into_owned()));
            }
            Event::CData(data) => {
                let text = data.decode().map_err(|e| malformed(&reader, e.to_string()))?;
                push(&mut stack, Child::Text(text.into_owned()));
            }
            Event::GeneralRef(reference) => {
                let name = reference.decode().map_err(|e| malformed(&reader, e.to_string()))?;
                let ch = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => resolve_predefined_entity(&name)
                        .map(str::to_string)
                        .ok_or_else(|| malformed(&reader, format!("unknown entity &{name};")))?,
                    Err(e) => return Err(malformed(&reader, e.to_string())),
                };
                push(&mut stack, Child::Text(ch));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(XmlError::Malformed("unclosed element".into()));
    }
    let mut root = stack.pop().expect("one left");
    root.elements().next().ok_or_else(|| XmlError::Malformed("no root element".into()))?;
    let index = root.children.iter().position(|c| matches!(c, Child::Element(_))).expect("checked above");
    match root.children.swap_remove(index) {
        Child::Element(e) => Ok(e),
        Child::Text(_) => unreachable!("position found an element"),
    }
}

fn element(start: &BytesStart<'_>) -> Result<Element, String> {
    let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = attr.unescape_value().map_err(|e| e.to_string())?.into_owned();
        attrs.push((key, value));
    }
    Ok(Element { name, attrs, children: Vec::new() })
}

/// Appends a child to the innermost open element, joining adjacent text.
fn push(stack: &mut [Element], child: Child) {
    let Some(top) = stack.last_mut() else { return };
    if let (Child::Text(t), Some(Child::Text(last))) = (&child, top.children.last_mut()) {
        last.push_str(t);
        return;
    }
    top.children.push(child);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_text_and_entities() {
        let root = parse("<?xml version=\"1.0\"?><a x=\"1 &amp; 2\"><b>R&amp;D &#233;</b><c/></a>").unwrap();
        assert_eq!(root.name, "a");
        assert_eq!(root.attr("x"), Some("1 & 2"));
        assert_eq!(root.child("b").unwrap().text(), "R&D é");
        assert!(root.find("c").is_some());
    }

    #[test]
    fn refuses_what_is_not_xml_or_too_deep() {
        assert!(matches!(parse("<a><b></a>"), Err(XmlError::Malformed(_))));
        assert!(matches!(parse("geen xml"), Err(XmlError::Malformed(_))));
        let deep = "<a>".repeat(MAX_DEPTH + 5) + &"</a>".repeat(MAX_DEPTH + 5);
        assert!(matches!(parse(&deep), Err(XmlError::TooDeep)));
    }
}
