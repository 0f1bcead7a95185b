//! A Word or LibreOffice text written out as the Markdown every other text
//! is, so the same engine fills it in and the same parser reads it. The
//! writer's text is escaped character by character; placeholders and
//! block tags (`{{ … }}`, `{% … %}`) are kept as written, even when Word
//! split them over runs set in different ways, and with Word's curly quotes
//! made straight. Formatting is written as inline HTML (`<strong>`, `<sup>`),
//! which, unlike `**`, means the same wherever it stands. Each Markdown line
//! remembers the paragraph it came from, so an error can name it.

use super::tags::{Atom, atoms, block_tags, straight};
use super::tree::{Block, Format, Para, Piece, Role, TableRow, Text, first_words};

/// Where a line of the Markdown came from: a paragraph of the body (tables
/// included) or of a footnote, numbered from 1, with its first words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// In a footnote (numbered among the footnotes) rather than the body.
    pub footnote: bool,
    /// Its number: among the paragraphs outside tables, or the footnotes.
    pub number: usize,
    /// Its first words.
    pub words: String,
    /// In a table: which table (from 1), and the row and column of its
    /// cell (from 1, as a Word user counts them; column 0 for a row whose
    /// cells hold more than one filled).
    pub cell: Option<(usize, usize, usize)>,
}

/// The Markdown of a text, with the passage each line came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    /// The Markdown.
    pub markdown: String,
    /// Per line of the Markdown (0-based), the index into `passages`.
    pub lines: Vec<Option<usize>>,
    /// The passages.
    pub passages: Vec<Passage>,
}

/// A line of the Markdown as its writer wrote it in Word: escapes, inline
/// tags and markers taken out.
///
/// ```
/// use missiedocs::input::word::write::plain;
/// assert_eq!(plain("1. <strong>{{ r.x }}</strong> kost € 5\\."), "{{ r.x }} kost € 5.");
/// ```
pub fn plain(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.trim().chars().peekable();
    let mut in_tag = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => out.extend(chars.next()),
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            _ => out.push(c),
        }
    }
    let out = out.trim();
    let out = out.trim_start_matches(['#', '-', ' ']);
    let out = out.strip_prefix("1. ").unwrap_or(out);
    out.trim().to_string()
}

/// The marker before a merged table cell's content; see `markdown::parse`.
pub const SPAN_MARKER: &str = "missiedocs:cel";
/// The marker of a grid position a merged cell covers.
pub const COVERED_MARKER: &str = "missiedocs:bedekt";

/// Writes a text as Markdown; `picture` names the path a picture is read
/// from by its index.
pub fn markdown(text: &Text, picture: &dyn Fn(usize) -> String) -> Written {
    let mut w = Writer {
        text,
        picture,
        out: Written::default(),
        last: Last::Nothing,
        after_tag: false,
        body_count: 0,
        table_count: 0,
    };
    for block in &text.blocks {
        match block {
            Block::Para(para) => w.para(para),
            Block::Table(rows) => w.table(rows),
        }
    }
    for (i, paras) in text.footnotes.iter().enumerate() {
        w.gap();
        let words: String = paras.iter().map(Para::words).collect::<Vec<_>>().join(" ");
        let passage = w.passage(true, i + 1, &words, None);
        let body = paras.iter().map(|p| w.inline(p)).collect::<Vec<_>>().join("<br>");
        w.line(&format!("[^{}]: {body}", i + 1), Some(passage));
    }
    w.out
}

/// What the writer wrote last, for the blank lines between blocks.
#[derive(PartialEq)]
enum Last {
    Nothing,
    Block,
    Item(u8),
}

struct Writer<'a> {
    text: &'a Text,
    picture: &'a dyn Fn(usize) -> String,
    out: Written,
    last: Last,
    /// The last line was a block tag line.
    after_tag: bool,
    body_count: usize,
    table_count: usize,
}

impl Writer<'_> {
    fn line(&mut self, line: &str, passage: Option<usize>) {
        self.out.markdown.push_str(line);
        self.out.markdown.push('\n');
        self.out.lines.push(passage);
    }

    /// A blank line, unless one was just written.
    fn gap(&mut self) {
        if !self.out.markdown.is_empty() && !self.out.markdown.ends_with("\n\n") {
            self.line("", None);
        }
    }

    fn passage(&mut self, footnote: bool, number: usize, words: &str, cell: Option<(usize, usize, usize)>) -> usize {
        self.out.passages.push(Passage { footnote, number, words: first_words(words, 40), cell });
        self.out.passages.len() - 1
    }

    fn body_passage(&mut self, para: &Para) -> usize {
        self.body_count += 1;
        self.passage(false, self.body_count, &para.words(), None)
    }

    /// A row of the current table (one Markdown line): its words, and the
    /// column of its only filled cell (0 when more are filled).
    fn row_passage(&mut self, words: &str, row: usize, column: usize) -> usize {
        self.passage(false, 0, words, Some((self.table_count, row, column)))
    }

    fn para(&mut self, para: &Para) {
        if is_empty(para) {
            return;
        }
        let passage = self.body_passage(para);
        if let Some(tags) = block_tags(para) {
            // Alone on its line: the engine drops the line, so the
            // paragraphs around it join as if it were not there (list
            // items stay one list).
            if !matches!(self.last, Last::Item(_)) {
                self.gap();
            }
            self.line(&tags, Some(passage));
            self.after_tag = true;
            return;
        }
        let after_tag = std::mem::replace(&mut self.after_tag, false);
        let inline = self.inline(para);
        match para.role {
            Role::Item { level, numbered } => {
                let level = match self.last {
                    Last::Item(previous) => level.min(previous + 1),
                    _ => {
                        if !after_tag {
                            self.gap();
                        }
                        0
                    }
                };
                let marker = if numbered { "1." } else { "-" };
                let indent = "    ".repeat(level as usize);
                self.line(&format!("{indent}{marker} {inline}"), Some(passage));
                self.last = Last::Item(level);
            }
            Role::Heading(level) => {
                self.gap();
                self.line(&format!("{} {inline}", "#".repeat(level.clamp(1, 6) as usize)), Some(passage));
                self.gap();
                self.last = Last::Block;
            }
            Role::Body => {
                self.gap();
                self.line(&inline, Some(passage));
                self.gap();
                self.last = Last::Block;
            }
        }
    }

    fn table(&mut self, rows: &[TableRow]) {
        let width = rows.iter().map(|r| r.cells.iter().map(|c| c.colspan.max(1)).sum::<usize>()).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        self.gap();
        self.after_tag = false;
        // Markdown has one heading row: the first marked one, else the first.
        let head = rows.iter().position(|r| r.header).filter(|&i| i == 0).unwrap_or(0);
        self.table_count += 1;
        for (i, row) in rows.iter().enumerate() {
            let mut cells = Vec::with_capacity(width);
            let (mut words, mut filled) = (Vec::new(), Vec::new());
            for cell in &row.cells {
                let column = cells.len() + 1;
                let span = cell.colspan.max(1);
                if cell.covered {
                    cells.extend((0..span).map(|_| format!("<!--{COVERED_MARKER}-->")));
                    continue;
                }
                let mut content = String::new();
                if span > 1 || cell.rowspan > 1 {
                    content.push_str(&format!("<!--{SPAN_MARKER} {span} {}-->", cell.rowspan.max(1)));
                }
                let mut parts = Vec::new();
                for para in cell.paras.iter().filter(|p| !is_empty(p)) {
                    words.push(para.words());
                    if filled.last() != Some(&column) {
                        filled.push(column);
                    }
                    parts.push(self.inline(para));
                }
                content.push_str(&parts.join("<br>"));
                cells.push(content);
                cells.extend((1..span).map(|_| format!("<!--{COVERED_MARKER}-->")));
            }
            while cells.len() < width {
                cells.push(String::new());
            }
            let passage = (!words.is_empty()).then(|| {
                let column = if filled.len() == 1 { filled[0] } else { 0 };
                self.row_passage(&words.join(" "), i + 1, column)
            });
            self.line(&format!("| {} |", cells.join(" | ")), passage);
            if i == head {
                self.line(&format!("|{}", " --- |".repeat(width)), None);
            }
        }
        self.gap();
        self.last = Last::Block;
    }

    /// A paragraph's content on one line.
    fn inline(&self, para: &Para) -> String {
        let atoms = atoms(para);
        let mut out = String::new();
        let mut open: Option<(Format, Option<usize>)> = None;
        let close = |out: &mut String, open: &mut Option<(Format, Option<usize>)>, links: &[String]| {
            if let Some((format, link)) = open.take() {
                out.push_str(&closing(format));
                if let Some(l) = link {
                    out.push_str(&format!("](<{}>)", url(links.get(l).map_or("", String::as_str))));
                }
            }
        };
        let start = atoms.iter().position(|a| !matches!(a, Atom::Char { c, .. } if c.is_whitespace()));
        let end = atoms.iter().rposition(|a| !matches!(a, Atom::Char { c, .. } if c.is_whitespace()));
        let (Some(start), Some(end)) = (start, end) else { return out };
        for atom in &atoms[start..=end] {
            match atom {
                Atom::Char { c, format, link, raw } => {
                    if open != Some((*format, *link)) {
                        let same_link = open.is_some_and(|(_, l)| l == *link && l.is_some());
                        if same_link {
                            let (old, _) = open.take().expect("checked");
                            out.push_str(&closing(old));
                        } else {
                            close(&mut out, &mut open, &self.text.links);
                            if link.is_some() {
                                out.push('[');
                            }
                        }
                        out.push_str(&opening(*format));
                        open = Some((*format, *link));
                    }
                    if *raw {
                        out.push(straight(*c));
                    } else {
                        escape(*c, &mut out);
                    }
                }
                Atom::Piece(piece) => {
                    close(&mut out, &mut open, &self.text.links);
                    match piece {
                        Piece::Break => out.push_str("<br>"),
                        Piece::Footnote(k) => out.push_str(&format!("[^{}]", k + 1)),
                        Piece::Picture(k) => {
                            let alt = self.text.pictures.get(*k).map_or("", |p| p.alt.as_str());
                            let mut escaped = String::new();
                            alt.split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" ")
                                .chars()
                                .for_each(|c| escape(c, &mut escaped));
                            out.push_str(&format!("![{escaped}](<{}>)", (self.picture)(*k)));
                        }
                        Piece::Text { .. } => {}
                    }
                }
            }
        }
        close(&mut out, &mut open, &self.text.links);
        out
    }
}

fn is_empty(para: &Para) -> bool {
    para.pieces.iter().all(|p| matches!(p, Piece::Text { text, .. } if text.trim().is_empty()))
}

/// The writer's text: every ASCII punctuation character escaped, so
/// nothing in it is read as Markdown.
fn escape(c: char, out: &mut String) {
    if c.is_ascii_punctuation() {
        out.push('\\');
    }
    out.push(c);
}

/// A link target inside `<…>`.
fn url(target: &str) -> String {
    target.replace('<', "%3C").replace('>', "%3E").replace(' ', "%20").replace('\n', "")
}

/// Whether a format has one property.
type Has = fn(Format) -> bool;

const TAGS: [(Has, &str); 5] =
    [(|f| f.bold, "strong"), (|f| f.italic, "em"), (|f| f.strike, "s"), (|f| f.sup, "sup"), (|f| f.sub, "sub")];

fn opening(format: Format) -> String {
    TAGS.iter().filter(|(on, _)| on(format)).map(|(_, tag)| format!("<{tag}>")).collect()
}

fn closing(format: Format) -> String {
    TAGS.iter().rev().filter(|(on, _)| on(format)).map(|(_, tag)| format!("</{tag}>")).collect()
}

#[cfg(test)]
mod tests {
    use super::super::tree::Cell;
    use super::*;

    fn text(s: &str, format: Format) -> Piece {
        Piece::Text { text: s.into(), format, link: None }
    }

    fn para(role: Role, pieces: Vec<Piece>) -> Block {
        Block::Para(Para { role, pieces })
    }

    const BOLD: Format = Format { bold: true, italic: false, strike: false, sup: false, sub: false };
    const PLAIN: Format = Format { bold: false, italic: false, strike: false, sup: false, sub: false };

    #[test]
    fn writes_blocks_and_keeps_tags_whole() {
        let t = Text {
            blocks: vec![
                para(Role::Heading(1), vec![text("Inleiding", PLAIN)]),
                para(
                    Role::Body,
                    vec![text("Missie *1* naar ", PLAIN), text("{{ missie.", BOLD), text("titel }}", PLAIN)],
                ),
                para(Role::Body, vec![text("{% for r in missie.resultaten %}", PLAIN)]),
                para(Role::Item { level: 0, numbered: true }, vec![text("{{ r.omschrijving|default(“—”) }}", PLAIN)]),
                para(Role::Body, vec![text("{% endfor %}", PLAIN)]),
                para(Role::Body, vec![text("Slot", PLAIN)]),
            ],
            ..Text::default()
        };
        let w = markdown(&t, &|_| String::new());
        assert_eq!(
            w.markdown,
            "# Inleiding\n\nMissie \\*1\\* naar <strong>{{ missie.titel }}</strong>\n\n\
             {% for r in missie.resultaten %}\n1. {{ r.omschrijving|default(\"—\") }}\n{% endfor %}\n\nSlot\n\n"
        );
        assert_eq!(w.passages[1].words, "Missie *1* naar {{ missie.titel }}");
        assert_eq!(w.lines[2].map(|p| w.passages[p].number), Some(2));
    }

    #[test]
    fn writes_merged_cells_with_markers() {
        let cell = |s: &str, colspan| Cell {
            paras: vec![Para { role: Role::Body, pieces: vec![text(s, PLAIN)] }],
            colspan,
            rowspan: 1,
            covered: false,
        };
        let t = Text {
            blocks: vec![Block::Table(vec![
                TableRow { header: true, cells: vec![cell("Thema", 2), cell("Aantal", 1)] },
                TableRow { header: false, cells: vec![cell("a", 1), cell("b", 1), cell("1", 1)] },
            ])],
            ..Text::default()
        };
        let w = markdown(&t, &|_| String::new());
        assert_eq!(
            w.markdown,
            "| <!--missiedocs:cel 2 1-->Thema | <!--missiedocs:bedekt--> | Aantal |\n| --- | --- | --- |\n| a | b | 1 |\n\n"
        );
    }
}
