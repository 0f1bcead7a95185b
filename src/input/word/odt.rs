//! LibreOffice's and OpenOffice's format (ODF text, `.odt`): headings by
//! outline level, lists with their list styles, spans with their automatic
//! styles, tables with merged cells, notes, links and pictures. Tracked
//! changes (`text:tracked-changes`) are recorded; deleted text lives there
//! and is never read; annotations (comments) and hidden text are dropped.

use std::collections::HashMap;

use super::WordError;
use super::tree::{
    Block, Cell, Change, Dropped, DroppedKind, Format, Para, Picture, Piece, Role, TableRow, Text, first_words, flatten,
};
use super::xml::{Child, Element};
use super::{Package, PictureRead};

/// Reads an ODF text's content.
pub fn read(pkg: &mut Package) -> Result<Text, WordError> {
    let content = pkg.xml("content.xml")?.ok_or(WordError::NotAText)?;
    let mut styles = Styles::default();
    if let Some(root) = pkg.xml("styles.xml")? {
        styles.read(&root);
    }
    styles.read(&content);
    let body = content.child("office:body").and_then(|b| b.child("office:text")).ok_or(WordError::NotAText)?;
    let mut reader = Reader { pkg, styles, text: Text::default() };
    let mut blocks = Vec::new();
    reader.blocks(body, &mut blocks, None)?;
    reader.text.blocks = blocks;
    Ok(reader.text)
}

/// Styles from `styles.xml` and the automatic styles in `content.xml`.
#[derive(Default)]
struct Styles {
    /// Text and paragraph styles: formatting, parent, outline level, list style.
    styles: HashMap<String, Style>,
    /// List styles: per level (1-based), numbered or not.
    lists: HashMap<String, HashMap<u8, bool>>,
}

#[derive(Default, Clone)]
struct Style {
    parent: Option<String>,
    format: Option<Format>,
    hidden: bool,
    outline: Option<u8>,
    list: Option<String>,
}

impl Styles {
    fn read(&mut self, root: &Element) {
        let mut found = Vec::new();
        root.find_all("style:style", &mut found);
        for style in found {
            let Some(name) = style.attr("style:name") else { continue };
            let props = style.child("style:text-properties");
            let format = props.map(|p| {
                let underline = p.attr("style:text-underline-style").is_some_and(|u| u != "none");
                let position = p.attr("style:text-position").unwrap_or("");
                Format {
                    bold: p
                        .attr("fo:font-weight")
                        .is_some_and(|w| w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600)),
                    italic: p.attr("fo:font-style").is_some_and(|s| s == "italic" || s == "oblique") || underline,
                    strike: p.attr("style:text-line-through-style").is_some_and(|s| s != "none"),
                    sup: position.starts_with("super")
                        || position.starts_with(|c: char| c.is_ascii_digit() && c != '0'),
                    sub: position.starts_with("sub") || position.starts_with('-'),
                }
            });
            let hidden = props.is_some_and(|p| p.attr("text:display") == Some("none"));
            let outline = style.attr("style:default-outline-level").and_then(|l| l.parse().ok());
            self.styles.insert(
                name.to_string(),
                Style {
                    parent: style.attr("style:parent-style-name").map(str::to_string),
                    format,
                    hidden,
                    outline,
                    list: style.attr("style:list-style-name").map(str::to_string),
                },
            );
        }
        let mut lists = Vec::new();
        root.find_all("text:list-style", &mut lists);
        for list in lists {
            let Some(name) = list.attr("style:name") else { continue };
            let levels = list
                .elements()
                .filter_map(|l| {
                    let level = l.attr("text:level")?.parse().ok()?;
                    let numbered = l.name == "text:list-level-style-number"
                        && l.attr("style:num-format").is_some_and(|f| !f.is_empty());
                    Some((level, numbered))
                })
                .collect();
            self.lists.insert(name.to_string(), levels);
        }
    }

    /// A style with its parents' values filled in (ten steps at most).
    fn resolved(&self, name: Option<&str>) -> Style {
        let mut out = Style::default();
        let mut at = name;
        for _ in 0..10 {
            let Some(style) = at.and_then(|n| self.styles.get(n)) else { break };
            out.format = out.format.or(style.format);
            out.hidden |= style.hidden;
            out.outline = out.outline.or(style.outline);
            out.list = out.list.clone().or_else(|| style.list.clone());
            at = style.parent.as_deref();
        }
        out
    }
}

struct Reader<'p> {
    pkg: &'p mut Package,
    styles: Styles,
    text: Text,
}

/// The list a paragraph is in: its style and depth.
#[derive(Clone)]
struct ListAt {
    style: Option<String>,
    level: u8,
}

impl Reader<'_> {
    fn blocks(&mut self, parent: &Element, out: &mut Vec<Block>, list: Option<&ListAt>) -> Result<(), WordError> {
        for e in parent.elements() {
            match e.name.as_str() {
                "text:p" | "text:h" => {
                    let para = self.para(e, list)?;
                    out.push(Block::Para(para));
                }
                "text:list" => {
                    let style =
                        e.attr("text:style-name").map(str::to_string).or_else(|| list.and_then(|l| l.style.clone()));
                    let level = list.map_or(0, |l| l.level + 1);
                    let inner = ListAt { style, level };
                    for item in e.elements().filter(|i| i.name == "text:list-item" || i.name == "text:list-header") {
                        self.blocks(item, out, Some(&inner))?;
                    }
                }
                "table:table" => {
                    let table = self.table(e)?;
                    out.push(table);
                }
                "text:section" | "text:index-body" | "text:table-of-content" => self.blocks(e, out, list)?,
                "text:tracked-changes" => self.changes(e),
                _ => {}
            }
        }
        Ok(())
    }

    /// Unaccepted changes: each changed region, with the words it inserted
    /// or deleted (deleted words live here, not in the body).
    fn changes(&mut self, e: &Element) {
        for region in e.elements().filter(|r| r.name == "text:changed-region") {
            for change in region.elements() {
                let inserted = match change.name.as_str() {
                    "text:insertion" => true,
                    "text:deletion" => false,
                    _ => continue,
                };
                let mut words = change.text_without("office:change-info");
                if words.trim().is_empty() {
                    words = region.attr("text:id").or_else(|| region.attr("xml:id")).unwrap_or_default().to_string();
                }
                self.text.changes.push(Change { inserted, words: first_words(&words, 40) });
            }
        }
    }

    fn para(&mut self, p: &Element, list: Option<&ListAt>) -> Result<Para, WordError> {
        let style = self.styles.resolved(p.attr("text:style-name"));
        let outline = if p.name == "text:h" {
            Some(p.attr("text:outline-level").and_then(|l| l.parse().ok()).unwrap_or(1u8))
        } else {
            style.outline
        };
        let role = match (outline, list) {
            (Some(level), _) => Role::Heading(level.clamp(1, 6)),
            (None, Some(at)) => {
                let style_name = at.style.clone().or(style.list.clone());
                let numbered = style_name
                    .and_then(|s| self.styles.lists.get(&s))
                    .and_then(|levels| levels.get(&(at.level + 1)))
                    .copied()
                    .unwrap_or(false);
                Role::Item { level: at.level.min(8), numbered }
            }
            (None, None) => match style.list {
                Some(name) => {
                    let numbered = self.styles.lists.get(&name).and_then(|l| l.get(&1)).copied().unwrap_or(false);
                    Role::Item { level: 0, numbered }
                }
                None => Role::Body,
            },
        };
        let mut pieces = Vec::new();
        if !style.hidden {
            self.inlines(p, style.format.unwrap_or_default(), None, &mut pieces)?;
        }
        collapse_spaces(&mut pieces);
        Ok(Para { role, pieces })
    }

    fn inlines(
        &mut self,
        parent: &Element,
        format: Format,
        link: Option<usize>,
        out: &mut Vec<Piece>,
    ) -> Result<(), WordError> {
        for child in &parent.children {
            let e = match child {
                Child::Text(t) => {
                    out.push(Piece::Text { text: t.clone(), format, link });
                    continue;
                }
                Child::Element(e) => e,
            };
            let spaces = |n: usize| Piece::Text { text: "\u{0}".repeat(n), format, link };
            match e.name.as_str() {
                "text:span" => {
                    let style = self.styles.resolved(e.attr("text:style-name"));
                    if !style.hidden {
                        let inner = style.format.map_or(format, |f| format.with(f));
                        self.inlines(e, inner, link, out)?;
                    }
                }
                "text:a" => {
                    let link = match e.attr("xlink:href").filter(|h| !h.starts_with('#')) {
                        Some(url) => {
                            self.text.links.push(url.to_string());
                            Some(self.text.links.len() - 1)
                        }
                        None => link,
                    };
                    self.inlines(e, format, link, out)?;
                }
                // Explicit spaces survive the collapsing of white space.
                "text:s" => out.push(spaces(e.attr("text:c").and_then(|c| c.parse().ok()).unwrap_or(1usize).min(100))),
                "text:tab" => out.push(spaces(1)),
                "text:line-break" => out.push(Piece::Break),
                "text:note" => {
                    let index = self.text.footnotes.len();
                    self.text.footnotes.push(Vec::new());
                    let mut blocks = Vec::new();
                    if let Some(body) = e.child("text:note-body") {
                        self.blocks(body, &mut blocks, None)?;
                    }
                    self.text.footnotes[index] = flatten(blocks, &mut self.text.dropped);
                    out.push(Piece::Footnote(index));
                }
                "draw:frame" => self.frame(e, out)?,
                "draw:a" => self.inlines(e, format, link, out)?,
                "office:annotation"
                | "office:annotation-end"
                | "text:hidden-text"
                | "text:hidden-paragraph"
                | "text:note-citation"
                | "text:change"
                | "text:change-start"
                | "text:change-end"
                | "text:bookmark"
                | "text:bookmark-start"
                | "text:bookmark-end"
                | "text:soft-page-break"
                | "text:reference-mark"
                | "text:toc-mark"
                | "text:alphabetical-index-mark" => {}
                "draw:custom-shape" | "draw:rect" | "draw:ellipse" | "draw:line" | "draw:g" => {
                    self.drop(DroppedKind::Drawing, &e.text());
                }
                // Fields (dates, page numbers, variables) print their result.
                _ => self.inlines(e, format, link, out)?,
            }
        }
        Ok(())
    }

    fn drop(&mut self, kind: DroppedKind, words: &str) {
        self.text.dropped.push(Dropped { kind, words: first_words(words, 40) });
    }

    /// A frame: a picture, else a text box or object (dropped).
    fn frame(&mut self, frame: &Element, out: &mut Vec<Piece>) -> Result<(), WordError> {
        let alt = frame
            .child("svg:desc")
            .map(Element::text)
            .filter(|d| !d.trim().is_empty())
            .or_else(|| frame.child("svg:title").map(Element::text))
            .unwrap_or_default();
        if let Some(text_box) = frame.child("draw:text-box") {
            self.drop(DroppedKind::TextBox, &text_box.text());
        } else if let Some(object) = frame.child("draw:object").or_else(|| frame.child("draw:object-ole")) {
            self.drop(DroppedKind::Object, &object.text());
        } else if let Some(image) = frame.child("draw:image") {
            let href = image.attr("xlink:href").unwrap_or_default().trim_start_matches("./").to_string();
            // A picture inside the file is a path in it; anything else
            // (`../foto.png`, `file:`, a web address) is linked from outside.
            let linked = href.starts_with("../") || href.starts_with('/') || href.contains(':');
            match self.pkg.picture(&href)? {
                _ if href.is_empty() => self.drop(DroppedKind::Drawing, &alt),
                _ if linked => self.drop(DroppedKind::LinkedPicture, &href),
                PictureRead::Read(bytes) => {
                    self.text.pictures.push(Picture { name: href, bytes, alt });
                    out.push(Piece::Picture(self.text.pictures.len() - 1));
                }
                PictureRead::Missing => self.drop(DroppedKind::MissingPicture, &href),
                PictureRead::Format => self.drop(DroppedKind::PictureFormat, &href),
                PictureRead::Unprintable(why) => self.drop(DroppedKind::DamagedPicture, &why),
            }
        }
        Ok(())
    }

    fn table(&mut self, table: &Element) -> Result<Block, WordError> {
        let mut rows = Vec::new();
        let mut raw: Vec<(bool, &Element)> = Vec::new();
        for part in table.elements() {
            let header = part.name == "table:table-header-rows";
            match part.name.as_str() {
                "table:table-header-rows" | "table:table-rows" | "table:table-row-group" => {
                    raw.extend(part.elements().filter(|r| r.name == "table:table-row").map(|r| (header, r)));
                }
                "table:table-row" => raw.push((false, part)),
                _ => {}
            }
        }
        for (header, row) in raw {
            let mut cells = Vec::new();
            for cell in row.elements() {
                let number =
                    |name: &str| cell.attr(name).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).clamp(1, 64);
                match cell.name.as_str() {
                    "table:table-cell" => {
                        let mut blocks = Vec::new();
                        self.blocks(cell, &mut blocks, None)?;
                        let paras = flatten(blocks, &mut self.text.dropped);
                        cells.push(Cell {
                            paras,
                            colspan: number("table:number-columns-spanned"),
                            rowspan: number("table:number-rows-spanned"),
                            covered: false,
                        });
                    }
                    "table:covered-table-cell" => {
                        cells.push(Cell { paras: Vec::new(), colspan: 1, rowspan: 1, covered: true });
                    }
                    _ => {}
                }
            }
            rows.push(TableRow { header, cells });
        }
        Ok(Block::Table(rows))
    }
}

/// White space in ODF text collapses to one space, as a browser does;
/// `text:s` spaces (written as NUL above) are kept.
fn collapse_spaces(pieces: &mut [Piece]) {
    let mut last_space = true;
    for piece in pieces.iter_mut() {
        match piece {
            Piece::Text { text, .. } => {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    if c == '\u{0}' {
                        out.push(' ');
                        last_space = true;
                    } else if c.is_whitespace() && c != '\u{a0}' {
                        if !last_space {
                            out.push(' ');
                        }
                        last_space = true;
                    } else {
                        out.push(c);
                        last_space = false;
                    }
                }
                *text = out;
            }
            _ => last_space = false,
        }
    }
}
