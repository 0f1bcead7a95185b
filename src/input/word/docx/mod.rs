//! Word's format (WordprocessingML, `.docx`): the body, its styles (which
//! paragraphs are headings or list items), its numbering (numbered or
//! bulleted), footnotes, links and pictures. Deleted text is never read;
//! comments, hidden text and field codes are dropped; tracked changes and
//! what cannot be carried over are recorded.

use std::collections::HashMap;

mod parts;

use super::tree::{
    Block, Cell, Change, Dropped, DroppedKind, Format, Para, Picture, Piece, Role, TableRow, Text, first_words, flatten,
};
use super::xml::{Child, Element};
use super::{Package, PictureRead, WordError};
use parts::{Styles, format_of, hyperlink_field, num_pr, numbering, on, part_name, relationships};

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
                // Content a document system inserted as a file of its own
                // (pasted HTML, another document), which Word merges only
                // when it opens the file.
                "w:altChunk" => {
                    let part = e.attr("r:id").and_then(|id| self.rels.get(id)).map(|(t, _)| t.clone());
                    self.drop(DroppedKind::AltChunk, &part.unwrap_or_default());
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
        // A picture embedded, else linked to a file outside.
        let target = blip.attr("r:embed").or_else(|| blip.attr("r:link")).and_then(|id| self.rels.get(id)).cloned();
        self.picture(target, alt.unwrap_or_default().to_string(), out)
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
        let target = image.attr("r:id").and_then(|id| self.rels.get(id)).cloned();
        self.picture(target, alt.to_string(), out)
    }

    /// A picture by its relationship's target, and whether that lies
    /// outside the file.
    fn picture(&mut self, target: Option<(String, bool)>, alt: String, out: &mut Vec<Piece>) -> Result<(), WordError> {
        let Some((target, external)) = target else {
            self.drop(DroppedKind::Drawing, &alt);
            return Ok(());
        };
        if external {
            self.drop(DroppedKind::LinkedPicture, &target);
            return Ok(());
        }
        let name = part_name("word", &target);
        match self.pkg.picture(&name)? {
            PictureRead::Read(bytes) => {
                self.text.pictures.push(Picture { name, bytes, alt });
                out.push(Piece::Picture(self.text.pictures.len() - 1));
            }
            PictureRead::Missing => self.drop(DroppedKind::MissingPicture, &name),
            PictureRead::Format => self.drop(DroppedKind::PictureFormat, &name),
            PictureRead::Unprintable(why) => self.drop(DroppedKind::DamagedPicture, &why),
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
