//! Word's format (WordprocessingML, `.docx`): the body, its styles (which
//! paragraphs are headings or list items), its numbering (numbered or
//! bulleted), footnotes, links and pictures. Deleted text is never read;
//! comments, hidden text and field codes are dropped; tracked changes and
//! what cannot be carried over are recorded.

use std::collections::HashMap;

use super::Package;
use super::WordError;
use super::tree::{
    Block, Cell, Change, Dropped, DroppedKind, Format, Para, Picture, Piece, Role, TableRow, Text, first_words,
};
use super::xml::{Child, Element};

/// Reads a Word file's text.
pub fn read(pkg: &mut Package) -> Result<Text, WordError> {
    let body_xml = pkg.xml("word/document.xml")?.ok_or(WordError::NotAText)?;
    let styles = match pkg.xml("word/styles.xml")? {
        Some(root) => Styles::read(&root),
        None => Styles::default(),
    };
    let numbering = match pkg.xml("word/numbering.xml")? {
        Some(root) => numbering(&root),
        None => HashMap::new(),
    };
    let rels = match pkg.xml("word/_rels/document.xml.rels")? {
        Some(root) => relationships(&root),
        None => HashMap::new(),
    };
    let mut notes = HashMap::new();
    for (part, tag) in [("word/footnotes.xml", "w:footnote"), ("word/endnotes.xml", "w:endnote")] {
        if let Some(root) = pkg.xml(part)? {
            for child in root.children {
                let Child::Element(note) = child else { continue };
                let normal = note.attr("w:type").is_none_or(|t| t == "normal");
                if let (true, true, Some(id)) = (note.name == tag, normal, note.attr("w:id")) {
                    notes.insert((tag == "w:endnote", id.to_string()), note);
                }
            }
        }
    }
    let mut reader = Reader {
        pkg,
        styles,
        numbering,
        rels,
        notes,
        note_index: HashMap::new(),
        fields: Vec::new(),
        text: Text::default(),
    };
    let body = body_xml.child("w:body").ok_or(WordError::NotAText)?;
    let mut blocks = Vec::new();
    reader.blocks(body, &mut blocks)?;
    reader.text.blocks = blocks;
    Ok(reader.text)
}

/// Whether an on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
fn on(e: Option<&Element>) -> bool {
    e.is_some_and(|e| !matches!(e.attr("w:val"), Some("0" | "false" | "off" | "none")))
}

/// The formatting a run property element sets.
fn format_of(rpr: &Element, base: Format) -> Format {
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
struct Styles {
    heading: HashMap<String, u8>,
    list: HashMap<String, (String, u8)>,
    format: HashMap<String, Format>,
}

impl Styles {
    fn read(root: &Element) -> Styles {
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
fn num_pr(e: &Element) -> Option<(String, u8)> {
    let id = e.child("w:numId")?.attr("w:val")?.to_string();
    let level = e.child("w:ilvl").and_then(|l| l.attr("w:val")).and_then(|v| v.parse().ok()).unwrap_or(0);
    Some((id, level))
}

/// Per numbering id, per level, whether it is numbered (not bulleted).
fn numbering(root: &Element) -> HashMap<String, HashMap<u8, bool>> {
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
fn relationships(root: &Element) -> HashMap<String, (String, bool)> {
    root.elements()
        .filter(|e| e.name == "Relationship")
        .filter_map(|r| {
            let external = r.attr("TargetMode") == Some("External");
            Some((r.attr("Id")?.to_string(), (r.attr("Target")?.to_string(), external)))
        })
        .collect()
}

/// A complex field being read (`w:fldChar`): its code, then its result.
struct Field {
    code: String,
    in_result: bool,
    link: Option<usize>,
}

struct Reader<'p> {
    pkg: &'p mut Package,
    styles: Styles,
    numbering: HashMap<String, HashMap<u8, bool>>,
    rels: HashMap<String, (String, bool)>,
    /// Footnotes and endnotes by (endnote, id).
    notes: HashMap<(bool, String), Element>,
    /// Index in `text.footnotes` of a note already referred to.
    note_index: HashMap<(bool, String), usize>,
    fields: Vec<Field>,
    text: Text,
}

impl Reader<'_> {
    /// Block content: paragraphs and tables.
    fn blocks(&mut self, parent: &Element, out: &mut Vec<Block>) -> Result<(), WordError> {
        for e in parent.elements() {
            match e.name.as_str() {
                "w:p" => {
                    let para = self.para(e)?;
                    out.push(Block::Para(para));
                }
                "w:tbl" => {
                    let table = self.table(e)?;
                    out.push(table);
                }
                "w:sdt" => {
                    if let Some(content) = e.child("w:sdtContent") {
                        self.blocks(content, out)?;
                    }
                }
                "w:customXml" | "w:ins" | "w:moveTo" => self.blocks(e, out)?,
                "mc:AlternateContent" => {
                    if let Some(choice) = e.child("mc:Choice") {
                        self.blocks(choice, out)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn para(&mut self, p: &Element) -> Result<Para, WordError> {
        let ppr = p.child("w:pPr");
        let style = ppr.and_then(|p| p.child("w:pStyle")).and_then(|s| s.attr("w:val"));
        let outline = ppr
            .and_then(|p| p.child("w:outlineLvl"))
            .and_then(|o| o.attr("w:val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|l| *l < 9);
        let heading =
            outline.map(|l| (l + 1).min(6)).or_else(|| style.and_then(|s| self.styles.heading.get(s).copied()));
        let list = ppr
            .and_then(|p| p.child("w:numPr"))
            .and_then(num_pr)
            .or_else(|| style.and_then(|s| self.styles.list.get(s).cloned()))
            .filter(|(id, _)| id != "0");
        let role = match (heading, list) {
            (Some(level), _) => Role::Heading(level),
            (None, Some((id, level))) => {
                let numbered = self.numbering.get(&id).and_then(|l| l.get(&level)).copied().unwrap_or(false);
                Role::Item { level: level.min(8), numbered }
            }
            _ => Role::Body,
        };
        // A paragraph mark inserted or deleted with changes tracked.
        if let Some(rpr) = ppr.and_then(|p| p.child("w:rPr")) {
            for (tag, inserted) in [("w:ins", true), ("w:del", false)] {
                if rpr.child(tag).is_some() {
                    self.text.changes.push(Change { inserted, words: first_words(&p.text(), 40) });
                }
            }
        }
        let base = style.and_then(|s| self.styles.format.get(s).copied()).unwrap_or_default();
        let mut pieces = Vec::new();
        self.inlines(p, base, None, &mut pieces)?;
        Ok(Para { role, pieces })
    }

    /// Inline content: runs, links, inserted text; deleted text skipped.
    fn inlines(
        &mut self,
        parent: &Element,
        base: Format,
        link: Option<usize>,
        out: &mut Vec<Piece>,
    ) -> Result<(), WordError> {
        for e in parent.elements() {
            match e.name.as_str() {
                "w:r" => self.run(e, base, link, out)?,
                "w:hyperlink" => {
                    let target = e.attr("r:id").and_then(|id| self.rels.get(id)).filter(|(_, external)| *external);
                    let link = match target {
                        Some((url, _)) => {
                            self.text.links.push(url.clone());
                            Some(self.text.links.len() - 1)
                        }
                        None => link,
                    };
                    self.inlines(e, base, link, out)?;
                }
                "w:ins" | "w:moveTo" => {
                    self.text.changes.push(Change { inserted: true, words: first_words(&e.text(), 40) });
                    self.inlines(e, base, link, out)?;
                }
                "w:del" | "w:moveFrom" => {
                    self.text.changes.push(Change { inserted: false, words: first_words(&e.text(), 40) });
                }
                "w:smartTag" | "w:customXml" | "w:fldSimple" | "w:bdo" | "w:dir" => self.inlines(e, base, link, out)?,
                "w:sdt" => {
                    if let Some(content) = e.child("w:sdtContent") {
                        self.inlines(content, base, link, out)?;
                    }
                }
                "mc:AlternateContent" => {
                    if let Some(choice) = e.child("mc:Choice") {
                        self.inlines(choice, base, link, out)?;
                    }
                }
                "m:oMath" | "m:oMathPara" => {
                    self.drop(DroppedKind::Equation, &e.text());
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn drop(&mut self, kind: DroppedKind, words: &str) {
        self.text.dropped.push(Dropped { kind, words: first_words(words, 40) });
    }

    fn run(&mut self, r: &Element, base: Format, link: Option<usize>, out: &mut Vec<Piece>) -> Result<(), WordError> {
        let rpr = r.child("w:rPr");
        if rpr.is_some_and(|p| on(p.child("w:vanish")) || on(p.child("w:specVanish"))) {
            return Ok(());
        }
        let style = rpr.and_then(|p| p.child("w:rStyle")).and_then(|s| s.attr("w:val"));
        let base = style.and_then(|s| self.styles.format.get(s).copied()).map_or(base, |s| base.with(s));
        let format = rpr.map_or(base, |p| format_of(p, base));
        self.run_content(r, format, link, out)
    }

    /// What a run holds: text, breaks, field marks, notes, pictures.
    fn run_content(
        &mut self,
        r: &Element,
        format: Format,
        link: Option<usize>,
        out: &mut Vec<Piece>,
    ) -> Result<(), WordError> {
        for e in r.elements() {
            let in_code = self.fields.last().is_some_and(|f| !f.in_result);
            let link = self.fields.iter().rev().find_map(|f| f.link).or(link);
            let text = |s: &str, out: &mut Vec<Piece>| {
                if !in_code {
                    out.push(Piece::Text { text: s.to_string(), format, link });
                }
            };
            match e.name.as_str() {
                "w:t" => text(&e.text(), out),
                "w:tab" | "w:ptab" => text(" ", out),
                "w:noBreakHyphen" => text("\u{2011}", out),
                "w:br" if !in_code && !matches!(e.attr("w:type"), Some("page" | "column")) => out.push(Piece::Break),
                "w:cr" if !in_code => out.push(Piece::Break),
                "w:sym" => self.drop(DroppedKind::Object, "symbool"),
                "w:fldChar" => match e.attr("w:fldCharType") {
                    Some("begin") => self.fields.push(Field { code: String::new(), in_result: false, link: None }),
                    Some("separate") => {
                        if let Some(field) = self.fields.last_mut() {
                            field.in_result = true;
                            if let Some(url) = hyperlink_field(&field.code) {
                                self.text.links.push(url);
                                field.link = Some(self.text.links.len() - 1);
                            }
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                "w:instrText" => {
                    if let Some(field) = self.fields.last_mut() {
                        field.code.push_str(&e.text());
                    }
                }
                "w:footnoteReference" | "w:endnoteReference" if !in_code => {
                    let key = (e.name == "w:endnoteReference", e.attr("w:id").unwrap_or_default().to_string());
                    if let Some(index) = self.note(key)? {
                        out.push(Piece::Footnote(index));
                    }
                }
                "w:drawing" if !in_code => self.drawing(e, out)?,
                "w:pict" if !in_code => self.vml(e, out)?,
                "w:object" => self.drop(DroppedKind::Object, &e.text()),
                "mc:AlternateContent" => {
                    if let Some(choice) = e.child("mc:Choice") {
                        self.run_content(choice, format, link, out)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The footnote's index, reading it the first time it is referred to.
    fn note(&mut self, key: (bool, String)) -> Result<Option<usize>, WordError> {
        if let Some(index) = self.note_index.get(&key) {
            return Ok(Some(*index));
        }
        let Some(note) = self.notes.remove(&key) else { return Ok(None) };
        let index = self.text.footnotes.len();
        self.text.footnotes.push(Vec::new());
        self.note_index.insert(key, index);
        let mut blocks = Vec::new();
        self.blocks(&note, &mut blocks)?;
        self.text.footnotes[index] = flatten(blocks, &mut self.text.dropped);
        Ok(Some(index))
    }

    /// A DrawingML object: a picture, else a text box or chart (dropped).
    fn drawing(&mut self, d: &Element, out: &mut Vec<Piece>) -> Result<(), WordError> {
        if let Some(text_box) = d.find("w:txbxContent") {
            self.drop(DroppedKind::TextBox, &text_box.text());
            return Ok(());
        }
        let Some(blip) = d.find("a:blip") else {
            self.drop(DroppedKind::Drawing, &d.text());
            return Ok(());
        };
        let doc_pr = d.find("wp:docPr");
        let alt = doc_pr.and_then(|p| p.attr("descr").filter(|s| !s.trim().is_empty()).or_else(|| p.attr("title")));
        let target = blip.attr("r:embed").and_then(|id| self.rels.get(id)).filter(|(_, external)| !external);
        self.picture(target.map(|(t, _)| t.clone()), alt.unwrap_or_default().to_string(), out)
    }

    /// An older VML picture or text box.
    fn vml(&mut self, p: &Element, out: &mut Vec<Piece>) -> Result<(), WordError> {
        if let Some(text_box) = p.find("w:txbxContent") {
            self.drop(DroppedKind::TextBox, &text_box.text());
            return Ok(());
        }
        let Some(image) = p.find("v:imagedata") else {
            self.drop(DroppedKind::Drawing, &p.text());
            return Ok(());
        };
        let alt = p.find("v:shape").and_then(|s| s.attr("alt")).or_else(|| image.attr("o:title")).unwrap_or_default();
        let target = image.attr("r:id").and_then(|id| self.rels.get(id)).filter(|(_, external)| !external);
        self.picture(target.map(|(t, _)| t.clone()), alt.to_string(), out)
    }

    fn picture(&mut self, target: Option<String>, alt: String, out: &mut Vec<Piece>) -> Result<(), WordError> {
        let Some(target) = target else {
            self.drop(DroppedKind::Drawing, &alt);
            return Ok(());
        };
        let name = part_name("word", &target);
        match self.pkg.picture(&name)? {
            Some(bytes) => {
                self.text.pictures.push(Picture { name, bytes, alt });
                out.push(Piece::Picture(self.text.pictures.len() - 1));
            }
            None => self.drop(DroppedKind::PictureFormat, &name),
        }
        Ok(())
    }

    fn table(&mut self, tbl: &Element) -> Result<Block, WordError> {
        let mut rows = Vec::new();
        for tr in tbl.elements().filter(|e| e.name == "w:tr") {
            let trpr = tr.child("w:trPr");
            let header = on(trpr.and_then(|p| p.child("w:tblHeader")));
            for (tag, inserted) in [("w:ins", true), ("w:del", false)] {
                if trpr.and_then(|p| p.child(tag)).is_some() {
                    self.text.changes.push(Change { inserted, words: first_words(&tr.text(), 40) });
                }
            }
            let mut cells = Vec::new();
            for tc in tr.elements().filter(|e| e.name == "w:tc") {
                let tcpr = tc.child("w:tcPr");
                let colspan = tcpr
                    .and_then(|p| p.child("w:gridSpan"))
                    .and_then(|g| g.attr("w:val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let merge = tcpr.and_then(|p| p.child("w:vMerge")).map(|m| m.attr("w:val") == Some("restart"));
                let mut blocks = Vec::new();
                self.blocks(tc, &mut blocks)?;
                let paras = flatten(blocks, &mut self.text.dropped);
                cells.push(Cell { paras, colspan, rowspan: 1, covered: merge == Some(false) });
            }
            rows.push(TableRow { header, cells });
        }
        merge_rows(&mut rows);
        Ok(Block::Table(rows))
    }
}

/// A covered cell (merged with the one above) adds a row to the first
/// uncovered cell above it at the same grid column.
fn merge_rows(rows: &mut [TableRow]) {
    let starts = |row: &TableRow| {
        let mut at = 0;
        row.cells
            .iter()
            .map(|c| {
                let start = at;
                at += c.colspan;
                start
            })
            .collect::<Vec<_>>()
    };
    for r in 1..rows.len() {
        let row_starts = starts(&rows[r]);
        for (c, start) in row_starts.iter().enumerate() {
            if !rows[r].cells[c].covered {
                continue;
            }
            let above = (0..r).rev().find_map(|up| {
                let s = starts(&rows[up]);
                s.iter().position(|x| x == start).filter(|&i| !rows[up].cells[i].covered).map(|i| (up, i))
            });
            match above {
                Some((up, i)) => rows[up].cells[i].rowspan += 1,
                None => rows[r].cells[c].covered = false,
            }
        }
    }
}

/// Paragraphs of blocks; a table inside (a cell, a footnote) is carried
/// over as its paragraphs, and said so.
pub(super) fn flatten(blocks: Vec<Block>, dropped: &mut Vec<Dropped>) -> Vec<Para> {
    let mut paras = Vec::new();
    for block in blocks {
        match block {
            Block::Para(p) => paras.push(p),
            Block::Table(rows) => {
                let cells: Vec<Para> = rows.into_iter().flat_map(|r| r.cells).flat_map(|c| c.paras).collect();
                let words = cells.iter().map(Para::words).collect::<Vec<_>>().join(" ");
                dropped.push(Dropped { kind: DroppedKind::NestedTable, words: first_words(&words, 40) });
                paras.extend(cells);
            }
        }
    }
    paras
}

/// The target of a `HYPERLINK "…"` field code.
fn hyperlink_field(code: &str) -> Option<String> {
    let rest = code.trim().strip_prefix("HYPERLINK")?.trim();
    let rest = rest.strip_prefix('"')?;
    rest.split('"').next().map(str::to_string).filter(|u| !u.is_empty())
}

/// A part's name from a relationship target relative to `folder`.
fn part_name(folder: &str, target: &str) -> String {
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
