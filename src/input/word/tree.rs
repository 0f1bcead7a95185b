//! What the Word and LibreOffice readers read a text into: paragraphs of
//! formatted pieces, tables of cells, footnotes — the structure both
//! formats share, before it is written out as Markdown.

/// How a piece of text is set. Word's and LibreOffice's own fonts, sizes
/// and colours are not kept: the house style decides those.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Format {
    /// Bold.
    pub bold: bool,
    /// Italic, or underlined (the house style has no underline).
    pub italic: bool,
    /// Struck through.
    pub strike: bool,
    /// Raised (m²).
    pub sup: bool,
    /// Lowered (CO₂).
    pub sub: bool,
}

impl Format {
    /// This formatting with another's added (a span inside a bold run).
    pub fn with(self, other: Format) -> Format {
        Format {
            bold: self.bold || other.bold,
            italic: self.italic || other.italic,
            strike: self.strike || other.strike,
            sup: self.sup || other.sup,
            sub: self.sub || other.sub,
        }
    }
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Text, set one way, in a link (its index in [`Text::links`]) or not.
    Text {
        /// The characters.
        text: String,
        /// How they are set.
        format: Format,
        /// The link the text is in.
        link: Option<usize>,
    },
    /// A line break inside the paragraph.
    Break,
    /// A picture from the file, by its index in [`Text::pictures`].
    Picture(usize),
    /// A reference to a footnote, by its index in [`Text::footnotes`].
    Footnote(usize),
}

/// What a paragraph is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Role {
    /// A plain paragraph.
    #[default]
    Body,
    /// A heading, level 1 to 6.
    Heading(u8),
    /// A list item at a depth (0 the outermost), numbered or bulleted.
    Item {
        /// Depth.
        level: u8,
        /// Numbered (1, 2, 3 / a, b, c / i, ii) rather than bulleted.
        numbered: bool,
    },
}

/// A paragraph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// What it is.
    pub role: Role,
    /// Its content.
    pub pieces: Vec<Piece>,
}

impl Para {
    /// Its text, formatting dropped.
    pub fn words(&self) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text { text, .. } => text.as_str(),
                Piece::Break => " ",
                _ => "",
            })
            .collect()
    }
}

/// A table cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// Its paragraphs.
    pub paras: Vec<Para>,
    /// Columns it spans.
    pub colspan: usize,
    /// Rows it spans.
    pub rowspan: usize,
    /// Covered by a merged cell above or to the left; not written.
    pub covered: bool,
}

/// A table row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableRow {
    /// Marked as a heading row (repeated on every page in Word).
    pub header: bool,
    /// Its cells.
    pub cells: Vec<Cell>,
}

/// A block of the text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Vec<TableRow>),
}

/// A picture in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Its name inside the file (`media/image1.png`).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Its alternative text (Word's "Alternatieve tekst", ODF's `svg:desc`).
    pub alt: String,
}

/// A text as read from a Word or LibreOffice file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Text {
    /// The body, in order.
    pub blocks: Vec<Block>,
    /// Footnotes (and endnotes), in the order they are referred to.
    pub footnotes: Vec<Vec<Para>>,
    /// Link targets.
    pub links: Vec<String>,
    /// Pictures placed.
    pub pictures: Vec<Picture>,
    /// Unaccepted tracked changes, each described with its first words.
    pub changes: Vec<Change>,
    /// What could not be carried over (a text box, a chart), described.
    pub dropped: Vec<Dropped>,
}

/// An unaccepted tracked change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Inserted (else deleted).
    pub inserted: bool,
    /// Its first words.
    pub words: String,
}

/// Something the file holds that the text cannot carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DroppedKind {
    /// A text box or frame with text.
    TextBox,
    /// A chart, diagram or drawing without a picture.
    Drawing,
    /// An embedded object (a spreadsheet, an equation editor object).
    Object,
    /// An equation.
    Equation,
    /// A picture in a format a PDF cannot hold (EMF, WMF, TIFF).
    PictureFormat,
    /// A picture the file refers to but does not hold.
    MissingPicture,
    /// A picture linked to a file outside (not embedded).
    LinkedPicture,
    /// A picture that is damaged, cut short, too large or links outside.
    DamagedPicture,
    /// Content inserted from another part (`w:altChunk`).
    AltChunk,
    /// A table inside a table, carried over as text.
    NestedTable,
}

/// Something not carried over, with its first words (or the picture's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// What it is.
    pub kind: DroppedKind,
    /// Its first words, or a picture's name.
    pub words: String,
}

/// The first words of a text, for messages: at most `n` characters, cut at
/// a word, with an ellipsis when cut.
///
/// ```
/// use missiedocs::input::word::first_words;
/// assert_eq!(first_words("Het college  heeft besloten", 15), "Het college …");
/// assert_eq!(first_words("Kort", 15), "Kort");
/// ```
pub fn first_words(text: &str, n: usize) -> String {
    let clean = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.chars().count() <= n {
        return clean;
    }
    let cut: String = clean.chars().take(n).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > 0 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{cut} …")
}

/// Paragraphs of blocks; a table inside (a cell, a footnote) is carried
/// over as its paragraphs, and said so.
pub fn flatten(blocks: Vec<Block>, dropped: &mut Vec<Dropped>) -> Vec<Para> {
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
