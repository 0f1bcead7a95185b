//! What a Word file says beside its body: the styles (which paragraphs
//! are headings or list items, what character styles set), the numbering
//! (numbered or bulleted), the relationships (link targets, pictures), and
//! field codes.

use std::collections::HashMap;

use super::super::tree::Format;
use super::super::xml::Element;

/// Whether an on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
pub(super) fn on(e: Option<&Element>) -> bool {
    e.is_some_and(|e| !matches!(e.attr("w:val"), Some("0" | "false" | "off" | "none")))
}

/// The formatting a run property element sets.
pub(super) fn format_of(rpr: &Element, base: Format) -> Format {
    let mut f = base;
    let set = |name: &str, current: bool| match rpr.child(name) {
        Some(_) => on(rpr.child(name)),
        None => current,
    };
    f.bold = set("w:b", f.bold);
    f.italic = set("w:i", f.italic) || on(rpr.child("w:u"));
    f.strike = set("w:strike", f.strike) || on(rpr.child("w:dstrike"));
    if let Some(align) = rpr.child("w:vertAlign").and_then(|e| e.attr("w:val")) {
        f.sup = align == "superscript";
        f.sub = align == "subscript";
    }
    f
}

/// What the styles say: headings by level, list numbering, and the
/// formatting of character styles.
#[derive(Default)]
pub(super) struct Styles {
    pub heading: HashMap<String, u8>,
    pub list: HashMap<String, (String, u8)>,
    pub format: HashMap<String, Format>,
}

impl Styles {
    pub fn read(root: &Element) -> Styles {
        struct Raw<'a> {
            based_on: Option<&'a str>,
            heading: Option<u8>,
            list: Option<(String, u8)>,
            rpr: Option<&'a Element>,
        }
        let mut raw = HashMap::new();
        for style in root.elements().filter(|e| e.name == "w:style") {
            let Some(id) = style.attr("w:styleId") else { continue };
            let name = style.child("w:name").and_then(|n| n.attr("w:val")).unwrap_or("").to_lowercase();
            let ppr = style.child("w:pPr");
            let heading = heading_level(&name).or_else(|| {
                let level = ppr?.child("w:outlineLvl")?.attr("w:val")?.parse::<u8>().ok()?;
                (level < 9).then_some(level + 1)
            });
            let list = ppr.and_then(|p| p.child("w:numPr")).and_then(num_pr);
            let based_on = style.child("w:basedOn").and_then(|b| b.attr("w:val"));
            raw.insert(id.to_string(), Raw { based_on, heading, list, rpr: style.child("w:rPr") });
        }
        let mut styles = Styles::default();
        for id in raw.keys() {
            // Follow `basedOn` (at most ten steps; a loop stops there too).
            let mut chain = Vec::new();
            let mut at = Some(id.as_str());
            while let Some(s) = at.and_then(|a| raw.get(a)).filter(|_| chain.len() < 10) {
                chain.push(s);
                at = s.based_on;
            }
            if let Some(level) = chain.iter().find_map(|s| s.heading) {
                styles.heading.insert(id.clone(), level.min(6));
            }
            if let Some(list) = chain.iter().find_map(|s| s.list.clone()) {
                styles.list.insert(id.clone(), list);
            }
            let format = chain.iter().rev().filter_map(|s| s.rpr).fold(Format::default(), |f, rpr| format_of(rpr, f));
            styles.format.insert(id.clone(), format);
        }
        styles
    }
}

/// The level of a heading style by its (built-in, English or Dutch) name.
fn heading_level(name: &str) -> Option<u8> {
    if name == "title" || name == "titel" {
        return Some(1);
    }
    let n = name.strip_prefix("heading ").or_else(|| name.strip_prefix("kop "))?;
    n.trim().parse::<u8>().ok().filter(|l| (1..=9).contains(l)).map(|l| l.min(6))
}

/// A numbering reference: numbering id and level.
pub(super) fn num_pr(e: &Element) -> Option<(String, u8)> {
    let id = e.child("w:numId")?.attr("w:val")?.to_string();
    let level = e.child("w:ilvl").and_then(|l| l.attr("w:val")).and_then(|v| v.parse().ok()).unwrap_or(0);
    Some((id, level))
}

/// Per numbering id, per level, whether it is numbered (not bulleted).
pub(super) fn numbering(root: &Element) -> HashMap<String, HashMap<u8, bool>> {
    let mut abstracts = HashMap::new();
    for a in root.elements().filter(|e| e.name == "w:abstractNum") {
        let Some(id) = a.attr("w:abstractNumId") else { continue };
        let levels: HashMap<u8, bool> = a
            .elements()
            .filter(|e| e.name == "w:lvl")
            .filter_map(|l| {
                let level = l.attr("w:ilvl")?.parse().ok()?;
                let fmt = l.child("w:numFmt").and_then(|f| f.attr("w:val")).unwrap_or("decimal");
                Some((level, !matches!(fmt, "bullet" | "none")))
            })
            .collect();
        abstracts.insert(id.to_string(), levels);
    }
    root.elements()
        .filter(|e| e.name == "w:num")
        .filter_map(|n| {
            let id = n.attr("w:numId")?;
            let abstract_id = n.child("w:abstractNumId")?.attr("w:val")?;
            Some((id.to_string(), abstracts.get(abstract_id).cloned().unwrap_or_default()))
        })
        .collect()
}

/// Relationship id → (target, external).
pub(super) fn relationships(root: &Element) -> HashMap<String, (String, bool)> {
    root.elements()
        .filter(|e| e.name == "Relationship")
        .filter_map(|r| {
            let external = r.attr("TargetMode") == Some("External");
            Some((r.attr("Id")?.to_string(), (r.attr("Target")?.to_string(), external)))
        })
        .collect()
}

/// The target of a `HYPERLINK "…"` field code.
pub(super) fn hyperlink_field(code: &str) -> Option<String> {
    let rest = code.trim().strip_prefix("HYPERLINK")?.trim();
    let rest = rest.strip_prefix('"')?;
    rest.split('"').next().map(str::to_string).filter(|u| !u.is_empty())
}

/// A part's name from a relationship target relative to `folder`.
pub(super) fn part_name(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') { Vec::new() } else { folder.split('/').collect() };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_fields() {
        assert_eq!(part_name("word", "media/image1.png"), "word/media/image1.png");
        assert_eq!(part_name("word", "/word/media/a.png"), "word/media/a.png");
        assert_eq!(part_name("word", "../media/a.png"), "media/a.png");
        assert_eq!(hyperlink_field(" HYPERLINK \"https://x.nl\" \\o \"tip\""), Some("https://x.nl".into()));
        assert_eq!(heading_level("heading 2"), Some(2));
        assert_eq!(heading_level("kop 1"), Some(1));
        assert_eq!(heading_level("normal"), None);
    }
}
